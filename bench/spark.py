"""Spark in local mode against the single-process path, on the generated corpus.

    python bench/spark.py [--articles 300] [--master local[2]]

Every run reads the same corpus folder and ends with the full tables (documents, mentions,
figures, events):
- `dyads ingest`, 1 worker: the single-process path (read, dedupe, code, DuckDB, event merge);
- `dyads ingest`, 2 workers: the multiprocessing path, for reference;
- the Spark job in `--master`, twice on one session: cold (the session's first job: the JVM
  warms up, the Python workers import dyads and load spaCy) and warm (the next job).
The session start is timed apart. Prints seconds, articles/s and the ratios, and writes
bench/out/spark.json.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dyads.corpus.ingest import ingest  # noqa: E402 - after the path setup above
from dyads.settings import Settings  # noqa: E402
from dyads.spark import missing_requirement  # noqa: E402

OUT = ROOT / "bench" / "out"


def ensure_corpus(articles: int) -> Path:
    corpus = OUT / f"corpus-{articles}"
    if not corpus.exists():
        corpus.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, str(ROOT / "scripts" / "make_corpus.py"), "--articles", str(articles),
                        "--out", str(corpus)], check=True)
    return corpus


def timed(label: str, run: Callable[[], str]) -> float:
    """Run, print the time and what the run reports (its counts, to check runs agree)."""
    started = time.perf_counter()
    detail = run()
    seconds = time.perf_counter() - started
    print(f"  {label:<34}{seconds:8.1f} s   {detail}", flush=True)
    return seconds


def ingest_once(corpus: Path, db: Path, workers: int) -> str:
    db.unlink(missing_ok=True)
    report = ingest([corpus], db, workers=workers, settings=Settings())
    return f"{report.stored} articles, {report.mentions} mentions"


def spark_runs(corpus: Path, master: str, scratch: Path) -> dict[str, float]:
    from dyads.spark.job import run_job, spark_session

    times = {}
    holder: dict = {}

    def start() -> str:
        holder["spark"] = spark_session(master, app_name="dyads-bench", config={"spark.ui.enabled": "false"})
        return master

    def job() -> str:
        report = run_job(holder["spark"], corpus, scratch / "tables")
        return f"{report.documents} articles, {report.mentions} mentions, {report.events} events"

    times["session start"] = timed(f"Spark session start ({master})", start)
    try:
        times["spark cold"] = timed("Spark job, cold (first job)", job)
        times["spark warm"] = timed("Spark job, warm (second job)", job)
    finally:
        holder["spark"].stop()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--master", default="local[2]")
    args = parser.parse_args()
    if problem := missing_requirement():
        sys.exit(f"bench/spark.py: {problem}")
    corpus = ensure_corpus(args.articles)
    print(f"corpus {corpus.name}: {args.articles} articles")
    with tempfile.TemporaryDirectory(prefix="dyads-bench-spark-") as name:  # databases and tables
        scratch = Path(name)
        times = {f"ingest {n} worker{'s' if n > 1 else ''}":
                 timed(f"dyads ingest, {n} worker(s)", lambda n=n: ingest_once(corpus, scratch / f"{n}.duckdb", n))
                 for n in (1, 2)}
        times.update(spark_runs(corpus, args.master, scratch))
    single = times["ingest 1 worker"]
    print("\nthroughput (articles/s) and speed-up over the single-process path")
    for label in ("ingest 1 worker", "ingest 2 workers", "spark cold", "spark warm"):
        print(f"  {label:<20}{args.articles / times[label]:8.2f}   {single / times[label]:5.2f}x")
    cold_total = times["session start"] + times["spark cold"]
    print(f"  {'spark incl. start':<20}{args.articles / cold_total:8.2f}   {single / cold_total:5.2f}x")
    summary = {"articles": args.articles, "master": args.master, "seconds": times,
               "ratio_single_over_spark_warm": single / times["spark warm"],
               "ratio_single_over_spark_cold": single / times["spark cold"]}
    (OUT / "spark.json").write_text(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
