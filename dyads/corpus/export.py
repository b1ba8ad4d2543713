"""Exports of the `events` table (and of `mentions` and `figures`): JSONL, CSV, Parquet, the
GDELT 2.0 event layout (dyads.corpus.gdelt) and PLOVER JSON records (dyads.corpus.plover).

Every format streams: rows are fetched from DuckDB in Arrow batches of `CHUNK_ROWS` and
written before the next batch is fetched, so memory does not grow with the database.

Two conventions hold in every file (docs/schema.md, Exports):
- Ids (`event_id`, `mention_id`, `figure_id`) are strings of decimal digits: they are 63-bit
  numbers, above 2^53, which JSON numbers in R, JavaScript or Stata (doubles) cannot hold.
- The CSV is written for readers that guess types (pandas.read_csv, R's read.csv): CAMEO codes
  carry a `C` (C011: a number would lose its zero), booleans are 0/1, lists space-separated.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from dyads.corpus.gdelt import gdelt_context, write_gdelt
from dyads.corpus.plover import write_plover
from dyads.corpus.rows import ID_COLUMNS, csv_text
from dyads.corpus.selection import EVENT_ORDER, EventFilter, table_sql
from dyads.corpus.store import EventStore
from dyads.errors import StoreError

if TYPE_CHECKING:
    from dyads.knowledge.knowledge import Knowledge

CHUNK_ROWS = 10_000  # rows per fetch: a few MB of Arrow data; small enough for any machine
FORMATS = ("jsonl", "csv", "parquet", "gdelt", "plover")
EVENTS_SQL = f"SELECT * FROM events {EVENT_ORDER}"

# The other tables, in a stable order: every mention with its evidence, every reported figure.
TABLE_SQL = {
    "events": EVENTS_SQL,
    "mentions": "SELECT * FROM mentions ORDER BY content_hash, ordinal",
    "figures": "SELECT * FROM figures ORDER BY content_hash, ordinal",
}
EVENT_ONLY_FORMATS = ("gdelt", "plover")
# A PLOVER record also cites its representative mention: where its sentence is in the article
# (text_info), the words that named its actors (entity_text), the article's outlet and title.
PLOVER_SQL = """
SELECT e.*, m.sentence_index, m.sentence_start, m.sentence_end, m.source_text, m.target_text,
       d.source AS publication, d.title
FROM ({events}) e
LEFT JOIN mentions m ON m.mention_id = e.mention_id
LEFT JOIN documents d ON d.content_hash = m.content_hash
ORDER BY e.date NULLS LAST, e.event_id
"""


def export_events(store: EventStore, fmt: str, out: Path | TextIO, chunk_rows: int = CHUNK_ROWS,
                  table: str = "events", selection: EventFilter | None = None, limit: int | None = None,
                  knowledge: Knowledge | None = None) -> int:
    """Write every row of `table` (events by default; mentions, figures) to `out` (a path, or a
    text stream for the text formats) in `fmt`; or only the events `selection` selects (and their
    mentions), at most `limit` rows (`dyads.corpus.selection.table_sql`). Returns the number of
    rows written (for PLOVER, the records: events PLOVER does not code are counted in a log line).
    The GDELT layout reads the gazetteer and role words of `knowledge`: give the knowledge the
    events were coded with (a `--data-dir`'s); the packaged knowledge when none is given."""
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
    if fmt == "plover":
        sql = PLOVER_SQL.format(events=sql)
    batches = store.stream(sql, params, chunk_rows=chunk_rows)
    if fmt == "parquet":
        if not isinstance(out, Path):
            raise StoreError("parquet export needs an output path")
        return write_parquet(batches, out)
    writer = (_gdelt_writer(knowledge) if fmt == "gdelt"
              else {"jsonl": write_jsonl, "csv": write_csv, "plover": write_plover}[fmt])
    if isinstance(out, Path):
        with out.open("w", encoding="utf-8", newline="") as handle:
            return writer(batches, handle)
    return writer(batches, out)


def _gdelt_writer(knowledge: Knowledge | None) -> Callable[[Iterator[pa.RecordBatch], TextIO], int]:
    if knowledge is None:
        from dyads.knowledge.knowledge import Knowledge

        knowledge = Knowledge.load()
    context = gdelt_context(knowledge)
    return lambda batches, out: write_gdelt(batches, out, context)


def _rows(batches: Iterator[pa.RecordBatch]) -> Iterator[dict]:
    for batch in batches:
        yield from batch.to_pylist()


def json_record(row: dict) -> dict:
    """A row as a JSON object: ids as strings, dates as ISO text."""
    return {key: _json_value(key, value) for key, value in row.items()}


def _json_value(key: str, value: object) -> object:
    if value is None:
        return None
    if key in ID_COLUMNS:
        return str(value)
    return value.isoformat() if isinstance(value, date) else value


def _write_lines(batches: Iterator[pa.RecordBatch], out: TextIO, shape: Callable[[dict], dict]) -> int:
    count = 0
    for row in _rows(batches):
        out.write(json.dumps(shape(row), ensure_ascii=False) + "\n")
        count += 1
    return count


def write_jsonl(batches: Iterator[pa.RecordBatch], out: TextIO) -> int:
    return _write_lines(batches, out, json_record)


def write_csv(batches: Iterator[pa.RecordBatch], out: TextIO) -> int:
    writer, count = None, 0
    for row in _rows(batches):
        if writer is None:
            writer = csv.DictWriter(out, fieldnames=list(row), lineterminator="\n")
            writer.writeheader()
        writer.writerow({key: csv_text(key, value) for key, value in row.items()})
        count += 1
    return count


def ids_as_strings(batch: pa.RecordBatch) -> pa.RecordBatch:
    """The batch with its id columns as strings, as every export writes them."""
    columns = [pc.cast(column, pa.string()) if name in ID_COLUMNS else column
               for name, column in zip(batch.schema.names, batch.columns, strict=True)]
    return pa.RecordBatch.from_arrays(columns, names=batch.schema.names)


def write_parquet(batches: Iterator[pa.RecordBatch], path: Path) -> int:
    writer, count = None, 0
    try:
        for batch in batches:
            batch = ids_as_strings(batch)
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
