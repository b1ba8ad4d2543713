"""The events table in memory, for the API's hot paths: pages of `/events` and dyad series
answered without a DuckDB query each.

The served database is read-only, so its events can be held as Arrow columns, each filtered
column as integer codes or numbers in numpy, and each sort order computed once when the
server starts. A filter is then a few vectorised comparisons (about a millisecond over
100,000 events), a page is the first matches in a precomputed order, and a series is a
bincount: a few milliseconds of DuckDB and Python per request become a fraction of one, which
is what keeps the tail short with 50 clients on two cores. The answers are those of the SQL
(filters: `dyads.corpus.selection`; pages: `dyads.server.queries`; series: `dyads.corpus.series`), which tests check
on many filters; that SQL still serves the text search in evidence sentences (for the ids it
matches) and databases over the memory budget.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from dyads.corpus.selection import EventFilter, code_column
from dyads.corpus.series import fill_empty_periods
from dyads.server.filters import DATE_SORTS, Cursor, encode_cursor
from dyads.server.queries import STRING_IDS, Row

DEFAULT_BUDGET_BYTES = 1024**3  # events whose Arrow columns fit in 1 GiB (~2M real events) are indexed
EPOCH = date(1970, 1, 1)
LATEST, EARLIEST = date(9999, 12, 31), date(1, 1, 1)  # where missing dates sort (see filters.SORTS)
NO_QUAD = 7  # a missing QuadClass groups after 1-4, as NULL sorts last in SQL


def day_number(day: date) -> int:
    return (day - EPOCH).days


def day_of(number: int) -> date:
    return EPOCH + timedelta(days=int(number))


@dataclass(slots=True)
class Categories:
    """A string column as integer codes into its distinct values ('' for NULL)."""

    values: list[str]
    codes: np.ndarray

    @classmethod
    def of(cls, column: pa.ChunkedArray) -> Categories:
        encoded = pc.fill_null(column, "").combine_chunks().dictionary_encode()
        return cls(encoded.dictionary.to_pylist(), encoded.indices.to_numpy(zero_copy_only=False))

    def where(self, test: Callable[[str], bool]) -> np.ndarray:
        """Rows whose value passes `test`, decided once per distinct value."""
        hits = np.fromiter((test(value) for value in self.values), dtype=bool, count=len(self.values))
        return hits[self.codes]

    def equals(self, wanted: str) -> np.ndarray:
        return self.where(lambda value: value == wanted)

    def starts_with(self, prefix: str) -> np.ndarray:
        return self.where(lambda value: value.startswith(prefix))


@dataclass(slots=True)
class SortOrder:
    """Positions of the events in one sort's order, and the (key, event id) pairs that order
    them, both as ascending numbers: a descending sort negates them. `keys` is by event
    position; `sorted_keys` and `sorted_ids` are in the order, for finding a cursor."""

    positions: np.ndarray
    keys: np.ndarray
    sorted_keys: np.ndarray
    sorted_ids: np.ndarray
    descending: bool
    dates: bool

    def after(self, cursor: Cursor) -> int:
        """How many leading positions come at or before the cursor's (key, event id)."""
        sign = -1 if self.descending else 1
        key: float
        if self.dates:
            assert isinstance(cursor.key, str)  # decode_cursor admits only ISO dates for a date sort
            key = sign * day_number(date.fromisoformat(cursor.key))
        else:
            key = sign * float(cursor.key)
        event_id = sign * cursor.event_id
        low, high = np.searchsorted(self.sorted_keys, key, "left"), np.searchsorted(self.sorted_keys, key, "right")
        return int(low + np.searchsorted(self.sorted_ids[low:high], event_id, "right"))

    def key_of(self, position: int) -> object:
        value = self.keys[position] * (-1 if self.descending else 1)
        return day_of(value).isoformat() if self.dates else float(value)


