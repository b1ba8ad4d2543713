"""The ontology's facts: CAMEO event codes, Goldstein scores, actor types, the PLOVER map.

Copies of ../shared/reference ship in dyads/data/reference so an installed dyads needs nothing
else. Nothing outside these tables is ever emitted: `EventCode` refuses unknown codes.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

from dyads.errors import DictionaryError
from dyads.model import pickled_by_fields

REFERENCE = resources.files("dyads") / "data" / "reference"

# QuadClass by root code: the PETRARCH/Phoenix grouping that GDELT 2.0's QuadClass follows
# (1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict).
QUAD_CLASS_BY_ROOT = {
    **{f"{r:02d}": 1 for r in range(1, 6)},
    **{f"{r:02d}": 2 for r in range(6, 9)},
    **{f"{r:02d}": 3 for r in range(9, 14)},
    **{f"{r:02d}": 4 for r in range(14, 21)},
}


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str
    name: str
    goldstein: float
    plover_type: str | None
    plover_mode: str | None
    plover_context: str | None

    @property
    def root(self) -> str:
        return self.code[:2]

    @property
    def quad_class(self) -> int:
        return QUAD_CLASS_BY_ROOT.get(self.root, 0)  # 0: a suite's own code, outside CAMEO


def _read_tsv(name: str) -> list[dict[str, str]]:
    with (REFERENCE / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def _read_plover() -> dict[str, tuple[str | None, str | None, str | None]]:
    """Parse lines like `041: CONSULT, phone,   # Discuss by telephone`."""
    mapping: dict[str, tuple[str | None, str | None, str | None]] = {}
    for line in (REFERENCE / "cameo_to_plover.txt").read_text(encoding="utf-8").splitlines():
        body = line.split("#", 1)[0].strip()
        if not body or ":" not in body or body.startswith("~"):
            continue
        code, _, rest = body.partition(":")
        parts = [p.strip() or None for p in rest.split(",")]
        parts += [None] * (3 - len(parts))
        if code.strip().isdigit():
            mapping[code.strip()] = (parts[0], parts[1], parts[2])
    return mapping


@cache
def cameo_codes() -> dict[str, CameoCode]:
    names = {row["CAMEOEVENTCODE"]: row["EVENTDESCRIPTION"] for row in _read_tsv("cameo_event_codes.tsv")}
    scores = {row["CAMEOEVENTCODE"]: float(row["GOLDSTEINSCALE"]) for row in _read_tsv("cameo_goldstein.tsv")}
    plover = _read_plover()
    codes = {}
    for code, name in names.items():
        # Codes PLOVER does not list (its 01/02 statements) inherit their root's mapping, if any.
        mapped = plover.get(code) or plover.get(code[:3]) or plover.get(code[:2])
        p_type, p_mode, p_context = mapped or (None, None, None)
        codes[code] = CameoCode(code, name, scores[code], p_type, p_mode, p_context)
    return codes


def cameo(code: str) -> CameoCode:
    try:
        return cameo_codes()[code]
    except KeyError:
        raise DictionaryError(f"unknown CAMEO event code {code!r}") from None


@cache
def actor_types() -> dict[str, str]:
    return {row["CODE"]: row["TYPE"] for row in _read_tsv("cameo_actor_types.tsv")}
