"""The PETRARCH validation suites: reading all three files, and scoring stub coders against them."""

import datetime as dt
import json
import os
import re
from pathlib import Path

import pytest

from dyads.errors import GoldError
from dyads.evaluation.petrarch_suites import (
    ExpectedEvent,
    Suite,
    SuiteRecord,
    confirmed_valid,
    read_suite,
    score_suite,
)

SUITES = Path(os.environ.get("DYADS_PETRARCH_SUITES", "/work/shared/petrarch/suites"))
PETRARCH2 = SUITES / "petrarch2" / "PETR.UnitTest.records.xml"
UNIVERSAL = SUITES / "universalpetrarch-2_02" / "PETR_Validate_records_2_02.xml"
PETRARCH1 = SUITES / "petrarch1" / "PETR.Validate.records.140226.txt"

pytestmark = pytest.mark.skipif(
    not SUITES.is_dir() and os.environ.get("CI") != "true", reason=f"PETRARCH suites not found at {SUITES}"
)


@pytest.fixture(scope="module")
def petrarch2() -> Suite:
    return read_suite(PETRARCH2)


@pytest.fixture(scope="module")
def universal() -> Suite:
    return read_suite(UNIVERSAL)


@pytest.fixture(scope="module")
def petrarch1() -> Suite:
    return read_suite(PETRARCH1)


@pytest.fixture(scope="module", params=["petrarch2", "universal", "petrarch1"])
def any_suite(request) -> Suite:
    return request.getfixturevalue(request.param)


def triples(record: SuiteRecord) -> list[tuple[str, str, str]]:
    return [(event.source, event.target, event.code) for event in record.expected]


def scored(suite: Suite) -> list[SuiteRecord]:
    return [record for record in suite.records if record.scored]


def oracle(suite: Suite):
    """A coder that returns each record's expectations; it checks it is called in file order."""
    return oracle_on_records(scored(suite))


def oracle_on_records(records: list[SuiteRecord]):
    """`oracle` for a selection of a suite's records."""
    queue = iter(records)

    def coder(text, date, options):
        record = next(queue)
        assert (text, date, options) == (record.text, record.date, record.options)
        return triples(record)

    return coder


def oracle_on_selection(suite: Suite, categories):
    queue = iter([record for record in scored(suite) if record.category in categories])
    return lambda text, date, options: triples(next(queue))


def silent(text, date, options):
    return []


# --- reading the real suites ----------------------------------------------------------------


def test_petrarch2_has_284_records_the_readme_285_counts_the_sentences_wrapper(petrarch2):
    assert len(petrarch2.records) == 284 and petrarch2.skipped == ()
    assert PETRARCH2.read_text(encoding="utf-8").count("<Sentence") == 285  # + <Sentences>


def test_universal_has_274_records_the_readme_276_counts_the_wrapper_and_a_header_comment(universal):
    assert len(universal.records) == 274 and universal.skipped == ()
    raw = UNIVERSAL.read_text(encoding="utf-8")
    assert raw.count("<Sentence") == 276
    assert raw.count("<Sentences>") == 1 and raw.count("#   Use <Sentence ... evaluate=") == 1


def test_petrarch1_has_405_blocks_of_which_6_are_tabari_option_records(petrarch1):
    assert len(petrarch1.records) == 399
    assert [skip.id for skip in petrarch1.skipped] == [
        "COMMA-Change", "COMMA-Change", "COMMA-Cancel", "MINWRD-ACTIVATE", "MINWRD-Reset", "MINWRD-Cancel",
    ]
    assert all("option record" in skip.reason for skip in petrarch1.skipped)


def test_dialects(petrarch2, universal, petrarch1):
    assert (petrarch2.dialect, universal.dialect) == ("petrarch-xml", "petrarch-xml")
    assert petrarch1.dialect == "tabari-port"


