"""Scoring the coder on local conflict reports (tests/gold/local-*.jsonl), the measures of issue 16.

Gold format, one report (one to three sentences) a line:
  {"id": "ld001", "text": "...", "date": "2020-09-26", "family": "civilians", "country": "PAK",
   "events": [{"source": "PAKUAF" | null, "target": "PAKELI" | null, "code": "1823",
               "fatalities": 1 | null, "injured": null,
               "place": {"name": "Wana", "geonames_id": 1162634, "country": "PAK", "admin1": null,
                         "lat": 32.29, "lon": 69.57}}]}
A null source is violence by no one named (dyads' empty source).

Per report: an event found; its root fits (a coded event has the root of a gold event); for a
report of no event (a negation, a threat, background: gold `"events": []`), both mean the coder
kept silent. Per gold
event, through the coded event of its root that best matches it (same actors first): the actors
right (source and target codes both); the place right (same GeoNames id, or within 25 km; a
province-only gold place: the same country); the death toll exact (gold events with a toll).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from dyads.errors import GoldError
from dyads.evaluation.gold import distance_km, gold_records
from dyads.knowledge.reference import cameo_codes
from dyads.model import UNNAMED_SOURCE, Article, Event

if TYPE_CHECKING:
    from dyads.coder import Coder

PLACE_KM = 25.0  # the "same place": within 25 km
FAMILIES = ("battle", "explosion", "civilians", "protest", "riot", "strategic")


@dataclass(frozen=True, slots=True)
class LocalEvent:
    source: str
    target: str | None
    code: str
    fatalities: int | None
    place: dict | None


@dataclass(frozen=True, slots=True)
class LocalReport:
    id: str
    text: str
    date: dt.date | None
    family: str
    events: tuple[LocalEvent, ...]
    where: str


def read_local(paths: Iterable[Path]) -> list[LocalReport]:
    codes = cameo_codes()
    return [_report(record, where, codes) for where, record in gold_records(paths)]


def _report(record: dict, where: str, codes: dict) -> LocalReport:
    try:
        events = tuple(LocalEvent(e["source"] or UNNAMED_SOURCE, e.get("target"), str(e["code"]),
                                  e.get("fatalities"), e.get("place")) for e in record["events"])
        family = record["family"]
        date = dt.date.fromisoformat(record["date"]) if record.get("date") else None
    except (KeyError, TypeError, ValueError) as err:
        raise GoldError(f"{where}: malformed local report ({err})") from None
    if family not in FAMILIES:
        raise GoldError(f"{where}: family {family!r} is not one of {', '.join(FAMILIES)}")
    for e in events:
        if e.code not in codes:
            raise GoldError(f"{where}: unknown CAMEO code {e.code!r}")
    return LocalReport(str(record.get("id", where)), record["text"], date, family, events, where)


def evaluate_local(reports: list[LocalReport], coder: Coder) -> dict:
    articles = [Article(doc_id=r.id, text=r.text, date=r.date) for r in reports]
    counts = dict.fromkeys(("reports", "found", "root_fits", "events", "actors", "placed", "tolls",
                            "toll_exact"), 0)
    errors = []
    for report, coded in zip(reports, coder.code(articles), strict=True):
        verdict = score_report(report, list(coded.events))
        for key, value in verdict["counts"].items():
            counts[key] += value
        if not verdict["perfect"]:
            errors.append({"id": report.id, "text": report.text, "family": report.family,
                           "expected": [_triple(e.source, e.target, e.code, e.fatalities) for e in report.events],
                           "predicted": [_triple(e.source.code, e.target.code if e.target else None, e.code,
                                                 _fatalities(e)) for e in coded.events]})
    return {"counts": counts, "found": _ratio(counts["found"], counts["reports"]),
            "root_fits": _ratio(counts["root_fits"], counts["reports"]),
            "actors": _ratio(counts["actors"], counts["events"]),
            "placed": _ratio(counts["placed"], counts["events"]),
            "toll_exact": _ratio(counts["toll_exact"], counts["tolls"]), "errors": errors}


def score_report(report: LocalReport, events: list[Event]) -> dict:
    gold_roots = {e.code[:2] for e in report.events}
    # a report of no event is right when the coder finds none (not when it finds one)
    found = bool(events) if report.events else not events
    counts = {"reports": 1, "found": int(found),
              "root_fits": int(any(e.root_code in gold_roots for e in events) if report.events else found),
              "events": len(report.events), "actors": 0, "placed": 0, "tolls": 0, "toll_exact": 0}
    for gold in report.events:
        match = _match(gold, events)
        counts["actors"] += int(match is not None and _actors(match) == (gold.source, gold.target))
        counts["placed"] += int(match is not None and _place_right(gold.place, match))
        if gold.fatalities is not None:
            counts["tolls"] += 1
            counts["toll_exact"] += int(match is not None and _fatalities(match) == gold.fatalities)
    perfect = counts["found"] and counts["actors"] == counts["events"] and counts["placed"] == counts["events"] \
        and counts["toll_exact"] == counts["tolls"]
    return {"counts": counts, "perfect": perfect}


def _match(gold: LocalEvent, events: list[Event]) -> Event | None:
    same_root = [e for e in events if e.root_code == gold.code[:2]]
    return max(same_root, key=lambda e: (_actors(e) == (gold.source, gold.target), e.code == gold.code,
                                         e.source.code == gold.source), default=None)


def _actors(event: Event) -> tuple[str, str | None]:
    return event.source.code, event.target.code if event.target else None


def _place_right(gold: dict | None, event: Event) -> bool:
    place = event.place
    if not gold or place is None:
        return False
    if gold.get("geonames_id") and place.geonames_id == gold["geonames_id"]:
        return True
    if gold.get("lat") is not None and place.lat is not None and place.lon is not None:
        return distance_km(gold["lat"], gold["lon"], place.lat, place.lon) <= PLACE_KM
    return gold.get("lat") is None and place.country == gold.get("country")


def _fatalities(event: Event) -> int | None:
    """The event's death toll as a gold line writes it: "at least 5" is 5, "nearly 50" is 50."""
    toll = event.fatalities
    if toll is None:
        return None
    return toll.low if toll.low is not None else toll.high


def _triple(source: str, target: str | None, code: str, fatalities: int | None) -> str:
    return f"{source or '(unnamed)'}->{target} {code}" + (f" killed {fatalities}" if fatalities is not None else "")


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def format_local_report(result: dict) -> str:
    c = result["counts"]
    return "\n".join([
        f"reports {c['reports']}, gold events {c['events']}, with a death toll {c['tolls']}",
        f"  event found      {c['found']:4d}/{c['reports']:<4d} {result['found']}",
        f"  root fits        {c['root_fits']:4d}/{c['reports']:<4d} {result['root_fits']}",
        f"  actors right     {c['actors']:4d}/{c['events']:<4d} {result['actors']}",
        f"  place (<=25 km)  {c['placed']:4d}/{c['events']:<4d} {result['placed']}",
        f"  death toll exact {c['toll_exact']:4d}/{c['tolls']:<4d} {result['toll_exact']}",
    ])
