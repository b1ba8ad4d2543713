"""Actors: find the mentions of political actors in a parsed sentence and code them.

`find_actors()` runs four steps over a `Sentence`:
  1. names: the longest dictionary name at each position (countries, capitals, seats of
     government, organisations, people), coded for the article's date;
  2. role nouns: "foreign minister", "troops", "rebels" (lemmas, so plurals match);
  3. composition: a role noun takes its country from the noun phrase around it
     ("Iran's Foreign Minister", "the Syrian army", "officials of Iran") and absorbs a person
     named in it ("Foreign Minister Mohammad Javad Zarif");
  4. counterparts: "his Russian counterpart" takes the role of the actor it is paired with.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace
from datetime import date

from dyads.coding.english import singular
from dyads.coding.geometry import span_head
from dyads.knowledge.dictionaries import (
    INTERNATIONAL_TYPES,
    MAX_NAME_TOKENS,
    ActorDictionary,
    NameEntry,
    RoleNoun,
    most_recent,
    normalise,
)
from dyads.knowledge.place_words import PlaceWords
from dyads.model import UNANCHORED, UNOWNED_WEAPON, ActorMention, DictionaryRef, Sentence

# prepositions that name a role noun's owner after it: "the foreign minister of Iran", "a spokesman
# FOR the UN" (roles.yaml speaking_for)
OWNER_PREPS = ("of", "from", "in")
SPEAKING_FOR_PREPS = (*OWNER_PREPS, "for")
ROLE_MAX_TOKENS = 6  # "non-state armed group": five tokens
# Which entry wins when one name means several things ("Georgia" the country or the state?):
# the more specific kind first.
KIND_PRIORITY = ["person", "organisation", "seat", "capital", "country", "people", "region",
                 "adjective", "region_adjective"]
# Dependencies that keep a modifier inside the noun phrase of a role noun.
NP_DEPS = {"compound", "amod", "poss", "nmod", "det", "case", "punct", "flat", "nummod", "npadvmod"}
MODIFIER_KINDS = {"country", "adjective", "capital", "seat", "region", "region_adjective", "organisation", "person",
                  "people"}
REGION_KINDS = {"region", "region_adjective"}
CRIMINAL, CIVILIAN = "CRM", "CVL"
PACKS_FOLDER = "packs/"  # where a dictionary pack's files are (DictionaryRef.file)
PUNCT = {"PUNCT", "SYM"}
# A name after these ("anti-American") is what its noun is against: not its owner.
AGAINST_PREFIXES = {"anti", "anti-"}
HYPHENS = {"-", "‐", "–"}


@dataclass(frozen=True, slots=True)
class NameHit:
    first: int
    last: int
    entry: NameEntry
    code: str | None  # None: a person who held no role on the date


@dataclass(frozen=True, slots=True)
class RoleHit:
    first: int
    last: int
    noun: RoleNoun


def find_names(sentence: Sentence, actors: ActorDictionary, day: date | None) -> list[NameHit]:
    tokens = sentence.tokens
    found: dict[int, tuple[int, list[NameEntry]] | None] = {}  # the name at a token, looked up once

    def name_at(k: int) -> tuple[int, list[NameEntry]] | None:
        if k not in found:
            found[k] = _name_at(sentence, actors, k)
        return found[k]

    spans: list[tuple[int, int, list[NameEntry]]] = []
    hits, i = [], 0
    while i < len(tokens):
        if tokens[i].pos in PUNCT:
            i += 1
            continue
        hit = name_at(i)
        if hit is not None and tokens[i].lower == "the":
            # "the West Bank": a name without the article that runs further ("the West" is a region)
            after = name_at(i + 1) if i + 1 < len(tokens) else None
            if after is not None and after[0] > hit[0]:
                hit = None
        if hit is None:
            i += 1
            continue
        spans.append((i, *hit))
        i = hit[0]
    named = _countries_named(spans, day)
    for first, last, entries in spans:
        entry = min(entries, key=lambda e: _entry_rank(e, day, named))
        entry = _curated_successor(entry, entries, day) or entry
        hits.append(NameHit(first, last, entry, _code_of(entry, day)))
    return hits


def _curated_successor(entry: NameEntry, entries: list[NameEntry], day: date | None) -> NameEntry | None:
    """The curated record of a person whose pack record holds an office open-ended that the curated
    one closes ("Jacob Zuma", ZAFGOV from 2009 in the Phoenix files, president until 2018): on a
    later day the curated record answers (out of office: ELI). The pack still answers for an
    office begun after the curated record's last one ended, and for days before it."""
    if day is None or entry.kind != "person" or not entry.ref.file.startswith(PACKS_FOLDER):
        return None
    held = next((p for p in entry.periods if p.holds_on(day)), None)
    if held is None:
        return None
    for other in entries:
        if other.kind != "person" or other.ref.file.startswith(PACKS_FOLDER) or other.code_on(day) is not None:
            continue
        ended = [p.end for p in other.periods if p.end is not None and p.end < day]
        if ended and (held.start is None or max(ended) >= held.start):
            return other
    return None


