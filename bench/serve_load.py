#!/usr/bin/env python
"""Load test of `dyads serve`: p50/p99 latency of /events and /dyads/.../series under
concurrent clients, on a synthetic database of EVENTS events.

    python bench/serve_load.py [--db bench/out/serve_load.duckdb] [--events 100000]
                               [--clients 50] [--requests 10000] [--seconds 60] [--seed 7] [--workers 2]

1. Builds the database unless it exists with as many events: rows are synthesised straight
   into the dyads.corpus.store schema (one mention and document share per event, a third of events
   with coordinates), from one seeded generator: same options, same database.
2. Starts the app with uvicorn in a child process on 127.0.0.1 and a free port, five times:
   SQL per request without the response cache (the baseline), with the cache, the in-memory
   index without and with the cache (the default), and the default in WORKERS processes.
3. Runs CLIENTS concurrent keep-alive clients over a fixed, seeded list of requests per endpoint,
   stopping at REQUESTS per endpoint or SECONDS, whichever comes first; prints latencies and
   the p99 ratio of each setup to the baseline.
Traffic goes only to 127.0.0.1.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pyarrow as pa

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT))

from dyads.corpus.store import EventStore  # noqa: E402
from dyads.knowledge.reference import cameo_codes  # noqa: E402 - after the path setup above
from dyads.server.cache import DEFAULT_BUDGET_BYTES  # noqa: E402
from dyads.server.index import DEFAULT_BUDGET_BYTES as INDEX_BYTES  # noqa: E402

ACTORS = ["IRNGOV", "RUSGOV", "USAGOV", "SYRGOV", "TURGOV", "ISRGOV", "SAUGOV", "CHNGOV", "FRAGOV", "GBRGOV",
          "IRNMIL", "RUSMIL", "SYRREB", "IGOUNO", "DEUGOV", "EGYGOV", "IRQGOV", "LBNGOV", "JORGOV", "QATGOV"]
PLACES = [("Moscow, Russia", "RUS", 55.76, 37.62), ("Tehran, Iran", "IRN", 35.69, 51.39),
          ("Damascus, Syria", "SYR", 33.51, 36.28), ("Vienna, Austria", "AUT", 48.21, 16.37),
          ("Geneva, Switzerland", "CHE", 46.20, 6.14), ("Aleppo, Syria", "SYR", 36.20, 37.16),
          ("Ankara, Turkey", "TUR", 39.93, 32.86), ("Washington, United States", "USA", 38.90, -77.04)]
START = date(2014, 1, 1)
DAYS = 3 * 365
EVENTS_PER_DOCUMENT = 5
SERVER_START_SECONDS = 60


# --- 1. the database ---------------------------------------------------------------------------

def build_database(path: Path, n_events: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    codes = sorted(cameo_codes().values(), key=lambda c: c.code)
    pick = rng.integers(0, len(codes), n_events)
    # A Zipf-like actor mix: a few dyads are very active, as in the news.
    weights = 1 / np.arange(1, len(ACTORS) + 1)
    source = rng.choice(len(ACTORS), n_events, p=weights / weights.sum())
    target = (source + 1 + rng.choice(len(ACTORS) - 1, n_events, p=weights[:-1] / weights[:-1].sum())) % len(ACTORS)
    days = rng.integers(0, DAYS, n_events)
    place = rng.integers(0, len(PLACES) * 3, n_events)  # >= len(PLACES): no place (two thirds)
    mentions = rng.integers(1, 6, n_events)
    columns = synthetic_columns(n_events, codes, pick, source, target, days, place, mentions)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    with EventStore(path, read_only=False) as store:
        insert(store, "events", pa.table(columns["events"]))
        insert(store, "mentions", pa.table(columns["mentions"]))
        insert(store, "documents", pa.table(columns["documents"]))


def synthetic_columns(n: int, codes: list, pick: np.ndarray, source: np.ndarray, target: np.ndarray,
                      days: np.ndarray, place: np.ndarray, mentions: np.ndarray) -> dict[str, dict[str, list]]:
    ids = list(range(1, n + 1))
    dates = [START + timedelta(days=int(d)) for d in days]
    code = [codes[i] for i in pick]
    src, tgt = [ACTORS[i] for i in source], [ACTORS[i] for i in target]
    located = [PLACES[p] if p < len(PLACES) else None for p in place]
    docs = [f"doc-{i // EVENTS_PER_DOCUMENT:06d}" for i in range(n)]
    sentences = [f"{s[:3]} officials {c.name.lower()} with {t[:3]} counterparts, sources said." for s, c, t in
                 zip(src, code, tgt, strict=True)]
    events = {
        "event_id": ids, "date": dates, "source_code": src, "target_code": tgt, "code": [c.code for c in code],
        "base_code": [c.code[:3] for c in code], "root_code": [c.root for c in code],
        "quad_class": [c.quad_class for c in code], "goldstein": [c.goldstein for c in code],
        "plover_type": [c.plover_type for c in code], "source_name": src, "target_name": tgt,
        "place_name": [p[0] if p else None for p in located], "place_country": [p[1] if p else None for p in located],
        "place_lat": [p[2] if p else None for p in located], "place_lon": [p[3] if p else None for p in located],
        "num_mentions": mentions.tolist(), "num_sources": mentions.tolist(), "num_articles": mentions.tolist(),
        "first_seen": dates, "last_seen": dates, "is_root": [i % 3 == 0 for i in range(n)], "mention_id": ids,
        "doc_id": docs, "url": [f"https://news.example/{d}" for d in docs], "sentence": sentences,
    }
    mention_rows = {
        "mention_id": ids, "event_id": ids, "content_hash": docs, "doc_id": docs,
        "ordinal": [i % EVENTS_PER_DOCUMENT for i in range(n)],
        "sentence_index": [i % EVENTS_PER_DOCUMENT for i in range(n)],
        "date": dates, "source_code": src, "source_text": [s[:3] for s in src], "source_start": [0] * n,
        "source_end": [3] * n, "target_code": tgt, "code": events["code"], "root_code": events["root_code"],
        "quad_class": events["quad_class"], "goldstein": events["goldstein"], "sentence": sentences,
        "sentence_start": [0] * n, "sentence_end": [len(s) for s in sentences],
    }
    unique_docs = sorted(set(docs))
    documents = {"content_hash": unique_docs, "doc_id": unique_docs, "source": ["Synthetic"] * len(unique_docs),
                 "pub_date": [START + timedelta(days=i % DAYS) for i in range(len(unique_docs))],
                 "n_mentions": [EVENTS_PER_DOCUMENT] * len(unique_docs)}
    return {"events": events, "mentions": mention_rows, "documents": documents}


def insert(store: EventStore, table: str, rows: pa.Table) -> None:
    store.connection.register("incoming", rows)
    store.connection.execute(f"INSERT INTO {table} BY NAME SELECT * FROM incoming")
    store.connection.unregister("incoming")


def stored_events(path: Path) -> int:
    if not path.exists():
        return 0
    with EventStore(path, read_only=True) as store:
        return store.counts()["events"]


# --- 2. the server -----------------------------------------------------------------------------

# Keep-alive of 60 s, longer than any queueing delay here: uvicorn's default 5 s closes idle
# connections as a queued client reuses them ("Server disconnected"), which is not latency.
# argv: database, port, response cache bytes (0: none), index bytes (0: none), worker processes
SERVE = ("import os, sys, uvicorn; from dyads.server.app import create_app; "
         "db, port, cache, index, workers = sys.argv[1], *map(int, sys.argv[2:6]); "
         "os.environ['DYADS_SERVE_DB'] = db; "
         "app = create_app(db, cache, index) if workers == 1 else 'dyads.server.app:app_from_environment'; "
         "uvicorn.run(app, factory=workers > 1, workers=workers, host='127.0.0.1', port=port, "
         "log_level='warning', timeout_keep_alive=60)")


@dataclass(frozen=True)
class Setup:
    label: str
    cache_bytes: int
    index_bytes: int
    workers: int


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(db: Path, setup: Setup) -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen([sys.executable, "-c", SERVE, str(db), str(port), str(setup.cache_bytes),
                                str(setup.index_bytes), str(setup.workers)])
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return process, base
        except OSError:
            if process.poll() is not None:
                raise SystemExit("the server exited before it listened") from None
            time.sleep(0.1)
    process.terminate()
    raise SystemExit("the server did not listen in time")


# --- 3. the load -------------------------------------------------------------------------------

def event_requests(rng: random.Random, count: int) -> list[str]:
    out = []
    for _ in range(count):
        source, target = rng.sample(ACTORS[:8], 2)
        choice = rng.random()
        if choice < 0.3:
            out.append(f"/events?dyad={source[:3]},{target[:3]}&limit=50")
        elif choice < 0.5:
            out.append(f"/events?actor={source[:3]}&root={rng.randint(1, 20):02d}&sort=-date&limit=100")
        elif choice < 0.7:
            since = START + timedelta(days=rng.randrange(DAYS - 60))
            out.append(f"/events?since={since}&until={since + timedelta(days=30)}&sort=-mentions&limit=50")
        elif choice < 0.85:
            out.append(f"/events?quad_class={rng.randint(1, 4)}&has_place=true&limit=50")
        else:
            out.append("/events?limit=50")
    return out


def series_requests(rng: random.Random, count: int) -> list[str]:
    out = []
    for _ in range(count):
        source, target = rng.sample(ACTORS[:8], 2)
        interval = rng.choice(["day", "week", "month"])
        both = rng.choice(["true", "false"])
        out.append(f"/dyads/{source[:3]}/{target[:3]}/series?interval={interval}&both_directions={both}")
    return out


async def run_load(base: str, paths: list[str], clients: int, seconds: float) -> tuple[list[float], int, float]:
    """Latencies (ms) of the paths, fetched by `clients` keep-alive connections sharing one
    queue, until done or out of time. Returns (latencies, errors, wall seconds).

    The client is a few lines of HTTP/1.1 over asyncio streams (on uvloop when installed)
    rather than httpx: on two cores shared with the server, httpx's own CPU time was most of
    what the clients cost and showed up in every latency."""
    host, port = base.removeprefix("http://").split(":")
    queue: asyncio.Queue[str] = asyncio.Queue()
    for path in paths:
        queue.put_nowait(path)
    latencies: list[float] = []
    errors = 0
    deadline = time.monotonic() + seconds

    async def worker() -> None:
        nonlocal errors
        reader, writer = await asyncio.open_connection(host, int(port))
        try:
            while not queue.empty() and time.monotonic() < deadline:
                path = queue.get_nowait()
                began = time.perf_counter()
                writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
                status = await read_response(reader)
                latencies.append((time.perf_counter() - began) * 1000)
                errors += status != 200
        finally:
            writer.close()

    began = time.monotonic()
    await asyncio.gather(*(worker() for _ in range(clients)))
    return latencies, errors, time.monotonic() - began


async def read_response(reader: asyncio.StreamReader) -> int:
    """Read one HTTP/1.1 response (Content-Length or chunked body); return its status."""
    head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").lower()
    status = int(head[9:12])
    headers = dict(line.split(": ", 1) for line in head.split("\r\n")[1:] if ": " in line)
    if "content-length" in headers:
        await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding") == "chunked":
        while size := int((await reader.readuntil(b"\r\n")).strip(), 16):
            await reader.readexactly(size + 2)
        await reader.readuntil(b"\r\n")
    return status


def run(coroutine):  # noqa: ANN001, ANN201 - asyncio.run on uvloop when it is installed
    try:
        import uvloop
    except ImportError:
        return asyncio.run(coroutine)
    return uvloop.run(coroutine)


def report(name: str, latencies: list[float], errors: int, wall: float) -> float:
    cuts = statistics.quantiles(latencies, n=100, method="inclusive")
    print(f"  {name:<8} {len(latencies):>6} requests  {errors} errors  {len(latencies) / wall:7.1f} req/s  "
          f"p50 {cuts[49]:7.1f} ms  p90 {cuts[89]:7.1f} ms  p99 {cuts[98]:7.1f} ms  max {max(latencies):7.1f} ms")
    return cuts[98]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, default=ROOT / "bench" / "out" / "serve_load.duckdb")
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=10_000, help="per endpoint")
    parser.add_argument("--seconds", type=float, default=60.0, help="time limit per endpoint")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workers", type=int, default=2, help="server processes of the last setup")
    args = parser.parse_args()
    if stored_events(args.db) != args.events:
        began = time.monotonic()
        build_database(args.db, args.events, args.seed)
        print(f"built {args.db} ({args.events:,} events) in {time.monotonic() - began:.1f} s")
    print(f"{args.clients} concurrent clients, up to {args.requests} requests or {args.seconds:.0f} s per endpoint")
    # The same requests against four servers, in this one run: the straightforward one (SQL
    # per request, no cache), then each speed-up added in turn, the default last but one.
    setups = [Setup("SQL, no cache (baseline)", 0, 0, 1), Setup("SQL, cache", DEFAULT_BUDGET_BYTES, 0, 1),
              Setup("index, no cache", 0, INDEX_BYTES, 1),
              Setup("index, cache (default)", DEFAULT_BUDGET_BYTES, INDEX_BYTES, 1),
              Setup(f"index, cache, {args.workers} processes", DEFAULT_BUDGET_BYTES, INDEX_BYTES, args.workers)]
    p99: dict[tuple[str, str], float] = {}
    for setup in setups:
        process, base = start_server(args.db, setup)
        try:
            print(f"\n{setup.label}")
            warm_up, rng = random.Random(args.seed + 1), random.Random(args.seed)
            for name, make in (("events", event_requests), ("series", series_requests)):
                run(run_load(base, make(warm_up, args.clients), args.clients, args.seconds))  # other requests
                paths = make(rng, args.requests)
                p99[setup.label, name] = report(name, *run(run_load(base, paths, args.clients, args.seconds)))
        finally:
            process.terminate()
            process.wait(timeout=10)
    first = setups[0].label
    for setup in setups[1:]:
        print(f"p99 {first} / {setup.label}: events {p99[first, 'events'] / p99[setup.label, 'events']:.1f}x, "
              f"series {p99[first, 'series'] / p99[setup.label, 'series']:.1f}x")


if __name__ == "__main__":
    main()