def test_petrarch2_known_record(petrarch2):
    record = petrarch2.record("DEMO-02")
    assert (record.category, record.date, record.line) == ("DEMO", dt.date(1995, 1, 3), 160)
    assert record.text == (
        "Dagolath's first Deputy Prime Minister Telemar left for Minas Tirith on Wednesday for meetings "
        "of the joint transport committee with Arnor, the Dagolathi news agency reported."
    )
    assert triples(record) == [("DAGGOV", "GON", "032"), ("GON", "DAGGOV", "033")]
    assert record.scored and not record.expects_no_event


def test_universal_known_record(universal):
    record = universal.record("DEMO-01")
    assert (record.category, record.date) == ("DEMO", dt.date(1995, 1, 1))
    assert record.text == (
        "Arnor is about to restore full diplomatic ties with Gondor almost five years after crowds trashed its embassy."
    )
    assert triples(record) == [("ARN", "GON", "050")]


def test_petrarch1_known_record(petrarch1):
    record = petrarch1.record("DATE-01")
    assert (record.category, record.date, record.line) == ("DATE", dt.date(1995, 1, 4), 54)
    assert record.text == "Sam Gamgee will be renewing his gardener's license in Michel Delving."
    assert triples(record) == [("HOBCIV", "SHRGOV", "031")]


def test_petrarch1_bare_text_stops_before_the_parse_and_corenlp_debris(petrarch1):
    assert petrarch1.record("CONNECT-15").text == "Gollum will bargain for asylum in Gondor, AFP reported."
    assert triples(petrarch1.record("CONNECT-15")) == [("HOB", "GON", "174K")]
    conv = petrarch1.record("CONV-07")
    assert conv.text.endswith("when a major dam is filled next month.") and "TIMEX" not in conv.text


def test_unclosed_petrarch1_record_ends_where_the_next_begins(petrarch1):
    record = petrarch1.record("SYNSET-24e")  # no </Sentence>: section comments and CLAUSE-01 follow
    assert triples(record) == [("ARN", "GON", "083")]
    assert record.text.endswith("a senior official said on Saturday.")


def test_tabari_comment_expectations_count_when_no_event_coding(petrarch1, petrarch2):
    record = petrarch1.record("PATTERN-12")
    assert record.from_comment and triples(record) == [("ARN", "ROH", "151")]
    assert triples(petrarch1.record("DEBUG-06")) == [("ARN", "ROH", "095"), ("GON", "ROH", "095")]
    assert petrarch2.record("PATTERN-06").from_comment
    assert triples(petrarch2.record("PATTERN-06")) == [("HOB", "GON", "111")]
    # an EventCoding beats a comment: MISC-01 has both <EventCoding GON/OSG/172> and {---}
    assert triples(petrarch1.record("MISC-01")) == [("GON", "OSG", "172")]


def test_tabari_markers(petrarch1):
    assert petrarch1.record("VERBEND-01c").expects_no_event  # <!-- -----> : {---} without braces
    assert petrarch1.record("COMMA-01A").expects_no_event  # {---}
    discard = petrarch1.record("DISCARD-1")  # {###}
    assert (discard.error, discard.expects_no_event, discard.scored) == ("discard", True, True)
    complex_ = petrarch1.record("TIME-04")  # {+++}
    assert complex_.error == "complex" and not complex_.scored
    assert petrarch1.record("TIME-06").exclusion == "only a deactivated expectation"  # -{ DAG / ARN / 031 }


def test_noevents_records(petrarch2, universal):
    final = petrarch2.record("FINAL-RECORD")
    assert final.expects_no_event and final.expected == () and final.scored
    assert final.text == "ALL OF THE UNIT TESTS WERE CODED CORRECTLY."
    assert universal.record("DEMO-23").expects_no_event


def test_error_expectations(petrarch2):
    assert petrarch2.record("DISCARD-01").error == "storydiscard"
    assert petrarch2.record("DISCARD-01").expects_no_event and petrarch2.record("DISCARD-01").scored
    broken_parse = petrarch2.record("ERROR-02")
    assert broken_parse.error == "bad_input_parse" and not broken_parse.scored


