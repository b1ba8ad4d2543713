"""The server follows a database that `dyads watch` writes, without a restart and without making
a reader wait.

DuckDB keeps a reader out of a file that another process writes, so the watch publishes
snapshots (dyads.corpus.live) and the server serves the newest one. `Follower` polls the
snapshot pointer every `poll_seconds` in a thread; when a new snapshot is there it opens it
read-only and builds its in-memory index (`Database.open`, off the event loop, while requests
go on being answered from the old one), then swaps `app.state.database` in one assignment and
empties the response cache. A request uses the database that was current when it looked, to its
end: the old database is closed only when every request that started before the swap is done
(`TrackRequests` counts them by generation). A server started before any snapshot existed opens
the database file itself and switches to the first snapshot when one appears, letting go of the
file so the watch can write it.
"""

from __future__ import annotations

import logging
import threading
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from fastapi import APIRouter, Request

from dyads.corpus import live

if TYPE_CHECKING:
    from fastapi import FastAPI

    from dyads.server.cache import Receive, Scope, Send

log = logging.getLogger(__name__)

POLL_SECONDS = 2.0  # a stat and a read of a few bytes: cheap, and new events show within it


class Closable(Protocol):
    def close(self) -> None: ...


D = TypeVar("D", bound=Closable)


class Follower(Generic[D]):
    """The served database: the newest snapshot of `db` when a watch publishes them, else `db`."""

    def __init__(self, db: Path, open_database: Callable[[Path], D], poll_seconds: float = POLL_SECONDS) -> None:
        self.db = db
        self.open_database = open_database
        self.poll_seconds = poll_seconds
        snapshot = live.current(db)
        self.database: D = open_database(snapshot.path if snapshot else db)
        self.version: int | None = snapshot.version if snapshot else None
        self.generation = 0  # swaps so far
        self.loaded_at = datetime.now(UTC)
        self.on_swap: list[Callable[[], None]] = []
        self.state: Any = None  # an object whose `database` is swapped with ours (the app's state)
        self._retired: list[tuple[int, D]] = []  # swapped out, waiting for their requests to end
        self._in_flight: Counter[int] = Counter()  # requests by the generation they started in
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # --- following ------------------------------------------------------------------------------

    def check(self) -> bool:
        """Swap in the newest snapshot if it is not the one served; True when it swapped."""
        snapshot = live.current(self.db)
        if snapshot is None or snapshot.version == self.version:
            return False
        database = self.open_database(snapshot.path)  # the slow part, while the old one serves
        with self._lock:
            old, self.database = self.database, database
            if self.state is not None:  # before the generation moves on: see _collect
                self.state.database = database
            self.version = snapshot.version
            self._retired.append((self.generation, old))
            self.generation += 1
            self.loaded_at = datetime.now(UTC)
        for callback in self.on_swap:
            callback()
        log.info("serving snapshot %d of %s", snapshot.version, self.db)
        self._collect()
        return True

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._poll, name="dyads-follow", daemon=True)
            self._thread.start()

    def _poll(self) -> None:
        while not self._stop.wait(self.poll_seconds):
            try:
                self.check()
            except Exception:  # noqa: BLE001 - a snapshot deleted or damaged meanwhile: try at the next poll
                log.exception("cannot switch to the new snapshot of %s", self.db)

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
        with self._lock:
            closing = [database for _, database in self._retired] + [self.database]
            self._retired.clear()
        for database in closing:
            database.close()

    # --- requests in flight -----------------------------------------------------------------------

    def enter(self) -> int:
        with self._lock:
            self._in_flight[self.generation] += 1
            return self.generation

    def leave(self, generation: int) -> None:
        with self._lock:
            self._in_flight[generation] -= 1
            if not self._in_flight[generation]:
                del self._in_flight[generation]
        self._collect()

    def _collect(self) -> None:
        """Close the retired databases no request can still be using: a request of generation g
        uses a database of generation g or later, so database k is free once no request of
        generation k or earlier is in flight."""
        with self._lock:
            oldest = min(self._in_flight, default=self.generation)
            free = [database for generation, database in self._retired if generation < oldest]
            self._retired = [(generation, database) for generation, database in self._retired
                             if generation >= oldest]
        for database in free:
            database.close()


class TrackRequests:
    """ASGI middleware: each HTTP request counted in flight, by the generation it started in."""

    def __init__(self, app: Callable[[Scope, Receive, Send], Any], follower: Follower) -> None:
        self.app = app
        self.follower = follower

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        generation = self.follower.enter()
        try:
            await self.app(scope, receive, send)
        finally:
            self.follower.leave(generation)


router = APIRouter()


@router.get("/version", tags=["stats"])
def data_version(request: Request) -> dict:
    """Which data is served: the snapshot version of a watched database (null when the database
    is served as it is), how many events it holds and when it was loaded. The dashboard polls it
    to show that new events have come in."""
    follower: Follower = request.app.state.follower
    with request.app.state.database.cursor() as cursor:
        [(events,)] = cursor.execute("SELECT count(*) FROM events").fetchall()
    return {"version": follower.version, "events": events,
            "loaded_at": follower.loaded_at.isoformat(timespec="seconds")}


def attach(app: FastAPI, follower: Follower) -> None:
    """Serve `follower.database` as `app.state.database`, swapped when a snapshot comes: the
    poll thread runs while the app does, the response cache is emptied at each swap."""
    app.state.follower = follower
    app.state.database = follower.database
    follower.state = app.state
    cache = getattr(app.state, "response_cache", None)
    if cache is not None:
        follower.on_swap.append(cache.clear)
    app.include_router(router)
    app.add_middleware(TrackRequests, follower=follower)
    app.router.on_startup.append(follower.start)
    app.router.on_shutdown.append(follower.stop)
