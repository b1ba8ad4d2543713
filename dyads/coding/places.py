"""Places: where each event happened, resolved offline from packaged data.

`geocode_article()` runs four stages over a coded article:
  1. find:    place mentions in each sentence (spaCy GPE/LOC/FAC entities checked against the
              gazetteer, with their cues: "Idlib province", "city of Aleppo", "Paris, Texas")
              and the dateline ("TRIPOLI, Lebanon (Reuters) -");
  2. context: the countries the article is about: its dateline, its unambiguous places and its
              actors, each with a weight;
  3. resolve: each mention to one gazetteer entry: qualifier, cue, then type, population and
              context (`resolve()`);
  4. choose:  each event's place: one in the event's clause, else in its sentence, else the
              dateline, else the source actor's country (recorded in `Place.method`).

The gazetteer (dyads.knowledge.gazetteer) comes with the knowledge: every function that looks a
name up is handed it.
"""

from __future__ import annotations

import logging
import math
import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from itertools import accumulate

from dyads.coding.dates import MONTHS, WEEKDAYS, WIRE_DATELINE_RE
from dyads.coding.english import LOCATIVE_PREPOSITIONS
from dyads.coding.geometry import VERB_POS, clause_of, governing_verb, span_head
from dyads.knowledge.gazetteer import CITY_POPULATION_FLOOR, Gazetteer, PlaceCandidate, PlaceEntry, is_small, place_key
from dyads.knowledge.place_words import PlaceWords
from dyads.model import UNANCHORED, ActorMention, Article, Event, Figure, Place, Sentence

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())


# How a name's meaning is chosen (resolve()): a country or region name is the country or the
# region; between divisions and cities, type, population and the article's context decide.
# Units are log10 of population: a city of 1,000,000 scores 6.0. A division scores 5 plus a
# tenth of the log of its cities' population: New York City (6.9) beats New York State (5.7),
# Idlib city (5.2) beats Idlib province (5.6) only with a cue... see tests/test_places.py.
TYPE_PRIOR = {"country": 10.0, "region": 11.0, "adm1": 5.0, "city": 0.0}
ALTERNATE_PENALTY = 1.0  # "Alexandria" is an old name of Mashhad: main names first
# Context weights, calibrated on the cases in tests/test_places.py: one actor of a country
# turns Tripoli (Libya, 1.3 M) into Tripoli (Lebanon, 230 k) but not Paris (France) into
# Paris (Texas); a place of the same division ("Atlanta") turns Georgia into the US state.
DATELINE_WEIGHT = 4.0
PLACE_WEIGHT = 3.0
ACTOR_WEIGHT = 1.5
ADMIN1_WEIGHT = 3.0
# A first-pass resolution counts as context when its country is this far ahead of the others.
CONTEXT_MARGIN = 1.0
# An alternate name at least this like the main name (difflib ratio of their keys) is a spelling
# of it, a transliteration: "Stanytsia Luhanska" 0.94 of "Stanytsya-Luhanska", "Kabkabiya" 0.95 of
# "Kabkābīyah"; another name is far below ("Ariha" of Jericho 0.5, "Demoso" of Dimawso 0.62).
SPELLING_SIMILARITY = 0.8
ACRONYM_MAX_LETTERS = 3  # "UN", "PKK"; a dateline writes towns in capitals ("GAZA, DOHA")

# Authorities a place in their own phrase places ("the Plateau state government", "Istanbul
# prosecutors"), when their event's sentence names no place of its own.
JURISDICTION_ROLES = {"GOV", "COP", "JUD"}
ENTITY_LABELS = {"GPE", "LOC", "FAC"}
# Labels the tagger gives names it does not know ("in Cotija (Michoacan)" as a work of art):
# the proper nouns inside such an entity may still be places.
MISTAGGED_LABELS = {"WORK_OF_ART", "PRODUCT", "EVENT", "LAW", "LANGUAGE"}
# Prepositions that put an event somewhere: "talks in Geneva", "clashes near Aleppo".
# where an event happened: the shared locatives and "into" ("troops moved into Goma")
EVENT_PLACE_PREPOSITIONS = LOCATIVE_PREPOSITIONS | {"into"}
# where a march or a raid went ("hundreds marched through Stolin"): a place, though not one that
# makes a capital named as an actor the event's place ("marching through Kinshasa")
ROUTE_PREPOSITIONS = frozenset({"through"})
# Prepositions whose object, when the gazetteer knows it, is a place even if the tagger says
# otherwise ("push south toward Homs", "control of Avdiivka"); not all of them say where an
# event happened.
PLACE_PREPOSITIONS = EVENT_PLACE_PREPOSITIONS | {"to", "from", "toward", "towards", "of", "via", "through",
                                             "over", "between", "beyond", "past", "above", "below",
                                             "along", "off", "outside", "north", "south", "east", "west"}
PLACE_ACT_PREPOSITIONS = {"on", "against"}
# Dependencies a place name hangs from when it is named through another noun
# ("the Austrian capital, Vienna", "the city of Aleppo").
THROUGH_DEPS = {"appos", "compound", "pobj", "conj", "nmod"}  # nmod: "in [Thomonde, Centre department]"
# Which place of a clause is where the event happened: the most specific. A region inside a
# country ("Gaza Strip") is finer than the country; one across countries ("Middle East") is not.
SPECIFICITY = {"city": 3, "adm1": 2, "region": 1, "country": 0}
SPECIFICITY_ACROSS_COUNTRIES = -1
# An incident log's header names the note's place from the largest unit down, before a colon:
# "Katsina - Jibia LGA: ", "Michoacán | Tepalcatepec: ", "25/09/2022 - North Waziristan - Miran
# Shah: ", "Zaporizhzhia oblast, Orikhiv direction: ". The most specific name is the place (a
# district or LGA stands for its town: coding-rules.md, "Place"), the one before qualifies it.
_HEADER_NAME = r"[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|da|de|del|do|dos|das|des|du|la|el|al))*(?:\s+[A-Za-z]+)?"
HEADER_RE = re.compile(rf"^\s*(?:\d{{1,2}}/\d{{1,2}}/\d{{2,4}}\s*[-–|]\s*)?"
                       rf"(?P<parts>{_HEADER_NAME}(?:\s*(?:\s[-–]\s|\||,)\s*{_HEADER_NAME}){{1,2}})\s*:\s")
HEADER_SEPARATOR_RE = re.compile(r"\s*(?:\s[-–]\s|\||,)\s*")


# --- 1. find: place mentions -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """Words of an article that name a place, with the cues around them."""

    text: str  # as written, without a leading "the": "Idlib province"
    name: str  # the name to look up: "Idlib"
    start: int  # character offsets of `text` in the article
    end: int
    sentence_index: int  # -1: the dateline
    head: int  # token that stands for the mention in the parse (-1: the dateline)
    hint: str | None = None  # city, adm1 or region, from "city of", "province", "region"
    qualifier: str | None = None  # "Texas" in "Paris, Texas"; "Austrian" in "Austrian capital"
    qualifies: str | None = None  # "Paris" for the mention "Texas" in "Paris, Texas"
    locative: bool = False  # the object of "in", "at", "near"...
    route: bool = False  # the object of "through"
    # the names of the event-note parenthesis that places it ("Boni (Hombori, Douentza, Mopti)"):
    # inside its qualifier, in the country they agree on; a meaning outside the qualifier is
    # another place of that name, and the qualifier stands instead
    enclosed: tuple[str, ...] = ()
    struck: bool = False  # the object of a verb whose object is usually a place ("shelled X")


