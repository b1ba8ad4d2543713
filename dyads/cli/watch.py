"""`dyads watch`: keep coding folders, feeds and standard input into a database as news arrives.
Thin over `dyads.corpus.watch.Watch`. Wire it with `register(main)`."""

from __future__ import annotations

import re
import sys
from dataclasses import replace
from pathlib import Path

import click

from dyads.cli.common import DATA_DIR_OPTION, date_option, fail
from dyads.errors import DyadsError
from dyads.settings import WRITE_ARTICLES, FetchSettings, Settings

DURATION_RE = re.compile(r"(\d+(?:\.\d+)?)\s*(ms|s|m|h)?")
UNIT_SECONDS = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0, None: 1.0}
DEFAULT_FETCH = FetchSettings()


def duration(value: str) -> float:
    """Seconds from "90", "30s", "5m", "1h" or "1h30m"."""
    text = value.strip().lower()
    parts = list(DURATION_RE.finditer(text))
    if not parts or "".join(p.group(0) for p in parts).replace(" ", "") != text.replace(" ", ""):
        raise click.BadParameter(f"{value!r} is not a duration (e.g. 90s, 5m, 1h)")
    return sum(float(p.group(1)) * UNIT_SECONDS[p.group(2)] for p in parts)


@click.command("watch")
@click.argument("sources", nargs=-1, required=True)
@click.option("--db", "db", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The event database (DuckDB file).")
@click.option("--every", default="5m", show_default=True, help="Time from one cycle's start to the next (90s, 5m, 1h).")
@click.option("--cycles", type=click.IntRange(min=1), default=None, help="Stop after this many cycles.")
@click.option("--once", is_flag=True, help="One cycle, then exit (as --cycles 1: for cron).")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes for coding (1: in this process, the model loaded once for all cycles).")
@click.option("--date", "date_text", help="Article date (YYYY-MM-DD) for inputs that carry none.")
@click.option("--delay", type=click.FloatRange(min=0), default=DEFAULT_FETCH.host_delay, show_default=True,
              help="Seconds between two requests to one host.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=DEFAULT_FETCH.timeout, show_default=True,
              help="Seconds for one request, connection to last byte.")
@click.option("--retries", type=click.IntRange(min=0), default=DEFAULT_FETCH.retries, show_default=True,
              help="Further tries after a timeout, a refused connection, a 429 or a 5xx.")
@click.option("--backoff", type=click.FloatRange(min=0), default=DEFAULT_FETCH.backoff, show_default=True,
              help="Seconds before the first retry, doubled for each next one.")
@click.option("--commit-every", type=click.IntRange(min=1), default=WRITE_ARTICLES, show_default=True,
              help="Articles per write transaction, as for ingest.")
@click.option("--no-snapshots", is_flag=True,
              help="Do not publish snapshots for `dyads serve` to follow (nothing reads the database meanwhile).")
@DATA_DIR_OPTION
def watch_command(sources: tuple[str, ...], db: Path, every: str, cycles: int | None, once: bool, workers: int,
                  date_text: str | None, delay: float, timeout: float, retries: int, backoff: float,
                  commit_every: int, no_snapshots: bool, data_dir: Path | None) -> None:
    """Code what is new in SOURCES into the database, every --every, until stopped.

    SOURCES are folders (new and changed files; .txt, .html, .jsonl, .jsonl.gz), files or globs,
    RSS/Atom feed URLs (each new item's page fetched politely: robots.txt, one request at a time
    per host) and "-" for JSON lines on standard input. Each cycle codes only what is new and
    merges it as `dyads ingest` does; failures go to the `failures` table and the watch goes on.
    Killed at any point, a restarted watch ends as if it had not been. A `dyads serve` on the
    same --db follows the snapshots the watch publishes after each cycle that changed something.
    """
    from dyads.corpus.watch import Watch, source_of

    period = duration(every)
    for name in sources:
        if name != "-" and not name.startswith(("http://", "https://")) and not Path(name).exists() \
                and not any(c in name for c in "*?["):
            raise click.BadParameter(f"{name}: no such file or folder (a feed is an http(s) URL)",
                                     param_hint="SOURCES")
    fetch = replace(DEFAULT_FETCH, host_delay=delay, timeout=timeout, retries=retries, backoff=backoff)
    settings = Settings(data_dir=data_dir)
    try:
        with Watch([source_of(name) for name in sources], db, settings=settings, fetch=fetch, workers=workers,
                   default_date=date_option(date_text), write_articles=commit_every,
                   publish_snapshots=not no_snapshots) as watch:
            for report in watch.run(period, 1 if once else cycles):
                for failure in report.failures:
                    fail(f"{failure.origin}: {failure.reason}")
                published = f", snapshot {report.snapshot.version}" if report.snapshot else ""
                click.echo(f"cycle {report.number}: {report.stored} article(s) stored, {report.skipped} already "
                           f"stored, {report.mentions} event mention(s), {len(report.failures)} failure(s) "
                           f"in {report.seconds:.1f} s{published} -> {db}", err=True)
    except DyadsError as err:
        raise click.ClickException(str(err)) from None
    except KeyboardInterrupt:
        click.echo("stopped (the database holds every committed cycle; run again to go on)", err=True)
        sys.exit(130)


def register(group: click.Group) -> None:
    """Add `watch` to a click group (idempotent)."""
    if watch_command.name not in group.commands:
        group.add_command(watch_command)
