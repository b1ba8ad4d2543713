"""Constructions of state-media and official-statement leads the coder misread (issue 15), one
class per test, on sentences written for these tests (not the press gold set's)."""

from tests.coding_helpers import triples


def coded(text, day="2016-03-07"):
    return triples(text, day)


def test_aircraft_drones_and_missiles_brought_down_are_force_against_their_side():
    # the Phoenix KILL block read a weapon subject ("jets shot") as a bombing (183)
    assert coded("Pakistani fighter jets shot down an Indian military helicopter over Kashmir on Monday.") == [
        ("PAKMIL", "INDMIL", "190")]
    # the firer of an intercepted missile is its side; air defences are armed forces
    assert ("ISRMIL", "LBNUAF", "190") in coded(
        "Israeli air defences intercepted a rocket fired by Hezbollah fighters on Sunday.")
    assert coded("Ukrainian air defence systems destroyed 20 Russian drones over Kyiv overnight.") == [
        ("UKRMIL", "RUSMIL", "190")]


def test_a_comment_on_an_act_is_aimed_at_its_author_named_by_by_before_its_victims_named_by_of():
    assert coded("Iran condemned the arrest of four Iranian journalists by Turkish police on Wednesday.") == [
        ("IRN", "TURCOP", "111")]
    assert coded("Kenya denounced the harassment of Kenyan fishermen by Ugandan police on Lake Victoria.") == [
        ("KEN", "UGACOP", "111")]
    # with no author named, the comment stays aimed where it was
    assert coded("Iran condemned the arrest of four Iranian journalists in Ankara on Wednesday.") == [
        ("IRN", "IRNMED", "111")]


def test_an_appeal_joined_to_a_reported_clause_by_comma_and_is_the_reporters():
    events = coded("Amnesty International said on Friday that Ethiopian police had detained hundreds of "
                   "journalists in Addis Ababa, and called on the authorities to release them.")
    assert ("NGOAMN", "ETHGOV", "0253") in events and ("ETHCOP", "ETHMED", "173") in events
    assert ("IGOUNO", "MLIREB", "111") in coded(
        "The UN envoy said rebels had shelled the town of Kidal, and condemned the attack.")
    # joined with no comma, the reported doer keeps the act ("police arrested X and urged Y")
    assert ("ETHCOP", "ETHCVL", "020") in coded(
        "Amnesty International said Ethiopian police detained hundreds of journalists in Addis Ababa and urged "
        "residents to stay calm.")


def test_a_government_named_by_formula_is_its_seat_and_owns_its_forces():
    assert coded("His Majesty's Government on Friday expelled two Iranian diplomats.", "2023-05-12") == [
        ("GBRGOV", "IRNGOV", "174")]
    # a seat of government's forces are its country's, as a capital's are
    assert coded("The Zionist entity's warplanes bombed the outskirts of Homs on Monday.") == [
        ("ISRMIL", None, "195")]
    assert coded("Downing Street's spokesman criticised the sanctions on Monday.") == [("GBRGOV", None, "110")]


def test_a_pronoun_object_of_a_joined_verb_is_the_first_verbs_object():
    assert ("PAKGOV", "TURGOV", "051") in coded(
        "Prime Minister Imran Khan on Friday telephoned Turkish President Recep Tayyip Erdogan and thanked him "
        "for Turkey's support.", "2019-10-05")
    assert ("EGYCOP", "QATMED", "174") in coded(
        "Egyptian police arrested four Qatari journalists and later deported them.")
    # a pronoun with no joined verb before it stays no one
    assert coded("Egyptian police deported them on Monday.") == [("EGYCOP", None, "174")]


def test_the_two_leaders_are_the_two_parties_named_before_and_act_on_each_other():
    events = coded("French President Jacques Chirac held talks with Russian President Vladimir Putin in Paris "
                   "on Friday, and the two leaders pledged to strengthen cooperation in energy.", "2003-02-15")
    assert ("FRAGOV", "RUSGOV", "030") in events and ("RUSGOV", "FRAGOV", "030") in events
    assert ("INDGOV", "PAKGOV", "036") in coded(
        "Indian and Pakistani officials met in Islamabad on Tuesday and the two sides agreed to resume trade.")
    # "killing both leaders": the two named before are its victims
    assert {target for _, target, _ in coded(
        "The plane carrying the presidents of Rwanda and Burundi was shot down on Wednesday, killing both "
        "leaders.", "1994-04-07")} == {"RWAGOV", "BDIGOV"}


def test_a_conditional_threat_is_aimed_at_the_doer_its_condition_names():
    assert ("IRN", "USA", "130") in coded(
        "Iran threatened on Monday to close the Strait of Hormuz if the United States imposed new sanctions.")
    assert [t for s, t, c in coded("Russia warned on Thursday that it would take retaliatory steps if Sweden "
                                   "joined NATO.") if c.startswith("13")] == ["SWE"]
    # a condition on the threatener itself names no target
    assert coded("China warned it would respond if it was provoked.") == [("CHN", None, "130")]


def test_forces_a_pronoun_owns_in_a_reported_clause_are_the_reporting_bodys_country():
    assert coded("Ukraine's Defence Ministry said on Sunday that its air defence systems had destroyed 20 Russian "
                 "drones over Kyiv.") == [("UKRMIL", "RUSMIL", "190")]
    # "banned its leaders": owned by the party named before, not by the court's country
    assert ("THAJUD", "THAGOV", "172") not in coded(
        "Thailand's Constitutional Court dissolved the opposition party on Wednesday and banned its leaders "
        "from politics.")


def test_a_secretary_general_is_an_office_not_a_general():
    from dyads.api import coder_for

    roles = coder_for().knowledge.actors.roles
    assert roles["secretary general"].role == "GOV" and roles["general"].role == "MIL"


def test_warships_and_warplanes_sent_are_a_show_of_force_with_no_target():
    assert coded("The Chinese military sent 30 warplanes and four warships near Taiwan on Monday.") == [
        ("CHNMIL", None, "150")]
    assert coded("The United States dispatched an aircraft carrier to the Gulf on Tuesday.") == [("USA", None, "150")]
    # aid sent is aid, not force
    assert coded("Iran sent 40 tonnes of humanitarian aid to Syria on Monday.") == [("IRN", "SYR", "073")]


def test_an_act_announced_or_ordered_by_its_noun_is_that_act():
    assert ("AUS", "FJI", "1622") in coded(
        "Australia on Wednesday announced the suspension of all military aid to Fiji.")
    assert ("MARGOV", "PSECVL", "073") in coded(
        "King Mohammed VI on Friday ordered the dispatch of urgent humanitarian aid to the Palestinian people in Gaza.")
