"""Validated query parameters of the API: what a request may ask for, checked before any SQL.

Every value that reaches a query passes through here; an invalid one raises `InvalidParameter`
(HTTP 422 with the parameter's name and a readable message). Values are bound as SQL
parameters, never formatted into SQL text: the only SQL fragments chosen by a request are
picked from fixed tables (`SORTS`, `INTERVALS`).
"""

from __future__ import annotations

import base64
import json
import re
from dataclasses import dataclass
from datetime import date
from functools import cache

import pycountry

from dyads.knowledge.reference import cameo_codes

MAX_PAGE_SIZE = 500  # a page the dashboard table can render at once; /export streams more
DEFAULT_PAGE_SIZE = 50
# The most rows one /export may ask for: a billion, more than a DuckDB file on one machine holds
# here (2 million events take 1 GiB in memory), exact as a JSON number, far inside a BIGINT LIMIT.
MAX_EXPORT_ROWS = 1_000_000_000
ACTOR_RE = re.compile(r"^[A-Z0-9]{1,30}$")  # CAMEO actor codes are 3-letter parts: IRNGOVMIL...
MAX_TEXT = 200  # search strings and document keys: longer ones are not real queries

# Sort name -> (key expression, direction). Nullable keys are coalesced so that keyset
# pagination compares plain values; missing dates come last in both directions.
SORTS: dict[str, tuple[str, str]] = {
    "date": ("coalesce(date, DATE '9999-12-31')", "ASC"),
    "-date": ("coalesce(date, DATE '0001-01-01')", "DESC"),
    "goldstein": ("coalesce(goldstein, 99.0)", "ASC"),
    "-goldstein": ("coalesce(goldstein, -99.0)", "DESC"),
    "mentions": ("CAST(num_mentions AS DOUBLE)", "ASC"),
    "-mentions": ("CAST(num_mentions AS DOUBLE)", "DESC"),
}
DATE_SORTS = {"date", "-date"}
INTERVALS = {"day": "day", "week": "week", "month": "month"}


class InvalidParameter(ValueError):
    """A request parameter that does not validate: answered with 422."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(message)
        self.name = name
        self.message = message


@dataclass(frozen=True, slots=True)
class Cursor:
    key: str | float
    event_id: int


@cache
def root_codes() -> frozenset[str]:
    return frozenset(code[:2] for code in cameo_codes())


def actor_code(name: str, value: str | None) -> str | None:
    if value is None or value == "":
        return None
    code = value.strip().upper()
    if not ACTOR_RE.match(code):
        raise InvalidParameter(name, f"{value!r} is not an actor code (letters and digits, e.g. IRN or IRNGOV)")
    return code


def parse_dyad(value: str | None) -> tuple[str | None, str | None]:
    if not value:
        return None, None
    parts = [part.strip() for part in value.split(",")]
    if len(parts) != 2 or not all(parts):
        raise InvalidParameter("dyad", f"{value!r}: give SOURCE,TARGET actor codes, e.g. IRN,RUS")
    return actor_code("dyad", parts[0]), actor_code("dyad", parts[1])


def cameo_code(value: str | None) -> str | None:
    if not value:
        return None
    if value not in cameo_codes():
        raise InvalidParameter("code", f"unknown CAMEO event code {value!r} (e.g. 041, 0256, 190)")
    return value


def root_code(value: str | None) -> str | None:
    if not value:
        return None
    if value not in root_codes():
        raise InvalidParameter("root", f"unknown CAMEO root code {value!r} (two digits, 01 to 20)")
    return value


def country_code(value: str | None) -> str | None:
    if not value:
        return None
    code = value.strip().upper()
    if not re.fullmatch(r"[A-Z]{3}", code) or pycountry.countries.get(alpha_3=code) is None:
        raise InvalidParameter("country", f"{value!r} is not an ISO 3166 alpha-3 country code (e.g. SYR)")
    return code


def search_text(name: str, value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    if len(value) > MAX_TEXT:
        raise InvalidParameter(name, f"at most {MAX_TEXT} characters")
    return value.strip().lower()


def iso_date(name: str, value: str | None) -> date | None:
    if not value:
        return None
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError(value)
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidParameter(name, f"{value!r} is not a date (YYYY-MM-DD)") from None


def date_range(since: date | None, until: date | None) -> tuple[date | None, date | None]:
    if since and until and since > until:
        raise InvalidParameter("until", f"until ({until}) is before since ({since})")
    return since, until


def sort_name(value: str) -> str:
    if value not in SORTS:
        raise InvalidParameter("sort", f"unknown sort {value!r} (one of: {', '.join(SORTS)})")
    return value


def encode_cursor(sort: str, key: object, event_id: int) -> str:
    plain = key.isoformat() if isinstance(key, date) else key
    raw = json.dumps([sort, plain, event_id], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(value: str | None, sort: str) -> Cursor | None:
    """The position after which the next page starts; a cursor is only valid for its sort."""
    if not value:
        return None
    try:
        raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
        cursor_sort, key, event_id = json.loads(raw)
        valid = cursor_sort == sort and isinstance(event_id, int) and _cursor_key_ok(sort, key)
    except (ValueError, TypeError):
        valid = False
    if not valid:
        raise InvalidParameter("cursor", "not a cursor from a previous page with this sort (start again without it)")
    return Cursor(key, event_id)


def _cursor_key_ok(sort: str, key: object) -> bool:
    if sort in DATE_SORTS:
        return isinstance(key, str) and date.fromisoformat(key) is not None
    return isinstance(key, int | float) and not isinstance(key, bool)
