"""Random Unicode, HTML fragments and JSONL lines through the reader and the coder (hypothesis):
nothing crashes, every input is either coded or recorded as a failure, and every offset of a
coded record is inside the article's text and finds the record's words there."""

from __future__ import annotations

import json
import re
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dyads import workers
from dyads.api import coder_for
from dyads.coding.normalise import HYPHEN_BREAK_RE, normalise
from dyads.corpus.read import articles_in_bytes
from dyads.errors import InputError
from dyads.model import Article, CodedArticle

EXAMPLES = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Real words among the random ones, so that some inputs hold events and their offsets are tested.
WORDS = ["Iran", "condemned", "the", "attack", "by", "Israel", "Russia", "met", "Turkey", "in", "Syria", "on",
         "Tuesday", ".", ",", "\n", " ", "\u00ad", "\u200b", "\u200f", "\ufeff", "e\u0301", "Erdog\u0306an",
         "A.", "(", "\u2066", "\U000e0041", "\r\n", "\t"]
unicode_text = st.text(st.characters(blacklist_categories=["Cs"]), max_size=200)
wordy_text = st.lists(st.one_of(st.sampled_from(WORDS), unicode_text), max_size=40).map(" ".join)
SENTENCES = ["France and Germany condemned the Russian government over the annexation of Crimea.",
             "Sergei Lavrov and John Kerry discussed the Syrian crisis by telephone on Sunday.",
             "Gunmen killed five police officers in Kandahar on Monday, officials said.",
             "Turkish President Recep Tayyip Erdoğan met Vladimir Putin in Sochi."]


@st.composite
def noisy_sentences(draw) -> str:
    """Real sentences with random characters and words put in at random places."""
    text = " ".join(draw(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=3)))
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.one_of(st.sampled_from(WORDS), unicode_text.map(lambda t: t[:3]))) + text[at:]
    return text


any_text = st.one_of(unicode_text, wordy_text, noisy_sentences())

TAGS = ["<p>", "</p>", "<div>", "</div>", "<b>", "</b>", "<br>", "<script>", "</script>", "<html><body>",
        "</body></html>", "<!--", "-->", "&amp;", "&#x200b;", "&shy;", "<h1>", "</h1>", "<a href='x'>", "</a>"]
html_fragment = st.lists(st.one_of(st.sampled_from(TAGS), wordy_text), max_size=30).map("".join)

json_value = st.one_of(st.none(), st.booleans(), st.integers(), any_text, st.lists(st.integers(), max_size=3))
record = st.fixed_dictionaries({}, optional={"text": any_text, "html": html_fragment, "date": json_value,
                                             "id": json_value, "title": json_value, "url": json_value})
jsonl_line = st.one_of(record.map(json.dumps), any_text.map(lambda t: t.replace("\n", " ")))
jsonl_file = st.lists(jsonl_line, max_size=6).map("\n".join)


def check_offsets(coded: CodedArticle) -> None:
    text = coded.article.text
    spans = []
    for e in coded.events:
        spans += [(e.trigger_start, e.trigger_end, e.trigger), (e.sentence_start, e.sentence_end, e.sentence),
                  (e.source.start, e.source.end, e.source.text)]
        if e.target:
            spans.append((e.target.start, e.target.end, e.target.text))
        if e.place and e.place.start is not None and e.place.end is not None:
            spans.append((e.place.start, e.place.end, e.place.text))
    for f in coded.figures:
        spans += [(f.start, f.end, f.number_text), (f.sentence_start, f.sentence_end, f.sentence)]
    for start, end, words in spans:
        assert 0 <= start <= end <= len(text)
        assert text[start:end] == words


def read_and_code(inputs: list[tuple[str, bytes]]) -> None:
    """Read each input as a file of that name, code what was read as ingest does; every input
    (every JSONL line) ends up coded or failed."""
    articles, failed = [], set()
    for origin, data in inputs:
        for item in articles_in_bytes(data, origin):
            if isinstance(item, InputError):
                failed.add(str(item).removeprefix(f"[{item.code}] ").split(": ")[0])
            else:
                articles.append(item)
    coded, failures = workers.code_isolated(articles, coder_for())
    for item in coded:
        check_offsets(item)
    assert {item.article.origin for item in coded} | {f.origin for f in failures} >= {a.origin for a in articles}
    expected = set()
    for origin, data in inputs:
        if origin.endswith(".jsonl"):
            # JSONL lines end at "\n" only (a lone "\r" is inside its line: dyads.corpus.read)
            expected |= {f"{origin}:{n}" for n, line in enumerate(data.split(b"\n"), start=1) if line.strip()}
        else:
            expected.add(origin)
    assert expected <= {a.origin for a in articles} | failed


@EXAMPLES
@given(st.lists(any_text, min_size=1, max_size=4))
def test_random_text_files(texts):
    read_and_code([(f"doc{n}.txt", text.encode("utf-8")) for n, text in enumerate(texts)])


@EXAMPLES
@given(st.lists(html_fragment, min_size=1, max_size=3))
def test_random_html_pages(pages):
    read_and_code([(f"page{n}.html", page.encode("utf-8")) for n, page in enumerate(pages)])


@EXAMPLES
@given(jsonl_file)
def test_random_jsonl_lines(lines):
    read_and_code([("records.jsonl", lines.encode("utf-8"))])


@EXAMPLES
@given(st.lists(any_text, min_size=1, max_size=4))
def test_the_coder_takes_any_article_text(texts):
    """Articles made by a program, not the reader: any text, empty or all invisible."""
    articles = [Article(f"a{n}", text, origin=f"a{n}") for n, text in enumerate(texts)]
    for article, coded in zip(articles, coder_for().code(articles), strict=True):
        assert coded.article is article
        check_offsets(coded)


@settings(max_examples=300, deadline=None)
@given(unicode_text, st.data())
def test_normalised_offsets_find_the_normalised_words(text, data):
    normalised = normalise(text)
    composed = unicodedata.normalize("NFC", "".join(c for c in text if unicodedata.category(c) != "Cf"))
    # and a "_" between two letters spaced, as TABARI writes a name of several words ("Dol_Amroth"),
    # and a word broken after its hyphen whole again ("anti- Gondor")
    spaced = re.sub(r"(?<=[^\W\d_])_(?=[^\W\d_])", " ", composed)
    assert normalised.text == HYPHEN_BREAK_RE.sub("", spaced)
    n = len(normalised.text)
    i = data.draw(st.integers(0, n))
    j = data.draw(st.integers(i, n))
    start, end = normalised.start(i), normalised.end(j) if j > i else normalised.start(i)
    assert 0 <= start <= max(start, end) <= len(text)
    if j > i:  # the original words hold the normalised ones (a composed letter maps whole; a "_"
        # cut from one of its letters is not spaced in the slice)
        again = normalise(text[start:end]).text
        # (nor is a hyphen's space joined when the slice cuts the words around it)
        assert normalised.text[i:j] in again or normalised.text[i:j] in again.replace("_", " ") \
            or re.sub(r"-\s+", "-", normalised.text[i:j]) in re.sub(r"-\s+", "-", again)