def find_places(sentence: Sentence, gazetteer: Gazetteer) -> list[PlaceMention]:
    """Place mentions of a sentence: its GPE, LOC and FAC entities that the gazetteer knows."""
    words = gazetteer.words
    spans = [_extended(sentence, *_trim(sentence, e.first, e.last, gazetteer), gazetteer)
             for e in sentence.entities if e.label in ENTITY_LABELS]
    spans = [span for span in spans if span[0] < span[1]]
    mentions = [m for first, last in spans for m in _mentions_of(sentence, first, last, gazetteer)]
    # The tagger misses places ("the city of Aleppo" as NORP, "Misrata" untagged): other
    # entities and proper nouns count when the gazetteer knows them and they stand where a
    # place stands (after "in", "near"... or a cue such as "city of").
    others = [_extended(sentence, *_trim(sentence, first, last, gazetteer), gazetteer)
              for first, last in _other_spans(sentence, words)]
    heads = {m.head for m in mentions}
    mentions += [m for first, last in others if first < last
                 for m in _mentions_of(sentence, first, last, gazetteer)
                 if m.locative or m.hint or _is_locative(sentence, m.head, words, PLACE_PREPOSITIONS)
                 or _listed_with(sentence, m.head, heads) or _object_of_place_verb(sentence, m.head, words)
                 or _in_place_parenthesis(sentence, first, words)]
    mentions.sort(key=lambda m: m.start)
    return _link_qualifiers(sentence, mentions, gazetteer)


def _extended(sentence: Sentence, first: int, last: int, gazetteer: Gazetteer) -> tuple[int, int]:
    """The tagger cuts a name short ("[Miran] Shah", "[Dera] Ismail Khan"): the proper nouns that
    follow belong to it when the longer name is a place the gazetteer knows."""
    tokens, end, k = sentence.tokens, last, last
    while first < last and k < len(tokens):
        if tokens[k].start == tokens[k - 1].end and (tokens[k].text in HYPHENS or tokens[k - 1].text in HYPHENS):
            k += 1  # "[Trou]-du-Nord": the words of a name joined by hyphens, whatever their tags
            if tokens[k - 1].text not in HYPHENS and gazetteer.lookup(_text(sentence, first, k)):
                end = k
            continue
        if (tokens[k].lower in gazetteer.words.name_particles and k + 1 < len(tokens)
                and tokens[k + 1].text[:1].isupper()):
            k += 1  # "Castelo [dos] Sonhos", the particle tagged a verb
            continue
        if tokens[k].pos != "PROPN" or not tokens[k].text[:1].isupper():
            break
        k += 1
        if gazetteer.lookup(_text(sentence, first, k)):
            end = k
    return first, end


def _in_place_parenthesis(sentence: Sentence, first: int, words: PlaceWords) -> bool:
    """"Tsafe (Tsafe, Zamfara)", "Boni (Hombori, Douentza, Mopti)": names in the parenthesis after a
    name are the divisions that hold it (the event-note style), whatever the tagger made of them."""
    tokens, k = sentence.tokens, first - 1
    while k >= 0 and (tokens[k].text == "," or tokens[k].pos == "PROPN"):
        k -= 1
    if k < 1 or tokens[k].text != "(":
        return False
    before = tokens[k - 1]
    # "Boni (", "Tsafe village ("
    return before.pos == "PROPN" or (before.lower in words.units and k > 1 and tokens[k - 2].pos == "PROPN")


def _object_of_place_verb(sentence: Sentence, i: int, words: PlaceWords) -> bool:
    """"seized El Fasher", "shelled Kharkiv", "shelled [Bilozerske, Donetsk region]": verbs whose
    object is usually a place; "an airstrike on Kabkabiya": act nouns whose "on" object is."""
    token = sentence.tokens[i]
    if token.dep in ("nmod", "compound", "appos") and token.head != i:
        token = sentence.tokens[token.head]
    if token.dep == "pobj" and sentence.tokens[token.head].lower in PLACE_ACT_PREPOSITIONS:
        preposition = sentence.tokens[token.head]
        return (preposition.head != preposition.i
                and sentence.tokens[preposition.head].lemma.lower() in words.place_act_nouns)
    return token.dep == "dobj" and sentence.tokens[token.head].lemma.lower() in words.place_verbs


def _listed_with(sentence: Sentence, i: int, place_heads: set[int]) -> bool:
    """"raided Jenin, Tulkarm and Tubas": coordinated with a place already found."""
    token = sentence.tokens[i]
    return token.dep == "conj" and (token.head in place_heads or any(
        c.i in place_heads for c in sentence.children(token.head) if c.dep == "conj"))


def _other_spans(sentence: Sentence, words: PlaceWords) -> list[tuple[int, int]]:
    """Entities the tagger may give a place (NORP, ORG, PERSON) and runs of proper nouns
    outside any entity."""
    spans = [(e.first, e.last) for e in sentence.entities
             if e.label in ("NORP", "ORG", "PERSON")]
    # "in Cotija (Michoacan)" tagged a work of art: proper nouns inside other entities form runs
    covered = {i for e in sentence.entities if e.label not in MISTAGGED_LABELS for i in range(e.first, e.last)}
    # "in Mbres on 3 January" tagged a date whole: its names that are no month or day
    covered -= {i for e in sentence.entities if e.label in ("DATE", "TIME") for i in range(e.first, e.last)
                if sentence.tokens[i].lower not in MONTHS and sentence.tokens[i].lower not in WEEKDAYS}
    run: list[int] = []
    for token in [*sentence.tokens, None]:
        if token is not None and token.i not in covered and (
                token.pos == "PROPN" or _named_division(sentence, token.i, words)):
            run.append(token.i)
            continue
        if run:
            spans.append((run[0], run[-1] + 1))
            run = []
    return spans


def _named_division(sentence: Sentence, i: int, words: PlaceWords) -> bool:
    """"Sagaing region" with "Sagaing" tagged a verb: a capitalised word inside the sentence
    before a division word is a name."""
    tokens = sentence.tokens
    return (0 < i < len(tokens) - 1 and tokens[i].text[:1].isupper() and tokens[i].pos != "PUNCT"
            and tokens[i + 1].lower in words.divisions)


HYPHENS = {"-", "–"}

