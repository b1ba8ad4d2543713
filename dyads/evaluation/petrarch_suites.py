"""Read the PETRARCH validation suites and score an event coder against them.

The suites (``/work/shared/petrarch/suites``, MIT, Open Event Data Alliance) are sentences about
fictional actors, each with the events PETRARCH was expected to code from it. Three files, one
record format, two dialects:

* ``petrarch2/PETR.UnitTest.records.xml`` and ``universalpetrarch-2_02/PETR_Validate_records_2_02.xml``
  ("PETRARCH XML": a ``<Validation>`` root). Neither is parsed with an XML parser: the
  UniversalPetrarch file is not well-formed (``<!-- ... -->`` nested in its header comment and
  ``<PLEvent {json}>`` lines), so all three files go through the same tolerant scanner.
  A record here that cannot be read raises :class:`GoldError` naming ``file:line``.
* ``petrarch1/PETR.Validate.records.140226.txt`` ("TABARI port": no ``<Validation>`` root).
  ``<EventCoding>`` is never closed, 29 records lack ``</Sentence>`` (a record then ends where the
  next one starts), 326 of 405 have no ``<Text>`` (the sentence is the first run of bare prose
  lines, before the parse tree), two carry CoreNLP debris (``month</TIMEX3>] [Text=...``), and
  many expectations exist only as TABARI comments. A record that cannot be read is counted in
  :attr:`Suite.skipped` with the reason instead of raising.

What every element and attribute found in the three files means here
--------------------------------------------------------------------
``<Sentence>``
    ``id`` (not unique: petrarch2 repeats AGENTS-18/19, UniversalPetrarch DEMO-32, petrarch1 25
    ids, so records are identified by id *and* line), ``category``, ``date`` (YYYYMMDD, the story date the coder gets).
    ``evaluate="false"`` (UniversalPetrarch: "bypass the evaluation of a case"),
    ``sentence="false"`` (petrarch2: each such record says "currently not implemented") and
    ``valid="false"`` (petrarch1) all mean the suite disables the record: it is read, not scored,
    and counted. ``valid="true"`` (petrarch1: "confirmed to work") and ``sentence="true"`` change
    nothing. ``place`` (one petrarch1 record, AGENT-08) is not honoured: the coder interface has no
    place, so that record's ``XYZGOV`` expectation cannot be met.
``<EventCoding sourcecode targetcode eventcode>``
    One expected event. Attributes may be single-quoted (petrarch2 quotes noun phrases that way).
    ``noevents="True"``: the coder must stay silent. ``error=``: PETRARCH should flag the record;
    ``storydiscard`` / ``sentencediscard`` (a discard phrase from the test dictionary) mean nothing
    is coded, so they are scored like ``noevents``; ``bad_input_parse`` (a deliberately broken
    parse tree, which dyads never reads: the text itself is a codable DEMO sentence) and
    ``dateline`` (PETRARCH's input-hygiene check) say nothing about events: not scored, counted.
TABARI comment expectations
    Used only when a record has no ``<EventCoding>`` (53 petrarch1 records, petrarch2's
    PATTERN-06). ``{ SRC / TGT / CODE }`` is an event (several comments give several events; a
    trailing ``*/``, ``\\n`` or TABARI date like ``950111`` is ignored), ``{---}`` means no events,
    ``{###}`` expects a discard (scored like ``noevents``), ``{+++}`` expects TABARI's complexity or
    overflow error (not scored). A comment holding only ``---``, ``###`` or ``+++``
    (``<!-- ----->``, ``<!-- +++-->``) is the same marker with its braces lost in the conversion.
    A leading ``-`` (``-{ DANBRD / DOL / 162 }``, "Currently doesn't work -- deactivated") marks a
    deactivated expectation: a record with nothing else is not scored.
``<Text>``
    The sentence, whitespace-normalised; XML entities decoded in the XML dialect only (petrarch1
    writes ``&TIETYPE`` literally). ``<Parse>`` (Penn Treebank or CoNLL-U) is ignored: dyads parses.
``<Config option value>``
    Sets an option for every record after it (options in force are handed to the coder as
    written: values such as ``True``/``TRUE``/``true`` are not normalised). Seen: ``require_dyad``,
    ``new_actor_length``, ``comma_min/max/emin/emax/bmin/bmax``, ``stop_on_error`` (a runner
    switch, passed through). petrarch1 has no ``<Config>``: its TABARI option records (a
    ``<Sentence>`` whose comment starts ``OPTION:``) are applied the way petrarch2 ported them:
    ``COMMA: MIN = 4 ... BMAX = 6`` sets ``comma_min``...``comma_bmax`` (a missing number leaves
    that option alone), ``COMMA: OFF`` sets ``comma_max``, ``comma_emax`` and ``comma_bmax`` to 0,
    ``SET: MINIMUM WORDS = n`` sets ``minimum_words`` (TABARI only). Those records go to
    ``Suite.skipped``: they hold no sentence.
``<Environment>``
    ``Verbfile``/``Actorfile``/``Agentfile``/``Discardfile``/``PICOfile``/``Errorfile`` name the
    suite's test dictionaries (kept in :attr:`Suite.environment`). ``<Include>`` is the category
    selection of the suite's own runner: kept in :attr:`Suite.include` but not applied by default
    (petrarch1's is a debugging selection, ``valid AGENT DEMO``, with alternatives commented out
    below it); pass ``categories=suite.include`` to :func:`score_suite` to apply it.
    ``<Pause>``, ``<!--Stop-->`` and ``<Skip>``: runner controls; ``<Skip>`` on a record disables it.
The FINAL record
    petrarch1's FINAL-01 says "the remaining records require other .options settings, or crash
    the program, and were only used for the debugging of additional features in TABARI": records
    after a record whose id starts with ``FINAL`` are read but not scored.
``<PLEvent {json}>`` (UniversalPetrarch: PLOVER equivalents, "ignored at present") and CoreNLP
``<TIMEX3>`` debris are ignored.

Comparing codes
---------------
Codes are compared as the suite writes them, with one exception: ``---`` alone is PETRARCH's
null actor ("no source/target found", coded only when ``require_dyad`` is false), so an expected
``---``, an empty code and a coder's ``None`` are the same thing. ``---GOV`` (a government of
unknown country), ``~MIL`` (TABARI agent without actor), ``FRO/BIL/SAM``, ``###``/``+++`` (actor
codes of the test dictionaries) and event codes outside CAMEO (``1717``, ``174K``, ``903``,
``023?``...) stay literal: a CAMEO coder cannot match them, by design of the suites.

Scoring
-------
Per scored record, expected and returned (source, target, code) triples are multisets: event
recall = matched/expected, precision = matched/returned, F1 = 2*matched/(expected+returned).
A record passes whole when the set of returned triples equals the set of expected ones (so a
no-event record passes when the coder is silent, and a repeated triple costs precision but not
the record: no suite record repeats a triple); "no-event silent" is the share of no-event
records where the coder returned nothing. All of these per category and overall. Records are
scored in file order, so the same suite and coder give the same report.
"""

