"""Knowledge is read from ordered data folders and passed to every stage: an override folder that
holds only a figure word and a region changes what `dyads code` finds; the corpus and server
commands start without the language model."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

import dyads
from dyads.api import coder_for
from dyads.cli import main
from dyads.errors import DictionaryError
from dyads.knowledge.dictionaries import read_actor_dictionary
from dyads.knowledge.knowledge import Knowledge
from dyads.knowledge.packs import based_code, manifest_for_folder, read_pack
from dyads.knowledge.place_words import read_place_words
from dyads.knowledge.sources import DataSources, packaged_data_dir
from dyads.knowledge.yaml_lines import load_yaml, strip_lines
from dyads.settings import Settings

# A made-up figure cue and a made-up region: nothing in the packaged data knows either.
TEXT = ("Syrian troops shelled Qarabel Vale on Tuesday, the army said. "
        "Officials said 40 villagers were scalded in the fighting in Syria.")


@pytest.fixture(scope="module")
def override(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("override")
    figures = yaml.safe_load((packaged_data_dir() / "figures.yaml").read_text(encoding="utf-8"))
    figures["kinds"]["injured"] = [*figures["kinds"]["injured"], "scald"]
    (folder / "figures.yaml").write_text(yaml.safe_dump(figures), encoding="utf-8")
    regions = yaml.safe_load((packaged_data_dir() / "places" / "regions.yaml").read_text(encoding="utf-8"))
    regions["regions"].append({"name": "Qarabel Vale", "names": [], "country": "SYR", "lat": 35.1, "lon": 36.7})
    (folder / "places").mkdir()
    (folder / "places" / "regions.yaml").write_text(yaml.safe_dump(regions), encoding="utf-8")
    return folder


def test_a_later_folder_replaces_files_and_keeps_the_rest(override):
    sources = DataSources.layered(override)
    assert sources.path("figures.yaml") == override.resolve() / "figures.yaml"
    assert sources.path("actors", "countries.yaml") == packaged_data_dir() / "actors" / "countries.yaml"
    assert DataSources.layered().content_key() != sources.content_key()
    with pytest.raises(DictionaryError, match="not a data folder"):
        DataSources.layered(override / "missing")


def test_an_override_swaps_figure_words_and_places(override):
    plain = Knowledge.load()
    layered = Knowledge.load(DataSources.layered(override))
    assert "scald" in layered.figure_words.kinds["injured"] and "scald" not in plain.figure_words.kinds["injured"]
    assert layered.gazetteer.lookup("Qarabel Vale") and not plain.gazetteer.lookup("Qarabel Vale")
    assert layered.key != plain.key
    # what the dictionaries hold is the same: only what the override replaces changed
    assert layered.actors.names == plain.actors.names


def test_data_dir_reaches_every_stage_of_dyads_code(tmp_path, override):
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")

    def code(*extra: str) -> list[dict]:
        result = CliRunner().invoke(main, ["code", str(article), "--date", "2016-03-03", *extra])
        assert result.exit_code == 0, result.output
        return [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]

    plain, layered = code(), code("--data-dir", str(override))
    assert {e["place"]["name"] for e in layered} == {"Qarabel Vale"}
    assert "Qarabel Vale" not in {(e["place"] or {}).get("name") for e in plain}
    coder = coder_for(Settings(data_dir=override))
    [coded] = coder.code([coder_article(TEXT)])
    assert [(f.kind, f.low) for f in coded.figures] == [("injured", 40)]
    [plain_coded] = coder_for().code([coder_article(TEXT)])
    assert not [f for f in plain_coded.figures if f.kind == "injured"]


def coder_article(text: str):
    from datetime import date

    from dyads.corpus.read import make_article

    return make_article(text, origin="t", article_date=date(2016, 3, 3))


@pytest.mark.parametrize("module", ["dyads.cli", "dyads.cli.serve", "dyads.server.app", "dyads.corpus.export",
                                    "dyads.corpus.store", "dyads.cli.corpus"])
def test_serving_and_exporting_never_import_spacy(module):
    """`dyads serve`, `export`, `events` and `stats` never parse: their modules must not load spaCy
    (seconds of start-up and hundreds of MB)."""
    probe = f"import sys, {module}; print('spacy' in sys.modules or 'dyads.coder' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


SUITE_DICTIONARIES = Path(os.environ.get("DYADS_PETRARCH_SUITES", "/work/shared/petrarch/suites")) / "petrarch2"


@pytest.mark.skipif(not SUITE_DICTIONARIES.is_dir(), reason="the peer suites are not beside the repository")
def test_dict_import_makes_a_pack_that_data_dir_layers(tmp_path):
    out = tmp_path / "data"
    result = CliRunner().invoke(main, ["dict", "import", str(SUITE_DICTIONARIES), "--name", "petr2", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "261 verb blocks" in result.output and "PETR.Validate.verbs.txt:447" in result.output
    knowledge = Knowledge.build(DataSources.layered(out))
    assert [p.name for p in knowledge.packs] == ["petr2", "phoenix"]
    # laid over the packaged data, a pack's codes must fit the reference (Arnor's ARN does not);
    # alone, as a peer's test dictionaries, they are taken as they are
    assert not knowledge.actors.lookup("Arnor")
    alone = Knowledge.build(DataSources.layered(), dictionaries=out / "packs" / "petr2")
    [arnor] = alone.actors.lookup("Arnor")
    assert arnor.code == "ARN" and str(arnor.ref).startswith("petr2/PETR.Validate.actors.txt:")
    assert not alone.actors.lookup("Kigali")  # the packaged dictionaries are off
    validated = CliRunner().invoke(main, ["dict", "validate", "--data-dir", str(out)])
    assert validated.exit_code == 0 and "pack petr2" in validated.output and "pack phoenix" in validated.output


def test_dict_import_names_a_malformed_line(tmp_path):
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "test.actors.txt").write_text("ARNOR_ [ARN 19990101-19980101\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["dict", "import", str(folder), "--name", "bad", "--out", str(tmp_path / "o")])
    assert result.exit_code == 1 and "test.actors.txt:1" in result.output


def test_a_pack_names_only_discards_it_holds(tmp_path):
    folder = tmp_path / "pack"
    folder.mkdir()
    (folder / "test.discards.txt").write_text("WORLD CUP\nSALMAN RUSHDIE\n", encoding="utf-8")
    (folder / "pack.yaml").write_text(
        "version: 1\nname: p\nsource: s\nlicence: l\ndiscards_left_out:\n  people: [SALMAN RUSHDIE, ANITA HIL]\n",
        encoding="utf-8")
    with pytest.raises(DictionaryError, match=r"p/pack.yaml: .*anita hil"):
        read_pack(folder, "p", frozenset(), None)
    (folder / "pack.yaml").write_text(
        "version: 1\nname: p\nsource: s\nlicence: l\ndiscards_left_out:\n  people: [SALMAN RUSHDIE]\n",
        encoding="utf-8")
    pack = read_pack(folder, "p", frozenset(), None)
    assert [phrase for phrase, _, _ in pack.discards] == ["world cup"]
    assert pack.left_out["discard left out (people)"] == 1


@pytest.mark.skipif(not SUITE_DICTIONARIES.is_dir(), reason="the peer suites are not beside the repository")
def test_paired_codes_are_a_pack_option(tmp_path):
    # PETR.Validate.verbs.txt:164 "--- ARRIVE  [032:033]  ---": X arrives in Y (032), Y receives X (033)
    def arrive(pack):
        [pattern] = [p for p, ref in pack.verbs["arrive"] if ref.line == 165]
        return pattern.code, pattern.paired, pattern.symmetric, pattern.reverse

    pack = read_pack(SUITE_DICTIONARIES, "p", frozenset(), None, manifest_for_folder(SUITE_DICTIONARIES))
    assert arrive(pack) == ("032", "033", False, False)
    # "--- MEET  [031:031] ---": one code both ways, a symmetric event
    assert [(p.code, p.symmetric) for p, ref in pack.verbs["meet"] if ref.line == 761] == [("031", True)]
    folder = tmp_path / "pack"
    folder.mkdir()
    (folder / "verbs.txt").write_text("--- ARRIVE  [032:033]  ---\nARRIVE\n- * (BEFORE COURT)  [:173]\n",
                                      encoding="utf-8")
    (folder / "pack.yaml").write_text("version: 1\nname: p\nsource: s\nlicence: l\n", encoding="utf-8")
    [(court, _), (base, _)] = read_pack(folder, "p", frozenset(), None).verbs["arrive"]
    assert (court.code, court.reverse, base.code, base.paired) == ("173", True, "032", "033")
    (folder / "pack.yaml").write_text("version: 1\nname: p\nsource: s\nlicence: l\npaired_codes: false\n",
                                      encoding="utf-8")
    [(base, _ref)] = read_pack(folder, "p", frozenset(), None).verbs["arrive"]
    assert (base.code, base.paired) == ("032", None)


def actors_pack(tmp_path: Path, actors: str):
    """A pack read from one actors file."""
    folder = tmp_path / "pack"
    folder.mkdir()
    (folder / "pack.yaml").write_text("version: 1\nname: p\nsource: s\nlicence: l\n", encoding="utf-8")
    (folder / "test.actors.txt").write_text(actors, encoding="utf-8")
    return read_pack(folder, "p", frozenset(), None)


def test_a_person_is_found_as_the_news_writes_the_name(tmp_path):
    pack = actors_pack(tmp_path, "FERDINAND_E._MARCOS_\n\t[PHLGOV 651230-860225]\n"
                                 "CHUN_DOO_HWAN_\n\t[KORGOV 800901-880225]\n"
                                 # two people the shortened name would fit: it names neither
                                 "JOHN_A._SMITH_\n\t[GBRGOV 900101-950101]\nJOHN_B._SMITH_\n\t[AUSGOV 900101-950101]\n")
    aliases = {name.alias: name.name for name in pack.names}
    assert aliases["Ferdinand Marcos"] == "Ferdinand E. Marcos"
    assert aliases["Chun Doo-Hwan"] == "Chun Doo Hwan"
    assert "John Smith" not in aliases and pack.left_out["name variant another name shares"] == 1


def test_a_person_of_two_given_names_is_found_by_their_initials(tmp_path):
    pack = actors_pack(tmp_path, "FREDERICK_WILLEM_DE_KLERK_\n\t[ZAFGOV 890815-940510]\n"
                                 "PIETER_WILLEM_BOTHA_\n\t[ZAFGOV 840914-890815]\n"
                                 "NELSON_MANDELA_\n\t[ZAFGOV 940510-990614]\n")
    aliases = {name.alias: name.name for name in pack.names}
    assert aliases["F.W. De Klerk"] == aliases["F. W. De Klerk"] == "Frederick Willem De Klerk"
    assert aliases["P.W. Botha"] == "Pieter Willem Botha"
    assert "N. Mandela" not in aliases  # one given name: "N. Mandela" would name too many


def test_leaders_written_with_initials_are_coded_on_their_dates():
    events = dyads.code("President P.W. Botha met Prime Minister Margaret Thatcher in London on Saturday.",
                        date="1984-06-03")
    assert ("ZAFGOV", "GBRGOV", "040") in {(e.source.code, e.target.code if e.target else None, e.code)
                                           for e in events}


def test_leaders_of_the_1980s_are_coded_without_their_middle_initial():
    from datetime import date

    from dyads.corpus.read import make_article

    text = "South Korean dissidents said President Chun Doo-hwan had met President Ferdinand Marcos in Manila."
    [article] = coder_for(Settings()).code([make_article(text, origin="t", article_date=date(1985, 6, 3))])
    assert {(e.source.code, e.target.code if e.target else None, e.code[:2]) for e in article.events} >= {
        ("KORGOV", "PHLGOV", "04")}


def test_a_name_is_read_without_the_parentheses_no_text_writes(tmp_path):
    pack = actors_pack(tmp_path, "ADEN_ABYAN_ISLAMIC_ARMY_(AAIA)_ [YEMREB]\nARYAN_NATIONS_(AN)_ [USAREB]\n"
                                 "AFRICAN_NATIONAL_CONGRESS_(SOUTH_AFRICA)_ [ZAFREB]\n"
                                 "TABAK_(MACHETE)_GROUP_ [UKRCRM]\n")
    aliases = {name.alias: name.name for name in pack.names}
    assert aliases == {
        "Aden Abyan Islamic Army": "Aden Abyan Islamic Army (Aaia)", "AAIA": "Aden Abyan Islamic Army (Aaia)",
        "Aryan Nations": "Aryan Nations (An)",  # "AN" is a word, not an acronym to look for
        "African National Congress": "African National Congress (South Africa)",
        "Tabak (Machete) Group": "Tabak (Machete) Group"}


def test_an_arms_noun_must_be_a_role_noun(tmp_path):
    roles = yaml.safe_load((packaged_data_dir() / "actors" / "roles.yaml").read_text(encoding="utf-8"))
    roles["arms"] = [*roles["arms"], "trebuchet"]
    (tmp_path / "actors").mkdir()
    (tmp_path / "actors" / "roles.yaml").write_text(yaml.safe_dump(roles), encoding="utf-8")
    with pytest.raises(DictionaryError, match="arms noun 'trebuchet' is not a role noun"):
        read_actor_dictionary(DataSources.layered(tmp_path))


def test_a_role_noun_listed_under_two_roles_is_an_error(tmp_path):
    roles = yaml.safe_load((packaged_data_dir() / "actors" / "roles.yaml").read_text(encoding="utf-8"))
    roles["roles"][0]["nouns"].append("villager")  # a civilian already
    (tmp_path / "actors").mkdir()
    (tmp_path / "actors" / "roles.yaml").write_text(yaml.safe_dump(roles), encoding="utf-8")
    with pytest.raises(DictionaryError, match="role noun 'villager' is listed already"):
        read_actor_dictionary(DataSources.layered(tmp_path))


def test_quantity_nouns_are_data_and_one_lemma_each(tmp_path):
    assert {"thousand", "element", "supporter"} <= Knowledge.load().actors.quantity_nouns
    assert Knowledge.load().patterns.quantity_nouns == Knowledge.load().actors.quantity_nouns
    roles = yaml.safe_load((packaged_data_dir() / "actors" / "roles.yaml").read_text(encoding="utf-8"))
    roles["quantity_nouns"] = [*roles["quantity_nouns"], "rank and file"]
    (tmp_path / "actors").mkdir()
    (tmp_path / "actors" / "roles.yaml").write_text(yaml.safe_dump(roles), encoding="utf-8")
    with pytest.raises(DictionaryError, match="quantity noun 'rank and file' is not one lower-case lemma"):
        read_actor_dictionary(DataSources.layered(tmp_path))


def test_a_phrase_word_joined_to_the_one_before_must_follow_it():
    from dyads.coding.conditions import phrase_in_order

    words = [frozenset({w}) for w in "economic and other sanctions economic sanctions".split()]
    phrase = [["economic"], ["sanctions"]]
    assert phrase_in_order(phrase, words[:4])
    assert not phrase_in_order(phrase, words[:4], joined=[1])
    assert phrase_in_order(phrase, words, joined=[1])  # the later pair, next to each other


@pytest.mark.parametrize(("text", "code"), [
    ("Gunmen from the Sinaloa Cartel killed four police officers in Culiacan.", "MEXCRM"),
    ("ADF rebels killed 12 villagers near Beni.", "UGAREB"),  # Ugandan rebels in Congo (four writers)
    ("Arakan Army fighters seized a border post in Rakhine state.", "MMRREB"),
    ("Naxals ambushed a police patrol in Sukma district, killing six.", "INDREB"),
    ("JNIM fighters attacked a gendarmerie post near Djibo.", "IMGRAD"),
    # "National Liberation Army" is Colombia's ELN; a longer name of another group wins
    ("The Ta'ang National Liberation Army shelled a town in Shan state.", "MMRREB"),
])
def test_armed_groups_of_recent_conflicts_are_named(text, code):
    import dyads

    assert code in {e.source.code for e in dyads.code(text, date="2023-05-08")}


def test_a_sea_is_no_armed_group():
    import dyads

    assert dyads.code("Russian warships sailed into the Sea of Azov on Monday.", date="2023-05-08") == []


@pytest.mark.parametrize(("text", "code"), [
    ("FAMa soldiers attacked a jihadist camp near the town on Monday.", "MLIMIL"),
    ("The ENDF shelled positions near the town on Monday.", "ETHMIL"),
    ("ANA soldiers clashed with insurgents near the town on Monday.", "AFGMIL"),  # not Phoenix's MKDREB
    ("AMISOM troops attacked an al-Shabaab base near the town on Monday.", "IGOAFR"),
    ("The Syrian National Army shelled the town on Monday.", "SYRREB"),  # Turkish-backed opposition
])
def test_security_forces_by_the_acronyms_event_notes_use(text, code):
    import dyads

    assert code in {e.source.code for e in dyads.code(text, date="2019-05-08")}


def _figure_words_folder(folder: Path, change) -> Path:
    figures = yaml.safe_load((packaged_data_dir() / "figures.yaml").read_text(encoding="utf-8"))
    change(figures)
    folder.mkdir(exist_ok=True)
    (folder / "figures.yaml").write_text(yaml.safe_dump(figures, sort_keys=False), encoding="utf-8")
    return folder


def test_who_gave_a_figure_is_read_with_the_verbs_of_figures_yaml(tmp_path):
    text = "Health officials tallied 40 dead in the shelling of Aleppo on Tuesday."
    folder = _figure_words_folder(tmp_path / "tally", lambda f: f["reporting_verbs"].append("tally"))
    [plain] = coder_for().code([coder_article(text)])
    [layered] = coder_for(Settings(data_dir=folder)).code([coder_article(text)])
    assert [(f.kind, f.low, f.reporter) for f in plain.figures] == [("killed", 40, None)]
    assert [(f.kind, f.low, f.reporter) for f in layered.figures] == [("killed", 40, "Health officials")]


def test_a_malformed_figures_yaml_names_its_line(tmp_path):
    def bad_bounds(figures: dict) -> None:
        figures["vague"]["dozens"] = [24]

    folder = _figure_words_folder(tmp_path / "bad", bad_bounds)
    line = next(n for n, text in enumerate((folder / "figures.yaml").read_text().splitlines(), 1)
                if text.strip().startswith("dozens:"))
    with pytest.raises(DictionaryError, match=rf"figures\.yaml:{line}: \[vague\.dozens"):
        Knowledge.load(DataSources.layered(folder))
    missing = _figure_words_folder(tmp_path / "missing", lambda f: f.pop("report_nouns"))
    with pytest.raises(DictionaryError, match=r"figures\.yaml:1: \[report_nouns\] Field required"):
        Knowledge.load(DataSources.layered(missing))


def test_the_grammar_word_classes_are_read_from_clauses_yaml(tmp_path):
    """"..., killing three soldiers" names the attack's victims through `victim_verbs`: without
    "kill" in it, the bombing has no target."""
    text = "A bomb exploded at a market in Kano on Monday, killing three Nigerian soldiers."
    clauses = strip_lines(load_yaml(packaged_data_dir() / "events" / "clauses.yaml"))  # "no" stays a word
    clauses["victim_verbs"] = [w for w in clauses["victim_verbs"] if w != "kill"]
    (tmp_path / "events").mkdir()
    (tmp_path / "events" / "clauses.yaml").write_text(yaml.safe_dump(clauses), encoding="utf-8")
    [plain] = coder_for().code([coder_article(text)])
    [layered] = coder_for(Settings(data_dir=tmp_path)).code([coder_article(text)])
    assert [(e.code, e.target.code if e.target else None) for e in plain.events] == [("183", "NGAMIL")]
    assert [(e.code, e.target.code if e.target else None) for e in layered.events] == [("183", None)]


def test_the_line_loader_reads_every_packaged_yaml_file_as_the_python_parser_does():
    """The line loader parses with libyaml when PyYAML has it: every packaged file must give the
    same values and the same lines as PyYAML's own parser with the same resolvers."""
    from dyads.knowledge import yaml_lines

    class PythonLineLoader(yaml.SafeLoader):
        pass

    PythonLineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, yaml_lines._construct_mapping)
    PythonLineLoader.yaml_implicit_resolvers = yaml_lines.LineLoader.yaml_implicit_resolvers
    files = sorted(packaged_data_dir().rglob("*.yaml"))
    assert len(files) > 10
    for path in files:
        text = path.read_text(encoding="utf-8")
        fast = yaml.load(text, Loader=yaml_lines.LineLoader)  # noqa: S506 - SafeLoader subclasses
        assert fast == yaml.load(text, Loader=PythonLineLoader), path.name  # noqa: S506


