"""The in-memory index of the API (dyads.server.index) answers exactly as its SQL does.

Both paths answer the same requests on two databases: the one built from the samples and a
generated corpus, and a synthetic one with every awkward value the schema allows (missing
dates, targets, QuadClass, Goldstein and places; ties on every sort key). Pages are followed
to the end through their cursors. Only averages may differ, by float summation order, in the
4th decimal they are rounded to.
"""

from __future__ import annotations

import itertools
import random
import warnings
from datetime import date
from pathlib import Path

import duckdb
import numpy as np
import pytest

pytest.importorskip("fastapi")

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from bench.serve_load import build_database
from dyads.corpus.selection import EventFilter, where_clause
from dyads.server import create_app, queries
from dyads.server.index import EventIndex, events_bytes, period_starts
from tests.server_helpers import LOCAL_URL, shared_database

SORTS = ["date", "-date", "goldstein", "-goldstein", "mentions", "-mentions"]


@pytest.fixture(scope="module")
def awkward_db(tmp_path_factory) -> Path:
    """3,000 synthetic events, a fifth of them missing each optional value, Goldstein rounded
    so that sort keys tie."""
    path = tmp_path_factory.mktemp("index") / "awkward.duckdb"
    build_database(path, 3_000, seed=5)
    with duckdb.connect(str(path)) as connection:
        for column, every in (("date", 5), ("target_code", 7), ("quad_class", 11), ("goldstein", 6),
                              ("place_name", 4)):
            connection.execute(f"UPDATE events SET {column} = NULL WHERE event_id % {every} = 1")
        connection.execute("UPDATE events SET goldstein = round(goldstein) WHERE event_id % 2 = 0")
    return path


def clients(db: Path) -> tuple[TestClient, TestClient]:
    indexed, plain = create_app(db, cache_bytes=0), create_app(db, cache_bytes=0, index_bytes=0)
    assert indexed.state.database.index is not None and plain.state.database.index is None
    return TestClient(indexed, base_url=LOCAL_URL), TestClient(plain, base_url=LOCAL_URL)


def same(a: object, b: object, where: str = "") -> None:
    if isinstance(a, dict) and isinstance(b, dict):
        assert list(a) == list(b), where
        for key in a:
            same(a[key], b[key], f"{where}/{key}")
    elif isinstance(a, list) and isinstance(b, list):
        assert len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            same(x, y, f"{where}[{i}]")
    elif isinstance(a, float) and isinstance(b, float) and where.endswith("goldstein"):
        assert a == pytest.approx(b, abs=1.01e-4), where
    else:
        assert a == b, where


def event_filters(rng: random.Random, count: int) -> list[dict]:
    choices = {
        "actor": ["IRN", "RUS", "SYRREB", "USAGOV", "X"], "dyad": ["IRN,RUS", "RUS,IRN", "SYR,TUR", "IGO,IRN"],
        "root": ["04", "19", "01"], "code": ["041", "190", "0256", "04", "023"], "quad_class": [1, 2, 3, 4],
        "since": ["2014-06-01", "2015-12-01", "2016-03-26"], "until": ["2015-01-31", "2016-12-31"],
        "country": ["SYR", "RUS", "IRN", "AUT"], "place": ["alep", "moscow", "a"], "has_place": ["true"],
        "q": ["iran", "talks", "officials"], "both_directions": ["true"],
    }
    out = [{}]
    for name, values in choices.items():
        out += [{name: value} for value in values]
    for _ in range(count):
        names = rng.sample(sorted(choices), rng.randint(2, 3))
        out.append({name: rng.choice(choices[name]) for name in names})
    return [f for f in out if not ("since" in f and "until" in f and f["since"] > f["until"])]


def all_pages(client: TestClient, params: dict) -> list[dict]:
    pages, cursor = [], None
    while True:
        page = client.get("/events", params={**params, **({"cursor": cursor} if cursor else {})}).json()
        pages.append(page)
        cursor = page["next_cursor"]
        if not cursor:
            return pages


@pytest.mark.parametrize("which", ["coded", "awkward"])
def test_pages_of_events_are_the_same_from_the_index_and_from_sql(which, awkward_db):
    db = shared_database() if which == "coded" else awkward_db
    indexed, plain = clients(db)
    rng = random.Random(13)
    checked = 0
    for params in event_filters(rng, 40):
        sort, limit = rng.choice(SORTS), rng.choice([7, 50, 500])
        request = {**params, "sort": sort, "limit": limit}
        mine, theirs = all_pages(indexed, request), all_pages(plain, request)
        same(mine, theirs, str(request))
        checked += sum(page["count"] for page in mine)
    assert checked > 300  # the filters are not all empty


