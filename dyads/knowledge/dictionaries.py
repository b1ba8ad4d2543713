"""Load, validate and index every dictionary once.

An entry that fails validation is a `DictionaryError` naming file and line: dictionaries are
edited by analysts, and a silent skip would turn a typo into missing events.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

import ahocorasick

from dyads.coding.conditions import PhraseIndex, word_keys
from dyads.errors import DictionaryError
from dyads.knowledge import schema
from dyads.knowledge.buildcache import packed_fields
from dyads.knowledge.place_words import PlaceWords, read_place_words
from dyads.knowledge.reference import CameoCode, actor_types, cameo_codes
from dyads.knowledge.sources import DataSources
from dyads.knowledge.yaml_lines import LINE_KEY, load_yaml, validated
from dyads.model import DictionaryRef, pickled_by_fields

if TYPE_CHECKING:
    from dyads.knowledge.packs import Pack

INTERNATIONAL_TYPES = ("IGO", "IMG", "NGO", "NGM", "MNC", "INT")
MAX_NAME_TOKENS = 10  # the longest alias ("Islamic Revolutionary Guard Corps Quds Force") is 7
SHORT_ACRONYM_LENGTH = 4  # all-caps aliases this short match case-sensitively: "US" vs "us"
# Texts whose answer a dictionary remembers (`ActorDictionary.text_begins_a_name`): cleared when
# full, so memory stays flat on any corpus (~20 MB); the bench corpus asks about 60,000.
MEMO_LIMIT = 200_000
# TABARI's regular noun endings: a name word closed by "_" ("LIBYA_") matches with one of these
# after it ("Libyas"); "'s" and "s'" need none, the tokenizer splits them off
TABARI_NOUN_ENDINGS = ("es", "s")

APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


def normalise(phrase: str) -> str:
    """The key a name is looked up by: lower case, straight quotes, one spelling of "-isation"
    ("Palestine Liberation Organisation" is the dictionaries' "Organization")."""
    return " ".join(phrase.translate(APOSTROPHES).lower().replace("isation", "ization").split())


def most_recent(periods: Sequence[schema.Period]) -> schema.Period:
    """The period begun last, or the code that holds outside every range when the list ends with
    one ("[IRNELI]" after the offices); periods are in their dictionary's order, which decides
    between overlapping ones (PETRARCH takes the first that holds)."""
    if periods[-1].start is None and periods[-1].end is None:
        return periods[-1]
    return max(reversed(periods), key=lambda p: p.start or date.min)


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class NameEntry:
    """One way of naming an actor. `periods` is set when the code depends on the date."""

    kind: str  # country, adjective, people, capital, seat, region, region_adjective, organisation, person
    name: str
    code: str | None
    periods: tuple[schema.Period, ...]
    ref: DictionaryRef
    alias: str
    # a name for several actors at once, TABARI's coded compound ("THE_SHIRE [FRO/BIL/SAM]"):
    # each is an actor of the mention; `code` is the first
    members: tuple[str, ...] = ()

    def code_on(self, day: date | None) -> str | None:
        if self.code is not None:
            return self.code
        if day is None:  # no date known: the most recent role (documented in docs/design.md)
            return most_recent(self.periods).code
        for period in self.periods:
            if period.holds_on(day):
                return period.code
        return None

    def matches_case(self, text: str) -> bool:
        if self.alias.isupper() and len(self.alias.replace(".", "")) <= SHORT_ACRONYM_LENGTH:
            return text.translate(APOSTROPHES) == self.alias.translate(APOSTROPHES)
        alias = self.alias
        if alias[:4].lower() == "the " and text[:4].lower() == "the ":
            # "The Shire", "The Gambia": the article is capitalised only at a sentence's start
            alias, text = alias[4:], text[4:]
        if alias[:1].isupper():
            return text[:1].isupper() or text[:1].isdigit()
        return True


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class RoleNoun:
    role: str
    phrase: str
    ref: DictionaryRef
    first: bool = False  # the role goes before the country: "MSF Arnor" NGOARN (PETRARCH's [NGO~])


@packed_fields("names")  # read by look-up, a few thousand of its 39,000 lists a run
@dataclass
class ActorDictionary:
    names: dict[str, list[NameEntry]] = field(default_factory=lambda: defaultdict(list))
    roles: dict[str, RoleNoun] = field(default_factory=dict)
    counterpart: frozenset[str] = frozenset()
    former: frozenset[str] = frozenset()
    suspected: frozenset[str] = frozenset()  # "suspected kidnappers" are civilians, not criminals
    armed_when_acting: frozenset[str] = frozenset()  # "individuals" who act are UAF, acted on CVL
    anchored: frozenset[str] = frozenset()  # roles a bare noun keeps, for its event's place to anchor
    arms: frozenset[str] = frozenset()  # role nouns of weapons: anchored by no place
    owned_only: frozenset[str] = frozenset()  # role nouns that are actors only with an owner in their phrase
    speaking_for: frozenset[str] = frozenset()  # role nouns whose owner may follow "for": "a spokesman for X"
    ground_of: frozenset[str] = frozenset()  # role nouns that with "of" name ground: "the Syrian side of the border"
    place_phrases: tuple[tuple[str, ...], ...] = ()  # words naming a place, no role: "local government area"
    place_words: PlaceWords = PlaceWords()  # "Sucre state", "the city of Kuito": names of places, not actors
    quantity_nouns: frozenset[str] = frozenset()  # "thousands of", "elements of": the people are named after "of"
    back_reference: frozenset[str] = frozenset()  # "the agency": the organisation named last whose name ends so
    back_reference_igo: frozenset[str] = frozenset()  # "the bloc": the international organisation named last
    country_codes: frozenset[str] = frozenset()
    region_codes: frozenset[str] = frozenset()
    # names of a TABARI-layout pack (PackName.matching), also in `names`: a stem matches the words
    # that begin with it ("kuwait": "Kuwaiti"), a closed name its word with a noun ending too
    stems: dict[str, list[NameEntry]] = field(default_factory=lambda: defaultdict(list))
    closed_words: dict[str, list[NameEntry]] = field(default_factory=lambda: defaultdict(list))
    _sorted_names: list[str] = field(default_factory=list, repr=False, compare=False)
    _role_reach: dict[str, int] = field(default_factory=dict, repr=False, compare=False)
    _text_begins: dict[str, bool] = field(default_factory=dict, repr=False, compare=False)
    _found: dict[str, tuple[NameEntry, ...]] = field(default_factory=dict, repr=False, compare=False)

    def lookup(self, text: str) -> list[NameEntry]:
        """The entries a text names (remembered for each text, as `text_begins_a_name`)."""
        self._forget_if_changed()
        found = self._found.get(text)
        if found is None:
            if len(self._found) >= MEMO_LIMIT:
                self._found.clear()
            found = tuple(e for e in self.names.get(normalise(text), ()) if e.matches_case(text))
            if text.startswith("the ") and any(e.alias.startswith("The ") for e in found) and self.lookup(text[4:]):
                # "the UN": a name written "The Un" matches in lower case only where its words
                # without the article name nothing ("the Shire"); else they are the name
                found = tuple(e for e in found if not e.alias.startswith("The "))
            self._found[text] = found
        return list(found)

    def lookup_tabari(self, text: str, last_word: int) -> list[NameEntry]:
        """The entries a TABARI-layout name gives a text its exact look-up does not: a stem that
        ends inside the text's last word (which starts at `last_word`), longest first ("Kuwaiti"
        is KUWAIT), else a closed name alone or followed by a regular noun ending ("Libyas" is
        LIBYA_); in any case, as TABARI reads its input upper-cased ("ithilen")."""
        if not (self.stems or self.closed_words):
            return []
        key = normalise(text)
        start = len(normalise(text[:last_word])) + (1 if last_word else 0)
        for end in range(len(key), start, -1):
            found = self.stems.get(key[:end])
            if found:
                return found
        for ending in ("", *TABARI_NOUN_ENDINGS):
            if key.endswith(ending) and len(key) - len(ending) > start:
                found = self.closed_words.get(key[: len(key) - len(ending)])
                if found:
                    return found
        return []

    def begins_a_name(self, normalised: str) -> bool:
        """Whether some name starts with this normalised text: a binary search of the sorted
        names, so a sentence is scanned in a few look-ups a token whatever the dictionary's size."""
        if len(self._sorted_names) != len(self.names):
            self._sorted_names = sorted(self.names)
        at = bisect_left(self._sorted_names, normalised)
        return at < len(self._sorted_names) and self._sorted_names[at].startswith(normalised)

    def text_begins_a_name(self, text: str) -> bool:
        """`begins_a_name(normalise(text))`, remembered for each text: the name scan asks it of
        every word of every sentence and of the words after it, the same few thousand texts over
        and over (a third of the scan's time when asked afresh)."""
        self._forget_if_changed()
        found = self._text_begins.get(text)
        if found is None:
            if len(self._text_begins) >= MEMO_LIMIT:
                self._text_begins.clear()
            found = self._text_begins[text] = self.begins_a_name(normalise(text))
        return found

    def _forget_if_changed(self) -> None:
        """Names added since the answers were remembered: forget them."""
        if len(self._sorted_names) != len(self.names):
            self._sorted_names = sorted(self.names)
            self._text_begins.clear()
            self._found.clear()

    def role_reach(self, word: str) -> int:
        """How many tokens a role noun or counterpart phrase that starts with this (lower-case)
        word can take, at most (0: none starts with it). The first token: "non-state armed
        group" begins with "non"; a phrase's words are tokens, and each character that is not a
        letter, digit or space can split one into two more ("non", "-", "state"), one spare."""
        if not self._role_reach:
            for phrase in (*self.roles, *self.counterpart):
                first = re.split(r"[ -]", phrase)[0]
                reach = len(phrase.split()) + 2 * sum(not (c.isalnum() or c.isspace()) for c in phrase) + 1
                self._role_reach[first] = max(reach, self._role_reach.get(first, 0))
        if "-" in word or " " in word:
            word = re.split(r"[ -]", word)[0]
        return self._role_reach.get(word, 0)

@dataclass
class Discards:
    """Phrases that make their sentence uncodable (a pack's discards file: a story-level one acts
    on its sentence too, see docs/design.md), found as whole words, case aside, by one pattern."""

    phrases: dict[str, DictionaryRef] = field(default_factory=dict)
    _pattern: re.Pattern[str] | None = field(default=None, repr=False, compare=False)
    # Where a phrase may begin, found without the pattern (`_first_match`): the phrases in lower
    # case in an automaton, and the characters outside ASCII the pattern may take for an ASCII
    # one ("K", Kelvin's sign, for "k"; "ı" for "i") or that change length in lower case. None
    # while not built, or when a phrase is not all ASCII.
    _automaton: ahocorasick.Automaton | None = field(default=None, repr=False, compare=False)
    _twin_of: re.Pattern[str] | None = field(default=None, repr=False, compare=False)  # any phrase character
    _twins: dict[str, bool] = field(default_factory=dict, repr=False, compare=False)

    def add(self, phrase: str, ref: DictionaryRef) -> None:
        self.phrases.setdefault(phrase, ref)
        self._pattern = self._automaton = None

    def find(self, text: str) -> DictionaryRef | None:
        if not self.phrases:
            return None
        if self._pattern is None:
            alternatives = "|".join(re.escape(p) for p in sorted(self.phrases, key=len, reverse=True))
            self._pattern = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)
            self._automaton = self._phrase_automaton()
        match = self._first_match(text)
        return self.phrases.get(" ".join(match.group().lower().split())) if match else None

    def _phrase_automaton(self) -> ahocorasick.Automaton | None:
        if not all(phrase and phrase.isascii() for phrase in self.phrases):
            return None
        automaton = ahocorasick.Automaton()
        for phrase in self.phrases:
            automaton.add_word(phrase.lower(), len(phrase))
        automaton.make_automaton()
        self._twins = {}
        letters = "".join(sorted({c for phrase in self.phrases for c in phrase}))
        self._twin_of = re.compile(f"[{re.escape(letters)}]", re.IGNORECASE)
        return automaton

    def _first_match(self, text: str) -> re.Match[str] | None:
        """`_pattern.search(text)`, without trying every phrase at every character (a fifth of
        the probe's time): the pattern is tried only where the automaton finds a phrase in the
        lower-case text. Exact: the pattern matches at a place only if a phrase is there case
        aside, and in a text without "twins" of ASCII letters, lower case is one character for
        one and case aside for ASCII letters is lower case; a text with a twin is searched as
        before. `match(text, at)` sees the text before `at`, as `search` does."""
        assert self._pattern is not None
        if self._automaton is None or not text.isascii() and any(
                self._is_twin(c) for c in set(text) if not c.isascii()):
            return self._pattern.search(text)
        for at in sorted({end + 1 - length for end, length in self._automaton.iter(text.lower())}):
            match = self._pattern.match(text, at)
            if match is not None:
                return match
        return None

    def _is_twin(self, character: str) -> bool:
        twin = self._twins.get(character)
        if twin is None:
            lower = character.lower()
            twin = self._twins[character] = bool(
                len(lower) != 1 or lower.isascii() or self._twin_of is None or self._twin_of.match(character))
        return twin


