"""The REST API and dashboard over one event database: `create_app(db_path)`.

The database is opened read-only once; each request works on its own DuckDB cursor, and
repeated GET requests are answered from a response cache (`dyads.server.cache`). Every request
first passes `dyads.server.guards` (Host header, HEAD, unknown or repeated parameters, security
headers); every parameter value is validated in `dyads.server.filters` (422 with its name and a
message) before any query runs or any byte is streamed; queries live in `dyads.server.queries`.
The dashboard's files are read from the package when the app is created and served from memory
by name: no request path ever reaches the file system.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Annotated, Literal

import duckdb
import orjson
import pyarrow as pa
from fastapi import APIRouter, Depends, FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import JSONResponse, Response, StreamingResponse
from fastapi.routing import APIRoute
from starlette.concurrency import run_in_threadpool

from dyads.corpus.export import json_record
from dyads.corpus.rows import csv_text
from dyads.corpus.selection import EventFilter, parse_filter
from dyads.corpus.store import open_connection
from dyads.errors import InputError, StoreError
from dyads.server import filters, guards, queries
from dyads.server.cache import DEFAULT_BUDGET_BYTES, CachedResponses, ResponseCache
from dyads.server.filters import DEFAULT_PAGE_SIZE, MAX_EXPORT_ROWS, MAX_PAGE_SIZE, Cursor, InvalidParameter
from dyads.server.follow import Follower, attach
from dyads.server.follow import router as follow_routes
from dyads.server.index import DEFAULT_BUDGET_BYTES as DEFAULT_INDEX_BYTES
from dyads.server.index import EventIndex

log = logging.getLogger(__name__)

DB_ENVIRONMENT = "DYADS_SERVE_DB"  # the database of `dyads serve --workers` processes (app_from_environment)
INDEX_ENVIRONMENT = "DYADS_SERVE_INDEX_BYTES"  # and their index budget
BIND_ENVIRONMENT = "DYADS_SERVE_BIND"  # the address they listen on
HOSTS_ENVIRONMENT = "DYADS_SERVE_ALLOW_HOSTS"  # and the Host names they accept besides it, one a line

STATIC_TYPES = {".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
                ".css": "text/css; charset=utf-8", ".json": "application/json", ".txt": "text/plain; charset=utf-8",
                ".svg": "image/svg+xml"}
MAX_EVENT_ID = 2**63 - 1  # BIGINT; ids are 60-bit hashes
MAX_ACTORS = 200
# Older databases may lack later tables (figures): those endpoints degrade, these must exist.
REQUIRED_TABLES = {"documents", "mentions", "events"}


@dataclass(slots=True)
class Database:
    """The read-only database of the app and what optional parts of the schema it has."""

    connection: duckdb.DuckDBPyConnection
    tables: set[str] = field(default_factory=set)
    document_text: bool = False
    index: EventIndex | None = None  # the events in memory, when they fit its budget

    @classmethod
    def open(cls, path: Path, index_bytes: int = DEFAULT_INDEX_BYTES) -> Database:
        connection = open_connection(path, read_only=True)  # read_only: DuckDB refuses every write
        tables = queries.table_names(connection)
        if not tables >= REQUIRED_TABLES:
            connection.close()
            raise StoreError(f"{path}: not a dyads event database (no {', '.join(sorted(REQUIRED_TABLES - tables))})")
        has_text = "text" in queries.column_names(connection, "documents")
        # Many small queries at once: one thread each, so they do not thrash each other's
        # thread pools (what matters is p99 under load, not one query's time).
        connection.execute("SET threads = 1")
        index = EventIndex.load(connection, index_bytes) if index_bytes else None
        if index is None and index_bytes:
            log.info("%s: events over the index budget, served by SQL alone", path)
        return cls(connection, tables, has_text, index)

    def cursor(self) -> duckdb.DuckDBPyConnection:
        return self.connection.cursor()

    def close(self) -> None:
        self.connection.close()


def create_app(db_path: str | Path, cache_bytes: int = DEFAULT_BUDGET_BYTES,
               index_bytes: int = DEFAULT_INDEX_BYTES, *, bind_host: str = "127.0.0.1",
               allowed_hosts: Iterable[str] = ()) -> FastAPI:
    """The API and dashboard over the event database at `db_path` (opened read-only), with
    repeated GET requests answered from a response cache of `cache_bytes` (0: none) and
    events and series from an in-memory index when the events fit `index_bytes` (0: never).
    Requests whose Host header is not a local name, `bind_host` or one of `allowed_hosts`
    ('*': any) are refused (`dyads.server.guards.HostPolicy`)."""
    # the database, or the newest snapshot of a watched one, followed as the watch publishes
    follower = Follower(Path(db_path), lambda path: Database.open(path, index_bytes))
    app = FastAPI(title="dyads event database", version="1", docs_url=None, redoc_url=None,  # /docs: local assets
                  description="Political events coded in CAMEO from news: who did what to whom, when and "
                              "where. Ids (event_id, mention_id) are 60-bit integers sent as strings in JSON.")
    app.state.static = load_static()
    app.add_exception_handler(InvalidParameter, invalid_parameter)
    app.include_router(api)
    app.include_router(pages)
    if cache_bytes:
        app.state.response_cache = ResponseCache(cache_bytes)
        app.add_middleware(CachedResponses, cache=app.state.response_cache)
    attach(app, follower)  # app.state.database, /version, swaps; closes the database at shutdown
    # Added last, so outermost: the cache sees only checked requests and its answers get the headers.
    # every API route, the follower's /version too; not the pages (their query is the dashboard's)
    app.add_middleware(guards.GuardedRequests, hosts=guards.HostPolicy.for_bind_address(bind_host, allowed_hosts),
                       routes=[route for route in (*api.routes, *follow_routes.routes) if isinstance(route, APIRoute)])
    return app


def app_from_environment() -> FastAPI:
    """The app over the database named in $DYADS_SERVE_DB (for `dyads serve --workers N`)."""
    return create_app(os.environ[DB_ENVIRONMENT],
                      index_bytes=int(os.environ.get(INDEX_ENVIRONMENT, DEFAULT_INDEX_BYTES)),
                      bind_host=os.environ.get(BIND_ENVIRONMENT, "127.0.0.1"),
                      allowed_hosts=os.environ.get(HOSTS_ENVIRONMENT, "").split())


def json_response(data: object) -> Response:
    """JSON from plain rows, encoded once by orjson: FastAPI's generic encoder walks every value
    again, and the standard library's takes 7 ms on a daily series of three years (0.5 ms here).
    An endpoint returning it gives its JSON's shape as `response_model=` for the OpenAPI schema."""
    return Response(orjson.dumps(data, default=str), media_type="application/json")


