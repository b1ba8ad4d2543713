"""dyads on a peer's validation suite: `dyads eval --petrarch` codes the records with the Coder and
scores its events as (source, target, code) triples, honouring require_dyad."""

from __future__ import annotations

import json

from click.testing import CliRunner

from dyads.cli import main

SUITE = """<Validation>
<Sentences>
<Sentence date="20160301" id="TALKS-01" category="TALKS">
<EventCoding sourcecode="IRN" targetcode="RUS" eventcode="040">
<EventCoding sourcecode="RUS" targetcode="IRN" eventcode="040">
<Text>Iran and Russia held talks in Moscow.</Text>
</Sentence>
<Sentence date="20160301" id="SHELL-01" category="FORCE">
<EventCoding noevents="True">
<Text>Syrian troops shelled the town.</Text>
</Sentence>
<Config option="require_dyad" value="false"></Config>
<Sentence date="20160301" id="SHELL-02" category="FORCE">
<EventCoding sourcecode="SYRMIL" targetcode="---" eventcode="194">
<Text>Syrian troops shelled the town.</Text>
</Sentence>
</Sentences>
</Validation>
"""


def test_eval_petrarch_scores_the_coder_with_require_dyad(tmp_path):
    path = tmp_path / "suite.xml"
    path.write_text(SUITE, encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", "--petrarch", str(path), "--json"])
    assert result.exit_code == 0, result.output
    [report] = json.loads(result.output)
    overall = report["overall"]
    # one-sided shelling: silent while require_dyad holds (the default), coded once it is false
    assert (overall["expected_events"], overall["returned_events"], overall["matched_events"]) == (3, 3, 3), overall
    assert overall["whole"] == 3 and overall["no_event_silent"] == 1

