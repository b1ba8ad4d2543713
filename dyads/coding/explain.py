"""Why each event was coded (or not): the parse, the actors with the dictionary entries behind
them, the pattern that fired or the reason none did, the date reasoning, the final events.

An analyst who disagrees with a code reads this to find the dictionary line to edit. The Coder
makes these records when asked to `code(articles, trace=True)` (dyads.api.explain).
"""

from __future__ import annotations

from dyads.model import ActorMention, Decision, Sentence, SentenceExplanation


def why_no_event(actors: list[ActorMention], decisions: tuple[Decision, ...]) -> str:
    if not actors:
        return "no actor: no country, organisation, person or titled official was recognised"
    if not decisions:
        return "no pattern: no verb or noun in the sentence has an event pattern"
    return "; ".join(f"'{d.word}': {d.outcome}" for d in decisions)


def parse_tree(sentence: Sentence) -> list[str]:
    """The dependency parse as an indented tree: word (lemma, POS) --dep-->."""
    children: dict[int, list[int]] = {}
    roots = []
    for t in sentence.tokens:
        if t.head == t.i:
            roots.append(t.i)
        else:
            children.setdefault(t.head, []).append(t.i)
    lines: list[str] = []

    def walk(i: int, depth: int) -> None:
        t = sentence.tokens[i]
        entity = f" [{t.ent_type}]" if t.ent_type else ""
        lines.append(f"{'  ' * depth}{t.dep}: {t.text} ({t.lemma}, {t.pos}){entity}")
        for child in children.get(i, []):
            walk(child, depth + 1)

    for root in roots:
        walk(root, 0)
    return lines


def format_explanation(explanations: list[SentenceExplanation], show_parse: bool = True) -> str:
    lines: list[str] = []
    for ex in explanations:
        lines.append(f"sentence {ex.sentence.index}: {ex.sentence.text}")
        if show_parse:
            lines.append("  parse:")
            lines += [f"    {line}" for line in parse_tree(ex.sentence)]
        lines.append("  actors:")
        for m in ex.actors:
            lines.append(f"    {m.text!r} -> {m.code}  ({m.kind}: {m.name}; {m.ref})")
        if not ex.actors:
            lines.append("    (none)")
        lines.append("  decisions:")
        for d in ex.decisions:
            where = f"  [{d.pattern}]" if d.pattern else ""
            lines.append(f"    '{d.word}' (word {d.position}): {d.outcome}{where}")
        if not ex.decisions:
            lines.append("    (no verb or noun with an event pattern)")
        lines.append("  events:")
        for e in ex.events:
            target = e.target.code if e.target else "-"
            when = e.date.isoformat() if e.date else "no date"
            how = f"from {e.date_text!r}" if e.date_text else f"{e.date_basis} date"
            place = f", place {e.place.name} ({e.place.method})" if e.place else ""
            lines.append(f"    {e.source.code} -> {target}  {e.code} {e.trigger!r}  "
                         f"date {when} ({how}){place}  confidence {e.confidence}  [{e.pattern}]")
        if ex.reason:
            lines.append(f"    none: {ex.reason}")
        lines.append("")
    return "\n".join(lines)
