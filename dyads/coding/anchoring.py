"""Actors anchored by place: a role noun with no country of its own ("police", "gunmen", "three
villagers") is coded with the country of the place where its event happened: a place in the
event's clause, else in its sentence, else the dateline (docs/coding-rules.md, "Local conflict
events"), or, when its sentence names none, of an event in the sentence or two before. Run after
the events are placed, since the place decides the country.

With no such place there is no country and no actor, as for any role noun without one: an event
loses a target it cannot anchor (and a pack pattern's event, which needs one, goes with it), and
an event whose source cannot be anchored is not coded.
"""

from __future__ import annotations

import re
from dataclasses import replace

from dyads.coding.discourse import VERBAL_ROOTS
from dyads.coding.events import ATTACK, CURATED_PATTERNS, FIGHT_ROOT, PROTEST_ROOT
from dyads.knowledge.dictionaries import INTERNATIONAL_TYPES
from dyads.model import UNANCHORED, UNNAMED_SOURCE, UNOWNED_WEAPON, Event, EventActor, Place

# Places that say where the event happened; a place guessed from an actor's own code is not one.
# "act": the place of the act a reaction answers (`reactions_at_their_act`).
ANCHORING_METHODS = ("clause", "previous", "dateline", "act")
# Where a sentence places its own event.
OWN_PLACE_METHODS = ("clause", "sentence")
ACTOR_PLACE = "actor"  # the place of an event that names none: its source's country
# Armed sides: whose they are, the striker's country does not say ("Syrian rebels killed 20 soldiers",
# and a role word inside a name: "General Motors")
ARMED_ROLES = {"MIL", "COP", "UAF", "REB", "SEP", "INS", "CRM"}
# Material conflict (protest, repression, violence): the events of local reports, which may take
# the place of any clause of their sentence when they name no one.
LOCAL_ROOTS = {"14", "15", "16", "17", "18", "19", "20"}
# A country actor in a role: "PSECVL" (three letters of country, three of role).
COUNTRY_ROLE_LENGTH = 6
COUNTRY_LENGTH = 3
# the roles of a state's own bodies, whose protesters are of their country (`_protested_government`)
STATE_ROLES = {"GOV", "LEG", "JUD"}
# How far back a report's place carries to a sentence that names none; and how far back a
# protest is the one a police response with no target responds to.
PREVIOUS_SENTENCES = 2
# The police response to a protest (events.PROTEST_ROOT): arrests (173) and repression (175),
# "COP -> the protesters" (docs/coding-rules.md, "Protests").
RESPONSE_CODES = ("173", "175")


def anchor_events(events: list[Event]) -> list[Event]:
    """The events with their unanchored actors given the place's country; those that cannot be
    anchored dropped, and an event that anchoring makes the same as another kept once. An event
    whose clause names no place takes the place of an event in the sentence or two before it
    ("Hundreds marched in Zhabinka. Police detained 30 protesters."), before the dateline."""
    events = reactions_at_their_act(events)
    out, seen = [], set()
    recent: dict[int, Place] = {}  # sentence index -> the place named in one of its events' clauses
    # ... else the place one of its events took from another clause: "burned tyres and threw
    # stones at police in Lakki. Police fired tear gas." when the burning is the event kept
    loose: dict[int, Place] = {}
    roles: dict[str, str] = {}  # role -> the last country actor in it ("Palestinian protesters" -> PSECVL)
    protest: Event | None = None  # the last protest or riot, for the police response to it
    for event in events:
        before = next((recent[i] for i in range(event.sentence_index - 1,
                                                 event.sentence_index - 1 - PREVIOUS_SENTENCES, -1)
                       if i in recent), None) or next(
            (loose[i] for i in range(event.sentence_index - 1, event.sentence_index - 1 - PREVIOUS_SENTENCES, -1)
             if i in loose), None)
        place = event.place
        if place is not None and place.method == "clause":
            if before is not None and _town_of_its_jurisdiction(event, place, before):
                event = replace(event, place=replace(before, method="previous"))
            else:
                recent.setdefault(event.sentence_index, place)
        elif (event.place is None or event.place.method != "sentence") and before is not None:
            event = replace(event, place=replace(before, method="previous"))
            # a story goes on where it was: "Protesters gathered in Er Regueb. Police fired tear
            # gas. Police also arrested five." carries the place on, sentence by sentence
            loose.setdefault(event.sentence_index, before)
        elif place is not None and place.method == "sentence":
            loose.setdefault(event.sentence_index, place)
        anchored = anchor_event(event, roles)
        if anchored is None:
            continue
        anchored = _blockaded_civilians(anchored)
        if anchored.code.startswith(PROTEST_ROOT) and anchored.source.code:
            protest = anchored
        elif protest is not None and anchored.target is None and anchored.code.startswith(RESPONSE_CODES) \
                and anchored.sentence_index - protest.sentence_index <= PREVIOUS_SENTENCES:
            # "Protesters stormed the town hall. Police fired tear gas.", "... to disperse them",
            # "carried out 17 arrests": the response is to the protesters
            anchored = replace(anchored, target=protest.source)
        for actor in (anchored.source, anchored.target):
            if actor is not None and len(actor.code) == COUNTRY_ROLE_LENGTH:
                roles[actor.code[3:]] = actor.code
        key = (anchored.sentence_index, anchored.source.code,
               anchored.target.code if anchored.target else None, anchored.code)
        if key not in seen:
            seen.add(key)
            out.append(anchored)
    return answered_attacks(out)


