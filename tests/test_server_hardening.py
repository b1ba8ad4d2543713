"""The server against hostile and odd requests (issue 18): every bad parameter a 422 that names
it before any streaming, no input error escaping as a 500, unknown and repeated parameters
refused, the cache keyed on what a request means, the Host header checked against DNS
rebinding, security headers on every answer, HEAD answered; and the API probe set: bad values
for every parameter of every endpoint found in the app's own OpenAPI schema."""

from __future__ import annotations

import os
import re
import warnings
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's TestClient warns about httpx; it works
    from fastapi.testclient import TestClient

from dyads.server import create_app
from dyads.server.filters import MAX_EXPORT_ROWS
from dyads.server.guards import HostPolicy
from tests.server_helpers import LOCAL_URL, shared_database

STACK_TRACE = re.compile(r"Traceback \(most recent call last\)|File \"[^\"]+\", line \d+|\b\w+Error: \[E\d{3}\]")


@pytest.fixture(scope="module")
def db() -> Path:
    return shared_database()


@pytest.fixture(scope="module", params=["index", "sql"])
def client(db, request) -> Iterator[TestClient]:
    """Errors are answered, not raised, as a real server would (raise_server_exceptions=False)."""
    app = create_app(db, index_bytes=0) if request.param == "sql" else create_app(db)
    with TestClient(app, base_url=LOCAL_URL, raise_server_exceptions=False) as test_client:
        yield test_client


def problems(response) -> dict[str, str]:
    """The 422's {parameter: message}."""
    assert response.status_code == 422, (response.status_code, response.text[:300])
    return {item["loc"][-1]: item["msg"] for item in response.json()["detail"]}


# --- 1. limits validated before any streaming ---------------------------------------------------

@pytest.mark.parametrize("limit", ["9223372036854775808", "9223372036854775807", str(MAX_EXPORT_ROWS + 1),
                                   "99999999999999999999999999", "-9223372036854775809", "0", "1e3"])
def test_export_limit_out_of_range_is_a_422_not_an_empty_200(client, limit):
    assert "limit" in problems(client.get(f"/export?limit={limit}"))


def test_export_at_its_maximum_limit_streams_every_event(client):
    whole = client.get("/export", params={"format": "jsonl"}).text
    assert client.get("/export", params={"format": "jsonl", "limit": MAX_EXPORT_ROWS}).text == whole != ""


def test_a_failing_export_query_is_an_error_status_not_an_empty_200(db, monkeypatch):
    import duckdb

    def failing(*_):
        raise duckdb.OutOfRangeException("the query failed")
        yield

    monkeypatch.setattr("dyads.server.queries.export_batches", failing)
    with TestClient(create_app(db), base_url=LOCAL_URL, raise_server_exceptions=False) as fresh:
        response = fresh.get("/export")
        assert response.status_code == 500 and not STACK_TRACE.search(response.text)


# --- 2. explain: text that cleans down to nothing -------------------------------------------------

@pytest.mark.parametrize("text", ["Advertisement", "www.example.com", "News / Politics", "\x00", " \t "])
def test_explain_of_text_with_nothing_to_code_is_a_422(client, text):
    response = client.get("/explain", params={"text": text})
    assert "no article text" in problems(response)["text"], response.text


# --- 3. the cache key -----------------------------------------------------------------------------

def test_repeated_actor_is_refused_and_never_shares_a_cached_answer(db):
    app = create_app(db)
    with TestClient(app, base_url=LOCAL_URL) as fresh:
        one = fresh.get("/events?actor=IRN&actor=RUS")
        other = fresh.get("/events?actor=RUS&actor=IRN")
        for response in (one, other):
            assert "given 2 times" in problems(response)["actor"]
        assert not app.state.response_cache.entries


def test_the_cache_key_is_the_checked_query(db):
    app = create_app(db)
    cache = app.state.response_cache
    with TestClient(app, base_url=LOCAL_URL) as fresh:
        first = fresh.get("/events?actor=IRN&limit=5")
        again = fresh.get("/events?limit=5&actor=IRN")  # the same request: one entry, one hit
        spelled = fresh.get("/events?limit=%35&actor=IR%4E")  # the same again, percent-encoded
        assert first.content == again.content == spelled.content and first.status_code == 200
        assert (cache.hits, len(cache.entries)) == (2, 1)
        assert fresh.get("/events?actor=IRN&limit=6").json()["count"] == 6  # another request, its own answer
        assert len(cache.entries) == 2


def test_list_values_in_another_order_are_another_key():
    from dyads.server.cache import CHECKED_QUERY, cache_key

    def key(*pairs):
        return cache_key({"path": "/x", CHECKED_QUERY: pairs})

    assert key(("a", "1"), ("b", "TUR"), ("b", "ISR")) != key(("a", "1"), ("b", "ISR"), ("b", "TUR"))
    assert key(("a", "1 2")) == "/x?a=1+2" and cache_key({"path": "/x", "query_string": b"a=1"}) is None


