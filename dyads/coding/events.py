"""Events: parsed sentences + actor mentions -> coded CAMEO events.

`code_sentence()` runs, for one sentence:
  1. verb events: every verb with a pattern; the best-fitting pattern gives the code;
  2. clause status: negated, hypothetical, refused or questioned clauses give nothing;
     intended ones become 03x intent codes, threatened ones 13x threats;
  3. actors by grammatical role: subject (or the passive's agent) is the source; object,
     dative or the pattern's prepositions give the target; subjects are inherited through
     "X agreed to meet", "X met Y and discussed", relative and participle clauses;
  4. noun events: "telephone conversation", "Zarif-Lavrov talks", "the airstrike on Gaza";
  5. pairs: coordinated actors each get their event; symmetric events go both ways;
  6. merge: one event per (source, target, code); a more specific code of the same root
     replaces a less specific one for the same pair.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from dyads.coding.actors import CIVILIAN, is_against
from dyads.coding.conditions import PhraseIndex, VerbFacts, specificity
from dyads.coding.dates import names_a_day, resolve_date
from dyads.coding.english import LOCATIVE_PREPOSITIONS, lemma_of_irregular
from dyads.coding.geometry import clause_of, governing_verb, is_perfect
from dyads.knowledge.dictionaries import PatternDictionary
from dyads.knowledge.schema import NounPattern, VerbPattern
from dyads.model import (
    UNANCHORED,
    UNNAMED_SOURCE,
    UNOWNED_WEAPON,
    ActorMention,
    DictionaryRef,
    Event,
    EventActor,
    Sentence,
    Token,
)

SUBJECT_DEPS = ("nsubj", "csubj", "expl")
ROLE_CHARS = slice(3, 6)  # a CAMEO actor code: three letters of country, then three of role
PASSIVE_SUBJECT_DEPS = ("nsubjpass", "csubjpass")
OBJECT_DEPS = ("dobj", "obj", "attr", "oprd")
# a deverbal noun's target besides its "of" object: "suspension of aid TO Nepal", "a loan FOR Greece"
NOMINAL_TARGET_PREPS = ("to", "for", "from", "against", "on", "into")
UNSPECIFIED_THREAT = "130"
# A bare appeal, demand or refusal ("urged X to ...", "demanded that X ...", "refused to ..."): its
# subcode is that of the act it asks for or refuses (clauses.yaml `appeals`, `demands`,
# `refusals`); an appeal to yield (025) or a refusal to yield (124) may be narrowed too.
BARE_APPEALS = {"020", "100", "120"}
NARROWED_APPEALS = {"025", "124"}
ASKED_ACT_DEPS = ("xcomp", "ccomp")
PLACE_KINDS = ("capital", "country", "region")  # actor mentions that name a place
CLAUSES_REF = DictionaryRef("events/clauses.yaml", 0)  # a rule of the clause words, not one line
INHERIT_SUBJECT_DEPS = ("xcomp", "conj", "advcl", "pcomp", "acomp")  # acomp: "X is about to / ready to ..."
SPARKED = "sparked"  # the modifier of the fight an attack set off (clauses.yaml `sparking_verbs`)
# Prepositions that set an event as the frame of another: "in a phone call, X said ...".
EVENT_FRAME_PREPS = {"in", "during", "at", "after", "on", "following", "before", "amid"}
# Roots where the owner of the object is not the target: "discussed the Syrian crisis" is
# not a consultation with Syria; "pledged French aid" is not aimed at France.
OWNER_NOT_TARGET_ROOTS = {"01", "03", "04", "06", "07"}
# Appeals, promises, demands, rejections and threats aim at whoever the complement is about.
PROTEST_ROOT = "14"
RIOT = "145"  # a violent protest, 1451-1454 with its aim
# The prepositions of what a protest is against: "over the killing of", "in protest at the arrest of"
GRIEVANCE_PREPOSITIONS = ("against", "over", "at")
# Where a protest stands or goes: "outside the governor's office", "marched to the palace of the
# ruler"; of the place, that is not whom it protests (protest_place_targets)
PROTEST_PLACE_PREPOSITIONS = ("outside", "to", "at", "toward", "towards", "near")
PROTEST_DEMONSTRATION = "141"  # a demonstration or rally (protest_of_demand)
PROTEST_CODE_LENGTH = 3  # 141-145: a protest whose aim no pattern gave (`reform_aims` may)
# what a protest is against, over or for: "marched against the new farm laws", "rallied for democracy"
AIM_PREPOSITIONS_OF_PROTEST = ("against", "over", "for")
SEIZURE = "192"  # occupy territory
COMPLEMENT_TARGET_ROOTS = {"02", "03", "10", "11", "12", "13"}  # 11: "charged that Paris was meddling"
# A phrase that can be a verb's target when no pattern slot names one: an argument, not a modifier
# ("UN-backed talks" does not make the UN the target).
ARGUMENT_DEPS = {"dobj", "obj", "pobj", "dative", "iobj", "attr", "oprd", "conj", "appos"}
# People known by the country or organisation in their noun phrase ("UN experts"): plural nouns
# and proper names, through these modifiers, when the modifier is one of these kinds of actor.
PEOPLE_TAGS = {"NNS", "NNPS", "NNP"}
PEOPLE_MODIFIER_DEPS = ("compound", "amod", "poss", "nmod")
PEOPLE_OWNER_KINDS = {"organisation", "country", "adjective", "capital", "people"}
# "from 1975 to 1979", "in 1982": a clause dated this many years or more before the article is history.
PAST_YEARS = 2
SPAN_PREPOSITIONS = {"in", "during", "over", "throughout"}  # "killed IN the nine days of fighting"
YEAR_DIGITS = 4
# Roots that are intents or threats already: "will" leaves them as they are.
INTENT_ROOTS = {"03", "13"}
# Violence that may be coded with no named attacker (docs/coding-rules.md, "Local conflict events").
ONE_SIDED_ROOTS = {"18", "19", "20"}
ASSASSINATION = "186"
CONSULT_ROOT = "04"  # visits and meetings: forces arriving or leaving abroad are deployed or withdrawn
# Journeys to a place: a visit (042) and a mission deployed (074). A capital they go to is where
# they go, its country, not its government ("arrived in Islamabad", "flew to Baghdad": PAK, IRQ,
# as the wire2, wire3 and whole-story writers code it), unless the clause names whom they go to see
# in that government ("arrived in Kyiv for talks with President Zelensky": UKRGOV).
JOURNEY_CODES = ("042", "074")
DESTINATION_PREPOSITIONS = ("in", "to", "into", "at")
FINITE_OR_PASSIVE_TAGS = {"VBD", "VBZ", "VBP", "VBN"}
# Noun events (violence, protest) that are a governing verb's subject's only as its object:
# "launched an airstrike", "staged a rally"; not "met after a bombing", "arrested at a rally".
SUBJECT_OWN_ROOTS = ONE_SIDED_ROOTS | {"14"}
DEMAND_ROOT = "10"
# A protest's purpose may be a demand or an appeal: ", demanding a pay rise", "to press the
# government to grant political status" (`SentenceCoder.is_aim`)
AIM_ROOTS = (DEMAND_ROOT, "02")
THREAT_ROOT = "13"
# what a verb holding an intent says of its own when it says nothing more: the unspecified intent
# (030); a specific intent ("pledged aid" 0331) or an accord ("agreed": 019, which blind writers
# code beside what was agreed) stays
INTENT_HOLDER_CODES = ("030",)
INTENT_ROOT = "03"
# A show of force (15x: alerts, mobilising police or troops) moves the source's own forces: they
# are not its target ("raised the alert status of British police", "deployed extra police").
FORCE_POSTURE_ROOT = "15"
FORCE_ROLES = {"MIL", "COP"}
# "killed by Russian shelling": a country whose shelling or airstrike it was acts by its forces
MILITARY = "MIL"
STRIKE_CODES = ("194", "195")  # shelling, air and drone strikes: acts of a country's forces
COUNTRY_CODE_LENGTH = 3
AIM_PREPOSITIONS = ("to", "against", "at", "on", "under")
# "fired shells at Seoul", "lashed out at Washington": hostile acts are aimed at their target.
AIMED_ROOTS = {"11", "12", "13", "17", "18", "19", "20"}
# A comment (root 01) aims at what it is about, or at whose act that is.
COMMENT_ROOT = "01"
# An investigation (root 09) is into its doers; what it is into follows these or is its object.
INVESTIGATE_ROOT = "09"
# Mediation: one that names no party is between the parties of what it mediates
# (`SentenceCoder.mediated_parties`); how far up the parse the mediated act is looked for
MEDIATION = "045"
MEDIATION_HOPS = 4
INVESTIGATED_PREPOSITIONS = ("into", "over", "for", "of")
TOPIC_PREPOSITIONS = ("about", "over", "for", "regarding", "concerning", "at")
# Comments, appeals, investigations, demands, rebukes and rejections: aimed at the place of
# the situation they are about when they name no actor ("appealed for peace in Syria").
PLACE_TARGET_ROOTS = {"11", "12"}
# Prepositions whose object is when or in what circumstances something happens.
FRAME_PREPOSITIONS = {"during", "after", "before", "since", "until", "amid", "following", "while"}
# A pack's verb read as these parts of speech only through a phrase pattern that sets it in place.
KEYWORD_POS = ("NOUN", "PROPN", "ADJ")
# A modal's tag: a TABARI dictionary may make one a verb ("SHOULD [101]"), read as a keyword too.
MODAL_TAG = "MD"
DEFAULT_TARGET_SLOTS = ("dobj", "dative", "with", "against", "to", "on", "toward", "towards", "from")

# Confidence: start from a direct, fully explicit verb event and take off for each guess.
CONFIDENCE_BASE = 0.9
PENALTY_INHERITED_SOURCE = 0.15
PENALTY_NOMINAL = 0.1
PENALTY_NO_TARGET = 0.1
PENALTY_ARTICLE_DATE = 0.05


@dataclass(frozen=True, slots=True)
class ClauseStatus:
    blocked: str | None = None  # negated, hypothetical, refused, question
    intent: bool = False
    threat: bool = False
    holder: int | None = None  # the verb whose subject holds the intent ("X plans to...")


@dataclass
class Candidate:
    code: str
    sources: list[ActorMention]
    targets: list[ActorMention]
    symmetric: bool
    trigger_first: int
    trigger_last: int
    clause: list[int]
    pattern: DictionaryRef
    modifiers: list[str] = field(default_factory=list)
    inherited: bool = False
    prefer_future: bool = False
    paired: str | None = None  # the code of an event from each target back to its source
    # the verb that holds the intent of this act ("agreed" in "agreed to mend ties"), if another
    holder: int | None = None


class SentenceCoder:
    """Codes one sentence; holds the lookups that its steps share."""

    def __init__(self, sentence: Sentence, mentions: list[ActorMention],
                 patterns: PatternDictionary, article_date: date | None = None) -> None:
        self.s = sentence
        self.article_date = article_date
        self.tokens = sentence.tokens
        self.patterns = patterns
        self.words = patterns.clause
        self.mentions = mentions
        self.by_token: dict[int, ActorMention] = {}
        for m in sorted(mentions, key=lambda m: m.last - m.first):
            for k in range(m.first, m.last):
                self.by_token.setdefault(k, m)
        self.by_head = {m.head: m for m in mentions}
        # a coded compound's mentions: the same words and dictionary entry, one per actor
        self.same_entry: dict[tuple[int, int, DictionaryRef], list[ActorMention]] = {}
        for m in mentions:
            self.same_entry.setdefault((m.first, m.last, m.ref), []).append(m)
        self.trace: list[tuple[int, str, str]] = []
        self.keys_of: dict[int, frozenset[str]] = {}  # a word's phrase-match keys (conditions.word_keys)
        # asked again and again of the same words by the probe's and the coder's steps
        self.kids: dict[int, list[Token]] = {}
        for t in self.tokens:
            if t.head != t.i:
                self.kids.setdefault(t.head, []).append(t)
        self.clauses: dict[int, list[int]] = {}
        self.facts: dict[tuple[int, tuple[int, ...], tuple[int, ...] | None], VerbFacts] = {}
        # verb -> the first word whose pattern held for its phrase: the verb itself, or a pack verb
        # read as a noun in its phrase (`verb_candidates` codes a verb phrase once)
        self.phrase_held: dict[int, int] = {}
        self.kids_with: dict[tuple[int, tuple[str, ...]], list[int]] = {}  # `children`, remembered
        self._negating: dict[int, list[int]] | None = None  # `negating_conjunctions`, built at first use
        # each word in lower case, and its lemma (`lemmas_in`, `phrase_lemmas` ask them by the million)
        self.lowers = [t.text.lower() for t in self.tokens]
        self.lemma_lowers = [t.lemma.lower() for t in self.tokens]
        self.pair_of = self.pairs_named_before(mentions)

    def pairs_named_before(self, mentions: list[ActorMention]) -> dict[int, list[ActorMention]]:
        """"X held talks with Y, and the two leaders pledged ...", "the two sides agreed": a role
        with no country after "the two" or "both" stands for the last two parties of different
        countries named before it in the sentence."""
        pairs: dict[int, list[ActorMention]] = {}
        for m in mentions:
            if m.kind != "unanchored" or not any(
                    self.tokens[c.i].lower in ("two", "both") for c in self.kids.get(m.head, ())
                    if c.dep in ("nummod", "det", "predet")):
                continue
            before: list[ActorMention] = []
            for other in sorted((o for o in mentions if o.last <= m.first and o.kind != "unanchored"),
                                key=lambda o: o.first, reverse=True):
                if all(other.code[:3] != b.code[:3] for b in before):
                    before.append(other)
                if len(before) == 2:
                    pairs[m.head] = before[::-1]
                    break
        return pairs

    # ---- grammar helpers -------------------------------------------------------------
    def children(self, i: int, *deps: str) -> list[int]:
        kids = self.kids.get(i)
        if kids is None:  # most words head none: nothing to remember
            return []
        found = self.kids_with.get((i, deps))
        if found is None:
            found = self.kids_with[i, deps] = [t.i for t in kids if t.dep in deps] if deps else [t.i for t in kids]
        return found.copy()  # the caller's to change

    def negating_conjunctions(self) -> dict[int, list[int]]:
        """Each word's children that are a negative conjunction ("neither", "nor"), in order,
        found once per sentence: `status` asks at every verb and every verb it climbs to."""
        if self._negating is None:
            self._negating = {}
            for t in self.tokens:
                if (t.dep in ("cc", "preconj") and t.head != t.i and t.lower in self.words.negations
                        and not self.sets_up_a_pair(t.i)):
                    self._negating.setdefault(t.head, []).append(t.i)
        return self._negating

    def prep_objects(self, i: int, preps: tuple[str, ...] | list[str]) -> list[int]:
        out = []
        # "handed Macau back to China": the parser hangs the prep on the adverb of direction
        backs = [a for a in self.children(i, "advmod") if self.lowers[a] in self.words.direction_adverbs]
        for p in self.children(i, "prep", "agent", "dative") + [p for a in backs for p in self.children(a, "prep")]:
            if self.lowers[p] in preps or self.tokens[p].lemma in preps:
                out += self.children(p, "pobj", "pcomp")
        return out

    def actors_at(self, i: int, depth: int = 0, in_list: bool = False) -> list[ActorMention]:
        """The actors a token stands for, with coordinated ones ("X, Y and Z"); `in_list`: the
        token is a member of a list the parser did not join ("Mali, the Niger, and Chad", two subjects)."""
        if depth > 6:
            return []
        found: list[ActorMention] = []
        if i in self.pair_of:
            return list(self.pair_of[i])
        mention = self.by_head.get(i) or self.by_token.get(i)
        if mention is None and self.tokens[i].lower in self.words.object_pronouns:
            return self.object_antecedent(i, depth)
        if mention is None:
            for child in self.children(i, "appos"):
                mention = self.by_head.get(child) or self.by_token.get(child)
                if mention:
                    break
        if mention is None and i > 0 and self.tokens[i - 1].text == "(":
            # "the European Union (EU)": the parser may head the name by its acronym after it
            for child in self.children(i, "nmod", "compound", "appos"):
                named = self.by_head.get(child) or self.by_token.get(child)
                if named is not None and named.last == i - 1:  # the name ends where "(" begins
                    mention = named
                    break
        if mention is None:  # "Islamic State suspects", "Taliban insurgents": the group names them
            for child in self.children(i, "compound"):
                named = self.by_head.get(child) or self.by_token.get(child)
                if named is not None and named.kind == "organisation":
                    mention = named
                    break
        if mention is None and self.tokens[i].lemma.lower() in self.patterns.quantity_nouns:
            # "Elements of the Army and of the State Police": each "of" joined to the first too
            ofs = [p for p in self.children(i, "prep") if self.lowers[p] == "of"]
            ofs += [c for p in ofs for c in self.children(p, "conj") if self.lowers[c] == "of"]
            for pobj in [o for p in ofs for o in self.children(p, "pobj")]:
                found += self.actors_at(pobj, depth + 1)
        if mention is not None:
            found += self.same_entry.get((mention.first, mention.last, mention.ref), [mention])
            # coordination inside the mention: "ministers of Iran and Russia"
            for k in range(mention.first, mention.last):
                for child in self.children(k, "conj"):
                    inner = self.by_head.get(child)
                    if not mention.first <= child < mention.last:
                        found += self.actors_at(child, depth + 1)
                    elif inner is not None and inner is not mention:
                        found.append(inner)  # "Russian and Syrian troops"
        for child in self.children(i, "conj"):
            found += self.actors_at(child, depth + 1)
        if mention is not None:
            # "Fornost and the evil awful Gondor": the first of a list hung on the last as a modifier
            # (or as its subject: "President Sadat and Prime Minister Begin signed")
            for child in self.children(i, "nmod", "compound", "nsubj"):
                if not mention.first <= child < mention.last and self.children(child, "cc", "conj"):
                    found += self.actors_at(child, depth + 1)
        for child in self.children(i, "appos"):
            if self.children(child, "conj"):  # "Mordor, the Shire, Fornost and Bree": a list parsed as an apposition
                found += self.actors_at(child, depth + 1)
            elif mention is not None and (in_list or self.children(i, "conj")):
                # "Mordor, the Fornost, and Gondor": in a list, an apposition naming another actor is a member
                found += [m for m in self.actors_at(child, depth + 1) if m.code != mention.code]
        seen, unique = set(), []
        for m in found:
            if (m.first, m.code) not in seen:
                seen.add((m.first, m.code))
                unique.append(m)
        return unique

    def subject(self, verb: int, depth: int = 0) -> tuple[list[ActorMention], bool]:
        """Actors of the verb's subject, and whether they were inherited from another clause."""
        if self.is_note_passive(verb):
            return [], False  # "4 police officers killed.": the subject is the victims
        if self.is_misread_adjective(verb):
            return self.misread_adjective_subject(verb), True
        subjects = self.children(verb, *SUBJECT_DEPS) or self.headline_subjects(verb)
        named = [child for child in subjects if self.actors_at(child)]
        if len(named) > 1 and any(self.tokens[k].dep == "cc" for k in range(named[0], named[-1])):
            # "Mali, the Niger, and Chad condemned": a list the parser made into several subjects
            return [m for child in named for m in self.actors_at(child, in_list=True)], False
        for child in subjects:
            if self.tokens[child].lemma in ("who", "which", "that") and self.tokens[verb].dep == "relcl":
                return self.antecedent_actors(self.tokens[verb].head), True
            actors = self.actors_at(child) or self.people_of(child)
            if not actors and self.lowers[child] in self.words.resumptive_pronouns:
                # "The army said it had opened an inquiry": the speaker speaks of itself; "X urged
                # Y to leave and then it asked Z": a pronoun subject of a clause joined to another
                # is that clause's subject
                speaker = self.speaker_of(verb) or self.joined_subject(verb) or self.speaking_while(verb)
                if speaker:
                    return speaker, True
            # "Old foes Gondor and Osgiliath" may parse as two subjects: the one with actors
            if actors or child == subjects[-1]:
                return actors, False
        passive_agent = self.prep_objects(verb, ("by",))
        if not passive_agent and self.children(verb, *PASSIVE_SUBJECT_DEPS):
            # "was captured and killed by rebel fighters": the agent hangs on the last joined verb
            passive_agent = [a for c in self.children(verb, "conj") if self.is_joined_passive(c)
                             for a in self.prep_objects(c, ("by",))][:1]
        if self.children(verb, *PASSIVE_SUBJECT_DEPS) or self.tokens[verb].tag == "VBN":
            if passive_agent:
                return self.actors_at(passive_agent[0]), False
            if self.children(verb, *PASSIVE_SUBJECT_DEPS) or self.is_raised_participle(verb):
                return self.passive_removed_from(verb), False
            if self.is_joined_passive(verb):  # "... and were killed": by no one named
                return [], False
        token = self.tokens[verb]
        if depth < 4 and token.head != verb:
            raised = self.children(token.head, *PASSIVE_SUBJECT_DEPS) if token.dep == "xcomp" else []
            if raised:  # "Gollum was seen to break into", "X is said to have attacked"
                return self.actors_at(raised[0]), True
            if token.dep == "xcomp" and self.tokens[token.head].lemma.lower() not in self.words.subject_control_verbs:
                # "prompting the commission to pull its inspectors out": the object of the verb the
                # infinitive completes is who does it
                controller = [m for o in self.children(token.head, "dobj") for m in self.actors_at(o)]
                if controller:
                    return controller, True
            reporter = self.reporter_joined(verb)
            if reporter:
                return reporter, True
            if token.dep in INHERIT_SUBJECT_DEPS:
                actors, _ = self.subject(token.head, depth + 1)
                return actors, True
            if self.is_misread_active(verb):
                return self.misread_subject(verb), True
            if token.dep in ("relcl", "acl") and (token.tag != "VBN" or self.is_sentence_verb(verb)):
                # a participle hung on a root noun is the sentence's verb: "[Around 50 people]
                # protested in Skidel" parsed as "people (who were) protested"
                return self.actors_at(token.head), True
        return [], False

    def antecedent_actors(self, noun: int) -> list[ActorMention]:
        """Who a relative pronoun stands for: the noun the clause hangs on or, when that names no
        actor, the noun whose place phrase it ends ("security forces in Bamenda, who responded
        with live ammunition": the parser hangs the clause on the nearest noun, the town)."""
        for _ in range(3):
            actors = self.actors_at(noun)
            token = self.tokens[noun]
            if actors or token.dep != "pobj" or token.head == noun:
                return actors
            preposition = self.tokens[token.head]
            if preposition.head == preposition.i:
                return []
            noun = preposition.head
        return []

    def reporter_named_by(self, verb: int, pattern: VerbPattern) -> int | None:
        """The verb that reports `verb`'s clause, when the pattern names it before a target slot
        right before its verb (TABARI's "- NOTED + * [115]" under REGRET: "Gondor noted that Rohan
        regretted the refusal" is Gondor's act on Rohan, the one who regretted)."""
        token = self.tokens[verb]
        if not (pattern.target_before and pattern.before) or token.dep != "ccomp" or token.head == verb:
            return None
        keys = self.word_keys(token.head)
        return token.head if any(set(alternatives) & keys for alternatives in pattern.before) else None

    def owner_of_named_subject(self, verb: int, pattern: VerbPattern) -> list[ActorMention]:
        """A subject noun the pattern itself names before its verb is the event's wording, not its
        actor: its owner is ("Eriador's death toll has risen", TABARI's `- DEATH TOLL * [223]`),
        as the verb does not say what the noun did but what befell its owner. The pattern's words
        must be the noun's own last words, in order ("death and injury toll" is another wording)."""
        size = len(pattern.before)
        for child in self.children(verb, *SUBJECT_DEPS):
            words = range(child - size + 1, child + 1)
            if words.start >= 0 and not self.actors_at(child) and all(
                    set(alternatives) & self.word_keys(k)
                    for alternatives, k in zip(pattern.before, words, strict=True)):
                return self.owners_of(child)
        return []

    def spans_a_time(self, verb: int) -> bool:
        """"signed a treaty, ending three decades of war", "ended 156 years of British rule": a verb
        whose object is a span of years of something says what another act brought to an end (or
        marked), not an act of its own; the act that ended it is coded by its own words."""
        return any(self.tokens[o].lemma.lower() in self.words.long_durations and self.prep_objects(o, ("of",))
                   for o in self.children(verb, "dobj"))

    def is_left_state(self, verb: int) -> bool:
        """"..., leaving at least 12 people dead and 30 wounded": a victim verb under "leave"
        says what the act left, whatever the parser makes of it."""
        token = self.tokens[verb]
        head = self.tokens[token.head]
        return (token.lemma.lower() in self.words.victim_verbs and head.i != verb and head.lemma.lower() == "leave"
                and token.dep in ("ccomp", "xcomp", "oprd", "conj", "acomp"))

    def is_infinitive_advcl(self, i: int) -> bool:
        """"threatened on Sunday to impose": the parser hangs a complement pushed away by a
        time phrase as an adverbial clause; its "to" gives it away."""
        return self.tokens[i].dep == "advcl" and self.has_to(i)

    def is_aim(self, verb: int) -> bool:
        """A participle or an infinitive of purpose on another verb: ", demanding higher pay",
        "to press their demand for the president's resignation"."""
        token = self.tokens[verb]
        return token.dep in ("advcl", "acl", "xcomp") and token.head != verb and (
            token.tag == "VBG" or self.has_to(verb))

    def has_to(self, i: int) -> bool:
        return any(self.lowers[c] == "to" for c in self.children(i, "aux"))

    def speaker_of(self, verb: int) -> list[ActorMention]:
        """The actors who report the clause of `verb` ("X said ... verb"), if one does."""
        token = self.tokens[verb]
        head = self.tokens[token.head]
        if token.dep == "ccomp" and head.i != verb and head.lemma.lower() in self.words.speech_verbs:
            return self.subject(head.i, 1)[0]
        return []

    def object_antecedent(self, pronoun: int, depth: int) -> list[ActorMention]:
        """"received the UN envoy and held talks with him", "telephoned Erdogan and thanked him":
        a pronoun object of a verb joined to another stands for the actors of that verb's object."""
        verb = governing_verb(self.s, pronoun)
        token = self.tokens[verb]
        if token.dep != "conj" or token.head == verb:
            return []
        first = token.head
        objects = self.children(first, "dobj") + self.prep_objects(first, ("with", "to"))
        return [m for o in objects if o < pronoun for m in self.actors_at(o, depth + 1)]

    def threatened_if(self, verb: int, sources: list[ActorMention]) -> list[ActorMention]:
        """"warned that Moscow would take retaliatory steps if Finland joined NATO": a threat is
        aimed at whoever its condition names as the doer."""
        own = {s.code[:3] for s in sources}
        for k in self.s.subtree(verb):
            token = self.tokens[k]
            if token.dep != "advcl" or not any(self.lowers[c] in self.words.conditional_markers
                                               for c in self.children(k, "mark")):
                continue
            doers = [m for c in self.children(k, *SUBJECT_DEPS) for m in self.actors_at(c)]
            if doers and all(d.code[:3] not in own for d in doers):
                return doers
        return []

    def reporter_joined(self, verb: int) -> list[ActorMention]:
        """"HRW said that police had arrested 2,000 people, and called on the authorities to
        release them": an appeal or a comment joined by ", and" to the verb of a reported clause is
        the reporter's own act, though the parser hangs it on the reported verb."""
        token = self.tokens[verb]
        w = self.words

        def speaks(lemma: str) -> bool:
            return lemma in w.appeal_verbs or lemma in w.commenting_verbs

        if token.dep != "conj" or not speaks(token.lemma.lower()):
            return []
        head = self.tokens[token.head]
        if head.i == verb or speaks(head.lemma.lower()) or head.lemma.lower() in w.speech_verbs:
            return []
        joined_after_comma = any(c > head.i and self.lowers[c - 1] == ","
                                 for c in self.children(verb, "cc") + self.children(head.i, "cc"))
        return self.speaker_of(head.i) if joined_after_comma else []

    def speaking_while(self, verb: int) -> list[ActorMention]:
        """""Our patience has run out," Erdogan said as he threatened an operation": a pronoun
        subject of an adverbial clause on a speech verb is the speaker, who acts as he speaks."""
        token = self.tokens[verb]
        head = self.tokens[token.head]
        if token.dep == "advcl" and head.i != verb and head.lemma.lower() in self.words.speech_verbs:
            return self.subject(head.i, 1)[0]
        return []

    def joined_subject(self, verb: int) -> list[ActorMention]:
        """The actors of the subject of the clause `verb`'s clause is joined to ("and then it ..."), if any."""
        token = self.tokens[verb]
        if token.dep == "conj" and token.head != verb:
            return self.subject(token.head, 1)[0]
        return []

    def passive_target(self, verb: int) -> list[ActorMention]:
        patients = self.children(verb, *PASSIVE_SUBJECT_DEPS)
        if patients:
            # "BANNU: Five policemen were killed": a header the parser makes a second subject names no one
            return next((found for child in patients if (found := self.actors_at(child))), [])
        if self.is_joined_passive(verb):
            head = self.tokens[verb].head
            # "stepped on a mine and were killed": the active verb's subject is the patient
            return self.passive_target(head) or ([] if self.is_passive(head) else self.subject(head, 1)[0])
        if self.is_note_passive(verb):
            head = self.tokens[verb].head
            victims = self.children(verb, "nsubj") or (
                self.children(head, "nsubj") if self.tokens[verb].dep == "xcomp" else [head])
            return [a for child in victims for a in self.actors_at(child)]
        if self.is_passive_participle(verb):  # "the town shelled by ..."
            return self.actors_at(self.tokens[verb].head)
        if self.is_raised_participle(verb):  # "A family was found shot dead"
            return [a for child in self.children(self.tokens[verb].head, *PASSIVE_SUBJECT_DEPS)
                    for a in self.actors_at(child)]
        return []

    def is_passive(self, verb: int) -> bool:
        return (bool(self.children(verb, *PASSIVE_SUBJECT_DEPS)) or self.is_passive_participle(verb)
                or self.is_note_passive(verb) or self.is_raised_participle(verb) or self.is_joined_passive(verb))

    def is_joined_passive(self, verb: int) -> bool:
        """"were kidnapped and killed by Taliban fighters": a participle joined to a passive verb,
        with no subject of its own, is passive too, with its patient; so is one with its own "were"
        joined to an active verb ("stepped on a mine and were killed"), whose subject is its patient."""
        token = self.tokens[verb]
        if token.dep != "conj" or token.tag != "VBN" or token.head == verb \
                or self.children(verb, *SUBJECT_DEPS, *PASSIVE_SUBJECT_DEPS):
            return False
        if self.children(verb, "auxpass"):
            return True
        return not self.children(verb, "aux") and bool(self.children(token.head, *PASSIVE_SUBJECT_DEPS))

    def is_raised_participle(self, verb: int) -> bool:
        """"A family of four was found shot dead", "two men were left wounded": a past participle
        complementing a passive verb is passive too; the passive verb's subject is its patient,
        not its agent (as it is of an infinitive: "X was seen to attack")."""
        token = self.tokens[verb]
        return (token.dep == "xcomp" and token.tag == "VBN" and token.head != verb
                and bool(self.children(token.head, *PASSIVE_SUBJECT_DEPS)))

    def is_note_passive(self, verb: int) -> bool:
        """"2 rangers injured.", "4 police officers killed.": the note style drops "were"; a
        counted subject of a victim verb with no object and no auxiliary is its victims."""
        token = self.tokens[verb]
        if (token.tag not in ("VBN", "VBD") or token.lemma.lower() not in self.words.note_passive_verbs
                or [c for c in self.children(verb, "aux", "auxpass", *OBJECT_DEPS) if self.lowers[c] != "dead"]):
            return False
        # a headline drops "was" too: "Israeli Prime Minister Rabin shot dead at peace rally";
        # "shot dead" with no object, or a victim verb in a line with no closing stop
        if token.dep == "xcomp":  # "4 jihadists reported killed": the count is the reporting verb's
            return self.is_note_report(token.head)
        last = self.tokens[-1]
        headline = last.pos != "PUNCT" or last.lower not in (".", "!", "?")
        if token.dep == "acl":  # parsed "[2 rangers] (who were) injured"
            head = self.tokens[token.head]
            return head.dep == "ROOT" and (headline or bool(self.children(head.i, "nummod")))
        if token.dep in ("ccomp", "conj"):
            # "4 soldiers killed, 7 injured.": parsed as "killed" complementing "injured"
            head = self.tokens[token.head]
            if (head.dep != "ROOT" or head.tag not in ("VBN", "VBD")
                    or head.lemma.lower() not in self.words.note_passive_verbs
                    or self.children(head.i, "aux", "auxpass", *OBJECT_DEPS)):
                return False
        elif token.dep != "ROOT":
            return False
        dead = any(self.lowers[c] == "dead" for c in self.children(verb))
        return ((headline or dead) and bool(self.children(verb, "nsubj"))) or any(
            self.children(child, "nummod") for child in self.children(verb, "nsubj"))

    def is_note_report(self, verb: int) -> bool:
        """"4 jihadists reported killed", "2 soldiers confirmed dead": a reporting verb of the note
        style with no "were" and a counted subject, the victims of the victim verb it takes."""
        token = self.tokens[verb]
        return (token.tag in ("VBN", "VBD") and token.lemma.lower() in self.words.note_report_verbs
                and not self.children(verb, "aux", "auxpass", *OBJECT_DEPS)
                and any(self.children(child, "nummod") for child in self.children(verb, "nsubj")))

    def is_passive_participle(self, verb: int) -> bool:
        """"the town shelled by ...": a past participle on a noun; but one on the root noun with
        no agent is the sentence's verb ("[Around 50 people] protested in Skidel")."""
        token = self.tokens[verb]
        if token.dep != "acl" or token.tag != "VBN" or self.is_misread_active(verb):
            return False
        return not self.is_sentence_verb(verb) or bool(self.children(verb, "agent"))

    def is_misread_active(self, verb: int) -> bool:
        """"Gunmen suspected to be bandits [killed at least 15 villagers]": a past participle on a
        noun with a direct object of its own and no agent is no passive but the finite verb the
        parser hung on the noun; the noun is its subject."""
        token = self.tokens[verb]
        return (token.dep == "acl" and token.tag in ("VBN", "VBD") and bool(self.children(verb, "dobj"))
                and not self.children(verb, "agent") and not self.prep_objects(verb, ("by",)))

    def is_misread_adjective(self, verb: int) -> bool:
        """"Teachers at public schools in Witu downed tools": a past tense the parser read as an
        adjective of the noun after it (no determiner: no "the downed helicopter"), right after a
        noun of the phrase before, is the sentence's verb; that noun its object."""
        token = self.tokens[verb]
        head = token.head
        return (token.dep == "amod" and token.pos == "VERB" and token.tag in ("VBD", "VBN")
                and head == verb + 1 and verb > 0 and self.tokens[verb - 1].pos in ("NOUN", "PROPN")
                and not self.children(head, "det", "poss", "nummod"))

    def misread_adjective_subject(self, verb: int) -> list[ActorMention]:
        """Who did what a misread adjective tells: the outermost noun before it, among the words
        its object hangs from, that names an actor ("[Teachers] at schools in Witu downed tools")."""
        for noun in reversed(self.s.ancestors(verb)):
            if noun < verb:
                actors = self.actors_at(noun)
                if actors:
                    return actors
        return []

    def misread_subject(self, verb: int) -> list[ActorMention]:
        """Who did what a misread participle tells: the noun it hangs on, or the noun phrase that
        noun describes ("[Armed men] dressed as traditional hunters killed ...", "[Gunmen]
        suspected to be bandits killed ...")."""
        noun = self.tokens[verb].head
        chain = [noun]
        for _ in range(4):
            token = self.tokens[noun]
            if token.dep not in ("pobj", "attr") or token.head == noun:
                break
            up = token.head
            if self.tokens[up].dep == "prep":
                up = self.tokens[up].head
            while self.tokens[up].dep == "xcomp" and self.tokens[up].head != up:
                up = self.tokens[up].head
            if self.tokens[up].dep == "acl" and self.tokens[up].head != up:
                noun = self.tokens[up].head
            elif self.children(up, "nsubj"):
                noun = self.children(up, "nsubj")[0]
            else:
                break
            chain.append(noun)
        # the outermost noun with an actor, unless that is only people ("Men suspected to be
        # militants": the militants)
        found = [[self.before_clause(m, verb) for m in self.actors_at(k)] for k in reversed(chain)]
        found = [actors for actors in found if actors]
        armed = [actors for actors in found if not all(m.code.endswith(CIVILIAN) for m in actors)]
        return (armed or found or [[]])[0]

    def before_clause(self, m: ActorMention, verb: int) -> ActorMention:
        """A mention the actor finder ran on into the misread verb's clause ("Armed men dressed
        as hunters killed ... in central Mali"): its words before the clause, its role with no
        country (the place gives it one)."""
        if not m.first <= verb < m.last:
            return m
        cut = min(self.s.subtree(verb))
        cut = max(cut, m.head + 1)
        text = self.s.text[self.tokens[m.first].start - self.s.start:self.tokens[cut - 1].end - self.s.start]
        return replace(m, code=UNANCHORED + m.code[len(UNANCHORED):], kind="unanchored", last=cut,
                       end=self.tokens[cut - 1].end, text=text)

    def is_sentence_verb(self, verb: int) -> bool:
        """A participle on the sentence's root noun, or on the subject of a root that is a bare
        "-ing" form, is the verb the parser missed: "[Around 50 people] protested in Skidel";
        "hundreds of residents protested in Tangalle (Tangalle, Hambantota, Southern) demanding
        ...", where the parenthesis made "demanding" the root."""
        noun = self.tokens[self.tokens[verb].head]
        if noun.dep == "pobj" and self.lowers[noun.head] == "of" \
                and noun.lemma.lower() not in self.patterns.quantity_nouns:  # "hundreds of residents"
            quantity = self.tokens[self.tokens[noun.head].head]
            noun = quantity if quantity.lemma.lower() in self.patterns.quantity_nouns else noun
        if noun.dep == "ROOT":
            return True
        root = self.tokens[noun.head]
        return noun.dep == "nsubj" and root.dep == "ROOT" and root.tag == "VBG" \
            and not self.children(root.i, "aux")

    def clause_tokens(self, i: int) -> list[int]:
        clause = self.clauses.get(i)
        if clause is None:
            clause = self.clauses[i] = clause_of(self.s, i)
        return list(clause)  # the caller's to change

    def lemmas_in(self, indices: list[int]) -> set[str]:
        words = set()
        present = set(indices)
        lemmas, lowers, count = self.lemma_lowers, self.lowers, len(self.tokens)
        for k in indices:
            lemma, lower = lemmas[k], lowers[k]
            words.add(lemma)
            words.add(lower)
            if k + 1 < count and k + 1 in present:
                words.add(f"{lemma} {lemmas[k + 1]}")
                words.add(f"{lower} {lowers[k + 1]}")
        return words

    def phrase_lemmas(self, i: int) -> set[str]:
        """A noun and its compound/amod: "hunger strike", "tear gas", "war crime"; and its "of"
        object: "exchange of fire"."""
        lemmas, lowers = self.lemma_lowers, self.lowers
        forms = {lemmas[i], lowers[i]}
        for child in self.children(i, "compound", "amod"):
            forms |= {f"{lemmas[child]} {lemmas[i]}", f"{lowers[child]} {lowers[i]}", lemmas[child]}
        for of in self.prep_objects(i, ("of",)):
            forms.add(f"{lemmas[i]} of {lemmas[of]}")
        return forms

    # ---- 2. clause status ------------------------------------------------------------
    def status(self, verb: int, named: frozenset[int] = frozenset()) -> ClauseStatus:
        """What the verb's clause says of its act: blocked (and why), intended or threatened.
        `named`: words the verb's pattern names ("- &NEGATVAUXVRB * OVER EFFORTS", "- INDICATED
        SHOULD *"): a negation or a modal the pattern is written for codes the act as the pattern
        says, instead of blocking it or making it an intent (`words_named_by`)."""
        w = self.words
        intent = threat = False
        holder = None
        k, hops = verb, 0
        while True:
            token = self.tokens[k]
            kids = [c for c in self.kids.get(k, []) if c.i not in named] if named else self.kids.get(k, [])
            if any((c.dep == "neg" or (c.dep == "advmod" and c.lower in w.negations)) and not self.sets_up_a_pair(c.i)
                   for c in kids) or self.negated_through_adverb(k, kids, named):
                return ClauseStatus("negated")
            # "Neither Iran nor Iraq attended the talks", "nor did it send troops": a negative
            # conjunction on the verb or on its subject
            # (on the verb, on a conjunct before it, or on a subject of it; not one the pattern names)
            negating = self.negating_conjunctions()
            skipped = named or ()
            if (any(g not in skipped for g in negating.get(k, ()))
                    or token.dep == "conj" and any(g < k and g not in skipped for g in negating.get(token.head, ()))
                    or any(g not in skipped for c in kids if c.dep in SUBJECT_DEPS + PASSIVE_SUBJECT_DEPS
                           for g in negating.get(c.i, ()))):
                return ClauseStatus("negated")
            aux = [c.lower for c in kids if c.dep in ("aux", "auxpass")]
            if any(a in w.hypothetical_modals for a in aux):
                return ClauseStatus("hypothetical")
            if any(c.dep == "mark" and c.lower in w.conditional_markers for c in kids):
                return ClauseStatus("hypothetical")
            background = self.background(self.with_shared_aux(token, kids))
            if background:
                return ClauseStatus(background)
            if token.dep == "advcl" and token.tag == "VBG" and token.head != k:
                # "Boko Haram has waged an insurgency since 2009, killing more than 35,000 people":
                # what a background clause's participle tells is background too
                background = self.background(self.kids.get(token.head, []))
                if background:
                    return ClauseStatus(background)
            if (token.dep == "advcl" and any(c.dep == "mark" and c.lower in w.since_words for c in kids)
                    and is_perfect(self.kids.get(token.head, []))):
                # "have been driven from their homes since NATO began bombing a month ago": the
                # start of what has gone on since is no event of the article's day either
                return ClauseStatus("background (the start of what has gone on since)")
            if (not hops and token.dep == "acl" and token.tag == "VBG"
                    and token.lemma.lower() in w.state_participles):
                # "at war with Israeli troops occupying a strip of southern Lebanon"
                return ClauseStatus("background (a state a participle describes)")
            if any(a in w.future_modals for a in aux):
                intent = True
            if hops and token.lemma in w.refusal_verbs and token.lemma != "stop":
                return ClauseStatus("refused")
            if hops and (token.lemma in w.appeal_verbs or self.nominal_act(k) in w.appeal_verbs):
                return ClauseStatus("only asked for")  # "urged X to", "renewed its call for X to"
            if hops and self.gives_deadline(k):
                return ClauseStatus("only asked for (given a deadline)")  # "gave X two days to"
            if hops and token.lemma in w.threat_verbs:
                threat, holder = True, k
            elif hops and token.lemma.lower() in w.hypothetical_adjectives:
                return ClauseStatus("hypothetical")  # "were unlikely to free"
            elif hops and (token.lemma in w.intent_verbs or (
                    token.lemma in w.intent_adjectives and not self.children(k, *OBJECT_DEPS))):
                # "is set to visit" is intended, but "set up a panel to investigate" does what the
                # panel is for: an adjective's word with an object of its own is a verb acting
                intent, holder = True, holder or k
            # "refused to allow a commission to visit": an infinitive with its own subject too
            infinitive = token.dep in ("advcl", "ccomp") and self.has_to(k)
            if (token.dep in ("xcomp", "acomp") or infinitive) and token.head != k and hops < 4:
                k, hops = token.head, hops + 1
                continue
            if (token.dep == "ccomp" and token.head != k
                    and self.tokens[token.head].lemma.lower() in w.permission_verbs):
                # "refused to let UN investigators visit": what is let shares the letting's fate
                let = self.status(token.head)
                if let.blocked:
                    return let
            if token.dep == "ccomp" and self.tokens[token.head].lemma in w.denial_verbs:
                return ClauseStatus("negated")
            if self.is_denied_content(k):
                return ClauseStatus("negated")  # "denied reports that its troops had fired on"
            if (token.dep == "ccomp" and self.tokens[token.head].lemma in w.appeal_verbs
                    and self.tokens[token.head].lemma not in w.speech_verbs):
                return ClauseStatus("only asked for")  # "demanded that Canada release her"
            break
        if self.s.text.rstrip().endswith("?") and self.tokens[verb].dep == "ROOT":
            return ClauseStatus("question")
        if threat:
            return ClauseStatus(None, False, True, holder)
        return ClauseStatus(None, intent, False, holder)

    def sets_up_a_pair(self, i: int) -> bool:
        """Whether the negation at `i` is "not only", "not just": a pair, not a negation."""
        return i + 1 < len(self.lowers) and self.lowers[i + 1] in self.words.pairing_adverbs

    def negated_through_adverb(self, verb: int, kids: list[Token], named: frozenset[int]) -> bool:
        """"did not even ever clash", "has not even once attacked": the parser may hang the
        negation on an adverb between the auxiliary and the verb; it negates the verb all the same."""
        first_aux = min((c.i for c in kids if c.dep in ("aux", "auxpass")), default=None)
        if first_aux is None:
            return False
        return any(g.i not in named and (g.dep == "neg" or g.lower in self.words.negations)
                   and not self.sets_up_a_pair(g.i)
                   for c in kids if c.dep == "advmod" and first_aux < c.i < verb for g in self.kids.get(c.i, []))

    def words_named_by(self, verb: int, pattern: VerbPattern) -> frozenset[int]:
        """The negations and modals of the verb's clause that its pattern names among its words
        ("did n't", "will not", "should" in TABARI's "- &NEGATVAUXVRB * [904]", "- INDICATED SHOULD
        * [1011]"), with the auxiliary a named negation is written with ("wo n't", "will not"): the
        pattern was written for the clause as it is, so they neither block nor make it an intent."""
        w = self.words
        written = {word for alternatives in (*pattern.before, *pattern.after) for word in alternatives}
        wanted = written & {*w.negations, *w.hypothetical_modals, *w.future_modals}
        if not wanted:
            return frozenset()
        named = set()
        for k in self.leading_tokens(verb, self.clause_tokens(verb)):
            if self.lowers[k] not in wanted and self.lemma_lowers[k] not in wanted:
                continue
            named.add(k)
            if self.lowers[k] in w.negations:
                if k > 0 and self.tokens[k - 1].dep in ("aux", "auxpass"):
                    named.add(k - 1)  # the auxiliary the negation is written with: "ca n't", "will not"
                # "NEITHER *" names its "nor" too: the negative words of one phrase go together
                named.update(c.i for c in self.kids.get(self.tokens[k].head, ())
                             if c.dep in ("cc", "preconj", "det") and c.lower in w.negations)
        return frozenset(named)

    @staticmethod
    def is_own_force(target: ActorMention, sources: list[ActorMention]) -> bool:
        country, role = target.code[:3], target.code[3:6]
        return role in FORCE_ROLES and any(country in (s.code[:3], UNANCHORED) for s in sources)

    def is_denied_content(self, k: int) -> bool:
        """The clause of a noun a denial has as object: "denied reports that its Revolutionary
        Guards had fired on a British patrol", "dismissed claims that it had shelled the town"."""
        token = self.tokens[k]
        while token.dep == "conj" and token.head != token.i:  # "... had crossed into X and shelled Y"
            token = self.tokens[token.head]
        if token.dep not in ("acl", "ccomp") or token.head == token.i:
            return False
        noun = self.tokens[token.head]
        return (noun.pos == "NOUN" and noun.dep == "dobj" and noun.head != noun.i
                and self.tokens[noun.head].lemma in self.words.denial_verbs)

    def denies_a_report(self, verb: int) -> bool:
        """"denied reports that its troops had fired on X", "dismissed claims that": no event at
        all (docs/coding-rules.md, "Denials"), unlike "denied responsibility for" (016)."""
        return any(self.tokens[o].lemma.lower() in self.words.report_nouns and self.is_denied_content(c)
                   for o in self.children(verb, "dobj") for c in self.children(o, "acl", "ccomp"))

    def background(self, kids: list[Token]) -> str | None:
        """Why a clause reports background rather than an event of the article's day, if it does."""
        w = self.words
        if any(c.dep == "advmod" and c.lower in w.habitual_adverbs and not self.in_comparison(c.i) for c in kids):
            return "background (a habit or a long-standing state)"
        if is_perfect(kids) and any(c.dep in ("prep", "mark") and c.lower in w.since_words for c in kids):
            return "background (what has gone on since a time)"
        if is_perfect(kids) and self.since_hung_below(kids):
            return "background (what has gone on since a time)"
        if is_perfect(kids) and any(c.dep == "prep" and c.lower in SPAN_PREPOSITIONS and any(
                self.sums_a_span(o) for o in self.children(c.i, "pobj")) for c in kids):
            return "background (a sum over a conflict or a span of days)"
        if is_perfect(kids) and any(c.dep == "advcl" and any(self.lowers[m] in w.since_words
                                                             for m in self.children(c.i, "mark")) for c in kids):
            return "background (what has gone on since something happened)"  # "have fled since the war began"
        if is_perfect(kids) and any(c.dep == "prep" and c.lower == "for" and any(
                self.tokens[o].lemma.lower() in w.long_durations for o in self.children(c.i, "pobj")) for c in kids):
            return "background (what has gone on for years)"  # "has backed the guerrillas for years"
        if any(c.dep == "prep" and self.past_year(c.i) for c in kids):
            return "background (a year long before the article's)"
        return None

    def sums_a_span(self, noun: int) -> bool:
        """"in the violence" (the conflict the story told of), "in the nine days of fighting"."""
        lemma, kids = self.lemma_lowers[noun], self.kids.get(noun, [])
        if lemma in self.words.conflict_spans:
            return any(c.dep == "det" and c.lower == "the" for c in kids)
        return (lemma in self.words.span_units and self.tokens[noun].tag == "NNS"
                and any(c.dep == "nummod" for c in kids))

    def with_shared_aux(self, token: Token, kids: list[Token]) -> list[Token]:
        """A joined verb's children with the auxiliaries it shares with the verb it is joined to:
        "have killed 40 soldiers and seized two towns since 2019" is perfect in both verbs."""
        if token.dep != "conj" or token.head == token.i or any(c.dep in ("aux", "auxpass") for c in kids) \
                or any(c.dep in SUBJECT_DEPS + PASSIVE_SUBJECT_DEPS for c in kids):
            return kids
        return [*kids, *(c for c in self.kids.get(token.head, []) if c.dep in ("aux", "auxpass"))]

    def since_hung_below(self, kids: list[Token]) -> bool:
        """A perfect clause's "since" the parser hung one word below its verb: on a verb joined to
        it that shares its "has" ("has killed 20,000 people and driven 2 million from their homes
        since 2009") or on one of its nouns ("has been hit by rising violence ... since 2015")."""
        below = []
        for c in kids:
            joined = c.dep == "conj" and c.pos == "VERB" and not self.children(c.i, *SUBJECT_DEPS, "aux")
            if joined or c.dep in ("dobj", "nsubjpass"):
                below.append(c.i)
            elif c.dep in ("agent", "prep"):
                below += self.children(c.i, "pobj")
        return any(self.lowers[p] in self.words.since_words for b in below for p in self.children(b, "prep"))

    def in_comparison(self, i: int) -> bool:
        """"as long as", "as often as": a comparison or a condition, not a habit."""
        return (i > 0 and self.lowers[i - 1] == "as") or any(
            c.lower in ("as", "than") for c in self.kids.get(i, ()))

    def past_year(self, prep: int) -> bool:
        """Whether a preposition's object is a year two or more before the article's: "ruled
        Cambodia from 1975 to 1979", "in 1982", "in December 1941" (a date of the day, "on Tuesday", is no year)."""
        if self.article_date is None or self.lowers[prep] == "for":
            return False  # "signed a trade protocol for 1990": a purpose, not a date
        # "investigating 20 soldiers over the 2014 disappearance", "sentenced ... over the 2013
        # sit-in": a year before the noun of what the act is about names that thing, not the act's time
        about = self.lowers[prep] in TOPIC_PREPOSITIONS and self.lowers[prep] not in LOCATIVE_PREPOSITIONS
        for k in self.children(prep, "pobj"):
            numbers = self.children(k, "nummod", "npadvmod", "appos")  # "in December 1941"
            if any(len(self.tokens[n].text) <= 2 for n in numbers):
                continue  # "on April 7, 2018": a day, which dates the event instead
            if about:
                numbers = [n for n in numbers if n > k]
            for y in [k] + numbers:
                text = self.tokens[y].text
                if len(text) == YEAR_DIGITS and text.isdigit() and int(text) <= self.article_date.year - PAST_YEARS:
                    return True
        return False

    # ---- 1. verb patterns ------------------------------------------------------------
    def verb_form(self, token: Token, table: dict[str, list[tuple[VerbPattern, DictionaryRef]]]) -> str | None:
        """The first of the verb's forms that has patterns in this table (the curated `verbs` or
        the packs' `base_verbs`); remembered by the dictionary for each word, lemma and table."""
        base = table is self.patterns.base_verbs
        return self.patterns.remembered_verb_form((base, token.lower, token.lemma),
                                                  lambda: self._verb_form(token, table))

    def _verb_form(self, token: Token, table: dict[str, list[tuple[VerbPattern, DictionaryRef]]]) -> str | None:
        if table is self.patterns.base_verbs:
            # a pack's verb forms are looked up by the word written first, as PETRARCH does:
            # "left" is LEFT [032:033], not LEAVE; "broken down" BREAK_'s form BROKEN_DOWN_;
            # then a TABARI stem: "contribut" in "contributed"
            if token.lower in table:
                return token.lower
            exact = self.patterns.base_verb_exact
            form = next((form for form in verb_forms(token.lemma.lower(), token.lower)
                         if form in table and form not in exact), None)
            return form or self.patterns.base_verb_stem(token.lower)
        return next((form for form in verb_forms(token.lemma.lower(), token.lower) if form in table), None)

    def verb_facts(self, verb: int, clause: list[int], objects: list[int] | None = None) -> VerbFacts:
        """What hangs from the verb, for its patterns' conditions (dyads.coding.conditions);
        worked out once for a verb and clause (the curated patterns, then the packs', ask again).
        `objects`: in place of the verb's own (a deverbal noun's "of" phrase)."""
        key = (verb, tuple(clause), None if objects is None else tuple(objects))
        facts = self.facts.get(key)
        if facts is None:
            facts = self.facts[key] = self._verb_facts(verb, clause, objects)
        return facts

    def _verb_facts(self, verb: int, clause: list[int], objects: list[int] | None) -> VerbFacts:
        particles = {self.lowers[c] for c in self.children(verb, "prt")}
        objects = self.objects_of(verb) if objects is None else list(objects)
        if self.is_passive(verb):
            objects += self.children(verb, *PASSIVE_SUBJECT_DEPS)
        object_forms: set[str] = set()
        for o in objects:
            object_forms |= self.phrase_lemmas(o)
            for c in self.children(o, "conj"):
                object_forms |= self.phrase_lemmas(c)
            # "called up thousands of reserve soldiers"
            if self.tokens[o].lemma.lower() in self.patterns.quantity_nouns:
                for of in self.prep_objects(o, ("of",)):
                    object_forms |= self.phrase_lemmas(of)
        if self.nominal_act(verb) is not None:  # "renewed its demand for talks": talks are demanded
            for asked in self.asked_phrases(verb):
                object_forms |= self.phrase_lemmas(asked)
        # "agreed to MEET", "gathered, DEMANDING the governor's resignation" (a participle's aim)
        complement_verbs = self.children(verb, "xcomp", "ccomp") + [
            c for c in self.children(verb, "advcl") if self.is_infinitive_advcl(c) or self.tokens[c].tag == "VBG"]
        complements = {self.tokens[c].lemma.lower() for c in complement_verbs}
        # with its particle too: "demanded that the prime minister STEP DOWN"
        # (the parser may make it an adverb of a complement it reads as a noun: "that Prayuth step down")
        complements |= {f"{self.tokens[c].lemma.lower()} {self.lowers[p]}"
                        for c in complement_verbs for p in self.children(c, "prt", "advmod")}
        for o in objects:  # "urged Iran to stop": the complement may hang on the object
            complements |= {self.tokens[c].lemma.lower() for c in self.children(o, "xcomp", "acl", "relcl")}

        def prep_has(prep: str, words: Sequence[str]) -> bool:
            wanted = set(words)
            return any(self.phrase_lemmas(pobj) & wanted or self.lemmas_in(self.s.subtree(pobj)) & wanted
                       for pobj in self.prep_objects(verb, (prep,))
                       + [p for o in objects for p in self.prep_objects(o, (prep,))])

        leading = self.leading_tokens(verb, clause)
        before = tuple(self.word_keys(k) for k in leading if k < verb)
        after = tuple(self.word_keys(k) for k in self.trailing_tokens(verb, clause) if k > verb)
        kinds = frozenset(m.kind for o in objects if (m := self.by_head.get(o) or self.by_token.get(o)))
        context = self.lemmas_in(self.without_attribution(clause)) | self.inherited_subject_lemmas(verb)

        def subject_roles() -> frozenset[str]:
            return frozenset(m.code[ROLE_CHARS] for m in self.subject(verb)[0])

        return VerbFacts(frozenset(particles), frozenset(object_forms), frozenset(complements),
                         frozenset(context), before, after, prep_has,
                         frozenset().union(*before), frozenset().union(*after), self.has_joint_subject(verb), kinds,
                         self.gives_deadline(verb), subject_roles)

    def leading_tokens(self, verb: int, clause: list[int]) -> list[int]:
        """The verb's clause with the clauses it completes or is reported by: words a pattern sets
        before its verb may lie there, as in its verb phrase ("is inching nearer to accord with":
        INCHING NEARER *; "said it deplored": SAID *; a modal read as a verb stands in the clause of
        the verb it helps: "suggested X should")."""
        leading = set(clause)
        k, hops = verb, 0
        while self.tokens[k].dep in ("xcomp", "ccomp", "aux") and self.tokens[k].head != k and hops < 3:
            k, hops = self.tokens[k].head, hops + 1
            leading |= set(self.clause_tokens(k))
        return sorted(leading)

    def trailing_tokens(self, verb: int, clause: list[int]) -> list[int]:
        """The verb's clause with the clause it takes as its complement: words a pattern sets after
        its verb may lie there, as in its verb phrase ("allowed that Mordor isn't a REALLY PLEASANT
        place": * REALLY_PLEASANT); not in what a speaker reports ("said Y would attack" is Y's)."""
        if self.tokens[verb].lemma.lower() in self.words.speech_verbs:
            return clause
        complements = [k for c in self.children(verb, "ccomp") if c > verb for k in self.s.subtree(c)]
        return sorted(set(clause) | set(complements)) if complements else clause

    def without_attribution(self, clause: list[int]) -> list[int]:
        """"attacked a military base, killing four soldiers, according to residents": who tells of
        the act is not among its words (the residents did not riot)."""
        told = {k for a in clause if self.lowers[a] == "according" for k in self.s.subtree(a)}
        return [k for k in clause if k not in told] if told else clause

    def inherited_subject_lemmas(self, verb: int) -> set[str]:
        """"Gang members raided the town, shooting dead three residents and setting fire to
        houses": a verb with no subject of its own is done by the subject of the verb it hangs
        on, which is part of its context."""
        k, hops = verb, 0
        # a passive's subject is its own too: "after two protesters were killed" inherits nothing
        while (not self.children(k, *SUBJECT_DEPS, *PASSIVE_SUBJECT_DEPS) and self.tokens[k].dep in INHERIT_SUBJECT_DEPS
               and self.tokens[k].head != k and hops < 3):
            k, hops = self.tokens[k].head, hops + 1
        if k == verb:
            return set()
        return {w for s in self.children(k, *SUBJECT_DEPS) for w in self.lemmas_in(self.s.subtree(s))}

    def gives_deadline(self, verb: int) -> bool:
        """"gave Vilnius two days to revoke the laws": a deadline verb with a time noun of its own
        and the act to be done in it (an infinitive on the verb or on the time noun)."""
        w = self.words
        if self.tokens[verb].lemma.lower() not in w.deadline_verbs:
            return False
        times = [c for c in self.children(verb, "npadvmod", "dobj", "obj")
                 if self.tokens[c].lemma.lower() in w.deadline_nouns]
        acts = self.children(verb, "advcl", "xcomp") + [a for t in times for a in self.children(t, "acl", "relcl")]
        return bool(times) and any(self.has_to(a) for a in acts)

    def has_joint_subject(self, verb: int) -> bool:
        """"Washington and Manila decided to resume exercises": the subject (of the verb, or of
        the verb it completes) is two parties joined."""
        k, hops = governing_verb(self.s, verb), 0  # a pack verb read as a noun: the subject of its verb
        while self.tokens[k].dep == "xcomp" and hops < 3:
            k, hops = self.tokens[k].head, hops + 1
        return any(self.children(s, "conj") for s in self.children(k, "nsubj"))

    def word_keys(self, k: int) -> frozenset[str]:
        keys = self.keys_of.get(k)
        if keys is None:
            keys = self.keys_of[k] = self.patterns.word_keys(self.lowers[k], self.lemma_lowers[k])
        return keys

    def best_pattern(self, verb: int, clause: list[int],
                     options: list[tuple[VerbPattern, DictionaryRef]] | None,
                     index: PhraseIndex | None = None, objects: list[int] | None = None
                     ) -> tuple[VerbPattern, DictionaryRef] | None:
        token = self.tokens[verb]
        if not options:
            return None
        facts = self.verb_facts(verb, clause, objects)
        if index is not None:  # only the patterns whose phrase can start in this clause
            options = [options[n] for n in index.candidates(facts)]
        best, best_score = None, -1
        for pattern, ref in options:
            score = specificity(pattern, facts)
            if score is None:
                continue
            if facts.particles and not pattern.particle and token.lemma not in ("call",):
                score -= 1  # "break up" is not "break"
            # ties go to the more specific code: "urged X to withdraw" is 0256, not 025
            if score > best_score or (score == best_score and best and len(pattern.code) > len(best[0].code)):
                best, best_score = (pattern, ref), score
        return best

    def targets_for(self, verb: int, slots: tuple[str, ...] | list[str], owners: bool = False) -> list[ActorMention]:
        """The actors in the first slot that has any; with `owners`, a preposition's object may
        name its target through its owner ("sanctions on Venezuela's oil sector")."""
        objects = [o for o in self.objects_of(verb) if not self.is_trailing_speaker(o)]
        # "optimistic about X", "in full agreement with X": a copula's complement carries the prep
        holders = objects + self.children(verb, "acomp") + (
            [o for p in self.children(verb, "prep") for o in self.children(p, "pobj")]
            if self.is_copula_head(self.tokens[verb]) else [])
        # "a package of loans and guarantees to Mexico", "the restoration of press freedom from
        # X": the prep may hang one "of" deeper
        inner = [i for o in objects for i in self.prep_objects(o, ("of",))]
        # "pledged $300 million in humanitarian aid for Syrians": an amount's "in" phrase is what it counts
        inner += [i for o in objects if self.tokens[o].tag == "CD" for i in self.prep_objects(o, ("in",))]
        holders += inner + [c for i in inner for c in self.children(i, "conj")]
        # "used mustard gas and tabun against Iranian troops": the parser hangs it on the last conjunct
        holders += [c for o in objects for c in self.children(o, "conj")]
        for slot in slots:
            if slot == "dobj":
                indices = objects
            elif slot == "dative":
                indices = self.children(verb, "dative", "iobj")
            else:
                indices = self.prep_objects(verb, (slot,))
                for o in holders:  # "imposed sanctions on Russia": the prep may hang on the object
                    indices += self.prep_objects(o, (slot,))
            for i in indices:
                # "met Eriadori and Calenardhon leaders", "talks with UN experts": people known by
                # the country in their noun phrase, as subjects are
                actors = self.actors_at(i) or self.people_of(i)
                if slot == "dobj" and actors and all(a.code.startswith(UNANCHORED) for a in actors):
                    actors = self.expelled_nationals(verb, i, actors) or actors
                if not actors and owners and slot not in ("dobj", "dative"):
                    actors = self.owners_of(i)
                if not actors and owners and slot == "dobj":
                    # "demanded Iraq's withdrawal from Kuwait": whose withdrawal, before whence
                    actors = next((self.actors_at(c) for c in self.children(i, "poss") if self.actors_at(c)), [])
                if actors:
                    return actors
        return []

    def expelled_nationals(self, verb: int, obj: int, actors: list[ActorMention]) -> list[ActorMention]:
        """"Russia expelled diplomats from Germany, Poland and Sweden": the parser hangs "from" on
        the verb, but people expelled by a country are expelled from it; the countries after them
        are theirs (DEUGOV, POLGOV, SWEGOV)."""
        if self.tokens[verb].lemma.lower() not in self.words.expelling_verbs:
            return []
        after = max(self.s.subtree(obj)) + 1
        countries = [m for p in self.children(verb, "prep") if p == after and self.lowers[p] == "from"
                     for o in self.children(p, "pobj") for k in self.with_conjuncts(o)
                     if (m := self.by_head.get(k)) is not None and m.kind == "country"]
        return [replace(a, code=c.code[:3] + a.code[len(UNANCHORED):]) for c in countries for a in actors]

    def with_conjuncts(self, i: int) -> list[int]:
        """"Germany, Poland and Sweden": a word and the words joined to it."""
        out, todo = [], [i]
        while todo:
            k = todo.pop()
            out.append(k)
            todo += self.children(k, "conj")
        return sorted(out)

    def is_trailing_speaker(self, i: int) -> bool:
        """"... against villagers in Darfur, the top UN official in Sudan, Mukesh Kapila, said.": the
        parser may hang the speaker of a closing "said" on the reported verb as a second object."""
        root = self.tokens[self.tokens[i].head]
        while root.dep != "ROOT" and root.head != root.i:
            root = self.tokens[root.head]
        if root.i < i or root.lemma.lower() not in self.words.speech_verbs:
            return False  # the common case, decided without the phrase's span
        phrase = self.s.subtree(i)
        first, last = min(phrase), max(phrase)
        after = next((k for k in range(last + 1, len(self.tokens)) if self.tokens[k].pos != "PUNCT"), None)
        return first > 0 and self.tokens[first - 1].text == "," and after == root.i

    def first_actor_after(self, verb: int, clause: list[int], sources: list[ActorMention],
                          code: str = "") -> list[ActorMention]:
        """A pattern that names no slot takes its target as PETRARCH does, from the verb phrase:
        the first actor after the verb in its clause that is not a place; else one deeper in its
        object ("signed an accord to supply Gondor"); else, for a verb without an object, the
        place it happened in ("rioted in Caracas", "arrived in Gondor")."""
        inside = set(clause)
        after = [m for m in sorted(self.mentions, key=lambda m: m.first)
                 if m.first > verb and m not in sources and (self.tokens[m.head].dep in ARGUMENT_DEPS or (
                     code[:2] != COMMENT_ROOT and self.subject_of_object_clause(m.head, verb)))]
        for mention in after:
            if mention.head in inside and not self.is_location(mention.head):
                return self.actors_at(mention.head)
        # "cordoned off the roads leading into Mordor" (a particle parsed as a preposition), "signed
        # an accord on Thursday to supply Gondor" (a purpose pushed away by a time phrase)
        framing = LOCATIVE_PREPOSITIONS | FRAME_PREPOSITIONS
        held = self.children(verb, *OBJECT_DEPS)
        held += [o for p in self.children(verb, "prep") if self.lowers[p] not in framing
                 for o in self.children(p, "pobj")]
        held += [c for c in self.children(verb, "advcl") if self.is_infinitive_advcl(c)]
        phrase = {k for o in held for k in self.s.subtree(o)}
        for mention in after:
            if mention.head in phrase and not self.is_location(mention.head):
                return self.actors_at(mention.head)
        # "allowed that Mordor isn't a pleasant place", "believes Gondor can cope": the verb phrase
        # goes on into its clausal complement, whose subject is its first actor; not what a speaker
        # reports ("X said Y attacked Z" is Y's act, not X's on Y); a "complement" before the verb is
        # a clause the parser hung on it ("Protesters stormed ...; security forces used ...")
        speech = self.tokens[verb].lemma.lower() in self.words.speech_verbs
        for comp in [] if speech else [c for c in self.children(verb, "ccomp") if c > verb]:
            for child in self.children(comp, *SUBJECT_DEPS):
                if self.actors_at(child):
                    return self.actors_at(child)
        if not self.children(verb, *OBJECT_DEPS):
            for i in self.prep_objects(verb, tuple(LOCATIVE_PREPOSITIONS)):
                if self.actors_at(i):
                    return self.actors_at(i)
        # "criticized the closure of guest houses in Bree", "appealed for peace in Ithilen": a
        # comment, appeal, demand or rebuke is aimed at the place of what it is about (a place
        # hung on a noun of the verb's phrase that is no event: "talks in Kuala Lumpur" are held there)
        if code[:2] in PLACE_TARGET_ROOTS:
            for mention in after:
                if (mention.head in inside and self.is_location(mention.head)
                        and self.place_of_an_argument(mention.head, verb)):
                    return self.actors_at(mention.head)
        return []

    def subject_of_object_clause(self, i: int, verb: int) -> bool:
        """Whether `i` is the subject of a "that" clause on the verb's object, which goes on the
        verb's phrase ("expressed hopes that Osgiliath could be drawn into talks", "voiced fears
        that Iran would"): its subject comes before the clause's own objects. Not for a comment
        (01): "denied reports that its guards had fired" is not aimed at its guards."""
        token = self.tokens[i]
        if token.dep not in SUBJECT_DEPS + PASSIVE_SUBJECT_DEPS:
            return False
        clause = self.tokens[token.head]
        return (clause.dep in ("acl", "ccomp") and clause.head in self.children(verb, *OBJECT_DEPS)
                and any(self.lowers[c] == "that" for c in self.children(clause.i, "mark")))

    def place_of_an_argument(self, i: int, verb: int) -> bool:
        """Whether a place's preposition hangs on a noun of the verb's argument ("closure of guest
        houses in Bree", "peace in Ithilen"), not on the verb nor on a noun of where or when the
        verb happened ("shot ... while in detention in Afghanistan")."""
        head = self.tokens[i]
        while head.dep in ("appos", "conj", "compound") and head.head != head.i:
            head = self.tokens[head.head]
        noun = self.tokens[self.tokens[head.head].head]
        if noun.pos not in ("NOUN", "PROPN") or any(form in self.patterns.nouns for form in self.phrase_lemmas(noun.i)):
            return False
        k, hops = noun.i, 0
        while k != verb and hops < 8:
            token = self.tokens[k]
            if token.head == k or token.pos in ("VERB", "AUX") or (
                    token.dep == "prep" and token.lower in LOCATIVE_PREPOSITIONS | FRAME_PREPOSITIONS):
                return False
            k, hops = token.head, hops + 1
        return k == verb

    def is_location(self, i: int) -> bool:
        """A name in "talks in Kuala Lumpur", "bases in Pakistan": where, not whom."""
        head = self.tokens[i]
        while head.dep in ("appos", "conj", "compound") and head.head != head.i:  # "in Geneva, Switzerland"
            head = self.tokens[head.head]
        return head.dep == "pobj" and self.lowers[head.head] in LOCATIVE_PREPOSITIONS

    def people_of(self, i: int) -> list[ActorMention]:
        """People no dictionary names, known by the country or organisation in their noun phrase:
        "UN experts", "Human Rights Watch researchers", "IMF Managing Director Jacques de
        Larosiere" (a plural noun or a proper name: "Iran's nuclear programme" is no actor)."""
        if self.tokens[i].tag not in PEOPLE_TAGS:
            return []
        stack = self.children(i, *PEOPLE_MODIFIER_DEPS)
        while stack:
            k = stack.pop(0)
            mention = self.by_head.get(k) or self.by_token.get(k)
            if mention is not None and mention.kind in PEOPLE_OWNER_KINDS and not is_against(self.s, mention.first):
                return self.actors_at(k)
            stack += self.children(k, "compound")
        return []

    def owners_of(self, i: int) -> list[ActorMention]:
        # "condemned the attack by Israel", "rejected a proposal by France": the act's author;
        # "attacked positions held by government troops", "a ranch owned by a British group"
        # (or its name's: "the town of Busra al-Sham, held by terrorist groups")
        held_by = [a for k in [i, *self.prep_objects(i, ("of",))] for c in self.children(k, "acl")
                   if self.tokens[c].tag == "VBN" for a in self.prep_objects(c, ("by",))]
        # "the agreement between Colombia and the FARC": its parties; a "by" phrase names the author
        # before an "of" phrase, which may be the act's victims ("the arrest of four journalists
        # by Egyptian police")
        authors = self.prep_objects(i, ("by",))
        modifiers = self.children(i, "poss", "amod", "compound", "nmod") + self.prep_objects(i, ("of", "between"))
        # "the Egyptian ceasefire plan": the parser may hang the owner on the compound before the noun
        modifiers += [k for c in self.children(i, "compound") for k in self.children(c, "poss", "amod")]
        for child in authors + modifiers + held_by:
            actors = self.actors_at(child)
            if actors:
                return actors
        return []

    def topic_targets(self, verb: int) -> list[ActorMention]:
        """Whom a comment is about: an actor in its topic phrase, or the author of the act it names
        ("NATO's expansion", "attacks by Israel"; not "the killing of the commander", a victim)."""
        objects = self.children(verb, *OBJECT_DEPS, "acomp")
        topics = self.prep_objects(verb, TOPIC_PREPOSITIONS) + [
            t for o in objects for t in self.prep_objects(o, TOPIC_PREPOSITIONS)]
        # "was optimistic that talks with Pakistan would resume": the subject of what it hopes or fears
        topics += [t for o in objects for c in self.children(o, "ccomp") for t in self.children(c, *SUBJECT_DEPS)]
        for i in topics:
            # "optimism about talks with South Korea": the other party of the interaction it is about
            actors = self.actors_at(i) or next(
                (found for k in self.children(i, "poss", "amod", "compound", "nmod")
                 + self.prep_objects(i, ("by", "with", "between")) if (found := self.actors_at(k))), [])
            if actors:
                return actors
        return []

    def investigated_doers(self, verb: int) -> list[ActorMention]:
        """Whom an investigation is into, when its slots name no actor: the doer named in what is
        investigated ("whether Iraq had used chemical weapons", "into Israel's shelling of a UN
        base", "cars imported from China", "the crackdown on protests in Iran"), never its victims
        ("the deaths of three men", "the crackdown on protesters")."""
        matters = self.children(verb, "dobj", "ccomp") + self.prep_objects(verb, INVESTIGATED_PREPOSITIONS)
        matters += [i for o in self.children(verb, "dobj") for i in self.prep_objects(o, INVESTIGATED_PREPOSITIONS)]
        # "investigating on Tuesday whether Iraq had used": the parser may make the question adverbial
        matters += [c for c in self.children(verb, "advcl")
                    if any(self.lowers[m] in ("whether", "if") for m in self.children(c, "mark"))]
        inside = sorted({k for m in matters for k in self.s.subtree(m)})
        for k in inside:
            token = self.tokens[k]
            prep = self.lowers[token.head] if token.dep == "pobj" else ""
            doer = (token.dep in ("nsubj", "poss") or prep in ("by", "from")
                    or (prep == "in" and any(m.kind == "country" for m in self.actors_at(k))))
            if doer and self.actors_at(k):
                return self.actors_at(k)
        return []

    def act_doers(self, noun: int) -> list[ActorMention]:
        """Who did the act a noun names: its possessor ("Pakistan's test"), its "by" phrase ("the
        arrest of Navalny by Russian police"), its adjective ("the Israeli raid"); its "of" phrase
        only when that is no patient ("the withdrawal of Soviet troops", "the test of a missile")."""
        of = self.nominal_prep_objects(noun, ("of",))
        by = self.nominal_prep_objects(noun, ("by",)) + [b for o in of for b in self.prep_objects(o, ("by",))]
        lemma = self.tokens[noun].lemma.lower()
        patient = lemma in self.words.nominal_verbs and lemma not in self.words.nominal_intransitive
        for group in (self.children(noun, "poss"), by, self.children(noun, "amod", "compound", "nmod"),
                      [] if patient else of):
            actors = [m for k in group for m in self.actors_at(k)]
            if actors:
                return actors
        return []

    def owner_targets(self, verb: int) -> list[ActorMention]:
        """The owner of a non-actor object: "rejected the French proposal", "bombed Hamas
        positions", "condemned Russia's annexation"."""
        for o in self.children(verb, *OBJECT_DEPS) + self.children(verb, *PASSIVE_SUBJECT_DEPS):
            actors = self.owners_of(o)
            if actors:
                return actors
        return []

    def without_protest_place(self, verb: int, targets: list[ActorMention]) -> list[ActorMention]:
        """The targets but those of the place the protest stands at or goes to, when they are of
        that place ("gathered outside the governor's office", "marched to the palace of the
        traditional ruler": no target, as every local gold writer codes it); an actor with its
        own country stays ("protested outside the US embassy": the United States)."""
        place = {k for o in self.prep_objects(verb, PROTEST_PLACE_PREPOSITIONS) for k in self.s.subtree(o)}
        return [t for t in targets if not (t.head in place and t.code.startswith(UNANCHORED))]

    def protest_targets(self, verb: int, slots: Sequence[str], found: list[ActorMention]) -> list[ActorMention]:
        """Whom a protest is against: the slots, but not the members of its own noun ("held a
        rally of 200 people"); else what it demands ("..., demanding the resignation of the
        government") or what its protesters are against ("Protesters against the government
        burned tyres", "Demonstrators demanding the governor's resignation")."""
        rallies = [o for o in self.children(verb, *OBJECT_DEPS)
                   if self.tokens[o].lemma.lower() in self.words.protest_nouns]
        if rallies:
            members = {k for o in rallies for k in self.s.subtree(o)}
            found = [m for m in found if m.head not in members]
            found = found or [m for o in rallies for i in self.prep_objects(o, ("against", "outside"))
                              for m in self.actors_at(i)]
        if found:
            return found
        # "rallied in Belgrade in one of the largest protests against the government": a protest
        # noun deeper in the clause says whom it is against
        named = [k for k in self.clause_tokens(verb) if k not in rallies
                 and self.tokens[k].lemma.lower() in self.words.protest_nouns and self.tokens[k].pos == "NOUN"]
        holders = [verb, *rallies, *self.children(verb, *SUBJECT_DEPS), *named]
        if self.tokens[verb].dep == "acl" and self.is_sentence_verb(verb):
            # "hundreds of residents protested in Tangalle (...) demanding ...": the demand hangs
            # on the noun the parser made the protest's head
            # (or is the root the parser made of it: "hundreds of residents [protested ...] demanding")
            holders += [k for k in self.s.ancestors(verb) if self.tokens[k].pos in ("NOUN", "PROPN")]
            for demand in self.s.ancestors(verb):
                if self.tokens[demand].lemma.lower() in self.words.demand_verbs and self.tokens[demand].pos == "VERB":
                    actors = self.demanded_targets(demand)
                    if actors:
                        return actors
        for holder in holders:
            against = [m for i in self.prep_objects(holder, ("against",)) for m in self.opposed_at(i)]
            if not against and holder in named:
                # "protests in the country's history against the government": the parser may hang
                # "against" on a word of the noun's phrase
                against = [m for k in self.s.subtree(holder) if k != holder and self.tokens[k].pos == "NOUN"
                           for i in self.prep_objects(k, ("against",)) for m in self.actors_at(i)]
            if against:
                return against
            grievers = self.grievance_doers(holder)
            if grievers:
                return grievers
            for demand in self.demands_under(holder):
                actors = self.demanded_targets(demand)
                if actors:
                    return actors
        return self.opposed_in_clause(verb)

    def opposed_at(self, i: int) -> list[ActorMention]:
        """Who a protest "against" i is against: an actor, else the author of the act or measure
        i names ("against the government's Finance Bill", "against the demolition of their stalls
        by the council"; not "against the killing of protesters", its victims)."""
        return self.actors_at(i) or self.act_doers(i)

    def opposed_in_clause(self, verb: int) -> list[ActorMention]:
        """Whom a protest is against when the parser hangs its "against" or its grievance on a
        later word of the protest's own words ("marched for the tenth Friday of the movement
        against the regime", "chanting slogans against the governor", "a sit-in at the pier over
        harassment by marine police"); not in a clause with a subject of its own."""
        for k in self.protest_words(verb):
            against = [m for i in self.prep_objects(k, ("against",)) for m in self.opposed_at(i)]
            found = against or self.grievance_doers(k)
            if found:
                return found
        return []

    def protest_words(self, verb: int) -> list[int]:
        """The words a protest verb governs, in order, without the clauses under it that have a
        subject of their own or qualify a noun ("..., after police had arrested ...", "a chief
        who ...") and without what it demands ("to demand protection against militia raids": who
        is in a demand is no opponent, `demanded_targets`)."""
        out, stack = [], [verb]
        while stack:
            k = stack.pop()
            out.append(k)
            for child in self.children(k):
                own_clause = self.tokens[child].pos in ("VERB", "AUX") and (
                    self.tokens[child].dep == "relcl" or bool(self.children(child, *SUBJECT_DEPS))
                    or self.tokens[child].lemma.lower() in self.words.demand_verbs)
                if not own_clause:
                    stack.append(child)
        return sorted(out)

    def demanded_by_protesters(self, verb: int, sources: list[ActorMention]) -> bool:
        """"protesters demanding the resignation of ...", "used water cannon to break up protesters
        demanding ...": a demand told by a participle whose doers are protesters, on them or on the
        act that represses them (not on their own protest verb, which the demand's aim refines)."""
        token = self.tokens[verb]
        if token.tag != "VBG" or token.head == verb or not sources:
            return False
        head = self.tokens[token.head].lemma.lower()
        if not (token.dep == "acl" or (token.dep == "advcl" and head in self.words.repression_verbs)):
            return False
        nouns = self.words.protester_nouns | self.words.protest_nouns
        return all(self.tokens[m.head].lemma.lower() in nouns for m in sources)

    def protest_of_demand(self, code: str) -> str:
        """The protest (141) whose aim a demand is, with the demand's political-reform digit
        (1041 leadership change -> 1411) where `reform_aims` holds that digit."""
        refined = PROTEST_DEMONSTRATION + code[PROTEST_CODE_LENGTH:]
        if len(code) > PROTEST_CODE_LENGTH and code[PROTEST_CODE_LENGTH:] in self.words.reform_aims \
                and refined in self.patterns.event_codes:
            return refined
        return PROTEST_DEMONSTRATION

    def reform_aim_code(self, verb: int, code: str) -> str:
        """A protest's code (141-145) with the political-reform digit of what it presses for
        (`reform_aims`): what it demands ("..., demanding that Rajapaksa resign"), presses for ("to
        press for democratic reforms") or is against or over ("against the government's decision")."""
        if len(code) != PROTEST_CODE_LENGTH or not self.words.reform_aims:
            return code
        # a demand with a subject of its own is someone else's ("marched after the bishops demanded
        # that Kabila step down")
        demands = [d for d in self.demands_under(verb) if not self.children(d, *SUBJECT_DEPS)]
        aims = demands + self.prep_objects(verb, AIM_PREPOSITIONS_OF_PROTEST) + [
            c for c in self.children(verb, "advcl", "xcomp") if self.has_to(c)]
        if not aims:
            return code
        words = self.lemmas_in(sorted({k for a in aims for k in self.s.subtree(a)}))
        for digit, aim_words in self.words.reform_aims.items():
            refined = code + digit
            if words.intersection(aim_words) and refined in self.patterns.event_codes:
                return refined
        return code

    def holders(self, verb: int) -> list[ActorMention]:
        """Who held a seized place, by the participle or relative clause that says so ("occupied
        the town of Ibo, held by a small police detachment", "took control of Barani, which had
        been held by a VDP detachment"): the side it was taken from, as the local writers code it."""
        for k in self.s.subtree(verb):
            if k != verb and self.tokens[k].pos == "VERB" and self.tokens[k].lemma.lower() in self.words.holding_verbs:
                found = [m for i in self.prep_objects(k, ("by",)) for m in self.actors_at(i)]
                if found:
                    return found
        return []

    def grievance_doers(self, holder: int) -> list[ActorMention]:
        """"protested over harassment by Ugandan marine police", "over a levy imposed by the
        district council": a protest over an act is against the act's doer, when it is named."""
        out = []
        for grievance in self.prep_objects(holder, ("over",)):
            doing = [grievance, *self.children(grievance, "acl")]
            out += [m for k in doing for i in self.prep_objects(k, ("by",)) for m in self.actors_at(i)]
        return out

    def demanded_targets(self, demand: int) -> list[ActorMention]:
        """Whom a protest's demand is against: who is to act ("demanding that Marcos step down"),
        whom it is asked of ("a pay rise from the authorities"), or whose resignation, ouster or
        rule's end it asks for (`against_nouns`); not who is in what it asks for ("demanding more
        police patrols", "the withdrawal of troops")."""
        for comp in self.children(demand, "ccomp"):
            for child in self.children(comp, *SUBJECT_DEPS):
                if self.actors_at(child):
                    return self.actors_at(child)
        asked_of = [m for k in [demand, *self.children(demand, "dobj")]  # "a pay rise from the authorities"
                    for i in self.prep_objects(k, ("from",)) for m in self.actors_at(i)]
        lemma = self.tokens[demand].lemma.lower()
        addressed = self.children(demand, "dobj") if lemma in self.words.asking_verbs else \
            self.prep_objects(demand, ("on",)) if lemma == "call" else []
        asked_of += [m for i in addressed for m in self.actors_at(i)]
        if asked_of:
            return asked_of
        asked = self.children(demand, "dobj") + self.asked_phrases(demand)
        for noun in [*asked, *(c for o in asked for c in self.children(o, "conj"))]:
            if self.tokens[noun].lemma.lower() not in self.words.against_nouns:
                continue
            for i in [*self.children(noun, "poss"), *self.prep_objects(noun, ("of", "to"))]:
                actors = self.actors_at(i) or self.owners_of(i)
                if actors:
                    return actors
        return []

    def demands_under(self, holder: int) -> list[int]:
        """Demand verbs that hang on the holder with no other verb between: "..., demanding",
        "to demand", "on Friday demanding" (parsed under the preposition)."""
        found = []
        for k in self.s.subtree(holder):
            token = self.tokens[k]
            if k == holder or token.lemma.lower() not in self.words.demand_verbs or token.pos != "VERB":
                continue
            up = token.head
            while up != holder and self.tokens[up].pos not in ("VERB", "AUX") and self.tokens[up].head != up:
                up = self.tokens[up].head
            if up == holder:
                found.append(k)
        return found

    def asked_phrases(self, verb: int) -> list[int]:
        """The "for" phrases of a verb or of its object: "demand(ed) for talks", "called for talks"."""
        return self.prep_objects(verb, ("for",)) + [
            i for o in self.children(verb, "dobj") for i in self.prep_objects(o, ("for",))]

    def complement_targets(self, verb: int) -> list[ActorMention]:
        """"threatened to attack South Korea", "refused to free UN staff": the target sits in
        the complement; "demanded that Canada release her": it is the complement's subject."""
        infinitives = [c for c in self.children(verb, "advcl") if self.is_infinitive_advcl(c) or (
            self.tokens[c].tag == "VBG" and self.tokens[c].lemma.lower() in self.words.permission_verbs)]
        for comp in self.children(verb, "xcomp") + infinitives:
            # "called for Israel to withdraw": an infinitive's own subject is whom it asks
            own = [a for child in self.children(comp, "nsubj") for a in self.actors_at(child)]
            if not own and self.tokens[comp].lemma.lower() in self.words.permission_verbs:
                # "refused to allow a UN commission to visit": whom it lets act
                own = [a for let in self.children(comp, "ccomp", "xcomp") for child in self.children(let, "nsubj")
                       for a in self.actors_at(child) or self.people_of(child)]
            actors = own or self.targets_for(comp, DEFAULT_TARGET_SLOTS) or self.owner_targets(comp)
            if actors:
                return actors
        # "renewed its demand for direct negotiations with Washington": who is in what is asked for,
        # or who it is ("left for Minas Tirith for meetings with Arnor": Minas Tirith)
        for asked in self.asked_phrases(verb):
            for k in self.s.subtree(asked):
                if self.tokens[k].dep == "pobj" and not self.is_location(k) and self.actors_at(k):
                    return self.actors_at(k)
        # "demanded that Canada release her"; not the report a closing attribution follows ("Y will
        # restore ties with Z, an official of X said": X says it, Y is no target of the saying)
        speech = self.tokens[verb].lemma.lower() in self.words.speech_verbs
        for comp in [c for c in self.children(verb, "ccomp") if not (speech and c < verb)]:
            for child in self.children(comp, *SUBJECT_DEPS):
                actors = self.actors_at(child)
                if actors:
                    return actors
        return []

    def violence(self, verb: int, code: str, pattern: VerbPattern, sources: list[ActorMention],
                 targets: list[ActorMention]) -> tuple[str, list[ActorMention], list[ActorMention]]:
        """What violence adds to a verb's reading: the act its subject names ("a drone strike
        killed a man": 195), its victims from a participle ("..., killing three soldiers"), and,
        when no actor is its source, who planted or fired the weapon, who acted in a "when"
        clause ("were killed when gunmen opened fire"), or no one named."""
        instrument = self.instrument_code(verb)
        code = instrument or code
        if not targets and not (pattern.symmetric and len(sources) >= 2):  # a clash's parties are its targets
            targets = self.victims(verb) or self.aimed_at(verb)
        if code in self.words.assassination_of and targets and all(self.is_one_leader(t) for t in targets):
            code = ASSASSINATION  # "shot dead opposition leader Benazir Bhutto"
        if not sources and self.unnamed_source_allowed(verb, code, pattern, targets, instrument is not None):
            sources = self.instrument_agents(verb) or self.when_agents(verb) or [self.unnamed_source(verb)]
        elif sources and all(s.code == UNOWNED_WEAPON for s in sources):
            sources = self.instrument_agents(verb) or sources  # "a shell fired by the army killed a man"
        return code, sources, targets

    @staticmethod
    def is_foreign_force(sources: list[ActorMention], targets: list[ActorMention]) -> bool:
        """Forces moving into or out of another country (`force_movements`): "Kenyan police officers
        arrived in Haiti", not "Chinese President Xi arrived in Islamabad" nor troops at home."""
        return (bool(sources) and bool(targets)
                and all(s.code[3:6] in FORCE_ROLES and not s.code.startswith(UNANCHORED) for s in sources)
                and all(not t.code.startswith(UNANCHORED) and t.code[:3] not in {s.code[:3] for s in sources}
                        for t in targets))

    @staticmethod
    def country_of(m: ActorMention) -> ActorMention:
        """A city or seat of government a mission is sent to stands for its country."""
        if m.kind in ("capital", "seat") and len(m.code) > COUNTRY_CODE_LENGTH:
            return replace(m, code=m.code[:COUNTRY_CODE_LENGTH], kind="country")
        return m

    def places_struck(self, targets: list[ActorMention]) -> list[ActorMention]:
        """A capital that violence strikes, seizes or shells is a place of its country, not its
        government: "jets bombed Mogadishu's airport" (SOM), "shelled Kabul" (AFG), as the blind,
        wire2, wire3 and press writers code a city or town attacked."""
        out: list[ActorMention] = []
        for t in targets:
            place = self.country_of(t) if t.kind == "capital" else t
            if place not in out:
                out.append(place)
        return out

    def destinations(self, targets: list[ActorMention], clause: list[int]) -> list[ActorMention]:
        """A journey's targets: a capital or seat it goes to (`JOURNEY_CODES`) stands for its
        country, unless someone of that government named in the clause is whom it goes to see."""
        in_clause = set(clause)
        hosts = {m.code for m in self.mentions if m.kind not in PLACE_KINDS + ("seat",) and m.head in in_clause}
        out: list[ActorMention] = []
        for t in targets:
            head = self.tokens[t.head]
            reached = (head.dep == "pobj"
                       and self.tokens[head.head].lemma.lower() in DESTINATION_PREPOSITIONS)
            place = self.country_of(t) if reached and t.code not in hosts else t
            if place not in out:
                out.append(place)
        return out

    def is_one_leader(self, m: ActorMention) -> bool:
        """One person of a political role (`assassinated_roles`): "former Prime Minister Rafik
        Hariri", "the governor", not "three officials" nor "the government"."""
        head = self.tokens[m.head]
        return (m.code[3:6] in self.words.assassinated_roles and m.kind in ("person", "role")
                and head.tag in ("NN", "NNP") and head.lemma.lower() not in self.words.collective_nouns)

    def victims(self, verb: int) -> list[ActorMention]:
        """The objects of a participle that counts the act's victims: "..., killing three soldiers";
        also one that hangs on a finite verb joined to it ("Rockets fired from Gaza struck Sderot,
        injuring two people"; "Shells fired during fighting hit a camp, killing five")."""
        joined = [c for c in self.children(verb, "conj", "advcl") if self.tokens[c].tag != "VBG"]
        for head in (verb, *joined):
            for child in self.children(head, "advcl", "conj"):
                token = self.tokens[child]
                if token.tag == "VBG" and token.lemma.lower() in self.words.victim_verbs:
                    for obj in self.children(child, *OBJECT_DEPS):
                        if self.actors_at(obj):
                            return self.actors_at(obj)
        return []

    def aimed_at(self, verb: int) -> list[ActorMention]:
        """Whom a weapon was aimed at: "exploded targeting a patrol of the Federal Police", "a bomb
        attached to a police vehicle exploded", "a device detonated against a police patrol"."""
        for child in self.children(verb, "xcomp", "advcl"):
            if self.tokens[child].tag == "VBG" and self.tokens[child].lemma.lower() in self.words.aim_verbs:
                for obj in self.children(child, *OBJECT_DEPS):
                    if self.actors_at(obj) or self.owners_of(obj):
                        return self.actors_at(obj) or self.owners_of(obj)
        for subject in self.children(verb, *SUBJECT_DEPS):
            for participle in self.children(subject, "acl"):
                for i in self.prep_objects(participle, AIM_PREPOSITIONS):
                    if self.actors_at(i) or self.owners_of(i):
                        return self.actors_at(i) or self.owners_of(i)
        return []

    def when_agents(self, verb: int) -> list[ActorMention]:
        for child in self.children(verb, "advcl"):
            if any(self.lowers[m] in ("when", "as") for m in self.children(child, "mark", "advmod")):
                for subject in self.children(child, *SUBJECT_DEPS):
                    if self.actors_at(subject):
                        return self.actors_at(subject)
        return []

    def unnamed_source_allowed(self, verb: int, code: str, pattern: VerbPattern, targets: list[ActorMention],
                               instrument: bool) -> bool:
        """One-sided violence needs no named attacker: "a man was shot dead" (victims, no agent),
        "a bomb went off near a convoy" (a pattern that says so), "shelling killed four" (an act
        as subject: `instrument`); never a two-party event."""
        if code[:2] not in ONE_SIDED_ROOTS or self.tokens[verb].tag not in FINITE_OR_PASSIVE_TAGS:
            return False  # "Israel's shelling of the base": a gerund's attacker is in its phrase
        return pattern.unnamed_source or (self.is_passive(verb) and bool(targets)) or instrument

    def instrument_agents(self, verb: int) -> list[ActorMention]:
        """The actors by whom the verb's subject was planted, fired or dropped ("a car bomb
        planted by ETA")."""
        # (or of its object: "soldiers hit a roadside bomb planted by jihadists")
        for child in self.children(verb, *SUBJECT_DEPS, *OBJECT_DEPS):
            for participle in self.children(child, "acl"):
                agents = [m for i in self.prep_objects(participle, ("by",)) for m in self.actors_at(i)]
                if agents:
                    return agents
            if (self.instrument_code(verb) or "")[:3] in ("194", "195"):  # "an airstrike by the military hit a school"
                agents = [m for i in self.prep_objects(child, ("by",)) for m in self.actors_at(i)]
                # "Russian shelling killed two civilians": the country whose shelling it was
                agents = agents or [m for i in self.children(child, "amod", "compound") for m in self.actors_at(i)
                                    if m.kind == "adjective"]
                if agents:
                    return agents
        if self.is_passive(verb) and (self.instrument_code(verb) or "")[:3] in ("194", "195"):
            # "killed by Russian shelling": the country whose shelling it was, by its forces
            for agent in self.prep_objects(verb, ("by",)):
                owners = [m for child in self.children(agent, "amod", "poss", "compound", "nmod")
                          for m in self.actors_at(child)]
                if owners:
                    return [replace(m, code=m.code + MILITARY) if len(m.code) == COUNTRY_CODE_LENGTH else m
                            for m in owners]
        return []

    def striking_forces(self, source: ActorMention, code: str) -> ActorMention:
        """"Russian airstrikes hit Afis", "an Israeli airstrike": the country whose shelling or
        airstrike it is acts by its forces, as it does when "killed by Russian shelling"."""
        if not code.startswith(STRIKE_CODES) or source.kind != "adjective" \
                or len(source.code) != COUNTRY_CODE_LENGTH:
            return source
        token = self.tokens[source.head]
        if token.dep not in ("amod", "compound") or token.head == token.i:
            return source
        if not any(p.code.startswith(STRIKE_CODES) for form in self.phrase_lemmas(token.head)
                   for p, _ref in self.patterns.nouns.get(form, [])):
            return source
        return replace(source, code=source.code + MILITARY)

    def instrument_code(self, verb: int) -> str | None:
        """The code of a violent act that is the verb's subject, not an actor: "shelling killed
        four civilians" (194), "a drone strike killed three militants" (195); or the agent of a
        passive ("a civilian was killed by Russian shelling"). A weapon that kills or wounds names
        its act too (`weapon_acts` in clauses.yaml: "an artillery shell killed a man", 194)."""
        instruments = self.children(verb, *SUBJECT_DEPS)
        if self.is_passive(verb):
            instruments += self.prep_objects(verb, ("by",))
        kills = self.tokens[verb].lemma.lower() in self.words.victim_verbs
        for child in instruments:
            forms = sorted(self.phrase_lemmas(child), key=len, reverse=True)
            for form in forms:
                for pattern, _ref in self.patterns.nouns.get(form, []):
                    if pattern.code[:2] in ONE_SIDED_ROOTS and not pattern.symmetric:
                        return pattern.code
            weapon = next((self.words.weapon_acts[form] for form in forms if form in self.words.weapon_acts), None)
            if kills and weapon is not None:
                return weapon
            vehicle_bomb = self.vehicle_bomb_code(child)
            if vehicle_bomb is not None:
                return vehicle_bomb
        return None

    def vehicle_bomb_code(self, i: int) -> str | None:
        """"a small boat laden with explosives", "a truck packed with explosives": a vehicle bomb
        (`vehicle_bombs`: a car or truck 1832, else 183)."""
        w = self.words
        code = w.vehicle_bombs.get(self.tokens[i].lemma.lower())
        if code is None:
            return None
        laden = [c for c in self.children(i, "acl", "amod") if self.tokens[c].lemma.lower() in w.laden_words]
        explosives = [o for c in laden for o in self.prep_objects(c, ("with",))
                      if self.tokens[o].lemma.lower() in w.explosive_nouns]
        return code if explosives else None

    def unnamed_source(self, verb: int) -> ActorMention:
        """The source of an event whose attacker the text does not name: an empty code (GDELT
        leaves Actor1 empty), placed at the verb."""
        token = self.tokens[verb]
        return ActorMention(UNNAMED_SOURCE, "", "unnamed", verb, verb + 1, verb, token.start, token.start, "",
                            DictionaryRef("", 0))

    def note(self, token: int, outcome: str, ref: DictionaryRef | None = None) -> None:
        """Record why a word did or did not give an event (for `dyads explain`)."""
        self.trace.append((token, outcome, str(ref) if ref else ""))

    def verb_candidates(self) -> Iterator[Candidate]:
        keywords: list[tuple[int, Candidate]] = []
        for token in self.tokens:
            if token.pos not in ("VERB",) and not (token.pos == "NOUN" and token.dep == "ROOT") \
                    and not self.is_headline_verb(token.i) and not self.is_copula_head(token):
                if (token.pos in KEYWORD_POS or token.tag == MODAL_TAG) \
                        and self.verb_form(token, self.patterns.base_verbs) is not None:
                    candidate = self.keyword_candidate(token.i)
                    if candidate is not None:
                        keywords.append((self.keyword_verb(token.i), candidate))
                continue
            candidate = self.verb_candidate(token.i)
            if candidate is not None:
                yield candidate
        # a pack verb read as a noun codes for its verb only when no pattern of that verb, or of a
        # word before it in its phrase, holds, as PETRARCH codes a verb phrase once ("was seen to
        # break into an anti-Gondor parade" is the breaking, even where the breaking finds no target)
        for verb, candidate in keywords:
            word = candidate.trigger_first
            if self.tokens[word].tag != MODAL_TAG and self.phrase_held.get(verb, word) != word:
                self.note(word, f"{candidate.code}: a pattern of its verb's phrase holds already: no event",
                          candidate.pattern)
            else:
                yield candidate

    def keyword_verb(self, word: int) -> int:
        """The verb a keyword belongs to: a modal's helped verb, a noun's governing one."""
        return self.tokens[word].head if self.tokens[word].tag == MODAL_TAG else governing_verb(self.s, word)

    def nominal_act(self, verb: int, repeating_only: bool = False) -> str | None:
        """The verb a light verb stands for through its object: "renewed its call" -> call."""
        lemma = self.tokens[verb].lemma.lower()
        if lemma not in self.words.repeating_verbs and (repeating_only or lemma not in self.words.light_verbs):
            return None
        objects = self.children(verb, "dobj")
        # "opened the 17th round of negotiations": the act is named after a word of its parts
        objects += [i for o in objects if self.tokens[o].lemma.lower() in self.words.act_parts
                    for i in self.prep_objects(o, ("of",))]
        return next((self.words.act_nouns[noun] for o in objects
                     if (noun := self.lowers[o]) in self.words.act_nouns
                     or (noun := self.tokens[o].lemma.lower()) in self.words.act_nouns), None)

    def obligation_pattern(self, verb: int) -> tuple[VerbPattern, DictionaryRef] | None:
        """"Tambo said Pretoria must dismantle apartheid": a speaker saying that another actor
        must act demands it (the reported clause itself is no event: its modal makes it
        hypothetical)."""
        w = self.words
        if not w.obligation_modals or self.tokens[verb].lemma.lower() not in w.speech_verbs:
            return None
        for comp in self.children(verb, "ccomp"):
            if not any(self.lowers[a] in w.obligation_modals for a in self.children(comp, "aux")):
                continue
            if any(self.is_ultimatum(k) for k in self.s.subtree(comp)):
                continue  # "X must stop or face air strikes": a threat (ultimatum_candidate)
            obliged = [m for s in self.children(comp, "nsubj") for m in self.actors_at(s)]
            if not obliged:
                continue
            speakers = {m.code for m in self.subject(verb)[0]}  # only now: most speech has no obligation
            if speakers and not speakers & {m.code for m in obliged}:
                return self.best_pattern(verb, self.clause_tokens(verb), self.patterns.verbs.get(w.obligation_verb))
        return None

    def nominal_act_pattern(self, verb: int, repeating_only: bool = False) -> tuple[VerbPattern, DictionaryRef] | None:
        """"renewed its demand for negotiations" coded as "demanded negotiations" would be."""
        acted = self.nominal_act(verb, repeating_only)
        if acted is None:
            return None
        clause = self.clause_tokens(verb)
        found = self.best_pattern(verb, clause, self.patterns.verbs.get(acted))
        if found is None and acted in self.patterns.base_verbs:
            found = self.best_pattern(verb, clause, self.patterns.base_verbs[acted], self.patterns.phrase_index(acted))
        return found

    def keyword_candidate(self, word: int) -> Candidate | None:
        """A pack verb that the parse reads as a noun or an adjective ("raised its VOICE for",
        "show no SIGN with"): a TABARI dictionary, written for a coder without a parse, codes it
        through a phrase pattern that sets words before it ("RECENTLY RAISED ITS *"), the phrase
        then standing for the verb; the source is the subject of the verb the word belongs to.
        (PETRARCH-format dictionaries code verbs only: on wire dev, their nouns cost 0.648 -> 0.637.)"""
        token = self.tokens[word]
        form = self.verb_form(token, self.patterns.base_verbs)
        assert form is not None
        modal = token.tag == MODAL_TAG
        verb = self.keyword_verb(word)
        if verb == word:
            return None
        # "Arnor suggested Gondor should apply the conventions" ("- SUGGESTED * APPLY CONVENTIONS"
        # under SHOULD): a modal is the act of whoever reports its clause; alone it is hypothetical
        actor = self.tokens[verb].head if modal and self.tokens[verb].dep == "ccomp" else verb
        if actor == verb and modal:
            return None
        options = self.patterns.keyword_verbs(form)
        clause = self.clause_tokens(verb)
        found = self.best_pattern(word, clause, options)
        if found is None:
            return None
        pattern, ref = found
        if not modal:
            self.phrase_held.setdefault(verb, word)
        status = self.status(actor)
        if status.blocked:
            self.note(word, f"{status.blocked}: no event", ref)
            return None
        sources, inherited = self.subject(actor)
        if modal and pattern.target_before:
            # "- SUGGESTED + * REQUIRE": the one who should, named between the reporter's verb and the
            # modal (as its clause's subject, or as the reporter's object where the parser hangs it)
            between = [m for m in self.mentions if actor < m.first and m.last <= word]
            targets = [max(between, key=lambda m: m.first)] if between else []
        elif pattern.target_before:  # "- ANTI- + * [111]" under PARADE: "an anti-Gondor parade"
            before = [m for m in self.mentions if m.last <= word and m.head in self.s.subtree(word)]
            targets = [max(before, key=lambda m: m.first)] if before else []
        else:
            targets = self.targets_for(word, DEFAULT_TARGET_SLOTS) or self.first_actor_after(word, clause, sources,
                                                                                             pattern.code)
        if pattern.reverse:
            sources, targets = targets, sources
        sources, targets, symmetric = compound_parties(pattern, sources, targets)
        if not sources or (pattern.needs_target and not targets and not (symmetric and len(sources) >= 2)):
            self.note(word, f"{pattern.code}: no source, or no target this pattern needs", ref)
            return None
        self.note(word, f"event {pattern.code} (a pack verb read as the parse's {token.pos.lower()})", ref)
        return Candidate(pattern.code, sources, targets, symmetric, word, word + 1, clause, ref, [],
                         inherited, paired=pattern.paired)

    def objects_of(self, verb: int) -> list[int]:
        """The verb's objects; of a verb read as a noun, the name after it too, hung as an
        apposition ("The US sanctions Iran")."""
        if self.is_misread_adjective(verb):
            return [self.tokens[verb].head]
        objects = self.children(verb, *OBJECT_DEPS)
        if self.tokens[verb].pos == "NOUN":
            objects += [c for c in self.children(verb, "appos") if c > verb]
        if not objects and self.tokens[verb].pos == "VERB":
            # "soldiers raped and tortured civilians": the object of the verb joined after it, when
            # that verb has no subject of its own, is both verbs'
            for conj in self.children(verb, "conj"):
                if (self.tokens[conj].pos == "VERB" and not self.children(conj, *SUBJECT_DEPS)
                        and any(self.lowers[c] in ("and", "or") for c in self.children(verb, "cc"))):
                    objects = self.children(conj, *OBJECT_DEPS)
                    break
        return objects

    def is_headline_verb(self, i: int) -> bool:
        """"Turkey shells Kurdish positions", "Estonia departs from Libya, an official said": a verb
        in the present the tagger reads as a plural noun heading its clause, an actor before it."""
        token = self.tokens[i]
        return (token.pos == "NOUN" and token.tag == "NNS" and token.dep in ("ROOT", "ccomp")
                and any(self.actors_at(c) for c in self.headline_subjects(i)))

    def headline_subjects(self, i: int) -> list[int]:
        """The words before a verb that the parser hung on it as a noun's modifiers (it read the verb
        as a noun, or the subject as part of one): its subject."""
        return [c for c in self.children(i, "compound", "nmod", "amod") if c < i]

    def is_copula_head(self, token: Token) -> bool:
        """"was optimistic about", "is in full agreement with": a copula that heads its clause."""
        return token.pos == "AUX" and token.lemma == "be" and token.dep not in ("aux", "auxpass") \
            and bool(self.children(token.i, "acomp", "prep"))

    def ultimatum_candidate(self, verb: int) -> Candidate | None:
        """"Bosnian Serb forces must stop shelling Sarajevo or face air strikes, Claes said",
        "warning the Taliban to hand over bin Laden or face military action": an act demanded "or"
        a consequence faced is a threat of that consequence (its noun pattern's code made a threat,
        else 130), from whoever demands to whoever must act; the demand is part of the threat."""
        if not self.is_ultimatum(verb):
            return None
        # who must act: the object of the verb the demanded act completes ("warned X to hand over
        # ... or face"), else the subject of the demanded clause ("X must stop ... or face")
        k, obliged, speaking = self.tokens[verb].head, [], -1
        while self.tokens[k].dep == "xcomp" and not self.children(k, "nsubj") and self.tokens[k].head != k:
            k = self.tokens[k].head
            obliged = [m for o in self.children(k, "dobj") for m in self.actors_at(o)]
            if obliged:
                speaking = k  # the warner
                break
        if not obliged:
            obliged = [m for c in self.children(k, "nsubj") for m in self.actors_at(c)]
            speaking = self.tokens[k].head if self.tokens[k].head != k else -1  # "..., Y said"
        speakers = [m for m in (self.subject(speaking)[0] if speaking >= 0 else [])
                    if m.code not in {o.code for o in obliged}]
        if not obliged or not speakers:
            return None
        code, ref = self.consequence_threat(verb)
        self.note(verb, f"event {code} (a demand 'or face' its consequence: a threat)", ref)
        return Candidate(code, speakers, obliged, False, verb, verb + 1, self.clause_tokens(verb), ref, ["threat"])

    def consequence_threat(self, verb: int) -> tuple[str, DictionaryRef]:
        """The threat of what is to be faced: its noun pattern's code as a threat ("air strikes"
        1384), else the consequence's own threat (`ultimatum_consequences`: "military action"
        138, "sanctions" 1312), else 130."""
        for consequence in self.children(verb, "dobj"):
            forms = sorted(self.phrase_lemmas(consequence))
            options = [o for form in forms for o in self.patterns.nouns.get(form, [])]
            found = self.best_noun_pattern(consequence, options) if options else None
            threat = self.patterns.intent_code(found[0].code, threat=True) if found else None
            if found is not None and threat is not None:
                return threat, found[1]
            own = next((self.words.ultimatum_consequences[f] for f in forms
                        if f in self.words.ultimatum_consequences), None)
            if own is not None:
                return own, CLAUSES_REF
        return UNSPECIFIED_THREAT, CLAUSES_REF

    def asked_act_code(self, verb: int, code: str) -> str:
        """A bare appeal's, demand's or refusal's code narrowed by the act it asks for or refuses,
        when that act has a pattern of its own: "called on the Council to send peacekeepers" 0234,
        "urged both sides to agree to a truce" 0256, "demanded that Moscow allow inspectors in"
        1055, "refused to pull its troops out" 1246."""
        if code not in BARE_APPEALS and code not in NARROWED_APPEALS:
            return code
        acts = [found[0].code for dep in ASKED_ACT_DEPS for c in self.children(verb, dep)
                if (found := self.act_pattern(c))]
        # ... or named by its object: "ruled out any negotiations with Washington" 125
        acts += [named[0].code for o in self.children(verb, "dobj")
                 if (named := self.best_noun_pattern(o, [option for form in sorted(self.phrase_lemmas(o))
                                                         for option in self.patterns.nouns.get(form, [])]))]
        for act in acts:
            asked = self.patterns.asked_code(act, code[:2])
            if asked is not None and (code in BARE_APPEALS or asked.startswith(code)):
                return asked
        return code

    def act_pattern(self, verb: int) -> tuple[VerbPattern, DictionaryRef] | None:
        """The pattern a verb's act fits, of the curated layer, else of the packs ("attend" 042),
        whoever does it: for an act only asked for or refused."""
        token, clause = self.tokens[verb], self.clause_tokens(verb)
        form = self.verb_form(token, self.patterns.verbs)
        found = self.best_pattern(verb, clause, self.patterns.verbs[form]) if form else None
        base_form = self.verb_form(token, self.patterns.base_verbs) if found is None else None
        if base_form is not None:
            found = self.best_pattern(verb, clause, self.patterns.base_verbs[base_form],
                                      self.patterns.phrase_index(base_form))
        return found

    def is_ultimatum(self, verb: int) -> bool:
        """"... or face air strikes": an ultimatum verb joined by "or" to the act demanded."""
        token = self.tokens[verb]
        return (token.lemma.lower() in self.words.ultimatum_verbs and token.dep == "conj"
                and any(self.lowers[c] == "or" for c in self.children(token.head, "cc")))

    def verb_candidate(self, verb: int) -> Candidate | None:
        ultimatum = self.ultimatum_candidate(verb)
        if ultimatum is not None:
            return ultimatum
        token = self.tokens[verb]
        form = self.verb_form(token, self.patterns.verbs)
        options = self.patterns.verbs[form] if form is not None else None
        clause = self.clause_tokens(verb) if options else []  # most verbs have no pattern: no clause needed
        # "stepped up its demands": a repeating verb is what it repeats
        found = self.nominal_act_pattern(verb, repeating_only=True) or self.best_pattern(verb, clause, options)
        if found is None:
            found = self.obligation_pattern(verb)
        if found is None:
            # "opened hearings into": a light verb is its act noun's verb before the packs' reading
            # of the light verb itself (CAMEO's OPEN is 040)
            found = self.nominal_act_pattern(verb)
        if found is None:
            # the curated layer has nothing that holds: the packs' patterns, then their verb's code
            base_form = self.verb_form(token, self.patterns.base_verbs)
            if base_form is not None:
                clause = clause or self.clause_tokens(verb)
                found = self.best_pattern(verb, clause, self.patterns.base_verbs[base_form],
                                          self.patterns.phrase_index(base_form))
        if found is None:
            if options:
                self.note(verb, f"patterns for '{token.lemma}' exist, but none has its conditions met")
            return None
        pattern, ref = found
        self.phrase_held.setdefault(verb, verb)
        if self.denies_a_report(verb):
            self.note(verb, "a denial of reports (what is denied is not done): no event", ref)
            return None
        if self.is_left_state(verb):
            self.note(verb, "a state the act left ('leaving 12 dead and 30 wounded'): its toll, no event", ref)
            return None
        if self.spans_a_time(verb):
            self.note(verb, "a span of time ended or marked ('ending three decades of war'): no event", ref)
            return None
        status = self.status(verb, self.words_named_by(verb, pattern))
        if status.blocked:
            self.note(verb, f"{status.blocked}: no event", ref)
            return None
        code, modifiers = self.asked_act_code(verb, pattern.code), []
        if status.threat or status.intent:
            intent = self.patterns.intent_code(code, threat=status.threat or code[:2] >= "10")
            if intent is None and code[:2] in INTENT_ROOTS:
                intent = code  # "will renew his pledge": an intent to intend is the intent
            if intent is None:
                self.note(verb, f"only intended, and {code} has no intent code", ref)
                return None
            if intent != code:
                modifiers.append("threat" if intent.startswith("13") else "intent")
            code = intent
        if self.is_passive(verb) and not pattern.reverse:
            sources, inherited = self.subject(verb)
            # "the Benin Bronzes were handed back to Nigeria": a pattern whose target is a prep's
            # object (not the verb's object) looks there first, not in the passive subject
            targets = (self.targets_for(verb, pattern.target) if pattern.target and "dobj" not in pattern.target
                       else []) or self.passive_target(verb)
            if not targets and not pattern.no_target:  # "Sanctions were imposed on X by Y"
                targets = self.targets_for(verb, [t for t in (pattern.target or DEFAULT_TARGET_SLOTS)
                                                  if t not in ("dobj", "dative")])
            if not targets and not pattern.no_target and code[:2] not in OWNER_NOT_TARGET_ROOTS:
                targets = self.owner_targets(verb)  # "Turkey's incursion was condemned by X"
            modifiers.append("passive")
        else:
            holder = status.holder if status.holder is not None else verb
            sources, inherited = self.subject(holder if (status.intent or status.threat) else verb)
            if not sources and pattern.before:
                sources = self.owner_of_named_subject(verb, pattern)
            slots = pattern.target or DEFAULT_TARGET_SLOTS + (("at",) if code[:2] in AIMED_ROOTS else ())
            targets = [] if pattern.no_target else self.targets_for(
                verb, slots, owners=code[:2] not in OWNER_NOT_TARGET_ROOTS)
            if not targets and not pattern.no_target and (pattern.xcomp or code[:2] in COMPLEMENT_TARGET_ROOTS) \
                    and code[:2] != PROTEST_ROOT:  # what a protest demands: `protest_targets`
                targets = self.complement_targets(verb)
            if not targets and not pattern.no_target and code[:2] not in OWNER_NOT_TARGET_ROOTS:
                targets = self.owner_targets(verb)
            if not targets and not pattern.no_target and code[:2] == COMMENT_ROOT:
                # "expressed concern over NATO's expansion", "optimistic about North Korea's attitude"
                targets = self.topic_targets(verb)
            if not targets and not pattern.no_target and code[:2] == INVESTIGATE_ROOT:
                targets = self.investigated_doers(verb)
            if not targets and pattern.target_after_verb:
                targets = self.first_actor_after(verb, clause, sources, code)
            if not targets and code == SEIZURE:
                targets = self.holders(verb)
            if code.startswith(RIOT):
                # what a crowd burns, storms or stones is not whom it riots against when it is of
                # the place ("set fire to a police post", "threw stones at police", as every local
                # gold writer codes it); an actor with its own country is ("at the British embassy")
                targets = [t for t in targets if not t.code.startswith(UNANCHORED)]
            if code[:2] == PROTEST_ROOT:
                targets = self.protest_targets(verb, slots, self.without_protest_place(verb, targets))
                code = self.reform_aim_code(verb, code)
            reporter = self.reporter_named_by(verb, pattern)
            if reporter is not None:  # "- NOTED + * [115]": the noter's act on the one who regretted
                sources, targets = self.subject(reporter)[0], sources
            if pattern.reverse and not sources:
                # "The arrest of Navalny by Russian police drew condemnation from the EU": what was
                # judged is the subject's act, the one judged its doer (possessor or "by" phrase)
                sources = next((doers for k in self.children(verb, *SUBJECT_DEPS)
                                if (doers := self.act_doers(k))), [])
        if pattern.reverse:
            sources, targets = targets, sources
        if pattern.symmetric and len(sources) >= 2 and all(t.code.startswith(UNANCHORED) for t in targets):
            targets = []  # "Egypt and Israel exchanged ambassadors": each other, not the ambassadors
        sources, targets, symmetric = compound_parties(pattern, sources, targets)
        if code[:2] == THREAT_ROOT and not targets:
            targets = self.threatened_if(verb, sources)
        if code[:2] == "17" and not targets:  # "Police fired rubber bullets, injuring 20 students"
            targets = self.victims(verb)
        if pattern.subject_not_agent:
            sources, inherited = [], False
        if code[:2] in ONE_SIDED_ROOTS:
            code, sources, targets = self.violence(verb, code, pattern, sources, targets)
            targets = self.places_struck(targets)
            if self.tokens[verb].tag == "VBG" and self.tokens[verb].dep in ("advcl", "conj"):
                modifiers.append("participle")  # "..., killing three and wounding eight": the toll
        movement = self.words.force_movements.get(self.tokens[verb].lemma.lower())
        if movement and code == pattern.code and code[:2] == CONSULT_ROOT and self.is_foreign_force(sources, targets):
            code, targets = movement, [self.country_of(t) for t in targets]
        if code in JOURNEY_CODES:
            targets = self.destinations(targets, clause or self.clause_tokens(verb))
        if code[:2] == DEMAND_ROOT and self.demanded_by_protesters(verb, sources):
            code = self.protest_of_demand(code)
        if code[:2] in AIM_ROOTS and self.is_aim(verb):
            modifiers.append("aim")  # "went on strike, demanding a pay rise": what a protest is for
        if code == MEDIATION and not targets:
            targets = self.mediated_parties(verb, sources)
        if not sources:
            self.note(verb, f"{code}: no actor as source (subject or agent)", ref)
            return None
        # "Washington and Seoul kicked off joint exercises": a symmetric event's parties are each
        # other's targets
        if pattern.needs_target and not targets and not (symmetric and len(sources) >= 2):
            self.note(verb, f"{code}: no actor as target, which this pattern needs", ref)
            return None
        if symmetric and not targets and len(sources) < 2:
            self.note(verb, f"{code}: a symmetric event needs two actors", ref)
            return None
        if not targets and sources in self.pair_of.values():
            symmetric = True  # "the two leaders pledged to strengthen cooperation": with each other
        if ("passive" in modifiers and not targets and not pattern.object
                and self.children(verb, *PASSIVE_SUBJECT_DEPS)  # "aid was delivered": the object, not a target
                # but violence by an agent is an event still ("their convoy was ambushed by militants")
                and not (code[:2] in ONE_SIDED_ROOTS and self.prep_objects(verb, ("by",)))):
            self.note(verb, f"{code}: the passive subject is not an actor", ref)
            return None
        if code[:2] == FORCE_POSTURE_ROOT and targets and all(self.is_own_force(t, sources) for t in targets):
            targets = []  # "deployed thousands of police in Nairobi": its own forces are what it moves
        # a paired code holds for the act itself: "will visit" is an intent, nobody hosts yet
        paired = pattern.paired if code == pattern.code and not (status.intent or status.threat) else None
        self.note(verb, f"event {code}" + (f", and {paired} back from the target" if paired and targets else ""), ref)
        return Candidate(code, sources, targets, symmetric, verb, verb + 1, clause, ref,
                         modifiers, inherited, prefer_future=status.intent or status.threat, paired=paired,
                         holder=status.holder if status.intent and status.holder != verb else None)

    # ---- 4. noun events --------------------------------------------------------------
    def noun_candidates(self) -> Iterator[Candidate]:
        for token in self.tokens:
            if token.pos not in ("NOUN", "PROPN") and not self.is_gerund_subject(token.i):
                continue
            if self.acted_on(token.i):
                # "NATO's bombing of army barracks on Wednesday": what its verb does to its object
                # (195), not the noun's own code for a bombing that names no target (183)
                candidate = self.nominal_event(token.i)
                if candidate is not None and candidate.targets:
                    yield candidate
                    continue
            options = []
            # the longest phrase first, which wins a tie: "grenade attack" (183) over "attack" (193)
            for form in sorted(self.phrase_lemmas(token.i), key=lambda f: (-len(f.split()), f)):
                options += self.patterns.nouns.get(form, [])
            found = self.best_noun_pattern(token.i, options) if options else None
            candidate = self.noun_event(token.i, *found) if found is not None else None
            if candidate is not None:
                self.note(token.i, f"event {candidate.code} (noun)", found[1] if found else None)
                yield candidate
                continue
            if found is not None:
                self.note(token.i, "noun pattern: negated, only intended, or no actors", found[1])
            # no noun pattern holds: a deverbal noun may still be its verb's event
            candidate = self.nominal_event(token.i)
            if candidate is not None:
                yield candidate

    def nominal_event(self, noun: int) -> Candidate | None:
        """"Britain's suspension of military aid to Nepal", "the expulsion of two diplomats by
        Britain on Friday drew protests": a deverbal noun heading its clause's subject is its
        verb's event, coded by that verb's patterns; the possessor or the "by" phrase is its
        doer, the "of" phrase its object, or its doer for a verb of moving or leaving ("the
        withdrawal of the last Soviet soldiers from Afghanistan")."""
        w, token = self.words, self.tokens[noun]
        acted = w.nominal_verbs.get(token.lemma.lower())
        # or what an order orders: "the Revolutionary Council ordered the expulsion of ..."
        ordered = token.dep in OBJECT_DEPS and self.tokens[token.head].lemma.lower() in w.nominal_order_verbs
        # a dated act noun the parser leaves as the root ("The abduction of two nuns by gunmen on
        # Saturday alarmed Rome", its verb misread) stands as the subject it is
        subject = token.dep in SUBJECT_DEPS + PASSIVE_SUBJECT_DEPS or (
            token.dep == "ROOT" and min(self.s.subtree(noun)) == 0)
        if acted is None or not (ordered or (subject and self.dated(noun))):
            return None
        if ordered and token.lemma.lower() in w.nominal_intransitive:
            return None  # "ordered the withdrawal of UN troops": the troops are to go, a demand
        if any(self.lowers[c] in ("no", "any") for c in self.children(noun, "det")):
            return None
        of = self.nominal_prep_objects(noun, ("of",))
        doers = [m for c in self.children(noun, "poss") for m in self.actors_at(c)]
        if ordered and not doers:
            doers = self.subject(token.head)[0]
        # "by" and "to" may hang on the "of" phrase: "the expulsion of two diplomats by Britain"
        by = self.nominal_prep_objects(noun, ("by",)) + [b for o in of for b in self.prep_objects(o, ("by",))]
        doers += [m for i in by for m in self.actors_at(i)]
        objects = [] if token.lemma.lower() in w.nominal_intransitive else of
        if not objects:
            doers = doers or [m for i in of for m in self.actors_at(i)]
        removed_from: ActorMention | None = None
        if not doers and token.lemma.lower() in w.nominal_from_doer:
            removed_from = self.removed_from(noun, of)
            doers = [removed_from] if removed_from is not None else []
        if not doers:
            return None
        clause = self.clause_tokens(noun)
        found = self.best_pattern(noun, clause, self.patterns.verbs.get(acted), objects=objects)
        if found is None and acted in self.patterns.base_verbs:
            found = self.best_pattern(noun, clause, self.patterns.base_verbs[acted],
                                      self.patterns.phrase_index(acted), objects=objects)
        if found is None:
            return None
        pattern, ref = found
        if self.status(token.head).blocked:
            self.note(noun, f"{pattern.code} (a deverbal noun): its clause is negated or hypothetical", ref)
            return None
        targets = [m for i in objects for m in self.actors_at(i)]
        targets += [m for k in [noun, *of] for i in (self.nominal_prep_objects(k, NOMINAL_TARGET_PREPS) if k == noun
                                                     else self.prep_objects(k, NOMINAL_TARGET_PREPS))
                    for m in self.actors_at(i)]
        sources = doers
        targets = [m for m in targets if m not in sources]
        if removed_from is not None:  # "the cleric from Britain" is the person removed, not a target
            targets = [m for m in targets if not (m.first <= removed_from.first and removed_from.last <= m.last)]
        if pattern.reverse:
            sources, targets = targets, sources
        if not sources or (pattern.needs_target and not targets):
            return None
        self.note(noun, f"event {pattern.code} (the deverbal noun of '{acted}')", ref)
        return Candidate(pattern.code, sources, targets, False, noun, noun + 1, clause, ref, ["nominal"],
                         paired=pattern.paired)

    def acted_on(self, noun: int) -> bool:
        """Whether a deverbal noun names an actor it acts on in its "of" phrase ("Israel's shelling of
        a UN base"), which its verb's patterns code."""
        lemma = self.tokens[noun].lemma.lower()
        return (lemma in self.words.nominal_verbs and lemma not in self.words.nominal_intransitive
                and any(self.actors_at(i) for i in self.nominal_prep_objects(noun, ("of",))))

    def nominal_prep_objects(self, noun: int, preps: tuple[str, ...]) -> list[int]:
        """A deverbal noun's prepositional objects, with those the parser hangs on its date between
        them: "the IMF's approval on Sunday of a loan for Greece" (the loan is approved)."""
        found = self.prep_objects(noun, preps)
        for when in self.prep_objects(noun, ("on",)):
            if names_a_day(self.lowers[when], self.words.day_words):
                found += [i for i in self.prep_objects(when, preps) if i not in found]
        return found

    def passive_removed_from(self, verb: int) -> list[ActorMention]:
        """"Six UN inspectors were expelled from Iraq", "was extradited from Britain": a removal
        with no agent is done by the country it is from, as its noun is (`nominal_from_doer`)."""
        w = self.words
        if self.tokens[verb].lemma.lower() not in {w.nominal_verbs.get(n) for n in w.nominal_from_doer}:
            return []
        removed = self.removed_from(verb, [])
        return [removed] if removed is not None and removed.kind in ("country", "capital", "seat") else []

    def removed_from(self, noun: int, of: list[int]) -> ActorMention | None:
        """"The extradition of the cleric from Britain to the United States": a removal noun's
        "from" country is its doer. The actor finder may have read "the cleric from Britain" as a
        British cleric: the country is then the first three letters of that mention's code."""
        for k in [noun, *of]:
            for i in self.prep_objects(k, ("from",)):
                mention = self.by_head.get(i) or self.by_token.get(i)
                if mention is None:
                    continue
                if mention.head == i or mention.first > i:
                    return mention
                country = mention.code[:3]
                # not when an adjective of a country before "from" gave it ("two Dutch diplomats from Moscow")
                named_before = any(self.tokens[k].text[:1].isupper() and self.tokens[k].pos == "ADJ"
                                   for k in range(max(mention.first, 1), i))
                if len(mention.code) > 3 and country.isalpha() and country.isupper() and not named_before:
                    first = min([i, *self.children(i, "compound", "flat")])  # "the United States"
                    text = self.s.text[self.tokens[first].start - self.s.start:self.tokens[i].end - self.s.start]
                    return replace(mention, code=country, kind="country", first=first, last=i + 1, head=i,
                                   start=self.tokens[first].start, end=self.tokens[i].end, text=text)
        return None

    def dated(self, noun: int) -> bool:
        """Whether the noun's phrase says on what day: "the withdrawal ... on Wednesday", "Sunday's
        approval" (an undated one is often a state or a topic: "the invasion of Iraq, now in its
        third week"). The words only: the probe has no entities."""
        def names_a_day_in(tokens: list[int]) -> bool:
            return any(names_a_day(self.lowers[k], self.words.day_words) for k in tokens
                       if self.tokens[k].dep in ("pobj", "npadvmod", "poss", "compound", "nmod"))

        if names_a_day_in(self.s.subtree(noun)):
            return True
        # or its clause's verb, when that verb tells what the act did ("The withdrawal ... left, on
        # Thursday, a vacuum"), not what someone made of it ("the annexation was condemned on Monday")
        head = self.tokens[noun].head
        lemma = self.tokens[head].lemma.lower()
        # "late on Friday", "early on Monday": the day under an adverb
        when = self.children(head, "prep", "npadvmod") + [p for a in self.children(head, "advmod")
                                                          for p in self.children(a, "prep")]
        # "The abduction of 17 missionaries by a gang on Saturday highlighted ...": a day between
        # the subject and its verb closes the subject's phrase, whatever the parser hangs it on
        if noun < head and names_a_day_in([k for c in when if noun < c < head for k in [c, *self.children(c)]]):
            return True
        return (lemma in self.words.happening_verbs or lemma in self.words.consequence_verbs) and names_a_day_in(
            [k for c in when for k in [c, *self.children(c)]])

    def is_gerund_subject(self, i: int) -> bool:
        """"Fighting between soldiers and rebels left five dead": a gerund standing as its
        clause's subject, with no subject of its own, is a noun."""
        token = self.tokens[i]
        return (token.tag == "VBG" and token.dep in SUBJECT_DEPS + PASSIVE_SUBJECT_DEPS
                and not self.children(i, *SUBJECT_DEPS, *PASSIVE_SUBJECT_DEPS, *OBJECT_DEPS))

    def best_noun_pattern(self, noun: int, options: list[tuple[NounPattern, DictionaryRef]]
                          ) -> tuple[NounPattern, DictionaryRef] | None:
        mods = {self.tokens[c].lemma.lower() for c in self.children(noun, "compound", "amod", "nmod")}
        mods |= {self.lowers[c] for c in self.children(noun, "compound", "amod", "nmod")}
        governor = self.tokens[noun].head
        best, best_score = None, -1
        for pattern, ref in options:
            score = 0
            if pattern.modifiers:
                if not mods & set(pattern.modifiers):
                    continue
                score += 1
            if pattern.support_verbs:
                if self.tokens[governor].lemma not in pattern.support_verbs:
                    continue
                score += 1
            if score > best_score:
                best, best_score = (pattern, ref), score
        return best

    def noun_event(self, noun: int, pattern: NounPattern, ref: DictionaryRef) -> Candidate | None:
        token = self.tokens[noun]
        if any(self.lowers[c] in ("no", "any") for c in self.children(noun, "det")):
            return None
        if self.asked_for(noun):
            self.note(noun, "only asked for or refused (inside a demand, an appeal or a refusal): no event", ref)
            return None
        if self.is_grievance(noun):
            self.note(noun, "what a protest is against (its grievance): no event", ref)
            return None
        if (token.dep in OBJECT_DEPS and self.tokens[token.head].lemma.lower() in self.words.ending_verbs
                and pattern.code[:2] != CONSULT_ROOT):  # a summit or talks ended were held
            self.note(noun, "ended or eased by the verb it is the object of: no event", ref)
            return None
        if token.dep in OBJECT_DEPS and self.tokens[token.head].lemma.lower() in self.words.commenting_verbs:
            self.note(noun, "only commented on by the verb it is the object of: no event", ref)
            return None
        # the noun's own actors: "Zarif-Lavrov talks", "Russia's attack", "the attack by X"
        own = []
        for child in self.children(noun, "poss", "compound", "amod", "nmod"):
            for k in self.s.subtree(child):
                m = self.by_token.get(k)
                if m and m not in own and m.head not in (noun,) and not is_against(self.s, m.first):
                    own.append(m)  # not "an anti-India rally": India is what it is against
        own += [m for i in self.prep_objects(noun, ("by",)) for m in self.actors_at(i)]
        targets = []
        between = [m for i in self.prep_objects(noun, ("between", "among")) for m in self.actors_at(i)]
        if not between and token.dep in SUBJECT_DEPS + PASSIVE_SUBJECT_DEPS:
            # "fighting broke out between X and Y", "fighting was reported between X and Y"
            between = [m for i in self.prep_objects(token.head, ("between", "among")) for m in self.actors_at(i)]
        for i in self.prep_objects(noun, tuple(p for p in pattern.target if p not in ("between", "among"))):
            targets += self.actors_at(i)
        # the governing verb's subject: "X held talks with Y", "In a phone call, X and Y ..."
        clause = self.clause_tokens(noun)
        sources, inherited = list(own), False
        verb = self._governing_verb(noun)
        sparked = self.fight_sparked_by(noun, verb, pattern, ref) if verb is not None else None
        if sparked is not None:
            return sparked
        if verb is not None and not self._reports_noun_event(noun, verb, pattern):
            repressed = self.protesters_repressed(noun, verb, pattern)
            if repressed:
                return Candidate(pattern.code, repressed, [], False, noun, noun + 1, clause, ref, ["nominal"], True)
            if not own:
                return None
            verb = None
        if verb is not None:
            status = self.status(verb)
            if status.blocked or status.intent or status.threat:
                return None
            if token.dep not in SUBJECT_DEPS + PASSIVE_SUBJECT_DEPS:
                subject, _ = self.subject(verb)
                if not subject and pattern.symmetric and targets and self.is_passive(verb):
                    subject = self.passive_target(verb)  # "two soldiers were killed in clashes with insurgents"
                if not sources:
                    sources = subject
                clause = sorted(set(clause) | set(self.clause_tokens(verb)) - set())
        if between and not sources:
            sources = between
        elif between:
            targets += between
        if (not sources and verb is not None and token.dep in SUBJECT_DEPS + PASSIVE_SUBJECT_DEPS
                and pattern.code[:2] in ONE_SIDED_ROOTS and not pattern.symmetric
                and self.tokens[verb].lemma.lower() in self.words.happening_verbs):
            sources = [self.unnamed_source(noun)]  # "Shelling was reported in X": by no one named
        if pattern.code == MEDIATION and not targets:
            targets = self.mediated_parties(noun, sources)
        if not sources or (pattern.symmetric and not targets and len(sources) < 2):
            return None
        modifiers_first = min([noun, *[c for c in self.children(noun, "compound", "amod")
                                      if self.by_token.get(c) is None]])
        return Candidate(pattern.code, sources, targets, pattern.symmetric, modifiers_first,
                         noun + 1, clause, ref, ["nominal"], inherited)

    def mediated_parties(self, word: int, mediators: list[ActorMention]) -> list[ActorMention]:
        """Whom a mediation that names no party is between: the parties of what it mediates,
        those "between" whom the act it qualifies is ("talks between Israel and Syria under Turkish
        mediation"), else the joint subject of the verb it hangs on ("Kenya and Ethiopia signed an
        accord under South African mediation", "completed a prisoner exchange mediated by Russia");
        none when the act has fewer than two parties."""
        own = {m.code for m in mediators}
        k = word
        for _ in range(MEDIATION_HOPS):
            if self.tokens[k].head == k:
                break
            k = self.tokens[k].head
            head = self.tokens[k]
            if head.pos in ("VERB", "AUX"):
                # the parser may hang the phrase on the verb that reports the act: "X and Y agreed
                # to ..., in a deal brokered by China, SPA reported"
                reported = self.children(k, "ccomp") if head.lemma.lower() in self.words.speech_verbs else []
                parties = [m for v in (k, *reported) for m in self.subject(v)[0] if m.code not in own]
            elif head.pos in ("NOUN", "PROPN"):
                acts = [k, *self.prep_objects(k, ("of",))]  # "the opening of talks between X and Y"
                parties = [m for a in acts for i in self.prep_objects(a, ("between", "among"))
                           for m in self.actors_at(i) if m.code not in own]
            else:
                continue
            if len({m.code for m in parties}) >= 2:
                return parties
            if head.pos in ("VERB", "AUX"):
                break
        return []

    def fight_sparked_by(self, noun: int, verb: int, pattern: NounPattern, ref: DictionaryRef) -> Candidate | None:
        """"Armed men ambushed a patrol, sparking an exchange of fire", "stormed a base, triggering
        a gunfight with troops": a fight that an attack set off is fought by the attackers and the
        attacked (the "with" phrase, else the attack's object), both ways (docs/coding-rules.md,
        "Local conflict events")."""
        token, participle = self.tokens[noun], self.tokens[verb]
        if (not pattern.symmetric or token.dep not in OBJECT_DEPS
                or participle.lemma.lower() not in self.words.sparking_verbs
                or participle.dep not in ("advcl", "conj", "xcomp") or participle.head == verb):
            return None
        act = participle.head
        if not self.acts_by_force(act) or self.status(act).blocked:
            return None
        sources, _ = self.subject(act)
        targets = [m for i in self.prep_objects(noun, ("with",)) for m in self.actors_at(i)]
        targets = targets or [m for o in self.children(act, *OBJECT_DEPS) for m in self.actors_at(o)]
        # "opened fire on the army base, sparking a gun battle": the "on" or "at" phrase of the act
        # or of its object says whom it was fired at
        targets = targets or [m for k in [act, *self.children(act, *OBJECT_DEPS)]
                              for i in self.prep_objects(k, ("on", "at")) for m in self.actors_at(i)]
        sources = [m for m in sources if m not in targets]
        if not sources or not targets:
            return None
        clause = sorted(set(self.clause_tokens(noun)) | set(self.clause_tokens(act)))
        # the attack's clause says where and when: the fight is the attack's
        return Candidate(pattern.code, sources, targets, True, act, act + 1, clause, ref, ["nominal", SPARKED], True)

    def is_grievance(self, noun: int) -> bool:
        """"marched to protest against the arrest of their chief", "demonstrated over the killing
        of a classmate", "protesting the detention of": a noun a protest is against."""
        token = self.tokens[noun]
        if token.dep == "pobj" and token.head != noun and self.lowers[token.head] in GRIEVANCE_PREPOSITIONS:
            holder = self.tokens[self.tokens[token.head].head]
        elif token.dep == "dobj" and token.head != noun:
            holder = self.tokens[token.head]
        else:
            return False
        lemma = holder.lemma.lower()
        return ((holder.pos == "VERB" and lemma in self.words.grievance_verbs)
                or (holder.pos == "NOUN" and lemma in self.words.protest_nouns))

    def asked_for(self, noun: int) -> bool:
        """"demanded an end to the UN sanctions", "renewed its call for talks", "ruled out any
        easing of UN sanctions": a noun inside what a demand or an appeal asks for, or a refusal
        refuses."""
        k, hops = noun, 0
        while self.tokens[k].head != k and hops < 6:
            below, k, hops = self.tokens[k], self.tokens[k].head, hops + 1
            lemma = self.tokens[k].lemma.lower()
            if self.tokens[k].pos == "VERB":
                # what is asked for is the verb's object or "for"/"to" phrase, not its frame
                # ("In a telephone conversation, X and Y called for ...": the call is no content)
                content = below.dep in ("dobj", "xcomp", "ccomp") or (
                    below.dep == "prep" and below.lower in ("for", "to"))
                return content and ((lemma in self.words.appeal_verbs and lemma not in self.words.speech_verbs)
                                    or lemma in self.words.refusal_verbs
                                    or self.nominal_act(k) in self.words.appeal_verbs)
        return False

    def protesters_repressed(self, noun: int, verb: int, pattern: NounPattern) -> list[ActorMention]:
        """"detained 12 demonstrators at a rally", "broke up a rally of 300 people": a protest
        that police act against was held, by the people they acted against."""
        if pattern.code[:2] != "14" or self.tokens[verb].lemma.lower() not in self.words.repression_verbs:
            return []
        # "fired tear gas at demonstrators during the weekly demonstration": at whom, too
        acted_on = [m for o in [*self.children(verb, *OBJECT_DEPS), *self.prep_objects(verb, ("at", "on"))]
                    if o != noun for m in self.actors_at(o)]
        members = [m for i in self.prep_objects(noun, ("of",)) for m in self.actors_at(i)]
        return acted_on or members

    def _reports_noun_event(self, noun: int, verb: int, pattern: NounPattern) -> bool:
        """Does the verb report the noun's event as having happened, by its subject? "held
        talks", "in a phone call, X and Y discussed" do; "called for talks", "talks on Syria" do
        not; nor does "X and Y met after a bombing": violence is the subject's only when its verb
        says so ("launched an airstrike")."""
        token = self.tokens[noun]
        if token.dep in SUBJECT_DEPS + PASSIVE_SUBJECT_DEPS:
            return True
        prep = self.tokens[token.head]
        if (pattern.symmetric and token.dep == "pobj" and prep.head == verb and self.prep_objects(noun, ("with",))
                and (prep.lower in ("during", "in") or (prep.lower == "after" and self.acts_by_force(verb)))):
            # "During a clash with armed assailants, the army neutralised seven": the army's clash;
            # "Militants took the town after an exchange of fire with troops": the militants' (but
            # "the ministers met after a clash with rebels": not theirs)
            return True
        if pattern.code[:2] in SUBJECT_OWN_ROOTS and token.dep not in OBJECT_DEPS:
            return False  # "detained 12 demonstrators at a rally": the police held no rally
        if token.dep in OBJECT_DEPS:
            return self.tokens[verb].lemma in self.words.support_verbs
        return token.dep == "pobj" and prep.lower in EVENT_FRAME_PREPS and prep.head == verb

    def acts_by_force(self, verb: int) -> bool:
        """Is the verb one of force (a pattern of roots 18-20: "took control", "stormed")?"""
        form = self.verb_form(self.tokens[verb], self.patterns.verbs)
        return form is not None and any(p.code[:2] in ONE_SIDED_ROOTS for p, _ref in self.patterns.verbs[form])

    def _governing_verb(self, noun: int) -> int | None:
        k = noun
        for _ in range(3):
            token = self.tokens[k]
            if token.head == k:
                return None
            head = self.tokens[token.head]
            if head.pos in ("VERB", "AUX"):
                return head.i
            if head.pos != "ADP" and token.dep not in ("pobj",):
                return None
            k = head.i
        return None


