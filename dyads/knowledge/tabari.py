"""Readers for the TABARI / PETRARCH dictionary formats: verbs, actors, agents, discards, issues.

The field's standard dictionaries (CAMEO.2.0.txt, Phoenix.*.actors.txt, Phoenix.agents.txt,
Phoenix.discards.txt, Phoenix.IssueCoding.txt) and the PETRARCH test suites' dictionaries come from
the Open Event Data Alliance (openeventdata/petrarch2 and related repositories), MIT-licensed data.
This module reads them into frozen records; it does not code anything.

Formats, as the files write them (both the PETRARCH layout and the older TABARI one):

- verbs: synonym sets (`&NAME`, then `+WORD` lines); verb blocks (`--- NAME [code] ---`, then verb
  forms `VERB {IRREGULAR FORMS} [code]`, multi-word forms with `+` on the inflected word, e.g.
  `+ASK_FOR`, `WIRE_+TAP`); pattern lines `- * OF $ CORRUPTION [1121]`; transformations (`~ ...`).
  TABARI files have no block headers: every `VERB [code]` line starts a block.
- actors: a name (`WORD_WORD_`), `+` synonyms, codes `[CODE]`, `[CODE >date]`, `[CODE <date]`,
  `[CODE date-date]` on the name line or on lines of their own.
- agents: `NOUN_PHRASE {PLURALS} [~ROLE]`, `!PERSON! = MAN, MEN, ...` substitution sets.
- discards: one phrase a line, `+` for a story-level discard.
- issues: `<ISSUE CATEGORY=...>` blocks of `phrase [CODE]` and `~phrase` exclusions.

Conventions: `_` separates words like a space (a trailing `_`, TABARI's "whole word, not a stem",
is dropped, as PETRARCH-2 does; a verb's and an actor name's last word record whether it was there,
for the TABARI layout's stems; TABARI's older closer `=`, petrarch1's `BAN=` and `MOUSE=`, is read
as `_`); words are upper case; `#` and TABARI's `;` start comments outside
`[...]` (so `[###]` is a code); `<!-- ... -->` lines are comments. Every record carries the
`DictionaryRef` of its line. A malformed line raises `DictionaryError` ("file:line: what: text"),
except the few defects PETRARCH tolerates and the real files contain (see `TOLERATED`): those are
skipped with a warning, or raise too with `strict=True`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from enum import Enum
from fnmatch import fnmatch
from functools import lru_cache
from itertools import product
from pathlib import Path
from typing import Literal

from dyads.errors import DictionaryError
from dyads.model import DictionaryRef

# The defects found in the real dictionaries that PETRARCH reads past: skipped with a warning.
TOLERATED = (
    "actor without a code",
    "date that is not YYMMDD or YYYYMMDD",
    "date without '<', '>' or '-'",
    "text after the codes",
    "code closed by '}' instead of ']'",
    "agent without a [~ROLE] code",
    "pattern line without its leading '-'",
    "pattern without a [code]",
    "second code in a verb block header",
    "synonym set defined twice",
    "pattern with an unmatched ')'",
    "reference to an undefined synonym set",
    "closing tag without an opening one",
    "issue phrase without a [CODE]",
)

# YYMMDD: 00-30 is 20YY, 31-99 is 19YY, the rule PETRARCH's date reader documents (kept from KEDS
# and TABARI); the dictionary headers do not state it. The files' six-digit dates use only YY <= 14
# and YY >= 31 (Andropov [RUSELI 320101-...] is 1932, Zahir Shah [AFGELI 730717-070723] ends in 2007),
# so any pivot from 14 to 30 reads them alike.
TWO_DIGIT_YEAR_PIVOT = 30

DISCARD_CODE = "###"  # TABARI: an actor or pattern with this code makes its sentence a discard
NULL_CODE = "---"  # PETRARCH's "no code": a verb block without a default event, a pattern that codes nothing


# ---------------------------------------------------------------------------------------------
# Records


@dataclass(frozen=True, slots=True)
class DatedCode:
    """An actor code, valid between `start` and `end` (None: unbounded); bounds as written."""

    code: str
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One actor: its first name, its synonyms, and its codes in file order."""

    name: tuple[str, ...]
    synonyms: tuple[tuple[str, ...], ...]
    codes: tuple[DatedCode, ...]
    ref: DictionaryRef
    # for each of `names`, whether its last word is written without a closing "_" ("KUWAIT" and
    # not "LIBYA_"): in a TABARI-layout folder such a word is a stem (see `VerbWords.stem`)
    open_ended: tuple[bool, ...] = ()

    @property
    def names(self) -> tuple[tuple[str, ...], ...]:
        return (self.name, *self.synonyms)


@dataclass(frozen=True, slots=True)
class AgentEntry:
    """An agent noun phrase and the role it gives the actor next to it.

    `forms` has the phrase and its `{...}` forms with `!NAME!` substitutions expanded. `position`
    "after" (`[~GOV]`) appends the role to the actor's code, "before" (`[NGO~]`) puts it first.
    `regular_plurals` is True when the entry lists no `{...}`: PETRARCH then makes the regular
    plural itself; the reader does not invent word forms."""

    forms: tuple[tuple[str, ...], ...]
    role: str
    position: Literal["after", "before"]
    regular_plurals: bool
    ref: DictionaryRef


@dataclass(frozen=True, slots=True)
class Discard:
    """A phrase that makes its sentence (or, with `+`, its whole story) uncodable."""

    words: tuple[str, ...]
    scope: Literal["sentence", "story"]
    ref: DictionaryRef


