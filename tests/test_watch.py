"""`dyads watch` against a news site on 127.0.0.1 whose feed changes between cycles: what each cycle
stores and serves, what it fetches and how politely, what it records when fetching fails, and
that a watch killed at any point ends, once restarted, with the tables of an uninterrupted one."""

from __future__ import annotations

import io
import json
import os
import random
import signal
import subprocess
import threading
import time
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from dyads.cli import main
from dyads.corpus import live
from dyads.corpus.fetch import Fetcher, Validators
from dyads.corpus.store import TABLES, WATCH_TABLES
from dyads.corpus.watch import StdinSource, Watch, source_of
from dyads.errors import FetchError
from dyads.server.app import create_app
from dyads.settings import FetchSettings
from tests.corpus_helpers import CLI, data_dir_args, settings, table_rows, write_jsonl
from tests.feed_server import PERMANENT_TROUBLE, STAGES, TROUBLE, FeedSite, article_html, item_path, set_stage
from tests.server_helpers import LOCAL_URL

# Short times, so that a page that never answers costs a second, not a minute.
FAST = FetchSettings(timeout=0.5, retries=1, backoff=0.05, host_delay=0.0, settle_seconds=0.0)
KILL_TIMEOUT = 120


@pytest.fixture
def site():
    running = FeedSite().start()
    yield running
    running.stop()


def events_of(client: TestClient, dyad: str) -> list[dict]:
    answer = client.get("/events", params={"dyad": dyad})
    assert answer.status_code == 200, answer.text
    return answer.json()["events"]


def mentions_of(client: TestClient, dyad: str, code: str) -> int | None:
    found = [event["num_mentions"] for event in events_of(client, dyad) if event["code"] == code]
    assert len(found) <= 1
    return found[0] if found else None


# --- three cycles of a feed, followed by the API ---------------------------------------------

@pytest.fixture(scope="module")
def three_cycles(tmp_path_factory):
    """Three stages of the site, a cycle each, and what the API answered after each cycle."""
    site = FeedSite().start()
    db = tmp_path_factory.mktemp("watch") / "events.duckdb"
    feeds = [site.url("/feed.xml"), site.url("/broken.xml"), site.url("/no-such-feed.xml")]
    seen: list[dict] = []
    try:
        with Watch([source_of(url) for url in feeds], db, settings=settings(), fetch=FAST) as watch:
            client = None
            for stage in (1, 2, 3):
                set_stage(site, stage)
                report = watch.cycle()
                if client is None:
                    client = TestClient(create_app(db), base_url=LOCAL_URL)  # served from the first snapshot on
                    swapped = False
                else:
                    swapped = client.app.state.follower.check()  # what the poll thread does every 2 s
                seen.append({
                    "report": report, "swapped": swapped, "version": client.get("/version").json(),
                    "meetings": mentions_of(client, "TURGOV,GRCGOV", "040"),
                    "expulsions": mentions_of(client, "IND,PAKGOV", "174"),  # "NEW DELHI, March 6 -" is a dateline
                    "accusations": mentions_of(client, "RUS,UKR", "1123"),
                    "condemnations": mentions_of(client, "CHN,USA", "111"),
                    "talks": mentions_of(client, "ISRGOV,EGYGOV", "040"),
                })
            client.app.state.follower.stop()
    finally:
        site.stop()
    return {"db": db, "site": site, "seen": seen}


def test_each_new_article_is_in_the_api_after_its_cycle(three_cycles):
    first, second, third = three_cycles["seen"]
    assert first["accusations"] == 1 and first["meetings"] == 1
    assert first["condemnations"] is None and first["talks"] is None
    assert second["swapped"] and second["condemnations"] == 1
    assert third["swapped"] and third["talks"] == 1 and third["expulsions"] == 1
    assert [seen["version"]["version"] for seen in three_cycles["seen"]] == [1, 2, 3]
    assert first["version"]["events"] < second["version"]["events"] < third["version"]["events"]


def test_mentions_are_counted_across_cycles(three_cycles):
    first, second, third = three_cycles["seen"]
    # b1 (cycle 2) reports a1's meeting (cycle 1) again: one event, two mentions, asked by the
    # same URL after the swap (so the response cache was emptied)
    assert (first["meetings"], second["meetings"], third["meetings"]) == (1, 2, 2)
    # c2 is listed twice in cycle 3, under two URLs: one article, one mention
    assert third["expulsions"] == 1
    assert [seen["report"].stored for seen in three_cycles["seen"]] == [3, 2, 2]
    assert third["report"].skipped == 1
    with duckdb.connect(str(three_cycles["db"]), read_only=True) as connection:
        [(documents,)] = connection.execute("SELECT count(*) FROM documents").fetchall()
        [(articles,)] = connection.execute(
            "SELECT num_articles FROM events WHERE source_code = 'TURGOV' AND target_code = 'GRCGOV'").fetchall()
    assert documents == 7 and articles == 2


