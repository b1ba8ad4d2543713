"""Both cores: coding in worker processes, one start-up shared by `dyads code`, `dyads ingest`
and the Spark executors.

A worker process builds one `Coder` (model and knowledge, the knowledge from the build cache)
and keeps it for every batch it is sent. A batch that crashes the coder is coded again article by
article, so one bad article fails alone (`code_isolated`). Batches are sent a few at a time per
worker and come back in input order, so read-ahead stays bounded whatever the corpus size.
Workers return events and figures only (not the parsed sentences): what crosses process
boundaries stays small.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING, TypeVar

from dyads.errors import DictionaryError, LimitError
from dyads.model import Article, CodedArticle, Failure
from dyads.settings import Settings

if TYPE_CHECKING:
    from multiprocessing.pool import AsyncResult
    from multiprocessing.sharedctypes import Synchronized

    from dyads.coder import Coder

log = logging.getLogger(__name__)

T = TypeVar("T")
IN_FLIGHT_PER_WORKER = 2  # batches queued per worker: keeps workers busy, bounds memory
PARENT_POLL_SECONDS = 1.0

# This process's Coder, when it is a worker (or a Spark executor's Python process, which Spark
# reuses between tasks): built once by `worker_coder`, the only coder a worker holds.
_worker: tuple[Settings, Coder] | None = None
# What `code_isolated` calls as each article is coded, when someone shows progress: in a worker,
# adding one to the count it shares with the parent (`start_worker`); in a one-process run, the
# caller's callback (`code_batches`). None otherwise.
_on_article: Callable[[], None] | None = None
PROGRESS_POLL_SECONDS = 0.2  # how often the parent reads the workers' count while it waits
# The cyclic garbage collector in a worker: a collection every 2,000 new container objects, not
# 700, and the older generations a tenth as often. Coding makes and drops millions of small
# objects, nearly all freed by their reference counts, and each collection walks what is left:
# at Python's defaults a worker spent 1.7-1.8 CPU seconds collecting for every 34 s of coding
# (500 articles), at these 0.9-1.0 s, with the same peak memory (bench corpus, two workers).
WORKER_GC_THRESHOLDS = (2000, 100, 100)


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def worker_coder(settings: Settings) -> Coder:
    """This process's Coder for these settings, built at the first call."""
    global _worker
    if _worker is None or _worker[0] != settings:
        # here, not at the top: the process that starts the workers (an ingest's main process)
        # needs no spaCy, whose import is a CPU second the workers' cores would share
        from dyads.coder import Coder

        _worker = (settings, Coder.load(settings))
    return _worker[1]


def start_worker(settings: Settings, parent: int | None, coded: Synchronized | None = None) -> None:
    """A pool worker's start: build its Coder; collect garbage less often
    (`WORKER_GC_THRESHOLDS`); exit if the parent dies (a killed run must not leave workers
    behind); count the articles it codes in `coded`, when given."""
    global _on_article
    _on_article = partial(_count_one, coded) if coded is not None else None
    worker_coder(settings)
    gc.set_threshold(*WORKER_GC_THRESHOLDS)
    if parent is not None:
        threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()


def _exit_with_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_POLL_SECONDS)
    os._exit(1)


def _count_one(coded: Synchronized) -> None:
    with coded.get_lock():
        coded.value += 1


def counted(coded: Iterable[CodedArticle]) -> Iterator[CodedArticle]:
    """The coded articles, each reported (`_on_article`) as it comes out of the coder."""
    for item in coded:
        if _on_article is not None:
            _on_article()
        yield item


def code_isolated(articles: list[Article], coder: Coder) -> tuple[list[CodedArticle], list[Failure]]:
    """Code a batch, its parsed sentences left out; if it fails or goes over its time budget
    (`budget_of`), code its articles one by one so one bad article fails alone. Dictionary
    errors are the installation's fault, not the article's: they stop the run. The limits an
    article went over come back among the failures."""
    settings = coder.settings

    def code(batch: list[Article]) -> list[CodedArticle]:
        with time_budget(budget_of(batch, settings), batch):
            return [replace(item, sentences=()) for item in counted(coder.code(batch))]

    try:
        return with_breaches(code(articles))
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
        except LimitError as err:
            failures.append(Failure(article.origin, str(err).removeprefix(f"[{err.code}] "), "code", err.code))
        except Exception as err:  # noqa: BLE001
            failures.append(Failure(article.origin, f"cannot be coded ({type(err).__name__}: {err})", "code"))
    done, breaches = with_breaches(coded)
    return done, breaches + failures


