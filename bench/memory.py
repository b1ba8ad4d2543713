"""Does memory stay flat when the corpus grows? Peak RSS of `dyads ingest` on N and 10 N articles.

    python bench/memory.py [--articles 100] [--workers 2]

Each size runs in a fresh child process (so peaks do not carry over) that ingests a generated
corpus into a fresh database and reports the peak resident memory of itself (reading,
batching, writing) and of its largest worker (parsing and coding). The ratio of the big run's
peaks to the small run's should be close to 1: articles stream through in batches and nothing
accumulates per article.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"

CHILD = """
import json, resource, sys
from dyads.corpus.ingest import ingest
report = ingest([sys.argv[1]], sys.argv[2], workers=int(sys.argv[3]))
print(json.dumps({"stored": report.stored,
                  "main_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "worker_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def corpus(articles: int) -> Path:
    path = OUT / f"corpus-{articles}"
    if not path.exists():
        subprocess.run([sys.executable, str(ROOT / "scripts" / "make_corpus.py"), "--articles", str(articles),
                        "--out", str(path)], check=True, capture_output=True)
    return path


def peak(articles: int, workers: int) -> dict:
    db = OUT / "memory" / f"ingest-{articles}.duckdb"
    shutil.rmtree(db.parent, ignore_errors=True)
    db.parent.mkdir(parents=True)
    done = subprocess.run([sys.executable, "-c", CHILD, str(corpus(articles)), str(db), str(workers)],
                          check=True, capture_output=True, text=True, cwd=ROOT)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    small, large = peak(args.articles, args.workers), peak(10 * args.articles, args.workers)
    for n, result in ((args.articles, small), (10 * args.articles, large)):
        print(f"{n:>6} articles ({result['stored']} stored): main {result['main_mib']:6.0f} MiB, "
              f"largest worker {result['worker_mib']:6.0f} MiB")
    print(f"10x the corpus: main x{large['main_mib'] / small['main_mib']:.2f}, "
          f"worker x{large['worker_mib'] / small['worker_mib']:.2f}")


if __name__ == "__main__":
    main()
