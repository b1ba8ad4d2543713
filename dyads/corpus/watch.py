"""`dyads watch`: folders, feeds and standard input coded into the event database as they change.

A cycle (`Watch.cycle`) goes through these steps:
  1. open the database for writing (one writer at a time; a server that holds it read-only is
     first given a snapshot to follow, see 5) and read what the watch remembers of its sources
     (`dyads.corpus.store.WATCH_TABLES`: each feed's validators, each item's outcome, each file's
     size and time);
  2. list what is new: files new or changed since they were last read; feed items not yet read
     (the feed fetched conditionally, so an unchanged feed costs a 304); lines standard input
     gave since the last cycle;
  3. read them, a feed item's page fetched politely (dyads.corpus.fetch) and cleaned like any
     HTML input, and code and store them through ingest (`ingest_into`: the same batches,
     content-hash dedupe across cycles and sources, and event merge as `dyads ingest`);
  4. save what the cycle learnt about its sources in one transaction, after its articles are
     committed: a kill before that leaves the items to do again, and their articles are then
     skipped as already stored, so the database ends as after an uninterrupted run;
  5. close the database and, when the cycle changed it, publish a snapshot that servers follow
     (dyads.corpus.live).

An item whose page fails for a reason that may pass (a timeout, a 5xx) is tried again in the
next cycles, `item_attempts` times in all; every failure is in `failures` with its URL.
"""

from __future__ import annotations

import contextlib
import logging
import queue
import sys
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO, Any, Protocol

from dyads.corpus.fetch import Fetcher, Page, Validators
from dyads.corpus.ingest import BATCH_ARTICLES, Input, expand_paths, ingest_into
from dyads.corpus.live import Snapshot, current, publish
from dyads.corpus.read import (
    article_from_json,
    html_to_article,
    looks_like_html,
    make_article,
    read_path,
)
from dyads.corpus.store import EventStore, open_connection
from dyads.errors import FetchError, InputError, StoreError
from dyads.model import Article, Failure
from dyads.settings import WRITE_ARTICLES, FetchSettings, Settings

log = logging.getLogger(__name__)

STDIN = "-"
LOCK_WAIT_SECONDS = 30.0  # how long a watch waits for a server to let go of the database file
LOCK_POLL_SECONDS = 0.25
WAKE_SECONDS = 0.5  # how soon a waiting watch notices that standard input has ended
# Item outcomes in `feed_items.status`: read (stored, a duplicate, or unreadable: fetching it
# again would give the same), failed (given up), retry (a transient failure, attempts left).
READ, FAILED, RETRY = "read", "failed", "retry"


@dataclass
class StateChanges:
    """What a cycle learnt about its sources, saved in one transaction at its end (step 4)."""

    feeds: dict[str, tuple[str | None, str | None, str | None]] = field(default_factory=dict)
    # (feed, item key) -> (url, title, date, status, attempts)
    items: dict[tuple[str, str], tuple[str | None, str | None, date | None, str, int]] = field(default_factory=dict)
    files: dict[str, tuple[int, int]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.feeds or self.items or self.files)

    def save(self, store: EventStore) -> None:
        connection = store.connection
        try:
            connection.execute("BEGIN TRANSACTION")
            if self.feeds:
                connection.executemany("INSERT OR REPLACE INTO feeds VALUES (?, ?, ?, ?)",
                                       [(url, *row) for url, row in self.feeds.items()])
            if self.items:
                connection.executemany("INSERT OR REPLACE INTO feed_items VALUES (?, ?, ?, ?, ?, ?, ?)",
                                       [(*key, *row) for key, row in self.items.items()])
            if self.files:
                connection.executemany("INSERT OR REPLACE INTO watched_files VALUES (?, ?, ?)",
                                       [(path, *row) for path, row in self.files.items()])
            connection.execute("COMMIT")
        except Exception:
            connection.execute("ROLLBACK")
            raise


@dataclass
class Context:
    """What sources read with during a cycle."""

    store: EventStore
    changes: StateChanges
    fetcher: Fetcher
    settings: Settings
    fetch: FetchSettings
    default_date: date | None


class Source(Protocol):
    name: str

    def inputs(self, context: Context) -> Iterator[Input]:
        """This cycle's new inputs, read lazily (ingest pulls them as it codes)."""
        ...

    @property
    def finished(self) -> bool:
        """Nothing more will ever come (standard input at its end)."""
        ...


# --- folders and files ----------------------------------------------------------------------