def test_every_page_is_fetched_once_and_the_feed_conditionally(three_cycles):
    site: FeedSite = three_cycles["site"]
    for slug in [slug for names in STAGES for slug in names]:
        assert len(site.requested(item_path(slug))) == 1, slug
    assert len(site.requested("/robots.txt")) == 1
    assert site.requested("/private/report.html") == []  # robots.txt says no
    feed = site.requested("/feed.xml")
    assert len(feed) == 3 and "If-None-Match" not in feed[0].headers
    assert all("If-None-Match" in request.headers for request in feed[1:])
    # one request at a time per host, whatever the sources
    assert site.most_active == 1


def test_every_failed_fetch_is_recorded_with_its_url_and_reason(three_cycles):
    site: FeedSite = three_cycles["site"]
    failures = {origin: (reason, stage) for origin, reason, stage, _ in
                table_rows(three_cycles["db"], "failures")}
    for path, reason in TROUBLE.items():
        assert reason in failures[site.url(path)][0], path
        assert failures[site.url(path)][1] == "fetch"
    assert "malformed feed" in failures[site.url("/broken.xml")][0]
    assert failures[site.url("/no-such-feed.xml")][0] == "HTTP 404 (Not Found)"
    assert len(site.requested("/error.html")) == 3 * 2  # 3 cycles (item_attempts), 1 + 1 retry each
    states = {key: (status, attempts) for _, key, _, _, _, status, attempts in
              table_rows(three_cycles["db"], "feed_items")}
    assert states["trouble/slow.html"] == ("failed", 3) and states["trouble/error.html"] == ("failed", 3)
    assert states["trouble/gone.html"] == ("failed", 1) and states["a1"] == ("read", 1)


def test_an_unchanged_feed_costs_a_304_and_codes_nothing(site, tmp_path):
    set_stage(site, 1, trouble=())
    db = tmp_path / "events.duckdb"
    with Watch([source_of(site.url("/feed.xml"))], db, settings=settings(), fetch=FAST) as watch:
        first, second = watch.cycle(), watch.cycle()
    assert first.stored == 3 and (second.stored, second.skipped, second.failures) == (0, 0, [])
    assert second.snapshot is None  # nothing changed: nothing published
    assert len(site.requested("/feed.xml")) == 2 and len(site.requested(item_path("a1"))) == 1
    assert live.current(db).version == 1


def test_a_restarted_watch_neither_misses_nor_repeats_an_item(site, tmp_path):
    db = tmp_path / "events.duckdb"
    set_stage(site, 1, trouble=())
    with Watch([source_of(site.url("/feed.xml"))], db, settings=settings(), fetch=FAST) as watch:
        watch.cycle()
    set_stage(site, 2, trouble=())
    with Watch([source_of(site.url("/feed.xml"))], db, settings=settings(), fetch=FAST) as restarted:
        report = restarted.cycle()
    assert (report.stored, report.skipped) == (2, 0)
    assert all(len(site.requested(item_path(slug))) == 1 for slug in STAGES[0] + STAGES[1])


# --- folders and standard input --------------------------------------------------------------

def record(n: int) -> dict:
    return {"id": f"r{n}", "date": "2024-03-04",
            "text": f"Russia accused Ukraine of attacking an oil depot in Bryansk, report {n} said."}


def test_a_folder_gives_its_new_and_changed_files_once(tmp_path):
    folder, db = tmp_path / "inbox", tmp_path / "events.duckdb"
    folder.mkdir()
    write_jsonl(folder / "a.jsonl", [record(1)])
    with Watch([source_of(str(folder))], db, settings=settings(), fetch=FAST) as watch:
        first = watch.cycle()
        unchanged = watch.cycle()
        write_jsonl(folder / "a.jsonl", [record(1), record(2)])  # a line appended
        (folder / "b.txt").write_text("China condemned the United States over an arms sale to Taiwan.\n")
        (folder / "notes.md").write_text("not a supported file")
        changed = watch.cycle()
    assert first.stored == 1
    assert (unchanged.stored, unchanged.skipped) == (0, 0)  # not read again at all
    assert (changed.stored, changed.skipped) == (2, 1)  # a.jsonl re-read: its first line already stored
    assert len(table_rows(db, "watched_files")) == 2


