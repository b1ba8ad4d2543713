"""The Spark job (dyads.spark) against `dyads ingest`: the same tables row for row, the same
Parquet files on a second run, and Parquet records read like JSONL lines.

Runs Spark in local[2]. Skipped when pyspark or Java is missing, except under CI=true, where
scripts/test.sh installs them (scripts/install_spark.sh) and a missing one must fail.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import sys
from hashlib import sha256
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

import dyads.spark
from dyads.cli import main as cli_main
from dyads.corpus.export import export_events
from dyads.corpus.ingest import ingest
from dyads.corpus.rows import ID_COLUMNS
from dyads.corpus.store import TABLES, EventStore
from tests.conftest import EXAMPLES, ROOT
from tests.corpus_helpers import settings

ARTICLES = 10  # generated articles: events on several dates, some reported by two articles
MISSING = dyads.spark.missing_requirement()
needs_spark = pytest.mark.skipif(bool(MISSING) and os.environ.get("CI") != "true",
                                 reason=f"Spark cannot run here ({MISSING}); CI=true runs it")
# Spark names files part-00000-<a uuid per write>-c000.snappy.parquet: the uuid is not content.
WRITE_UUID_RE = re.compile(r"-[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}")
# Order-insensitive compare keys: every table has a unique id column.
TABLE_KEYS = {"documents": "content_hash", "mentions": "mention_id", "events": "event_id",
              "figures": "figure_id", "failures": "origin"}
# Tests only: C1-only JIT starts the JVM's queries faster on 2 cores (C2 compiles compete with
# the Python workers that do the coding); the UI would bind a port for nothing.
# Two partitions: a few dozen articles do not need more tasks than cores.
TEST_CONFIG = {"spark.ui.enabled": "false", "spark.driver.extraJavaOptions": "-XX:TieredStopAtLevel=1",
               "spark.sql.shuffle.partitions": "2"}
PARTITIONS = 2


def corpus_records(root: Path) -> list[dict]:
    return [json.loads(line) for path in sorted((root / "corpus").glob("*.jsonl.gz"))
            for line in gzip.decompress(path.read_bytes()).splitlines()]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> Path:
    """A folder as a user has one: the two sample pages (.txt, one of them twice), a generated
    corpus (.jsonl.gz), and a plain .jsonl with a later wire copy of an article and a broken line."""
    root = tmp_path_factory.mktemp("spark-in")
    (root / "samples" / "again").mkdir(parents=True)
    for path in sorted(EXAMPLES.glob("*.txt")):
        shutil.copy(path, root / "samples" / path.name)
    shutil.copy(EXAMPLES / "presstv_iran_russia_vienna_talks.txt", root / "samples" / "again" / "vienna-copy.txt")
    subprocess.run([sys.executable, str(ROOT / "scripts" / "make_corpus.py"), "--articles", str(ARTICLES),
                    "--per-file", "8", "--out", str(root / "corpus")], check=True, capture_output=True, timeout=60)
    copy = {**corpus_records(root)[0], "id": "wire-copy", "source": "Example Wire", "url": "https://wire.example/1"}
    (root / "corpus" / "zz-extra.jsonl").write_text(json.dumps(copy) + "\n{not json\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def parquet_input(inputs, tmp_path_factory) -> Path:
    """The same articles as `inputs`, as Parquet records in the order `dyads ingest` reads the
    folder (sorted paths), with a record that has no text in place of the broken line."""
    records = [*corpus_records(inputs), json.loads((inputs / "corpus" / "zz-extra.jsonl").read_text().splitlines()[0]),
               {"id": "no-text", "title": "a record without text"}]
    for name in ("again/vienna-copy.txt", "presstv_iran_russia_syria_truce_page.txt",
                 "presstv_iran_russia_vienna_talks.txt"):
        records.append({"text": (inputs / "samples" / name).read_text(encoding="utf-8")})
    fields = ("id", "date", "source", "url", "title", "text")
    schema = pa.schema([(name, pa.string()) for name in fields])
    path = tmp_path_factory.mktemp("spark-parquet-in") / "articles.parquet"
    pq.write_table(pa.Table.from_pylist([{k: r.get(k) for k in fields} for r in records], schema=schema), path)
    return path


@pytest.fixture(scope="module")
def ingested(inputs, tmp_path_factory):
    """The reference: `dyads ingest` of the same folder, in this process."""
    db = tmp_path_factory.mktemp("spark-ingest") / "events.duckdb"
    report = ingest([inputs], db, workers=1, settings=settings())
    return db, report


@pytest.fixture(scope="module")
def spark(ingested):  # after the reference: both code with the dictionaries of the same moment
    if MISSING and os.environ.get("CI") != "true":
        pytest.skip(f"Spark cannot run here ({MISSING})")
    from dyads.spark.job import spark_session

    session = spark_session("local[2]", app_name="dyads-tests", config=TEST_CONFIG)
    yield session
    session.stop()


@pytest.fixture(scope="module")
def first_run(spark, inputs, tmp_path_factory):
    from dyads.spark.job import run_job

    out = tmp_path_factory.mktemp("spark-out")
    report = run_job(spark, inputs, out, settings=settings(), partitions=PARTITIONS)
    return out, report, parquet_files(out)


def parquet_files(out: Path) -> dict[str, tuple[pa.Table, str]]:
    """Every Parquet file under `out` by its path (less the per-write uuid): its rows in file
    order, and the SHA-256 of its bytes."""
    return {WRITE_UUID_RE.sub("", str(path.relative_to(out))):
            (pq.read_table(path), sha256(path.read_bytes()).hexdigest()) for path in sorted(out.rglob("*.parquet"))}


def spark_rows(out: Path, table: str) -> list[dict]:
    rows = pq.read_table(out / table).to_pylist()
    for row in rows:
        row.pop("month", None)  # the partition column of `events`, in the path only
    return rows


def ingest_rows(db: Path, table: str) -> list[dict]:
    with duckdb.connect(str(db), read_only=True) as connection:
        return connection.sql(f"SELECT * FROM {table}").to_arrow_table().to_pylist()


def common(expected: list[dict], got: list[dict], key: str, skip: tuple[str, ...] = ()) -> tuple[list, list]:
    """Both row lists sorted by `key`, in the columns both have (less `skip`)."""
    columns = [c for c in (expected or got or [{}])[0] if c not in skip and all(c in r for r in expected + got)]

    def shape(rows: list[dict]) -> list[dict]:
        return sorted(({c: r[c] for c in columns} for r in rows), key=lambda r: str(r[key]))

    return shape(expected), shape(got)


@needs_spark
@pytest.mark.parametrize("table", TABLES)
def test_tables_equal_those_of_ingest(ingested, first_run, table):
    db, _ = ingested
    out, _, _ = first_run
    expected, got = common(ingest_rows(db, table), spark_rows(out, table), TABLE_KEYS[table])
    assert got == expected
    if table == "events":
        assert len(got) > 10 and any(row["num_articles"] > 1 for row in got)


@needs_spark
def test_events_row_for_row_in_export_order(ingested, first_run, tmp_path):
    db, _ = ingested
    out, _, _ = first_run
    with EventStore(db, read_only=True) as store:
        export_events(store, "parquet", tmp_path / "export.parquet")
    exported = pq.read_table(tmp_path / "export.parquet").to_pylist()
    ours = sorted(spark_rows(out, "events"), key=lambda r: (r["date"] is None, r["date"] or 0, r["event_id"]))
    # every export writes ids as strings (dyads.corpus.export)
    as_exported = [{c: str(r[c]) if c in ID_COLUMNS and r[c] is not None else r[c] for c in exported[0]} for r in ours]
    assert as_exported == exported


@needs_spark
def test_counts_match_the_ingest_report(ingested, first_run):
    _, expected = ingested
    _, report, _ = first_run
    assert report.documents == expected.stored and report.duplicates == expected.skipped >= 2
    assert report.failures == len(expected.failures) == 1  # the broken JSONL line
    assert report.mentions == expected.mentions


@needs_spark
def test_events_are_partitioned_by_month(first_run):
    out, _, files = first_run
    event_files = [name for name in files if name.startswith("events/")]
    months = [Path(name).parent.name for name in event_files]
    assert len(months) == len(set(months)) > 1  # one file per month
    for name in event_files:
        month = Path(name).parent.name.removeprefix("month=")
        for day in files[name][0].column("date").to_pylist():
            assert (day.strftime("%Y-%m") if day else "__HIVE_DEFAULT_PARTITION__") == month


@needs_spark
def test_second_run_writes_the_same_parquet(spark, inputs, first_run):
    from dyads.spark.job import run_job

    out, report, files = first_run
    again = run_job(spark, inputs, out, settings=settings(), partitions=PARTITIONS)  # overwrites
    assert {k: v for k, v in vars(again).items() if k != "seconds"} == \
        {k: v for k, v in vars(report).items() if k != "seconds"}
    rerun = parquet_files(out)
    assert list(rerun) == list(files)
    for name, (table, digest) in files.items():
        assert rerun[name][0].equals(table), name
        assert rerun[name][1] == digest, name  # byte for byte, not only the same rows


@needs_spark
def test_parquet_records_read_like_jsonl_lines(spark, parquet_input, first_run, tmp_path):
    from dyads.spark.job import run_job

    out, _, _ = first_run
    report = run_job(spark, parquet_input, tmp_path / "out", settings=settings(), partitions=PARTITIONS)
    for table in ("events", "mentions", "figures"):
        expected, got = common(spark_rows(out, table), spark_rows(tmp_path / "out", table), TABLE_KEYS[table])
        assert got == expected, table
    expected, got = common(spark_rows(out, "documents"), spark_rows(tmp_path / "out", "documents"),
                           "content_hash", skip=("origin",))
    assert got == expected
    [failure] = spark_rows(tmp_path / "out", "failures")
    assert failure["origin"].endswith(f"articles.parquet:{ARTICLES + 2}") and "'text'" in failure["reason"]
    assert report.failures == 1


def test_missing_pyspark_is_one_line_with_the_fix(monkeypatch):
    monkeypatch.setattr(dyads.spark, "find_spec", lambda name: None)
    assert "pip install 'dyads[spark]'" in dyads.spark.missing_requirement()
    result = CliRunner().invoke(cli_main, ["spark", "code", "in", "out"])
    assert result.exit_code == 1 and "pip install 'dyads[spark]'" in result.output
    assert "Traceback" not in result.output


def test_missing_java_is_one_line_with_the_fix(monkeypatch):
    monkeypatch.setattr(dyads.spark, "find_spec", lambda name: object())
    monkeypatch.setattr(dyads.spark, "java_available", lambda: False)
    result = CliRunner().invoke(cli_main, ["spark", "code", "in", "out"])
    assert result.exit_code == 1 and "Java runtime" in result.output and "openjdk" in result.output


@needs_spark
def test_an_article_that_crashes_the_coder_fails_alone(monkeypatch):
    import dyads.spark.job as job
    from dyads.model import Article
    from dyads.workers import worker_coder

    def crashing(articles, trace=False):
        if any("BOOM" in a.text for a in articles):
            raise RuntimeError("parser crashed")
        yield from real(articles, trace=trace)

    coder = worker_coder(settings())
    real = coder.code
    monkeypatch.setattr(coder, "code", crashing)
    articles = [Article("a", "Iran and Russia held talks in Moscow."), Article("b", "BOOM", origin="x.jsonl:2")]
    coded, failures = job.code_chunk(articles, settings())
    assert [item.article.doc_id for item in coded] == ["a"]
    assert [(f.origin, f.stage) for f in failures] == [("x.jsonl:2", "code")] and "parser crashed" in failures[0].reason