def test_a_corporation_the_pack_codes_by_its_base_is_that_countrys_business():
    # pack.yaml based_types {MNC: BUS}: every gold writer codes a company as its country's BUS
    countries = frozenset({"USA", "BRA"})
    assert based_code("MNCUSA", {"MNC": "BUS"}, countries) == "USABUS"
    assert based_code("MNCUSAMED", {"MNC": "BUS"}, countries) == "USAMED"  # its own sector
    assert based_code("MNC", {"MNC": "BUS"}, countries) == "MNC"  # based nowhere
    assert based_code("MNCAFRMED", {"MNC": "BUS"}, countries) == "MNCAFRMED"  # a region is no country
    assert based_code("NGOUSA", {"MNC": "BUS"}, countries) == "NGOUSA"
    events = dyads.code("Venezuela seized the local plants of Exxon and General Motors on Monday.",
                        date="2009-05-04")
    assert {e.target.code for e in events if e.target} == {"USABUS"}


def _place_words_folder(folder: Path, edit) -> Path:
    (folder / "places").mkdir(parents=True)
    words = yaml.safe_load((packaged_data_dir() / "places" / "words.yaml").read_text(encoding="utf-8"))
    edit(words)
    (folder / "places" / "words.yaml").write_text(yaml.safe_dump(words, sort_keys=False), encoding="utf-8")
    return folder


