"""Exports that follow the standards they name (issue 17): PLOVER records as its manual defines
them (checked by a JSON Schema written from it), the GDELT 2.0 layout as GDELT's tools read it
(FIPS 10-4 codes, FeatureIDs, actor names), ids that survive every language and a CSV that
pandas reads right with no arguments."""

from __future__ import annotations

import csv
import io
import json
import logging
from pathlib import Path

import jsonschema
import pandas as pd
import pyarrow.parquet as pq
import pytest

from dyads.corpus.export import export_events
from dyads.corpus.gdelt import GDELT_COLUMNS, fips_crosswalk, gdelt_actor_name, gdelt_geo
from dyads.corpus.ingest import ingest
from dyads.corpus.plover import mode_and_context, plover_entity, plover_schema, plover_vocabulary
from dyads.corpus.store import EventStore
from dyads.knowledge.reference import REFERENCE, cameo_codes
from dyads.model import Place
from tests.corpus_helpers import settings, write_jsonl

# One wire story with what the exports must get right: a journalist (CAMEO MED), an appeal
# (root 02, which PLOVER drops), a sea, cities whose GeoNames and FIPS divisions differ, and a
# counterpart ("his Iranian counterpart", which dyads names "Iran counterpart").
WIRE = """Iranian journalists criticized the government in Tehran on Monday.

Iranian forces seized a British tanker in the Persian Gulf on Tuesday.

French police arrested dozens of protesters in Paris on Saturday.

Swiss diplomats met Iranian officials in Geneva on Sunday.

Russian Foreign Minister Sergei Lavrov met his Iranian counterpart in Moscow on Wednesday.

Belgian police detained two men in Brussels on Thursday.

Iran appealed to the United Nations for help on Friday."""

# GDELT 2.0's event table header, as published with its codebook (the files have none).
PUBLISHED_GDELT_HEADER = (
    "GLOBALEVENTID SQLDATE MonthYear Year FractionDate Actor1Code Actor1Name Actor1CountryCode "
    "Actor1KnownGroupCode Actor1EthnicCode Actor1Religion1Code Actor1Religion2Code Actor1Type1Code "
    "Actor1Type2Code Actor1Type3Code Actor2Code Actor2Name Actor2CountryCode Actor2KnownGroupCode "
    "Actor2EthnicCode Actor2Religion1Code Actor2Religion2Code Actor2Type1Code Actor2Type2Code "
    "Actor2Type3Code IsRootEvent EventCode EventBaseCode EventRootCode QuadClass GoldsteinScale "
    "NumMentions NumSources NumArticles AvgTone Actor1Geo_Type Actor1Geo_FullName Actor1Geo_CountryCode "
    "Actor1Geo_ADM1Code Actor1Geo_ADM2Code Actor1Geo_Lat Actor1Geo_Long Actor1Geo_FeatureID Actor2Geo_Type "
    "Actor2Geo_FullName Actor2Geo_CountryCode Actor2Geo_ADM1Code Actor2Geo_ADM2Code Actor2Geo_Lat "
    "Actor2Geo_Long Actor2Geo_FeatureID ActionGeo_Type ActionGeo_FullName ActionGeo_CountryCode "
    "ActionGeo_ADM1Code ActionGeo_ADM2Code ActionGeo_Lat ActionGeo_Long ActionGeo_FeatureID DATEADDED "
    "SOURCEURL").split()

