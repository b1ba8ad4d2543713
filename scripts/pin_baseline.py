#!/usr/bin/env python
"""Pin the quality-gate floors: score the coder on the gold sets and write
tests/gold/baseline.json. Run it after a change that improves the figures, and say so in the
commit message with the before and after numbers (the gate fails 2 points below the pin)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dyads.coder import Coder  # noqa: E402
from dyads.evaluation.gold import evaluate, evaluate_figures, evaluate_places, read_gold  # noqa: E402

GOLD = ROOT / "tests" / "gold"


def main() -> None:
    baseline: dict = {}
    coder = Coder.load()
    events = sorted(GOLD.glob("events-*.jsonl"))
    if events:
        report = evaluate(read_gold(events), coder)
        baseline["events"] = {level: round(getattr(report, level).f1, 4) for level in ("root", "full", "dyad")}
        # The held-out half of the independently written set, pinned on its own: tuning on the
        # other sets must not buy points by losing them here.
        held_out = evaluate(read_gold([GOLD / "events-blind-test.jsonl"]), coder)
        baseline["events_blind_test"] = {level: round(getattr(held_out, level).f1, 4)
                                         for level in ("root", "full", "dyad")}
        wire = evaluate(read_gold([GOLD / "events-wire-test.jsonl"]), coder)
        baseline["events_wire_test"] = {level: round(getattr(wire, level).f1, 4) for level in ("root", "full", "dyad")}
    figures = GOLD / "figures.jsonl"
    if figures.exists():
        result = evaluate_figures([figures], coder)
        baseline["figures"] = {"f1": result["figures"]["f1"],
                               "exact_number_accuracy": result["exact_number_accuracy"]}
    places = GOLD / "places.jsonl"
    if places.exists():
        result = evaluate_places([places], coder)
        baseline["places"] = {key: result[key] for key in ("exact", "country", "near")}
    (GOLD / "baseline.json").write_text(json.dumps(baseline, indent=2, sort_keys=True) + "\n")
    print(json.dumps(baseline, indent=2, sort_keys=True))


if __name__ == "__main__":
    main()
