"""The TABARI / PETRARCH dictionary readers, on the real dictionaries and on small broken ones."""

import re
from datetime import date
from pathlib import Path

import pytest

from dyads.errors import DictionaryError
from dyads.knowledge import tabari
from dyads.knowledge.tabari import (
    Alternatives,
    DatedCode,
    Marker,
    NounPhrase,
    PrepPhrase,
    SynsetRef,
    VerbWords,
    Word,
)
from dyads.model import DictionaryRef

PETRARCH = Path("/work/shared/petrarch")
DICTIONARIES = PETRARCH / "dictionaries"
SUITES = sorted((PETRARCH / "suites").iterdir()) if (PETRARCH / "suites").is_dir() else []

pytestmark = pytest.mark.skipif(not DICTIONARIES.is_dir(), reason="the PETRARCH dictionaries are not on this machine")


@pytest.fixture(scope="module")
def standard():
    return tabari.read_folder(DICTIONARIES)


@pytest.fixture(scope="module")
def cameo(standard):
    return standard.verbs


def actor(entries, name, file_prefix=""):
    found = [entry for entry in entries if entry.name == name and entry.ref.file.startswith(file_prefix)]
    assert len(found) == 1, found
    return found[0]


def pattern_at(verbs, line):
    (found,) = [pattern for pattern in verbs.patterns if pattern.ref.line == line]
    return found


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# -- verbs ------------------------------------------------------------------------------------


def test_cameo_has_397_blocks_and_4668_pattern_lines_two_of_them_skipped(cameo, standard):
    lines = (DICTIONARIES / "CAMEO.2.0.txt").read_text(encoding="utf-8").split("\n")
    pattern_lines = [n for n, line in enumerate(lines, 1) if line.startswith("-") and not line.startswith("---")]
    assert len(cameo.blocks) == 397
    assert len(pattern_lines) == 4668
    # two lines have a stray ")" ("(WITH VISIT)   VISIT)[042:043]"): skipped, with a warning each
    assert len(cameo.patterns) == 4666
    skipped = {int(w.split(":")[1]) for w in standard.warnings if "unmatched ')'" in w}
    assert skipped == {2374, 7606}
    assert {p.ref.line for p in cameo.patterns} == set(pattern_lines) - skipped
    with pytest.raises(DictionaryError, match=r"CAMEO\.2\.0\.txt:2374: pattern with an unmatched '\)'"):
        tabari.read_verbs(DICTIONARIES / "CAMEO.2.0.txt", strict=True)


def test_synonym_set_members(cameo):
    currency = cameo.synsets["&CURRENCY"]
    assert len(currency) == 90
    assert [m.elements for m in currency[:3]] == [(Word("MONEY"),), (Word("CURRENCY"),), (Word("CASH"),)]
    assert currency[2].ref == DictionaryRef("CAMEO.2.0.txt", 97)
    assert "&AUXVERB1" in cameo.synsets  # defined as &AUXVERB1_: the trailing underscore is not part of the name
    assert len(cameo.synsets) == 40


def test_verb_block_forms_and_code(cameo):
    block = cameo.blocks[0]
    assert (block.name, block.ref.line) == ("ACCELERATE", 709)
    assert block.code.is_null and block.code.text == "---"
    assert [form.base.words for form in block.forms] == [
        ("ACCELERATE",),
        ("EXPEDITE",),
        ("HASTEN",),
        ("HURRY",),
        ("QUICKEN",),
        ("RACE",),
        ("RUSH",),
        ("SPEED",),
    ]
    hurry = block.forms[3]
    assert hurry.irregular == (VerbWords(("HURRIES",)), VerbWords(("HURRYING",)), VerbWords(("HURRIED",)))
    assert not hurry.regular and block.forms[0].regular
    assert len(block.patterns) == 12


