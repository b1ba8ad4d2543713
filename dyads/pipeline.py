"""The pipeline: articles in, coded events out.

`run_pipeline()` takes articles through the stages, each a module with a typed interface:
  1. nlp      (dyads.nlp)     text -> `Sentence` (tokens, lemmas, parse, entities), batched;
  2. actors   (dyads.actors)  `Sentence` -> `ActorMention` (coded for the article's date);
  3. events   (dyads.events)  `Sentence` + mentions -> `Event` (CAMEO code, dyad, evidence);
  4. dates    (dyads.dates)   each event dated against the article date, carrying the last
                              event date forward through the article;
  5. figures  (dyads.figures) reported casualties, injured, displaced... with their reporter;
  6. places   (dyads.places)  each event's place, resolved against the whole article.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from dyads.actors import find_actors
from dyads.dictionaries.loader import Dictionaries, load_dictionaries
from dyads.events import code_sentence
from dyads.figures import find_figures
from dyads.model import ActorMention, Article, Event, Figure, Place, Sentence
from dyads.nlp import add_entities, parse_passages, sentences_of, with_entities
from dyads.places import ResolvedMention, dateline_end, geocode_article, resolve_article
from dyads.prefilter import chunks, load_prefilter
from dyads.settings import Settings


@dataclass(frozen=True, slots=True)
class CodedArticle:
    article: Article
    sentences: tuple[Sentence, ...]
    events: tuple[Event, ...]
    figures: tuple[Figure, ...] = ()


@dataclass(frozen=True, slots=True)
class Probe:
    """A first pass over an article parsed without named entities: the actors of each
    sentence, and which sentences hold an event or a figure (entities give those their dates,
    places and details, never decide whether there is one)."""

    mentions: list[list[ActorMention]]
    coded: list[int]


def actors_by_sentence(article: Article, sentences: list[Sentence], dictionaries: Dictionaries
                       ) -> list[list[ActorMention]]:
    filed_at = dateline_end(article.text)
    out = []
    for sentence in sentences:
        mentions = find_actors(sentence, dictionaries.actors, article.date)
        if sentence.start < filed_at:
            mentions = [m for m in mentions if m.start >= filed_at]
        out.append(mentions)
    return out


def probe(article: Article, sentences: list[Sentence], dictionaries: Dictionaries) -> Probe:
    mentions = actors_by_sentence(article, sentences, dictionaries)
    coded = [n for n, (sentence, found) in enumerate(zip(sentences, mentions, strict=True))
             if code_sentence(sentence, found, dictionaries.patterns, article.date, None)
             or find_figures(sentence, found, article.date)]
    return Probe(mentions, coded)


def code_parsed(article: Article, sentences: list[Sentence], dictionaries: Dictionaries,
                geocode: bool = True, probed: Probe | None = None) -> CodedArticle:
    """Code an article's parsed sentences; `probed`: its first pass, when its sentences were
    parsed without entities and only the ones it found coded got them."""
    sentences = list(sentences)
    mentions_by_sentence = probed.mentions if probed else actors_by_sentence(article, sentences, dictionaries)
    coded = probed.coded if probed else range(len(sentences))
    events: list[Event] = []
    figures: list[Figure] = []
    previous_date, previous_index = None, None
    for n in coded:
        sentence, mentions = sentences[n], mentions_by_sentence[n]
        if previous_index is None or sentence.index != previous_index + 1:
            # the article's sentence before was not coded (no event, or not parsed): it gave
            # no date, so none carries over
            previous_date = None
        previous_index = sentence.index
        found = code_sentence(sentence, mentions, dictionaries.patterns, article.date, previous_date)
        # A date carries over to the next sentence only ("X met Y on Tuesday. They agreed..."):
        # further on, the article date is the safer guess.
        dated = [e.date for e in found if e.date_basis in ("clause", "sentence")]
        previous_date = dated[-1] if dated else None
        events += found
        figures += find_figures(sentence, mentions, article.date)
    # Places last: which "Tripoli" is meant depends on the whole article.
    if geocode:
        events, figures = geocode_article(article, sentences, mentions_by_sentence, events, figures)
    return CodedArticle(article, tuple(sentences), tuple(events), tuple(figures))


@dataclass
class _Pending:
    """An article whose chosen paragraphs are being parsed."""

    article: Article
    waiting: int
    parts: dict[tuple[int, int], list[Sentence]]  # (paragraph, run) -> its sentences
    skipped_sentences: dict[tuple[int, int], int]  # (paragraph, run) -> sentence count, for numbering
    # (paragraph, run) -> its parse, kept while entities may still be wanted
    handles: dict[tuple[int, int], object] = field(default_factory=dict)


def code_with_entities(entries: list[_Pending], dictionaries: Dictionaries, settings: Settings
                       ) -> Iterator[CodedArticle]:
    """Code articles parsed without named entities: probe each, recognise entities in one
    batch for every passage with an event or a figure, then code them."""
    numbered = [number_sentences(entry) for entry in entries]
    probes = [probe(entry.article, sentences, dictionaries)
              for entry, (sentences, _) in zip(entries, numbered, strict=True)]
    wanted = [(n, key) for n, ((sentences, passage_of), probed) in enumerate(zip(numbered, probes, strict=True))
              for key in sorted({passage_of[sentences[k].index][0] for k in probed.coded})]
    handles = add_entities([entries[n].handles[key] for n, key in wanted], settings.model, settings.batch_size,
                           settings.fast_spacy)
    recognised = {(n, key): with_entities(handle, entries[n].parts[key])
                  for (n, key), handle in zip(wanted, handles, strict=True)}
    for n, (entry, (sentences, passage_of), probed) in enumerate(zip(entries, numbered, probes, strict=True)):
        ready = []
        for sentence in sentences:
            key, position = passage_of[sentence.index]
            found = recognised.get((n, key))
            ready.append(replace(found[position], index=sentence.index) if found else sentence)
        yield code_parsed(entry.article, ready, dictionaries, probed=probed)


PARAGRAPH_RE = re.compile(r"[^\n]+")  # cleaned article text: one paragraph a line
SENTENCE_END_RE = re.compile(r"[.!?][\"”’')]*(?:\s|$)")


def run_pipeline(articles: Iterable[Article], settings: Settings | None = None) -> Iterator[CodedArticle]:
    """Code articles in input order. Sentences the prefilter rules out are not parsed; the
    others, in runs of neighbouring sentences, go through spaCy in batches across articles."""
    settings = settings or Settings()
    data_key = str(settings.data_dir) if settings.data_dir else None
    dictionaries = load_dictionaries(data_key)
    prefilter = load_prefilter(data_key) if settings.prefilter else None
    queue: deque[_Pending] = deque()

    def passages() -> Iterator[tuple[str, tuple[_Pending, int, int]]]:
        for article in articles:
            entry = _Pending(article, 0, {}, {})
            chosen = []
            for number, match in enumerate(PARAGRAPH_RE.finditer(article.text)):
                paragraph = match.group()
                for part, (start, end, keep) in enumerate(chunks(prefilter, paragraph)):
                    if keep:
                        chosen.append(((number, part), paragraph[start:end].rstrip(), match.start() + start))
                    else:
                        skipped = paragraph[start:end]
                        entry.skipped_sentences[number, part] = max(1, len(SENTENCE_END_RE.findall(skipped)))
            entry.waiting = len(chosen)
            queue.append(entry)
            for key, text, start in chosen:
                yield text, (entry, key, start)

    lazy = settings.entities_on_demand
    parsed: list[_Pending] = []  # waiting for entities, until they fill a batch

    def ready(last: bool = False) -> Iterator[CodedArticle]:
        while queue and queue[0].waiting == 0:
            entry = queue.popleft()
            if lazy:
                parsed.append(entry)
            else:
                yield code_parsed(entry.article, number_sentences(entry)[0], dictionaries)
        if parsed and (last or sum(len(entry.handles) for entry in parsed) >= settings.batch_size):
            yield from code_with_entities(parsed, dictionaries, settings)
            parsed.clear()

    for handle, (entry, key, start) in parse_passages(passages(), settings.model, settings.batch_size,
                                                      entities=not lazy, fast=settings.fast_spacy):
        entry.parts[key] = sentences_of(handle, entry.article.doc_id, start, 0)
        if lazy:
            entry.handles[key] = handle
        entry.waiting -= 1
        yield from ready()
    yield from ready(last=True)


def parse_article(article: Article, settings: Settings) -> list[Sentence]:
    """Every paragraph of one article parsed, as the pipeline parses it (for explanations)."""
    paragraphs = ((m.group(), m.start()) for m in PARAGRAPH_RE.finditer(article.text))
    sentences = [s for handle, start in parse_passages(paragraphs, settings.model, settings.batch_size,
                                                                   fast=settings.fast_spacy)
                 for s in sentences_of(handle, article.doc_id, start, 0)]
    return [replace(sentence, index=index) for index, sentence in enumerate(sentences)]


def number_sentences(entry: _Pending) -> tuple[list[Sentence], dict[int, tuple[tuple[int, int], int]]]:
    """The parsed sentences numbered among every sentence of the article, parsed or skipped;
    and for each number, its passage and position in it."""
    out, passage_of, index = [], {}, 0
    for number in sorted([*entry.parts, *entry.skipped_sentences]):
        if number in entry.skipped_sentences:
            index += entry.skipped_sentences[number]
            continue
        for position, sentence in enumerate(entry.parts[number]):
            out.append(replace(sentence, index=index))
            passage_of[index] = (number, position)
            index += 1
    return out, passage_of


def resolve_places(article: Article, settings: Settings | None = None) -> tuple[list[ResolvedMention], Place | None]:
    """Every place an article names, resolved in its context, and its dateline (for
    `dyads places` and the places evaluation; the pipeline itself only places events)."""
    settings = settings or Settings()
    dictionaries = load_dictionaries(str(settings.data_dir) if settings.data_dir else None)
    sentences = parse_article(article, settings)
    mentions = [find_actors(sentence, dictionaries.actors, article.date) for sentence in sentences]
    return resolve_article(article, sentences, mentions)
