"""The event database (DuckDB): documents, mentions, events and failures.

One process writes (the ingest's main process); each batch of coded articles is written in
one transaction with the `events` rows it touches rebuilt from their mentions (see
`dyads.corpus.dedupe`), so a run killed at any point leaves the database as it was after the last
committed batch. The schema is documented in docs/schema.md.
"""

from __future__ import annotations

import inspect
import logging
import re
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa

from dyads.corpus.dedupe import EVENT_TOLL_FIELDS, event_id, event_key, mention_id, rebuild_events, stable_id
from dyads.corpus.read import content_hash
from dyads.corpus.rows import MENTION_COLUMNS, event_row
from dyads.corpus.selection import EventFilter, events_sql, parse_filter, where_clause
from dyads.corpus.series import check_interval, series, series_frame
from dyads.errors import StoreError
from dyads.knowledge.reference import cameo
from dyads.model import TOLL_FIELDS, TOLL_NAMES, CodedArticle, Event, Failure, Figure, Place  # noqa: F401 (Failure: part of the store API)
from dyads.server.filters import InvalidParameter

log = logging.getLogger(__name__)

SCHEMA_VERSION = 4  # 2: figures have places; 3: events have tolls (MIGRATIONS); 4: watch state (WATCH_TABLES)

# Each violent event's toll (dyads.model.Toll) as columns of `mentions` and of `events` (there
# without offsets, see dyads.corpus.dedupe).
TOLL_TYPES = {"low": "BIGINT", "high": "BIGINT", "qualifier": "VARCHAR", "number_text": "VARCHAR",
              "start": "INTEGER", "end": "INTEGER"}
assert tuple(TOLL_TYPES) == TOLL_FIELDS
MENTION_TOLL_COLUMNS = [f"{kind}_{name} {TOLL_TYPES[name]}" for kind in TOLL_NAMES for name in TOLL_FIELDS]
EVENT_TOLL_COLUMNS = [f"{kind}_{name} {TOLL_TYPES[name]}" for kind in TOLL_NAMES for name in EVENT_TOLL_FIELDS]
_COLUMN_SEPARATOR = ",\n    "