def test_place_words_are_read_from_words_yaml_and_a_malformed_one_names_its_line(tmp_path):
    """The places stage's words are data: an override folder's words.yaml replaces them, and a
    malformed one is refused with its file and line."""
    packaged = read_place_words(DataSources.layered())
    assert {"airstrike", "ambush"} <= packaged.place_act_nouns and "province" in packaged.divisions
    assert "lga" in packaged.header_units and "sub" in packaged.unit_first and "city" in packaged.unit_first
    folder = _place_words_folder(tmp_path / "more", lambda w: w["place_act_nouns"].append("drone strike"))
    assert "drone strike" in read_place_words(DataSources.layered(folder)).place_act_nouns

    def bad(words: dict) -> None:
        words["route_words"] = {"road": 1}

    folder = _place_words_folder(tmp_path / "bad", bad)
    line = next(n for n, text in enumerate((folder / "places" / "words.yaml").read_text().splitlines(), 1)
                if text.strip().startswith("road: 1"))  # the line of the offending value
    with pytest.raises(DictionaryError, match=rf"places/words\.yaml:{line}: \[route_words\] Input should be a valid"):
        read_place_words(DataSources.layered(folder))


def _clauses_folder(folder: Path, edit) -> Path:
    (folder / "events").mkdir(parents=True)
    clauses = strip_lines(load_yaml(packaged_data_dir() / "events" / "clauses.yaml"))
    edit(clauses)
    (folder / "events" / "clauses.yaml").write_text(yaml.safe_dump(clauses, sort_keys=False), encoding="utf-8")
    return folder