def compound_parties(pattern: VerbPattern, sources: list[ActorMention], targets: list[ActorMention]
                     ) -> tuple[list[ActorMention], list[ActorMention], bool]:
    """Sources, targets and symmetry of a pattern with TABARI's compound slot ("- % HAVE * [191]"):
    with no target named, the parties of the joint subject act on each other ("Gondor and
    Osgiliath have delayed their meeting"); with a paired code, the first on the others."""
    if not (pattern.compound and not targets and len(sources) >= 2):
        return sources, targets, pattern.symmetric
    if pattern.paired:
        return sources[:1], sources[1:], pattern.symmetric
    return sources, targets, True


def verb_forms(lemma: str, word: str) -> list[str]:
    """Forms to look a verb up by: its lemma, the word, and the word less a regular ending,
    for the lemmatizer's slips ("staged" -> "stag")."""
    forms = [lemma, word]
    irregular = lemma_of_irregular(word)
    if irregular is not None and irregular != lemma:
        forms.append(irregular)  # "retook", left as its own lemma
    for ending, replacement in (("ied", "y"), ("ies", "y"), ("ing", "e"), ("ing", ""), ("ed", ""),
                                ("ed", "e"), ("es", ""), ("s", "")):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            forms.append(word[: -len(ending)] + replacement)
    return forms