@dataclass(frozen=True, slots=True)
class IssueWord:
    """A word of an issue phrase. `expand`: `n:` asks for noun forms, `v:` for verb forms;
    `joined`: written `a+b`, which PETRARCH matches as "a b" and "a-b"."""

    text: str
    expand: Literal["noun", "verb"] | None = None
    joined: bool = False


@dataclass(frozen=True, slots=True)
class IssueEntry:
    """An issue phrase in a category. `exclusions` counts leading `~` (0: tags `code`; 1 or 2:
    a phrase that must not be tagged, `~~` kept apart as the file writes it: it has no header
    saying how the two differ)."""

    category: str
    category_type: str  # TYPE= of the <ISSUE> tag: ALL, COUNTEVENT...
    words: tuple[IssueWord, ...]
    code: str | None
    exclusions: int
    ref: DictionaryRef
    raw: str


class Marker(Enum):
    """The one-character slots of a verb pattern."""

    VERB = "*"
    SOURCE = "$"
    TARGET = "+"
    SKIP = "^"  # TABARI: skip one noun phrase
    COMPOUND = "%"  # the source and the target are both in one compound noun phrase


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    # written joined to the element before it by TABARI's connector ("ECONOMIC_SANCTIONS"): the
    # words must be next to each other (not part of equality: "ECONOMIC_SANCTIONS" is still those words)
    joined: bool = field(default=False, compare=False)


@dataclass(frozen=True, slots=True)
class SynsetRef:
    """`&NAME`: any member of that synonym set (the name keeps its `&`, as a key of `synsets`)."""

    name: str
    joined: bool = field(default=False, compare=False)  # as `Word.joined`: "NEW_&TIETYPES"


@dataclass(frozen=True, slots=True)
class NounPhrase:
    """`{...}` in a PETRARCH pattern: words that must lie in one noun phrase."""

    elements: tuple[PatternElement, ...]


@dataclass(frozen=True, slots=True)
class PrepPhrase:
    """`(...)` in a PETRARCH pattern: a prepositional phrase, the preposition first."""

    elements: tuple[PatternElement, ...]


@dataclass(frozen=True, slots=True)
class Alternatives:
    """`{ A | B }` in a TABARI pattern: any one of the options."""

    options: tuple[tuple[PatternElement, ...], ...]
    joined: bool = field(default=False, compare=False)  # as `Word.joined`: "APPLY_{ GENEVA | INTERNATIONAL }"


PatternElement = Word | SynsetRef | Marker | NounPhrase | PrepPhrase | Alternatives


@dataclass(frozen=True, slots=True)
class EventCode:
    """A verb code. `[042:043]` codes a pair of events, as the TABARI suite documents ("LEFT
    generates a visit and a receive-visit event"): `code` from the source to the target and
    `paired` from the target back to the source; `[:173]` codes only the paired one. `[---]`
    codes nothing (both None). Codes are kept as written (test codes like 174K, 023?)."""

    code: str | None
    paired: str | None
    text: str

    @property
    def is_null(self) -> bool:
        return self.code is None and self.paired is None


@dataclass(frozen=True, slots=True)
class VerbPattern:
    """A pattern line: `elements` in order, the verb included as `Marker.VERB`."""

    elements: tuple[PatternElement, ...]
    code: EventCode
    ref: DictionaryRef
    raw: str

    @property
    def before(self) -> tuple[PatternElement, ...]:
        return self.elements[: self.elements.index(Marker.VERB)]

    @property
    def after(self) -> tuple[PatternElement, ...]:
        return self.elements[self.elements.index(Marker.VERB) + 1 :]


@dataclass(frozen=True, slots=True)
class VerbWords:
    """A verb, or a multi-word verb with `verb_index` its inflected word (`WIRE_+TAP`: 1).
    `stem`: in a TABARI file, a verb word written without a trailing `_` is a stem, matching
    any word that begins with it (`CONTRIBUT` "contributed", `SATISF` "satisfies"); `ACT_` is the
    word alone. PETRARCH-format files generate forms instead: their verbs are never stems.
    `exact`: closed by TABARI's `=` (`BAN=`): the word as written, no other form ("banned" is not
    BAN=; petrarch1's VERBEND-05a/b)."""

    words: tuple[str, ...]
    verb_index: int = 0
    stem: bool = False
    exact: bool = False


@dataclass(frozen=True, slots=True)
class VerbForm:
    """A verb of a block. `regular` is True when no `{...}` is given: PETRARCH then generates
    the -S/-ED/-ING forms itself; `{}` means the verb has no other form. `code` overrides the
    block's code for this verb."""

    base: VerbWords
    irregular: tuple[VerbWords, ...]
    regular: bool
    code: EventCode | None
    ref: DictionaryRef


@dataclass(frozen=True, slots=True)
class VerbBlock:
    """`--- NAME [code] ---` and its verbs and patterns; `code` is the event when no pattern matches."""

    name: str  # as written: "ACCELERATE", "LASH OUT", "ARM_"
    code: EventCode
    forms: tuple[VerbForm, ...]
    patterns: tuple[VerbPattern, ...]
    ref: DictionaryRef


@dataclass(frozen=True, slots=True)
class SynsetMember:
    """A member of a synonym set: a word, several words, a set (`+&OTHER`) or a phrase."""

    elements: tuple[PatternElement, ...]
    ref: DictionaryRef


