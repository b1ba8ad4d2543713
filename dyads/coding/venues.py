"""Codes a meeting's place decides: two countries' sides that meet in a third country meet at a
third location (CAMEO 044), as the blind, wire, wire2 and wire3 writers all code it ("Rubio and
Lavrov met in Riyadh", "Reagan and Gorbachev met in Geneva", "Israeli and Syrian negotiators met
in Washington"); in one side's own country it stays a meeting (040: "held talks with Putin in
Moscow"). Run after the events are placed, since the place decides the code.
"""

from __future__ import annotations

from dataclasses import replace

from dyads.knowledge.dictionaries import PatternDictionary
from dyads.knowledge.gazetteer import Gazetteer
from dyads.model import Event, EventActor

MEETING = "040"  # a meeting, consultation or talks with no more specific code
THIRD_PLACE_MEETING = "044"
# Only a place named in the meeting's own clause says where it was: a place of another clause
# ("met on Tuesday, officials in Tbilisi said") or the dateline does not.
VENUE_METHODS = ("clause",)
# A venue is a town ("met in Geneva"); a country in the clause is mostly what was discussed
# ("discussed the latest developments in Syria", "talks on the war in Yemen")
VENUE_TYPES = ("city",)


def at_third_places(events: list[Event], gazetteer: Gazetteer, patterns: PatternDictionary) -> list[Event]:
    """The events, each meeting of two countries' sides held in a country that is neither's
    recoded as a meeting at a third location."""
    return [_recoded(event, THIRD_PLACE_MEETING, patterns) if _at_third_place(event, gazetteer) else event
            for event in events]


def _at_third_place(event: Event, gazetteer: Gazetteer) -> bool:
    place, target = event.place, event.target
    if event.code != MEETING or target is None or place is None or place.method not in VENUE_METHODS \
            or place.type not in VENUE_TYPES or not place.country:
        return False
    sides = {_country(event.source, gazetteer), _country(target, gazetteer)}
    # an organisation's side has no country, so where it meets is no one's third place
    return None not in sides and len(sides) == 2 and place.country not in sides


def _country(actor: EventActor, gazetteer: Gazetteer) -> str | None:
    country = actor.code[:3]
    return country if country in gazetteer.countries else None


def _recoded(event: Event, code: str, patterns: PatternDictionary) -> Event:
    info = patterns.code_info(code)
    return replace(event, code=code, root_code=info.root, quad_class=info.quad_class,
                   goldstein=info.goldstein, plover_type=info.plover_type,
                   modifiers=(*event.modifiers, "third place"))
