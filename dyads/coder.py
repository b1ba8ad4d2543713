"""The Coder: articles in, coded events out. Built once from `Settings`, `Knowledge` and the spaCy
model, and used by every entry point (`dyads.code`, `dyads code`, ingest and Spark workers,
`explain`, `eval`, `places`, the server's explanations).

`Coder.code()` takes articles through the stages, each a module of dyads.coding with a typed
interface and the knowledge passed in:
  1. nlp      text -> `Sentence` (tokens, lemmas, parse, entities), batched across articles;
              sentences the prefilter rules out are not parsed;
  2. actors   `Sentence` -> `ActorMention` (coded for the article's date; none in a dateline);
  3. events   `Sentence` + mentions -> `Event` (CAMEO code, dyad, evidence);
  4. dates    each event dated against the article date, a date carried to the next sentence;
  5. figures  reported casualties, injured, displaced... with their reporter;
  6. places   each event's place, resolved against the whole article;
  7. tolls    each violent event's dead and injured, from the figures of its sentence or clause.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from dyads.coding.actors import find_actors
from dyads.coding.anchoring import anchor_events
from dyads.coding.events import code_sentence, code_sentence_traced, may_hold_event
from dyads.coding.explain import why_no_event
from dyads.coding.figures import find_figures
from dyads.coding.nlp import Language, add_entities, load_model, parse_passages, sentences_of, with_entities
from dyads.coding.places import ResolvedMention, dateline_end, geocode_article, resolve_article
from dyads.coding.prefilter import chunks
from dyads.coding.tolls import attach_tolls
from dyads.knowledge.knowledge import Knowledge
from dyads.knowledge.sources import DataSources
from dyads.model import (
    ActorMention,
    Article,
    CodedArticle,
    Decision,
    Event,
    Figure,
    Place,
    Sentence,
    SentenceExplanation,
)
from dyads.settings import Settings

PARAGRAPH_RE = re.compile(r"[^\n]+")  # cleaned article text: one paragraph a line
SENTENCE_END_RE = re.compile(r"[.!?][\"”’')]*(?:\s|$)")


class Coder:
    """Knowledge and model, loaded once; `code()` as often as wanted. Picklable it is not (the
    model): a worker process builds its own (dyads.workers)."""

    def __init__(self, settings: Settings, knowledge: Knowledge, nlp: Language) -> None:
        self.settings = settings
        self.knowledge = knowledge
        self.nlp = nlp

    @classmethod
    def load(cls, settings: Settings | None = None, knowledge: Knowledge | None = None) -> Coder:
        """The Coder of these settings: the packaged knowledge with `settings.data_dir` over it
        (unless `knowledge` is given) and the spaCy model they name."""
        settings = settings or Settings()
        knowledge = knowledge or Knowledge.load(DataSources.layered(settings.data_dir), settings.dictionaries,
                                                settings.packs)
        return cls(settings, knowledge, load_model(settings.model, settings.fast_spacy))

    def code(self, articles: Iterable[Article], *, trace: bool = False) -> Iterator[CodedArticle]:
        """Code articles, yielding them in input order. With `trace`, every paragraph is parsed
        (the prefilter is tested to change no event) and each article carries the explanation of
        every sentence."""
        if trace:
            for article in articles:
                sentences = self.parse(article)
                yield code_parsed(article, sentences, self.knowledge, trace=True)
            return
        yield from run_pipeline(articles, self)

    def parse(self, article: Article) -> list[Sentence]:
        """Every paragraph of one article parsed, numbered as the pipeline numbers them."""
        paragraphs = ((m.group(), m.start()) for m in PARAGRAPH_RE.finditer(article.text))
        sentences = [s for handle, start in parse_passages(self.nlp, paragraphs, self.settings.batch_size)
                     for s in sentences_of(handle, article.doc_id, start, 0)]
        return [replace(sentence, index=index) for index, sentence in enumerate(sentences)]

    def places(self, article: Article) -> tuple[list[ResolvedMention], Place | None]:
        """Every place an article names, resolved in its context, and its dateline (for `dyads
        places` and the places evaluation; coding itself only places events and figures)."""
        sentences = self.parse(article)
        mentions = actors_by_sentence(article, sentences, self.knowledge)
        return resolve_article(article, sentences, mentions, self.knowledge.gazetteer)


def actors_by_sentence(article: Article, sentences: list[Sentence], knowledge: Knowledge
                       ) -> list[list[ActorMention]]:
    """The actors of each sentence; a dateline's words name where the story was filed, never an
    actor of it."""
    filed_at = dateline_end(article.text, knowledge.gazetteer)
    out = []
    for sentence in sentences:
        mentions = find_actors(sentence, knowledge.actors, article.date)
        if sentence.start < filed_at:
            mentions = [m for m in mentions if m.start >= filed_at]
        out.append(mentions)
    return out


@dataclass(frozen=True, slots=True)
class Probe:
    """A first pass over an article parsed without named entities: the actors of each
    sentence, and which sentences hold an event or a figure (entities give those their dates,
    places and details, never decide whether there is one)."""

    mentions: list[list[ActorMention]]
    coded: list[int]


def probe(article: Article, sentences: list[Sentence], knowledge: Knowledge) -> Probe:
    mentions = actors_by_sentence(article, sentences, knowledge)
    coded = [n for n, (sentence, found) in enumerate(zip(sentences, mentions, strict=True))
             if may_hold_event(sentence, found, knowledge.patterns, article.date)
             or find_figures(sentence, found, article.date, knowledge.figure_words)]
    return Probe(mentions, coded)


def code_parsed(article: Article, sentences: list[Sentence], knowledge: Knowledge, geocode: bool = True,
                probed: Probe | None = None, trace: bool = False) -> CodedArticle:
    """Code an article's parsed sentences; `probed`: its first pass, when its sentences were
    parsed without entities and only the ones it found coded got them."""
    sentences = list(sentences)
    mentions_by_sentence = probed.mentions if probed else actors_by_sentence(article, sentences, knowledge)
    coded = probed.coded if probed else range(len(sentences))
    events: list[Event] = []
    figures: list[Figure] = []
    explanation: list[SentenceExplanation] = []
    previous_date, previous_index = None, None
    for n in coded:
        sentence, mentions = sentences[n], mentions_by_sentence[n]
        if previous_index is None or sentence.index != previous_index + 1:
            # the article's sentence before was not coded (no event, or not parsed): it gave
            # no date, so none carries over
            previous_date = None
        previous_index = sentence.index
        if trace:
            found, decisions = code_sentence_traced(sentence, mentions, knowledge.patterns, article.date,
                                                    previous_date)
            explanation.append(explain_sentence(sentence, mentions, found, decisions))
        else:
            found = code_sentence(sentence, mentions, knowledge.patterns, article.date, previous_date)
        # A date carries over to the next sentence only ("X met Y on Tuesday. They agreed..."):
        # further on, the article date is the safer guess.
        dated = [e.date for e in found if e.date_basis in ("clause", "sentence")]
        previous_date = dated[-1] if dated else None
        events += found
        figures += find_figures(sentence, mentions, article.date, knowledge.figure_words)
    # Places last: which "Tripoli" is meant depends on the whole article.
    if geocode:
        events, figures = geocode_article(article, sentences, mentions_by_sentence, events, figures,
                                          knowledge.gazetteer)
    # "police", "gunmen": the country of the place their event happened in
    events = anchor_events(events)
    events = attach_tolls(events, figures, sentences, knowledge.patterns, article.date)
    if trace:
        explanation = with_placed_events(explanation, events)
    return CodedArticle(article, tuple(sentences), tuple(events), tuple(figures), tuple(explanation))


def explain_sentence(sentence: Sentence, mentions: list[ActorMention], events: list[Event],
                     decisions: list[tuple[int, str, str]]) -> SentenceExplanation:
    steps = tuple(Decision(sentence.tokens[i].text, i, outcome, ref) for i, outcome, ref in decisions)
    return SentenceExplanation(sentence, tuple(mentions), steps, tuple(events),
                               None if events else why_no_event(mentions, steps))


def with_placed_events(explanation: list[SentenceExplanation], events: list[Event]) -> list[SentenceExplanation]:
    """The explanation's events replaced by the final ones (placed), sentence by sentence."""
    by_sentence: dict[int, list[Event]] = {}
    for event in events:
        by_sentence.setdefault(event.sentence_index, []).append(event)
    return [replace(item, events=tuple(by_sentence.get(item.sentence.index, ()))) for item in explanation]