def test_evaluate_false_and_its_cousins(universal, petrarch2, petrarch1):
    verb = universal.record("VERB-22")
    assert not verb.evaluate and verb.exclusion == 'disabled by the suite (evaluate="false")'
    assert triples(verb) == [("ETH", "LBY", "111")]  # still read, only not scored
    assert sum(not record.evaluate for record in universal.records) == 10
    assert not petrarch2.record("DEMO-04").evaluate  # sentence="false": "currently not implemented"
    assert not petrarch1.record("COMPOUND-24").evaluate  # valid="false"
    assert not petrarch1.record("AGENT-05").evaluate  # <Skip>


def test_records_after_the_final_record_are_not_scored(petrarch1):
    assert petrarch1.record("FINAL-01").exclusion == "no expectation"
    assert "FINAL" in petrarch1.record("MISC-01").exclusion


def test_config_options_apply_to_the_records_after_them(petrarch2):
    assert "new_actor_length" not in petrarch2.record("DEMO-02").options
    assert petrarch2.record("DEMO-22").options["new_actor_length"] == "4"
    assert petrarch2.record("DEMO-23").options["new_actor_length"] == "0"
    assert petrarch2.record("COMPOUND-03").options["require_dyad"] == "false"
    assert petrarch2.record("COMPOUND-05").options["require_dyad"] == "true"
    assert petrarch2.record("DEMO-02").options["stop_on_error"] == "True"  # from <Environment>
    assert "require_dyad" in petrarch2.options_seen


def test_tabari_option_records_become_options(petrarch1):
    assert dict(petrarch1.record("COMMA-02A").options) == {
        "comma_min": "4", "comma_max": "6", "comma_emin": "3", "comma_emax": "6", "comma_bmin": "3",
    }  # "BMAX =" has no number in the file
    assert petrarch1.record("COMMA-03A").options["comma_max"] == "0"  # COMMA: OF
    assert petrarch1.record("MINWRD-02").options["minimum_words"] == "4"
    assert petrarch1.record("MINWRD-03").options["minimum_words"] == "20"


def test_attributes_are_decoded_and_codes_kept_literal(petrarch2, universal):
    assert triples(petrarch2.record("DEMO-22"))[1] == ('"INJURY TOLL"', "OSG", "223")  # single-quoted
    assert universal.record("ACTOR-01").expected[0].source == '"GRYFFINDOR HEAD MINERVA MCGONAGALL"'  # &quot;
    assert ("FRO/BIL/SAM", "ELR/GAL", "050") in triples(universal.record("COMPOUND-11"))


def test_environment_and_include(universal, petrarch1):
    assert universal.environment["Verbfile"] == "PETR_Validate_verbs_2_02.txt"
    assert "PARSING" not in universal.include and "DEMO" in universal.include
    assert petrarch1.include == ("valid", "AGENT", "DEMO")


def test_reading_is_deterministic():
    assert read_suite(PETRARCH1) == read_suite(PETRARCH1)


# --- scoring the real suites with stub coders -------------------------------------------------


def test_oracle_coder_is_perfect(any_suite):
    report = score_suite(any_suite, oracle(any_suite))
    overall = report.overall
    assert overall.records == len(scored(any_suite)) > 0
    assert (overall.recall, overall.precision, overall.f1) == (1.0, 1.0, 1.0)
    assert overall.whole == overall.records and overall.no_event_silent_rate == 1.0


def test_silent_coder(any_suite):
    overall = score_suite(any_suite, silent).overall
    no_event = [record for record in scored(any_suite) if record.expects_no_event]
    assert overall.recall == 0.0 and overall.precision is None and overall.f1 == 0.0
    assert overall.no_event_silent_rate == 1.0 and overall.no_event_records == len(no_event) > 0
    assert overall.whole == len(no_event)


def test_one_wrong_triple_per_record_lowers_precision(any_suite):
    right = oracle(any_suite)
    report = score_suite(any_suite, lambda *args: [*right(*args), ("ZZZ", "YYY", "999")])
    records = scored(any_suite)
    expected = sum(len(record.expected) for record in records)
    assert report.overall.precision == pytest.approx(expected / (expected + len(records)))
    assert report.overall.recall == 1.0 and report.overall.whole == 0
    assert report.as_dict()["overall"]["precision"] == round(expected / (expected + len(records)), 4)


