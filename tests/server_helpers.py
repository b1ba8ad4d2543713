"""A small event database for the server tests: the sample articles plus a generated corpus,
with a few events given coordinates (as the geocoder will) so the map has points.

Built once per test session (about 5 s, most of it loading spaCy) and shared by the API and
browser tests. DYADS_DATA_DIR picks the dictionaries, as in tests/corpus_helpers.py.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from functools import cache
from pathlib import Path

import duckdb

from dyads.ingest_run import ingest
from tests.conftest import ROOT, TRUCE_PAGE, VIENNA
from tests.corpus_helpers import settings, write_jsonl

GENERATED_ARTICLES = 24
# (place name, ISO3, lat, lon): given to events in turn, ordered by event_id.
PLACES = [
    ("Moscow, Russia", "RUS", 55.7558, 37.6173),
    ("Tehran, Iran", "IRN", 35.6892, 51.3890),
    ("Damascus, Syria", "SYR", 33.5138, 36.2765),
    ("Vienna, Austria", "AUT", 48.2082, 16.3738),
]
LOCATED_EVENTS = 12


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
    locate_events(db)
    return db


def locate_events(db: Path) -> None:
    """Give the first LOCATED_EVENTS events (by id) a place, cycling through PLACES."""
    with duckdb.connect(str(db)) as connection:
        ids = [row[0] for row in connection.execute(
            "SELECT event_id FROM events ORDER BY event_id LIMIT ?", [LOCATED_EVENTS]).fetchall()]
        for index, event_id in enumerate(ids):
            name, country, lat, lon = PLACES[index % len(PLACES)]
            connection.execute(
                "UPDATE events SET place_name = ?, place_type = 'city', place_country = ?, place_lat = ?, "
                "place_lon = ? WHERE event_id = ?", [name, country, lat, lon, event_id])


@cache
def shared_database() -> Path:
    """The test database, built on first use in this process."""
    return build_database(Path(tempfile.mkdtemp(prefix="dyads-server-")))