def test_a_file_still_being_written_waits_for_the_next_cycle(tmp_path):
    folder, db = tmp_path / "inbox", tmp_path / "events.duckdb"
    folder.mkdir()
    write_jsonl(folder / "a.jsonl", [record(1)])
    patient = FetchSettings(settle_seconds=3600)
    with Watch([source_of(str(folder))], db, settings=settings(), fetch=patient) as watch:
        assert watch.cycle().stored == 0
    os.utime(folder / "a.jsonl", (time.time() - 7200, time.time() - 7200))
    with Watch([source_of(str(folder))], db, settings=settings(), fetch=patient) as watch:
        assert watch.cycle().stored == 1


def test_standard_input_is_coded_as_it_comes_and_ends_the_watch(tmp_path):
    lines = b"".join(json.dumps(record(n)).encode() + b"\n" for n in range(3)) + b"{not json\n"
    db = tmp_path / "events.duckdb"
    source = StdinSource(io.BytesIO(lines))
    time.sleep(0.2)  # the reader thread takes the lines in
    with Watch([source], db, settings=settings(), fetch=FAST) as watch:
        reports = list(watch.run(every=0.01, cycles=5))
    assert source.finished and sum(report.stored for report in reports) == 3
    assert [(f.origin, f.reason) for report in reports for f in report.failures] == [
        ("<stdin>:4", "invalid JSON (Expecting property name enclosed in double quotes)")]


def test_the_end_of_standard_input_wakes_a_waiting_watch(tmp_path):
    reader, writer = os.pipe()
    source = StdinSource(os.fdopen(reader, "rb"))
    os.write(writer, json.dumps(record(1)).encode() + b"\n")
    time.sleep(0.2)
    reports = []
    with Watch([source], tmp_path / "events.duckdb", settings=settings(), fetch=FAST) as watch:
        running = threading.Thread(target=lambda: reports.extend(watch.run(every=300)))
        running.start()
        deadline = time.monotonic() + 60
        while not reports and time.monotonic() < deadline:
            time.sleep(0.1)
        os.write(writer, json.dumps(record(2)).encode() + b"\n")
        os.close(writer)  # the end of the input: the watch codes the last line now, not in 5 minutes
        running.join(timeout=60)
        assert not running.is_alive()
    assert [report.stored for report in reports] == [1, 1]


def test_the_watch_command_reads_standard_input(tmp_path):
    db = tmp_path / "events.duckdb"
    lines = "".join(json.dumps(record(n)) + "\n" for n in range(2))
    # the default --every of 5 minutes: the end of the input, not the clock, ends the watch
    result = CliRunner().invoke(main, ["watch", "-", "--db", str(db), *data_dir_args()], input=lines)
    assert result.exit_code == 0, result.output
    assert "2 article(s) stored" in result.output
    assert len(table_rows(db, "documents")) == 2


def test_the_watch_command_names_a_missing_source(tmp_path):
    result = CliRunner().invoke(main, ["watch", str(tmp_path / "nowhere"), "--db", str(tmp_path / "x.duckdb")])
    assert result.exit_code == 2 and "nowhere: no such file or folder" in result.output


def test_durations():
    from dyads.cli.watch import duration

    assert [duration(text) for text in ("90", "30s", "5m", "1h30m", "250ms")] == [90, 30, 300, 5400, 0.25]
    with pytest.raises(Exception, match="not a duration"):
        duration("soon")


# --- the fetcher -------------------------------------------------------------------------------