def test_the_query_rule_of_an_endpoint():
    from dyads.server.guards import QueryRule

    rule = QueryRule(("actor", "limit"), repeatable=frozenset({"actor"}))
    assert rule.problems([("actor", "IRN"), ("actor", "RUS"), ("limit", "5")]) == []
    assert rule.problems([("limit", "5"), ("limit", "6"), ("limits", "1")]) == [
        ("limit", "given 2 times; it takes one value"), ("limits", "unknown parameter (did you mean limit?)")]
    assert rule.problems([("zzz", "")]) == [("zzz", "unknown parameter (this endpoint takes: actor, limit)")]


# --- 4. unknown and repeated parameters -----------------------------------------------------------

@pytest.mark.parametrize("url, name, words", [
    ("/events?limt=5", "limt", "unknown parameter (did you mean limit?)"),
    ("/events?limit=5&limit=6", "limit", "given 2 times"),
    ("/stats?top=3&top=3", "top", "given 2 times"),
    ("/actors?query=irn", "query", "unknown parameter"),
    ("/events/1?verbose=1", "verbose", "unknown parameter (this endpoint takes none)"),
    ("/export?format=csv&format=jsonl", "format", "given 2 times"),
    ("/dyads/IRN/RUS/series?interval=month&interval=day", "interval", "given 2 times"),
])
def test_unknown_and_repeated_parameters_are_named_in_a_422(client, url, name, words):
    assert words in problems(client.get(url))[name]


def test_every_unknown_and_repeated_parameter_is_named_at_once(client):
    assert set(problems(client.get("/events?limt=5&sort=date&sort=-date&x="))) == {"limt", "sort", "x"}


# --- 5. Host header, security headers, HEAD --------------------------------------------------------

@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "localhost.evil.example", "127.0.0.1.nip.io",
                                  "", "[::2]", "10.0.0.1"])
def test_a_foreign_host_is_refused(client, host):
    response = client.get("/events", headers={"host": host})
    assert response.status_code == 421 and "not served here" in response.json()["detail"]


@pytest.mark.parametrize("host", ["localhost", "localhost:8000", "LOCALHOST.", "127.0.0.1:8000", "[::1]:8000",
                                  "127.0.0.2"])
def test_local_hosts_are_served(client, host):
    assert client.get("/stats", headers={"host": host}).status_code == 200


@pytest.mark.parametrize("bind, extra, host, allowed", [
    ("127.0.0.1", (), "localhost:80", True),
    ("127.0.0.1", (), "myhost.lan", False),
    ("127.0.0.1", ("myhost.lan",), "MyHost.lan:8000", True),
    ("192.168.1.5", (), "192.168.1.5:8000", True),
    ("192.168.1.5", (), "192.168.1.6", False),
    ("0.0.0.0", (), "192.168.1.6:8000", True),  # every address is ours; an IP literal cannot be rebound
    ("0.0.0.0", (), "[fe80::1]:8000", True),
    ("0.0.0.0", (), "evil.example", False),
    ("::", (), "10.1.2.3", True),
    ("myhost.lan", (), "myhost.lan", True),
    ("127.0.0.1", ("*",), "anything.example", True),
    ("127.0.0.1", (), None, True),  # HTTP/1.0 without Host: not a browser
    ("127.0.0.1", (), "local host", False),
    ("127.0.0.1", (), "[::1", False),
])
def test_host_policy(bind, extra, host, allowed):
    assert HostPolicy.for_bind_address(bind, extra).allows(host) is allowed


def test_allowed_hosts_reach_the_app(db):
    app = create_app(db, allowed_hosts=["dyads.lan"])
    with TestClient(app, base_url="http://dyads.lan:8000") as lan:
        assert lan.get("/stats").status_code == 200
        assert lan.get("/stats", headers={"host": "other.lan"}).status_code == 421


@pytest.mark.parametrize("path", ["/", "/static/app.js", "/events?limit=1", "/stats", "/docs", "/openapi.json",
                                  "/events?limit=0", "/static/nope.js", "/export?limit=1", "/events/1"])
def test_every_answer_has_the_security_headers(client, path):
    response = client.get(path)
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"
    policy = response.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    if path != "/docs":
        assert "script-src 'self';" in policy  # the dashboard runs only its own file


def test_the_docs_page_runs_under_the_dashboards_policy(client):
    # /docs is Swagger UI from local files (no CDN, no inline script): the strict policy holds
    page = client.get("/docs")
    assert page.status_code == 200 and not re.findall(r"<script>(.*?)</script>", page.text, flags=re.S)
    assert "script-src 'self';" in page.headers["content-security-policy"]
    assert client.get("/redoc").status_code == 404


