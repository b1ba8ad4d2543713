"""The dashboard in real headless Chromium: timeline, map, network and table show the API's
numbers, and a table row opens the article view with the spans highlighted.

Needs Debian's /usr/bin/chromium and playwright + pytest-playwright (scripts/install_browser.sh);
skips without them. Screenshots go to artifacts/ (git-ignored).
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} is missing (run scripts/install_browser.sh)", allow_module_level=True)
pytest.importorskip("playwright.sync_api", reason="playwright is missing (run scripts/install_browser.sh)")
pytest.importorskip("pytest_playwright", reason="pytest-playwright is missing (run scripts/install_browser.sh)")
pytest.importorskip("uvicorn", reason="uvicorn is missing (pip install -e '.[serve]')")

import httpx  # noqa: E402 - after the skips above
import uvicorn  # noqa: E402

from dyads.server.app import create_app  # noqa: E402
from tests.conftest import ROOT  # noqa: E402
from tests.server_helpers import located_events, shared_database  # noqa: E402

ARTIFACTS = ROOT / "artifacts"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
READY_TIMEOUT_MS = 15_000
# pytest-playwright's own base_url fixture, not ours
pytestmark = pytest.mark.filterwarnings("ignore:Session-scoped fixtures defined as instance methods")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args, tmp_path_factory):
    """Debian's Chromium instead of a playwright download; its profile files in a temp folder."""
    home = tmp_path_factory.mktemp("chromium-xdg")
    env = {**os.environ, "XDG_CONFIG_HOME": str(home), "XDG_CACHE_HOME": str(home)}
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS, "env": env}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """The app on 127.0.0.1 and a free port, served by uvicorn in a background thread."""
    port = free_port()
    config = uvicorn.Config(create_app(shared_database()), host="127.0.0.1", port=port, log_level="warning")
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not instance.started:
        assert time.monotonic() < deadline and thread.is_alive(), "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    instance.should_exit = True
    thread.join(timeout=5)


@pytest.fixture()
def dashboard(page, server):
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_viewport_size({"width": 1400, "height": 1200})
    page.goto(server + "/")
    page.wait_for_selector("body[data-ready=true]", timeout=READY_TIMEOUT_MS)
    yield page
    assert not errors, errors


def api(server: str, path: str, **params) -> dict:
    response = httpx.get(server + path, params=params, timeout=10)
    response.raise_for_status()
    return response.json()


def numbers(page, selector: str, attribute: str) -> list[float]:
    return page.eval_on_selector_all(selector, f"nodes => nodes.map(n => Number(n.getAttribute('{attribute}')))")


def screenshot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


def test_panels_show_the_api_numbers(dashboard, server):
    page = dashboard
    series = api(server, "/dyads/IRN/RUS/series", interval="week")["series"]
    stats = api(server, "/stats")
    # timeline: Iran -> Russia by default, one stacked bar segment per period and QuadClass
    assert "IRN → RUS" in page.inner_text("#timeline-title")
    assert sum(numbers(page, "#timeline rect.bar", "data-events")) == sum(p["events"] for p in series)
    periods = page.eval_on_selector_all("#timeline circle.goldstein-dot", "n => n.map(d => d.dataset.period)")
    assert periods == [p["period"] for p in series]
    # map: one point per place, the located events in all
    assert sum(numbers(page, "#map circle.point", "data-events")) == located_events(shared_database())
    assert page.get_attribute("#map-summary", "data-total") == str(stats["counts"]["events"])
    assert page.locator("#map path.land").count() == 1
    # network: one link per top dyad, widths from the same counts
    edges = page.eval_on_selector_all("#network path.edge", "n => n.map(e => [e.dataset.source, e.dataset.target, "
                                      "Number(e.dataset.events)])")
    assert edges == [[d["source_code"], d["target_code"], d["events"]] for d in stats["top_dyads"]]
    # table: the first page, and the total
    assert page.get_attribute("#events-total", "data-total") == str(stats["counts"]["events"])
    first = api(server, "/events", limit=100)["events"]
    shown = page.eval_on_selector_all("#events-table tbody tr", "rows => rows.map(r => r.dataset.eventId)")
    assert shown == [e["event_id"] for e in first]
    # reported figures: the API's rows in its order, the samples' death tolls among them
    figures = api(server, "/figures", limit=50)["figures"]
    kinds = page.eval_on_selector_all("#figures-table tbody tr", "rows => rows.map(r => r.dataset.kind)")
    assert figures and kinds == [f["kind"] for f in figures]
    assert "470,000" in page.inner_text("#figures-table") and "250,000" in page.inner_text("#figures-table")
    screenshot(page, "dashboard.png")


def test_filter_the_table_and_open_an_article(dashboard, server):
    page = dashboard
    page.fill("#filter-form input[name=dyad]", "IRN,RUS")
    page.select_option("#filter-form select[name=root]", "04")
    page.click("#filter-form button[type=submit]")
    expected = api(server, "/events", dyad="IRN,RUS", root="04", limit=100)
    page.wait_for_function(f"document.querySelector('#events-total').dataset.total === '{expected['total']}'")
    rows = page.locator("#events-table tbody tr")
    assert rows.count() == len(expected["events"])
    event = expected["events"][0]
    rows.first.click()
    page.wait_for_selector("#article .sentence.current mark.trigger", timeout=READY_TIMEOUT_MS)
    detail = api(server, f"/events/{event['event_id']}")
    mention = next(m for m in detail["mentions"] if m["mention_id"] == detail["mention_id"])
    current = page.locator("#article .sentence.current")
    assert current.inner_text().strip() == mention["sentence"]
    marks = {span["type"]: span["text"] for span in mention["spans"]}
    assert marks["trigger"] in current.locator("mark.trigger").all_inner_texts()
    assert marks["source"] in page.locator("#article mark.source").all_inner_texts()
    assert detail["code_name"] in page.inner_text("#article .event-summary")
    screenshot(page, "article.png")


def test_a_network_link_sets_the_timeline(dashboard, server):
    page = dashboard
    edge = page.locator("#network path.edge").last  # the least active of the top dyads: not the default
    source, target = edge.get_attribute("data-source"), edge.get_attribute("data-target")
    edge.dispatch_event("click")  # a curve: no centre to hit
    page.wait_for_function(f"document.querySelector('#timeline-title').textContent.startsWith('{source}')")
    total = sum(p["events"] for p in api(server, f"/dyads/{source}/{target}/series", interval="week")["series"])
    page.wait_for_function(f"document.querySelector('#timeline-summary').dataset.events === '{total}'")
    assert sum(numbers(page, "#timeline rect.bar", "data-events")) == total
