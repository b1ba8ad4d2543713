"""Snapshots of a database that `dyads watch` writes, for readers in other processes.

DuckDB lets one process open a database file for writing, and then no other process may open it,
not even read-only; a process that holds it read-only keeps every writer out (measured with
duckdb 2.0.1: "Conflicting lock is held", both ways; docs/design.md). So a server cannot read
the file a watch writes. After each cycle that changed something, the watch closes the database
and publishes a copy of it beside it:

    events.duckdb.live/00000007.duckdb   the snapshot: copied under a temporary name, then renamed
    events.duckdb.live/CURRENT           "7 00000007.duckdb": written whole, then renamed

A reader (`dyads serve`, dyads.server.follow) polls CURRENT, a few bytes, opens the newest
snapshot read-only and swaps it in. The watch keeps the two newest snapshots and deletes older
ones (a reader that still has one open keeps reading it: on POSIX a deleted file lives until
it is closed). A kill at any point leaves CURRENT naming a whole snapshot.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

LIVE_SUFFIX = ".live"
CURRENT = "CURRENT"
KEEP_SNAPSHOTS = 2  # the newest, and the one a reader may still be switching away from
COPY_CHUNK = 1 << 30


@dataclass(frozen=True, slots=True)
class Snapshot:
    version: int
    path: Path


def live_dir(db: Path) -> Path:
    return db.with_name(db.name + LIVE_SUFFIX)


def current(db: Path) -> Snapshot | None:
    """The snapshot CURRENT names, or None when none was published (or it is gone)."""
    folder = live_dir(db)
    try:
        version_text, name = (folder / CURRENT).read_text(encoding="utf-8").split()
        snapshot = Snapshot(int(version_text), folder / name)
    except (OSError, ValueError):
        return None
    return snapshot if snapshot.path.exists() else None


def publish(db: Path) -> Snapshot:
    """Copy the database (closed, or open read-only: nobody writing it) as the next snapshot and
    make it CURRENT; delete snapshots older than the last KEEP_SNAPSHOTS."""
    folder = live_dir(db)
    folder.mkdir(exist_ok=True)
    previous = current(db)
    version = previous.version + 1 if previous else 1
    snapshot = Snapshot(version, folder / f"{version:08d}.duckdb")
    temporary = folder / f".{snapshot.path.name}.tmp"
    copy_file(db, temporary)
    wal = db.with_name(db.name + ".wal")  # none after a clean close; kept whole if a kill left one
    if wal.exists():
        copy_file(wal, snapshot.path.with_name(snapshot.path.name + ".wal"))
    os.replace(temporary, snapshot.path)
    pointer = folder / f".{CURRENT}.tmp"
    pointer.write_text(f"{version} {snapshot.path.name}\n", encoding="utf-8")
    os.replace(pointer, folder / CURRENT)
    _prune(folder, version)
    log.info("published %s as snapshot %d", db, version)
    return snapshot


def copy_file(source: Path, target: Path) -> None:
    """Copy in the kernel (copy_file_range: a reflink, nearly free, on filesystems that share
    blocks such as XFS and Btrfs), else by shutil."""
    try:
        with open(source, "rb") as reader, open(target, "wb") as writer:
            remaining = os.fstat(reader.fileno()).st_size
            while remaining > 0:
                copied = os.copy_file_range(reader.fileno(), writer.fileno(), min(remaining, COPY_CHUNK))
                if copied == 0:
                    break
                remaining -= copied
            if remaining == 0:
                return
    except (AttributeError, OSError):
        pass
    shutil.copyfile(source, target)


def _prune(folder: Path, version: int) -> None:
    for path in folder.iterdir():
        stem = path.name.split(".")[0]
        stale = stem.isdigit() and int(stem) <= version - KEEP_SNAPSHOTS
        leftover = path.name.endswith(".tmp")  # a copy a kill interrupted
        if stale or leftover:
            with contextlib.suppress(OSError):  # a reader may hold it where deleting open files fails
                path.unlink()
