"""The event database: idempotent ingest, event merging, failures, locking, queries."""

from __future__ import annotations

import gzip
import json
import os
import socket
import subprocess
import time
from datetime import date
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

import dyads.cli.corpus  # noqa: F401 - registers the corpus commands on dyads.cli.main
import dyads.corpus.ingest
from dyads.cli import main
from dyads.corpus.dedupe import EventKey, event_id
from dyads.corpus.ingest import ingest
from dyads.corpus.selection import EventFilter
from dyads.corpus.store import LOCKED_MESSAGE, SCHEMA_VERSION, EventStore
from dyads.errors import StoreError
from dyads.workers import worker_coder
from tests.conftest import TRUCE_PAGE, VIENNA
from tests.corpus_helpers import CLI, all_tables, data_dir_args, settings, write_jsonl
from tests.server_helpers import free_port

VIENNA_TEXT = VIENNA.read_text(encoding="utf-8")
CALL_SENTENCE = next(line for line in VIENNA_TEXT.splitlines() if "telephone conversation on Tuesday" in line)
TUESDAY_CALL = event_id(EventKey("2015-12-01", "IRNGOV", "RUSGOV", "041"))
FRIDAY_CALL = event_id(EventKey("2016-03-25", "IRNGOV", "RUSGOV", "041"))


def sample_records() -> list[dict]:
    return [
        {"id": "vienna", "date": "2015-12-02", "source": "Press TV", "url": "https://presstv.example/vienna",
         "text": VIENNA_TEXT},
        {"id": "truce", "date": "2016-03-26", "source": "Press TV", "url": "https://presstv.example/truce",
         "text": TRUCE_PAGE.read_text(encoding="utf-8")},
        # another outlet reporting the same Tuesday call, twice in one article
        {"id": "repeat", "date": "2015-12-02", "source": "TASS", "url": "https://tass.example/call",
         "text": f"{CALL_SENTENCE}\n\nThe ministry did not give further details.\n\n{CALL_SENTENCE}"},
    ]


def build_samples(root: Path) -> tuple[Path, Path]:
    """(corpus folder, database) after one ingest of the sample articles."""
    corpus = root / "corpus"
    corpus.mkdir()
    write_jsonl(corpus / "samples.jsonl", sample_records())
    db = root / "events.duckdb"
    report = ingest([corpus], db, workers=1, settings=settings())
    assert report.stored == 3 and not report.failures
    return corpus, db


@pytest.fixture(scope="module")
def samples(tmp_path_factory) -> tuple[Path, Path]:
    return build_samples(tmp_path_factory.mktemp("samples"))


def test_second_ingest_of_the_same_articles_changes_nothing(samples, tmp_path):
    corpus, db = samples
    before = all_tables(db)
    # the same texts again, under other ids, files and outlets: still one document each
    copies = [{**record, "id": f"copy-{record['id']}", "source": "Copycat"} for record in sample_records()]
    write_jsonl(tmp_path / "copies.jsonl", copies)
    report = ingest([corpus, tmp_path / "copies.jsonl"], db, workers=1, settings=settings())
    assert (report.stored, report.skipped) == (0, 6)
    assert all_tables(db) == before
    with EventStore(db, read_only=True) as store:
        documents = store.table("documents")
    assert sorted(documents["doc_id"]) == ["repeat", "truce", "vienna"]


def test_reports_of_one_call_are_mentions_of_one_event(samples):
    _, db = samples
    with EventStore(db, read_only=True) as store:
        events = store.events().set_index("event_id")
        mentions = store.mentions(TUESDAY_CALL)
    call = events.loc[TUESDAY_CALL]
    assert (call.source_code, call.target_code, call.code) == ("IRNGOV", "RUSGOV", "041")
    assert call.date.date() == date(2015, 12, 1)
    # Press TV's article once, TASS's article twice (same sentence in two paragraphs)
    assert sorted(mentions["doc_id"]) == ["repeat", "repeat", "vienna"]
    assert (call.num_mentions, call.num_articles, call.num_sources) == (3, 2, 2)
    assert call.first_seen.date() == call.last_seen.date() == date(2015, 12, 2)
    assert "telephone conversation on Tuesday" in call.sentence


