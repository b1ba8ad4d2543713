"""The acceptance cases of the coder on the two real sample articles."""

from datetime import date

import dyads
from dyads.corpus.read import clean_text
from tests.conftest import TRUCE_PAGE, VIENNA


def dyad_codes(events):
    return {(e.source.code, e.target.code if e.target else None, e.code, e.date) for e in events}


def test_vienna_call_is_041_both_ways_dated_tuesday(vienna_events):
    found = dyad_codes(vienna_events)
    assert ("IRNGOV", "RUSGOV", "041", date(2015, 12, 1)) in found
    assert ("RUSGOV", "IRNGOV", "041", date(2015, 12, 1)) in found


def test_vienna_call_evidence_points_into_the_text(vienna_events):
    call = next(e for e in vienna_events if e.code == "041")
    text = dyads.corpus.read.make_article(VIENNA.read_text(encoding="utf-8"), origin="x").text
    assert text[call.sentence_start:call.sentence_end] == call.sentence
    assert "telephone conversation on Tuesday" in call.sentence
    assert text[call.source.start:call.source.end] == call.source.text
    assert call.quad_class == 1 and call.goldstein == 1.0 and call.root_code == "04"


def test_truce_page_friday_call_is_041_dated_friday(truce_events):
    found = dyad_codes(truce_events)
    assert ("IRNGOV", "RUSGOV", "041", date(2016, 3, 25)) in found
    assert ("RUSGOV", "IRNGOV", "041", date(2016, 3, 25)) in found


def test_truce_page_boilerplate_is_never_coded(truce_events):
    boilerplate = clean_text(TRUCE_PAGE.read_text(encoding="utf-8")).dropped
    assert any("SHARE THIS ARTICLE" in line for line in boilerplate)
    assert any("(AFP Photo)" in line for line in boilerplate)
    assert any("alternate addresses" in line for line in boilerplate)
    assert any("News   /   Politics" in line or line.startswith("News") for line in boilerplate)
    for event in truce_events:
        assert "Photo" not in event.sentence and "©" not in event.sentence
        assert "SHARE" not in event.sentence and "presstv" not in event.sentence.lower()


def test_truce_page_title_is_not_body():
    article = dyads.corpus.read.make_article(TRUCE_PAGE.read_text(encoding="utf-8"), origin="x")
    assert article.title == "Iran, Russia FMs discuss ways to boost Syria truce"
    assert not article.text.startswith("Iran, Russia FMs")


def test_same_input_same_output_byte_for_byte():
    text = VIENNA.read_text(encoding="utf-8")
    first = [e.to_dict() for e in dyads.code(text, date="2015-12-02")]
    second = [e.to_dict() for e in dyads.code(text, date=date(2015, 12, 2))]
    assert first == second


def test_reported_meeting_plan_and_statistics_are_not_events(vienna_events):
    for event in vienna_events:
        assert "250,000" not in event.sentence
        assert "approximately one month" not in event.sentence
