"""A news site on 127.0.0.1 for the watch tests and bench/watch_soak.py: RSS feeds and article
pages that change between cycles, and the ways fetching goes wrong (404, 500, a page that never
answers, a redirect loop, a malformed feed, a path robots.txt disallows). No request leaves the
machine. Every request is logged with its headers, so tests can check what the watch asked."""

from __future__ import annotations

import hashlib
import html
import threading
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


def article_html(title: str, paragraphs: list[str]) -> bytes:
    body = "".join(f"<p>{html.escape(p)}</p>\n" for p in paragraphs)
    return (f"<!doctype html>\n<html><head><meta charset='utf-8'><title>{html.escape(title)}</title></head>\n"
            f"<body><nav><a href='/'>Home</a> | <a href='/world'>World</a></nav>\n"
            f"<article><h1>{html.escape(title)}</h1>\n{body}</article>\n"
            f"<footer>Copyright 2024 Example News. All rights reserved.</footer></body></html>\n").encode("utf-8")


def rss(title: str, base: str, items: list[Item]) -> bytes:
    entries = "".join(
        f"<item><title>{html.escape(item.title)}</title><link>{base}{item.path}</link>"
        f"<guid isPermaLink='false'>{html.escape(item.guid)}</guid><pubDate>{item.pub_date}</pubDate></item>\n"
        for item in items)
    return (f"<?xml version='1.0' encoding='UTF-8'?>\n<rss version='2.0'><channel><title>{html.escape(title)}</title>"
            f"<link>{base}/</link><description>World news</description>\n{entries}</channel></rss>\n").encode("utf-8")


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that gave up (a timeout the test provoked) is not the site's error


class FeedSite:
    """Start with `start()`; set what each path answers with the `set_*` methods at any time."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple[str, Any]] = {}
        self.requests: list[Request] = []
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
        path = handler.path
        with self.lock:
            self.requests.append(Request(path, dict(handler.headers.items())))
            kind, value = self.routes.get(path, ("status", 404))
        if kind == "hang":
            self.stopping.wait(HANG_SECONDS)
            handler.close_connection = True
            return
        if kind == "redirect":
            self._send(handler, 302, b"", "text/plain", {"Location": value})
        elif kind == "status":
            self._send(handler, value, f"status {value}\n".encode(), "text/plain")
        else:
            body, content_type = value
            etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
            if handler.headers.get("If-None-Match") == etag:
                self._send(handler, 304, b"", content_type, {"ETag": etag})
            else:
                self._send(handler, 200, body, content_type, {"ETag": etag, "Last-Modified": LAST_MODIFIED})

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
