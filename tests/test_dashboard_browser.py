"""The dashboard in real headless Chromium: each view shows the API's numbers and does what
an analyst needs of it (a continuous time axis, a map with borders, legend and zoom, network
labels that do not collide, names beside codes, merged figures highlighted in their article,
the explanation beside the event), and no request leaves 127.0.0.1.

Every page runs under a strict Content-Security-Policy added here (scripts, styles, data only
from the server itself), so the dashboard and /docs are checked to need nothing inline and
nothing from elsewhere; any request to another host is recorded and aborted.

Needs Debian's /usr/bin/chromium and playwright + pytest-playwright (scripts/install_browser.sh);
skips without them. Screenshots go to artifacts/ (git-ignored); the README's come from
scripts/dashboard_screenshots.py.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} is missing (run scripts/install_browser.sh)", allow_module_level=True)
pytest.importorskip("playwright.sync_api", reason="playwright is missing (run scripts/install_browser.sh)")
pytest.importorskip("pytest_playwright", reason="pytest-playwright is missing (run scripts/install_browser.sh)")
pytest.importorskip("uvicorn", reason="uvicorn is missing (pip install -e '.[serve]')")

import httpx  # noqa: E402 - after the skips above
from playwright.sync_api import expect  # noqa: E402

from dyads.server.app import create_app  # noqa: E402
from dyads.server.queries import FIGURE_KEY  # noqa: E402
from tests.conftest import ROOT  # noqa: E402
from tests.server_helpers import located_events, served, shared_database  # noqa: E402

ARTIFACTS = ROOT / "artifacts"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
READY_TIMEOUT_MS = 15_000
EXPLAIN_TIMEOUT_MS = 60_000  # the first /explain loads the coder
# What the pages must work under: nothing inline, nothing from another origin. (So the tests wait
# with selectors and expect(), never page.wait_for_function: its string predicates need eval.)
STRICT_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
              "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
QUAD_NAMES = ["verbal cooperation", "material cooperation", "verbal conflict", "material conflict"]
# pytest-playwright's own base_url fixture, not ours
pytestmark = pytest.mark.filterwarnings("ignore:Session-scoped fixtures defined as instance methods")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args, tmp_path_factory):
    """Debian's Chromium instead of a playwright download; its profile files in a temp folder."""
    home = tmp_path_factory.mktemp("chromium-xdg")
    env = {**os.environ, "XDG_CONFIG_HOME": str(home), "XDG_CACHE_HOME": str(home)}
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS, "env": env}


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """The app on 127.0.0.1 and a free port, served by uvicorn in a background thread."""
    with served(create_app(shared_database())) as port:
        yield f"http://127.0.0.1:{port}"


@pytest.fixture()
def guarded(page, server):
    """The page, with every request to another host aborted and recorded, a strict CSP on every
    HTML page and its violations recorded; both must stay empty, and no script error either."""
    errors: list[str] = []
    outside: list[str] = []

    def route(route):
        request = route.request
        if not request.url.startswith(server + "/"):
            outside.append(request.url)
            route.abort()
        elif request.resource_type == "document":
            response = route.fetch()
            route.fulfill(response=response, headers={**response.headers, "content-security-policy": STRICT_CSP})
        else:
            route.continue_()

    page.route("**/*", route)
    page.add_init_script("window.__csp = []; document.addEventListener('securitypolicyviolation', "
                         "(e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));")
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_viewport_size({"width": 1400, "height": 1000})
    yield page
    assert not outside, f"requests left 127.0.0.1: {outside}"
    assert page.evaluate("window.__csp") == []
    assert not errors, errors


@pytest.fixture()
def dashboard(guarded, server):
    guarded.goto(server + "/")
    guarded.wait_for_selector("body[data-ready=true]", timeout=READY_TIMEOUT_MS)
    return guarded


def api(server: str, path: str, **params) -> dict:
    response = httpx.get(server + path, params=params, timeout=10)
    response.raise_for_status()
    return response.json()