def test_multi_word_verbs_and_form_codes(cameo):
    ask = next(block for block in cameo.blocks if block.name == "ASK")
    ask_for = ask.forms[0]  # +ASK_FOR {+ASKED_FOR +ASKING_FOR +ASKS_FOR} [020]
    assert ask_for.base == VerbWords(("ASK", "FOR"), 0)
    assert VerbWords(("ASKED", "FOR"), 0) in ask_for.irregular
    assert ask_for.code.code == "020" and ask.forms[2].code is None  # ENQUIRE takes the block's code
    scrap = next(form for block in cameo.blocks for form in block.forms if form.base.words == ("SCRAP",))
    assert len(scrap.irregular) == 3  # "SCRAP {SCRAPPING SCRAPS SCRAPPED };shan": TABARI's ';' comment
    suite = tabari.read_verbs(PETRARCH / "suites/petrarch2/PETR.Validate.verbs.txt")
    wiretap = next(form for block in suite.blocks for form in block.forms if form.base.words == ("WIRE", "TAP"))
    assert wiretap.base.verb_index == 1 and wiretap.irregular[0] == VerbWords(("WIRE", "TAPPED"), 1)


def test_pattern_elements_code_and_line(cameo):
    pattern = pattern_at(cameo, 6434)  # - * WITHDRAWAL (OF $) (FROM +)   [0874]   # MONITOR
    assert pattern.elements == (
        Marker.VERB,
        Word("WITHDRAWAL"),
        PrepPhrase((Word("OF"), Marker.SOURCE)),
        PrepPhrase((Word("FROM"), Marker.TARGET)),
    )
    assert pattern.before == () and pattern.after == pattern.elements[1:]
    assert (pattern.code.code, pattern.code.paired) == ("0874", None)
    assert pattern.raw.startswith("- * WITHDRAWAL (OF $)")
    before = pattern_at(cameo, 2449)  # - $ TROOP * TOWARD +   [154]
    assert before.before == (Marker.SOURCE, Word("TROOP")) and before.after == (Word("TOWARD"), Marker.TARGET)
    assert pattern_at(cameo, 720).elements[1] == NounPhrase((Word("ARMS"), Word("SHIPMENT")))


def test_paired_codes(cameo):
    visit = pattern_at(cameo, 718)  # - * (TO)   [042:043]: a visit, and the target hosting it
    assert (visit.code.code, visit.code.paired) == ("042", "043")
    court = pattern_at(cameo, 804)  # - * (BEFORE COURT)   [:173]: only the paired event
    assert (court.code.code, court.code.paired, court.code.is_null) == (None, "173", False)


def test_synonym_set_names_inside_joined_words(cameo):
    # &FIGHT_CRIM is the set &FIGHT then CRIM (there is no &FIGHT_CRIM; &FIGHT_OF_WORDS is a set)
    assert pattern_at(cameo, 2406).elements == (Marker.VERB, SynsetRef("&FIGHT"), Word("CRIM"))
    assert "&FIGHT_OF_WORDS" in cameo.synsets
    assert len(cameo.transformations) == 8 and cameo.transformations[0].text.startswith("~ a (a b ATTACK) SAY")


def test_undefined_synonym_sets_are_kept_with_a_warning(cameo, standard):
    assert pattern_at(cameo, 8443).elements[1] == PrepPhrase((Word("IN"), SynsetRef("&WEATHER")))
    assert any(w.startswith("CAMEO.2.0.txt:8443: reference to an undefined synonym set") for w in standard.warnings)


def test_tabari_verb_file():
    verbs = tabari.read_verbs(PETRARCH / "suites/petrarch1/PETR.Validate.verbs.txt")
    accord = next(block for block in verbs.blocks if block.name == "ACCORD")
    assert accord.patterns[0].elements[-2] == Alternatives(((Word("GENEVA"),), (Word("INTERNATIONAL"),)))
    brk = next(block for block in verbs.blocks if block.name == "BREAK_")
    assert brk.code.code == "1717" and [f.words for f in brk.forms[0].irregular] == [
        ("BROKE",),
        ("BROKEN",),
        ("BROKEN", "DOWN"),
    ]
    # a TABARI verb word without a closing "_" is a stem: "CONTRIBUT  [070]" is "contributed" too;
    # "ACT_ [100]" with "{ ACTING_ ACTXD_ ACTUALITY }": only ACTUALITY is one
    contribute = next(block for block in verbs.blocks if block.name == "CONTRIBUT")
    assert contribute.forms[0].base == VerbWords(("CONTRIBUT",), 0, stem=True)
    act = next(block for block in verbs.blocks if block.name == "ACT_")
    assert [(w.words, w.stem) for w in (act.forms[0].base, *act.forms[0].irregular)] == [
        (("ACT",), False), (("ACTING",), False), (("ACTXD",), False), (("ACTUALITY",), True)]
    assert not any(w.stem for w in brk.forms[0].irregular)


