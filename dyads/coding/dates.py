"""When: article dates and event dates resolved against them.

Most date expressions in news are a handful of shapes ("on Tuesday", "last week", "on February
27", "in March 2011"); those are resolved here by rule, which is fast and predictable. Anything
else that spaCy marks as a DATE goes to `dateparser` with the article date as its base.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from functools import lru_cache

from dyads.errors import DateError

WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
MONTH_RE = (r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
            r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
WEEKDAY_RE = r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)"


def names_a_day(word: str, day_words: frozenset[str]) -> bool:
    """Whether this (lower-case) word names a day or a month by itself ("on Friday", "in March",
    "yesterday's"): a weekday, a month, or one of the `day_words` (clauses.yaml)."""
    word = word.removesuffix("'s")
    return word in WEEKDAYS or word in MONTHS or word in day_words


# Expressions that say when something started or how long it lasted, not when it happened.
NOT_AN_EVENT_DATE = re.compile(r"\b(since|until|till|for|over|past|throughout|ago\b.*\bsince)\b", re.I)


def parse_iso_date(value: str | date | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise DateError(f"not an ISO date (YYYY-MM-DD): {value!r}") from None


def _year_for(month: int, day: int, base: date, prefer_future: bool) -> int:
    """A month and day without a year: the nearest such date in the article's direction."""
    try:
        candidate = date(base.year, month, day)
    except ValueError:
        return base.year
    if prefer_future:
        return base.year + 1 if candidate < base - timedelta(days=31) else base.year
    return base.year - 1 if candidate > base + timedelta(days=31) else base.year


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def resolve_rules(text: str, base: date, prefer_future: bool = False) -> date | None:
    t = " ".join(text.lower().replace(",", " , ").split())
    t = re.sub(r"\b(on|in|of|the|early|late|earlier|later)\b", " ", t)
    t = " ".join(t.split()).strip(" ,")
    if t in ("today", "tonight", "this morning", "this afternoon", "this evening", "this week",
             "same day"):
        return base
    if t in ("yesterday", "last night", "yesterday morning", "yesterday evening"):
        return base - timedelta(days=1)
    if t == "tomorrow":
        return base + timedelta(days=1)
    if t == "last week":
        return base - timedelta(days=7)
    if t == "next week":
        return base + timedelta(days=7)
    if t in ("last month", "month"):
        first = base.replace(day=1)
        return (first - timedelta(days=1)).replace(day=1) if t == "last month" else first
    if t in ("this month",):
        return base.replace(day=1)
    if t == "last year":
        return date(base.year - 1, 1, 1)
    if t == "this year":
        return date(base.year, 1, 1)
    m = re.fullmatch(rf"(last |this |next |past )?{WEEKDAY_RE}( (morning|afternoon|evening|night))?", t)
    if m:
        target = WEEKDAYS[m.group(2)]
        if prefer_future or m.group(1) == "next ":
            delta = (target - base.weekday()) % 7 or (7 if m.group(1) == "next " else 0)
            return base + timedelta(days=delta)
        delta = (base.weekday() - target) % 7
        if m.group(1) == "last " and delta == 0:
            delta = 7
        return base - timedelta(days=delta)
    m = re.fullmatch(rf"(?:{WEEKDAY_RE} ,? )?{MONTH_RE} (\d{{1,2}})(?:st|nd|rd|th)?(?: ,? (\d{{4}}))?", t)
    if m:
        month, day = MONTHS[m.group(2).rstrip(".")[:3]], int(m.group(3))
        year = int(m.group(4)) if m.group(4) else _year_for(month, day, base, prefer_future)
        return _safe_date(year, month, day)
    m = re.fullmatch(rf"(?:{WEEKDAY_RE} ,? )?(\d{{1,2}})(?:st|nd|rd|th)? {MONTH_RE}(?: ,? (\d{{4}}))?", t)
    if m:
        month, day = MONTHS[m.group(3).rstrip(".")[:3]], int(m.group(2))
        year = int(m.group(4)) if m.group(4) else _year_for(month, day, base, prefer_future)
        return _safe_date(year, month, day)
    m = re.fullmatch(rf"(mid-? ?)?{MONTH_RE}(?: (\d{{4}}))?", t)
    if m:
        month = MONTHS[m.group(2).rstrip(".")[:3]]
        day = 15 if m.group(1) else 1
        if m.group(3):
            return date(int(m.group(3)), month, day)
        year = base.year - 1 if month > base.month and not prefer_future else base.year
        return date(year, month, day)
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", t)
    if m:
        return _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    return None


