"""`ingest()`: a corpus of files into the event database, resumable and idempotent.

The stages, in the main process unless noted:
  1. expand the paths (files, folders recursively, globs) into a sorted list of files;
  2. read each file into articles (`dyads.corpus.read.read_path`); unreadable inputs become
     failures, the run goes on;
  3. drop articles whose content hash is already stored or already seen in this run;
  4. code batches of articles in worker processes (dyads.workers: each builds one Coder);
  5. write each coded batch in one transaction (`EventStore.write_batch`), in input order.

A batch is either fully committed or absent, and ids are content hashes: a run killed at any
moment and started again skips what was committed and codes the rest, ending with exactly the
tables of an uninterrupted run.
"""

from __future__ import annotations

import glob
import gzip
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from dyads.corpus.read import content_hash, read_path
from dyads.errors import DyadsError, InputError
from dyads.model import Article, CodedArticle, Failure
from dyads.settings import WRITE_ARTICLES, Settings
from dyads.workers import code_batches, default_workers

if TYPE_CHECKING:
    from dyads.corpus.store import EventStore

log = logging.getLogger(__name__)

SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".jsonl.gz")
# Articles per worker task: 16 fill spaCy batches and are small enough to balance two workers
# and are small enough that the workers end together. Writes group them (WRITE_ARTICLES).
BATCH_ARTICLES = 16


@dataclass
class IngestReport:
    files: int = 0
    articles: int = 0  # articles read (stored + skipped)
    stored: int = 0
    skipped: int = 0  # already in the database, or a duplicate text earlier in this run
    mentions: int = 0
    failures: list[Failure] = field(default_factory=list)


ProgressCallback = Callable[[int], None]  # called with the number of inputs just coded (or skipped)


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


# 5. the run ---------------------------------------------------------------------------------

def _articles_of(batch: _Batch) -> list[Article]:
    return batch.articles


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
    from dyads.corpus.store import EventStore  # here: workers import this module, and need no database

    workers = workers or default_workers()
    report = IngestReport()
    with EventStore(db, read_only=False) as store:
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
            waiting.clear()

        # progress: each article as the workers code it; a batch's other inputs (skipped,
        # unreadable, crashed) when it comes back; not as batches are written
        for done in code_batches(batches, _articles_of, settings, workers, on_coded=progress):
            waiting.append(done)
            if progress and done[0].inputs > len(done[1]):
                progress(done[0].inputs - len(done[1]))
            if sum(len(items) for _, items, _ in waiting) >= write_articles:
                commit()
        if waiting:
            commit()
    return report
