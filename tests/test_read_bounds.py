"""The reader's bounds: nothing read unbounded, nothing dropped in silence (issue 18).

Each input is a real file made in tmp_path; each limit is met with a small Settings value, so
that the files stay small and the tests fast.
"""

from __future__ import annotations

import gzip
import io
import json
import random
import tempfile
import tracemalloc
import zlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dyads.corpus.read import HTML_PARSER_DEPTH, nonblank_lines, read_path
from dyads.errors import InputError
from dyads.model import Article
from dyads.settings import Settings
from tests.conftest import VIENNA

VIENNA_TEXT = VIENNA.read_text(encoding="utf-8")
WORDS = ("Iran Russia Turkey Syria talks met condemned the attack in Moscow on Tuesday minister "
         "foreign said agreed ceasefire").split()


def sentences(rng: random.Random, count: int) -> str:
    return " ".join(" ".join(rng.choice(WORDS) for _ in range(12)).capitalize() + "." for _ in range(count))


def kinds(items: list) -> list[str]:
    return [type(item).__name__ for item in items]


# 1. the size of a file is checked before it is read ------------------------------------------

def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "dump.txt"
    with path.open("wb") as handle:  # 64 MB, sparse: no disk used
        handle.truncate(64_000_000)
    tracemalloc.start()
    try:
        [error] = read_path(path, settings=Settings(max_article_bytes=1_000_000))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert isinstance(error, InputError)
    assert str(path) in str(error) and "64,000,000 bytes" in str(error) and "1,000,000-byte limit" in str(error)
    assert peak < 1_000_000  # reading it would have held 64 MB


def test_a_gzipped_article_over_the_limit_is_refused_at_the_limit(tmp_path):
    path = tmp_path / "long.txt.gz"
    path.write_bytes(gzip.compress(b"Iran and Russia met. " * 100_000))  # 2.1 MB of text
    [error] = read_path(path, settings=Settings(max_article_bytes=1_000_000))
    assert isinstance(error, InputError)
    assert str(path) in str(error) and "more than 1,000,000 bytes" in str(error)


# 2. gzip is streamed, with a limit on what it decompresses to -------------------------------

def test_a_gzip_bomb_stops_at_the_ratio_limit_and_keeps_what_came_before(tmp_path):
    path = tmp_path / "bomb.jsonl.gz"
    first = json.dumps({"id": "first", "text": VIENNA_TEXT}).encode()
    last = json.dumps({"id": "last", "text": "Russia and Turkey held talks."}).encode()
    path.write_bytes(gzip.compress(first + b"\n" * 30_000_000 + last + b"\n"))
    small = Settings(max_article_bytes=1_000_000, max_gzip_ratio=100)
    items = list(read_path(path, settings=small))
    assert kinds(items) == ["Article", "InputError"]
    assert items[0].doc_id == "first"
    limit = 100 * path.stat().st_size
    assert limit < 30_000_000  # the limit stops it before the end
    message = str(items[1])
    assert str(path) in message and "max_gzip_ratio" in message and f"{limit:,} bytes" in message
    assert "after record 1" in message


def test_a_gzip_within_the_ratio_limit_is_read_whole(tmp_path):
    rng = random.Random(7)
    records = [{"id": str(n), "text": sentences(rng, 20)} for n in range(300)]
    path = tmp_path / "corpus.jsonl.gz"
    path.write_bytes(gzip.compress("".join(json.dumps(r) + "\n" for r in records).encode()))
    items = list(read_path(path, settings=Settings(max_article_bytes=100_000)))
    assert [item.doc_id for item in items] == [r["id"] for r in records]


# 3. one JSONL record has the limit of one article -------------------------------------------

@pytest.mark.parametrize(("limit", "big"), [(10_000, 20_000), (1_500_000, 3_000_000)])
def test_a_jsonl_record_over_the_limit_fails_alone(tmp_path, limit, big):
    path = tmp_path / "records.jsonl"
    lines = [json.dumps({"id": "a", "text": "Iran's foreign minister met his Russian counterpart."}),
             json.dumps({"id": "big", "text": "Iran and Russia met. " * (big // 21)}),
             "",
             json.dumps({"id": "c", "text": "Russia and Turkey held talks."})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_path(path, settings=Settings(max_article_bytes=limit)))
    assert kinds(items) == ["Article", "InputError", "Article"]
    assert f"{path}:2: " in str(items[1]) and f"{limit:,}-byte limit" in str(items[1])
    assert items[2].doc_id == "c" and items[2].origin == f"{path}:4"


def test_the_same_text_as_a_file_and_as_a_record_meets_the_same_limit(tmp_path):
    text = "Iran and Russia met. " * 1_000
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "a.jsonl").write_text(json.dumps({"text": text}) + "\n", encoding="utf-8")
    small = Settings(max_article_bytes=len(text) - 1)
    for name in ("a.txt", "a.jsonl"):
        [error] = read_path(tmp_path / name, settings=small)
        assert isinstance(error, InputError) and f"{len(text) - 1:,}-byte limit" in str(error)


class Trickle(io.BytesIO):
    """A stream that hands out its bytes in pieces of random sizes (chunk edges everywhere)."""

    def __init__(self, data: bytes, seed: int) -> None:
        super().__init__(data)
        self.rng = random.Random(seed)

    def read1(self, size: int = -1, /) -> bytes:
        return super().read1(self.rng.randint(1, 7))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([b"\n", b" ", b"\t", b"\r\n", b"x", b"{}", b"abc"]), max_size=60),
       st.integers(0, 8), st.integers(0, 2**16))