def _trim(sentence: Sentence, first: int, last: int, gazetteer: Gazetteer) -> tuple[int, int]:
    tokens = sentence.tokens
    while first < last and (tokens[first].lower == "the" or tokens[first].pos == "PUNCT"):
        first += 1
    # "west London", "northern Syria": the place is the name; but "West Bank" is a name whole,
    # and so is "North-West" (region)
    while (last - first > 1 and tokens[first].lower in gazetteer.words.compass
           and tokens[first + 1].text not in HYPHENS
           and not gazetteer.lookup(_text(sentence, first, _suffix_hint(tokens, first, last, gazetteer.words)[2]))):
        first += 1
    while last > first and tokens[last - 1].pos in ("PUNCT", "PART"):
        last -= 1
    return first, last


def _mentions_of(sentence: Sentence, first: int, last: int, gazetteer: Gazetteer) -> list[PlaceMention]:
    """One entity, split at a comma or a parenthesis inside it ("Geneva, Switzerland" and
    "Sukma (Chhattisgarh" tagged as one)."""
    commas = [t.i for t in sentence.tokens[first:last] if t.text in (",", "(", ")")]
    if commas:
        pieces = [(first, commas[0]), (commas[0] + 1, last)]
        return [m for a, b in pieces if a < b for m in _mentions_of(sentence, a, b, gazetteer)]
    mention = _mention(sentence, first, last, gazetteer)
    return [mention] if mention else []


def _mention(sentence: Sentence, first: int, last: int, gazetteer: Gazetteer) -> PlaceMention | None:
    tokens = sentence.tokens
    words = gazetteer.words
    if not tokens[first].text[:1].isupper() and not _arabic_article(tokens, first, last, words):
        return None  # "metro", "state": a common noun, whatever the gazetteer's alternates
    hint, text_last, name_last = _suffix_hint(tokens, first, last, words)
    feature = next((k for k in (text_last, last) if k < len(tokens) and tokens[k].lower in words.feature), None)
    if feature is not None and not gazetteer.lookup(_text(sentence, first, feature + 1)):
        return None  # "the Rusizi river": a river, not the district or the town of its name ("Tana River" is a county)
    name = _text(sentence, first, name_last)
    full = _text(sentence, first, text_last)
    if hint and gazetteer.lookup(full):
        name = full  # "Kurdistan Region", "Donetsk region": a name of its own (the cue still says place)
    unit_after = text_last < len(tokens) and tokens[text_last].lower.split("-")[0] in words.unit_first
    if ((hint or unit_after) and not gazetteer.lookup(name) and name_last - first > 1
            and tokens[name_last - 1].lower in words.compass):
        # "Kapoeta East county", "Jos North local government area", "Kisumu West sub-county": a
        # division named after its town and a compass word is placed at the town, as a district
        # named after its town is
        name_last, hint = name_last - 1, "city"
        name = _text(sentence, first, name_last)
    if not gazetteer.lookup(name):
        return None
    before_hint, qualifier = _prefix_cues(sentence, first, gazetteer)
    head = span_head(sentence, first, name_last)
    return PlaceMention(full, name, tokens[first].start, tokens[text_last - 1].end, sentence.index,
                        head, hint or before_hint, qualifier, None, _is_locative(sentence, head, words),
                        _is_locative(sentence, head, words, ROUTE_PREPOSITIONS),
                        struck=_object_of_place_verb(sentence, head, words))


def _arabic_article(tokens: tuple, first: int, last: int, words: PlaceWords) -> bool:
    """"al-Dhale", "el-Geneina": a name whose lower-case first word is the Arabic article,
    hyphened to a capitalised word."""
    return (first + 2 < last and tokens[first].lower in words.arabic_articles and tokens[first + 1].text in HYPHENS
            and tokens[first + 2].text[:1].isupper())


def _text(sentence: Sentence, first: int, last: int) -> str:
    start = sentence.tokens[first].start - sentence.start
    return sentence.text[start: sentence.tokens[last - 1].end - sentence.start]


def _suffix_hint(tokens: tuple, first: int, last: int, words: PlaceWords) -> tuple[str | None, int, int]:
    """(hint, end of the mention's words, end of its name): "Idlib province" -> adm1."""
    inside = tokens[last - 1].lower if last - first > 1 else None
    after = tokens[last].lower if last < len(tokens) else None
    for word, text_last, name_last in ((inside, last, last - 1), (after, last + 1, last)):
        if word in words.district:
            return "district", text_last, name_last
        if word in words.adm1:
            return "adm1", text_last, name_last
        if word in words.region:
            return "region", text_last, name_last
    return None, last, last


def _prefix_cues(sentence: Sentence, first: int, gazetteer: Gazetteer) -> tuple[str | None, str | None]:
    """Cues before the name: "the (northern) (Syrian) city of", "the Austrian capital(,)"."""
    tokens = sentence.tokens
    k = first - 1
    if k >= 0 and tokens[k].lower in ("of", ","):
        k -= 1
    if k < 0:
        return None, None
    word = tokens[k].lower
    units = gazetteer.words
    hint = "city" if word in units.city else "adm1" if word in units.adm1 else "district" if word in units.district \
        else None
    if hint is None:
        return None, None
    for t in tokens[max(0, k - 3):k]:
        if place_key(t.text) in gazetteer.demonyms:
            return hint, t.text
    return hint, None


def _is_locative(sentence: Sentence, i: int, words: PlaceWords,
                 prepositions: frozenset[str] = EVENT_PLACE_PREPOSITIONS) -> bool:
    """Is token i the object of a locative preposition, directly or through "the city of",
    "the capital, X"?"""
    tokens = sentence.tokens
    for _ in range(4):
        token = tokens[i]
        head = tokens[token.head]
        if token.dep in ("pobj", "pcomp") and head.lower in prepositions:
            return True  # pcomp: "In Nzerekore, gendarmes fired", the name tagged an adverb
        if (token.dep == "pobj" and head.lower == "of" and head.head != head.i
                and tokens[head.head].lemma.lower() in words.named_after_town):
            return True  # "attacked the gendarmerie brigade of Ansongo", "the police station of Argelia"
        if token.dep == "pobj" and head.lower in RELATION_PREPOSITIONS and _after_a_relation(sentence, head.i, words):
            return True  # "15 km south of Kembe", "20 kilometres from Bankilare", "on the outskirts of Aguililla"
        on_a_route = _on_a_route(sentence, i, words) if prepositions is not ROUTE_PREPOSITIONS else None
        if on_a_route is not None:
            return on_a_route
        town_part = token.dep == "poss" and head.lemma.lower() in words.town_part
        if token.dep not in THROUGH_DEPS and not (token.dep == "prep" and token.lower == "of") and not town_part:
            return False
        if head.i == i:
            return False
        i = head.i
    return False


# Where an event is told by its relation to a place (docs/coding-rules.md, "Local conflict events"):
# "12 km from X", "north of X", "on the outskirts of X" put the event at X.
RELATION_PREPOSITIONS = frozenset({"of", "from"})


