"""The library facade: what scripts import. Keep these signatures stable."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date as Date

from dyads.dates import parse_iso_date
from dyads.errors import InputError
from dyads.ingest import make_article
from dyads.model import Article, Event
from dyads.pipeline import CodedArticle, run_pipeline
from dyads.settings import Settings


def code(text: str, date: str | Date | None = None, *, doc_id: str | None = None,
         settings: Settings | None = None) -> list[Event]:
    """Code one article (or sentence) and return its events.

    `date` is the article's publication date, an ISO string or a `datetime.date`; relative
    dates in the text ("on Tuesday") are resolved against it. Without it, events keep an
    empty date unless the text carries a dateline.
    """
    if not isinstance(text, str):
        raise InputError(f"code() takes text (str), not {type(text).__name__}")
    settings = settings or Settings()
    article = make_article(text, origin="<text>", article_date=parse_iso_date(date),
                           doc_id=doc_id, settings=settings)
    return list(next(run_pipeline([article], settings)).events)


def code_articles(articles: Iterable[Article], settings: Settings | None = None) -> Iterator[CodedArticle]:
    """Code many articles, batched through the language model; yields in input order."""
    return run_pipeline(articles, settings or Settings())
