"""End-to-end coding throughput: the fast path against the straightforward baseline.

    python bench/throughput.py [--corpus corpus.jsonl.gz] [--articles 1000] [--workers 2]

Both runs happen in this process, on the same articles, each from the corpus files to a fresh
DuckDB database, and the script prints their ratio:
- baseline: read, every paragraph through the full spaCy pipeline in one process (no
  prefilter), write each batch to DuckDB;
- fast: `dyads ingest` itself: read, prefilter, batching across articles, `--workers` processes,
  write to DuckDB.
It also prints the time of each stage (read+clean, prefilter, parse, code, places, write) of a
one-process run, and the peak resident memory of this process and of its workers.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dyads.ingest import read_path  # noqa: E402
from dyads.ingest_run import ingest  # noqa: E402
from dyads.model import Article  # noqa: E402
from dyads.pipeline import PARAGRAPH_RE, code_parsed, run_pipeline  # noqa: E402
from dyads.settings import Settings  # noqa: E402
from dyads.store import EventStore  # noqa: E402


def load_corpus(path: Path, limit: int) -> tuple[list[Article], float]:
    started = time.perf_counter()
    files = sorted(path.glob("*.jsonl*")) if path.is_dir() else [path]
    articles = [a for f in files for a in read_path(f) if isinstance(a, Article)][:limit]
    return articles, time.perf_counter() - started


def ensure_corpus(path: Path | None, articles: int) -> Path:
    if path:
        return path
    out = ROOT / "bench" / "out" / f"corpus-{articles}"
    if not out.exists():
        out.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, str(ROOT / "scripts" / "make_corpus.py"), "--articles",
                        str(articles), "--out", str(out)], check=True)
    return out


def count_units(articles: list[Article]) -> tuple[int, int]:
    import re

    sentences = sum(len(re.findall(r"[.!?][\"”’')]*(?:\s|$)", a.text)) or 1 for a in articles)
    tokens = sum(len(a.text.split()) for a in articles)
    return sentences, tokens


def timed(label: str, run) -> tuple[float, int]:
    started = time.perf_counter()
    events = run()
    elapsed = time.perf_counter() - started
    print(f"  {label:<34} {elapsed:8.2f} s   event mentions stored {events}")
    return elapsed, events


def baseline_run(corpus: Path, limit: int, db: Path) -> int:
    """The straightforward path: read, parse everything in one process, write."""
    articles, _ = load_corpus(corpus, limit)
    with EventStore(db) as store:
        batch: list = []
        for coded in run_pipeline(articles, Settings(prefilter=False)):
            batch.append(coded)
            if len(batch) == BATCH:
                store.write_batch(batch)
                batch = []
        store.write_batch(batch)
        # mentions stored: a re-published article is kept once, as ingest keeps it
        return store.counts()["mentions"]


def ingest_run(corpus: Path, limit: int, db: Path, workers: int) -> int:
    files = sorted(corpus.glob("*.jsonl*")) if corpus.is_dir() else [corpus]
    ingest(files, db, workers=workers, settings=Settings())
    with EventStore(db, read_only=True) as store:
        return store.counts()["mentions"]


BATCH = 64


def stage_times(articles: list[Article], db: Path) -> dict[str, float]:
    from dyads.dictionaries.loader import load_dictionaries
    from dyads.nlp import load_model, sentences_of
    from dyads.prefilter import chunks, load_prefilter

    dictionaries, prefilter, nlp = load_dictionaries(), load_prefilter(), load_model(Settings().model)
    times = {}
    started = time.perf_counter()
    chosen = [[(m.start() + start, m.group()[start:end].rstrip()) for m in PARAGRAPH_RE.finditer(a.text)
               for start, end, keep in chunks(prefilter, m.group()) if keep]
              for a in articles]
    times["prefilter"] = time.perf_counter() - started
    started = time.perf_counter()
    docs = [list(nlp.pipe([text for _, text in paragraphs], batch_size=64)) for paragraphs in chosen]
    times["parse"] = time.perf_counter() - started
    parsed = [[s for (start, _), doc in zip(paragraphs, docs_of, strict=True)
               for s in sentences_of(doc, article.doc_id, start, 0)]
              for article, paragraphs, docs_of in zip(articles, chosen, docs, strict=True)]
    started = time.perf_counter()
    for article, sentences in zip(articles, parsed, strict=True):
        code_parsed(article, sentences, dictionaries, geocode=False)
    times["code (actors, events, dates, figures)"] = time.perf_counter() - started
    started = time.perf_counter()
    coded = [code_parsed(article, sentences, dictionaries) for article, sentences in zip(articles, parsed, strict=True)]
    times["code + places"] = time.perf_counter() - started
    times["places alone"] = times["code + places"] - times["code (actors, events, dates, figures)"]
    started = time.perf_counter()
    with EventStore(db) as store:
        for first in range(0, len(coded), BATCH):
            store.write_batch(coded[first:first + BATCH])
    times["write to DuckDB"] = time.perf_counter() - started
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    corpus = ensure_corpus(args.corpus, args.articles)
    articles, read_seconds = load_corpus(corpus, args.articles)
    sentences, tokens = count_units(articles)
    print(f"corpus {corpus.name}: {len(articles)} articles, ~{sentences} sentences, ~{tokens} tokens")
    # warm up: model, dictionaries and gazetteer loaded before timing, as a long run has them
    list(run_pipeline(articles[:2]))
    out = ROOT / "bench" / "out" / "dbs"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    print("runs (corpus files to DuckDB)")
    base, base_events = timed("baseline (full parse, 1 process)",
                              lambda: baseline_run(corpus, args.articles, out / "baseline.duckdb"))
    fast1, fast1_events = timed("dyads ingest, 1 worker",
                                lambda: ingest_run(corpus, args.articles, out / "fast1.duckdb", 1))
    fast, fast_events = timed(f"dyads ingest, {args.workers} workers",
                              lambda: ingest_run(corpus, args.articles, out / "fast.duckdb", args.workers))
    print("\nthroughput            articles/s  sentences/s    tokens/s")
    for label, seconds in (("baseline", base), ("ingest 1 worker", fast1), (f"ingest {args.workers} workers", fast)):
        print(f"  {label:<20}{len(articles) / seconds:10.1f}{sentences / seconds:13.1f}{tokens / seconds:12.0f}")
    print(f"\nspeed-up fast / baseline: {base / fast:.2f}x   (prefilter, 1 worker: {base / fast1:.2f}x)")
    print(f"event mentions: baseline {base_events}, 1 worker {fast1_events}, {args.workers} workers {fast_events}")
    print("\nstages (prefilter, 1 process):")
    print(f"  read + clean{'':<27}{read_seconds:8.2f} s")
    stages = stage_times(articles, out / "stages.duckdb")
    for stage, seconds in stages.items():
        print(f"  {stage:<39}{seconds:8.2f} s")
    coding = sum(v for k, v in stages.items() if k not in ("code + places", "places alone"))
    print(f"  places add {100 * stages['places alone'] / (coding + read_seconds):.1f}% to the one-process coding time")
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"\npeak RSS: main process {own:.0f} MiB, largest worker {children:.0f} MiB")
    summary = {"articles": len(articles), "sentences": sentences, "baseline_s": base, "fast_s": fast,
               "ratio": base / fast, "peak_rss_main_mib": own, "peak_rss_worker_mib": children,
               "stages_s": stages}
    (ROOT / "bench" / "out").mkdir(parents=True, exist_ok=True)
    (ROOT / "bench" / "out" / "throughput.json").write_text(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