class EventIndex:
    """The events table in memory with its filter columns and sort orders."""

    def __init__(self, table: pa.Table) -> None:
        self.table = table
        self.size = table.num_rows
        self.event_ids = table["event_id"].to_numpy()
        self.actors = {name: Categories.of(table[name]) for name in ("source_code", "target_code")}
        self.codes = {name: Categories.of(table[name]) for name in ("root_code", "code", "place_country")}
        self.place_names = Categories.of(pc.utf8_lower(table["place_name"]))
        self.quad_class = pc.fill_null(table["quad_class"], NO_QUAD).to_numpy()
        self.has_date = pc.is_valid(table["date"]).to_numpy()
        self.days = pc.fill_null(table["date"].cast(pa.int32()), 0).to_numpy().astype(np.int64)
        self.goldstein = pc.fill_null(table["goldstein"], np.nan).to_numpy().astype(np.float64)
        self.mentions = table["num_mentions"].to_numpy().astype(np.int64)
        self.located = pc.and_(pc.is_valid(table["place_lat"]), pc.is_valid(table["place_lon"])).to_numpy()
        self.orders = self._sort_orders()

    @classmethod
    def load(cls, connection: duckdb.DuckDBPyConnection, budget_bytes: int = DEFAULT_BUDGET_BYTES) -> EventIndex | None:
        """The index of the database's events, or None when they would take more than the budget."""
        if events_bytes(connection) > budget_bytes:
            return None
        return cls(connection.sql("SELECT * FROM events").to_arrow_table())

    def _sort_orders(self) -> dict[str, SortOrder]:
        # The keys of filters.SORTS: missing dates last both ways, missing Goldstein last both ways.
        latest, earliest = day_number(LATEST), day_number(EARLIEST)
        keys = {
            "date": np.where(self.has_date, self.days, latest).astype(np.float64),
            "-date": -np.where(self.has_date, self.days, earliest).astype(np.float64),
            "goldstein": np.where(np.isnan(self.goldstein), 99.0, self.goldstein),
            "-goldstein": -np.where(np.isnan(self.goldstein), -99.0, self.goldstein),
            "mentions": self.mentions.astype(np.float64),
            "-mentions": -self.mentions.astype(np.float64),
        }
        orders = {}
        for sort, key in keys.items():
            descending = sort.startswith("-")
            ids = -self.event_ids if descending else self.event_ids
            positions = np.lexsort((ids, key))
            orders[sort] = SortOrder(positions, key, key[positions], ids[positions], descending, sort in DATE_SORTS)
        return orders

    # --- filters --------------------------------------------------------------------------------

    def matching(self, selection: EventFilter, text_ids: np.ndarray | None = None) -> np.ndarray | None:
        """Which events pass the filter (None: all), as `dyads.corpus.selection.where_clause`
        selects them. `text_ids` are the ids the text search found, required when the filter
        has one."""
        mask: np.ndarray | None = None

        def narrow(condition: np.ndarray) -> None:
            nonlocal mask
            mask = condition if mask is None else mask & condition

        source, target = self.actors["source_code"], self.actors["target_code"]
        if selection.actor:
            narrow(source.starts_with(selection.actor) | target.starts_with(selection.actor))
        if selection.source or selection.target:
            forward = source.starts_with(selection.source or "") & target.starts_with(selection.target or "")
            if selection.both_directions:
                forward |= source.starts_with(selection.target or "") & target.starts_with(selection.source or "")
            narrow(forward)
        for name, wanted in (("root_code", selection.root), ("place_country", selection.country)):
            if wanted:
                narrow(self.codes[name].equals(wanted))
        if selection.code:
            narrow(self.codes[code_column(selection.code)].equals(selection.code))
        if selection.quad_class:
            narrow(self.quad_class == selection.quad_class)
        if selection.since:
            narrow(self.has_date & (self.days >= day_number(selection.since)))
        if selection.until:
            narrow(self.has_date & (self.days <= day_number(selection.until)))
        if selection.place:
            wanted_place = selection.place
            narrow(self.place_names.where(lambda name: wanted_place in name))
        if selection.has_place:
            narrow(self.located)
        if selection.text:
            if text_ids is None:
                raise ValueError("a text filter needs the ids its search found")
            narrow(np.isin(self.event_ids, text_ids))
        return mask

    # --- answers --------------------------------------------------------------------------------

    def page(self, selection: EventFilter, sort: str, cursor: Cursor | None, limit: int,
             text_ids: np.ndarray | None = None) -> Row:
        """As `queries.page_of_events`."""
        mask = self.matching(selection, text_ids)
        total = self.size if mask is None else int(np.count_nonzero(mask))
        order = self.orders[sort]
        start = order.after(cursor) if cursor is not None else 0
        candidates = order.positions[start:]
        if mask is not None:
            candidates = candidates[mask[candidates]]
        chosen = candidates[: limit + 1]
        page = self.rows(chosen[:limit])
        next_cursor = None
        if len(chosen) > limit:
            last = int(chosen[limit - 1])
            next_cursor = encode_cursor(sort, order.key_of(last), int(self.event_ids[last]))
        return {"total": total, "count": len(page), "next_cursor": next_cursor, "events": page}

    def rows(self, positions: np.ndarray) -> list[Row]:
        """The events at `positions` as rows of `queries.rows`, but with dates left as dates
        (the app's JSON encoder writes them as ISO dates all the same)."""
        columns = self.table.take(pa.array(positions, type=pa.int64())).to_pydict()
        for name in STRING_IDS.intersection(columns):
            columns[name] = [None if value is None else str(value) for value in columns[name]]
        names = list(columns)
        return [dict(zip(names, values, strict=True)) for values in zip(*columns.values(), strict=True)]

    def series(self, selection: EventFilter, interval: str) -> list[Row]:
        """As `queries.dyad_series`: per period and QuadClass, folded by period, empty periods
        filled with zeros."""
        mask = self.matching(selection)
        chosen = np.flatnonzero(self.has_date if mask is None else mask & self.has_date)
        periods = period_starts(self.days[chosen], interval)
        if not len(chosen):
            return fill_empty_periods([], interval, selection.since, selection.until)
        # one bin per (period, QuadClass), periods counted from the first: a bincount, no sort
        first = int(periods.min())
        bins = (periods - first) * 8 + self.quad_class[chosen]
        size = int(bins.max()) + 1
        goldstein = self.goldstein[chosen]
        scored = ~np.isnan(goldstein)
        events = np.bincount(bins, minlength=size)
        mentions = np.bincount(bins, weights=self.mentions[chosen], minlength=size)
        sums = np.bincount(bins, weights=np.where(scored, goldstein, 0.0), minlength=size)
        counted = np.bincount(bins, weights=scored, minlength=size)
        found = series_rows(first, np.flatnonzero(events), events, mentions, sums, counted)
        return fill_empty_periods(found, interval, selection.since, selection.until)


