"""What the dashboard reads from the API: series with every period (zeros too), places by
QuadClass, figures merged across the articles that repeat them, CAMEO names, and pages that
load nothing from elsewhere (the browser checks the same in tests/test_dashboard_browser.py)."""

from __future__ import annotations

import re
import shutil
import warnings
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's TestClient warns about httpx; it works
    from fastapi.testclient import TestClient

from dyads.corpus.series import MAX_SERIES_PERIODS, fill_empty_periods
from dyads.server import create_app
from dyads.server.filters import InvalidParameter
from dyads.server.queries import FIGURE_KEY
from tests.server_helpers import LOCAL_URL, shared_database


@pytest.fixture(scope="module")
def db() -> Path:
    return shared_database()


@pytest.fixture(scope="module", params=["index", "sql"])
def client(db, request) -> TestClient:
    """Series come from the in-memory index or from SQL: both must fill the same periods."""
    return TestClient(create_app(db, index_bytes=0) if request.param == "sql" else create_app(db), base_url=LOCAL_URL)


def sql(db: Path, query: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as connection:
        return connection.execute(query, params or []).fetchall()


def step(day: date, interval: str) -> date:
    if interval == "month":
        return date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return day + timedelta(days=7 if interval == "week" else 1)


# --- series: a continuous time axis --------------------------------------------------------------

@pytest.mark.parametrize("interval", ["day", "week", "month"])
def test_a_series_has_every_period_from_first_to_last_and_zeros_where_none(client, db, interval):
    # USA -> KOR: events in 1989 and 2013, nothing between (the timeline drew them side by side)
    series = client.get("/dyads/USA/KOR/series", params={"interval": interval}).json()["series"]
    days = [date.fromisoformat(p["period"]) for p in series]
    assert all(step(a, interval) == b for a, b in zip(days, days[1:], strict=False)), "a hole in the periods"
    expected = dict(sql(db, f"SELECT CAST(date_trunc('{interval}', date) AS DATE)::VARCHAR, count(*) FROM events "
                            "WHERE source_code LIKE 'USA%' AND target_code LIKE 'KOR%' AND date IS NOT NULL "
                            "GROUP BY 1"))
    assert (series[0]["period"], series[-1]["period"]) == (min(expected), max(expected))
    assert {p["period"]: p["events"] for p in series if p["events"]} == expected
    empty = [p for p in series if p["period"] not in expected]
    assert len(empty) == len(series) - len(expected) > 100  # 24 years of nothing, period by period
    assert all(p == {"period": p["period"], "events": 0, "mentions": 0, "by_quad_class": {}, "goldstein": None}
               for p in empty)


def test_a_date_range_gives_its_periods_even_without_events(client, db):
    data = client.get("/dyads/IRN/RUS/series", params={"interval": "month", "since": "2015-01-15",
                                                       "until": "2016-12-31"}).json()["series"]
    assert [p["period"] for p in data] == [f"{year}-{month:02d}-01" for year in (2015, 2016) for month in range(1, 13)]
    # the events of the range (the generated corpus draws its event lines from the gold sets)
    [(expected,)] = sql(db, "SELECT count(*) FROM events WHERE source_code LIKE 'IRN%' AND target_code LIKE 'RUS%' "
                            "AND date BETWEEN DATE '2015-01-15' AND DATE '2016-12-31'")
    assert sum(p["events"] for p in data) == expected >= 4
    nothing = client.get("/dyads/IRN/USA/series", params={"interval": "week", "since": "2016-02-01",
                                                          "until": "2016-02-29"}).json()["series"]
    assert [p["period"] for p in nothing] == ["2016-02-01", "2016-02-08", "2016-02-15", "2016-02-22", "2016-02-29"]
    assert {p["events"] for p in nothing} == {0}
    assert client.get("/dyads/IRN/USA/series").json()["series"] == []  # no range, no events: nothing to fill


def test_a_series_of_too_many_periods_is_refused_by_name(client):
    response = client.get("/dyads/IRN/RUS/series", params={"interval": "day", "since": "0001-01-01",
                                                           "until": "9999-12-31"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "interval"]
    assert "choose a longer interval" in response.json()["detail"][0]["msg"]
    months = client.get("/dyads/IRN/RUS/series", params={"interval": "month", "since": "1900-01-01",
                                                         "until": "2099-12-31"})
    assert len(months.json()["series"]) == 200 * 12


def test_filling_periods_at_the_edges_of_the_calendar():
    assert [p["period"] for p in fill_empty_periods([], "month", date(2015, 11, 20), date(2016, 2, 1))] == [
        "2015-11-01", "2015-12-01", "2016-01-01", "2016-02-01"]
    weeks = fill_empty_periods([], "week", date(2016, 2, 28), date(2016, 3, 1))  # Sunday to Tuesday
    assert [p["period"] for p in weeks] == ["2016-02-22", "2016-02-29"]
    assert fill_empty_periods([], "month", date(9999, 11, 5), date(9999, 12, 31))[-1]["period"] == "9999-12-01"
    assert fill_empty_periods([], "day", date(1, 1, 1), date(1, 1, 3))[0]["period"] == "0001-01-01"
    with pytest.raises(InvalidParameter, match="more than"):
        fill_empty_periods([], "day", date(1, 1, 1), date(1, 1, 1) + timedelta(days=MAX_SERIES_PERIODS))


# --- places: colours by QuadClass ----------------------------------------------------------------

def test_places_count_their_events_by_quad_class(client, db):
    places = client.get("/places").json()["places"]
    expected = {(name, str(quad)): n for name, quad, n in sql(
        db, "SELECT place_name, quad_class, count(*) FROM events WHERE place_lat IS NOT NULL GROUP BY ALL")}
    assert {(p["name"], quad): n for p in places for quad, n in p["by_quad_class"].items()} == expected
    assert all(sum(p["by_quad_class"].values()) == p["events"] for p in places)
    # a place of material conflict alone (mean Goldstein below zero) is not "verbal conflict"
    kyiv = next(p for p in places if p["name"] == "Kyiv, Ukraine")
    assert kyiv["goldstein"] < 0 and kyiv["by_quad_class"] == {"4": kyiv["events"]}


# --- figures: one row per figure ----------------------------------------------------------------

def test_figures_are_merged_across_the_articles_that_repeat_them(client, db):
    figures = client.get("/figures", params={"limit": 500}).json()["figures"]
    keys = [tuple(f[name] for name in FIGURE_KEY) for f in figures]
    assert len(keys) == len(set(keys)), "a figure listed twice"
    assert sum(f["num_mentions"] for f in figures) == sql(db, "SELECT count(*) FROM figures")[0][0]
    assert len(figures) == sql(db, f"SELECT count(*) FROM (SELECT DISTINCT {', '.join(FIGURE_KEY)} FROM figures)")[0][0]
    displaced = [f for f in figures if f["kind"] == "displaced" and f["low"] == 12_000_000]
    assert len(displaced) == 1  # "more than 12 million displaced": one row, not one per article
    [sudan] = displaced
    articles = sql(db, "SELECT count(DISTINCT content_hash), count(*) FROM figures WHERE kind = 'displaced' "
                       "AND low = 12000000")[0]
    assert (sudan["num_articles"], sudan["num_mentions"]) == articles
    dates = [r["pub_date"] for r in sudan["reports"]]
    assert dates == sorted(dates) and (sudan["first_reported"], sudan["last_reported"]) == (dates[0], dates[-1])
    assert sudan["figure_id"] == sudan["reports"][0]["figure_id"]  # the row is its first report's
    first = sudan["reports"][0]
    assert first["sentence"][first["start_offset"] - first["sentence_start"]:
                             first["end_offset"] - first["sentence_start"]] == first["number_text"]
    assert all(isinstance(r["figure_id"], str) for f in figures for r in f["reports"])  # 60-bit ids as strings


def test_figures_merge_in_databases_made_before_figures_had_places(db, tmp_path):
    copy = tmp_path / "old.duckdb"
    shutil.copy(db, copy)
    with duckdb.connect(str(copy)) as connection:
        for column in ("place_name", "place_type", "place_country", "place_lat", "place_lon", "place_geonames_id"):
            connection.execute(f"ALTER TABLE figures DROP COLUMN {column}")
    figures = TestClient(create_app(copy), base_url=LOCAL_URL).get("/figures", params={"limit": 500}).json()["figures"]
    assert figures and all(f["place_country"] is None for f in figures)


# --- names beside codes --------------------------------------------------------------------------

def test_cameo_names_for_every_code(client, db):
    codes = client.get("/cameo").json()["codes"]
    assert codes["190"]["name"].startswith("Use conventional military force") and codes["190"]["quad_class"] == 4
    assert codes["04"]["name"] == "CONSULT" and codes["0231"]["goldstein"] == 3.4
    assert {row[0] for row in sql(db, "SELECT DISTINCT code FROM events")} <= set(codes)


# --- nothing from elsewhere ----------------------------------------------------------------------

def test_the_dashboard_and_the_api_docs_load_only_their_own_files(client):
    for page in ("/", "/docs"):
        html = client.get(page).text
        references = re.findall(r'(?:src|href)="([^"]*)"', html)
        local = [ref for ref in references if ref.startswith("data:") or re.match(r"/[^/]", ref)]
        assert references and local == references, references
        for ref in references:
            if ref.startswith("/static/"):
                assert client.get(ref).status_code == 200, ref
    assert "/static/vendor/swagger-ui-bundle.js" in client.get("/docs").text
    assert client.get("/static/vendor/countries-110m.json").json()["objects"]["countries"]["geometries"]
    for name in ("LICENSE-d3.txt", "LICENSE-topojson-client.txt", "LICENSE-world-atlas.txt", "LICENSE-swagger-ui.txt"):
        assert client.get(f"/static/vendor/{name}").status_code == 200, name
    assert client.get("/redoc").status_code == 404  # FastAPI's ReDoc page loads from a CDN: not served
