"""The API's reads of the event database. Each function takes a DuckDB connection (a cursor of
the app's read-only database) and validated values from `dyads.server.filters`, and returns
plain JSON-ready Python values. Parameters are always bound (`?`), never formatted in."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa

from dyads.corpus.selection import EVENTS_WITH_TEXT, EventFilter, events_sql, where_clause
from dyads.corpus.series import series
from dyads.knowledge.reference import cameo_codes
from dyads.server.filters import DATE_SORTS, SORTS, Cursor, encode_cursor

Row = dict[str, Any]
EXPORT_CHUNK_ROWS = 5_000  # rows per Arrow batch streamed by /export: a few MB at most
TOP_DYADS = 25  # dyads in /stats: enough for the dashboard's network without clutter
MAP_POINTS = 1_000  # distinct places in /places: the map stays readable and light
QUAD_CLASSES = (1, 2, 3, 4)
FIGURE_REPORTS = 20  # reports listed with a merged figure (its counts cover them all)


# 60-bit hash ids: JSON carries them as strings, since JavaScript numbers hold only 53 bits.
STRING_IDS = frozenset({"event_id", "mention_id", "figure_id"})


def rows(connection: duckdb.DuckDBPyConnection, sql: str, params: Sequence[object] | None = None) -> list[Row]:
    result = connection.execute(sql, params or [])
    names = [column[0] for column in result.description]
    return [{name: _plain(name, value) for name, value in zip(names, row, strict=True)} for row in result.fetchall()]


def scalar(connection: duckdb.DuckDBPyConnection, sql: str, params: Sequence[object] | None = None) -> Any:
    """The one value of a query that always returns one row (`SELECT count(*) ...`)."""
    row = connection.execute(sql, params).fetchone()
    assert row is not None, sql
    return row[0]


def _plain(name: str, value: object) -> object:
    if isinstance(value, date):
        return value.isoformat()
    if name in STRING_IDS and isinstance(value, int):
        return str(value)
    return value


def table_names(connection: duckdb.DuckDBPyConnection) -> set[str]:
    return {row[0] for row in connection.execute("SELECT table_name FROM duckdb_tables()").fetchall()}


def column_names(connection: duckdb.DuckDBPyConnection, table: str) -> set[str]:
    found = connection.execute("SELECT column_name FROM duckdb_columns() WHERE table_name = ?", [table])
    return {row[0] for row in found.fetchall()}


# --- events ------------------------------------------------------------------------------------

def events_with_text(connection: duckdb.DuckDBPyConnection, text: str) -> np.ndarray:
    """Ids of the events with an evidence sentence containing `text` (lower case)."""
    found = connection.execute(f"SELECT DISTINCT event_id FROM ({EVENTS_WITH_TEXT})", [text])
    return np.array([row[0] for row in found.fetchall()], dtype=np.int64)


def page_of_events(connection: duckdb.DuckDBPyConnection, selection: EventFilter, sort: str,
                   cursor: Cursor | None, limit: int) -> Row:
    """One page of events in `sort` order after `cursor`, with the cursor of the next page."""
    key, direction = SORTS[sort]
    where, params = where_clause(selection)
    total = scalar(connection, f"SELECT count(*) FROM events {where}", params)
    if cursor is not None:
        compare = ">" if direction == "ASC" else "<"
        value = "CAST(? AS DATE)" if sort in DATE_SORTS else "CAST(? AS DOUBLE)"
        after = f"({key} {compare} {value} OR ({key} = {value} AND event_id {compare} ?))"
        where = f"{where} AND {after}" if where else f"WHERE {after}"
        params = [*params, cursor.key, cursor.key, cursor.event_id]
    # Two steps: the page's ids by a sort over two columns, then their rows. Sorting whole rows
    # (with their evidence sentences) to keep 51 costs DuckDB twice as much.
    order = f"ORDER BY {key} {direction}, event_id {direction}"
    ids = [row[0] for row in connection.execute(
        f"SELECT event_id FROM events {where} {order} LIMIT ?", [*params, limit + 1]).fetchall()]
    # ids are integers read from the database, safe to inline; a literal list finds them fastest
    listed = ", ".join(str(int(i)) for i in ids)
    found = rows(connection, f"SELECT *, {key} AS sort_key FROM events WHERE event_id IN ({listed}) "
                             f"ORDER BY sort_key {direction}, event_id {direction}") if ids else []
    page = found[:limit]
    last = page[-1] if len(found) > limit else None
    next_cursor = encode_cursor(sort, last["sort_key"], int(last["event_id"])) if last else None
    for row in page:
        del row["sort_key"]
    return {"total": total, "count": len(page), "next_cursor": next_cursor, "events": page}


def event_with_mentions(connection: duckdb.DuckDBPyConnection, event_id: int) -> Row | None:
    found = rows(connection, "SELECT * FROM events WHERE event_id = ?", [event_id])
    if not found:
        return None
    event = found[0]
    event["code_name"] = _code_name(event["code"])
    event["mentions"] = [_with_spans(m) for m in rows(connection, (
        "SELECT m.*, d.title, d.url, d.source, d.pub_date FROM mentions m "
        "JOIN documents d USING (content_hash) WHERE m.event_id = ? "
        "ORDER BY d.pub_date NULLS LAST, m.content_hash, m.ordinal"), [event_id])]
    return event


def cameo_names() -> Row:
    """Every CAMEO event code with its name, QuadClass and Goldstein score, for labels."""
    return {"codes": {code: {"name": known.name, "quad_class": known.quad_class, "goldstein": known.goldstein}
                      for code, known in cameo_codes().items()}}


def _code_name(code: str) -> str | None:
    known = cameo_codes().get(code)
    return known.name if known else None


def _with_spans(mention: Row) -> Row:
    mention["spans"] = mention_spans(mention)
    return mention


def mention_spans(mention: Row) -> list[Row]:
    """The source, target and trigger of a mention as spans of its evidence sentence: offsets
    relative to the sentence (`start`, `end`) and to the article (`article_start`, ...)."""
    spans = []
    for kind in ("source", "target", "trigger"):
        start, end = mention.get(f"{kind}_start"), mention.get(f"{kind}_end")
        span = _sentence_span(mention, start, end)
        if span is None:
            continue
        code = mention.get("code") if kind == "trigger" else mention.get(f"{kind}_code")
        spans.append({"type": kind, **span, "article_start": start, "article_end": end, "code": code,
                      "mention_id": mention["mention_id"], "event_id": mention["event_id"]})
    return sorted(spans, key=lambda span: (span["start"], span["end"]))


def _sentence_span(mention: Row, start: int | None, end: int | None) -> Row | None:
    sentence, offset = mention.get("sentence") or "", mention.get("sentence_start")
    if start is None or end is None or offset is None:
        return None
    relative_start, relative_end = start - offset, end - offset
    if not 0 <= relative_start < relative_end <= len(sentence):
        return None  # offsets outside the stored sentence: better no highlight than a wrong one
    return {"start": relative_start, "end": relative_end, "text": sentence[relative_start:relative_end]}


# --- documents ---------------------------------------------------------------------------------

def document(connection: duckdb.DuckDBPyConnection, key: str, has_text: bool) -> Row | None:
    """A document by content hash or input id, with its coded sentences and their spans."""
    text_column = ", text" if has_text else ""
    found = rows(connection, (
        f"SELECT content_hash, doc_id, url, source, title, pub_date, n_chars, n_mentions{text_column} "
        "FROM documents WHERE content_hash = ? OR doc_id = ? ORDER BY content_hash LIMIT 1"), [key, key])
    if not found:
        return None
    doc = found[0]
    doc.setdefault("text", None)
    mentions = rows(connection, (
        "SELECT mention_id, event_id, ordinal, sentence_index, sentence, sentence_start, sentence_end, "
        "code, root_code, quad_class, goldstein, date, source_code, source_name, source_start, source_end, "
        "target_code, target_name, target_start, target_end, trigger, trigger_start, trigger_end "
        "FROM mentions WHERE content_hash = ? ORDER BY sentence_start, ordinal"), [doc["content_hash"]])
    doc["sentences"] = group_sentences(mentions)
    doc["spans"] = [_article_span(span) for sentence in doc["sentences"] for span in sentence["spans"]]
    return doc


def group_sentences(mentions: list[Row]) -> list[Row]:
    sentences: dict[int, Row] = {}
    for mention in mentions:
        sentence = sentences.setdefault(mention["sentence_start"], {
            "index": mention["sentence_index"], "start": mention["sentence_start"],
            "end": mention["sentence_end"], "text": mention["sentence"], "events": [], "spans": []})
        sentence["events"].append({name: mention[name] for name in (
            "event_id", "mention_id", "code", "root_code", "quad_class", "goldstein", "date",
            "source_code", "source_name", "target_code", "target_name", "trigger")})
        sentence["spans"] += mention_spans(mention)
    for sentence in sentences.values():
        sentence["spans"].sort(key=lambda span: (span["start"], span["end"]))
    return list(sentences.values())


def _article_span(span: Row) -> Row:
    return {**span, "start": span["article_start"], "end": span["article_end"]}


# --- actors, dyads, stats ------------------------------------------------------------------------

def actors(connection: duckdb.DuckDBPyConnection, search: str | None, limit: int) -> list[Row]:
    """Actor codes in the events with their names and counts; `search` matches a code prefix
    or part of a name."""
    condition, params = "", []
    if search:
        condition = "WHERE starts_with(code, upper(?)) OR contains(lower(name), ?)"
        params = [search, search]
    return rows(connection, (
        "WITH sides AS ("
        "  SELECT source_code AS code, source_name AS name, 1 AS as_source, 0 AS as_target FROM events"
        "  UNION ALL SELECT target_code, target_name, 0, 1 FROM events WHERE target_code IS NOT NULL) "
        "SELECT code, list_slice(list(DISTINCT name ORDER BY name) FILTER (WHERE name IS NOT NULL), 1, 5) AS names, "
        "CAST(sum(as_source) AS BIGINT) AS as_source, CAST(sum(as_target) AS BIGINT) AS as_target, "
        "CAST(count(*) AS BIGINT) AS events "
        f"FROM sides {condition} GROUP BY code ORDER BY events DESC, code LIMIT ?"), [*params, limit])


def dyad_series(connection: duckdb.DuckDBPyConnection, selection: EventFilter, interval: str) -> list[Row]:
    """Events, mentions and mean Goldstein per period, in total and by QuadClass; every period
    of the range is there, those without events as zeros (`dyads.corpus.series.series`, the
    definition `EventStore.series` and `dyads series` use too)."""
    return series(connection, selection, interval)


def stats(connection: duckdb.DuckDBPyConnection, top: int = TOP_DYADS) -> Row:
    counts = {name: scalar(connection, f"SELECT count(*) FROM {name}")
              for name in ("documents", "mentions", "events", "failures")}
    by_root = rows(connection, (
        "SELECT root_code, count(*) AS events, CAST(sum(num_mentions) AS BIGINT) AS mentions, "
        "avg(goldstein) AS goldstein FROM events GROUP BY root_code ORDER BY root_code"))
    for row in by_root:
        row["name"] = _code_name(row["root_code"])
    return {
        "counts": counts,
        "dates": rows(connection, "SELECT min(date) AS first, max(date) AS last FROM events")[0],
        "with_place": scalar(connection, "SELECT count(*) FROM events WHERE place_lat IS NOT NULL"),
        "by_quad_class": rows(connection, (
            "SELECT quad_class, count(*) AS events FROM events GROUP BY quad_class ORDER BY quad_class")),
        "by_root_code": by_root,
        "top_dyads": rows(connection, (
            "SELECT source_code, target_code, count(*) AS events, CAST(sum(num_mentions) AS BIGINT) AS mentions, "
            "avg(goldstein) AS goldstein FROM events WHERE target_code IS NOT NULL GROUP BY ALL "
            "ORDER BY events DESC, mentions DESC, source_code, target_code LIMIT ?"), [top]),
        "by_month": rows(connection, (
            "SELECT strftime(date, '%Y-%m') AS month, count(*) AS events FROM events "
            "WHERE date IS NOT NULL GROUP BY month ORDER BY month")),
    }


def places(connection: duckdb.DuckDBPyConnection, selection: EventFilter, limit: int = MAP_POINTS) -> Row:
    """Events with coordinates grouped by place, with their count by QuadClass (for the map's
    colours), and how many events match in all."""
    where, params = where_clause(selection)
    located = f"{where} AND place_lat IS NOT NULL" if where else "WHERE place_lat IS NOT NULL"
    by_quad = ", ".join(f"count(*) FILTER (WHERE quad_class = {quad}) AS q{quad}" for quad in QUAD_CLASSES)
    points = rows(connection, (
        "SELECT place_name AS name, place_country AS country, place_lat AS lat, place_lon AS lon, "
        f"count(*) AS events, avg(goldstein) AS goldstein, {by_quad} "
        f"FROM events {located} AND place_lon IS NOT NULL GROUP BY ALL ORDER BY events DESC, name LIMIT ?"),
        [*params, limit])
    for point in points:
        counts = {str(quad): point.pop(f"q{quad}") for quad in QUAD_CLASSES}
        point["by_quad_class"] = {quad: count for quad, count in counts.items() if count}
    total = scalar(connection, f"SELECT count(*) FROM events {where}", params)
    return {"total": total, "located": sum(point["events"] for point in points), "places": points}


# One figure, however many articles report it: what (kind and bounds), where (country) and as
# of when; as an event is one (date, source, target, code). Its words, sentence and article are
# those of its first report (earliest article).
FIGURE_KEY = ("kind", "low", "high", "as_of", "place_country")
REPORT_ORDER = "pub_date NULLS LAST, content_hash, ordinal"
# what a merged figure lists of each report: enough to open its article and mark the figure there
REPORT_FIELDS = {name: name for name in (
    "figure_id", "content_hash", "doc_id", "pub_date", "number_text", "start_offset", "end_offset",
    "sentence", "sentence_start", "sentence_end")} | {"source": "outlet", "title": "article_title"}


def figures(connection: duckdb.DuckDBPyConnection, kind: str | None, limit: int) -> list[Row]:
    """Reported figures merged across the articles that report them: the first report's row
    with `num_mentions`, `num_articles`, `num_sources`, the dates it was first and last
    reported, every reporter named, and the reports themselves (up to FIGURE_REPORTS)."""
    condition = "WHERE f.kind = ?" if kind else ""
    # databases made before figures had places, opened read-only, have no place columns
    no_place = "" if "place_country" in column_names(connection, "figures") else ", NULL AS place_country"
    key = ", ".join(FIGURE_KEY)
    report = "{" + ", ".join(f"'{name}': {column}" for name, column in REPORT_FIELDS.items()) + "}"
    # the biggest counts first (a bound is the figure's size when the other is open), the most
    # reported next; the first report's id breaks ties so pages are stable
    order = ("greatest(coalesce(r.high, 0), coalesce(r.low, 0)) DESC, m.num_mentions DESC, r.as_of DESC NULLS LAST, "
             "r.figure_id")
    found = rows(connection, (
        "WITH reports AS ("
        f"  SELECT f.*{no_place}, d.pub_date, d.source AS outlet, d.title AS article_title "
        f"  FROM figures f LEFT JOIN documents d USING (content_hash) {condition}), "
        "merged AS ("
        f"  SELECT {key}, first(figure_id ORDER BY {REPORT_ORDER}) AS first_report, "
        "  count(*) AS num_mentions, count(DISTINCT content_hash) AS num_articles, "
        "  count(DISTINCT outlet) AS num_sources, min(pub_date) AS first_reported, max(pub_date) AS last_reported, "
        "  coalesce(list(DISTINCT reporter ORDER BY reporter) FILTER (WHERE reporter IS NOT NULL), []) AS reporters, "
        f"  list_slice(list({report} ORDER BY {REPORT_ORDER}), 1, {FIGURE_REPORTS}) AS reports "
        f"  FROM reports GROUP BY {key}) "
        "SELECT r.* EXCLUDE (outlet, article_title), m.num_mentions, m.num_articles, m.num_sources, "
        "m.first_reported, m.last_reported, m.reporters, m.reports "
        f"FROM merged m JOIN reports r ON r.figure_id = m.first_report ORDER BY {order} LIMIT ?"),
        [kind, limit] if kind else [limit])
    for figure in found:
        figure["reports"] = [{name: _plain(name, value) for name, value in item.items()} for item in figure["reports"]]
    return found


# --- export ------------------------------------------------------------------------------------

def export_batches(connection: duckdb.DuckDBPyConnection, selection: EventFilter,
                   limit: int | None) -> Iterator[pa.RecordBatch]:
    sql, params = events_sql(selection)
    if limit is not None:
        sql += " LIMIT ?"
        params = [*params, limit]
    yield from connection.sql(sql, params=params or None).to_arrow_reader(EXPORT_CHUNK_ROWS)
