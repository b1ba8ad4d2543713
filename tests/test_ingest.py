import errno
import gc
import gzip
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

import dyads.cli.corpus  # noqa: F401 - registers the corpus commands on dyads.cli.main
from dyads.cli import main
from dyads.corpus.ingest import WRITER_THREADS, expand_paths, ingest
from dyads.corpus.read import clean_text, is_boilerplate, read_path
from dyads.corpus.store import EventStore
from dyads.errors import InputError
from dyads.workers import WORKER_GC_THRESHOLDS, start_worker
from tests.conftest import VIENNA
from tests.corpus_helpers import data_dir_args, settings, write_jsonl

VIENNA_TEXT = VIENNA.read_text(encoding="utf-8")


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


# The walk of a folder and the names of failures (issue 18) ---------------------------------

def broken_folder(root):
    """A folder with one good article and every kind of entry a walk cannot follow; returns
    (folder, {entry name: a word its failure's reason holds})."""
    folder = root / "corpus"
    folder.mkdir()
    (folder / "good.txt").write_text(VIENNA_TEXT, encoding="utf-8")
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4")  # not an input: passed over, as before
    (folder / "sub").mkdir()
    (folder / "sub" / "inner.txt").write_text("Russia and Turkey held talks in Ankara.", encoding="utf-8")
    (folder / "locked").mkdir()
    (folder / "locked" / "hidden.txt").write_text("Iran and Russia met.", encoding="utf-8")
    os.symlink(folder / "gone.txt", folder / "dangling.txt")
    os.symlink(folder / "loop-b.txt", folder / "loop-a.txt")
    os.symlink(folder / "loop-a.txt", folder / "loop-b.txt")
    os.symlink(folder, folder / "sub" / "back")  # a linked folder that leads back up
    return folder, {"dangling.txt": "broken symbolic link", "loop-a.txt": "symbolic link loop",
                    "loop-b.txt": "symbolic link loop", "sub/back": "symbolic link loop",
                    "locked": "cannot list the folder (Permission denied)"}


@pytest.fixture
def locked_folders(monkeypatch):
    """os.scandir refuses folders named "locked", as it does an unreadable folder for a user
    other than root (the tests run as root, who may read every folder)."""
    real_scandir = os.scandir

    def scandir(path="."):
        if os.path.basename(os.fspath(path)) == "locked":
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)


def test_a_walk_keeps_what_it_cannot_follow_and_reading_says_why(tmp_path, locked_folders):
    folder, expected = broken_folder(tmp_path)
    files = expand_paths([folder])
    names = [str(path.relative_to(folder)) for path in files]
    assert names == sorted(["good.txt", "sub/inner.txt", *expected])
    for path in files:
        name = str(path.relative_to(folder))
        if name in expected:
            [error] = read_path(path)
            assert isinstance(error, InputError) and str(path) in str(error)
            assert expected[name] in str(error), (name, str(error))


def test_a_glob_walks_the_folders_and_keeps_the_broken_links_it_matches(tmp_path):
    folder, _ = broken_folder(tmp_path)
    assert expand_paths([str(folder / "s*")]) == [folder / "sub" / "back", folder / "sub" / "inner.txt"]
    assert expand_paths([str(folder / "dang*")]) == [folder / "dangling.txt"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every folder")
def test_a_folder_without_read_permission_is_a_failure(tmp_path):
    folder, _ = broken_folder(tmp_path)
    (folder / "locked").chmod(0)
    try:
        [error] = read_path(next(p for p in expand_paths([folder]) if p.name == "locked"))
    finally:
        (folder / "locked").chmod(0o755)
    assert "cannot list the folder" in str(error)


def test_every_entry_a_walk_cannot_follow_is_a_failure_of_the_run(tmp_path, locked_folders):
    folder, expected = broken_folder(tmp_path)
    report = ingest([folder], tmp_path / "events.duckdb", workers=1, settings=settings())
    assert report.stored == 2
    reasons = {failure.origin: failure.reason for failure in report.failures}
    assert reasons.keys() == {str(folder / name) for name in expected}
    for name, word in expected.items():
        assert word in reasons[str(folder / name)]
    result = CliRunner().invoke(main, ["ingest", str(folder), "--workers", "1", "--db",
                                       str(tmp_path / "cli.duckdb"), *data_dir_args()])
    assert f"{len(expected)} failure(s)" in result.output


def test_a_folder_named_two_ways_is_one_set_of_names(tmp_path, monkeypatch):
    folder, _ = broken_folder(tmp_path)
    (tmp_path / "alias").symlink_to(folder)
    monkeypatch.chdir(tmp_path)
    assert expand_paths(["corpus"]) == expand_paths([folder]) == expand_paths(["alias/"])
    assert expand_paths(["corpus/good.txt"]) == [folder / "good.txt"]


def test_failures_are_stored_once_however_the_folder_was_named(tmp_path, monkeypatch):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "good.txt").write_text(VIENNA_TEXT, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    write_jsonl(folder / "mixed.jsonl", [{"id": "ok", "text": "Russia and Turkey held talks."},
                                          {"id": "no-text", "title": "a record without text"}])
    db = tmp_path / "events.duckdb"
    monkeypatch.chdir(tmp_path)
    first = ingest(["corpus"], db, workers=1, settings=settings())
    second = ingest([str(folder)], db, workers=1, settings=settings())
    ingest([], db, workers=1, settings=settings(), files=[Path("corpus/empty.txt")])  # as the CLI passes them
    assert first.stored == 2 and second.stored == 0 and second.skipped == 2
    with EventStore(db, read_only=True) as store:
        failures, counts = store.failures(), store.counts()
    assert counts["documents"] == 2
    assert sorted(failures["origin"]) == [str(folder / "empty.txt"), f"{folder / 'mixed.jsonl'}:2"]


def test_the_ingest_process_imports_no_spacy():
    # only the workers code: spaCy in the process that reads and writes would be a CPU second
    # taken from them on every run
    probe = "import sys; import dyads.cli.corpus, dyads.corpus.ingest; print('spacy' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60)
    assert done.stdout.strip() == "False"


def test_a_pool_worker_collects_garbage_less_often():
    before = gc.get_threshold()
    try:
        start_worker(settings(), parent=None)
        assert gc.get_threshold() == WORKER_GC_THRESHOLDS != before
    finally:
        gc.set_threshold(*before)


def test_ingest_writes_with_one_duckdb_thread(tmp_path, monkeypatch):
    threads = []
    write_batch = EventStore.write_batch

    def counting(store, *args, **kwargs):
        threads.append(store.connection.execute("SELECT current_setting('threads')").fetchone()[0])
        return write_batch(store, *args, **kwargs)

    monkeypatch.setattr(EventStore, "write_batch", counting)
    (tmp_path / "vienna.txt").write_text(VIENNA_TEXT, encoding="utf-8")
    report = ingest([tmp_path / "vienna.txt"], tmp_path / "events.duckdb", workers=1, settings=settings(),
                    default_date=date(2015, 12, 2))
    assert report.stored == 1 and report.mentions > 0
    assert threads == [WRITER_THREADS]