@packed_fields("base_verbs")  # the packs' 48,000 patterns, a few of whose verbs a run meets
@dataclass
class PatternDictionary:
    verbs: dict[str, list[tuple[schema.VerbPattern, DictionaryRef]]]
    nouns: dict[str, list[tuple[schema.NounPattern, DictionaryRef]]]
    clause: schema.ClauseWords
    clause_ref: DictionaryRef
    # "thousands of", "elements of": roles.yaml's quantity nouns (`ActorDictionary.quantity_nouns`)
    quantity_nouns: frozenset[str] = frozenset()
    # verb patterns of the dictionary packs (dyads.knowledge.packs): tried when the curated ones
    # above have none for the verb, or none that holds
    base_verbs: dict[str, list[tuple[schema.VerbPattern, DictionaryRef]]] = field(default_factory=dict)
    # keys of `base_verbs` that are TABARI stems: "contribut" is also "contributed", "contribution"
    base_verb_stems: frozenset[str] = frozenset()
    # keys of `base_verbs` that match only the word written (TABARI's `BAN=`: not "banned", "baning")
    base_verb_exact: frozenset[str] = frozenset()
    discards: Discards = field(default_factory=Discards)
    # actor codes whose mention makes its sentence uncodable (a pack's `discard_codes`: TABARI's "###")
    discard_codes: frozenset[str] = frozenset()
    # the last words of `clause.unnamed_violence`: a sentence that names no actor is coded only
    # when it holds one (empty for a peer suite's dictionaries: no actor, no event)
    unnamed_words: frozenset[str] = frozenset()
    # the codes events may have: CAMEO's, and in a peer suite's run its own test codes as well
    event_codes: dict[str, CameoCode] = field(default_factory=lambda: dict(cameo_codes()))
    _phrase_indexes: dict[str, PhraseIndex] = field(default_factory=dict, repr=False, compare=False)
    _word_keys: dict[tuple[str, str], frozenset[str]] = field(default_factory=dict, repr=False, compare=False)
    _verb_forms: dict[tuple[bool, str, str], str | None] = field(default_factory=dict, repr=False, compare=False)
    _keyword_verbs: dict[str, list[tuple[schema.VerbPattern, DictionaryRef]]] = field(
        default_factory=dict, repr=False, compare=False)

    def phrase_index(self, lemma: str) -> PhraseIndex:
        """The packs' patterns of a verb indexed by their phrases' first words (built at first use)."""
        index = self._phrase_indexes.get(lemma)
        if index is None:
            index = self._phrase_indexes[lemma] = PhraseIndex.of([p for p, _ in self.base_verbs[lemma]])
        return index

    def keyword_verbs(self, form: str) -> list[tuple[schema.VerbPattern, DictionaryRef]]:
        """The packs' patterns of a verb that hold whatever the word's part of speech (a TABARI
        verb the parse reads as a noun: `SentenceCoder.keyword_candidate`), in their order,
        picked out once per verb: the probe asks for them at every such word, and a verb's list
        runs to hundreds of patterns, few of them these."""
        found = self._keyword_verbs.get(form)
        if found is None:
            found = self._keyword_verbs[form] = [(p, ref) for p, ref in self.base_verbs[form] if p.any_part_of_speech]
        return found

    def base_verb_stem(self, word: str) -> str | None:
        """The longest TABARI stem the word begins with ("contributed": "contribut"), if any."""
        if not self.base_verb_stems:
            return None
        return next((word[:n] for n in range(len(word), 0, -1) if word[:n] in self.base_verb_stems), None)

    def word_keys(self, lower: str, lemma: str) -> frozenset[str]:
        """`conditions.word_keys` of a word's (lower case, lemma), remembered: every verb with
        patterns asks it of each word of its clause, in the probe and again in coding."""
        keys = self._word_keys.get((lower, lemma))
        if keys is None:
            if len(self._word_keys) >= MEMO_LIMIT:
                self._word_keys.clear()
            keys = self._word_keys[lower, lemma] = word_keys((lower, lemma))
        return keys

    def remembered_verb_form(self, key: tuple[bool, str, str], find: Callable[[], str | None]) -> str | None:
        """The verb form `find` gives for a word (the coder's `verb_form`: whether of the packs'
        table, the word, its lemma), remembered: every token of every probed sentence asks it."""
        try:
            return self._verb_forms[key]
        except KeyError:
            if len(self._verb_forms) >= MEMO_LIMIT:
                self._verb_forms.clear()
            form = self._verb_forms[key] = find()
            return form

    def code_info(self, code: str) -> CameoCode:
        try:
            return self.event_codes[code]
        except KeyError:
            raise DictionaryError(f"unknown CAMEO event code {code!r}") from None

    def discarded(self, text: str) -> DictionaryRef | None:
        """The discard phrase the text holds, if any."""
        return self.discards.find(text)

    def intent_code(self, code: str, threat: bool = False) -> str | None:
        return _longest_rule(self.clause.threats if threat else self.clause.intents, code)

    def asked_code(self, code: str, asking_root: str) -> str | None:
        """The code, under `asking_root` (02 appeal, 10 demand, 12 refusal), for asking for (or
        refusing) an act of `code`."""
        tables = {"02": self.clause.appeals, "10": self.clause.demands, "12": self.clause.refusals}
        return _longest_rule(tables.get(asking_root, []), code)


