"""`ingest()`: a corpus of files into the event database, resumable and idempotent.

The stages, in the main process unless noted:
  1. expand the paths (files, folders recursively, globs) into a sorted list of files;
  2. read each file into articles (`dyads.ingest.read_path`); unreadable inputs become
     failures, the run goes on;
  3. drop articles whose content hash is already stored or already seen in this run;
  4. code batches of articles in worker processes (each loads the model once);
  5. write each coded batch in one transaction (`EventStore.write_batch`), in input order.

A batch is either fully committed or absent, and ids are content hashes: a run killed at any
moment and started again skips what was committed and codes the rest, ending with exactly the
tables of an uninterrupted run.
"""

from __future__ import annotations

import glob
import gzip
import logging
import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from dyads.errors import DictionaryError, DyadsError, InputError
from dyads.ingest import content_hash, read_path
from dyads.model import Article, Failure
from dyads.parallel import default_workers
from dyads.pipeline import CodedArticle, run_pipeline
from dyads.settings import WRITE_ARTICLES, Settings

if TYPE_CHECKING:
    from dyads.store import EventStore

log = logging.getLogger(__name__)

SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".jsonl.gz")
# Articles per worker task: 16 fill spaCy batches (parallel.py measured the same chunk size)
# and are small enough that the workers end together. Writes group them (WRITE_ARTICLES).
BATCH_ARTICLES = 16
IN_FLIGHT_PER_WORKER = 2  # batches queued per worker: keeps workers busy, bounds memory
PARENT_POLL_SECONDS = 1.0


@dataclass
class IngestReport:
    files: int = 0
    articles: int = 0  # articles read (stored + skipped)
    stored: int = 0
    skipped: int = 0  # already in the database, or a duplicate text earlier in this run
    mentions: int = 0
    failures: list[Failure] = field(default_factory=list)


ProgressCallback = Callable[[int], None]  # called with the number of inputs just finished


# 1. paths ------------------------------------------------------------------------------------

def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given, folders searched recursively for supported files, globs expanded.
    A path that matches nothing is kept, so that reading it records a failure."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file() and _supported(p))
        elif not path.exists() and glob.has_magic(str(raw)):
            matches = sorted(Path(m) for m in glob.glob(str(raw), recursive=True))
            found += [m for m in matches if m.is_file()] or [path]
        else:
            found.append(path)
    return list(dict.fromkeys(found))


def _supported(path: Path) -> bool:
    return path.name.lower().endswith(SUFFIXES)


def count_inputs(files: Sequence[Path]) -> int:
    """How many inputs (articles or bad lines) the files hold: the progress bar's total.
    JSONL is counted by non-empty lines; an unreadable file counts as one."""
    total = 0
    for path in files:
        name = path.name.lower()
        if not name.endswith((".jsonl", ".jsonl.gz")):
            total += 1
            continue
        try:
            opener = gzip.open if name.endswith(".gz") else open
            with opener(path, "rb") as handle:
                total += max(1, sum(1 for line in handle if line.strip()))
        except (OSError, EOFError):
            total += 1
    return total


# 2-3. reading and skipping ------------------------------------------------------------------

def failure_of(error: DyadsError, path: Path | str, stage: str) -> Failure:
    """Split "[E001] file.jsonl:3: invalid JSON" into origin and reason."""
    text = str(error).removeprefix(f"[{error.code}] ")
    origin, reason = str(path), text
    if text.startswith(str(path)):
        head, sep, tail = text.partition(": ")
        if sep:
            origin, reason = head, tail
    return Failure(origin, reason, stage, error.code)


@dataclass
class _Batch:
    articles: list[Article]
    failures: list[Failure]
    inputs: int  # inputs this batch accounts for, for progress (articles, skips, failures)


def _batches(files: Sequence[Path], store: EventStore, settings: Settings, default_date: date | None,
             report: IngestReport, size: int) -> Iterator[_Batch]:
    seen: set[str] = set()
    pending: list[tuple[str, Article]] = []
    failures: list[Failure] = []
    inputs = 0

    def flush() -> _Batch:
        nonlocal pending, failures, inputs
        stored = store.stored_hashes([digest for digest, _ in pending])
        fresh = [article for digest, article in pending if digest not in stored]
        report.skipped += len(pending) - len(fresh)
        batch = _Batch(fresh, failures, inputs)
        pending, failures, inputs = [], [], 0
        return batch

    for path in files:
        report.files += 1
        for item in read_path(path, default_date, settings):
            inputs += 1
            if isinstance(item, InputError):
                failures.append(failure_of(item, path, "read"))
                report.failures.append(failures[-1])
                continue
            report.articles += 1
            digest = content_hash(item.text)
            if digest in seen:
                report.skipped += 1
                continue
            seen.add(digest)
            pending.append((digest, item))
            if len(pending) >= size:
                yield flush()
    if pending or failures or inputs:
        yield flush()


# 4. coding in workers -----------------------------------------------------------------------