def test_calls_months_apart_stay_two_events(samples):
    _, db = samples
    with EventStore(db, read_only=True) as store:
        calls = store.events(dyad=("IRNGOV", "RUSGOV"), code="041")
    assert set(calls["event_id"]) == {TUESDAY_CALL, FRIDAY_CALL}
    assert sorted(d.date() for d in calls["date"]) == [date(2015, 12, 1), date(2016, 3, 25)]


def test_every_event_row_agrees_with_its_mentions(samples):
    _, db = samples
    with duckdb.connect(str(db), read_only=True) as connection:
        mismatched = connection.execute("""
            SELECT e.event_id FROM events e
            JOIN (SELECT event_id, count(*) AS n, count(DISTINCT content_hash) AS a
                  FROM mentions GROUP BY event_id) m USING (event_id)
            WHERE e.num_mentions <> m.n OR e.num_articles <> m.a""").fetchall()
        orphans = connection.execute(
            "SELECT count(*) FROM mentions WHERE event_id NOT IN (SELECT event_id FROM events)").fetchone()[0]
        evidence = connection.execute("SELECT sentence, sentence_start, sentence_end, content_hash FROM mentions "
                                      "WHERE doc_id = 'vienna'").fetchall()
    assert mismatched == [] and orphans == 0
    text = dyads.corpus.read.make_article(VIENNA_TEXT, origin="x").text
    assert evidence and all(text[start:end] == sentence for sentence, start, end, _ in evidence)


def test_full_rebuild_gives_the_incremental_tables(samples, tmp_path):
    _, db = samples
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(db.read_bytes())
    with EventStore(copy, read_only=False) as store:
        store.rebuild_events()
    assert all_tables(copy)["events"] == all_tables(db)["events"]


def test_query_filters(samples):
    _, db = samples
    with EventStore(db, read_only=True) as store:
        every = store.events()
        by_actor = store.events(actor="RUS")
        by_dyad = store.events(dyad=("RUS", "IRN"))
        by_code = store.events(code="04")
        in_2016 = store.events(since="2016-01-01", until=date(2016, 12, 31))
        limited = store.events(limit=2)
    assert len(every) > len(by_actor) > 0
    assert all(s.startswith("RUS") or (t or "").startswith("RUS")
               for s, t in zip(by_actor["source_code"], by_actor["target_code"], strict=True))
    assert len(by_dyad) >= 2 and all(by_dyad["source_code"].str.startswith("RUS"))
    assert all(by_dyad["target_code"].str.startswith("IRN"))
    assert len(by_code) >= 4 and all(by_code["code"].str.startswith("04"))
    assert 0 < len(in_2016) < len(every) and all(d.year == 2016 for d in in_2016["date"])
    assert len(limited) == 2


