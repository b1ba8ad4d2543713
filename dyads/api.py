"""The library facade: what scripts import. Keep these signatures stable.

`code()`, `code_articles()` and `explain()` use one `Coder` per `Settings`, built at the first call
and kept for the next ones: a script calling `dyads.code(text)` in a loop loads the model and the
dictionaries once. A program that wants its own (other knowledge, a known life time) builds a
`dyads.coder.Coder` and calls it; nothing else in dyads keeps one.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date as Date
from typing import TYPE_CHECKING

from dyads.coder import Coder
from dyads.coding.dates import parse_iso_date
from dyads.coding.explain import SentenceExplanation
from dyads.corpus.read import make_article
from dyads.errors import InputError
from dyads.model import Article, CodedArticle, Event
from dyads.settings import Settings

if TYPE_CHECKING:
    import pandas as pd

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


def to_frame(events: Iterable[Event | CodedArticle]) -> pd.DataFrame:
    """Events as a pandas DataFrame with flat columns, one row per event: the columns of
    `dyads.corpus.rows.EVENT_COLUMNS` (doc_id, date, source_code, source_name, code, root_code,
    quad_class, goldstein, target_code, ..., place_name, place_lat, place_lon, fatalities_low ...),
    as the CSV of `dyads code` has them. `date` is a datetime64 column (NaT without a date),
    integer columns are pandas' nullable Int64, `modifiers` is space-separated text. Takes events
    (`dyads.code(...)`) or coded articles (`dyads.code_articles(...)`: their events, in order).

        >>> frame = dyads.to_frame(dyads.code(text, date="2015-12-02"))
        >>> frame.groupby("root_code").size()
    """
    import pandas as pd

    from dyads.corpus.rows import EVENT_COLUMNS, event_row

    rows = []
    for item in events:
        for event in item.events if isinstance(item, CodedArticle) else (item,):
            if not isinstance(event, Event):
                raise InputError(f"to_frame() takes events or coded articles, not {type(event).__name__}")
            row = event_row(event)
            row["modifiers"] = " ".join(row["modifiers"])
            rows.append(row)
    frame = pd.DataFrame.from_records(rows, columns=list(EVENT_COLUMNS))
    for column in frame.columns:  # typed by name, so that columns empty in these events are typed too
        if column == "quad_class" or column.endswith(INTEGER_SUFFIXES):
            frame[column] = frame[column].astype("Int64")
        elif column in FLOAT_COLUMNS:
            frame[column] = frame[column].astype("float64")
    frame["date"] = pd.to_datetime(frame["date"])
    return frame


# The numeric columns of an event's flat row: offsets, toll bounds, positions, ids; scores, coordinates.
INTEGER_SUFFIXES = ("_start", "_end", "_low", "_high", "_index", "_geonames_id")
FLOAT_COLUMNS = frozenset({"goldstein", "confidence", "place_lat", "place_lon"})


def _article(text: str, date: str | Date | None, doc_id: str | None, settings: Settings, origin: str) -> Article:
    if not isinstance(text, str):
        raise InputError(f"code() takes text (str), not {type(text).__name__}")
    return make_article(text, origin=origin, article_date=parse_iso_date(date), doc_id=doc_id, settings=settings)