def _countries_named(spans: list[tuple[int, int, list[NameEntry]]], day: date | None) -> set[str]:
    """The countries the sentence's unambiguous names are of: they say which of an ambiguous
    name's actors is meant ("Congress members walked out of the Rajya Sabha": India's party, not
    the US Congress)."""
    named = set()
    for _, _, entries in spans:
        countries = {(e.code_on(day) or "")[:3] for e in entries}
        if len(countries) == 1:
            named |= countries
    named.discard("")
    return named


def _name_at(sentence: Sentence, actors: ActorDictionary, i: int) -> tuple[int, list[NameEntry]] | None:
    """The longest name that starts at token i: its end and its entries."""
    tokens, offset = sentence.tokens, sentence.start
    # The longest span here whose text begins a name: a longer one cannot be a name, since
    # its normalised text starts with this one's.
    longest = i
    for j in range(i + 1, min(len(tokens), i + MAX_NAME_TOKENS) + 1):
        if not actors.text_begins_a_name(sentence.text[tokens[i].start - offset: tokens[j - 1].end - offset]):
            break
        longest = j
    exact = None
    for j in range(longest, i, -1):
        if tokens[j - 1].pos in PUNCT and j - 1 > i:
            continue
        entries = actors.lookup(sentence.text[tokens[i].start - offset: tokens[j - 1].end - offset])
        if entries:
            exact = j, entries
            break
    if actors.stems or actors.closed_words:
        # "Ithilen government radios": a TABARI name that runs further than the exact one
        tabari = _tabari_name_at(sentence, actors, i)
        if tabari is not None and (exact is None or tabari[0] > exact[0]):
            return tabari
    return exact


def _tabari_name_at(sentence: Sentence, actors: ActorDictionary, i: int) -> tuple[int, list[NameEntry]] | None:
    """The longest name of a TABARI-layout dictionary that starts at token i with its last word a
    stem or with a noun ending ("Kuwaiti government", "Libyas"): its words before the last are
    whole words, so the span grows while they begin a name."""
    tokens, offset = sentence.tokens, sentence.start
    ends = [i + 1]
    while ends[-1] < min(len(tokens), i + MAX_NAME_TOKENS) and actors.begins_a_name(
            normalise(sentence.text[tokens[i].start - offset: tokens[ends[-1] - 1].end - offset]) + " "):
        ends.append(ends[-1] + 1)
    for j in reversed(ends):
        if tokens[j - 1].pos in PUNCT:
            continue
        entries = actors.lookup_tabari(sentence.text[tokens[i].start - offset: tokens[j - 1].end - offset],
                                       tokens[j - 1].start - tokens[i].start)
        if entries:
            return j, entries
    return None


def _entry_rank(entry: NameEntry, day: date | None, named: AbstractSet[str] = frozenset()) -> tuple[int, int, int]:
    code = entry.code_on(day)
    holds = 0 if code is not None else 1
    elsewhere = 0 if code is not None and code[:3] in named else 1
    return (holds, elsewhere, KIND_PRIORITY.index(entry.kind))


def _code_of(entry: NameEntry, day: date | None) -> str | None:
    code = entry.code_on(day)
    if code is not None or entry.kind != "person":
        return code
    # A person out of office on this date: an elite of the country they served, if any.
    past = [p for p in entry.periods if day and p.end and p.end < day]
    last = most_recent(past) if past else None
    if last is not None and last.code[:3] not in ("IGO", "NGO", "IMG"):
        return last.code[:3] + "ELI"
    return None


def _title_outranks(person: NameHit, owner: NameHit | None, role: str) -> bool:
    """A person the dictionaries put out of office (ELI) on this date, given a title by the text
    ("Hungarian Prime Minister Viktor Orban" after the dictionary's last record of his office):
    the title says what they are now."""
    return (person.code is not None and person.code.endswith("ELI") and owner is not None and bool(owner.code)
            and role not in ("", "ELI"))


