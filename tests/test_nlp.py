"""The language-processing stage: its speed choices must not change what spaCy annotates."""

import json

import pytest

from dyads.ingest import make_article
from dyads.nlp import load_model
from dyads.settings import Settings
from tests.conftest import GOLD, TRUCE_PAGE, VIENNA


def real_texts() -> list[str]:
    """Both sample articles, paragraph by paragraph, and every event gold sentence."""
    texts = []
    for sample in (VIENNA, TRUCE_PAGE):
        texts += make_article(sample.read_text(encoding="utf-8"), origin="x").text.splitlines()
    for path in sorted(GOLD.glob("events-*.jsonl")):
        texts += [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [t for t in texts if t.strip()]


def annotations(blas: str, texts: list[str]) -> list[list[tuple]]:
    nlp = load_model(Settings().model, blas)
    return [[(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.is_sent_start, t.ent_type_, t.ent_iob_)
             for t in doc] for doc in nlp.pipe(texts, batch_size=64)]


def test_numpy_blas_annotates_as_spacys_default_does():
    texts = real_texts()
    assert len(texts) > 400
    fast, default = annotations("numpy", texts), annotations("blis", texts)
    differing = [text for text, a, b in zip(texts, fast, default, strict=True) if a != b]
    assert differing == []


def test_the_blas_choice_changes_the_kernels():
    from thinc.backends.numpy_ops import NumpyOps

    numpy_ops = load_model(Settings().model, "numpy").get_pipe("tok2vec").model.ops
    blis_ops = load_model(Settings().model, "blis").get_pipe("tok2vec").model.ops
    assert isinstance(numpy_ops, NumpyOps) and not numpy_ops.use_blis
    assert blis_ops.use_blis


def test_unknown_blas_is_refused_by_name():
    with pytest.raises(ValueError, match="unknown BLAS 'mkl'"):
        load_model(Settings().model, "mkl")