def numbers(page, selector: str, attribute: str) -> list[float]:
    return page.eval_on_selector_all(selector, f"nodes => nodes.map(n => Number(n.getAttribute('{attribute}')))")


def boxes(page, selector: str) -> list[dict]:
    """Screen rectangles of the matching elements that are displayed."""
    return page.eval_on_selector_all(selector, """nodes => nodes.map(n => n.getBoundingClientRect())
        .filter(r => r.width > 0 && r.height > 0).map(r => ({x0: r.left, y0: r.top, x1: r.right, y1: r.bottom}))""")


def overlap(a: dict, b: dict) -> bool:
    return a["x0"] < b["x1"] and b["x0"] < a["x1"] and a["y0"] < b["y1"] and b["y0"] < a["y1"]


def screenshot(page, name: str, selector: str | None = None) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    if selector:
        page.locator(selector).screenshot(path=str(ARTIFACTS / name))
    else:
        page.screenshot(path=str(ARTIFACTS / name), full_page=True)


def show_timeline(page, source: str, target: str, interval: str, both: bool = False) -> None:
    page.fill("#dyad-form input[name=source]", source)
    page.fill("#dyad-form input[name=target]", target)
    page.select_option("#dyad-form select[name=interval]", interval)
    page.set_checked("#dyad-form input[name=both]", both)
    page.click("#dyad-form button[type=submit]")
    expect(page.locator("#timeline-title")).to_have_text(re.compile(rf"^{source} .* by {interval}$"))


# --- every panel shows the API's numbers -----------------------------------------------------------

def test_panels_show_the_api_numbers(dashboard, server):
    page = dashboard
    series = api(server, "/dyads/IRN/RUS/series", interval="week")["series"]
    stats = api(server, "/stats")
    # timeline: Iran -> Russia by default, one column per period (zeros too), bars per QuadClass
    assert "IRN → RUS" in page.inner_text("#timeline-title")
    periods = page.eval_on_selector_all("#timeline rect.period",
                                        "n => n.map(d => [d.dataset.period, +d.dataset.events])")
    assert periods == [[p["period"], p["events"]] for p in series]
    assert sum(numbers(page, "#timeline rect.bar", "data-events")) == sum(p["events"] for p in series)
    dots = page.eval_on_selector_all("#timeline circle.goldstein-dot", "n => n.map(d => d.dataset.period)")
    assert dots == [p["period"] for p in series if p["events"]]
    # map: the located events in all, in slices per place and QuadClass
    assert sum(numbers(page, "#map path.slice", "data-events")) == located_events(shared_database())
    assert page.get_attribute("#map-summary", "data-total") == str(stats["counts"]["events"])
    # network: one link per top dyad, widths from the same counts
    edges = page.eval_on_selector_all("#network path.edge", "n => n.map(e => [e.dataset.source, e.dataset.target, "
                                      "Number(e.dataset.events)])")
    assert edges == [[d["source_code"], d["target_code"], d["events"]] for d in stats["top_dyads"]]
    # table: the first page, and the total
    assert page.get_attribute("#events-total", "data-total") == str(stats["counts"]["events"])
    first = api(server, "/events", limit=100)["events"]
    shown = page.eval_on_selector_all("#events-table tbody tr", "rows => rows.map(r => r.dataset.eventId)")
    assert shown == [e["event_id"] for e in first]
    # reported figures: the API's merged rows in its order, the samples' death tolls among them
    figures = api(server, "/figures", limit=50)["figures"]
    rows = page.eval_on_selector_all("#figures-table tbody tr", "rows => rows.map(r => r.dataset.figureId)")
    assert figures and rows == [f["figure_id"] for f in figures]
    assert "470,000" in page.inner_text("#figures-table") and "250,000" in page.inner_text("#figures-table")
    screenshot(page, "dashboard.png")


# --- timeline ------------------------------------------------------------------------------------