@dataclass
class PathSource:
    """A folder (searched recursively), a file or a glob: files new or changed since they were
    last read (size or modification time), once they have not changed for `settle_seconds`."""

    name: str
    finished: bool = False

    def inputs(self, context: Context) -> Iterator[Input]:
        files = [path for path in expand_paths([self.name]) if path.is_file()]
        if not files:
            log.info("%s: no files", self.name)
            return
        keys = [str(path.resolve()) for path in files]
        known = dict_of(context.store.connection.execute(
            "SELECT path, size, mtime_ns FROM watched_files WHERE list_contains(?, path)", [keys]).fetchall())
        settled_before = time.time_ns() - int(context.fetch.settle_seconds * 1e9)
        for path, key in zip(files, keys, strict=True):
            try:
                stat = path.stat()
            except OSError:
                continue  # gone since the listing
            seen = (stat.st_size, stat.st_mtime_ns)
            if known.get(key) == seen or stat.st_mtime_ns > settled_before:
                continue
            context.changes.files[key] = seen
            yield path, read_path(path, context.default_date, context.settings)


def dict_of(rows: Iterable[tuple]) -> dict[Any, tuple]:
    return {row[0]: tuple(row[1:]) for row in rows}


# --- feeds ------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class FeedItem:
    key: str  # the item's id (guid), else its link
    url: str | None
    title: str | None
    date: date | None


@dataclass
class FeedSource:
    """An RSS or Atom feed: each item not yet read has its page fetched and read as an article."""

    name: str  # the feed's URL
    finished: bool = False

    def inputs(self, context: Context) -> Iterator[Input]:
        connection = context.store.connection
        row = connection.execute("SELECT etag, last_modified, title FROM feeds WHERE feed_url = ?",
                                 [self.name]).fetchone()
        validators = Validators(row[0], row[1]) if row else Validators()
        try:
            page = context.fetcher.get(self.name, validators)
        except FetchError as err:
            yield self.name, [err]
            return
        if page.not_modified:
            title = row[2] if row else None
            yield from self._items([], title, context)
            return
        try:
            title, items = parse_feed(page)
        except FetchError as err:
            yield self.name, [err]
            return
        context.changes.feeds[self.name] = (page.validators.etag, page.validators.last_modified, title)
        yield from self._items(items, title, context)

    def _items(self, listed: list[FeedItem], feed_title: str | None, context: Context) -> Iterator[Input]:
        """The listed items not yet read, then earlier items waiting for another try (the feed
        unchanged, or they left it)."""
        rows = context.store.connection.execute(
            "SELECT item_key, url, title, published, status, attempts FROM feed_items "
            "WHERE feed_url = ? AND (status = ? OR list_contains(?, item_key))",
            [self.name, RETRY, [item.key for item in listed]]).fetchall()
        known = {key: (status, attempts) for key, _, _, _, status, attempts in rows}
        waiting = [FeedItem(key, url, title, published) for key, url, title, published, status, _ in rows
                   if status == RETRY]
        fresh = [item for item in listed if item.key not in known]
        log.info("%s: %d items listed, %d new, %d to try again", self.name, len(listed), len(fresh), len(waiting))
        for item in [*fresh, *sorted(waiting, key=lambda item: item.key)]:
            attempts = known.get(item.key, (RETRY, 0))[1]
            yield item.url or self.name, self._read(item, attempts, feed_title, context)

    def _read(self, item: FeedItem, attempts: int, feed_title: str | None, context: Context
              ) -> Iterator[Article | InputError]:
        """The item's article, its page fetched when ingest asks for it; records the outcome."""
        key = (self.name, item.key)
        if not item.url:
            context.changes.items[key] = (None, item.title, item.date, FAILED, attempts + 1)
            yield FetchError(self.name, f"item {item.key!r} has no link")
            return
        try:
            page = context.fetcher.get(item.url)
        except FetchError as err:
            attempts += 1
            given_up = not err.transient or attempts >= context.fetch.item_attempts
            context.changes.items[key] = (item.url, item.title, item.date, FAILED if given_up else RETRY, attempts)
            yield err
            return
        context.changes.items[key] = (item.url, item.title, item.date, READ, attempts + 1)
        try:
            yield page_article(page, item, feed_title, context)
        except InputError as err:
            yield err