def find_roles(sentence: Sentence, actors: ActorDictionary, taken: set[int]) -> list[RoleHit]:
    tokens = sentence.tokens
    lemmas, lowers = [t.lemma.lower() for t in tokens], [t.lower for t in tokens]
    # whether a space comes before each token: "non", "-", "state" are written together
    spaced = [True] + [tokens[k].start > tokens[k - 1].end for k in range(1, len(tokens))]
    hits, i = [], 0
    while i < len(tokens):
        reach = max(actors.role_reach(lemmas[i]), actors.role_reach(lowers[i]),
                    actors.role_reach(singular(lowers[i])) if tokens[i].pos == "PROPN" else 0)
        if not reach:
            i += 1  # no role phrase starts with this word
            continue
        for j in range(min(len(tokens), i + min(reach, ROLE_MAX_TOKENS)), i, -1):
            if not taken.isdisjoint(range(i, j)):
                continue
            words = tokens[i:j]
            # a phrase's plural inflects its last word only: "human rights activists" is HUMAN_RIGHTS_ACTIVIST;
            # the words of "non-state armed groups" are written together around their hyphens
            keys = [_joined(spaced, i, lemmas[i:j]), _joined(spaced, i, lowers[i:j]),
                    _joined(spaced, i, [*lowers[i:j - 1], lemmas[j - 1]])]
            if words[-1].pos == "PROPN" and singular(keys[1]) != keys[1]:
                # the tagger leaves a capitalised plural unlemmatised: "Maoists", "Congresses"
                keys.append(singular(keys[1]))
            noun = next((actors.roles[k] for k in keys if k in actors.roles), None)
            if noun is None and keys[0] not in actors.counterpart and keys[1] not in actors.counterpart:
                continue
            if noun is None:
                noun = RoleNoun("?", keys[0], DictionaryRef("actors/roles.yaml", 0))
            if words[-1].pos not in ("NOUN", "PROPN") and not _title_of_name(sentence, j - 1):
                continue
            hits.append(RoleHit(i, j, noun))
            i = j - 1
            break
        i += 1
    return hits


def _place_phrase_tokens(sentence: Sentence, phrases: tuple[tuple[str, ...], ...]) -> set[int]:
    """The tokens of phrases that name a place ("Mangu local government area"): no role's words."""
    lowers = [t.lower for t in sentence.tokens]
    return {k for phrase in phrases for i in range(len(lowers) - len(phrase) + 1)
            if tuple(lowers[i:i + len(phrase)]) == phrase for k in range(i, i + len(phrase))}


def _joined(spaced: list[bool], first: int, words: list[str]) -> str:
    """The words of tokens from `first` as a dictionary phrase: one space between tokens written
    apart, none between tokens written together ("non", "-", "state": "non-state")."""
    if all(spaced[first + 1: first + len(words)]):
        return " ".join(words)
    return words[0] + "".join((" " if spaced[first + k] else "") + word for k, word in enumerate(words[1:], 1))


def noun_phrase_head(sentence: Sentence, i: int) -> int:
    """Climb compounds: "Foreign Minister Zarif" has Zarif as its head; so has a title the parser
    hangs on the name as an adjective ("the Chinese dissident Fang Lizhi")."""
    seen = 0
    while seen < 6 and (sentence.tokens[i].dep in ("compound", "flat") or _title_of_name(sentence, i)):
        i = sentence.tokens[i].head
        seen += 1
    return i


def _title_of_name(sentence: Sentence, i: int) -> bool:
    token = sentence.tokens[i]  # the tagger reads such a title a noun or an adjective
    return token.dep == "amod" and token.pos in ("NOUN", "ADJ") and token.head > i and \
        sentence.tokens[token.head].pos == "PROPN"


def noun_phrase_modifiers(sentence: Sentence, head: int, role_head: int,
                          owner_preps: tuple[str, ...] = OWNER_PREPS) -> list[int]:
    """Tokens that modify a role noun phrase: its left modifiers and "of/from X" complements.
    A phrase owned by a pronoun is its owner's, wherever it is from or in: "Qatar recalled its
    ambassador from Saudi Arabia", "closed their embassy in Kabul"."""
    found: list[int] = []
    if any(child.dep == "poss" and child.pos == "PRON" for k in (head, role_head) for child in sentence.children(k)):
        owner_preps = tuple(p for p in owner_preps if p not in ("from", "in"))
    stack = [head, role_head]
    visited = set()
    while stack:
        i = stack.pop()
        if i in visited:
            continue
        visited.add(i)
        for child in sentence.children(i):
            if child.dep in NP_DEPS:
                found.append(child.i)
                stack.append(child.i)
            elif child.dep == "prep" and child.lemma in owner_preps and child.i > i:
                for pobj in sentence.children(child.i):
                    if pobj.dep == "pobj":
                        found.append(pobj.i)
                        stack.append(pobj.i)
    return sorted(found)