def reactions_at_their_act(events: list[Event]) -> list[Event]:
    """"A roadside bomb killed five policemen near Miran Shah. ... The TTP claimed responsibility
    for the attack.", "the prime minister condemned the strike": words about an act (a claim, a
    condemnation, condolences: `discourse.VERBAL_ROOTS`) whose own sentence places nothing (the
    dateline's city, the speaker's country) are placed where the latest act before them (roots
    14-20) happened, by its own sentence: a story's reactions answer its incident."""
    out: list[Event] = []
    act: Place | None = None  # the place of the latest act placed by its own sentence
    for event in events:
        place = event.place
        if event.root_code in LOCAL_ROOTS and place is not None and place.method in OWN_PLACE_METHODS:
            act = place
        elif (act is not None and event.code.startswith(VERBAL_ROOTS)
              and (place is None or place.method not in OWN_PLACE_METHODS)):
            event = replace(event, place=replace(act, method="act"))
        out.append(event)
    return out


# An attack its target answers is a fight, coded both ways (docs/coding-rules.md, "Local conflict
# events"; the local writers' "repelled", "returned fire", "exchange of fire"): "FDS patrol ambushed
# by IS Sahel fighters; FDS returned fire", "repelled an assault by Russian troops".
ANSWERED_RE = re.compile(r"\b(?:return(?:s|ed|ing)? fire|repel(?:s|led|ling)?|repuls(?:e|es|ed|ing)"
                         r"|exchang(?:e|es|ed|ing) (?:of )?(?:fire|gunfire)|fought back)\b", re.IGNORECASE)
# ... but not the frame of the act: "killed two gunmen in an exchange of fire" is that killing (193)
FRAMED_RE = re.compile(r"\b(?:in|during|after)\s+(?:an?\s+|the\s+)?(?:\w+\s+)?$", re.IGNORECASE)
FIGHT = "190"


def _answered(sentence: str) -> bool:
    return any(not FRAMED_RE.search(sentence, 0, m.start()) for m in ANSWERED_RE.finditer(sentence))