def test_cached_answers_keep_the_headers(db):
    with TestClient(create_app(db), base_url=LOCAL_URL) as fresh:
        first, again = fresh.get("/stats"), fresh.get("/stats")
        assert fresh.app.state.response_cache.hits == 1
        for name in ("content-security-policy", "x-content-type-options", "content-type", "content-length"):
            assert first.headers[name] == again.headers[name]
        assert again.headers.get_list("x-content-type-options") == ["nosniff"]


@pytest.mark.parametrize("path", ["/", "/stats", "/events?limit=2", "/static/app.js", "/export?format=csv",
                                  "/events/1", "/events?limt=1", "/openapi.json"])
def test_head_is_answered_like_get_without_a_body(client, path):
    get, head = client.get(path), client.head(path)
    assert head.status_code == get.status_code != 405 and head.content == b""
    assert head.headers["content-type"] == get.headers["content-type"]
    if "content-length" in get.headers:
        assert head.headers["content-length"] == get.headers["content-length"]


def test_other_methods_are_still_refused(client):
    assert client.post("/events").status_code == 405
    assert client.delete("/events/1").status_code == 405


# --- 6. the API probe set ---------------------------------------------------------------------------

# Bad values for any parameter: SQL injection, path traversal, control and odd characters,
# numbers out of every range, malformed dates and codes, very long strings.
HOSTILE_VALUES = [
    "", " ", "'", "' OR '1'='1", "1; DROP TABLE events; --", "1) UNION SELECT * FROM documents --", "%", "_",
    "\\", "../../../../etc/passwd", "..%2f..%2fetc%2fpasswd", "\x00", "a\x00b", "\r\nSet-Cookie: x=1",
    "<script>alert(1)</script>", "\u202eNRI", "\ufeff", "😀", "x" * 10_000, "NaN", "-Infinity", "-1", "0", "1e309",
    "1.5", "9223372036854775808", "-9223372036854775809", "9" * 400, "null", "2016-02-30", "99999-01-01",
    "IRN,RUS,SYR", ",",
]
# Undecodable or odd percent-encodings, sent as they are.
RAW_VALUES = ["%ED%A0%80", "%FF%FE", "%C0%AE%C0%AE%2F", "%zz", "%2500", "a+b"]
PATH_EXAMPLES = {"event_id": "1", "key": "vienna", "source": "IRN", "target": "RUS"}
QUERY_EXAMPLES = {"text": "Zarif met Lavrov on Tuesday."}  # required ones: a valid value while others are probed


def endpoints(client: TestClient) -> dict[str, list[dict]]:
    """Every GET path of the app's OpenAPI schema with its parameters: a new endpoint is probed
    as soon as it exists."""
    paths = client.get("/openapi.json").json()["paths"]
    return {path: operations["get"].get("parameters", []) for path, operations in paths.items() if "get" in operations}


def numeric_edges(parameter: dict) -> list[str]:
    schemas = parameter["schema"].get("anyOf", [parameter["schema"]])
    edges = []
    for schema in schemas:
        for bound, step in (("minimum", -1), ("maximum", 1), ("exclusiveMinimum", 0), ("exclusiveMaximum", 0)):
            if bound in schema:
                edges += [str(schema[bound]), str(schema[bound] + step)]
        if "maxLength" in schema:
            edges.append("x" * (schema["maxLength"] + 1))
    return edges


def probe_urls(path: str, parameters: list[dict]) -> Iterator[tuple[str, str | None, bool]]:
    """(url, the parameter a 422 must name, whether it must be a 422) for bad values of each
    parameter in turn, then each repeated, an unknown one and odd names; other parameters keep
    valid values."""
    path_values = {p["name"]: PATH_EXAMPLES[p["name"]] for p in parameters if p["in"] == "path"}
    required = {p["name"]: quote(QUERY_EXAMPLES[p["name"]]) for p in parameters if p["in"] == "query" and p["required"]}

    def url(path_changes: dict[str, str], query_changes: dict[str, str], extra: str = "") -> str:
        filled = path
        for name, value in {**path_values, **path_changes}.items():
            filled = filled.replace("{" + name + "}", value)
        query = [f"{name}={value}" for name, value in {**required, **query_changes}.items()]
        query += [extra] if extra else []
        return filled + ("?" + "&".join(query) if query else "")

    for parameter in parameters:
        name, where = parameter["name"], parameter["in"]
        for value in [quote(value, safe="") for value in HOSTILE_VALUES + numeric_edges(parameter)] + RAW_VALUES:
            if where == "path":
                yield url({name: value}, {}), None, False  # a bad path segment may be a 404 as well as a 422
            else:
                yield url({}, {name: value}), name, False  # some of the values are valid for some parameters
        if where == "query":
            yield url({}, {}, f"{name}=1&{name}=2"), name, True
    yield url({}, {}, "limt=5"), "limt", True
    yield url({}, {}, "%00=1"), "\x00", True
    yield url({}, {}, "actor[]=IRN"), "actor[]", True