def series_rows(first: int, groups: np.ndarray, events: np.ndarray, mentions: np.ndarray, sums: np.ndarray,
                counted: np.ndarray) -> list[Row]:
    """The rows of `dyads.corpus.series.fold_periods` from per-(period, QuadClass) bins: the arithmetic in
    numpy, Python only to build the JSON-ready dicts (thousands of them for a daily series)."""
    n, m, scored = events[groups], mentions[groups].astype(np.int64), counted[groups]
    means = np.divide(sums[groups], scored, out=np.full(len(groups), np.nan), where=scored > 0)
    periods, quads = np.divmod(groups, 8)
    starts = np.flatnonzero(np.r_[True, periods[1:] != periods[:-1]])
    period_events = np.add.reduceat(n, starts)
    period_mentions = np.add.reduceat(m, starts)
    period_means = np.add.reduceat(np.nan_to_num(means) * n, starts) / period_events
    ends = [*starts[1:].tolist(), len(groups)]
    labels = np.datetime_as_string((first + periods[starts]).astype("datetime64[D]")).tolist()
    quad_means = [None if mean != mean else mean for mean in np.round(means, 4).tolist()]  # NaN: none scored
    n, m, quad_names = n.tolist(), m.tolist(), ["None" if q == NO_QUAD else str(q) for q in quads.tolist()]
    out = []
    for label, start, end, total, mentioned, mean in zip(labels, starts.tolist(), ends, period_events.tolist(),
                                                        period_mentions.tolist(), np.round(period_means, 4).tolist(),
                                                        strict=True):
        by_quad = {quad_names[i]: {"events": n[i], "mentions": m[i], "goldstein": quad_means[i]}
                   for i in range(start, end)}
        out.append({"period": label, "events": total, "mentions": mentioned, "by_quad_class": by_quad,
                    "goldstein": mean})
    return out


def period_starts(days: np.ndarray, interval: str) -> np.ndarray:
    """The first day (as a day number) of each day's period, as DuckDB's date_trunc gives it."""
    if interval == "day":
        return days
    if interval == "week":
        return days - (days + 3) % 7  # weeks start on Monday; day 0, 1970-01-01, was a Thursday
    months = days.astype("datetime64[D]").astype("datetime64[M]")
    return months.astype("datetime64[D]").astype(np.int64)


INDEX_BYTES_PER_EVENT = 270  # filter columns (~70 bytes) and six sort orders (~190) beside the table


def events_bytes(connection: duckdb.DuckDBPyConnection) -> int:
    """About what the index of the events takes: the table as Arrow columns (its text plus
    8 bytes a value) and the index's own arrays."""
    columns = connection.execute(
        "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = 'events'").fetchall()
    texts = [name for name, kind in columns if kind == "VARCHAR"]
    measure = " + ".join(f"coalesce(sum(strlen({name})), 0)" for name in texts) or "0"
    [(rows, text)] = connection.execute(f"SELECT count(*), {measure} FROM events").fetchall()
    return int(text) + rows * (8 * len(columns) + 4 * len(texts) + INDEX_BYTES_PER_EVENT)
