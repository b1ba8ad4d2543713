"""The server follows a database that a watch writes: snapshots swapped in without a restart,
requests in flight finishing on the data they started with, the response cache emptied; and
with two real processes, `dyads serve` and a watch, new articles' events reach the API."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import duckdb
import httpx
import pytest

from dyads.corpus import live
from dyads.corpus.watch import Watch, source_of
from dyads.server.cache import ResponseCache
from dyads.server.follow import Follower
from tests.corpus_helpers import CLI, settings
from tests.feed_server import FeedSite, set_stage
from tests.server_helpers import free_port
from tests.test_watch import FAST

SERVE_TIMEOUT = 60.0


class FakeDatabase:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.closed = False

    def close(self) -> None:
        self.closed = True


def make_db(path: Path, marker: int) -> None:
    with duckdb.connect(str(path)) as connection:
        connection.execute("CREATE OR REPLACE TABLE marker AS SELECT ? AS value", [marker])


def test_a_snapshot_is_swapped_in_and_the_old_database_closed_after_its_requests(tmp_path):
    db = tmp_path / "events.duckdb"
    make_db(db, 0)
    follower = Follower(db, FakeDatabase)
    first = follower.database
    assert first.path == db and follower.version is None and not follower.check()

    started_before = follower.enter()  # a request in flight on the file itself
    snapshot = live.publish(db)
    assert follower.check() and follower.database.path == snapshot.path and follower.version == 1
    assert not first.closed  # its request is not done
    started_after = follower.enter()
    follower.leave(started_before)
    assert first.closed
    follower.leave(started_after)
    assert not follower.database.closed
    assert not follower.check()  # no newer snapshot

    second = follower.database
    live.publish(db)
    assert follower.check() and second.closed  # nothing in flight: closed at once
    follower.stop()
    assert follower.database.closed


def test_snapshots_are_numbered_and_the_old_ones_pruned(tmp_path):
    db = tmp_path / "events.duckdb"
    for marker in range(4):
        make_db(db, marker)
        snapshot = live.publish(db)
    assert snapshot.version == 4 and live.current(db) == snapshot
    names = sorted(path.name for path in live.live_dir(db).iterdir())
    assert names == ["00000003.duckdb", "00000004.duckdb", "CURRENT"]
    with duckdb.connect(str(snapshot.path), read_only=True) as connection:
        assert connection.execute("SELECT value FROM marker").fetchall() == [(3,)]


def test_an_interrupted_publish_leaves_the_last_snapshot_current(tmp_path):
    db = tmp_path / "events.duckdb"
    make_db(db, 1)
    live.publish(db)
    (live.live_dir(db) / ".00000002.duckdb.tmp").write_bytes(b"half a copy")  # killed while copying
    assert live.current(db).version == 1
    assert live.publish(db).version == 2
    assert not (live.live_dir(db) / ".00000002.duckdb.tmp").exists()


def test_the_cache_keeps_nothing_computed_before_it_was_emptied():
    cache = ResponseCache(1 << 20)
    cache.put("/a", 200, [], b"old")
    generation = cache.generation  # a request starts
    cache.clear()  # the data changes meanwhile
    cache.put("/b", 200, [], b"old data", generation)
    assert cache.get("/a") is None and cache.get("/b") is None
    cache.put("/b", 200, [], b"new data", cache.generation)
    assert cache.get("/b") == (200, [], b"new data")


# --- two processes -------------------------------------------------------------------------------

def wait_for(condition, what: str, timeout: float = SERVE_TIMEOUT):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            found = condition()
        except httpx.HTTPError:
            found = None
        if found:
            return found
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def dyad_events(base: str, dyad: str) -> list[dict]:
    return httpx.get(f"{base}/events", params={"dyad": dyad}, timeout=5).json()["events"]


@pytest.fixture
def site():
    running = FeedSite().start()
    yield running
    running.stop()


def test_serve_follows_a_watch_in_another_process(site, tmp_path):
    """`dyads serve` started on the database file before any snapshot exists holds it read-only;
    the watch publishes a snapshot, the server switches to it and lets go of the file, the watch
    writes its cycle, and the server shows the new events from the next snapshot on."""
    db = tmp_path / "events.duckdb"
    feed = [source_of(site.url("/feed.xml"))]
    set_stage(site, 1, trouble=())
    with Watch(feed, db, settings=settings(), fetch=FAST, publish_snapshots=False) as watch:
        watch.cycle()
    assert live.current(db) is None

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([*CLI, "serve", "--db", str(db), "--port", str(port)], stderr=subprocess.PIPE)
    try:
        wait_for(lambda: httpx.get(f"{base}/version", timeout=5).status_code == 200, "the server to start")
        assert httpx.get(f"{base}/version").json()["version"] is None  # the file itself
        assert dyad_events(base, "CHN,USA") == []

        set_stage(site, 2, trouble=())
        with Watch(feed, db, settings=settings(), fetch=FAST) as watch:
            report = watch.cycle()  # waits for the server to let go of the file
        assert report.stored == 2 and report.snapshot is not None
        wait_for(lambda: dyad_events(base, "CHN,USA"), "the second cycle's events in the API")
        assert httpx.get(f"{base}/version").json()["version"] == report.snapshot.version
        meeting = [e for e in dyad_events(base, "TURGOV,GRCGOV") if e["code"] == "040"]
        assert [e["num_mentions"] for e in meeting] == [2]

        set_stage(site, 3, trouble=())
        with Watch(feed, db, settings=settings(), fetch=FAST) as watch:
            watch.cycle()  # the server holds only snapshots now: no waiting
        wait_for(lambda: dyad_events(base, "IND,PAKGOV"), "the third cycle's events in the API")
    finally:
        server.terminate()
        server.wait(timeout=30)