def test_api_probe_set_no_5xx_and_no_stack_traces(client):
    api = endpoints(client)
    assert {"/events", "/events/{event_id}", "/documents/{key}", "/actors", "/dyads/{source}/{target}/series",
            "/stats", "/explain", "/places", "/figures", "/export"} <= set(api)
    failures, sent, per_path = [], 0, dict.fromkeys(api, 0)
    for path, parameters in api.items():
        for number, (url, must_name, must_refuse) in enumerate(probe_urls(path, parameters)):
            for method in ("GET", "HEAD") if must_refuse or number % 8 == 0 else ("GET",):
                response = client.request(method, url)
                sent += 1
                per_path[path] += 1
                body = response.text
                if response.status_code >= 500 or response.status_code == 405 or STACK_TRACE.search(body):
                    failures.append((method, url[:120], response.status_code, body[:200]))
                elif must_refuse and response.status_code != 422:
                    failures.append((method, url[:120], response.status_code, "not refused"))
                elif method == "GET" and response.status_code == 422 and must_name is not None:
                    named = {item["loc"][-1] for item in response.json()["detail"]}
                    if must_name not in named:
                        failures.append((method, url[:120], 422, f"does not name {must_name!r}: {body[:200]}"))
        for host in ("evil.example", "127.0.0.1.evil.example", "localhost:8000@evil.example"):
            response = client.get(path, headers={"host": host})
            sent += 1
            if response.status_code != 421:
                failures.append(("GET", path, response.status_code, f"served to Host {host}"))
    # every parameter of every endpoint probed; an endpoint without parameters ("/cameo", "/version")
    # still gets the unknown and odd ones
    assert sent > 1_500 and all(count > (30 if api[path] else 5) for path, count in per_path.items()), (
        sent, per_path)
    assert not failures, f"{len(failures)} of {sent} probes failed:\n" + "\n".join(map(str, failures[:40]))


@pytest.mark.parametrize("path", ["/", "/static/app.js", "/static/..%2f..%2fapp.py", "/static/%00", "/docs",
                                  "/redoc", "/openapi.json", "/nope", "/events/", "//events", "/events/%ff",
                                  "/dyads/IRN/%00/series", "/documents/%2e%2e%2fetc%2fpasswd"])
def test_pages_and_odd_paths_answer_cleanly(client, path):
    for method in ("GET", "HEAD", "OPTIONS", "POST"):
        response = client.request(method, path)
        assert response.status_code < 500 and not STACK_TRACE.search(response.text), (method, response.text[:200])


def test_serve_passes_the_bind_address_and_allowed_hosts(db, monkeypatch):
    import click
    from click.testing import CliRunner

    import dyads.cli.serve as server_cli
    from dyads.server import app as server

    apps = []
    monkeypatch.setattr("uvicorn.run", lambda app, **options: apps.append(app))
    group = click.Group()
    server_cli.register(group)
    result = CliRunner().invoke(group, ["serve", "--db", str(db), "--host", "0.0.0.0", "--allow-host", "dyads.lan",
                                        "--allow-host", "[FE80::1]:8000"])
    assert result.exit_code == 0, result.output
    with TestClient(apps[0], base_url="http://dyads.lan") as lan:
        for host, status in (("dyads.lan", 200), ("192.168.1.9:8000", 200), ("[fe80:0::1]", 200),
                             ("evil.example", 421)):
            assert lan.get("/stats", headers={"host": host}).status_code == status, host
    bad = CliRunner().invoke(group, ["serve", "--db", str(db), "--allow-host", "evil.example/x"])
    assert bad.exit_code == 2 and "'evil.example/x' is not a host name" in bad.output
    for name in (server.BIND_ENVIRONMENT, server.DB_ENVIRONMENT, server.HOSTS_ENVIRONMENT, server.INDEX_ENVIRONMENT):
        monkeypatch.setenv(name, "")  # restored after the test: serve sets them for its worker processes
    workers = CliRunner().invoke(group, ["serve", "--db", str(db), "--workers", "2", "--allow-host", "a.lan",
                                         "--allow-host", "b.lan"])
    assert workers.exit_code == 0, workers.output
    assert os.environ[server.BIND_ENVIRONMENT] == "127.0.0.1"
    assert os.environ[server.HOSTS_ENVIRONMENT].split() == ["a.lan", "b.lan"]
    with TestClient(server.app_from_environment(), base_url="http://b.lan") as worker:  # as each worker builds it
        assert worker.get("/stats").status_code == 200
        assert worker.get("/stats", headers={"host": "c.lan"}).status_code == 421