def test_excluded_records_are_counted_and_never_coded(universal):
    seen = []
    report = score_suite(universal, lambda text, date, options: seen.append(text) or [])
    disabled = sum(not record.evaluate for record in universal.records)
    assert report.excluded['disabled by the suite (evaluate="false")'] == disabled == 10
    assert len(seen) == report.overall.records == len(universal.records) - report.excluded_total


def test_per_category_tallies_add_up(petrarch2):
    report = score_suite(petrarch2, oracle(petrarch2))
    categories = report.categories
    assert list(categories) == sorted({record.category for record in scored(petrarch2)})
    assert sum(tally.records for tally in categories.values()) == report.overall.records
    assert sum(tally.expected for tally in categories.values()) == report.overall.expected


def test_category_selection_uses_include(universal):
    report = score_suite(universal, oracle_on_selection(universal, universal.include), categories=universal.include)
    outside = [record for record in scored(universal) if record.category not in universal.include]
    assert set(report.categories) <= set(universal.include)
    assert report.excluded["category not selected"] == len(outside) > 0


def test_record_selection_confirmed_valid(petrarch1):
    valid = [record for record in scored(petrarch1) if record.attributes.get("valid") == "true"]
    report = score_suite(petrarch1, oracle_on_records(valid), select=confirmed_valid)
    assert report.overall.records == len(valid) == 48 and report.overall.recall == 1.0
    assert report.excluded["record not selected"] == len(scored(petrarch1)) - len(valid)
    assert petrarch1.record("DATE-01").attributes["category"] == "DATE" and confirmed_valid(petrarch1.record("DATE-01"))


def test_report_renderings(petrarch1):
    report = score_suite(petrarch1, silent)
    as_dict = report.as_dict()
    assert json.loads(json.dumps(as_dict)) == as_dict
    assert as_dict["excluded_total"] == len(petrarch1.records) - report.overall.records
    lines = report.format_table().splitlines()
    assert lines[0].startswith("PETR.Validate.records.140226.txt: 373 records scored")
    assert lines[1].split()[0] == "scope" and lines[2].split()[0] == "overall"
    assert [line.split()[0] for line in lines[3:6]] == ["950101", "ACTORSYN", "AGENT"]


def test_scoring_is_deterministic(petrarch2):
    assert score_suite(petrarch2, oracle(petrarch2)).as_dict() == score_suite(petrarch2, oracle(petrarch2)).as_dict()


# --- small hand-written suites ---------------------------------------------------------------


def write_suite(tmp_path: Path, records: str, *, xml: bool = True) -> Path:
    body = f"<Validation>\n<Sentences>\n{records}</Sentences>\n</Validation>\n" if xml else records
    path = tmp_path / "suite.xml"
    path.write_text(body, encoding="utf-8")
    return path


def sentence(record_id: str, codings: str, *, date: str = "19950101", extra: str = "") -> str:
    return (
        f'<Sentence date="{date}" id="{record_id}" category="DEMO"{extra}>\n{codings}\n'
        f"<Text>\nArnor restored ties\n with Gondor.\n</Text>\n</Sentence>\n"
    )


def test_null_actor_placeholder_matches_none(tmp_path):
    coding = '<EventCoding sourcecode="ARN" targetcode="---" eventcode="064"/>'
    suite = read_suite(write_suite(tmp_path, sentence("A-1", coding) + sentence("A-2", coding)))
    answers = iter([[("ARN", None, "064")], [("ARN", "---", "064")]])
    report = score_suite(suite, lambda *args: next(answers))
    assert suite.records[0].text == "Arnor restored ties with Gondor."
    assert report.overall.matched == 2 and report.overall.whole == 2


def test_evaluate_false_record_cannot_hurt_the_score(tmp_path):
    coding = '<EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"/>'
    records = sentence("A-1", coding) + sentence("A-2", coding, extra=' evaluate="false"')
    report = score_suite(read_suite(write_suite(tmp_path, records)), lambda *args: [("ARN", "GON", "064")])
    assert report.overall.records == 1 and report.overall.precision == 1.0
    assert dict(report.excluded) == {'disabled by the suite (evaluate="false")': 1}