# a sentence's coder and its candidates, worked out by the probe (`probe_sentence`) for the coder
Prepared = tuple[SentenceCoder, list[Candidate]]


def code_sentence(sentence: Sentence, mentions: list[ActorMention], patterns: PatternDictionary,
                  article_date: date | None, previous_date: date | None,
                  prepared: Prepared | None = None) -> list[Event]:
    """All events of one sentence, in a stable order. `prepared`: what `probe_sentence` found
    for this sentence before its entities were recognised (candidates read no entities)."""
    if not mentions and not names_unnamed_violence(sentence, patterns):
        return []
    return code_sentence_traced(sentence, mentions, patterns, article_date, previous_date, prepared)[0]


def code_sentence_traced(sentence: Sentence, mentions: list[ActorMention],
                         patterns: PatternDictionary, article_date: date | None,
                         previous_date: date | None, prepared: Prepared | None = None
                         ) -> tuple[list[Event], list[tuple[int, str, str]]]:
    """Events and the coder's decisions, word by word (token, outcome, pattern file:line)."""
    if prepared is not None:
        return _events_of(sentence, *prepared, article_date, previous_date)
    # a sports result, a film, history: no event in the sentence. A story-level discard ('+' in
    # the file) is applied to its sentence too, not to the whole article: an article of several
    # stories (a digest) keeps the others' events
    discard = patterns.discarded(sentence.text)
    if discard is not None:
        return [], [(0, "discarded: the sentence holds a discard phrase", str(discard))]
    discarding = discarding_actor(mentions, patterns)
    if discarding is not None:
        return [], [(discarding.head, "discarded: an actor coded as a discard", discarding.code)]
    coder = SentenceCoder(sentence, mentions, patterns, article_date)
    return _events_of(sentence, coder, [*coder.verb_candidates(), *coder.noun_candidates()], article_date,
                      previous_date)


