"""End-to-end coding throughput: the fast path against the straightforward baseline.

    python bench/throughput.py [--corpus corpus.jsonl.gz] [--articles 1000] [--workers 2] [--repeat 2]

Both runs happen in this process, on the same articles, each from the corpus files to a fresh
DuckDB database, REPEAT times in turn (the fastest of each counts: this VM's speed drifts by
15-20% between runs of the same code), and the script prints their ratio:
- baseline: a fresh process (started, model loaded, as `dyads ingest` starts its workers
  within the timing) that reads, puts every paragraph through the full spaCy pipeline (no
  prefilter, every component) and writes each batch to DuckDB;
- fast: `dyads ingest` itself: read, prefilter, batching across articles, `--workers` processes,
  write to DuckDB.
It also prints the time of each stage of the fast path (read+clean, prefilter, parse without
entities, probe, entities where needed, code, places, write) run one after the other in one
process, the peak resident memory of this process and of its workers, and the rate on the
two real sample articles (25 copies each) in one warm process, baseline settings against fast.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import resource
import shutil
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dyads.api import coder_for  # noqa: E402
from dyads.coder import ENTITY_BATCH_FACTOR, PARAGRAPH_RE, code_parsed, probe  # noqa: E402
from dyads.corpus.ingest import ingest  # noqa: E402
from dyads.corpus.read import read_path  # noqa: E402
from dyads.corpus.store import EventStore  # noqa: E402
from dyads.model import Article  # noqa: E402
from dyads.settings import Settings  # noqa: E402


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
    """The straightforward path in a fresh process, as `dyads ingest` starts fresh workers:
    start, load the model, read, parse everything in one process, write."""
    context = multiprocessing.get_context("spawn")
    with context.Pool(1) as pool:
        return pool.apply(baseline_code, (corpus, limit, db))


def baseline_code(corpus: Path, limit: int, db: Path) -> int:
    articles, _ = load_corpus(corpus, limit)
    with EventStore(db, read_only=False) as store:
        batch: list = []
        for coded in coder_for(Settings.without_fast_path()).code(articles):
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


def numbered(passages: list[list]) -> list:
    """An article's parsed sentences numbered in order (skipped ones are not counted here:
    only the stage timing uses this)."""
    return [replace(s, index=i) for i, s in enumerate(s for passage in passages for s in passage)]


def stage_times(articles: list[Article], db: Path) -> dict[str, float]:
    """The fast path's stages, one after the other over all articles in one process: the
    pipeline interleaves them, so this is the only way to time each on its own."""
    from dyads.coding.nlp import add_sentence_entities, sentences_of, with_entities
    from dyads.coding.prefilter import chunks

    coder = coder_for()
    knowledge, prefilter, nlp = coder.knowledge, coder.knowledge.prefilter, coder.nlp
    times = {}
    started = time.perf_counter()
    chosen = [[(m.start() + start, m.group()[start:end].rstrip()) for m in PARAGRAPH_RE.finditer(a.text)
               for start, end, keep in chunks(prefilter, m.group()) if keep]
              for a in articles]
    times["prefilter"] = time.perf_counter() - started
    started = time.perf_counter()
    docs = [list(nlp.pipe([text for _, text in passages], batch_size=64, disable=["ner"])) for passages in chosen]
    parsed = [[sentences_of(doc, article.doc_id, start, 0) for (start, _), doc in zip(passages, docs_of, strict=True)]
              for article, passages, docs_of in zip(articles, chosen, docs, strict=True)]
    flat = [numbered(passages) for passages in parsed]
    times["parse (no entities)"] = time.perf_counter() - started
    started = time.perf_counter()
    probes = [probe(article, sentences, knowledge) for article, sentences in zip(articles, flat, strict=True)]
    times["probe (actors, events, figures)"] = time.perf_counter() - started
    started = time.perf_counter()
    wanted = []  # (article, passage, positions of its coded sentences)
    for n, (passages, probed) in enumerate(zip(parsed, probes, strict=True)):
        first = [sum(len(p) for p in passages[:k]) for k in range(len(passages))]
        wanted += [(n, k, positions) for k, passage in enumerate(passages)
                   if (positions := [c - first[k] for c in probed.coded if first[k] <= c < first[k] + len(passage)])]
    add_sentence_entities(nlp, [(docs[n][k], positions) for n, k, positions in wanted],
                          ENTITY_BATCH_FACTOR * Settings().batch_size)
    sentences = sum(map(len, flat))
    times[f"entities ({sum(len(p) for *_, p in wanted)} of {sentences} sentences)"] = time.perf_counter() - started
    for n, k, _ in wanted:
        parsed[n][k] = with_entities(docs[n][k], parsed[n][k])
    flat = [numbered(passages) for passages in parsed]
    started = time.perf_counter()
    for article, sentences, probed in zip(articles, flat, probes, strict=True):
        code_parsed(article, sentences, knowledge, geocode=False, probed=probed)
    times["code (events, dates, figures)"] = time.perf_counter() - started
    started = time.perf_counter()
    coded = [code_parsed(article, sentences, knowledge, probed=probed)
             for article, sentences, probed in zip(articles, flat, probes, strict=True)]
    times["code + places"] = time.perf_counter() - started
    times["places alone"] = times["code + places"] - times["code (events, dates, figures)"]
    started = time.perf_counter()
    with EventStore(db, read_only=False) as store:
        for first in range(0, len(coded), BATCH):
            store.write_batch(coded[first:first + BATCH])
    times["write to DuckDB"] = time.perf_counter() - started
    return times


SAMPLES = (("presstv_iran_russia_vienna_talks.txt", "2015-12-02"),
           ("presstv_iran_russia_syria_truce_page.txt", "2016-03-26"))


def samples_rates(copies: int = 25) -> dict[str, float]:
    """The two real sample articles, `copies` times each, coded in this (warm) process by the
    baseline's settings and by the fast path's: sentences per second of one process."""
    from datetime import date

    from dyads.corpus.read import make_article

    articles = [make_article((ROOT / "examples" / name).read_text(encoding="utf-8"), origin=name,
                             article_date=date.fromisoformat(day)) for name, day in SAMPLES] * copies
    sentences, _ = count_units(articles)
    rates = {}
    for label, settings in (("baseline", Settings.without_fast_path()), ("fast path", Settings())):
        list(coder_for(settings).code(articles[:2]))  # model loaded, tables warm
        started = time.perf_counter()
        events = sum(len(coded.events) for coded in coder_for(settings).code(articles))
        rates[label] = sentences / (time.perf_counter() - started)
        print(f"  {label:<12}{rates[label]:8.1f} sentences/s   events {events}")
    return rates


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=2,
                        help="runs of each setup, alternating; the fastest counts (this VM's speed drifts)")
    args = parser.parse_args()
    corpus = ensure_corpus(args.corpus, args.articles)
    articles, read_seconds = load_corpus(corpus, args.articles)
    sentences, tokens = count_units(articles)
    print(f"corpus {corpus.name}: {len(articles)} articles, ~{sentences} sentences, ~{tokens} tokens")
    # warm up: model, dictionaries and gazetteer loaded before timing, as a long run has them
    list(coder_for().code(articles[:2]))
    out = ROOT / "bench" / "out" / "dbs"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    print(f"runs (corpus files to DuckDB), {args.repeat} of each in turn, the fastest counts")
    runs: dict[str, list[tuple[float, int]]] = {"base": [], "fast1": [], "fast": []}
    for attempt in range(args.repeat):
        for name, label, run in (
                ("base", "baseline (full parse, 1 fresh process)", lambda a: baseline_run(corpus, args.articles, a)),
                ("fast1", "dyads ingest, 1 worker", lambda a: ingest_run(corpus, args.articles, a, 1)),
                ("fast", f"dyads ingest, {args.workers} workers",
                 lambda a: ingest_run(corpus, args.articles, a, args.workers))):
            db = out / f"{name}-{attempt}.duckdb"
            runs[name].append(timed(label, lambda run=run, db=db: run(db)))
    (base, base_events), (fast1, fast1_events), (fast, fast_events) = (min(runs[n]) for n in ("base", "fast1", "fast"))
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
    print("\nthe two real samples, 25 copies each, one warm process:")
    rates = samples_rates()
    print(f"  fast / baseline: {rates['fast path'] / rates['baseline']:.2f}x")
    summary = {"articles": len(articles), "sentences": sentences, "baseline_s": base, "fast_s": fast,
               "ratio": base / fast, "peak_rss_main_mib": own, "peak_rss_worker_mib": children,
               "stages_s": stages, "samples_sentences_per_s": rates}
    (ROOT / "bench" / "out").mkdir(parents=True, exist_ok=True)
    (ROOT / "bench" / "out" / "throughput.json").write_text(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
