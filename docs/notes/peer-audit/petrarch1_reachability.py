"""PETR-1's reachable ceiling: every expected triple of the scored records, classified mechanically.

usage: cd REPO && PYTHONPATH=$PWD DYADS_CACHE_DIR=/tmp/x .venv/bin/python \
           docs/notes/peer-audit/petrarch1_reachability.py [SUITES_DIR] [--json OUT]

For each expected (source, target, code) triple of the records dyads scores (the suite read by
dyads.evaluation.petrarch_suites, its dictionaries by dyads.knowledge.tabari):
  code    the event code is given by no block, verb form or pattern of the suite's verb file (nor
          its paired code), and is not the intent or threat dyads' own tables make of one that is
  actor   the source or target code is given by no actor entry of the suite's actor file, nor
          composable from them: an actor code with up to two agent roles of the agent file
          (`[~GOV]` after, `[NGO~]` before), or agent roles alone (`~MIL`, `---GOV`); the null
          actor (`---`) is reachable (require_dyad off). Dates and case are ignored: a code the
          files give at another date, or in lower case, counts as reachable (conservative).
  valid   the record carries valid="true" ("confirmed to work"; the rest are TABARI tests)
  matched matched now by dyads with the suite's dictionaries, under its default reading of
          "will" (intent) and under `--future-acts act`
Then the counts, and the recall ceiling they imply. Reproducible: nothing here is judged by hand.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from dyads.api import coder_for
from dyads.evaluation.peer import score_with_coder
from dyads.evaluation.petrarch_suites import SuiteReport, Triple, confirmed_valid, read_suite
from dyads.knowledge.tabari import EventCode, TabariDictionaries, read_folder
from dyads.settings import Settings

SUITES = Path("/work/shared/petrarch/suites")
RECORDS = "petrarch1/PETR.Validate.records.140226.txt"
MAX_AGENT_ROLES = 2  # "GONMOPOPP": an actor with two roles; more is never expected by the suite


@dataclass(frozen=True, slots=True)
class Row:
    record: str
    line: int
    valid: bool
    triple: Triple
    code_unreachable: bool
    actor_unreachable: bool
    matched_intent: bool
    matched_act: bool

    @property
    def unreachable(self) -> bool:
        return self.code_unreachable or self.actor_unreachable


def verb_file_codes(folder: TabariDictionaries) -> set[str]:
    """Every event code the verb file can give: blocks, verb forms, patterns, and paired codes."""
    assert folder.verbs is not None, "the suite has no verb file"
    codes: list[EventCode] = []
    for block in folder.verbs.blocks:
        codes.append(block.code)
        codes += [form.code for form in block.forms if form.code is not None]
        codes += [pattern.code for pattern in block.patterns]
    return {code for event in codes for code in (event.code, event.paired) if code}


def with_intents(codes: set[str], coder_knowledge: object) -> set[str]:
    """The codes and the intents and threats dyads' clause tables make of them ("will visit": 036)."""
    patterns = coder_knowledge.patterns  # type: ignore[attr-defined]
    derived = {patterns.intent_code(code, threat=threat) for code in codes for threat in (False, True)}
    return codes | {code for code in derived if code}


def actor_codes(folder: TabariDictionaries) -> set[str]:
    """Every actor code the files can give, composed with up to MAX_AGENT_ROLES agent roles."""
    actors = {dated.code.upper() for entry in folder.actors for dated in entry.codes}
    after = {agent.role.upper() for agent in folder.agents if agent.position == "after"}
    before = {agent.role.upper() for agent in folder.agents if agent.position == "before"}
    reachable = set(actors) | {f"~{r}" for r in after} | {f"---{r}" for r in after} | after | before
    layer = set(actors)
    for _ in range(MAX_AGENT_ROLES):
        layer = {a + r for a in layer for r in after} | {r + a for a in layer for r in before}
        reachable |= layer
    return reachable


def matched_flags(report: SuiteReport) -> dict[tuple[int, Triple, int], bool]:
    """(record line, triple, its occurrence in the record) -> matched: a multiset match per record."""
    flags: dict[tuple[int, Triple, int], bool] = {}
    for result in report.results:
        left = Counter(result.returned)
        seen: Counter[Triple] = Counter()
        for triple in result.expected:
            flags[result.line, triple, seen[triple]] = left[triple] > 0
            left[triple] -= 1
            seen[triple] += 1
    return flags