def find_actors(sentence: Sentence, actors: ActorDictionary, day: date | None) -> list[ActorMention]:
    names = [hit for hit in find_names(sentence, actors, day)
             if not _names_a_division(sentence, hit, actors.place_words)]
    name_at = {k: hit for hit in names for k in range(hit.first, hit.last)}
    roles = find_roles(sentence, actors, set(name_at) | _place_phrase_tokens(sentence, actors.place_phrases))
    consumed: set[int] = set()  # name hits (by first token) absorbed into role phrases
    role_heads = {noun_phrase_head(sentence, hit.last - 1) for hit in roles}
    role_ends = {hit.last - 1 for hit in roles}
    # the heads of role phrases that end in their own head ("Defence Force")
    phrase_heads = {hit.last - 1 for hit in roles if noun_phrase_head(sentence, hit.last - 1) == hit.last - 1}
    named = set(name_at) | {k for hit in roles for k in range(hit.first, hit.last)}  # words some actor names
    mentions: list[ActorMention] = []
    counterparts: list[RoleHit] = []

    for hit in roles:
        if hit.noun.role == "?":
            counterparts.append(hit)
            continue
        role_head = hit.last - 1
        if hit.first <= sentence.tokens[role_head].head < hit.last:
            # "Ministry of Silly Walks": the phrase's head is not its last word
            role_head = span_head(sentence, hit.first, hit.last)
        head = noun_phrase_head(sentence, role_head)
        if head != role_head and head in phrase_heads and sentence.tokens[role_head].pos == "PROPN":
            continue  # a word of a name a role phrase heads: "National" in "National Defence Force"
        if _quantity_of(sentence, head, actors.quantity_nouns) and (
                sentence.tokens[head].dep != "nsubj" or _counts_named(sentence, head, named)):
            continue  # the people are named after "of"
        if hit.noun.phrase in actors.ground_of and any(
                child.dep == "prep" and child.lower == "of" for child in sentence.children(role_head)):
            continue  # "the Syrian side of the Golan Heights": ground
        modifiers = noun_phrase_modifiers(sentence, head, role_head, SPEAKING_FOR_PREPS
                                          if hit.noun.phrase in actors.speaking_for else OWNER_PREPS)
        joined = _joined_modifier(sentence, head, role_ends)
        if joined is not None and joined != role_head:
            modifiers = [m for m in modifiers if m > joined]  # the words before it are the joined role's
        parent = sentence.tokens[role_head].head
        if role_head != parent and _joined_modifier(sentence, parent, role_ends) == role_head:
            # the first of two roles joined inside one phrase: its own words and the phrase's before it
            head = role_head
            modifiers = sorted({*noun_phrase_modifiers(sentence, role_head, role_head),
                                *(m for m in noun_phrase_modifiers(sentence, parent, parent) if m < role_head)})
        person = name_at.get(head) if name_at.get(head) and name_at[head].entry.kind == "person" else None
        owners = [name_at[m] for m in modifiers if m in name_at and name_at[m].entry.kind in MODIFIER_KINDS
                  and not is_against(sentence, name_at[m].first)]
        # "black African villagers in Sudan": a country named in the phrase says more than a region
        owner = next((o for o in owners if o.entry.kind not in REGION_KINDS), owners[0] if owners else None)
        if owner is None and person is None and head != role_head and head in name_at \
                and name_at[head].entry.kind in MODIFIER_KINDS:
            owner = name_at[head]  # the agent before the name it qualifies: "MSF Arnor", "rights activists Gondor"
        if owner is None and person is None and head not in name_at:
            # "Iranian media and officials", "Danish media and government": a role joined to another
            # shares its country
            owner = _shared_owner(sentence, head, role_heads, name_at)
        by_pronoun = False
        if owner is None and person is None and hit.noun.role and _owned_by_pronoun(sentence, head, hit.noun.role):
            owner = _pronoun_owner(sentence, head, name_at)  # "Ethiopia said its troops had ..."
            by_pronoun = owner is not None
        former = any(sentence.tokens[m].lower in actors.former for m in modifiers)
        role = hit.noun.role
        if role == CRIMINAL and any(sentence.tokens[m].lower in actors.suspected for m in modifiers) \
                and not _acts(sentence, head):
            role = CIVILIAN  # "two suspected kidnappers": suspects, civilians; not when they act
        if hit.noun.phrase in actors.armed_when_acting and not _acts(sentence, head):
            role = CIVILIAN  # "police arrested three individuals"; "individuals armed with machetes killed"
        if role != hit.noun.role:
            hit = RoleHit(hit.first, hit.last, replace(hit.noun, role=role))
        code, name, ref, kind = None, "", hit.noun.ref, "role"
        if person is not None and person.code and not _title_outranks(person, owner, hit.noun.role):
            code, name, ref, kind = person.code, person.entry.name, person.entry.ref, "person"
        elif owner is not None and owner.code:
            code = compose(owner, hit.noun.role, former, hit.noun.first)
            name = f"{owner.entry.name} {hit.noun.phrase}"
            leading = _leading_role(roles, hit, modifiers)
            if leading is not None and owner.entry.kind not in ("organisation", "person"):
                # "an MSF Arnor diplomat": the agent written before the country goes first, the
                # phrase's own after it (PETRARCH's [NGO~] and [~GOV] on one actor: NGOARNGOV)
                code, name = leading.noun.role + code, f"{leading.noun.phrase} {name}"
        elif person is None and owner is None and hit.noun.role in actors.anchored \
                and hit.noun.phrase not in actors.owned_only \
                and not _named_by_apposition(sentence, head, name_at) \
                and not _owned_by_pronoun(sentence, head, hit.noun.role):
            # "police", "gunmen", "three villagers": the place of their event gives the country
            code, name, kind = UNANCHORED + hit.noun.role, hit.noun.phrase, "unanchored"
            if hit.noun.phrase in actors.arms:
                code = UNOWNED_WEAPON  # "a drone struck a vehicle": its place does not say whose
        if code is None:
            continue
        used = [m for m in modifiers if m in name_at]
        for m in used:
            consumed.add(name_at[m].first)
        if person is not None:
            consumed.add(person.first)
        if head in name_at and head != role_head:
            # the name the phrase is headed by is part of it: "MSF Arnor", "Bree President Romendacil"
            consumed.add(name_at[head].first)
        first = min([hit.first, *[m for m in modifiers if _is_left_edge(sentence, m, head)]])
        last = max(hit.last, head + 1, *(name_at[m].last for m in used if m > head))
        if person is not None:
            last = max(last, person.last)
        first = _skip_determiners(sentence, first)
        mentions.append(_mention(sentence, code, name, kind, first, last, head, ref))
        if kind == "role" and owner is not None and not by_pronoun:
            # (not an owner a pronoun stands for: in "Qatar and Egypt agreed to reopen their
            # embassies" Egypt is still Egypt, not an embassy of its own)
            # "the foreign ministers of Iran and Russia": each country gets the role; "Kyrgyz and
            # Tajik troops", parsed "Kyrgyz" and "Tajik troops", the troops are both's
            for other in (_coordinated_names(sentence, owner, name_at) + _sharing_head(sentence, head, name_at)
                          + _owners_hung_on_role(sentence, owner, head, name_at)):
                consumed.add(other.first)
                mentions.append(_mention(
                    sentence, compose(other, hit.noun.role, former, hit.noun.first),
                    f"{other.entry.name} {hit.noun.phrase}", "role", other.first, other.last,
                    span_head(sentence, other.first, other.last), hit.noun.ref))

    for name_hit in names:
        if name_hit.first in consumed or name_hit.code is None:
            continue
        head = span_head(sentence, name_hit.first, name_hit.last)
        if name_hit.entry.kind == "adjective" and len(name_hit.code) == 3 and _counted_people(sentence, head, actors):
            # "Thousands of Sudanese marched": the adjective is the people it counts
            mentions.append(_mention(sentence, name_hit.code + "CVL", name_hit.entry.name, "people",
                                     name_hit.first, name_hit.last, head, name_hit.entry.ref))
            continue
        if name_hit.entry.kind in ("adjective", "region_adjective") and (
                not _modifies_noun(sentence, name_hit) or _describes_place(sentence, name_hit, actors.place_words)):
            continue  # "Russian" alone is not an actor; "the French proposal" has one
        # a coded compound names each of its actors: one mention of the same words per code
        for code in name_hit.entry.members or (name_hit.code,):
            mentions.append(_mention(sentence, code, name_hit.entry.name, name_hit.entry.kind,
                                     name_hit.first, name_hit.last, head, name_hit.entry.ref))

    for hit in counterparts:
        mention = _counterpart(sentence, hit, name_at, mentions)
        if mention is not None:
            mentions.append(mention)
    mentions = _without_sides_arms(sentence, mentions)
    return sorted(mentions, key=lambda m: (m.first, m.last))


