"""Reported figures: casualties, injured, displaced, refugees, arrests, missing, crowd sizes,
with their bounds, what they refer to, who reported them and the date they are as of.

`find_figures()` runs, for one parsed sentence:
  1. numbers: numerals, number words and vague quantities ("dozens", "tens of thousands"),
     leaving out years, ages, money and percentages;
  2. qualifiers: "more than", "nearly", "between ... and ..." turn a number into bounds;
  3. kind: the cue word nearest to the number in the dependency tree ("killed", "lives",
     "injured", "displaced", "protesters"); a number with no cue is not a figure;
  4. reporter: "according to X", "X said", "a report by X"; and the date the figure is as of;
  5. what it refers to: the subject of the clause ("the Syrian conflict"), or "in X".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from dyads.coding.dates import resolve_date
from dyads.coding.geometry import VERB_POS
from dyads.knowledge.figure_words import FigureWords
from dyads.model import ActorMention, Figure, Sentence, Token

# "the number of dead had risen [to] 11": hops from a number to the count noun whose cue it takes; a
# number of another clause ("and 31 people were receiving treatment for injuries", 4 hops) does not
COUNT_NOUN_DISTANCE = 3
MAX_CUE_DISTANCE = 4  # tree hops from number to cue; 5+ picked up cues of other clauses on gold
WORD_NUMBERS: dict[str, float] = {w: i for i, w in enumerate((
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty").split())}
WORD_NUMBERS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
                     "eighty": 80, "ninety": 90, "a": 1, "an": 1, "half": 0.5, "dozen": 12})
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
          "dozen": 12}
NUMERAL_RE = re.compile(r"^\d{1,3}(,\d{3})+$|^\d+(\.\d+)?$")
ONE_VICTIM_KINDS = {"killed", "injured"}  # "a man" counts as one only as a victim
SKIP_ENTITIES = {"DATE", "TIME", "MONEY", "PERCENT", "ORDINAL", "QUANTITY"}


@dataclass(frozen=True, slots=True)
class NumberSpan:
    first: int
    last: int  # exclusive
    value: float | None  # None for vague quantities
    vague: tuple[int, int] | None
    kind: str | None = None  # known from the word it counts for ("the death of a woman")


def find_numbers(sentence: Sentence, words: FigureWords) -> list[NumberSpan]:
    tokens = sentence.tokens
    skip = {k for e in sentence.entities if e.label in SKIP_ENTITIES for k in range(e.first, e.last)}
    out, i = [], 0
    while i < len(tokens):
        candidates = words.vague_by_first.get(tokens[i].lower, ())
        lower = [t.lower for t in tokens[i:i + 3]] if candidates else []
        vague = next((p for p in candidates if " ".join(lower[:len(p.split())]) == p), None)
        if vague and i not in skip:
            n = len(vague.split())
            out.append(NumberSpan(i, i + n, None, words.vague[vague]))
            i += n
            continue
        value, j = read_number(sentence, i)
        if value is not None and i not in skip and not _is_excluded(sentence, i, j, words):
            out.append(NumberSpan(i, j, value, None))
            i = j
            continue
        i += 1
    return out


def one_victim(sentence: Sentence, mentions: list[ActorMention], words: FigureWords) -> list[NumberSpan]:
    """"A man was shot dead", "killing a policeman": one victim, counted by its article (the
    object or passive subject of a killing or wounding word; "an army vehicle" is no victim)."""
    cues = {cue for kind in ONE_VICTIM_KINDS for cue in words.kinds.get(kind, ())}
    out: dict[int, NumberSpan] = {}
    for m in mentions:
        head = own = sentence.tokens[m.head]
        while head.dep == "conj" and head.head != head.i:  # "an officer and [a soldier]"
            head = sentence.tokens[head.head]
        verb = sentence.tokens[head.head]
        # "shot dead" ("dead" as a predicate or, parsed so, an adverb)
        near = [verb] + [c for c in sentence.children(verb.i) if c.dep in ("oprd", "acomp", "advmod", "prep")]
        # "was found shot dead", "were found hacked to death": the killing word under "found"
        found = [c for c in sentence.children(verb.i) if c.dep == "xcomp" and verb.lemma.lower() == "find"]
        near += found + [g for c in found for g in sentence.children(c.i)
                         if g.dep in ("oprd", "acomp", "advmod", "prep")]
        near += [g for c in near[1:] if c.dep == "prep" for g in sentence.children(c.i)]  # "to death"
        if head.dep == "pobj" and verb.lower == "of" and verb.head != verb.i:
            # "caused the death of a woman", "the martyrdom of one member": the noun counts
            near = [sentence.tokens[verb.head]]
        elif head.dep not in ("dobj", "nsubjpass"):
            continue
        cue = next((t for t in near if t.lemma.lower() in cues or t.lower in cues), None)
        if cue is None:
            continue
        if head.tag != "NN":
            if own.i != head.i and _one(sentence, own.i):
                # "killing two soldiers and a civilian": the one after a counted list is a figure of its own
                first = next(c.i for c in sentence.children(own.i) if c.dep in ("det", "poss"))
                out.setdefault(first, NumberSpan(first, own.i + 1, 1.0, None, _kind_of(cue, words)))
            continue
        kind = _kind_of(cue, words)
        if _one(sentence, head.i):
            first = next(c.i for c in sentence.children(head.i) if c.dep in ("det", "poss"))
            counted = _counted_by_of(sentence, head.i)
            if counted is not None:  # "a family of four was found shot dead": four
                out[first] = NumberSpan(first, counted[0] + 1, counted[1], None, kind)
                continue
            # "killing an officer and a soldier": two victims, one figure
            joined = [c.i for c in sentence.children(head.i) if c.dep == "conj" and _one(sentence, c.i)]
            out[first] = NumberSpan(first, (joined[-1] if joined else head.i) + 1, 1.0 + len(joined), None, kind)
    return list(out.values())


def _kind_of(cue: Token, words: FigureWords) -> str:
    """The kind of victim a killing or wounding word counts ("killed", "wounded")."""
    return next(k for k in ONE_VICTIM_KINDS if cue.lemma.lower() in words.kinds.get(k, ())
                or cue.lower in words.kinds.get(k, ()))


def _counted_by_of(sentence: Sentence, noun: int) -> tuple[int, float] | None:
    """"a family of four", "a group of 12": the number after "of" counts them, not the article
    (its last word and value)."""
    for c in sentence.children(noun):
        if c.dep == "prep" and c.lower == "of":
            for g in sentence.children(c.i):
                value, end = read_number(sentence, g.i) if g.dep == "pobj" else (None, g.i)
                if value is not None and end == g.i + 1:
                    return g.i, value
    return None


def _one(sentence: Sentence, noun: int) -> bool:
    """A singular noun with "a" or "an", or someone's ("his son"): one of something."""
    return sentence.tokens[noun].tag == "NN" and any(
        (c.dep == "det" and c.lower in ("a", "an")) or (c.dep == "poss" and c.pos == "PRON")
        for c in sentence.children(noun))