def test_the_lexical_word_classes_of_the_coding_stages_are_read_from_clauses_yaml(tmp_path):
    """The word classes the events and tolls stages ask about are data: an override folder's
    clauses.yaml that drops "garrison" from `holding_verbs` leaves the overrun town taken from no
    one, and a malformed class (`part_words` a mapping) is refused with its file and line."""
    text = "Militants overran the town of Dori, garrisoned by an army company, on Tuesday."
    folder = _clauses_folder(tmp_path / "fewer", lambda c: c["holding_verbs"].remove("garrison"))
    [plain] = coder_for().code([coder_article(text)])
    [layered] = coder_for(Settings(data_dir=folder)).code([coder_article(text)])
    assert [(e.code, e.target.code if e.target else None) for e in plain.events] == [("192", "BFAMIL")]
    assert [(e.code, e.target.code if e.target else None) for e in layered.events] == [("192", None)]

    def bad(clauses: dict) -> None:
        clauses["part_words"] = {"among": 1}

    folder = _clauses_folder(tmp_path / "bad", bad)
    line = next(n for n, text in enumerate((folder / "events" / "clauses.yaml").read_text().splitlines(), 1)
                if text.strip().startswith("among: 1"))
    with pytest.raises(DictionaryError, match=rf"events/clauses\.yaml:{line}: \[part_words\]"):
        Knowledge.load(DataSources.layered(folder))
