"""A response cache for the read-only API.

The server opens its database read-only and nothing else writes to it while it serves, so a
GET request's answer depends on its path and query alone: the same request gets the same
bytes (a followed database changes only by a swap of snapshots, which empties the cache:
dyads.server.follow). Repeated requests (a dashboard's default views, the same dyad asked for by many
analysts) are answered from memory instead of queueing for DuckDB and the JSON encoder on two
cores. Only complete 200 responses of bounded size are kept, in least-recently-used order
within a byte budget; streamed exports are never cached.

The key is the path and the query as checked against what its endpoint reads
(`dyads.server.guards`: no unknown names, no single-value name given twice), left in the scope
under `CHECKED_QUERY`. Its pairs are then ordered by name, which can only join requests that
mean the same. A request nothing checked (a page, the docs) is not cached.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import urlencode

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

DEFAULT_BUDGET_BYTES = 128 * 1024 * 1024
MAX_ENTRY_BYTES = 2 * 1024 * 1024  # a page of events is ~100 KB; bigger answers are rare
UNCACHED_PREFIXES = ("/export",)  # streamed, possibly large
CHECKED_QUERY = "dyads.checked_query"  # scope key: the query's (name, value) pairs, checked, ordered by name


class ResponseCache:
    """Least-recently-used responses within a byte budget (thread-safe)."""

    def __init__(self, budget_bytes: int = DEFAULT_BUDGET_BYTES) -> None:
        self.budget = budget_bytes
        self.size = 0
        self.entries: OrderedDict[str, tuple[int, list, bytes]] = OrderedDict()
        self.hits = self.misses = 0
        self.lock = threading.Lock()
        self.generation = 0  # bumped by clear(): answers computed before it are not kept

    def get(self, key: str) -> tuple[int, list, bytes] | None:
        with self.lock:
            entry = self.entries.get(key)
            if entry is None:
                self.misses += 1
                return None
            self.entries.move_to_end(key)
            self.hits += 1
            return entry

    def put(self, key: str, status: int, headers: list, body: bytes, generation: int | None = None) -> None:
        if len(body) > MAX_ENTRY_BYTES:
            return
        with self.lock:
            if key in self.entries or (generation is not None and generation != self.generation):
                return
            self.entries[key] = (status, headers, body)
            self.size += len(body)
            while self.size > self.budget and self.entries:
                _, (_, _, old) = self.entries.popitem(last=False)
                self.size -= len(old)


    def clear(self) -> None:
        """Forget every answer: the data changed (a followed database swapped, dyads.server.follow).
        An answer being computed meanwhile, from the old data, is not kept either."""
        with self.lock:
            self.entries.clear()
            self.size = 0
            self.generation += 1


def cache_key(scope: Scope) -> str | None:
    """Path and checked query: "?a=1&b=2", "?b=2&a=1" and "?b=%32&a=1" are one; None when
    nothing checked the query."""
    checked = scope.get(CHECKED_QUERY)
    return None if checked is None else f"{scope['path']}?{urlencode(checked)}"


class CachedResponses:
    """ASGI middleware answering repeated GET requests from a `ResponseCache`."""

    def __init__(self, app: ASGIApp, cache: ResponseCache) -> None:
        self.app = app
        self.cache = cache

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        key = cache_key(scope) if scope["type"] == "http" and scope["method"] == "GET" else None
        if key is None or scope["path"].startswith(UNCACHED_PREFIXES):
            await self.app(scope, receive, send)
            return
        found = self.cache.get(key)
        if found is not None:
            status, headers, body = found
            await send({"type": "http.response.start", "status": status, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return
        start: Message = {}
        chunks: list[bytes] = []
        generation = self.cache.generation

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if not message.get("more_body") and start.get("status") == 200:
                    self.cache.put(key, 200, list(start.get("headers", [])), b"".join(chunks), generation)
            await send(message)

        await self.app(scope, receive, capture)
