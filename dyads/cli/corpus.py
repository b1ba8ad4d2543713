"""The corpus commands: `dyads ingest`, `dyads events`, `dyads stats`, `dyads series`, `dyads export`.

Thin wrappers over `dyads.corpus.ingest`, `dyads.corpus.store` and `dyads.corpus.export`: parse options, show
a progress bar, turn DyadsError into a one-line message. Importing this module registers the
commands on `dyads.cli.main` (dyads/cli/coding.py imports it).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import click
from rich.console import Console

from dyads.cli.common import (
    DATA_DIR_OPTION,
    date_option,
    fail,
    filter_options,
    input_files,
    progress_bar,
    selection_of,
    show_progress,
)
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
@DATA_DIR_OPTION
@click.option("--commit-every", type=click.IntRange(min=1), default=WRITE_ARTICLES, show_default=True,
              help="Articles per write transaction: fewer lose less work to a kill, more write faster.")
def ingest_command(paths: tuple[str, ...], db: Path, workers: int | None, date_text: str | None,
                   strict: bool, no_progress: bool, data_dir: Path | None, commit_every: int) -> None:
    """Code PATHS (files, folders, globs of .txt, .html, .jsonl, .jsonl.gz) into the database.

    Articles already stored (same text) are skipped, so an interrupted run can be started
    again. Inputs that cannot be read or coded are recorded in the `failures` table. A path or
    glob that names no file stops the command before it starts (exit 1)."""
    from dyads.corpus.ingest import count_inputs, ingest

    settings = Settings(data_dir=data_dir)
    files = input_files(paths)
    try:
        if not show_progress(no_progress):
            report = ingest(paths, db, workers=workers, settings=settings, files=files,
                            default_date=date_option(date_text), write_articles=commit_every)
        else:
            with progress_bar("ingest", count_inputs(files)) as advance:
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


OUTPUT_OPTION = click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
                             help="Write here instead of standard output.")
LIMIT_OPTION = click.option("--limit", type=click.IntRange(min=1), default=None, help="At most this many rows.")
# The text formats of a listing, by the suffix of an --output file given without --format.
SUFFIX_FORMATS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json"}


@click.command("events")
@DB_OPTION
@filter_options()
@LIMIT_OPTION
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default=None,
              help="table on the terminal (the default), or jsonl/csv as `dyads export` writes them "
                   "(the default with an --output ending in .jsonl or .csv).")
@OUTPUT_OPTION
def events_command(db: Path, limit: int | None, fmt: str | None, output: Path | None, **filters: Any) -> None:
    """List events, oldest first, filtered as the API filters them (the options combine)."""
    from dyads.corpus.export import export_events
    from dyads.corpus.store import EventStore

    selection = selection_of(filters)
    fmt = fmt or _format_of(output, ("jsonl", "csv"), default="table")
    if fmt == "table" and output:
        raise click.BadParameter("a table is for the terminal: give --format jsonl or csv", param_hint="--output")
    try:
        with EventStore(db) as store:
            if fmt != "table":
                with _opened(output) as out:
                    count = export_events(store, fmt, out, selection=selection, limit=limit)
                if output:
                    click.echo(f"{count} event(s) -> {output}", err=True)
                return
            frame = store.events(selection, limit=limit)
    except DyadsError as err:
        raise click.ClickException(str(err)) from None
    _print_table(frame, EVENT_TABLE_COLUMNS, title=f"{len(frame)} event(s)")


def _format_of(output: Path | None, formats: tuple[str, ...], default: str) -> str:
    """The format an --output file's suffix names, else `default`."""
    if output is None:
        return default
    named = SUFFIX_FORMATS.get(output.suffix.lower())
    if named not in formats:
        raise click.BadParameter(f"cannot tell the format of {output.name}: give --format ({', '.join(formats)})",
                                 param_hint="--format")
    return named


@contextmanager
def _opened(output: Path | None) -> Iterator[TextIO]:
    """The --output file (written whole or not at all: a failed command leaves no half file), or
    standard output."""
    if output is None:
        yield sys.stdout
        return
    partial = output.with_name(f".{output.name}.partial")
    try:
        with partial.open("w", encoding="utf-8", newline="") as handle:
            yield handle
        partial.replace(output)
    finally:
        partial.unlink(missing_ok=True)


EVENT_TABLE_COLUMNS = {"date": "date", "source_code": "source", "code": "code", "target_code": "target",
                       "num_mentions": "mentions", "num_articles": "articles", "sentence": "evidence"}


def _print_table(frame: pd.DataFrame, columns: dict[str, str] | list[str], title: str | None = None) -> None:
    """Print columns of a frame; `columns` maps frame columns to headers. Long text is cut."""
    from rich.table import Table

    headers = columns if isinstance(columns, dict) else {name: name for name in columns}
    table = Table(title=title)
    for header in headers.values():
        wide = header in ("evidence", "sentence")
        narrow = max(len(header), 10 if header in ("date", "period") else 0)
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
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


