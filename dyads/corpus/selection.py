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

`parse_filter` builds a filter from values as a user gives them (strings, a dyad as text or a
pair), checked as the API checks its parameters.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

# The checks of the API's parameters: one reading of a filter value for the API, the CLI and
# EventStore (`parse_filter`). The module is plain Python, no web framework.
from dyads.server import filters

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


def parse_filter(*, actor: str | None = None, dyad: str | Sequence[str] | None = None, source: str | None = None,
                 target: str | None = None, both_directions: bool = False, root: str | None = None,
                 code: str | None = None, quad_class: int | str | None = None, since: date | str | None = None,
                 until: date | str | None = None, country: str | None = None, place: str | None = None,
                 text: str | None = None, has_place: bool = False) -> EventFilter:
    """The filter of these values, each checked by the API's parameter checks
    (`dyads.server.filters`), so that the API, `dyads events`/`export`/`series` and
    `EventStore.events` read a value alike: codes in upper case, a `dyad` given as "SOURCE,TARGET"
    or as a (source, target) pair, dates as `date`s or ISO strings. A value that does not pass
    raises `InvalidParameter` (a ValueError) naming it."""
    if dyad and (source or target):
        raise filters.InvalidParameter("dyad", "give either dyad or source/target, not both")
    dyad_source, dyad_target = filters.parse_dyad(dyad_text(dyad))
    first, last = filters.date_range(_day("since", since), _day("until", until))
    return EventFilter(
        actor=filters.actor_code("actor", actor),
        source=dyad_source or filters.actor_code("source", source),
        target=dyad_target or filters.actor_code("target", target),
        both_directions=bool(both_directions), root=filters.root_code(root), code=filters.cameo_code(code),
        quad_class=_quad_class(quad_class), since=first, until=last, country=filters.country_code(country),
        place=filters.search_text("place", place), text=filters.search_text("text", text),
        has_place=bool(has_place))


def dyad_text(dyad: str | Sequence[str] | None) -> str | None:
    """A dyad as the API's "SOURCE,TARGET" text, from that text or from a (source, target) pair.
    Anything else (one code, three, a code that is not a string) raises `InvalidParameter`:
    a string is never taken apart character by character."""
    if dyad is None or isinstance(dyad, str):
        return dyad
    if isinstance(dyad, Sequence) and len(dyad) == 2 and all(isinstance(part, str) for part in dyad):
        if any("," in part for part in dyad):
            raise filters.InvalidParameter("dyad", f"{tuple(dyad)!r}: a code has no comma; give (SOURCE, TARGET)")
        return f"{dyad[0]},{dyad[1]}"
    raise filters.InvalidParameter("dyad", f"{dyad!r}: give (SOURCE, TARGET) or 'SOURCE,TARGET' actor codes, "
                                   "e.g. ('IRN', 'RUS') or 'IRN,RUS'")


def _day(name: str, value: date | str | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise filters.InvalidParameter(name, f"{value!r} is not a date (a datetime.date or YYYY-MM-DD)")
    return filters.iso_date(name, value.strip())


def _quad_class(value: int | str | None) -> int | None:
    if value is None or value == "":
        return None
    number = int(value) if isinstance(value, str) and value.strip().isdigit() else value
    if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= 4:
        raise filters.InvalidParameter("quad_class", f"{value!r} is not a QuadClass (1 to 4)")
    return number


# The rows of each table a filter selects, in a stable order: events as `events_sql`, the
# mentions of those events, and figures (not tied to events: only without a filter).
TABLE_ORDERS = {"events": EVENT_ORDER, "mentions": "ORDER BY content_hash, ordinal",
                "figures": "ORDER BY content_hash, ordinal"}


def table_sql(table: str, selection: EventFilter | None = None, limit: int | None = None
              ) -> tuple[str, list[object]]:
    """The rows of `table` (events, mentions or figures) that `selection` selects, at most `limit`."""
    if table not in TABLE_ORDERS:
        raise ValueError(f"unknown table {table!r} (one of: {', '.join(TABLE_ORDERS)})")
    where, params = where_clause(selection or EventFilter())
    if where and table == "figures":
        raise ValueError("figures are not tied to events: export them without event filters")
    if where and table == "mentions":
        where = f"WHERE event_id IN (SELECT event_id FROM events {where})"
    sql = " ".join(part for part in (f"SELECT * FROM {table}", where, TABLE_ORDERS[table]) if part)
    if limit is not None:
        sql += " LIMIT ?"
        params = [*params, int(limit)]
    return sql, params
