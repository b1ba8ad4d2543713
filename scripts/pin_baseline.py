#!/usr/bin/env python
"""Pin the quality-gate floors: score the coder on the gold sets and write
tests/gold/baseline.json. Run it after a change that improves the figures, and say so in the
commit message with the before and after numbers (the gate fails 2 points below the pin).
Pins are only raised: a measure that went down keeps its old pin, and the pins this script does
not compute (the peer suites', tests/test_peer.py) are kept as they are.

    python scripts/pin_baseline.py [--renew NAME ...]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dyads.coder import Coder  # noqa: E402
from dyads.evaluation.gold import evaluate, evaluate_figures, evaluate_places, read_gold  # noqa: E402
from dyads.evaluation.local import evaluate_local, read_local  # noqa: E402
from tests.conftest import GOLD, HELD_OUT_EVENT_SETS, HELD_OUT_LOCAL_SETS  # noqa: E402

LOCAL_MEASURES = ("found", "root_fits", "actors", "placed", "toll_exact")


def main() -> None:
    # `--renew NAME`: pin NAME at today's score even if lower, when its gold changed (a set added
    # to the events, a convention settled), never for a coder change
    renewed = set(sys.argv[sys.argv.index("--renew") + 1:]) if "--renew" in sys.argv else set()
    baseline: dict = {}
    coder = Coder.load()
    events = sorted(GOLD.glob("events-*.jsonl"))
    if events:
        report = evaluate(read_gold(events), coder)
        baseline["events"] = {level: round(getattr(report, level).f1, 4) for level in ("root", "full", "dyad")}
        # the held-out halves of the blind sets, pinned on their own (tests/conftest.py)
        for name, file_name in HELD_OUT_EVENT_SETS.items():
            held_out = evaluate(read_gold([GOLD / file_name]), coder)
            baseline[name] = {level: round(getattr(held_out, level).f1, 4) for level in ("root", "full", "dyad")}
    figures = GOLD / "figures.jsonl"
    if figures.exists():
        result = evaluate_figures([figures], coder)
        baseline["figures"] = {"f1": result["figures"]["f1"],
                               "exact_number_accuracy": result["exact_number_accuracy"]}
    places = GOLD / "places.jsonl"
    if places.exists():
        result = evaluate_places([places], coder)
        baseline["places"] = {key: result[key] for key in ("exact", "country", "near")}
    for name, file_name in HELD_OUT_LOCAL_SETS.items():
        if (GOLD / file_name).exists():
            result = evaluate_local(read_local([GOLD / file_name]), coder)
            baseline[name] = {measure: round(result[measure], 4) for measure in LOCAL_MEASURES}
    path = GOLD / "baseline.json"
    pinned = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    for name, measures in baseline.items():
        old = {} if name in renewed else pinned.get(name, {})
        pinned[name] = {m: max(v, old.get(m, v)) for m, v in measures.items()}
    path.write_text(json.dumps(pinned, indent=2, sort_keys=True) + "\n")
    print(json.dumps(pinned, indent=2, sort_keys=True))


if __name__ == "__main__":
    main()