def parse_feed(page: Page) -> tuple[str | None, list[FeedItem]]:
    """The feed's title and items, in feed order, each key once. Raises FetchError when the
    document is not a feed (a malformed feed that still gives items is read, with a warning)."""
    import feedparser

    parsed = feedparser.parse(page.content, response_headers={"content-type": page.content_type,
                                                              "content-location": page.url})
    items: dict[str, FeedItem] = {}
    for entry in parsed.entries:
        url = entry.get("link")
        key = entry.get("id") or url
        if not key:
            continue
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        day = date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday) if stamp else None
        items.setdefault(key, FeedItem(key, url, entry.get("title"), day))
    if parsed.bozo and not items:
        raise FetchError(page.url, f"malformed feed, no items read ({parsed.get('bozo_exception')})")
    if parsed.bozo:
        log.warning("%s: malformed feed, %d items read anyway (%s)", page.url, len(items), parsed.get("bozo_exception"))
    return parsed.feed.get("title"), list(items.values())


def page_article(page: Page, item: FeedItem, feed_title: str | None, context: Context) -> Article:
    """A fetched page as an article, cleaned like any HTML input. The feed's date and headline are
    the article's (the publisher's own metadata); the page's are used when the feed has none."""
    if not page.content.strip():
        raise InputError(f"{item.url}: the page is empty")
    text = page.text()
    origin = item.url or page.url
    article_date = item.date or context.default_date
    if "html" in page.content_type.lower() or looks_like_html(text):
        return html_to_article(text, origin, article_date, context.settings, url=origin, title=item.title,
                               source=feed_title)
    return make_article(text, origin=origin, article_date=article_date, url=origin, title=item.title,
                        source=feed_title, settings=context.settings)


# --- standard input ---------------------------------------------------------------------------

class StdinSource:
    """JSON lines on standard input (one article a line, as `dyads ingest` reads .jsonl), taken as
    they arrive: each cycle codes the lines read since the last one. A line read but not yet
    committed when the watch is killed is lost with the pipe: give a file or folder instead
    where that matters."""

    name = STDIN

    def __init__(self, stream: IO[bytes] | None = None) -> None:
        self.lines: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        self.number = 0
        self._ended = False
        self.ended = threading.Event()  # the stream is at its end (its last lines may wait for a cycle)
        reader = threading.Thread(target=self._read, args=(stream or sys.stdin.buffer,), daemon=True)
        reader.start()

    def _read(self, stream: IO[bytes]) -> None:
        for line in stream:
            self.lines.put(line)
        self.lines.put(None)
        self.ended.set()

    @property
    def finished(self) -> bool:
        return self._ended

    def inputs(self, context: Context) -> Iterator[Input]:
        while True:
            try:
                line = self.lines.get_nowait()
            except queue.Empty:
                return
            if line is None:
                self._ended = True
                return
            self.number += 1
            if line.strip():
                where = f"<stdin>:{self.number}"
                yield where, [article_from_json(line, where, context.default_date, context.settings)]


def source_of(name: str, stdin: IO[bytes] | None = None) -> Source:
    """A source by what it is named: "-" standard input, an http(s) URL a feed, else a path."""
    if name == STDIN:
        return StdinSource(stdin)
    if name.startswith(("http://", "https://")):
        return FeedSource(name)
    return PathSource(name)


# --- the cycles -------------------------------------------------------------------------------

@dataclass
class CycleReport:
    number: int
    stored: int = 0
    skipped: int = 0
    mentions: int = 0
    failures: list[Failure] = field(default_factory=list)
    seconds: float = 0.0
    snapshot: Snapshot | None = None  # published at the end of the cycle