def answered_attacks(events: list[Event]) -> list[Event]:
    """An attack (193) in a sentence that tells it answered becomes a fight between the attackers
    and the attacked, both ways, sharing the attack's trigger (and so its toll); the attacked are
    its target, else the side that fought the attackers in the sentence ("Ukrainian forces
    repelled an assault by Russian troops": the assault's attackers are the repelled's target)."""
    out: list[Event] = []
    for event in events:
        if (event.code != ATTACK or not event.source.code or event.source.code == UNNAMED_SOURCE
                or not _answered(event.sentence)):
            out.append(event)
            continue
        attacked = event.target or next(
            (o.source for o in events if o is not event and o.sentence_index == event.sentence_index
             and o.root_code == FIGHT_ROOT and o.target is not None and o.target.code == event.source.code
             and o.source.code and o.source.code != event.source.code), None)
        if attacked is None or attacked.code == event.source.code:
            out.append(event)
            continue
        modifiers = tuple(m for m in event.modifiers if m != "symmetric") + ("symmetric",)
        out.append(replace(event, code=FIGHT, target=attacked, modifiers=modifiers))
        out.append(replace(event, code=FIGHT, source=attacked, target=event.source, modifiers=modifiers))
    # the answer's own one-way reading of the same fight ("repelled": 190) says it again
    pairs = {(e.sentence_index, e.source.code, e.target.code) for e in out
             if e.code == FIGHT and "symmetric" in e.modifiers and e.target is not None}
    kept, seen = [], set()
    for e in out:
        key = (e.sentence_index, e.source.code, e.target.code if e.target else None, e.code)
        if key in seen or (e.root_code == FIGHT_ROOT and "symmetric" not in e.modifiers and key[:3] in pairs):
            continue
        seen.add(key)
        kept.append(e)
    return kept


# A blockade or a siege (CAMEO 191, restrict movement) of a town: its people are the target
# ("imposed a blockade on Menaka", "sealed off the roads into Rask"), as three blind local writers
# code it; a country blockaded is its own actor, and so already the target ("on Gaza": PSE).
BLOCKADE = "191"
CIVILIANS = "CVL"


def _blockaded_civilians(event: Event) -> Event:
    place = event.place
    if (event.code != BLOCKADE or event.target is not None or place is None or place.method != "clause"
            or place.type != "city" or not place.country or not event.source.code):
        return event
    people = EventActor(place.country + CIVILIANS, "civilians", place.text or "", place.start or 0, place.end or 0)
    return replace(event, target=people)


def _town_of_its_jurisdiction(event: Event, place: Place, before: Place) -> bool:
    """"Police arrested 14 suspects in Omu-Aran. Kwara state authorities then placed the town under
    a curfew.": an event placed only by its source's jurisdiction (a division named in the
    source's own phrase), whose sentence speaks of "the town", happened in the town the sentence
    before placed its event in, when the division holds it ("The Katsina state government imposed a
    curfew" may be the state's)."""
    return (place.type == "adm1" and place.start is not None and place.end is not None
            and TOWN_ANAPHOR_RE.search(event.sentence) is not None
            and event.source.start <= place.start and place.end <= event.source.end
            and before.type == "city" and before.admin1 is not None and before.admin1 == place.admin1)


# A sentence that speaks of a town named before: "placed the town under a curfew"
TOWN_ANAPHOR_RE = re.compile(r"\bthe (?:town|city|village|locality|municipality|community)\b", re.IGNORECASE)
ONE_SIDED = {"18", "20"}
# The violence a weapon no one is named for may be the source of (as `events.ONE_SIDED_ROOTS`)
ONE_SIDED_WEAPON_ROOTS = {"18", "19", "20"}  # assaults and mass violence: a victim of the attackers' kind is still one


