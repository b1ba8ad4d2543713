"""Each violent event's toll: how many it killed and injured, read off the article's figures.

`attach_tolls()` runs once events and figures are known, for one article:
  1. candidates: the killed and injured figures that count an event's victims, not background
     (a clause of what has gone on "since 2011" or of a habit, by the event coder's own rule; a
     figure as of a date; a count in a perfect relative clause: "a war that has killed 250,000");
  2. each candidate goes to the nearest violent event of its sentence in the parse; an event
     coded both ways (X->Y and Y->X) is one event here, the two share its toll;
  3. each event takes, per kind, a figure of its own clause first, then the nearest;
  4. a closing sentence with figures and no event ("3 fatalities.", "Two people died.") gives
     them to the one violent event of the sentence before, when it has no toll of that kind.
A killing by no one named whose victims are a side of a fight in its sentence or the sentence
before is that fight's toll, not an event of its own (`without_closing_victims`); the victims of
an act that named none ("A drone struck a vehicle. Four people inside were killed.") are that
act's (`victims_named_after`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from dyads.coding.anchoring import FIGHT, PREVIOUS_SENTENCES
from dyads.coding.events import ATTACK, PROTEST_ROOT, REPRESSION, RIOT, SentenceCoder
from dyads.coding.figures import tree_distance
from dyads.coding.geometry import clause_of, governing_verb, is_perfect
from dyads.knowledge.dictionaries import PatternDictionary
from dyads.knowledge.schema import ClauseWords
from dyads.model import UNNAMED_SOURCE, Event, EventActor, Figure, Sentence, Toll

# CAMEO codes whose events have victims to count: assault (18), fight (19), mass violence (20),
# a violent protest or riot (145), repression (175).
VIOLENT_PREFIXES = ("18", "19", "20", "145", "175")
# A closing toll line is read for these; for its dead, the force used on a crowd (175) too, rather
# than the riot, as every local gold writer counts them (`closed_acts`).
CLOSING_PREFIXES = ("18", "19", "20", "145")
# Fights and assaults, whose sides are who gets killed in them (not a riot's: "protesters set
# fire to a police post after a local man was killed" is two events).
FIGHT_PREFIXES = ("18", "19", "20")
TOLL_KINDS = ("killed", "injured")
# A live story's update line: "UPDATE: ...", "16:45 - UPDATE: ..." (a time stamp before it)
UPDATE_RE = re.compile(r"^\W*(?:\d{1,2}[:.]\d{2}\W*)?UPDATE\b")
# Tree hops from a revised figure's number up to its "to" or "at": "put the toll at [11 dead and] 20 wounded"
REVISION_HOPS = 4
CLOSING_REACH = 3  # a zero toll line closes the event of up to this many sentences before
# Codes the victims decide (recoded_by_victims): an attack (193) on civilians that kills is a
# killing (1823) or, wounding only, an assault (182); ten or more civilians killed at once is a
# mass killing (202), the threshold of docs/coding-rules.md that the local gold follows.
# civilians, the displaced ("killing 15 IDPs" at a camp), and the unarmed in their trades ("killing
# 6 herders", "shot dead two traders": the local gold codes them 1823 as it does civilians)
CIVILIAN_ROLES = ("CVL", "REF", "AGR", "BUS", "LAB", "EDU", "MED", "HLH")
KILLING, WOUNDING, MASS_KILLING = "1823", "182", "202"
MASS_KILLING_VICTIMS = 10
# Force by the state's police or army on the people of a protest is repression (175), whatever the
# verb ("fired at protesters, wounding five", "opened fire on the crowd, killing three"; Phoenix's
# "KILL * DEMONSTRATOR [175]"); the protest told in its sentence or the two before, or people its
# target calls protesters (events.REPRESSION, events.PROTEST_ROOT, the protest window of
# anchoring.PREVIOUS_SENTENCES). An arrest stays an arrest (173).
STATE_FORCES = ("COP", "MIL")
FORCE_CODES = {"180", "182", "1823", ATTACK}
PROTESTER_RE = re.compile(r"\b(?:protesters?|demonstrators?|rioters?)\b", re.IGNORECASE)
# Codes of a killing or a wounding that a closing line reports ("Three militants were killed.").
CLOSING_VICTIM_CODES = {"1823", "182"}  # Figure.kind -> Event.fatalities, Event.injured


@dataclass(frozen=True, slots=True)
class Violence:
    """One violent event of a sentence: its mentions (both directions of a symmetric event)
    and where its trigger stands in the parse."""

    events: tuple[int, ...]  # positions in the article's event list
    trigger: int  # token index of the trigger's first word
    verb: int  # the verb that governs it (the trigger itself for a verb)
    code: str


def is_violent(code: str, prefixes: tuple[str, ...] = VIOLENT_PREFIXES) -> bool:
    return code.startswith(prefixes)


def closed_acts(groups: list[Violence], kind: str) -> list[Violence]:
    """The violent events, in order, whose toll of this kind a later line may give: riots, fights
    and assaults; for the dead, the force used on a crowd (175) too, rather than the riot it
    answered ("Youths burned tyres. Police fired live bullets. Three people died of
    gunshot wounds.": the repression's 3, as every local gold writer counts them)."""
    acts = [g for g in groups if is_violent(g.code, CLOSING_PREFIXES)]
    repressions = [g for g in groups if g.code.startswith(REPRESSION)]
    if kind != "killed" or not repressions:
        return acts  # the wounded may be the police's own, hurt by the crowd ("Six officers were injured by stones")
    return [g for g in groups if g in repressions or (g in acts and not g.code.startswith(RIOT))]


def attach_tolls(events: list[Event], figures: list[Figure], sentences: list[Sentence],
                 patterns: PatternDictionary, article_date: date | None,
                 none_phrases: dict[str, tuple[str, ...]] | None = None,
                 kind_cues: dict[str, frozenset[str]] | None = None) -> list[Event]:
    """The events with `fatalities` and `injured` set for the violent ones that have a toll;
    `none_phrases` ("no fatalities", by kind) say a toll is zero, and so does a victim of no
    one (`kind_cues`, the figures' words: "No jawan was killed")."""
    by_index = {sentence.index: sentence for sentence in sentences}

    coders: dict[int, SentenceCoder] = {}  # a sentence's grammar helpers, built once for all the steps below

    def coder_of(sentence: Sentence) -> SentenceCoder:
        if sentence.index not in coders:
            coders[sentence.index] = SentenceCoder(sentence, [], patterns, article_date)
        return coders[sentence.index]

    events = without_closing_victims(victims_named_after(killed_in_the_act(without_restated_killings(
        without_counted_killings(events, figures, by_index, patterns.clause), by_index, patterns.clause), by_index)))
    # after the closing lines are known as such: "Four rebels were killed." under a retold fight
    events, retold = without_retold_fights(events)
    violence = violent_events(events, by_index)
    counts: dict[int, list[Figure]] = {}
    for figure in figures:
        if figure.kind in TOLL_KINDS:
            counts.setdefault(figure.sentence_index, []).append(figure)
    tolls: dict[tuple[int, str], Figure] = {}  # (event group's first position, kind) -> figure
    shares: dict[tuple[int, str], Toll] = {}  # (event position, kind) -> its toll of coordinated figures
    for index, found in counts.items():
        if violence.get(index):
            sentence = by_index[index]
            counted = [f for f in found if not is_background(f, sentence, coder_of(sentence), violence[index])]
            counted = [f for f in counted if not is_part(f, sentence, counted, patterns.clause)]
            own = own_tolls(counted, sentence, violence[index])
            tolls.update(own)
            shares.update(coordinated_tolls(own, counted, sentence, violence[index], events))
    with_events = {event.sentence_index for event in events}
    listed: dict[tuple[int, str], Toll] = {}  # a closing line's toll of victims listed with "and"
    for index, found in counts.items():
        if index in with_events:
            continue
        for kind, figure in closing_tolls(found, by_index[index], coder_of(by_index[index])).items():
            before = closed_acts(violence.get(index - 1, []), kind)
            if not before and index - 1 in retold:  # the fight the sentence before retold
                before = [v for v in violence.get(retold[index - 1][0], []) if v.trigger == token_at(
                    by_index[retold[index - 1][0]], retold[index - 1][1])][:1]
            if len(before) == 1:
                key = (before[0].events[0], kind)
                if key not in tolls:  # its own sentence's toll first
                    tolls[key] = figure
                    # "Six soldiers and four militants were killed.": the toll is the whole list's
                    listed[key] = _sum_toll(_listed_with(figure, found, by_index[index]), by_index[index])
    for key, (figure, named) in named_act_tolls(counts, by_index, events, violence, patterns.clause,
                                                coder_of).items():
        tolls[key] = figure  # a later count of the act, by name: its latest figure
        listed[key] = named
    revised = revised_tolls(counts, by_index, events, violence, tolls, patterns.clause, coder_of)
    for key, (figure, latest) in revised.items():
        tolls[key] = figure  # the latest figure for the act, whatever its sentence gave before
        listed[key] = latest
    by_key: dict[tuple[int, str], Toll] = {key: listed.get(key) or Toll.of(figure) for key, figure in tolls.items()}
    for key, zero in zero_tolls(sentences, violence, with_events, none_phrases or {}, kind_cues or {}).items():
        by_key.setdefault(key, zero)
    events = one_victim_tolls(with_tolls(events, violence, by_key, shares), by_index, patterns.clause)
    return recoded_by_victims(events, patterns)


# A killing of one person the report names by role or name with no number ("assassinated the
# village chief", "killed the mayor of X"): its toll is one, as every local gold writer gives a
# killing (1823) or an assassination (186) a toll.
ONE_VICTIM_CODES = ("1823", "186")
SINGULAR_TAGS = ("NN", "NNP")


def one_victim_tolls(events: list[Event], by_index: dict[int, Sentence], words: ClauseWords) -> list[Event]:
    """A killing with no toll whose victim is one person named by a singular noun or a name
    ("assassinated the village chief", "shot dead the imam"): its toll is 1."""
    out = []
    for event in events:
        sentence = by_index.get(event.sentence_index)
        if (event.fatalities is None and event.code in ONE_VICTIM_CODES and event.target is not None
                and event.target.text and sentence is not None and _one_person(event.target, sentence, words)):
            target = event.target
            event = replace(event, fatalities=Toll(1, 1, "exact", target.text, target.start, target.end))
        out.append(event)
    return out


def _one_person(target: EventActor, sentence: Sentence, words: ClauseWords) -> bool:
    """Is the actor's phrase one person: a singular noun that is no body or group ("the village
    chief", "the mayor of X"; not "the government", "the family"), with no number or list?"""
    inside = [t for t in sentence.tokens if target.start <= t.start < target.end]
    heads = [t for t in inside if t.head == t.i or not target.start <= sentence.tokens[t.head].start < target.end]
    if len(heads) != 1:
        return False
    head = heads[0]
    lemma = head.lemma.lower()
    return (head.tag in SINGULAR_TAGS and lemma not in words.collective_nouns and lemma not in words.group_nouns
            and not any(c.dep in ("nummod", "conj", "cc") for c in sentence.children(head.i)))


def revised_tolls(counts: dict[int, list[Figure]], by_index: dict[int, Sentence], events: list[Event],
                  violence: dict[int, list[Violence]], tolls: dict[tuple[int, str], Figure],
                  words: ClauseWords, coder_of: Callable[[Sentence], SentenceCoder]
                  ) -> dict[tuple[int, str], tuple[Figure, Toll]]:
    """"A car bomb killed four policemen in Baqubah. ... Later the number of dead had risen to
    seven.": a figure that a revision verb gives ("rose to", "put the toll at": `toll_revision_verbs`)
    in a sentence with no violent event of its own is the latest toll of the act told before it,
    however far back: the latest violent event with a toll of its kind, else the latest violent
    event, and the act's other mentions. A later revision replaces an earlier one; a running
    total ("the toll in the conflict has risen to 5,000", "since 2015") revises nothing. A fight's
    dead are counted by side (`fight_sides`): a later figure for one side replaces that side's."""
    out: dict[tuple[int, str], tuple[Figure, Toll]] = {}
    sides: dict[tuple[int, str], dict[str, Figure]] = {}  # a fight's dead by side, as told so far
    for index in sorted(counts):
        sentence = by_index[index]
        told = [g for i in sorted(violence) if i < index for g in violence[i]]
        if violence.get(index) or not any(closed_acts(told, kind) for kind in TOLL_KINDS):
            continue
        coder = coder_of(sentence)
        kinds: set[str] = set()  # a sentence's first revised figure of each kind is the toll
        for figure in counts[index]:
            if figure.kind in kinds or is_part(figure, sentence, counts[index], words) \
                    or _added(figure, sentence, words) \
                    or not (_revises(figure, sentence, words) or _updates(figure, sentence, by_index, words)) \
                    or is_background(figure, sentence, coder, []):
                continue
            kinds.add(figure.kind)
            before = closed_acts(told, figure.kind)
            if not before:
                continue
            with_toll = [g for g in before if (g.events[0], figure.kind) in tolls or
                         (g.events[0], figure.kind) in out]
            act = (with_toll or before)[-1]
            toll = Toll.of(figure)
            if act.code == FIGHT and figure.kind == "killed":
                key = (act.events[0], figure.kind)
                earlier = sides.get(key) or _earlier_sides(out.get(key, (tolls.get(key), None))[0], counts, by_index,
                                                          words)
                sides[key] = fight_sides(figure, sentence, counts[index], earlier, coder, words)
                if len(sides[key]) > 1:
                    toll = _sides_toll(list(sides[key].values()), figure)
            # the act's other mentions ("Bomb kills 5 in Kano" above the lead) are the one event
            # the database keeps, with the toll of its first mention: all take the latest figure
            for group in before:
                if group is act or _same_act(group, act, events):
                    out[group.events[0], figure.kind] = (figure, toll)
    return out


def fight_sides(figure: Figure, sentence: Sentence, figures: list[Figure], earlier: dict[str, Figure],
                coder: SentenceCoder, words: ClauseWords) -> dict[str, Figure]:
    """A fight's dead by side (`toll_sides`: the armed forces, the armed men they fought) after a
    revised figure: the side it counts now has it ("put the number of insurgents killed at nine"),
    and so has the side any other count of the dead in its sentence names ("..., and said 20
    militants had died"); the other side keeps its earlier count ("six insurgents and two soldiers
    were killed": 9 + 2). A count of the dead of no one side ("the toll rose to 11") is the whole."""
    counted = [figure] + [f for f in figures if f is not figure and f.kind == figure.kind
                          and not is_part(f, sentence, figures, words) and not _added(f, sentence, words)
                          and not is_background(f, sentence, coder, [])]
    now = {side: f for f in reversed(counted) if (side := _side(f, sentence, words)) is not None}
    if _side(figure, sentence, words) is None or len(now) < len(counted):
        return {}
    return {**earlier, **now}


def _earlier_sides(figure: Figure | None, counts: dict[int, list[Figure]], by_index: dict[int, Sentence],
                   words: ClauseWords) -> dict[str, Figure]:
    """The sides of the list the earlier toll came from ("six insurgents and two soldiers"), when
    every count in it has one."""
    if figure is None:
        return {}
    sentence = by_index[figure.sentence_index]
    listed = _listed_with(figure, counts.get(figure.sentence_index, [figure]), sentence)
    found = {side: f for f in listed if (side := _side(f, sentence, words)) is not None}
    return found if len(found) == len(listed) else {}


def _side(figure: Figure, sentence: Sentence, words: ClauseWords) -> str | None:
    """The side of a fight the dead a figure counts were on, by the noun it counts ("17 soldiers",
    "the number of insurgents killed at nine")."""
    k = number_token(sentence, figure)
    noun: int | None = sentence.tokens[k].head if sentence.tokens[k].dep == "nummod" else None
    verb = _revision_verb(figure, sentence, words) if noun is None else None
    if verb is not None:  # "put the number OF INSURGENTS killed at nine"
        noun = next((o.i for c in sentence.children(verb) if c.dep in ("nsubj", "nsubjpass", "dobj")
                     for p in sentence.children(c.i) if p.dep == "prep" and p.lower == "of"
                     for o in sentence.children(p.i) if o.dep == "pobj"), None)
    return None if noun is None else words.toll_sides.get(sentence.tokens[noun].lemma.lower())


def _sides_toll(figures: list[Figure], shown: Figure) -> Toll:
    """A fight's toll of the counts of its sides, told in different sentences: their sum, shown by
    the latest figure's words."""
    tolls = [Toll.of(f) for f in figures]
    lows, highs = [t.low for t in tolls], [t.high for t in tolls]
    return replace(Toll.of(shown), low=sum(x for x in lows if x is not None) if None not in lows else None,
                   high=sum(x for x in highs if x is not None) if None not in highs else None,
                   qualifier="exact" if {t.qualifier for t in tolls} == {"exact"} else "at_least")


def named_act_tolls(counts: dict[int, list[Figure]], by_index: dict[int, Sentence], events: list[Event],
                    violence: dict[int, list[Violence]], words: ClauseWords,
                    coder_of: Callable[[Sentence], SentenceCoder]) -> dict[tuple[int, str], tuple[Figure, Toll]]:
    """"Militants attacked an army base in Konduga ... Six insurgents and two soldiers were killed
    in the fighting.": a count in a sentence with no violent event of its own, "in" an act it names
    with "the" (`toll_act_nouns`: "the fighting", "the Tebnine strike"), is the latest toll of the
    latest act of that kind told before it, and of that act's other mentions; the list of victims
    is summed ("six insurgents and two soldiers": 8)."""
    out: dict[tuple[int, str], tuple[Figure, Toll]] = {}
    for index in sorted(counts):
        sentence = by_index[index]
        if violence.get(index):
            continue
        coder = coder_of(sentence)
        for figure in counts[index]:
            prefix = _named_act(sentence, governing_verb(sentence, number_token(sentence, figure)), words)
            if prefix is None or is_background(figure, sentence, coder, []) \
                    or is_part(figure, sentence, counts[index], words):
                continue
            before = [g for i in sorted(violence) if i < index for g in violence[i]
                      if is_violent(g.code, FIGHT_PREFIXES) and g.code.startswith(prefix)]
            if not before:
                continue
            toll = _sum_toll(_listed_with(figure, counts[index], sentence), sentence)
            for group in before:
                if group is before[-1] or _same_act(group, before[-1], events):
                    out.setdefault((group.events[0], figure.kind), (figure, toll))
    return out


def _named_act(sentence: Sentence, verb: int, words: ClauseWords) -> str | None:
    """The code prefix of the act a verb's "in" or "during" phrase names with "the" or a
    possessive ("killed in the fighting", "in the Tebnine strike", "in the army's raid")."""
    for prep in sentence.children(verb):
        if prep.dep != "prep" or prep.lower not in ("in", "during"):
            continue
        for noun in sentence.children(prep.i):
            children = sentence.children(noun.i)
            definite = any((c.dep == "det" and c.lower in ("the", "this", "that")) or c.dep == "poss"
                           for c in children)
            compound = " ".join([c.lemma.lower() for c in children if c.dep == "compound"] + [noun.lemma.lower()])
            prefix = words.toll_act_nouns.get(compound, words.toll_act_nouns.get(noun.lemma.lower()))
            if noun.dep == "pobj" and definite and prefix is not None:
                return prefix
    return None


def without_restated_killings(events: list[Event], by_index: dict[int, Sentence], words: ClauseWords
                              ) -> list[Event]:
    """"An Israeli airstrike hit a house in Tebnine, killing three. ... The ministry now says five
    people were killed in the Tebnine strike", "three soldiers were killed in the fighting": violence
    by no one named "in" an act the story told before (`_named_act`) is that act's count
    (`named_act_tolls`), not an act of its own."""
    out: list[Event] = []
    for event in events:
        sentence = by_index.get(event.sentence_index)
        if sentence is not None and event.source.code == UNNAMED_SOURCE and is_violent(event.code, FIGHT_PREFIXES):
            prefix = _named_act(sentence, governing_verb(sentence, token_at(sentence, event.trigger_start)), words)
            if prefix is not None and any(
                    e.sentence_index < event.sentence_index and is_violent(e.code, FIGHT_PREFIXES)
                    and e.code.startswith(prefix) and e.code not in CLOSING_VICTIM_CODES for e in out):
                continue
        out.append(event)
    return out


def without_retold_fights(events: list[Event]) -> tuple[list[Event], dict[int, tuple[int, int]]]:
    """"Troops engaged BIFF members in a firefight in Datu Piang. The troops were on patrol when
    they were fired upon by the terrorist group. Three BIFF members were neutralized.": an attack
    (193) by a side of a fight the story told before, on the other side or on no one named, at the
    fight's place, is the fight told again (one event, several mentions), not an act of its own;
    the line after it counts the fight's dead (returned: the retelling's sentence -> the fight's
    sentence and trigger offset)."""
    fights: dict[str, set[str]] = {}  # a fight's place -> the sides of the fights told there
    told: dict[str, tuple[int, int]] = {}  # a fight's place -> its (sentence, trigger offset)
    retold: dict[int, tuple[int, int]] = {}  # sentence of a retelling -> the fight it retells
    both_ways = {(e.source.code, e.target.code) for e in events if e.code == FIGHT and e.target is not None}
    out: list[Event] = []
    for event in events:
        place = event.place.name if event.place is not None else None
        if event.code == FIGHT and event.target is not None and place \
                and (event.target.code, event.source.code) in both_ways:
            fights.setdefault(place, set()).update((event.source.code, event.target.code))
            told[place] = (event.sentence_index, event.trigger_start)
        elif event.code == ATTACK and place in fights and event.source.code in fights[place] and (
                event.target is None or event.target.code in fights[place]):
            retold[event.sentence_index] = told[place]
            continue
        out.append(event)
    return out, retold


def _same_act(group: Violence, act: Violence, events: list[Event]) -> bool:
    """Does the group code the act's source and target again, with its code or a less or more
    specific one ("Bomb kills four policemen in Baqubah": 183 above the lead's car bomb, 1832)?"""
    def keys(g: Violence) -> set[tuple[str, str | None, str]]:
        return {(events[n].source.code, target.code if (target := events[n].target) else None, events[n].code)
                for n in g.events}
    return any(mine[:2] == its[:2] and (mine[2].startswith(its[2]) or its[2].startswith(mine[2]))
               for mine in keys(group) for its in keys(act))


def _revises(figure: Figure, sentence: Sentence, words: ClauseWords) -> bool:
    """Is the figure the "to" or "at" object of a revision verb ("had risen to 11", "put the toll
    at 11 dead"), whose subject or object is no total of something other than an act ("the death
    toll in the conflict", "the number killed since January")?"""
    verb = _revision_verb(figure, sentence, words)
    return verb is not None and not any(
        _counts_more(sentence, c.i, words) for c in sentence.children(verb) if c.dep in ("nsubj", "dobj"))


def _added(figure: Figure, sentence: Sentence, words: ClauseWords) -> bool:
    """"Two of the wounded later died", "two more people died of their wounds": a count of some
    of a group told before, or of others, adds to a toll and is none itself (left as it was)."""
    number = number_token(sentence, figure)
    counted = sentence.tokens[number].head if sentence.tokens[number].dep == "nummod" else number
    near = [c for k in {number, counted} for c in sentence.children(k)]
    return any(c.lower in words.added_words for c in near) or any(
        c.dep == "prep" and c.lower == "of" and any(o.dep == "pobj" and any(
            d.dep == "det" and d.lower == "the" for d in sentence.children(o.i)) for o in sentence.children(c.i))
        for c in sentence.children(number))


def _updates(figure: Figure, sentence: Sentence, by_index: dict[int, Sentence], words: ClauseWords) -> bool:
    """Is the figure a later statement of a toll ("Officials later said nine people had been
    killed", "UPDATE: The hospital says it has received four bodies"): a sentence with an update
    word (`toll_update_words`) as an adverb, or under an "UPDATE" line, that names nothing it
    counts ("killed in the conflict", "died in hospital", "in the Tebnine strike" name theirs)?"""
    before = by_index.get(sentence.index - 1)
    marked = any(t.dep == "advmod" and t.lower in words.toll_update_words for t in sentence.tokens) \
        or UPDATE_RE.match(sentence.text) is not None \
        or (before is not None and UPDATE_RE.match(before.text) is not None and before.text.rstrip().endswith(":"))
    counted = (figure.refers_to or "").lower().split()
    # a count "in" an act the story named is that act's (`named_act_tolls`), not the latest act's
    named = _named_act(sentence, governing_verb(sentence, number_token(sentence, figure)), words)
    return marked and not counted and named is None


def _revision_verb(figure: Figure, sentence: Sentence, words: ClauseWords) -> int | None:
    """The revision verb whose "to" or "at" object the figure is, if any."""
    k = number_token(sentence, figure)
    for _ in range(REVISION_HOPS):
        head = sentence.tokens[k].head
        if head == k:
            return None
        if sentence.tokens[k].dep == "prep" and sentence.tokens[k].lower in ("to", "at"):
            # "put the number of insurgents killed at nine": the parser may hang "at" on the
            # participle of what the count's "of" phrase counts
            # participle of the count noun or of what its "of" phrase counts ("raised the number of
            # gunmen killed to eight")
            if sentence.tokens[head].dep == "acl":
                noun = sentence.tokens[head].head
                of = sentence.tokens[noun].head
                if sentence.tokens[noun].dep == "pobj" and sentence.tokens[of].lower == "of":
                    noun = sentence.tokens[of].head
                head = sentence.tokens[noun].head
            return head if sentence.tokens[head].lemma.lower() in words.toll_revision_verbs else None
        if sentence.tokens[head].pos in ("VERB", "AUX") and sentence.tokens[k].dep != "prep":
            return None
        k = head
    return None


def without_counted_killings(events: list[Event], figures: list[Figure], by_index: dict[int, Sentence],
                             words: ClauseWords) -> list[Event]:
    """"By Sunday the number of people killed had risen to 16", "put the number of insurgents killed
    at nine": a killing or wounding by no one named in the subject or object of a revision verb is
    what the revised figure counts, not an act."""
    counted: set[tuple[int, int]] = set()  # (sentence, token) of the words of a revised count
    for figure in figures:
        sentence = by_index.get(figure.sentence_index)
        verb = _revision_verb(figure, sentence, words) if sentence and figure.kind in TOLL_KINDS else None
        if sentence is not None and verb is not None:
            counted |= {(sentence.index, k) for c in sentence.children(verb) if c.dep in ("nsubj", "dobj")
                        for k in sentence.subtree(c.i)}
    return [e for e in events if not (
        e.source.code == UNNAMED_SOURCE and e.code in CLOSING_VICTIM_CODES and e.sentence_index in by_index
        and (e.sentence_index, token_at(by_index[e.sentence_index], e.trigger_start)) in counted)]


def _counts_more(sentence: Sentence, noun: int, words: ClauseWords) -> bool:
    """"the death toll in the conflict", "the number of people killed since January": a count whose
    phrase names what it totals, other than an act ("the toll from the blast" is the act's)."""
    preps = [p for k in [noun, *(c.i for c in sentence.children(noun))] for p in sentence.children(k)
             if p.dep == "prep" and p.lower in ("in", "from", "since", "during", "over")]
    return any(p.lower == "since" or not any(o.dep == "pobj" and o.lemma.lower() in words.closing_act_nouns
                                             for o in sentence.children(p.i)) for p in preps)


def zero_tolls(sentences: list[Sentence], violence: dict[int, list[Violence]], with_events: set[int],
               none_phrases: dict[str, tuple[str, ...]], kind_cues: dict[str, frozenset[str]] | None = None
               ) -> dict[tuple[int, str], Toll]:
    """"No fatalities.", "no casualties were reported", "No jawan was killed": a toll of zero for
    the violent events of the sentence, or, in a sentence without events, for the one violent
    event before it."""
    out: dict[tuple[int, str], Toll] = {}
    for sentence in sentences:
        text = sentence.text.lower()
        for kind in dict.fromkeys([*none_phrases, *(kind_cues or {})]):  # in order: byte-identical output
            at = next(((text.find(p), p) for p in none_phrases.get(kind, ()) if text.find(p) >= 0), None) \
                or _no_victim(sentence, (kind_cues or {}).get(kind, frozenset()))
            if at is None:
                continue
            groups = violence.get(sentence.index, [])
            if not groups and sentence.index not in with_events:
                # "... a ranger patrol. 2 rangers injured. No fatalities.": back over the other closings
                back = sentence.index - 1
                while back > sentence.index - CLOSING_REACH and back not in with_events:
                    back -= 1
                before = [v for v in violence.get(back, []) if is_violent(v.code, CLOSING_PREFIXES)]
                groups = before if len(before) == 1 else []
            start = sentence.start + at[0]
            zero = Toll(0, 0, "exact", sentence.text[at[0]:at[0] + len(at[1])], start, start + len(at[1]))
            for group in groups:
                out.setdefault((group.events[0], kind), zero)
    return out


def _no_victim(sentence: Sentence, cues: frozenset[str]) -> tuple[int, str] | None:
    """"No jawan was killed", "no soldier died", "No civilians were hurt": a verb of the kind
    whose subject no one is ("no" its determiner), as (offset in the sentence, its words)."""
    for token in sentence.tokens:
        if token.pos != "VERB" or token.lemma.lower() not in cues:
            continue
        for subject in sentence.children(token.i):
            if subject.dep in ("nsubj", "nsubjpass") and any(
                    c.dep == "det" and c.lower == "no" for c in sentence.children(subject.i)):
                first = min(c.i for c in sentence.children(subject.i) if c.dep == "det" and c.lower == "no")
                start = sentence.tokens[first].start - sentence.start
                return start, sentence.text[start:token.end - sentence.start]
    return None


def recoded_by_victims(events: list[Event], patterns: PatternDictionary) -> list[Event]:
    """The codes the toll decides (docs/coding-rules.md, "Local conflict events"): an attack on
    civilians that kills or wounds is an assault, not a fight ("Gunmen opened fire on
    worshippers, killing four": 1823, not 193); a killing of ten or more civilians at once by
    physical assault is a mass killing (202; a bombing keeps its own code); force by the police or
    the army on protesters is repression (175)."""
    out = []
    protest: Event | None = None  # the last protest or riot told
    # "opened fire on opposition supporters protesting over the results": a protest its own
    # sentence tells after the force is that force's frame too
    protests_by_sentence: dict[int, list[Event]] = {}
    for event in events:
        if event.code.startswith(PROTEST_ROOT) and event.source.code:
            protests_by_sentence.setdefault(event.sentence_index, []).append(event)
    for event in events:
        code = event.code
        if code.startswith(PROTEST_ROOT) and event.source.code:
            protest = event
        on_civilians = event.target is not None and event.target.code.endswith(CIVILIAN_ROLES)
        dead = event.fatalities.low if event.fatalities is not None else None
        wounded = event.injured.low if event.injured is not None else None
        if on_civilians and code == ATTACK and (dead or wounded):  # a zero toll ("no casualties") is neither
            code = KILLING if dead else WOUNDING
        if on_civilians and code == KILLING and dead is not None and dead >= MASS_KILLING_VICTIMS:
            code = MASS_KILLING
        same_sentence = protests_by_sentence.get(event.sentence_index, [])
        if event.code in FORCE_CODES and _on_protesters(event, protest, same_sentence):
            code = REPRESSION
        if code != event.code:
            info = patterns.code_info(code)
            event = replace(event, code=code, root_code=info.root, quad_class=info.quad_class,
                            goldstein=info.goldstein, plover_type=info.plover_type,
                            modifiers=(*event.modifiers, "victims"))
        out.append(event)
    return out


def _on_protesters(event: Event, protest: Event | None, same_sentence: list[Event]) -> bool:
    """Is the event the police or the army using force on the people of a protest (the last one
    told, or one of its own sentence)?"""
    target = event.target
    if target is None or event.source.code[3:] not in STATE_FORCES:
        return False
    if any(target.code == p.source.code for p in same_sentence):
        return True
    if protest is not None and target.code == protest.source.code \
            and event.sentence_index - protest.sentence_index <= PREVIOUS_SENTENCES:
        return True
    return PROTESTER_RE.search(target.text) is not None


WHEN_MARKERS = {"when", "as"}


def killed_in_the_act(events: list[Event], by_index: dict[int, Sentence]) -> list[Event]:
    """"Three soldiers were killed when fighters ambushed an army convoy", "two civilians were
    wounded when a shell hit their house": the killing or wounding is the toll of the act its
    "when" clause tells, not an event of its own; its victims are that act's target when the act
    names none, or names no attacker."""
    by_trigger: dict[tuple[int, int], list[int]] = {}
    for n, event in enumerate(events):
        by_trigger.setdefault((event.sentence_index, event.trigger_start), []).append(n)
    out = list(events)
    dropped: set[int] = set()
    for n, event in enumerate(events):
        sentence = by_index.get(event.sentence_index)
        if sentence is None or event.code not in CLOSING_VICTIM_CODES or n in dropped:
            continue
        verb = governing_verb(sentence, token_at(sentence, event.trigger_start))
        # "Four soldiers were killed and two wounded when ...": the clause may hang on the joined verb
        joined = [verb, *(c.i for c in sentence.children(verb) if c.dep == "conj")]
        acts = [n_act for v in joined for clause in sentence.children(v) if clause.dep == "advcl" and any(
                    c.dep in ("advmod", "mark") and c.lower in WHEN_MARKERS for c in sentence.children(clause.i))
                for n_act in _violence_at(sentence, clause.i, by_trigger, events) if n_act != n]
        if not acts:
            continue
        for n_act in acts:
            act = out[n_act]
            # a weapon's victims are whom it hit ("sailors were killed when their ship was rammed")
            if event.target is not None and (act.target is None or act.source.code == UNNAMED_SOURCE):
                out[n_act] = replace(act, target=event.target)
        dropped.update(by_trigger[event.sentence_index, event.trigger_start])
    return [e for n, e in enumerate(out) if n not in dropped]


def _violence_at(sentence: Sentence, verb: int, by_trigger: dict[tuple[int, int], list[int]],
                 events: list[Event]) -> list[int]:
    """The violent events whose trigger is the verb, or a noun of its clause ("when a drone strike hit")."""
    clause = set(clause_of(sentence, verb))
    return [n for (index, start), found in by_trigger.items() if index == sentence.index
            and token_at(sentence, start) in clause for n in found
            if is_violent(events[n].code, FIGHT_PREFIXES) and events[n].code not in CLOSING_VICTIM_CODES]


def victims_named_after(events: list[Event]) -> list[Event]:
    """"A drone struck a vehicle near Mukayras. Four people inside were killed.": violence against
    no one named, the one violent event of its sentence, has as victims those of a killing or
    wounding by no one named in the next sentence, when that sentence has no other violent event;
    the closing line is its toll (read in `attach_tolls`), not an event of its own. So for a named
    attacker's act on property ("Gunmen opened fire on a bus. Two passengers were killed."), whose
    victims the toll then decides (1823, `recoded_by_victims`).
    So too a killing or wounding after it in its own sentence ("an airstrike hit a vehicle;
    casualties included seven civilians killed")."""
    violent: dict[int, list[int]] = {}
    for n, event in enumerate(events):
        if is_violent(event.code, CLOSING_PREFIXES):
            violent.setdefault(event.sentence_index, []).append(n)
    out = list(events)
    dropped: set[int] = set()
    for index, found in violent.items():
        act = events[found[0]]
        if act.target is not None:
            continue
        # "an airstrike hit a vehicle; casualties included seven civilians killed": in its sentence;
        # so too a named attacker's act on property ("dropped explosives from drones on a ranch; 2
        # residents injured"), but not a riot's (the hurt of a riot are not whom it riots against)
        same = [n for n in found[1:] if _closes(events[n], placed=True)] \
            if act.source.code == UNNAMED_SOURCE or is_violent(act.code, FIGHT_PREFIXES) else []
        after = violent.get(index + 1, [])
        if same and len(same) == len(found) - 1:
            closing = same
        elif (len(found) == 1 and after and is_violent(act.code, FIGHT_PREFIXES)
              and all(_closes(events[n], placed=False) for n in after)):
            # not a riot's either: "A mob torched two police vehicles. Police said 11 officers were
            # injured" is hurt in the riot, not whom it riots against
            closing = after
        else:
            continue
        out[found[0]] = replace(act, target=events[closing[0]].target)
        dropped.update(closing)
    return [e for n, e in enumerate(out) if n not in dropped]


def _closes(event: Event, placed: bool) -> bool:
    """A killing or wounding by no one named, with victims: in the act's own sentence (`placed`,
    where it has the act's place), or in the next, where it names no place of its own."""
    return (event.source.code == UNNAMED_SOURCE and event.code in CLOSING_VICTIM_CODES and event.target is not None
            and (placed or _names_no_place(event)))


def without_closing_victims(events: list[Event]) -> list[Event]:
    """"Soldiers clashed with militants in Patikul. Three militants were killed.": a killing or
    wounding by no one named, in the sentence after another violent event, is that event's toll
    (read as a closing line), not an event of its own."""
    violent_sentences = {e.sentence_index for e in events
                         if is_violent(e.code, CLOSING_PREFIXES) and e.source.code != UNNAMED_SOURCE}
    # "Gunmen and police exchanged fire; two gunmen were killed": in the fight's own sentence too,
    # when the victims are one of its sides
    sides = {(e.sentence_index, code) for e in events
             if is_violent(e.code, FIGHT_PREFIXES) and e.source.code != UNNAMED_SOURCE
             for code in (e.source.code, e.target.code if e.target else None) if code}
    # ... or named by a side's own noun: "engaged CJNG gunmen ...; 4 gunmen killed" (MEXCRM, the
    # bare noun MEXUAF), "fought al-Shabaab militants; 5 militants killed"
    sides |= {(e.sentence_index, _head_word(actor)) for e in events
              if is_violent(e.code, FIGHT_PREFIXES) and e.source.code != UNNAMED_SOURCE
              for actor in (e.source, e.target) if actor is not None and actor.text}
    # "An IED hit an army vehicle; two soldiers were killed": the victims of an act by no one
    # named, when they are what it struck, in its own sentence
    sides |= {(e.sentence_index, e.target.code) for e in events
              if is_violent(e.code, FIGHT_PREFIXES) and e.source.code == UNNAMED_SOURCE
              and e.code not in CLOSING_VICTIM_CODES and e.target is not None}
    # "A roadside bomb targeted a ranger patrol. 2 rangers injured.": the victims of the event
    # before, whoever did it
    targets_before = {(e.sentence_index + 1, e.target.code) for e in events
                      if is_violent(e.code, CLOSING_PREFIXES) and e.target is not None}
    # "... in Ampatuan on Friday. In Maimbung, a farmer was hacked to death.": a line that names a
    # place of its own, other than the event's before, reports another event
    places = {(e.sentence_index + 1, e.place.name) for e in events
              if is_violent(e.code, CLOSING_PREFIXES) and e.place is not None}
    return [e for e in events if not (
        e.source.code == UNNAMED_SOURCE and (
            (e.code in CLOSING_VICTIM_CODES or _names_no_place(e))
            and e.sentence_index not in violent_sentences
            and not _placed_elsewhere(e, places)
            and (e.sentence_index - 1 in violent_sentences
                 or (e.code in CLOSING_VICTIM_CODES and e.target is not None and _names_no_place(e)
                     and (e.sentence_index, e.target.code) in targets_before))
            or (e.code in CLOSING_VICTIM_CODES and e.target is not None
                and ((e.sentence_index, e.target.code) in sides
                     or (e.sentence_index, _head_word(e.target)) in sides))))]


def _head_word(actor: EventActor) -> str:
    """The last word of an actor's words, the noun that names its kind ("CJNG gunmen": gunmen)."""
    words = actor.text.split()
    return words[-1].lower() if words else ""


def _placed_elsewhere(event: Event, places_before: set[tuple[int, str]]) -> bool:
    """Is the event placed by its own sentence, at a place no violent event of the sentence
    before it is placed at?"""
    place = event.place
    return (place is not None and place.method in ("clause", "sentence")
            and any(index == event.sentence_index for index, _ in places_before)
            and (event.sentence_index, place.name) not in places_before)


def _names_no_place(event: Event) -> bool:
    """"Militants ambushed a convoy near Kidal. The attack killed four soldiers.": violence by no
    one named, placed only by the sentences before it, goes on about their event."""
    return is_violent(event.code, FIGHT_PREFIXES) and (event.place is None or event.place.method in (
        "previous", "dateline", "actor"))


def violent_events(events: list[Event], by_index: dict[int, Sentence]) -> dict[int, list[Violence]]:
    """The violent events of each sentence, one `Violence` per trigger."""
    groups: dict[tuple[int, int, int], list[int]] = {}
    for n, event in enumerate(events):
        if is_violent(event.code):
            groups.setdefault((event.sentence_index, event.trigger_start, event.trigger_end), []).append(n)
    out: dict[int, list[Violence]] = {}
    for (index, start, _), positions in groups.items():
        sentence = by_index[index]
        trigger = token_at(sentence, start)
        out.setdefault(index, []).append(Violence(tuple(positions), trigger, governing_verb(sentence, trigger),
                                                  events[positions[0]].code))
    return out


def token_at(sentence: Sentence, offset: int) -> int:
    """The token covering a character offset of the article (the last one before it, else)."""
    found = 0
    for token in sentence.tokens:
        if token.start > offset:
            break
        found = token.i
    return found


def number_token(sentence: Sentence, figure: Figure) -> int:
    """The figure's number word that the parse hangs its phrase on: its last ("250,000" of
    "more than 250,000", as dyads.coding.figures reads it)."""
    return token_at(sentence, figure.end - 1)


def is_background(figure: Figure, sentence: Sentence, coder: SentenceCoder, violence: list[Violence]) -> bool:
    """Whether a figure counts something other than an event of the day: a figure as of a
    date, or one whose clauses up to the event report what has gone on since a time, a habit, a
    year long past (dyads.coding.events' rule), or a perfect relative clause on a noun."""
    if figure.as_of is not None:
        return True
    stop = {k for v in violence for k in (v.trigger, v.verb)}
    for k in [number_token(sentence, figure), *sentence.ancestors(number_token(sentence, figure))]:
        if k in stop:
            return False
        token = sentence.tokens[k]
        if token.pos not in ("VERB", "AUX"):
            continue
        if coder.background(sentence.children(k)) or (token.dep == "relcl" and is_perfect(sentence.children(k))):
            return True
    return False


def distance(sentence: Sentence, figure: Figure, violence: Violence) -> int:
    anchor = number_token(sentence, figure)
    return min(tree_distance(sentence, anchor, violence.trigger), tree_distance(sentence, anchor, violence.verb))


def own_tolls(figures: list[Figure], sentence: Sentence, violence: list[Violence]
              ) -> dict[tuple[int, str], Figure]:
    """Each figure to the nearest violent event of its sentence (on a tie, the last one before
    it); each event's toll of a kind: a figure of its own clause, else the nearest."""
    taken: dict[int, list[Figure]] = {}
    for figure in figures:
        nearest = min(range(len(violence)), key=lambda n: (
            distance(sentence, figure, violence[n]),
            sentence.tokens[violence[n].trigger].start > figure.start,
            -sentence.tokens[violence[n].trigger].start))
        taken.setdefault(nearest, []).append(figure)
    out = {}
    for n, assigned in taken.items():
        clause = set(clause_of(sentence, violence[n].verb))
        for kind in TOLL_KINDS:
            of_kind = [f for f in assigned if f.kind == kind]
            if of_kind:
                out[violence[n].events[0], kind] = min(of_kind, key=lambda f: (
                    number_token(sentence, f) not in clause, distance(sentence, f, violence[n]), f.start))
    return out


def closing_tolls(figures: list[Figure], sentence: Sentence, coder: SentenceCoder) -> dict[str, Figure]:
    """The toll of each kind a sentence without an event gives ("3 fatalities.", "Two people
    died."): its first figure that is no running total."""
    out: dict[str, Figure] = {}
    for figure in figures:
        if figure.kind not in out and not is_running_total(figure, sentence, coder):
            out[figure.kind] = figure
    return out


def is_part(figure: Figure, sentence: Sentence, figures: list[Figure], words: ClauseWords) -> bool:
    """A figure that counts some of those another figure of its kind counts: "killing five
    civilians, including two children", "seven civilians killed, among them three children"."""
    if not any(f is not figure and f.kind == figure.kind for f in figures):
        return False
    k, hops = number_token(sentence, figure), 0
    while sentence.tokens[k].head != k and hops < 4:
        k, hops = sentence.tokens[k].head, hops + 1
        if sentence.tokens[k].lower in words.part_words:
            return True
    return False


def is_running_total(figure: Figure, sentence: Sentence, coder: SentenceCoder) -> bool:
    """A figure of a sentence without an event that counts more than the event before it:
    background, or naming what it counts ("in the conflict"), or in the perfect ("have been
    killed")."""
    number = number_token(sentence, figure)
    verb = governing_verb(sentence, number)
    # "Two soldiers died.": the subject it names is the victims the number counts, not a whole
    counts_its_subject = sentence.tokens[number].dep == "nummod" and sentence.tokens[
        sentence.tokens[number].head].dep in ("nsubj", "nsubjpass")
    # "The attack killed four soldiers.": the event before, named again; "The provisional balance is
    # two gendarmes killed": its toll, named as such (not "the toll of the war")
    the_act = any(c.dep == "nsubj" and (c.lemma.lower() in coder.words.closing_act_nouns or (
        c.lemma.lower() in coder.words.toll_nouns and not any(p.dep == "prep" for p in sentence.children(c.i))))
        for c in sentence.children(verb))
    return (is_background(figure, sentence, coder, [])
            or (figure.refers_to is not None and not counts_its_subject and not the_act)
            or is_perfect(sentence.children(verb)))


def with_tolls(events: list[Event], violence: dict[int, list[Violence]],
               tolls: dict[tuple[int, str], Toll], shares: dict[tuple[int, str], Toll] | None = None
               ) -> list[Event]:
    out = list(events)
    shares = shares or {}
    for groups in violence.values():
        for group in groups:
            killed, injured = tolls.get((group.events[0], "killed")), tolls.get((group.events[0], "injured"))
            if killed is None and injured is None:
                continue
            for n in group.events:
                out[n] = replace(events[n], fatalities=shares.get((n, "killed"), killed),
                                 injured=shares.get((n, "injured"), injured))
    return out


def coordinated_tolls(own: dict[tuple[int, str], Figure], figures: list[Figure], sentence: Sentence,
                      violence: list[Violence], events: list[Event]) -> dict[tuple[int, str], Toll]:
    """Victims counted in a list ("a woman and her two children were killed", "killing four soldiers
    and two civilians"): an event's toll is the sum of the list, or, for a one-sided act with a
    target for each kind of victim, the sum of the figures of its own target ("four soldiers": 4,
    "two civilians": 2). A fight's toll is its both sides' dead (docs/coding-rules.md)."""
    out: dict[tuple[int, str], Toll] = {}
    for group in violence:
        for kind in TOLL_KINDS:
            chosen = own.get((group.events[0], kind))
            listed = _listed_with(chosen, figures, sentence) if chosen is not None else []
            if len(listed) < 2:
                continue
            # a target for each kind of victim ("two soldiers and a civilian": MIL, CVL), else one for all
            split = len({target.code for n in group.events if (target := events[n].target) is not None}) > 1
            for n in group.events:
                target = events[n].target
                mine = [] if target is None or not split or "symmetric" in events[n].modifiers else [
                    f for f in listed if f.start < target.end and target.start < f.end]  # "[a] civilian"
                out[n, kind] = _sum_toll(mine or listed, sentence)
    return out


def _listed_with(figure: Figure, figures: list[Figure], sentence: Sentence) -> list[Figure]:
    """The figures of the figure's kind whose nouns "and" joins to its own, itself included, in order."""
    root = _list_root(sentence, figure)
    if root is None:
        return [figure]
    return sorted((f for f in figures if f.kind == figure.kind and _list_root(sentence, f) == root),
                  key=lambda f: f.start)


def _list_root(sentence: Sentence, figure: Figure) -> int | None:
    """The first noun of the list of victims the figure's noun is in ("two" -> "children" ->
    "woman"); None for a number without a noun ("12 people dead and 30 wounded": 30 of another kind)."""
    k = number_token(sentence, figure)
    if sentence.tokens[k].dep == "nummod":
        k = sentence.tokens[k].head
    if sentence.tokens[k].pos not in ("NOUN", "PROPN"):
        return None
    while sentence.tokens[k].dep == "conj" and sentence.tokens[k].head != k:
        k = sentence.tokens[k].head
    return k


def _sum_toll(figures: list[Figure], sentence: Sentence) -> Toll:
    """One toll of several figures: their counts added (bounds too); its words the text from the
    first figure to the last ("A woman and her two")."""
    tolls = [Toll.of(f) for f in figures]
    if len(tolls) == 1:
        return tolls[0]
    lows, highs = [t.low for t in tolls], [t.high for t in tolls]
    qualifiers = {t.qualifier for t in tolls}
    start, end = tolls[0].start, tolls[-1].end
    return Toll(sum(x for x in lows if x is not None) if None not in lows else None,
                sum(x for x in highs if x is not None) if None not in highs else None,
                qualifiers.pop() if len(qualifiers) == 1 else "at_least",
                sentence.text[start - sentence.start:end - sentence.start], start, end)
