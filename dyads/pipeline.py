"""The pipeline: articles in, coded events out.

`run_pipeline()` takes articles through the stages, each a module with a typed interface:
  1. nlp      (dyads.nlp)     text -> `Sentence` (tokens, lemmas, parse, entities), batched;
  2. actors   (dyads.actors)  `Sentence` -> `ActorMention` (coded for the article's date);
  3. events   (dyads.events)  `Sentence` + mentions -> `Event` (CAMEO code, dyad, evidence);
  4. dates    (dyads.dates)   each event dated against the article date, carrying the last
                              event date forward through the article;
  5. figures  (dyads.figures) reported casualties, injured, displaced... with their reporter.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from dyads.actors import find_actors
from dyads.dictionaries.loader import Dictionaries, load_dictionaries
from dyads.events import code_sentence
from dyads.figures import find_figures
from dyads.model import Article, Event, Figure, Sentence
from dyads.nlp import parse_texts
from dyads.settings import Settings


@dataclass(frozen=True, slots=True)
class CodedArticle:
    article: Article
    sentences: tuple[Sentence, ...]
    events: tuple[Event, ...]
    figures: tuple[Figure, ...] = ()


def code_parsed(article: Article, sentences: list[Sentence], dictionaries: Dictionaries) -> CodedArticle:
    events: list[Event] = []
    figures: list[Figure] = []
    previous_date = None
    for sentence in sentences:
        mentions = find_actors(sentence, dictionaries.actors, article.date)
        found = code_sentence(sentence, mentions, dictionaries.patterns, article.date, previous_date)
        # A date carries over to the next sentence only ("X met Y on Tuesday. They agreed..."):
        # further on, the article date is the safer guess.
        dated = [e.date for e in found if e.date_basis in ("clause", "sentence")]
        previous_date = dated[-1] if dated else None
        events += found
        figures += find_figures(sentence, mentions, article.date)
    return CodedArticle(article, tuple(sentences), tuple(events), tuple(figures))


def run_pipeline(articles: Iterable[Article], settings: Settings | None = None) -> Iterator[CodedArticle]:
    settings = settings or Settings()
    dictionaries = load_dictionaries(str(settings.data_dir) if settings.data_dir else None)
    pending: dict[str, list[Article]] = {}

    def texts() -> Iterator[tuple[str, str]]:
        for article in articles:
            pending.setdefault(article.doc_id, []).append(article)
            yield article.doc_id, article.text

    for sentences in parse_texts(texts(), settings.model, settings.batch_size):
        doc_id = sentences[0].doc_id if sentences else None
        if doc_id is None:  # an article with no sentences: find it by order
            doc_id = next(iter(pending))
        article = pending[doc_id].pop(0)
        if not pending[doc_id]:
            del pending[doc_id]
        yield code_parsed(article, sentences, dictionaries)