def _events_of(sentence: Sentence, coder: SentenceCoder, found: list[Candidate], article_date: date | None,
               previous_date: date | None) -> tuple[list[Event], list[tuple[int, str, str]]]:
    candidates = without_decided_intents(without_intent_holders(found, coder), coder)
    events: dict[tuple[str, str, str], Event] = {}
    for c in [*candidates, *(paired_back(c) for c in candidates if c.paired and c.targets)]:
        for source, target in pairs(c):
            event = build_event(sentence, coder, c, source, target, article_date, previous_date)
            key = (source.code, target.code if target else "", event.code)
            if key not in events:
                events[key] = event
    return merge_specific(list(events.values())), coder.trace


def without_intent_holders(candidates: list[Candidate], coder: SentenceCoder) -> list[Candidate]:
    """"Plans to expel", "intends to deploy": the verb that holds the intent is coded by the act it
    intends (137, 130), not also by its own unspecified intent (030)."""
    holding = {c.trigger_first: c for c in candidates
               if c.holder is None and c.code in INTENT_HOLDER_CODES}
    held = {c.holder for c in candidates if c.holder in holding}
    kept = []
    for c in candidates:
        if c.trigger_first in held and c.holder is None:
            coder.note(c.trigger_first, f"{c.code}: the act it intends is the event", c.pattern)
            continue
        if c.holder in holding and not c.targets:  # "promised Ukraine to send tanks": to Ukraine
            c = replace(c, targets=holding[c.holder].targets)
        kept.append(c)
    return kept


