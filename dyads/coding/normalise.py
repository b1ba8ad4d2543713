"""Text as the coder reads it: invisible format characters out, Unicode NFC, offsets kept.

Offsets in every coded record (sentences, tokens, events, actors, places, figures) index the
article's text as the `Article` holds it. The coder reads a normalised copy, and `Normalised`
maps each offset in it back to that text:
  1. format characters (Unicode category Cf: soft hyphen, zero-width space and joiners, bidi
     marks, the byte order mark...) are removed: inside a word they split it for the tokenizer
     ("con\\u00addemned"), after one they glue a mark to it ("condemned\\u00ad"), and either
     way the word no longer matches the dictionaries;
  2. NFC: a letter and its combining accent become the one composed character the dictionaries
     spell ("Erdog\\u0306an" -> "Erdoğan");
  3. words joined by "_" ("Dol_Amroth", as TABARI and PETRARCH write names of several words)
     are spaced, so that the tokenizer reads the words the dictionaries name;
  4. a word broken after its hyphen at a line end ("an anti-\nGondor parade", "an anti- Gondor
     parade" once the line is joined) is whole again: the sentence splitter ends a sentence at
     "anti-" before a capital, and "Gondor" is then no part of the parade. A hyphen left open
     before "and", "or", "to"... ("pro- and anti-government") keeps its space.
ASCII text without "_" or "-", and text already normal, is left as it is at the cost of one scan.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from itertools import accumulate

from dyads.model import (
    ActorMention,
    Article,
    CodedArticle,
    Event,
    EventActor,
    Figure,
    Place,
    Sentence,
    SentenceExplanation,
    Toll,
)

# Every format character (category Cf) of the Unicode version of Python 3.11's unicodedata
# (14.0), as ranges: listing them at run time means a pass over 1.1 million code points, 0.7 s
# in each worker. tests/test_hostile_text.py checks the list against unicodedata.
FORMAT_CHARACTER_RANGES = (
    (0x00AD, 0x00AD), (0x0600, 0x0605), (0x061C, 0x061C), (0x06DD, 0x06DD), (0x070F, 0x070F),
    (0x0890, 0x0891), (0x08E2, 0x08E2), (0x180E, 0x180E), (0x200B, 0x200F), (0x202A, 0x202E),
    (0x2060, 0x2064), (0x2066, 0x206F), (0xFEFF, 0xFEFF), (0xFFF9, 0xFFFB), (0x110BD, 0x110BD),
    (0x110CD, 0x110CD), (0x13430, 0x13438), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A), (0xE0001, 0xE0001),
    (0xE0020, 0xE007F),
)
FORMAT_RUN_RE = re.compile("[" + "".join(f"{chr(a)}-{chr(b)}" for a, b in FORMAT_CHARACTER_RANGES) + "]+")
# A changed stretch of text longer than this maps as a whole, not character by character: the
# split costs the square of its length (a word is a few dozen characters).
NFC_SPLIT_LIMIT = 64


@dataclass(frozen=True, slots=True)
class Edits:
    """One rewriting of a text: `text[start:end]` of the new text stands for
    `old[old_start:old_end]`, stretch by stretch (in order, apart); elsewhere the two are equal
    but for the shift the stretches before make."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]
    old_starts: tuple[int, ...]
    old_ends: tuple[int, ...]
    shifts: tuple[int, ...]  # shifts[k]: how much longer the old text is, over the first k stretches

    @classmethod
    def of(cls, stretches: list[tuple[int, int, int, int]]) -> Edits:
        starts, ends, old_starts, old_ends = (tuple(column) for column in zip(*stretches, strict=True))
        shifts = tuple(accumulate(((b - a) - (e - s) for s, e, a, b in stretches), initial=0))
        return cls(starts, ends, old_starts, old_ends, shifts)

    def start(self, i: int) -> int:
        """The old offset of the character at new offset `i` (its stretch's start if rewritten)."""
        k = bisect_right(self.ends, i)  # the stretches that end at or before i, removals at i too
        if k < len(self.starts) and self.starts[k] < i:  # inside a rewritten stretch
            return self.old_starts[k]
        return i + self.shifts[k]

    def end(self, j: int) -> int:
        """The old offset just after the character before new offset `j` (a removal right
        after it is left out)."""
        k = bisect_left(self.ends, j)  # the stretches that end before j
        if k < len(self.starts) and self.starts[k] < j <= self.ends[k]:  # in or ending with a stretch
            return self.old_ends[k]
        return j + self.shifts[k]


