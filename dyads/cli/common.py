"""What every command shares: the `dyads` group, logging set-up, error lines, date options.
Only the CLI configures logging and writes to the terminal."""

from __future__ import annotations

import glob
import logging
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from dyads.coding.dates import parse_iso_date
from dyads.errors import DyadsError

if TYPE_CHECKING:
    from dyads.corpus.selection import EventFilter


def fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)


@click.group()
@click.option("--verbose", "-v", is_flag=True, help="Log what each stage does.")
@click.version_option(package_name="dyads")
def main(verbose: bool) -> None:
    """dyads: who did what to whom, when and where, from news text."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")


def date_option(value: str | None) -> date | None:
    try:
        return parse_iso_date(value)
    except DyadsError as err:
        raise click.BadParameter(str(err)) from None


DATA_DIR_OPTION = click.option(
    "--data-dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="A data folder laid out like dyads/data whose files replace the shipped ones (actors, "
         "patterns, figure words, places).")


def names_a_file(text: str) -> bool:
    """Whether a TEXT argument that may be a sentence or a path names a file: a sentence that is no
    valid file name (too long for the file system, a NUL in it) is text, not an error."""
    try:
        return len(text) < 4096 and Path(text).is_file()
    except (OSError, ValueError):
        return False


def input_files(paths: Sequence[str], allow_stdin: bool = False) -> list[Path]:
    """The files PATHS name, as `dyads ingest` reads them: files as given, folders searched
    recursively for .txt, .html, .jsonl and .jsonl.gz files, globs expanded (`dyads.corpus.ingest.
    expand_paths`). A path, folder or glob that names no file stops the command (exit 1) with
    every such name, before any work: a typo is not an empty run."""
    from dyads.corpus.ingest import SUFFIXES, expand_paths

    files: list[Path] = []
    unmatched: list[str] = []
    for raw in paths:
        if allow_stdin and raw == "-":
            files.append(Path(raw))
            continue
        found = expand_paths([raw])  # a missing path is kept in it, for reading to record
        path = Path(raw)
        named = path.exists() or path.is_symlink() or (glob.has_magic(raw) and bool(glob.glob(raw, recursive=True)))
        if not (named and found):  # nothing there, or a folder (or glob) with no input file in it
            unmatched.append(raw)
        files += found
    if unmatched:
        kinds = ", ".join(SUFFIXES)
        raise click.ClickException(
            "no input file matches " + ", ".join(repr(name) for name in unmatched)
            + f" (give files, folders holding {kinds} files, or globs that match some)")
    return list(dict.fromkeys(files))


# The API's event filters as options (dyads.corpus.selection.parse_filter reads them as the API
# does); `dyads events`, `export` and `series` take them.
FILTER_OPTIONS = {
    "actor": click.option("--actor", help="Source or target code prefix (IRN finds IRNGOV, IRNMIL...)."),
    "dyad": click.option("--dyad", help="SOURCE,TARGET code prefixes, directed (IRN,RUS)."),
    "source": click.option("--source", help="Source code prefix."),
    "target": click.option("--target", help="Target code prefix."),
    "both_directions": click.option("--both-directions", is_flag=True,
                                    help="The dyad (or source/target) in either direction."),
    "root": click.option("--root", help="CAMEO root code, two digits (04)."),
    "code": click.option("--code", help="CAMEO code: two digits a root (04 finds 040-046), more that code "
                                        "exactly (023, not 0231)."),
    "quad_class": click.option("--quad-class", help="GDELT QuadClass: 1 verbal cooperation, 2 material "
                                                    "cooperation, 3 verbal conflict, 4 material conflict."),
    "since": click.option("--since", help="First event date (YYYY-MM-DD), inclusive."),
    "until": click.option("--until", help="Last event date (YYYY-MM-DD), inclusive."),
    "country": click.option("--country", help="ISO3 country of the event's place (SYR)."),
    "place": click.option("--place", help="Words in the event's place name (aleppo)."),
    "text": click.option("--text", help="Words in an evidence sentence of the event."),
    "has_place": click.option("--has-place", is_flag=True, help="Only events with coordinates."),
}


def filter_options(*, without: tuple[str, ...] = ()) -> Callable[[Callable], Callable]:
    """Add the filter options (all but `without`) to a command, in the order of FILTER_OPTIONS."""
    def decorate(command: Callable) -> Callable:
        for name, option in reversed(FILTER_OPTIONS.items()):
            if name not in without:
                command = option(command)
        return command
    return decorate


def selection_of(options: dict[str, Any]) -> EventFilter:
    """The EventFilter of the filter options among a command's `options`; a bad value is a usage
    error naming its option."""
    from dyads.corpus.selection import parse_filter
    from dyads.server.filters import InvalidParameter

    values = {name: options[name] for name in FILTER_OPTIONS if name in options}
    try:
        return parse_filter(**values)
    except InvalidParameter as err:
        raise click.BadParameter(err.message, param_hint=f"--{err.name.replace('_', '-')}") from None


def pop_filters(options: dict[str, Any]) -> dict[str, Any]:
    """The filter options taken out of a command's keyword arguments."""
    return {name: options.pop(name) for name in list(options) if name in FILTER_OPTIONS}


def show_progress(no_progress: bool, *, stdout_too: bool = False) -> bool:
    """Whether to draw a progress bar: on a terminal only (never into a log or a pipe), and
    when results go to standard output (`stdout_too`), only if that is not the same terminal."""
    if no_progress or not sys.stderr.isatty():
        return False
    return not (stdout_too and sys.stdout.isatty())


@contextmanager
def progress_bar(label: str, total: int | None) -> Iterator[Callable[[int], None]]:
    """A progress bar on standard error with articles/s and ETA; yields the callback that
    advances it by a number of inputs. Standard output is left alone (results may be piped)."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    progress = Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]}"),
                        TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
                        console=Console(stderr=True), redirect_stdout=False)
    task = progress.add_task(label, total=total, rate="")

    def advance(count: int) -> None:
        progress.advance(task, count)
        speed = progress.tasks[0].speed
        progress.update(task, rate=f"{speed:.1f} articles/s" if speed else "")

    with progress:
        yield advance
