"""docs/schema.md says what the code does: every table's columns and types as the store creates
them, the export headers, the GDELT fields left empty, the write batch."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from dyads.corpus import ingest
from dyads.corpus.export import export_events
from dyads.corpus.gdelt import GDELT_COLUMNS
from dyads.corpus.store import TABLES, WATCH_TABLES, EventStore
from dyads.settings import WRITE_ARTICLES
from tests.conftest import ROOT
from tests.test_store import build_samples

SCHEMA = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")


def section(title_start: str) -> str:
    """The text of the `## ...` (or `###`) section whose title starts with `title_start`, to the next one."""
    found = re.search(rf"^##+ {re.escape(title_start)}.*?$(.*?)(?=^##+ |\Z)", SCHEMA, re.MULTILINE | re.DOTALL)
    assert found, f"docs/schema.md has no section '## {title_start}'"
    return found.group(1)


def documented_columns(table: str) -> list[tuple[str, str]]:
    """(column, type) of each row of the table's section: `| name | TYPE | meaning |`."""
    rows = re.findall(r"^\| (\w+) \| ([A-Z]+(?:\[\])?) \|", section(f"`{table}`"), re.MULTILINE)
    assert rows, f"no column rows for {table}"
    return rows


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build_samples(tmp_path_factory.mktemp("schema"))[1]


@pytest.mark.parametrize("table", [*TABLES, *WATCH_TABLES])
def test_every_table_is_documented_column_by_column_with_its_type(table, tmp_path):
    with EventStore(tmp_path / "fresh.duckdb", read_only=False) as store:
        actual = store.connection.execute(
            "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = ? ORDER BY column_index",
            [table]).fetchall()
    assert documented_columns(table) == actual


def test_the_documented_batches_are_the_code_s():
    exact = section("How the tables are kept exact")
    assert re.search(r"in batches of (\d+) \(per worker task\)", exact)[1] == str(ingest.BATCH_ARTICLES)
    assert re.search(r"each batch of (\d+) coded\s+articles", exact)[1] == str(WRITE_ARTICLES)


@pytest.mark.parametrize("table", ["events", "mentions", "figures"])
def test_jsonl_and_csv_exports_have_the_documented_columns(db, table):
    names = [name for name, _ in documented_columns(table)]
    with EventStore(db) as store:
        as_csv, as_jsonl = io.StringIO(), io.StringIO()
        export_events(store, "csv", as_csv, table=table)
        export_events(store, "jsonl", as_jsonl, table=table)
    assert next(csv.reader(io.StringIO(as_csv.getvalue()))) == names
    first = json.loads(as_jsonl.getvalue().splitlines()[0])
    assert list(first) == names


def test_the_gdelt_fields_said_to_be_empty_are_and_the_other_geographic_fields_are_filled(db):
    said = section("Exports").split("Left empty", 1)[1].split("\n\n", 1)[0]
    left_empty = set(re.findall(r"`(\w+)`", said)) & set(GDELT_COLUMNS)
    assert len(left_empty) >= 10
    with EventStore(db) as store:
        out = io.StringIO()
        export_events(store, "gdelt", out)
    rows = [line.split("\t") for line in out.getvalue().splitlines()]
    empty = {name for index, name in enumerate(GDELT_COLUMNS) if all(row[index] == "" for row in rows)}
    assert left_empty <= empty
    geographic = {name for name in GDELT_COLUMNS if "Geo_" in name}
    assert empty & geographic == left_empty & geographic
