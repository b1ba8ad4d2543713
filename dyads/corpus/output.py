"""Writing events as JSONL or CSV: stable field order, so the same input gives the same bytes."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import TextIO

from dyads.corpus.rows import CSV_COLUMNS, csv_text, event_row, place_record  # noqa: F401 (place_record: used by `dyads places`)
from dyads.model import Event

CSV_FIELDS = list(CSV_COLUMNS)


def csv_row(event: Event) -> dict:
    """The event's flat row in the CSV's columns, as `csv_text` writes each value (missing values
    empty, CAMEO codes as C011, modifiers space-separated)."""
    row = event_row(event)
    return {name: csv_text(name, row[name]) for name in CSV_FIELDS}


def write_jsonl(events: Iterable[Event], out: TextIO) -> None:
    for event in events:
        out.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")


class CsvWriter:
    def __init__(self, out: TextIO) -> None:
        self.writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\n")
        self.writer.writeheader()

    def write(self, events: Iterable[Event]) -> None:
        for event in events:
            self.writer.writerow(csv_row(event))
