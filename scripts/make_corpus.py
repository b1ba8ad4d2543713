#!/usr/bin/env python
"""Generate a synthetic news corpus for ingest tests and benchmarks.

    python scripts/make_corpus.py --articles 1000 --out corpus/ [--seed 13] [--per-file 250]

The mix (all choices from one seeded random generator: same options, same bytes):
- Event sentences come from the gold sentences of the event sets in `CORPUS_GOLD` that have events; when
  there are none yet, from the sentences of the two articles in examples/ (which report the
  Iran-Russia calls and talks). Gold sentences without events join the background pool.
- Background sentences (`BACKGROUND` below, plus the event-free gold sentences) are wire-copy
  filler: context, history, figures, quotes with no event. They are about 80% of each
  article, so most sentences carry no event, as in real wire copy.
- Each article has 15-40 sentences (`--min-sentences`, `--max-sentences`) in paragraphs of
  1-3 sentences; its lead paragraph holds an event sentence; about one sentence in five
  after it is an event sentence.
- Articles are dated within a 60-day news window (2016-02-01 onwards), so the same event
  sentence dated by "on Tuesday" resolves to the same event in nearby articles and to another
  event weeks later; articles of a gold sentence's own date use that date.
- 5% of articles re-publish an earlier article verbatim under another outlet and URL (wire
  copy picked up by several sites): ingest keeps one document for the same text.
- Records are JSONL with id, date, source, url, title and text, split into files of
  `--per-file` articles, gzipped unless `--no-gzip` (mtime 0, so the bytes are stable).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dyads.corpus.read import clean_text  # noqa: E402 - after the path setup above

EXAMPLES = ROOT / "examples"
GOLD = ROOT / "tests" / "gold"
# The event sets the corpus draws from, named: a gold set added later (events-wire2, 2026-12-06)
# must not change the corpus, its benchmarks or the tests built on it.
CORPUS_GOLD = ("events-blind-dev.jsonl", "events-blind-test.jsonl", "events-core.jsonl",
               "events-wire-dev.jsonl", "events-wire-test.jsonl")
WINDOW_START = date(2016, 2, 1)
WINDOW_DAYS = 60
REPUBLISH_SHARE = 0.05
EVENT_SHARE = 0.2  # share of event sentences after the lead paragraph
OUTLETS = [
    ("Press TV", "presstv.example"), ("Tehran Times", "tehrantimes.example"), ("TASS", "tass.example"),
    ("Al Jazeera", "aljazeera.example"), ("Anadolu Agency", "aa.example"), ("Xinhua", "xinhua.example"),
    ("Agence France-Presse", "afp.example"), ("Associated Press", "apnews.example"),
]
HEADLINES = [
    "Diplomats push for progress on Syria", "Talks continue amid regional tensions",
    "Officials review ceasefire implementation", "Regional powers weigh next steps",
    "Foreign ministers hold new round of contacts", "Analysis: the road to a political settlement",
    "Ceasefire holds as talks resume", "Envoys prepare for next round of negotiations",
]
BACKGROUND = [
    "The Syrian conflict, which started in March 2011, has claimed the lives of more than 250,000 people.",
    "The ministry did not give further details.",
    "Oil prices edged higher on Monday as traders weighed supply concerns.",
    "The city has been divided between rival factions for several years.",
    "Temperatures are expected to fall sharply later in the week.",
    "The talks are part of a broader effort to end the five-year war.",
    "More than four million people have fled the country since the start of the conflict.",
    "The region has seen a sharp rise in food prices over the past year.",
    "Previous rounds of negotiations ended without a breakthrough.",
    "The statement came at the end of a two-day meeting.",
    "Local media reported long queues at petrol stations in the capital.",
    "The foreign-sponsored militancy has also displaced 7.6 million people.",
    "It was not immediately clear when the next round would take place.",
    "The agreement was reached after months of difficult negotiations.",
    "Economists say the sanctions have slowed growth across the region.",
    "Humanitarian agencies have warned of shortages of medicine and fuel.",
    "The currency lost nearly a third of its value last year.",
    "Observers said the mood at the conference was cautiously optimistic.",
    "The border crossing reopened on Sunday after a three-day closure.",
    "Schools in the area remained closed for a second week.",
    "The figures could not be independently verified.",
    "Parliamentary elections are scheduled for later this year.",
    "The harvest was the smallest in more than a decade, according to farmers.",
    "Security was tight around the venue, with roads closed to traffic.",
    "The report was based on interviews with more than 300 residents.",
    "Officials declined to say how many people had been detained.",
    "The project is expected to be completed by the end of next year.",
    "Trade between the two countries rose by 12 percent last year.",
    "The ceasefire does not cover areas held by extremist groups.",
    "Aid convoys have reached several besieged towns in recent weeks.",
    "The exchange rate was stable in early trading.",
    "Analysts expect the central bank to keep interest rates unchanged.",
    "The conference was attended by delegations from seventeen countries.",
    "The hospital has been operating on generators since the power cuts began.",
    "Reporters were not allowed to enter the area.",
    "The road between the two cities has been closed since January.",
    "The government says reconstruction will cost billions of dollars.",
    "Unemployment among young people remains above 30 percent.",
    "The meeting lasted about two hours, according to people familiar with it.",
    "The monitoring group relies on a network of sources on the ground.",
]
SENTENCE_SPLIT_RE = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’)]))\s+(?=[A-Z“\"])")


def load_gold() -> tuple[list[tuple[str, date | None]], list[str]]:
    """(event sentences with their dates, event-free sentences) from the event gold sets (the
    figure and place gold sets are not background: they are full of actors and numbers)."""
    events, background = [], []
    for path in [GOLD / name for name in CORPUS_GOLD if (GOLD / name).exists()]:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            record = json.loads(line)
            text = record.get("text")
            if not isinstance(text, str) or not text.strip():
                continue
            if record.get("events"):
                day = date.fromisoformat(record["date"][:10]) if record.get("date") else None
                events.append((text.strip(), day))
            else:
                background.append(text.strip())
    return events, background


def example_sentences() -> list[tuple[str, date | None]]:
    sentences = []
    for path in sorted(EXAMPLES.glob("*.txt")):
        body = clean_text(path.read_text(encoding="utf-8")).body
        for paragraph in body.split("\n\n"):
            sentences += [(s.strip(), None) for s in SENTENCE_SPLIT_RE.split(paragraph) if s.strip()]
    return sentences


def compose_article(rng: random.Random, events: list[tuple[str, date | None]], background: list[str],
                    min_sentences: int, max_sentences: int) -> tuple[str, date]:
    lead, lead_date = rng.choice(events)
    day = lead_date or WINDOW_START + timedelta(days=rng.randrange(WINDOW_DAYS))
    count = rng.randint(min_sentences, max_sentences)
    # more event sentences: undated ones, or gold ones of the article's own date
    fitting = [text for text, when in events if when in (None, day)]
    filler = rng.sample(background, len(background))  # no repeated filler within an article
    sentences = [lead]
    for number in range(count - 1):
        if fitting and rng.random() < EVENT_SHARE:
            sentences.append(rng.choice(fitting))
        else:
            sentences.append(filler[number % len(filler)])
    paragraphs, index = [], 0
    while index < len(sentences):
        size = 1 if index == 0 else rng.randint(1, 3)
        paragraphs.append(" ".join(sentences[index:index + size]))
        index += size
    return "\n\n".join(paragraphs), day


def make_corpus(articles: int, seed: int = 13, min_sentences: int = 15, max_sentences: int = 40
                ) -> list[dict]:
    rng = random.Random(seed)
    events, gold_background = load_gold()
    events = events or example_sentences()
    background = BACKGROUND + gold_background
    records: list[dict] = []
    for number in range(articles):
        outlet, domain = rng.choice(OUTLETS)
        doc_id = f"synthetic-{seed}-{number:06d}"
        if records and rng.random() < REPUBLISH_SHARE:
            original = rng.choice(records)
            text, day, title = original["text"], date.fromisoformat(original["date"]), original["title"]
        else:
            text, day = compose_article(rng, events, background, min_sentences, max_sentences)
            title = rng.choice(HEADLINES)
        records.append({"id": doc_id, "date": day.isoformat(), "source": outlet,
                        "url": f"https://{domain}/news/{doc_id}", "title": title, "text": text})
    return records


def write_corpus(records: list[dict], out: Path, per_file: int, gzipped: bool) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for part, start in enumerate(range(0, len(records), per_file)):
        lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records[start:start + per_file])
        data = lines.encode("utf-8")
        path = out / f"part-{part:04d}.jsonl{'.gz' if gzipped else ''}"
        path.write_bytes(gzip.compress(data, mtime=0) if gzipped else data)
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--per-file", type=int, default=250)
    parser.add_argument("--min-sentences", type=int, default=15)
    parser.add_argument("--max-sentences", type=int, default=40)
    parser.add_argument("--no-gzip", action="store_true")
    args = parser.parse_args(argv)
    records = make_corpus(args.articles, args.seed, args.min_sentences, args.max_sentences)
    paths = write_corpus(records, args.out, args.per_file, not args.no_gzip)
    print(f"{len(records)} articles -> {len(paths)} file(s) in {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
