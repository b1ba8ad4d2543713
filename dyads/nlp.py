"""Language processing: the only module that touches spaCy objects.

It turns article text into `Sentence` records (tokens, lemmas, parse, entities, character
offsets) that the rest of the pipeline reads. The model is loaded once per process.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from thinc.api import use_ops

from dyads.model import Sentence, Span, Token


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A line break always ends a sentence: headlines, captions and paragraphs never merge."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.whitespace_ or previous.is_space and "\n" in previous.text:
            token.is_sent_start = True
    return doc


BLAS_CHOICES = ("numpy", "blis")


@cache
def load_model(name: str, blas: str = "numpy") -> Language:
    """The spaCy pipeline, once per process and BLAS choice. The BLIS wheels spaCy installs
    select generic kernels on CPUs they do not recognise (this machine's AMD Zen 3 among them):
    numpy's OpenBLAS is then 3-4x faster at the token encoders' matrix products, with the same
    annotations (docs/design.md). The parser's per-step products stay in BLIS either way."""
    if blas not in BLAS_CHOICES:
        raise ValueError(f"unknown BLAS {blas!r}: choose one of {', '.join(BLAS_CHOICES)}")
    with use_ops("numpy", use_blis=blas == "blis"):
        nlp = spacy.load(name)
    if "paragraph_breaks" not in nlp.pipe_names:
        nlp.add_pipe("paragraph_breaks", before="parser")
    return nlp


def to_sentences(doc: Doc, doc_id: str, char_offset: int = 0, first_index: int = 0) -> list[Sentence]:
    """Sentences of a parsed text that starts at `char_offset` of its article."""
    sentences = []
    for index, sent in enumerate((s for s in doc.sents if s.text.strip()), start=first_index):
        offset = sent.start
        tokens = tuple(
            Token(
                i=t.i - offset,
                text=t.text,
                lemma=t.lemma_,
                pos=t.pos_,
                tag=t.tag_,
                dep=t.dep_,
                head=t.head.i - offset,
                start=t.idx + char_offset,
                ent_type=t.ent_type_,
                ent_iob=t.ent_iob_,
            )
            for t in sent
        )
        entities = tuple(Span(e.start - offset, e.end - offset, e.label_) for e in sent.ents)
        sentences.append(
            Sentence(doc_id, index, sent.start_char + char_offset, sent.end_char + char_offset,
                     sent.text, tokens, entities)
        )
    return sentences


ENTITY_RECOGNISER = "ner"


def parse_passages(items: Iterable[tuple[str, object]], model: str, batch_size: int,
                   entities: bool = True, blas: str = "numpy") -> Iterator[tuple[object, object]]:
    """Parse (text, context) pairs in batches; yields (spaCy-free handle, context) in order.
    The handle is turned into sentences by `sentences_of` (kept apart so callers decide
    offsets and numbering). `entities=False` leaves the entity recogniser out, for
    `add_entities` to run later on the passages that need it."""
    nlp = load_model(model, blas)
    disable = [] if entities else [ENTITY_RECOGNISER]
    yield from nlp.pipe(items, as_tuples=True, batch_size=batch_size, disable=disable)


def add_entities(handles: list[object], model: str, batch_size: int, blas: str = "numpy") -> list[object]:
    """The passages with named entities, recognised now, in batches: the recogniser reads only
    the words (its own token vectors, no tags or parse), so it finds what it would have found
    in the full pipeline."""
    assert all(isinstance(handle, Doc) for handle in handles)
    return list(load_model(model, blas).get_pipe(ENTITY_RECOGNISER).pipe(handles, batch_size=batch_size))


def sentences_of(handle: object, doc_id: str, char_offset: int, first_index: int) -> list[Sentence]:
    assert isinstance(handle, Doc)
    return to_sentences(handle, doc_id, char_offset, first_index)
