"""The hardened server as a browser and curl meet it: uvicorn on 127.0.0.1, real HTTP.

The Host check, HEAD and the headers through uvicorn's own HTTP handling; the dashboard and
the /docs page under their Content-Security-Policy in headless Chromium (Debian's
/usr/bin/chromium and playwright, see scripts/install_browser.sh; those tests skip without
them). /docs loads Swagger UI from a CDN, unreachable here: the browser is handed a stand-in
script for it, which shows that the CDN's code and the page's inline start may run.
"""

from __future__ import annotations

import http.client
import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
uvicorn = pytest.importorskip("uvicorn")

from dyads.server.app import create_app  # noqa: E402 - after the skips above
from tests.server_helpers import shared_database  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
READY_TIMEOUT_MS = 15_000


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[str, int]]:
    port = free_port()
    config = uvicorn.Config(create_app(shared_database()), host="127.0.0.1", port=port, log_level="warning")
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not instance.started:
        assert time.monotonic() < deadline and thread.is_alive(), "uvicorn did not start"
        time.sleep(0.05)
    yield "127.0.0.1", port
    instance.should_exit = True
    thread.join(timeout=5)


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


# --- in Chromium ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def chromium(tmp_path_factory) -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing (run scripts/install_browser.sh)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is missing")
    home = tmp_path_factory.mktemp("chromium-xdg")
    env = {**os.environ, "XDG_CONFIG_HOME": str(home), "XDG_CACHE_HOME": str(home)}
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, env=env)
        yield launched
        launched.close()


def watched_page(chromium, violations: list[str]):
    """A page that records every Content-Security-Policy violation and script error."""
    page = chromium.new_page()
    page.on("console", lambda message: violations.append(message.text)
            if "Content Security Policy" in message.text else None)
    page.on("pageerror", lambda error: violations.append(str(error)))
    return page


def test_the_dashboard_runs_under_its_policy(chromium, server):
    violations: list[str] = []
    page = watched_page(chromium, violations)
    page.goto(f"http://{server[0]}:{server[1]}/")
    page.wait_for_selector("body[data-ready=true]", timeout=READY_TIMEOUT_MS)
    assert page.locator("#map path.borders").count() == 1 and page.locator("#timeline rect.period").count() > 0
    page.evaluate("document.querySelector('#events-table tbody tr').click()")
    page.wait_for_selector("#article mark.trigger", timeout=READY_TIMEOUT_MS)
    assert violations == []
    # what the policy is for: a script injected into the page does not run
    page.evaluate("""() => { const s = document.createElement('script'); s.textContent = 'window.pwned = 1';
                             document.body.append(s); }""")
    assert page.evaluate("window.pwned") is None and len(violations) == 1
    page.close()


def test_the_docs_page_runs_from_local_files_under_the_policy(chromium, server):
    violations: list[str] = []
    page = watched_page(chromium, violations)
    page.goto(f"http://{server[0]}:{server[1]}/docs")
    page.wait_for_selector(".swagger-ui", state="attached", timeout=READY_TIMEOUT_MS)
    assert violations == []
    page.close()