def _on_a_route(sentence: Sentence, i: int, words: PlaceWords) -> bool | None:
    """Does token i place an event by the road, axis or front it names (coding-rules.md, "Place")?
    True for the first town of "on the road between Puren and Lumaco" and for "on the Afis front";
    False for the second town of the pair, which only says which road; None: no route."""
    tokens = sentence.tokens
    token, head = tokens[i], tokens[tokens[i].head]
    if token.dep == "pobj" and head.lower == "between":
        return tokens[head.head].lemma.lower() in words.route or None
    if token.dep == "conj" and head.dep == "pobj" and tokens[head.head].lower == "between":
        return False if tokens[tokens[head.head].head].lemma.lower() in words.route else None
    if token.dep == "pobj" and head.lower == "on" and token.lemma.lower() in words.route \
            and any(c.dep == "compound" for c in sentence.children(i)):
        return True
    return None


def _after_a_relation(sentence: Sentence, preposition: int, words: PlaceWords) -> bool:
    """Does "of" or "from" at this token follow a compass word, a distance or "the outskirts"
    (the word it hangs from, or the word before it: the parser hangs "20 kilometres from X" on
    the verb)? Not when the relation places another place named just before ("the town of
    Ghasam, east of Daraa"): that place is where it happened, the one it is east of a reference."""
    tokens = sentence.tokens
    for i in {tokens[preposition].head, preposition - 1}:
        word, lemma = tokens[i].lower, tokens[i].lemma.lower()
        if word in words.relation or lemma in words.relation:
            return True
        if word in words.compass | words.distance_units and not _places_a_place(sentence, i, words):
            return True
    return False


def _places_a_place(sentence: Sentence, i: int, words: PlaceWords) -> bool:
    """"Ghasam, east of Daraa", "Merti, some 140 km north-east of Isiolo": the relation follows a
    place name and a comma."""
    tokens = sentence.tokens
    k = i - 1
    while k >= 0 and (tokens[k].pos == "NUM" or tokens[k].lower in words.distance_units | words.compass | HYPHENS
                      or tokens[k].lower in words.distance_approximators):
        k -= 1
    return k >= 1 and tokens[k].text == "," and tokens[k - 1].pos == "PROPN"


def _link_qualifiers(sentence: Sentence, mentions: list[PlaceMention], gazetteer: Gazetteer) -> list[PlaceMention]:
    """"Paris, Texas": the second name qualifies the first when it can hold it; so does a division
    after ", in" ("took control of Tayeeglow, in Bakool region"), and puts the event there."""
    out = list(mentions)
    unheld: set[int] = set()
    for n, (left, right) in enumerate(zip(mentions, mentions[1:], strict=False)):
        between = sentence.text[left.end - sentence.start: right.start - sentence.start]
        if between.strip().startswith("(") and ")" not in between:
            unheld |= _link_parenthesis(sentence, mentions, n, out, gazetteer)
            continue
        # "Tayeeglow, in Bakool region", "near Pau d'Arco, in Para state": the division the town is
        # in, where the event was too
        placed_in = " ".join(between.split()) == ", in" and right.locative
        if (between.strip() != "," and not placed_in) or not _can_hold(right.name, gazetteer) or out[n].qualifies:
            continue
        out[n] = replace(out[n], qualifier=right.name, locative=out[n].locative or placed_in)
        out[n + 1] = replace(out[n + 1], qualifies=left.name)
    named = {m.start for m in mentions}
    return [replace(m, qualifier=_unknown_division(sentence, m, named, gazetteer))
            if m.locative and not m.qualifier and not m.qualifies else m
            for k, m in enumerate(out) if k not in unheld]


def _link_parenthesis(sentence: Sentence, mentions: list[PlaceMention], n: int, out: list[PlaceMention],
                      gazetteer: Gazetteer) -> set[int]:
    """"Kaya (Sanmatenga, Centre-Nord)", "Sukma (Chhattisgarh)": the event-note style. The names
    in the parenthesis qualify the place before it, the widest one that can hold it standing as
    its qualifier; a name the gazetteer cannot hold there is a district it does not know (not a
    village of that name elsewhere): it still places the place inside a division, and is dropped.
    Returns the positions of the dropped mentions."""
    left = mentions[n]
    close = sentence.text.find(")", left.end - sentence.start)
    if close < 0:
        return set()
    inside = [k for k in range(n + 1, len(mentions)) if mentions[k].end - sentence.start <= close]
    if not inside:
        return set()
    holders = [k for k in inside if _can_hold(mentions[k].name, gazetteer)]
    qualifier = mentions[holders[-1]].name if holders else mentions[inside[-1]].name
    out[n] = replace(out[n], qualifier=qualifier,
                     enclosed=tuple(mentions[k].name for k in inside) if holders else ())
    for k in inside:
        out[k] = replace(out[k], qualifies=left.name)
    return {k for k in inside if k not in holders}


def _unknown_division(sentence: Sentence, mention: PlaceMention, named: set[int], gazetteer: Gazetteer
                      ) -> str | None:
    """"in Wana, South Waziristan,": a place qualified by a division the gazetteer does not know
    (a district, a second-level province). The words say it is a place inside a division, which
    is the support a small place needs (resolve()); they stand as its qualifier."""
    tokens = sentence.tokens
    k = next((t.i for t in tokens if t.start >= mention.end), len(tokens))
    if k + 1 >= len(tokens) or tokens[k].text != "," or tokens[k + 1].start in named:
        return None
    last = k + 1
    while last < len(tokens) and tokens[last].pos == "PROPN" and tokens[last].text[:1].isupper():
        last += 1
    if last == k + 1:
        return None
    if last < len(tokens) and tokens[last].lower in gazetteer.words.divisions:
        last += 1
    if last < len(tokens) and not (tokens[last].pos == "PUNCT" or tokens[last].dep == "prep"):
        return None  # "in Wana, Reuters reported": a name that begins a clause
    name = _text(sentence, k + 1, last)
    return None if gazetteer.lookup(name) else name


def _can_hold(name: str, gazetteer: Gazetteer) -> bool:
    # a division below the first level too ("Sulu", a province the gazetteer knows as a town's alternate)
    return any(c.entry.type in ("country", "adm1") for c in gazetteer.lookup(name)) or \
        place_key(name) in gazetteer.within


def dateline_end(text: str, gazetteer: Gazetteer) -> int:
    """Where the dateline ("ADEN, Yemen (Reuters) - ", "Hiraan - Jalalaqsi: ") ends, 0 when
    there is none: its words name where the story was filed, never an actor of it."""
    found = _dateline(text, gazetteer)
    if found:
        return found[2]
    # "UNITED NATIONS (Reuters) - ": filed where the gazetteer knows no place, a dateline still
    match = WIRE_DATELINE_RE.match(text)
    return match.end() if match and match.group("agency") and match.group("name").isupper() else 0


def dateline_place(text: str, gazetteer: Gazetteer) -> PlaceMention | None:
    """The place of a dateline at the start of the article: "TRIPOLI, Lebanon (Reuters) -",
    or of an incident log's header: "Jalalaqsi" in "Hiraan - Jalalaqsi: "."""
    found = _dateline(text, gazetteer)
    return found[0] if found else None