def scores(suites: Path) -> dict[str, SuiteReport]:
    """The suite scored whole and on its valid="true" records alone, under both readings of "will"."""
    reports = {}
    for reading in ("intent", "act"):
        coder = coder_for(Settings(dictionaries=suites / "petrarch1", future_acts=reading))
        reports[reading] = score_with_coder(suites / RECORDS, coder)
        reports[f"{reading}, valid=\"true\" alone"] = score_with_coder(suites / RECORDS, coder, select=confirmed_valid)
    return reports


def classify(suites: Path, reports: dict[str, SuiteReport]) -> list[Row]:
    folder_path = suites / "petrarch1"
    folder = read_folder(folder_path)
    suite = read_suite(suites / RECORDS)
    intent = coder_for(Settings(dictionaries=folder_path, future_acts="intent"))
    by_intent = matched_flags(reports["intent"])
    by_act = matched_flags(reports["act"])
    codes = with_intents(verb_file_codes(folder), intent.knowledge)
    actors = actor_codes(folder)
    rows = []
    for record in suite.records:
        if not record.scored:
            continue
        seen: Counter[Triple] = Counter()
        for event in record.expected:
            triple = event.triple()
            key = (record.line, triple, seen[triple])
            seen[triple] += 1
            source, target, code = triple
            rows.append(Row(
                record=record.id, line=record.line, valid=confirmed_valid(record), triple=triple,
                code_unreachable=code not in codes,
                actor_unreachable=any(a is not None and a.upper() not in actors for a in (source, target)),
                matched_intent=by_intent[key], matched_act=by_act[key],
            ))
    return rows


def status(row: Row) -> str:
    if row.matched_intent:
        return "matched"
    if row.matched_act:
        return 'matched only reading "will" as the act'
    if row.code_unreachable and row.actor_unreachable:
        return "unreachable: code and actor"
    if row.code_unreachable:
        return "unreachable: code (a)"
    if row.actor_unreachable:
        return "unreachable: actor (b)"
    return "reachable, missed"


STATUSES = ("matched", 'matched only reading "will" as the act', "unreachable: code (a)",
            "unreachable: actor (b)", "unreachable: code and actor", "reachable, missed")


def table(rows: Iterable[Row]) -> list[str]:
    rows = list(rows)
    groups = {"valid=\"true\"": [r for r in rows if r.valid], "other records": [r for r in rows if not r.valid],
              "all scored": rows}
    lines = ["| triples | " + " | ".join(groups) + " |", "|---" * (len(groups) + 1) + "|"]
    for name in STATUSES:
        counts = (str(sum(status(r) == name for r in group)) for group in groups.values())
        lines.append(f"| {name} | " + " | ".join(counts) + " |")
    lines.append("| **expected** | " + " | ".join(str(len(g)) for g in groups.values()) + " |")
    for label, group in groups.items():
        total = len(group)
        unreachable = sum(r.unreachable and not r.matched_intent and not r.matched_act for r in group)
        will = sum(status(r) == STATUSES[1] for r in group)
        now = sum(r.matched_intent for r in group)
        lines.append(f"{label}: recall now {now / total:.3f}; ceiling with the suite's files "
                     f"{(total - unreachable) / total:.3f} ({total - unreachable}/{total}); under dyads' "
                     f"reading of \"will\" {(total - unreachable - will) / total:.3f}")
    return lines


def main(argv: list[str]) -> None:
    suites = Path(argv[1]) if len(argv) > 1 and not argv[1].startswith("--") else SUITES
    reports = scores(suites)
    rows = classify(suites, reports)
    print("\n".join(table(rows)))
    print("\n| reading | records | recall | precision | whole | no-event silent |\n|---|---|---|---|---|---|")
    for name, report in reports.items():
        o = report.overall
        print(f"| {name} | {o.records} | {o.recall:.3f} | {o.precision:.3f} | {o.whole} | "
              f"{o.no_event_silent}/{o.no_event_records} |")
    if "--json" in argv:
        out = Path(argv[argv.index("--json") + 1])
        out.write_text(json.dumps([{**{k: getattr(r, k) for k in Row.__slots__}, "status": status(r)}
                                   for r in rows], indent=1))


if __name__ == "__main__":
    main(sys.argv)
