"""Events in the GDELT 2.0 event table layout: 61 tab-separated columns, no header, in the
order of GDELT's codebook (`GDELT_COLUMNS`), written as GDELT's own tools read them.

- Places: FIPS 10-4 codes, as GDELT writes them: `*_CountryCode` is the FIPS country ("GM"),
  `*_ADM1Code` the FIPS division ("FRA8" for Paris), from the crosswalk of GeoNames divisions
  (dyads/data/reference/geonames_fips_adm1.tsv, built by scripts/build_fips_crosswalk.py); the
  country code when the division is not known, as GDELT does. Regions as gdelt_regions.tsv says.
- `*_FeatureID`: GDELT's is a GNS/GNIS feature id for a point and the ADM1 or country code for
  an area. dyads has GeoNames ids, not GNS ones: cities get "geonames:<id>", which no GNS id can
  be taken for; countries, divisions and regions get their ADM1 or country code, as in GDELT.
- `Actor*Name`: the name of the entity the actor was found as, uppercased ("IRAQ" for the Iraqi
  army, "UNITED NATIONS"), not dyads' descriptive name ("Iraq army").
Column meanings and the fields we leave empty are in docs/schema.md.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, TextIO

import pyarrow as pa

from dyads.coding.places import actor_place
from dyads.knowledge.gazetteer import Gazetteer
from dyads.knowledge.reference import REFERENCE, actor_types
from dyads.model import Place

if TYPE_CHECKING:
    from dyads.knowledge.knowledge import Knowledge

# GDELT 2.0 event table, in file order (61 tab-separated columns, no header).
GDELT_COLUMNS = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *[f"Actor{n}{field}" for n in (1, 2) for field in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
        "Religion2Code", "Type1Code", "Type2Code", "Type3Code")],
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *[f"{prefix}_{field}" for prefix in ("Actor1Geo", "Actor2Geo", "ActionGeo") for field in (
        "Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")],
    "DATEADDED", "SOURCEURL",
]
assert len(GDELT_COLUMNS) == 61

INTERNATIONAL_TYPES = {"IGO", "IMG", "NGO", "NGM", "MNC", "INT"}
# Parts GDELT reports as KnownGroupCode rather than as a type ("IGOUNO" -> group UNO).
KNOWN_GROUPS = {"UNO", "AMN", "HRI", "IRC"}
# GDELT's geographic types: 1 country, 2 US state, 3 US city, 4 world city (any point below a
# division outside the US), 5 world state (a first-level division). Regions: gdelt_regions.tsv.
GDELT_GEO_TYPES = {"country": "1", "city": "4", "adm1": "5"}
GDELT_US_GEO_TYPES = {"city": "3", "adm1": "2"}
AREA_TYPES = frozenset({"1", "2", "5"})  # GDELT's FeatureID of an area is its ADM1 or country code
FEATURE_ID_PREFIX = "geonames:"


def _read_reference_tsv(name: str) -> list[dict[str, str]]:
    with (REFERENCE / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t"))


@dataclass(frozen=True, slots=True)
class GdeltRegion:
    type: str  # "" when GDELT would not place it
    country: str  # FIPS
    adm1: str


@dataclass(frozen=True, slots=True)
class FipsCrosswalk:
    """GeoNames divisions ("FR11") and some cities to FIPS 10-4 ADM1 codes ("FRA8"); regions."""

    divisions: dict[str, str]  # GeoNames division -> FIPS ADM1 ("": not known)
    cities: dict[int, str]  # GeoNames id -> FIPS ADM1, for divisions that cover several FIPS ones
    regions: dict[str, GdeltRegion]  # region name -> its GDELT place

    def adm1(self, place: Place) -> str:
        """The FIPS ADM1 code of a city or division ("" when not known)."""
        if place.geonames_id is not None and place.geonames_id in self.cities:
            return self.cities[place.geonames_id]
        return self.divisions.get(place.admin1 or "", "")


@cache
def fips_crosswalk() -> FipsCrosswalk:
    return FipsCrosswalk(
        divisions={row["geonames"]: row["fips"] for row in _read_reference_tsv("geonames_fips_adm1.tsv")},
        cities={int(row["geonames_id"]): row["fips"] for row in _read_reference_tsv("fips_adm1_by_city.tsv")},
        regions={row["name"]: GdeltRegion(row["type"], row["country"], row["adm1"])
                 for row in _read_reference_tsv("gdelt_regions.tsv")})


@dataclass(frozen=True, slots=True)
class GdeltGeo:
    """A place as GDELT's eight geo columns hold it (all empty: no place)."""

    type: str = ""
    full_name: str = ""
    country: str = ""
    adm1: str = ""
    lat: float | None = None
    lon: float | None = None
    feature_id: str = ""