@dataclass(frozen=True, slots=True)
class Transformation:
    """A `~ a (a b ATTACK) SAY = a b 015` rule, kept verbatim: the file does not define its syntax."""

    text: str
    ref: DictionaryRef


@dataclass(frozen=True, slots=True)
class VerbDictionary:
    """A verb file. A pattern may name a set that is not in `synsets` (CAMEO.2.0 uses &WEATHER): warned."""

    synsets: dict[str, tuple[SynsetMember, ...]]  # "&CURRENCY" -> members (trailing "_" dropped)
    blocks: tuple[VerbBlock, ...]
    transformations: tuple[Transformation, ...] = ()
    tabari: bool = False  # the TABARI layout (no block headers), written for a coder without a parse

    @property
    def patterns(self) -> tuple[VerbPattern, ...]:
        return tuple(pattern for block in self.blocks for pattern in block.patterns)


@dataclass(frozen=True, slots=True)
class TabariDictionaries:
    """Everything `read_folder` found; `files` names the files it read."""

    verbs: VerbDictionary | None
    actors: tuple[ActorEntry, ...]
    agents: tuple[AgentEntry, ...]
    discards: tuple[Discard, ...]
    issues: tuple[IssueEntry, ...]
    files: tuple[str, ...]
    warnings: tuple[str, ...]


# ---------------------------------------------------------------------------------------------
# Public functions


# Each reader raises DictionaryError on a malformed line. The defects of TOLERATED are skipped
# instead, each adding one "file:line: defect (what was done): text" line to `warnings` if given;
# `strict=True` makes them errors too (for checking a dictionary one edits).


def read_verbs(path: str | Path, *, strict: bool = False, warnings: list[str] | None = None) -> VerbDictionary:
    return _Reader(strict, warnings).verbs(Path(path))


def read_actors(path: str | Path, *, strict: bool = False, warnings: list[str] | None = None) -> tuple[ActorEntry, ...]:
    return _Reader(strict, warnings).actors(Path(path))


def read_agents(path: str | Path, *, strict: bool = False, warnings: list[str] | None = None) -> tuple[AgentEntry, ...]:
    return _Reader(strict, warnings).agents(Path(path))


def read_discards(path: str | Path, *, strict: bool = False, warnings: list[str] | None = None) -> tuple[Discard, ...]:
    return _Reader(strict, warnings).discards(Path(path))


def read_issues(path: str | Path, *, strict: bool = False, warnings: list[str] | None = None) -> tuple[IssueEntry, ...]:
    return _Reader(strict, warnings).issues(Path(path))


# Which reader a file name calls for (lower-cased name, fnmatch patterns).
FOLDER_KINDS = {
    "verbs": ("*verbs*", "cameo*"),
    "actors": ("*actors*",),
    "agents": ("*agents*",),
    "discards": ("*discards*",),
    "issues": ("*issue*",),
}


def read_folder(path: str | Path, *, strict: bool = False) -> TabariDictionaries:
    """Read every dictionary in a folder, found by file name (FOLDER_KINDS); several actor files are
    allowed, read in name order. The warnings of all files are in the result."""
    folder = Path(path)
    found = _files_by_kind(folder)
    if not any(found.values()):
        raise DictionaryError(f"{folder}: no TABARI dictionary (verbs, actors, agents, discards) in the folder")
    for kind in ("verbs", "agents", "discards", "issues"):
        if len(found[kind]) > 1:
            names = ", ".join(file.name for file in found[kind])
            raise DictionaryError(f"{folder}: more than one {kind} dictionary: {names}")
    warnings: list[str] = []
    reader = _Reader(strict, warnings)
    return TabariDictionaries(
        verbs=reader.verbs(found["verbs"][0]) if found["verbs"] else None,
        actors=tuple(entry for file in found["actors"] for entry in reader.actors(file)),
        agents=tuple(entry for file in found["agents"] for entry in reader.agents(file)),
        discards=tuple(entry for file in found["discards"] for entry in reader.discards(file)),
        issues=tuple(entry for file in found["issues"] for entry in reader.issues(file)),
        files=tuple(file.name for files in found.values() for file in files),
        warnings=tuple(warnings),
    )


def _files_by_kind(folder: Path) -> dict[str, list[Path]]:
    if not folder.is_dir():
        raise DictionaryError(f"{folder}: not a folder")
    found: dict[str, list[Path]] = {kind: [] for kind in FOLDER_KINDS}
    for file in sorted(folder.iterdir()):
        name = file.name.lower()
        kind = next((k for k, globs in FOLDER_KINDS.items() if any(fnmatch(name, g) for g in globs)), None)
        if kind and file.is_file():
            found[kind].append(file)
    return found


# ---------------------------------------------------------------------------------------------
# Lines


@dataclass(frozen=True, slots=True)
class _Line:
    number: int
    raw: str
    text: str  # without comments, stripped: "" for blank and comment lines

    @property
    def blank(self) -> bool:
        return not self.raw.strip()


def _lines(path: Path) -> list[_Line]:
    try:
        content = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DictionaryError(f"{path}: cannot read the dictionary: {exc}") from exc
    lines, in_markup_comment = [], False
    # split("\n"), not splitlines(): that also splits on \x1c, \u2028... and would shift line numbers
    for number, raw in enumerate(content.split("\n"), 1):
        raw = raw.rstrip("\r")
        stripped = raw.strip()
        if in_markup_comment or stripped.startswith("<!"):
            in_markup_comment = "-->" not in stripped
            lines.append(_Line(number, raw, ""))
        else:
            lines.append(_Line(number, raw, _without_comment(stripped)))
    return lines