def dateline_qualifier(text: str, gazetteer: Gazetteer) -> PlaceMention | None:
    """The country or state after the dateline's city: "Lebanon" in "TRIPOLI, Lebanon -"; the
    header's larger unit: "Hiraan" in "Hiraan - Jalalaqsi: "."""
    found = _dateline(text, gazetteer)
    if not found or found[1] is None:
        return None
    dateline, (name, start) = found[0], found[1]
    if not _can_hold(name, gazetteer):
        return None
    return PlaceMention(name, name, start, start + len(name), -1, -1, None, None, dateline.name)


def _dateline(text: str, gazetteer: Gazetteer
              ) -> tuple[PlaceMention, tuple[str, int] | None, int] | None:
    """The dateline's place, its qualifier (name and offset) and where it ends."""
    match = WIRE_DATELINE_RE.match(text)
    if match and _is_dateline(match) and gazetteer.lookup(match.group("name").strip()):
        name = match.group("name").strip()
        qualifier = match.group("qualifier")
        mention = PlaceMention(name, name, match.start("name"), match.start("name") + len(name), -1, -1,
                               None, qualifier.strip() if qualifier else None)
        if not qualifier:
            return mention, None, match.end()
        qualifier_name = qualifier.strip()
        return mention, (qualifier_name, match.start("qualifier") + qualifier.index(qualifier_name)), match.end()
    return _header(text, gazetteer)


def _is_dateline(match: re.Match[str]) -> bool:
    upper = match.group("name").isupper()
    if match.group("mark") == ":":
        return upper and not match.group("agency")
    return upper or bool(match.group("agency") or match.group("day"))


def _header(text: str, gazetteer: Gazetteer) -> tuple[PlaceMention, tuple[str, int] | None, int] | None:
    match = HEADER_RE.match(text)
    if not match:
        return None
    parts = []  # (name, offset, unit word) from the largest unit down
    at = match.start("parts")
    for piece in HEADER_SEPARATOR_RE.split(match.group("parts")):
        at = text.index(piece, at)
        words = piece.split()
        unit = words[-1].lower() if len(words) > 1 and (words[-1].islower() or words[-1] == "LGA") else None
        if unit is not None and unit not in gazetteer.words.header_units:
            return None  # "Police - the spokesman said: ", no header
        parts.append((" ".join(words[:-1]) if unit else piece, at, unit))
        at += len(piece)
    # the most specific the gazetteer knows: the last, unless it is called a province or region
    # the one before names
    known = [k for k, part in enumerate(parts) if gazetteer.lookup(part[0])]
    if not known:
        return None
    k = known[-1]
    larger = gazetteer.words.adm1 | gazetteer.words.region
    if k > 0 and parts[k][2] in larger and parts[k - 1][2] not in larger \
            and k - 1 in known:
        k -= 1
    name, start, unit = parts[k]
    qualifier = parts[k - 1] if k > 0 else parts[k + 1]
    hint = "city" if unit in gazetteer.words.city else None
    mention = PlaceMention(name, name, start, start + len(name), -1, -1, hint, qualifier[0])
    return mention, qualifier[:2], match.end()


# --- 2. context and 3. resolve -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Clue:
    """One reason to think the article is about a country (and a division of it)."""

    country: str  # ISO3
    weight: float
    kind: str  # dateline, place, actor
    division: str | None = None  # "USGA" when a place of that division is named
    start: int = -1  # offset of the mention it comes from: a mention is no clue for itself


@dataclass(frozen=True, slots=True)
class Context:
    """What the article is about, for choosing between places of the same name."""

    gazetteer: Gazetteer
    clues: tuple[Clue, ...] = ()
    # the clues indexed by (country, kind) and by division, built on first use: every mention
    # asks for the weights without its own clues, and a pass over all clues each time made a
    # long article cost the square of its length (400 KB of prose: 37 s of 118 s)
    _index: _ClueIndex | None = field(default=None, init=False, compare=False, repr=False)

    def weights(self, skip: int | None = None) -> tuple[dict[str, float], set[str]]:
        """Weight of each country (the strongest clue of each kind, added up) and the
        divisions named, leaving out the clues of the mention at offset `skip`."""
        index = self._index
        if index is None:
            index = _ClueIndex.of(self.clues)
            object.__setattr__(self, "_index", index)
        best = []  # (first clue kept, key, its strongest clue kept): the order of a pass over the clues
        for key, (order, strongest) in index.by_key.items():
            first = next((n for n, start in order if start != skip), None)
            if first is not None:
                best.append((first, key, max(0.0, next(w for w, start in strongest if start != skip))))
        countries: dict[str, float] = defaultdict(float)
        for _, (country, _), weight in sorted(best):
            countries[country] += weight
        divisions = {division for division, starts in index.divisions.items() if len(starts) > 1 or skip not in starts}
        return dict(countries), divisions


@dataclass(frozen=True, slots=True)
class _ClueIndex:
    # (country, kind) -> its clues as (position, start) in order, and as (weight, start) strongest first
    by_key: dict[tuple[str, str], tuple[list[tuple[int, int]], list[tuple[float, int]]]]
    divisions: dict[str, set[int]]  # division -> the starts of the clues that name it

    @classmethod
    def of(cls, clues: tuple[Clue, ...]) -> _ClueIndex:
        by_key: dict[tuple[str, str], tuple[list[tuple[int, int]], list[tuple[float, int]]]] = {}
        divisions: dict[str, set[int]] = {}
        for n, clue in enumerate(clues):
            order, strongest = by_key.setdefault((clue.country, clue.kind), ([], []))
            order.append((n, clue.start))
            strongest.append((clue.weight, clue.start))
            if clue.division:
                divisions.setdefault(clue.division, set()).add(clue.start)
        for _, strongest in by_key.values():
            strongest.sort(key=lambda item: -item[0])
        return cls(by_key, divisions)


def build_context(mentions: list[PlaceMention], dateline: PlaceMention | None,
                  actor_codes: Iterable[str], gazetteer: Gazetteer) -> Context:
    """Clues from the dateline, from the places that are clear without context, and from the
    countries of the actors."""
    # the actors' countries share one weight: a story of Americans and Soviets meeting in Geneva
    # says less about where Geneva is than a story of Lebanese soldiers in Tripoli
    countries = sorted({code[:3] for code in actor_codes if code[:3] in gazetteer.countries})
    clues = [Clue(country, ACTOR_WEIGHT / len(countries), "actor") for country in countries]
    sources = [(m, PLACE_WEIGHT, "place") for m in mentions]
    if dateline:
        sources.append((dateline, DATELINE_WEIGHT, "dateline"))
    for mention, weight, kind in sources:
        entry = _clear_entry(mention, gazetteer)
        if entry and entry.country:
            division = entry.admin1 if entry.type in ("city", "adm1") else None
            clues.append(Clue(entry.country, weight, kind, division, mention.start))
    return Context(gazetteer, tuple(clues))