# Cities whose FIPS 10-4 ADM1 code was checked by hand in fips-10-4-regions.csv (the name there
# is in the comment): GeoNames id, GeoNames division, GDELT's ADM1Code.
FIPS_SAMPLE = [
    (2988507, "FR11", "FRA8"),  # Paris: Ile-de-France
    (2996944, "FR84", "FRB9"),  # Lyon: Rhone-Alpes
    (2995469, "FR93", "FRB8"),  # Marseille: Provence-Alpes-Cote d'Azur
    (2660646, "CHGE", "SZ07"),  # Geneva: Geneve
    (2657896, "CHZH", "SZ25"),  # Zurich: Zurich
    (2800866, "BEBRU", "BE11"),  # Brussels: Brussels Hoofdstedelijk Gewest
    (2803138, "BEVLG", "BE01"),  # Antwerp: Antwerpen
    (2643743, "GBENG", "UKH9"),  # London: London City of
    (2648579, "GBSCT", "UKV2"),  # Glasgow: Glasgow City
    (2950159, "DE16", "GM16"),  # Berlin: Berlin
    (2867714, "DE02", "GM02"),  # Munich: Bayern
    (3117735, "ES29", "SP29"),  # Madrid: Madrid
    (3128760, "ES56", "SP56"),  # Barcelona: Cataluna
    (3169070, "IT07", "IT07"),  # Rome: Lazio
    (524901, "RU48", "RS48"),  # Moscow: Moskva
    (703448, "UA12", "UP12"),  # Kyiv: Kyyiv Misto
    (360630, "EG11", "EG11"),  # Cairo: Al Qahirah
    (170063, "SY09", "SY09"),  # Aleppo: Halab
    (98182, "IQ07", "IZ07"),  # Baghdad: Baghdad
    (99072, "IQ15", "IZ15"),  # Mosul: Ninawa
    (112931, "IR26", "IR26"),  # Tehran: Tehran
    (1138958, "AF13", "AF13"),  # Kabul: Kabol
    (1275339, "IN16", "IN16"),  # Mumbai: Maharashtra
    (1269843, "IN40", "IN02"),  # Hyderabad: Andhra Pradesh (Telangana since 2014)
    (745044, "TR34", "TU34"),  # Istanbul: Istanbul
    (281133, "PSGZ", "GZ"),  # Gaza: the Gaza Strip, a country in FIPS 10-4
    (3530597, "MX09", "MX09"),  # Mexico City: Distrito Federal
    (1816670, "CN22", "CH22"),  # Beijing: Beijing
    (1850147, "JP40", "JA40"),  # Tokyo: Tokyo
    (2332459, "NG05", "NI05"),  # Lagos: Lagos
]


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("wire")
    corpus = write_jsonl(root / "wire.jsonl", [{"id": "wire", "date": "2019-07-22", "source": "Wire",
                                                 "url": "https://wire.example/story", "text": WIRE}])
    report = ingest([corpus], root / "events.duckdb", workers=1, settings=settings())
    assert report.stored == 1 and not report.failures
    return root / "events.duckdb"


def exported(db: Path, fmt: str) -> str:
    out = io.StringIO()
    with EventStore(db, read_only=True) as store:
        export_events(store, fmt, out)
    return out.getvalue()


def stored_events(db: Path) -> pd.DataFrame:
    with EventStore(db, read_only=True) as store:
        return store.events()


# --- PLOVER -------------------------------------------------------------------------------------

def test_every_plover_record_validates_against_the_schema_from_the_manual(db):
    validator = jsonschema.Draft202012Validator(plover_schema(), format_checker=jsonschema.FormatChecker())
    records = [json.loads(line) for line in exported(db, "plover").splitlines()]
    assert len(records) >= 6
    errors = [f"{record['id']}: {error.message}" for record in records for error in validator.iter_errors(record)]
    assert not errors
    assert all(record["event"][0] in plover_vocabulary().event_types for record in records)


def test_the_schema_rejects_the_old_flat_shape_and_foreign_modes():
    validator = jsonschema.Draft202012Validator(plover_schema())
    flat = {"event_id": "1", "event_date": "2019-07-22", "event_type": "CONSULT", "actor_name": "Iran"}
    assert not validator.is_valid(flat)
    record = {"id": "1", "date": "2019-07-22", "actor": [{"code": "IRN"}], "event": ["ASSAULT"], "quad_code": 4}
    assert validator.is_valid(record)
    assert not validator.is_valid({**record, "mode": ["pro_autocracy"]})  # a context, not an ASSAULT mode
    assert not validator.is_valid({**record, "mode": ["phone"]})  # a CONSULT mode
    assert not validator.is_valid({**record, "quad_code": 1})
    assert not validator.is_valid({**record, "actor": [{"code": "IRN", "sector": "MEDIA"}]})


def test_roots_01_and_02_are_left_out_of_plover_and_counted(db, caplog):
    events = stored_events(db)
    appeals = events[events.root_code.isin(["01", "02"])]
    assert len(appeals) >= 1  # "Iran appealed to the United Nations"
    with caplog.at_level(logging.WARNING, logger="dyads.corpus.plover"):
        records = [json.loads(line) for line in exported(db, "plover").splitlines()]
    ids = {record["id"] for record in records}
    assert not ids & {str(event_id) for event_id in appeals.event_id}
    assert all(record["event"] for record in records)
    assert f"{len(appeals)}: CAMEO root 01 or 02, which PLOVER drops" in caplog.text


def test_a_journalist_is_plover_jrn_not_med(db):
    records = [json.loads(line) for line in exported(db, "plover").splitlines()]
    journalists = [r for r in records if r["actor"][0]["entity_text"] == "Iranian journalists"]
    assert journalists and journalists[0]["actor"][0] == {
        "code": "IRN", "sector": "JRN", "entity_text": "Iranian journalists", "identifier_text": "Iran journalist"}
    assert plover_entity("NGOHLH", "Doctors", None)["sector"] == "MED"  # CAMEO's health is PLOVER's MED
    assert plover_entity("IGOUNO", "United Nations", None)["code"] == "UNO"
    assert plover_entity("WSTBUS", "Western companies", None) is None  # a regional construct