def _leading_role(roles: list[RoleHit], hit: RoleHit, modifiers: list[int]) -> RoleHit | None:
    """A role that goes before its country (`first`) among the modifiers of another role's phrase."""
    if hit.noun.first:
        return None
    inside = set(modifiers)
    return next((r for r in roles if r is not hit and r.noun.first and r.noun.role != "?"
                 and all(k in inside for k in range(r.first, r.last))), None)


def _joined_modifier(sentence: Sentence, head: int, role_ends: set[int]) -> int | None:
    """A role noun that modifies the head of a role phrase and is joined by "and" to the words
    before that head: "the Myanmar military and resistance fighters", parsed as one phrase headed
    by "fighters", names two actors, the military (with "Myanmar") and the fighters."""
    for child in sentence.children(head):
        if child.dep in ("nmod", "compound") and child.i < head and child.i in role_ends and any(
                other.dep == "conj" and child.i < other.i < head for other in sentence.children(child.i)):
            return child.i
    return None


def _without_sides_arms(sentence: Sentence, mentions: list[ActorMention]) -> list[ActorMention]:
    """"Saddam Hussein's troops and tanks": a weapon listed with an actor is that actor's, not
    an attacker of its own."""
    heads = {m.head for m in mentions if m.code != UNOWNED_WEAPON}

    def listed(i: int) -> bool:
        token = sentence.tokens[i]
        return (token.dep == "conj" and token.head in heads) or any(
            child.dep == "conj" and child.i in heads for child in sentence.children(i))

    return [m for m in mentions if m.code != UNOWNED_WEAPON or not listed(m.head)]


