"""Verb pattern conditions: one predicate per condition field of a verb pattern
(dyads.knowledge.schema.VerbPattern), in a registry.

A predicate takes the field's value and what hangs from the verb in the parse (`VerbFacts`, worked
out once per verb) and says whether the condition holds: None when it does not, else the points it
adds to the pattern's specificity (the most specific pattern that holds wins). A new condition is
one function here and one field in the schema.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, cast

# A phrase word this long or longer matches as a stem, as TABARI's words do ("VIOLAT" matches
# "violated", "violating"); shorter ones ("ON", "OF", "WAR") only whole, or "of" would match "offer".
STEM_MIN_LENGTH = 5


@dataclass(frozen=True, slots=True)
class VerbFacts:
    """What a verb's patterns are checked against."""

    particles: frozenset[str]  # prt children: "call OFF"
    object_forms: frozenset[str]  # objects (and a passive's subject) with their compounds
    complements: frozenset[str]  # xcomp/ccomp lemmas: "agree to MEET"
    context: frozenset[str]  # every lemma of the verb's clause
    # the clause's words before / after the verb, each as the keys a phrase word matches it by
    # (`word_keys`), and all of them together, to rule most patterns out at once
    before: tuple[frozenset[str], ...]
    after: tuple[frozenset[str], ...]
    prep_has: Callable[[str, Sequence[str]], bool]  # a "prep X" phrase of the verb names one of the words
    before_any: frozenset[str] = frozenset()
    after_any: frozenset[str] = frozenset()
    joint_subject: bool = False  # the subject is two parties joined: "Washington and Seoul kicked off"
    object_kinds: frozenset[str] = frozenset()  # the kinds of actor its objects name: "seized Kabul", a capital
    deadline: bool = False  # a time to act in and the act: "gave Vilnius two days to revoke the laws"
    # the roles of the actors its subject names ("" a country): asked only by the few patterns that
    # set `subject_role`, so worked out then, not for every verb
    subject_roles: Callable[[], frozenset[str]] = frozenset


def word_keys(forms: Sequence[str]) -> frozenset[str]:
    """What a phrase word may be to match a word of these forms (lower case, lemma): a form itself,
    or a stem of STEM_MIN_LENGTH letters or more that begins one."""
    keys = set(forms)
    for form in forms:
        keys.update(form[:n] for n in range(STEM_MIN_LENGTH, len(form)))
    return frozenset(keys)


Predicate = Callable[[Any, VerbFacts], int | None]
# a phrase condition reads the pattern too: its words joined to the word before them
PhrasePredicate = Callable[[Any, VerbFacts, Any], int | None]


def _one_of(points: int, field: Callable[[VerbFacts], frozenset[str]]) -> Predicate:
    return lambda wanted, facts: points if field(facts) & set(wanted) else None


def _none_of(wanted: list[str], facts: VerbFacts) -> int | None:
    return None if facts.object_forms & set(wanted) else 0


def _joint_subject(wanted: bool, facts: VerbFacts) -> int | None:
    return 1 if facts.joint_subject else None


def _deadline(wanted: bool, facts: VerbFacts) -> int | None:
    return 1 if facts.deadline else None


def _prep_object(wanted: dict[str, list[str]], facts: VerbFacts) -> int | None:
    return 2 if any(facts.prep_has(prep, words) for prep, words in wanted.items()) else None


def phrase_in_order(phrase: Sequence[Sequence[str]], words: Sequence[frozenset[str]],
                    anywhere: frozenset[str] | None = None, joined: Sequence[int] = ()) -> bool:
    """Whether the phrase's words (each a list of alternatives) occur in `words` (each the
    `word_keys` of a word) in this order, other words allowed between them but not before the
    phrase words at the positions `joined`; `anywhere`, the union of `words`, rules a phrase out
    before the walk when one of its words is nowhere."""
    if anywhere is not None and not all(any(word in anywhere for word in alternatives) for alternatives in phrase):
        return False
    if not joined:
        at = 0
        for alternatives in phrase:
            while at < len(words) and not any(word in words[at] for word in alternatives):
                at += 1
            if at == len(words):
                return False
            at += 1
        return True
    return _joined_in_order(phrase, words, frozenset(joined), 0, 0)