# -- actors -----------------------------------------------------------------------------------


def test_gorbachev(standard):
    gorbachev = actor(standard.actors, ("MIKHAIL", "GORBACHEV"))
    assert gorbachev.ref == DictionaryRef("Phoenix.Countries.actors.txt", 39478)
    assert ("GORBACHEV",) in gorbachev.synonyms and ("MIKHAIL", "SERGEYEVICH", "GORBACHEV") in gorbachev.synonyms
    # the names written without "+" before the codes belong to the entry too
    assert gorbachev.synonyms[-1] == ("GENERAL", "SECRETARY", "GORBACHEV")
    assert len(gorbachev.synonyms) == 13
    assert gorbachev.codes == (
        DatedCode("RUSELI", date(1948, 1, 1), date(1985, 3, 11)),
        DatedCode("RUSGOV", date(1985, 3, 11), date(1991, 8, 24)),
        DatedCode("RUSGOV", date(1988, 10, 1), date(1989, 5, 25)),
        DatedCode("RUSGOV", date(1989, 5, 25), date(1990, 3, 15)),
        DatedCode("RUSGOV", date(1990, 3, 15), date(1991, 12, 25)),
        DatedCode("RUSELI"),
    )


def test_two_digit_years_and_both_widths(standard):
    karzai = actor(standard.actors, ("HAMID", "KARZAI"), "Phoenix.Countries")
    assert karzai.codes[0] == DatedCode("AFGELI", date(1975, 1, 1), date(2000, 1, 1))  # 750101-000101
    andropov = actor(standard.actors, ("YURY", "ANDROPOV"))
    assert andropov.codes[0].start == date(1932, 1, 1)  # 320101
    chernenko = actor(standard.actors, ("KONSTANTIN", "CHERNENKO"))
    assert chernenko.codes[0].start == date(1929, 1, 1)  # 19290101: as YYMMDD, 29 would be 2029


def test_open_ranges(standard):
    assert DatedCode("AFGGOV", start=date(2001, 12, 22)) in actor(standard.actors, ("HAMID", "KARZAI")).codes
    armenia = actor(standard.actors, ("ARMENIA",))
    # [USRARM <900823], then [ARMUNR 9008223-911221] (seven digits: skipped), then [ARM >911221]
    assert armenia.codes == (DatedCode("USRARM", end=date(1990, 8, 23)), DatedCode("ARM", start=date(1991, 12, 21)))


def test_milnonstate_and_international_entries(standard):
    hamas = actor(standard.actors, ("HAMAS",), "Phoenix.MilNonState")
    assert hamas.codes == (DatedCode("PSEREBHMS"),) and ("ISLAMIC", "RESISTANCE", "MOVEMENT") in hamas.synonyms
    montas = actor(standard.actors, ("MICHELE", "MONTAS"))  # three codes on one line, "---" kept as written
    assert montas.codes == (DatedCode("HTIOPPMED", end=date(2006, 12, 31)), DatedCode("IGOUNOMED"), DatedCode("---"))
    un = actor(standard.actors, ("THE", "UNITED", "NATIONS"))
    assert un.ref.line == 20 and un.codes == (DatedCode("IGOUNO"),)


def test_actor_counts_and_tolerated_defects(standard):
    assert len(standard.actors) == 27211
    refs = {w.split(": ")[0] for w in standard.warnings if ".actors." in w}
    assert refs == {
        "Phoenix.Countries.actors.txt:" + n for n in "2039 18010 22508 22519 31715 43613 50802 50839 51384".split()
    } | {"Phoenix.International.actors.txt:" + n for n in "22 40 266 3694 3696 3726 6605".split()}


# -- agents, discards, issues -----------------------------------------------------------------


def test_agents(standard):
    cattle = next(agent for agent in standard.agents if agent.ref.line == 61)  # CATTLE!PERSON! [~AGR]
    assert cattle.forms == (("CATTLEMAN",), ("CATTLEMEN",), ("CATTLEWOMAN",), ("CATTLEWOMEN",), ("CATTLEPERSON",))
    assert (cattle.role, cattle.position, cattle.regular_plurals) == ("AGR", "after", True)
    chamber = next(agent for agent in standard.agents if agent.ref.line == 121)
    assert chamber.forms == (("CHAMBER", "OF", "COMMERCE"), ("CHAMBERS", "OF", "COMMERCE"))
    assert not chamber.regular_plurals
    observers = next(agent for agent in standard.agents if agent.ref.line == 2365)  # OBSERVERS_IN [IGO~]
    assert (observers.role, observers.position) == ("IGO", "before")
    assert len(standard.agents) == 2243