def test_every_cameo_actor_type_has_a_plover_translation():
    from dyads.corpus.plover import actor_translation
    from dyads.knowledge.reference import actor_types

    translation = actor_translation()
    assert set(actor_types()) <= set(translation.sectors) | set(translation.entities)
    assert {s for s in translation.sectors.values() if s} <= plover_vocabulary().sectors


def test_modes_and_contexts_only_from_the_manuals_lists():
    assert mode_and_context("ASSAULT", "pro_autocracy", "military") == ([], ["pro_autocracy", "military"])
    assert mode_and_context("ASSAULT", "assassinate", None) == (["targeted"], [])
    assert mode_and_context("ACCUSE", "allege", "crime; corruption") == (["allege"], ["crime", "corruption"])
    vocabulary = plover_vocabulary()
    for code in cameo_codes().values():  # every code of the reference: nothing outside the lists
        if code.plover_type:
            modes, contexts = mode_and_context(code.plover_type, code.plover_mode, code.plover_context)
            assert set(modes) <= vocabulary.modes[code.plover_type], code.code
            assert set(contexts) <= vocabulary.contexts, code.code


def test_the_schema_holds_the_manuals_vocabulary():
    vocabulary = plover_vocabulary()
    assert len(vocabulary.event_types) == 16 and len(vocabulary.sectors) == 25
    assert vocabulary.modes["CONSULT"] == {"visit", "third-party", "multilateral", "phone"}
    assert vocabulary.modes["AGREE"] == frozenset() and vocabulary.quad_codes["SANCTION"] == 4
    assert {"JRN", "MED", "PRE", "UNK"} <= vocabulary.sectors and "HLH" not in vocabulary.sectors


# --- GDELT --------------------------------------------------------------------------------------

def gdelt_rows(db: Path) -> list[dict[str, str]]:
    lines = exported(db, "gdelt").splitlines()
    return [dict(zip(PUBLISHED_GDELT_HEADER, line.split("\t"), strict=True)) for line in lines]


def test_gdelt_export_reads_with_gdelts_published_header(db):
    assert GDELT_COLUMNS == PUBLISHED_GDELT_HEADER and len(PUBLISHED_GDELT_HEADER) == 61
    frame = pd.read_csv(io.StringIO(exported(db, "gdelt")), sep="\t", header=None, names=PUBLISHED_GDELT_HEADER,
                        dtype=str, keep_default_na=False)
    assert len(frame) == len(stored_events(db)) and frame.shape[1] == 61


def test_gdelt_adm1_codes_are_fips_where_geonames_differs(db):
    rows = gdelt_rows(db)
    adm1 = {r["ActionGeo_FullName"]: r["ActionGeo_ADM1Code"] for r in rows}
    assert adm1["Paris, France"] == "FRA8" and adm1["Geneva, Switzerland"] == "SZ07"
    assert adm1["Brussels, Belgium"] == "BE11" and adm1["Tehran, Iran"] == "IR26"


@pytest.mark.parametrize(("geonames_id", "division", "fips"), FIPS_SAMPLE)
def test_fips_adm1_of_a_hand_checked_sample(geonames_id, division, fips):
    place = Place("City", "city", "XXX", division, 1.0, 1.0, geonames_id, "test")
    assert gdelt_geo(place, {"XXX": fips[:2]}, fips_crosswalk()).adm1 == fips


def test_the_fips_sample_spans_twenty_cities_in_ten_countries():
    assert len(FIPS_SAMPLE) >= 20 and len({division[:2] for _, division, _ in FIPS_SAMPLE}) >= 10


def test_every_located_gdelt_place_has_a_type_and_a_country(db):
    rows = gdelt_rows(db)
    for prefix in ("Actor1Geo", "Actor2Geo", "ActionGeo"):
        for row in rows:
            if row[f"{prefix}_Lat"]:
                assert row[f"{prefix}_Type"] and row[f"{prefix}_CountryCode"], row[f"{prefix}_FullName"]
    gulf = next(r for r in rows if r["ActionGeo_FullName"] == "Persian Gulf")
    assert (gulf["ActionGeo_Type"], gulf["ActionGeo_CountryCode"]) == ("4", "QA")


