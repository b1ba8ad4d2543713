"""`dyads explain`: the reasons behind each event, from the API and the CLI."""

import pytest
from click.testing import CliRunner

from dyads.api import explain
from dyads.cli import main
from dyads.coding.explain import format_explanation

SENTENCES = {  # one sentence per root code, each with the code it must give
    "01": ("Russia denied responsibility for the attack on the convoy.", "016"),
    "02": ("Iraq urged Turkey to withdraw its troops from Mosul.", "02"),
    "03": ("China pledged aid to Nepal after the earthquake.", "03"),
    "04": ("Iran's foreign minister met his Russian counterpart in Moscow.", "04"),
    "05": ("France praised Tunisia for its democratic transition.", "05"),
    "06": ("Russian and Syrian troops held joint military exercises with Iranian forces.", "06"),
    "07": ("Saudi Arabia sent humanitarian aid to Yemen.", "07"),
    "08": ("Iran released ten American sailors.", "08"),
    "09": ("The UN investigated Syria over the chemical attack.", "09"),
    "10": ("Turkey demanded the release of its diplomats from Iraq.", "10"),
    "11": ("Moscow accused Washington of arming militants.", "11"),
    "12": ("Israel rejected the French proposal.", "12"),
    "13": ("North Korea threatened to attack South Korea.", "13"),
    "14": ("Iranian protesters demonstrated against the government.", "14"),
    "15": ("Russia deployed troops along the Ukrainian border.", "15"),
    "16": ("Saudi Arabia severed diplomatic ties with Iran.", "16"),
    "17": ("Turkish police arrested Kurdish journalists.", "17"),
    "18": ("Taliban fighters killed Afghan soldiers.", "18"),
    "19": ("Israeli warplanes bombed Hamas positions in Gaza.", "19"),
    "20": ("Syrian government forces used chemical weapons against civilians.", "20"),
}


@pytest.mark.parametrize("root", sorted(SENTENCES))
def test_explains_an_event_of_each_root(root):
    text, prefix = SENTENCES[root]
    [ex] = explain(text, "2016-03-26")
    assert any(e.code.startswith(prefix) for e in ex.events), format_explanation([ex])
    fired = [d for d in ex.decisions if d.outcome.startswith("event")]
    assert fired and all(":" in d.pattern for d in fired)  # file:line of the pattern
    assert all(":" in str(m.ref) for m in ex.actors)  # file:line of each actor entry


def test_explains_why_there_is_no_event():
    [ex] = explain("Iran did not meet Saudi Arabia in Geneva.", "2016-03-26")
    assert not ex.events and "negated" in ex.reason
    [ex] = explain("The weather in Geneva was cold.", "2016-03-26")
    assert "no actor" in ex.reason


def test_cli_explain_prints_parse_actors_and_pattern():
    result = CliRunner().invoke(main, ["explain", "Zarif met Lavrov on Tuesday.", "--date", "2015-12-02"])
    assert result.exit_code == 0, result.output
    assert "nsubj: Zarif" in result.output
    assert "actors/people.yaml:" in result.output
    assert "events/patterns-" in result.output
    assert "2015-12-01" in result.output


def test_cli_explain_and_places_take_a_passage_too_long_to_be_a_file_name():
    # a passage of several paragraphs is over the file system's 255-byte name limit: it is text
    passage = ("The two foreign ministers stressed the need for a stable political process in Syria. " * 4
               + "\n\nIran's foreign minister met his Russian counterpart in Moscow on Tuesday.")
    result = CliRunner().invoke(main, ["explain", passage, "--date", "2016-03-26", "--no-parse"])
    assert result.exit_code == 0, result.output
    assert "IRNGOV -> RUSGOV" in result.output
    result = CliRunner().invoke(main, ["places", passage, "--date", "2016-03-26"])
    assert result.exit_code == 0, result.output
    assert "Moscow" in result.output