SCHEMA = f"""
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS documents (
    content_hash VARCHAR PRIMARY KEY,
    doc_id VARCHAR NOT NULL,
    url VARCHAR,
    source VARCHAR,
    title VARCHAR,
    pub_date DATE,
    origin VARCHAR,
    n_chars INTEGER,
    n_mentions INTEGER,
    text VARCHAR
);
CREATE TABLE IF NOT EXISTS mentions (
    mention_id BIGINT PRIMARY KEY,
    event_id BIGINT NOT NULL,
    content_hash VARCHAR NOT NULL,
    doc_id VARCHAR NOT NULL,
    ordinal INTEGER NOT NULL,
    sentence_index INTEGER NOT NULL,
    date DATE,
    date_basis VARCHAR,
    date_text VARCHAR,
    source_code VARCHAR NOT NULL,
    source_name VARCHAR,
    source_text VARCHAR,
    source_start INTEGER,
    source_end INTEGER,
    target_code VARCHAR,
    target_name VARCHAR,
    target_text VARCHAR,
    target_start INTEGER,
    target_end INTEGER,
    code VARCHAR NOT NULL,
    root_code VARCHAR NOT NULL,
    quad_class INTEGER,
    goldstein DOUBLE,
    plover_type VARCHAR,
    plover_mode VARCHAR,
    plover_context VARCHAR,
    trigger VARCHAR,
    trigger_start INTEGER,
    trigger_end INTEGER,
    sentence VARCHAR,
    sentence_start INTEGER,
    sentence_end INTEGER,
    confidence DOUBLE,
    pattern VARCHAR,
    modifiers VARCHAR[],
    place_name VARCHAR,
    place_type VARCHAR,
    place_country VARCHAR,
    place_admin1 VARCHAR,
    place_lat DOUBLE,
    place_lon DOUBLE,
    place_geonames_id BIGINT,
    {_COLUMN_SEPARATOR.join(MENTION_TOLL_COLUMNS)}
);
CREATE TABLE IF NOT EXISTS events (
    event_id BIGINT PRIMARY KEY,
    date DATE,
    source_code VARCHAR NOT NULL,
    target_code VARCHAR,
    code VARCHAR NOT NULL,
    base_code VARCHAR NOT NULL,
    root_code VARCHAR NOT NULL,
    quad_class INTEGER,
    goldstein DOUBLE,
    plover_type VARCHAR,
    plover_mode VARCHAR,
    plover_context VARCHAR,
    source_name VARCHAR,
    target_name VARCHAR,
    place_name VARCHAR,
    place_type VARCHAR,
    place_country VARCHAR,
    place_admin1 VARCHAR,
    place_lat DOUBLE,
    place_lon DOUBLE,
    place_geonames_id BIGINT,
    num_mentions INTEGER NOT NULL,
    num_sources INTEGER NOT NULL,
    num_articles INTEGER NOT NULL,
    first_seen DATE,
    last_seen DATE,
    is_root BOOLEAN,
    mention_id BIGINT,
    doc_id VARCHAR,
    url VARCHAR,
    sentence VARCHAR,
    {_COLUMN_SEPARATOR.join(EVENT_TOLL_COLUMNS)}
);
CREATE TABLE IF NOT EXISTS figures (
    figure_id BIGINT PRIMARY KEY,
    content_hash VARCHAR NOT NULL,
    doc_id VARCHAR NOT NULL,
    ordinal INTEGER NOT NULL,
    sentence_index INTEGER NOT NULL,
    kind VARCHAR NOT NULL,
    low BIGINT,
    high BIGINT,
    qualifier VARCHAR NOT NULL,
    number_text VARCHAR NOT NULL,
    start_offset INTEGER,
    end_offset INTEGER,
    refers_to VARCHAR,
    reporter VARCHAR,
    reporter_code VARCHAR,
    as_of DATE,
    sentence VARCHAR,
    sentence_start INTEGER,
    sentence_end INTEGER,
    place_name VARCHAR,
    place_type VARCHAR,
    place_country VARCHAR,
    place_lat DOUBLE,
    place_lon DOUBLE,
    place_geonames_id BIGINT
);
CREATE TABLE IF NOT EXISTS failures (
    origin VARCHAR NOT NULL,
    reason VARCHAR NOT NULL,
    stage VARCHAR NOT NULL,
    error_code VARCHAR,
    PRIMARY KEY (origin, reason)
);
CREATE TABLE IF NOT EXISTS feeds (
    feed_url VARCHAR PRIMARY KEY,
    etag VARCHAR,
    last_modified VARCHAR,
    title VARCHAR
);
CREATE TABLE IF NOT EXISTS feed_items (
    feed_url VARCHAR NOT NULL,
    item_key VARCHAR NOT NULL,
    url VARCHAR,
    title VARCHAR,
    published DATE,
    status VARCHAR NOT NULL,
    attempts INTEGER NOT NULL,
    PRIMARY KEY (feed_url, item_key)
);
CREATE TABLE IF NOT EXISTS watched_files (
    path VARCHAR PRIMARY KEY,
    size BIGINT NOT NULL,
    mtime_ns BIGINT NOT NULL
);
"""

TABLES = ("documents", "mentions", "events", "figures", "failures")
# What `dyads watch` remembers between cycles (dyads.corpus.watch): each feed's validators, each
# item's outcome, each file's size and time. Created with the rest (a database made before
# them gets them when opened for writing); the API reads none of them.
WATCH_TABLES = ("feeds", "feed_items", "watched_files")