def _clear_entry(mention: PlaceMention, gazetteer: Gazetteer) -> PlaceEntry | None:
    """The mention's place when it is clear without context: all its meanings in one country,
    or one far ahead of the others. A name that is a country and something else ("Georgia")
    is never clear on its own."""
    scored = sorted(_scored(mention, ({}, set()), gazetteer), key=lambda s: -s[0])
    if not scored:
        return None
    best = scored[0]
    rivals = [s for s in scored[1:] if s[1].country != best[1].country]
    if not rivals:
        return best[1]
    if "country" in {best[1].type, rivals[0][1].type}:
        return None
    return best[1] if best[0] - rivals[0][0] >= CONTEXT_MARGIN else None


def resolve(mention: PlaceMention, context: Context, method: str = "sentence") -> Place | None:
    """The place a mention names in this context (None: a name the gazetteer does not know).
    Order: the qualifier ("Paris, Texas") and cue ("Idlib province") filter the meanings; a
    country or region name is the country or the region; then type, population and context."""
    scored = _scored(mention, context.weights(skip=mention.start), context.gazetteer)
    if not scored:
        return None
    entry = max(scored, key=lambda s: s[0])[1]
    return to_place(entry, method, mention.text, mention.start, mention.end)


def to_place(entry: PlaceEntry, method: str, text: str | None = None, start: int | None = None,
             end: int | None = None) -> Place:
    return Place(entry.full_name, entry.type, entry.country, entry.admin1, entry.lat, entry.lon,
                 entry.geonames_id, method, text, start, end)


Weights = tuple[dict[str, float], set[str]]  # country weights, divisions named


def _scored(mention: PlaceMention, context: Weights, gazetteer: Gazetteer) -> list[tuple[float, PlaceEntry]]:
    candidates = list(gazetteer.lookup(mention.name))
    if mention.name.isupper() and len(mention.name) <= ACRONYM_MAX_LETTERS:
        # an acronym ("a UN base", "the PKK") is no town whose own name it spells ("Un", India);
        # a town the gazetteer also calls by an acronym ("LA") is
        candidates = [c for c in candidates if c.entry.type != "city" or c.alternate or c.entry.name.isupper()]
    candidates = _apply_hint(candidates, mention.hint, gazetteer)
    qualified = _apply_qualifier(candidates, mention, gazetteer)
    held = qualified is not candidates  # the qualifier kept only the places it holds
    if not held and mention.qualifier:
        within = gazetteer.within.get(place_key(mention.qualifier), ())
        inside = [c for c in candidates if (c.entry.country, c.entry.admin1) in within]
        if inside:  # a division below the first level: "Mondragon, Northern Samar", "Maimbung, Sulu"
            qualified, held = inside, True
        elif not gazetteer.lookup(mention.qualifier):
            # placed in a division the gazetteer does not know: a place, when its name is one country's;
            # the town's own name, as its people write it ("Khar, Bajaur" is not Haar, once "Khar")
            named = [c for c in candidates if not c.alternate] or candidates
            if len({c.entry.country for c in named}) == 1:
                qualified, held = named, True
    sole = _sole_meaning(mention.name, candidates) or _one_countrys_meaning(mention.name, candidates)
    where = mention.locative or mention.route or mention.struck or mention.hint == "city"
    if (not held and where and sole is not None
            and not mention.name.isupper() and not _in_country_name(mention.name, gazetteer)):
        # "arrested 15 people in Mpeketoni", "marched through the town of Marrupa", "shelled Hirske": a
        # name with one meaning in the world, where a place stands or called a town, is that place; not an
        # acronym ("IRA") nor a word of a country's name ("Korea" is no village of Ivory Coast)
        qualified, held = [sole], True
    candidates = qualified if held else _supported(candidates, context)
    if not mention.hint:
        candidates = _without_shadowed(candidates)
    return [(_score(c, context), c.entry) for c in candidates]


def _sole_meaning(name: str, candidates: list[PlaceCandidate]) -> PlaceCandidate | None:
    """The one place the name is the name of (its main name or a spelling of it), when the others
    only go by it as a small place's alternate ("Pignon", Haiti, beside Italy's Pignone); None
    when a larger place goes by it too ("Bombay")."""
    own = [c for c in candidates if not c.alternate] or [c for c in candidates if _spelling_of(name, c.entry.name)]
    if len(own) != 1 or any(not is_small(c.entry) for c in candidates if c is not own[0]):
        return None
    return own[0]


def _one_countrys_meaning(name: str, candidates: list[PlaceCandidate]) -> PlaceCandidate | None:
    """The most populous of the small places of one country that share a name no larger place
    bears ("Shibam": two towns of Yemen; "Pau d'Arco": two of Brazil): the name says the country,
    and the larger town is the likelier one."""
    own = [c for c in candidates if not c.alternate] or [c for c in candidates if _spelling_of(name, c.entry.name)]
    if len(own) < 2 or len({c.entry.country for c in own}) != 1 or not all(is_small(c.entry) for c in candidates):
        return None
    return max(own, key=lambda c: (c.entry.population, -(c.entry.geonames_id or 0)))


def _spelling_of(name: str, main: str) -> bool:
    """Is an alternate name another spelling of the main one ("Stanytsia Luhanska" of
    "Stanytsya-Luhanska"), not another name ("Ariha" of Jericho, a code, a word)?"""
    return SequenceMatcher(None, place_key(name), place_key(main)).ratio() >= SPELLING_SIMILARITY


def _in_country_name(name: str, gazetteer: Gazetteer) -> bool:
    return place_key(name) in gazetteer.country_name_words


def _supported(candidates: list[PlaceCandidate], context: Weights) -> list[PlaceCandidate]:
    """A small place only when the article names its country or division: thousands of
    villages share a name with a region, a word or a better-known place ("Chechnya" and
    "Korea" are villages of Ukraine and Ivory Coast; "IRA" is a town of Ivory Coast)."""
    countries, divisions = context
    return [c for c in candidates if not is_small(c.entry)
            or c.entry.country in countries or c.entry.admin1 in divisions]


def _score(candidate: PlaceCandidate, context: Weights) -> float:
    entry = candidate.entry
    countries, divisions = context
    # a town GeoNames records no population for (a division's seat: "Ḩays", "Arīḩā") has at least
    # the gazetteer's floor, not none
    population = entry.population or (CITY_POPULATION_FLOOR if entry.type == "city" else 0)
    size = math.log10(population + 1)
    score = TYPE_PRIOR[entry.type] + (size if entry.type == "city" else size / 10 if entry.type == "adm1" else 0)
    score -= ALTERNATE_PENALTY if candidate.alternate else 0.0
    score += countries.get(entry.country or "", 0.0)
    in_division = entry.admin1 in divisions and entry.type in ("adm1", "city")
    return score + (ADMIN1_WEIGHT if in_division else 0.0)


def _without_shadowed(candidates: list[PlaceCandidate]) -> list[PlaceCandidate]:
    """A bare name: a country or region name is not a city ("Mexico", "Kuwait"), and a city
    is not the division named after it ("Idlib")."""
    if any(c.entry.type in ("country", "region") for c in candidates):
        return [c for c in candidates if c.entry.type != "city"]
    city_divisions = {c.entry.admin1 for c in candidates if c.entry.type == "city"}
    return [c for c in candidates if not (c.entry.type == "adm1" and c.entry.admin1 in city_divisions)]