def invalid_parameter(_: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, InvalidParameter)
    detail = [{"loc": ["query", error.name], "msg": error.message, "type": "value_error"}]
    return JSONResponse({"detail": detail}, status_code=422)


def connection(request: Request) -> Iterator[duckdb.DuckDBPyConnection]:
    cursor = request.app.state.database.cursor()
    try:
        yield cursor
    finally:
        cursor.close()


Connection = Annotated[duckdb.DuckDBPyConnection, Depends(connection)]
Text = Annotated[str | None, Query(max_length=filters.MAX_TEXT)]


async def event_filter(  # async: pure validation, no reason to hop to a thread
    actor: Annotated[str | None, Query(description="Source or target code prefix: IRN finds IRNGOV.")] = None,
    dyad: Annotated[str | None, Query(description="SOURCE,TARGET code prefixes, directed: IRN,RUS.")] = None,
    source: Annotated[str | None, Query(description="Source code prefix.")] = None,
    target: Annotated[str | None, Query(description="Target code prefix.")] = None,
    both_directions: Annotated[bool, Query(description="Dyad in either direction.")] = False,
    root: Annotated[str | None, Query(description="CAMEO root code, two digits: 04.")] = None,
    code: Annotated[str | None, Query(description="CAMEO code, exact: 041 (not 0411); 04 is a root.")] = None,
    quad_class: Annotated[int | None, Query(ge=1, le=4, description="GDELT QuadClass 1-4.")] = None,
    since: Annotated[str | None, Query(description="First event date, YYYY-MM-DD, inclusive.")] = None,
    until: Annotated[str | None, Query(description="Last event date, YYYY-MM-DD, inclusive.")] = None,
    country: Annotated[str | None, Query(description="ISO3 country of the event's place: SYR.")] = None,
    place: Annotated[str | None, Query(max_length=filters.MAX_TEXT, description="Words in the place name.")] = None,
    q: Annotated[str | None, Query(max_length=filters.MAX_TEXT,
                                   description="Words in an evidence sentence of the event.")] = None,
    has_place: Annotated[bool, Query(description="Only events with coordinates.")] = False,
) -> EventFilter:
    # one reading of the filters for the API, the CLI and EventStore; `q` is the filter's `text`
    selection = parse_filter(actor=actor, dyad=dyad, source=source, target=target, both_directions=both_directions,
                             root=root, code=code, quad_class=quad_class, since=since, until=until,
                             country=country, place=place, has_place=has_place)
    return replace(selection, text=filters.search_text("q", q))