# Arrow types of the mention columns built in Python (the rest are typed by the SQL table).
MENTION_TYPES = {
    "mention_id": pa.int64(), "event_id": pa.int64(), "ordinal": pa.int32(),
    "sentence_index": pa.int32(), "date": pa.date32(), "quad_class": pa.int32(),
    "goldstein": pa.float64(), "confidence": pa.float64(), "modifiers": pa.list_(pa.string()),
    "place_lat": pa.float64(), "place_lon": pa.float64(), "place_geonames_id": pa.int64(),
    **{name: pa.int32() for name in ("source_start", "source_end", "target_start", "target_end",
                                     "trigger_start", "trigger_end", "sentence_start", "sentence_end")},
    **{f"{kind}_{name}": pa.int64() if name in ("low", "high") else pa.int32()
       for kind in TOLL_NAMES for name in ("low", "high", "start", "end")},
}
FIGURE_TYPES = {
    "figure_id": pa.int64(), "ordinal": pa.int32(), "sentence_index": pa.int32(), "low": pa.int64(),
    "high": pa.int64(), "start_offset": pa.int32(), "end_offset": pa.int32(), "as_of": pa.date32(),
    "sentence_start": pa.int32(), "sentence_end": pa.int32(), "place_lat": pa.float64(), "place_lon": pa.float64(),
    "place_geonames_id": pa.int64(),
}
# Columns added after the first release: databases made before them get them when opened for
# writing (at the end of the table, where SCHEMA puts them too); read-only, they are read as
# they are, without them.
MIGRATIONS = [f"ALTER TABLE figures ADD COLUMN IF NOT EXISTS {column}" for column in (
    "place_name VARCHAR", "place_type VARCHAR", "place_country VARCHAR", "place_lat DOUBLE", "place_lon DOUBLE",
    "place_geonames_id BIGINT")] + [
    f"ALTER TABLE mentions ADD COLUMN IF NOT EXISTS {column}" for column in MENTION_TOLL_COLUMNS] + [
    f"ALTER TABLE events ADD COLUMN IF NOT EXISTS {column}" for column in EVENT_TOLL_COLUMNS]
DOCUMENT_TYPES = {"pub_date": pa.date32(), "n_chars": pa.int32(), "n_mentions": pa.int32()}

LOCKED_MESSAGE = "database is locked by"  # the start of every lock error: "... by `dyads serve` (PID 12)"
LOCK_HOLDER_RE = re.compile(r"Conflicting lock is held in (?P<program>.*?) \(PID (?P<pid>\d+)\)")