def _without_comment(text: str) -> str:
    """Cut at the first `#` or `;` outside brackets: `[###]` is TABARI's discard code, not a comment."""
    if "#" not in text and ";" not in text:
        return text
    depth = 0
    for i, char in enumerate(text):
        if char == "[":
            depth += 1
        elif char == "]":
            depth = max(depth - 1, 0)
        elif char in "#;" and depth == 0:
            return text[:i].rstrip()
    return text


_WORD_SPLIT = re.compile(r"[\s_]+")
# TABARI's "=" closing a word ("BAN= [191]", "MOUSE= [MUS]" in petrarch1's files): the word itself,
# not a stem, as a closing "_" says (a verb so closed takes no other form either: `VerbWords.exact`);
# not "=" between spaces (agents' "!PERSON! = MAN, MEN")
_EQUALS_CLOSER = re.compile(r"(?<=[^\s=])=(?=\s|$)")


def _closed_by_underscore(text: str) -> str:
    return _EQUALS_CLOSER.sub("_", text)


def _words(text: str) -> tuple[str, ...]:
    return tuple(word for word in _WORD_SPLIT.split(text.upper()) if word)


# ---------------------------------------------------------------------------------------------
# Codes and dates

_BRACKETED = re.compile(r"\[([^\[\]]*)\]")
_RESTRICTION = re.compile(r"(?:(?P<op>[<>])\s*(?P<when>\d+)|(?P<start>\d+)?\s*-\s*(?P<end>\d+)?)")
_CODE_TEXT = re.compile(r"[^\s\[\]{}()]+")


class _BadDate(ValueError):
    """A date that is not six or eight digits: PETRARCH reads past it, so it is a tolerated defect."""


@lru_cache(maxsize=8192)
def _parse_date(digits: str) -> date:
    if len(digits) == 8:
        year, month_day = int(digits[:4]), digits[4:]
    elif len(digits) == 6:
        two_digits = int(digits[:2])
        year = (2000 if two_digits <= TWO_DIGIT_YEAR_PIVOT else 1900) + two_digits
        month_day = digits[2:]
    else:
        raise _BadDate(f"{digits} has {len(digits)} digits")
    return date(year, int(month_day[:2]), int(month_day[2:]))  # ValueError for 20131340


def _event_code(text: str) -> EventCode:
    """`042`, `042:043`, `:173`, `---` as an EventCode; ValueError if it is none of those."""
    code = text.strip()
    first, colon, second = code.partition(":")
    parts = [part.strip() for part in (first, second)]
    if not code or any(part and not _CODE_TEXT.fullmatch(part) for part in parts) or (colon and not any(parts)):
        raise ValueError(f"not an event code: [{text}]")

    def one(part: str) -> str | None:
        return None if part in ("", NULL_CODE) else part

    return EventCode(one(parts[0]), one(parts[1]) if colon else None, code)


# ---------------------------------------------------------------------------------------------
# The reader


