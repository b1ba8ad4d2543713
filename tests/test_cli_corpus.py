"""The corpus commands do what the API does: the same filters read the same way, series with
empty periods as zeros, stats over a date range, exports of a selection, inputs that match
nothing refused, progress on a terminal."""

from __future__ import annotations

import csv
import io
import itertools
import json
import os
import pty
import subprocess
import threading
import warnings
from datetime import date
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

import dyads.cli.corpus  # noqa: F401 - registers the corpus commands on dyads.cli.main
from dyads.cli import main
from dyads.corpus.ingest import ingest
from dyads.corpus.store import EventStore
from tests.corpus_helpers import CLI, data_dir_args, settings, write_jsonl
from tests.server_helpers import LOCAL_URL, shared_database
from tests.test_store import sample_records

fastapi = pytest.importorskip("fastapi")
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


@pytest.fixture(scope="module")
def db() -> Path:
    return shared_database()


@pytest.fixture(scope="module")
def client(db):
    from dyads.server import create_app

    return TestClient(create_app(db, cache_bytes=0), base_url=LOCAL_URL)


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def cli_ids(db: Path, *args: str) -> set[str]:
    output = run("events", "--db", str(db), "--format", "jsonl", *args)
    return {str(json.loads(line)["event_id"]) for line in output.splitlines()}


def api_ids(client, params: dict) -> set[str]:
    found, cursor = set(), None
    while True:
        page = client.get("/events", params={**params, "limit": 500, **({"cursor": cursor} if cursor else {})})
        assert page.status_code == 200, page.text
        found |= {event["event_id"] for event in page.json()["events"]}
        cursor = page.json()["next_cursor"]
        if not cursor:
            return found


# Each API parameter and the CLI option that gives it (flags without a value).
FILTER_CASES = [
    ({"actor": "irn"}, ["--actor", "irn"]),
    ({"dyad": "IRN,RUS"}, ["--dyad", "IRN,RUS"]),
    ({"source": "RUS", "target": "IRN"}, ["--source", "RUS", "--target", "IRN"]),
    ({"target": "IRN"}, ["--target", "IRN"]),
    ({"dyad": "IRN,RUS", "both_directions": "true"}, ["--dyad", "IRN,RUS", "--both-directions"]),
    ({"root": "04"}, ["--root", "04"]),
    ({"code": "041"}, ["--code", "041"]),
    ({"code": "19"}, ["--code", "19"]),
    ({"quad_class": 4}, ["--quad-class", "4"]),
    ({"quad_class": 1, "since": "2016-01-01"}, ["--quad-class", "1", "--since", "2016-01-01"]),
    ({"since": "2016-02-15", "until": "2016-03-01"}, ["--since", "2016-02-15", "--until", "2016-03-01"]),
    ({"country": "syr"}, ["--country", "syr"]),
    ({"place": "Vienna"}, ["--place", "Vienna"]),
    ({"has_place": "true", "root": "19"}, ["--has-place", "--root", "19"]),
    ({"q": "Telephone"}, ["--text", "Telephone"]),
]


@pytest.mark.parametrize("params, options", FILTER_CASES, ids=[" ".join(o) for _, o in FILTER_CASES])
def test_every_api_filter_is_a_cli_option_that_selects_the_same_events(db, client, params, options):
    expected = api_ids(client, params)
    assert expected, f"the test database should have events for {params}"
    assert cli_ids(db, *options) == expected
    everything = cli_ids(db)
    assert len(everything) > len(expected)  # the option filtered something


@pytest.mark.parametrize("options, words", [
    (["--quad-class", "5"], "is not a QuadClass"),
    (["--root", "21"], "unknown CAMEO root code '21'"),
    (["--country", "XXX"], "not an ISO 3166 alpha-3"),
    (["--since", "2016-02-30"], "'2016-02-30' is not a date"),
    (["--since", "2016-03-01", "--until", "2016-02-01"], "is before since"),
    (["--dyad", "IRN,RUS", "--source", "IRN"], "either dyad or source/target"),
    (["--actor", "IRN'--"], "is not an actor code"),
])
def test_a_bad_filter_value_is_an_error_naming_its_option(db, options, words):
    result = CliRunner().invoke(main, ["events", "--db", str(db), *options])
    assert result.exit_code == 2 and words in result.output, result.output
    name = options[-2] if words == "is before since" else options[0]
    assert name in result.output