def _longest_rule(table: list[schema.IntentMap], code: str) -> str | None:
    """The code of the rule whose action is the longest prefix of `code`."""
    best = None
    for rule in table:
        if code.startswith(rule.action) and (best is None or len(rule.action) > len(best.action)):
            best = rule
    return best.intent if best else None


def _entries_with_refs(raw: dict, key: str, rel: str) -> list[DictionaryRef]:
    return [DictionaryRef(rel, item.get(LINE_KEY, 0)) for item in raw.get(key, [])]


def _check_actor_code(code: str, countries: frozenset[str], regions: frozenset[str],
                      where: str) -> None:
    parts = re.findall(r"[A-Z]{3}", code)
    if "".join(parts) != code or not parts:
        raise DictionaryError(f"{where}: actor code {code!r} is not made of 3-letter parts")
    first, rest = parts[0], parts[1:]
    if first not in countries and first not in regions and first not in INTERNATIONAL_TYPES:
        raise DictionaryError(f"{where}: {first!r} in {code!r} is not a country, region or "
                              "international type")
    unknown = [p for p in rest if p not in actor_types() and p not in regions]
    if unknown:
        raise DictionaryError(f"{where}: {unknown[0]!r} in {code!r} is not a CAMEO actor type")


def read_actor_dictionary(sources: DataSources) -> ActorDictionary:
    result = ActorDictionary()

    def add(alias: str, entry: NameEntry) -> None:
        result.names[normalise(alias)].append(entry)

    # countries
    raw = load_yaml(sources.path("actors", "countries.yaml"))
    countries = validated(schema.CountriesFile, raw, "actors/countries.yaml")
    refs = _entries_with_refs(raw, "countries", "actors/countries.yaml")
    result.country_codes = frozenset(c.code for c in countries.countries) | {"XKX"}
    for country, ref in zip(countries.countries, refs, strict=True):
        forms = [
            ("country", [country.name, *country.names], country.code),
            ("adjective", country.adjectives, country.code),
            ("people", country.people, country.code + "CVL"),
            ("capital", country.capitals, country.code + "GOV"),
            ("seat", country.seats, country.code + "GOV"),
        ]
        for kind, aliases, code in forms:
            for alias in dict.fromkeys(aliases):
                add(alias, NameEntry(kind, country.name, code, (), ref, alias))
    # regions
    raw = load_yaml(sources.path("actors", "regions.yaml"))
    regions = validated(schema.RegionsFile, raw, "actors/regions.yaml")
    refs = _entries_with_refs(raw, "regions", "actors/regions.yaml")
    result.region_codes = frozenset(r.code for r in regions.regions)
    for region, ref in zip(regions.regions, refs, strict=True):
        for alias in dict.fromkeys([region.name, *region.names]):
            add(alias, NameEntry("region", region.name, region.code, (), ref, alias))
        for alias in region.adjectives:
            add(alias, NameEntry("region_adjective", region.name, region.code, (), ref, alias))
    check = lambda code, ref: _check_actor_code(  # noqa: E731
        code, result.country_codes, result.region_codes, str(ref))
    # organisations and people: codes that may hold only for a period
    for file_name, model, key, kind in (
        ("organisations.yaml", schema.OrganisationsFile, "organisations", "organisation"),
        ("people.yaml", schema.PeopleFile, "people", "person"),
    ):
        raw = load_yaml(sources.path("actors", file_name))
        parsed = validated(model, raw, f"actors/{file_name}")
        refs = _entries_with_refs(raw, key, f"actors/{file_name}")
        for item, ref in zip(getattr(parsed, key), refs, strict=True):
            periods = tuple(getattr(item, "periods", None) or getattr(item, "roles", None) or ())
            periods = tuple(sorted(periods, key=lambda p: p.start or date.min))
            item_code = getattr(item, "code", None)
            for c in [item_code] if item_code else [p.code for p in periods]:
                check(c, ref)
            for alias in dict.fromkeys([item.name, *item.aliases]):
                add(alias, NameEntry(kind, item.name, item_code, periods, ref, alias))
    # role nouns
    raw = load_yaml(sources.path("actors", "roles.yaml"))
    roles = validated(schema.RolesFile, raw, "actors/roles.yaml")
    refs = _entries_with_refs(raw, "roles", "actors/roles.yaml")
    for entry, ref in zip(roles.roles, refs, strict=True):
        if entry.role and entry.role not in actor_types():
            raise DictionaryError(f"{ref}: {entry.role!r} is not a CAMEO actor type")
        for noun in entry.nouns:
            if normalise(noun) in result.roles:  # the later would silently win
                raise DictionaryError(f"{ref}: role noun {noun!r} is listed already "
                                      f"({result.roles[normalise(noun)].ref})")
            result.roles[normalise(noun)] = RoleNoun(entry.role, normalise(noun), ref)
    result.counterpart = frozenset(normalise(n) for n in roles.counterpart)
    for role in roles.anchored:
        if role not in actor_types():
            raise DictionaryError(f"actors/roles.yaml: anchored role {role!r} is not a CAMEO actor type")
    result.anchored = frozenset(roles.anchored)
    result.arms = frozenset(normalise(n) for n in roles.arms)
    result.owned_only = frozenset(normalise(n) for n in roles.owned_only)
    result.speaking_for = frozenset(normalise(n) for n in roles.speaking_for)
    result.ground_of = frozenset(normalise(n) for n in roles.ground_of)
    result.place_phrases = tuple(tuple(normalise(p).split()) for p in roles.place_phrases)
    result.place_words = read_place_words(sources)
    for key, nouns in (("arms", result.arms), ("owned_only", result.owned_only), ("speaking_for", result.speaking_for),
                       ("ground_of", result.ground_of)):
        for noun in sorted(nouns - result.roles.keys()):
            raise DictionaryError(f"actors/roles.yaml: {key} noun {noun!r} is not a role noun")
    result.former = frozenset(normalise(n) for n in roles.former)
    result.suspected = frozenset(normalise(n) for n in roles.suspected)
    result.armed_when_acting = frozenset(normalise(n) for n in roles.armed_when_acting)
    for noun in sorted(result.armed_when_acting - result.roles.keys()):
        raise DictionaryError(f"actors/roles.yaml: armed_when_acting noun {noun!r} is not a role noun")
    for noun in roles.quantity_nouns:
        if normalise(noun) != noun or " " in noun:
            raise DictionaryError(f"actors/roles.yaml: quantity noun {noun!r} is not one lower-case lemma")
    result.quantity_nouns = frozenset(roles.quantity_nouns)
    for key, listed in (("back_reference", roles.back_reference), ("back_reference_igo", roles.back_reference_igo)):
        for noun in listed:
            if noun != noun.lower() or " " in noun:
                raise DictionaryError(f"actors/roles.yaml: {key} noun {noun!r} is not one lower-case lemma")
    result.back_reference = frozenset(roles.back_reference)
    result.back_reference_igo = frozenset(roles.back_reference_igo)
    return result


