"""The prefilter cuts paragraphs into sentences without a parse, and only sentences that can
hold an event or a figure are parsed; what it skips must never cost an event."""

from __future__ import annotations

from datetime import date

import pytest

import dyads
from dyads.api import coder_for
from dyads.coding.prefilter import chunks, sentence_spans
from dyads.corpus.read import make_article
from dyads.settings import Settings
from tests.conftest import TRUCE_PAGE, VIENNA


@pytest.mark.parametrize(("text", "sentences"), [
    ("The U.S. Treasury imposed sanctions on Iran. Oil prices rose.",
     ["The U.S. Treasury imposed sanctions on Iran. ", "Oil prices rose."]),
    ("Gen. Petraeus met Karzai in Kabul on Jan. 5. Talks went well.",
     ["Gen. Petraeus met Karzai in Kabul on Jan. 5. ", "Talks went well."]),
    ('"We will respond," he said. The U.N. envoy left.', ['"We will respond," he said. ', "The U.N. envoy left."]),
    ("Turnout was 62.5 percent in 2016. No one objected.", ["Turnout was 62.5 percent in 2016. ", "No one objected."]),
])
def test_sentences_by_punctuation_respect_abbreviations(text, sentences):
    assert [text[a:b] for a, b in sentence_spans(text)] == sentences


def test_runs_to_parse_keep_neighbours_together():
    text = ("Oil prices rose. Iran and Russia held talks in Moscow. Zarif met Lavrov on Tuesday. "
            "The weather was mild.")
    runs = [(text[a:b].strip(), keep) for a, b, keep in chunks(coder_for().knowledge.prefilter, text)]
    assert runs == [("Oil prices rose.", False),
                    ("Iran and Russia held talks in Moscow. Zarif met Lavrov on Tuesday.", True),
                    ("The weather was mild.", False)]
    assert chunks(None, text) == [(0, len(text), True)]


def test_a_sentence_of_violence_by_no_one_named_is_parsed():
    # no actor in it, but a bomb that went off: an event with an empty source (docs/coding-rules.md)
    text = "Markets reopened. A bomb went off near the bus station of Kidal on Monday."
    runs = [(text[a:b].strip(), keep) for a, b, keep in chunks(coder_for().knowledge.prefilter, text)]
    assert runs == [("Markets reopened.", False), ("A bomb went off near the bus station of Kidal on Monday.", True)]


def test_skipping_sentences_changes_no_event_of_the_samples():
    for path, day in ((VIENNA, "2015-12-02"), (TRUCE_PAGE, "2016-03-26")):
        text = path.read_text(encoding="utf-8")
        fast = dyads.code(text, date=day)
        article = make_article(text, origin=path.name, article_date=date.fromisoformat(day))
        [full] = list(coder_for(Settings.without_fast_path()).code([article]))
        assert [e.to_dict() for e in fast] == [e.to_dict() for e in full.events]


def test_a_skipped_sentence_still_counts_in_sentence_numbers():
    text = "Oil prices rose on Monday.\nThe weather was mild. Iran and Russia held talks in Moscow on Tuesday."
    [coded] = list(coder_for().code([make_article(text, origin="t")]))
    assert {e.sentence_index for e in coded.events} == {2}


def test_a_date_does_not_carry_over_a_skipped_sentence():
    # the event of the last sentence is undated; the sentence before it is skipped unparsed,
    # so Tuesday (two sentences up) must not be carried over to it, as the full path does not
    text = ("Iran and Russia held talks in Moscow on Tuesday.\nOil prices rose.\n"
            "India and Pakistan held talks.")
    article = make_article(text, origin="t", article_date=date(2015, 11, 15))
    [fast] = list(coder_for().code([article]))
    [full] = list(coder_for(Settings.without_fast_path()).code([article]))
    assert [e.to_dict() for e in fast.events] == [e.to_dict() for e in full.events]
    last = [e for e in fast.events if e.sentence_index == 2]
    assert last and {(e.date, e.date_basis) for e in last} == {(date(2015, 11, 15), "article")}


def test_events_built_from_the_probes_candidates_take_their_dates_from_the_entities_found_after():
    # the probe finds the candidates before the entity recogniser runs; the event's date comes
    # from the DATE entity the sentence has by the time the event is built
    text = "Iran and Russia held talks in Moscow on Tuesday.\nOil prices rose."
    article = make_article(text, origin="t", article_date=date(2015, 11, 15))
    [fast] = list(coder_for().code([article]))
    [full] = list(coder_for(Settings.without_fast_path()).code([article]))
    assert fast.events and [e.to_dict() for e in fast.events] == [e.to_dict() for e in full.events]
    assert {(e.date, e.date_text, e.date_basis) for e in fast.events} == {(date(2015, 11, 10), "Tuesday", "clause")}