@dataclass
class _Pending:
    """An article whose chosen paragraphs are being parsed."""

    article: Article
    waiting: int
    parts: dict[tuple[int, int], list[Sentence]]  # (paragraph, run) -> its sentences
    skipped_sentences: dict[tuple[int, int], int]  # (paragraph, run) -> sentence count, for numbering
    # (paragraph, run) -> its parse, kept while entities may still be wanted
    handles: dict[tuple[int, int], object] = field(default_factory=dict)


def code_with_entities(entries: list[_Pending], coder: Coder) -> Iterator[CodedArticle]:
    """Code articles parsed without named entities: probe each, recognise entities in one
    batch for every passage with an event or a figure, then code them."""
    knowledge = coder.knowledge
    numbered = [number_sentences(entry) for entry in entries]
    probes = [probe(entry.article, sentences, knowledge)
              for entry, (sentences, _) in zip(entries, numbered, strict=True)]
    wanted = [(n, key) for n, ((sentences, passage_of), probed) in enumerate(zip(numbered, probes, strict=True))
              for key in sorted({passage_of[sentences[k].index][0] for k in probed.coded})]
    handles = add_entities(coder.nlp, [entries[n].handles[key] for n, key in wanted], coder.settings.batch_size)
    recognised = {(n, key): with_entities(handle, entries[n].parts[key])
                  for (n, key), handle in zip(wanted, handles, strict=True)}
    for n, (entry, (sentences, passage_of), probed) in enumerate(zip(entries, numbered, probes, strict=True)):
        ready = []
        for sentence in sentences:
            key, position = passage_of[sentence.index]
            found = recognised.get((n, key))
            ready.append(replace(found[position], index=sentence.index) if found else sentence)
        yield code_parsed(entry.article, ready, knowledge, probed=probed)


def run_pipeline(articles: Iterable[Article], coder: Coder) -> Iterator[CodedArticle]:
    """Code articles in input order. Sentences the prefilter rules out are not parsed; the
    others, in runs of neighbouring sentences, go through spaCy in batches across articles."""
    settings, knowledge = coder.settings, coder.knowledge
    prefilter = knowledge.prefilter if settings.prefilter else None
    queue: deque[_Pending] = deque()

    def passages() -> Iterator[tuple[str, tuple[_Pending, tuple[int, int], int]]]:
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
                yield code_parsed(entry.article, number_sentences(entry)[0], knowledge)
        if parsed and (last or sum(len(entry.handles) for entry in parsed) >= settings.batch_size):
            yield from code_with_entities(parsed, coder)
            parsed.clear()

    for handle, (entry, key, start) in parse_passages(coder.nlp, passages(), settings.batch_size,
                                                      entities=not lazy):
        entry.parts[key] = sentences_of(handle, entry.article.doc_id, start, 0)
        if lazy:
            entry.handles[key] = handle
        entry.waiting -= 1
        yield from ready()
    yield from ready(last=True)


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
