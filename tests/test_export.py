"""Exports: GDELT 2.0 layout, PLOVER JSON, Parquet, CSV, JSONL; streamed in chunks."""

from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

import dyads.cli.corpus  # noqa: F401 - registers the corpus commands on dyads.cli.main
from dyads.cli import main
from dyads.corpus.export import export_events
from dyads.corpus.gdelt import GDELT_COLUMNS, split_actor_code
from dyads.corpus.store import EventStore
from tests.test_store import FRIDAY_CALL, TUESDAY_CALL, build_samples


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build_samples(tmp_path_factory.mktemp("samples"))[1]


PLOVER_FIELDS = {"id", "date", "event", "mode", "context", "actor", "recipient", "event_loc", "event_text",
                 "quad_code", "text_info", "cite_info"}


def exported(db, fmt: str, chunk_rows: int = 10_000) -> str:
    out = io.StringIO()
    with EventStore(db, read_only=True) as store:
        export_events(store, fmt, out, chunk_rows=chunk_rows)
    return out.getvalue()


def test_gdelt_rows_have_61_columns_in_gdelt_order(db):
    with EventStore(db, read_only=True) as store:
        count = store.counts()["events"]
    lines = exported(db, "gdelt").splitlines()
    assert len(lines) == count and len(GDELT_COLUMNS) == 61
    rows = [dict(zip(GDELT_COLUMNS, line.split("\t"), strict=True)) for line in lines]
    call = next(r for r in rows if r["GLOBALEVENTID"] == str(TUESDAY_CALL))
    assert (call["SQLDATE"], call["MonthYear"], call["Year"]) == ("20151201", "201512", "2015")
    assert (call["Actor1Code"], call["Actor1CountryCode"], call["Actor1Type1Code"]) == ("IRNGOV", "IRN", "GOV")
    assert (call["Actor2Code"], call["Actor2CountryCode"]) == ("RUSGOV", "RUS")
    assert (call["EventCode"], call["EventBaseCode"], call["EventRootCode"], call["QuadClass"]) == \
        ("041", "041", "04", "1")
    assert (call["NumMentions"], call["NumArticles"], call["NumSources"]) == ("3", "2", "2")
    assert call["DATEADDED"] == "20151202000000" and call["SOURCEURL"].startswith("https://")
    assert call["AvgTone"] == ""
    # Places: actors at their country (FIPS codes, as GDELT has them), the call where it was
    # about (the first mention's sentence names Syria).
    assert (call["Actor1Geo_Type"], call["Actor1Geo_CountryCode"], call["Actor1Geo_FullName"]) == ("1", "IR", "Iran")
    assert (call["Actor2Geo_CountryCode"], call["Actor2Geo_ADM1Code"]) == ("RS", "RS")
    # a country's FeatureID is its FIPS code, as in GDELT (not a GeoNames id)
    assert (call["ActionGeo_Type"], call["ActionGeo_CountryCode"], call["ActionGeo_FeatureID"]) == \
        ("1", "SY", "SY")
    assert float(call["ActionGeo_Lat"]) == pytest.approx(34.8, abs=1)


def test_actor_codes_split_like_gdelt():
    assert split_actor_code("IGOUNO") == {"CountryCode": "", "KnownGroupCode": "UNO", "Type1Code": "IGO",
                                         "Type2Code": "", "Type3Code": ""}
    assert split_actor_code("SYRREB")["CountryCode"] == "SYR"
    assert split_actor_code("IGOEUR")["CountryCode"] == "EUR"
    assert split_actor_code(None)["CountryCode"] == ""


def test_plover_records(db):
    records = [json.loads(line) for line in exported(db, "plover").splitlines()]
    assert records and all(set(r) >= PLOVER_FIELDS for r in records)
    call = next(r for r in records if r["id"] == str(FRIDAY_CALL))
    assert (call["event"], call["mode"], call["quad_code"]) == (["CONSULT"], ["phone"], 1)
    assert call["actor"][0]["code"] == "IRN" and call["actor"][0]["sector"] == "GOV"
    assert (call["recipient"][0]["code"], call["date"]) == ("RUS", "2016-03-25")
    assert call["text_info"]["end"] > call["text_info"]["start"] >= 0 and call["cite_info"]["url"].startswith("https://")


def test_chunked_export_equals_one_chunk(db):
    for fmt in ("jsonl", "gdelt", "csv", "plover"):
        assert exported(db, fmt, chunk_rows=2) == exported(db, fmt)


def test_csv_and_jsonl_hold_every_event(db):
    rows = list(csv.DictReader(io.StringIO(exported(db, "csv"))))
    records = [json.loads(line) for line in exported(db, "jsonl").splitlines()]
    assert len(rows) == len(records) > 0
    assert {r["event_id"] for r in rows} == {r["event_id"] for r in records}
    assert next(r for r in records if r["event_id"] == str(TUESDAY_CALL))["date"] == "2015-12-01"


def test_cli_parquet_is_readable(db, tmp_path):
    out = tmp_path / "events.parquet"
    result = CliRunner().invoke(main, ["export", "--db", str(db), "--format", "parquet", "--output", str(out)])
    assert result.exit_code == 0, result.output
    table = pq.read_table(out)
    with EventStore(db, read_only=True) as store:
        assert table.num_rows == store.counts()["events"]
    assert str(TUESDAY_CALL) in table.column("event_id").to_pylist()  # ids are strings in every export


@pytest.mark.parametrize("fmt", ["gdelt", "plover"])
def test_cli_text_export_to_file(db, tmp_path, fmt):
    out = tmp_path / f"events.{fmt}"
    result = CliRunner().invoke(main, ["export", "--db", str(db), "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == exported(db, fmt)


def test_figures_and_mentions_export(db, tmp_path):
    out = io.StringIO()
    with EventStore(db, read_only=True) as store:
        counts = store.counts()  # a finished query: the export's streamed one can follow it
        assert export_events(store, "jsonl", out, table="figures") == counts["figures"]
    figures = [json.loads(line) for line in out.getvalue().splitlines()]
    killed = [f for f in figures if f["kind"] == "killed"]
    assert any(f["low"] == 470_000 for f in killed) and any(f["low"] == 250_000 for f in killed)
    path = tmp_path / "mentions.parquet"
    result = CliRunner().invoke(main, ["export", "--db", str(db), "--table", "mentions", "--format", "parquet",
                                       "-o", str(path)])
    assert result.exit_code == 0 and pq.read_table(path).num_rows == counts["mentions"]
    refused = CliRunner().invoke(main, ["export", "--db", str(db), "--table", "figures", "--format", "gdelt"])
    assert refused.exit_code != 0 and "export figures as jsonl, csv or parquet" in refused.output
