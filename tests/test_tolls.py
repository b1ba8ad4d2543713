"""Each violent event's toll (dyads.coding.tolls): taken from the figures that count its victims,
in its own sentence or a closing line, and carried by every view (CSV, JSON, the database, the
exports, the API); a database written before tolls still opens."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import duckdb
import pandas as pd
import pytest

import dyads
from dyads.api import code_articles
from dyads.corpus.export import export_events
from dyads.corpus.output import CsvWriter, write_jsonl
from dyads.corpus.store import SCHEMA_VERSION, EventStore
from dyads.model import Article, Event

DAY = "2016-03-02"
NIGERIA = ("Nigerian troops attacked Boko Haram fighters in Borno on Monday, killing 12 militants. "
           "On Tuesday, Boko Haram attacked a Nigerian army base in Yobe, killing five soldiers and wounding eight.")
ZAIRE = ("Zairean soldiers opened fire on thousands of Zaireans marching through Kinshasa on Sunday to demand "
         "that President Mobutu Sese Seko's government reopen a national conference on democratic reform, "
         "killing at least 13 people.")


def violent(text: str) -> list[Event]:
    events = [e for e in dyads.code(text, date=DAY) if e.root_code in ("18", "19", "20")]
    assert events, f"no violent event coded in {text!r}"
    return events


def dead(event: Event) -> int | None:
    return event.fatalities.low if event.fatalities else None


def test_killing_three_is_the_events_toll():
    text = "Syrian troops attacked rebels in Aleppo on Monday, killing three."
    [event] = violent(text)
    toll = event.fatalities
    assert toll is not None and (toll.low, toll.high, toll.qualifier, toll.number_text) == (3, 3, "exact", "three")
    assert text[toll.start:toll.end] == "three"  # the figure it came from, found by its offsets
    assert event.injured is None


def test_two_attacks_in_one_article_each_have_their_own_toll():
    first, second = sorted(violent(NIGERIA), key=lambda e: e.trigger_start)
    assert (dead(first), first.injured) == (12, None)
    assert dead(second) == 5 and second.injured is not None and second.injured.low == 8


def test_both_directions_of_a_clash_share_its_toll():
    events = violent("Syrian troops fought Turkish troops near Afrin on Monday, killing four soldiers and "
                     "wounding at least 12.")
    assert len(events) == 2 and {e.source.code for e in events} == {"SYRMIL", "TURMIL"}
    for event in events:
        assert dead(event) == 4 and event.injured is not None
        assert (event.injured.low, event.injured.high, event.injured.qualifier) == (12, None, "at_least")


@pytest.mark.parametrize("closing, toll", [("\n3 fatalities.", 3), (" Two people died.", 2),
                                           (" Two soldiers died.", 2)])
def test_a_closing_line_gives_its_toll_to_the_violent_event_before_it(closing, toll):
    [event] = violent("Syrian troops attacked rebels in Aleppo on Monday." + closing)
    assert dead(event) == toll


def test_the_sides_killed_in_a_fight_are_its_toll_not_another_event():
    events = violent("Gunmen and police exchanged fire in Anori, Amazonas state, on Tuesday; two gunmen were "
                     "killed and an officer was wounded.")
    assert {(e.source.code, e.code) for e in events} == {("BRAUAF", "190"), ("BRACOP", "190")}
    assert all(dead(e) == 2 for e in events)


def test_a_killing_beside_a_riot_is_an_event_of_its_own():
    events = dyads.code("Protesters set fire to a police post in Landi Kotal, Khyber district, on Wednesday "
                        "after a local man was killed in a raid.", date=DAY)
    assert ("", "PAKCVL", "1823") in {(e.source.code, e.target.code if e.target else None, e.code) for e in events}


def test_one_victim_shot_dead_is_a_toll_of_one():
    [event] = violent("Gunmen shot dead a woman and wounded a man in Laisamis, Marsabit county, on Tuesday.")
    assert dead(event) == 1


def test_an_attack_that_kills_civilians_is_a_killing_and_ten_or_more_a_mass_killing():
    [shooting] = violent("Gunmen opened fire on worshippers at a church in Bokkos, Plateau state, killing four.")
    assert (shooting.code, shooting.root_code, dead(shooting)) == ("1823", "18", 4)
    [massacre] = violent("Armed men killed 12 villagers in an attack on a village near Bankass, Mopti region.")
    assert (massacre.code, massacre.goldstein) == ("202", -10.0)
    [fight] = violent("Syrian troops attacked rebels in Aleppo on Monday, killing three.")
    assert fight.code == "193"  # armed on armed: a fight
    [firefight] = violent("Israeli troops killed two gunmen in a firefight in Ya'bad on Tuesday.")
    assert (firefight.code, dead(firefight)) == ("193", 2)


def test_the_attack_named_again_in_a_closing_line_gives_its_toll():
    [event] = violent("Militants ambushed an army convoy near Kidal on Tuesday. The attack killed four soldiers.")
    assert (event.code, dead(event)) == ("193", 4)


def test_the_dead_and_wounded_an_act_left_are_its_toll_not_another_event():
    [event] = violent("A bomb exploded at a market in Maiduguri, Borno state, on Friday, leaving at least 12 "
                      "people dead and 30 wounded.")
    assert event.code.startswith("183") and event.fatalities is not None and event.fatalities.low == 12


def test_one_victim_is_counted_by_a_possessive_too():
    [event] = violent("Unidentified gunmen killed a village chief and his son in Tillaberi region, Niger, on Monday.")
    assert dead(event) == 2


def test_a_running_total_after_the_event_is_not_its_toll():
    [event] = violent("Syrian troops attacked rebels in Aleppo on Monday. "
                      "More than 250,000 people have been killed in the conflict.")
    assert event.fatalities is None


@pytest.mark.parametrize("text", [
    "Russian jets bombed a market in Idlib on Monday, killing 23 people, in a war that has killed more than "
    "250,000 people since 2011.",
    "Russian jets bombed a market in Idlib on Monday, killing 23 people; since 2011, 300,000 people have been "
    "killed in Syria.",
])
def test_a_background_figure_in_the_same_sentence_is_not_taken(text):
    [event] = violent(text)
    assert dead(event) == 23 and event.fatalities is not None and event.fatalities.number_text == "23"


def test_a_sentence_with_only_a_background_figure_gives_no_toll():
    [event] = violent("Syrian troops attacked rebels in Aleppo on Monday, in a war that has killed more than "
                      "250,000 people since 2011.")
    assert event.fatalities is None


def test_only_violent_events_have_tolls():
    events = dyads.code("Iran's foreign minister met his Russian counterpart in Vienna on Tuesday, a day after "
                        "a bombing killed 12 people in Baghdad.", date=DAY)
    meetings = [e for e in events if e.root_code == "04"]
    assert meetings and all(e.fatalities is None for e in meetings)
    # the bombing is an event of its own (no one named did it), and the 12 are its toll
    assert [(e.source.code, e.code, e.fatalities.low) for e in events if e.fatalities] == [("", "183", 12)]


# --- the views ------------------------------------------------------------------------------------

def nigeria_second_attack() -> Event:
    return max(violent(NIGERIA), key=lambda e: e.trigger_start)


def test_csv_and_json_carry_the_toll():
    event = nigeria_second_attack()
    out = io.StringIO()
    CsvWriter(out).write([event])
    [row] = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert (row["fatalities_low"], row["fatalities_number_text"], row["injured_low"]) == ("5", "five", "8")
    out = io.StringIO()
    write_jsonl([event], out)
    record = json.loads(out.getvalue())
    assert record["fatalities"]["low"] == 5 and record["injured"]["number_text"] == "eight"


@pytest.fixture(scope="module")
def tolls_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("tolls") / "events.duckdb"
    articles = [Article("nigeria", NIGERIA, date(2016, 3, 2), source="wire"),
                Article("zaire", ZAIRE, date(1992, 2, 17), source="wire")]
    with EventStore(db, read_only=False) as store:
        store.write_batch(list(code_articles(articles)))
    return db


def test_the_database_keeps_each_mentions_toll_and_each_events(tolls_db):
    with EventStore(tolls_db, read_only=True) as store:
        mentions = store.mentions()
        events = store.events()
    attack = mentions[mentions.fatalities_number_text == "five"].iloc[0]
    assert (attack.fatalities_low, attack.injured_low, attack.code[:2]) == (5, 8, "19")
    assert NIGERIA[attack.fatalities_start:attack.fatalities_end] == "five"
    zaire = events[events.source_code == "CODMIL"].iloc[0]
    assert (zaire.fatalities_low, zaire.fatalities_qualifier, zaire.fatalities_number_text) == (13, "at_least",
                                                                                              "at least 13")
    assert pd.isna(zaire.fatalities_high)  # "at least": no upper bound


def test_plover_export_puts_the_toll_in_its_size_object(tolls_db):
    out = io.StringIO()
    with EventStore(tolls_db, read_only=True) as store:
        export_events(store, "plover", out)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    sizes = {r["event_text"][0][:20]: r["size"] for r in records if r["size"]}
    assert {"dead": 5, "injured": 8} in sizes.values() and {"dead": 13} in sizes.values()
    assert all(r["size"] is None for r in records if r["cameo_code"][:2] not in ("18", "19", "20"))


def test_the_api_serves_each_events_toll(tolls_db):
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from dyads.server import create_app

    for index_bytes in (0, 1 << 20):  # SQL alone, and the in-memory index
        client = TestClient(create_app(tolls_db, index_bytes=index_bytes), base_url="http://127.0.0.1")
        events = client.get("/events", params={"actor": "CODMIL"}).json()["events"]
        assert events and all(e["fatalities_low"] == 13 for e in events)
        detail = client.get(f"/events/{events[0]['event_id']}").json()
        assert detail["fatalities_number_text"] == "at least 13"
        assert {m["fatalities_low"] for m in detail["mentions"]} == {13}


# --- a database written before tolls (schema 2) ---------------------------------------------------

TOLL_COLUMNS = ("low", "high", "qualifier", "number_text", "start", "end")


def as_schema_2(db, tmp_path):
    """A copy of the database as schema 2 wrote it: no toll columns, version 2."""
    old = tmp_path / "old.duckdb"
    old.write_bytes(db.read_bytes())
    with duckdb.connect(str(old)) as connection:
        for kind in ("fatalities", "injured"):
            for name in TOLL_COLUMNS:
                connection.execute(f"ALTER TABLE mentions DROP COLUMN {kind}_{name}")
                if name not in ("start", "end"):
                    connection.execute(f"ALTER TABLE events DROP COLUMN {kind}_{name}")
        connection.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    return old


def test_a_schema_2_database_is_read_as_it_is(tolls_db, tmp_path):
    old = as_schema_2(tolls_db, tmp_path)
    with EventStore(old, read_only=True) as store:
        assert len(store.events()) and "fatalities_low" not in store.events().columns
        out = io.StringIO()
        assert export_events(store, "plover", out) and all(
            json.loads(line)["size"] is None for line in out.getvalue().splitlines())
        assert export_events(store, "gdelt", io.StringIO())


def test_a_schema_2_database_gains_the_toll_columns_when_opened_for_writing(tolls_db, tmp_path):
    old = as_schema_2(tolls_db, tmp_path)
    with EventStore(old, read_only=False) as store:
        version = store.connection.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall()
        assert version == [(str(SCHEMA_VERSION),)] and "fatalities_low" in store.mentions().columns
        assert store.events().fatalities_low.isna().all()  # what was stored before has no toll
        article = Article("clash", "Syrian troops fought Turkish troops near Afrin on Monday, killing four soldiers.",
                          date(2016, 3, 2))
        store.write_batch(list(code_articles([article])))
        fought = store.events(code="190")
    assert set(fought.fatalities_low) == {4}


def tolls_of(text: str, day: str = "2020-10-06") -> list[tuple]:
    return [(e.source.code, e.target.code if e.target else None, e.code,
             e.fatalities.low if e.fatalities else None, e.injured.low if e.injured else None)
            for e in dyads.code(text, date=day)]


def test_event_note_closings_count_and_say_none():
    # "2 rangers injured." drops "were": the rangers are the victims, and the bomb's toll
    assert tolls_of("On 4 May 2018, a roadside bomb targeted a ranger patrol in Nong Chik district (Pattani). "
                    "2 rangers injured. No fatalities.") == [("", "THAMIL", "1833", 0, 2)]
    assert tolls_of("On 5 October 2020, Taliban fighters attacked a police checkpoint in Sangin district "
                    "(Helmand). 4 police officers killed.") == [("AFGINS", "AFGCOP", "193", 4, None)]
    # "no casualties": killed and injured both zero, and no attack on civilians becomes a wounding
    assert tolls_of("Gunmen opened fire on villagers in Kandahar on Monday; no casualties were reported.") == [
        ("AFGUAF", "AFGCVL", "193", 0, 0)]


def test_a_second_killing_with_its_own_place_is_no_closing():
    found = tolls_of("A man was shot dead in Kandahar on Monday. Another man was shot dead in Kandahar on Tuesday.")
    assert [(s, t, c) for s, t, c, _, _ in found] == [("", "AFGCVL", "1823"), ("", "AFGCVL", "1823")]


def test_repression_that_kills_has_its_toll():
    # "to disperse them": the protesters of the protest before (anchoring.PROTEST_ROOT)
    assert tolls_of("Protesters stormed the provincial council building in Nasiriyah; security forces used live "
                    "ammunition to disperse them, killing four and wounding 37.") == [
        ("IRQCVL", None, "145", None, None), ("IRQCOP", "IRQCVL", "175", 4, 37)]


def test_a_count_after_of_takes_the_kind_of_its_noun():
    # "injury" is the conjunct nearest to "one member"; the martyrdom is what counts it
    found = tolls_of("An improvised explosive device exploded targeting a patrol of the Federal Police in the "
                     "vicinity of Samarra; the explosion resulted in the martyrdom of one member and the injury of "
                     "two others.")
    assert [(f, i) for _, _, _, f, i in found] == [(1, 2)]


def test_a_part_of_the_killed_is_not_the_toll():
    assert tolls_of("Unidentified gunmen killed five civilians, including two children, near Ijaji on Sunday.") == [
        ("ETHUAF", "ETHCVL", "1823", 5, None)]


def test_a_closing_line_that_names_the_toll_is_the_events_toll():
    found = dyads.code("Gunmen attacked a police post in Djibo on Monday. The provisional toll is three policemen "
                       "killed.", date="2022-06-06")
    assert [(e.code, e.fatalities.low) for e in found] == [("193", 3)]
    # the toll of a war is no toll of the attack
    found = dyads.code("Gunmen attacked a police post in Djibo on Monday. The toll of the insurgency is 300 "
                       "policemen killed.", date="2022-06-06")
    assert [(e.code, e.fatalities) for e in found] == [("193", None)]


def test_the_victims_after_an_act_in_its_own_sentence_are_its_victims():
    found = dyads.code("A drone hit a minibus near Marib; the dead included five civilians killed, among them two "
                       "women.", date="2022-06-06")
    assert [(e.source.code, e.target.code, e.code, e.fatalities.low) for e in found] == [("", "YEMCVL", "195", 5)]


def test_an_attack_that_kills_ten_displaced_people_is_a_mass_killing():
    found = dyads.code("Gunmen attacked a camp for displaced people near Djibo on Sunday, killing 12 IDPs.",
                       date="2022-06-06")
    assert [(e.code, e.target.code, e.fatalities.low) for e in found if e.code.startswith(("18", "19", "20"))] == [
        ("202", "BFAREF", 12)]


def test_a_killing_when_an_act_happened_is_that_acts_toll():
    # one event, the act of the "when" clause, with the toll; its victims are its target when it
    # names none
    [event] = violent("Four policemen were killed on Monday when militants ambushed a police convoy near Wana, "
                      "South Waziristan.")
    assert (event.source.code, event.target.code, event.code, dead(event)) == ("PAKREB", "PAKCOP", "193", 4)
    [event] = violent("Two children were wounded when a mortar shell hit their house in Mosul on Monday.")
    assert (event.source.code, event.target.code, event.code[:3]) == ("", "IRQCVL", "194")
    assert event.injured is not None and event.injured.low == 2


def test_no_one_hurt_is_no_one_killed_either():
    [event] = dyads.code("Rioters set fire to a police post in Mardan on Monday; no one was hurt.", date=DAY)
    assert event.code.startswith("145") and dead(event) == 0
    assert event.injured is not None and event.injured.low == 0


def test_the_martyred_of_a_blast_are_its_victims_and_toll():
    [event] = violent("An explosive device went off at a bus stop in Daraa on Monday, martyring four citizens.")
    assert (event.source.code, event.target.code, dead(event)) == ("", "SYRCVL", 4)


def test_the_victims_a_line_names_after_a_named_attackers_act_on_property_are_its_victims():
    # the bus is no actor: the passengers killed in the next line are whom the gunmen shot at,
    # and a shooting that kills civilians is a killing (1823), its toll theirs
    [event] = dyads.code("Gunmen opened fire on a minibus near Mpeketoni on Monday. Three passengers were killed.",
                         date="2023-04-03")
    assert (event.source.code, event.target.code, event.code, event.fatalities.low) == (
        "KENUAF", "KENCVL", "1823", 3)
    # an act that names its target keeps it; the line is only its toll
    [event] = dyads.code("Militants attacked an army post in Sebba on Friday. Two soldiers were killed.",
                         date="2023-04-03")
    assert (event.source.code, event.target.code, event.code, event.fatalities.low) == (
        "BFAREB", "BFAMIL", "193", 2)


def test_victims_counted_in_a_list_are_added_up():
    text = "A woman and her two children were killed when a shell hit their house in Kupiansk on Tuesday."
    [event] = violent(text)
    toll = event.fatalities
    assert toll is not None and (toll.low, toll.high, toll.qualifier) == (3, 3, "exact")
    assert text[toll.start:toll.end] == toll.number_text == "A woman and her two"


def test_each_kind_of_victim_of_a_one_sided_act_has_its_own_toll():
    events = violent("A roadside bomb killed four soldiers and two civilians near Mamfe, South-West region, "
                     "on Monday.")
    assert {(e.target.code, dead(e)) for e in events if e.target} == {("CMRMIL", 4), ("CMRCVL", 2)}


def test_a_fight_listing_both_sides_dead_gives_both_directions_the_whole_toll():
    events = violent("Soldiers clashed with militants near Mamfe, South-West region, on Monday; three militants "
                     "and two soldiers were killed.")
    assert len(events) == 2 and all(dead(e) == 5 for e in events)


@pytest.mark.parametrize(("text", "expected"), [
    # the act of the "when" clause is told in the passive, its attackers by "by", its victims
    # named only by "their"; the clause may hang on the second of two joined victim verbs
    ("Four soldiers were killed and two wounded when their convoy was ambushed by militants near Kidal on Monday.",
     ("MLIREB", "MLIMIL", "193", 4, 2)),
    ("Three policemen were killed when their patrol was attacked by gunmen near Kidal on Monday.",
     ("MLIUAF", "MLICOP", "193", 3, None)),
])
def test_victims_killed_when_their_unit_was_attacked_are_the_toll_of_the_attack(text, expected):
    [event] = violent(text)
    assert (event.source.code, event.target.code if event.target else None, event.code, dead(event),
            event.injured.low if event.injured else None) == expected


def test_the_attackers_a_number_counts_are_not_the_victims_of_what_they_did():
    # "killing" hangs on the verb the counted bombers are the subject of: they did it
    [event] = violent("Two suicide bombers blew themselves up at a mosque in Maiduguri on Friday, killing "
                      "11 worshippers and wounding 20.")
    assert (dead(event), event.injured.low if event.injured else None) == (11, 20)
    [event] = violent("Four gunmen opened fire on a minibus near Mandera on Sunday, killing 6 passengers.")
    assert dead(event) == 6


def test_a_notes_casualty_line_of_two_counts_is_the_attacks_toll():
    # "4 soldiers killed, 7 injured.": the note drops "were" from both verbs; the dead are victims,
    # not killers of their own
    [event] = violent("Militants attacked an army post near Kidal on Monday. 5 soldiers killed, 3 injured.")
    assert (event.source.code, event.target.code, event.code, dead(event), event.injured.low) == (
        "MLIREB", "MLIMIL", "193", 5, 3)


def test_a_lynching_counts_its_dead():
    [event] = violent("Residents lynched 3 suspected robbers in Butembo, North Kivu, on Sunday.")
    assert (event.code, dead(event)) == ("1823", 3)


def test_the_counted_who_suffered_a_joined_passive_verb_are_its_victims():
    # "and were killed": the soldiers are the dead of the verb joined to theirs
    [event] = violent("Two soldiers stepped on a landmine near Kidal on Monday and were killed.")
    assert dead(event) == 2


def test_an_attack_that_kills_unarmed_people_of_a_trade_is_a_killing():
    # herders, traders, teachers are no side of a fight: killing them is 1823, as killing civilians
    [event] = violent("Armed cattle rustlers attacked a cattle camp near Rumbek, Lakes State, on Monday, "
                      "killing 4 herders.")
    assert (event.source.code, event.target.code, event.code, dead(event)) == ("SSDCRM", "SSDAGR", "1823", 4)


@pytest.mark.parametrize("text", [
    "Tamaulipas | Reynosa: state police engaged Gulf Cartel gunmen near the bridge; 3 gunmen killed.",
    "Soldiers fought al-Shabaab militants near Bulo Burde on Monday; five militants were killed.",
])
def test_victims_named_by_a_sides_own_noun_are_the_fights_toll(text):
    # "Gulf Cartel gunmen" is a criminal group, the bare "gunmen" armed men of the place: still
    # the same side, so their dead are the fight's toll, not a killing of its own
    events = violent(text)
    assert {e.code for e in events} == {"190"}
    assert all(dead(e) in (3, 5) for e in events)


def test_the_hurt_after_a_named_attackers_act_on_property_are_its_victims():
    # "on a ranch" names no one; the residents wounded in the same line are the strike's target
    events = [e for e in dyads.code("Michoacán | Buenavista: cartel gunmen dropped explosives from drones on a "
                                    "ranch in the municipality; 3 residents injured.", date=DAY)]
    assert [(e.source.code, e.target.code if e.target else None, e.code) for e in events] == [
        ("MEXUAF", "MEXCVL", "195")]
    assert events[0].injured is not None and events[0].injured.low == 3
    # a riot's hurt are not whom it riots against
    riot = dyads.code("Manipur - Moreh: a mob torched 3 shops; police fired tear gas; 12 protesters injured.", date=DAY)
    assert ("INDCVL", None, "145") in [(e.source.code, e.target.code if e.target else None, e.code) for e in riot]


@pytest.mark.parametrize(("text", "toll"), [
    # "a family of five": the number after "of" counts the victims, not the article
    ("A family of five was killed when a shell hit their house in Kherson on Monday.", 5),
    ("Gunmen killed a family of six in Kajuru, Kaduna State, on Monday.", 6),
    # "was found shot dead": the killing word under "found"
    ("A man was found shot dead in Fresnillo, Zacatecas, on Monday.", 1),
    ("A family of three was found hacked to death in Guma, Benue state, on Monday.", 3),
])
def test_a_family_of_n_and_the_found_dead_are_counted(text, toll):
    [event] = violent(text)
    assert dead(event) == toll


@pytest.mark.parametrize("text, toll", [
    ("Soldiers clashed with jihadists near Dori on Sunday. Four soldiers and nine jihadists were killed.", 13),
    ("Rebels attacked an army camp outside Bunia on Friday, sparking a firefight. Two soldiers and "
     "five rebels died.", 7),
    ("Militants fought troops near Bannu overnight. Three troops and two militants were killed, "
     "officials said.", 5),
])
def test_a_closing_line_that_lists_the_dead_gives_their_sum(text, toll):
    events = violent(text)
    assert events and all(dead(e) == toll for e in events)


@pytest.mark.parametrize("text, tolls", [
    ("A roadside bomb hit a patrol near Mandera, killing two officers and a civilian.",
     {"KENCOP": 2, "KENCVL": 1}),
    ("An airstrike on a market in Kutum killed five civilians and a soldier, residents said.",
     {"SDNCVL": 5, "SDNMIL": 1}),
    ("Gunmen shot dead three police officers and a woman in Tlaquepaque on Friday.",
     {"MEXCOP": 3, "MEXCVL": 1}),
])
def test_one_victim_listed_after_a_counted_group_is_a_toll_of_one(text, tolls):
    assert {e.target.code: dead(e) for e in violent(text) if e.target} == tolls


def test_a_list_that_is_one_target_keeps_the_whole_sum():
    [event] = violent("A man and his three sons were killed when a shell hit their house in Orikhiv on Sunday.")
    assert dead(event) == 4
