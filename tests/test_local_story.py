"""Whole local stories (docs/notes/local-story-classes.md): an event's toll is the latest figure
the story gives for it, in whatever sentence; a reaction or a claim is placed where the act it
answers happened. Every story here was written for these tests."""

from __future__ import annotations

from datetime import date

import dyads
from dyads.api import code_articles
from dyads.corpus.store import EventStore
from dyads.model import Article, Event

DAY = "2023-05-02"


def dead(event: Event) -> int | None:
    return event.fatalities.low if event.fatalities else None


def violent(text: str) -> list[Event]:
    events = [e for e in dyads.code(text, date=DAY) if e.root_code in ("18", "19", "20")]
    assert events, f"no violent event coded in {text!r}"
    return events


# Latest toll: a later sentence revises the figure ("rose to", "had risen to", "put the toll at").
def test_a_toll_that_climbed_two_sentences_later_is_the_events_toll():
    [bombing] = [e for e in violent(
        "A car bomb exploded near a checkpoint in Baqubah on Monday, killing four policemen, officials said.\n"
        "Nine other people were wounded.\n"
        "Later on Monday the provincial health director said the number of dead had risen to seven.")
        if e.root_code == "18" and e.code.startswith("183")]
    assert dead(bombing) == 7


def test_the_death_toll_climbed_to_is_the_latest_figure():
    events = violent("Gunmen attacked a bus station in Kaura Namoda on Wednesday, killing at least six travellers, "
                     "police said.\nThe attackers fled on motorcycles before security forces arrived.\n"
                     "By Thursday morning the death toll had climbed to 14, a hospital official said.")
    assert {dead(e) for e in events} == {14}


def test_a_fights_revised_toll_goes_to_both_directions():
    events = violent("Soldiers clashed with rebels near Beni on Friday, the army said.\n"
                     "The army first said three rebels were killed.\n"
                     "On Saturday it raised the toll to eight rebels killed.")
    assert len(events) == 2 and {dead(e) for e in events} == {8}


def test_a_running_total_revises_nothing():
    [event] = violent("A roadside bomb killed three soldiers near Gao on Sunday, the army said.\n"
                      "The death toll in the conflict has risen to 5,000 since 2012, according to a monitoring group.")
    assert dead(event) == 3


def test_the_number_of_people_killed_is_a_revised_count_not_a_killing():
    events = violent("Armed men raided a village near Djibo on Friday, killing at least nine villagers, "
                     "local sources said.\nThe attackers also burned the market.\n"
                     "By Sunday the number of people killed had risen to 16, a local councillor said.")
    assert [(e.sentence_index, dead(e)) for e in events] == [(0, 16)]


# A reaction's place: the act it answers, when its own sentence names none.
def place_of(text: str, code: str) -> str | None:
    found = [e for e in dyads.code(text, date=DAY) if e.code == code]
    assert found, f"no {code} coded in {text!r}"
    return found[0].place.name if found[0].place else None


def test_a_claim_of_responsibility_is_placed_at_the_attack_not_the_dateline():
    text = ("QUETTA, Pakistan, May 1 (Reuters) - A bomb hidden in a motorcycle exploded near a police van in "
            "Turbat on Monday, killing four policemen, officials said.\n"
            "Two passers-by were also hurt.\n"
            "The van had been escorting a convoy of lorries to the port of Gwadar.\n"
            "Shops in the area stayed shut for the rest of the day.\n"
            "The Balochistan Liberation Army claimed responsibility for the attack in a statement.")
    assert place_of(text, "015") == "Turbat, Pakistan"


def test_a_condemnation_paragraphs_later_is_placed_at_the_strike():
    text = ("An Israeli airstrike hit a house in Bint Jbeil on Tuesday, killing three people, Lebanon's "
            "health ministry said.\n"
            "Rescue workers searched the rubble for hours.\n"
            "Residents said the family had returned to the town only a week ago.\n"
            "Lebanon's foreign minister condemned the Israeli strike.")
    assert place_of(text, "111") == "Bent Jbaïl, Lebanon"  # GeoNames' name of Bint Jbeil


# A count "in" an act the story named before ("in the fighting", "in the Kolda strike") is its toll.
def test_killed_in_the_fighting_paragraphs_later_is_the_fights_toll():
    events = violent("Somali soldiers clashed with al-Shabaab fighters in Bulo Burde on Thursday, the army said.\n"
                     "The fighters had attacked a checkpoint at the edge of the town at dawn.\n"
                     "Residents stayed indoors as the gunfire went on into the afternoon.\n"
                     "A military officer said seven fighters and three soldiers were killed in the fighting.")
    assert [(e.sentence_index, e.code, dead(e)) for e in events] == [(0, "190", 10), (0, "190", 10)]


