"""Scoring the coder against gold sentences: precision, recall and F1 by root code, full code
and dyad, plus the confusions that explain the errors.

Gold format, one sentence a line:
  {"id": "a001", "text": "...", "date": "2015-12-02",
   "events": [{"source": "IRNGOV", "target": "RUSGOV", "code": "041", "event_date": "2015-12-01"}]}
An empty `events` list means the sentence reports no codable event.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from dyads.coding.dates import parse_iso_date
from dyads.corpus.dedupe import EventKey, event_key
from dyads.errors import DateError, GoldError
from dyads.knowledge.reference import cameo_codes
from dyads.model import UNNAMED_SOURCE, Article, Event, Place

if TYPE_CHECKING:
    from dyads.coder import Coder


@dataclass(frozen=True, slots=True)
class GoldEvent:
    source: str
    target: str | None
    code: str
    event_date: str | None = None


@dataclass(frozen=True, slots=True)
class GoldSentence:
    id: str
    text: str
    date: str | None
    events: tuple[GoldEvent, ...]
    where: str


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, gold: Counter, predicted: Counter) -> None:
        overlap = sum((gold & predicted).values())
        self.tp += overlap
        self.fp += sum(predicted.values()) - overlap
        self.fn += sum(gold.values()) - overlap

    def as_dict(self) -> dict:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass
class Report:
    sentences: int = 0
    gold_events: int = 0
    predicted_events: int = 0
    root: Score = field(default_factory=Score)
    full: Score = field(default_factory=Score)
    dyad: Score = field(default_factory=Score)
    by_root: dict[str, Score] = field(default_factory=dict)
    by_code: dict[str, Score] = field(default_factory=dict)
    confusions: Counter = field(default_factory=Counter)  # (gold root, predicted root) same dyad
    false_alarms: int = 0  # events predicted on sentences whose gold has none
    empty_sentences: int = 0
    dates_right: int = 0
    dates_checked: int = 0
    errors: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "sentences": self.sentences,
            "gold_events": self.gold_events,
            "predicted_events": self.predicted_events,
            "root": self.root.as_dict(),
            "full": self.full.as_dict(),
            "dyad": self.dyad.as_dict(),
            "by_root": {k: v.as_dict() for k, v in sorted(self.by_root.items())},
            "by_code": {k: v.as_dict() for k, v in sorted(self.by_code.items())},
            "confusions": [{"gold": g, "predicted": p, "count": n}
                           for (g, p), n in sorted(self.confusions.items(), key=lambda x: (-x[1], x[0]))],
            "no_event_sentences": self.empty_sentences,
            "false_alarm_events": self.false_alarms,
            "date_accuracy": round(self.dates_right / self.dates_checked, 4) if self.dates_checked else None,
            "dates_checked": self.dates_checked,
        }


def gold_records(paths: Iterable[Path]) -> Iterator[tuple[str, dict]]:
    """Each record of JSON-lines gold files with where it is ("FILE:LINE"); an unreadable file
    or a line that is no JSON object is a GoldError naming it."""
    for path in paths:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as err:
            raise GoldError(f"{path}: cannot read ({err})") from None
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as err:
                raise GoldError(f"{where}: not JSON ({err})") from None
            if not isinstance(record, dict):
                raise GoldError(f"{where}: not a JSON object")
            yield where, record


def read_gold(paths: Iterable[Path]) -> list[GoldSentence]:
    codes = cameo_codes()
    out = []
    for where, record in gold_records(paths):
        try:
            events = tuple(
                # a null source: one-sided violence by no one named, coded with an empty source
                GoldEvent(e["source"] or UNNAMED_SOURCE, e.get("target"), str(e["code"]), e.get("event_date"))
                for e in record["events"])
            for e in events:
                if e.code not in codes:
                    raise GoldError(f"{where}: unknown CAMEO code {e.code!r}")
            if record.get("date"):
                parse_iso_date(record["date"])
            out.append(GoldSentence(str(record.get("id", where)), record["text"],
                                    record.get("date"), events, where))
        except (KeyError, TypeError, DateError) as err:
            raise GoldError(f"{where}: not a gold sentence ({err})") from None
    return out


def evaluate(gold: list[GoldSentence], coder: Coder) -> Report:
    articles = (Article(doc_id=g.id, text=g.text, date=parse_iso_date(g.date), origin=g.where)
                for g in gold)
    report = Report()
    for g, coded in zip(gold, coder.code(articles), strict=True):
        score_sentence(report, g, stored_events(coded.events))
    return report


def stored_events(events: Iterable[Event]) -> list[Event]:
    """The events as the database keeps them: a story that restates an event ("Police arrested
    40 ... The 40 were arrested after ...") reports it once, as one event with two mentions."""
    seen: set[EventKey] = set()
    out = []
    for event in events:
        key = event_key(event)
        if key not in seen:
            seen.add(key)
            out.append(event)
    return out


def score_sentence(report: Report, gold: GoldSentence, events: list[Event]) -> None:
    report.sentences += 1
    report.gold_events += len(gold.events)
    report.predicted_events += len(events)
    if not gold.events:
        report.empty_sentences += 1
        report.false_alarms += len(events)
    g_roots = Counter(e.code[:2] for e in gold.events)
    p_roots = Counter(e.root_code for e in events)
    report.root.add(g_roots, p_roots)
    report.full.add(Counter(e.code for e in gold.events), Counter(e.code for e in events))
    g_dyads = Counter((e.source, e.target, e.code[:2]) for e in gold.events)
    p_dyads = Counter((e.source.code, e.target.code if e.target else None, e.root_code) for e in events)
    report.dyad.add(g_dyads, p_dyads)
    for root in set(g_roots) | set(p_roots):
        report.by_root.setdefault(root, Score()).add(Counter({root: g_roots[root]}),
                                                     Counter({root: p_roots[root]}))
    g_codes = Counter(e.code for e in gold.events)
    p_codes = Counter(e.code for e in events)
    for code in set(g_codes) | set(p_codes):
        report.by_code.setdefault(code, Score()).add(Counter({code: g_codes[code]}),
                                                     Counter({code: p_codes[code]}))
    # confusions: the same pair of actors, another root
    for ge in gold.events:
        same_pair = [e.root_code for e in events
                     if e.source.code == ge.source and (e.target.code if e.target else None) == ge.target]
        if same_pair and ge.code[:2] not in same_pair:
            report.confusions[(ge.code[:2], same_pair[0])] += 1
        if ge.event_date:
            match = [e for e in events if e.source.code == ge.source and e.root_code == ge.code[:2]
                     and (e.target.code if e.target else None) == ge.target]
            if match:
                report.dates_checked += 1
                report.dates_right += int(match[0].date is not None and match[0].date.isoformat() == ge.event_date)
    if g_dyads != p_dyads:
        report.errors.append({
            "id": gold.id, "text": gold.text,
            "gold": sorted(f"{s}->{t} {c}" for (s, t, c) in g_dyads.elements()),
            "predicted": sorted(f"{e.source.code}->{e.target.code if e.target else None} {e.code}"
                                for e in events),
        })


def format_report(report: Report) -> str:
    lines = [
        f"sentences {report.sentences}  gold events {report.gold_events}  "
        f"predicted {report.predicted_events}  no-event sentences {report.empty_sentences} "
        f"(false alarms there: {report.false_alarms})",
        "",
        f"{'level':<12}{'P':>8}{'R':>8}{'F1':>8}{'TP':>6}{'FP':>6}{'FN':>6}",
    ]
    for name, score in (("root code", report.root), ("full code", report.full), ("dyad", report.dyad)):
        lines.append(f"{name:<12}{score.precision:>8.3f}{score.recall:>8.3f}{score.f1:>8.3f}"
                     f"{score.tp:>6}{score.fp:>6}{score.fn:>6}")
    if report.dates_checked:
        lines.append(f"event dates right: {report.dates_right}/{report.dates_checked} "
                     f"({report.dates_right / report.dates_checked:.3f})")
    lines += ["", "by root code", f"{'root':<6}{'P':>8}{'R':>8}{'F1':>8}{'TP':>6}{'FP':>6}{'FN':>6}"]
    for root, score in sorted(report.by_root.items()):
        lines.append(f"{root:<6}{score.precision:>8.3f}{score.recall:>8.3f}{score.f1:>8.3f}"
                     f"{score.tp:>6}{score.fp:>6}{score.fn:>6}")
    lines += ["", "by full code (codes with gold or predicted events)",
              f"{'code':<6}{'P':>8}{'R':>8}{'F1':>8}{'TP':>6}{'FP':>6}{'FN':>6}"]
    for code, score in sorted(report.by_code.items()):
        lines.append(f"{code:<6}{score.precision:>8.3f}{score.recall:>8.3f}{score.f1:>8.3f}"
                     f"{score.tp:>6}{score.fp:>6}{score.fn:>6}")
    lines += ["", "confusions (same actors, other root): gold -> predicted"]
    for (g, p), n in sorted(report.confusions.items(), key=lambda x: (-x[1], x[0]))[:15]:
        lines.append(f"  {g} -> {p}: {n}")
    return "\n".join(lines)


def evaluate_figures(paths: Iterable[Path], coder: Coder) -> dict:
    """Figures against gold: a predicted figure matches a gold one of the same kind whose
    number text overlaps it; exact-number accuracy is over matched figures (low and high)."""
    gold = []
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip():
                try:
                    gold.append(json.loads(line))
                except json.JSONDecodeError as err:
                    raise GoldError(f"{path}:{number}: invalid JSON ({err.msg})") from None
    articles = (Article(doc_id=str(g.get("id", i)), text=g["text"], date=parse_iso_date(g.get("date")))
                for i, g in enumerate(gold))
    score, exact, matched, reporters = Score(), 0, 0, 0
    by_kind: dict[str, Score] = {}
    for g, coded in zip(gold, coder.code(articles), strict=True):
        predicted = list(coded.figures)
        unmatched = list(predicted)
        for gf in g["figures"]:
            g_start = g["text"].find(gf["number_text"])
            g_end = g_start + len(gf["number_text"])
            hit = next((p for p in unmatched if p.kind == gf["kind"]
                        and p.start < g_end and g_start < p.end), None)
            kind_score = by_kind.setdefault(gf["kind"], Score())
            if hit is None:
                score.fn += 1
                kind_score.fn += 1
                continue
            unmatched.remove(hit)
            score.tp += 1
            kind_score.tp += 1
            matched += 1
            exact += int(hit.low == gf["low"] and hit.high == gf["high"])
            reporters += int(bool(gf.get("reporter")) == bool(hit.reporter)
                             and (not hit.reporter or gf["reporter"] in hit.reporter
                                  or hit.reporter in gf["reporter"]))
        score.fp += len(unmatched)
        for p in unmatched:
            by_kind.setdefault(p.kind, Score()).fp += 1
    return {
        "sentences": len(gold),
        "figures": score.as_dict(),
        "exact_number_accuracy": round(exact / matched, 4) if matched else None,
        "reporter_accuracy": round(reporters / matched, 4) if matched else None,
        "by_kind": {k: v.as_dict() for k, v in sorted(by_kind.items())},
    }


def format_figures_report(result: dict) -> str:
    f = result["figures"]
    lines = [f"sentences {result['sentences']}",
             f"figures  P {f['precision']:.3f}  R {f['recall']:.3f}  F1 {f['f1']:.3f}  "
             f"(TP {f['tp']} FP {f['fp']} FN {f['fn']})",
             f"exact-number accuracy {result['exact_number_accuracy']}  "
             f"reporter accuracy {result['reporter_accuracy']}", "", "by kind"]
    for kind, s in result["by_kind"].items():
        lines.append(f"  {kind:<12} P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}")
    return "\n".join(lines)


# --- places -----------------------------------------------------------------------------------

EARTH_RADIUS_KM = 6371.0
NEAR_KM = 161.0  # 100 miles: the usual "close enough" radius in geocoding evaluations
SAME_AREA_KM = 100.0  # a division or region named by a centre within this is the same one
PLACE_TYPES = ("country", "adm1", "city", "region")


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def read_place_gold(paths: Iterable[Path]) -> list[dict]:
    """Place gold passages, each mention located in its text (file:line errors)."""
    items = []
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                item = json.loads(line)
                spans = [_gold_span(item["text"], gold) for gold in item["places"]]
            except json.JSONDecodeError as err:
                raise GoldError(f"{where}: invalid JSON ({err.msg})") from None
            except (KeyError, TypeError, ValueError) as err:
                raise GoldError(f"{where}: {err}") from None
            for gold in item["places"]:
                if gold.get("type") not in PLACE_TYPES:
                    raise GoldError(f"{where}: place type {gold.get('type')!r} is not one of {PLACE_TYPES}")
            items.append({**item, "spans": spans, "where": where})
    return items


def _gold_span(text: str, gold: dict) -> tuple[int, int]:
    start = -1
    for _ in range(int(gold.get("occurrence", 1))):
        start = text.find(gold["mention"], start + 1)
        if start < 0:
            raise ValueError(f"mention {gold['mention']!r} (occurrence {gold.get('occurrence', 1)}) "
                             "is not in the text")
    return start, start + len(gold["mention"])


def place_verdict(gold: dict, place: Place | None) -> dict[str, bool]:
    """Is the predicted place the gold one (exact), in the same country, within 161 km?"""
    if place is None:
        return {"exact": False, "country": False, "near": False}
    same_country = place.country == gold.get("country")
    if gold.get("lat") is not None and place.lat is not None:
        assert place.lon is not None  # a place has both coordinates or neither
        km = distance_km(gold["lat"], gold["lon"], place.lat, place.lon)
        near = km <= NEAR_KM
    else:  # a country without gold coordinates: its centroid is near when it is the country
        km, near = None, same_country and place.type == gold["type"]
    if gold["type"] == "city" and gold.get("geonames_id"):
        exact = place.geonames_id == gold["geonames_id"]
    elif gold["type"] == "country":
        exact = place.type == "country" and same_country
    else:  # a division or region has no id in the gold: the same one by name or by centre
        exact = place.type == gold["type"] and same_country and (
            (km is not None and km <= SAME_AREA_KM) or _same_name(gold["mention"], place.name))
    return {"exact": exact, "country": same_country, "near": near}


def _same_name(mention: str, full_name: str) -> bool:
    """"Idlib province" and "Idlib, Syria"; "Texas" and "Texas, United States"."""
    from dyads.knowledge.gazetteer import place_key

    words = [w for w in place_key(mention).split() if w not in DIVISION_WORDS]
    return bool(words) and place_key(full_name.split(",")[0]) == " ".join(words)


DIVISION_WORDS = {"province", "governorate", "state", "region", "oblast", "district", "prefecture", "county"}


def evaluate_places(paths: Iterable[Path], coder: Coder) -> dict:
    """Place mentions against gold: found, exact-match, country and within-161-km accuracy
    over all gold mentions (a mention not found counts as wrong), and spurious places."""
    totals: Counter = Counter()
    by_type: dict[str, Counter] = {}
    errors = []
    gold_items = read_place_gold(paths)
    passages = len(gold_items)
    for item in gold_items:
        article = Article(doc_id=str(item.get("id", item["where"])), text=item["text"],
                          date=parse_iso_date(item.get("date")))
        resolved, dateline = coder.places(article)
        predicted = [r.place for r in resolved] + ([dateline] if dateline else [])
        used: set[int] = set()
        for gold, (start, end) in zip(item["places"], item["spans"], strict=True):
            hit = next((n for n, p in enumerate(predicted) if n not in used and p.start is not None
                        and p.start < end and start < p.end), None)
            if hit is not None:
                used.add(hit)
            place = predicted[hit] if hit is not None else None
            verdict = {"found": place is not None, **place_verdict(gold, place)}
            counts = by_type.setdefault(gold["type"], Counter())
            for key, ok in verdict.items():
                totals[key] += ok
                counts[key] += ok
            totals["mentions"] += 1
            counts["mentions"] += 1
            if not verdict["exact"]:
                errors.append({"id": item.get("id"), "mention": gold["mention"], "gold": gold,
                               "predicted": place.name if place else None,
                               "predicted_type": place.type if place else None,
                               "predicted_country": place.country if place else None})
        totals["spurious"] += len({n for n, p in enumerate(predicted) if p.start is not None} - used)
    return {"passages": passages, **_place_report(totals, by_type), "errors": errors}


def _place_report(totals: Counter, by_type: dict[str, Counter]) -> dict:
    def rates(c: Counter) -> dict:
        n = c["mentions"] or 1
        return {"mentions": c["mentions"], **{key: round(c[key] / n, 4)
                                              for key in ("found", "exact", "country", "near")}}
    return {**rates(totals), "spurious": totals["spurious"],
            "by_type": {kind: rates(by_type[kind]) for kind in PLACE_TYPES if kind in by_type}}


def format_places_report(result: dict) -> str:
    lines = [f"passages {result['passages']}  place mentions {result['mentions']}  "
             f"spurious places {result['spurious']}",
             f"found {result['found']:.3f}  exact {result['exact']:.3f}  country {result['country']:.3f}  "
             f"within {NEAR_KM:.0f} km {result['near']:.3f}", "", "by type"]
    for kind, r in result["by_type"].items():
        lines.append(f"  {kind:<8} n {r['mentions']:>4}  found {r['found']:.3f}  exact {r['exact']:.3f}  "
                     f"country {r['country']:.3f}  within {NEAR_KM:.0f} km {r['near']:.3f}")
    return "\n".join(lines)
