"""The library facade: what scripts import. Keep these signatures stable.

`code()`, `code_articles()` and `explain()` use one `Coder` per `Settings`, built at the first call
and kept for the next ones: a script calling `dyads.code(text)` in a loop loads the model and the
dictionaries once. A program that wants its own (other knowledge, a known life time) builds a
`dyads.coder.Coder` and calls it; nothing else in dyads keeps one.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date as Date

from dyads.coder import Coder
from dyads.coding.dates import parse_iso_date
from dyads.coding.explain import SentenceExplanation
from dyads.corpus.read import make_article
from dyads.errors import InputError
from dyads.model import Article, CodedArticle, Event
from dyads.settings import Settings

_coders: dict[Settings, Coder] = {}


def coder_for(settings: Settings | None = None) -> Coder:
    """The facade's Coder of these settings (built at the first call)."""
    settings = settings or Settings()
    if settings not in _coders:
        _coders[settings] = Coder.load(settings)
    return _coders[settings]


def code(text: str, date: str | Date | None = None, *, doc_id: str | None = None,
         settings: Settings | None = None) -> list[Event]:
    """Code one article (or sentence) and return its events.

    `date` is the article's publication date, an ISO string or a `datetime.date`; relative
    dates in the text ("on Tuesday") are resolved against it. Without it, events keep an
    empty date unless the text carries a dateline.
    """
    article = _article(text, date, doc_id, settings or Settings(), "<text>")
    return list(next(coder_for(settings).code([article])).events)


def code_articles(articles: Iterable[Article], settings: Settings | None = None) -> Iterator[CodedArticle]:
    """Code many articles, batched through the language model; yields in input order."""
    return coder_for(settings).code(articles)


def explain(text: str, date: str | Date | None = None, settings: Settings | None = None
            ) -> list[SentenceExplanation]:
    """Why each sentence of `text` gave the events it gave: the actors with their dictionary
    lines, the pattern that fired or the reason none did, the final events (placed, dated)."""
    article = _article(text, date, None, settings or Settings(), "<explain>")
    return list(next(coder_for(settings).code([article], trace=True)).explanation)


def _article(text: str, date: str | Date | None, doc_id: str | None, settings: Settings, origin: str) -> Article:
    if not isinstance(text, str):
        raise InputError(f"code() takes text (str), not {type(text).__name__}")
    return make_article(text, origin=origin, article_date=parse_iso_date(date), doc_id=doc_id, settings=settings)
