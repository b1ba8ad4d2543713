"""Built dictionaries, prefilter and gazetteer are kept on disk between processes
(dyads.knowledge.buildcache): loaded when their key matches, rebuilt when it does not or the entry is
damaged, and the same as a fresh build."""

from __future__ import annotations

import logging
import os
import pickle
import subprocess
import sys
from dataclasses import dataclass, field

import pytest

from dyads.knowledge.buildcache import (
    CACHE_ENVIRONMENT,
    KEEP_ENTRIES,
    LazyTable,
    cached,
    package_key,
    packed_fields,
    tree_key,
)
from dyads.knowledge.knowledge import Knowledge
from dyads.knowledge.sources import DataSources
from dyads.model import DictionaryRef


@pytest.fixture
def cache_in(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_ENVIRONMENT, str(tmp_path))
    return tmp_path


def test_the_second_call_loads_what_the_first_built(cache_in):
    builds = []

    def build() -> dict:
        builds.append(1)
        return {"answer": 42}

    assert cached("thing", build) == {"answer": 42}
    assert cached("thing", build) == {"answer": 42}
    assert len(builds) == 1
    assert [p.name for p in cache_in.iterdir()] == [f"thing-{package_key()}.pickle"]


def test_a_damaged_entry_is_rebuilt_with_a_warning(cache_in, caplog):
    (cache_in / f"thing-{package_key()}.pickle").write_bytes(b"not a pickle")
    with caplog.at_level(logging.WARNING):
        assert cached("thing", lambda: [1, 2]) == [1, 2]
    assert "unreadable" in caplog.text
    assert pickle.loads((cache_in / f"thing-{package_key()}.pickle").read_bytes()) == [1, 2]


def test_off_builds_every_time_and_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_ENVIRONMENT, "off")
    builds = []
    for _ in range(2):
        cached("thing", lambda: builds.append(1))
    assert len(builds) == 2 and not list(tmp_path.iterdir())


def test_the_key_changes_with_any_source_or_data_file(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "countries.yaml").write_text("Iran: IRN\n")
    (tmp_path / "loader.py").write_text("x = 1\n")
    before = tree_key(tmp_path)
    (tmp_path / "data" / "countries.yaml").write_text("Iran: IRQ\n")
    after_data = tree_key(tmp_path)
    (tmp_path / "loader.py").write_text("x = 2\n")
    assert len({before, after_data, tree_key(tmp_path)}) == 3
    (tmp_path / "notes.bin").write_bytes(b"\x00")  # not source or data: no effect
    assert tree_key(tmp_path) == tree_key(tmp_path)


def test_cached_knowledge_is_the_fresh_one(cache_in):
    fresh = Knowledge.build(DataSources.layered())
    # written by one process, read by another, as workers do
    for _ in range(2):
        subprocess.run([sys.executable, "-c", "from dyads.knowledge.knowledge import Knowledge; Knowledge.load()"],
                       check=True, env={**os.environ, CACHE_ENVIRONMENT: str(cache_in)})
    [entry] = cache_in.glob("knowledge-*.pickle")
    loaded = pickle.loads(entry.read_bytes())
    assert loaded.actors.names == fresh.actors.names
    assert loaded.actors.roles == fresh.actors.roles
    assert loaded.patterns.verbs == fresh.patterns.verbs and loaded.patterns.nouns == fresh.patterns.nouns
    assert loaded.patterns.base_verbs == fresh.patterns.base_verbs
    assert loaded.gazetteer.names == fresh.gazetteer.names
    assert loaded.gazetteer.size() == fresh.gazetteer.size()
    assert loaded.actors.lookup("Zarif")[0].code_on(None) == fresh.actors.lookup("Zarif")[0].code_on(None)


def test_old_entries_are_pruned_the_ones_used_last_kept(cache_in):
    # every source change makes a new key: without pruning, a developer's cache grew to 46 GB
    for n in range(KEEP_ENTRIES + 3):
        entry = cache_in / f"thing-old{n}.pickle"
        entry.write_bytes(pickle.dumps(n))
        os.utime(entry, (1_000_000 + n, 1_000_000 + n))
    used = cache_in / "thing-old0.pickle"  # the oldest, but read just now: kept
    assert cached("thing", lambda: 0, key="old0") == 0
    half_written = cache_in / "thing-x.pickleabc.tmp"
    half_written.write_bytes(b"")
    os.utime(half_written, (1_000_000, 1_000_000))
    other = cache_in / "other-name.pickle"
    other.write_bytes(b"")
    assert cached("thing", lambda: "new", key="new") == "new"
    kept = sorted(p.name for p in cache_in.glob("thing-*"))
    assert len(kept) == KEEP_ENTRIES
    assert "thing-new.pickle" in kept and used.name in kept
    assert f"thing-old{KEEP_ENTRIES + 2}.pickle" in kept and "thing-old1.pickle" not in kept
    assert not half_written.exists() and other.exists()  # another name's entries are its own


def test_records_pickled_by_their_fields_come_back_equal():
    knowledge = Knowledge.load(DataSources.layered())
    entry = next(iter(knowledge.actors.names.values()))[0]
    place = knowledge.gazetteer.lookup("Aleppo")[0].entry
    ref = DictionaryRef("actors/countries.yaml", 12)
    for record in (entry, place, ref, entry.ref):
        again = pickle.loads(pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL))
        assert again == record and type(again) is type(record)


def test_a_lazy_table_reads_as_its_table_and_unpickles_a_value_only_when_asked():
    table = {"aleppo": [DictionaryRef("places/a.yaml", 1)], "homs": [], "idlib": [DictionaryRef("b", 2)] * 2}
    lazy = pickle.loads(pickle.dumps(LazyTable.of(table)))
    assert list(lazy) == list(table) and len(lazy) == 3 and "homs" in lazy and "hama" not in lazy
    assert "unpickled" in repr(lazy) and lazy._values == {}  # the keys alone, until a value is asked for
    assert lazy["aleppo"] == table["aleppo"] and lazy["aleppo"] is lazy["aleppo"]  # unpickled once
    assert lazy.get("hama", ()) == () and lazy.get("homs") == [] and list(lazy._values) == ["aleppo", "homs"]
    with pytest.raises(KeyError):
        lazy["hama"]
    assert lazy == table and dict(lazy.items()) == table
    assert pickle.loads(pickle.dumps(lazy)) == table  # pickled again as it came, values still packed


@packed_fields("big")
@dataclass
class Holder:
    big: dict = field(default_factory=dict)
    small: dict = field(default_factory=dict)


def test_packed_fields_pickle_as_lazy_tables_and_leave_the_object_as_it_was():
    holder = Holder({"a": [1]}, {"b": [2]})
    again = pickle.loads(pickle.dumps(holder))
    assert isinstance(again.big, LazyTable) and again.big == {"a": [1]}
    assert type(again.small) is dict and type(holder.big) is dict
