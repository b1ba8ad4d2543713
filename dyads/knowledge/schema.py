"""The shape of every dictionary file, validated on load (pydantic, unknown fields refused)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

ROLE_RE = r"^([A-Z]{3})?$"


class Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CountryEntry(Entry):
    code: str = Field(pattern=r"^[A-Z]{3}$")
    name: str
    names: list[str] = []
    adjectives: list[str] = []
    people: list[str] = []
    capitals: list[str] = []
    seats: list[str] = []


class CountriesFile(Entry):
    version: int
    countries: list[CountryEntry]


class RegionEntry(Entry):
    code: str = Field(pattern=r"^[A-Z]{3}$")
    name: str
    names: list[str] = []
    adjectives: list[str] = []


class RegionsFile(Entry):
    version: int
    regions: list[RegionEntry]


class Period(Entry):
    code: str = Field(pattern=r"^([A-Z]{3})+$")
    title: str | None = None
    start: date | None = None
    end: date | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.start and self.end and self.start > self.end:
            raise ValueError(f"start {self.start} is after end {self.end}")
        return self

    def holds_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


class OrganisationEntry(Entry):
    name: str
    aliases: list[str]
    code: str | None = Field(default=None, pattern=r"^([A-Z]{3})+$")
    periods: list[Period] = []

    @model_validator(mode="after")
    def _one_code(self) -> OrganisationEntry:
        if (self.code is None) == (not self.periods):
            raise ValueError("give exactly one of 'code' or 'periods'")
        return self


class OrganisationsFile(Entry):
    version: int
    organisations: list[OrganisationEntry]


class PersonEntry(Entry):
    name: str
    aliases: list[str]
    roles: list[Period] = Field(min_length=1)


class PeopleFile(Entry):
    version: int
    people: list[PersonEntry]


class RoleEntry(Entry):
    role: str = Field(pattern=ROLE_RE)  # "" for nouns that mean the country itself
    nouns: list[str]
    note: str | None = None


class RolesFile(Entry):
    version: int
    roles: list[RoleEntry]
    counterpart: list[str]  # nouns that take the role of the actor they are paired with
    anchored: list[str] = []  # roles whose bare nouns take the country of their event's place
    arms: list[str] = []  # nouns of those roles that do not: a bare "drone" is no one's
    owned_only: list[str] = []  # nor these, with no one: "Ukrainian positions" UKRMIL, "positions" no one
    # "a spokesman for the Sudanese government": these speak for whom "for" names (their owner)
    speaking_for: list[str] = []
    # "the Syrian side of the Golan Heights": with "of", ground, not the party it may name alone
    ground_of: list[str] = []
    # "Mangu local government area": phrases that name a place, whose words are no role
    place_phrases: list[str] = []
    former: list[str]  # modifiers that make an office holder an ex-official (role ELI)
    # modifiers that make a criminal a suspect, a civilian (CVL): "two suspected kidnappers"
    suspected: list[str] = []
    # role nouns armed where they act and civilians where others act on them: "Individuals armed with
    # machetes killed four farmers" (UAF), "police arrested three individuals" (CVL)
    armed_when_acting: list[str] = []
    quantity_nouns: list[str] = []  # "thousands of X", "elements of X": the people are X
    # "the agency" after "the International Atomic Energy Agency": nouns that, after "the", name
    # the organisation named last whose name ends in them; and those that name the last
    # international organisation whatever its name ("the bloc", "the alliance")
    back_reference: list[str] = []
    back_reference_igo: list[str] = []


class VerbPattern(Entry):
    """A verb (lemma) that codes an event, with optional conditions that make it more specific."""

    code: str = Field(pattern=r"^\d{2,4}$")
    verbs: list[str] = Field(min_length=1)
    particle: list[str] = []  # prt child: "call off", "step up"
    object: list[str] = []  # lemma of the direct object (or the passive subject)
    object_not: list[str] = []  # the pattern does not fire on these objects ("hosted refugees")
    # the kind of actor the object names (dyads.model.ActorMention.kind): "seized Phnom Penh", a capital
    object_kind: list[Literal["person", "organisation", "seat", "capital", "country", "people", "region",
                              "role"]] = []
    # the role of the actor the subject names, "" for a country alone: a government that
    # "protested" complained (114), a crowd demonstrated (141)
    subject_role: list[str] = []
    prep_object: dict[str, list[str]] = {}  # {"for": ["ceasefire"]}: a prep child and its object
    xcomp: list[str] = []  # lemma of a clausal complement: "agree to MEET"
    context: list[str] = []  # any of these lemmas in the clause: "telephone"
    joint_subject: bool = False  # the subject is two parties joined ("Washington and Seoul held exercises")
    deadline: bool = False  # the verb gives a time to act in: "gave Vilnius two days to revoke the laws"
    # TABARI's compound slot ("- % HAVE * [191]"): with no target named, the parties of the joint
    # subject are each other's ("Gondor and Osgiliath have delayed their meeting": both ways; with
    # a paired code [044:045], the first party to the others and the paired code back)
    compound: bool = False
    # words of the verb's clause after / before it, in order, each a list of alternatives (long
    # words match as stems): the phrase patterns of the CAMEO verb dictionary ("accuse ... OF TORTURE")
    after: list[list[str]] = []
    before: list[list[str]] = []
    # positions in `after` / `before` of words that must come right after the word before them
    # (TABARI's connector: "ECONOMIC_SANCTIONS" is not "economic and other sanctions")
    after_joined: list[int] = []
    before_joined: list[int] = []
    target: list[str] | None = None  # where the target is: dobj, dative, or a preposition
    reverse: bool = False  # the subject is the target: "X received aid from Y" -> Y -> X
    symmetric: bool = False
    # a second event, from the target back to the source, with this code: TABARI's paired code
    # ("LEFT [032:033]": X left for Y is X -> Y 032 and Y -> X 033, a visit and its hosting)
    paired: str | None = Field(default=None, pattern=r"^\d{2,4}$")
    no_target: bool = False  # the code never has a target (statements, protests)
    needs_target: bool = False  # no event without a target ("called the reports baseless")
    # else the first actor after the verb in its clause is the target, as PETRARCH reads a phrase
    target_after_verb: bool = False
    # "a bomb exploded near a convoy": the event needs no named source (violence only)
    unnamed_source: bool = False
    # "Police found the bodies of five men": the subject found the act, it did not do it
    subject_not_agent: bool = False
    # a TABARI pattern (written for a coder without a parse): its verb codes where the parse reads a
    # noun or an adjective too, when the words it sets before it hold ("RECENTLY RAISED ITS * [042]")
    any_part_of_speech: bool = False
    # TABARI's target slot right before the verb ("- SUGGESTED + * REQUIRE CONVENTIONS"): read where
    # the verb is a modal such a dictionary makes a verb, its clause's subject is the target
    target_before: bool = False

    @field_validator("verbs", "particle", "object", "object_not", "xcomp", "context")
    @classmethod
    def _lower(cls, values: list[str]) -> list[str]:
        return [v.lower() for v in values]


class NounPattern(Entry):
    """A noun that reports an event by itself: "talks", "the airstrike on", "a phone call"."""

    code: str = Field(pattern=r"^\d{2,4}$")
    nouns: list[str] = Field(min_length=1)
    modifiers: list[str] = []  # a compound/amod that must be present: "telephone" conversation
    target: list[str] = ["with", "to", "on", "against", "between", "for"]
    support_verbs: list[str] = []  # if set, only as object of these verbs ("hold talks")
    symmetric: bool = False


class PatternsFile(Entry):
    version: int
    verbs: list[VerbPattern] = []
    nouns: list[NounPattern] = []


class IntentMap(Entry):
    action: str = Field(pattern=r"^\d{2,4}$")  # a code or code prefix of the action
    intent: str = Field(pattern=r"^\d{2,4}$")  # the code when it is only intended / threatened


class PlaceWordsFile(Entry):
    """places/words.yaml: the words that find and place place names in a sentence."""
    version: int
    adm1_words: list[str]
    district_words: list[str]
    region_words: list[str]
    city_words: list[str]
    resident_words: list[str]
    local_office_words: list[str]
    facility_words: list[str]
    feature_words: list[str]
    place_verbs: list[str]
    place_act_nouns: list[str]
    town_part_words: list[str]
    compass_words: list[str]
    relation_words: list[str]
    distance_units: list[str]
    distance_approximators: list[str] = []  # "SOME 140 km north-east of Isiolo"
    route_words: list[str]
    header_unit_words: list[str]
    unit_first_words: list[str]
    name_particles: list[str]
    arabic_articles: list[str]


class FigureWordsFile(Entry):
    """figures.yaml: the words that find reported figures and say what they count."""
    version: int
    kinds: dict[str, list[str]]  # cue words by kind: killed, injured, displaced ...
    none: dict[str, list[str]] = {}  # "no fatalities": a zero toll, by kind
    not_people: list[str]  # "two bombings killed 40", "$5 million": what a number counts is no people
    border_verbs: list[str]  # "fled the country": the displaced are refugees
    abroad_words: list[str]
    qualifiers: dict[str, list[str]]  # "more than", "at least"
    vague: dict[str, tuple[int, int]]  # "dozens": conventional bounds
    report_nouns: list[str]  # "a report BY the Syrian Center": who gave the figure
    reporting_verbs: list[str]  # "officials SAID"
    count_nouns: list[str] = []  # "the NUMBER of dead had risen to 11": the cue of the "of" phrase counts


class ClauseWords(Entry):
    version: int
    intent_verbs: list[str]  # "plans to", "pledged to": the complement is an intent
    intent_adjectives: list[str]  # "ready to", "willing to"
    hypothetical_adjectives: list[str] = []  # "unlikely to", "likely to": a guess, not an act
    threat_verbs: list[str]  # "threatened to": the complement is a threat
    refusal_verbs: list[str]  # "refused to", "failed to": the complement did not happen
    # "denied that its troops fired", "denied reports that ...": what is denied is not reported as done
    denial_verbs: list[str] = ["deny"]
    # "denied reports that ...": the nouns whose denial is no event at all
    report_nouns: list[str] = ["report", "claim"]
    appeal_verbs: list[str]  # "urged X to withdraw": the withdrawal is only asked for
    speech_verbs: list[str]  # "said", "told": complements are reported, not the speaker's acts
    hypothetical_modals: list[str]  # "could", "might"
    # "said that Pretoria must dismantle apartheid": a speaker's obligation on another actor is
    # coded with the patterns of `obligation_verb`
    obligation_modals: list[str] = []
    obligation_verb: str = "demand"
    future_modals: list[str]  # "will": intent in reported speech
    conditional_markers: list[str]  # "if", "unless"
    negations: list[str]  # "not", "never"
    # "not only condemned X but also Y", "did not just criticize": a negation followed by one of
    # these sets up a pair and negates nothing
    pairing_adverbs: list[str] = []
    # background, not an event of the article's day: "has long accused", "routinely hold talks"
    habitual_adverbs: list[str] = []
    # "have fought three wars since independence": a perfect clause with one of these
    since_words: list[str] = []
    # "has backed the guerrillas for years": a perfect clause lasting one of these
    long_durations: list[str] = []
    conflict_spans: list[str] = []  # "have been killed in THE VIOLENCE": a sum over a conflict
    span_units: list[str] = []  # "have been killed in the nine DAYS of fighting": a sum over a span
    # "YESTERDAY's attack", "the approval over the WEEKEND": words naming a day by themselves, besides
    # the weekdays and months
    day_words: frozenset[str] = frozenset()
    # "troops occupying southern Lebanon": a participle of these describing a noun is a state
    state_participles: list[str] = []
    # "renewed its call for", "stepped up its demands for": a light verb whose object is an act
    # noun codes as that noun's verb when it has no pattern of its own
    light_verbs: list[str] = []
    # "4 police officers killed.": verbs whose counted subject, with no "were", is their victims
    note_passive_verbs: list[str] = []
    # "4 jihadists reported killed": verbs that report those victims, the count their subject
    note_report_verbs: list[str] = []
    # "an artillery shell killed a man", "killed by a mortar round": a weapon (lemma or phrase)
    # that is the subject or agent of a killing or a wounding names the act, by its CAMEO code
    weapon_acts: dict[str, str] = {}
    # "gunmen shot dead opposition leader Benazir Bhutto": a killing (or bombing) of one person of
    # these roles is an assassination (186), whatever the weapon; the codes it replaces
    assassinated_roles: list[str] = []
    assassination_of: list[str] = []
    # "Kenyan police officers arrived in Haiti to lead a mission", "the last Soviet troops left
    # Afghanistan": forces (MIL, COP) that arrive in or leave another country by these verbs are
    # deployed (074) or withdrawn (0874), not visiting (04x); verb lemma -> code
    force_movements: dict[str, str] = {}
    # "An explosive device went off in X", "Shelling was reported in X": words that name violence
    # by no one named; a sentence that names no actor is parsed and coded when it holds one
    unnamed_violence: list[str] = []
    # "the death toll rose to 12", "put the toll at 11 dead": a verb whose "to" or "at" object is a
    # later figure for an act the article told before (dyads.coding.tolls, the latest toll)
    toll_revision_verbs: list[str] = []
    # "Officials LATER said nine people had been killed": adverbs that make a toll a later statement
    toll_update_words: list[str] = []
    # "The ATTACK killed four soldiers.": nouns of one violent act, whose count in a closing line is
    # its toll, not a running total
    closing_act_nouns: frozenset[str] = frozenset()
    # "The provisional BALANCE is two gendarmes killed": nouns of an act's count in a closing line
    toll_nouns: frozenset[str] = frozenset()
    # "two MORE people died": a count with one of these adds to a toll told before, none itself
    added_words: frozenset[str] = frozenset()
    # "seven civilians killed, AMONG them three children": a count under these is part of another
    part_words: frozenset[str] = frozenset()
    # "killed in the fighting": an act noun of a count's "in" phrase -> the code prefix of the act it names
    toll_act_nouns: dict[str, str] = {}
    # "raised its toll to 17 soldiers killed, and said 20 militants had died": the side of a fight
    # the noun a figure counts is on; a later figure of one side replaces that side's (lemma -> side)
    toll_sides: dict[str, str] = {}
    # "Shelling was reported in X", "an explosion occurred": verbs that say an act named by a noun,
    # their subject, happened (by no one named, when no one is)
    happening_verbs: list[str] = []
    # "lifted sanctions against Pretoria", "eased its blockade": verbs whose object, an act noun,
    # they end; the noun is then no event of its own
    ending_verbs: list[str] = []
    # "Iran condemned the attack by Israel": verbs that comment on the act their object names;
    # the act noun is then only commented on, no event of its own
    commenting_verbs: list[str] = []
    # "demanding the resignation of the governor": what a protest demands names whom it is against
    against_nouns: list[str] = []
    # "marched demanding that the president resign", "a strike against the new tax law": the words
    # of what a protest presses for that give its political-reform digit (CAMEO 14x1 leadership,
    # 14x2 policy, 14x3 rights, 14x4 institutions or regime); digit -> lemmas or two-lemma phrases
    reform_aims: dict[Literal["1", "2", "3", "4"], list[str]] = {}
    repeating_verbs: list[str] = []  # "renewed", "stepped up": the act noun decides before the verb's patterns
    act_nouns: dict[str, str] = {}
    act_parts: list[str] = []  # "a new round of negotiations": the act noun after "of"
    # "Britain's suspension of military aid to Nepal": a deverbal noun heading its clause's subject
    # is its verb's event (noun: verb); the "of" phrase is the object, or the doer for these
    nominal_verbs: dict[str, str] = {}
    nominal_intransitive: list[str] = []
    nominal_order_verbs: list[str] = []  # "ordered the expulsion of": the deverbal object is the act
    # "the extradition of the cleric from Britain": removal nouns whose "from" country is the doer
    nominal_from_doer: list[str] = []
    # "the withdrawal ... ENDED nine years of war": verbs telling what an act did, not a comment on it
    consequence_verbs: list[str] = []
    # "a small boat laden with explosives": a vehicle (its bombing code) laden with an explosive
    vehicle_bombs: dict[str, str] = {}
    laden_words: list[str] = []
    explosive_nouns: list[str] = []
    # "must stop shelling Sarajevo OR FACE air strikes": a demand or a consequence is a threat of it
    ultimatum_verbs: list[str] = []
    ultimatum_consequences: dict[str, str] = {}  # "military action": "138", when no noun pattern says
    # "gave Belgrade 48 hours to withdraw": the act a deadline verb with one of these nouns is
    # given time for is only demanded
    deadline_verbs: list[str] = []
    # the grammar's word classes (membership tests on the hot path: sets)
    resumptive_pronouns: frozenset[str]  # "Iran said IT would": the speaker of the clause around
    object_pronouns: frozenset[str]  # "received X and held talks with HIM": the first verb's object
    direction_adverbs: frozenset[str]  # "handed X BACK to Y": the "to" phrase is the target
    support_verbs: frozenset[str]  # "HELD talks", "LAUNCHED an attack": the noun's event happens
    sparking_verbs: frozenset[str]  # "ambushed a patrol, SPARKING an exchange of fire": a fight
    collective_nouns: frozenset[str]  # "killed the GOVERNMENT": a body, not one person
    group_nouns: frozenset[str] = frozenset()  # "killed a police PATROL": a group, no toll of one
    subject_control_verbs: frozenset[str]  # "PROMISED Kyiv to send tanks": the subject's act
    victim_verbs: frozenset[str]  # "..., KILLING three soldiers": the attack's victims
    aim_verbs: frozenset[str]  # "exploded TARGETING a patrol": what a weapon was aimed at
    repression_verbs: frozenset[str]  # "DETAINED 12 demonstrators at a rally": the protest happened
    protest_nouns: frozenset[str]  # "held a RALLY of 200 people": its members, not its target
    # "PROTESTERS demanding the resignation of the prime minister": people whose demand, told by a
    # participle on them, is their protest (141x)
    protester_nouns: frozenset[str] = frozenset()
    demand_verbs: frozenset[str]  # "..., DEMANDING the resignation of": whom a protest is against
    asking_verbs: frozenset[str]  # "to PRESS the government to": whom the demand is asked of
    # "DEMONSTRATED over the killing of a classmate": the act a protest is against is its grievance
    grievance_verbs: frozenset[str] = frozenset()
    # "EXPELLED diplomats from Germany": the "from" country is the expelled people's
    expelling_verbs: frozenset[str] = frozenset()
    # "took the town, HELD by a police detachment": the "by" phrase of these is the side a seized
    # place was taken from
    holding_verbs: frozenset[str] = frozenset()
    # "rejected THE RESOLUTION", "condemned THE VERDICT": acts a reaction answers, whose doer the
    # article told before (dyads.coding.discourse)
    answered_act_nouns: frozenset[str] = frozenset()
    # "welcomed THE TRUCE": an answered act that is the agreement signed before, aimed at its parties
    agreement_nouns: frozenset[str] = frozenset()
    deadline_nouns: list[str] = []
    # "refused to allow X to visit": what these let happen is refused when they are, X the target
    permission_verbs: list[str] = []
    intents: list[IntentMap]
    threats: list[IntentMap]
    # appeal (02x), demand (10x) and refusal (12x) codes for the act a bare appeal or demand asks
    # for or a refusal refuses
    appeals: list[IntentMap] = []
    demands: list[IntentMap] = []
    refusals: list[IntentMap] = []