def _apply_hint(candidates: list[PlaceCandidate], hint: str | None, gazetteer: Gazetteer) -> list[PlaceCandidate]:
    if hint is None:
        return candidates
    wanted = {"city": ("city",), "adm1": ("adm1",), "district": ("adm1",), "region": ("region", "adm1")}[hint]
    kept = [c for c in candidates if c.entry.type in wanted]
    if kept or hint in ("city", "district"):
        return kept or candidates  # "Sai Buri district": named after its town, no division of its own
    # "Aleppo province": the division that holds the city of that name.
    divisions = [gazetteer.divisions.get(c.entry.admin1 or "") or _unnamed_division(c.entry, hint, gazetteer)
                 for c in candidates if c.entry.type == "city"]
    return [PlaceCandidate(d, False) for d in divisions] or candidates


def _unnamed_division(city: PlaceEntry, hint: str, gazetteer: Gazetteer) -> PlaceEntry:
    """A division known only by its code: named after its city, placed at the city."""
    name = f"{city.name} {'Region' if hint == 'region' else 'Province'}"
    country = gazetteer.countries.get(city.country or "")
    full = f"{name}, {country.name}" if country else name
    return PlaceEntry(name, full, "adm1", city.country, city.admin1, city.lat, city.lon, None, city.population)


def _apply_qualifier(candidates: list[PlaceCandidate], mention: PlaceMention, gazetteer: Gazetteer
                     ) -> list[PlaceCandidate]:
    if mention.qualifies:
        inner = [c.entry for c in gazetteer.lookup(mention.qualifies)]
        kept = [c for c in candidates if any(_holds(c.entry, e) for e in inner)]
        return kept or candidates
    if not mention.qualifier:
        return candidates
    outer = [c.entry for c in gazetteer.lookup(mention.qualifier)
             if c.entry.type in ("country", "adm1", "region")]
    demonym = gazetteer.demonyms.get(place_key(mention.qualifier))
    if demonym:
        outer.append(gazetteer.countries[demonym])
    agreed = _agreed_countries(mention.enclosed, gazetteer)
    if agreed and not any(o.country in agreed for o in outer):
        # "Tangalle (Tangalle, Hambantota, Southern)": no Southern of Sri Lanka is known, the
        # parenthesis still says Sri Lanka
        return [c for c in candidates if c.entry.country in agreed] or candidates
    outer = [o for o in outer if o.country in agreed] or outer
    kept = [c for c in candidates if any(_holds(o, c.entry) for o in outer)]
    if not kept and mention.enclosed and outer:
        # "Boni (Hombori, Douentza, Mopti)": no Boni of Mopti is known (Bonn is one by an alternate
        # name): the place is somewhere in Mopti, the most specific place the note gives
        return [PlaceCandidate(o, False) for o in outer]
    return kept or candidates


def _agreed_countries(names: tuple[str, ...], gazetteer: Gazetteer) -> set[str | None]:
    """The countries most names of an event-note parenthesis can be in ("Tangalle, Hambantota,
    Southern": Sri Lanka, though four other countries have a Southern province)."""
    votes: dict[str | None, int] = defaultdict(int)
    for name in names:
        for country in {c.entry.country for c in gazetteer.lookup(name)}:
            votes[country] += 1
    most = max(votes.values(), default=0)
    return {country for country, count in votes.items() if count == most}


def _holds(outer: PlaceEntry, inner: PlaceEntry) -> bool:
    if outer is inner or outer.country is None:
        return False
    if outer.type == "country":
        return inner.country == outer.country and inner.type != "country"
    return outer.type == "adm1" and inner.type == "city" and inner.admin1 == outer.admin1


# --- 4. choose: the place of each event ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ResolvedMention:
    mention: PlaceMention
    place: Place
    eligible: bool  # can be where an event happened (not an actor, unless "in X")


def resolve_article(article: Article, sentences: list[Sentence], mentions_by_sentence: list[list[ActorMention]],
                    gazetteer: Gazetteer) -> tuple[list[ResolvedMention], Place | None]:
    """Every place mention of the article resolved in the article's context, and the dateline."""
    resolved, dateline, _ = _resolve_article(article, sentences, mentions_by_sentence, gazetteer)
    return resolved, dateline


def _resolve_article(article: Article, sentences: list[Sentence], mentions_by_sentence: list[list[ActorMention]],
                     gazetteer: Gazetteer) -> tuple[list[ResolvedMention], Place | None, Context]:
    dateline = dateline_place(article.text, gazetteer)
    filed_at = dateline_end(article.text, gazetteer)
    actors = [a for mentions in mentions_by_sentence for a in mentions]
    # "according to the UN": an organisation or a person is not a place, whatever a town is called
    named = {(a.start, a.end) for a in actors if a.kind in ("organisation", "person")}
    found = [(s, [m for m in find_places(s, gazetteer) if m.start >= filed_at and (
                  m.locative or m.hint or (m.start, m.end) not in named)]) for s in sentences]
    places = [m for _, ms in found for m in ms]
    # A capital named as an actor ("Tripoli" for Libya's government) is no clue to itself.
    overlaps = _Overlaps([(m.start, m.end) for m in places])
    actors_apart = [a for a in actors if not overlaps.any(a.start, a.end)]
    context = build_context(places, dateline, (a.code for a in actors_apart), gazetteer)
    resolved = []
    by_start = sorted((a.start, a.end) for a in actors)
    for sentence, mentions in found:
        spans = by_start[bisect_left(by_start, (sentence.start,)):bisect_left(by_start, (sentence.end,))]
        for mention in mentions:
            place = resolve(mention, context)
            if place:
                eligible = mention.locative or not any(a < mention.end and mention.start < b for a, b in spans)
                resolved.append(ResolvedMention(mention, place, eligible))
    qualifier = dateline_qualifier(article.text, gazetteer)
    if qualifier:  # "TRIPOLI, Lebanon (Reuters) -": Lebanon is named too, but places no event
        place = resolve(qualifier, context, "dateline")
        if place:
            resolved.append(ResolvedMention(qualifier, place, False))
    return resolved, resolve(dateline, context, "dateline") if dateline else None, context