_worker_settings: Settings | None = None


def _init_worker(settings: Settings, parent: int | None) -> None:
    """Load the model and dictionaries once per process; exit if the parent dies (a killed
    ingest must not leave workers behind)."""
    global _worker_settings
    _worker_settings = settings
    from dyads.dictionaries.loader import load_dictionaries
    from dyads.nlp import load_model

    load_model(settings.model, settings.fast_spacy)
    load_dictionaries(str(settings.data_dir) if settings.data_dir else None)
    if parent is not None:
        threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()


def _exit_with_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_POLL_SECONDS)
    os._exit(1)


def code_batch(articles: list[Article]) -> tuple[list[CodedArticle], list[Failure]]:
    """Code a batch in this worker (see code_isolated)."""
    assert _worker_settings is not None, "call _init_worker first"
    return code_isolated(articles, _code)


def code_isolated(articles: list[Article], code: Callable[[list[Article]], list[CodedArticle]]
                  ) -> tuple[list[CodedArticle], list[Failure]]:
    """Code a batch; if it fails, code its articles one by one so one bad article fails alone.
    Dictionary errors are the installation's fault, not the article's: they stop the run.
    Shared by `dyads ingest` and the Spark job."""
    try:
        return code(articles), []
    except DictionaryError:
        raise
    except Exception:  # noqa: BLE001 - any coder crash is isolated to its article below
        log.warning("a batch failed; coding its %d articles one by one", len(articles))
    coded, failures = [], []
    for article in articles:
        try:
            coded += code([article])
        except DictionaryError:
            raise
        except Exception as err:  # noqa: BLE001
            failures.append(Failure(article.origin, f"cannot be coded ({type(err).__name__}: {err})", "code"))
    return coded, failures


def _code(articles: list[Article]) -> list[CodedArticle]:
    # Sentences stay in the worker: only articles, events and figures cross the process boundary.
    return [replace(item, sentences=()) for item in run_pipeline(articles, _worker_settings)]


def _coded_batches(batches: Iterator[_Batch], settings: Settings, workers: int
                   ) -> Iterator[tuple[_Batch, list[CodedArticle], list[Failure]]]:
    """Code batches in input order, `workers` processes at a time (in-process for one)."""
    if workers <= 1:
        _init_worker(settings, None)
        for batch in batches:
            yield batch, *code_batch(batch.articles)
        return
    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")  # one BLAS thread per worker: the workers use the cores
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers, initializer=_init_worker, initargs=(settings, os.getpid())) as pool:
        # apply_async with a bounded window, not imap: imap would read the whole corpus ahead.
        window: deque = deque()
        limit = workers * IN_FLIGHT_PER_WORKER
        for batch in batches:
            window.append((batch, pool.apply_async(code_batch, (batch.articles,))))
            while len(window) >= limit:
                done, result = window.popleft()
                yield done, *result.get()
        while window:
            done, result = window.popleft()
            yield done, *result.get()


# 5. the run ---------------------------------------------------------------------------------

def ingest(paths: Iterable[str | Path], db: str | Path, *, workers: int | None = None,
           settings: Settings | None = None, default_date: date | None = None,
           progress: ProgressCallback | None = None, batch_articles: int = BATCH_ARTICLES,
           files: Sequence[Path] | None = None, write_articles: int = WRITE_ARTICLES) -> IngestReport:
    """Read, code and store every article under `paths` into the database `db`.

    Returns what was done; failures are in the report and in the `failures` table. Raises
    StoreError when the database is locked by another ingest or cannot be written. `files`
    passes an already expanded path list (the CLI expands once to count inputs). Coded
    batches are written together once they hold `write_articles` articles.
    """
    settings = settings or Settings()
    files = list(files) if files is not None else expand_paths(paths)
    from dyads.store import EventStore  # here: workers import this module, and need no database

    workers = workers or default_workers()
    report = IngestReport()
    with EventStore(db) as store:
        batches = _batches(files, store, settings, default_date, report, batch_articles)
        waiting: list[tuple[_Batch, list[CodedArticle], list[Failure]]] = []  # coded, not yet written

        def commit() -> None:
            coded = [item for _, items, _ in waiting for item in items]
            code_failures = [failure for _, _, failures in waiting for failure in failures]
            # each batch's read failures, then its coding failures, in input order
            store.write_batch(coded, [failure for batch, _, failures in waiting
                                      for failure in (*batch.failures, *failures)])
            report.stored += len(coded)
            report.mentions += sum(len(item.events) for item in coded)
            report.failures += code_failures
            log.info("committed %d articles: %d stored, %d skipped, %d failed so far",
                     len(coded), report.stored, report.skipped, len(report.failures))
            if progress:
                progress(sum(batch.inputs for batch, _, _ in waiting))
            waiting.clear()

        for done in _coded_batches(batches, settings, workers):
            waiting.append(done)
            if sum(len(items) for _, items, _ in waiting) >= write_articles:
                commit()
        if waiting:
            commit()
    return report