class _Reader:
    """Reads one or more files, sharing the strictness and the warnings list."""

    def __init__(self, strict: bool, warnings: list[str] | None) -> None:
        self.strict = strict
        self.warnings = warnings if warnings is not None else []
        self.file = ""

    def ref(self, line: _Line) -> DictionaryRef:
        return DictionaryRef(self.file, line.number)

    def error(self, line: _Line, what: str) -> DictionaryError:
        return DictionaryError(f"{self.ref(line)}: {what}: {line.raw.strip()!r}")

    def tolerate(self, line: _Line, defect: str, outcome: str = "line skipped") -> None:
        """A defect PETRARCH reads past: warn (saying what was done about it), or raise when strict."""
        assert defect in TOLERATED, defect
        if self.strict:
            raise self.error(line, defect)
        self.warnings.append(f"{self.ref(line)}: {defect} ({outcome}): {line.raw.strip()!r}")

    def open(self, path: Path) -> list[_Line]:
        self.file = path.name
        return _lines(path)

    # -- actors ---------------------------------------------------------------------------------

    def actors(self, path: Path) -> tuple[ActorEntry, ...]:
        """A name line starts an entry; `+` synonyms and `[code]` lines add to it, blank lines or not
        (as in PETRARCH: MAY_19_COMMUNIST_ORDER_ [USAREB], a blank line, +MAY_19_COMMUNIST_COALITION_).
        Name lines without codes directly under a name without codes are more names of that entry
        (MIKHAIL_GORBACHEV_, +GORBACHEV..., EX-SOVIET_PRESIDENT_MIKHAIL_GORBACHEV, then the codes)."""
        entries: list[ActorEntry] = []
        current: _ActorDraft | None = None
        gap = False  # a blank line since the last dictionary line
        for line in self.open(path):
            if not line.text:
                gap = gap or line.blank
                continue
            if line.text[0] in "[+":
                self.add_to_actor(current, line)
            else:
                name, codes, open_ended = self.actor_line(line, line.text)
                if current and not current.codes and not codes and not gap:
                    current.synonyms.append(name)
                    current.open_ended.append(open_ended)
                else:
                    self.finish_actor(current, entries)
                    current = _ActorDraft(name, self.ref(line), line, codes=codes, open_ended=[open_ended])
            gap = False
        self.finish_actor(current, entries)
        return tuple(entries)

    def add_to_actor(self, current: _ActorDraft | None, line: _Line) -> None:
        if current is None:
            raise self.error(line, "synonym or code line before any actor name")
        if line.text[0] == "+":
            name, codes, open_ended = self.actor_line(line, line.text[1:])
            current.synonyms.append(name)
            current.open_ended.append(open_ended)
            current.codes.extend(codes)
        else:
            current.codes.extend(self.actor_codes(line, line.text))

    def actor_line(self, line: _Line, text: str) -> tuple[tuple[str, ...], list[DatedCode], bool]:
        """The name, its codes, and whether its last word is open (no closing "_")."""
        bracket = text.find("[")
        written = _closed_by_underscore(text if bracket < 0 else text[:bracket])
        name = _words(written)
        if not name:
            raise self.error(line, "actor line without a name")
        return name, self.actor_codes(line, text[bracket:]) if bracket >= 0 else [], not written.rstrip().endswith("_")

    def actor_codes(self, line: _Line, text: str) -> list[DatedCode]:
        codes, rest = [], text
        while rest.startswith("["):
            close = rest.find("]")
            if close < 0 or "[" in rest[1:close]:
                raise self.error(line, "unclosed '['")
            code = self.dated_code(line, rest[1:close])
            if code:
                codes.append(code)
            rest = rest[close + 1 :].lstrip()
        if rest:
            self.tolerate(line, "text after the codes", f"codes kept, {rest!r} ignored")
        return codes

    def dated_code(self, line: _Line, inside: str) -> DatedCode | None:
        code, restriction = (inside.split(None, 1) + ["", ""])[:2]
        if not _CODE_TEXT.fullmatch(code) or re.fullmatch(r"[<>]?\d[\d-]*", code):  # [991201-010114]: no code
            raise self.error(line, f"not an actor code: [{inside}]")
        if not (restriction := restriction.strip()):
            return DatedCode(code)
        if restriction.isdigit():
            self.tolerate(line, "date without '<', '>' or '-'", f"code [{inside.strip()}] skipped")
            return None
        match = _RESTRICTION.fullmatch(restriction)
        if not match or not any(match.group("when", "start", "end")):
            raise self.error(line, f"not a date restriction (>date, <date, date-date): [{inside}]")
        try:
            return self.restricted(code, match)
        except _BadDate as exc:
            self.tolerate(line, "date that is not YYMMDD or YYYYMMDD", f"{exc}: code [{inside.strip()}] skipped")
        except ValueError as exc:
            raise self.error(line, f"bad date in [{inside}]: {exc}") from exc
        return None

    @staticmethod
    def restricted(code: str, match: re.Match[str]) -> DatedCode:
        if match["op"] == ">":
            return DatedCode(code, start=_parse_date(match["when"]))
        if match["op"] == "<":
            return DatedCode(code, end=_parse_date(match["when"]))
        start, end = match["start"], match["end"]
        return DatedCode(code, _parse_date(start) if start else None, _parse_date(end) if end else None)

    def finish_actor(self, draft: _ActorDraft | None, entries: list[ActorEntry]) -> None:
        if draft and draft.codes:
            entries.append(ActorEntry(draft.name, tuple(draft.synonyms), tuple(draft.codes), draft.ref,
                                      tuple(draft.open_ended)))
        elif draft:
            self.tolerate(draft.line, "actor without a code", "entry skipped")

    # -- agents ---------------------------------------------------------------------------------

    _MACRO = re.compile(r"(![A-Z0-9_]+!)\s*=\s*(.+)")
    _AGENT = re.compile(
        r"(?P<phrase>[^{}\[\]]+?)\s*(?:\{(?P<forms>[^{}\[\]]*)\})?\s*\[(?P<code>[^\[\]{}]*)(?P<close>[]}])?"
    )

    def agents(self, path: Path) -> tuple[AgentEntry, ...]:
        macros: dict[str, tuple[str, ...]] = {}
        entries = []
        for line in self.open(path):
            if not line.text:
                continue
            if macro := self._MACRO.fullmatch(line.text):
                macros[macro[1]] = tuple(value.strip() for value in macro[2].split(",") if value.strip())
            elif entry := self.agent(line, macros):
                entries.append(entry)
        return tuple(entries)

    def agent(self, line: _Line, macros: dict[str, tuple[str, ...]]) -> AgentEntry | None:
        if "[" not in line.text and "{" not in line.text and "]" not in line.text:
            self.tolerate(line, "agent without a [~ROLE] code")
            return None
        match = self._AGENT.match(line.text)
        if not match:
            raise self.error(line, "not an agent line (PHRASE {FORMS} [~ROLE])")
        if match["close"] is None:
            raise self.error(line, "unclosed '['")
        if match["close"] == "}":
            self.tolerate(line, "code closed by '}' instead of ']'")
            return None
        if line.text[match.end() :].strip():
            self.tolerate(line, "text after the codes")
            return None
        role, position = self.agent_role(line, match["code"])
        phrases = [match["phrase"], *(match["forms"] or "").split()]
        forms = dict.fromkeys(words for phrase in phrases for words in self.expand(line, phrase, macros))
        return AgentEntry(tuple(forms), role, position, match["forms"] is None, self.ref(line))

    def agent_role(self, line: _Line, code: str) -> tuple[str, Literal["after", "before"]]:
        code = code.strip()
        if re.fullmatch(r"~[A-Z0-9]+", code):
            return code[1:], "after"
        if re.fullmatch(r"[A-Z0-9]+~", code):
            return code[:-1], "before"
        raise self.error(line, f"agent code is not [~ROLE] or [ROLE~]: [{code}]")

    def expand(self, line: _Line, phrase: str, macros: dict[str, tuple[str, ...]]) -> list[tuple[str, ...]]:
        """`CATTLE!PERSON!` -> CATTLEMAN, CATTLEMEN, ...: every combination of the sets used."""
        pieces = re.split(r"(![A-Z0-9_]+!)", phrase.upper())
        for name in pieces[1::2]:
            if name not in macros:
                raise self.error(line, f"undefined substitution set {name}")
        choices = [macros[piece] if i % 2 else (piece,) for i, piece in enumerate(pieces)]
        return [_words("".join(combination)) for combination in product(*choices)]

    # -- discards -------------------------------------------------------------------------------

    def discards(self, path: Path) -> tuple[Discard, ...]:
        entries = []
        for line in self.open(path):
            if not line.text:
                continue
            story = line.text.startswith("+")
            words = _words(line.text[1:] if story else line.text)
            if not words or any(char in line.text for char in "[]{}"):
                raise self.error(line, "not a discard phrase")
            entries.append(Discard(words, "story" if story else "sentence", self.ref(line)))
        return tuple(entries)

    # -- issues ---------------------------------------------------------------------------------

    _ISSUE_OPEN = re.compile(r'<ISSUE\s+CATEGORY="(?P<category>[^"]+)"(?:\s+TYPE="(?P<type>[^"]*)")?\s*>', re.I)
    _ISSUE = re.compile(r"(?P<tildes>~*)(?P<phrase>[^\[\]~]+)(?:\[(?P<code>[^\[\]]*)\])?(?P<rest>.*)")

    def issues(self, path: Path) -> tuple[IssueEntry, ...]:
        entries: list[IssueEntry] = []
        category: tuple[str, str] | None = None
        for line in self.open(path):
            if not line.text:
                continue
            if opened := self._ISSUE_OPEN.fullmatch(line.text):
                category = opened["category"], opened["type"] or ""
            elif line.text.upper() == "</ISSUE>":
                if category is None:
                    self.tolerate(line, "closing tag without an opening one")
                category = None
            elif category is None:
                raise self.error(line, "issue phrase outside an <ISSUE CATEGORY=...> block")
            elif entry := self.issue(line, category):
                entries.append(entry)
        return tuple(entries)

    def issue(self, line: _Line, category: tuple[str, str]) -> IssueEntry | None:
        match = self._ISSUE.fullmatch(line.text)
        if not match:
            raise self.error(line, "not an issue phrase (phrase [CODE], or ~phrase)")
        tildes, code = len(match["tildes"]), match["code"]
        if match["rest"].strip():
            self.tolerate(line, "text after the codes")
        elif tildes and code is not None:
            raise self.error(line, "an exclusion (~phrase) has no [CODE]")
        elif not tildes and not code:
            self.tolerate(line, "issue phrase without a [CODE]")
        else:
            words = tuple(word for token in match["phrase"].split() for word in _issue_words(token))
            return IssueEntry(*category, words, code, tildes, self.ref(line), line.raw)
        return None

    # -- verbs ----------------------------------------------------------------------------------

    def verbs(self, path: Path) -> VerbDictionary:
        lines = self.open(path)
        return _VerbReader(self, lines).read()


