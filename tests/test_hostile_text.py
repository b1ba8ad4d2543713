"""Odd and hostile text: invisible characters, sentences without end, articles without end, and
coding that does not stop. Each is coded as far as the limits allow, and what is over a limit
is recorded where the caller sees it."""

from __future__ import annotations

import json
import sys
import time
import unicodedata
from dataclasses import replace

import pytest

from dyads import workers
from dyads.api import coder_for
from dyads.coder import Coder
from dyads.coding.normalise import FORMAT_CHARACTER_RANGES, normalise
from dyads.corpus.read import make_article
from dyads.errors import LimitError
from dyads.model import Article, CodedArticle
from dyads.settings import Settings
from tests.conftest import GOLD

# A gold sentence (events-core d091) and the words the characters go in and after.
SENTENCE = "France and Germany condemned the Russian government over the annexation of Crimea."
WORDS = ("condemned", "Russian")

FORMAT_CHARACTERS = [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"]


def coder_with(**limits) -> Coder:
    """The facade's coder (its model and knowledge) with other limits."""
    base = coder_for()
    return Coder(replace(base.settings, **limits), base.knowledge, base.nlp)


def triples(coded: CodedArticle) -> list[tuple]:
    return sorted((e.code, e.source.code, e.target.code if e.target else None) for e in coded.events)


def visible(text: str) -> str:
    return "".join(c for c in text if unicodedata.category(c) != "Cf")


def evidence(coded: CodedArticle) -> list[tuple]:
    """Each event's words as its offsets find them in the article's own text, with the format
    characters taken out: they must be the words of the clean sentence."""
    text = coded.article.text
    out = []
    for e in coded.events:
        spans = [(e.trigger_start, e.trigger_end, e.trigger), (e.sentence_start, e.sentence_end, e.sentence),
                 (e.source.start, e.source.end, e.source.text)]
        if e.target:
            spans.append((e.target.start, e.target.end, e.target.text))
        for start, end, words in spans:
            assert text[start:end] == words
        out.append(tuple(visible(text[start:end]) for start, end, _ in spans))
    return sorted(out)


# --- 1. format characters and NFC -------------------------------------------------------------

def test_the_listed_format_characters_are_unicodes():
    listed = [chr(c) for a, b in FORMAT_CHARACTER_RANGES for c in range(a, b + 1)]
    assert listed == FORMAT_CHARACTERS


def test_every_format_character_inside_or_after_a_word_keeps_the_events_and_their_offsets():
    coder = coder_for()
    [clean] = list(coder.code([Article("clean", SENTENCE)]))
    assert len(triples(clean)) >= 2
    variants = []
    for char in FORMAT_CHARACTERS:
        for word in WORDS:
            variants.append(SENTENCE.replace(word, word[:3] + char + word[3:]))  # inside
            variants.append(SENTENCE.replace(word, word + char))  # after
    coded = list(coder.code([Article(f"v{n}", text) for n, text in enumerate(variants)]))
    lost = [repr(item.article.text) for item in coded if triples(item) != triples(clean)]
    assert lost == []
    moved = [repr(item.article.text) for item in coded if evidence(item) != evidence(clean)]
    assert moved == []


def test_a_soft_hyphen_in_the_issues_sentence():
    coder = coder_for()
    text = "Iran condemned the attack by Israel."
    [clean] = list(coder.code([Article("clean", text)]))
    for variant in ("Iran condemned\u00ad the attack by Israel.", "Iran con\u00addemned the attack by Israel.",
                    "\u200fIran condemned the attack by\u200b Israel.\ufeff"):
        [item] = list(coder.code([Article("v", variant)]))
        assert triples(item) == triples(clean) != []
        trigger = next(e for e in item.events if e.code == "111")
        assert visible(variant[trigger.trigger_start:trigger.trigger_end]) == "condemned"


def test_a_letter_and_its_combining_accent_are_the_composed_letter():
    text = "Turkish President Recep Tayyip Erdoğan met Vladimir Putin in Sochi."
    decomposed = unicodedata.normalize("NFD", text)
    assert decomposed != text
    [clean, item] = list(coder_for().code([Article("nfc", text), Article("nfd", decomposed)]))
    assert triples(item) == triples(clean) != []

    def words(coded: CodedArticle) -> list[tuple]:
        at = coded.article.text
        return sorted((e.code, *(unicodedata.normalize("NFC", at[a.start:a.end]) for a in (e.source, e.target) if a))
                      for e in coded.events)

    assert words(item) == words(clean)
    assert "Turkish President Recep Tayyip Erdoğan" in {e.source.text for e in clean.events}


def test_normalised_offsets_map_back_character_by_character():
    original = "a\u00adb e\u0301t\u200b\u200bé\ufeff \u1100\u1161x"
    normalised = normalise(original)
    assert normalised.text == unicodedata.normalize("NFC", visible(original)) == "ab ét\u00e9 \uac00x"
    pieces = [original[normalised.start(i):normalised.end(i + 1)] for i in range(len(normalised.text))]
    assert pieces == ["a", "b", " ", "e\u0301", "t", "é", " ", "\u1100\u1161", "x"]
    assert normalise("plain ASCII").layers == ()


def test_words_joined_by_an_underscore_are_read_as_words_and_keep_their_offsets():
    # "Prince of Dol_Amroth", as TABARI writes a name of several words: the words the dictionaries name;
    # an underscore that joins no two letters ("__init__", "3_4") is left as it is
    normalised = normalise("Hanoi accused the Khmer_Rouge of a raid near dir __init__ 3_4.")
    assert normalised.text == "Hanoi accused the Khmer Rouge of a raid near dir __init__ 3_4."
    assert normalised.changed
    assert [normalised.start(i) for i in (18, 23, 24)] == [18, 23, 24]
    [plain, joined] = coder_for().code([Article("a", "Vietnam accused the Khmer Rouge of attacking Thailand."),
                                        Article("b", "Vietnam accused the Khmer_Rouge of attacking Thailand.")])
    assert triples(joined) == triples(plain) != []
    # the records quote the text as written
    assert [e.target.text for e in joined.events if e.target] == ["Khmer_Rouge"]


# --- 2. length limits ---------------------------------------------------------------------------

def gold_words(count: int) -> str:
    """Real words without punctuation: the event gold sentences' words, one long line."""
    words = []
    for line in (GOLD / "events-core.jsonl").read_text(encoding="utf-8").splitlines():
        words += "".join(c for c in json.loads(line)["text"] if c.isalnum() or c.isspace()).split()
    return " ".join((words * (count // len(words) + 1))[:count])


def test_a_sentence_without_end_is_parsed_in_pieces_and_recorded():
    coder = coder_with(max_sentence_chars=400)
    text = gold_words(1_500)
    [coded] = list(coder.code([make_article(text, origin="salad.txt")]))
    assert coded.events  # the pieces are coded
    assert all(len(s.text) <= 400 for s in coded.sentences)
    [breach] = coded.breaches
    assert breach.origin == "salad.txt" and breach.error_code == LimitError.code
    assert "max_sentence_chars" in breach.reason and f"{len(text):,} characters at offset 0" in breach.reason


def test_the_trace_parses_a_sentence_without_end_in_pieces_too():
    coder = coder_with(max_sentence_chars=400)
    [coded] = list(coder.code([make_article(gold_words(600), origin="salad.txt")], trace=True))
    assert all(len(s.text) <= 400 for s in coded.sentences) and len(coded.breaches) == 1


def test_an_article_over_the_length_limit_is_coded_up_to_it_and_recorded():
    coder = coder_with(max_article_chars=2_000)
    paragraphs = [SENTENCE] * 100
    [coded] = list(coder.code([make_article("\n".join(paragraphs), origin="long.txt")]))
    assert coded.article.text.count(SENTENCE) == 100  # the article is kept whole
    assert 0 < max(e.sentence_end for e in coded.events) <= 2_000
    [breach] = coded.breaches
    assert breach.origin == "long.txt" and "max_article_chars" in breach.reason
    # paragraphs of 82 characters and 2 breaks: cut after the 23rd, the last to end within the limit
    assert breach.reason.startswith(f"{len(coded.article.text):,} characters")
    assert breach.reason.endswith("only the first 1,932 were coded")


def test_normal_text_goes_over_no_limit():
    coded = list(coder_for().code([make_article(SENTENCE * 20, origin="t")]))
    assert coded[0].breaches == ()


def test_a_breach_reaches_the_failures_table(tmp_path, monkeypatch):
    from dyads.corpus.ingest import ingest
    from dyads.corpus.store import EventStore

    coder = coder_with(max_sentence_chars=400)
    monkeypatch.setattr(workers, "_worker", (coder.settings, coder))  # the worker's coder, not a new load
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "salad.txt").write_text(gold_words(600), encoding="utf-8")
    (corpus / "fine.txt").write_text(SENTENCE, encoding="utf-8")
    report = ingest([corpus], tmp_path / "events.duckdb", workers=1, settings=coder.settings)
    assert report.stored == 2
    with EventStore(tmp_path / "events.duckdb", read_only=True) as store:
        failures = store.failures()
    assert list(failures["origin"]) == [str(corpus / "salad.txt")]
    assert "max_sentence_chars" in failures["reason"][0] and failures["error_code"][0] == "E007"


# --- 3. the time budget -----------------------------------------------------------------------

class SpinningCoder:
    """Codes an article at once, unless its text is "spin": then it spins for a minute of CPU
    first (unless stopped)."""

    def __init__(self, seconds: float) -> None:
        self.settings = Settings(max_article_seconds=seconds)

    def code(self, articles):
        for article in articles:
            if article.text == "spin":
                until = time.process_time() + 60
                while time.process_time() < until:
                    pass
            yield CodedArticle(article, (), ())


def test_an_article_over_its_time_budget_fails_alone_and_is_recorded():
    articles = [Article("a", "fine", origin="a.txt"), Article("b", "spin", origin="b.txt"),
                Article("c", "fine", origin="c.txt")]
    coded, failures = workers.code_isolated(articles, SpinningCoder(0.3))  # type: ignore[arg-type]
    assert [item.article.origin for item in coded] == ["a.txt", "c.txt"]
    [failure] = failures
    assert failure.origin == "b.txt" and failure.error_code == LimitError.code
    assert "max_article_seconds" in failure.reason


def test_the_time_budget_leaves_the_timer_as_it_found_it():
    import signal

    before = signal.getsignal(signal.SIGPROF)
    workers.code_isolated([Article("a", "fine")], SpinningCoder(5))  # type: ignore[arg-type]
    assert signal.getsignal(signal.SIGPROF) is before and signal.getitimer(signal.ITIMER_PROF) == (0.0, 0.0)


@pytest.mark.parametrize("text", ["A. " * 2_000, "( " * 2_000 + "x", "\u0301" * 3_000, "\u200b" * 3_000 + SENTENCE])
def test_degenerate_text_is_coded_or_recorded(text):
    [coded] = list(coder_for().code([Article("d", text)]))
    for event in coded.events:
        assert 0 <= event.sentence_start <= event.trigger_start < event.trigger_end <= event.sentence_end <= len(text)


# --- 4. what made long passages cost the square of their length ---------------------------------

def test_the_entities_of_each_sentence_are_spacys():
    from dyads.coding.nlp import entities_within, kept_sentences

    nlp = coder_for().nlp
    sentences = [json.loads(line)["text"] for line in (GOLD / "events-core.jsonl").read_text(encoding="utf-8")
                 .splitlines()]
    doc = nlp(" ".join(sentences))  # one passage of many sentences, entities and all
    spans = kept_sentences(doc)
    assert sum(len(found) for found in entities_within(doc, spans)) > 100
    assert [[(e.start, e.end, e.label_) for e in found] for found in entities_within(doc, spans)] == \
        [[(e.start, e.end, e.label_) for e in span.ents] for span in spans]


def test_a_run_of_initials_is_cut_as_before():
    from dyads.coding.prefilter import sentence_spans

    text = "A. B. C. The U.S. Treasury acted. " * 50 + "Gen. Petraeus left. U.S.A. Ltd. Talks ended."
    assert [text[a:b] for a, b in sentence_spans(text)][-3:] == [
        "A. B. C. The U.S. Treasury acted. ", "Gen. Petraeus left. ", "U.S.A. Ltd. Talks ended."]
