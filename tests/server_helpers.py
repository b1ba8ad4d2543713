"""A small event database for the server tests: the sample articles plus a generated corpus,
geocoded by the pipeline.

Built once per test session (about 5 s, most of it loading spaCy) and shared by the API and
browser tests. DYADS_DATA_DIR picks the dictionaries, as in tests/corpus_helpers.py.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import duckdb

from dyads.corpus.ingest import ingest
from tests.conftest import ROOT, TRUCE_PAGE, VIENNA
from tests.corpus_helpers import settings, write_jsonl

GENERATED_ARTICLES = 24
LOCAL_URL = "http://127.0.0.1"  # a TestClient's base URL: the server refuses Host headers not its own
def sample_records() -> list[dict]:
    return [
        {"id": "vienna", "date": "2015-12-02", "source": "Press TV", "url": "https://presstv.example/vienna",
         "title": "Iran, Russia discuss Syria", "text": VIENNA.read_text(encoding="utf-8")},
        {"id": "truce", "date": "2016-03-26", "source": "Press TV", "url": "https://presstv.example/truce",
         "text": TRUCE_PAGE.read_text(encoding="utf-8")},
    ]


def build_database(root: Path) -> Path:
    corpus = root / "corpus"
    corpus.mkdir(parents=True)
    write_jsonl(corpus / "samples.jsonl", sample_records())
    subprocess.run([sys.executable, str(ROOT / "scripts" / "make_corpus.py"), "--articles", str(GENERATED_ARTICLES),
                    "--out", str(corpus / "generated"), "--seed", "11"], check=True, capture_output=True)
    db = root / "events.duckdb"
    report = ingest([corpus], db, workers=1, settings=settings())
    assert report.stored >= GENERATED_ARTICLES and not report.failures, report
    return db


def located_events(db: Path) -> int:
    """How many events the geocoder placed at coordinates."""
    with duckdb.connect(str(db), read_only=True) as connection:
        return connection.execute("SELECT count(*) FROM events WHERE place_lat IS NOT NULL").fetchone()[0]


@cache
def shared_database() -> Path:
    """The test database, built on first use in this process."""
    return build_database(Path(tempfile.mkdtemp(prefix="dyads-server-")))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def served(app: object) -> Iterator[int]:
    """The app on 127.0.0.1 and a free port (yielded), served by uvicorn in a background thread."""
    import uvicorn

    port = free_port()
    instance = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not instance.started:
        assert time.monotonic() < deadline and thread.is_alive(), "uvicorn did not start"
        time.sleep(0.05)
    try:
        yield port
    finally:
        instance.should_exit = True
        thread.join(timeout=5)
