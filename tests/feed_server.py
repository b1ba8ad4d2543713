"""A news site on 127.0.0.1 for the watch tests and bench/watch_soak.py: RSS feeds and article
pages that change between cycles, and the ways fetching goes wrong (404, 500, a page that never
answers, a redirect loop, a malformed feed, a path robots.txt disallows). No request leaves the
machine. Every request is logged with its headers, so tests can check what the watch asked."""

from __future__ import annotations

import hashlib
import html
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

ROBOTS = "User-agent: *\nDisallow: /private/\n"
LAST_MODIFIED = "Mon, 04 Mar 2024 06:00:00 GMT"
HANG_SECONDS = 30.0  # a hanging page answers never, in practice: until the site stops


@dataclass(frozen=True, slots=True)
class Item:
    guid: str
    path: str
    title: str
    pub_date: str  # RFC 822, as RSS has it


@dataclass(frozen=True, slots=True)
class Request:
    path: str
    headers: dict[str, str]
    at: float  # time.monotonic() when it came


def article_html(title: str, paragraphs: list[str]) -> bytes:
    body = "".join(f"<p>{html.escape(p)}</p>\n" for p in paragraphs)
    return (f"<!doctype html>\n<html><head><meta charset='utf-8'><title>{html.escape(title)}</title></head>\n"
            f"<body><nav><a href='/'>Home</a> | <a href='/world'>World</a></nav>\n"
            f"<article><h1>{html.escape(title)}</h1>\n{body}</article>\n"
            f"<footer>Copyright 2024 Example News. All rights reserved.</footer></body></html>\n").encode()


def rss(title: str, base: str, items: list[Item]) -> bytes:
    entries = "".join(
        f"<item><title>{html.escape(item.title)}</title><link>{base}{item.path}</link>"
        f"<guid isPermaLink='false'>{html.escape(item.guid)}</guid><pubDate>{item.pub_date}</pubDate></item>\n"
        for item in items)
    return (f"<?xml version='1.0' encoding='UTF-8'?>\n<rss version='2.0'><channel><title>{html.escape(title)}</title>"
            f"<link>{base}/</link><description>World news</description>\n{entries}</channel></rss>\n").encode()


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that gave up (a timeout the test provoked) is not the site's error