def read_pattern_dictionary(sources: DataSources, quantity_nouns: frozenset[str] = frozenset()) -> PatternDictionary:
    """The event patterns and clause words; `quantity_nouns`: the actor dictionary's, which the
    event coder reads too ("called up thousands of reserve soldiers")."""
    verbs: dict[str, list] = defaultdict(list)
    nouns: dict[str, list] = defaultdict(list)
    for rel, path in sources.glob("events", "patterns-*.yaml"):
        raw = load_yaml(path)
        parsed = validated(schema.PatternsFile, raw, rel)
        for pattern, ref in zip(parsed.verbs, _entries_with_refs(raw, "verbs", rel), strict=True):
            _check_event_code(pattern.code, ref)
            for verb in pattern.verbs:
                verbs[verb].append((pattern, ref))
        for noun_pattern, ref in zip(parsed.nouns, _entries_with_refs(raw, "nouns", rel), strict=True):
            _check_event_code(noun_pattern.code, ref)
            for noun in noun_pattern.nouns:
                nouns[normalise(noun)].append((noun_pattern, ref))
    raw = load_yaml(sources.path("events", "clauses.yaml"))
    clause = validated(schema.ClauseWords, raw, "events/clauses.yaml")
    for rule in [*clause.intents, *clause.threats, *clause.appeals, *clause.demands, *clause.refusals]:
        _check_event_code(rule.intent, DictionaryRef("events/clauses.yaml", 0))
    return PatternDictionary(dict(verbs), dict(nouns), clause,
                             DictionaryRef("events/clauses.yaml", 1), quantity_nouns=quantity_nouns,
                             unnamed_words=frozenset(phrase.split()[-1] for phrase in clause.unnamed_violence))


