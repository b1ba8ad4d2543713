import gzip
import json

import pytest

from dyads.corpus.read import clean_text, is_boilerplate, read_path
from dyads.errors import InputError


@pytest.mark.parametrize("line", [
    "SHARE THIS ARTICLE",
    "Press TV’s website can also be accessed at the following alternate addresses:",
    "www.presstv.co.uk",
    "News   /   Politics   /   News",
    "A Syrian man pushes a bicycle with jerrycans on February 23, 2016 in Aleppo. (AFP Photo)",
    "The photo shows a session of peace talks on Syria in Geneva, Switzerland, on March 18, 2016. ©AFP",
    "Follow us on Twitter",
    "Copyright 2016 Example News. All rights reserved.",
])
def test_boilerplate_lines(line):
    assert is_boilerplate(line)


@pytest.mark.parametrize("line", [
    "Syria accuses some Western countries and their regional allies of funding terrorist groups.",
    "The ceasefire, brokered by Russia and the US, came into force across Syria on February 27.",
    "Photographers were barred from the court, lawyers said.",
])
def test_reporting_is_not_boilerplate(line):
    assert not is_boilerplate(line)


def test_clean_text_keeps_paragraphs_apart():
    cleaned = clean_text("Headline here\n\nFirst paragraph.\nSecond paragraph.\n")
    assert cleaned.title == "Headline here"
    assert cleaned.body == "First paragraph.\n\nSecond paragraph."


def collect(path, **kw):
    return list(read_path(path, **kw))


def test_empty_file_is_named_error(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    [err] = collect(path)
    assert isinstance(err, InputError) and "empty.txt" in str(err) and "empty" in str(err)


def test_binary_file_is_named_error(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    [err] = collect(path)
    assert isinstance(err, InputError) and "binary" in str(err) and "image.txt" in str(err)


def test_invalid_utf8_is_named_error(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Le président a rencontré".encode("latin-1"))
    [err] = collect(path)
    assert isinstance(err, InputError) and "UTF-8" in str(err) and "latin1.txt" in str(err)


def test_oversized_file_is_named_error(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"Iran and Russia met. " * (50_000_000 // 21 + 10))
    [err] = collect(path)
    assert isinstance(err, InputError) and "limit" in str(err) and "huge.txt" in str(err)


def test_jsonl_bad_line_does_not_stop_the_rest(tmp_path):
    path = tmp_path / "articles.jsonl"
    lines = [
        json.dumps({"id": "a", "text": "Iran's foreign minister met his Russian counterpart.",
                    "date": "2015-12-02"}),
        "{not json",
        json.dumps({"id": "c", "title": "no text"}),
        json.dumps({"id": "d", "text": "Russia and Turkey held talks.", "date": "2016-01-05"}),
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    items = collect(path)
    assert [type(i).__name__ for i in items] == ["Article", "InputError", "InputError", "Article"]
    assert "articles.jsonl:2" in str(items[1]) and "articles.jsonl:3" in str(items[2])
    assert items[0].date.isoformat() == "2015-12-02" and items[3].doc_id == "d"


def test_truncated_gzip_is_named_error(tmp_path):
    path = tmp_path / "corpus.jsonl.gz"
    data = gzip.compress(b'{"text": "Iran met Russia."}\n' * 100)
    path.write_bytes(data[: len(data) // 2])
    [err] = collect(path)
    assert isinstance(err, InputError) and "corpus.jsonl.gz" in str(err)


def test_html_page_is_extracted(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>Talks</title></head><body><nav>Home | World | Politics</nav>"
        "<article><h1>Iran and Russia hold talks</h1><p>Iran's foreign minister held talks "
        "with his Russian counterpart in Moscow on Tuesday, discussing the war in Syria at "
        "length and agreeing to meet again next month.</p><p>The two ministers also discussed "
        "the nuclear agreement and regional security in the Persian Gulf.</p></article>"
        "<footer>SHARE THIS ARTICLE</footer></body></html>", encoding="utf-8")
    [article] = collect(path)
    assert "Russian counterpart" in article.text
    assert "SHARE" not in article.text
