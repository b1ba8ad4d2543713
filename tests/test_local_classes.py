"""Classes of local conflict reports found by h-local6 (docs/notes/local-error-classes-2.md), each
tested on sentences written for the class, not taken from any gold set."""

import dyads


def coded(text, day="2022-05-10"):
    return [(e.source.code, e.target.code if e.target else None, e.code,
             e.fatalities.low if e.fatalities else None) for e in dyads.code(text, date=day)]


def test_counted_victims_reported_killed_are_the_fights_toll_not_its_killers():
    # the incident log's "N soldiers reported killed": the soldiers are the victims, and after a
    # clash their deaths are its toll
    assert coded("Soldiers clashed with jihadists near Djibo on Sunday. 4 jihadists reported killed.") == [
        ("BFAMIL", "BFAREB", "190", 4), ("BFAREB", "BFAMIL", "190", 4)]
    assert coded("Police and gunmen exchanged fire in Tlapa on Friday. Two officers were reported killed.") == [
        ("MEXCOP", "MEXUAF", "190", 2), ("MEXUAF", "MEXCOP", "190", 2)]
    assert coded("Kachin rebels attacked an army outpost near Bhamo; 6 soldiers reportedly killed.") == [
        ("MMRREB", "MMRMIL", "193", 6)]
