"""Writing events as JSONL or CSV: stable field order, so the same input gives the same bytes."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import TextIO

from dyads.model import Event, Place

CSV_FIELDS = [
    "doc_id", "sentence_index", "date", "date_basis", "date_text", "source_code", "source_name",
    "source_text", "code", "root_code", "quad_class", "goldstein", "plover_type", "target_code",
    "target_name", "target_text", "trigger", "trigger_start", "trigger_end", "confidence",
    "sentence_start", "sentence_end", "sentence", "pattern", "modifiers",
    "place_name", "place_type", "place_country", "place_admin1", "place_lat", "place_lon",
    "place_geonames_id", "place_method",
]


def event_row(event: Event) -> dict:
    target = event.target
    return {
        "doc_id": event.doc_id, "sentence_index": event.sentence_index,
        "date": event.date.isoformat() if event.date else "", "date_basis": event.date_basis,
        "date_text": event.date_text or "", "source_code": event.source.code,
        "source_name": event.source.name, "source_text": event.source.text, "code": event.code,
        "root_code": event.root_code, "quad_class": event.quad_class, "goldstein": event.goldstein,
        "plover_type": event.plover_type or "", "target_code": target.code if target else "",
        "target_name": target.name if target else "", "target_text": target.text if target else "",
        "trigger": event.trigger, "trigger_start": event.trigger_start,
        "trigger_end": event.trigger_end, "confidence": event.confidence,
        "sentence_start": event.sentence_start, "sentence_end": event.sentence_end,
        "sentence": event.sentence, "pattern": event.pattern, "modifiers": " ".join(event.modifiers),
        **{f"place_{key}": "" if value is None else value for key, value in place_record(event.place).items()
           if key in PLACE_CSV_FIELDS},
    }


PLACE_CSV_FIELDS = ("name", "type", "country", "admin1", "lat", "lon", "geonames_id", "method")


def place_record(place: Place | None) -> dict:
    """A place as a flat record (all None when there is no place)."""
    fields = ("name", "type", "country", "admin1", "lat", "lon", "geonames_id", "method", "text", "start", "end")
    return {name: getattr(place, name) if place else None for name in fields}


def write_jsonl(events: Iterable[Event], out: TextIO) -> None:
    for event in events:
        out.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")


class CsvWriter:
    def __init__(self, out: TextIO) -> None:
        self.writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\n")
        self.writer.writeheader()

    def write(self, events: Iterable[Event]) -> None:
        for event in events:
            self.writer.writerow(event_row(event))
