"""Where words stand in the dependency parse: one definition of each shape the stages share.

- `span_head`: the word of a span that the rest of it hangs from ("foreign minister" -> minister);
- `governing_verb`: the verb a word belongs to (itself, when it is one);
- `clause_of`: a verb's clause, its subtree without the clauses nested in it that have verbs of
  their own ("X said [Y attacked Z]": `said`'s clause stops at `attacked`);
- `is_perfect`: a verb in the perfect ("have fought", "has been killed").
Actors, events, places and figures read the parse through these.
"""

from __future__ import annotations

from collections.abc import Iterable

from dyads.model import Sentence, Token

# Dependencies that open a clause of its own under a verb.
CLAUSE_BREAK_DEPS = ("ccomp", "advcl", "relcl", "parataxis", "acl")
VERB_POS = ("VERB", "AUX")


def span_head(sentence: Sentence, first: int, last: int) -> int:
    """The token of [first, last) whose head lies outside the span."""
    for t in sentence.tokens[first:last]:
        if not first <= t.head < last or t.head == t.i:
            return t.i
    return last - 1


def governing_verb(sentence: Sentence, i: int) -> int:
    """The nearest verb at or above word `i`; `i` itself when no verb governs it."""
    for k in [i, *sentence.ancestors(i)]:
        if sentence.tokens[k].pos in VERB_POS:
            return k
    return i


def clause_of(sentence: Sentence, head: int) -> list[int]:
    """The clause of `head`: its subtree, without nested clauses that have their own verbs and
    without verbs joined to it ("met Y and signed": `signed` heads a clause of its own)."""
    out, stack = [], [head]
    while stack:
        k = stack.pop()
        out.append(k)
        for child in sentence.children(k):
            if child.dep in CLAUSE_BREAK_DEPS and child.pos in VERB_POS:
                continue
            if child.dep == "conj" and child.pos == "VERB":
                continue
            stack.append(child.i)
    return sorted(out)


def is_perfect(children: Iterable[Token]) -> bool:
    """Whether a verb with these children is in the perfect: "have fought", "has been killed"."""
    return any(c.dep in ("aux", "auxpass") and c.lemma == "have" for c in children)
