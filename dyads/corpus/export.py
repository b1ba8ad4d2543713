"""Exports of the `events` table: JSONL, CSV, Parquet, the GDELT 2.0 event layout and
PLOVER/POLECAT-style JSON.

Every format streams: rows are fetched from DuckDB in Arrow batches of `CHUNK_ROWS` and
written before the next batch is fetched, so memory does not grow with the database.
Column meanings and the GDELT fields we leave empty are in docs/schema.md.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import TextIO

import pyarrow as pa
import pyarrow.parquet as pq

from dyads.coding.places import actor_place, gdelt_geo
from dyads.corpus.selection import EVENT_ORDER, EventFilter, table_sql
from dyads.corpus.store import EventStore
from dyads.errors import StoreError
from dyads.knowledge.gazetteer import Gazetteer
from dyads.knowledge.reference import actor_types
from dyads.model import Place

CHUNK_ROWS = 10_000  # rows per fetch: a few MB of Arrow data; small enough for any machine
FORMATS = ("jsonl", "csv", "parquet", "gdelt", "plover")
EVENTS_SQL = f"SELECT * FROM events {EVENT_ORDER}"

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
# GDELT's geographic resolution codes: 1 country, 4 world city, 5 world state (ADM1).
# GDELT geo types: 1 country, 2 US state, 3 US city, 4 world city, 5 world state. A region
# inside one country ("Gaza Strip") is a state-sized area; one across countries has no type.
GDELT_GEO_TYPES = {"country": "1", "city": "4", "adm1": "5", "region": "5"}
GDELT_US_GEO_TYPES = {"city": "3", "adm1": "2"}


# The other tables, in a stable order: every mention with its evidence, every reported figure.
TABLE_SQL = {
    "events": EVENTS_SQL,
    "mentions": "SELECT * FROM mentions ORDER BY content_hash, ordinal",
    "figures": "SELECT * FROM figures ORDER BY content_hash, ordinal",
}
EVENT_ONLY_FORMATS = ("gdelt", "plover")


def export_events(store: EventStore, fmt: str, out: Path | TextIO, chunk_rows: int = CHUNK_ROWS,
                  table: str = "events", selection: EventFilter | None = None, limit: int | None = None) -> int:
    """Write every row of `table` (events by default; mentions, figures) to `out` (a path, or a
    text stream for the text formats) in `fmt`; or only the events `selection` selects (and their
    mentions), at most `limit` rows (`dyads.corpus.selection.table_sql`). Returns the number of
    rows written."""
    if fmt not in FORMATS:
        raise StoreError(f"unknown export format {fmt!r} (one of: {', '.join(FORMATS)})")
    if table not in TABLE_SQL:
        raise StoreError(f"unknown table {table!r} (one of: {', '.join(TABLE_SQL)})")
    if table != "events" and fmt in EVENT_ONLY_FORMATS:
        raise StoreError(f"the {fmt} layout is for events; export {table} as jsonl, csv or parquet")
    try:
        sql, params = table_sql(table, selection, limit)
    except ValueError as err:
        raise StoreError(str(err)) from None
    batches = store.stream(sql, params, chunk_rows=chunk_rows)
    if fmt == "parquet":
        if not isinstance(out, Path):
            raise StoreError("parquet export needs an output path")
        return write_parquet(batches, out)
    writer = gdelt_writer() if fmt == "gdelt" else {"jsonl": write_jsonl, "csv": write_csv, "plover": write_plover}[fmt]
    if isinstance(out, Path):
        with out.open("w", encoding="utf-8", newline="") as handle:
            return writer(batches, handle)
    return writer(batches, out)


def _rows(batches: Iterator[pa.RecordBatch]) -> Iterator[dict]:
    for batch in batches:
        yield from batch.to_pylist()


def _json_value(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value


def _write_lines(batches: Iterator[pa.RecordBatch], out: TextIO, shape: Callable[[dict], dict]) -> int:
    count = 0
    for row in _rows(batches):
        record = {key: _json_value(value) for key, value in shape(row).items()}
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def write_jsonl(batches: Iterator[pa.RecordBatch], out: TextIO) -> int:
    return _write_lines(batches, out, lambda row: row)


def write_csv(batches: Iterator[pa.RecordBatch], out: TextIO) -> int:
    writer, count = None, 0
    for row in _rows(batches):
        if writer is None:
            writer = csv.DictWriter(out, fieldnames=list(row), lineterminator="\n")
            writer.writeheader()
        writer.writerow({key: "" if value is None else _json_value(value) for key, value in row.items()})
        count += 1
    return count


def write_parquet(batches: Iterator[pa.RecordBatch], path: Path) -> int:
    writer, count = None, 0
    try:
        for batch in batches:
            if writer is None:
                writer = pq.ParquetWriter(path, batch.schema)
            writer.write_batch(batch)
            count += batch.num_rows
    finally:
        if writer is not None:
            writer.close()
    if writer is None:  # no events: still write a readable, empty file with the schema
        pq.write_table(pa.table({}), path)
    return count


# --- GDELT 2.0 -------------------------------------------------------------------------------

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


def _actor_fields(n: int, code: str | None, name: str | None) -> dict[str, str]:
    split = split_actor_code(code)
    return {f"Actor{n}Code": code or "", f"Actor{n}Name": (name or "").upper() if code else "",
            **{f"Actor{n}{key}": value for key, value in split.items()},
            f"Actor{n}EthnicCode": "", f"Actor{n}Religion1Code": "", f"Actor{n}Religion2Code": ""}


def _geo_fields(prefix: str, place: Place | None, gazetteer: Gazetteer) -> dict[str, str]:
    country, adm1 = gdelt_geo(place, gazetteer) if place else ("", "")
    return {
        f"{prefix}_Type": _gdelt_geo_type(place),
        f"{prefix}_FullName": place.name if place else "",
        f"{prefix}_CountryCode": country,
        f"{prefix}_ADM1Code": adm1,
        f"{prefix}_ADM2Code": "",
        f"{prefix}_Lat": _number(place.lat) if place else "",
        f"{prefix}_Long": _number(place.lon) if place else "",
        f"{prefix}_FeatureID": str(place.geonames_id) if place and place.geonames_id else "",
    }


def _gdelt_geo_type(place: Place | None) -> str:
    if place is None or place.country is None:
        return ""
    if place.country == "USA" and place.type in GDELT_US_GEO_TYPES:
        return GDELT_US_GEO_TYPES[place.type]
    return GDELT_GEO_TYPES.get(place.type, "")


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


def gdelt_row(row: dict, gazetteer: Gazetteer) -> list[str]:
    day: date | None = row["date"]
    fields: dict[str, str] = {
        "GLOBALEVENTID": str(row["event_id"]),
        "SQLDATE": day.strftime("%Y%m%d") if day else "",
        "MonthYear": day.strftime("%Y%m") if day else "",
        "Year": str(day.year) if day else "",
        # GDELT's formula: YYYY + (month * 30 + day) / 365
        "FractionDate": f"{day.year + (day.month * 30 + day.day) / 365:.4f}" if day else "",
        **_actor_fields(1, row["source_code"], row["source_name"]),
        **_actor_fields(2, row["target_code"], row["target_name"]),
        "IsRootEvent": "1" if row["is_root"] else "0",
        "EventCode": row["code"], "EventBaseCode": row["base_code"], "EventRootCode": row["root_code"],
        "QuadClass": str(row["quad_class"]), "GoldsteinScale": _number(row["goldstein"]),
        "NumMentions": str(row["num_mentions"]), "NumSources": str(row["num_sources"]),
        "NumArticles": str(row["num_articles"]), "AvgTone": "",
        **_geo_fields("Actor1Geo", _actor_geo(row["source_code"], gazetteer), gazetteer),
        **_geo_fields("Actor2Geo", _actor_geo(row["target_code"], gazetteer), gazetteer),
        **_geo_fields("ActionGeo", _row_place(row), gazetteer),
        # GDELT stamps the time it first saw the event; ours is the first article's date,
        # which keeps exports identical across reruns.
        "DATEADDED": row["first_seen"].strftime("%Y%m%d000000") if row["first_seen"] else "",
        "SOURCEURL": row["url"] or "",
    }
    return [_clean(fields[name]) for name in GDELT_COLUMNS]


def _clean(value: str) -> str:
    return value.replace("\t", " ").replace("\n", " ")


def gdelt_writer() -> Callable[[Iterator[pa.RecordBatch], TextIO], int]:
    """The GDELT writer, with the packaged gazetteer for FIPS codes and actor places."""
    from dyads.knowledge.knowledge import Knowledge

    gazetteer = Knowledge.load().gazetteer
    return lambda batches, out: write_gdelt(batches, out, gazetteer)


def write_gdelt(batches: Iterator[pa.RecordBatch], out: TextIO, gazetteer: Gazetteer) -> int:
    count = 0
    for row in _rows(batches):
        out.write("\t".join(gdelt_row(row, gazetteer)) + "\n")
        count += 1
    return count


# --- PLOVER / POLECAT --------------------------------------------------------------------------

def plover_record(row: dict) -> dict:
    """One event in the PLOVER/POLECAT JSON shape (field names as in the POLECAT data)."""
    source, target = split_actor_code(row["source_code"]), split_actor_code(row["target_code"])
    return {
        "event_id": str(row["event_id"]),
        "event_date": row["date"],
        "event_type": row["plover_type"],
        "event_mode": row["plover_mode"],
        "event_context": row["plover_context"],
        "quad_code": row["quad_class"],
        "cameo_code": row["code"],
        "goldstein": row["goldstein"],
        "actor_name": row["source_name"],
        "actor_code": row["source_code"],
        "actor_country": source["CountryCode"] or None,
        "actor_sector": source["Type1Code"] or None,
        "recipient_name": row["target_name"],
        "recipient_code": row["target_code"],
        "recipient_country": target["CountryCode"] or None,
        "recipient_sector": target["Type1Code"] or None,
        "placename": row["place_name"],
        "country": row["place_country"],
        "latitude": row["place_lat"],
        "longitude": row["place_lon"],
        "geonames_id": row["place_geonames_id"],
        "num_mentions": row["num_mentions"],
        "num_articles": row["num_articles"],
        "story_id": row["doc_id"],
        "url": row["url"],
        "publication_date": row["first_seen"],
        "event_text": row["sentence"],
        "size": plover_size(row),
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


def write_plover(batches: Iterator[pa.RecordBatch], out: TextIO) -> int:
    return _write_lines(batches, out, plover_record)