def gdelt_geo(place: Place | None, fips_countries: dict[str, str], crosswalk: FipsCrosswalk) -> GdeltGeo:
    """Where GDELT would put this place: type, FIPS country and ADM1 codes, feature id."""
    if place is None or place.lat is None or place.lon is None:
        return GdeltGeo()
    if place.type == "region" and place.name in crosswalk.regions:
        region = crosswalk.regions[place.name]
        if not region.type:
            return GdeltGeo()  # larger than a country: GDELT places nothing there
        adm1 = region.adm1 or region.country
        return GdeltGeo(region.type, place.name, region.country, adm1, place.lat, place.lon, adm1)
    country = fips_countries.get(place.country or "", "")
    if not country:
        return GdeltGeo()
    us_kind = GDELT_US_GEO_TYPES.get(place.type) if place.country == "USA" else None
    kind = us_kind or GDELT_GEO_TYPES.get(place.type, "4")
    adm1 = crosswalk.adm1(place) if place.type in ("city", "adm1") else ""
    country = adm1[:2] if adm1 else country  # the Gaza Strip's cities are in FIPS country GZ
    adm1 = adm1 or country
    feature = adm1 if kind in AREA_TYPES or not place.geonames_id else f"{FEATURE_ID_PREFIX}{place.geonames_id}"
    return GdeltGeo(kind, place.name, country, adm1, place.lat, place.lon, feature)


def split_actor_code(code: str | None) -> dict[str, str]:
    """"IRNGOV" -> country IRN, type GOV; "IGOUNO" -> type IGO, group UNO (GDELT's split)."""
    parts = [code[i:i + 3] for i in range(0, len(code), 3)] if code else []
    country, group, types = "", "", []
    for position, part in enumerate(parts):
        if position == 0 and part not in INTERNATIONAL_TYPES:
            country = part  # GDELT puts regions (AFR, EUR, WST) in the country field too
        elif part in KNOWN_GROUPS and not group:
            group = part
        elif part in actor_types():
            types.append(part)
        elif not country:
            country = part  # a region after an international type: IGOEUR
    types += [""] * 3
    return {"CountryCode": country, "KnownGroupCode": group,
            "Type1Code": types[0], "Type2Code": types[1], "Type3Code": types[2]}


def gdelt_actor_name(name: str | None, role_phrases: frozenset[str]) -> str:
    """GDELT's Actor*Name: the entity's name, uppercased. dyads names an actor found through a
    role by its owner and the role ("Iraq army", "United Nations general"): the role goes."""
    if not name:
        return ""
    for phrase in sorted((p for p in role_phrases if name.endswith(" " + p)), key=len, reverse=True)[:1]:
        name = name[:-len(phrase) - 1]
    return name.upper()


def role_phrases(knowledge: Knowledge) -> frozenset[str]:
    """The role nouns and counterpart words of the actor dictionary (lower case, as dyads adds
    them to a name; a dictionary name's own words are capitalised)."""
    actors = knowledge.actors
    return frozenset({*actors.roles, *(noun.phrase for noun in actors.roles.values()), *actors.counterpart})


@dataclass(frozen=True)
class GdeltContext:
    """What a GDELT row needs beyond the event: the gazetteer, the FIPS crosswalk, role words."""

    gazetteer: Gazetteer
    crosswalk: FipsCrosswalk
    role_phrases: frozenset[str]


