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
import logging
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from dyads.corpus.read import content_hash, count_records, leads_back, read_path
from dyads.errors import DyadsError, FetchError, InputError
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
# DuckDB's threads while `ingest` writes: one, not one per core. The workers hold the cores,
# and a batch's inserts and its events' rebuild are small queries that more threads only
# coordinate: writing the bench corpus' 963 coded articles twice took 2.7-2.8 CPU seconds
# with one, 3.3 with two.
WRITER_THREADS = 1


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
    """Files as given, folders searched recursively for supported files, globs expanded; each
    file once, by its resolved path (`resolved`), so that a run names a file the same way
    however it was typed. A path that matches nothing, and whatever in a folder cannot be listed
    or followed (an unreadable folder, a broken or looping link), is kept, so that reading it
    records a failure that says why."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found += walk_folder(path)
        elif not path.exists() and glob.has_magic(str(raw)):
            matches = sorted(Path(m) for m in glob.glob(str(raw), recursive=True))
            for match in matches:
                if match.is_dir():
                    found += walk_folder(match)
                elif match.is_file() or (match.is_symlink() and not match.exists()):
                    found.append(resolved(match))
            if not matches:
                found.append(resolved(path))
        else:
            found.append(resolved(path))
    return list(dict.fromkeys(found))


def resolved(path: Path) -> Path:
    """The absolute path with every folder's links resolved. A link to a file keeps its own name:
    its suffix says how to read it, and a broken link has no target to name. "-" (standard input)
    stays itself."""
    if str(path) == "-":
        return path
    try:
        return path.parent.resolve() / path.name if path.is_symlink() else path.resolve()
    except (OSError, RuntimeError):  # a loop among the folders (RuntimeError before Python 3.13)
        return path.absolute()


def walk_folder(folder: Path) -> list[Path]:
    """The supported files under `folder`, sorted, following linked folders (each real folder
    once, its files named by where they really are), and the entries that cannot be listed or
    followed, for `read_path` to explain. Not `Path.rglob`: it passes over unreadable folders
    and broken links in silence."""
    found: list[Path] = []
    listed: set[Path] = set()

    def visit(directory: Path) -> None:
        real = directory.resolve()
        if real in listed:  # reached by another link: its files are in already
            return
        listed.add(real)
        try:
            with os.scandir(real) as listing:
                entries = list(listing)
        except OSError:
            found.append(directory)
            return
        for entry in entries:
            path = real / entry.name
            try:
                is_dir, is_file = entry.is_dir(), entry.is_file()
            except OSError:  # a loop of links
                is_dir = is_file = False
            if is_dir and entry.is_symlink() and leads_back(path):
                found.append(path)
            elif is_dir:
                visit(path)
            elif (is_file and _supported(path)) or (entry.is_symlink() and not os.path.exists(path)):
                found.append(path)  # a file to read, or a broken link whose read says so

    visit(resolved(folder))
    return sorted(found)


def _supported(path: Path) -> bool:
    return path.name.lower().endswith(SUFFIXES)


def count_inputs(files: Sequence[Path], settings: Settings | None = None) -> int:
    """How many inputs (articles or bad lines) the files hold: the progress bar's total.
    JSONL is counted by non-empty lines, within the reader's limits; an unreadable file counts
    as one."""
    settings = settings or Settings()
    return sum(count_records(path, settings) for path in files)


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


# An input: its origin (a file, a page's URL) and what reading it gave, read lazily.
Input = tuple[Path | str, Iterable[Article | InputError]]


def file_inputs(files: Sequence[Path], settings: Settings, default_date: date | None) -> Iterator[Input]:
    return ((path, read_path(path, default_date, settings)) for path in files)


def _batches(inputs: Iterable[Input], store: EventStore, report: IngestReport, size: int) -> Iterator[_Batch]:
    seen: set[str] = set()
    pending: list[tuple[str, Article]] = []
    failures: list[Failure] = []
    inputs_done = 0

    def flush() -> _Batch:
        nonlocal pending, failures, inputs_done
        stored = store.stored_hashes([digest for digest, _ in pending])
        fresh = [article for digest, article in pending if digest not in stored]
        report.skipped += len(pending) - len(fresh)
        batch = _Batch(fresh, failures, inputs_done)
        pending, failures, inputs_done = [], [], 0
        return batch

    for path, items in inputs:
        report.files += 1
        for item in items:
            inputs_done += 1
            if isinstance(item, InputError):
                failures.append(failure_of(item, path, "fetch" if isinstance(item, FetchError) else "read"))
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
    if pending or failures or inputs_done:
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
    # named by their resolved paths, so that failures are stored once however a path was typed
    files = [resolved(path) for path in files] if files is not None else expand_paths(paths)
    from dyads.corpus.store import EventStore  # here: workers import this module, and need no database

    with EventStore(db, read_only=False) as store:
        store.connection.execute(f"SET threads = {WRITER_THREADS}")
        return ingest_into(store, file_inputs(files, settings, default_date), workers=workers, settings=settings,
                           progress=progress, batch_articles=batch_articles, write_articles=write_articles)


def ingest_into(store: EventStore, inputs: Iterable[Input], *, workers: int | None = None,
                settings: Settings | None = None, progress: ProgressCallback | None = None,
                batch_articles: int = BATCH_ARTICLES, write_articles: int = WRITE_ARTICLES) -> IngestReport:
    """Stages 3-5 of `ingest` on inputs already read (or read lazily: files, fetched pages,
    standard input), into an open store: `dyads watch` codes each cycle's new inputs here."""
    settings = settings or Settings()
    workers = workers or default_workers()
    report = IngestReport()
    batches = _batches(inputs, store, report, batch_articles)
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
