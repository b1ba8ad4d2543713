"""kill -9 in the middle of an ingest, start again: the same tables as an uninterrupted run."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from dyads.corpus.ingest import ingest
from dyads.corpus.store import LOCKED_MESSAGE
from tests.corpus_helpers import CLI, all_tables, data_dir_args, settings, table_rows

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = 200
TIMEOUT = 180


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    subprocess.run([sys.executable, str(ROOT / "scripts" / "make_corpus.py"),
                    "--articles", str(ARTICLES), "--per-file", "80", "--out", str(out)],
                   check=True, capture_output=True, timeout=60)
    assert len(list(out.glob("*.jsonl.gz"))) == 3
    return out


def test_make_corpus_is_deterministic(corpus, tmp_path):
    subprocess.run([sys.executable, str(ROOT / "scripts" / "make_corpus.py"), "--articles", str(ARTICLES),
                    "--per-file", "80", "--out", str(tmp_path)], check=True, capture_output=True, timeout=60)
    for path in sorted(corpus.iterdir()):
        assert (tmp_path / path.name).read_bytes() == path.read_bytes()


def test_killed_ingest_resumes_to_the_uninterrupted_tables(corpus, tmp_path):
    # the reference: one uninterrupted run, in-process, with other batch boundaries
    reference = tmp_path / "reference.duckdb"
    ingest([corpus], reference, workers=1, settings=settings(), batch_articles=7)
    expected = all_tables(reference)
    assert len(expected["documents"]) > 150 and len(expected["events"]) > 20

    db = tmp_path / "events.duckdb"
    command = [*CLI, "-v", "ingest", str(corpus), "--db", str(db), "--workers", "2", "--commit-every", "16",
               *data_dir_args()]
    first = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, start_new_session=True)
    watchdog = threading.Timer(TIMEOUT, lambda: os.killpg(first.pid, signal.SIGKILL))
    watchdog.start()
    try:
        commits = 0
        for line in first.stderr:
            commits += "committed " in line
            if commits == 3:
                break
        assert commits == 3, "the ingest ended before committing three batches"
        # a second ingest while the first one writes: refused, with a clear message
        second = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT)
        assert second.returncode == 1 and LOCKED_MESSAGE in second.stderr
        os.killpg(first.pid, signal.SIGKILL)  # the ingest and its workers, mid-run
        first.wait(timeout=30)
    finally:
        watchdog.cancel()
    assert first.returncode == -signal.SIGKILL
    partial = len(table_rows(db, "documents"))
    assert 0 < partial < len(expected["documents"])

    resumed = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT)
    assert resumed.returncode == 0, resumed.stderr
    stored, skipped = map(int, re.search(r"(\d+) article\(s\) stored, (\d+) already stored", resumed.stderr).groups())
    documents = len(expected["documents"])
    assert (stored, skipped) == (documents - partial, partial + ARTICLES - documents)  # the rest are reprints
    actual = all_tables(db)
    for table, rows in expected.items():
        assert actual[table] == rows, f"table {table} differs after kill and resume"