import datetime as dt
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar
from xml.sax.saxutils import unescape

from dyads.errors import GoldError

K = TypeVar("K")
V = TypeVar("V")
Triple = tuple[str | None, str | None, str]
TripleCoder = Callable[[str, dt.date, Mapping[str, str]], Iterable[Triple]]

NULL_ACTOR = "---"
XML_DIALECT = "petrarch-xml"
TABARI_PORT = "tabari-port"
DISCARD_ERRORS = frozenset({"storydiscard", "sentencediscard", "discard"})
_XML_ENTITIES = {"&quot;": '"', "&apos;": "'"}


class FrozenMapping(Mapping[K, V]):
    """An immutable, hashable mapping that keeps insertion order."""

    __slots__ = ("_data",)

    def __init__(self, items: Mapping[K, V] | Iterable[tuple[K, V]] = ()) -> None:
        self._data = dict(items)

    def __getitem__(self, key: K) -> V:
        return self._data[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __hash__(self) -> int:
        return hash(frozenset(self._data.items()))

    def __repr__(self) -> str:
        return f"FrozenMapping({self._data!r})"

    def updated(self, key: K, value: V) -> "FrozenMapping[K, V]":
        return FrozenMapping({**self._data, key: value})


def actor_code(code: str | None) -> str | None:
    """Normalise an actor code for comparison: None, '' and PETRARCH's '---' all mean "no actor"."""
    if code is None:
        return None
    code = code.strip()
    return None if code in ("", NULL_ACTOR) else code


# --------------------------------------------------------------------------------------------
# What a suite is made of


@dataclass(frozen=True, slots=True)
class ExpectedEvent:
    source: str
    target: str
    code: str

    def triple(self) -> Triple:
        return actor_code(self.source), actor_code(self.target), self.code.strip()


@dataclass(frozen=True, slots=True)
class SuiteRecord:
    """One ``<Sentence>``. ``exclusion`` is None when the record is scored, else the reason."""

    id: str
    category: str
    date: dt.date
    text: str
    expected: tuple[ExpectedEvent, ...]
    expects_no_event: bool
    evaluate: bool
    options: FrozenMapping[str, str]
    error: str | None
    line: int
    from_comment: bool = False
    exclusion: str | None = None
    # the <Sentence> tag's attributes as written (petrarch1's valid="true": "confirmed to work")
    attributes: FrozenMapping[str, str] = field(default_factory=FrozenMapping)

    @property
    def scored(self) -> bool:
        return self.exclusion is None


@dataclass(frozen=True, slots=True)
class SkippedRecord:
    line: int
    id: str
    reason: str


@dataclass(frozen=True, slots=True)
class Suite:
    name: str
    path: Path
    dialect: str
    records: tuple[SuiteRecord, ...]
    skipped: tuple[SkippedRecord, ...]
    options_seen: tuple[str, ...]
    include: tuple[str, ...]
    environment: FrozenMapping[str, str]

    def record(self, record_id: str) -> SuiteRecord:
        """The first record with this id (ids repeat in these suites: see :attr:`SuiteRecord.line`)."""
        for record in self.records:
            if record.id == record_id:
                return record
        raise KeyError(record_id)


# --------------------------------------------------------------------------------------------
# Reading


class _BadRecord(Exception):
    def __init__(self, offset: int, message: str) -> None:
        super().__init__(message)
        self.offset = offset


@dataclass(frozen=True, slots=True)
class _Comment:
    offset: int  # where the comment's body starts in the file
    body: str


@dataclass(frozen=True, slots=True)
class _Expectation:
    events: tuple[ExpectedEvent, ...] = ()
    no_event: bool = False
    error: str | None = None
    from_comment: bool = False
    deactivated: bool = False

    @property
    def empty(self) -> bool:
        return not (self.events or self.no_event or self.error)


_COMMENT = re.compile(r"<!--(.*?)-->", re.S)
_TOP_LEVEL = re.compile(r"<Sentence\s[^>]*>|<Config\s[^>]*>")
_BLOCK_END = re.compile(r"</Sentence\s*>|<Sentence\s|</Sentences\s*>|<Config\s")
_ATTRIBUTE = re.compile(r"""([A-Za-z_][\w.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_EVENT_CODING = re.compile(r"<EventCoding\b[^>]*>")
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.S)
_PARSE = re.compile(r"<Parse>.*?</Parse>", re.S)
_SKIP = re.compile(r"<Skip\s*/?>")
_ENVIRONMENT = re.compile(r"<Environment>(.*?)</Environment>", re.S)
_ENV_ENTRY = re.compile(r"<(\w+)\b([^>]*?)/?>([^<]*)")
_TABARI_EXPECTATION = re.compile(r"(-?)\{\s*([^{}]*?)\s*\}")
_DATE = re.compile(r"\d{8}")
_TABARI_MARKERS = ("---", "###", "+++")
_DISABLING_ATTRIBUTES = ("evaluate", "sentence", "valid")


@dataclass(slots=True)
class _Document:
    path: Path
    raw: str
    masked: str  # comments blanked out, offsets and line numbers unchanged
    comments: tuple[_Comment, ...]
    dialect: str
    newlines: tuple[int, ...]

    @classmethod
    def load(cls, path: Path) -> "_Document":
        try:
            raw = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise GoldError(f"{path}: cannot read the suite: {err}") from err
        masked = _COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), raw)
        comments = tuple(_Comment(m.start(1), m.group(1)) for m in _COMMENT.finditer(raw))
        # The TABARI port has no <Validation> root; that is how its known breakage is recognised.
        dialect = XML_DIALECT if re.search(r"<Validation\b", masked) else TABARI_PORT
        newlines = tuple(m.start() for m in re.finditer("\n", raw))
        return cls(path, raw, masked, comments, dialect, newlines)

    def line(self, offset: int) -> int:
        return bisect_left(self.newlines, offset) + 1

    def error(self, offset: int, message: str) -> GoldError:
        return GoldError(f"{self.path}:{self.line(offset)}: {message}")

    def comments_between(self, start: int, stop: int) -> list[_Comment]:
        return [c for c in self.comments if start <= c.offset < stop]

    def decode(self, value: str) -> str:
        return unescape(value, _XML_ENTITIES) if self.dialect == XML_DIALECT else value


@dataclass(slots=True)
class _ReadState:
    options: FrozenMapping[str, str] = field(default_factory=FrozenMapping)
    options_seen: set[str] = field(default_factory=set)
    records: list[SuiteRecord] = field(default_factory=list)
    skipped: list[SkippedRecord] = field(default_factory=list)
    after_final: bool = False

    def set_option(self, option: str, value: str) -> None:
        self.options = self.options.updated(option, value)
        self.options_seen.add(option)


def read_suite(path: str | Path, name: str | None = None) -> Suite:
    """Read one suite file (either dialect). Raises GoldError naming file:line on a bad record."""
    doc = _Document.load(Path(path))
    state = _ReadState()
    for kind, match, stop in _top_level_items(doc.masked):
        if kind == "config":
            _apply_config(doc, match, state)
        else:
            _read_sentence(doc, match, stop, state)
    environment = _environment(doc)
    return Suite(
        name=name or doc.path.name,
        path=doc.path,
        dialect=doc.dialect,
        records=tuple(state.records),
        skipped=tuple(state.skipped),
        options_seen=tuple(sorted(state.options_seen)),
        include=tuple(environment.get("Include", "").split()),
        environment=environment,
    )


def _top_level_items(masked: str) -> Iterator[tuple[str, re.Match[str], int]]:
    """Yield Configs and Sentence blocks in order; a block ends at its close tag or the next item."""
    position = 0
    while match := _TOP_LEVEL.search(masked, position):
        if match.group().startswith("<Config"):
            yield "config", match, match.end()
            position = match.end()
            continue
        end = _BLOCK_END.search(masked, match.end())
        stop = end.start() if end else len(masked)
        yield "sentence", match, stop
        closed = end is not None and end.group().startswith("</Sentence")
        position = end.end() if end is not None and closed else stop


def _attributes(doc: _Document, tag: str) -> dict[str, str]:
    pairs = ((m.group(1), m.group(2) if m.group(2) is not None else m.group(3)) for m in _ATTRIBUTE.finditer(tag))
    return {name: doc.decode(value) for name, value in pairs}


def _apply_config(doc: _Document, match: re.Match[str], state: _ReadState) -> None:
    attributes = _attributes(doc, match.group())
    if not attributes.get("option") or "value" not in attributes:
        raise doc.error(match.start(), "<Config> needs option= and value=")
    state.set_option(attributes["option"], attributes["value"])


def _environment(doc: _Document) -> FrozenMapping[str, str]:
    block = _ENVIRONMENT.search(doc.masked)
    entries: dict[str, str] = {}
    for match in _ENV_ENTRY.finditer(block.group(1) if block else ""):
        tag, attributes, text = match.groups()
        values = [v for v in _attributes(doc, attributes).values() if v]
        if tag != "Config" and (text.strip() or values):
            entries[tag] = text.strip() or values[0]
    return FrozenMapping(entries)


def _read_sentence(doc: _Document, tag: re.Match[str], stop: int, state: _ReadState) -> None:
    attributes = _attributes(doc, tag.group())
    comments = doc.comments_between(tag.end(), stop)
    line, record_id = doc.line(tag.start()), attributes.get("id", "")
    option_changes = _tabari_option_changes(comments)
    if option_changes is not None:
        for option, value in option_changes:
            state.set_option(option, value)
        state.skipped.append(SkippedRecord(line, record_id, "TABARI option record, applied as Config options"))
        return
    try:
        record = _build_record(doc, tag, attributes, comments, stop, state)
    except _BadRecord as bad:
        if doc.dialect == XML_DIALECT:
            raise doc.error(bad.offset, f"record {record_id or '?'}: {bad}") from None
        state.skipped.append(SkippedRecord(line, record_id, str(bad)))
        return
    state.records.append(record)
    state.after_final = state.after_final or record.id.upper().startswith("FINAL")


def _build_record(
    doc: _Document,
    tag: re.Match[str],
    attributes: dict[str, str],
    comments: list[_Comment],
    stop: int,
    state: _ReadState,
) -> SuiteRecord:
    block = doc.masked[tag.end() : stop]
    expectation = _expectation_from_codings(doc, tag.end(), block) or _expectation_from_comments(comments)
    disabled_by = _disabled_by(attributes, block)
    return SuiteRecord(
        id=_required(attributes, "id", tag.start()),
        category=_required(attributes, "category", tag.start()),
        date=_parse_date(_required(attributes, "date", tag.start()), tag.start()),
        text=_record_text(doc, block, tag.start()),
        expected=expectation.events,
        expects_no_event=expectation.no_event or expectation.error in DISCARD_ERRORS,
        evaluate=disabled_by is None,
        options=state.options,
        error=expectation.error,
        line=doc.line(tag.start()),
        from_comment=expectation.from_comment,
        exclusion=_exclusion(disabled_by, state.after_final, expectation),
        attributes=FrozenMapping(attributes),
    )


def _required(attributes: dict[str, str], name: str, offset: int) -> str:
    value = attributes.get(name, "").strip()
    if not value:
        raise _BadRecord(offset, f"<Sentence> has no {name}=")
    return value


def _parse_date(value: str, offset: int) -> dt.date:
    if not _DATE.fullmatch(value):
        raise _BadRecord(offset, f"date={value!r} is not YYYYMMDD")
    try:
        return dt.date(int(value[:4]), int(value[4:6]), int(value[6:]))
    except ValueError:
        raise _BadRecord(offset, f"date={value!r} is not a calendar date") from None


def _record_text(doc: _Document, block: str, offset: int) -> str:
    match = _TEXT.search(block)
    if match:
        text = doc.decode(match.group(1))
    elif doc.dialect == XML_DIALECT:
        raise _BadRecord(offset, "record has no <Text>")
    else:
        text = _bare_text(block)
    text = " ".join(text.split())
    if not text:
        raise _BadRecord(offset, "record has no text")
    return text


def _bare_text(block: str) -> str:
    """The TABARI port's sentence: the first run of prose lines (parse trees and debris follow it)."""
    lines: list[str] = []
    for line in _PARSE.sub("", block).splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("(") and "<" not in stripped and ">" not in stripped:
            lines.append(stripped)
        elif lines:
            break
    return " ".join(lines)


def _disabled_by(attributes: dict[str, str], block: str) -> str | None:
    for name in _DISABLING_ATTRIBUTES:
        if attributes.get(name, "").strip().lower() == "false":
            return f'{name}="false"'
    return "<Skip>" if _SKIP.search(block) else None


def _exclusion(disabled_by: str | None, after_final: bool, expectation: _Expectation) -> str | None:
    if disabled_by:
        return f"disabled by the suite ({disabled_by})"
    if after_final:
        return "after the FINAL record (TABARI debugging records)"
    if expectation.error and expectation.error not in DISCARD_ERRORS:
        return f"expects PETRARCH error {expectation.error!r}, not events"
    if expectation.empty:
        return "only a deactivated expectation" if expectation.deactivated else "no expectation"
    return None


# --- expectations -----------------------------------------------------------------------------


def _expectation_from_codings(doc: _Document, start: int, block: str) -> _Expectation | None:
    codings = [(start + m.start(), _attributes(doc, m.group())) for m in _EVENT_CODING.finditer(block)]
    if not codings:
        return None
    events, no_event, errors = [], False, []
    for offset, attributes in codings:
        if "noevents" in attributes:
            no_event = _true_flag(attributes["noevents"], offset)
        elif "error" in attributes:
            errors.append(attributes["error"].strip())
        else:
            events.append(_expected_event(attributes, offset))
    first = codings[0][0]
    return _consistent(_Expectation(tuple(events), no_event, _single(errors, first)), first)


def _true_flag(value: str, offset: int) -> bool:
    if value.strip().lower() != "true":
        raise _BadRecord(offset, f'noevents="{value}": only "True" is meaningful')
    return True


def _expected_event(attributes: dict[str, str], offset: int) -> ExpectedEvent:
    missing = [name for name in ("sourcecode", "targetcode", "eventcode") if name not in attributes]
    if missing or not attributes["eventcode"].strip():
        raise _BadRecord(offset, f"<EventCoding> has no {', '.join(missing) or 'eventcode'}")
    source, target, code = (attributes[name].strip() for name in ("sourcecode", "targetcode", "eventcode"))
    return ExpectedEvent(source, target, code)


def _single(errors: list[str], offset: int) -> str | None:
    if len(set(errors)) > 1:
        raise _BadRecord(offset, f"several error expectations: {sorted(set(errors))}")
    return errors[0] if errors else None


def _consistent(expectation: _Expectation, offset: int) -> _Expectation:
    kinds = [bool(expectation.events), expectation.no_event, expectation.error is not None]
    if sum(kinds) > 1:
        raise _BadRecord(offset, "expects more than one of: events, no events, an error")
    return expectation


def _expectation_from_comments(comments: list[_Comment]) -> _Expectation:
    found: list[tuple[int, str]] = []
    deactivated = False
    for comment in comments:
        if comment.body.strip() in _TABARI_MARKERS:  # '<!-- ----->', '<!-- +++-->': a converted {---}, {+++}
            found.append((comment.offset, comment.body.strip()))
        for match in _TABARI_EXPECTATION.finditer(comment.body):
            if match.group(1):
                deactivated = True
            else:
                found.append((comment.offset + match.start(), match.group(2)))
    return _from_tabari(found, deactivated)


def _from_tabari(found: list[tuple[int, str]], deactivated: bool) -> _Expectation:
    events, no_event, errors = [], False, []
    for offset, content in found:
        if content == "---":
            no_event = True
        elif content in ("###", "+++"):
            errors.append("discard" if content == "###" else "complex")
        else:
            events.append(_tabari_event(content, offset))
    offset = found[0][0] if found else 0
    expectation = _Expectation(tuple(events), no_event, _single(errors, offset), bool(found), deactivated)
    return _consistent(expectation, offset)


def _tabari_event(content: str, offset: int) -> ExpectedEvent:
    parts = [part.strip() for part in content.split("/")]
    if len(parts) != 3 or not all(parts):
        raise _BadRecord(offset, f"TABARI expectation {{{content}}} is not {{ SRC / TGT / CODE }}")
    return ExpectedEvent(*parts)


# --- TABARI option records (petrarch1) ------------------------------------------------------

_OPTION = re.compile(r"^\s*OPTION:\s*(.*)", re.S)
_COMMA_SETTING = re.compile(r"\b([EB]?)(MIN|MAX)\s*=\s*(\d*)")
_MINIMUM_WORDS = re.compile(r"SET:\s*MINIMUM\s+WORDS\s*=\s*(\d+)")


def _tabari_option_changes(comments: list[_Comment]) -> list[tuple[str, str]] | None:
    """Options set by a TABARI option record, mapped as petrarch2 ported them; None if not one."""
    for comment in comments:
        match = _OPTION.match(comment.body)
        if match:
            return _option_settings(match.group(1))
    return None


def _option_settings(command: str) -> list[tuple[str, str]]:
    if re.match(r"COMMA:\s*OFF?\b", command):
        return [("comma_max", "0"), ("comma_emax", "0"), ("comma_bmax", "0")]
    if command.startswith("COMMA:"):
        return [(f"comma_{p.lower()}{m.lower()}", n) for p, m, n in _COMMA_SETTING.findall(command) if n]
    words = _MINIMUM_WORDS.search(command)
    return [("minimum_words", words.group(1))] if words else []


# --------------------------------------------------------------------------------------------
# Scoring


@dataclass(frozen=True, slots=True)
class RecordResult:
    record_id: str
    line: int
    category: str
    expected: tuple[Triple, ...]
    returned: tuple[Triple, ...]
    matched: int
    expects_no_event: bool

    @property
    def whole(self) -> bool:
        return set(self.returned) == set(self.expected)

    @property
    def silent(self) -> bool:
        return not self.returned


@dataclass(frozen=True, slots=True)
class Tally:
    records: int = 0
    whole: int = 0
    expected: int = 0
    returned: int = 0
    matched: int = 0
    no_event_records: int = 0
    no_event_silent: int = 0

    @classmethod
    def of(cls, results: Iterable[RecordResult]) -> "Tally":
        results = list(results)
        no_event = [r for r in results if r.expects_no_event]
        return cls(
            records=len(results),
            whole=sum(r.whole for r in results),
            expected=sum(len(r.expected) for r in results),
            returned=sum(len(r.returned) for r in results),
            matched=sum(r.matched for r in results),
            no_event_records=len(no_event),
            no_event_silent=sum(r.silent for r in no_event),
        )

    @property
    def recall(self) -> float | None:
        return _ratio(self.matched, self.expected)

    @property
    def precision(self) -> float | None:
        return _ratio(self.matched, self.returned)

    @property
    def f1(self) -> float | None:
        return _ratio(2 * self.matched, self.expected + self.returned)

    @property
    def whole_rate(self) -> float | None:
        return _ratio(self.whole, self.records)

    @property
    def no_event_silent_rate(self) -> float | None:
        return _ratio(self.no_event_silent, self.no_event_records)

    def as_dict(self) -> dict[str, int | float | None]:
        return {
            "records": self.records,
            "whole": self.whole,
            "whole_rate": _rounded(self.whole_rate),
            "expected_events": self.expected,
            "returned_events": self.returned,
            "matched_events": self.matched,
            "recall": _rounded(self.recall),
            "precision": _rounded(self.precision),
            "f1": _rounded(self.f1),
            "no_event_records": self.no_event_records,
            "no_event_silent": self.no_event_silent,
            "no_event_silent_rate": _rounded(self.no_event_silent_rate),
        }


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


_TABLE_COLUMNS = ("records", "whole", "silent", "expected", "returned", "matched", "recall", "precision", "f1")


@dataclass(frozen=True, slots=True)
class SuiteReport:
    suite: str
    overall: Tally
    categories: FrozenMapping[str, Tally]
    excluded: FrozenMapping[str, int]  # reason -> records
    results: tuple[RecordResult, ...]

    @property
    def excluded_total(self) -> int:
        return sum(self.excluded.values())

    def as_dict(self) -> dict[str, object]:
        return {
            "suite": self.suite,
            "overall": self.overall.as_dict(),
            "categories": {name: tally.as_dict() for name, tally in self.categories.items()},
            "excluded": dict(self.excluded),
            "excluded_total": self.excluded_total,
        }

    def format_table(self) -> str:
        title = f"{self.suite}: {self.overall.records} records scored, {self.excluded_total} excluded"
        width = max([len("overall"), *(len(name) + 2 for name in self.categories)]) + 2
        header = f"{'scope':<{width}}" + "".join(f"{column:>10}" for column in _TABLE_COLUMNS)
        rows = [_table_row("overall", self.overall, width)]
        rows += [_table_row(f"  {name}", tally, width) for name, tally in self.categories.items()]
        notes = [f"excluded: {count:>4}  {reason}" for reason, count in self.excluded.items()]
        return "\n".join([title, header, *rows, *notes])


def _table_row(label: str, tally: Tally, width: int) -> str:
    silent = f"{tally.no_event_silent}/{tally.no_event_records}"
    cells = [tally.records, tally.whole, silent, tally.expected, tally.returned, tally.matched]
    rates = [_formatted(tally.recall), _formatted(tally.precision), _formatted(tally.f1)]
    return f"{label:<{width}}" + "".join(f"{cell:>10}" for cell in [*cells, *rates])


def _formatted(value: float | None) -> str:
    return "-" if value is None else f"{value:.4f}"


def score_suite(suite: Suite, coder: TripleCoder, *, categories: Collection[str] | None = None,
                select: Callable[[SuiteRecord], bool] | None = None) -> SuiteReport:
    """Run ``coder`` on every scored record, in file order, and compare its triples with the suite's.

    ``categories`` limits scoring to those categories (e.g. ``suite.include``), ``select`` to the
    records it accepts (e.g. :func:`confirmed_valid`); the others are counted as excluded.
    """
    results: list[RecordResult] = []
    excluded: Counter[str] = Counter()
    for record in suite.records:
        reason = record.exclusion or _unselected(record, categories) or _not_selected(record, select)
        if reason:
            excluded[reason] += 1
        else:
            results.append(_score_record(record, coder))
    return SuiteReport(
        suite=suite.name,
        overall=Tally.of(results),
        categories=_per_category(results),
        excluded=FrozenMapping(sorted(excluded.items())),
        results=tuple(results),
    )


def _unselected(record: SuiteRecord, categories: Collection[str] | None) -> str | None:
    return None if categories is None or record.category in categories else "category not selected"


def _not_selected(record: SuiteRecord, select: Callable[[SuiteRecord], bool] | None) -> str | None:
    return None if select is None or select(record) else "record not selected"


def confirmed_valid(record: SuiteRecord) -> bool:
    """petrarch1's records "confirmed to work" (``valid="true"``); the others are TABARI tests,
    many "testing capabilities in TABARI that for various reasons won't be used in PETRARCH"."""
    return record.attributes.get("valid", "").strip().lower() == "true"


def _per_category(results: list[RecordResult]) -> FrozenMapping[str, Tally]:
    names = sorted({r.category for r in results})
    return FrozenMapping((name, Tally.of(r for r in results if r.category == name)) for name in names)


def _score_record(record: SuiteRecord, coder: TripleCoder) -> RecordResult:
    expected = tuple(event.triple() for event in record.expected)
    returned = tuple(_returned_triple(item, record) for item in coder(record.text, record.date, record.options))
    return RecordResult(
        record_id=record.id,
        line=record.line,
        category=record.category,
        expected=expected,
        returned=returned,
        matched=sum((Counter(expected) & Counter(returned)).values()),
        expects_no_event=record.expects_no_event,
    )


def _returned_triple(item: object, record: SuiteRecord) -> Triple:
    if not isinstance(item, tuple | list) or len(item) != 3:
        raise TypeError(f"coder returned {item!r} for record {record.id} (line {record.line}): want a 3-tuple")
    source, target, code = item
    if not isinstance(code, str) or not code.strip() or not all(isinstance(a, str | None) for a in (source, target)):
        raise TypeError(f"coder returned {item!r} for record {record.id}: want (str|None, str|None, str)")
    return actor_code(source), actor_code(target), code.strip()