def test_every_gazetteer_region_is_placed_or_left_out_for_gdelt_on_purpose():
    import yaml

    regions = yaml.safe_load((REFERENCE.parent / "places" / "regions.yaml").read_text(encoding="utf-8"))["regions"]
    assert {region["name"] for region in regions} <= set(fips_crosswalk().regions)
    europe = Place("Europe", "region", None, None, 54.5, 15.3, None, "test")
    assert gdelt_geo(europe, {}, fips_crosswalk()).type == ""  # larger than a country: not placed


def test_gdelt_feature_ids(db):
    rows = gdelt_rows(db)
    paris = next(r for r in rows if r["ActionGeo_FullName"] == "Paris, France")
    assert paris["ActionGeo_FeatureID"] == "geonames:2988507"  # a GeoNames id, marked as one
    assert paris["Actor1Geo_FeatureID"] == paris["Actor1Geo_CountryCode"] == "FR"  # an area: its FIPS code


def test_gdelt_actor_names_are_the_entities_names(db):
    rows = gdelt_rows(db)
    names = {r["Actor1Name"] for r in rows} | {r["Actor2Name"] for r in rows}
    assert {"IRAN", "FRANCE", "SERGEI LAVROV"} <= names
    assert not [name for name in names if name.endswith((" COUNTERPART", " POLICE", " JOURNALIST", " OFFICIAL"))]
    phrases = frozenset({"counterpart", "country", "general"})
    assert gdelt_actor_name("The West country", phrases) == "THE WEST"
    assert gdelt_actor_name("United Nations general", phrases) == "UNITED NATIONS"


# --- ids and CSV --------------------------------------------------------------------------------

def test_ids_are_strings_in_every_export(db, tmp_path):
    ids = {str(event_id) for event_id in stored_events(db).event_id}
    assert any(int(event_id) > 2 ** 53 for event_id in ids)  # 63-bit hashes: a double cannot hold them
    records = [json.loads(line) for line in exported(db, "jsonl").splitlines()]
    assert {record["event_id"] for record in records} == ids
    assert all(isinstance(record["mention_id"], str) for record in records)
    plover = [json.loads(line) for line in exported(db, "plover").splitlines()]
    assert {record["id"] for record in plover} <= ids
    with EventStore(db, read_only=True) as store:
        export_events(store, "parquet", tmp_path / "events.parquet")
    assert set(pq.read_table(tmp_path / "events.parquet").column("event_id").to_pylist()) == ids


def test_csv_loads_right_in_pandas_without_arguments(db):
    text = exported(db, "csv")
    frame = pd.read_csv(io.StringIO(text))
    events = stored_events(db)
    assert set(frame.code) == {f"C{code}" for code in events.code}  # "C021": the zero survives
    assert {code[1:] for code in frame.root_code} == set(events.root_code)
    assert set(frame.is_root) <= {0, 1} and frame.is_root.dtype.kind == "i"
    assert {str(event_id) for event_id in frame.event_id} == {str(event_id) for event_id in events.event_id}
    header = next(csv.reader(io.StringIO(text)))
    assert header[:3] == ["event_id", "date", "source_code"]


def test_gdelt_export_reads_the_data_the_events_were_coded_with(tmp_path):
    # a role noun only a --data-dir knows: its GDELT actor name drops the role word only when the
    # export is given that folder too (the knowledge is passed, not the packaged one looked up)
    from click.testing import CliRunner

    from dyads.cli import main
    from dyads.knowledge.sources import packaged_data_dir

    roles = (packaged_data_dir() / "actors" / "roles.yaml").read_text(encoding="utf-8")
    assert "nouns: [police, policeman," in roles
    (tmp_path / "data" / "actors").mkdir(parents=True)
    (tmp_path / "data" / "actors" / "roles.yaml").write_text(
        roles.replace("nouns: [police, policeman,", "nouns: [police, constabulary, policeman,"), encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("Kenyan constabulary arrested 12 protesters in Nairobi on Monday.\n", encoding="utf-8")
    db, data = str(tmp_path / "events.db"), ["--data-dir", str(tmp_path / "data")]
    runner = CliRunner()
    stored = runner.invoke(main, ["ingest", str(article), "--db", db, "--date", "2024-03-04", "--no-progress", *data])
    assert stored.exit_code == 0, stored.output

    def actor1(*options: str) -> list[str]:
        result = runner.invoke(main, ["export", "--db", db, "--format", "gdelt", *options])
        assert result.exit_code == 0, result.output
        [row] = list(csv.reader(io.StringIO(result.output), delimiter="\t"))
        return row[5:8]

    assert actor1(*data) == ["KENCOP", "KENYA", "KEN"]
    assert actor1() == ["KENCOP", "KENYA CONSTABULARY", "KEN"]
