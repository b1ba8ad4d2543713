"""A cheap test, before parsing, of whether a paragraph can hold an event or a figure.

The parser is most of the cost of coding, and most paragraphs of news carry no event. A
paragraph is parsed only if it names an actor (an alias, a capital, a demonym, a role noun) or
violence by no one named ("A bomb went off") *and* holds an event word (an inflected form of a
pattern's verb or noun), or a figure cue next to a number, or says a toll is zero ("No
fatalities."). One Aho-Corasick automaton finds all of them in one pass, so the cost does not
grow with the size of the dictionaries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import ahocorasick

from dyads.coding.english import irregular_forms
from dyads.knowledge.dictionaries import ActorDictionary, PatternDictionary, normalise
from dyads.knowledge.figure_words import FigureWords

ACTOR, EVENT, FIGURE, NO_TOLL, VIOLENCE = 1, 2, 4, 8, 16

VOWELS = set("aeiou")
# Irregular plurals of the role nouns a place anchors ("gunmen", "children", "people").
IRREGULAR_PLURALS = {"child": "children", "person": "people", "woman": "women", "man": "men"}


def inflections(lemma: str) -> set[str]:
    """Forms a verb or noun lemma takes in text: regular suffixes plus irregular forms."""
    words = lemma.replace("_", " ").split()
    head, rest = words[0], words[1:]
    forms = {head, head + "s", head + "es", head + "ed", head + "d", head + "ing"}
    if head.endswith("e"):
        forms |= {head[:-1] + "ing", head[:-1] + "ed"}
    if head.endswith("y") and len(head) > 2 and head[-2] not in VOWELS:
        forms |= {head[:-1] + "ies", head[:-1] + "ied"}
    if len(head) >= 3 and head[-1] not in VOWELS | {"w", "x", "y"} and head[-2] in VOWELS \
            and head[-3] not in VOWELS:
        forms |= {head + head[-1] + "ed", head + head[-1] + "ing"}  # "ship" -> "shipped"
    forms |= set(irregular_forms(head)) | _plurals(head)
    if not rest:
        return forms
    # a multiword lemma ("air strike", "give in"): inflect its last word for nouns too
    tail = " ".join(rest)
    last_forms = {rest[-1], rest[-1] + "s", rest[-1] + "es"} | _plurals(rest[-1])
    return {f"{f} {tail}" for f in forms} | {" ".join([*words[:-1], f]) for f in last_forms}


def _plurals(noun: str) -> set[str]:
    """"gunman" -> "gunmen", "child" -> "children": the plurals no suffix rule makes."""
    for singular, plural in IRREGULAR_PLURALS.items():
        if noun.endswith(singular):
            return {noun[: len(noun) - len(singular)] + plural}
    return set()


@dataclass
class Prefilter:
    automaton: ahocorasick.Automaton

    def classify(self, text: str) -> int:
        """Bit set of ACTOR, EVENT, FIGURE found in the text (on word boundaries)."""
        lowered = normalise_keep_length(text)
        found = 0
        for end, (length, kind, exact) in self.automaton.iter(lowered):
            start = end - length + 1
            if exact is not None and text[start:end + 1] != exact:
                continue
            if (start == 0 or not lowered[start - 1].isalnum()) and (
                    end + 1 == len(lowered) or not lowered[end + 1].isalnum()):
                found |= kind
                if found & (ACTOR | EVENT | FIGURE) == ACTOR | EVENT | FIGURE:
                    break
        return found

    def keep(self, text: str) -> bool:
        found = self.classify(text)
        # "No fatalities.": a toll of zero; "A bomb went off in X": violence by no one named
        if found & (ACTOR | VIOLENCE) and found & EVENT or found & NO_TOLL:
            return True
        return bool(found & FIGURE) and bool(NUMBER_RE.search(text))


NUMBER_RE = re.compile(r"\d|\b(dozens?|scores|hundreds|thousands|millions|one|two|three|four|five|six|"
                       r"seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|half)\b", re.I)
APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "–": "-", "—": "-"})


def normalise_keep_length(text: str) -> str:
    """Lower case, straight quotes and "-ization" for "-isation" (as the names' keys), one
    character for one, so offsets stay valid."""
    return text.translate(APOSTROPHES).lower().replace("isation", "ization")


def build_prefilter(actors: ActorDictionary, patterns: PatternDictionary, figure_words: FigureWords) -> Prefilter:
    """The automaton of every actor name, inflected event word and figure cue."""
    terms: dict[str, int] = {}

    def add(term: str, kind: int) -> None:
        term = normalise(term)
        if term:
            terms[term] = terms.get(term, 0) | kind

    # Names, and the role nouns a place anchors ("police", "gunmen", "villagers": their event's
    # place gives the country); other role nouns ("officials") are actors only with a country,
    # organisation or person named in their phrase, and those are names.
    for noun in actors.roles.values():
        if noun.role in actors.anchored and noun.phrase not in actors.owned_only:
            for form in inflections(noun.phrase):
                add(form, ACTOR)
    exact: dict[str, str] = {}
    for name, entries in actors.names.items():
        add(name, ACTOR)
        short = [e.alias for e in entries if e.alias.isupper() and len(e.alias.replace(".", "")) <= 4]
        if short and len(short) == len(entries):
            exact[normalise(name)] = short[0]  # "US" must not match "us"
    # an act noun after a light verb is its verb ("widened its investigation into")
    for lemma in [*patterns.verbs, *patterns.base_verbs, *patterns.nouns, *patterns.clause.act_nouns,
                  *patterns.clause.nominal_verbs]:
        for form in inflections(lemma):
            add(form, EVENT)
    for word in patterns.clause.unnamed_violence:
        for form in inflections(word):
            add(form, VIOLENCE)
    for cues in figure_words.kinds.values():
        for cue in cues:
            for form in inflections(cue):
                add(form, FIGURE)
    for phrases in figure_words.none_phrases.values():
        for phrase in phrases:
            add(phrase, NO_TOLL)
    automaton = ahocorasick.Automaton()
    for term, kind in terms.items():
        automaton.add_word(term, (len(term), kind, exact.get(term) if kind == ACTOR else None))
    automaton.make_automaton()
    return Prefilter(automaton)


# --- sentence chunks ----------------------------------------------------------------------------

# A sentence ends at . ! or ? (and closing quotes) before a space and a capital or an opening
# quote, unless the word ending there is an abbreviation: "U.S. officials", "Gen. Petraeus".
SENTENCE_BREAK_RE = re.compile(r"[.!?][\"”’')\]]*\s+(?=[\"“‘(]?[A-Z0-9])")
ABBREVIATION_RE = re.compile(r"(?:\b(?:[A-Za-z]\.)+|\b(?:Mr|Mrs|Ms|Dr|Gen|Col|Lt|Maj|Capt|Sgt|Adm|Cmdr|St|Sen|Rep|Gov"
                             r"|Prof|Rev|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|No|Nos|Inc|Corp|Ltd|Co|Jr|Sr"
                             r"|vs|etc|approx|est|Ft|Mt|Pres|Gens)\.)$")


# How far back from a full stop an abbreviation is looked for: the longest listed word and its
# boundary fit, and a chain of initials ("U.S.A.") is found by its last letters.
ABBREVIATION_REACH = 16
# Where a piece of an over-long sentence may end: after a comma, semicolon or colon, else at a space.
SOFT_BREAK_RE = re.compile(r"[,;:]\s+")
WHITESPACE_RE = re.compile(r"\s+")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of a paragraph, by punctuation (no parse)."""
    spans, start = [], 0
    for match in SENTENCE_BREAK_RE.finditer(text):
        # near the stop only: from the sentence start, a run of initials ("A. B. C. ...") made
        # each look-up longer, the square of the paragraph's length
        if ABBREVIATION_RE.search(text, max(start, match.start() - ABBREVIATION_REACH), match.start() + 1):
            continue
        spans.append((start, match.end()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


@dataclass(frozen=True, slots=True)
class Passages:
    """A paragraph cut for the parser: runs of sentences to parse or skip, each of bounded
    length, and the sentences that were too long to be one."""

    runs: list[tuple[int, int, bool]]  # (start, end, keep)
    over_long: list[tuple[int, int]]  # the sentences over the limit, each cut into pieces


def passages(prefilter: Prefilter | None, paragraph: str, max_length: int = 0) -> Passages:
    """The paragraph cut into runs of sentences to parse (keep) or to skip, as (start, end,
    keep). Neighbouring sentences to parse stay together, so the parser sees them as the
    writer wrote them, up to `max_length` characters a run; without a prefilter every sentence
    is parsed. A sentence over `max_length` is cut into pieces of at most that length, each a
    run of its own (0: no limit). The parser's working memory grows with the runs of a batch:
    a batch of 64 runs of 2,000 characters peaks at about 250 MB (bench/adversarial.py)."""
    if prefilter is None and (not max_length or len(paragraph) <= max_length):
        return Passages([(0, len(paragraph), True)], [])
    runs: list[tuple[int, int, bool]] = []
    over_long: list[tuple[int, int]] = []
    joinable = False  # whether the last run may take the next sentence
    for start, end in sentence_spans(paragraph):
        if max_length and end - start > max_length:
            over_long.append((start, end))
            for piece_start, piece_end in pieces(paragraph, start, end, max_length):
                runs.append((piece_start, piece_end, _keeps(prefilter, paragraph[piece_start:piece_end])))
            joinable = False
            continue
        keep = _keeps(prefilter, paragraph[start:end])
        if joinable and runs[-1][2] == keep and (not max_length or end - runs[-1][0] <= max_length):
            runs[-1] = (runs[-1][0], end, keep)
        else:
            runs.append((start, end, keep))
        joinable = True
    return Passages(runs, over_long)


def _keeps(prefilter: Prefilter | None, text: str) -> bool:
    return prefilter is None or prefilter.keep(text)


def pieces(text: str, start: int, end: int, limit: int) -> list[tuple[int, int]]:
    """`text[start:end]` cut into pieces of at most `limit` characters, each ending after a
    comma, semicolon or colon in the last half of its room, else at a space there, else
    where the room ends (a run of letters without a space)."""
    out = []
    while end - start > limit:
        room = text[start:start + limit]
        cut = None
        for pattern in (SOFT_BREAK_RE, WHITESPACE_RE):
            found = [m.end() for m in pattern.finditer(room, limit // 2)]
            if found:
                cut = start + found[-1]
                break
        cut = cut or start + limit
        out.append((start, cut))
        start = cut
    out.append((start, end))
    return out



def chunks(prefilter: Prefilter | None, paragraph: str) -> list[tuple[int, int, bool]]:
    """The runs of `passages` without limits."""
    return passages(prefilter, paragraph).runs
