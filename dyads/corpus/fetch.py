"""Polite HTTP for `dyads watch`: feeds and article pages, one request at a time per host.

`Fetcher.get(url, validators)` goes through these steps:
  1. robots.txt: the host's rules, fetched once per `robots_ttl`; a URL they disallow is not
     requested (RFC 9309: a missing robots.txt allows everything, an unreachable one nothing);
  2. the host's turn: one request at a time per host, `host_delay` seconds between two;
  3. the request: conditional when the caller has validators (ETag, Last-Modified; a 304 costs
     no body), redirects followed up to `max_redirects`, the body read up to the article size
     limit within `timeout` seconds for the whole answer (a page that trickles is cut too);
  4. a timeout, a refused connection, a 408, 429 or 5xx is tried again after `backoff` seconds,
     doubled each time, `retries` times; then, and at once for any other error status, a
     `FetchError` names the URL and the reason, with whether a later try might succeed.

Reasons are worded without timings or counters that vary between runs, so that the same
failure recorded twice (a watch restarted) is one row of `failures`.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from dyads.errors import FetchError
from dyads.settings import MAX_ARTICLE_BYTES, FetchSettings

log = logging.getLogger(__name__)

TRANSIENT_STATUSES = {408, 429, 500, 502, 503, 504}
MAX_RETRY_AFTER = 60.0  # seconds: a longer Retry-After waits for the next cycle instead
ROBOTS_RETRY_SECONDS = 300.0  # an unreachable robots.txt is asked again after this, not at every page


@dataclass(frozen=True, slots=True)
class Validators:
    """What a server said identifies its answer, sent back to ask "has it changed?"."""

    etag: str | None = None
    last_modified: str | None = None

    def headers(self) -> dict[str, str]:
        headers = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers


@dataclass(frozen=True, slots=True)
class Page:
    url: str  # where the answer came from, after redirects
    status: int  # 200, or 304: not modified since the validators sent
    content: bytes
    content_type: str
    encoding: str | None  # the charset the server declared
    validators: Validators

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    def text(self) -> str:
        """The body as text, in the declared charset (UTF-8 when none); bytes that do not
        decode become U+FFFD rather than losing the page."""
        try:
            return self.content.decode(self.encoding or "utf-8", errors="replace")
        except LookupError:  # a charset Python does not know
            return self.content.decode("utf-8", errors="replace")


@dataclass(slots=True)
class _Host:
    lock: threading.Lock = field(default_factory=threading.Lock)
    ready_at: float = 0.0  # monotonic time of the next allowed request
    robots: RobotFileParser | None = None
    robots_until: float = 0.0
    robots_error: str | None = None  # why the rules are unknown (then nothing is fetched)


class Fetcher:
    """An HTTP client shared by a watch's cycles: it keeps each host's robots.txt and turn.
    Thread-safe: requests to different hosts may run at once, never two to one host."""

    def __init__(self, settings: FetchSettings | None = None, max_bytes: int = MAX_ARTICLE_BYTES) -> None:
        self.settings = settings or FetchSettings()
        self.max_bytes = max_bytes
        self.client = httpx.Client(follow_redirects=True, max_redirects=self.settings.max_redirects,
                                   headers={"User-Agent": self.settings.user_agent})
        self._hosts: dict[str, _Host] = {}
        self._hosts_lock = threading.Lock()
        self.requests = 0  # requests sent, robots.txt included

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.client.close()

    def get(self, url: str, validators: Validators | None = None) -> Page:
        """The page at `url` (see the module's steps); raises FetchError."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise FetchError(url, "not an http(s) URL")
        host = self._host(f"{parts.scheme}://{parts.netloc}")
        with host.lock:
            if self.settings.robots:
                self._check_robots(url, f"{parts.scheme}://{parts.netloc}", host)
            return self._with_retries(url, host, validators.headers() if validators else {})

    # --- robots.txt --------------------------------------------------------------------------

    def _check_robots(self, url: str, origin: str, host: _Host) -> None:
        if time.monotonic() >= host.robots_until:
            self._load_robots(origin, host)
        if host.robots_error:
            raise FetchError(url, f"robots.txt unavailable ({host.robots_error}): not fetched", transient=True)
        assert host.robots is not None
        if not host.robots.can_fetch(self.settings.user_agent, url):
            raise FetchError(url, "disallowed by robots.txt")

    def _load_robots(self, origin: str, host: _Host) -> None:
        rules = RobotFileParser()
        try:
            page = self._with_retries(f"{origin}/robots.txt", host, {})
            rules.parse(page.text().splitlines())
            host.robots, host.robots_error = rules, None
            host.robots_until = time.monotonic() + self.settings.robots_ttl
        except FetchError as err:
            if err.transient:  # RFC 9309: an unreachable robots.txt means "disallow all", for now
                host.robots, host.robots_error = None, err.reason
                host.robots_until = time.monotonic() + min(self.settings.robots_ttl, ROBOTS_RETRY_SECONDS)
                return
            rules.parse([])  # missing (4xx) or unusable: no rules, everything allowed
            host.robots, host.robots_error = rules, None
            host.robots_until = time.monotonic() + self.settings.robots_ttl

    # --- requests ----------------------------------------------------------------------------

    def _host(self, origin: str) -> _Host:
        with self._hosts_lock:
            return self._hosts.setdefault(origin, _Host())

    def _with_retries(self, url: str, host: _Host, headers: dict[str, str]) -> Page:
        tries = self.settings.retries + 1
        for attempt in range(tries):
            try:
                return self._request(url, host, headers)
            except _Retry as retry:
                if attempt == tries - 1:
                    times = "once" if tries == 1 else f"{tries} times"
                    raise FetchError(url, f"{retry.reason} (tried {times})", transient=True) from None
                wait = self.settings.backoff * 2**attempt
                if retry.after is not None:
                    wait = max(wait, min(retry.after, MAX_RETRY_AFTER))
                log.info("%s: %s; trying again in %.1f s", url, retry.reason, wait)
                time.sleep(wait)
        raise AssertionError("unreachable")

    def _request(self, url: str, host: _Host, headers: dict[str, str]) -> Page:
        pause = host.ready_at - time.monotonic()
        if pause > 0:
            time.sleep(pause)
        timeout = self.settings.timeout
        try:
            self.requests += 1
            with self.client.stream("GET", url, headers=headers, timeout=timeout) as response:
                if response.status_code == 304:
                    return _page(response, b"")
                if response.status_code in TRANSIENT_STATUSES:
                    raise _Retry(_status(response), _retry_after(response))
                if response.status_code >= 400:
                    raise FetchError(url, _status(response))
                return _page(response, self._body(url, response, time.monotonic() + timeout))
        except httpx.TooManyRedirects:
            raise FetchError(url, f"redirect loop (more than {self.settings.max_redirects} redirects)") from None
        except httpx.TimeoutException:
            raise _Retry(f"no answer within {timeout:g} s", None) from None
        except (httpx.UnsupportedProtocol, httpx.InvalidURL) as err:
            raise FetchError(url, f"cannot be requested ({err})") from None
        except httpx.TransportError as err:
            raise _Retry(f"cannot connect ({type(err).__name__})", None) from None
        finally:
            host.ready_at = time.monotonic() + self.settings.host_delay

    def _body(self, url: str, response: httpx.Response, deadline: float) -> bytes:
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > self.max_bytes:
                raise FetchError(url, f"over the {self.max_bytes:,}-byte limit for one article")
            if time.monotonic() > deadline:
                raise _Retry(f"no complete answer within {self.settings.timeout:g} s", None)
            chunks.append(chunk)
        return b"".join(chunks)


class _Retry(Exception):
    """A failure worth another try: its reason, and how long the server asked us to wait."""

    def __init__(self, reason: str, after: float | None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.after = after


def _page(response: httpx.Response, content: bytes) -> Page:
    validators = Validators(response.headers.get("ETag"), response.headers.get("Last-Modified"))
    return Page(str(response.url), response.status_code, content, response.headers.get("Content-Type", ""),
                response.charset_encoding, validators)


def _status(response: httpx.Response) -> str:
    return f"HTTP {response.status_code}" + (f" ({response.reason_phrase})" if response.reason_phrase else "")


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("Retry-After", "")
    return float(value) if value.strip().isdigit() else None
