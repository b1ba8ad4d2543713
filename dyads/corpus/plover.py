"""Events as PLOVER records: the JSON record the PLOVER manual defines (chapter Data Fields), with
its own event categories, modes, contexts and sector codes.

The vocabulary is read from the JSON Schema written from the manual
(dyads/data/reference/plover.schema.json), so the records and the schema that checks them agree;
what CAMEO codes and actor codes become is data beside it (cameo_to_plover.txt, and the
corrections in cameo_to_plover_fixes.tsv and cameo_to_plover_actors.tsv).

Some events have no PLOVER record, as the manual says (docs/schema.md, PLOVER export):
- CAMEO roots 01 (make public statement) and 02 (appeal): "dropped" in the manual's CAMEO to
  PLOVER table;
- actors or recipients that are regional constructs (the West, Africa, the Middle East), and
  events without a named actor: "not coded" (manual, Country names; Some residual issues);
- events without a date: `date` is a required field.
`write_plover` counts them by reason and logs the counts.
"""

from __future__ import annotations

import csv
import json
import logging
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any, TextIO

import pyarrow as pa

from dyads.knowledge.reference import REFERENCE

logger = logging.getLogger(__name__)

SCHEMA_FILE = "plover.schema.json"
CODEBOOK = "CAMEO, translated by CAMEO2PLOVER (PLOVER manual draft 0.8) with dyads' corrections"
DROPPED_ROOTS = frozenset({"01", "02"})  # the manual's CAMEO to PLOVER table: "dropped"
# Why an event has no PLOVER record (the keys of the counts `write_plover` logs).
DROPPED_ROOT = "CAMEO root 01 or 02, which PLOVER drops"
NO_DATE = "no date (required in PLOVER)"
NO_ACTOR = "no named actor"
NOT_CODED_ENTITY = "a regional or unknown actor or recipient, which PLOVER does not code"
# GeoNames' resolution codes in the manual's location object, by dyads place type.
RESOLUTION = {"country": 1, "adm1": 2, "city": 4}
FEATURE_CLASS = {"country": "A", "adm1": "A", "city": "P"}


@dataclass(frozen=True, slots=True)
class PloverVocabulary:
    """The manual's lists, as the schema holds them."""

    event_types: tuple[str, ...]
    modes: dict[str, frozenset[str]]  # event type -> its modes
    quad_codes: dict[str, int]  # event type -> quad category
    contexts: frozenset[str]
    sectors: frozenset[str]


@cache
def plover_schema() -> dict[str, Any]:
    """The JSON Schema of a PLOVER record (for validators, and the source of the vocabulary)."""
    with (REFERENCE / SCHEMA_FILE).open(encoding="utf-8") as handle:
        schema: dict[str, Any] = json.load(handle)
    return schema


@cache
def plover_vocabulary() -> PloverVocabulary:
    defs = plover_schema()["$defs"]
    types = tuple(defs["event_type"]["enum"])
    modes = {name: frozenset(defs[name]["properties"]["mode"].get("items", {}).get("enum", ())) for name in types}
    return PloverVocabulary(
        event_types=types, modes=modes,
        quad_codes={name: defs[name]["properties"]["quad_code"]["const"] for name in types},
        contexts=frozenset(defs["context"]["enum"]), sectors=frozenset(defs["sector"]["enum"]))


def _read_reference_tsv(name: str) -> list[dict[str, str]]:
    """A tab-separated reference table whose `#` lines are comments."""
    with (REFERENCE / name).open(encoding="utf-8") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


@dataclass(frozen=True, slots=True)
class ActorTranslation:
    """cameo_to_plover_actors.tsv: CAMEO code prefixes to PLOVER entities, parts to sectors."""

    entities: dict[str, str]  # CAMEO prefix ("IGOUNO", "NGO") -> PLOVER entity code
    sectors: dict[str, str | None]  # CAMEO part -> PLOVER sector (None: no sector)


@cache
def actor_translation() -> ActorTranslation:
    rows = _read_reference_tsv("cameo_to_plover_actors.tsv")
    return ActorTranslation(
        entities={row["cameo"]: row["plover"] for row in rows if row["kind"] == "entity"},
        sectors={row["cameo"]: row["plover"] or None for row in rows if row["kind"] in ("sector", "none")})


@cache
def value_fixes() -> dict[tuple[str, str, str], tuple[str, str | None]]:
    """cameo_to_plover_fixes.tsv: (field, event type or *, value) -> (field, value or None)."""
    return {(row["field"], row["event"], row["value"]): (row["to_field"], row["to"] or None)
            for row in _read_reference_tsv("cameo_to_plover_fixes.tsv")}


@cache
def country_codes() -> frozenset[str]:
    import pycountry

    return frozenset(country.alpha_3 for country in pycountry.countries)


def plover_entity(code: str | None, name: str | None, text: str | None) -> dict[str, Any] | None:
    """A CAMEO actor as the manual's entity object: "IRNMED" -> code IRN, sector JRN. None when
    PLOVER does not code it (a region such as WST, or an empty code)."""
    if not code:
        return None
    translation = actor_translation()
    prefix = next((code[:n] for n in (6, 3) if code[:n] in translation.entities), None)
    if prefix is not None:
        entity = translation.entities[prefix]
    elif code[:3] in country_codes():
        prefix = entity = code[:3]
    else:
        return None
    sectors: list[str] = []
    for start in range(len(prefix), len(code), 3):
        sector = translation.sectors.get(code[start:start + 3])
        if sector and sector not in sectors:
            sectors.append(sector)
    return {"code": entity, "sector": "".join(sectors[:2]) or None, "entity_text": text, "identifier_text": name}