def open_connection(path: Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the database, turning DuckDB's cross-process file lock into a StoreError that names
    the process holding it."""
    if read_only and not path.exists():
        raise StoreError(f"{path}: no such database (run `dyads ingest` first)")
    try:
        return duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as err:
        if "lock" in str(err).lower():
            raise StoreError(locked_message(path, str(err), read_only)) from None
        raise StoreError(f"{path}: cannot open the database ({err})") from None
    except duckdb.Error as err:
        raise StoreError(f"{path}: cannot open the database ({err})") from None


def locked_message(path: Path, error: str, read_only: bool) -> str:
    """What to tell someone who cannot open `path` because another process holds it. A writer
    (an ingest) holds the file alone; readers (`dyads serve`, `dyads events`) share it with
    each other but not with a writer."""
    holder = lock_holder(error)
    if read_only:
        advice = "it is writing the database; read it when that process has finished"
    else:
        advice = ("only one process can write the database, and not while another has it open, even to read: "
                  "stop that process, or wait for it to finish")
    return f"{path}: {LOCKED_MESSAGE} {holder} ({advice})"


def lock_holder(error: str) -> str:
    """The process named in DuckDB's lock error, described by its command line when it can be
    read (Linux /proc): "`dyads serve` (PID 12: dyads serve --db events.duckdb)"."""
    found = LOCK_HOLDER_RE.search(error)
    if not found:
        return "another process"
    pid = int(found["pid"])
    command = process_command(pid)
    if not command:
        return f"process {pid} ({found['program']})"
    kind = next((word for word in command.split() if word in DYADS_COMMANDS), None)
    return f"`dyads {kind}` (PID {pid}: {command})" if kind else f"process {pid} ({command})"


DYADS_COMMANDS = ("serve", "ingest", "events", "export", "stats", "series", "watch")
MAX_COMMAND_CHARS = 200  # a command line in an error message: enough to recognise it


def process_command(pid: int) -> str | None:
    """The command line of a process, or None where it cannot be read."""
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return None
    command = " ".join(part.decode(errors="replace") for part in raw.split(b"\0") if part)
    return command[:MAX_COMMAND_CHARS] or None


class EventStore:
    """The database of one corpus, opened read-only unless asked for writing. Queries return
    pandas DataFrames.

        >>> store = EventStore("events.duckdb")          # read-only: safe beside `dyads serve`
        >>> store.events(dyad=("IRN", "RUS"), code="04", since="2015-01-01")
        >>> store.series("IRN,RUS", interval="week")

    Read-only, any number of processes may read the file at once; one writer
    (`EventStore(path, read_only=False)`, which `dyads ingest` opens) holds it alone, and an open
    that meets it fails with a StoreError naming that process.
    """

    def __init__(self, path: str | Path, read_only: bool = True) -> None:
        """Open the database at `path`: read-only (it must exist), or for writing
        (`read_only=False`: created if missing, its schema brought up to date)."""
        self.path = Path(path)
        self.read_only = read_only
        self.connection = open_connection(self.path, read_only)
        if not read_only:
            self.connection.execute(SCHEMA)
            for statement in MIGRATIONS:
                self.connection.execute(statement)
            self.connection.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)",
                                    [str(SCHEMA_VERSION)])
        elif not self._has_schema():
            self.close()
            raise StoreError(f"{self.path}: not a dyads event database")

    def __enter__(self) -> EventStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the database (a `with` block does it): a writer releases the file's lock."""
        self.connection.close()

    def _has_schema(self) -> bool:
        names = {row[0] for row in self.connection.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        return set(TABLES) <= names

    def _check_writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.path}: opened read-only; open it with EventStore(path, read_only=False) "
                             "to write")

    # --- writing ---------------------------------------------------------------------------

    def stored_hashes(self, hashes: Sequence[str]) -> set[str]:
        """Which of these content hashes are already in `documents`."""
        if not hashes:
            return set()
        rows = self.connection.execute(
            "SELECT content_hash FROM documents WHERE list_contains(?, content_hash)", [list(hashes)]
        ).fetchall()
        return {row[0] for row in rows}

    def write_batch(self, coded: Sequence[CodedArticle], failures: Sequence[Failure] = ()) -> None:
        """Store coded articles and failures in one transaction; rebuild the events they touch.
        Articles already stored (same content hash) are left as they are."""
        self._check_writable()
        documents, mentions, figures = [], [], []
        for item in coded:
            digest = content_hash(item.article.text)
            documents.append(document_row(item, digest))
            mentions += [mention_row(event, digest, ordinal) for ordinal, event in enumerate(item.events)]
            figures += [figure_row(figure, digest, ordinal) for ordinal, figure in enumerate(item.figures)]
        connection = self.connection
        try:
            connection.execute("BEGIN TRANSACTION")
            self._insert("documents", documents, DOCUMENT_TYPES)
            self._insert("mentions", mentions, MENTION_TYPES)
            self._insert("figures", figures, FIGURE_TYPES)
            if mentions:
                touched = pa.table({"event_id": pa.array(sorted({m["event_id"] for m in mentions}), pa.int64())})
                connection.register("touched_events", touched)
                rebuild_events(connection, "touched_events")
                connection.unregister("touched_events")
            self._insert("failures", [failure_row(f) for f in failures], {})
            connection.execute("COMMIT")
        except duckdb.Error as err:
            connection.execute("ROLLBACK")
            raise StoreError(f"{self.path}: cannot write a batch ({err})") from None

    def record_failures(self, failures: Sequence[Failure]) -> None:
        """Store failures alone (inputs that could not be read), in one transaction."""
        if failures:
            self.write_batch((), failures)

    def _insert(self, table: str, rows: list[dict], types: dict[str, pa.DataType]) -> None:
        if not rows:
            return
        names = list(rows[0])
        schema = pa.schema([(name, types.get(name, pa.string())) for name in names])
        batch = pa.Table.from_pylist(rows, schema=schema)
        self.connection.register("incoming", batch)
        try:
            # OR IGNORE: writing the same article twice is a no-op (ids are content hashes).
            self.connection.execute(f"INSERT OR IGNORE INTO {table} BY NAME SELECT * FROM incoming")
        finally:
            self.connection.unregister("incoming")

    def rebuild_events(self) -> None:
        """Recompute every event from the mentions (after a change to the merge rules)."""
        self._check_writable()
        self.connection.execute("BEGIN TRANSACTION")
        rebuild_events(self.connection)
        self.connection.execute("COMMIT")

    # --- reading ---------------------------------------------------------------------------

    def events(self, selection: EventFilter | None = None, *, limit: int | None = None,
               **filters: Any) -> pd.DataFrame:
        """Events that pass a filter, oldest first (then by id), one row each with the `events`
        table's columns (docs/schema.md).

        The filter is an `EventFilter` or these keywords, read as the API reads its parameters
        (`dyads.corpus.selection.parse_filter`): `actor` a source or target code prefix ("IRN"
        finds IRNGOV); `dyad` the directed (source, target) prefixes as a pair or as "IRN,RUS"
        (`both_directions=True` for either way), or `source`/`target` alone; `root` a CAMEO root
        ("04"); `code` a CAMEO code, two digits a root, more that code exactly; `quad_class`
        1-4; `since`/`until` the event date, inclusive (`date` or "YYYY-MM-DD"); `country` the
        ISO3 of its place; `place` words in the place name; `text` words in an evidence
        sentence; `has_place=True` only events with coordinates. A bad value raises ValueError
        naming it."""
        sql, params = events_sql(self._selection(selection, filters))
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return self.connection.execute(sql, params).df()

    def series(self, selection: EventFilter | str | tuple[str, str] | None = None, *, interval: str = "month",
               **filters: Any) -> pd.DataFrame:
        """Events per day, week (from Monday) or month: one row per period from the first event
        (or `since`) to the last (or `until`), periods without events as zeros, with columns
        period, events, mentions, goldstein (their mean; empty without events), and the events
        of each QuadClass (verbal_cooperation, material_cooperation, verbal_conflict,
        material_conflict). The first argument may be the dyad ("ISR,PSE" or ("ISR", "PSE"));
        filters as in `events`. The API's `/dyads/{a}/{b}/series` counts the same
        (dyads.corpus.series)."""
        if isinstance(selection, str | tuple | list):
            if "dyad" in filters:
                raise ValueError("give the dyad once")
            selection, filters = None, {**filters, "dyad": selection}
        try:
            interval = check_interval(interval)
        except ValueError as err:
            raise ValueError(f"interval: {err}") from None
        chosen = self._selection(selection, filters)
        try:
            return series_frame(series(self.connection, chosen, interval))
        except InvalidParameter as err:  # more periods than a series holds
            raise ValueError(f"{err.name}: {err.message}") from None

    @staticmethod
    def _selection(selection: EventFilter | None, filters: dict[str, Any]) -> EventFilter:
        if selection is not None:
            if any(value not in (None, False) for value in filters.values()):
                raise ValueError("give a selection or keyword filters, not both")
            return selection
        return keyword_filter(**filters)

    def table(self, name: str) -> pd.DataFrame:
        """A whole table by name (documents, mentions, events, figures, failures)."""
        if name not in TABLES:
            raise StoreError(f"unknown table {name!r} (one of: {', '.join(TABLES)})")
        return self.connection.execute(f"SELECT * FROM {name}").df()

    def mentions(self, event_id: int | None = None) -> pd.DataFrame:
        """Every mention (one coded report of an event, with its evidence sentence), or those of
        one event, by document and position."""
        where, params = ("WHERE event_id = ?", [event_id]) if event_id is not None else ("", [])
        return self.connection.execute(
            f"SELECT * FROM mentions {where} ORDER BY content_hash, ordinal", params).df()

    def figures(self) -> pd.DataFrame:
        """Reported figures (casualties, displaced...), one row per figure mention."""
        return self.connection.execute(
            "SELECT * FROM figures ORDER BY doc_id, ordinal").fetchdf()

    def failures(self) -> pd.DataFrame:
        """Inputs that could not be read or coded, with the reason, by origin."""
        return self.connection.execute("SELECT * FROM failures ORDER BY origin, reason").df()

    def counts(self) -> dict[str, int]:
        """Rows per table."""
        return {name: self.connection.execute(f"SELECT count(*) FROM {name}").fetchall()[0][0]
                for name in TABLES}

    def stats(self, top: int = 10, *, since: date | str | None = None, until: date | str | None = None
              ) -> dict[str, pd.DataFrame]:
        """Events by CAMEO root code, the `top` most frequent dyads, and events per month, of the
        events dated from `since` to `until` (inclusive; all events, dated or not, without them)."""
        where, params = where_clause(keyword_filter(since=since, until=until))
        dated = f"{where} AND date IS NOT NULL" if where else "WHERE date IS NOT NULL"
        run = self.connection.execute
        return {
            "by_root_code": run(
                "SELECT root_code, count(*) AS events, CAST(sum(num_mentions) AS BIGINT) AS mentions "
                f"FROM events {where} GROUP BY root_code ORDER BY root_code", params).df(),
            "top_dyads": run(
                "SELECT source_code, coalesce(target_code, '') AS target_code, count(*) AS events, "
                f"CAST(sum(num_mentions) AS BIGINT) AS mentions FROM events {where} GROUP BY ALL "
                "ORDER BY events DESC, mentions DESC, source_code, target_code LIMIT ?", [*params, top]).df(),
            "by_month": run(
                "SELECT strftime(date, '%Y-%m') AS month, count(*) AS events FROM events "
                f"{dated} GROUP BY month ORDER BY month", params).df(),
        }

    def stream(self, sql: str, params: Sequence[object] = (), chunk_rows: int = 10_000
               ) -> Iterator[pa.RecordBatch]:
        """Run a query and yield its result in Arrow batches: memory stays flat however large
        the table."""
        # A relation (`sql`), not `execute`: DuckDB streams it; an executed result is copied whole.
        relation = self.connection.sql(sql, params=list(params) or None)
        yield from relation.to_arrow_reader(chunk_rows)