def _shared_owner(sentence: Sentence, head: int, role_heads: set[int], name_at: dict[int, NameHit]) -> NameHit | None:
    """The country of the role noun this one is joined to ("Iranian media and officials":
    officials is a conjunct of media, whose modifier is Iranian)."""
    token = sentence.tokens[head]
    if token.dep != "conj" or token.head == head or token.head not in role_heads:
        return None
    partner = token.head
    return next((name_at[m] for m in noun_phrase_modifiers(sentence, partner, partner)
                 if m in name_at and name_at[m].entry.kind in MODIFIER_KINDS), None)


def _names_a_division(sentence: Sentence, hit: NameHit, words: PlaceWords) -> bool:
    """"Sucre state", "Lower Juba region": a capital's name before a division word names the
    division, not the government seated in the capital."""
    return (hit.entry.kind in ("capital", "seat") and hit.last < len(sentence.tokens)
            and sentence.tokens[hit.last].lower in words.divisions)


def _quantity_of(sentence: Sentence, head: int, quantity_nouns: frozenset[str]) -> bool:
    """"thousands of soldiers", "a crowd of Kurds": the people are named after "of"."""
    return sentence.tokens[head].lemma.lower() in quantity_nouns and any(
        child.dep == "prep" and child.lower == "of" for child in sentence.children(head))


def _counts_named(sentence: Sentence, head: int, named: set[int]) -> bool:
    """Does the quantity count people an actor names ("hundreds of nurses")? If not, a subject
    ("hundreds of motorcycle taxi riders protested", whom no dictionary names) is the crowd it
    says; not an object, which may count things ("torched dozens of houses")."""
    return any(k in named for prep in sentence.children(head) if prep.dep == "prep" and prep.lower == "of"
               for pobj in sentence.children(prep.i) if pobj.dep == "pobj" for k in sentence.subtree(pobj.i))


def _owned_by_pronoun(sentence: Sentence, head: int, role: str) -> bool:
    """"its cabinet", "their police": someone's, named before; not the place's. But a place's
    people are its civilians ("torched a village, forcing its residents to flee")."""
    return any(child.dep == "poss" and child.pos == "PRON" and not (child.lower == "its" and role == CIVILIAN)
               for child in sentence.children(head))


def _pronoun_owner(sentence: Sentence, head: int, name_at: dict[int, NameHit]) -> NameHit | None:
    """Whose "its troops" are: the named subject of the nearest verb above them that they are not
    an object of ("Ethiopia said its troops had beaten back an offensive", "Putin said his forces
    had taken the town"); not the doer of what befell them ("Hamas said Israel had killed its
    leader"), and none when no verb above has one (the owner was named in another sentence)."""
    k, seen, first = head, set(), True
    while sentence.tokens[k].head != k and k not in seen:
        seen.add(k)
        below, k = k, sentence.tokens[k].head
        if sentence.tokens[k].pos not in ("VERB", "AUX"):
            continue
        if first:
            first = False
            if not (below == head and sentence.tokens[head].dep == "nsubj"):
                continue  # its object, or words of its object: another's
        for child in sentence.children(k):
            if child.dep != "nsubj":
                continue
            # the subject named, or, for a reporter of the clause, the name its role noun is of
            # ("Russia's Defence Ministry said its air defences had ...")
            hits = [name_at.get(child.i)]
            if sentence.tokens[below].dep == "ccomp":
                hits += [name_at.get(g.i) for g in sentence.children(child.i) if g.dep in ("poss", "compound", "amod")]
            hit = next((h for h in hits if h is not None and h.entry.kind in MODIFIER_KINDS and h.code), None)
            if hit is not None:
                return hit
    return None


def _named_by_apposition(sentence: Sentence, head: int, name_at: dict[int, NameHit]) -> bool:
    """"the Basque separatist group ETA", "the militant group Hamas": the name is the actor."""
    return any(child.dep in ("appos", "compound") and child.i in name_at for child in sentence.children(head))


def is_against(sentence: Sentence, first: int) -> bool:
    """"anti-American protesters", "an anti-India rally": a name after "anti-" is what its noun is
    against, not whose it is."""
    tokens = sentence.tokens
    before = [t.lower for t in tokens[max(0, first - 2):first]]
    return bool(before) and (before[-1] in AGAINST_PREFIXES or (before[-1] in HYPHENS and len(before) == 2
                                                                and before[0] in AGAINST_PREFIXES))


