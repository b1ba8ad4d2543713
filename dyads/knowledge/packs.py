"""Dictionary packs: the field's TABARI/PETRARCH dictionaries as a layer of dyads' knowledge.

A pack is a folder of TABARI-format dictionaries (a verb file, actor files, an agents file; read by
dyads.knowledge.tabari) with a `pack.yaml` that names its source and licence. The packaged data
ships the standard CAMEO verb and Phoenix actor dictionaries as `packs/phoenix/`, the base layer;
dyads' own YAML dictionaries are the curated layer over it: a name, role noun or verb they know is
theirs, and a pack adds what they do not know. Conversion into the coder's records:
  actors  -> `NameEntry`: a person when the codes are dated (each date range a `Period`), else an
             organisation (a country's own entry is left out: countries.yaml names the countries,
             and the pack's lists their cities and regions as the country); a code keeps one role, its
             first ("NORGOVDEV" -> NORGOV), as dyads codes do (docs/coding-rules.md); names in title case (an all-caps
             word of four letters or less stays an acronym, matched case-sensitively);
  agents  -> `RoleNoun` ("NATIONAL_SECURITY_ADVISER [~GOVMIL]": GOV after the country: a dyads
             code has one role, and the first is the agent's main one);
  verbs   -> `VerbPattern`s of the verb's lemma: its block's code when no phrase pattern holds
             (PETRARCH's rule), and each phrase pattern as words of the verb's clause before and
             after it, in order (`before` / `after`, synonym sets expanded); an event from a pack
             needs a target, as PETRARCH's `require_dyad` (on by default) asks: the curated
             patterns say which codes stand without one. A paired code (`[042:043]`) also
             codes the target's event back to the source, `[:173]` only that one, when the
             pack.yaml's `paired_codes` is on (the default; `[031:031]`: symmetric); a pattern with the
             compound slot before its verb (`- % HAVE * [191]`) holds for a joint subject, whose
             parties are each other's targets when the clause names none. Codes outside CAMEO,
             null codes and the pack's `uncoded_codes` are left out, as are patterns whose parts
             have no counterpart here (alternatives of several words); each is counted;
  discards -> phrases that make their sentence give no event: sports results, entertainment,
             history ("World Cup", "Academy Award", "years ago"); a story-level discard (`+`) acts
             on its sentence too, not on the whole article (a digest keeps its other stories).
"""

from __future__ import annotations

import re
import shutil
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from dyads.errors import DictionaryError
from dyads.knowledge import schema, tabari
from dyads.knowledge.dictionaries import normalise as normalise_name
from dyads.knowledge.yaml_lines import load_yaml, strip_lines
from dyads.model import DictionaryRef

MAX_NAME_WORDS = 10  # as the curated names (dyads.knowledge.dictionaries.MAX_NAME_TOKENS)
MIN_ACRONYM_LETTERS = 3  # a name's acronym in parentheses: "(AN)", "(CA)" are words
ACRONYM_MAX_LETTERS = 3  # "IRA", "PLO" match as written; "Bree", "Nato" as names (first letter upper)
SYNSET_DEPTH = 4  # synonym sets that name other sets, this deep at most
# the words a surname may begin with: "de Klerk", "van der Merwe", "bin Laden"
SURNAME_PARTICLES = frozenset({"de", "der", "den", "van", "von", "du", "da", "dos", "di", "del", "la", "le",
                               "al", "el", "bin", "ben", "ibn"})
ACTOR_CODE_PARTS = 3


