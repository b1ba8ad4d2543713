"""Discard phrases are found by an automaton before the pattern is tried: the same phrase at the
same place as the one pattern's search, whatever the case, the word edges or the characters that
case-insensitive matching takes for ASCII letters."""

from __future__ import annotations

import random

from dyads.knowledge.dictionaries import Discards
from dyads.model import DictionaryRef

PHRASES = ["world cup", "World Golf Championships", "nba", "inning", "tennis", "2014 competition", "ice hockey",
           "hockey", "cup final", "kick boxing", "soccer"]
TEXTS = [
    "Italy beat France in the World Cup final on Sunday.",
    "The beginning of the talks",  # "inning" inside a word
    "a pre-world cup match", "world-cup", "world_cup", "The NBA's season", "nba2",
    "the ICE HOCKEY league", "ice  hockey", "ice\nhockey", "KICK BOXING", "\u212aick boxing",  # Kelvin sign
    "\u017foccer", "\u0130nning", "\u0131nning", "Tenn\u0131s", "caf\u00e9 tennis", "\u2019tennis\u2019",
    "2014 competitions", "the 2014 competition", "hockey cup final", "", "no phrase at all",
]


def discards() -> Discards:
    found = Discards()
    for line, phrase in enumerate(PHRASES):
        found.add(phrase, DictionaryRef("discards.txt", line))
    found.find("")  # built
    return found


def test_the_automaton_finds_what_the_pattern_finds():
    found = discards()
    assert found._pattern is not None and found._automaton is not None
    rng = random.Random(7)
    texts = list(TEXTS)
    for _ in range(2000):
        words = rng.choice(TEXTS).split(" ") + [rng.choice(PHRASES)]
        rng.shuffle(words)
        texts.append(" ".join("".join(c.upper() if rng.random() < 0.3 else c for c in w) for w in words))
    for text in texts:
        expected = found._pattern.search(text)
        got = found._first_match(text)
        assert (got and (got.span(), got.group())) == (expected and (expected.span(), expected.group())), text


def test_a_phrase_outside_ascii_keeps_the_pattern_alone():
    found = discards()
    found.add("caf\u00e9 society", DictionaryRef("discards.txt", 99))
    assert found.find("the caf\u00e9 society") == DictionaryRef("discards.txt", 99)
    assert found._automaton is None
    assert found.find("Italy won the World Cup") == DictionaryRef("discards.txt", 0)
