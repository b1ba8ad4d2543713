"""Whole stories (issue: events-article): background told among the events, and reactions aimed at
the act the story told before. One class per test, on stories written for these tests."""

import dyads


def coded(text, day="2020-05-05"):
    """(source, target, code) of the story's events, in the story's order."""
    return [(e.source.code, e.target.code if e.target else None, e.code) for e in dyads.code(text, date=day)]


def test_a_perfect_clause_whose_since_the_parser_hung_lower_is_background():
    # "since" on a verb joined to the perfect one, sharing its "has"
    assert coded("Sudanese rebels have killed 40 soldiers and seized two towns since March 2019.") == []
    assert coded("The insurgency has killed more than 9,000 people and driven 300,000 from their homes "
                 "since 2012.") == []
    # "since" on a noun of the clause: the agent's
    assert coded("Northern Burkina Faso has been hit by attacks by jihadist fighters since 2016.") == []
    # the same clauses of the day are events
    assert coded("Sudanese rebels killed 40 soldiers and seized two towns on Monday.") == [
        ("SDNREB", None, "1823"), ("SDNREB", None, "192")]


def test_a_reaction_to_the_agreement_signed_before_is_aimed_at_every_party_that_signed_it():
    story = ("KHARTOUM (AFP) - Sudan's government and the SPLM rebels signed a peace accord in Nairobi on "
             "Sunday.\n\nThe rebels also promised to open roads to aid convoys.\n\n"
             "Egypt welcomed the pact.")
    events = coded(story, "2005-01-09")
    assert ("EGY", "SDNGOV", "051") in events and ("EGY", "SDNREB", "051") in events
    # a party's own reaction is aimed at the other party only
    story = ("Colombia's government and FARC rebels signed a ceasefire agreement on Thursday.\n\n"
             "Venezuela praised the truce.\n\nFARC rebels rejected the deal two days later.")
    events = coded(story, "2016-06-23")
    assert ("VEN", "COLGOV", "051") in events and ("VEN", "COLREB", "051") in events
    assert [e for e in events if e[0] == "COLREB" and e[2] == "127"] == [("COLREB", "COLGOV", "127")]


def test_a_reaction_to_the_verdict_is_aimed_at_the_court_that_gave_it():
    story = ("A Cairo court on Saturday sentenced former president Mohamed Morsi to 20 years in prison.\n\n"
             "Turkey condemned the verdict.")
    assert ("TUR", "EGYJUD", "111") in coded(story, "2015-04-21")


def test_a_perfect_clause_set_in_the_whole_conflict_or_a_span_of_days_sums_up_and_is_background():
    assert coded("More than 300 civilians have been killed in the three weeks of fighting in Khartoum, "
                 "the UN said.") == []
    assert coded("More than 90 Sudanese soldiers have been killed in the two weeks of clashes with the RSF.") == []
    assert coded("Hundreds of Nigerian policemen have been killed in the insurgency, which spread south "
                 "in 2018.") == []
    assert coded("Thousands of Afghan civilians have been killed in the war.") == []
    # an act of the day in the perfect is an event still
    assert coded("Four Malian soldiers have been killed in an ambush near Gao, the army said.") == [
        ("", "MLIMIL", "193")]


def test_a_truce_is_not_a_contract_signed_before():
    story = ("Chad and China signed a contract on Monday for a new oil refinery near N'Djamena.\n\n"
             "Sudan welcomed the truce.")
    assert ("SDN", "CHN", "051") not in coded(story, "2019-03-05")