def read_number(sentence: Sentence, i: int) -> tuple[float | None, int]:
    """A number starting at token i: "250,000", "1.9 million", "one million", "half a million",
    "two dozen". Returns (value, end) or (None, i)."""
    tokens = sentence.tokens
    text = tokens[i].lower
    if NUMERAL_RE.match(text):
        value = float(text.replace(",", ""))
    elif text in WORD_NUMBERS and text not in ("a", "an", "dozen"):
        value = float(WORD_NUMBERS[text])
    elif text in ("a", "an") and i + 1 < len(tokens) and tokens[i + 1].lower in ("dozen", "million",
                                                                                  "thousand", "hundred"):
        value = 1.0
    else:
        return None, i
    j = i + 1
    if text == "half" and j < len(tokens) and tokens[j].lower in ("a", "an"):
        j += 1
    while j < len(tokens) and tokens[j].lower in SCALES:
        value *= SCALES[tokens[j].lower]
        j += 1
    if text == "half" and j == i + 1:
        return None, i  # "half" alone is a share, not a count
    return value, j


def _is_excluded(sentence: Sentence, first: int, last: int, words: FigureWords) -> bool:
    tokens = sentence.tokens
    text = tokens[first].text
    if re.fullmatch(r"(19|20)\d\d", text):
        return True  # a year
    after = tokens[last].lower if last < len(tokens) else ""
    before = tokens[first - 1].text if first else ""
    if after in ("%", "percent", "per") or before in ("$", "€", "£", "US$") or after.startswith("-year"):
        return True
    if text.lower() == "one" and before.lower() == "no":
        return True  # "no one was hurt": none, not one
    if last < len(tokens) and tokens[last].text == "-" and last + 1 < len(tokens):
        return True  # "45-year-old", "10-day"
    head = tokens[tokens[last - 1].head]
    return head.lemma.lower() in words.not_people or after in words.not_people


def tree_distance(sentence: Sentence, a: int, b: int) -> int:
    up_a = [a, *sentence.ancestors(a)]
    up_b = [b, *sentence.ancestors(b)]
    common = next((k for k in up_a if k in up_b), None)
    if common is None:
        return 99
    return up_a.index(common) + up_b.index(common)


# Kinds that say who the people are rather than what happened to them: "180 refugees are
# missing" counts the missing, "one demonstrator killed" the dead.
WHO_KINDS = {"refugees", "protesters"}


def figure_kind(sentence: Sentence, span: NumberSpan, words: FigureWords) -> str | None:
    """The kind of the nearest cue word; on a tie, a cue below the number's clause (what the
    counted did or suffered) before one above it."""
    anchor = span.last - 1
    counted = sentence.tokens[anchor]
    if counted.dep == "nummod":
        counted = sentence.tokens[counted.head]
    if counted.dep == "pobj" and counted.head != counted.i:
        of = sentence.tokens[counted.head]
        owner = sentence.tokens[of.head]
        if of.lower == "of" and of.head != of.i:
            # "the martyrdom of one member and the injury of two others": the noun it counts for
            owned = next((kind for kind, cues in words.kinds.items()
                          if owner.lemma.lower() in cues or owner.lower in cues), None)
            if owned is not None:
                return owned
    above = set(sentence.ancestors(anchor))
    done_by = _acts_of_the_counted(sentence, counted)
    found = []  # (distance, above the number, kind, cue token)
    for t in sentence.tokens:
        if span.first <= t.i < span.last or t.i in done_by:
            continue
        lemma, lower = t.lemma.lower(), t.lower  # once a word, not once a kind
        for kind, cues in words.kinds.items():
            if lemma in cues or lower in cues:
                distance = tree_distance(sentence, anchor, t.i)
                counting = _counting_noun(sentence, t, words)
                if counting is not None and tree_distance(sentence, anchor, counting) <= COUNT_NOUN_DISTANCE:
                    distance = min(distance, tree_distance(sentence, anchor, counting))
                if distance <= MAX_CUE_DISTANCE:
                    found.append((distance, t.i in above, kind, t.i))
    if not found:
        return None
    found.sort(key=lambda f: (f[0], f[1], f[3]))
    _, _, kind, cue = found[0]
    if kind in WHO_KINDS and sentence.tokens[anchor].head == cue:
        happened = [f for f in found if f[2] not in WHO_KINDS]
        if happened:
            kind, cue = happened[0][2], happened[0][3]
    if kind == "displaced" and _crosses_border(sentence, cue, words):
        return "refugees"
    return kind


def _counting_noun(sentence: Sentence, cue: Token, words: FigureWords) -> int | None:
    """The count noun whose "of" phrase the cue is ("the number of dead", "the number of people
    killed"): "had risen to 11" counts the dead as near "11" as "number" is (when that is near:
    `COUNT_NOUN_DISTANCE`)."""
    if cue.dep == "acl":  # "the number of people killed"
        cue = sentence.tokens[cue.head]
    of = sentence.tokens[cue.head]
    if cue.dep == "pobj" and of.lower == "of" and of.head != of.i \
            and sentence.tokens[of.head].lemma.lower() in words.count_nouns:
        return of.head
    return None


def _acts_of_the_counted(sentence: Sentence, counted: Token) -> set[int]:
    """"Three suicide bombers detonated their explosives, killing 9": the verbs below the verb
    the counted are the active subject of tell what they did to others, not what they suffered;
    the verb itself may ("4 soldiers killed", a note's passive; "two men died"), and so may a verb
    on the counted noun ("14 civilians [were] killed") or a passive one ("stepped on a mine and
    were killed"), and so may a participle completing the verb ("4 jihadists reported killed")."""
    if counted.dep != "nsubj" or counted.head == counted.i or sentence.tokens[counted.head].pos not in VERB_POS:
        return set()
    verb = counted.head
    return {t.i for t in sentence.tokens if t.i != verb and t.pos in VERB_POS
            and verb in (up := sentence.ancestors(t.i)) and counted.i not in up
            and not _suffered_by_the_counted(sentence, t.i)
            and not (t.dep == "xcomp" and t.tag == "VBN" and t.head == verb)}


def _suffered_by_the_counted(sentence: Sentence, verb: int) -> bool:
    """"stepped on a mine and were killed": a passive verb with no subject of its own tells what
    the counted suffered; "gathered after a classmate was killed" tells what another did."""
    children = sentence.children(verb)
    return any(c.dep in ("auxpass", "nsubjpass") for c in children) and not any(
        c.dep == "nsubjpass" for c in children)


def _crosses_border(sentence: Sentence, cue: int, words: FigureWords) -> bool:
    """"fled the country", "fled to Bangladesh", "crossed into neighbouring Sudan"."""
    token = sentence.tokens[cue]
    if token.lemma.lower() not in words.border_verbs:
        return False
    for child in sentence.children(cue):
        if child.dep in ("dobj", "advmod") and child.lemma.lower() in words.abroad_words:
            return True
        if child.dep == "prep" and child.lower in ("to", "into", "across", "abroad"):
            for pobj in sentence.children(child.i):
                if pobj.lemma.lower() in words.abroad_words or _is_country(sentence, pobj.i) or any(
                        c.lemma.lower() in words.abroad_words for c in sentence.children(pobj.i)):
                    return True
    return False


def _is_country(sentence: Sentence, i: int) -> bool:
    return any(e.label == "GPE" and e.first <= i < e.last for e in sentence.entities)


def qualify(sentence: Sentence, span: NumberSpan, words: FigureWords,
            numbers: list[NumberSpan]) -> tuple[int | None, int | None, str, int, int]:
    """Bounds, qualifier, and the token range of the whole number phrase."""
    tokens = sentence.tokens
    first, last = span.first, span.last
    if span.vague:
        low, high, qualifier = span.vague[0], span.vague[1], "vague"
    else:
        low = high = int(round(span.value or 0))
        qualifier = "exact"
    # "between 30 and 40", "30 to 40"
    following = next((n for n in numbers if n.first in (last + 1,) and n.value is not None), None)
    between = bool(first) and tokens[first - 1].lower == "between"
    if following and span.value is not None and (tokens[last].lower == "to" or
                                                 (between and tokens[last].lower == "and")):
        start = first - 1 if between else first
        return int(span.value), int(following.value or 0), "range", start, following.last
    before = [t.lower for t in tokens[max(0, first - 4):first]]
    for name, phrase in words.qualifiers:
        if before[-len(phrase):] == phrase:
            first -= len(phrase)
            if name in ("more_than", "at_least"):
                return (low if span.vague is None else span.vague[0]), None, name, first, last
            if name in ("nearly", "up_to", "less_than"):
                return None, (low if span.vague is None else span.vague[1]), name, first, last
            return low, high, name, first, last
    return low, high, qualifier, first, last


def phrase(sentence: Sentence, i: int) -> tuple[int, int]:
    """The token range of a noun phrase without its clauses and appositions."""
    keep, stack = {i}, [i]
    while stack:
        for child in sentence.children(stack.pop()):
            if child.dep in ("relcl", "acl", "appos", "advcl", "punct", "cc", "conj"):
                continue
            keep.add(child.i)
            stack.append(child.i)
    return min(keep), max(keep) + 1


def find_reporter(sentence: Sentence, words: FigureWords) -> tuple[int, int] | None:
    tokens = sentence.tokens
    for t in tokens:  # "according to X", "according to a report by X"
        if t.lower == "according":
            for to in sentence.children(t.i):
                for obj in sentence.children(to.i):
                    if obj.dep == "pobj":
                        return _report_author(sentence, obj.i, words)
    for t in tokens:  # "X said", "officials said", "X's figures show"
        if t.pos == "VERB" and t.lemma in words.reporting_verbs:
            for child in sentence.children(t.i):
                if child.dep in ("nsubj",) and child.pos in ("NOUN", "PROPN"):
                    return _report_author(sentence, child.i, words)
    return None