class FeedSite:
    """Start with `start()`; set what each path answers with the `set_*` methods at any time."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple[str, Any]] = {}
        self.requests: list[Request] = []
        self.active = self.most_active = 0  # requests being answered now, and at most at once
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.set_text("/robots.txt", ROBOTS)
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802 - the http.server name
                site.answer(self)

            def log_message(self, *args: object) -> None:
                pass

        self.server = QuietServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"

    def start(self) -> FeedSite:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        self.server.shutdown()
        self.server.server_close()

    def url(self, path: str) -> str:
        return self.base + path

    # --- what the site serves ---------------------------------------------------------------

    def set_page(self, path: str, body: bytes, content_type: str = "text/html; charset=utf-8") -> None:
        with self.lock:
            self.routes[path] = ("body", (body, content_type))

    def set_text(self, path: str, text: str) -> None:
        self.set_page(path, text.encode("utf-8"), "text/plain; charset=utf-8")

    def set_feed(self, path: str, title: str, items: list[Item]) -> None:
        self.set_page(path, rss(title, self.base, items), "application/rss+xml; charset=utf-8")

    def set_status(self, path: str, status: int) -> None:
        with self.lock:
            self.routes[path] = ("status", status)

    def set_redirect(self, path: str, location: str) -> None:
        with self.lock:
            self.routes[path] = ("redirect", location)

    def set_hang(self, path: str) -> None:
        with self.lock:
            self.routes[path] = ("hang", None)

    def requested(self, path: str) -> list[Request]:
        with self.lock:
            return [r for r in self.requests if r.path == path]

    # --- answering ---------------------------------------------------------------------------

    def answer(self, handler: BaseHTTPRequestHandler) -> None:
        with self.lock:
            self.active += 1
            self.most_active = max(self.most_active, self.active)
        released = False
        try:
            released = self._answer(handler)
        finally:
            if not released:
                with self.lock:
                    self.active -= 1

    def _release(self) -> None:
        """The request stops counting as active once its answer is ready to go: the client may
        send its next request as soon as the last byte arrives, before this thread could count
        the request done (a race that counted two at once where the client never sent two)."""
        with self.lock:
            self.active -= 1

    def _answer(self, handler: BaseHTTPRequestHandler) -> bool:
        """Answer a request; True when it no longer counts as active: it hangs (the client has
        given up on it long before), or its answer is ready and being sent."""
        path = handler.path
        with self.lock:
            self.requests.append(Request(path, dict(handler.headers.items()), time.monotonic()))
            kind, value = self.routes.get(path, ("status", 404))
            if kind == "hang":
                self.active -= 1
        if kind == "hang":
            self.stopping.wait(HANG_SECONDS)
            handler.close_connection = True
            return True
        if kind == "redirect":
            answer: tuple = (302, b"", "text/plain", {"Location": value})
        elif kind == "status":
            answer = (value, f"status {value}\n".encode(), "text/plain")
        else:
            body, content_type = value
            etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
            if handler.headers.get("If-None-Match") == etag:
                answer = (304, b"", content_type, {"ETag": etag})
            else:
                answer = (200, body, content_type, {"ETag": etag, "Last-Modified": LAST_MODIFIED})
        self._release()
        self._send(handler, *answer)
        return True

    @staticmethod
    def _send(handler: BaseHTTPRequestHandler, status: int, body: bytes, content_type: str,
              headers: dict[str, str] | None = None) -> None:
        handler.send_response(status)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(body)) if status != 304 else "0")
        for name, value in (headers or {}).items():
            handler.send_header(name, value)
        handler.end_headers()
        if status != 304:
            handler.wfile.write(body)


# --- the news of the tests: three stages of a feed, with every kind of trouble -------------------

# slug -> (RSS date, headline, paragraphs). b1 reports a1's meeting again (the same event: one
# more mention); c2 is also published at a second URL (the same article: stored once).
NEWS: dict[str, tuple[str, str, list[str]]] = {
    "a1": ("Mon, 04 Mar 2024 08:00:00 GMT", "Turkish and Greek ministers meet in Athens", [
        "ATHENS, March 4 - Turkish Foreign Minister Hakan Fidan met Greek Foreign Minister Giorgos "
        "Gerapetritis in Athens on Monday.",
        "Greece praised Turkey for reducing flights over the islands."]),
    "a2": ("Mon, 04 Mar 2024 09:00:00 GMT", "Russia blames Ukraine for drone strike", [
        "MOSCOW, March 4 - Russia accused Ukraine on Monday of attacking an oil depot in the Bryansk "
        "region with drones.",
        "Ukrainian officials declined to comment."]),
    "a3": ("Mon, 04 Mar 2024 10:00:00 GMT", "Japan pledges aid", [
        "MANILA, March 4 - The Philippine president thanked Japan on Monday for its support."]),
    "b1": ("Tue, 05 Mar 2024 08:00:00 GMT", "Greek and Turkish ministers hold talks", [
        "ANKARA, March 5 - Turkish Foreign Minister Hakan Fidan met Greek Foreign Minister Giorgos "
        "Gerapetritis in Athens on Monday.",
        "Officials said the meeting was cordial."]),
    "b2": ("Tue, 05 Mar 2024 09:00:00 GMT", "China condemns arms sale", [
        "BEIJING, March 5 - China condemned the United States on Tuesday over a new arms sale to Taiwan.",
        "Beijing urged Washington to halt the sale."]),
    "c1": ("Wed, 06 Mar 2024 08:00:00 GMT", "Israel and Egypt discuss border crossing", [
        "CAIRO, March 6 - Israeli officials met Egyptian negotiators in Cairo on Wednesday to discuss the "
        "Rafah crossing."]),
    "c2": ("Wed, 06 Mar 2024 09:00:00 GMT", "India expels Pakistani diplomat", [
        "NEW DELHI, March 6 - India expelled a Pakistani diplomat on Wednesday, accusing him of spying.",
        "Pakistan denied the charge."]),
}
STAGES = [["a1", "a2", "a3"], ["b1", "b2"], ["c1", "c2", "c2-copy"]]
COPY_PATH = "/world/c2.html"  # c2 again, under another URL
# Items whose pages fail: each path and the failure it gives.
TROUBLE = {"/gone.html": "HTTP 404 (Not Found)", "/error.html": "HTTP 500", "/slow.html": "no answer within",
           "/loop.html": "redirect loop", "/private/report.html": "disallowed by robots.txt"}
PERMANENT_TROUBLE = ("/gone.html", "/loop.html", "/private/report.html")


def item_path(slug: str) -> str:
    return COPY_PATH if slug == "c2-copy" else f"/news/{slug}.html"


def set_stage(site: FeedSite, stage: int, trouble: tuple[str, ...] = tuple(TROUBLE), path: str = "/feed.xml") -> None:
    """The site as it is at `stage` (1-3): the feed lists every item so far, newest first, after
    the troublesome ones; each item's page is served."""
    for name, status in (("/gone.html", 404), ("/error.html", 500)):
        site.set_status(name, status)
    site.set_hang("/slow.html")
    site.set_redirect("/loop.html", "/loop.html")
    site.set_page("/private/report.html", article_html("Private", ["Iran accused Israel of sabotage."]))
    items = [Item(f"trouble{name}", name, name, "Mon, 04 Mar 2024 07:00:00 GMT") for name in trouble]
    for slug in [slug for names in STAGES[:stage] for slug in names]:
        source = slug.removesuffix("-copy")
        pub_date, title, paragraphs = NEWS[source]
        site.set_page(item_path(slug), article_html(title, paragraphs))
        items.insert(len(trouble), Item(slug, item_path(slug), title, pub_date))
    site.set_feed(path, "Example World News", items)
    site.set_page("/broken.xml", b"<?xml version='1.0'?><rss><channel><title>Broken</title><item><title>cut",
                  "application/rss+xml")