def without_decided_intents(candidates: list[Candidate], coder: SentenceCoder) -> list[Candidate]:
    """"The Security Council voted to impose an embargo", "ordered the dispatch of aid",
    "announced the suspension of military aid": a verb the dictionaries read as an intent (03x)
    whose complement or object is coded as an act done by the same source is that act, not also
    an intent to act (the wire, press and whole-story writers code the embargo, the aid sent)."""
    done = [c for c in candidates if not c.code.startswith(INTENT_ROOT)]
    kept = []
    for c in candidates:
        if c.code.startswith(INTENT_ROOT):
            carried = set(coder.children(c.trigger_first, "xcomp", *OBJECT_DEPS))
            own = {m.code for m in c.sources}
            if any(own & {m.code for m in d.sources} and any(d.trigger_first <= k < d.trigger_last for k in carried)
                   for d in done):
                coder.note(c.trigger_first, f"{c.code}: what it decides is coded as done", c.pattern)
                continue
        kept.append(c)
    return kept


def may_hold_event(sentence: Sentence, mentions: list[ActorMention], patterns: PatternDictionary,
                   article_date: date | None = None) -> bool:
    """Whether coding the sentence can give an event: some verb or noun has a candidate (the
    probe's question; it stops at the first, builds no event and may say yes where merging or
    anchoring later leaves none, never no where coding finds one)."""
    if not mentions and not names_unnamed_violence(sentence, patterns):
        return False  # no actor, no event (as `code_sentence`), but for violence by no one named
    if patterns.discarded(sentence.text) is not None or discarding_actor(mentions, patterns):
        return False
    coder = SentenceCoder(sentence, mentions, patterns, article_date)
    return next(coder.verb_candidates(), None) is not None or next(coder.noun_candidates(), None) is not None


