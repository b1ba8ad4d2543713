"""The words that find reported figures (figures.yaml): cue words by kind ("killed",
"displaced"), qualifiers ("more than"), vague quantities ("dozens"), and words that rule a
number out or send the displaced abroad."""

from __future__ import annotations

from dataclasses import dataclass, field

from dyads.knowledge.schema import FigureWordsFile
from dyads.knowledge.sources import DataSources
from dyads.knowledge.yaml_lines import load_yaml, validated


@dataclass(frozen=True, slots=True)
class FigureWords:
    kinds: dict[str, frozenset[str]]
    qualifiers: list[tuple[str, list[str]]]  # (qualifier, phrase words), longest phrases first
    vague: dict[str, tuple[int, int]]
    not_people: frozenset[str] = frozenset()
    border_verbs: frozenset[str] = frozenset()
    abroad_words: frozenset[str] = frozenset()
    none_phrases: dict[str, tuple[str, ...]] = field(default_factory=dict)  # "no fatalities": a zero toll, by kind
    report_nouns: frozenset[str] = frozenset()  # "a report BY X": who gave a figure
    reporting_verbs: frozenset[str] = frozenset()  # "officials SAID"
    count_nouns: frozenset[str] = frozenset()  # "the NUMBER of dead": its "of" phrase says what it counts
    # the vague phrases by their first word, longest first: a token is checked against the few
    # that can start there
    vague_by_first: dict[str, list[str]] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        by_first: dict[str, list[str]] = {}
        for phrase in sorted(self.vague, key=len, reverse=True):
            by_first.setdefault(phrase.split()[0], []).append(phrase)
        object.__setattr__(self, "vague_by_first", by_first)


def read_figure_words(sources: DataSources) -> FigureWords:
    raw = validated(FigureWordsFile, load_yaml(sources.path("figures.yaml")), "figures.yaml")
    qualifiers = [(name, phrase.split()) for name, phrases in raw.qualifiers.items() for phrase in phrases]
    qualifiers.sort(key=lambda q: -len(q[1]))
    return FigureWords(
        {kind: frozenset(words) for kind, words in raw.kinds.items()},
        qualifiers,
        dict(raw.vague),
        frozenset(raw.not_people), frozenset(raw.border_verbs), frozenset(raw.abroad_words),
        {kind: tuple(p.lower() for p in phrases) for kind, phrases in raw.none.items()},
        frozenset(raw.report_nouns), frozenset(raw.reporting_verbs),
        frozenset(raw.count_nouns),
    )