def _joined_in_order(phrase: Sequence[Sequence[str]], words: Sequence[frozenset[str]], joined: frozenset[int],
                     n: int, at: int) -> bool:
    """`phrase_in_order` from phrase word `n` and text word `at`, trying each place a word fits
    (a joined word must be at `at` itself)."""
    if n == len(phrase):
        return True
    last = at + 1 if n in joined and n > 0 else len(words)
    for k in range(at, min(last, len(words))):
        if any(word in words[k] for word in phrase[n]) and _joined_in_order(phrase, words, joined, n + 1, k + 1):
            return True
    return False


def _after(phrase: list[list[str]], facts: VerbFacts, pattern: Any = None) -> int | None:
    joined = getattr(pattern, "after_joined", ())
    return len(phrase) if phrase_in_order(phrase, facts.after, facts.after_any, joined) else None


def _before(phrase: list[list[str]], facts: VerbFacts, pattern: Any = None) -> int | None:
    joined = getattr(pattern, "before_joined", ())
    return len(phrase) if phrase_in_order(phrase, facts.before, facts.before_any, joined) else None


# the conditions that read the pattern's other fields too (the phrase's joined words)
PHRASE_CONDITIONS = ("after", "before")
# field name -> predicate, checked in this order (cheap ones first)
CONDITIONS: dict[str, Predicate | PhrasePredicate] = {
    "particle": _one_of(1, lambda f: f.particles),
    "object": _one_of(1, lambda f: f.object_forms),
    "object_not": _none_of,
    "object_kind": _one_of(1, lambda f: f.object_kinds),
    "subject_role": _one_of(1, lambda f: f.subject_roles()),
    "xcomp": _one_of(1, lambda f: f.complements),
    "context": _one_of(1, lambda f: f.context),
    "prep_object": _prep_object,
    "joint_subject": _joint_subject,
    "deadline": _deadline,
    "after": _after,
    "before": _before,
}


def specificity(pattern: object, facts: VerbFacts) -> int | None:
    """The points of every condition the pattern sets, or None when one does not hold."""
    score = 0
    for name, holds in CONDITIONS.items():
        wanted = getattr(pattern, name)
        if not wanted:
            continue
        points = (cast(PhrasePredicate, holds)(wanted, facts, pattern) if name in PHRASE_CONDITIONS
                  else cast(Predicate, holds)(wanted, facts))
        if points is None:
            return None
        score += points
    return score


@dataclass(frozen=True, slots=True)
class PhraseIndex:
    """A verb's phrase patterns by the first word of their phrase, so a clause is checked only
    against the patterns whose first word it has (a pack verb has up to a few hundred)."""

    always: tuple[int, ...]  # positions of the patterns with no phrase
    by_first_after: dict[str, tuple[int, ...]]
    by_first_before: dict[str, tuple[int, ...]]

    @classmethod
    def of(cls, patterns: Sequence[Any]) -> PhraseIndex:
        always: list[int] = []
        after: dict[str, list[int]] = {}
        before: dict[str, list[int]] = {}
        for n, pattern in enumerate(patterns):
            phrase_after, phrase_before = pattern.after, pattern.before
            if phrase_after:
                for word in phrase_after[0]:
                    after.setdefault(word, []).append(n)
            elif phrase_before:
                for word in phrase_before[0]:
                    before.setdefault(word, []).append(n)
            else:
                always.append(n)
        return cls(tuple(always), {w: tuple(ns) for w, ns in after.items()},
                   {w: tuple(ns) for w, ns in before.items()})

    def candidates(self, facts: VerbFacts) -> list[int]:
        """Positions of the patterns that may hold in this clause, in their order."""
        found = set(self.always)
        for keys, index in ((facts.after_any, self.by_first_after), (facts.before_any, self.by_first_before)):
            small, large = (keys, index) if len(keys) < len(index) else (index, keys)
            for word in small:
                if word in large:
                    found.update(index[word])
        return sorted(found)