def test_killed_in_the_strike_restated_later_is_the_strikes_toll_not_a_new_killing():
    events = violent("An Israeli airstrike hit a car near Marjayoun on Monday, killing two people, Lebanon's "
                     "health ministry said.\n"
                     "Civil defence teams put out the fire.\n"
                     "The ministry later said four people were killed in the Marjayoun strike, including a child.")
    assert [(e.code, dead(e)) for e in events] == [("195", 4)]


def test_a_story_goes_on_where_it_was_beyond_two_sentences():
    text = ("About 200 farmers protested in Ouahigouya on Tuesday against the seizure of their land.\n"
            "The farmers blocked the main road with their carts.\n"
            "Police fired tear gas to disperse the crowd.\n"
            "Police also arrested four farmers.")
    arrests = [e for e in dyads.code(text, date=DAY) if e.code == "173"]
    assert arrests and all(e.place is not None and e.place.name.startswith("Ouahigouya") for e in arrests)


def test_wounded_who_later_died_bring_the_toll_to_its_latest_figure():
    [event] = violent("Gunmen opened fire on a minibus near Kachia on Monday, killing five passengers, police said.\n"
                      "Two of the wounded later died in hospital, bringing the death toll to seven.")
    assert dead(event) == 7


def test_the_toll_stood_at_is_the_latest_figure():
    [event] = violent("A bomb exploded at a bus stop in Mardan on Friday, killing three people, police said.\n"
                      "By evening the toll stood at six, a hospital spokesman said.")
    assert dead(event) == 6


def test_the_database_keeps_the_latest_toll_for_the_headline_and_the_lead(tmp_path):
    text = ("Bomb kills four policemen in Baqubah\n"
            "A car bomb exploded near a checkpoint in Baqubah on Monday, killing four policemen, officials said.\n"
            "Later on Monday the provincial health director said the number of dead had risen to seven.")
    db = tmp_path / "events.duckdb"
    with EventStore(db, read_only=False) as store:
        store.write_batch(list(code_articles([Article("baqubah", text, date(2023, 5, 2), source="wire")])))
    with EventStore(db, read_only=True) as store:
        events = store.events()
    bombings = events[events.code.str.startswith("183")]
    assert len(bombings) and set(bombings.fatalities_low) == {7}


def test_a_later_statement_of_the_dead_paragraphs_after_is_the_latest_toll():
    [event] = violent("Gunmen attacked a market in Bama on Tuesday, killing six traders, police said.\n"
                      "The attackers escaped on motorcycles.\n"
                      "Residents said the market had reopened only last month.\n"
                      "Officials later said nine people had been killed.")
    assert dead(event) == 9


def test_a_count_under_an_update_line_is_the_latest_toll():
    events = dyads.code("10:20 - Police fired on protesters in Nyeri, killing two, witnesses said.\n"
                        "The protesters had blocked the main road.\n"
                        "16:45 - UPDATE: The county hospital says it has received four bodies with gunshot wounds.",
                        date=DAY)
    assert {dead(e) for e in events if e.code == "175"} == {4}


def test_a_later_count_that_names_what_it_counts_is_no_update():
    [event] = violent("A roadside bomb killed three soldiers near Gao on Sunday, the army said.\n"
                      "The army now says 400 soldiers have died in the conflict this year.")
    assert dead(event) == 3


def test_some_of_the_wounded_who_later_died_are_no_new_toll():
    # they add to the toll (left as it was): "two" is not the toll of the attack
    [event] = violent("Gunmen opened fire on a minibus near Kachia on Monday, killing five passengers, police said.\n"
                      "Two of the wounded later died.")
    assert dead(event) == 5


def test_terrorists_neutralised_in_a_closing_line_are_the_fights_dead():
    events = violent("Troops of Operation Hadin Kai clashed with ISWAP fighters near Gwoza on Friday, the army said.\n"
                     "Four terrorists were neutralised, while two soldiers sustained injuries.")
    assert len(events) == 2 and {dead(e) for e in events} == {4}


def test_an_attack_retelling_the_fight_is_no_act_and_its_closing_line_is_the_fights_toll():
    events = violent("Philippine troops clashed with NPA rebels in Gingoog City on Tuesday morning, the army said.\n"
                     "The NPA rebels had opened fire on the troops from a ridge.\n"
                     "Four rebels were killed.")
    assert [(e.sentence_index, e.code, dead(e)) for e in events] == [(0, "190", 4), (0, "190", 4)]
