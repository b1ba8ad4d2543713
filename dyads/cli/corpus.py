"""The corpus commands: `dyads ingest`, `dyads events`, `dyads stats`, `dyads export`.

Thin wrappers over `dyads.corpus.ingest`, `dyads.corpus.store` and `dyads.corpus.export`: parse options, show
a progress bar, turn DyadsError into a one-line message. Importing this module registers the
commands on `dyads.cli.main` (dyads/cli/coding.py imports it).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.console import Console

from dyads.cli.common import date_option, fail
from dyads.errors import DyadsError
from dyads.settings import WRITE_ARTICLES, Settings

if TYPE_CHECKING:
    import pandas as pd

DB_OPTION = click.option("--db", "db", required=True, type=click.Path(dir_okay=False, path_type=Path),
                         help="The event database (DuckDB file).")


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@DB_OPTION
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: the number of cores).")
@click.option("--date", "date_text", help="Article date (YYYY-MM-DD) for inputs that carry none.")
@click.option("--strict", is_flag=True, help="Exit non-zero when any input failed.")
@click.option("--no-progress", is_flag=True, help="No progress bar.")
@click.option("--data-dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Use the dictionaries in this directory instead of the shipped ones.")
@click.option("--commit-every", type=click.IntRange(min=1), default=WRITE_ARTICLES, show_default=True,
              help="Articles per write transaction: fewer lose less work to a kill, more write faster.")
def ingest_command(paths: tuple[str, ...], db: Path, workers: int | None, date_text: str | None,
                   strict: bool, no_progress: bool, data_dir: Path | None, commit_every: int) -> None:
    """Code PATHS (files, folders, globs of .txt, .html, .jsonl, .jsonl.gz) into the database.

    Articles already stored (same text) are skipped, so an interrupted run can be started
    again. Inputs that cannot be read or coded are recorded in the `failures` table."""
    from dyads.corpus.ingest import count_inputs, expand_paths, ingest

    settings = Settings(data_dir=data_dir)
    files = expand_paths(paths)
    try:
        if no_progress or not sys.stderr.isatty():
            report = ingest(paths, db, workers=workers, settings=settings, files=files,
                            default_date=date_option(date_text), write_articles=commit_every)
        else:
            with _progress_bar(count_inputs(files)) as advance:
                report = ingest(paths, db, workers=workers, settings=settings, files=files,
                                default_date=date_option(date_text), progress=advance,
                                write_articles=commit_every)
    except DyadsError as err:
        raise click.ClickException(str(err)) from None
    for failure in report.failures:
        fail(f"{failure.origin}: {failure.reason}")
    click.echo(f"{report.stored} article(s) stored, {report.skipped} already stored, "
               f"{report.mentions} event mention(s), {len(report.failures)} failure(s) "
               f"from {report.files} file(s) -> {db}", err=True)
    if strict and report.failures:
        sys.exit(1)


@contextmanager
def _progress_bar(total: int) -> Iterator[Callable[[int], None]]:
    """A rich progress bar with articles/s and ETA; yields the callback that advances it."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    progress = Progress(TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]}"),
                        TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(), console=Console(stderr=True))
    task = progress.add_task("ingest", total=total, rate="")

    def advance(count: int) -> None:
        progress.advance(task, count)
        speed = progress.tasks[0].speed
        progress.update(task, rate=f"{speed:.1f} articles/s" if speed else "")

    with progress:
        yield advance


@click.command("events")
@DB_OPTION
@click.option("--actor", help="Source or target code prefix (IRN finds IRNGOV, IRNMIL...).")
@click.option("--dyad", help="SOURCE,TARGET code prefixes, directed (IRN,RUS).")
@click.option("--code", help="CAMEO code: two digits a root (04 finds 040-046), more that code exactly "
                             "(023, not 0231), as the API's code.")
@click.option("--since", help="First event date (YYYY-MM-DD), inclusive.")
@click.option("--until", help="Last event date (YYYY-MM-DD), inclusive.")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most this many events.")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table",
              show_default=True)