def test_events_output_file_takes_its_format_from_the_suffix(db, tmp_path):
    expected = cli_ids(db, "--root", "04")
    result = CliRunner().invoke(main, ["events", "--db", str(db), "--root", "04", "-o", str(tmp_path / "e.csv")])
    assert result.exit_code == 0 and f"{len(expected)} event(s)" in result.output
    with (tmp_path / "e.csv").open(encoding="utf-8") as handle:
        assert {row["event_id"] for row in csv.DictReader(handle)} == expected
    run("events", "--db", str(db), "--root", "04", "--output", str(tmp_path / "e.jsonl"))
    lines = (tmp_path / "e.jsonl").read_text(encoding="utf-8").splitlines()
    assert {str(json.loads(line)["event_id"]) for line in lines} == expected
    unknown = CliRunner().invoke(main, ["events", "--db", str(db), "-o", str(tmp_path / "e.xlsx")])
    assert unknown.exit_code == 2 and "give --format" in unknown.output
    assert not (tmp_path / "e.xlsx").exists()


def test_export_takes_the_filters_of_events(db, tmp_path):
    syria = cli_ids(db, "--country", "SYR", "--quad-class", "4")
    out = run("export", "--db", str(db), "--format", "jsonl", "--country", "SYR", "--quad-class", "4")
    assert {str(json.loads(line)["event_id"]) for line in out.splitlines()} == syria
    gdelt = run("export", "--db", str(db), "--format", "gdelt", "--country", "SYR", "--quad-class", "4")
    assert {line.split("\t")[0] for line in gdelt.splitlines()} == syria
    mentions = run("export", "--db", str(db), "--table", "mentions", "--format", "csv", "--country", "SYR",
                   "--quad-class", "4")
    rows = list(csv.DictReader(io.StringIO(mentions)))
    with duckdb.connect(str(db), read_only=True) as connection:
        [(expected,)] = connection.execute(
            "SELECT count(*) FROM mentions WHERE event_id IN (SELECT event_id FROM events "
            "WHERE place_country = 'SYR' AND quad_class = 4)").fetchall()
    assert len(rows) == expected > len(syria) - 1 and {row["event_id"] for row in rows} == syria
    limited = run("export", "--db", str(db), "--format", "jsonl", "--limit", "3")
    assert len(limited.splitlines()) == 3
    figures = CliRunner().invoke(main, ["export", "--db", str(db), "--table", "figures", "--country", "SYR"])
    assert figures.exit_code == 1 and "figures are not tied to events" in figures.output


def test_series_fills_empty_periods_with_zeros_and_counts_as_the_api(db, client):
    output = run("series", "IRN", "RUS", "--db", str(db), "--interval", "month", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(output)))
    assert list(rows[0]) == ["period", "events", "mentions", "goldstein", "verbal_cooperation",
                             "material_cooperation", "verbal_conflict", "material_conflict"]
    months = [date.fromisoformat(row["period"]) for row in rows]
    # a continuous axis: every month from the first event's to the last's, once
    assert all((b.year * 12 + b.month) - (a.year * 12 + a.month) == 1 for a, b in itertools.pairwise(months))
    empty = [row for row in rows if row["events"] == "0"]
    assert empty and all(row["mentions"] == "0" and row["goldstein"] == "" for row in empty)
    api = client.get("/dyads/IRN/RUS/series", params={"interval": "month"}).json()["series"]
    assert [(p["period"], p["events"], p["mentions"]) for p in api] == \
        [(row["period"], int(row["events"]), int(row["mentions"])) for row in rows]
    for period, row in zip(api, rows, strict=True):
        assert (float(row["goldstein"]) if row["goldstein"] else None) == pytest.approx(period["goldstein"], abs=1e-3)
        by_quad = {name: int(row[name]) for name in ("verbal_cooperation", "material_cooperation",
                                                      "verbal_conflict", "material_conflict")}
        assert sum(by_quad.values()) == int(row["events"])


def test_series_json_is_the_api_series(db, client):
    output = run("series", "IRN", "RUS", "--db", str(db), "--interval", "week", "--both-directions",
                 "--since", "2015-11-01", "--until", "2016-04-30", "--format", "json")
    data = json.loads(output)
    assert (data["source"], data["target"], data["interval"], data["both_directions"]) == ("IRN", "RUS", "week", True)
    weeks = [date.fromisoformat(period["period"]) for period in data["series"]]
    assert weeks[0] == date(2015, 10, 26) and weeks[-1] == date(2016, 4, 25)  # the Mondays of since and until
    assert all((b - a).days == 7 for a, b in itertools.pairwise(weeks))
    api = client.get("/dyads/IRN/RUS/series", params={"interval": "week", "both_directions": True,
                                                      "since": "2015-11-01", "until": "2016-04-30"}).json()["series"]
    assert data["series"] == api and any(p["events"] for p in api)


