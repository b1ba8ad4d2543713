#!/usr/bin/env python
"""Screenshots of each dashboard view, for the README (docs/screenshots/*.png).

    python scripts/dashboard_screenshots.py --db events.duckdb [--out docs/screenshots]
        [--dyad ISR,LBN] [--both] [--interval month]

Serves the database on 127.0.0.1 (a free port), opens the dashboard in Debian's Chromium
(scripts/install_browser.sh) and saves: timeline, map, network, events, figures, article
(an event with "Why this code?" beside it), figure (a merged figure marked in its article).
The README's were taken over a synthetic corpus and the two sample articles:

    python scripts/make_corpus.py --articles 200 --seed 7 --out /tmp/shots/corpus
    dyads ingest /tmp/shots/corpus --db /tmp/shots/events.duckdb
    dyads ingest examples/presstv_iran_russia_vienna_talks.txt --date 2015-12-02 --db /tmp/shots/events.duckdb
    dyads ingest examples/presstv_iran_russia_syria_truce_page.txt --date 2016-03-26 --db /tmp/shots/events.duckdb
    python scripts/dashboard_screenshots.py --db /tmp/shots/events.duckdb --dyad ISR,LBN --both
"""

from __future__ import annotations

import argparse
import os
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import uvicorn  # noqa: E402 - after the path setup above
from playwright.sync_api import Page, sync_playwright  # noqa: E402

from dyads.server.app import create_app  # noqa: E402

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
VIEWPORT = {"width": 1280, "height": 860}
CARDS = {"timeline": "#timeline-card", "map": "#map-card", "network": "#network-card",
         "events": "#events-card", "figures": "#figures-card"}
WAIT_MS = 60_000  # the first /explain loads the coder


def serve(db: Path) -> tuple[uvicorn.Server, str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline:
            raise SystemExit("the server did not start")
        time.sleep(0.05)
    return server, f"http://127.0.0.1:{port}"


def take(page: Page, base: str, out: Path, dyad: list[str], both: bool, interval: str) -> list[Path]:
    page.goto(base + "/")
    page.wait_for_selector("body[data-ready=true]", timeout=WAIT_MS)
    page.fill("#dyad-form input[name=source]", dyad[0])
    page.fill("#dyad-form input[name=target]", dyad[1])
    page.set_checked("#dyad-form input[name=both]", both)
    page.select_option("#dyad-form select[name=interval]", interval)
    page.click("#dyad-form button[type=submit]")
    page.wait_for_selector(f"#timeline-title:has-text('by {interval}')", timeout=WAIT_MS)
    saved = []
    for name, selector in CARDS.items():
        saved.append(out / f"{name}.png")
        page.locator(selector).screenshot(path=str(saved[-1]))
    page.locator("#events-table tbody tr").nth(2).click()
    page.wait_for_selector("#article .sentence.current", timeout=WAIT_MS)
    page.click("#article-side button.explain")
    page.wait_for_selector("#article-side .explanation[data-ready=true]", timeout=WAIT_MS)
    saved.append(out / "article.png")
    page.screenshot(path=str(saved[-1]))
    page.click("#close-article")
    page.locator("#figures-table tbody tr[data-mentions]:not([data-mentions='1'])").first.click()
    page.wait_for_selector("#article .sentence mark.figure", timeout=WAIT_MS)
    saved.append(out / "figure.png")
    page.screenshot(path=str(saved[-1]))
    return saved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True, help="the event database to show")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--dyad", default="IRN,RUS", help="SOURCE,TARGET of the timeline")
    parser.add_argument("--both", action="store_true", help="the timeline's dyad in both directions")
    parser.add_argument("--interval", choices=["day", "week", "month"], default="month")
    args = parser.parse_args()
    if not args.db.exists():
        raise SystemExit(f"{args.db}: no such database")
    args.out.mkdir(parents=True, exist_ok=True)
    server, base = serve(args.db)
    home = tempfile.mkdtemp(prefix="chromium-xdg-")
    env = {**os.environ, "XDG_CONFIG_HOME": home, "XDG_CACHE_HOME": home}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS, env=env)
            page = browser.new_page(viewport=VIEWPORT)
            for path in take(page, base, args.out, args.dyad.split(","), args.both, args.interval):
                print(f"{path} ({path.stat().st_size // 1024} KB)")
            browser.close()
    finally:
        server.should_exit = True


if __name__ == "__main__":
    main()
