"""Both cores: code articles in a pool of worker processes, each loading the model once.

Articles go to workers in chunks and come back in input order. Workers return events and
figures only (not the parsed sentences), which keeps what crosses process boundaries small.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
from collections.abc import Iterable, Iterator
from dataclasses import replace

from dyads.model import Article
from dyads.pipeline import CodedArticle, run_pipeline
from dyads.settings import Settings

CHUNK_ARTICLES = 16  # per task: large enough to fill spaCy batches, small enough to balance
# Below this many articles, starting workers (2-3 s each, model load) costs more than it saves.
MIN_ARTICLES_FOR_WORKERS = 2 * CHUNK_ARTICLES

_worker_settings: Settings | None = None


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def _init_worker(settings: Settings) -> None:
    global _worker_settings
    _worker_settings = settings
    from dyads.dictionaries.loader import load_dictionaries
    from dyads.nlp import load_model

    load_model(settings.model, settings.fast_spacy)  # once per worker process
    load_dictionaries(str(settings.data_dir) if settings.data_dir else None)


def _code_chunk(articles: list[Article]) -> list[CodedArticle]:
    assert _worker_settings is not None
    return [replace(coded, sentences=()) for coded in run_pipeline(articles, _worker_settings)]


def code_in_workers(articles: Iterable[Article], settings: Settings | None = None,
                    workers: int | None = None) -> Iterator[CodedArticle]:
    """Like `run_pipeline`, spread over `workers` processes (default: the number of cores)."""
    settings = settings or Settings()
    workers = workers or default_workers()
    stream = iter(articles)
    head = list(itertools.islice(stream, MIN_ARTICLES_FOR_WORKERS))
    if workers <= 1 or len(head) < MIN_ARTICLES_FOR_WORKERS:
        yield from run_pipeline(itertools.chain(head, stream), settings)
        return
    chunks = _chunks(itertools.chain(head, stream), CHUNK_ARTICLES)
    # one BLAS thread per worker: the workers themselves use the cores
    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers, initializer=_init_worker, initargs=(settings,)) as pool:
        for coded_chunk in pool.imap(_code_chunk, chunks):
            yield from coded_chunk


def _chunks(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk
