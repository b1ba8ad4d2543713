"""The article as a whole, after its sentences are coded: an event told again is the event told
first, and a reaction to "the vote" or "the verdict" is aimed at whoever the article said did it.

Both read only events and sentences already coded, so they run after the sentence coder and
before places and tolls (dyads.coder.code_parsed)."""

from __future__ import annotations

from dataclasses import replace

from dyads.knowledge.schema import ClauseWords
from dyads.model import OWN_DATE_BASES, UNANCHORED, Event, EventActor, Sentence

# Reactions to an act: pessimistic or optimistic comments (012, 013), praise and welcome (05),
# criticism (11), rejection (12).
REACTION_CODES = ("012", "013", "05", "11", "12")
# What a reaction cannot be aimed at when no act noun names one: other reactions, appeals,
# demands and threats are words about acts, not the acts.
VERBAL_ROOTS = ("01", "02", "05", "10", "11", "12", "13")
# ...except a court's finding ("sentenced", "found guilty": 116): "the verdict" is that deed's.
COURT_FINDING = "116"
AGREEMENT_SIGNED = "057"  # "signed a ceasefire agreement": what "the truce" answers
STEM_LETTERS = 4  # "the vote" names the act "voted", "the missile tests" the one that fired "missiles"


def restated_on_their_day(events: list[Event]) -> list[Event]:
    """"Police arrested 40 opposition supporters on Tuesday. ... Police arrested them after they
    blocked a road": an event that gives no day of its own, with the source, target and code of
    one the article dated before, is that event restated, on its day (one event, two mentions)."""
    dated: dict[tuple[str, str | None, str], Event] = {}
    out = []
    for event in events:
        key = (event.source.code, event.target.code if event.target else None, event.code)
        if event.date_basis in OWN_DATE_BASES:
            dated.setdefault(key, event)
        elif key in dated and dated[key].date != event.date:
            first = dated[key]
            event = replace(event, date=first.date, date_text=first.date_text, date_basis="restated")
        out.append(event)
    return out


def answered_acts(events: list[Event], sentences: list[Sentence], words: ClauseWords) -> list[Event]:
    """"The Security Council voted to impose sanctions on North Korea. ... North Korea's ambassador
    rejected the resolution": a reaction with no target whose object is an act noun of
    `answered_act_nouns` is aimed at the doer of the act the article told before: the latest
    whose sentence names the noun ("the missile tests" after "China fired three missiles"), else
    the latest that was a deed and not words, by someone else."""
    by_index = {s.index: s for s in sentences}
    answered: dict[str, list[EventActor]] = {}  # act noun phrase -> whom the article's reactions aimed it at
    out: list[Event] = []
    for event in events:
        noun = _answered_noun(event, by_index.get(event.sentence_index), words)
        doers = None
        if noun is not None:
            doers = answered.get(noun) or _signatories(noun, event, out, by_index, words)
            if not doers:
                doer = _doer_of(noun, event, out, by_index)
                doers = [doer] if doer is not None else None
        if noun is None or not doers:
            out.append(event)
            continue
        answered.setdefault(noun, doers)
        out += [replace(event, target=doer, modifiers=(*event.modifiers, "answered")) for doer in doers]
    return out


def _signatories(noun: str, event: Event, before: list[Event], by_index: dict[int, Sentence],
                 words: ClauseWords) -> list[EventActor]:
    """"welcomed the truce": the parties of the agreement the article last said was signed, both
    sides of it ("Sri Lanka's government and Tamil Tiger rebels signed a ceasefire agreement"),
    not the reacting actor's own side. The signing's sentence must name an agreement ("signed a
    contract" is no truce)."""
    if noun.split()[0] not in words.agreement_nouns:
        return []
    signed = next((e for e in reversed(before) if e.code.startswith(AGREEMENT_SIGNED)
                   and _names_agreement(by_index.get(e.sentence_index), words)), None)
    if signed is None:
        return []
    parties: list[EventActor] = []
    for e in before:
        if e.sentence_index == signed.sentence_index and e.trigger_start == signed.trigger_start \
                and e.code == signed.code:
            # (a party whose country is not yet known, "---REB", is left to the sentence's own reading)
            parties += [a for a in (e.source, e.target) if a is not None and a.code
                        and not a.code.startswith(UNANCHORED) and all(p.code != a.code for p in parties)
                        and not _same_side(a.code, event.source.code)]
    return parties


def _names_agreement(sentence: Sentence | None, words: ClauseWords) -> bool:
    return sentence is not None and any(t.lemma.lower() in words.agreement_nouns for t in sentence.tokens)


def _same_side(code: str, mine: str) -> bool:
    return code.startswith(mine) or mine.startswith(code)


def _answered_noun(event: Event, sentence: Sentence | None, words: ClauseWords) -> str | None:
    if event.target is not None or sentence is None or not event.code.startswith(REACTION_CODES):
        return None
    verb = next((t for t in sentence.tokens if t.start == event.trigger_start), None)
    if verb is None:
        return None
    obj = next((t for t in sentence.children(verb.i) if t.dep == "dobj"), None)
    if obj is None or obj.lemma.lower() not in words.answered_act_nouns:
        return None
    # "the missile tests": the words that say which act, the noun first
    modifiers = [t.lemma.lower() for t in sentence.children(obj.i) if t.dep == "compound"]
    return " ".join([obj.lemma.lower(), *modifiers])


def _doer_of(noun: str, event: Event, before: list[Event], by_index: dict[int, Sentence]) -> EventActor | None:
    # someone else: not the reacting actor, nor its own country ("Israel called up reservists as
    # the cabinet weighed an offensive")
    others = [e for e in reversed(before) if e.source.code and not _same_side(e.source.code, event.source.code)
              and e.sentence_index <= event.sentence_index]
    stems = {word[:STEM_LETTERS] for word in noun.split()}
    for earlier in others:
        told = by_index.get(earlier.sentence_index)
        if told is not None and earlier.sentence_index < event.sentence_index and any(
                t.lemma.lower()[:STEM_LETTERS] in stems for t in told.tokens):
            return earlier.source
    return next((e.source for e in others
                 if not e.code.startswith(VERBAL_ROOTS) or e.code.startswith(COURT_FINDING)), None)