def _actor_fields(n: int, code: str | None, name: str | None, context: GdeltContext) -> dict[str, str]:
    split = split_actor_code(code)
    return {f"Actor{n}Code": code or "", f"Actor{n}Name": gdelt_actor_name(name, context.role_phrases) if code else "",
            **{f"Actor{n}{key}": value for key, value in split.items()},
            f"Actor{n}EthnicCode": "", f"Actor{n}Religion1Code": "", f"Actor{n}Religion2Code": ""}


def _geo_fields(prefix: str, place: Place | None, context: GdeltContext) -> dict[str, str]:
    geo = gdelt_geo(place, context.gazetteer.fips, context.crosswalk)
    return {
        f"{prefix}_Type": geo.type, f"{prefix}_FullName": geo.full_name,
        f"{prefix}_CountryCode": geo.country, f"{prefix}_ADM1Code": geo.adm1, f"{prefix}_ADM2Code": "",
        f"{prefix}_Lat": _number(geo.lat), f"{prefix}_Long": _number(geo.lon), f"{prefix}_FeatureID": geo.feature_id,
    }


def _row_place(row: dict) -> Place | None:
    if row.get("place_name") is None:
        return None
    return Place(row["place_name"], row["place_type"], row["place_country"], row["place_admin1"],
                 row["place_lat"], row["place_lon"], row["place_geonames_id"], "stored")


def _actor_geo(code: str | None, gazetteer: Gazetteer) -> Place | None:
    """An actor's place is its country (GDELT's ActorGeo), when the code starts with one."""
    return actor_place(code, gazetteer) if code else None


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def gdelt_row(row: dict, context: GdeltContext) -> list[str]:
    day: date | None = row["date"]
    fields: dict[str, str] = {
        "GLOBALEVENTID": str(row["event_id"]),
        "SQLDATE": day.strftime("%Y%m%d") if day else "",
        "MonthYear": day.strftime("%Y%m") if day else "",
        "Year": str(day.year) if day else "",
        # GDELT's formula: YYYY + (month * 30 + day) / 365
        "FractionDate": f"{day.year + (day.month * 30 + day.day) / 365:.4f}" if day else "",
        **_actor_fields(1, row["source_code"], row["source_name"], context),
        **_actor_fields(2, row["target_code"], row["target_name"], context),
        "IsRootEvent": "1" if row["is_root"] else "0",
        "EventCode": row["code"], "EventBaseCode": row["base_code"], "EventRootCode": row["root_code"],
        "QuadClass": str(row["quad_class"]), "GoldsteinScale": _number(row["goldstein"]),
        "NumMentions": str(row["num_mentions"]), "NumSources": str(row["num_sources"]),
        "NumArticles": str(row["num_articles"]), "AvgTone": "",
        **_geo_fields("Actor1Geo", _actor_geo(row["source_code"], context.gazetteer), context),
        **_geo_fields("Actor2Geo", _actor_geo(row["target_code"], context.gazetteer), context),
        **_geo_fields("ActionGeo", _row_place(row), context),
        # GDELT stamps the time it first saw the event; ours is the first article's date,
        # which keeps exports identical across reruns.
        "DATEADDED": row["first_seen"].strftime("%Y%m%d000000") if row["first_seen"] else "",
        "SOURCEURL": row["url"] or "",
    }
    return [_clean(fields[name]) for name in GDELT_COLUMNS]


def _clean(value: str) -> str:
    return value.replace("\t", " ").replace("\n", " ")


def gdelt_context(knowledge: Knowledge) -> GdeltContext:
    return GdeltContext(knowledge.gazetteer, fips_crosswalk(), role_phrases(knowledge))


def write_gdelt(batches: Iterator[pa.RecordBatch], out: TextIO, context: GdeltContext) -> int:
    count = 0
    for batch in batches:
        for row in batch.to_pylist():
            out.write("\t".join(gdelt_row(row, context)) + "\n")
            count += 1
    return count
