"""English words the coder reads by (language data, like spaCy's lang/en tables): verb forms no
suffix rule makes, which the prefilter inflects pattern verbs with and the event coder mends the
lemmatizer's slips on ("retook" left as its own lemma); the prepositions that say where.
"""

from __future__ import annotations

IRREGULAR_FORMS = {
    "meet": ["met"], "hold": ["held"], "send": ["sent"], "fight": ["fought"], "seek": ["sought"],
    "give": ["gave", "given"], "take": ["took", "taken"], "strike": ["struck", "stricken"],
    "shoot": ["shot"], "speak": ["spoke", "spoken"], "go": ["went", "gone"], "make": ["made"],
    "say": ["said"], "tell": ["told"], "lay": ["laid"], "lead": ["led"], "leave": ["left"],
    "break": ["broke", "broken"], "bring": ["brought"], "buy": ["bought"], "sell": ["sold"],
    "win": ["won"], "lose": ["lost"], "throw": ["threw", "thrown"], "beat": ["beaten"],
    "steal": ["stole", "stolen"], "freeze": ["froze", "frozen"], "forgive": ["forgave", "forgiven"],
    "withdraw": ["withdrew", "withdrawn"], "drive": ["drove", "driven"], "undertake":
    ["undertook", "undertaken"], "overrun": ["overran"], "blow": ["blew", "blown"],
    "fly": ["flew", "flown"], "begin": ["began", "begun"], "draw": ["drew", "drawn"],
    "see": ["saw", "seen"], "find": ["found"], "keep": ["kept"], "stand": ["stood"],
    "slay": ["slew", "slain"], "ring": ["rang", "rung"], "shake": ["shook", "shaken"],
    "rise": ["rose", "risen"], "swear": ["swore", "sworn"], "seize": ["seized"],
    "tear": ["tore", "torn"], "wear": ["wore", "worn"], "hide": ["hid", "hidden"],
    "bite": ["bit", "bitten"], "choose": ["chose", "chosen"], "write": ["wrote", "written"],
    "sing": ["sang", "sung"], "run": ["ran"], "come": ["came"], "become": ["became"],
    "feel": ["felt"], "deal": ["dealt"], "mean": ["meant"], "pay": ["paid"], "flee": ["fled"],
    "bind": ["bound"], "wind": ["wound"], "sink": ["sank", "sunk"], "stick": ["stuck"],
    "shut": [], "hit": [], "cut": [], "put": [], "set": [], "spread": [], "quit": [], "cast": [],
}
# Prefixes that keep the verb's irregular forms: "retake" -> "retook", "overrun" -> "overran".
PREFIXES = ("re", "over", "under", "out", "with", "mis")
LEMMA_OF = {form: lemma for lemma, forms in IRREGULAR_FORMS.items() for form in forms}


def irregular_forms(lemma: str) -> list[str]:
    """The irregular forms of a verb lemma, its prefixed compounds' included."""
    if lemma in IRREGULAR_FORMS:
        return IRREGULAR_FORMS[lemma]
    for prefix in PREFIXES:
        rest = lemma[len(prefix):]
        if lemma.startswith(prefix) and rest in IRREGULAR_FORMS:
            return [prefix + form for form in IRREGULAR_FORMS[rest]]
    return []


def lemma_of_irregular(word: str) -> str | None:
    """The lemma of an irregular form ("took" -> "take", "retook" -> "retake"), or None."""
    if word in LEMMA_OF:
        return LEMMA_OF[word]
    for prefix in PREFIXES:
        rest = word[len(prefix):]
        if word.startswith(prefix) and rest in LEMMA_OF:
            return prefix + LEMMA_OF[rest]
    return None

# Regular plural endings and the singular ending each replaces, longest first: "authorities" is
# "authority", "congresses" "congress", "militias" "militia".
PLURAL_ENDINGS = (("ies", "y"), ("sses", "ss"), ("shes", "sh"), ("ches", "ch"), ("xes", "x"), ("zes", "z"),
                  ("s", ""))


def singular(word: str) -> str:
    """The singular of a word read as a regular plural ("Congresses" -> "Congress"); the word if
    it has no plural ending."""
    for ending, single in PLURAL_ENDINGS:
        if word.endswith(ending) and len(word) > len(ending):
            return word[: -len(ending)] + single
    return word

# Prepositions whose object is where something is or happens: "talks in Kuala Lumpur" (a place,
# not a party to the talks), "arrested 15 people in Mpeketoni". The event coder and the geocoder
# share them; the geocoder adds "into" ("troops moved into Goma"), which for the coder names a
# target ("an inquiry into Iran's programme").
LOCATIVE_PREPOSITIONS = frozenset({"in", "at", "near", "inside", "within", "throughout", "across", "around",
                                   "outside"})