def anchor_event(event: Event, roles: dict[str, str] | None = None) -> Event | None:
    """The event with its unanchored actors coded by its place's country; `roles`: the actors
    of the article's events so far, by role, for a role noun that no place anchors ("Israeli
    soldiers fired tear gas to disperse the protesters" after "Palestinian protesters threw
    stones": the protesters are the ones named before)."""
    # only between the actors of local conflict ("a senior official said" is no one named before)
    roles = roles if roles and event.root_code in LOCAL_ROOTS else {}
    place = event.place
    country = place.country if place is not None and place.method in ANCHORING_METHODS else None
    if (country is None and place is not None and place.method == "sentence"
            and event.root_code in LOCAL_ROOTS and not _names_anyone(event)):
        # violence or unrest by no one named ("Police arrested 14 people after residents looted
        # shops in Buerarema"): its sentence's place is the report's; not so beside a named
        # actor ("Israel called up reservists as ... southern Lebanon": they are Israel's)
        country = place.country
    elif (country is None and place is not None and place.method == "sentence" and place.country
          and event.root_code in LOCAL_ROOTS and _named_of(event) == {place.country}):
        # "gang members took control of Mirebalais, ..., forcing 5,000 residents to flee": a place
        # of another clause anchors beside a named actor of its own country (the Haitian gang's
        # residents are Haiti's), not beside one of another ("Israel ... southern Lebanon")
        country = place.country
    elif country is None and place is None:
        # "protesters demanding the resignation of Prime Minister Prayut", no place named: people
        # who protest against their country's government are of that country
        country = _protested_government(event)
    source: EventActor | None
    if event.source.code == UNOWNED_WEAPON:
        # "a drone struck a vehicle": violence by no one named; a drone does nothing else
        if event.root_code not in ONE_SIDED_WEAPON_ROOTS:
            return None
        source = replace(event.source, code=UNNAMED_SOURCE, name="")
    else:
        source = _anchored(event.source, country, roles)
    if source is None:
        return None
    # the role named before is someone else than the source ("telling a visiting delegation")
    others = {k: v for k, v in roles.items() if v != source.code}
    target = _anchored(event.target, country or _victims_country(event, source), others) \
        if event.target is not None else None
    if event.target is not None and target is None and not event.pattern.startswith(CURATED_PATTERNS):
        return None  # a pack pattern codes nothing without a target (PETRARCH's require_dyad)
    if target is not None and target.code == source.code and event.root_code not in ONE_SIDED:
        target = None  # "villagers clashed with villagers" of one place: no dyad; but a mob that
        # beats a man to death has a victim
    if source.code == UNNAMED_SOURCE and target is None and place is None:
        return None  # violence by no one named, to no one, nowhere: nothing to record
    if source is event.source and target is event.target:
        return event
    return replace(event, source=source, target=target)


def _protested_government(event: Event) -> str | None:
    """The country of the government or state body a protest by people no one anchors is
    against, if it is one ("protesters demanding the resignation of the prime minister")."""
    target = event.target
    if (event.root_code != PROTEST_ROOT or not event.source.code.startswith(UNANCHORED) or target is None
            or target.code.startswith(UNANCHORED) or target.code[:COUNTRY_LENGTH] in INTERNATIONAL_TYPES
            or target.code[COUNTRY_LENGTH:] not in STATE_ROLES):
        return None
    return target.code[:COUNTRY_LENGTH]


def _victims_country(event: Event, source: EventActor) -> str | None:
    """"Burmese soldiers killed 40 Rohingya villagers", "Boko Haram abducted 30 travellers": with no
    place named, the unarmed victims of conflict by an actor of a country are of its country (the
    event is placed there too, `places.actor_place`), as the press, core and blind writers code them."""
    place = event.place
    if (event.root_code not in LOCAL_ROOTS or place is None or place.method != ACTOR_PLACE
            or not place.country or not source.code.startswith(place.country)
            or event.target is None or event.target.code[len(UNANCHORED):] in ARMED_ROLES):
        return None
    return place.country


def _named_of(event: Event) -> set[str]:
    """The countries of the event's actors that have one."""
    actors = [event.source, *([event.target] if event.target else [])]
    return {a.code[:3] for a in actors if a.code != UNNAMED_SOURCE and not a.code.startswith(UNANCHORED)
            and len(a.code) >= 3}


def _names_anyone(event: Event) -> bool:
    actors = [event.source, *([event.target] if event.target else [])]
    return any(a.code != UNNAMED_SOURCE and not a.code.startswith(UNANCHORED) for a in actors)


def _anchored(actor: EventActor, country: str | None, roles: dict[str, str]) -> EventActor | None:
    if not actor.code.startswith(UNANCHORED):
        return actor
    if actor.code == UNOWNED_WEAPON:
        return None  # "troops shot down a drone": whose, the place does not say
    role = actor.code[len(UNANCHORED):]
    if country:
        return replace(actor, code=country + role)
    if role in roles:
        return replace(actor, code=roles[role])
    return None