@pytest.mark.parametrize("which", ["coded", "awkward"])
def test_dyad_series_are_the_same_from_the_index_and_from_sql(which, awkward_db):
    db = shared_database() if which == "coded" else awkward_db
    indexed, plain = clients(db)
    dyads = ["IRN/RUS", "RUS/IRN", "SYR/TUR", "IRN/X", "USA/SYR"]
    for dyad, interval, both, since in itertools.product(dyads, ["day", "week", "month"], ["true", "false"],
                                                         [None, "2015-12-01"]):
        params = {"interval": interval, "both_directions": both, **({"since": since} if since else {})}
        path = f"/dyads/{dyad}/series"
        same(indexed.get(path, params=params).json(), plain.get(path, params=params).json(), f"{path} {params}")


# One value per filter, then every pair of them that sets different fields.
SINGLE_FILTERS = [
    {"actor": "IRN"}, {"actor": "X"}, {"source": "IRN", "target": "RUS"}, {"source": "SYR"}, {"target": "IRN"},
    {"source": "RUS", "target": "IRN", "both_directions": True}, {"root": "04"}, {"root": "19"},
    {"code": "04"}, {"code": "19"}, {"code": "041"}, {"code": "023"}, {"code": "0231"}, {"code": "190"},
    {"quad_class": 1}, {"quad_class": 4}, {"since": date(2015, 12, 1)}, {"until": date(2016, 12, 31)},
    {"country": "SYR"}, {"country": "IRN"}, {"place": "alep"}, {"place": "a"}, {"has_place": True},
    {"text": "iran"}, {"text": "talks"},
]
FILTER_MATRIX = [EventFilter(), *(EventFilter(**f) for f in SINGLE_FILTERS),
                 *(EventFilter(**a, **b) for a, b in itertools.combinations(SINGLE_FILTERS, 2) if not set(a) & set(b))]


def selected_ids(connection: duckdb.DuckDBPyConnection, selection: EventFilter) -> list[int]:
    where, params = where_clause(selection)
    return sorted(row[0] for row in connection.execute(f"SELECT event_id FROM events {where}", params).fetchall())


@pytest.mark.parametrize("which", ["coded", "awkward"])
def test_the_index_selects_what_the_sql_definition_selects(which, awkward_db):
    db = shared_database() if which == "coded" else awkward_db
    with duckdb.connect(str(db), read_only=True) as connection:
        index = EventIndex.load(connection)
        assert index is not None
        found = 0
        for selection in FILTER_MATRIX:
            text_ids = queries.events_with_text(connection, selection.text) if selection.text else None
            mask = index.matching(selection, text_ids)
            by_index = sorted((index.event_ids if mask is None else index.event_ids[mask]).tolist())
            by_sql = selected_ids(connection, selection)
            assert by_index == by_sql, selection
            found += bool(by_sql)
    assert found > len(FILTER_MATRIX) // 3  # most filters select something


def test_a_two_digit_code_is_a_root_a_longer_one_that_code_exactly(awkward_db):
    with duckdb.connect(str(awkward_db), read_only=True) as connection:
        def codes(selection: EventFilter) -> set[str]:
            where, params = where_clause(selection)
            return {row[0] for row in connection.execute(f"SELECT code FROM events {where}", params).fetchall()}

        assert selected_ids(connection, EventFilter(code="02")) == selected_ids(connection, EventFilter(root="02"))
        assert {"02", "020", "023", "0231"} <= codes(EventFilter(code="02"))
        assert codes(EventFilter(code="023")) == {"023"}
        assert codes(EventFilter(code="0231")) == {"0231"}


def test_series_periods_start_where_duckdb_truncates():
    days = list(range(-800, 800, 3))  # both sides of 1970-01-01, across leap years
    with duckdb.connect() as connection:
        for interval in ("day", "week", "month"):
            expected = [row[0] for row in connection.execute(
                f"SELECT CAST(date_trunc('{interval}', DATE '1970-01-01' + d) AS DATE) - DATE '1970-01-01' "
                "FROM unnest(?) AS t(d)", [days]).fetchall()]
            assert period_starts(np.array(days), interval).tolist() == expected, interval


def test_the_index_is_skipped_over_its_memory_budget(awkward_db):
    with duckdb.connect(str(awkward_db), read_only=True) as connection:
        size = events_bytes(connection)
        assert 3_000 * 8 < size < 50_000_000
        assert EventIndex.load(connection, budget_bytes=size - 1) is None
        index = EventIndex.load(connection, budget_bytes=size)
    assert index is not None and index.size == 3_000
    app = create_app(awkward_db, index_bytes=size - 1)
    assert app.state.database.index is None
    assert TestClient(app, base_url=LOCAL_URL).get("/events", params={"dyad": "IRN,RUS"}).json()["total"] > 0


def test_a_text_filter_needs_the_ids_its_search_found(awkward_db):
    with duckdb.connect(str(awkward_db), read_only=True) as connection:
        index = EventIndex.load(connection)
    with pytest.raises(ValueError, match="text filter"):
        index.matching(EventFilter(text="iran"))
