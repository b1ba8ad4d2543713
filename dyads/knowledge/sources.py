"""Where knowledge is read from: an ordered list of data folders, laid out like dyads/data.

The packaged folder comes first, then overrides (`--data-dir`, `Settings.data_dir`). A file in a
later folder replaces the file at the same path in an earlier one; a file only in a later folder
is added (a new `events/patterns-*.yaml`). So an override folder holds just what it changes: a
`figures.yaml`, a `places/regions.yaml`, an `actors/people.yaml`; a complete copy of dyads/data
works too, as it always did.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from dyads.errors import DictionaryError

DATA_SUFFIXES = (".yaml", ".yml", ".json", ".tsv", ".csv", ".txt")


def packaged_data_dir() -> Path:
    return Path(str(resources.files("dyads") / "data"))


@dataclass(frozen=True, slots=True)
class DataSources:
    roots: tuple[Path, ...]

    @classmethod
    def layered(cls, *overrides: Path | str | None) -> DataSources:
        """The packaged data, then each override in order (None entries are skipped)."""
        extra = []
        for override in overrides:
            if override is None:
                continue
            path = Path(override)
            if not path.is_dir():
                raise DictionaryError(f"{path}: not a data folder")
            extra.append(path.resolve())
        return cls((packaged_data_dir(), *extra))

    @property
    def overridden(self) -> bool:
        return len(self.roots) > 1

    def path(self, *parts: str) -> Path:
        """The file at this path in the last folder that has it."""
        for root in reversed(self.roots):
            candidate = root.joinpath(*parts)
            if candidate.is_file():
                return candidate
        raise DictionaryError(f"{'/'.join(parts)}: missing from every data folder ({self.describe()})")

    def glob(self, folder: str, pattern: str) -> list[tuple[str, Path]]:
        """(relative name, path) of every file matching in any folder, later folders winning
        a name, sorted by relative name (file order decides nothing else)."""
        found: dict[str, Path] = {}
        for root in self.roots:
            for path in sorted((root / folder).glob(pattern)):
                if path.is_file():
                    found[f"{folder}/{path.name}"] = path
        return sorted(found.items())

    def folders(self, folder: str) -> list[tuple[str, Path]]:
        """(name, path) of the sub-folders of `folder` in any data folder (`packs/phoenix`), a
        later data folder's winning a name, sorted by name."""
        found: dict[str, Path] = {}
        for root in self.roots:
            if (root / folder).is_dir():
                found.update((path.name, path) for path in (root / folder).iterdir() if path.is_dir())
        return sorted(found.items())

    def content_key(self) -> str:
        """A hash of every data file that takes part, by relative path: the same knowledge gives
        the same key wherever its folders are."""
        digest = hashlib.sha256()
        for relative, path in self._files():
            digest.update(relative.encode() + b"\0" + path.read_bytes())
        return digest.hexdigest()

    def _files(self) -> list[tuple[str, Path]]:
        found: dict[str, Path] = {}
        for root in self.roots:
            for path in sorted(root.rglob("*")):
                if path.is_file() and path.suffix in DATA_SUFFIXES:
                    found[path.relative_to(root).as_posix()] = path
        return sorted(found.items())

    def describe(self) -> str:
        return " then ".join(str(root) for root in self.roots)
