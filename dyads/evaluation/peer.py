"""dyads scored on a peer's validation suites (dyads.evaluation.petrarch_suites): the Coder codes
every scored record of a suite in one batch, and its events become the (source, target, code)
triples the suite expects.

Options honoured: `require_dyad` (PETRARCH's default is true: an event with no target is not
coded; false keeps it, its target PETRARCH's null actor `---`) and `minimum_words` (TABARI's
`SET: MINIMUM WORDS = n`: a sentence of fewer words, counted between spaces, is not coded). The
others (`comma_*`, `new_actor_length`) tune PETRARCH's own parser and have no counterpart here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from dyads.coder import Coder
from dyads.evaluation.petrarch_suites import (
    SuiteRecord,
    SuiteReport,
    Triple,
    TripleCoder,
    read_suite,
    score_suite,
)
from dyads.model import Article, Event

FALSE_VALUES = ("false", "0", "no", "off")


def score_with_coder(path: Path, coder: Coder, *, select: Callable[[SuiteRecord], bool] | None = None
                     ) -> SuiteReport:
    """The suite at `path` coded by `coder`; `select`: score only the records it accepts."""
    suite = read_suite(path)
    records = [record for record in suite.records if record.scored and (select is None or select(record))]
    articles = [Article(doc_id=f"{suite.name}:{record.line}", text=record.text, date=record.date,
                        origin=f"{path}:{record.line}") for record in records]
    events = {(article.text, article.date): coded.events
              for article, coded in zip(articles, coder.code(articles), strict=True)}
    return score_suite(suite, triples_from(events), select=select)


def triples_from(events: Mapping[tuple[str, dt.date | None], tuple[Event, ...]]) -> TripleCoder:
    def triples(text: str, date: dt.date, options: Mapping[str, str]) -> Iterable[Triple]:
        minimum = options.get("minimum_words", "").strip()
        if minimum.isdigit() and len(text.split()) < int(minimum):
            return []
        keep_one_sided = options.get("require_dyad", "true").strip().lower() in FALSE_VALUES
        return [(e.source.code, e.target.code if e.target else None, e.code)
                for e in events[text, date] if e.target or keep_one_sided]

    return triples