def with_breaches(coded: list[CodedArticle]) -> tuple[list[CodedArticle], list[Failure]]:
    return coded, [failure for item in coded for failure in item.breaches]


def budget_of(articles: list[Article], settings: Settings) -> float:
    """CPU seconds for coding `articles`: `max_article_seconds` for each `max_article_chars` of
    their text (what is over an article's limit is not coded), and never less than for one
    article. By length, not by count: a batch of short articles gets one article's budget, so
    a runaway among them is stopped as soon as one alone would be."""
    chars = sum(min(len(article.text), settings.max_article_chars) for article in articles)
    return settings.max_article_seconds * max(1.0, chars / settings.max_article_chars)


class OverTimeBudget(LimitError):
    """Raised in the coding thread when its time budget is spent."""


@contextmanager
def time_budget(seconds: float, articles: list[Article]) -> Iterator[None]:
    """Stop the code inside after `seconds` of this process's CPU time (`OverTimeBudget`): CPU
    time, so that a busy machine does not fail articles a quiet one codes. A timer signal: in a
    process's main thread only (a worker's, a Spark task's, the CLI's), elsewhere no budget.
    The signal lands between Python steps: a long step in spaCy's compiled code ends first
    (the length limits keep those short)."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return
    finished = False

    def expire(signum: int, frame: object) -> None:
        if not finished:
            what = "coding" if len(articles) == 1 else f"a batch of {len(articles)} articles"
            raise OverTimeBudget(f"{what} took over {seconds:,.0f} CPU seconds (max_article_seconds)")

    previous = signal.signal(signal.SIGPROF, expire)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
        finished = True
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


def _code_in_worker(articles: list[Article], settings: Settings) -> tuple[list[CodedArticle], list[Failure]]:
    return code_isolated(articles, worker_coder(settings))


def code_batches(batches: Iterable[T], articles_of: Callable[[T], list[Article]], settings: Settings,
                 workers: int, on_coded: Callable[[int], None] | None = None
                 ) -> Iterator[tuple[T, list[CodedArticle], list[Failure]]]:
    """Each batch with its coded articles and failures, in input order, `workers` processes at a
    time (in this process for one). `on_coded(n)` is told of articles as they are coded, before
    their batch comes back (for a progress bar: the coder gives them out a few at a time); an
    article coded again after its batch crashed is told twice."""
    global _on_article
    if workers <= 1:
        coder = None  # built at the first article: a run (a watch cycle) with none loads no model
        _on_article = partial(on_coded, 1) if on_coded else None
        try:
            for batch in batches:
                articles = articles_of(batch)
                if not articles:
                    yield batch, [], []
                    continue
                coder = coder or worker_coder(settings)
                yield batch, *code_isolated(articles, coder)
        finally:
            _on_article = None
        return
    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")  # one BLAS thread per worker: the workers use the cores
    context = multiprocessing.get_context("spawn")
    coded = context.Value("q", 0) if on_coded else None
    told = 0

    def result_of(result: AsyncResult) -> tuple[list[CodedArticle], list[Failure]]:
        """The batch's result; meanwhile, what the workers have coded, as they code it."""
        nonlocal told
        while True:
            result.wait(PROGRESS_POLL_SECONDS)
            finished = result.ready()
            if coded is not None and on_coded is not None and coded.value > told:
                on_coded(coded.value - told)
                told = coded.value
            if finished:
                return result.get()

    with context.Pool(workers, initializer=start_worker, initargs=(settings, os.getpid(), coded)) as pool:
        # apply_async with a bounded window, not imap: imap would read the whole input ahead.
        window: deque = deque()
        limit = workers * IN_FLIGHT_PER_WORKER
        for batch in batches:
            window.append((batch, pool.apply_async(_code_in_worker, (articles_of(batch), settings))))
            while len(window) >= limit:
                done, result = window.popleft()
                yield done, *result_of(result)
        while window:
            done, result = window.popleft()
            yield done, *result_of(result)
