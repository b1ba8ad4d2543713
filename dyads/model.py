"""The typed records that pass between pipeline stages.

Frozen, slotted dataclasses (tokens: named tuples): each stage consumes the previous stage's
records and never mutates them. Only `dyads.coding.nlp` sees spaCy objects; everything after it sees `Sentence`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from datetime import date
from typing import Any, NamedTuple, TypeVar

R = TypeVar("R")


def pickled_by_fields(cls: type[R]) -> type[R]:
    """Pickle a frozen, slotted dataclass as its constructor's arguments: unpickling then calls
    the constructor, not the generic per-object `__setstate__` that looks the fields up again
    for every object (most of the build cache's load time: its 160,000 such records)."""
    names = tuple(f.name for f in fields(cls) if f.init)  # type: ignore[arg-type]

    def __reduce__(self: Any) -> tuple[type[R], tuple[Any, ...]]:
        return cls, tuple(getattr(self, name) for name in names)

    cls.__reduce__ = __reduce__  # type: ignore[assignment,method-assign]
    return cls


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as read from input, before any language processing."""

    doc_id: str
    text: str
    date: date | None = None
    url: str | None = None
    source: str | None = None
    title: str | None = None
    origin: str = ""  # file (and line, for JSONL) it came from, for error messages


@dataclass(frozen=True, slots=True)
class Failure:
    """An input that could not be read or coded, and why."""

    origin: str  # the file, or file:line for a JSONL record
    reason: str
    stage: str  # read | code
    error_code: str | None = None


class Token(NamedTuple):
    """One word of a parsed sentence. A named tuple, not a frozen dataclass like the other
    records: every parsed word makes one, and a frozen dataclass costs 3 us to make, a named
    tuple 0.8 (1,000 articles make about 480,000)."""

    i: int  # index within the sentence
    text: str
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int  # index within the sentence; the root points to itself
    start: int  # character offset in the article text
    ent_type: str
    ent_iob: str

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def lower(self) -> str:
        return self.text.lower()


@dataclass(frozen=True, slots=True)
class Span:
    """A named entity or other token range within a sentence: tokens [first, last)."""

    first: int
    last: int
    label: str


@dataclass(frozen=True, slots=True)
class Sentence:
    doc_id: str
    index: int  # position of the sentence in the article
    start: int  # character offsets in the article text
    end: int
    text: str
    tokens: tuple[Token, ...]
    entities: tuple[Span, ...] = ()
    # head -> its children in sentence order, built on first use (the coder asks often)
    _children: dict[int, list[Token]] | None = field(default=None, init=False, compare=False, repr=False)

    def children(self, i: int) -> list[Token]:
        index = getattr(self, "_children", None)  # unset in a sentence pickled without it
        if index is None:
            index = {}
            for t in self.tokens:
                if t.head != t.i:
                    index.setdefault(t.head, []).append(t)
            object.__setattr__(self, "_children", index)
        return list(index.get(i, ()))

    def subtree(self, i: int) -> list[int]:
        """Indices of token i and all its descendants, in sentence order."""
        keep = {i}
        changed = True
        while changed:
            changed = False
            for t in self.tokens:
                if t.i not in keep and t.head in keep and t.head != t.i:
                    keep.add(t.i)
                    changed = True
        return sorted(keep)

    def ancestors(self, i: int) -> list[int]:
        out: list[int] = []
        while self.tokens[i].head != i and len(out) < len(self.tokens):
            i = self.tokens[i].head
            out.append(i)
        return out


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class DictionaryRef:
    """Where a piece of knowledge came from: an analyst edits that file at that line."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


# A role with no country yet ("police", "gunmen"): PETRARCH's "---" for the country part, until
# the place of the actor's event gives one (dyads.coding.anchoring), or the actor is dropped.
UNANCHORED = "---"
# An event dated by words of its own sentence (Event.date_basis), not carried from elsewhere.
OWN_DATE_BASES = ("clause", "sentence")
# A weapon with no country in its phrase ("a drone", "artillery"): someone's, but the place does
# not say whose; anchoring makes it the unnamed source of its violence, and no target.
UNOWNED_WEAPON = UNANCHORED
# The source of one-sided violence whose attacker the text does not name ("a man was shot dead"):
# an empty code, as GDELT leaves Actor1Code empty.
UNNAMED_SOURCE = ""


@dataclass(frozen=True, slots=True)
class ActorMention:
    code: str
    name: str  # canonical name of the dictionary entry ("Sergei Lavrov", "Iran", "Iranian government")
    kind: str  # person, country, capital, seat, organisation, role, people, counterpart, region, unanchored
    first: int  # token range within the sentence [first, last)
    last: int
    head: int  # the token that stands for the mention in the parse
    start: int  # character offsets in the article text
    end: int
    text: str
    ref: DictionaryRef


@dataclass(frozen=True, slots=True)
class EventActor:
    code: str
    name: str
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Place:
    """Where something happened, like GDELT's ActionGeo fields."""

    name: str  # full name: "Aleppo, Aleppo Governorate, Syria"
    type: str  # country, adm1, city, region
    country: str | None  # ISO3
    admin1: str | None  # first-level division code ("SY09") or name
    lat: float | None
    lon: float | None
    geonames_id: int | None
    method: str  # clause, sentence, previous (a sentence before's), dateline, actor, article
    text: str | None = None  # the words in the article that named it
    start: int | None = None  # character offsets in the article text
    end: int | None = None


@dataclass(frozen=True, slots=True)
class Toll:
    """How many an event killed or injured: the count of the figure it was taken from (its
    bounds and words, with the same names as the `Figure`'s; `start`/`end` find that figure)."""

    low: int | None
    high: int | None
    qualifier: str  # exact, more_than, at_least, nearly, about, up_to, less_than, range, vague
    number_text: str
    start: int  # character offsets of number_text in the article text
    end: int

    @classmethod
    def of(cls, figure: Figure) -> Toll:
        return cls(*(getattr(figure, name) for name in TOLL_FIELDS))


@dataclass(frozen=True, slots=True)
class Event:
    """One coded event mention: who did what to whom, when, with its evidence."""

    doc_id: str
    sentence_index: int
    code: str
    root_code: str
    quad_class: int
    goldstein: float
    plover_type: str | None
    source: EventActor
    target: EventActor | None
    trigger: str  # the words that carry the event ("discussed", "telephone conversation")
    trigger_start: int
    trigger_end: int
    sentence: str  # the evidence sentence
    sentence_start: int
    sentence_end: int
    date: date | None
    date_text: str | None
    date_basis: str  # clause, sentence (OWN_DATE_BASES), previous, restated, article, none
    confidence: float
    pattern: str  # file:line of the pattern that fired
    modifiers: tuple[str, ...] = field(default=())  # intent, symmetric-mirror, passive, nominal...
    place: Place | None = None  # set by dyads.coding.places
    fatalities: Toll | None = None  # set by dyads.coding.tolls, for violent events only
    injured: Toll | None = None

    def to_dict(self) -> dict:
        record = asdict(self)
        record["date"] = self.date.isoformat() if self.date else None
        record["modifiers"] = list(self.modifiers)
        return record


@dataclass(frozen=True, slots=True)
class Figure:
    """A reported count: "more than 250,000 people killed, according to the UN"."""

    doc_id: str
    sentence_index: int
    kind: str  # killed, injured, displaced, refugees, arrested, missing, protesters
    low: int | None  # lower bound (None: "nearly 500,000" has only an upper bound)
    high: int | None  # upper bound (None: "more than 250,000" has only a lower bound)
    qualifier: str  # exact, more_than, at_least, nearly, about, up_to, less_than, range, vague
    number_text: str
    start: int  # character offsets of number_text in the article text
    end: int
    refers_to: str | None  # "the Syrian conflict"
    reporter: str | None  # "the UN", "the Syrian Center for Policy Research"
    reporter_code: str | None  # the reporter's actor code, when it is a known actor
    as_of: date | None
    sentence: str
    sentence_start: int
    sentence_end: int
    place: Place | None = None  # where the counted happened: a place of its sentence, else the dateline

    def to_dict(self) -> dict:
        record = asdict(self)
        record["as_of"] = self.as_of.isoformat() if self.as_of else None
        return record


TOLL_FIELDS = tuple(f.name for f in fields(Toll))  # each a field of Figure too (Toll.of)
TOLL_NAMES = ("fatalities", "injured")  # the fields of Event that hold a Toll


# --- explanations and coded articles: what the Coder returns -------------------------------------


@dataclass(frozen=True, slots=True)
class Decision:
    word: str
    position: int
    outcome: str
    pattern: str  # file:line, or "" when no pattern is involved


@dataclass(frozen=True, slots=True)
class SentenceExplanation:
    sentence: Sentence
    actors: tuple[ActorMention, ...]
    decisions: tuple[Decision, ...]
    events: tuple[Event, ...]
    reason: str | None  # why there is no event, when there is none
    places: tuple = ()


@dataclass(frozen=True, slots=True)
class CodedArticle:
    article: Article
    sentences: tuple[Sentence, ...]
    events: tuple[Event, ...]
    figures: tuple[Figure, ...] = ()
    # with `trace`: why each sentence was coded as it was (dyads.coding.explain)
    explanation: tuple[SentenceExplanation, ...] = ()
    # the limits of the settings the article went over (`Settings.max_article_chars`...), each
    # a failure naming the article and the limit: what could be coded was
    breaches: tuple[Failure, ...] = ()