@dataclass(frozen=True, slots=True)
class Normalised:
    """The text the coder reads, and the way back to the text it was made from."""

    text: str
    layers: tuple[Edits, ...] = ()  # applied in order to the original; empty: the same text

    @property
    def changed(self) -> bool:
        return bool(self.layers)

    def start(self, i: int) -> int:
        for layer in reversed(self.layers):
            i = layer.start(i)
        return i

    def end(self, j: int) -> int:
        for layer in reversed(self.layers):
            j = layer.end(j)
        return j


def normalise(text: str) -> Normalised:
    """`text` without format characters, in NFC, words joined by "_" spaced, with the map back to `text`."""
    layers = []
    stripped = text
    if not text.isascii():
        stripped, removals = _without_format_characters(text)
        if removals:
            layers.append(removals)
        if not unicodedata.is_normalized("NFC", stripped):
            stripped, composed = _nfc(stripped)
            if composed:
                layers.append(composed)
    if "_" in stripped:
        stripped, spaced = _spaced_underscores(stripped)
        if spaced:
            layers.append(spaced)
    if "-" in stripped:
        stripped, joined = _joined_hyphen_breaks(stripped)
        if joined:
            layers.append(joined)
    return Normalised(stripped, tuple(layers))


# "_" between two letters, as TABARI and PETRARCH write a name of several words ("Dol_Amroth")
_JOINING_UNDERSCORE_RE = re.compile(r"(?<=[^\W\d_])_(?=[^\W\d_])")


def _spaced_underscores(text: str) -> tuple[str, Edits | None]:
    """Words joined by "_" as words: the tokenizer would read "Dol_Amroth" as one word that no
    dictionary writes. Each "_" becomes a space, one character for one."""
    stretches = [(m.start(), m.end(), m.start(), m.end()) for m in _JOINING_UNDERSCORE_RE.finditer(text)]
    if not stretches:
        return text, None
    return _JOINING_UNDERSCORE_RE.sub(" ", text), Edits.of(stretches)


# The space after a hyphen that ends a word, before the next word on the same or the next line
# (one line break: a paragraph break ends the word): unless that word is a conjunction or "to",
# the hyphen's word is left open for ("pro- and anti-government", "two- to three-day").
HYPHEN_BREAK_RE = re.compile(
    r"(?<=[^\W\d_]-)(?:[^\S\n]+\n?|\n)[^\S\n]*(?!(?i:and|or|nor|to|but|then)\b)(?=[^\W\d_])")


def _joined_hyphen_breaks(text: str) -> tuple[str, Edits | None]:
    """A word broken after its hyphen whole again ("anti- Gondor" -> "anti-Gondor"): the space
    is removed, as a format character is."""
    stretches, removed = [], 0
    for match in HYPHEN_BREAK_RE.finditer(text):
        at = match.start() - removed
        stretches.append((at, at, match.start(), match.end()))
        removed += match.end() - match.start()
    if not stretches:
        return text, None
    return HYPHEN_BREAK_RE.sub("", text), Edits.of(stretches)


def _without_format_characters(text: str) -> tuple[str, Edits | None]:
    stretches, pieces, last, removed = [], [], 0, 0
    for match in FORMAT_RUN_RE.finditer(text):
        pieces.append(text[last:match.start()])
        at = match.start() - removed
        stretches.append((at, at, match.start(), match.end()))
        removed += match.end() - match.start()
        last = match.end()
    if not stretches:
        return text, None
    pieces.append(text[last:])
    return "".join(pieces), Edits.of(stretches)


def _nfc(text: str) -> tuple[str, Edits | None]:
    """NFC stretch by stretch, so that each composed character maps back to the characters it
    was made of. A stretch starts at an ASCII or space character (a letter, a space: nothing
    composes with what comes before them, so NFC never crosses such a boundary)."""
    stretches, pieces, new_at = [], [], 0
    for match in _STRETCH_RE.finditer(text):
        old = match.group()
        for offset, part in _composable_parts(old):
            new = unicodedata.normalize("NFC", part)
            old_at = match.start() + offset
            if new != part:
                stretches.append((new_at, new_at + len(new), old_at, old_at + len(part)))
            pieces.append(new)
            new_at += len(new)
    return "".join(pieces), Edits.of(stretches) if stretches else None