def _check_event_code(code: str, ref: DictionaryRef) -> None:
    if code not in cameo_codes():
        raise DictionaryError(f"{ref}: {code!r} is not a CAMEO event code")


def fits_reference(code: str, actors: ActorDictionary) -> bool:
    """Whether an actor code is made of the reference's parts (country, region or international
    type, then actor types or regions), as every curated code is; after an international type, a
    country may come second, as CAMEO writes a corporation or NGO by where it is based (MNCUSA)."""
    if code[:3] in INTERNATIONAL_TYPES and code[3:6] in actors.country_codes:
        code = code[:3] + code[6:]
    try:
        _check_actor_code(code, actors.country_codes, actors.region_codes, "")
    except DictionaryError:
        return False
    return True


def add_pack(actors: ActorDictionary, patterns: PatternDictionary, pack: Pack) -> list[str]:
    """Lay a pack under the curated dictionaries: its names, role nouns and verbs are added where
    the curated ones have none of their own. Returns where the two disagree (a name or role noun
    both have, with another code: the curated one is used), one line each."""
    curated = set(actors.names)
    disagree = []
    for item in pack.names:
        key = normalise(item.alias)
        if not key:
            continue
        entry = NameEntry(item.kind, item.name, item.code, item.periods, item.ref, item.alias, item.members)
        if item.matching == "stem":
            actors.stems[key].append(entry)
        elif item.matching == "ending":
            actors.closed_words[key].append(entry)
        if key not in curated:
            actors.names[key].append(entry)
            continue
        if item.periods and all(e.kind == "person" for e in actors.names[key]):
            # the curated offices are kept from 2000 on; the pack's history answers for the
            # dates they do not cover (Arafat before 1994): a look-up prefers an entry that
            # holds on the day, and the curated one when both do
            actors.names[key].append(entry)
        # a disagreement is about whom a name stands for (the country or organisation), not
        # about the dates of an office, which the curated files keep up to date
        ours = {(e.code_on(None) or "")[:3] for e in actors.names[key]}
        theirs = item.code or (item.periods[-1].code if item.periods else "")
        if item.kind != "country" and theirs[:3] not in ours:
            disagree.append(f"{item.alias!r}: {', '.join(sorted(c or '-' for c in ours))} "
                            f"({actors.names[key][0].ref}) over {theirs} ({item.ref})")
    for phrase, role, ref, first in pack.roles:
        key = normalise(phrase)
        if key not in actors.roles:
            actors.roles[key] = RoleNoun(role, key, ref, first)
        elif actors.roles[key].role != role:
            disagree.append(f"role noun {key!r}: {actors.roles[key].role or '(country)'} ({actors.roles[key].ref}) "
                            f"over {role} ({ref})")
    patterns.base_verb_stems |= pack.stems
    patterns.base_verb_exact |= pack.exact
    patterns.discard_codes |= pack.discard_codes
    for lemma, found in pack.verbs.items():
        patterns.base_verbs.setdefault(lemma, []).extend(found)
        for pattern, _ref in found:
            for code in filter(None, (pattern.code, pattern.paired)):
                if code not in patterns.event_codes:  # a suite's test code ([903]): taken as written
                    patterns.event_codes[code] = CameoCode(
                        code, f"outside CAMEO: a code of {pack.manifest.name}", 0.0, None, None, None)
    for phrase, _scope, ref in pack.discards:
        patterns.discards.add(phrase, ref)
    patterns._verb_forms.clear()  # a verb's form may now be the pack's
    return disagree


def without_curated(actors: ActorDictionary, patterns: PatternDictionary) -> None:
    """Only the packs: the curated names, role nouns and patterns dropped (a peer's test suite is
    coded with its own dictionaries alone); the grammar words of clauses.yaml and roles.yaml stay."""
    actors.names.clear()
    actors.stems.clear()
    actors.closed_words.clear()
    actors.roles.clear()
    patterns.verbs.clear()
    patterns.nouns.clear()
