"""Whole local stories, second pass (docs/notes/local-story-classes-2.md): whom a protest is
against when the report names its opponent deeper than the parser hangs it. Every sentence here
was written for these tests."""

from __future__ import annotations

import dyads
from dyads.model import Event

DAY = "2023-05-02"


def protests(text: str) -> list[Event]:
    events = [e for e in dyads.code(text, date=DAY) if e.root_code == "14"]
    assert events, f"no protest coded in {text!r}"
    return events


def targets(text: str) -> set[str | None]:
    return {e.target.code if e.target else None for e in protests(text)}


# A protest against an act or a measure is against its author: the owner or the "by" doer of what
# it is against ("against the governor's new tax", "against the closure of the clinic by the council").
def test_a_protest_against_an_authoritys_measure_is_against_the_authority():
    assert targets("In Kisumu, protesters against the county government's new market levy "
                   "blocked the main road with stones on Thursday.") == {"KENGOV"}


def test_a_protest_against_an_act_by_a_named_doer_is_against_the_doer():
    assert targets("Dozens of vendors marched through the streets of Gweru on Monday to protest "
                   "against the eviction of their families by the city council.") == {"ZWEGOV"}


# The opponent named in a phrase the parser hangs on a later noun of the clause, or on a
# participle of its own ("for the tenth week of the campaign against the government", "chanting
# slogans against the governor", "at the market over beatings by the army").
def test_against_hung_on_a_deeper_noun_of_the_protest_clause():
    assert targets("Thousands of residents marched in Sfax for the tenth Sunday of the popular "
                   "campaign against the government.") == {"TUNGOV"}


def test_against_in_the_slogans_a_crowd_chants():
    assert targets("Ilam - Dehloran: dozens of residents marched through the old market chanting "
                   "slogans against the provincial governor.") == {"IRNGOV"}


def test_a_grievance_by_a_doer_hung_on_the_place_of_the_protest():
    assert targets("Mara - Tarime: miners staged a quiet sit-in at the mine entrance over evictions "
                   "by Tanzanian police.") == {"TZACOP"}
    assert targets("Ruvuma - Mbinga: coffee farmers staged a protest at the warehouse over "
                   "confiscations by district officials.") == {"TZAGOV"}


def test_a_protest_against_a_war_names_no_one():
    # what a protest is against names no actor when it is no one's act
    assert targets("Hundreds of students marched in Tunis against unemployment and the rising "
                   "cost of living.") == {None}


def test_a_strike_to_protest_a_measure_is_one_event_against_its_author():
    events = protests("Dock workers in Mombasa went on strike on Tuesday to protest against the "
                      "port authority's plan to privatise two berths.")
    assert [(e.code[:3], e.target.code if e.target else None) for e in events] == [("143", "KENGOV")]