Selection = Annotated[EventFilter, Depends(event_filter)]
api = APIRouter()


@api.get("/events", tags=["events"], response_model=dict)
async def list_events(
    request: Request, selection: Selection,
    sort: Annotated[str, Query(description=f"One of: {', '.join(filters.SORTS)}.")] = "date",
    cursor: Annotated[str | None, Query(max_length=500, description="next_cursor of the previous page.")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = DEFAULT_PAGE_SIZE,
) -> Response:
    """Events matching the filters, a page at a time: follow `next_cursor` for the next page."""
    sort = filters.sort_name(sort)
    after = filters.decode_cursor(cursor, sort)
    database: Database = request.app.state.database
    if database.index is not None and not selection.text:
        # In memory, a millisecond or less: answered on the event loop, no thread hop.
        return json_response(database.index.page(selection, sort, after, limit))
    return json_response(await run_in_threadpool(page_from_database, database, selection, sort, after, limit))


def page_from_database(database: Database, selection: EventFilter, sort: str, after: Cursor | None,
                       limit: int) -> dict:
    with database.cursor() as cursor:
        if database.index is None:
            return queries.page_of_events(cursor, selection, sort, after, limit)
        text_ids = queries.events_with_text(cursor, selection.text or "")
    return database.index.page(selection, sort, after, limit, text_ids)


@api.get("/events/{event_id}", tags=["events"])
def get_event(db: Connection, event_id: Annotated[int, PathParam(ge=0, le=MAX_EVENT_ID)]) -> dict:
    """One event with all its mentions: evidence sentences, documents and highlighted spans."""
    event = queries.event_with_mentions(db, event_id)
    if event is None:
        raise HTTPException(404, f"no event {event_id}")
    return event


@api.get("/documents/{key}", tags=["documents"])
def get_document(db: Connection, request: Request,
                 key: Annotated[str, PathParam(max_length=filters.MAX_TEXT)]) -> dict:
    """A document (by content hash or input id) with its coded sentences and the spans in them:
    source, target and trigger, with offsets in the sentence and in the article. `text` is the
    article text when the database keeps it (null otherwise)."""
    found = queries.document(db, key, request.app.state.database.document_text)
    if found is None:
        raise HTTPException(404, f"no document {key!r}")
    return found


@api.get("/actors", tags=["actors"], response_model=list[dict])
def list_actors(db: Connection, q: Text = None,
                limit: Annotated[int, Query(ge=1, le=MAX_ACTORS)] = 50) -> Response:
    """Actor codes that occur in events, most active first; `q` is a code prefix or part of a name."""
    return json_response(queries.actors(db, filters.search_text("q", q), limit))


@api.get("/dyads/{source}/{target}/series", tags=["events"], response_model=dict)
async def dyad_series(
    request: Request, source: Annotated[str, PathParam(max_length=30)],
    target: Annotated[str, PathParam(max_length=30)],
    interval: Literal["day", "week", "month"] = "month", since: str | None = None, until: str | None = None,
    both_directions: bool = False,
) -> Response:
    """Events, mentions and mean Goldstein per day, week or month for a dyad (code prefixes),
    in total and split by QuadClass. Every period from `since` (or the first event) to `until`
    (or the last) is listed: a period without events has 0 events and a null Goldstein."""
    first, last = filters.date_range(filters.iso_date("since", since), filters.iso_date("until", until))
    selection = EventFilter(source=filters.actor_code("source", source), target=filters.actor_code("target", target),
                            both_directions=both_directions, since=first, until=last)
    database: Database = request.app.state.database
    if database.index is not None:
        series = database.index.series(selection, interval)
    else:
        series = await run_in_threadpool(series_from_database, database, selection, interval)
    return json_response({"source": selection.source, "target": selection.target, "interval": interval,
                          "both_directions": both_directions, "series": series})


def series_from_database(database: Database, selection: EventFilter, interval: str) -> list[dict]:
    with database.cursor() as cursor:
        return queries.dyad_series(cursor, selection, interval)


@api.get("/stats", tags=["stats"], response_model=dict)
def get_stats(db: Connection, top: Annotated[int, Query(ge=1, le=100)] = queries.TOP_DYADS) -> Response:
    """Table counts, date range, events by QuadClass, root code and month, most active dyads."""
    return json_response(queries.stats(db, top))


@api.get("/cameo", tags=["reference"], response_model=dict)
def cameo_names() -> Response:
    """The CAMEO event codes with their names, QuadClass and Goldstein score (names for codes)."""
    return json_response(queries.cameo_names())


MAX_EXPLAIN_CHARS = 5_000  # a paragraph or two: explanations are for reading, not for corpora


@api.get("/explain", tags=["explain"])
def explain_text(text: Annotated[str, Query(min_length=1, max_length=MAX_EXPLAIN_CHARS)],
                 date: Annotated[str | None, Query(description="Article date, YYYY-MM-DD")] = None) -> dict:
    """Why a sentence gives the events it gives: actors with their dictionary entries, the
    pattern that fired or the reason none did, dates, and the events (as `dyads explain`)."""
    from dyads.api import explain
    from dyads.coding.explain import format_explanation

    day = filters.iso_date("date", date)
    try:
        explanations = explain(text, day)
    except InputError as error:  # e.g. only page boilerplate: "Advertisement", a URL, a section path
        reason = str(error).removeprefix(f"[{error.code}] ").removeprefix("<explain>: ")
        raise InvalidParameter("text", reason) from None
    return {
        "text": format_explanation(explanations, show_parse=True),
        "sentences": [{
            "sentence": ex.sentence.text,
            "actors": [{"text": m.text, "code": m.code, "kind": m.kind, "entry": m.name, "dictionary": str(m.ref)}
                       for m in ex.actors],
            "decisions": [{"word": d.word, "outcome": d.outcome, "pattern": d.pattern} for d in ex.decisions],
            "events": [e.to_dict() for e in ex.events],
            "no_event_reason": ex.reason,
        } for ex in explanations],
    }


@api.get("/places", tags=["events"], response_model=dict)
def get_places(db: Connection, selection: Selection) -> Response:
    """Events with coordinates grouped by place (for the map), and how many match in all."""
    return json_response(queries.places(db, selection))


@api.get("/figures", tags=["figures"])
def get_figures(db: Connection, request: Request, kind: Text = None,
                limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = DEFAULT_PAGE_SIZE) -> dict:
    """Reported figures (casualties, displaced...), when the database has a figures table: one
    row per figure however many articles report it, with its mention and article counts."""
    if "figures" not in request.app.state.database.tables:
        return {"available": False, "figures": [], "message": "this database has no figures table"}
    return {"available": True, "figures": queries.figures(db, filters.search_text("kind", kind), limit)}


@api.get("/export", tags=["events"])
def export(request: Request, selection: Selection, format: Literal["csv", "jsonl"] = "csv",
           limit: Annotated[int | None, Query(ge=1, le=MAX_EXPORT_ROWS)] = None) -> StreamingResponse:
    """The filtered events as CSV or JSON lines, streamed in batches (oldest first)."""
    database: Database = request.app.state.database
    writer = csv_lines if format == "csv" else jsonl_lines
    media = "text/csv; charset=utf-8" if format == "csv" else "application/x-ndjson"
    body = stream_export(database, selection, limit, writer)
    return StreamingResponse(body, media_type=media,
                             headers={"Content-Disposition": f'attachment; filename="events.{format}"'})


BatchWriter = Callable[[pa.RecordBatch, bool], str]


def stream_export(database: Database, selection: EventFilter, limit: int | None,
                  writer: BatchWriter) -> Iterator[str]:
    """The export's lines. Its query runs and its first batch is read here, before the response
    starts: a failing query is an error status, not a 200 with a cut body."""
    cursor = database.cursor()
    try:
        batches = queries.export_batches(cursor, selection, limit)
        first = next(batches, None)
    except BaseException:
        cursor.close()
        raise
    return written_batches(cursor, first, batches, writer)


def written_batches(cursor: duckdb.DuckDBPyConnection, first: pa.RecordBatch | None,
                    rest: Iterator[pa.RecordBatch], writer: BatchWriter) -> Iterator[str]:
    try:
        if first is not None:
            yield writer(first, True)
        for batch in rest:
            yield writer(batch, False)
    finally:
        cursor.close()


def csv_lines(batch: pa.RecordBatch, header: bool) -> str:
    """CSV as `dyads export` writes it (dyads.corpus.rows.csv_text: codes that keep their zeros,
    0/1 booleans)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if header:
        writer.writerow(batch.schema.names)
    writer.writerows([csv_text(column, value) for column, value in row.items()] for row in batch.to_pylist())
    return out.getvalue()


def jsonl_lines(batch: pa.RecordBatch, header: bool) -> str:
    """JSON lines as `dyads export` writes them (ids as strings: above 2^53)."""
    return "".join(json.dumps(json_record(row), ensure_ascii=False) + "\n" for row in batch.to_pylist())


# --- the dashboard -------------------------------------------------------------------------------

pages = APIRouter(include_in_schema=False)
STATIC = resources.files("dyads.server") / "static"


def load_static() -> dict[str, tuple[bytes, str]]:
    """Every dashboard file by its name under static/, read once from the package."""
    found: dict[str, tuple[bytes, str]] = {}
    for folder, prefix in ((STATIC, ""), (STATIC / "vendor", "vendor/")):
        for item in folder.iterdir():
            suffix = Path(item.name).suffix
            if item.is_file() and suffix in STATIC_TYPES:
                found[prefix + item.name] = (item.read_bytes(), STATIC_TYPES[suffix])
    return found


@pages.get("/")
def index(request: Request) -> Response:
    return static_response(request, "index.html")


@pages.get("/docs")
def api_docs(request: Request) -> Response:
    """Swagger UI from the package's own copy (FastAPI's page loads it from a CDN: blank offline)."""
    return static_response(request, "docs.html")


@pages.get("/static/{name:path}")
def static_file(request: Request, name: str) -> Response:
    return static_response(request, name)


def static_response(request: Request, name: str) -> Response:
    found = request.app.state.static.get(name)  # a lookup by name, never a path on disk
    if found is None:
        raise HTTPException(404, "no such file")
    content, media_type = found
    return Response(content, media_type=media_type, headers={"Cache-Control": "no-cache"})