def keyword_filter(**filters: Any) -> EventFilter:
    """The filter of `EventStore.events`' keywords (`parse_filter`'s), a bad value a ValueError
    that names it ("dyad: 'ISR': give SOURCE,TARGET actor codes...")."""
    try:
        return parse_filter(**filters)
    except InvalidParameter as err:
        raise ValueError(f"{err.name}: {err.message}") from None
    except TypeError as err:  # an unknown keyword
        raise TypeError(f"{err} (filters: {', '.join(FILTER_NAMES)})") from None


FILTER_NAMES = tuple(inspect.signature(parse_filter).parameters)


def document_row(coded: CodedArticle, digest: str) -> dict:
    article = coded.article
    return {
        "content_hash": digest, "doc_id": article.doc_id, "url": article.url,
        "source": article.source, "title": article.title, "pub_date": article.date,
        "origin": article.origin, "n_chars": len(article.text), "n_mentions": len(coded.events),
        "text": article.text,
    }


def mention_row(event: Event, digest: str, ordinal: int) -> dict:
    """The `mentions` row of an event: its storage keys, its flat row (dyads.corpus.rows) and
    what the CAMEO reference adds."""
    flat, reference = event_row(event), cameo(event.code)
    return {
        "mention_id": mention_id(digest, ordinal), "event_id": event_id(event_key(event)),
        "content_hash": digest, "ordinal": ordinal, **{name: flat[name] for name in MENTION_COLUMNS},
        "plover_type": event.plover_type or reference.plover_type,
        "plover_mode": reference.plover_mode, "plover_context": reference.plover_context,
    }


def figure_row(figure: Figure, digest: str, ordinal: int) -> dict:
    return {
        "figure_id": stable_id("figure", digest, str(ordinal)), "content_hash": digest,
        "doc_id": figure.doc_id, "ordinal": ordinal, "sentence_index": figure.sentence_index,
        "kind": figure.kind, "low": figure.low, "high": figure.high, "qualifier": figure.qualifier,
        "number_text": figure.number_text, "start_offset": figure.start, "end_offset": figure.end,
        "refers_to": figure.refers_to, "reporter": figure.reporter, "reporter_code": figure.reporter_code,
        "as_of": figure.as_of, "sentence": figure.sentence, "sentence_start": figure.sentence_start,
        "sentence_end": figure.sentence_end, **_figure_place_columns(figure.place),
    }


def _figure_place_columns(place: Place | None) -> dict:
    fields = ("name", "type", "country", "lat", "lon", "geonames_id")
    return {f"place_{name}": getattr(place, name) if place else None for name in fields}


def failure_row(failure: Failure) -> dict:
    return {"origin": failure.origin, "reason": failure.reason, "stage": failure.stage,
            "error_code": failure.error_code}
