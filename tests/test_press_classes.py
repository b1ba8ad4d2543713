"""Constructions of state-media and official-statement leads the coder misread (issue 15), one
class per test, on sentences written for these tests (not the press gold set's)."""

import dyads


def coded(text, day="2016-03-07"):
    return sorted((e.source.code, e.target.code if e.target else None, e.code)
                  for e in dyads.code(text, date=day))


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