class PackManifest(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    version: int
    name: str
    source: str
    licence: str
    uncoded_codes: list[str] = []  # codes that are not events in dyads ("010": a plain statement)
    # discard phrases dyads does not use, grouped by the reason: {reason: [phrase, ...]}
    discards_left_out: dict[str, list[str]] = {}
    # TABARI's paired codes: `[042:043]` codes X -> Y 042 and Y -> X 043, `[:173]` only Y -> X 173,
    # as PETRARCH does; false keeps the first code alone (a symmetric pair, `[031:031]`, either way)
    paired_codes: bool = True
    # a code with two roles is read with its first ("NORGOVDEV" -> NORGOV) unless the pair is named
    # here with the role dyads codes it by: {"GOVLEG": "LEG"}, a legislature's member or body
    role_pairs: dict[str, str] = {}
    # an international type followed by the country it is based in ("MNCUSA", a corporation) is
    # read as that country's actor in the role named here ({"MNC": "BUS"}: USABUS), or in its own
    # sector role when it has one ("MNCUSAMED", a newspaper: USAMED)
    based_types: dict[str, str] = {}
    # verbs (lemmas) whose block code dyads does not use when none of their phrase patterns holds,
    # with the reason: {"die": "..."}; the phrase patterns stay ("died in clashes": 190)
    bare_codes_left_out: dict[str, str] = {}


@dataclass(frozen=True, slots=True)
class PackName:
    """A name of a pack actor, ready for the actor dictionary."""

    alias: str
    name: str
    kind: str
    code: str | None
    periods: tuple[schema.Period, ...]
    ref: DictionaryRef
    members: tuple[str, ...] = ()  # a coded compound's actors ("THE_SHIRE [FRO/BIL/SAM]")
    # how its last word matches, TABARI's rule in a TABARI-layout folder (its verb file has no
    # block headers): "stem" (written without a closing "_": KUWAIT is "Kuwaiti" too), "ending"
    # (closed by "_": LIBYA_ is "Libyas" too, a regular noun ending); else "word", the word alone
    # (PETRARCH drops the "_")
    matching: Literal["word", "stem", "ending"] = "word"


@dataclass
class Pack:
    manifest: PackManifest
    names: list[PackName] = field(default_factory=list)
    # (phrase, role, ref, first): `first` when the role goes before the country ("MSF [NGO~]")
    roles: list[tuple[str, str, DictionaryRef, bool]] = field(default_factory=list)
    verbs: dict[str, list[tuple[schema.VerbPattern, DictionaryRef]]] = field(default_factory=dict)
    discards: list[tuple[str, str, DictionaryRef]] = field(default_factory=list)  # (phrase, scope, ref)
    left_out: Counter[str] = field(default_factory=Counter)  # why entries were not used
    stems: set[str] = field(default_factory=set)  # keys of `verbs` that match any word they begin (TABARI)
    exact: set[str] = field(default_factory=set)  # keys of `verbs` that match only the word itself (TABARI "=")
    # actor codes that make their sentence uncodable: TABARI's "###" in a TABARI-layout folder
    # (PETRARCH-2 reads it as a code like any other)
    discard_codes: set[str] = field(default_factory=set)


def read_pack(folder: Path, label: str, countries: frozenset[str], cameo_codes: frozenset[str] | None,
              manifest: PackManifest | None = None, code_fits: Callable[[str], bool] | None = None) -> Pack:
    """The pack in `folder`, its refs named `label/FILE:LINE`; `countries` tells a country code;
    `code_fits` says which actor codes to keep (default: any made of three-letter parts);
    `cameo_codes` which event codes (None: any, as a peer suite writes its own test codes)."""
    manifest = manifest or read_manifest(folder / "pack.yaml", label)
    found = tabari.read_folder(folder)
    pack = Pack(manifest)
    pack.left_out["warned line"] = len(found.warnings)
    tabari_layout = found.verbs is not None and found.verbs.tabari
    if tabari_layout:
        pack.discard_codes.add(tabari.DISCARD_CODE)
    for entry in found.actors:
        _add_actor(pack, entry, label, countries, code_fits or _valid_code, tabari_layout)
    _add_name_variants(pack)
    for agent in found.agents:
        _add_agent(pack, agent, label, code_fits)
    left_out = {phrase.lower(): reason for reason, phrases in manifest.discards_left_out.items()
                for phrase in phrases}
    for discard in found.discards:
        phrase = " ".join(discard.words).lower()
        if phrase in left_out:
            pack.left_out[f"discard left out ({left_out.pop(phrase)})"] += 1
        elif phrase.isdigit():
            # Phoenix discards every sentence naming a year from 1914 on; dyads dates events instead,
            # and "severed relations over the 1994 genocide" is an event of the day
            pack.left_out["discard that is a year"] += 1
        elif phrase:
            pack.discards.append((phrase, discard.scope, _ref(discard.ref, label)))
    if left_out:
        raise DictionaryError(f"{label}/pack.yaml: discards_left_out names phrases the discards do not hold: "
                              f"{', '.join(sorted(left_out))}")
    if found.verbs is not None:
        _add_verbs(pack, found.verbs, label, cameo_codes, frozenset(manifest.uncoded_codes), manifest.paired_codes)
    return pack


def read_manifest(path: Path, label: str) -> PackManifest:
    try:
        return PackManifest.model_validate(strip_lines(load_yaml(path)))
    except ValidationError as err:
        first = err.errors()[0]
        raise DictionaryError(f"{label}/pack.yaml: [{'.'.join(map(str, first['loc']))}] {first['msg']}") from None


EVENT_CODE_RE = re.compile(r"^\d{2,4}$")
PACK_NAME_RE = re.compile(r"^[A-Za-z0-9_-]+$")


def write_pack(folder: Path, data_dir: Path, name: str, source: str, licence: str
               ) -> tuple[Path, tabari.TabariDictionaries]:
    """Read a TABARI folder (a malformed line is a DictionaryError naming it), then copy its
    dictionaries into DATA_DIR/packs/NAME with a pack.yaml; returns the pack folder and what was read."""
    if not PACK_NAME_RE.match(name):
        raise DictionaryError(f"pack name {name!r}: letters, digits, - and _ only")
    found = tabari.read_folder(folder)
    target = data_dir / "packs" / name
    target.mkdir(parents=True, exist_ok=True)
    for file_name in found.files:
        shutil.copyfile(folder / file_name, target / file_name)
    for licence_file in sorted(folder.glob("LICEN[CS]E*")):
        shutil.copyfile(licence_file, target / licence_file.name)
    manifest = {"version": 1, "name": name, "source": source, "licence": licence, "uncoded_codes": ["010"]}
    (target / "pack.yaml").write_text(yaml.safe_dump(manifest, sort_keys=False), encoding="utf-8")
    return target, found


def manifest_for_folder(folder: Path) -> PackManifest:
    """A TABARI folder without a pack.yaml (a test suite's dictionaries): named after itself."""
    return PackManifest(version=1, name=folder.name, source=str(folder), licence="as the folder says")


def _ref(ref: DictionaryRef, label: str) -> DictionaryRef:
    return DictionaryRef(f"{label}/{ref.file}", ref.line)


# --- actors ------------------------------------------------------------------------------------

def display(words: tuple[str, ...]) -> str:
    """"IRAN" -> "Iran", "NATO" -> "NATO", "MIKHAIL_GORBACHEV" -> "Mikhail Gorbachev"."""
    if len(words) == 1 and words[0].isalpha() and len(words[0]) <= ACRONYM_MAX_LETTERS:
        return words[0]
    return " ".join(_capitalised(word) for word in words)


def _capitalised(word: str) -> str:
    opening = len(word) - len(word.lstrip("("))  # "(SOUTH" -> "(South"
    return word[:opening] + word[opening:opening + 1].upper() + word[opening + 1:].lower()


def _valid_code(code: str) -> bool:
    return bool(code) and len(code) % ACTOR_CODE_PARTS == 0 and code.isalpha() and code.isupper()


WRITTEN_CODE_STAND_IN = "XXX"  # a valid code the dates of a written one are checked with


def _written_code(code: str) -> bool:
    """A code as a test suite writes it, alone: letters and digits, at least a country's three
    ("G77", "YEMNO", "ITHTV"), or TABARI's discard code ("###"; "+++", complex, and "---", none,
    are no codes)."""
    return code == tabari.DISCARD_CODE or (len(code) >= ACTOR_CODE_PARTS and code.isalnum() and code.isupper())


def one_role(code: str, role_pairs: dict[str, str] | None = None) -> str:
    """The code's first part and one role, as every dyads code has at most one: the first
    ("NORGOVDEV", a government's development envoy, -> "NORGOV"; "IGOUNOHLH" -> "IGOUNO"), or the
    one the pack names for the pair ("USAGOVLEG" -> "USALEG" with {"GOVLEG": "LEG"})."""
    pair = code[ACTOR_CODE_PARTS: 3 * ACTOR_CODE_PARTS]
    if role_pairs and pair in role_pairs:
        return code[:ACTOR_CODE_PARTS] + role_pairs[pair]
    return code[: 2 * ACTOR_CODE_PARTS]


def based_code(code: str, based_types: dict[str, str], countries: frozenset[str]) -> str:
    """A code of an international type based in a country, as the pack's manifest reads it
    (`PackManifest.based_types`): "MNCUSA" -> "USABUS", "MNCUSAMED" -> "USAMED"; any other code
    as it is ("MNC", "MNCAFRMED": no country)."""
    kind, country, rest = code[:ACTOR_CODE_PARTS], code[ACTOR_CODE_PARTS:2 * ACTOR_CODE_PARTS], \
        code[2 * ACTOR_CODE_PARTS:]
    if kind not in based_types or country not in countries:
        return code
    return country + (rest or based_types[kind])


def _add_actor(pack: Pack, entry: tabari.ActorEntry, label: str, countries: frozenset[str],
               code_fits: Callable[[str], bool], tabari_layout: bool = False) -> None:
    under_curated = code_fits is not _valid_code
    # a coded compound, TABARI's "[FRO/BIL/SAM]": one name for several actors, each coded in turn
    members = _compound_members(entry)
    if members and not all(code_fits(member) for member in members):
        pack.left_out["coded compound with a member that is no usable code"] += 1
        return
    if members:
        entry = replace(entry, codes=(tabari.DatedCode(members[0]),))
    # under the curated layer, one role as dyads codes have; alone (a test suite), as written
    role_pairs = pack.manifest.role_pairs
    # alone, any code the suite writes ("G77", "YEMNO")
    based_types = pack.manifest.based_types
    codes = [replace(c, code=one_role(based_code(c.code, based_types, countries), role_pairs)
                     if under_curated else c.code)
             for c in entry.codes if (_valid_code if under_curated else _written_code)(c.code)]
    if under_curated:
        codes = [c for c in codes if code_fits(c.code)]
    if not codes:
        pack.left_out["actor without a usable code"] += 1
        return
    # alone (a test suite's dictionaries), any bare three-letter code is a country: "ARNOR [ARN]"
    def is_country(code: str) -> bool:
        return code in countries if under_curated else len(code) == ACTOR_CODE_PARTS

    kind, code, periods = _kind_and_codes(codes, is_country)
    if kind == "country" and under_curated:
        # the curated countries.yaml names every country; a pack's country entry adds its cities
        # and regions ("TEHRAN", "DARFUR" as IRN, SDN), which are places, not actors
        pack.left_out["country entry (its cities and regions are places)"] += 1
        return
    if periods is None:
        pack.left_out["actor with a date range that ends before it starts"] += 1
        return
    name = display(entry.name)
    ref = _ref(entry.ref, label)
    open_ended = entry.open_ended or (False,) * len(entry.names)
    for written, is_open in zip(entry.names, open_ended, strict=True):
        for words, acronym in _written_forms(written):
            if len(words) > MAX_NAME_WORDS:
                pack.left_out["name longer than the longest span looked up"] += 1
                continue
            alias = words[0] if acronym else display(words)  # an acronym as written: "AAIA"
            matching: Literal["word", "stem", "ending"] = (
                ("stem" if is_open else "ending") if tabari_layout and not acronym else "word")
            pack.names.append(PackName(alias, name, kind, code, periods, ref, members, matching))


def _written_forms(words: tuple[str, ...]) -> list[tuple[tuple[str, ...], bool]]:
    """How the news writes a name that ends in parentheses, each with whether it is an acronym:
    "ADEN_ABYAN_ISLAMIC_ARMY_(AAIA)" is "Aden Abyan Islamic Army" and "AAIA";
    "AFRICAN_NATIONAL_CONGRESS_(SOUTH_AFRICA)" is "African National Congress" (the parentheses
    qualify it; no text writes them). A name with them inside ("TABAK_(MACHETE)_GROUP") is kept."""
    opened = next((k for k, word in enumerate(words) if word.startswith("(")), None)
    if opened is None or not words[-1].endswith(")") or opened < 2:
        return [(words, False)]
    forms = [(words[:opened], False)]
    inside = (" ".join(words[opened:])[1:-1],)
    if _is_acronym(inside) and len(inside[0]) >= MIN_ACRONYM_LETTERS:
        forms.append((inside, True))
    return forms


def _is_acronym(words: tuple[str, ...]) -> bool:
    return len(words) == 1 and words[0].isalpha() and words[0].isupper()


def _add_name_variants(pack: Pack) -> None:
    """A person's name as the news writes it, besides the dictionary's form: without middle
    initials ("FERDINAND_E._MARCOS" as "Ferdinand Marcos") and with its last two words joined by a
    hyphen ("CHUN_DOO_HWAN" as "Chun Doo-hwan", "HASSAN_AL_TURABI" as "Hassan al-Turabi"). A
    variant another entry writes in full, or two entries share, names no one for sure: left out."""
    full = {normalise_name(n.alias) for n in pack.names}
    made: dict[str, list[PackName]] = defaultdict(list)
    for name in pack.names:
        if name.kind != "person":
            continue
        for variant in _person_variants(name.alias.split(" ")):
            made[normalise_name(variant)].append(replace(name, alias=variant))
    for key, names in made.items():
        if key in full or len({(n.name, n.ref) for n in names}) > 1:
            pack.left_out["name variant another name shares"] += 1
            continue
        pack.names.append(names[0])


def _person_variants(words: list[str]) -> list[str]:
    variants = []
    kept = [w for w in words if not _is_initial(w)]
    if len(kept) != len(words) and len(kept) >= 2 and not _is_initial(words[0]):
        variants.append(" ".join(kept))
    if len(kept) == 3:
        variants.append(f"{kept[0]} {kept[1]}-{kept[2]}")
    return variants + _initialled_variants(words)


def _initialled_variants(words: list[str]) -> list[str]:
    """"FREDERICK_WILLEM_DE_KLERK" as "F.W. de Klerk" and "F. W. de Klerk", "PIETER_WILLEM_BOTHA"
    as "P.W. Botha": two or more given names written as their initials before the surname (its
    particles with it). One given name is not: "P. Botha" names too many."""
    start = len(words) - 1
    while start > 0 and words[start - 1].lower() in SURNAME_PARTICLES:
        start -= 1
    given = words[:start]
    if len(given) < 2 or any(_is_initial(w) or not w[:1].isalpha() for w in given):
        return []
    initials = [f"{w[0].upper()}." for w in given]
    surname = " ".join(words[start:])
    return [f"{''.join(initials)} {surname}", f"{' '.join(initials)} {surname}"]


def _is_initial(word: str) -> bool:
    return len(word) == 2 and word[0].isalpha() and word[1] == "."


def _compound_members(entry: tabari.ActorEntry) -> tuple[str, ...]:
    """The actors of a coded compound: an undated code of several valid codes joined by '/'."""
    if len(entry.codes) != 1 or entry.codes[0].start or entry.codes[0].end or "/" not in entry.codes[0].code:
        return ()
    parts = tuple(entry.codes[0].code.split("/"))
    return parts if all(_valid_code(part) for part in parts) else ()


def _kind_and_codes(codes: list[tabari.DatedCode], is_country: Callable[[str], bool]
                    ) -> tuple[str, str | None, tuple[schema.Period, ...] | None]:
    dated = [c for c in codes if c.start or c.end]
    if not dated:
        code = codes[0].code
        return ("country" if is_country(code) else "organisation"), code, ()
    # a country whose code changed with its history ("IRAQ_ [IRQ <20030320] [IRQOCC ...]") is a
    # country entry; anything else with dated codes, a person (or a group) holding roles in turn
    kind = "country" if any(is_country(c.code) for c in dated) else "person"
    try:
        periods = [_period(c) for c in dated]
    except ValidationError:
        return kind, None, None
    # in the file's order, which decides between overlapping ranges as in PETRARCH (the first that
    # holds: "SAM_GAMGEE [ORCHOB 20100109-20100112] [HOBMIL 20080120-20121109]" is ORCHOB on
    # 2010-01-10); an undated code is what holds outside every range ("[IRNELI]" after the offices)
    periods += [_period(c) for c in codes if not (c.start or c.end)][:1]
    return kind, None, tuple(periods)


def _period(code: tabari.DatedCode) -> schema.Period:
    """The code's period, validated; a code a suite writes that is no three-letter parts ("###"
    after a date: "USSR [USR <911226] [###]") is put in after the dates are checked."""
    if _valid_code(code.code):
        return schema.Period(code=code.code, start=code.start, end=code.end)
    return schema.Period(code=WRITTEN_CODE_STAND_IN, start=code.start, end=code.end).model_copy(
        update={"code": code.code})


def _add_agent(pack: Pack, agent: tabari.AgentEntry, label: str, code_fits: Callable[[str], bool] | None) -> None:
    # a role fits when a country with it would: "GOVMIL" as in "USAGOVMIL"
    fits = _valid_code(agent.role) and (code_fits is None or code_fits("USA" + agent.role))
    # a role before the country ("MSF Arnor", [NGO~]: NGOARN) is read alone (a test suite); under the
    # curated layer no reference code starts with a role (Phoenix's three: "PEACEKEEPING_TROOPS [IGO~]")
    if (agent.position == "before" and code_fits is not None) or not fits:
        pack.left_out["agent whose role comes first or is not a role code"] += 1
        return
    # under the curated layer, one role, as every dyads code has ("NATIONAL_SECURITY_ADVISER
    # [~GOVMIL]": GOV, see `one_role`); alone (a test suite), as written
    role = (one_role("---" + agent.role, pack.manifest.role_pairs)[ACTOR_CODE_PARTS:] if code_fits is not None
            else agent.role)
    for words in agent.forms:
        pack.roles.append((" ".join(words).lower(), role, _ref(agent.ref, label), agent.position == "before"))


# --- verbs -------------------------------------------------------------------------------------

def _add_verbs(pack: Pack, verbs: tabari.VerbDictionary, label: str, usable: frozenset[str] | None,
               uncoded: frozenset[str], paired: bool) -> None:
    found: dict[str, list[tuple[schema.VerbPattern, DictionaryRef]]] = defaultdict(list)
    for block in verbs.blocks:
        phrases = [(p, _phrases_of(p, verbs.synsets)) for p in block.patterns]
        for form in block.forms:
            # the verb and its irregular forms ("BREAK_ {BROKE_ BROKEN_ BROKEN_DOWN_}"), each a key
            # of the patterns, as PETRARCH looks a verb up by the word written ("broke", "left")
            made: dict[str, list[tuple[schema.VerbPattern, DictionaryRef]]] = {}
            added: set[tuple[str, str]] = set()
            for words in (form.base, *form.irregular):
                lemma, before, after = _verb_words(words)
                shape = repr((before, after))
                if shape not in made:
                    made[shape] = _form_patterns(pack, block, form, phrases, lemma, before, after, label,
                                                 usable, uncoded, paired, verbs.tabari)
                if (lemma, shape) not in added:  # "CUT {CUT CUTS}": once
                    added.add((lemma, shape))
                    found[lemma].extend(made[shape])
                if words.stem:
                    pack.stems.add(lemma)
                if words.exact:
                    pack.exact.add(lemma)
    pack.verbs = dict(found)


def _form_patterns(pack: Pack, block: tabari.VerbBlock, form: tabari.VerbForm,
                   phrases: list[tuple[tabari.VerbPattern, list[Phrase] | None]],
                   lemma: str, before: list[list[str]], after: list[list[str]], label: str,
                   usable: frozenset[str] | None, uncoded: frozenset[str], paired: bool, tabari_layout: bool
                   ) -> list[tuple[schema.VerbPattern, DictionaryRef]]:
    """A verb form's patterns: each phrase pattern of its block, then the form's (or the block's) code."""
    found = []
    for pattern, spellings in phrases:
        codes = _pattern_codes(pattern.code, usable, uncoded, pack, paired)
        if codes is None:
            continue
        if spellings is None:
            pack.left_out["phrase pattern with a part not matched here"] += 1
            continue
        # "- % HAVE * [191]": the subject is a compound whose parties act on each other
        # ("Gondor and Osgiliath have delayed their meeting"), unless the clause names a target
        compound = _has_marker(pattern.before, tabari.Marker.COMPOUND)
        # "- + * MONEY $ [071]": the target written before the verb and the source after it, the
        # subject is the target ("X received money from Y": Y -> X); not a passive's agent ("+ BEEN
        # * BY $"), which the grammar reads as the source already
        if _written_reversed(pattern):
            codes = {**codes, "reverse": not codes.get("reverse", False)}
        for words_before, words_after, joined_before, joined_after in spellings:
            found.append((schema.VerbPattern(
                # the pattern's words before its verb come before the whole verb: "- WILL NOT *"
                # under WIRE_+TAP is "will not wire tap"
                verbs=[lemma], before=words_before + before, after=after + words_after,
                before_joined=list(joined_before),
                after_joined=[len(after) + n for n in joined_after], needs_target=True,
                target_after_verb=True, any_part_of_speech=tabari_layout and bool(before + words_before),
                joint_subject=compound, compound=compound,
                target_before=pattern.before[-1:] == (tabari.Marker.TARGET,), **codes),
                _ref(pattern.ref, label)))
    base = _pattern_codes(form.code or block.code, usable, uncoded, pack, paired)
    if base is not None and lemma in pack.manifest.bare_codes_left_out:
        pack.left_out["a verb's code with no phrase, left out by pack.yaml"] += 1
    elif base is not None:
        found.append((schema.VerbPattern(verbs=[lemma], before=before, after=after,
                                         needs_target=True, target_after_verb=True, **base),
                      _ref(form.ref, label)))
    return found


def _written_reversed(pattern: tabari.VerbPattern) -> bool:
    """Whether the pattern writes its target before the verb and its source after it, not as a
    passive's agent after "by"."""
    after = pattern.after
    by_agent = any(isinstance(e, tabari.Word) and e.text == "BY" and k + 1 < len(after)
                   and after[k + 1] is tabari.Marker.SOURCE for k, e in enumerate(after)) or any(
        isinstance(e, tabari.PrepPhrase) and e.elements[:1] == (tabari.Word("BY"),)
        and _has_marker(e.elements, tabari.Marker.SOURCE) for e in after)
    return (_has_marker(pattern.before, tabari.Marker.TARGET) and _has_marker(after, tabari.Marker.SOURCE)
            and not by_agent)


def _has_marker(elements: tuple, marker: tabari.Marker) -> bool:
    """Whether a pattern's elements (its noun or prepositional phrases too) hold the slot marker."""
    return any(element is marker or (isinstance(element, tabari.NounPhrase | tabari.PrepPhrase)
                                     and _has_marker(element.elements, marker)) for element in elements)


def _pattern_codes(code: tabari.EventCode, usable: frozenset[str] | None, uncoded: frozenset[str], pack: Pack,
                   paired: bool) -> dict | None:
    """The VerbPattern fields a dictionary code gives, if dyads codes it: `[042]` the code,
    `[031:031]` a symmetric event, and with `paired` (the pack's `paired_codes`) `[042:043]` 042
    with 043 paired back from the target, `[:173]` 173 from the target to the source."""
    if code.is_null:
        pack.left_out["null code"] += 1
        return None
    if code.code is None:
        if not paired:
            pack.left_out["only a paired code, and the pack's paired codes are off"] += 1
            return None
        back = _usable(code.paired, usable, uncoded, pack)
        return None if back is None else {"code": back, "reverse": True}
    first = _usable(code.code, usable, uncoded, pack)
    if first is None:
        return None
    if code.paired == code.code:
        return {"code": first, "symmetric": True}
    if code.paired is None:
        return {"code": first}
    if not paired:
        pack.left_out["paired code left out (the pack's paired codes are off)"] += 1
        return {"code": first}
    return {"code": first, "paired": _usable(code.paired, usable, uncoded, pack)}


def _usable(code: str | None, usable: frozenset[str] | None, uncoded: frozenset[str], pack: Pack) -> str | None:
    """The code, if dyads codes it: `usable` None takes any code as written (a peer suite's own
    test codes, [903])."""
    if code is None:
        return None
    if not EVENT_CODE_RE.match(code):
        pack.left_out["code that is not two to four digits"] += 1
        return None
    if code in uncoded or (usable is not None and code not in usable):
        pack.left_out["code outside CAMEO or not an event here"] += 1
        return None
    return code


def _verb_words(verb: tabari.VerbWords) -> tuple[str, list[list[str]], list[list[str]]]:
    """The lemma and the words before / after it of a (multi-word) verb: "WIRE_+TAP"."""
    words = [w.lower() for w in verb.words]
    at = verb.verb_index
    return words[at], [[w] for w in words[:at]], [[w] for w in words[at + 1:]]


# A phrase of a pattern: its words before and after the verb (each a list of alternatives), and
# the positions in each of the words written joined to the word before them ("ECONOMIC_SANCTIONS").
Phrase = tuple[list[list[str]], list[list[str]], list[int], list[int]]
# Words of a phrase in order, each with whether it is joined to the word before it.
_Words = list[tuple[list[str], bool]]
MAX_PHRASE_VARIANTS = 16  # a pattern's alternatives of several words, spelled out one phrase each


def _phrases_of(pattern: tabari.VerbPattern, synsets: dict) -> list[Phrase] | None:
    """The pattern's phrases: one, or one per option of its alternatives of several words."""
    befores = _flatten(pattern.before, synsets)
    afters = _flatten(pattern.after, synsets)
    if befores is None or afters is None:
        return None
    return [([w for w, _ in before], [w for w, _ in after], _joined(before), _joined(after))
            for before in befores for after in afters]


def _joined(words: _Words) -> list[int]:
    return [n for n, (_, joined) in enumerate(words) if joined and n > 0]


def _flatten(elements: tuple, synsets: dict, depth: int = SYNSET_DEPTH) -> list[_Words] | None:
    """The words of a pattern's elements, in each of their spellings (None: a part not read here);
    `depth`: how deep synonym sets inside them are spelled out member by member."""
    variants: list[_Words] = [[]]
    after_marker = True
    for element in elements:
        if isinstance(element, tabari.Marker):
            after_marker = True
            continue  # the slots: dyads finds source and target by grammar
        options: list[_Words]
        if isinstance(element, tabari.Word):
            # "ANTI-": a prefix, which the tokenizer splits from the word it is written on ("anti-Gondor")
            text = element.text.lower().rstrip("-") or element.text.lower()
            options = [[([text], element.joined and not after_marker)]]
        elif isinstance(element, tabari.SynsetRef):
            joined = element.joined and not after_marker
            members = _synset_words(element.name, synsets, SYNSET_DEPTH)
            if not members:
                return None
            options = (_synset_options(element.name, synsets, joined) if depth else None) or [[(members, joined)]]
            if len(variants) * len(options) > MAX_PHRASE_VARIANTS:
                options = [[(members, joined)]]  # too many spellings: each member by its head
        elif isinstance(element, tabari.NounPhrase | tabari.PrepPhrase):
            inner = _flatten(element.elements, synsets)
            if inner is None:
                return None
            options = inner
        elif isinstance(element, tabari.Alternatives):
            joined = element.joined and not after_marker  # "APPLY_{ GENEVA | INTERNATIONAL }"
            if all(len(option) == 1 and isinstance(option[0], tabari.Word) for option in element.options):
                options = [[([option[0].text.lower() for option in element.options
                              if isinstance(option[0], tabari.Word)], joined)]]  # all are, as checked
            else:  # "{ ECONOMIC_SANCTIONS | TOTAL_BOYCOTT | EMBARGO }": one phrase per option
                spelled = [_flatten(option, synsets) for option in element.options]
                if any(option is None for option in spelled):
                    return None
                options = [[(words[0][0], joined), *words[1:]] if words else words
                           for option in spelled if option is not None for words in option]
        else:
            return None
        variants = [variant + words for variant in variants for words in options]
        if len(variants) > MAX_PHRASE_VARIANTS:
            return None
        after_marker = False
    return variants


def _synset_options(name: str, synsets: dict, joined: bool) -> list[_Words] | None:
    """A synonym set with members of several words as one phrase per such member, all its words
    in order ("&CURRENCY": "AUSTRIAN FLORIN" is not "austrian gold florin", "GOLDEN_GOBLIN_GALLEONS"
    not "goblin galleons"), and its one-word members as one more; None when every member is one word
    or the spellings run past MAX_PHRASE_VARIANTS (then each member is read by its head)."""
    single: list[str] = []
    several: list[_Words] = []
    for members in _synset_members(name, synsets, SYNSET_DEPTH):
        words = _flatten(members, synsets, depth=0)
        if words is None or len(words) != 1:
            return None
        if len(words[0]) == 1:
            single += words[0][0][0]
        else:
            several.append(words[0])
    if not several or len(several) + 1 > MAX_PHRASE_VARIANTS:
        return None
    options = [[(words[0][0], joined), *words[1:]] for words in several]
    return options + [[(list(dict.fromkeys(single)), joined)]] if single else options


def _synset_members(name: str, synsets: dict, depth: int) -> list[tuple]:
    """The members of a synonym set as pattern elements, the sets it names opened (this deep)."""
    found: list[tuple] = []
    for member in synsets.get(name, ()):
        if len(member.elements) == 1 and isinstance(member.elements[0], tabari.SynsetRef):
            if depth > 0:
                found += _synset_members(member.elements[0].name, synsets, depth - 1)
        else:
            found.append(member.elements)
    return found


def _synset_words(name: str, synsets: dict, depth: int) -> list[str]:
    """The words a synonym set stands for (a member of several words by its last word, the head)."""
    words: list[str] = []
    for member in synsets.get(name, ()):
        for element in member.elements[-1:]:
            if isinstance(element, tabari.Word):
                words.append(element.text.lower())
            elif isinstance(element, tabari.SynsetRef) and depth > 0:
                words += _synset_words(element.name, synsets, depth - 1)
    return list(dict.fromkeys(words))