def _report_author(sentence: Sentence, i: int, words: FigureWords) -> tuple[int, int]:
    """"a February report by the Syrian Center" -> the Syrian Center."""
    if sentence.tokens[i].lemma.lower() in words.report_nouns:
        for prep in sentence.children(i):
            if prep.dep == "prep" and prep.lower in ("by", "from", "of"):
                for obj in sentence.children(prep.i):
                    if obj.dep == "pobj":
                        return phrase(sentence, obj.i)
        for child in sentence.children(i):
            if child.dep == "poss":
                return phrase(sentence, child.i)
    return phrase(sentence, i)


def as_of_date(sentence: Sentence, reporter: tuple[int, int] | None,
               article_date: date | None) -> date | None:
    tokens = sentence.tokens
    report_tokens: set[int] = set()
    if reporter:
        # the report itself ("a February report by X") may carry the date
        for k in range(reporter[0], reporter[1]):
            report_tokens |= {k, tokens[k].head, tokens[tokens[k].head].head}
    for e in sentence.entities:
        if e.label != "DATE":
            continue
        preceding = tokens[e.first - 1].lower if e.first else ""
        if preceding in ("of", "by") and e.first >= 2 and tokens[e.first - 2].lower == "as" \
                or any(k in report_tokens or tokens[k].head in report_tokens for k in range(e.first, e.last)):
            text = " ".join(t.text for t in tokens[e.first:e.last])
            return resolve_date(text, article_date)
    return None


def refers_to(sentence: Sentence, span: NumberSpan) -> tuple[int, int] | None:
    verb = next((k for k in sentence.ancestors(span.last - 1)
                 if sentence.tokens[k].pos in ("VERB", "AUX")), None)
    if verb is None:
        return None
    if sentence.tokens[verb].dep == "conj":  # "has killed X, injured Y": the subject is shared
        verb = sentence.tokens[verb].head
    for child in sentence.children(verb):
        if child.dep in ("nsubj",) and not span.first <= child.i < span.last \
                and child.pos in ("NOUN", "PROPN") and child.lemma.lower() not in ("people", "person"):
            return phrase(sentence, child.i)
    for child in sentence.children(verb):
        if child.dep == "prep" and child.lower in ("in", "during"):
            for obj in sentence.children(child.i):
                if obj.dep == "pobj" and obj.ent_type != "DATE":
                    return phrase(sentence, obj.i)
    return None


def text_of(sentence: Sentence, first: int, last: int) -> tuple[str, int, int]:
    start, end = sentence.tokens[first].start, sentence.tokens[last - 1].end
    return sentence.text[start - sentence.start:end - sentence.start], start, end


def find_figures(sentence: Sentence, mentions: list[ActorMention], article_date: date | None,
                 words: FigureWords) -> list[Figure]:
    numbers = find_numbers(sentence, words)
    ones = one_victim(sentence, mentions, words)
    numbers = sorted(numbers + ones, key=lambda n: n.first)
    if not numbers:
        return []
    reporter = find_reporter(sentence, words)
    reporter_text = text_of(sentence, *reporter)[0] if reporter else None
    reporter_code = next((m.code for m in mentions if reporter and reporter[0] <= m.head < reporter[1]),
                         None)
    as_of = as_of_date(sentence, reporter, article_date)
    figures, used = [], set()
    for span in numbers:
        if span.first in used:
            continue
        kind = span.kind or figure_kind(sentence, span, words)
        if kind is None or (span in ones and kind not in ONE_VICTIM_KINDS):
            continue
        low, high, qualifier, first, last = qualify(sentence, span, words, numbers)
        used |= set(range(first, last))
        number_text, start, end = text_of(sentence, first, last)
        about = refers_to(sentence, span)
        figures.append(Figure(
            sentence.doc_id, sentence.index, kind, low, high, qualifier, number_text, start, end,
            text_of(sentence, *about)[0] if about else None, reporter_text, reporter_code, as_of,
            sentence.text, sentence.start, sentence.end))
    return figures
