"""Which events a query asks for: `EventFilter` and its one SQL definition, `where_clause`.

`EventStore.events` (and so `dyads events`), the API's SQL (dyads.server.queries) and its
in-memory index (dyads.server.index, which tests check against this SQL) all filter by it.
What each field means:

- `actor`: a code prefix on the source or the target (IRN finds IRNGOV);
- `source`, `target`: code prefixes of the dyad, directed unless `both_directions`;
- `root`: a CAMEO root code, two digits (04);
- `code`: a CAMEO code; two digits are a root (04: every 04x event, as `root`), more the exact
  code (041 finds 041; 023 finds 023, not 0231). See `code_column` and docs/design.md;
- `quad_class`: GDELT QuadClass 1-4; `since`, `until`: the event date, inclusive;
- `country`: ISO3 of the event's place; `place`: words (lower case) in the place name;
  `has_place`: only events with coordinates;
- `text`: words (lower case) in an evidence sentence of any of the event's mentions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

ROOT_DIGITS = 2  # a CAMEO root code: 01 to 20
EVENT_ORDER = "ORDER BY date NULLS LAST, event_id"  # oldest first: events(), exports
# The events whose evidence has the `text` words: the API's index asks for these ids.
EVENTS_WITH_TEXT = "SELECT event_id FROM mentions WHERE contains(lower(sentence), ?)"


@dataclass(frozen=True, slots=True)
class EventFilter:
    actor: str | None = None
    source: str | None = None
    target: str | None = None
    both_directions: bool = False
    root: str | None = None
    code: str | None = None
    quad_class: int | None = None
    since: date | None = None
    until: date | None = None
    country: str | None = None
    place: str | None = None
    text: str | None = None
    has_place: bool = False


def code_column(code: str) -> str:
    """The column a `code` filter compares for equality: `root_code` for a two-digit code, else
    `code`."""
    return "root_code" if len(code) == ROOT_DIGITS else "code"


def where_clause(selection: EventFilter) -> tuple[str, list[object]]:
    """The WHERE clause (with its parameters) of the `events` rows that pass the filter."""
    conditions: list[str] = []
    params: list[object] = []

    def add(condition: str, *values: object) -> None:
        conditions.append(condition)
        params.extend(values)

    if selection.actor:
        add("(starts_with(source_code, ?) OR starts_with(coalesce(target_code, ''), ?))",
            selection.actor, selection.actor)
    if selection.source or selection.target:
        source, target = selection.source or "", selection.target or ""
        pair = "(starts_with(source_code, ?) AND starts_with(coalesce(target_code, ''), ?))"
        if selection.both_directions:
            add(f"({pair} OR {pair})", source, target, target, source)
        else:
            add(pair, source, target)
    if selection.root:
        add("root_code = ?", selection.root)
    if selection.code:
        add(f"{code_column(selection.code)} = ?", selection.code)
    if selection.quad_class:
        add("quad_class = ?", selection.quad_class)
    if selection.since:
        add("date >= ?", selection.since)
    if selection.until:
        add("date <= ?", selection.until)
    if selection.country:
        add("place_country = ?", selection.country)
    if selection.place:
        add("contains(lower(place_name), ?)", selection.place)
    if selection.has_place:
        add("place_lat IS NOT NULL AND place_lon IS NOT NULL")
    if selection.text:
        add(f"event_id IN ({EVENTS_WITH_TEXT})", selection.text)
    return ("WHERE " + " AND ".join(conditions)) if conditions else "", params


def events_sql(selection: EventFilter) -> tuple[str, list[object]]:
    """The events that pass the filter, oldest first (then by id)."""
    where, params = where_clause(selection)
    return " ".join(part for part in ("SELECT * FROM events", where, EVENT_ORDER) if part), params
