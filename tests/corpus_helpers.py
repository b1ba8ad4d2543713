"""Shared helpers for the corpus tests (ingest, store, export).

DYADS_DATA_DIR, when set, points the coder at another dictionary directory (used while the
shipped dictionaries are being rewritten); by default the shipped ones are used.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import duckdb

from dyads.corpus.store import TABLES
from dyads.settings import Settings

DATA_DIR = Path(os.environ["DYADS_DATA_DIR"]) if os.environ.get("DYADS_DATA_DIR") else None
CLI = [sys.executable, "-m", "dyads.cli"]


def settings() -> Settings:
    return Settings(data_dir=DATA_DIR)


def data_dir_args() -> list[str]:
    return ["--data-dir", str(DATA_DIR)] if DATA_DIR else []


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def table_rows(db: Path, table: str) -> list[tuple]:
    """Every row of a table, sorted: tables compare whatever order rows were written in."""
    with duckdb.connect(str(db), read_only=True) as connection:
        rows = connection.execute(f"SELECT * FROM {table}").fetchall()
    return sorted(rows, key=repr)


def all_tables(db: Path) -> dict[str, list[tuple]]:
    return {table: table_rows(db, table) for table in TABLES}
