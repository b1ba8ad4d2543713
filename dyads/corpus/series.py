"""Events over time: the one definition of a series, for `EventStore.series`, `dyads series` and
the API's `/dyads/{source}/{target}/series`.

A series counts the events that pass a filter (`dyads.corpus.selection.EventFilter`) per day,
week (starting on Monday) or month: events, mentions and mean Goldstein, in total and by
QuadClass. Events without a date are left out. The SQL groups by (period, QuadClass)
(`period_rows`); `fill_periods` then adds every period without events, as zeros, so that a
chart or a regression sees a continuous time axis (1999-04 is not drawn next to 2013-08).
The API's in-memory index (dyads.server.index) computes the same rows with numpy; tests check
it against `period_rows`.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from dyads.corpus.selection import EventFilter, where_clause

if TYPE_CHECKING:
    import duckdb
    import pandas as pd

Row = dict[str, Any]
INTERVALS = ("day", "week", "month")
# GDELT's QuadClass names, for the flat (table) form of a series.
QUAD_CLASSES = {"1": "verbal_cooperation", "2": "material_cooperation", "3": "verbal_conflict",
                "4": "material_conflict"}


def check_interval(interval: str) -> str:
    if interval not in INTERVALS:
        raise ValueError(f"unknown interval {interval!r} (one of: {', '.join(INTERVALS)})")
    return interval


def series_sql(selection: EventFilter, interval: str) -> tuple[str, list[object]]:
    """Events, mentions and mean Goldstein per (period, QuadClass) of the dated events that pass
    the filter, in period order."""
    where, params = where_clause(selection)
    where = f"{where} AND date IS NOT NULL" if where else "WHERE date IS NOT NULL"
    return (f"SELECT CAST(date_trunc('{check_interval(interval)}', date) AS DATE) AS period, quad_class, "
            "count(*) AS events, CAST(sum(num_mentions) AS BIGINT) AS mentions, avg(goldstein) AS goldstein "
            f"FROM events {where} GROUP BY ALL ORDER BY period, quad_class"), params


def period_rows(connection: duckdb.DuckDBPyConnection, selection: EventFilter, interval: str) -> list[Row]:
    """The periods that have events, each with its counts in total and by QuadClass (the API's
    rows: `period` an ISO date, `by_quad_class` keyed "1".."4", "None" for events without one)."""
    sql, params = series_sql(selection, interval)
    result = connection.execute(sql, params)
    names = [column[0] for column in result.description]
    found = [dict(zip(names, row, strict=True)) for row in result.fetchall()]
    for row in found:
        row["period"] = row["period"].isoformat()
    return fold_periods(found)


def fold_periods(found: list[Row]) -> list[Row]:
    """Rows per (period, QuadClass) folded into one row per period."""
    periods: dict[str, Row] = {}
    for row in found:
        period = periods.setdefault(row["period"], {"period": row["period"], "events": 0, "mentions": 0,
                                                    "goldstein_sum": 0.0, "by_quad_class": {}})
        period["events"] += row["events"]
        period["mentions"] += row["mentions"]
        period["goldstein_sum"] += (row["goldstein"] or 0.0) * row["events"]
        period["by_quad_class"][str(row["quad_class"])] = {
            "events": row["events"], "mentions": row["mentions"], "goldstein": _round(row["goldstein"])}
    for period in periods.values():
        period["goldstein"] = _round(period.pop("goldstein_sum") / period["events"])
    return list(periods.values())


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def period_start(day: date, interval: str) -> date:
    """The first day of the period holding `day`, as DuckDB's date_trunc gives it."""
    if interval == "day":
        return day
    if interval == "week":
        return day - timedelta(days=day.weekday())
    return day.replace(day=1)


def next_period(start: date, interval: str) -> date:
    if interval == "day":
        return start + timedelta(days=1)
    if interval == "week":
        return start + timedelta(days=7)
    return date(start.year + start.month // 12, start.month % 12 + 1, 1)


def empty_period(start: date) -> Row:
    """A period without events: zero events and mentions, no mean Goldstein (there is none to take)."""
    return {"period": start.isoformat(), "events": 0, "mentions": 0, "by_quad_class": {}, "goldstein": None}


def fill_periods(rows: list[Row], interval: str, first: date | None = None, last: date | None = None) -> list[Row]:
    """Every period from `first` (else the first with events) to `last` (else the last with
    events), those without events as `empty_period` rows. Dates are truncated to their period."""
    check_interval(interval)
    by_start = {row["period"]: row for row in rows}
    starts = sorted(date.fromisoformat(period) for period in by_start)
    begin = period_start(first, interval) if first else (starts[0] if starts else None)
    end = period_start(last, interval) if last else (starts[-1] if starts else None)
    if begin is None or end is None:
        return []
    filled, current = [], begin
    while current <= end:
        filled.append(by_start.get(current.isoformat()) or empty_period(current))
        current = next_period(current, interval)
    return filled


def series(connection: duckdb.DuckDBPyConnection, selection: EventFilter, interval: str = "month") -> list[Row]:
    """The series of the events that pass the filter: one row per period from the filter's
    `since` (else the first event) to its `until` (else the last event), empty periods as zeros."""
    return fill_periods(period_rows(connection, selection, interval), interval, selection.since, selection.until)


def series_frame(rows: list[Row]) -> pd.DataFrame:
    """A series as flat columns: period (a date), events, mentions, goldstein, then the events of
    each QuadClass (verbal_cooperation ... material_conflict)."""
    import pandas as pd

    flat = [{"period": row["period"], "events": row["events"], "mentions": row["mentions"],
             "goldstein": row["goldstein"],
             **{name: row["by_quad_class"].get(quad, {}).get("events", 0) for quad, name in QUAD_CLASSES.items()}}
            for row in rows]
    frame = pd.DataFrame(flat, columns=["period", "events", "mentions", "goldstein", *QUAD_CLASSES.values()])
    frame["period"] = pd.to_datetime(frame["period"])
    frame["goldstein"] = frame["goldstein"].astype("float64")
    return frame
