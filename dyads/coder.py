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

from dyads.coding.actors import antecedents, back_references, find_actors
from dyads.coding.anchoring import anchor_events
from dyads.coding.discourse import answered_acts, restated_on_their_day
from dyads.coding.events import Prepared, code_sentence, code_sentence_traced, probe_sentence
from dyads.coding.explain import why_no_event
from dyads.coding.figures import find_figures
from dyads.coding.nlp import Language, add_sentence_entities, load_model, parse_passages, sentences_of, with_entities
from dyads.coding.normalise import Restorer, normalise
from dyads.coding.places import ResolvedMention, dateline_end, geocode_article, resolve_article
from dyads.coding.prefilter import passages
from dyads.coding.tolls import attach_tolls
from dyads.coding.venues import at_third_places
from dyads.errors import LimitError
from dyads.knowledge.knowledge import Knowledge
from dyads.knowledge.sources import DataSources
from dyads.model import (
    OWN_DATE_BASES,
    ActorMention,
    Article,
    CodedArticle,
    Decision,
    Event,
    Failure,
    Figure,
    Place,
    Sentence,
    SentenceExplanation,
)
from dyads.settings import Settings

PARAGRAPH_RE = re.compile(r"[^\n]+")  # cleaned article text: one paragraph a line
SENTENCE_END_RE = re.compile(r"[.!?][\"”’')]*(?:\s|$)")
PARAGRAPH_END_RE = re.compile(r"\n+")
WHITESPACE_RE = re.compile(r"\s+")
# The entity recogniser runs once this many parser batches of passages wait for it (about half
# of them need entities), in batches of ENTITY_BATCH_FACTOR parser batches. Measured on the 7,265
# passages of the bench corpus that need it: in batches of ~34 (what one parser batch's worth
# gave) 15.0 s, of 64 14.8 s, of 128 13.6 s, of 256 13.4 s; the same entities at every size.
ENTITY_WAIT_BATCHES = 4
ENTITY_BATCH_FACTOR = 2


@dataclass(frozen=True, slots=True)
class Entry:
    """An article as it enters the coder: the text the stages code (within the length limit,
    normalised), the way back to the article's own text, and the limits it went over."""

    article: Article  # as given
    coded: Article  # what the stages see
    restorer: Restorer
    breaches: tuple[Failure, ...]

    def restore(self, coded: CodedArticle, over_long: list[tuple[int, int]], settings: Settings) -> CodedArticle:
        """The coded article with offsets in the article's own text, and every breach."""
        breaches = self.breaches
        if over_long:
            breaches += (over_sentence_limit(self.article, over_long, self.restorer, settings),)
        if self.restorer.normalised.changed:
            coded = self.restorer.coded(coded, self.article)
        return replace(coded, article=self.article, breaches=breaches)

    def restore_place(self, item: ResolvedMention) -> ResolvedMention:
        if not self.restorer.normalised.changed:
            return item
        start, end, text = self.restorer.span(item.mention.start, item.mention.end)
        return replace(item, mention=replace(item.mention, start=start, end=end, text=text),
                       place=self.restorer.place(item.place) or item.place)


def enter(article: Article, settings: Settings) -> Entry:
    """The article cut to `settings.max_article_chars` (at a paragraph, sentence or word end) and
    normalised (dyads.coding.normalise)."""
    text = article.text
    breaches: tuple[Failure, ...] = ()
    if len(text) > settings.max_article_chars:
        text = text[:article_cut(text, settings.max_article_chars)]
        breaches = (breach(article, f"{len(article.text):,} characters, over the limit of "
                                    f"{settings.max_article_chars:,} (max_article_chars): only the first "
                                    f"{len(text):,} were coded"),)
    normalised = normalise(text)
    coded = replace(article, text=normalised.text) if text is not article.text or normalised.changed else article
    return Entry(article, coded, Restorer(article.text, normalised), breaches)