@click.command("stats")
@DB_OPTION
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True, help="How many dyads.")
@click.option("--since", help="Count only events dated from this day (YYYY-MM-DD).")
@click.option("--until", help="Count only events dated up to this day (YYYY-MM-DD), inclusive.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@OUTPUT_OPTION
def stats_command(db: Path, top: int, since: str | None, until: str | None, fmt: str, output: Path | None) -> None:
    """Counts: tables, events by CAMEO root code, top dyads, events per month (of the events
    from --since to --until)."""
    from dyads.corpus.store import EventStore

    selection = selection_of({"since": since, "until": until})
    try:
        with EventStore(db) as store:
            counts, stats = store.counts(), store.stats(top, since=selection.since, until=selection.until)
    except DyadsError as err:
        raise click.ClickException(str(err)) from None
    events = int(stats["by_root_code"]["events"].sum())
    if fmt == "json":
        report = {"since": _iso(selection.since), "until": _iso(selection.until), "counts": counts, "events": events,
                  **{name: frame.to_dict(orient="records") for name, frame in stats.items()}}
        with _opened(output) as out:
            out.write(json.dumps(report, indent=2, default=_plain) + "\n")
        return
    if output:
        raise click.BadParameter("a table is for the terminal: give --format json", param_hint="--output")
    click.echo(", ".join(f"{name}: {count}" for name, count in counts.items()))
    if selection.since or selection.until:
        click.echo(f"{events} event(s) from {_iso(selection.since) or 'the first'} "
                   f"to {_iso(selection.until) or 'the last'}")
    _print_table(stats["by_root_code"], ["root_code", "events", "mentions"], "events by root code")
    _print_table(stats["top_dyads"], ["source_code", "target_code", "events", "mentions"], "top dyads")
    _print_table(stats["by_month"], ["month", "events"], "events per month")


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _plain(value: object) -> object:
    """numpy numbers (pandas' records) as Python numbers for JSON."""
    if hasattr(value, "item"):
        return value.item()
    raise TypeError(f"{type(value).__name__} is not JSON")


@click.command("series")
@click.argument("source")
@click.argument("target")
@DB_OPTION
@click.option("--interval", type=click.Choice(["day", "week", "month"]), default="month", show_default=True)
@filter_options(without=("actor", "dyad", "source", "target"))
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default=None,
              help="table on the terminal (the default), csv (flat columns) or json (the API's series); "
                   "with an --output ending in .csv or .json, its format.")
@OUTPUT_OPTION
def series_command(source: str, target: str, db: Path, interval: str, fmt: str | None, output: Path | None,
                   **filters: Any) -> None:
    """Events from SOURCE to TARGET (code prefixes) per day, week or month, from the first event
    (or --since) to the last (or --until), periods without events as zeros; the API's
    /dyads/SOURCE/TARGET/series counts the same."""
    from dyads.corpus.series import series, series_frame
    from dyads.corpus.store import EventStore
    from dyads.server.filters import InvalidParameter

    selection = selection_of({**filters, "source": source, "target": target})
    fmt = fmt or _format_of(output, ("csv", "json"), default="table")
    if fmt == "table" and output:
        raise click.BadParameter("a table is for the terminal: give --format csv or json", param_hint="--output")
    try:
        with EventStore(db) as store:
            rows = series(store.connection, selection, interval)
    except DyadsError as err:
        raise click.ClickException(str(err)) from None
    except InvalidParameter as err:  # more periods than a series holds
        raise click.BadParameter(err.message, param_hint="--interval") from None
    if fmt == "json":
        report = {"source": selection.source, "target": selection.target, "interval": interval,
                  "both_directions": selection.both_directions, "series": rows}
        with _opened(output) as out:
            out.write(json.dumps(report, indent=2) + "\n")
        return
    frame = series_frame(rows)
    frame["period"] = frame["period"].dt.strftime("%Y-%m-%d")
    if fmt == "csv":
        with _opened(output) as out:
            frame.to_csv(out, index=False, lineterminator="\n")
        return
    direction = "<->" if selection.both_directions else "->"
    _print_table(frame, list(frame.columns), f"{selection.source} {direction} {selection.target} per {interval}")


@click.command("export")
@DB_OPTION
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet", "gdelt", "plover"]),
              default="jsonl", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write here instead of standard output (required for parquet).")
@click.option("--table", type=click.Choice(["events", "mentions", "figures"]), default="events", show_default=True,
              help="What to export: merged events, every event mention with its evidence, or reported figures.")
@filter_options()
@LIMIT_OPTION
@DATA_DIR_OPTION
def export_command(db: Path, fmt: str, output: Path | None, table: str, limit: int | None,
                   data_dir: Path | None, **filters: Any) -> None:
    """Export events (GDELT 2.0 event layout, PLOVER JSON, JSONL, CSV, Parquet), mentions or figures;
    with filters (as `dyads events`), only the events they select and their mentions. The GDELT
    layout's place and actor fields read the data the events were coded with: give the ingest's
    --data-dir."""
    from dyads.corpus.export import export_events
    from dyads.corpus.store import EventStore
    from dyads.knowledge.knowledge import Knowledge
    from dyads.knowledge.sources import DataSources

    if fmt == "parquet" and output is None:
        raise click.BadParameter("parquet needs --output", param_hint="--output")
    selection = selection_of(filters)
    try:
        knowledge = Knowledge.load(DataSources.layered(data_dir)) if fmt == "gdelt" else None
        with EventStore(db) as store:
            if fmt == "parquet":
                assert output is not None
                count = export_events(store, fmt, output, table=table, selection=selection, limit=limit)
            else:
                with _opened(output) as out:
                    count = export_events(store, fmt, out, table=table, selection=selection, limit=limit,
                                          knowledge=knowledge)
    except DyadsError as err:
        raise click.ClickException(str(err)) from None
    if output:
        click.echo(f"{count} {table} row(s) -> {output}", err=True)


COMMANDS = (ingest_command, events_command, stats_command, series_command, export_command)


def register(group: click.Group) -> None:
    """Add the corpus commands to a click group (idempotent)."""
    for command in COMMANDS:
        if command.name not in group.commands:
            group.add_command(command)