def probe_sentence(sentence: Sentence, mentions: list[ActorMention], patterns: PatternDictionary,
                   article_date: date | None = None) -> Prepared | None:
    """`may_hold_event`'s question answered by every candidate, not the first: the sentence's
    coder and candidates when it may hold an event (for `code_sentence` to build the events
    from, once the sentence has its entities), None when it cannot. A sentence with a
    candidate is coded anyway, so the probe does the coder's work once for both."""
    if not mentions and not names_unnamed_violence(sentence, patterns):
        return None
    if patterns.discarded(sentence.text) is not None or discarding_actor(mentions, patterns):
        return None
    coder = SentenceCoder(sentence, mentions, patterns, article_date)
    found = [*coder.verb_candidates(), *coder.noun_candidates()]
    # the verb facts are the candidates' alone, and each holds its coder in a closure: dropped
    # now, the coder's memory goes back by reference counting, not to the cyclic collector
    coder.facts.clear()
    return (coder, found) if found else None


def discarding_actor(mentions: list[ActorMention], patterns: PatternDictionary) -> ActorMention | None:
    """An actor whose code on the day is a discard code (TABARI's "NASGUL [###]"), if one is named."""
    if not patterns.discard_codes:
        return None
    return next((m for m in mentions if m.code in patterns.discard_codes), None)