def test_the_time_axis_is_continuous_with_empty_periods_as_zero(dashboard, server):
    page = dashboard
    show_timeline(page, "USA", "KOR", "month")  # events in 1989 and in 2013, nothing between
    columns = page.eval_on_selector_all("#timeline rect.period", """n => n.map(r => ({period: r.dataset.period,
        events: +r.dataset.events, x: +r.getAttribute('x'), width: +r.getAttribute('width')}))""")
    series = api(server, "/dyads/USA/KOR/series", interval="month")["series"]
    assert [c["period"] for c in columns] == [p["period"] for p in series]
    zeros = [c for c in columns if c["events"] == 0]
    assert len(zeros) > 200 and len(columns) - len(zeros) == len([p for p in series if p["events"]])
    # position proportional to time: x = x0 + days since the first period x pixels per day
    first = date.fromisoformat(columns[0]["period"])
    per_day = (columns[-1]["x"] - columns[0]["x"]) / (date.fromisoformat(columns[-1]["period"]) - first).days
    for column in columns:
        days = (date.fromisoformat(column["period"]) - first).days
        assert column["x"] == pytest.approx(columns[0]["x"] + days * per_day, abs=0.01)
    active = [p for p in series if p["events"]]
    assert page.inner_text("#timeline-summary").startswith(
        f"{sum(p['events'] for p in active)} events in {len(active)} of {len(series)} months")
    # a click on a period lists its events in the table
    active = next(c for c in columns if c["events"])
    page.dispatch_event(f"#timeline rect.period[data-period='{active['period']}']", "click")
    until = (date.fromisoformat(active["period"]) + timedelta(days=31)).replace(day=1) - timedelta(days=1)
    expected = api(server, "/events", dyad="USA,KOR", since=active["period"], until=until.isoformat())["total"]
    page.wait_for_selector(f"#events-total[data-total='{expected}']")
    assert expected == active["events"]
    screenshot(page, "timeline.png", "#timeline-card")


# --- map -----------------------------------------------------------------------------------------

def map_transform(page) -> str:
    return page.get_attribute("#map g.world", "transform") or ""


def test_the_map_has_borders_a_legend_quad_colours_and_zoom(dashboard, server):
    page = dashboard
    assert page.locator("#map path.country").count() > 150
    assert page.locator("#map path.borders").count() == 1
    legend = page.inner_text("#map-legend")
    assert all(name in legend for name in QUAD_NAMES)
    # each place's slices are its events by QuadClass; material conflict is drawn as such
    places = {p["name"]: p for p in api(server, "/places")["places"]}
    drawn = page.eval_on_selector_all("#map g.place", """n => n.map(g => [g.dataset.name,
        [...g.querySelectorAll('path.slice')].map(s => [s.dataset.quad, +s.dataset.events,
                                                        s.getAttribute('class')])])""")
    assert {name for name, _ in drawn} == set(places)
    for name, slices in drawn:
        assert {quad: count for quad, count, _ in slices} == places[name]["by_quad_class"], name
        assert all(css == f"slice q{quad}" for quad, _, css in slices)
    kyiv = dict(drawn)["Kyiv, Ukraine"]
    assert places["Kyiv, Ukraine"]["goldstein"] < 0 and [css for _, _, css in kyiv] == ["slice q4"]
    fill = page.eval_on_selector("#map g.place[data-name='Kyiv, Ukraine'] path.slice", "s => getComputedStyle(s).fill")
    assert fill == "rgb(194, 53, 43)"  # --q4, the legend's material conflict
    # zoom: the buttons, the mouse wheel, and back; places keep their size, move apart
    syria_before = page.locator("#map g.place[data-name='Syria']").bounding_box()
    page.click("#zoom-in")
    assert page.get_attribute("#map svg", "data-zoom") == "2.000"
    syria_after = page.locator("#map g.place[data-name='Syria']").bounding_box()
    assert syria_after["width"] == pytest.approx(syria_before["width"], abs=0.5)
    screenshot(page, "map-zoomed.png", "#map-card")
    page.click("#zoom-reset")
    assert page.get_attribute("#map svg", "data-zoom") == "1.000"
    box = page.locator("#map svg").bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.6, box["y"] + box["height"] * 0.4)
    page.mouse.wheel(0, -600)
    expect(page.locator("#map svg")).not_to_have_attribute("data-zoom", "1.000")
    assert float(page.get_attribute("#map svg", "data-zoom") or 0) > 1.1
    # pan: drag the zoomed map
    before = map_transform(page)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.4, box["y"] + box["height"] * 0.5, steps=5)
    page.mouse.up()
    assert map_transform(page) != before
    page.click("#zoom-reset")
    screenshot(page, "map.png", "#map-card")