def _issue_words(token: str) -> list[IssueWord]:
    words = []
    for i, part in enumerate(token.upper().split("+")):
        prefix, colon, text = part.partition(":")
        expand: Literal["noun", "verb"] | None = None
        if colon and prefix in ("N", "V"):
            expand = "noun" if prefix == "N" else "verb"
        words.append(IssueWord(text if expand else part, expand, joined=i > 0))
    return words


@dataclass(slots=True)
class _ActorDraft:
    name: tuple[str, ...]
    ref: DictionaryRef
    line: _Line
    synonyms: list[tuple[str, ...]] = field(default_factory=list)
    codes: list[DatedCode] = field(default_factory=list)
    open_ended: list[bool] = field(default_factory=list)  # of the name, then of each synonym


@dataclass(slots=True)
class _BlockDraft:
    name: str
    code: EventCode
    ref: DictionaryRef
    forms: list[VerbForm] = field(default_factory=list)
    patterns: list[VerbPattern] = field(default_factory=list)

    def frozen(self) -> VerbBlock:
        return VerbBlock(self.name, self.code, tuple(self.forms), tuple(self.patterns), self.ref)


# ---------------------------------------------------------------------------------------------
# Verbs

# the closing --- may be missing ("--- TROUBLED  [---] # NOUN ---") or doubled ("[110]---  ---")
_BLOCK_HEADER = re.compile(r"---\s*(?P<name>[^\[\]]*?)\s*(?P<codes>(?:\[[^\[\]]*\]\s*)+)(?:---\s*)*")
_FORM = re.compile(r"(?P<phrase>[^{}\[\]]+?)\s*(?:\{(?P<irregular>[^{}]*)\})?\s*(?:\[(?P<code>[^\[\]]*)\])?")
_IRREGULAR_LINE = re.compile(r"\{(?P<irregular>[^{}]*)\}")
_PATTERN = re.compile(r"-(?!--)\s*(?P<body>.*?)\s*(?:\[(?P<code>[^\[\]]*)\])?")
_PATTERN_TOKEN = re.compile(r"&[^\s(){}|*$+^%]+|[*$+^%(){}|]|[^\s_*$+^%(){}|&]+")