def test_nonblank_lines_are_the_split_lines_whatever_the_chunks(pieces, limit, seed):
    data = b"".join(pieces)
    expected = [(number, line if len(line) <= limit else None, len(line))
                for number, line in enumerate(data.split(b"\n"), start=1) if line.strip()]
    got = [(line.number, line.data.lstrip() if line.data else line.data, line.size)
           for line in nonblank_lines(Trickle(data, seed), limit)]
    assert got == [(n, line.lstrip() if line else line, size) for n, line, size in expected]


# 4. a truncated gzip keeps its complete records ---------------------------------------------

def test_a_truncated_jsonl_gz_keeps_its_complete_records(tmp_path):
    rng = random.Random(3)
    records = [{"id": str(n), "text": sentences(rng, 8)} for n in range(200)]
    whole = gzip.compress("".join(json.dumps(r) + "\n" for r in records).encode())
    cut = whole[: len(whole) * 6 // 10]
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(cut)
    recoverable = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(cut).count(b"\n")  # as zcat
    assert 0 < recoverable < 200
    items = list(read_path(path))
    assert kinds(items) == ["Article"] * recoverable + ["InputError"]
    assert [item.doc_id for item in items[:-1]] == [str(n) for n in range(recoverable)]
    assert str(path) in str(items[-1]) and f"truncated after record {recoverable} " in str(items[-1])


def test_a_corrupt_gzip_keeps_the_records_before_the_damage(tmp_path):
    rng = random.Random(5)
    records = [{"id": str(n), "text": sentences(rng, 8)} for n in range(200)]
    whole = bytearray(gzip.compress("".join(json.dumps(r) + "\n" for r in records).encode()))
    whole[len(whole) // 2: len(whole) // 2 + 64] = bytes(64)  # a run of zeros in the middle
    path = tmp_path / "damaged.jsonl.gz"
    path.write_bytes(bytes(whole))
    items = list(read_path(path))
    assert isinstance(items[-1], InputError) and str(path) in str(items[-1])
    assert "cannot decompress after record" in str(items[-1]) and "damaged" in str(items[-1])
    kept = [item for item in items if isinstance(item, Article)]  # what came before the damage
    assert kept and [item.doc_id for item in kept] == [str(n) for n in range(len(kept))]


# 6. deep HTML is kept (or refused by name), never cut in silence ----------------------------

PAGE = ("<html><head><title>Talks</title></head><body><article><h1>Iran and Russia hold talks</h1>"
        "<p>Iran's foreign minister held talks with his Russian counterpart in Moscow on Tuesday, "
        "discussing the war in Syria at length and agreeing to meet again next month.</p>{nest}"
        "<p>After the talks, the two ministers said they would meet again in Tehran in April.</p>"
        "</article></body></html>")
DEEP = "<p>The deep paragraph says that Turkey condemned the attack by Israel on Friday.</p>"


def nested(depth: int) -> str:
    return PAGE.format(nest="<div>" * depth + DEEP + "</div>" * depth)


def test_text_nested_a_thousand_elements_deep_is_kept(tmp_path):
    path = tmp_path / "deep.html"
    path.write_text(nested(1_000), encoding="utf-8")
    [article] = read_path(path)
    assert isinstance(article, Article)
    assert "Turkey condemned the attack" in article.text and "meet again in Tehran" in article.text


def test_html_nested_past_the_parser_limit_is_a_named_failure(tmp_path):
    path = tmp_path / "deeper.html"
    path.write_text(nested(HTML_PARSER_DEPTH + 100), encoding="utf-8")
    [error] = read_path(path)
    assert isinstance(error, InputError)
    assert str(path) in str(error) and f"{HTML_PARSER_DEPTH:,} elements" in str(error)


def test_a_shallow_page_reads_as_before(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(nested(3), encoding="utf-8")
    [article] = read_path(path)
    assert article.title == "Iran and Russia hold talks"
    assert article.text.splitlines()[0].startswith("Iran's foreign minister held talks")


# every line of a JSONL file is an article or a failure that names it -----------------------

RECORD = st.fixed_dictionaries({"text": st.text(max_size=200)}, optional={
    "html": st.text(max_size=200).map(lambda body: f"<html><body><p>{body}</p></body></html>"),
    "date": st.sampled_from(["2016-03-26", "not a date", "", "2016-02-30"]),
    "id": st.integers() | st.text(max_size=5)})
LINE = st.one_of(
    RECORD.map(json.dumps),
    RECORD.map(lambda record: json.dumps(record, ensure_ascii=False)),
    st.text(max_size=60).filter(lambda text: "\n" not in text and "\r" not in text),
    st.sampled_from(["", "   ", "[1, 2]", "null", '{"text": "Iran met Russia."', '{"title": "none"}']))


@settings(max_examples=60, deadline=None)
@given(st.lists(LINE, max_size=12), st.booleans())
def test_every_nonblank_jsonl_line_is_an_article_or_a_failure_naming_it(lines, gzipped):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / ("in.jsonl.gz" if gzipped else "in.jsonl")
        data = "\n".join(lines).encode("utf-8", "surrogatepass")
        path.write_bytes(gzip.compress(data) if gzipped else data)
        items = list(read_path(path, settings=Settings(max_article_bytes=500)))
    expected = [f"{path}:{number}" for number, line in enumerate(data.split(b"\n"), start=1) if line.strip()]
    origins = [item.origin if isinstance(item, Article) else str(item).split(": ")[0].removeprefix("[E001] ")
               for item in items]
    assert origins == (expected or [str(path)])  # an empty file is one failure
