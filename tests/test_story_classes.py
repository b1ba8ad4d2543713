"""Whole stories (issue: events-article): background told among the events, and reactions aimed at
the act the story told before. One class per test, on stories written for these tests."""

from tests.coding_helpers import triples


def coded(text, day="2020-05-05"):
    return triples(text, day)


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