@lru_cache(maxsize=4096)
def resolve_date(text: str, base: date | None, prefer_future: bool = False) -> date | None:
    """Resolve a date expression against the article date; None when it is not one date."""
    if base is None or not text.strip() or NOT_AN_EVENT_DATE.search(text):
        return None
    resolved = resolve_rules(text, base, prefer_future)
    if resolved is not None:
        return resolved
    if not re.search(r"\d|" + MONTH_RE + "|" + WEEKDAY_RE, text, re.I):
        return None  # "recent weeks", "decades": durations, not dates
    import dateparser

    parsed = dateparser.parse(
        text,
        languages=["en"],
        settings={
            "RELATIVE_BASE": _midnight(base),
            "PREFER_DATES_FROM": "future" if prefer_future else "past",
            "REQUIRE_PARTS": ["month"],
        },
    )
    return parsed.date() if parsed else None


def _midnight(day: date):
    from datetime import datetime

    return datetime(day.year, day.month, day.day)


DATELINE_RES = [
    re.compile(rf"\b{MONTH_RE} (\d{{1,2}}),? (\d{{4}})\b", re.I),
    re.compile(rf"\b(\d{{1,2}}) {MONTH_RE},? (\d{{4}})\b", re.I),
    re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"),
]
DATELINE_MAX_CHARS = 80  # a dateline line is short: "Sat Mar 26, 2016 5:09PM" or "2016-03-26"


# A wire story's dateline, the one definition (its day dates the article here; its place is where
# the story was filed, dyads.coding.places): "TRIPOLI, Lebanon (Reuters) -", "BEIRUT -", "NAIROBI,
# March 3 (Reuters) -", "Kabul, Oct. 5, 2001 (AFP) --", "WASHINGTON, Jan. 3, 2015 /PRNewswire/ --",
# "NEW DELHI: ": a place at the very start, then its country or state, the day, the agency. A name
# in upper case is a dateline by itself; one in mixed case ("Nairobi (Xinhua) --", "Dar es Salaam,
# Jan. 3, 2001 (AFP) -") only with an agency or a day after it (places.py), and a colon ends only an
# upper-case one.
_NAME_PARTICLE = r"(?:es|de|el|al|la|du|da|do|des|del|di)[ -]"
_DATELINE_DAY = rf"(?i:{MONTH_RE}\s+\d{{1,2}}|\d{{1,2}}\s+{MONTH_RE})(?:,?\s*\d{{4}})?"
WIRE_DATELINE_RE = re.compile(
    r"^\s*(?P<name>[A-Z][A-Z.'’ -]{2,40}?|[A-Z][a-z'’.]+"
    rf"(?:[ -](?:{_NAME_PARTICLE})?[A-Z][a-z'’.]+){{0,3}})"
    r"(?:,\s*(?P<qualifier>[A-Z][A-Za-z.'’ -]{1,40}?))?"
    rf"(?:,\s*(?P<day>{_DATELINE_DAY}))?"
    r"\s*(?P<agency>\([^)\n]{1,40}\)|/[^/\n]{1,40}/)?\s*(?P<mark>[-–—]{1,2}|:)\s")


def find_dateline(text: str) -> date | None:
    """The article date from a dateline line near the top (a short line that is mostly a date),
    or from the dateline that opens a wire story ("Kabul, Oct. 5, 2001 (AFP) -- ..."). Dates
    inside sentences (captions, body) are not datelines."""
    lines = [line.strip() for line in text.replace("\r", "\n").split("\n")[:8]]
    opening = next((line for line in lines if line), "")
    wire = WIRE_DATELINE_RE.match(opening)
    for line in ([wire.group("day")] if wire and wire.group("day") else []) + lines:
        if not line or len(line) > DATELINE_MAX_CHARS:
            continue
        for pattern in DATELINE_RES:
            m = pattern.search(line)
            if not m:
                continue
            groups = m.groups()
            if pattern is DATELINE_RES[2]:
                found = _safe_date(int(groups[0]), int(groups[1]), int(groups[2]))
            elif pattern is DATELINE_RES[0]:
                found = _safe_date(int(groups[2]), MONTHS[groups[0].lower()[:3]], int(groups[1]))
            else:
                found = _safe_date(int(groups[2]), MONTHS[groups[1].lower()[:3]], int(groups[0]))
            if found:
                return found
    return None
