"""The REST API (dyads.server) over a small database: every endpoint, filter and error."""

from __future__ import annotations

import csv
import io
import json
import shutil
import warnings
from pathlib import Path

import duckdb
import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's TestClient warns about httpx; it works
    from fastapi.testclient import TestClient

from dyads.errors import StoreError
from dyads.server import create_app
from tests.server_helpers import LOCAL_URL, located_events, shared_database


@pytest.fixture(scope="module")
def db() -> Path:
    return shared_database()


@pytest.fixture(scope="module", params=["index", "sql"])
def client(db, request) -> TestClient:
    """The app answering from its in-memory index of events (the default), and from SQL alone
    (what it does for databases over the index budget): every test runs against both."""
    return TestClient(create_app(db, index_bytes=0) if request.param == "sql" else create_app(db), base_url=LOCAL_URL)


def sql(db: Path, query: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as connection:
        return connection.execute(query, params or []).fetchall()


def count(db: Path, where: str = "", params: list | None = None) -> int:
    return sql(db, f"SELECT count(*) FROM events {where}", params)[0][0]


def all_pages(client: TestClient, **params) -> list[dict]:
    events, cursor = [], None
    while True:
        page = client.get("/events", params={**params, **({"cursor": cursor} if cursor else {})}).json()
        events += page["events"]
        cursor = page["next_cursor"]
        if not cursor:
            return events


def error_message(response) -> str:
    assert response.status_code == 422, response.text
    return " ".join(item["msg"] for item in response.json()["detail"])


# --- /events ---------------------------------------------------------------------------------

def test_events_pages_cover_every_event_once_in_order(client, db):
    events = all_pages(client, limit=7)
    assert len(events) == count(db) == len({e["event_id"] for e in events})
    dates = [e["date"] or "9999" for e in events]
    assert dates == sorted(dates)
    first = client.get("/events", params={"limit": 7}).json()
    assert (first["total"], first["count"]) == (count(db), 7)


@pytest.mark.parametrize("sort, key, reverse", [
    ("-date", "date", True), ("goldstein", "goldstein", False), ("-goldstein", "goldstein", True),
    ("mentions", "num_mentions", False), ("-mentions", "num_mentions", True)])
def test_sorting_with_cursor_pagination(client, db, sort, key, reverse):
    events = all_pages(client, sort=sort, limit=9)
    assert len(events) == count(db) == len({e["event_id"] for e in events})
    values = [e[key] for e in events if e[key] is not None]
    assert values == sorted(values, reverse=reverse)


@pytest.mark.parametrize("params, where, args", [
    ({"actor": "irn"}, "WHERE source_code LIKE 'IRN%' OR target_code LIKE 'IRN%'", []),
    ({"dyad": "IRN,RUS"}, "WHERE source_code LIKE 'IRN%' AND target_code LIKE 'RUS%'", []),
    ({"source": "RUS", "target": "IRN"}, "WHERE source_code LIKE 'RUS%' AND target_code LIKE 'IRN%'", []),
    ({"dyad": "IRN,RUS", "both_directions": "true"},
     "WHERE (source_code LIKE 'IRN%' AND target_code LIKE 'RUS%') "
     "OR (source_code LIKE 'RUS%' AND target_code LIKE 'IRN%')",
     []),
    ({"root": "04"}, "WHERE root_code = '04'", []),
    ({"code": "041"}, "WHERE code = '041'", []),
    ({"quad_class": 3}, "WHERE quad_class = 3", []),
    ({"since": "2016-02-15", "until": "2016-03-01"}, "WHERE date BETWEEN '2016-02-15' AND '2016-03-01'", []),
    ({"country": "syr"}, "WHERE place_country = 'SYR'", []),
    ({"place": "syria"}, "WHERE place_name ILIKE '%syria%'", []),
    ({"has_place": "true"}, "WHERE place_lat IS NOT NULL", []),
    ({"q": "TELEPHONE"}, "WHERE event_id IN (SELECT event_id FROM mentions WHERE sentence ILIKE '%telephone%')", []),
])
def test_each_filter_matches_the_same_query_in_sql(client, db, params, where, args):
    expected = {str(row[0]) for row in sql(db, f"SELECT event_id FROM events {where}", args)}
    assert expected, "the test database should have events for every filter"
    found = {e["event_id"] for e in all_pages(client, **params, limit=500)}
    assert found == expected


def test_filters_combine(client, db):
    page = client.get("/events", params={"dyad": "IRN,RUS", "code": "041", "since": "2016-02-01"}).json()
    assert page["total"] == count(db, "WHERE source_code LIKE 'IRN%' AND target_code LIKE 'RUS%' AND code = '041' "
                                      "AND date >= '2016-02-01'")
    assert all(e["code"] == "041" and e["date"] >= "2016-02-01" for e in page["events"])


def test_ids_are_strings_for_javascript(client):
    event = client.get("/events", params={"limit": 1}).json()["events"][0]
    assert isinstance(event["event_id"], str) and int(event["event_id"]) > 2**53


@pytest.mark.parametrize("params, words", [
    ({"code": "999"}, "unknown CAMEO event code '999'"),
    ({"code": "04x"}, "unknown CAMEO event code"),
    ({"root": "21"}, "unknown CAMEO root code '21'"),
    ({"since": "2016-02-30"}, "'2016-02-30' is not a date"),
    ({"until": "yesterday"}, "'yesterday' is not a date"),
    ({"since": "2016-03-01", "until": "2016-02-01"}, "is before since"),
    ({"limit": 501}, "less than or equal to 500"),
    ({"limit": 0}, "greater than or equal to 1"),
    ({"limit": "many"}, "valid integer"),
    ({"quad_class": 5}, "less than or equal to 4"),
    ({"sort": "event_id; DROP TABLE events"}, "unknown sort"),
    ({"cursor": "not-a-cursor"}, "not a cursor"),
    ({"actor": "IRN'--"}, "is not an actor code"),
    ({"dyad": "IRN"}, "give SOURCE,TARGET"),
    ({"dyad": "IRN,RUS", "source": "IRN"}, "either dyad or source/target"),
    ({"country": "XXX"}, "not an ISO 3166 alpha-3"),
    ({"q": "x" * 201}, "at most 200 characters"),
])
def test_bad_parameters_are_422_with_a_clear_message(client, params, words):
    assert words in error_message(client.get("/events", params=params))


def test_a_cursor_is_only_valid_for_its_sort(client):
    cursor = client.get("/events", params={"limit": 2, "sort": "date"}).json()["next_cursor"]
    assert "not a cursor" in error_message(client.get("/events", params={"cursor": cursor, "sort": "-mentions"}))


# --- /events/{id}, /documents/{key} ----------------------------------------------------------

def call_event(client) -> dict:
    page = client.get("/events", params={"dyad": "IRNGOV,RUSGOV", "code": "041", "sort": "-mentions", "limit": 1})
    return client.get(f"/events/{page.json()['events'][0]['event_id']}").json()


def test_event_has_its_mentions_with_evidence_and_spans(client, db):
    event = call_event(client)
    assert event["code_name"] == "Discuss by telephone"
    assert len(event["mentions"]) == event["num_mentions"] >= 1
    for mention in event["mentions"]:
        types = {span["type"] for span in mention["spans"]}
        assert {"source", "target", "trigger"} <= types
        for span in mention["spans"]:
            assert mention["sentence"][span["start"]:span["end"]] == span["text"]
            assert span["article_start"] - span["start"] == mention["sentence_start"]
        trigger = next(s for s in mention["spans"] if s["type"] == "trigger")
        assert trigger["text"] == mention["trigger"]


def test_unknown_and_bad_event_ids(client):
    assert client.get("/events/12345").status_code == 404
    assert client.get("/events/not-a-number").status_code == 422
    assert client.get(f"/events/{2**64}").status_code == 422


def test_document_marks_the_coded_spans(client, db):
    mention = call_event(client)["mentions"][0]
    doc = client.get(f"/documents/{mention['content_hash']}").json()
    assert doc["doc_id"] == mention["doc_id"] and len(doc["text"]) == doc["n_chars"]
    assert len({s["start"] for s in doc["sentences"]}) == len(doc["sentences"])
    assert sum(len(s["events"]) for s in doc["sentences"]) == doc["n_mentions"]
    for sentence in doc["sentences"]:
        for span in sentence["spans"]:
            assert sentence["text"][span["start"]:span["end"]] == span["text"]
    article_spans = doc["spans"]
    assert {s["type"] for s in article_spans} == {"source", "target", "trigger"}
    assert client.get(f"/documents/{doc['doc_id']}").json()["content_hash"] == doc["content_hash"]


def test_document_spans_point_into_the_article_text(client):
    doc = client.get("/documents/vienna").json()
    assert "telephone conversation on Tuesday" in doc["text"]
    for span in doc["spans"]:
        assert span["start"] == span["article_start"]
        assert doc["text"][span["start"]:span["end"]] == span["text"]


def test_unknown_document_is_404(client):
    assert client.get("/documents/no-such-article").status_code == 404
    assert client.get("/documents/" + "x" * 201).status_code == 422


# --- /actors, /dyads series, /stats, /places, /figures ------------------------------------------

def test_actors_by_code_prefix_and_name(client, db):
    by_code = client.get("/actors", params={"q": "irn"}).json()
    assert "IRNGOV" in [a["code"] for a in by_code] and all(a["code"].startswith("IRN") for a in by_code)
    irn = next(a for a in by_code if a["code"] == "IRNGOV")
    assert irn["as_source"] == count(db, "WHERE source_code = 'IRNGOV'")
    assert irn["as_target"] == count(db, "WHERE target_code = 'IRNGOV'")
    by_name = client.get("/actors", params={"q": "zarif"}).json()
    assert [a["code"] for a in by_name] == ["IRNGOV"] and "Mohammad Javad Zarif" in by_name[0]["names"]
    everyone = client.get("/actors", params={"limit": 200}).json()
    assert {"IRNGOV", "RUSGOV", "SYR", "WST"} <= {a["code"] for a in everyone}
    assert client.get("/actors", params={"limit": 1000}).status_code == 422


@pytest.mark.parametrize("interval", ["day", "week", "month"])
def test_dyad_series_counts_and_goldstein(client, db, interval):
    data = client.get("/dyads/IRN/RUS/series", params={"interval": interval}).json()
    where = "WHERE source_code LIKE 'IRN%' AND target_code LIKE 'RUS%' AND date IS NOT NULL"
    expected = sql(db, f"SELECT CAST(date_trunc('{interval}', date) AS DATE)::VARCHAR, count(*), avg(goldstein) "
                       f"FROM events {where} GROUP BY 1 ORDER BY 1")
    active = [p for p in data["series"] if p["events"]]  # the rest are empty periods, as zeros
    assert [(p["period"], p["events"]) for p in active] == [(row[0], row[1]) for row in expected]
    for period, row in zip(active, expected, strict=True):
        assert period["goldstein"] == pytest.approx(row[2], abs=1e-3)
        assert sum(q["events"] for q in period["by_quad_class"].values()) == period["events"]


def test_dyad_series_both_directions_and_date_range(client, db):
    one = client.get("/dyads/IRN/RUS/series", params={"interval": "month"}).json()["series"]
    both = client.get("/dyads/IRN/RUS/series", params={"interval": "month", "both_directions": True}).json()["series"]
    assert sum(p["events"] for p in both) == 2 * sum(p["events"] for p in one)  # symmetric calls: X->Y and Y->X
    bounded = client.get("/dyads/IRN/RUS/series", params={"interval": "month", "since": "2016-02-01",
                                                          "until": "2016-02-29"}).json()["series"]
    expected = sql(db, "SELECT count(*) FROM events WHERE source_code LIKE 'IRN%' AND target_code LIKE 'RUS%' "
                       "AND date BETWEEN DATE '2016-02-01' AND DATE '2016-02-29'")[0][0]
    assert sum(p["events"] for p in bounded) == expected
    assert all(p["period"] == "2016-02-01" for p in bounded)


@pytest.mark.parametrize("path, words", [
    ("/dyads/IRN/RUS/series?interval=year", "'day', 'week' or 'month'"),
    ("/dyads/IRN/R%20S/series", "is not an actor code"),
    ("/dyads/IRN/RUS/series?since=2016-13-01", "is not a date"),
])
def test_dyad_series_errors(client, path, words):
    assert words in error_message(client.get(path))


def test_stats(client, db):
    stats = client.get("/stats").json()
    assert stats["counts"]["events"] == count(db)
    assert 0 < stats["with_place"] == located_events(db)
    assert sum(row["events"] for row in stats["by_root_code"]) == count(db)
    assert {row["root_code"]: row["name"] for row in stats["by_root_code"]}["04"] == "CONSULT"
    top = stats["top_dyads"][0]
    pair = [top["source_code"], top["target_code"]]
    assert top["events"] == count(db, "WHERE source_code = ? AND target_code = ?", pair)
    assert len(client.get("/stats", params={"top": 1}).json()["top_dyads"]) == 1
    assert client.get("/stats", params={"top": 0}).status_code == 422


def test_places_for_the_map(client, db):
    data = client.get("/places").json()
    assert (data["total"], data["located"]) == (count(db), located_events(db))
    names = {row[0] for row in sql(db, "SELECT DISTINCT place_name FROM events WHERE place_lat IS NOT NULL")}
    assert {p["name"] for p in data["places"]} == names and "Syria" in names
    syria = client.get("/places", params={"country": "SYR"}).json()
    assert syria["places"] and {p["country"] for p in syria["places"]} == {"SYR"}


def test_figures_when_the_table_exists_and_when_it_does_not(db, tmp_path, client):
    has_table = bool(sql(db, "SELECT 1 FROM duckdb_tables() WHERE table_name = 'figures'"))
    data = client.get("/figures").json()
    assert data["available"] is has_table and data["figures"]
    sizes = [max(f["low"] or 0, f["high"] or 0) for f in data["figures"]]
    assert sizes == sorted(sizes, reverse=True)  # the biggest counts first
    killed = client.get("/figures", params={"kind": "killed"}).json()["figures"]
    assert killed and {f["kind"] for f in killed} == {"killed"}
    copy = tmp_path / "no_figures.duckdb"
    shutil.copy(db, copy)
    with duckdb.connect(str(copy)) as connection:
        connection.execute("DROP TABLE IF EXISTS figures")
    empty = TestClient(create_app(copy), base_url=LOCAL_URL).get("/figures").json()
    assert empty == {"available": False, "figures": [], "message": "this database has no figures table"}


# --- /export -----------------------------------------------------------------------------------

def test_export_csv_of_a_filtered_set(client, db):
    response = client.get("/export", params={"format": "csv", "dyad": "IRN,RUS"})
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    records = list(csv.DictReader(io.StringIO(response.text)))
    assert len(records) == count(db, "WHERE source_code LIKE 'IRN%' AND target_code LIKE 'RUS%'")
    assert all(r["source_code"].startswith("IRN") and r["target_code"].startswith("RUS") for r in records)


def test_export_jsonl_with_limit(client, db):
    response = client.get("/export", params={"format": "jsonl", "limit": 5})
    records = [json.loads(line) for line in response.text.splitlines()]
    assert len(records) == 5 and records[0]["date"] <= records[-1]["date"]
    whole = client.get("/export", params={"format": "jsonl"}).text.splitlines()
    assert len(whole) == count(db)


def test_export_errors(client):
    assert "'csv' or 'jsonl'" in error_message(client.get("/export", params={"format": "xlsx"}))
    assert "unknown CAMEO" in error_message(client.get("/export", params={"code": "000"}))


# --- the dashboard and safety --------------------------------------------------------------------

def test_dashboard_and_docs_are_served(client):
    page = client.get("/")
    assert page.status_code == 200 and "dyads" in page.text and "/static/app.js" in page.text
    assert client.get("/static/app.js").headers["content-type"].startswith("text/javascript")
    assert client.get("/static/vendor/countries-110m.json").json()["type"] == "Topology"
    assert client.get("/docs").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/events", "/events/{event_id}", "/actors", "/dyads/{source}/{target}/series", "/stats",
            "/documents/{key}", "/export", "/figures"} <= set(paths)