def mode_and_context(event_type: str, mode: str | None, context: str | None) -> tuple[list[str], list[str]]:
    """The CAMEO reference's mode and contexts ("crime; corruption") of an event, in the manual's
    lists only: values of the draft table the manual no longer has are corrected or dropped as
    cameo_to_plover_fixes.tsv says."""
    vocabulary, fixes = plover_vocabulary(), value_fixes()
    found: dict[str, list[str]] = {"mode": [], "context": []}
    values = [("mode", mode)] + [("context", part.strip()) for part in (context or "").split(";")]
    for field, value in values:
        if not value:
            continue
        to_field, to_value = fixes.get((field, event_type, value)) or fixes.get((field, "*", value)) or (field, value)
        allowed = vocabulary.modes[event_type] if to_field == "mode" else vocabulary.contexts
        if to_value in allowed and to_value not in found[to_field]:
            found[to_field].append(to_value)
    return found["mode"], found["context"]


def plover_location(row: dict) -> dict[str, Any] | None:
    """The event's place as the manual's location object (GeoNames field names). The parts of
    dyads' full name ("Aleppo, Aleppo Governorate, Syria") fill city, province and country."""
    if row.get("place_name") is None or row.get("place_lat") is None:
        return None
    kind, parts = row["place_type"], row["place_name"].split(", ")
    named = kind in RESOLUTION
    return {
        "resolved_place": row["place_name"], "geonameid": row["place_geonames_id"],
        "lat": row["place_lat"], "lon": row["place_lon"],
        "city": parts[0] if kind == "city" else None,
        "province": parts[0] if kind == "adm1" else parts[1] if kind == "city" and len(parts) == 3 else None,
        "country": parts[-1] if named else None,
        "country_code": row["place_country"],
        "feature_class": FEATURE_CLASS.get(kind), "resolution": RESOLUTION.get(kind),
    }


def plover_size(row: dict) -> dict | None:
    """PLOVER's size object (its manual's `dead` and `injured`, the optional fields of ASSAULT):
    a number each, the lower bound of the toll ("at least 12": 12; "dozens": 24), the upper one
    when only that is known ("nearly 50": 50). None without a toll, or from a database written
    before tolls (no such columns)."""
    size = {}
    for field, column in (("dead", "fatalities"), ("injured", "injured")):
        low, high = row.get(f"{column}_low"), row.get(f"{column}_high")
        if low is not None or high is not None:
            size[field] = low if low is not None else high
    return size or None


class NotCoded(Exception):  # noqa: N818 - a reason, not an error: the event has no PLOVER record
    """Why an event has no PLOVER record (one of the reasons above)."""


def plover_record(row: dict, coder: str) -> dict[str, Any]:
    """One event (a row of `events`, with its representative mention's offsets and texts) as a
    PLOVER record; raises NotCoded with the reason when PLOVER has no record for it."""
    if row["root_code"] in DROPPED_ROOTS or row["plover_type"] is None:
        raise NotCoded(DROPPED_ROOT)
    day: date | None = row["date"]
    if day is None:
        raise NotCoded(NO_DATE)
    if not row["source_code"]:
        raise NotCoded(NO_ACTOR)
    actor = plover_entity(row["source_code"], row["source_name"], row.get("source_text"))
    recipient = plover_entity(row["target_code"], row["target_name"], row.get("target_text"))
    if actor is None or (row["target_code"] and recipient is None):
        raise NotCoded(NOT_CODED_ENTITY)
    event_type = row["plover_type"]
    modes, contexts = mode_and_context(event_type, row["plover_mode"], row["plover_context"])
    return {
        "id": str(row["event_id"]),
        "date": day.isoformat(),
        "actor": [actor],
        "recipient": [recipient] if recipient else None,
        "event": [event_type],
        "mode": modes or None,
        "context": contexts or None,
        "quad_code": plover_vocabulary().quad_codes[event_type],
        "event_loc": plover_location(row),
        "event_text": [row["sentence"]] if row["sentence"] else [],
        "text_info": {"sequence": row.get("sentence_index"), "start": row.get("sentence_start"),
                      "end": row.get("sentence_end")},
        "cite_info": {"citation": row["doc_id"], "url": row["url"], "title": row.get("title"),
                      "publication": row.get("publication"), "coder": coder, "codebook": CODEBOOK},
        "coder": coder,
        "size": plover_size(row),
        # beyond the manual's fields (which it invites): the CAMEO coding and how often it was reported
        "cameo_code": row["code"], "goldstein": row["goldstein"],
        "num_mentions": row["num_mentions"], "num_sources": row["num_sources"], "num_articles": row["num_articles"],
    }


def write_plover(batches: Iterator[pa.RecordBatch], out: TextIO) -> int:
    """Write the PLOVER records of these events as JSON lines; returns how many were written and
    logs how many events had none, by reason."""
    from dyads import __version__

    coder = f"dyads {__version__}"
    written, not_coded = 0, Counter[str]()
    for batch in batches:
        for row in batch.to_pylist():
            try:
                record = plover_record(row, coder)
            except NotCoded as reason:
                not_coded[str(reason)] += 1
                continue
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            written += 1
    if not_coded:
        logger.warning("PLOVER export: %d event(s) written, %d left out (%s)", written, sum(not_coded.values()),
                       "; ".join(f"{count}: {reason}" for reason, count in sorted(not_coded.items())))
    return written
