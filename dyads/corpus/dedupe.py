"""Mentions -> events: which coded mentions report the same event, and the event rows built
from them.

An event is one (date, source, target, CAMEO code): repeated reports of it, in one article or
across articles, are its mentions; the same dyad and code on another date is another event
(two calls between the same ministers months apart stay two events). The place does not
split events (the geocoder fills it later; an event takes the place of its first mention that
has one).

Ids are hashes of the key, never counters, so that any run over the same input (in any
batch order, interrupted and resumed or not) gives identical tables.
"""

from __future__ import annotations

import hashlib
from typing import NamedTuple

import duckdb

from dyads.model import TOLL_NAMES, Event

KEY_SEPARATOR = "\x1f"  # cannot occur in codes or ISO dates
ID_HEX_DIGITS = 15  # 60 bits: a positive BIGINT, collisions unlikely below ~10^8 events


class EventKey(NamedTuple):
    date: str  # ISO date, or "" when the article had no date
    source: str
    target: str  # "" when the event has no target
    code: str


def stable_id(*parts: str) -> int:
    """A deterministic 60-bit id for a tuple of strings (GDELT ids are integers too)."""
    digest = hashlib.sha256(KEY_SEPARATOR.join(parts).encode("utf-8")).hexdigest()
    return int(digest[:ID_HEX_DIGITS], 16)


def event_key(event: Event) -> EventKey:
    return EventKey(
        event.date.isoformat() if event.date else "",
        event.source.code,
        event.target.code if event.target else "",
        event.code,
    )


def event_id(key: EventKey) -> int:
    return stable_id("event", *key)


def mention_id(content_hash: str, ordinal: int) -> int:
    """A mention is the `ordinal`-th event the coder found in the article with this text."""
    return stable_id("mention", content_hash, str(ordinal))


# The toll columns of an event row: a mention's offsets are of its own article, so they stay there.
EVENT_TOLL_FIELDS = ("low", "high", "qualifier", "number_text")

# The representative mention of an event (its evidence sentence, document and URL): the one
# in the earliest article, then by content hash and position, so the choice is deterministic.
_FIRST = "(coalesce(d.pub_date, DATE '9999-12-31'), m.content_hash, m.sentence_index, m.mention_id)"

# Columns of `events` in table order, each with the aggregate over its mentions.
EVENT_AGGREGATES: list[tuple[str, str]] = [
    ("event_id", "m.event_id"),
    ("date", "min(m.date)"),
    ("source_code", "min(m.source_code)"),
    ("target_code", "min(m.target_code)"),
    ("code", "min(m.code)"),
    ("base_code", "min(left(m.code, 3))"),
    ("root_code", "min(m.root_code)"),
    ("quad_class", "min(m.quad_class)"),
    ("goldstein", "min(m.goldstein)"),
    ("plover_type", "min(m.plover_type)"),
    ("plover_mode", "min(m.plover_mode)"),
    ("plover_context", "min(m.plover_context)"),
    ("source_name", f"arg_min(m.source_name, {_FIRST})"),
    ("target_name", f"arg_min(m.target_name, {_FIRST})"),
    ("place_name", f"arg_min(m.place_name, {_FIRST}) FILTER (WHERE m.place_name IS NOT NULL)"),
    ("place_type", f"arg_min(m.place_type, {_FIRST}) FILTER (WHERE m.place_name IS NOT NULL)"),
    ("place_country", f"arg_min(m.place_country, {_FIRST}) FILTER (WHERE m.place_name IS NOT NULL)"),
    ("place_admin1", f"arg_min(m.place_admin1, {_FIRST}) FILTER (WHERE m.place_name IS NOT NULL)"),
    ("place_lat", f"arg_min(m.place_lat, {_FIRST}) FILTER (WHERE m.place_name IS NOT NULL)"),
    ("place_lon", f"arg_min(m.place_lon, {_FIRST}) FILTER (WHERE m.place_name IS NOT NULL)"),
    ("place_geonames_id", f"arg_min(m.place_geonames_id, {_FIRST}) FILTER (WHERE m.place_name IS NOT NULL)"),
    ("num_mentions", "count(*)"),
    # An article without an outlet name counts as its own source.
    ("num_sources", "count(DISTINCT coalesce(d.source, m.content_hash))"),
    ("num_articles", "count(DISTINCT m.content_hash)"),
    ("first_seen", "min(d.pub_date)"),
    ("last_seen", "max(d.pub_date)"),
    ("is_root", "bool_or(m.sentence_index = 0)"),  # GDELT: reported in the lead
    ("mention_id", f"arg_min(m.mention_id, {_FIRST})"),
    ("doc_id", f"arg_min(m.doc_id, {_FIRST})"),
    ("url", f"arg_min(d.url, {_FIRST})"),
    ("sentence", f"arg_min(m.sentence, {_FIRST})"),
    # The toll of the first mention that has one, whole: arg_min_null keeps a NULL bound ("nearly
    # 50" has no lower one) rather than taking another mention's.
    *[(f"{kind}_{name}", f"arg_min_null(m.{kind}_{name}, {_FIRST}) FILTER (WHERE m.{kind}_number_text IS NOT NULL)")
      for kind in TOLL_NAMES for name in EVENT_TOLL_FIELDS],
]


def rebuild_events(connection: duckdb.DuckDBPyConnection, scope: str | None = None) -> None:
    """(Re)build the `events` rows of the events that `scope` names, from all their mentions.

    `scope` is the name of a table or view with an `event_id` column (the ids a batch
    touched); None rebuilds every event. Run it in the transaction that wrote the mentions,
    so that a crash leaves either both or neither.
    """
    columns = ", ".join(name for name, _ in EVENT_AGGREGATES)
    aggregates = ", ".join(expr for _, expr in EVENT_AGGREGATES)
    where = f"WHERE m.event_id IN (SELECT event_id FROM {scope})" if scope else ""
    if scope is None:
        connection.execute("DELETE FROM events")
    connection.execute(
        f"INSERT OR REPLACE INTO events ({columns}) "
        f"SELECT {aggregates} FROM mentions m JOIN documents d USING (content_hash) "
        f"{where} GROUP BY m.event_id"
    )
