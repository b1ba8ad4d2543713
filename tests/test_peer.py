"""dyads on a peer's validation suite: `dyads eval --petrarch` codes the records with the Coder and
scores its events as (source, target, code) triples, honouring require_dyad."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from dyads.api import coder_for
from dyads.cli import main
from dyads.coding.english import singular
from dyads.evaluation.peer import score_with_coder
from dyads.model import Article
from dyads.settings import Settings
from tests.conftest import GOLD

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



# The three peer suites, each coded with its own dictionaries alone, gated like the gold sets:
# recall, precision and the no-event records kept silent may not drop more than two points below
# the figures pinned in tests/gold/baseline.json ("peer_suites").
SUITES = Path(os.environ.get("DYADS_PETRARCH_SUITES", "/work/shared/petrarch/suites"))
PEER_SUITES = {
    "petrarch2": "petrarch2/PETR.UnitTest.records.xml",
    "universalpetrarch-2_02": "universalpetrarch-2_02/PETR_Validate_records_2_02.xml",
    "petrarch1": "petrarch1/PETR.Validate.records.140226.txt",
}
TOLERANCE = 0.02


@pytest.mark.skipif(not SUITES.is_dir() and os.environ.get("CI") != "true",
                    reason=f"PETRARCH suites not found at {SUITES}")
@pytest.mark.parametrize("name", sorted(PEER_SUITES))
@pytest.mark.parametrize("future_acts", ["intent", "act"])
def test_peer_suite_scores_do_not_regress(name, future_acts):
    # pinned twice: under dyads' reading of "will" + act (an intent) and under PETRARCH's (the act)
    coder = coder_for(Settings(dictionaries=SUITES / name, future_acts=future_acts))
    overall = score_with_coder(SUITES / PEER_SUITES[name], coder).overall
    pinned = "peer_suites" if future_acts == "intent" else "peer_suites_future_acts"
    pins = json.loads((GOLD / "baseline.json").read_text(encoding="utf-8"))[pinned][name]
    found = {"recall": overall.recall, "precision": overall.precision,
             "no_event_silent_rate": overall.no_event_silent_rate}
    for key, pin in pins.items():
        assert found[key] >= pin - TOLERANCE, (name, key, found)


@pytest.mark.skipif(not SUITES.is_dir(), reason=f"PETRARCH suites not found at {SUITES}")
def test_a_paired_code_gives_the_event_back_from_the_target():
    # PETR.Validate.verbs.txt:164 "--- ARRIVE  [032:033]  ---": PETRARCH codes the visit and its hosting
    coder = coder_for(Settings(dictionaries=SUITES / "petrarch2"))
    [coded] = coder.code([Article(doc_id="a", text="Arnor arrived in Gondor on Monday.", date=date(2010, 1, 1))])
    assert sorted((e.source.code, e.target.code if e.target else None, e.code) for e in coded.events) == [
        ("ARN", "GON", "032"), ("GON", "ARN", "033")]
    assert {e.pattern for e in coded.events} == {"petrarch2/PETR.Validate.verbs.txt:165"}
    # "plans to arrive" is an intent: nobody receives a visit yet
    [coded] = coder.code([Article(doc_id="a", text="Arnor plans to arrive in Gondor on Monday.",
                                  date=date(2010, 1, 1))])
    assert "033" not in {e.code for e in coded.events}


def coded_with(suite: str, text: str) -> list[tuple[str, str | None, str]]:
    [coded] = coder_for(Settings(dictionaries=SUITES / suite)).code(
        [Article(doc_id="a", text=text, date=date(1995, 1, 1))])
    return sorted((e.source.code, e.target.code if e.target else None, e.code) for e in coded.events)


@pytest.mark.skipif(not SUITES.is_dir(), reason=f"PETRARCH suites not found at {SUITES}")
def test_a_pack_verb_is_looked_up_by_the_word_written_then_its_stem():
    # PETR.Validate.verbs.txt:713 "--- LEFT [032:033] ---": "left" is LEFT, as PETRARCH reads it, not LEAVE [012]
    assert coded_with("petrarch2", "Arnor left for Gondor on Monday.") == [("ARN", "GON", "032"), ("GON", "ARN", "033")]
    # what the act is for is an actor itself before the actors deeper in it
    assert coded_with("petrarch2", "Arnor left for Gondor on Monday for talks with Bree.") == [
        ("ARN", "GON", "032"), ("GON", "ARN", "033")]
    # petrarch1's TABARI file: "CONTRIBUT  [070]" is a stem; "BREAK_ [1717]" lists "{ BROKE_ BROKEN_ BROKEN_DOWN_ }"
    # (as "break" with the particle "down", no pattern of BREAK_ would hold)
    assert coded_with("petrarch1", "Arnor contributed food to Gondor on Monday.") == [("ARN", "GON", "070")]
    assert coded_with("petrarch1", "Estonia has broken down with Libya on Monday.") == [("EST", "LBY", "1717")]


@pytest.mark.skipif(not SUITES.is_dir(), reason=f"PETRARCH suites not found at {SUITES}")
def test_a_suite_keeps_dyads_reading_of_will():
    # PETRARCH codes "will contribute" as the contribution; dyads reads an intent (033) with any
    # dictionaries: a convention of its coding rules, not of a dictionary (docs/design.md)
    assert coded_with("petrarch2", "Arnor will contribute food to Gondor.") == [("ARN", "GON", "033")]
    # with `future_acts="act"` it reads it as PETRARCH does
    [coded] = coder_for(Settings(dictionaries=SUITES / "petrarch2", future_acts="act")).code(
        [Article(doc_id="a", text="Arnor will contribute food to Gondor.", date=date(1995, 1, 1))])
    assert [(e.source.code, e.target.code if e.target else None, e.code) for e in coded.events] == [
        ("ARN", "GON", "070")]


@pytest.mark.skipif(not SUITES.is_dir(), reason=f"PETRARCH suites not found at {SUITES}")
def test_overlapping_dated_codes_are_read_in_the_files_order():
    # PETR.Validate.actors.txt:224 SAM_GAMGEE [HOB], [HOBCIV <20080120], [ORCHOB 20100109-20100112] "This should
    # override the next restriction", [HOBMIL 20080120-20121109]: the first range that holds, as PETRARCH reads it
    actors = coder_for(Settings(dictionaries=SUITES / "petrarch2")).knowledge.actors
    [sam] = actors.lookup("Sam Gamgee")
    assert [sam.code_on(date(*day)) for day in ((2010, 1, 10), (2009, 1, 1), (2007, 1, 1))] == [
        "ORCHOB", "HOBMIL", "HOBCIV"]


@pytest.mark.skipif(not SUITES.is_dir(), reason=f"PETRARCH suites not found at {SUITES}")
def test_an_agent_before_a_name_composes_with_it():
    # PETR.Validate.agents.txt:48 "MSF {}  [NGO~]": the role goes first; :12 "PRESIDENT [~GOV]" over
    # "ROMENDACIL [BRE]", a name that heads the phrase and is part of it
    assert coded_with("petrarch2", "MSF Arnor condemned Gondor on Monday.") == [("NGOARN", "GON", "122")]
    assert coded_with("petrarch2", "Bree President Romendacil arrived in Gondor on Monday.") == [
        ("BREGOV", "GON", "032"), ("GON", "BREGOV", "033")]


@pytest.mark.skipif(not SUITES.is_dir(), reason=f"PETRARCH suites not found at {SUITES}")
def test_an_agent_phrase_in_the_plural_inflects_its_last_word():
    # PETR.Validate.agents.txt:44 "HUMAN_RIGHTS_ACTIVIST  [~OPP]": "human rights activists", not "human right activists"
    assert coded_with("petrarch2", "Human rights activists in Arnor condemned Gondor on Monday.") == [
        ("ARNOPP", "GON", "122")]


@pytest.mark.skipif(not SUITES.is_dir(), reason=f"PETRARCH suites not found at {SUITES}")
def test_a_country_before_an_agent_headed_by_its_first_word():
    # PETR.Validate.agents.txt:20 "!MINST!_OF_SILLY_WALKS [~GOV]": the phrase's head is "Ministry"
    assert coded_with("petrarch2", "The Calenardhon Ministry of Silly Walks condemned Gondor on Monday.") == [
        ("CALGOV", "GON", "122")]


@pytest.mark.skipif(not SUITES.is_dir(), reason=f"PETRARCH suites not found at {SUITES}")
def test_a_tabari_keyword_codes_as_a_noun_through_a_phrase_before_it():
    # petrarch1's TABARI file, PETR.Validate.verbs.txt:618 "- RECENTLY { RAISED | OTTERED } ITS *  [042]" under VOICE
    assert coded_with("petrarch1", "Calenardhon has recently raised its voice for Bree on Monday.") == [
        ("CAL", "BRE", "042")]
    # without those words, the noun is no verb ("VOICE [020]" alone does not code)
    assert coded_with("petrarch1", "Calenardhon heard the voice of Bree on Monday.") == []


@pytest.mark.skipif(not SUITES.is_dir(), reason=f"PETRARCH suites not found at {SUITES}")
def test_a_compound_slot_makes_the_parties_of_a_joint_subject_each_others_targets():
    # PETR.Validate.verbs.txt:451 "- % HAVE * [191]" under DELAY: the subject is a compound whose parties act
    # on each other; the pattern does not hold for a subject of one party
    assert coded_with("petrarch2", "Bree and Fornost have delayed the border talks.") == [
        ("BRE", "FOR", "191"), ("FOR", "BRE", "191")]
    assert ("BRE", "FOR", "191") not in coded_with("petrarch2", "Bree has delayed the border talks with Fornost.")
    # petrarch1's TABARI file, PETR.Validate.verbs.txt:343 "- % HAVE POSTPONED * [191]" under MEET: the verb read
    # as a noun ("their meet") takes the joint subject of the verb it belongs to
    assert coded_with("petrarch1", "Arnor and Bree have postponed their meet because of the storm.") == [
        ("ARN", "BRE", "191"), ("BRE", "ARN", "191")]
    assert coded_with("petrarch1", "Arnor has postponed the meet because of the storm.") == []


@pytest.mark.skipif(not SUITES.is_dir(), reason=f"PETRARCH suites not found at {SUITES}")
def test_a_rebuke_naming_no_actor_is_aimed_at_the_place_of_what_it_is_about():
    # PETR.Validate.verbs.txt:407 "--- CRITICIZE [121] ---": the place of the arrests is whom the criticism concerns
    assert coded_with("petrarch2", "Arnor criticized the arrest of journalists in Gondor.") == [("ARN", "GON", "121")]
    # not a place of when or where the act happened, nor a place of another kind of act
    assert coded_with("petrarch2", "Arnor criticized the arrest of journalists during a visit in Gondor.") == []
    assert coded_with("petrarch2", "Arnor commended the arrest of journalists in Gondor.") == []  # COMMEND [042]


@pytest.mark.skipif(not SUITES.is_dir(), reason=f"PETRARCH suites not found at {SUITES}")
def test_a_coded_compound_names_each_of_its_actors():
    # PETR.Validate.actors.txt:188 "THE_SHIRE [FRO/BIL/SAM]": one name for three actors, each coded in
    # turn, as source or target; a name that begins with "the" matches mid-sentence, in lower case
    assert coded_with("petrarch2", "Gondor condemned the Shire on Monday.") == [
        ("GON", "BIL", "122"), ("GON", "FRO", "122"), ("GON", "SAM", "122")]
    assert coded_with("petrarch2", "Bree and the Shire condemned Gondor on Monday.") == [
        ("BIL", "GON", "122"), ("BRE", "GON", "122"), ("FRO", "GON", "122"), ("SAM", "GON", "122")]


@pytest.mark.skipif(not SUITES.is_dir(), reason=f"PETRARCH suites not found at {SUITES}")
def test_a_pack_verbs_target_may_sit_in_a_phrase_the_parser_hangs_on_the_verb():
    # a particle parsed as a preposition ("cordoned off the bridges leading into Arnor"), a purpose pushed
    # away by a time phrase ("signed a treaty on Monday to supply Bree"); a place the act happened in stays none
    assert coded_with("petrarch2", "Bree cordoned off the bridges leading into Arnor.") == [("BRE", "ARN", "1721")]
    assert coded_with("petrarch2", "Arnor signed a treaty on Monday to supply Bree with grain.") == [
        ("ARN", "BRE", "081")]
    assert coded_with("petrarch2", "Arnor signed a treaty on Monday in Bree.") == []


@pytest.mark.skipif(not SUITES.is_dir(), reason=f"PETRARCH suites not found at {SUITES}")
def test_people_known_by_their_country_are_a_target_as_they_are_a_source():
    # "farmers" is no agent of the suite: the people are the country's, in the object as in the subject
    assert coded_with("petrarch2", "Bree will meet Eriadori farmers on Sunday.") == [
        ("BRE", "ERI", "031"), ("ERI", "BRE", "031")]
    assert coded_with("petrarch2", "Bree will meet Eriadori and Calenardhon farmers on Sunday.") == [
        ("BRE", "CAL", "031"), ("BRE", "ERI", "031"), ("CAL", "BRE", "031"), ("ERI", "BRE", "031")]


@pytest.mark.skipif(not SUITES.is_dir(), reason=f"PETRARCH suites not found at {SUITES}")
def test_the_first_of_a_list_hung_on_the_last_as_its_modifier_is_a_member():
    # "Bree and the evil awful Gondor": the parser reads "awful" as a noun joined to Bree, and Bree as a
    # modifier of Gondor
    assert coded_with("petrarch2", "Bree and the evil awful Gondor welcomed a resumption of formal trade ties "
                                   "with Arnor.") == [("BRE", "ARN", "041"), ("GON", "ARN", "041")]


@pytest.mark.skipif(not SUITES.is_dir(), reason=f"PETRARCH suites not found at {SUITES}")
def test_alternatives_of_several_words_are_read_by_their_head():
    # petrarch1's TABARI file, PETR.Validate.verbs.txt:59 "- * FOR { ECONOMIC_SANCTIONS | TOTAL_BOYCOTT | EMBARGO }
    # [172]" under ASK [090]: an option of several words by its last, as a synonym set's member is
    assert coded_with("petrarch1", "Bree has asked for economic sanctions against Arnor.") == [("BRE", "ARN", "172")]
    assert coded_with("petrarch1", "Bree has asked for talks with Arnor.") == [("BRE", "ARN", "090")]


@pytest.mark.skipif(not SUITES.is_dir(), reason=f"PETRARCH suites not found at {SUITES}")
def test_words_a_pattern_joins_must_be_next_to_each_other():
    # PETR.Validate.verbs.txt:1309 "- * &TIETYPES_MEMOS FROM [911]" under WELCOME [041]: "cultural memos",
    # not "cultural secret memos"; petrarch1's "{ ECONOMIC_SANCTIONS | TOTAL_BOYCOTT | EMBARGO }" likewise
    assert coded_with("petrarch2", "Bree welcomed military memos from Arnor on Monday.") == [("BRE", "ARN", "911")]
    assert coded_with("petrarch2", "Bree welcomed military secret memos from Arnor on Monday.") == [
        ("BRE", "ARN", "041")]
    assert coded_with("petrarch1", "Bree has asked for economic new sanctions against Arnor.") == [
        ("BRE", "ARN", "090")]


def _folder_coder(folder: Path, verbs: str, actors: str):
    folder.mkdir(exist_ok=True)
    (folder / "TEST.verbs.txt").write_text(verbs, encoding="utf-8")
    (folder / "TEST.actors.txt").write_text(actors, encoding="utf-8")
    return coder_for(Settings(dictionaries=folder))


def _triples(coder, text: str) -> list[tuple[str, str | None, str]]:
    [coded] = coder.code([Article(doc_id="a", text=text, date=date(2001, 5, 1))])
    return sorted((e.source.code, e.target.code if e.target else None, e.code) for e in coded.events)


def test_tabari_actor_words_are_stems_unless_closed_and_closed_ones_take_noun_endings(tmp_path):
    # TABARI's word rule, in a folder whose verb file has TABARI's layout (no block headers): a name
    # written without a closing "_" is a stem, one closed by "_" its word or the word with a regular noun
    # ending ("S", "ES"); a name that runs further wins over a shorter exact one
    actors = "VALDORIA [VAL]\nKESTRA_ [KES]\nKESTRA_PORT_OFFICE_ [KESPRT]\n"
    coder = _folder_coder(tmp_path / "tabari", "DENOUNCE  [122]\n", actors)
    assert _triples(coder, "Valdorians denounced Kestra on Monday.") == [("VAL", "KES", "122")]
    assert _triples(coder, "Valdoria denounced Kestras on Monday.") == [("VAL", "KES", "122")]
    assert _triples(coder, "Valdoria denounced the Kestra port offices.") == [("VAL", "KESPRT", "122")]
    # in any case, as TABARI reads its input upper-cased
    assert _triples(coder, "Valdoria denounced the kestra port offices.") == [("VAL", "KESPRT", "122")]
    # a closed word is not a stem: "Kestrans" is no KESTRA_, and nothing else in the sentence acts
    assert _triples(coder, "Kestrans denounced Valdoria on Monday.") == []
    # a PETRARCH-layout folder (block headers) reads every name as whole words, as PETRARCH-2 does
    petrarch = _folder_coder(tmp_path / "petrarch", "--- DENOUNCE  [122] ---\nDENOUNCE\n", actors)
    assert _triples(petrarch, "Valdorians denounced Kestra on Monday.") == []
    assert _triples(petrarch, "Valdoria denounced Kestra on Monday.") == [("VAL", "KES", "122")]


def test_a_capitalised_plural_of_an_agent_is_read_by_its_singular(tmp_path):
    # the tagger leaves "Assemblies", "Marches" unlemmatised when it reads them as names: the regular
    # plural endings give the agent back ("ies" -> "y", "ches" -> "ch", "s")
    folder = tmp_path / "suite"
    folder.mkdir()
    (folder / "TEST.verbs.txt").write_text("--- DENOUNCE  [122] ---\nDENOUNCE\n", encoding="utf-8")
    (folder / "TEST.actors.txt").write_text("VALDORIA [VAL]\nKESTRA [KES]\n", encoding="utf-8")
    (folder / "TEST.agents.txt").write_text("ASSEMBLY [~LEG]\nWATCH [~COP]\n", encoding="utf-8")
    coder = coder_for(Settings(dictionaries=folder))
    assert _triples(coder, "The Valdoria Assemblies denounced Kestra on Monday.") == [("VALLEG", "KES", "122")]
    assert _triples(coder, "The Valdoria Watches denounced Kestra on Monday.") == [("VALCOP", "KES", "122")]
    assert [singular(w) for w in ("assemblies", "congresses", "marches", "militias")] == [
        "assembly", "congress", "march", "militia"]


@pytest.mark.skipif(not SUITES.is_dir(), reason=f"PETRARCH suites not found at {SUITES}")
def test_a_pack_verbs_phrase_goes_on_into_its_clausal_complement():
    # PETR.Validate.verbs.txt:132 "--- ALLOW [080] ---": PETRARCH's target is the first actor of the verb
    # phrase, here the subject of the clause the verb takes
    assert coded_with("petrarch2", "Bree allowed that Fornost is a fine place to trade.") == [("BRE", "FOR", "080")]
    # not the clause a speaker reports: "X said" is no act of X on the actors of what it says
    assert coded_with("universalpetrarch-2_02", "Arnor restored trade with Gondor, a Bree official said.") == [
        ("ARN", "GON", "050")]


@pytest.mark.skipif(not SUITES.is_dir(), reason=f"PETRARCH suites not found at {SUITES}")
def test_a_pack_patterns_words_before_the_verb_may_lie_in_the_clause_it_completes_or_reports():
    # PETR.Validate.verbs.txt:78 "- INCHING &ACCORDSYN * [083]" under ACCORD: the infinitive's words before it
    # are those of the verb phrase it completes, as PETRARCH reads the phrase
    assert coded_with("petrarch2", "Bree is inching nearer to accord with Fornost after the war.") == [
        ("BRE", "FOR", "083")]
    # without them, the plainer pattern "- TO * [073]"
    assert coded_with("petrarch2", "Bree was hoping to accord with Fornost after the war.") == [("BRE", "FOR", "073")]
    # or the clause it reports: petrarch1's "DEPLORE_ [122]", "- SAID * [123]"
    assert coded_with("petrarch1", "Bree said it deplored Fornost for the raid.") == [("BRE", "FOR", "123")]
    assert coded_with("petrarch1", "Bree deplored Fornost for the raid.") == [("BRE", "FOR", "122")]


def test_a_suites_actor_codes_are_kept_as_it_writes_them(tmp_path):
    # a test dictionary, read alone, may write codes that are no three-letter parts ("G77", "YEMNO"):
    # kept as written, as the suite expects them; "+++" (TABARI's complexity marker) is no code
    actors = "VALDORIA [VAL]\nCOUNCIL_OF_12_ [C12]\nNORTH_KESTRA_ [KESNO]\nKESTRA_ [KES]\nMORWEN_ [+++]\n"
    coder = _folder_coder(tmp_path / "suite", "--- DENOUNCE  [122] ---\nDENOUNCE\n", actors)
    assert _triples(coder, "Valdoria denounced the Council of 12 on Monday.") == [("VAL", "C12", "122")]
    assert _triples(coder, "Valdoria denounced North Kestra on Monday.") == [("VAL", "KESNO", "122")]
    assert _triples(coder, "Valdoria denounced Morwen on Monday.") == []


def test_tabaris_discard_code_on_an_actor_silences_its_sentence(tmp_path):
    # TABARI: an actor coded "###" on the day makes its sentence a discard ("USSR [USR <911226] [###]": a
    # discard after 1991); PETRARCH-2 reads "###" as a code like any other
    actors = "VALDORIA [VAL]\nKESTRA_ [KES]\nDRAXIA_ [DRX <901231] [###]\nMORWEN_ [###]\n"
    coder = _folder_coder(tmp_path / "tabari", "DENOUNCE  [122]\n", actors)
    assert _triples(coder, "Valdoria denounced Kestra after Morwen raiders struck.") == []
    assert _triples(coder, "Valdoria denounced Kestra over the Draxia talks.") == []
    [coded] = coder.code([Article(doc_id="a", text="Valdoria denounced Kestra over the Draxia talks.",
                                  date=date(1990, 5, 1))])
    assert [(e.source.code, e.target.code if e.target else None, e.code) for e in coded.events] == [
        ("VAL", "KES", "122")]
    petrarch = _folder_coder(tmp_path / "petrarch", "--- DENOUNCE  [122] ---\nDENOUNCE\n", actors)
    assert _triples(petrarch, "Valdoria denounced Morwen on Monday.") == [("VAL", "###", "122")]


@pytest.mark.skipif(not SUITES.is_dir(), reason=f"PETRARCH suites not found at {SUITES}")
def test_a_closing_attribution_takes_no_target_from_the_report_before_it():
    # PETR.Validate.verbs.txt "--- SAY [023] ---": a speaker named after the report says it about no one in it
    assert coded_with("petrarch2", "Arnor restored trade with Gondor, a Bree official said.") == [
        ("ARN", "GON", "064")]
    # a report that follows the speech verb stays its complement
    assert ("BREGOV", "ARN", "023") in coded_with(
        "petrarch2", "A Bree official said that Arnor restored trade with Gondor.")


def test_a_sentence_shorter_than_the_suites_minimum_words_is_not_coded(tmp_path):
    # TABARI's "SET: MINIMUM WORDS = n" (read as the option minimum_words): fewer words, no events
    suite = """<Validation>