def test_the_store_and_the_cli_read_a_code_as_the_api_does(samples):
    """A two-digit code is a root; a longer one is that code exactly (dyads.corpus.selection)."""
    _, db = samples
    with EventStore(db, read_only=True) as store:
        roots = list(store.events(EventFilter(root="04"))["event_id"])
        calls = store.events(EventFilter(code="041"))
        assert list(store.events(code="04")["event_id"]) == roots
        assert list(store.events(code="041")["event_id"]) == list(calls["event_id"])
        assert set(calls["code"]) == {"041"} and len(roots) > len(calls) > 0
        with pytest.raises(ValueError, match="not both"):
            store.events(EventFilter(root="04"), actor="IRN")
    runner = CliRunner()
    result = runner.invoke(main, ["events", "--db", str(db), "--code", "04", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    assert [int(json.loads(line)["event_id"]) for line in result.output.splitlines()] == roots
    unknown = runner.invoke(main, ["events", "--db", str(db), "--code", "4"])
    assert unknown.exit_code != 0 and "unknown CAMEO event code '4'" in unknown.output


def test_cli_events_and_stats(samples):
    _, db = samples
    runner = CliRunner()
    result = runner.invoke(main, ["events", "--db", str(db), "--dyad", "IRN,RUS", "--code", "041",
                                  "--since", "2016-01-01", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    [record] = [json.loads(line) for line in result.output.splitlines()]
    assert (record["date"], record["code"], int(record["event_id"])) == ("2016-03-25", "041", FRIDAY_CALL)
    result = runner.invoke(main, ["events", "--db", str(db), "--actor", "SYR", "--format", "csv"])
    assert result.exit_code == 0 and result.output.startswith("event_id,date,")
    result = runner.invoke(main, ["stats", "--db", str(db)])
    assert result.exit_code == 0
    assert "documents: 3" in result.output and "events by root code" in result.output
    assert "IRNGOV" in result.output and "2016-03" in result.output
    result = runner.invoke(main, ["events", "--db", str(db), "--dyad", "IRN"])
    assert result.exit_code != 0 and "SOURCE,TARGET" in result.output


def bad_inputs(folder: Path) -> dict[str, str]:
    """One file of each kind that cannot be read; returns name -> a word its reason contains."""
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (folder / "latin1.txt").write_bytes("Le président a rencontré son homologue.".encode("latin-1"))
    truncated = gzip.compress(b'{"text": "Iran met Russia."}\n' * 100)
    (folder / "cut.jsonl.gz").write_bytes(truncated[: len(truncated) // 2])
    write_jsonl(folder / "mixed.jsonl", [
        {"id": "ok", "date": "2015-12-02", "text": VIENNA_TEXT},
        {"id": "no-text", "title": "a record without text"},
    ])
    return {"empty.txt": "empty", "binary.txt": "binary", "latin1.txt": "UTF-8",
            "cut.jsonl.gz": "decompress", "mixed.jsonl:2": "'text'"}


def test_every_bad_input_is_a_failure_and_the_run_goes_on(tmp_path):
    expected = bad_inputs(tmp_path / "in")
    db = tmp_path / "events.duckdb"
    report = ingest([tmp_path / "in"], db, workers=1, settings=settings())
    assert report.stored == 1
    with EventStore(db, read_only=True) as store:
        failures = store.failures()
        assert store.counts()["documents"] == 1
    assert len(failures) == len(expected) == len(report.failures)
    for name, word in expected.items():
        [reason] = failures.loc[failures["origin"] == str(tmp_path / "in" / name), "reason"]
        assert word in reason, (name, reason)
    assert set(failures["stage"]) == {"read"} and set(failures["error_code"]) == {"E001"}
    # a rerun records the same failures once
    ingest([tmp_path / "in"], db, workers=1, settings=settings())
    with EventStore(db, read_only=True) as store:
        assert len(store.failures()) == len(expected)


def test_strict_exit_code_and_failure_report(tmp_path):
    bad_inputs(tmp_path / "in")
    runner = CliRunner()
    args = ["ingest", str(tmp_path / "in"), "--workers", "1", *data_dir_args()]
    lenient = runner.invoke(main, [*args, "--db", str(tmp_path / "a.duckdb")])
    assert lenient.exit_code == 0, lenient.output
    assert "binary" in lenient.output and "5 failure(s)" in lenient.output
    strict = runner.invoke(main, [*args, "--db", str(tmp_path / "b.duckdb"), "--strict"])
    assert strict.exit_code == 1


def test_an_article_the_coder_crashes_on_fails_alone(tmp_path, monkeypatch):
    coder = worker_coder(settings())
    real = coder.code

    def crash_on_truce(articles, trace=False):
        if any(a.doc_id == "truce" for a in articles):
            raise ValueError("coder bug")
        return real(articles, trace=trace)

    monkeypatch.setattr(coder, "code", crash_on_truce)
    write_jsonl(tmp_path / "a.jsonl", sample_records())
    report = ingest([tmp_path / "a.jsonl"], tmp_path / "e.duckdb", workers=1, settings=settings())
    assert report.stored == 2
    [failure] = report.failures
    assert failure.stage == "code" and failure.origin.endswith("a.jsonl:2") and "coder bug" in failure.reason


def test_second_writer_gets_a_clear_locked_error_and_corrupts_nothing(samples, tmp_path):
    _, db = samples
    copy = tmp_path / "events.duckdb"
    copy.write_bytes(db.read_bytes())
    before = all_tables(copy)
    write_jsonl(tmp_path / "more.jsonl", [{"id": "x", "date": "2016-01-05", "text": "Russia and Turkey held talks."}])
    holder = EventStore(copy, read_only=False)  # this process is the first writer
    try:
        second = subprocess.run([*CLI, "ingest", str(tmp_path / "more.jsonl"), "--db", str(copy), "--workers", "1",
                                 *data_dir_args()], capture_output=True, text=True, timeout=120)
    finally:
        holder.close()
    assert second.returncode == 1
    assert f"{LOCKED_MESSAGE} process {os.getpid()} (" in second.stderr and "Traceback" not in second.stderr
    assert all_tables(copy) == before


def test_reading_a_missing_database_is_a_store_error(tmp_path):
    with pytest.raises(StoreError, match="no such database"):
        EventStore(tmp_path / "nothing.duckdb", read_only=True)


def test_figures_are_stored_with_their_reporter(samples):
    _, db = samples
    with EventStore(db, read_only=True) as store:
        figures = store.figures()
    killed = figures[(figures.doc_id == "vienna") & (figures.kind == "killed")].iloc[0]
    assert (killed.low, killed.reporter) == (250_000, "the UN")
    truce = figures[(figures.doc_id == "truce") & (figures.kind == "injured")].iloc[0]
    assert truce.high == 1_900_000 and str(truce.as_of)[:10] == "2016-02-01"
    assert killed.place_country == "SYR" and truce.place_name == "Syria"


def test_a_database_from_before_figure_places_gains_the_columns(tmp_path):
    import duckdb

    old = tmp_path / "old.duckdb"
    with EventStore(old, read_only=False):
        pass
    with duckdb.connect(str(old)) as connection:  # as the first release made it
        for column in ("place_name", "place_type", "place_country", "place_lat", "place_lon", "place_geonames_id"):
            connection.execute(f"ALTER TABLE figures DROP COLUMN {column}")
        connection.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    with EventStore(old, read_only=False) as store:
        columns = {row[0] for row in store.connection.execute("DESCRIBE figures").fetchall()}
        version = store.connection.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall()
    assert {"place_name", "place_country", "place_lat"} <= columns and version == [(str(SCHEMA_VERSION),)]


def test_an_event_store_opens_read_only_and_refuses_to_write(samples):
    _, db = samples
    before = all_tables(db)
    with EventStore(db) as store:
        assert store.read_only
        with pytest.raises(StoreError, match=r"opened read-only; open it with EventStore\(path, read_only=False\)"):
            store.rebuild_events()
    assert all_tables(db) == before


@pytest.fixture
def served(samples, tmp_path):
    """A copy of the samples' database and the PID of a `dyads serve` running over it."""
    pytest.importorskip("uvicorn")
    _, db = samples
    copy = tmp_path / "served.duckdb"
    copy.write_bytes(db.read_bytes())
    port = free_port()
    server = subprocess.Popen([*CLI, "serve", "--db", str(copy), "--port", str(port), "--index-mb", "0"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while True:
            assert server.poll() is None, server.stderr.read() if server.stderr else ""
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            assert time.monotonic() < deadline, "dyads serve did not start"
            time.sleep(0.2)
        yield copy, server.pid
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_the_store_reads_beside_a_server_and_a_writer_is_told_the_server_holds_the_file(served, tmp_path):
    copy, pid = served
    with EventStore(copy) as store:  # the README's way: read-only, so it shares the file with the server
        assert len(store.events(dyad="IRN,RUS")) > 0
    with pytest.raises(StoreError) as refused:
        EventStore(copy, read_only=False)
    assert f"{LOCKED_MESSAGE} `dyads serve` (PID {pid}: " in str(refused.value)
    assert "--db " + str(copy) in str(refused.value) and "ingest" not in str(refused.value)
    write_jsonl(tmp_path / "more.jsonl", [{"id": "x", "date": "2016-01-05", "text": "Russia and Turkey held talks."}])
    result = CliRunner().invoke(main, ["ingest", str(tmp_path / "more.jsonl"), "--db", str(copy), "--workers", "1",
                                       *data_dir_args()])
    assert result.exit_code == 1 and f"`dyads serve` (PID {pid}: " in result.output


@pytest.mark.parametrize("dyad", [("IRN", "RUS"), ["IRN", "RUS"], "IRN,RUS", "irn, rus"])
def test_a_dyad_is_a_pair_or_source_comma_target(samples, dyad):
    _, db = samples
    with EventStore(db) as store:
        expected = store.events(EventFilter(source="IRN", target="RUS"))
        found = store.events(dyad=dyad)
        weekly = store.series(dyad, interval="week")
    assert len(expected) > 0 and list(found["event_id"]) == list(expected["event_id"])
    assert weekly["events"].sum() == len(expected.dropna(subset=["date"]))


@pytest.mark.parametrize("dyad, words", [
    ("IR", "'IR': give SOURCE,TARGET"),  # once read character by character: source I, target R
    ("ISR", "'ISR': give SOURCE,TARGET"),
    (("IRN",), "give (SOURCE, TARGET)"),
    (("IRN", "RUS", "SYR"), "give (SOURCE, TARGET)"),
    (("IRN", 5), "give (SOURCE, TARGET)"),
    (5, "give (SOURCE, TARGET)"),
    ("IRN,RUS,SYR", "give SOURCE,TARGET"),
])
def test_any_other_dyad_is_an_error_naming_it(samples, dyad, words):
    _, db = samples
    with EventStore(db) as store, pytest.raises(ValueError, match=r"^dyad: ") as refused:
        store.events(dyad=dyad)
    assert words in str(refused.value)


def test_every_filter_of_the_api_is_a_keyword_of_events(samples):
    _, db = samples
    with EventStore(db) as store:
        assert len(store.events(quad_class=3)) == 1 and set(store.events(country="aut")["place_country"]) == {"AUT"}
        told = store.connection.execute(
            "SELECT DISTINCT event_id FROM mentions WHERE sentence ILIKE '%telephone%'").fetchall()
        assert set(store.events(text="Telephone")["event_id"]) == {row[0] for row in told} and told
        assert set(store.events(root="04", source="RUSGOV")["source_code"]) == {"RUSGOV"}
        both = store.events(dyad=("IRN", "RUS"), both_directions=True)
        assert {tuple(pair) for pair in both[["source_code", "target_code"]].values} == \
            {("IRNGOV", "RUSGOV"), ("RUSGOV", "IRNGOV")}
        with pytest.raises(ValueError, match="quad_class: 5 is not a QuadClass"):
            store.events(quad_class=5)
        with pytest.raises(TypeError, match="filters: actor, dyad"):
            store.events(dyads="IRN,RUS")


def test_series_has_every_period_with_zeros_between(samples):
    _, db = samples
    with EventStore(db) as store:
        months = store.series("IRN,RUS")
        bounded = store.series(("IRN", "RUS"), since="2015-11-15", until=date(2016, 4, 2), interval="month")
        with pytest.raises(ValueError, match="interval: unknown interval 'year'"):
            store.series("IRN,RUS", interval="year")
    assert [d.strftime("%Y-%m") for d in months["period"]] == ["2015-12", "2016-01", "2016-02", "2016-03"]
    assert list(months["events"]) == [2, 0, 0, 2] and list(months["verbal_cooperation"]) == [2, 0, 0, 2]
    assert months["goldstein"].isna().tolist() == [False, True, True, False]
    assert [d.strftime("%Y-%m") for d in bounded["period"]] == ["2015-11", "2015-12", "2016-01", "2016-02",
                                                               "2016-03", "2016-04"]
    assert list(bounded["events"]) == [0, 2, 0, 0, 2, 0]


def test_stats_over_a_date_range(samples):
    _, db = samples
    with EventStore(db) as store:
        every, march = store.stats(), store.stats(since="2016-03-01", until="2016-03-31")
    assert list(march["by_month"]["month"]) == ["2016-03"] and march["by_month"]["events"].sum() == 8
    assert march["by_root_code"]["events"].sum() == 8 < every["by_root_code"]["events"].sum() == 14


def test_every_public_method_of_the_store_says_what_it_does():
    public = [name for name in dir(EventStore) if not name.startswith("_") and callable(getattr(EventStore, name))]
    assert {"events", "series", "stats", "mentions", "figures", "failures", "table", "counts"} <= set(public)
    assert [name for name in public if not (getattr(EventStore, name).__doc__ or "").strip()] == []
