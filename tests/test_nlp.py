"""The language-processing stage: its speed choices must not change what spaCy annotates."""

import json
from functools import cache

import pytest

from dyads.coding.nlp import load_model as load_fresh_model
from dyads.corpus.read import make_article
from dyads.settings import Settings
from tests.conftest import GOLD, TRUCE_PAGE, VIENNA

load_model = cache(load_fresh_model)  # each model once for the module: a load takes seconds


def real_texts() -> list[str]:
    """Both sample articles, paragraph by paragraph, and every event gold sentence."""
    texts = []
    for sample in (VIENNA, TRUCE_PAGE):
        texts += make_article(sample.read_text(encoding="utf-8"), origin="x").text.splitlines()
    for path in sorted(GOLD.glob("events-*.jsonl")):
        texts += [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [t for t in texts if t.strip()]


def annotations(fast: bool, texts: list[str]) -> list[list[tuple]]:
    nlp = load_model(Settings().model, fast)
    return [[(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.is_sent_start, t.ent_type_, t.ent_iob_)
             for t in doc] for doc in nlp.pipe(texts, batch_size=64)]


def test_the_fast_pipeline_annotates_as_spacy_as_installed_does():
    texts = real_texts()
    assert len(texts) > 400
    fast, default = annotations(True, texts), annotations(False, texts)
    differing = [text for text, a, b in zip(texts, fast, default, strict=True) if a != b]
    assert differing == []


def test_the_fast_pipeline_uses_numpys_blas_and_the_plain_one_blis():
    from thinc.backends.numpy_ops import NumpyOps

    fast_ops = load_model(Settings().model, True).get_pipe("tok2vec").model.ops
    plain_ops = load_model(Settings().model, False).get_pipe("tok2vec").model.ops
    assert isinstance(fast_ops, NumpyOps) and not fast_ops.use_blis
    assert plain_ops.use_blis


def ruled(nlp, ruler, texts: list[str]) -> list[list[tuple]]:
    """Texts tagged and parsed, then put through `ruler` and the lemmatizer."""
    skip = [name for name in nlp.pipe_names if name not in ("tok2vec", "tagger", "paragraph_breaks", "parser")]
    out = []
    for doc in nlp.pipe(texts, disable=skip):
        doc = nlp.get_pipe("lemmatizer")(ruler(doc))
        out.append([(t.pos_, t.tag_, t.morph.key, t.lemma_, t.dep_) for t in doc])
    return out


def test_lookup_ruler_sets_what_spacys_ruler_sets():
    from dyads.coding.nlp import LookupAttributeRuler

    nlp = load_model(Settings().model, False)
    spacys = nlp.get_pipe("attribute_ruler")
    # real text, and the ruler's multi-token and relation-dependent exceptions
    texts = real_texts() + ["They're gonna say it ain't so, y'all.", "There were protests; there's a truce.",
                            "C'mon, let's go: I told you it did, and you had it.", "We got ta leave ol' Tom."]
    assert ruled(nlp, LookupAttributeRuler(spacys), texts) == ruled(nlp, spacys, texts)


def test_the_fast_pipeline_uses_the_lookups_and_the_plain_one_does_not():
    assert {"lookup_attribute_ruler", "memo_lemmatizer"} <= set(load_model(Settings().model, True).pipe_names)
    assert {"attribute_ruler", "lemmatizer"} <= set(load_model(Settings().model, False).pipe_names)


def test_the_fast_pipeline_decodes_the_parser_and_recogniser_holding_the_lock():
    from dyads.coding.nlp import HeldLockDecoder

    fast, plain = load_model(Settings().model, True), load_model(Settings().model, False)
    for name in ("parser", "ner"):
        assert isinstance(fast.get_pipe(name), HeldLockDecoder)
        assert not isinstance(plain.get_pipe(name), HeldLockDecoder)
    assert [n for n in fast.pipe_names if n in ("tok2vec", "tagger", "parser", "ner")] == \
        [n for n in plain.pipe_names if n in ("tok2vec", "tagger", "parser", "ner")]


def test_a_pattern_beyond_the_lookup_ruler_is_refused():
    import spacy

    from dyads.coding.nlp import LookupAttributeRuler, UnsupportedRule

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "on", "OP": "+"}]], {"POS": "ADP"})
    with pytest.raises(UnsupportedRule, match="OP"):
        LookupAttributeRuler(ruler)


def test_entities_added_later_give_the_records_a_full_conversion_gives():
    from dyads.coding.nlp import add_sentence_entities, kept_sentences, parse_passages, sentences_of, with_entities

    texts = real_texts()
    nlp = load_model(Settings().model, True)
    handles = [handle for handle, _ in parse_passages(nlp, ((t, None) for t in texts), 64, entities=False)]
    before = [sentences_of(handle, "x", 7, 0) for handle in handles]
    assert any(sentence.entities for sentences in before for sentence in sentences) is False
    add_sentence_entities(nlp, [(handle, list(range(len(kept_sentences(handle))))) for handle in handles], 64)
    for handle, sentences in zip(handles, before, strict=True):
        assert with_entities(handle, sentences) == sentences_of(handle, "x", 7, 0)
    assert sum(len(s.entities) for handle, sentences in zip(handles, before, strict=True)
               for s in with_entities(handle, sentences)) > 300


def test_a_sentence_is_recognised_on_its_own_and_its_neighbours_are_left_alone():
    from dyads.coding.nlp import add_sentence_entities, parse_passages, sentences_of, with_entities

    nlp = load_model(Settings().model, True)
    passage = ("Rebels attacked a convoy near Goma on Tuesday. Officials in Kinshasa said the army "
               "would respond. The United Nations mission in Congo condemned the attack.")
    handle = next(parse_passages(nlp, [(passage, None)], 8, entities=False))[0]
    sentences = sentences_of(handle, "x", 0, 0)
    add_sentence_entities(nlp, [(handle, [0, 2])], 8)
    recognised = with_entities(handle, sentences)
    alone = [[(e.text, e.label_) for e in nlp(s.text).ents] for s in sentences]
    for k in (0, 2):
        tokens = recognised[k].tokens
        got = [(" ".join(t.text for t in tokens[e.first:e.last]), e.label) for e in recognised[k].entities]
        assert got == alone[k] and got
    assert recognised[1].entities == () and {t.ent_iob for t in recognised[1].tokens} == {""}
    assert {t.ent_iob for t in recognised[0].tokens} <= {"B", "I", "O"}