<Sentences>
<Config option="minimum_words" value="6"></Config>
<Sentence date="20160301" id="SHORT-01" category="MIN">
<EventCoding noevents="True">
<Text>Iran condemned Israel.</Text>
</Sentence>
<Sentence date="20160301" id="LONG-01" category="MIN">
<EventCoding sourcecode="IRN" targetcode="ISR" eventcode="111">
<Text>Iran condemned Israel in a statement on Monday.</Text>
</Sentence>
</Sentences>
</Validation>
"""
    path = tmp_path / "suite.xml"
    path.write_text(suite, encoding="utf-8")
    report = score_with_coder(path, coder_for(Settings()))
    assert [(r.record_id, r.returned) for r in report.results] == [
        ("SHORT-01", ()), ("LONG-01", (("IRN", "ISR", "111"),))]


@pytest.mark.skipif(not SUITES.is_dir(), reason=f"PETRARCH suites not found at {SUITES}")
def test_a_pronoun_subject_of_a_joined_clause_is_the_first_clauses_subject():
    # "X urged Y ..., and then he asked Z": he is X (petrarch1's URGE [102], ASK [090])
    assert coded_with("petrarch1", "Elrond urged Bree to make peace, and then he asked Fornost to send grain.") == [
        ("ELF", "BRE", "102"), ("ELF", "FOR", "090")]


@pytest.mark.skipif(not SUITES.is_dir(), reason=f"PETRARCH suites not found at {SUITES}")
def test_a_name_the_parser_heads_by_its_acronym_in_parentheses_is_still_the_actor():
    # "the European Union (EU)" parsed with "EU" as the head of the conjunct: the name is the actor, here
    # one of a joint subject (PETR.Validate.verbs.txt:127 "- % * [030:030]" under AGREE)
    assert coded_with("petrarch2", "Gondor and the European Union (EU) agree that disputes in the South Sea "
                                   "should be settled by arbitration.") == [
        ("GON", "IGOEEU", "030"), ("IGOEEU", "GON", "030")]


def test_a_pattern_that_writes_its_target_before_the_verb_and_its_source_after_reverses_them(tmp_path):
    # "- + * GRAIN $": the subject is the target ("X received grain from Y": Y -> X); a passive's agent after
    # "by" ("- + BEEN * BY $") is the source by grammar already, not reversed again
    verbs = ("--- RECEIVE [033] ---\nRECEIVE\n- + * GRAIN $ [071]\n\n"
             "--- CHARGE [111] ---\nCHARGE\n- + BEEN * BY $ [112]\n")
    coder = _folder_coder(tmp_path / "suite", verbs, "VALDORIA [VAL]\nKESTRA [KES]\n")
    assert _triples(coder, "Valdoria received grain from Kestra on Monday.") == [("KES", "VAL", "071")]
    assert _triples(coder, "Valdoria received a letter from Kestra on Monday.") == [("VAL", "KES", "033")]
    assert _triples(coder, "Valdoria has been charged by Kestra with fraud.") == [("KES", "VAL", "112")]


@pytest.mark.skipif(not SUITES.is_dir(), reason=f"PETRARCH suites not found at {SUITES}")
def test_a_word_broken_after_its_hyphen_is_read_whole():
    # "an anti-\nGondor parade", its line joined: the splitter ended a sentence at "anti-", and the
    # parade's target was lost (petrarch1's "ABANDON [345]")
    assert coded_with("petrarch1", "Frodo abandoned an anti- Gondor march on Monday.") == [("HOB", "GON", "345")]


def test_the_subject_of_a_that_clause_on_the_object_is_the_first_actor_after_the_verb(tmp_path):
    # "- * HOPE [024]" names no slot: its target is the first actor of the verb's phrase, the subject of
    # the "that" clause on its object, not an actor deeper in that clause; not for a comment (01): a
    # denial of reports that X did something is not aimed at X
    verbs = "--- EXPRESS [020] ---\nEXPRESS\n- * HOPE [024]\n- * HOPES [024]\n\n--- DENY [016] ---\nDENY\n"
    coder = _folder_coder(tmp_path / "suite", verbs, "VALDORIA [VAL]\nKESTRA [KES]\nMORVIA [MOR]\n")
    for text in ("Valdoria expressed hopes that Kestra would soon resume trade with Morvia.",
                 "Valdoria expressed hope that Kestra could be brought into the talks with Morvia."):
        assert _triples(coder, text) == [("VAL", "KES", "024")]
    assert ("VAL", "KES", "016") not in _triples(coder, "Valdoria denied reports on Monday that Kestra had fired.")


def test_countries_joined_to_an_agents_owner_each_get_the_role(tmp_path):
    # "Officials in Ostara and Gondor", parsed with "Gondor" hung on "Officials": both countries' officials
    coder = _agents_coder(tmp_path / "suite", "--- WELCOME [041] ---\nWELCOME\n",
                          "OSTARA [OST]\nGONDOR [GON]\nMORVIA [MOR]\n", "OFFICIAL [~GOV]\n")
    assert _triples(coder, "Officials in Ostara and Gondor welcomed the offer from Morvia on Monday.") == [
        ("GONGOV", "MOR", "041"), ("OSTGOV", "MOR", "041")]


def test_an_agent_written_before_the_country_and_one_after_it_both_code(tmp_path):
    # PETRARCH's "MSF [NGO~]" goes before the country, "DIPLOMAT [~GOV]" after it: an MSF Valdoria diplomat
    coder = _agents_coder(tmp_path / "suite", "--- CONDEMN [122] ---\nCONDEMN\n", "VALDORIA [VAL]\nKESTRA [KES]\n",
                          "MSF {} [NGO~]\nDIPLOMAT [~GOV]\n")
    assert _triples(coder, "An MSF Valdoria diplomat condemned Kestra on Monday.") == [("NGOVALGOV", "KES", "122")]
    assert _triples(coder, "An MSF Valdoria office condemned Kestra on Monday.") == [("NGOVAL", "KES", "122")]


def _agents_coder(folder: Path, verbs: str, actors: str, agents: str):
    folder.mkdir()
    (folder / "TEST.agents.txt").write_text(agents, encoding="utf-8")
    return _folder_coder(folder, verbs, actors)


def test_a_subject_noun_the_pattern_names_before_its_verb_gives_its_owner(tmp_path):
    # "- CASUALTY COUNT * [223]" under CLIMB: the subject noun is the pattern's wording, not an actor;
    # its owner is the source ("Valdoria's casualty count", PETRARCH's "Eriador's death toll has risen")
    verbs = "--- CLIMB  [---] ---\nCLIMB\n- CASUALTY COUNT * [223]\n"
    coder = _folder_coder(tmp_path / "suite", verbs, "VALDORIA [VAL]\nKESTRA [KES]\n")
    assert _triples(coder, "Valdoria's casualty count climbed in the war with Kestra.") == [("VAL", "KES", "223")]
    # a subject the pattern does not name is not read through its owner, nor one worded otherwise
    assert _triples(coder, "Valdoria's army climbed in the war with Kestra.") == []
    assert _triples(coder, "Valdoria's casualty and damage count climbed in the war with Kestra.") == []


def test_a_modal_a_tabari_dictionary_makes_a_verb_is_the_act_of_who_reports_its_clause(tmp_path):
    # petrarch1's "SHOULD [101]" with "- SUGGESTED * APPLY_{ GENEVA | INTERNATIONAL } CONVENTIONS [151]":
    # the modal codes through the words set around it; the act is the reporter's, its target the
    # first actor after the modal or, with "+" before it, the one who should
    verbs = ("SHOULD  [101]\n- PROPOSED + * DROP THE RULES  [161]\n"
             "- PROPOSED * REVISE_{ TARIFF | CUSTOMS } RULES  [151]\n")
    coder = _folder_coder(tmp_path / "suite", verbs, "VALDORIA [VAL]\nKESTRA [KES]\nORVANIA [ORV]\n")
    assert _triples(coder, "Valdoria proposed Kestra should revise tariff rules in its trade with Orvania.") == [
        ("VAL", "ORV", "151")]
    assert _triples(coder, "Valdoria proposed Kestra should drop the rules in its trade with Orvania.") == [
        ("VAL", "KES", "161")]
    # a word joined to a group of alternatives must be next to the one present ("REVISE_{")
    assert _triples(coder, "Valdoria proposed Kestra should revise all tariff rules in its trade with Orvania.") == []
    # a modal no one reports is hypothetical
    assert _triples(coder, "Kestra should revise tariff rules in its trade with Orvania.") == []


def test_a_keyword_noun_takes_the_target_its_pattern_sets_before_it_and_yields_to_its_verbs_pattern(tmp_path):
    # petrarch1's "- ANTI- + * [111]" under PARADE: a word written with its hyphen is the prefix the
    # tokenizer splits off, "+" right before the keyword the actor between them
    verbs = "RALLY  [017]\n- ANTI- + *  [111]\nSTORM  [---]\n- * INTO  [180]\n"
    coder = _folder_coder(tmp_path / "suite", verbs, "VALDORIA [VAL]\nKESTRA [KES]\n")
    assert _triples(coder, "Valdoria joined an anti-Kestra rally on Monday.") == [("VAL", "KES", "111")]
    # the verb's own pattern holds (here without a target): PETRARCH codes the phrase once, by its verb
    assert _triples(coder, "Valdoria stormed into an anti-Kestra rally on Monday.") == []


def test_a_reporting_verb_a_pattern_names_before_its_target_slot_is_the_source(tmp_path):
    # petrarch2's "- NOTED + * [115]" under REGRET: the noter acts on the one who regretted
    verbs = "--- REGRET  [111] ---\nREGRET\n- NOTED + *  [115]\n"
    coder = _folder_coder(tmp_path / "suite", verbs, "VALDORIA [VAL]\nKESTRA [KES]\nORVANIA [ORV]\n")
    assert _triples(coder, "Valdoria noted that Kestra regretted the decision of Orvania.") == [("VAL", "KES", "115")]
    assert _triples(coder, "Kestra regretted the decision of Orvania.") == [("KES", "ORV", "111")]


def test_a_negation_or_modal_the_pattern_names_codes_the_act_as_the_pattern_says(tmp_path):
    # petrarch2's "- &NEGATVAUXVRB * OVER EFFORTS [904]" under CLASH, "- NEITHER * [081]" under BOYCOTT,
    # "- INDICATED SHOULD * [1011]" under ACT: a pattern written for the negated or modal clause codes it
    verbs = ("&NEGAUX\n+DID N'T\n+WO N'T\n+WILL NOT\n\n"
             "--- QUARREL  [111] ---\nQUARREL\n- &NEGAUX * OVER TARIFFS  [904]\n- * OVER TARIFFS  [121]\n\n"
             "--- SHUN  [191] ---\nSHUN\n- NEITHER *  [081]\n\n"
             "--- INTERVENE  [100] ---\nINTERVENE\n- SAID MIGHT *  [1011]\n")
    coder = _folder_coder(tmp_path / "suite", verbs, "VALDORIA [VAL]\nKESTRA [KES]\nORVANIA [ORV]\n")
    assert _triples(coder, "Valdoria didn't quarrel over tariffs with Kestra on Monday.") == [("VAL", "KES", "904")]
    assert _triples(coder, "Valdoria won't quarrel over tariffs with Kestra.") == [("VAL", "KES", "904")]
    assert _triples(coder, "Valdoria will not quarrel over tariffs with Kestra.") == [("VAL", "KES", "904")]
    assert _triples(coder, "Valdoria quarrelled over tariffs with Kestra on Monday.") == [("VAL", "KES", "121")]
    # a negation the pattern does not name still blocks: "never" is no member of the set
    assert _triples(coder, "Valdoria never quarrelled over tariffs with Kestra.") == []
    assert _triples(coder, "Neither Valdoria nor Orvania shunned the talks with Kestra on Monday.") == [
        ("ORV", "KES", "081"), ("VAL", "KES", "081")]
    assert _triples(coder, "Valdoria did not shun the talks with Kestra on Monday.") == []
    assert _triples(coder, "Valdoria said it might intervene against Kestra.") == [("VAL", "KES", "1011")]
    assert _triples(coder, "Valdoria might intervene against Kestra.") == []


def test_a_patterns_words_before_a_verb_of_several_words_come_before_the_whole_verb(tmp_path):
    # petrarch2's "WIRE_+TAP" with "- WILL NOT * [081]": "will not wire tap"
    verbs = "--- SPY  [1711] ---\nSNOOP_+WATCH\n- WILL NOT *  [081]\n"
    coder = _folder_coder(tmp_path / "suite", verbs, "VALDORIA [VAL]\nKESTRA [KES]\n")
    assert _triples(coder, "Valdoria will not snoop watch the lines of Kestra.") == [("VAL", "KES", "081")]


def test_a_synonym_set_member_of_several_words_matches_only_whole(tmp_path):
    # petrarch2's &CURRENCY ("+AUSTRIAN FLORIN", "+GOLDEN_GOBLIN_GALLEONS") and &HYPERCURR ("+AUSTRIAN
    # GOLD FLORIN") under CONTRIBUTE, &ECONSANCT ("+TOTAL BOYCOTT") under CALLED: a member is its words
    verbs = ("&COIN\n+DUCATS\n+OLD CROWNS\n+SILVER_STAR_MARKS\n\n&RARECOIN\n+OLD GOLD CROWNS\n\n"
             "--- DONATE  [070] ---\nDONATE\n- * &COIN  [903]\n- * &RARECOIN  [904]\n")
    coder = _folder_coder(tmp_path / "suite", verbs, "VALDORIA [VAL]\nKESTRA [KES]\n")
    for text, code in [("ducats", "903"), ("old crowns", "903"), ("old gold crowns", "904"),
                       ("silver star marks", "903"), ("star marks", "070"), ("crowns", "070"),
                       ("silver bright star marks", "070")]:
        assert _triples(coder, f"Valdoria donated a million {text} to Kestra on Monday.") == [
            ("VAL", "KES", code)], text


def test_a_pronoun_subject_of_what_an_actor_indicated_is_that_actor(tmp_path):
    # petrarch2's "Ethiopia indicated it deplored Libya": "indicate" reports as "say" does, so its
    # clause's "it" is the one who indicated (clauses.yaml speech_verbs)
    verbs = "--- CENSURE  [122] ---\nCENSURE\n"
    coder = _folder_coder(tmp_path / "suite", verbs, "VALDORIA [VAL]\nKESTRA [KES]\n")
    assert _triples(coder, "Valdoria indicated it censured Kestra on Monday.") == [("VAL", "KES", "122")]
    assert _triples(coder, "Valdoria indicated on Monday that it had censured Kestra.") == [("VAL", "KES", "122")]


def test_a_patterns_words_after_its_verb_may_lie_in_the_clause_the_verb_takes(tmp_path):
    # petrarch2's "- * REALLY_PLEASANT [024]" under ALLOW: "Gollum allowed that Mordor isn't a really
    # pleasant place to visit": the verb phrase goes on into its complement clause, as PETRARCH reads it
    verbs = "--- CONCEDE  [080] ---\nCONCEDE\n- * TRULY_GRAND  [024]\n"
    coder = _folder_coder(tmp_path / "suite", verbs, "VALDORIA [VAL]\nKESTRA [KES]\n")
    assert _triples(coder, "Valdoria conceded that Kestra is a truly grand place to trade.") == [("VAL", "KES", "024")]
    assert _triples(coder, "Valdoria conceded that Kestra is a truly very grand place to trade.") == [
        ("VAL", "KES", "080")]


def test_a_negation_the_parser_hangs_on_an_adverb_before_the_verb_still_negates_it(tmp_path):
    # "has not even once attacked", "did not even ever attack" (UD's SYNSET-22h): the parser hangs
    # "not" on the adverb between the auxiliary and the verb; the verb is negated all the same
    verbs = "--- ATTACK  [190] ---\nATTACK\n\n--- CENSURE  [122] ---\nCENSURE\n"
    coder = _folder_coder(tmp_path / "suite", verbs, "VALDORIA [VAL]\nKESTRA [KES]\nORVANIA [ORV]\n")
    assert _triples(coder, "Valdoria has not even once attacked Kestra.") == []
    assert _triples(coder, "Valdoria really did not even ever attack Kestra.") == []
    assert _triples(coder, "Valdoria has even once attacked Kestra.") == [("VAL", "KES", "190")]


def test_not_only_and_not_just_set_up_a_pair_and_negate_nothing(tmp_path):
    # "not only ... but also", "did not just criticize": clauses.yaml pairing_adverbs
    verbs = "--- ATTACK  [190] ---\nATTACK\n\n--- CENSURE  [122] ---\nCENSURE\n"
    coder = _folder_coder(tmp_path / "suite", verbs, "VALDORIA [VAL]\nKESTRA [KES]\nORVANIA [ORV]\n")
    assert _triples(coder, "Valdoria not only censured Kestra but also attacked Orvania.") == [
        ("VAL", "KES", "122"), ("VAL", "ORV", "190")]
    assert _triples(coder, "Valdoria censured not only Kestra but also Orvania.") == [
        ("VAL", "KES", "122"), ("VAL", "ORV", "122")]
    assert _triples(coder, "Valdoria did not just censure Kestra on Monday.") == [("VAL", "KES", "122")]
    assert _triples(coder, "Valdoria did not censure Kestra.") == []


def test_a_tabari_word_closed_by_an_equals_sign_is_a_whole_word(tmp_path):
    # petrarch1's "BAN= [191]" and "MOUSE= [MUS]": TABARI's "=" closes a word as "_" does (the word,
    # not a stem); read as written ("BAN="), neither ever matched
    coder = _folder_coder(tmp_path / "tabari", "SHUN= [191]\nDENOUNCE  [122]\n",
                          "VALDORIA= [VAL]\nKESTRA [KES]\nORVANIA_ [ORV]\n")
    assert _triples(coder, "The Valdoria leaders shun Kestra.") == [("VAL", "KES", "191")]
    assert _triples(coder, "The Orvania leaders shun Valdoria.") == [("ORV", "VAL", "191")]
    assert _triples(coder, "Valdorians denounced Kestra on Monday.") == []  # a closed word is no stem
    # and a verb so closed takes no other form (TABARI's VERBEND-05a/b: "baning", "baned" are no BAN=)
    assert _triples(coder, "Valdoria shunned Kestra on Monday.") == []
    assert _triples(coder, "Valdoria is shunning Kestra.") == []