def test_multisets_duplicates_cost_precision_but_not_the_whole_record(tmp_path):
    coding = '<EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"/>'
    suite = read_suite(write_suite(tmp_path, sentence("A-1", coding)))
    report = score_suite(suite, lambda *args: [("ARN", "GON", "064")] * 2)
    assert report.overall.precision == 0.5 and report.overall.whole == 1


def test_config_after_a_record_applies_only_later(tmp_path):
    coding = '<EventCoding noevents="True"/>'
    records = sentence("A-1", coding) + '<Config option="require_dyad" value="false"/>\n' + sentence("A-2", coding)
    first, second = read_suite(write_suite(tmp_path, records)).records
    assert dict(first.options) == {} and dict(second.options) == {"require_dyad": "false"}


def test_bad_date_names_file_and_line(tmp_path):
    path = write_suite(tmp_path, sentence("A-1", '<EventCoding noevents="True"/>', date="19951301"))
    with pytest.raises(GoldError, match=rf"{re.escape(str(path))}:3: .*date='19951301'"):
        read_suite(path)


def test_event_coding_without_eventcode_names_file_and_line(tmp_path):
    path = write_suite(tmp_path, sentence("A-1", '<EventCoding sourcecode="ARN" targetcode="GON"/>'))
    with pytest.raises(GoldError, match=rf"{re.escape(str(path))}:4: record A-1: <EventCoding> has no eventcode"):
        read_suite(path)


def test_contradictory_expectations_are_rejected(tmp_path):
    codings = '<EventCoding noevents="True"/>\n<EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"/>'
    with pytest.raises(GoldError, match="suite.xml:4: "):
        read_suite(write_suite(tmp_path, sentence("A-1", codings)))


def test_record_without_text_is_an_error_in_xml(tmp_path):
    record = '<Sentence date="19950101" id="A-1" category="DEMO">\n<EventCoding noevents="True"/>\n'
    path = write_suite(tmp_path, record)
    with pytest.raises(GoldError, match=rf"{re.escape(str(path))}:3: record A-1: record has no <Text>"):
        read_suite(path)


def test_config_without_value_is_an_error(tmp_path):
    path = write_suite(tmp_path, '<Config option="require_dyad"/>\n')
    with pytest.raises(GoldError, match=rf"{re.escape(str(path))}:3: <Config> needs option= and value="):
        read_suite(path)


def test_tabari_port_skips_unreadable_records_instead_of_raising(tmp_path):
    records = (
        '<Sentence date="1995011" id="BAD-1" category="DEMO">\n<!-- {---} -->\nArnor spoke.\n</Sentence>\n'
        '<Sentence date="19950101" id="OK-1" category="DEMO">\n<!--  { ARN / GON / 064 } */ -->\n'
        "Arnor restored ties\nwith Gondor.\n(ROOT (S (NP (NNP Arnor))))\nA note after the parse.\n"
    )
    suite = read_suite(write_suite(tmp_path, records, xml=False))
    assert suite.dialect == "tabari-port"
    assert [(skip.id, skip.line) for skip in suite.skipped] == [("BAD-1", 1)]
    assert "not YYYYMMDD" in suite.skipped[0].reason
    (record,) = suite.records
    assert record.text == "Arnor restored ties with Gondor." and triples(record) == [("ARN", "GON", "064")]


def test_unreadable_file_is_a_gold_error(tmp_path):
    path = tmp_path / "suite.xml"
    path.write_bytes(b"\xff\xfe<Validation>")
    with pytest.raises(GoldError, match="cannot read"):
        read_suite(path)


def test_expected_event_triple_normalises_only_the_null_actor():
    assert ExpectedEvent("---", "---GOV", "023?").triple() == (None, "---GOV", "023?")


def test_misbehaving_coder_is_reported(tmp_path):
    suite = read_suite(write_suite(tmp_path, sentence("A-1", '<EventCoding noevents="True"/>')))
    with pytest.raises(TypeError, match="A-1"):
        score_suite(suite, lambda *args: [("ARN", "GON")])
