"""A bounded soak of `dyads watch`: many cycles against a news site on 127.0.0.1, new items each cycle.

    python bench/watch_soak.py [--cycles 200] [--per-cycle 10] [--window 50]

The site is tests/feed_server.py: each cycle it publishes `--per-cycle` new article pages (the
generated corpus of scripts/make_corpus.py, 5% of them reprints of an earlier article under
another URL) and its feed lists the newest `--window` items, as a real feed does. One watch (in
this process, coding in it, snapshots published as for a server) runs a cycle after each
change. Reported: the watch's resident memory after each cycle, the mean of the last 50 cycles
against cycles 50-100 (flat: within 10%), cycle times, and the checks that every item was coded
once: each page fetched once, each item read once, every article stored or skipped as a reprint,
no event mention stored twice. Nothing leaves the machine. Writes bench/out/watch_soak.json.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "bench" / "out"

from dyads.corpus.watch import Watch, source_of  # noqa: E402 - after the path setup above
from dyads.settings import FetchSettings  # noqa: E402
from tests.feed_server import FeedSite, Item, article_html  # noqa: E402

SOAK_FETCH = FetchSettings(timeout=10, retries=1, backoff=0.1, host_delay=0.0, settle_seconds=0.0)
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


def resident_mib() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * PAGE_SIZE / 2**20


def corpus(articles: int) -> list[dict]:
    folder = OUT / f"soak-corpus-{articles}"
    if not folder.exists():
        subprocess.run([sys.executable, str(ROOT / "scripts" / "make_corpus.py"), "--articles", str(articles),
                        "--per-file", str(articles), "--no-gzip", "--seed", "29", "--out", str(folder)],
                       check=True, capture_output=True)
    return [json.loads(line) for path in sorted(folder.glob("*.jsonl")) for line in path.open(encoding="utf-8")]


def rfc822(day: str) -> str:
    return time.strftime("%a, %d %b %Y 12:00:00 GMT", time.strptime(day, "%Y-%m-%d"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cycles", type=int, default=200)
    parser.add_argument("--per-cycle", type=int, default=10)
    parser.add_argument("--window", type=int, default=50, help="Items the feed lists (the newest).")
    args = parser.parse_args()
    records = corpus(args.cycles * args.per_cycle)
    work = OUT / "watch-soak"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    db = work / "events.duckdb"
    site = FeedSite().start()
    items: list[Item] = []
    cycles: list[dict] = []
    started = time.monotonic()
    try:
        with Watch([source_of(site.url("/feed.xml"))], db, fetch=SOAK_FETCH) as watch:
            for cycle in range(args.cycles):
                for record in records[cycle * args.per_cycle:(cycle + 1) * args.per_cycle]:
                    path = f"/news/{record['id']}.html"
                    paragraphs = [p for p in record["text"].split("\n\n") if p.strip()]
                    site.set_page(path, article_html(record.get("title") or record["id"], paragraphs))
                    items.append(Item(record["id"], path, record.get("title") or record["id"], rfc822(record["date"])))
                site.set_feed("/feed.xml", "Soak News", items[::-1][:args.window])
                report = watch.cycle()
                cycles.append({"cycle": report.number, "stored": report.stored, "skipped": report.skipped,
                               "mentions": report.mentions, "failures": len(report.failures),
                               "seconds": round(report.seconds, 3), "rss_mib": round(resident_mib(), 1)})
                if report.number % 10 == 0:
                    print(f"cycle {report.number}: rss {cycles[-1]['rss_mib']:.0f} MiB, "
                          f"{report.seconds:.2f} s, {report.stored} stored", flush=True)
    finally:
        site.stop()
    elapsed = time.monotonic() - started
    result = summary(args, cycles, site, db, len(records), elapsed)
    (OUT / "watch_soak.json").write_text(json.dumps({"summary": result, "cycles": cycles}, indent=1))
    print(json.dumps(result, indent=1))
    if not result["memory_flat"] or not result["every_item_coded_once"]:
        sys.exit(1)


def summary(args: argparse.Namespace, cycles: list[dict], site: FeedSite, db: Path, items: int,
            elapsed: float) -> dict:
    import duckdb

    pages = [r.path for r in site.requests if r.path.startswith("/news/")]
    with duckdb.connect(str(db), read_only=True) as connection:
        def one(sql: str) -> int:
            return connection.execute(sql).fetchone()[0]

        documents, mentions = one("SELECT count(*) FROM documents"), one("SELECT count(*) FROM mentions")
        read_once = one("SELECT count(*) FROM feed_items WHERE status = 'read' AND attempts = 1")
        distinct_mentions = one("SELECT count(DISTINCT (content_hash, ordinal)) FROM mentions")
        failures = one("SELECT count(*) FROM failures")
    middle = [c["rss_mib"] for c in cycles[49:100]]
    last = [c["rss_mib"] for c in cycles[-50:]]
    stored, skipped = sum(c["stored"] for c in cycles), sum(c["skipped"] for c in cycles)
    checks = {
        "each_page_fetched_once": len(pages) == items and len(set(pages)) == items,
        "each_item_read_once": read_once == items,
        "stored_plus_reprints_is_items": stored + skipped == items and documents == stored,
        "mentions_stored_once": mentions == distinct_mentions == sum(c["mentions"] for c in cycles),
        "no_failures": failures == 0,
    }
    ratio = statistics.mean(last) / statistics.mean(middle) if middle else None
    return {
        "cycles": len(cycles), "items": items, "stored": stored, "reprints_skipped": skipped,
        "mentions": mentions, "minutes": round(elapsed / 60, 1),
        "cycle_seconds_median": statistics.median(c["seconds"] for c in cycles),
        "cycle_seconds_max": max(c["seconds"] for c in cycles),
        "rss_mib_cycles_50_100": round(statistics.mean(middle), 1) if middle else None,
        "rss_mib_last_50": round(statistics.mean(last), 1),
        "rss_ratio": round(ratio, 3) if ratio else None,
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "memory_flat": ratio is not None and abs(ratio - 1) <= 0.10,
        **checks,
        "every_item_coded_once": all(checks.values()),
    }


if __name__ == "__main__":
    main()