_Token = str | PatternElement  # a bracket or "|" still to pair up, or an element
_Sequence = tuple[list, int, str | None]  # elements (or a group's options), the next index, the stop met


class _VerbReader:
    """A verb file, line by line: synonym sets, blocks with their forms and patterns, transformations."""

    def __init__(self, reader: _Reader, lines: list[_Line]) -> None:
        self.reader = reader
        self.lines = lines
        self.tabari = not any(line.text.startswith("---") for line in lines)  # TABARI: no block headers
        # names first: a pattern may use a set defined further down, and `&FIGHT_GAMES` is &FIGHT + GAMES
        self.synset_names = {_synset_name(line.text.split()[0]) for line in lines if line.text.startswith("&")}
        self.synsets: dict[str, list[SynsetMember]] = {}
        self.blocks: list[_BlockDraft] = []
        self.transformations: list[Transformation] = []
        self.members: list[SynsetMember] | None = None  # of the set being read
        self.block: _BlockDraft | None = None  # the block being read

    def read(self) -> VerbDictionary:
        for line in self.lines:
            if line.blank:
                self.members = None  # a set ends at a blank line; a block runs to the next header
            elif line.text:
                self.line(line)
        synsets = {name: tuple(members) for name, members in self.synsets.items()}
        return VerbDictionary(synsets, tuple(block.frozen() for block in self.blocks), tuple(self.transformations),
                              self.tabari)

    def line(self, line: _Line) -> None:
        text = line.text
        if text.startswith("&"):
            self.open_synset(line)
        elif text.startswith("+") and self.members is not None:
            self.members.append(SynsetMember(self.elements(line, text[1:]), self.reader.ref(line)))
        elif text.startswith("~"):
            self.transformations.append(Transformation(text, self.reader.ref(line)))
            self.members = self.block = None
        elif text.startswith("---"):
            self.open_block(line)
        elif _PATTERN.fullmatch(text):
            self.pattern(line)
        elif text.startswith("*"):
            self.reader.tolerate(line, "pattern line without its leading '-'")
        elif self.tabari and not text.startswith("{"):
            self.open_tabari_block(line)
        else:
            self.form(line)

    def open_synset(self, line: _Line) -> None:
        parts = line.text.split()
        if len(parts) != 1:
            raise self.reader.error(line, "a synonym set line is just &NAME")
        name, self.block = _synset_name(parts[0]), None
        self.members = []
        if name in self.synsets:  # read, then dropped: the first definition stays
            self.reader.tolerate(line, "synonym set defined twice", f"{name}: the first definition is kept")
        else:
            self.synsets[name] = self.members

    def open_block(self, line: _Line) -> None:
        header = _BLOCK_HEADER.fullmatch(line.text)
        if not header or not header["name"]:
            raise self.reader.error(line, "malformed block header (--- NAME [code] ---)")
        codes = _BRACKETED.findall(header["codes"])
        if len(codes) > 1:
            self.reader.tolerate(line, "second code in a verb block header", f"[{codes[0]}] used, [{codes[1]}] ignored")
        self.members = None
        self.block = _BlockDraft(header["name"], self.event_code(line, codes[0]), self.reader.ref(line))
        self.blocks.append(self.block)

    def open_tabari_block(self, line: _Line) -> None:
        """TABARI: `VERB [code]` starts a block of its own, the verb its only form."""
        match = _FORM.fullmatch(line.text)
        if not match or match["code"] is None:
            raise self.reader.error(line, "a TABARI verb line is VERB [code]")
        self.members = None
        code = self.event_code(line, match["code"])
        self.block = _BlockDraft(match["phrase"], code, self.reader.ref(line))
        self.blocks.append(self.block)
        self.block.forms.append(self.verb_form(line, match, with_code=False))

    def form(self, line: _Line) -> None:
        if self.block is None:
            raise self.reader.error(line, "verb form outside a verb block")
        if self.tabari:  # `{ BROKE_ BROKEN_ }` on its own line: the irregular forms of the block's verb
            forms = _IRREGULAR_LINE.fullmatch(line.text)
            if not forms:
                raise self.reader.error(line, "expected { IRREGULAR FORMS }")
            irregular = tuple(self.verb_words(line, word) for word in forms["irregular"].split())
            self.block.forms[-1] = replace(self.block.forms[-1], irregular=irregular, regular=False)
            return
        match = _FORM.fullmatch(line.text)
        if not match:
            raise self.reader.error(line, self.form_problem(line.text))
        self.block.forms.append(self.verb_form(line, match, with_code=True))

    @staticmethod
    def form_problem(text: str) -> str:
        for opener, closer in (("[", "]"), ("{", "}")):
            if text.count(opener) != text.count(closer):
                return f"unclosed '{opener}'"
        return "not a verb form (VERB {IRREGULAR FORMS} [code])"

    def verb_form(self, line: _Line, match: re.Match[str], with_code: bool) -> VerbForm:
        irregular = match["irregular"]
        code = self.event_code(line, match["code"]) if with_code and match["code"] is not None else None
        return VerbForm(
            base=self.verb_words(line, match["phrase"]),
            irregular=tuple(self.verb_words(line, form) for form in (irregular or "").split()),
            regular=irregular is None,
            code=code,
            ref=self.reader.ref(line),
        )

    def verb_words(self, line: _Line, text: str) -> VerbWords:
        exact = bool(_EQUALS_CLOSER.search(text))
        text = _closed_by_underscore(text)
        pieces = [piece for piece in _WORD_SPLIT.split(text.upper()) if piece]
        marked = [i for i, piece in enumerate(pieces) if piece.startswith("+")]
        if len(marked) > 1 or not pieces or any(piece == "+" for piece in pieces):
            raise self.reader.error(line, f"a multi-word verb marks one word with '+': {text!r}")
        at = marked[0] if marked else 0
        # the verb word is a stem unless a "_" closes it ("ACT_", "BROKEN_DOWN_"): TABARI files only
        stem = self.tabari and not re.search(rf"(?<![A-Z']){re.escape(pieces[at])}_", text.upper())
        return VerbWords(tuple(piece.lstrip("+") for piece in pieces), at, stem, exact and self.tabari)

    def pattern(self, line: _Line) -> None:
        match = _PATTERN.fullmatch(line.text)
        assert match
        if self.block is None:
            raise self.reader.error(line, "pattern outside a verb block")
        if match["code"] is None:
            if "[" in match["body"] or "]" in match["body"]:
                raise self.reader.error(line, "unclosed '['" if "]" not in match["body"] else "misplaced ']'")
            self.reader.tolerate(line, "pattern without a [code]")
            return
        if match["body"].count(")") > match["body"].count("("):  # "(WITH VISIT)   VISIT)[042:043]"
            self.reader.tolerate(line, "pattern with an unmatched ')'")
            return
        elements = self.elements(line, match["body"])
        if elements.count(Marker.VERB) != 1:
            raise self.reader.error(line, "a pattern has exactly one '*' (the verb) outside brackets")
        code = self.event_code(line, match["code"])
        self.block.patterns.append(VerbPattern(elements, code, self.reader.ref(line), line.raw))

    def event_code(self, line: _Line, text: str) -> EventCode:
        try:
            return _event_code(text)
        except ValueError as exc:
            raise self.reader.error(line, str(exc)) from exc

    # -- pattern elements ----------------------------------------------------------------------

    def elements(self, line: _Line, text: str) -> tuple[PatternElement, ...]:
        if any(char in text for char in "[]"):
            raise self.reader.error(line, "'[' or ']' inside a pattern: the code goes last, alone")
        elements, _, _ = self.sequence(line, self.tokens(line, text), 0, stops=())
        return tuple(elements)

    def tokens(self, line: _Line, text: str) -> list[_Token]:
        tokens: list[_Token] = []
        text, end = text.upper(), -1
        for match in _PATTERN_TOKEN.finditer(text):
            token = match.group()
            joined = text[end:match.start()] == "_" if end >= 0 else False  # "ECONOMIC_SANCTIONS"
            end = match.end()
            if token.startswith("&"):
                tokens.extend(self.synset_tokens(line, token, joined))
            elif len(token) == 1 and token in "*$+^%":
                tokens.append(Marker(token))
            elif token in ("(", ")", "{", "}", "|"):
                tokens.append(JOINED_BRACE if token == "{" and joined else token)
            else:
                tokens.append(Word(token, joined))
        return tokens

    def synset_tokens(self, line: _Line, token: str, joined: bool = False) -> list[PatternElement]:
        """`&NEGATVAUXVRB_EVER` -> the longest defined set name, then the rest as words, joined to it."""
        parts = token[1:].split("_")
        for cut in range(len(parts), 0, -1):
            name = "&" + "_".join(parts[:cut])
            if name in self.synset_names:
                return [SynsetRef(name, joined), *(Word(part, True) for part in parts[cut:] if part)]
        name = _synset_name(token)
        self.reader.tolerate(line, "reference to an undefined synonym set", f"{name} kept in the pattern")
        return [SynsetRef(name, joined)]

    def sequence(self, line: _Line, tokens: list[_Token], start: int, stops: tuple[str, ...]) -> _Sequence:
        """Elements from `start` up to one of `stops`; returns (elements, next index, stop found)."""
        elements: list[PatternElement] = []
        i = start
        while i < len(tokens):
            token = tokens[i]
            if isinstance(token, str) and token in stops:
                return elements, i + 1, token
            if token == "(":
                options, i, _ = self.group(line, tokens, i + 1, ")")
                elements.append(PrepPhrase(options[0]))
            elif token in ("{", JOINED_BRACE):
                options, i, _ = self.group(line, tokens, i + 1, "}")
                elements.append(NounPhrase(options[0]) if len(options) == 1
                                else Alternatives(tuple(options), token == JOINED_BRACE))
            elif isinstance(token, str):
                raise self.reader.error(line, f"unexpected '{token}'")
            else:
                elements.append(token)
                i += 1
        if stops:
            raise self.reader.error(line, f"unclosed '{'(' if ')' in stops else '{'}'")
        return elements, i, None

    def group(self, line: _Line, tokens: list[_Token], start: int, closer: str) -> _Sequence:
        """The options of a `(...)` or `{... | ...}` group, each a tuple of elements."""
        options, i = [], start
        while True:
            elements, i, stop = self.sequence(line, tokens, i, stops=(closer, "|") if closer == "}" else (closer,))
            if not elements:
                raise self.reader.error(line, f"empty option in '{closer}' group")
            options.append(tuple(elements))
            if stop == closer:
                return options, i, stop


# "{" written joined to the word before it ("APPLY_{ GENEVA | INTERNATIONAL }"), as a pattern token
JOINED_BRACE = "_{"


def _synset_name(text: str) -> str:
    """`&AUXVERB1_` and `&AUXVERB1` name the same set: the trailing underscore is TABARI's word end."""
    return text.upper().rstrip("_")
