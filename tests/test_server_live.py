"""The hardened server as a browser and curl meet it: uvicorn on 127.0.0.1, real HTTP.

The Host check, HEAD and the headers through uvicorn's own HTTP handling (the pages under the
server's own Content-Security-Policy in Chromium: tests/test_dashboard_browser.py).
"""

from __future__ import annotations

import http.client
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
uvicorn = pytest.importorskip("uvicorn")

from dyads.server.app import create_app  # noqa: E402 - after the skips above
from tests.server_helpers import served, shared_database  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
READY_TIMEOUT_MS = 15_000


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[str, int]]:
    with served(create_app(shared_database())) as port:
        yield "127.0.0.1", port


def request(server: tuple[str, int], method: str, path: str, host: str | None = None) -> tuple[int, dict, bytes]:
    connection = http.client.HTTPConnection(*server, timeout=10)
    try:
        connection.putrequest(method, path, skip_host=host is not None)
        if host is not None:
            connection.putheader("Host", host)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def test_a_rebound_domain_is_refused_by_the_running_server(server):
    status, _, body = request(server, "GET", "/stats", host="attacker.example:8000")
    assert status == 421 and b"not served here" in body
    assert request(server, "GET", "/stats", host=f"localhost:{server[1]}")[0] == 200
    assert request(server, "GET", "/stats")[0] == 200  # http.client sends 127.0.0.1:port


def test_head_through_uvicorn(server):
    status, headers, body = request(server, "HEAD", "/export?format=jsonl")
    assert (status, body) == (200, b"") and headers["content-type"] == "application/x-ndjson"
    status, headers, body = request(server, "HEAD", "/stats")
    assert (status, body) == (200, b"") and int(headers["content-length"]) == len(request(server, "GET", "/stats")[2])
    assert headers["x-content-type-options"] == "nosniff" and "frame-ancestors 'none'" in headers[
        "content-security-policy"]


def test_a_bad_export_limit_is_a_422_before_any_byte_streams(server):
    status, headers, body = request(server, "GET", "/export?limit=9223372036854775808")
    assert status == 422 and headers["content-type"] == "application/json" and b'"limit"' in body