def _modifies_noun(sentence: Sentence, hit: NameHit) -> bool:
    token = sentence.tokens[span_head(sentence, hit.first, hit.last)]
    return token.dep in ("amod", "compound", "nmod") and sentence.tokens[token.head].pos in ("NOUN", "PROPN")


def _counted_people(sentence: Sentence, head: int, actors: ActorDictionary) -> bool:
    """A country's adjective that a quantity noun counts: "thousands of Sudanese", "hundreds of
    Lebanese" (`quantity_nouns` in roles.yaml)."""
    token = sentence.tokens[head]
    if token.dep != "pobj" or token.pos not in ("PROPN", "NOUN"):
        return False
    prep = sentence.tokens[token.head]
    return prep.lower == "of" and sentence.tokens[prep.head].lemma.lower() in actors.quantity_nouns


# "the Syrian capital" may stand for its government: no place description
CAPITAL = "capital"


def _describes_place(sentence: Sentence, hit: NameHit, words: PlaceWords) -> bool:
    """An adjective of the noun of a place named after it: "the central Angolan city of Kuito",
    "the Zairean border town of Goma" name a place, not the country as an actor (a victim of the
    act is then its victims: "shelled the Angolan city of Kuito, killing 20 civilians")."""
    noun = sentence.tokens[sentence.tokens[span_head(sentence, hit.first, hit.last)].head]
    # nouns that, with "of" and a name, name a place: "the Angolan city of Kuito"
    if noun.lemma.lower() not in words.units - {CAPITAL}:
        return False
    return any(child.dep == "prep" and child.lower == "of" and any(
        grand.dep == "pobj" and grand.pos == "PROPN" for grand in sentence.children(child.i))
        for child in sentence.children(noun.i))


def _coordinated_names(sentence: Sentence, owner: NameHit,
                       name_at: dict[int, NameHit]) -> list[NameHit]:
    found, stack = [], [span_head(sentence, owner.first, owner.last)]
    while stack:
        for child in sentence.children(stack.pop()):
            other = name_at.get(child.i)
            if child.dep == "conj" and other and other.code and other.entry.kind in MODIFIER_KINDS:
                found.append(other)
                stack.append(child.i)
    return found


def _owners_hung_on_role(sentence: Sentence, owner: NameHit, head: int,
                         name_at: dict[int, NameHit]) -> list[NameHit]:
    """Countries joined to the owner that the parser hangs on the role noun: "Lawmakers in
    Fornost and Gondor" parsed as "Lawmakers in Fornost" and "Gondor" (each country gets the
    role, as in "the foreign ministers of Iran and Russia"): a name conjoined to the role's
    head that follows the owner with only "and", "or" or commas between."""
    found, last = [], owner.last
    for child in sentence.children(head):
        other = name_at.get(child.i)
        if child.dep != "conj" or other is None or not other.code or other.entry.kind not in MODIFIER_KINDS \
                or other.first < last:
            continue
        if all(sentence.tokens[k].lower in ("and", "or", ",") for k in range(last, other.first)):
            found.append(other)
            last = other.last
    return found


def _sharing_head(sentence: Sentence, head: int, name_at: dict[int, NameHit]) -> list[NameHit]:
    """Adjectives of a country before "and" whose noun is the role's: the parser makes the
    first the head of a coordination whose conjunct is the role phrase ("Kyrgyz and Tajik troops")."""
    token = sentence.tokens[head]
    if token.dep != "conj" or token.head >= head:
        return []
    other = name_at.get(token.head)
    return [other] if other and other.code and other.entry.kind == "adjective" and other.last <= head else []


def _acts(sentence: Sentence, head: int) -> bool:
    """Is the phrase the one who acts: its verb's subject, or the agent of a passive ("Suspected
    bandits abducted 80 people", "were abducted by alleged bandits")? Suspected criminals who act
    are criminals; the suspects others act on are civilians."""
    token = sentence.tokens[head]
    return token.dep == "nsubj" or (token.dep == "pobj" and sentence.tokens[token.head].dep == "agent")


def compose(owner: NameHit, role: str, former: bool, first: bool = False) -> str:
    """Country or region + role; organisations keep their own code ("UN envoy" is IGOUNO); a role
    that goes first, before it ("MSF Arnor": NGOARN)."""
    assert owner.code is not None
    if first:
        return role + owner.code
    if owner.entry.kind == "person":
        # "Saddam Hussein's government", "Chavez's troops": the country the person serves, with the
        # role; a person of an international organisation stands for it
        return owner.code if owner.code[:3] in INTERNATIONAL_TYPES else owner.code[:3] + role
    if owner.entry.kind in ("organisation", "capital", "seat", "people"):
        # a seat of government owns its country's forces as a capital does ("the Zionist regime's
        # warplanes", "Downing Street's officials")
        return owner.code if owner.entry.kind == "organisation" else owner.code[:3] + role
    if former and role == "GOV":
        role = "ELI"
    return owner.code + role