class Watch:
    """Sources watched into one database; `cycle()` runs one cycle, `run()` them all."""

    def __init__(self, sources: Sequence[Source], db: str | Path, *, settings: Settings | None = None,
                 fetch: FetchSettings | None = None, workers: int = 1, default_date: date | None = None,
                 write_articles: int = WRITE_ARTICLES, publish_snapshots: bool = True) -> None:
        self.sources = list(sources)
        self.db = Path(db)
        self.settings = settings or Settings()
        self.fetch = fetch or FetchSettings()
        self.workers = workers
        self.default_date = default_date
        self.write_articles = write_articles
        self.publish_snapshots = publish_snapshots
        self.fetcher = Fetcher(self.fetch, self.settings.max_article_bytes)
        self.cycles = 0

    def close(self) -> None:
        self.fetcher.close()

    def __enter__(self) -> Watch:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def finished(self) -> bool:
        return all(source.finished for source in self.sources)

    def cycle(self) -> CycleReport:
        """One cycle of the module's steps."""
        started = time.monotonic()
        self.cycles += 1
        report = CycleReport(self.cycles)
        changes = StateChanges()
        with self._open_store() as store:  # 1.
            before = fingerprint(store)
            stale = self.cycles == 1 and self.publish_snapshots and not snapshot_matches(self.db, before)
            context = Context(store, changes, self.fetcher, self.settings, self.fetch, self.default_date)
            inputs = (item for source in self.sources for item in source.inputs(context))  # 2.
            done = ingest_into(store, inputs, workers=self.workers, settings=self.settings,  # 3.
                               batch_articles=BATCH_ARTICLES, write_articles=self.write_articles)
            if changes:
                changes.save(store)  # 4.
            changed = bool(changes) or fingerprint(store) != before
        report.stored, report.skipped, report.mentions = done.stored, done.skipped, done.mentions
        report.failures = done.failures
        if self.publish_snapshots and (changed or stale):  # 5.
            report.snapshot = publish(self.db)
        report.seconds = time.monotonic() - started
        log.info("cycle %d done: %d stored, %d skipped, %d failures", report.number, report.stored,
                 report.skipped, len(report.failures))
        return report

    def run(self, every: float, cycles: int | None = None, stop: threading.Event | None = None
            ) -> Iterator[CycleReport]:
        """Cycles `every` seconds apart (start to start), until `cycles` are done, `stop` is set or
        every source is finished."""
        stop = stop or threading.Event()
        while not stop.is_set():
            report = self.cycle()
            yield report
            if (cycles is not None and self.cycles >= cycles) or self.finished:
                return
            wake = time.monotonic() + every - report.seconds
            while time.monotonic() < wake and not self._input_ended() and not stop.wait(
                    min(WAKE_SECONDS, max(0.0, wake - time.monotonic()))):
                pass

    def _input_ended(self) -> bool:
        """Standard input has ended since the last cycle: code its last lines now, not `every` later."""
        return any(isinstance(source, StdinSource) and source.ended.is_set() and not source.finished
                   for source in self.sources)

    @contextlib.contextmanager
    def _open_store(self) -> Iterator[EventStore]:
        store = open_writer(self.db, self.publish_snapshots)
        try:
            yield store
        finally:
            store.close()


def fingerprint(store: EventStore) -> tuple:
    """Row counts that any write of a cycle changes (articles, failures; the watch's own state is
    in StateChanges): equal before and after, the database is as it was."""
    return store.connection.execute(FINGERPRINT).fetchone() or ()


FINGERPRINT = "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM failures)"


def snapshot_matches(db: Path, counts: tuple) -> bool:
    """Whether the published snapshot has the database's counts: a watch starting on a database
    that something else wrote since (an ingest between two watches) publishes it first."""
    snapshot = current(db)
    if snapshot is None:
        return False
    try:
        connection = open_connection(snapshot.path, read_only=True)
    except StoreError:
        return False
    try:
        return connection.execute(FINGERPRINT).fetchone() == counts
    finally:
        connection.close()


def open_writer(db: Path, publish_snapshots: bool = True, wait: float = LOCK_WAIT_SECONDS) -> EventStore:
    """The database opened for writing. When a reader holds it (a `dyads serve` started before
    the watch), publish a snapshot for it to follow, then wait for it to let go; a writer
    holding it is an error at once."""
    try:
        return EventStore(db, read_only=False)
    except StoreError:
        if not db.exists() or not publish_snapshots:
            raise
    try:
        reader = open_connection(db, read_only=True)  # succeeds only if nobody writes it
    except StoreError as err:  # its message names the writer (dyads.corpus.store.lock_holder)
        raise StoreError(f"{db}: the database is being written by another process, one writer at a time: "
                         f"{str(err).removeprefix(f'[{err.code}] ')}") from None
    try:
        publish(db)  # the file is stable: we hold it read-only, so nobody can write it
    finally:
        reader.close()
    log.info("%s is open in a reader; published a snapshot for it to follow, waiting for it", db)
    deadline = time.monotonic() + wait
    while True:
        time.sleep(LOCK_POLL_SECONDS)
        try:
            return EventStore(db, read_only=False)
        except StoreError:
            if time.monotonic() > deadline:
                raise StoreError(f"{db}: still open in another process after {wait:g} s (a `dyads serve` "
                                 "that does not follow snapshots? restart it after the watch starts)") from None
