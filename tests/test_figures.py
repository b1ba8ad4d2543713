"""Reported figures on the two sample articles (the acceptance case) and on hard phrasings."""

import json
from datetime import date

import pytest

from dyads.api import code_articles, coder_for
from dyads.corpus.read import make_article
from dyads.evaluation.gold import evaluate_figures
from tests.conftest import GOLD, TRUCE_PAGE, VIENNA


def figures_of(text, day):
    [coded] = code_articles([make_article(text, origin="t", article_date=day)])
    return coded.figures


def test_vienna_sample_figures():
    figures = figures_of(VIENNA.read_text(encoding="utf-8"), date(2015, 12, 2))
    killed = next(f for f in figures if f.kind == "killed")
    injured = next(f for f in figures if f.kind == "injured")
    displaced = next(f for f in figures if f.kind == "displaced")
    assert (killed.low, killed.high, killed.qualifier) == (250_000, None, "more_than")
    assert (injured.low, injured.high) == (1_000_000, None)
    assert killed.reporter == "the UN" and injured.reporter == "the UN"
    assert "Syrian conflict" in killed.refers_to
    assert (displaced.low, displaced.high) == (7_600_000, 7_600_000)
    # the place: the country "the Syrian conflict" names
    assert (killed.place.country, killed.place.type, killed.place.method) == ("SYR", "country", "refers_to")


def test_truce_page_figures_with_source_and_date():
    figures = figures_of(TRUCE_PAGE.read_text(encoding="utf-8"), date(2016, 3, 26))
    killed = next(f for f in figures if f.kind == "killed")
    injured = next(f for f in figures if f.kind == "injured")
    assert (killed.low, killed.high) == (470_000, None)
    assert (injured.low, injured.high) == (1_900_000, 1_900_000)
    for f in (killed, injured):
        assert f.reporter == "the Syrian Center for Policy Research"
        assert f.as_of == date(2016, 2, 1)
        assert f.place.country == "SYR"


def test_a_figure_takes_the_place_of_its_sentence():
    [figure] = figures_of("A car bomb killed 12 people in Kirkuk on Monday, Iraqi police said.", date(2016, 1, 5))
    assert (figure.place.name, figure.place.method) == ("Kirkuk, Iraq", "sentence")


@pytest.mark.parametrize(("text", "kind", "low", "high", "qualifier"), [
    ("A car bomb killed 12 people in Baghdad on Monday, police said.", "killed", 12, 12, "exact"),
    ("The blast wounded between 30 and 40 others.", "injured", 30, 40, "range"),
    ("Police detained dozens of activists in Cairo.", "arrested", 24, 99, "vague"),
    ("Tens of thousands of protesters marched through Tehran.", "protesters", 20_000, 99_999, "vague"),
    ("Nearly 500,000 people have fled their homes, the UNHCR said.", "displaced", None, 500_000, "nearly"),
])
def test_phrasings(text, kind, low, high, qualifier):
    [figure] = [f for f in figures_of(text, date(2016, 1, 1)) if f.kind == kind]
    assert (figure.low, figure.high, figure.qualifier) == (low, high, qualifier)


@pytest.mark.parametrize("text", [
    "The government sent 3,000 troops to the border.",
    "Parliament approved a $2 billion budget in 2015.",
    "A 45-year-old man was arrested.",
    "Turnout was 62 percent.",
])
def test_numbers_that_are_not_figures(text):
    assert [f for f in figures_of(text, date(2016, 1, 1)) if f.low not in (1, None)] == []


@pytest.mark.parametrize("text", [
    "Hundreds of students gathered in Lagos after a classmate was killed by police.",
    "Thousands of mourners attended the funeral in Harare after the opposition activist was murdered.",
    "Dozens of villagers fled to the hills after a local chief was shot dead.",
])
def test_a_crowd_is_not_counted_among_the_dead_of_a_clause_with_its_own_victim(text):
    """The passive clause has a victim of its own ("after a classmate was killed"): it tells what
    happened to someone else, not to the counted crowd; "and were killed" with no subject of its
    own would."""
    assert [f for f in figures_of(text, date(2016, 1, 1)) if f.kind == "killed" and (f.low or 0) > 1] == []


def test_a_passive_verb_with_no_subject_of_its_own_still_counts_its_counted():
    [figure] = [f for f in figures_of("Two soldiers stepped on a landmine and were killed near Kidal.",
                                      date(2016, 1, 1)) if f.kind == "killed"]
    assert (figure.low, figure.high) == (2, 2)


def test_figures_gold_set_is_big_enough():
    lines = (GOLD / "figures.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) >= 150
    kinds = {f["kind"] for line in lines for f in json.loads(line)["figures"]}
    assert kinds == {"killed", "injured", "displaced", "refugees", "arrested", "missing", "protesters"}


def test_figures_gold_gate():
    result = evaluate_figures([GOLD / "figures.jsonl"], coder_for())
    floors = json.loads((GOLD / "baseline.json").read_text(encoding="utf-8"))["figures"]
    assert result["figures"]["f1"] >= floors["f1"] - 0.02, result["figures"]
    assert result["exact_number_accuracy"] >= floors["exact_number_accuracy"] - 0.02


def test_figures_gold_the_same_with_and_without_the_fast_path():
    """Entities recognised only where the probe found something give the same figures."""
    from dyads.settings import Settings

    fast = evaluate_figures([GOLD / "figures.jsonl"], coder_for())
    full = evaluate_figures([GOLD / "figures.jsonl"], coder_for(Settings.without_fast_path()))
    assert fast == full