# --- network -------------------------------------------------------------------------------------

def test_network_labels_do_not_collide(dashboard):
    page = dashboard
    labels = boxes(page, "#network .node text")  # displayed ones: a label without room is hidden
    nodes = boxes(page, "#network .node circle")
    total = page.locator("#network .node").count()
    assert len(labels) >= 0.8 * total  # most actors named; the rest by hover
    for i, a in enumerate(labels):
        assert not any(overlap(a, b) for b in labels[i + 1:]), f"label {i} overlaps another"
        assert sum(overlap(a, node) for node in nodes) == 0, f"label {i} covers a node"
    frame = page.locator("#network svg").bounding_box()
    for a in labels:
        assert frame["x"] <= a["x0"] and a["x1"] <= frame["x"] + frame["width"]
        assert frame["y"] <= a["y0"] and a["y1"] <= frame["y"] + frame["height"]
    screenshot(page, "network.png", "#network-card")


def test_a_network_link_sets_the_timeline(dashboard, server):
    page = dashboard
    edge = page.locator("#network path.edge").last  # the least active of the top dyads: not the default
    source, target = edge.get_attribute("data-source"), edge.get_attribute("data-target")
    edge.dispatch_event("click")  # a curve: no centre to hit
    expect(page.locator("#timeline-title")).to_have_text(re.compile(rf"^{source} "))
    total = sum(p["events"] for p in api(server, f"/dyads/{source}/{target}/series", interval="week")["series"])
    page.wait_for_selector(f"#timeline-summary[data-events='{total}']")
    assert sum(numbers(page, "#timeline rect.bar", "data-events")) == total


# --- events table --------------------------------------------------------------------------------

def test_codes_have_their_names_beside_them(dashboard, server):
    page = dashboard
    names = api(server, "/cameo")["codes"]
    rows = page.eval_on_selector_all("#events-table tbody tr", """rows => rows.map(r => [
        r.cells[2].querySelector('.code').textContent, r.cells[2].querySelector('.name').textContent,
        r.cells[1].querySelector('.name')?.textContent ?? null])""")
    events = api(server, "/events", limit=100)["events"]
    for (code, name, source_name), event in zip(rows, events, strict=True):
        assert code == event["code"]
        assert name and name.lower() in names[code]["name"].lower(), (code, name)
        assert source_name == event["source_name"]
    shown = page.locator("#events-table tbody tr td:nth-child(3)").all_inner_texts()
    assert any("Use conventional military force" in cell or "Consult" in cell for cell in shown)
    assert "04 Consult" in page.inner_text("#filter-form select[name=root]")
    screenshot(page, "events.png", "#events-card")


def test_filter_the_table_and_open_an_article(dashboard, server):
    page = dashboard
    page.fill("#filter-form input[name=dyad]", "IRN,RUS")
    page.select_option("#filter-form select[name=root]", "04")
    page.click("#filter-form button[type=submit]")
    expected = api(server, "/events", dyad="IRN,RUS", root="04", limit=100)
    page.wait_for_selector(f"#events-total[data-total='{expected['total']}']")
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