def test_stats_over_a_date_range_as_json(db):
    report = json.loads(run("stats", "--db", str(db), "--since", "2016-01-01", "--until", "2016-03-31",
                            "--format", "json", "--top", "3"))
    with duckdb.connect(str(db), read_only=True) as connection:
        [(in_range,)] = connection.execute(
            "SELECT count(*) FROM events WHERE date BETWEEN DATE '2016-01-01' AND DATE '2016-03-31'").fetchall()
        [(everything,)] = connection.execute("SELECT count(*) FROM events").fetchall()
    assert 0 < report["events"] == in_range < everything == report["counts"]["events"]
    assert sum(row["events"] for row in report["by_root_code"]) == in_range
    assert {row["month"] for row in report["by_month"]} <= {"2016-01", "2016-02", "2016-03"}
    assert len(report["top_dyads"]) == 3 and (report["since"], report["until"]) == ("2016-01-01", "2016-03-31")
    table = run("stats", "--db", str(db), "--since", "2016-01-01", "--until", "2016-03-31")
    assert f"{in_range} event(s) from 2016-01-01 to 2016-03-31" in table and "2015-12" not in table


@pytest.mark.parametrize("command", ["ingest", "code"])
def test_inputs_that_match_nothing_are_an_error_naming_them(command, tmp_path):
    real = write_jsonl(tmp_path / "real.jsonl", sample_records()[:1])
    (tmp_path / "empty").mkdir()
    missing = [str(tmp_path / "corpus" / "*.jsonl"), str(tmp_path / "typo.jsonl"), str(tmp_path / "empty")]
    db = tmp_path / "events.duckdb"
    args = [command, str(real), *missing, *(["--db", str(db)] if command == "ingest" else [])]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    assert all(repr(name) in result.output for name in missing) and repr(str(real)) not in result.output
    assert not db.exists()  # refused before anything was done


@pytest.mark.parametrize("workers", [1, 2])
def test_ingest_reports_progress_per_article_coded_not_per_write(tmp_path, workers):
    records = sample_records()
    write_jsonl(tmp_path / "a.jsonl", [*records, records[0], {"id": "bad"}])  # then a copy and a bad line
    advances: list[int] = []
    report = ingest([tmp_path / "a.jsonl"], tmp_path / "e.duckdb", workers=workers, settings=settings(),
                    progress=advances.append, batch_articles=16, write_articles=64)
    assert (report.stored, report.skipped, len(report.failures)) == (3, 1, 1)
    assert sum(advances) == 5  # every input once
    if workers == 1:  # in one process, each article as it is coded, then the copy and the bad line
        assert advances == [1, 1, 1, 2]
    else:  # across processes, as the parent sees the workers' count (at least once, at most per article)
        assert 2 <= len(advances) <= 4 and advances[-1] == 2


def test_code_draws_a_progress_bar_on_a_terminal_only(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for number, record in enumerate(sample_records()):
        (corpus / f"article{number}.txt").write_text(record["text"], encoding="utf-8")
    args = [*CLI, "code", str(corpus), "--date", "2015-12-02", "--workers", "1", *data_dir_args()]
    drawn = on_a_terminal([*args, "-o", str(tmp_path / "events.jsonl")])
    assert "code" in drawn and "3/3" in drawn, drawn
    piped = subprocess.run(args, capture_output=True, text=True, timeout=300)
    assert piped.returncode == 0 and "3/3" not in piped.stderr
    assert piped.stdout.count("\n") == (tmp_path / "events.jsonl").read_text(encoding="utf-8").count("\n") > 0


def on_a_terminal(args: list[str]) -> str:
    """What a command drew on its standard error, a pseudo-terminal (read as it comes, so that
    the terminal's buffer never blocks the command)."""
    controller, terminal = pty.openpty()
    chunks: list[bytes] = []

    def read() -> None:
        while True:
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # the command has exited and closed its end
                return
            if not chunk:
                return
            chunks.append(chunk)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        process = subprocess.Popen(args, stderr=terminal, stdout=subprocess.DEVNULL,
                                   env={**os.environ, "COLUMNS": "120"})
        os.close(terminal)
        assert process.wait(timeout=300) == 0
        reader.join(timeout=10)
    finally:
        os.close(controller)
    return b"".join(chunks).decode(errors="replace")


def test_the_store_reads_while_the_cli_counts(db):
    """EventStore and the CLI agree on a selection (one reading of the filters)."""
    with EventStore(db) as store:
        frame = store.events(dyad="IRN,RUS", since="2016-01-01")
    assert {str(i) for i in frame["event_id"]} == cli_ids(db, "--dyad", "IRN,RUS", "--since", "2016-01-01")