class _Overlaps:
    """Which of many spans a span overlaps, in log time: a test of every pair made a long
    article cost the square of its length."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans = sorted(spans)
        self.starts = [start for start, _ in spans]
        self.reach = list(accumulate((end for _, end in spans), max))  # furthest end among the first n

    def any(self, start: int, end: int) -> bool:
        before = bisect_left(self.starts, end)  # the spans that start before `end`
        return before > 0 and self.reach[before - 1] > start


def main_country(context: Context) -> Place | None:
    """The country the article is most about, when one is clearly ahead of the others."""
    weights, _ = context.weights()
    ranked = sorted(weights.items(), key=lambda item: (-item[1], item[0]))
    if not ranked or (len(ranked) > 1 and ranked[0][1] - ranked[1][1] < CONTEXT_MARGIN):
        return None
    country = context.gazetteer.countries.get(ranked[0][0])
    return to_place(country, "article") if country else None


def geocode_article(article: Article, sentences: list[Sentence], mentions_by_sentence: list[list[ActorMention]],
                    events: list[Event], figures: list[Figure], gazetteer: Gazetteer
                    ) -> tuple[list[Event], list[Figure]]:
    """The events and figures with `place` set. An event: a place in its clause, else in its
    sentence, else the dateline, else the source actor's country. A figure: a place of its
    sentence (actor or not: "the Syria conflict has killed"), else the dateline, else the
    country the article is most about."""
    if not events and not figures:
        return list(events), list(figures)
    resolved, dateline, context = _resolve_article(article, sentences, mentions_by_sentence, gazetteer)
    by_sentence: dict[int, list[ResolvedMention]] = defaultdict(list)
    for item in resolved:
        by_sentence[item.mention.sentence_index].append(item)
    sentence_of = {s.index: s for s in sentences}
    placed_events = [replace(e, place=_event_place(e, sentence_of.get(e.sentence_index),
                                                   by_sentence[e.sentence_index], dateline, gazetteer)) for e in events]
    fallback = dateline or (main_country(context) if figures else None)
    placed_figures = [replace(f, place=_figure_place(f, by_sentence[f.sentence_index], fallback, gazetteer))
                      for f in figures]
    return placed_events, placed_figures


def _figure_place(figure: Figure, resolved: list[ResolvedMention], fallback: Place | None, gazetteer: Gazetteer
                  ) -> Place | None:
    if resolved:
        near = min(resolved, key=lambda r: (not r.mention.locative, -_specificity(r.place),
                                            abs(r.mention.start - figure.start)))
        return replace(near.place, method="sentence")
    return _country_named_in(figure.refers_to, gazetteer) or fallback


def _country_named_in(phrase: str | None, gazetteer: Gazetteer) -> Place | None:
    """"the Syrian conflict", "the war in Yemen": the country a figure's phrase names."""
    if not phrase:
        return None
    for word in re.findall(r"[A-Z][\w'’-]+", phrase):
        code = gazetteer.demonyms.get(place_key(word))
        entry = gazetteer.countries.get(code) if code else next(
            (c.entry for c in gazetteer.lookup(word) if c.entry.type == "country"), None)
        if entry:
            return to_place(entry, "refers_to")
    return None


def _event_place(event: Event, sentence: Sentence | None, resolved: list[ResolvedMention],
                 dateline: Place | None, gazetteer: Gazetteer) -> Place | None:
    eligible = [r for r in resolved if r.eligible]
    if sentence is not None and not eligible:
        # "The Plateau state government imposed a curfew", "Kaduna state police arrested": an
        # authority whose country the place is to give names its jurisdiction in its own phrase
        eligible = [r for r in resolved if event.source.code[len(UNANCHORED):] in JURISDICTION_ROLES
                    and event.source.code.startswith(UNANCHORED)
                    and event.source.start <= r.mention.start and r.mention.end <= event.source.end]
    if sentence is not None and eligible:
        trigger = _trigger_head(sentence, event.trigger_start, event.trigger_end)
        clause = _joined_clauses(sentence, governing_verb(sentence, trigger))
        inside = [r for r in eligible if r.mention.head in clause]
        best = _best(inside or eligible, trigger)
        return replace(_namesake_town(best, gazetteer), method="clause" if inside else "sentence")
    if dateline:
        return dateline
    return actor_place(event.source.code, gazetteer)


def _namesake_town(resolved: ResolvedMention, gazetteer: Gazetteer) -> Place:
    """An event happens in a town: a bare name that is a division and the town it is named after
    ("Menaka", "Muramvya") places an event at the town, the most specific place the report gives;
    a division called one ("Idlib province") stays the division. (A mention alone, without an
    event, is the division: `_without_shadowed`.) The town of the country, whatever division
    GeoNames files it in (Ménaka is still in Gao's, the region newer than its records)."""
    place, mention = resolved.place, resolved.mention
    if place.type != "adm1" or mention.hint:
        return place
    town = max((c.entry for c in gazetteer.lookup(mention.name) if c.entry.type == "city" and not c.alternate
                and c.entry.country == place.country),
               key=lambda entry: entry.population, default=None)
    return to_place(town, place.method, place.text, place.start, place.end) if town else place


def _joined_clauses(sentence: Sentence, verb: int) -> set[int]:
    """A verb's clause with those of the verbs "and" joins to it, which share its subject and
    often its place: "gunmen shot dead a woman and wounded a man in Laisamis"."""
    token = sentence.tokens[verb]
    first = token.head if token.dep == "conj" and sentence.tokens[token.head].pos in VERB_POS else verb
    verbs = [first] + [c.i for c in sentence.children(first) if c.dep == "conj" and c.pos in VERB_POS]
    if (token.dep == "advcl" and token.tag == "VBG" and sentence.tokens[token.head].pos in VERB_POS
            and not any(c.dep in ("nsubj", "mark") for c in sentence.children(verb))):
        # "marched through Pinsk chanting slogans against Lukashenko", "stormed Koro, killing 12":
        # a participle with no subject of its own happens where its verb does
        verbs.append(token.head)
    return {k for v in verbs for k in clause_of(sentence, v)}


def _best(resolved: list[ResolvedMention], trigger: int) -> ResolvedMention:
    # the place a qualifier qualifies is where it happened: "in Tak Bai district, Narathiwat" is
    # Tak Bai, whatever the gazetteer makes of Narathiwat (a town of the name)
    return max(resolved, key=lambda r: (r.mention.locative, r.mention.qualifies is None, _specificity(r.place),
                                        -abs(r.mention.head - trigger)))


def _specificity(place: Place) -> int:
    return SPECIFICITY[place.type] if place.country else SPECIFICITY_ACROSS_COUNTRIES


def _trigger_head(sentence: Sentence, start: int, end: int) -> int:
    inside = [t.i for t in sentence.tokens if start <= t.start < end] or [0]
    return span_head(sentence, inside[0], inside[-1] + 1)


def gdelt_geo(place: Place, gazetteer: Gazetteer) -> tuple[str, str]:
    """GDELT's country and ADM1 codes of a place: FIPS 10-4 country ("GM" for Germany) and
    FIPS country + division ("SY09"); GeoNames division codes follow FIPS for most countries."""
    fips = gazetteer.fips.get(place.country or "", "")
    if not fips:
        return "", ""
    adm1 = fips + place.admin1[2:] if place.admin1 and place.type in ("adm1", "city") else fips
    return fips, adm1


def actor_place(code: str, gazetteer: Gazetteer) -> Place | None:
    """The country of an actor code ("IRNGOV" -> Iran), at the country's centroid."""
    country = gazetteer.countries.get(code[:3])
    return to_place(country, "actor") if country else None