def test_one_request_at_a_time_per_host_with_the_delay_between(site):
    for n in range(6):
        site.set_page(f"/p{n}.html", article_html("t", [f"page {n}"]))
    polite = FetchSettings(host_delay=0.2, timeout=5)
    with Fetcher(polite) as fetcher:
        threads = [threading.Thread(target=lambda k=k: [fetcher.get(site.url(f"/p{n}.html")) for n in range(k, 6, 2)])
                   for k in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    times = sorted(r.at for r in site.requests if r.path.startswith("/p"))
    assert len(times) == 6 and site.most_active == 1
    assert min(b - a for a, b in zip(times, times[1:], strict=False)) >= 0.18  # at least the delay (a lower bound)


def test_retries_then_a_transient_failure(site):
    site.set_status("/busy", 503)
    with Fetcher(FetchSettings(retries=2, backoff=0.01)) as fetcher, pytest.raises(FetchError) as failed:
        fetcher.get(site.url("/busy"))
    assert failed.value.transient and failed.value.reason == "HTTP 503 (Service Unavailable) (tried 3 times)"
    assert len(site.requested("/busy")) == 3


def test_a_client_error_is_not_retried(site):
    with Fetcher(FAST) as fetcher, pytest.raises(FetchError) as failed:
        fetcher.get(site.url("/missing"))
    assert not failed.value.transient and len(site.requested("/missing")) == 1


def test_conditional_requests(site):
    site.set_page("/feed.xml", b"<rss/>", "application/rss+xml")
    with Fetcher(FAST) as fetcher:
        first = fetcher.get(site.url("/feed.xml"))
        again = fetcher.get(site.url("/feed.xml"), first.validators)
        fresh = fetcher.get(site.url("/feed.xml"), Validators(etag='"other"'))
    assert first.status == 200 and first.validators.etag and first.validators.last_modified
    assert again.not_modified and again.content == b""
    assert fresh.status == 200


def test_a_page_over_the_size_limit_is_refused(site):
    site.set_page("/big.html", b"x" * 5000)
    with Fetcher(FAST, max_bytes=1000) as fetcher, pytest.raises(FetchError, match="over the 1,000-byte limit"):
        fetcher.get(site.url("/big.html"))


def test_only_http_urls(site):
    with Fetcher(FAST) as fetcher, pytest.raises(FetchError, match="not an http"):
        fetcher.get("file:///etc/passwd")


# --- kill -9 at random points ------------------------------------------------------------------

def watch_tables(db: Path) -> dict[str, list[tuple]]:
    return {table: table_rows(db, table) for table in (*TABLES, *WATCH_TABLES)}


def test_a_killed_watch_restarts_to_the_tables_of_an_uninterrupted_one(site, tmp_path):
    """Each stage of the site: a watch killed at a random point of its cycle (after a random one of
    the lines it logs: a request, a commit of one article, the state saved, the snapshot),
    started again and killed again, then run to the end; the tables equal an uninterrupted run's.
    The failing items here fail for good (a transient one would be tried once more by the extra
    cycle a kill after the state was saved causes: a different attempt count, rightly)."""
    trouble = PERMANENT_TROUBLE
    reference = tmp_path / "reference.duckdb"
    with Watch([source_of(site.url("/feed.xml"))], reference, settings=settings(), fetch=FAST,
               write_articles=1) as watch:
        for stage in (1, 2, 3):
            set_stage(site, stage, trouble)
            watch.cycle()
    expected = watch_tables(reference)
    assert len(expected["documents"]) == 7 and len(expected["failures"]) == 3

    db = tmp_path / "events.duckdb"
    command = [*CLI, "-v", "watch", site.url("/feed.xml"), "--db", str(db), "--once", "--delay", "0",
               "--timeout", "0.5", "--retries", "1", "--backoff", "0.05", "--commit-every", "1", *data_dir_args()]
    chance = random.Random(19)
    kills = 0
    for stage in (1, 2, 3):
        set_stage(site, stage, trouble)
        for _ in range(2):
            kills += kill_after_lines(command, chance.randint(1, 12))
        finished = subprocess.run(command, capture_output=True, text=True, timeout=KILL_TIMEOUT)
        assert finished.returncode == 0, finished.stderr
    assert kills >= 3, "too few kills landed inside a cycle"
    actual = watch_tables(db)
    for table, rows in expected.items():
        assert actual[table] == rows, f"table {table} differs after kills and restarts"


def kill_after_lines(command: list[str], lines: int) -> bool:
    """Run the watch, kill -9 it after it has logged `lines` lines of its cycle; True if it was
    killed (not already done)."""
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, start_new_session=True)
    watchdog = threading.Timer(KILL_TIMEOUT, lambda: os.killpg(process.pid, signal.SIGKILL))
    watchdog.start()
    try:
        assert process.stderr is not None
        counted = 0
        for line in process.stderr:
            counted += line.startswith(("INFO httpx", "INFO dyads"))
            if counted >= lines:
                os.killpg(process.pid, signal.SIGKILL)
                break
        process.wait(timeout=30)
    finally:
        watchdog.cancel()
    return process.returncode == -signal.SIGKILL