def names_unnamed_violence(sentence: Sentence, patterns: PatternDictionary) -> bool:
    """Can a sentence that names no actor hold an event: violence by no one named ("An explosive
    device went off in Salahonda", "Shelling was reported in X")? A look at its lemmas only."""
    words = patterns.unnamed_words
    return bool(words) and any(t.lemma.lower() in words or t.lower in words for t in sentence.tokens)


def pairs(c: Candidate) -> list[tuple[ActorMention, ActorMention | None]]:
    out: list[tuple[ActorMention, ActorMention | None]] = []
    if c.symmetric and not c.targets and len(c.sources) >= 2:
        for a in c.sources:
            out += [(a, b) for b in c.sources if b is not a]
    elif c.targets:
        for a in c.sources:
            for b in c.targets:
                out.append((a, b))
                if c.symmetric and a.code != UNNAMED_SOURCE:  # no one named is no party to a fight
                    out.append((b, a))
    else:
        out = [(a, None) for a in c.sources]
    # one actor is not its own target; but "a man was beaten to death by a group of youths" is
    # violence between two of the same kind
    kept = [(a, b) for a, b in out if b is None or (a.first != b.first and (
        a.code != b.code or c.code[:2] in VIOLENT_ROOTS))]
    # "Mubarak imposed a curfew on Cairo": a place of the source's own country standing as the
    # target is where the act happens, not a party to it: the act has no target
    paired = {id(a) for a, _ in kept}
    own_places = {id(a): a for a, b in out if b is not None and a.code == b.code and b.kind in PLACE_KINDS
                  and id(a) not in paired}
    return kept + [(a, None) for a in own_places.values()]