# An ASCII or space character and what follows it up to the next one; or a run of others at the start.
_STRETCH_RE = re.compile(r"[\x00-\x7f\s][^\x00-\x7f\s]*|[^\x00-\x7f\s]+")


def _composable_parts(stretch: str) -> list[tuple[int, str]]:
    """A stretch cut before each starter where NFC of the parts is NFC of the whole, so that a
    rewritten character maps to its own characters, not to the whole word."""
    if len(stretch) > NFC_SPLIT_LIMIT or unicodedata.is_normalized("NFC", stretch):
        return [(0, stretch)]
    whole = unicodedata.normalize("NFC", stretch)
    parts: list[tuple[int, str]] = []
    start = 0
    for cut in range(1, len(stretch)):
        if unicodedata.combining(stretch[cut]):
            continue
        head, rest = stretch[start:cut], stretch[cut:]
        done = "".join(unicodedata.normalize("NFC", part) for _, part in parts)
        if done + unicodedata.normalize("NFC", head) + unicodedata.normalize("NFC", rest) == whole:
            parts.append((start, head))
            start = cut
    parts.append((start, stretch[start:]))
    return parts


# --- the coded records, back on the original text ---------------------------------------------


class Restorer:
    """Moves the offsets of records coded on `normalised.text` to `text` (the text it was made
    from), and takes their words from there: `text[start:end]` is always a record's words."""

    def __init__(self, text: str, normalised: Normalised) -> None:
        self.text = text
        self.normalised = normalised

    def span(self, start: int, end: int) -> tuple[int, int, str]:
        old_start = self.normalised.start(start)
        old_end = old_start if end <= start else max(old_start, self.normalised.end(end))
        return old_start, old_end, self.text[old_start:old_end]

    def coded(self, coded: CodedArticle, article: Article) -> CodedArticle:
        return replace(coded, article=article, sentences=tuple(self.sentence(s) for s in coded.sentences),
                       events=tuple(self.event(e) for e in coded.events),
                       figures=tuple(self.figure(f) for f in coded.figures),
                       explanation=tuple(self.explanation(x) for x in coded.explanation))

    def sentence(self, sentence: Sentence) -> Sentence:
        start, end, text = self.span(sentence.start, sentence.end)
        tokens = []
        for token in sentence.tokens:
            token_start, _, token_text = self.span(token.start, token.end)
            tokens.append(token._replace(start=token_start, text=token_text))
        return replace(sentence, start=start, end=end, text=text, tokens=tuple(tokens))

    def event(self, event: Event) -> Event:
        trigger_start, trigger_end, trigger = self.span(event.trigger_start, event.trigger_end)
        sentence_start, sentence_end, sentence = self.span(event.sentence_start, event.sentence_end)
        return replace(event, trigger=trigger, trigger_start=trigger_start, trigger_end=trigger_end,
                       sentence=sentence, sentence_start=sentence_start, sentence_end=sentence_end,
                       source=self.actor(event.source), target=self.actor(event.target) if event.target else None,
                       place=self.place(event.place), fatalities=self.toll(event.fatalities),
                       injured=self.toll(event.injured))

    def actor(self, actor: EventActor) -> EventActor:
        start, end, text = self.span(actor.start, actor.end)
        return replace(actor, start=start, end=end, text=text)

    def mention(self, mention: ActorMention) -> ActorMention:
        start, end, text = self.span(mention.start, mention.end)
        return replace(mention, start=start, end=end, text=text)

    def place(self, place: Place | None) -> Place | None:
        if place is None or place.start is None or place.end is None:
            return place
        start, end, text = self.span(place.start, place.end)
        return replace(place, start=start, end=end, text=text)

    def toll(self, toll: Toll | None) -> Toll | None:
        if toll is None:
            return None
        start, end, text = self.span(toll.start, toll.end)
        return replace(toll, start=start, end=end, number_text=text)

    def figure(self, figure: Figure) -> Figure:
        start, end, text = self.span(figure.start, figure.end)
        sentence_start, sentence_end, sentence = self.span(figure.sentence_start, figure.sentence_end)
        return replace(figure, start=start, end=end, number_text=text, sentence=sentence,
                       sentence_start=sentence_start, sentence_end=sentence_end, place=self.place(figure.place))

    def explanation(self, item: SentenceExplanation) -> SentenceExplanation:
        return replace(item, sentence=self.sentence(item.sentence), actors=tuple(self.mention(a) for a in item.actors),
                       events=tuple(self.event(e) for e in item.events))