def events_command(db: Path, actor: str | None, dyad: str | None, code: str | None, since: str | None,
                   until: str | None, limit: int | None, fmt: str) -> None:
    """List events, oldest first."""
    from dyads.corpus.store import EventStore

    dyad_pair = None
    if dyad:
        parts = [p.strip() for p in dyad.split(",")]
        if len(parts) != 2 or not all(parts):
            raise click.BadParameter("give SOURCE,TARGET, e.g. IRN,RUS", param_hint="--dyad")
        dyad_pair = (parts[0], parts[1])
    if code:
        from dyads.knowledge.reference import cameo_codes

        if code not in cameo_codes():
            raise click.BadParameter(f"unknown CAMEO event code {code!r} (e.g. 04, 041, 0256)", param_hint="--code")
    try:
        with EventStore(db, read_only=True) as store:
            frame = store.events(actor=actor, dyad=dyad_pair, code=code, since=date_option(since),
                                 until=date_option(until), limit=limit)
    except DyadsError as err:
        raise click.ClickException(str(err)) from None
    for column in ("date", "first_seen", "last_seen"):
        frame[column] = frame[column].dt.strftime("%Y-%m-%d")  # dates, not midnight timestamps
    if fmt == "csv":
        click.echo(frame.to_csv(index=False), nl=False)
    elif fmt == "jsonl":
        if len(frame):
            click.echo(frame.to_json(orient="records", lines=True, force_ascii=False).rstrip("\n"))
    else:
        _print_table(frame, EVENT_TABLE_COLUMNS, title=f"{len(frame)} event(s)")


EVENT_TABLE_COLUMNS = {"date": "date", "source_code": "source", "code": "code", "target_code": "target",
                       "num_mentions": "mentions", "num_articles": "articles", "sentence": "evidence"}


def _print_table(frame: pd.DataFrame, columns: dict[str, str] | list[str], title: str | None = None) -> None:
    """Print columns of a frame; `columns` maps frame columns to headers. Long text is cut."""
    from rich.table import Table

    headers = columns if isinstance(columns, dict) else {name: name for name in columns}
    table = Table(title=title)
    for header in headers.values():
        wide = header in ("evidence", "sentence")
        narrow = max(len(header), 10 if header == "date" else 0)
        table.add_column(header, no_wrap=True, overflow="ellipsis", min_width=None if wide else narrow,
                         max_width=50 if wide else None)
    for row in frame[list(headers)].itertuples(index=False):
        table.add_row(*(_cell(value) for value in row))
    Console().print(table)


def _cell(value: object) -> str:
    import pandas as pd

    if value is None or pd.isna(value):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    return str(value)


@click.command("stats")
@DB_OPTION
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True, help="How many dyads.")
def stats_command(db: Path, top: int) -> None:
    """Counts: tables, events by CAMEO root code, top dyads, events per month."""
    from dyads.corpus.store import EventStore

    try:
        with EventStore(db, read_only=True) as store:
            counts, stats = store.counts(), store.stats(top)
    except DyadsError as err:
        raise click.ClickException(str(err)) from None
    click.echo(", ".join(f"{name}: {count}" for name, count in counts.items()))
    _print_table(stats["by_root_code"], ["root_code", "events", "mentions"], "events by root code")
    _print_table(stats["top_dyads"], ["source_code", "target_code", "events", "mentions"], "top dyads")
    _print_table(stats["by_month"], ["month", "events"], "events per month")


@click.command("export")
@DB_OPTION
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet", "gdelt", "plover"]),
              default="jsonl", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write here instead of standard output (required for parquet).")
@click.option("--table", type=click.Choice(["events", "mentions", "figures"]), default="events", show_default=True,
              help="What to export: merged events, every event mention with its evidence, or reported figures.")
def export_command(db: Path, fmt: str, output: Path | None, table: str) -> None:
    """Export events (GDELT 2.0 event layout, PLOVER JSON, JSONL, CSV, Parquet), mentions or figures."""
    from dyads.corpus.export import export_events
    from dyads.corpus.store import EventStore

    if fmt == "parquet" and output is None:
        raise click.BadParameter("parquet needs --output", param_hint="--output")
    try:
        with EventStore(db, read_only=True) as store:
            count = export_events(store, fmt, output if output else sys.stdout, table=table)
    except DyadsError as err:
        raise click.ClickException(str(err)) from None
    if output:
        click.echo(f"{count} {table} row(s) -> {output}", err=True)


COMMANDS = (ingest_command, events_command, stats_command, export_command)


def register(group: click.Group) -> None:
    """Add the corpus commands to a click group (idempotent)."""
    for command in COMMANDS:
        if command.name not in group.commands:
            group.add_command(command)