def paired_back(c: Candidate) -> Candidate:
    """The event of a paired code ("LEFT [032:033]": X left for Y, and Y hosts X), from each
    target back to its source."""
    assert c.paired is not None
    return replace(c, code=c.paired, sources=c.targets, targets=c.sources, symmetric=False, paired=None)


KILLING = "1823"
# "..., killing five soldiers and wounding eight": the toll of the attack before, as participles.
TOLL_CODES = {KILLING, "182"}
CURATED_PATTERNS = "events/"  # where dyads' own pattern files live (packs/...: a dictionary pack)
VIOLENT_ROOTS = {"18", "19", "20"}
REPRESSION = "175"
ATTACK = "193"


def _unspecified_in_root(code: str, other: str) -> bool:
    """"130" (threaten, not specified) says less than any other code of root 13."""
    return len(code) == 3 and code.endswith("0") and other[:2] == code[:2]


def _curated(event: Event) -> bool:
    return event.pattern.startswith(CURATED_PATTERNS)


def merge_specific(events: list[Event]) -> list[Event]:
    """For one source/target pair and root, drop a code that a more specific code refines,
    and an event without a target that the same source's event of that root has one for
    ("arrived in Kyiv for talks with Zelensky": one visit, to Ukraine). First, the curated
    layer's reading of a pair wins over a pack's ("held talks": 040, not the pack's 046)."""
    events = [e for e in events if _curated(e) or not any(
        _curated(o) and o.source.code == e.source.code and o.root_code == e.root_code
        and (o.target.code if o.target else None) == (e.target.code if e.target else None) for o in events)]
    events = _tolls_merged(events)
    events = _aims_merged(events)
    # "threatened to impose sanctions on Russia": the sanctions threatened (1312) say what the
    # threat verb's own pattern (132, "threaten to impose") says, and more; but the verb's pattern
    # refining the threatened act's code wins ("threatened to attack": 1384 over 138)
    events = [e for e in events if not (e.root_code == THREAT_ROOT and "threat" not in e.modifiers and any(
        o.root_code == THREAT_ROOT and "threat" in o.modifiers and o.source.code == e.source.code
        and o.sentence_index == e.sentence_index and not e.code.startswith(o.code)
        and (o.target.code if o.target else None) == (e.target.code if e.target else None) for o in events))]
    # "two soldiers were killed in clashes with insurgents": the dead are a side of the fight
    # their killing is coded as, not the victims of a fight of no one's
    events = [e for e in events if e.source.code or e.target is None or not any(
        o.source.code and o.root_code == e.root_code and o.target is not None and o.target.code == e.target.code
        for o in events)]
    # "A roadside bomb planted by insurgents killed four soldiers": the bomb's act by no one, to
    # no one, is the killing the sentence codes
    events = [e for e in events if e.source.code or e.target is not None or not any(
        o is not e and o.root_code == e.root_code for o in events)]
    # "police fired live rounds to disperse protesters": the firing is how they dispersed them
    dispersals = {e.source.code for e in events if e.code.startswith(REPRESSION)}
    events = [e for e in events if not (e.code == ATTACK and e.source.code in dispersals)]
    events = _fights_sides(events)
    events = _protest_kinds_merged(events)
    # "ambushed a patrol, sparking an exchange of fire": the attack is the fight it set off
    sparked = {(e.sentence_index, e.trigger_start) for e in events if SPARKED in e.modifiers}
    events = [e for e in events if not (e.code == ATTACK and (e.sentence_index, e.trigger_start) in sparked)]
    keep = []
    for e in events:
        refined = any(
            o is not e and o.source.code == e.source.code
            and (o.target.code if o.target else None) == (e.target.code if e.target else None)
            and o.code != e.code and (o.code.startswith(e.code) or _unspecified_in_root(e.code, o.code))
            for o in events)
        # a bare weapon is no one's target ("a shell fired by the army": what was fired, not at whom)
        # (a riot is not a protest's targetless twin: "blocked the road ... and threw stones at
        # police" is a blockade and a riot)
        untargeted = (e.target is None or e.target.code == UNOWNED_WEAPON) and any(
            o is not e and o.target is not None and _same_side(e.source.code, o.source.code)
            and o.root_code == e.root_code and (e.code.startswith(RIOT) == o.code.startswith(RIOT))
            for o in events)
        if (not refined or SPARKED in e.modifiers) and not untargeted:
            keep.append(e)
    return sorted(keep, key=lambda e: (e.trigger_start, e.source.start, e.code,
                                        e.target.start if e.target else -1))


FIGHT_ROOT = "19"


def _fights_sides(events: list[Event]) -> list[Event]:
    """"Militants took control of the town after an exchange of fire with troops": a side's act
    of the fight's root with no target of its own (a seizure, a shelling) is against the side it
    fought in the sentence (a seized town is taken from the side that held it)."""
    out = []
    for e in events:
        if e.target is None and e.root_code == FIGHT_ROOT:
            fought = next((o.target for o in events if o is not e and o.root_code == FIGHT_ROOT
                           and "symmetric" in o.modifiers and o.sentence_index == e.sentence_index
                           and o.source.code == e.source.code and o.target is not None
                           and o.target.code != UNOWNED_WEAPON), None)
            if fought is not None:
                e = replace(e, target=fought)
        out.append(e)
    return out


def _same_side(code: str, other: str) -> bool:
    """The same actor, or a country and its forces ("Russian shelling" RUS, "killed by Russian
    shelling" RUSMIL: one act)."""
    return code == other or (len(code) == COUNTRY_CODE_LENGTH and other.startswith(code)
                             and other[COUNTRY_CODE_LENGTH:] in FORCE_ROLES)


# Protests of a kind of their own (142 hunger strike, 143 strike, 144 blockade), and the
# demonstration (141) that a protest verb codes
PROTEST_KINDS = ("142", "143", "144")
DEMONSTRATION = "141"


def _protest_kinds_merged(events: list[Event]) -> list[Event]:
    """"Youths blocked the road, protesting the arrest of their leader by police", "went on strike
    to protest the detention of two colleagues": the blockade (144) or the strike (143) is the
    protest, the protest verb says whom it is against; one event of that kind, with that target (the
    local writers: blockades 144x, strikes 143x), not a demonstration (141) and a targetless act."""
    dropped: set[int] = set()
    out = []
    for e in events:
        # (or, the strike's own words naming the target too, a demonstration of the same target)
        told = next((o for o in events if e.code.startswith(PROTEST_KINDS) and o.code.startswith(DEMONSTRATION)
                     and o.target is not None and (e.target is None or e.target.code == o.target.code)
                     and o.source.code == e.source.code and o.sentence_index == e.sentence_index), None)
        if told is not None:
            dropped.add(id(told))
            e = replace(e, target=told.target)
        out.append(e)
    return [e for e in out if id(e) not in dropped]


def _aims_merged(events: list[Event]) -> list[Event]:
    """"went on strike on Monday, demanding a pay rise from the government": the demand is what
    the protest is for, not an event of its own (whom the protest is against, its demand tells:
    `SentenceCoder.demanded_targets`)."""
    out = []
    for e in events:
        if "aim" in e.modifiers:
            if any(p.root_code == PROTEST_ROOT and p.source.code == e.source.code for p in events):
                continue
            e = replace(e, modifiers=tuple(m for m in e.modifiers if m != "aim"))  # a demand of its own
        out.append(e)
    return out


def _tolls_merged(events: list[Event]) -> list[Event]:
    """"bombed the mosque, killing 46 worshippers and wounding 20": the killing and the wounding
    are the attack's toll, not events of their own; their victims are the attack's target when
    the attack names none."""
    # "used live ammunition to disperse them, killing four": repression has a toll too
    attacks = [e for e in events if (e.root_code in VIOLENT_ROOTS or e.code.startswith(REPRESSION))
               and e.code not in TOLL_CODES]
    tolls = [e for e in events if e.code in TOLL_CODES and "participle" in e.modifiers
             and any(a.source.code == e.source.code and "participle" not in a.modifiers for a in attacks)]
    out = []
    for e in events:
        if any(e is t for t in tolls):
            continue
        victims = next((t.target for t in tolls if t.target is not None and t.source.code == e.source.code), None)
        if e.target is None and victims is not None and any(e is a for a in attacks):
            e = replace(e, target=victims)
        out.append(e)
    return out


def event_date(sentence: Sentence, clause: list[int], article_date: date | None,
               previous_date: date | None, prefer_future: bool) -> tuple[date | None, str | None, str]:
    clause_set = set(clause)
    ordered = sorted(sentence.entities, key=lambda e: not any(k in clause_set for k in range(e.first, e.last)))
    for span in ordered:
        if span.label != "DATE":
            continue
        text = " ".join(t.text for t in sentence.tokens[span.first:span.last])
        in_clause = any(k in clause_set for k in range(span.first, span.last))
        # "decided on Thursday to resume exercises": a date outside the intended act's clause is
        # the day of the decision, which is past
        resolved = resolve_date(text, article_date, prefer_future and in_clause)
        if resolved is not None:
            return resolved, text, "clause" if in_clause else "sentence"
    if previous_date is not None:
        return previous_date, None, "previous"
    if article_date is not None:
        return article_date, None, "article"
    return None, None, "none"


def build_event(sentence: Sentence, coder: SentenceCoder, c: Candidate, source: ActorMention,
                target: ActorMention | None, article_date: date | None,
                previous_date: date | None) -> Event:
    source = coder.striking_forces(source, c.code)
    info = coder.patterns.code_info(c.code)
    when, when_text, basis = event_date(sentence, c.clause, article_date, previous_date,
                                        c.prefer_future)
    confidence = CONFIDENCE_BASE
    confidence -= PENALTY_INHERITED_SOURCE if c.inherited else 0
    confidence -= PENALTY_NOMINAL if "nominal" in c.modifiers else 0
    confidence -= PENALTY_NO_TARGET if target is None else 0
    confidence -= PENALTY_ARTICLE_DATE if basis in ("article", "none") else 0
    first, last = coder.tokens[c.trigger_first], coder.tokens[c.trigger_last - 1]
    modifiers = list(c.modifiers)
    if c.symmetric:
        modifiers.append("symmetric")
    return Event(
        doc_id=sentence.doc_id,
        sentence_index=sentence.index,
        code=c.code,
        root_code=info.root,
        quad_class=info.quad_class,
        goldstein=info.goldstein,
        plover_type=info.plover_type,
        source=as_event_actor(source),
        target=as_event_actor(target) if target else None,
        trigger=sentence.text[first.start - sentence.start: last.end - sentence.start],
        trigger_start=first.start,
        trigger_end=last.end,
        sentence=sentence.text,
        sentence_start=sentence.start,
        sentence_end=sentence.end,
        date=when,
        date_text=when_text,
        date_basis=basis,
        confidence=round(max(confidence, 0.1), 2),
        pattern=str(c.pattern),
        modifiers=tuple(modifiers),
    )


def as_event_actor(m: ActorMention) -> EventActor:
    return EventActor(m.code, m.name, m.text, m.start, m.end)