def test_discards(standard):
    assert len(standard.discards) == 506
    golf = [d for d in standard.discards if d.words == ("WORLD", "GOLF", "CHAMPIONSHIPS")]
    assert [d.scope for d in golf] == ["story"]
    assert standard.discards[0].words == ("1914",) and standard.discards[0].scope == "sentence"


def test_issues(standard):
    first = standard.issues[0]  # n:preschool [EARLY_CHILDHOOD_EDUCATION]
    assert (first.category, first.code, first.words[0].text, first.words[0].expand) == (
        "EDUCATION",
        "EARLY_CHILDHOOD_EDUCATION",
        "PRESCHOOL",
        "noun",
    )
    pre_school = standard.issues[1]  # pre+n:school
    assert [(w.text, w.joined) for w in pre_school.words] == [("PRE", False), ("SCHOOL", True)]
    assert any(issue.exclusions == 2 and issue.code is None for issue in standard.issues)


# -- the suites and folders -------------------------------------------------------------------


@pytest.mark.parametrize("suite", SUITES, ids=[suite.name for suite in SUITES])
def test_suite_dictionaries_read(suite):
    found = tabari.read_folder(suite)
    assert found.verbs and found.actors and found.agents
    assert len(found.files) >= 3


def test_suite_defects_are_warnings_or_errors_when_strict():
    suite = PETRARCH / "suites/petrarch1"
    found = tabari.read_folder(suite)
    assert found.warnings == (
        "PETR.Validate.verbs.txt:566: pattern without a [code] (line skipped): '- + HAS_BEEN_* BY $'",
    )
    with pytest.raises(DictionaryError, match=r"PETR\.Validate\.verbs\.txt:566: pattern without a \[code\]"):
        tabari.read_folder(suite, strict=True)


def test_hash_inside_brackets_is_a_code_not_a_comment():
    verbs = tabari.read_verbs(PETRARCH / "suites/petrarch2/PETR.Validate.verbs.txt")
    assert any(pattern.code.code == "###" for pattern in verbs.patterns)  # - * DIPLXMATIC  [###]  # -PAS


def test_read_folder_finds_files_by_name(tmp_path, standard):
    assert set(standard.files) == {
        "CAMEO.2.0.txt",
        "Phoenix.Countries.actors.txt",
        "Phoenix.International.actors.txt",
        "Phoenix.MilNonState.actors.txt",
        "Phoenix.agents.txt",
        "Phoenix.discards.txt",
        "Phoenix.IssueCoding.txt",
    }
    with pytest.raises(DictionaryError, match="no TABARI dictionary"):
        tabari.read_folder(tmp_path)
    write(tmp_path, "a.verbs.txt", "")
    write(tmp_path, "B.VERBS.txt", "")
    with pytest.raises(DictionaryError, match="more than one verbs dictionary"):
        tabari.read_folder(tmp_path)


# -- malformed input --------------------------------------------------------------------------


def test_bad_date_names_file_and_line(tmp_path):
    path = write(tmp_path, "bad.actors.txt", "ISRAEL [ISR]\nNETANYAHU [ISRGOV 20131340-20140101]\n")
    with pytest.raises(DictionaryError, match=r"bad\.actors\.txt:2: bad date .*NETANYAHU"):
        tabari.read_actors(path)


def test_two_digit_year_pivot(tmp_path):
    path = write(tmp_path, "pivot.actors.txt", "A [X 300101-310101]\n")
    (entry,) = tabari.read_actors(path)
    assert entry.codes == (DatedCode("X", date(2030, 1, 1), date(1931, 1, 1)),)


def test_unclosed_bracket_names_file_and_line(tmp_path):
    path = write(tmp_path, "bad.actors.txt", "# fine\nISRAEL [ISR\n")
    with pytest.raises(DictionaryError, match=r"bad\.actors\.txt:2: unclosed '\['"):
        tabari.read_actors(path)
    verbs = write(tmp_path, "bad.verbs.txt", "--- GO [010] ---\nGO\n- * (TO TOWN [042]\n")
    with pytest.raises(DictionaryError, match=r"bad\.verbs\.txt:3: unclosed '\('"):
        tabari.read_verbs(verbs)
    code = write(tmp_path, "code.verbs.txt", "--- GO [010] ---\nGO\n- * HOME [042\n")
    with pytest.raises(DictionaryError, match=r"code\.verbs\.txt:3: unclosed '\['"):
        tabari.read_verbs(code)