def test_the_explanation_is_beside_the_event(dashboard, server):
    page = dashboard
    page.locator("#events-table tbody tr").first.click()
    page.wait_for_selector("#article .sentence.current", timeout=READY_TIMEOUT_MS)
    page.click("#article-side button.explain")
    page.wait_for_selector("#article-side .explanation[data-ready=true]", timeout=EXPLAIN_TIMEOUT_MS)
    assert "sentence 0:" in page.inner_text("#article-side .explanation")
    text = page.locator("#article-body").bounding_box()
    side = page.locator("#article-side .explanation").bounding_box()
    summary = page.locator("#article-side .event-summary").bounding_box()
    current = page.locator("#article .sentence.current").first.bounding_box()
    assert side["x"] >= text["x"] + text["width"]  # beside the article, not below it
    viewport = page.viewport_size
    for box in (side, summary, current):  # the evidence, the event and its reasons in one view
        assert box["y"] < viewport["height"] and box["y"] + box["height"] > 0
    screenshot(page, "article.png")


# --- reported figures ----------------------------------------------------------------------------

def test_a_figure_is_one_row_and_a_click_marks_it_in_its_article(dashboard, server):
    page = dashboard
    figures = api(server, "/figures", limit=50)["figures"]
    repeated = next(f for f in figures if f["num_articles"] > 2)
    row = page.locator(f"#figures-table tbody tr[data-figure-id='{repeated['figure_id']}']")
    assert f"{repeated['num_mentions']} mentions in {repeated['num_articles']} articles" in row.inner_text()
    # one row, not one per article: a figure is merged across articles by its merge key (the same
    # count told with another place or date is another figure)
    key = tuple(repeated[name] for name in FIGURE_KEY)
    same = [f for f in figures if tuple(f[name] for name in FIGURE_KEY) == key]
    assert len(same) == 1
    row.click()
    mark = page.locator("#article .sentence mark.figure")
    mark.wait_for(timeout=READY_TIMEOUT_MS)
    assert mark.inner_text() == repeated["reports"][0]["number_text"]
    sentence = mark.locator("xpath=ancestor::*[contains(@class, 'sentence')][1]")
    assert sentence.get_attribute("class") == "sentence current"
    assert page.locator("#article-side ol.reports li").count() == len(repeated["reports"])
    assert page.locator("#article-side ol.reports li.current").get_attribute("data-figure-id") == repeated["figure_id"]
    screenshot(page, "figure.png")
    # another report of the same figure: its article, the figure marked there
    second = repeated["reports"][1]
    page.locator("#article-side ol.reports li").nth(1).click()
    page.wait_for_selector(f"#article[data-id='{second['figure_id']}']")
    assert page.locator("#article .sentence mark.figure").inner_text() == second["number_text"]
    doc = api(server, f"/documents/{second['content_hash']}")
    assert page.inner_text("#article h3") == (doc["title"] or doc["doc_id"])


# --- /docs ---------------------------------------------------------------------------------------

def test_the_api_docs_load_from_the_server_alone(guarded, server):
    page = guarded
    page.goto(server + "/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=READY_TIMEOUT_MS)
    paths = api(server, "/openapi.json")["paths"]
    assert page.locator(".swagger-ui .opblock").count() == sum(len(methods) for methods in paths.values())
    assert "dyads event database" in page.inner_text(".swagger-ui .info")


# --- the server's own Content-Security-Policy (dyads.server.guards), as a browser meets it ------

def policy_watched_page(browser, violations: list[str]):
    """A page that records every Content-Security-Policy violation and script error."""
    page = browser.new_page()
    page.on("console", lambda message: violations.append(message.text)
            if "Content Security Policy" in message.text else None)
    page.on("pageerror", lambda error: violations.append(str(error)))
    return page


def test_the_dashboard_runs_under_the_servers_policy(browser, server):
    violations: list[str] = []
    page = policy_watched_page(browser, violations)
    page.goto(f"{server}/")
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


def test_the_docs_page_runs_from_local_files_under_the_servers_policy(browser, server):
    violations: list[str] = []
    page = policy_watched_page(browser, violations)
    page.goto(f"{server}/docs")
    page.wait_for_selector(".swagger-ui", state="attached", timeout=READY_TIMEOUT_MS)
    assert violations == []
    page.close()