def _counterpart(sentence: Sentence, hit: RoleHit, name_at: dict[int, NameHit],
                 others: list[ActorMention]) -> ActorMention | None:
    head = hit.last - 1
    modifiers = noun_phrase_modifiers(sentence, head, head)
    owner = next((name_at[m] for m in modifiers if m in name_at
                  and name_at[m].entry.kind in ("adjective", "country")), None)
    if owner is None or owner.code is None:
        return None
    # The role of the actor it is paired with: the nearest actor before it that has one.
    paired = [m for m in others if m.first < hit.first and len(m.code) >= 6]
    role = paired[-1].code[3:6] if paired else "GOV"
    first = _skip_determiners(sentence, min([hit.first, *modifiers]))
    return _mention(sentence, owner.code[:3] + role, f"{owner.entry.name} {hit.noun.phrase}",
                    "counterpart", first, hit.last, head, owner.entry.ref)


def _is_left_edge(sentence: Sentence, m: int, head: int) -> bool:
    return m < head and sentence.tokens[m].dep not in ("det", "punct")


def _skip_determiners(sentence: Sentence, first: int) -> int:
    while first < len(sentence.tokens) - 1 and sentence.tokens[first].dep in ("det", "punct", "poss") \
            and sentence.tokens[first].pos in ("DET", "PUNCT", "PRON"):
        first += 1
    return first


def _mention(sentence: Sentence, code: str, name: str, kind: str, first: int, last: int,
             head: int, ref: DictionaryRef) -> ActorMention:
    start, end = sentence.tokens[first].start, sentence.tokens[last - 1].end
    text = sentence.text[start - sentence.start: end - sentence.start]
    return ActorMention(code, name, kind, first, last, head, start, end, text, ref)


def back_references(sentence: Sentence, mentions: list[ActorMention], named_before: list[ActorMention],
                    actors: ActorDictionary) -> list[ActorMention]:
    """The sentence's mentions with "the agency", "the bloc" (`back_reference` nouns in roles.yaml
    after "the") given the organisation they stand for: the last one named before them in the
    article (`named_before`, in order, then the sentence's own) whose name ends in the noun, or
    for a `back_reference_igo` noun the last international one. A role noun the dictionary
    reads with no country ("the court": JUD) is replaced; a noun with its own owner ("the UN
    agency", "Iran's court") is left as it is."""
    out = list(mentions)
    for token in sentence.tokens:
        noun = token.lemma.lower()
        if token.pos != "NOUN" or (noun not in actors.back_reference and noun not in actors.back_reference_igo):
            continue
        if not any(c.dep == "det" and c.lower == "the" for c in sentence.children(token.i)) or any(
                c.dep in ("compound", "poss", "amod") and c.pos == "PROPN" for c in sentence.children(token.i)):
            continue
        covering = [m for m in out if m.first <= token.i < m.last]
        if any(not m.code.startswith(UNANCHORED) for m in covering):
            continue
        earlier = [*named_before, *antecedents(sentence, [m for m in out if m.last <= token.i])]
        antecedent = next((m for m in reversed(earlier) if m.kind in ("organisation", "role") and (
            (noun in actors.back_reference and _name_ends_in(m, noun))
            or (noun in actors.back_reference_igo and m.code.startswith("IGO")))), None)
        if antecedent is None:
            continue
        out = [m for m in out if m not in covering]
        out.append(_mention(sentence, antecedent.code, antecedent.name, "organisation", token.i, token.i + 1,
                            token.i, antecedent.ref))
    return sorted(out, key=lambda m: (m.first, m.last))


def antecedents(sentence: Sentence, mentions: list[ActorMention]) -> list[ActorMention]:
    """The mentions a later "the agency" may stand for: organisations and roles of one, not a
    place named for where ("met in Brussels" names no party)."""
    out = []
    for m in mentions:
        token = sentence.tokens[m.head]
        where = token.dep == "pobj" and sentence.tokens[token.head].lower in LOCATIVE_PREPS
        if m.kind in ("organisation", "role") and not m.code.startswith(UNANCHORED) and not where:
            out.append(m)
    return out


LOCATIVE_PREPS = {"in", "at", "to", "from", "near", "outside", "inside", "into"}


def _name_ends_in(mention: ActorMention, noun: str) -> bool:
    """The organisation's name ends in the noun ("Agency"), or its role phrase has it as a word
    ("Gulf Cooperation Council ministers" for "the council")."""
    if mention.kind == "organisation":
        return any(singular(name.split()[-1].lower()) == noun for name in (mention.name, mention.text) if name)
    return noun in (singular(w.lower()) for w in mention.text.split())
