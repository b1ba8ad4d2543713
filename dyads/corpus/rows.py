"""The flat row of an event: one definition of its columns, which every tabular view builds on.

`event_row(event)` gives the columns of `EVENT_COLUMNS`, in that order, with plain Python
values (None when missing, dates as dates, modifiers as a list). The nested JSON of
`Event.to_dict()` has the same leaves: flat `source_code` is nested `source.code`, `place_lat`
is `place.lat`, `fatalities_low` is `fatalities.low` (the actor, place and toll columns are the
fields of `EventActor`, `Place` and `Toll`).
The views take columns of this row, never compute their own:

- CSV (`dyads code --format csv`, dyads.corpus.output): `CSV_COLUMNS`, each value as
  `csv_text` writes it (also the CSV of `dyads export`);
- the `mentions` table (dyads.corpus.store, also written by dyads.spark.job): its storage keys,
  then `MENTION_COLUMNS`, then what the CAMEO reference adds (PLOVER mode and context).

tests/test_rows.py checks that the CSV header, the `mentions` table and the JSON keys agree.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import date
from typing import Any

from dyads.model import TOLL_FIELDS, TOLL_NAMES, Event, EventActor, Place, Toll

ACTOR_FIELDS = tuple(field.name for field in fields(EventActor))  # code, name, text, start, end
PLACE_FIELDS = tuple(field.name for field in fields(Place))  # name, type, country, admin1, lat, lon, ...


def prefixed(prefix: str, names: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(f"{prefix}_{name}" for name in names)


EVENT_COLUMNS = (
    "doc_id", "sentence_index", "date", "date_basis", "date_text", *prefixed("source", ACTOR_FIELDS),
    "code", "root_code", "quad_class", "goldstein", "plover_type", *prefixed("target", ACTOR_FIELDS),
    "trigger", "trigger_start", "trigger_end", "confidence", "sentence_start", "sentence_end", "sentence",
    "pattern", "modifiers", *prefixed("place", PLACE_FIELDS),
    # added with tolls, at the end: the CSV's released columns keep their places
    *(column for name in TOLL_NAMES for column in prefixed(name, TOLL_FIELDS)),
)

# Columns the CSV of `dyads code` has never had: the actors' character offsets and the words
# that named the place. Kept out so that its header stays as released (it does have the
# trigger's and the sentence's offsets: an inconsistency left as it is, see tests/test_rows.py).
CSV_OMITTED = frozenset({*prefixed("source", ("start", "end")), *prefixed("target", ("start", "end")),
                         *prefixed("place", ("text", "start", "end"))})
CSV_COLUMNS = tuple(name for name in EVENT_COLUMNS if name not in CSV_OMITTED)

# Columns the `mentions` table has never had: how the place was chosen and the words that
# named it (the schema is kept as released; the JSON and the CSV have `place_method`).
MENTION_OMITTED = frozenset(prefixed("place", ("method", "text", "start", "end")))
MENTION_COLUMNS = tuple(name for name in EVENT_COLUMNS if name not in MENTION_OMITTED)


# Columns holding ids: 63-bit numbers, above 2^53, which every export writes as strings of
# digits (a JSON number loses them in R, JavaScript and Stata).
ID_COLUMNS = frozenset({"event_id", "mention_id", "figure_id"})
# Columns holding CAMEO event codes: text, whose leading zeros matter (010 is not root 10).
CODE_COLUMNS = frozenset({"code", "root_code", "base_code"})
# What a CSV writes before a CAMEO code so that no reader that guesses types (pandas.read_csv,
# R's read.csv) takes it for a number and drops its zeros (011 -> 11): "C011".
CSV_CODE_PREFIX = "C"


def csv_text(column: str, value: Any) -> str:
    """A value as CSV text: empty when missing, booleans 0/1, CAMEO codes with `CSV_CODE_PREFIX`,
    dates in ISO form, lists (modifiers) space-separated."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if column in CODE_COLUMNS:
        return CSV_CODE_PREFIX + str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return " ".join(str(item) for item in value)
    return str(value)


def event_row(event: Event) -> dict[str, Any]:
    """The flat row of an event: `EVENT_COLUMNS` in order."""
    return {
        "doc_id": event.doc_id, "sentence_index": event.sentence_index, "date": event.date,
        "date_basis": event.date_basis, "date_text": event.date_text, **record("source", event.source, ACTOR_FIELDS),
        "code": event.code, "root_code": event.root_code, "quad_class": event.quad_class,
        "goldstein": event.goldstein, "plover_type": event.plover_type,
        **record("target", event.target, ACTOR_FIELDS),
        "trigger": event.trigger, "trigger_start": event.trigger_start, "trigger_end": event.trigger_end,
        "confidence": event.confidence, "sentence_start": event.sentence_start, "sentence_end": event.sentence_end,
        "sentence": event.sentence, "pattern": event.pattern, "modifiers": list(event.modifiers),
        **record("place", event.place, PLACE_FIELDS),
        **{column: value for name in TOLL_NAMES for column, value in record(name, getattr(event, name),
                                                                              TOLL_FIELDS).items()},
    }


def record(prefix: str, part: EventActor | Place | Toll | None, names: tuple[str, ...]) -> dict[str, Any]:
    """A part of an event (its source, target, place or a toll) as prefixed columns, all None without it."""
    return {f"{prefix}_{name}": getattr(part, name) if part is not None else None for name in names}


def place_record(place: Place | None) -> dict[str, Any]:
    """A place as a flat record with its field names (all None when there is no place)."""
    return {name: getattr(place, name) if place is not None else None for name in PLACE_FIELDS}