def article_cut(text: str, limit: int) -> int:
    """Where to end an article cut to `limit` characters: the last paragraph end in its last
    half, else the last sentence end, else the last space, else the limit."""
    for pattern in (PARAGRAPH_END_RE, SENTENCE_END_RE, WHITESPACE_RE):
        ends = [m.end() for m in pattern.finditer(text, limit // 2, limit)]
        if ends:
            return ends[-1]
    return limit


def over_sentence_limit(article: Article, over_long: list[tuple[int, int]], restorer: Restorer,
                        settings: Settings) -> Failure:
    start, end, _ = restorer.span(*max(over_long, key=lambda span: span[1] - span[0]))
    return breach(article, f"{len(over_long):,} sentence(s) over the limit of {settings.max_sentence_chars:,} "
                           f"characters (max_sentence_chars) parsed in pieces; the longest: {end - start:,} "
                           f"characters at offset {start:,}")


def breach(article: Article, what: str) -> Failure:
    """A limit the article went over, recorded as a failure naming the article and the limit."""
    return Failure(article.origin or article.doc_id, what, "code", LimitError.code)


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
        if settings.future_acts == "act":
            knowledge = knowledge.future_as_acts()
        return cls(settings, knowledge, load_model(settings.model, settings.fast_spacy))

    def code(self, articles: Iterable[Article], *, trace: bool = False) -> Iterator[CodedArticle]:
        """Code articles, yielding them in input order. With `trace`, every paragraph is parsed
        (the prefilter is tested to change no event) and each article carries the explanation of
        every sentence. Offsets index each article's own text; what went over a limit of the
        settings is in `CodedArticle.breaches`."""
        waiting: deque[Entry] = deque()

        def entered() -> Iterator[Article]:
            for article in articles:
                waiting.append(enter(article, self.settings))
                yield waiting[-1].coded

        def traced() -> Iterator[tuple[CodedArticle, list[tuple[int, int]]]]:
            for article in entered():
                sentences, over_long = self._parse(article)
                yield code_parsed(article, sentences, self.knowledge, trace=True), over_long

        for item, over_long in traced() if trace else run_pipeline(entered(), self):
            yield waiting.popleft().restore(item, over_long, self.settings)

    def parse(self, article: Article) -> list[Sentence]:
        """Every paragraph of one article's text, as it is, parsed and numbered as the pipeline
        numbers them (`code` and `places` give it the text they code: cut and normalised)."""
        return self._parse(article)[0]

    def _parse(self, article: Article) -> tuple[list[Sentence], list[tuple[int, int]]]:
        """The sentences, and the sentences cut into pieces for being over the length limit."""
        over_long: list[tuple[int, int]] = []

        def pieces() -> Iterator[tuple[str, int]]:
            for match in PARAGRAPH_RE.finditer(article.text):
                cut = passages(None, match.group(), self.settings.max_sentence_chars)
                over_long.extend((match.start() + start, match.start() + end) for start, end in cut.over_long)
                for start, end, _ in cut.runs:
                    yield article.text[match.start() + start:match.start() + end], match.start() + start

        sentences = [s for handle, start in parse_passages(self.nlp, pieces(), self.settings.batch_size)
                     for s in sentences_of(handle, article.doc_id, start, 0)]
        return [replace(sentence, index=index) for index, sentence in enumerate(sentences)], over_long

    def places(self, article: Article) -> tuple[list[ResolvedMention], Place | None]:
        """Every place an article names, resolved in its context, and its dateline (for `dyads
        places` and the places evaluation; coding itself only places events and figures)."""
        entry = enter(article, self.settings)
        sentences = self.parse(entry.coded)
        mentions = actors_by_sentence(entry.coded, sentences, self.knowledge)
        resolved, dateline = resolve_article(entry.coded, sentences, mentions, self.knowledge.gazetteer)
        return [entry.restore_place(item) for item in resolved], entry.restorer.place(dateline)


def actors_by_sentence(article: Article, sentences: list[Sentence], knowledge: Knowledge
                       ) -> list[list[ActorMention]]:
    """The actors of each sentence; a dateline's words name where the story was filed, never an
    actor of it."""
    filed_at = dateline_end(article.text, knowledge.gazetteer)
    out: list[list[ActorMention]] = []
    named_before: list[ActorMention] = []
    for sentence in sentences:
        mentions = find_actors(sentence, knowledge.actors, article.date)
        if sentence.start < filed_at:
            mentions = after_dateline(sentence, mentions, filed_at)
        # "the agency", "the bloc": an organisation named before in the article
        mentions = back_references(sentence, mentions, named_before, knowledge.actors)
        named_before += antecedents(sentence, mentions)
        out.append(mentions)
    return out


def after_dateline(sentence: Sentence, mentions: list[ActorMention], filed_at: int) -> list[ActorMention]:
    """The mentions of a sentence the dateline opens, without the dateline's words: one inside it
    is dropped, one the parser ran on from it into the lead ("ANKARA, March 5 - [Turkish Foreign
    Minister Hakan Fidan]", read as one noun phrase) keeps its words after it."""
    kept = []
    for m in mentions:
        if m.start >= filed_at:
            kept.append(m)
            continue
        first = next((k for k in range(m.first, m.last) if sentence.tokens[k].start >= filed_at), None)
        if first is None or sentence.tokens[m.head].start < filed_at:
            continue
        start = sentence.tokens[first].start
        kept.append(replace(m, first=first, start=start, text=m.text[start - m.start:]))
    return kept


@dataclass(frozen=True, slots=True)
class Probe:
    """A first pass over an article parsed without named entities: the actors of each
    sentence, and which sentences hold an event or a figure (entities give those their dates,
    places and details, never decide whether there is one)."""

    mentions: list[list[ActorMention]]
    coded: list[int]
    # sentence -> its coder and event candidates, for the sentences that may hold an event: the
    # coder builds their events from these (candidates read no entities) instead of anew
    prepared: dict[int, Prepared] = field(default_factory=dict)


def probe(article: Article, sentences: list[Sentence], knowledge: Knowledge) -> Probe:
    mentions = actors_by_sentence(article, sentences, knowledge)
    coded, prepared = [], {}
    for n, (sentence, found) in enumerate(zip(sentences, mentions, strict=True)):
        candidates = probe_sentence(sentence, found, knowledge.patterns, article.date)
        if candidates is not None:
            prepared[n] = candidates
        if candidates is not None or find_figures(sentence, found, article.date, knowledge.figure_words):
            coded.append(n)
    return Probe(mentions, coded, prepared)


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
    filed_at = dateline_end(article.text, knowledge.gazetteer)
    for n in coded:
        sentence, mentions = without_dateline_days(sentences[n], filed_at), mentions_by_sentence[n]
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
            found = code_sentence(sentence, mentions, knowledge.patterns, article.date, previous_date,
                                  probed.prepared.get(n) if probed else None)
        # A date carries over to the next sentence only ("X met Y on Tuesday. They agreed..."):
        # further on, the article date is the safer guess.
        dated = [e.date for e in found if e.date_basis in OWN_DATE_BASES]
        previous_date = dated[-1] if dated else None
        events += found
        figures += find_figures(sentence, mentions, article.date, knowledge.figure_words)
    # the article as a whole: a restated event on its day, a reaction aimed at the act it answers
    events = answered_acts(restated_on_their_day(events), sentences, knowledge.patterns.clause)
    # Places last: which "Tripoli" is meant depends on the whole article.
    if geocode:
        events, figures = geocode_article(article, sentences, mentions_by_sentence, events, figures,
                                          knowledge.gazetteer)
    # "police", "gunmen": the country of the place their event happened in
    events = anchor_events(events)
    # "met in Riyadh": a meeting's place may make it one at a third location
    events = at_third_places(events, knowledge.gazetteer, knowledge.patterns)
    events = attach_tolls(events, figures, sentences, knowledge.patterns, article.date,
                          knowledge.figure_words.none_phrases, knowledge.figure_words.kinds)
    if trace:
        explanation = with_placed_events(explanation, events)
    return CodedArticle(article, tuple(sentences), tuple(events), tuple(figures), tuple(explanation))


def without_dateline_days(sentence: Sentence, filed_at: int) -> Sentence:
    """"MOSCOW, March 3 (Reuters) - Russia expelled ... on Tuesday": the dateline's day is when
    the story was filed, never the day of an event of it."""
    if sentence.start >= filed_at:
        return sentence
    return replace(sentence, entities=tuple(e for e in sentence.entities
                                            if e.label != "DATE" or sentence.tokens[e.first].start >= filed_at))


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
    over_long: list[tuple[int, int]] = field(default_factory=list)  # sentences parsed in pieces


def code_with_entities(entries: list[_Pending], coder: Coder) -> Iterator[CodedArticle]:
    """Code articles parsed without named entities: probe each, recognise entities in one
    batch for every passage with an event or a figure, then code them."""
    knowledge = coder.knowledge
    numbered = [number_sentences(entry) for entry in entries]
    probes = [probe(entry.article, sentences, knowledge)
              for entry, (sentences, _) in zip(entries, numbered, strict=True)]
    wanted: dict[tuple[int, tuple[int, int]], list[int]] = {}  # (article, passage) -> its sentences to recognise
    for n, ((sentences, passage_of), probed) in enumerate(zip(numbered, probes, strict=True)):
        for k in probed.coded:
            key, position = passage_of[sentences[k].index]
            wanted.setdefault((n, key), []).append(position)
    add_sentence_entities(coder.nlp, [(entries[n].handles[key], positions) for (n, key), positions in wanted.items()],
                          ENTITY_BATCH_FACTOR * coder.settings.batch_size)
    recognised = {(n, key): with_entities(entries[n].handles[key], entries[n].parts[key]) for n, key in wanted}
    for n, (entry, (sentences, passage_of), probed) in enumerate(zip(entries, numbered, probes, strict=True)):
        ready = []
        for sentence in sentences:
            key, position = passage_of[sentence.index]
            found = recognised.get((n, key))
            ready.append(replace(found[position], index=sentence.index) if found else sentence)
        yield code_parsed(entry.article, ready, knowledge, probed=probed)


def run_pipeline(articles: Iterable[Article], coder: Coder) -> Iterator[tuple[CodedArticle, list[tuple[int, int]]]]:
    """Code articles in input order, each with the sentences it had over the length limit.
    Sentences the prefilter rules out are not parsed; the others, in runs of neighbouring
    sentences, go through spaCy in batches across articles."""
    settings, knowledge = coder.settings, coder.knowledge
    prefilter = knowledge.prefilter if settings.prefilter else None
    queue: deque[_Pending] = deque()

    def chosen_passages() -> Iterator[tuple[str, tuple[_Pending, tuple[int, int], int]]]:
        for article in articles:
            entry = _Pending(article, 0, {}, {})
            chosen = []
            for number, match in enumerate(PARAGRAPH_RE.finditer(article.text)):
                paragraph = match.group()
                cut = passages(prefilter, paragraph, settings.max_sentence_chars)
                entry.over_long += [(match.start() + start, match.start() + end) for start, end in cut.over_long]
                for part, (start, end, keep) in enumerate(cut.runs):
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

    def ready(last: bool = False) -> Iterator[tuple[CodedArticle, list[tuple[int, int]]]]:
        while queue and queue[0].waiting == 0:
            entry = queue.popleft()
            if lazy:
                parsed.append(entry)
            else:
                yield code_parsed(entry.article, number_sentences(entry)[0], knowledge), entry.over_long
        waiting_passages = sum(len(entry.handles) for entry in parsed)
        if parsed and (last or waiting_passages >= ENTITY_WAIT_BATCHES * settings.batch_size):
            yield from zip(code_with_entities(parsed, coder), [entry.over_long for entry in parsed], strict=True)
            parsed.clear()

    for handle, (entry, key, start) in parse_passages(coder.nlp, chosen_passages(), settings.batch_size,
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
