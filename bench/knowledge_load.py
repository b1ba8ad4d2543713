"""How long the knowledge takes to be ready: the standard dictionaries read, the whole knowledge
built cold, and loaded from the build cache, each against a baseline in the same run.

    python bench/knowledge_load.py [--repeat 3]

The baseline is the floor of reading the same files: their bytes read and split into lines
(what any reader of these formats must do at least). Each measure is the fastest of REPEAT
runs, each in a fresh process (a process caches what it built), and is printed in seconds and
as a ratio to the baseline, so that a slower or busier machine moves both alike. The issues ask
for the knowledge from the build cache in under 1 s and built cold in under 10 s.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"

CHILD = """
import json, sys, time
from pathlib import Path
what = sys.argv[1]
started = time.perf_counter()
if what == "baseline":
    from dyads.knowledge.sources import packaged_data_dir
    lines = 0
    for path in sorted((packaged_data_dir() / "packs").rglob("*.txt")):
        lines += len(path.read_bytes().decode("utf-8", "replace").splitlines())
elif what == "read dictionaries":
    from dyads.knowledge import tabari
    from dyads.knowledge.sources import packaged_data_dir
    tabari.read_folder(packaged_data_dir() / "packs" / "phoenix")
else:  # "built cold" with DYADS_CACHE_DIR off, "from the cache" with a filled one
    from dyads.knowledge.knowledge import Knowledge
    Knowledge.load()
print(json.dumps(time.perf_counter() - started))
"""


def timed(what: str, cache: str, repeat: int) -> float:
    env = {"DYADS_CACHE_DIR": cache, "PATH": "/usr/bin:/bin"}
    runs = []
    for _ in range(repeat):
        done = subprocess.run([sys.executable, "-c", CHILD, what], env=env, cwd=ROOT, check=True,
                              capture_output=True, text=True)
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    return min(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as cache:
        timed("from the cache", cache, 1)  # fill the cache
        results = {
            "baseline": timed("baseline", "off", args.repeat),
            "read dictionaries": timed("read dictionaries", "off", args.repeat),
            "built cold": timed("built cold", "off", args.repeat),
            "from the cache": timed("from the cache", cache, args.repeat),
        }
    base = results["baseline"]
    print(f"{'measure':<20}{'seconds':>9}{'x baseline':>12}")
    for name, seconds in results.items():
        print(f"{name:<20}{seconds:9.2f}{seconds / base:12.1f}")
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "knowledge_load.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