@pytest.mark.parametrize("path", ["/static/../app.py", "/static/%2e%2e/app.py", "/static/../../store.py",
                                  "/static//etc/passwd", "/static/nope.js"])
def test_no_request_path_reaches_the_file_system(client, path):
    assert client.get(path).status_code == 404


def test_database_is_opened_read_only(client):
    connection = client.app.state.database.cursor()
    with pytest.raises(duckdb.Error, match="read-only"):
        connection.execute("DELETE FROM events")


def test_missing_database_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="no such database"):
        create_app(tmp_path / "missing.duckdb")


def test_serve_command(db, monkeypatch):
    import click
    from click.testing import CliRunner

    import dyads.cli.serve as server_cli

    calls, apps = [], []
    monkeypatch.setattr("uvicorn.run", lambda app, **options: (apps.append(app), calls.append(options)))
    group = click.Group()
    server_cli.register(group)
    server_cli.register(group)  # idempotent
    result = CliRunner().invoke(group, ["serve", "--db", str(db), "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert calls == [{"host": "127.0.0.1", "port": 8123, "log_level": "warning"}]
    assert apps[0].state.database.index is not None  # events held in memory by default
    assert CliRunner().invoke(group, ["serve", "--db", str(db), "--index-mb", "0"]).exit_code == 0
    assert apps[1].state.database.index is None
    missing = CliRunner().invoke(group, ["serve", "--db", str(db.parent / "missing.duckdb")])
    assert missing.exit_code == 1 and "no such database" in missing.output


def test_explain_endpoint_gives_the_reasons(client):
    data = client.get("/explain", params={"text": "Zarif met Lavrov on Tuesday.", "date": "2015-12-02"}).json()
    [sentence] = data["sentences"]
    assert {a["code"] for a in sentence["actors"]} == {"IRNGOV", "RUSGOV"}
    assert any(d["pattern"].startswith("events/patterns-") for d in sentence["decisions"])
    assert "2015-12-01" in data["text"] and "actors/people.yaml:" in data["text"]
    none = client.get("/explain", params={"text": "Iran did not meet Saudi Arabia."}).json()
    assert "negated" in none["sentences"][0]["no_event_reason"]
    assert client.get("/explain", params={"text": "x", "date": "26/03/2016"}).status_code == 422
    assert client.get("/explain", params={"text": ""}).status_code == 422


def test_repeated_requests_are_answered_from_the_cache(db):
    app = create_app(db)
    cache = app.state.response_cache
    with TestClient(app, base_url=LOCAL_URL) as fresh:
        first = fresh.get("/events", params={"actor": "IRN", "limit": 5})
        hits = cache.hits
        again = fresh.get("/events", params={"limit": 5, "actor": "IRN"})  # same query, other order
        assert cache.hits == hits + 1 and again.content == first.content and again.status_code == 200
        assert again.headers["content-type"] == first.headers["content-type"]
        # errors and streamed exports are never kept
        assert fresh.get("/events", params={"limit": 0}).status_code == 422
        assert fresh.get("/events", params={"limit": 0}).status_code == 422
        assert not any(key.startswith("/events?limit=0") for key in cache.entries)
        fresh.get("/export", params={"format": "csv", "limit": 2})
        assert not any(key.startswith("/export") for key in cache.entries)


def test_the_cache_keeps_to_its_byte_budget():
    from dyads.server.cache import ResponseCache

    cache = ResponseCache(budget_bytes=250)
    for n in range(5):
        cache.put(f"/k{n}", 200, [], b"x" * 100)
    assert cache.size <= 250 and list(cache.entries) == ["/k3", "/k4"]
    assert cache.get("/k0") is None and cache.get("/k4") is not None