def test_pattern_without_code(tmp_path):
    path = write(tmp_path, "nocode.verbs.txt", "--- GO [010] ---\nGO\n- * (TO TOWN)\n- * HOME [011]\n")
    with pytest.raises(DictionaryError, match=r"nocode\.verbs\.txt:3: pattern without a \[code\]: '- \* \(TO TOWN\)'"):
        tabari.read_verbs(path, strict=True)
    warnings: list[str] = []
    verbs = tabari.read_verbs(path, warnings=warnings)  # PETRARCH reads past it: skipped, with a warning
    assert [p.ref.line for p in verbs.patterns] == [4]
    assert warnings == ["nocode.verbs.txt:3: pattern without a [code] (line skipped): '- * (TO TOWN)'"]


def test_other_malformed_lines(tmp_path):
    cases = {
        "a.verbs.txt": "--- GO [010] ---\n- * HOME * [011]\n",  # two verbs
        "b.verbs.txt": "GOES\n",  # TABARI verb without a code
        "c.verbs.txt": "- * HOME [011]\n&SET\n",  # pattern before any block
        "d.agents.txt": "FARMER [AGR]\n",  # role without "~"
        "e.agents.txt": "HERDS!PERSON! [~AGR]\n",  # substitution set never defined
        "f.verbs.txt": "--- GO [01 0] ---\n",  # space inside a code
        "g.actors.txt": "+ORPHAN\nISRAEL [ISR]\n",  # a synonym before any name
        "h.actors.txt": "GOLLUM [991201-010114]\n",  # dates without a code
        "i.discards.txt": "TYPHOON [X]\n",
        "j.verbs.txt": "&SET\n+A\n\n+B\n",  # a blank line ends a synonym set: +B belongs nowhere
    }
    readers = {
        "verbs": tabari.read_verbs,
        "agents": tabari.read_agents,
        "actors": tabari.read_actors,
        "discards": tabari.read_discards,
    }
    for name, text in cases.items():
        path = write(tmp_path, name, text)
        with pytest.raises(DictionaryError, match=re.escape(name) + r":\d+: "):
            readers[name.split(".")[1]](path)


def test_words_joined_by_the_connector_are_marked(tmp_path):
    path = write(tmp_path, "verbs.txt", "--- ASK [090] ---\nASK\n- * FOR ECONOMIC_SANCTIONS NOW [172]\n")
    [block] = tabari.read_verbs(path).blocks
    words = [e for e in block.patterns[0].elements if isinstance(e, Word)]
    assert [(w.text, w.joined) for w in words] == [("FOR", False), ("ECONOMIC", False), ("SANCTIONS", True),
                                                    ("NOW", False)]


def test_alternatives_joined_to_the_word_before_them_are_marked(tmp_path):
    # petrarch1: "- SUGGESTED * APPLY_{ GENEVA | INTERNATIONAL } CONVENTIONS [151]"
    path = write(tmp_path, "verbs.txt",
                 "--- ASK [090] ---\nASK\n- * FOR_{ ECONOMIC | TOTAL } { NEW | MORE } AID [172]\n")
    [block] = tabari.read_verbs(path).blocks
    joined, loose = [e for e in block.patterns[0].elements if isinstance(e, Alternatives)]
    assert (joined.joined, loose.joined) == (True, False)


def test_an_actor_name_records_whether_its_last_word_is_closed(tmp_path):
    # "KESTRA_" is the word alone, "VALDORIA" (no closing "_") a stem in a TABARI-layout folder
    path = tmp_path / "X.actors.txt"
    path.write_text("VALDORIA [VAL]\n+VALDORIAN_REPUBLIC_\nKESTRA_  [KES]\n", encoding="utf-8")
    valdoria, kestra = tabari.read_actors(path)
    assert valdoria.names == (("VALDORIA",), ("VALDORIAN", "REPUBLIC")) and valdoria.open_ended == (True, False)
    assert kestra.open_ended == (False,)
