"""The coding commands: `dyads code`, `eval`, `places`, `explain`, `dict`."""

from __future__ import annotations

import contextlib
import itertools
import json
import sys
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import click

from dyads.cli.common import (
    DATA_DIR_OPTION,
    date_option,
    fail,
    input_files,
    main,
    names_a_file,
    progress_bar,
    show_progress,
)
from dyads.corpus.output import place_record
from dyads.errors import DyadsError, InputError
from dyads.model import Article

if TYPE_CHECKING:
    from dyads.coder import Coder
from dyads.settings import Settings


@main.command("code")
@click.argument("files", nargs=-1, required=True)
@click.option("--date", "date_text", help="Article date (YYYY-MM-DD) for inputs that carry none.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl",
              show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write events here instead of standard output.")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: the number of cores).")
@click.option("--no-prefilter", is_flag=True,
              help="No fast path: every paragraph through every spaCy component, spaCy as "
                   "installed (slower; for checking).")
@click.option("--no-progress", is_flag=True,
              help="No progress bar (one is drawn on standard error when it is a terminal and the "
                   "events do not go to that terminal).")
@click.option("--future-acts", type=click.Choice(["intent", "act"]), default="intent", show_default=True,
              help='"X will do Y": the intent to do it (dyads, CAMEO 03x) or the act itself (as PETRARCH '
                   'and its peer suites code it).')
@DATA_DIR_OPTION
def code_command(files: tuple[str, ...], date_text: str | None, fmt: str, output: Path | None,
                 workers: int | None, no_prefilter: bool, no_progress: bool, future_acts: str,
                 data_dir: Path | None) -> None:
    """Code FILES (.txt, .html, .jsonl, .jsonl.gz files, folders of them, globs; - for standard
    input) into events. A path or glob that names no file stops the command (exit 1)."""
    from dyads.corpus.ingest import count_inputs
    from dyads.corpus.output import CsvWriter, write_jsonl
    from dyads.corpus.read import read_path
    from dyads.workers import code_batches, default_workers

    default_date = date_option(date_text)
    paths = input_files(files, allow_stdin=True)
    settings = replace(Settings.without_fast_path() if no_prefilter else Settings(), data_dir=data_dir,
                       future_acts="act" if future_acts == "act" else "intent")
    failures = 0
    advance: Callable[[int], None] = _no_progress

    def articles() -> Iterator[Article]:
        nonlocal failures
        for path in paths:
            for item in read_path(path, default_date, settings):
                if isinstance(item, InputError):
                    failures += 1
                    fail(str(item))
                    advance(1)
                    continue
                if item.date is None:
                    click.echo(f"warning: {item.origin}: no article date (give --date); "
                               "event dates are left empty", err=True)
                yield item

    out = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
    try:
        with contextlib.ExitStack() as stack:
            if show_progress(no_progress, stdout_too=output is None) and Path("-") not in paths:
                advance = stack.enter_context(progress_bar("code", count_inputs(paths)))
            csv_writer = CsvWriter(out) if fmt == "csv" else None
            batches, workers = _batches(articles(), workers or default_workers())
            for batch, coded_batch, crashed in code_batches(batches, list, settings, workers, on_coded=advance):
                for coded in coded_batch:
                    if csv_writer:
                        csv_writer.write(coded.events)
                    else:
                        write_jsonl(coded.events, out)
                for failure in crashed:
                    failures += 1
                    fail(f"{failure.origin}: {failure.reason}")
                out.flush()
                if len(batch) > len(coded_batch):  # the coded ones were counted as they were coded
                    advance(len(batch) - len(coded_batch))
    except DyadsError as err:
        raise click.ClickException(str(err)) from None
    finally:
        if output:
            out.close()
    if failures:
        click.echo(f"{failures} input(s) could not be coded (see errors above)", err=True)
        sys.exit(1)


def _no_progress(count: int) -> None:
    """The progress callback without a bar."""


BATCH_ARTICLES = 16  # per worker task: fills spaCy batches, small enough to balance two workers
# Below this many articles, starting workers (a model load each) costs more than it saves.
MIN_ARTICLES_FOR_WORKERS = 2 * BATCH_ARTICLES


def _batches(articles: Iterator[Article], workers: int) -> tuple[Iterator[list[Article]], int]:
    """The articles in batches, and the workers worth starting for them."""
    head = list(itertools.islice(articles, MIN_ARTICLES_FOR_WORKERS))
    if len(head) < MIN_ARTICLES_FOR_WORKERS:
        workers = 1
    stream = itertools.chain(head, articles)
    return iter(lambda: list(itertools.islice(stream, BATCH_ARTICLES)), []), workers


@main.command("eval")
@click.argument("gold", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--errors", "errors_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the sentences the coder gets wrong here (JSONL).")
@click.option("--figures", is_flag=True, help="GOLD holds figure sentences: score figures.")
@click.option("--places", is_flag=True, help="GOLD holds place passages: score the geocoder.")
@click.option("--local", is_flag=True,
              help="GOLD holds local conflict reports (tests/gold/local-*.jsonl): score events found, "
                   "roots, actors, places and death tolls.")
@click.option("--petrarch", is_flag=True,
              help="GOLD are PETRARCH validation suites (XML records): score the expected (source, "
                   "target, code) triples, per category.")
@click.option("--dictionaries", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Code with this folder of TABARI/PETRARCH dictionaries alone, every packaged "
                   "dictionary off (a peer's test suite: --petrarch SUITE --dictionaries ITS_FOLDER).")
@click.option("--future-acts", type=click.Choice(["intent", "act"]), default="intent", show_default=True,
              help='"X will do Y": the intent to do it (dyads, CAMEO 03x) or the act itself (as PETRARCH '
                   'and its peer suites code it).')
@DATA_DIR_OPTION
def eval_command(gold: tuple[Path, ...], as_json: bool, errors_path: Path | None, figures: bool,
                 places: bool, local: bool, petrarch: bool, dictionaries: Path | None, future_acts: str,
                 data_dir: Path | None) -> None:
    """Score the coder against GOLD sentence files (JSONL)."""
    from dyads.coder import Coder
    from dyads.evaluation.gold import (
        evaluate,
        evaluate_figures,
        evaluate_places,
        format_figures_report,
        format_places_report,
        format_report,
        read_gold,
    )

    try:
        coder = Coder.load(Settings(data_dir=data_dir, dictionaries=dictionaries,
                                    future_acts="act" if future_acts == "act" else "intent"))
    except DyadsError as err:
        raise click.ClickException(str(err)) from None
    if petrarch:
        _eval_petrarch(gold, coder, as_json)
        return
    if places:
        _echo_result(lambda: evaluate_places(gold, coder), format_places_report, as_json, errors_path)
        return
    if local:
        _eval_local(gold, coder, as_json, errors_path)
        return
    if figures:
        result = evaluate_figures(gold, coder)
        click.echo(json.dumps(result, indent=2, sort_keys=True) if as_json else format_figures_report(result))
        return
    try:
        report = evaluate(read_gold(gold), coder)
    except DyadsError as err:
        raise click.ClickException(str(err)) from None
    if errors_path:
        _write_jsonl(errors_path, report.errors)
    if as_json:
        click.echo(json.dumps(report.as_dict(), indent=2, sort_keys=True))
    else:
        click.echo(format_report(report))


def _eval_petrarch(suites: tuple[Path, ...], coder: Coder, as_json: bool) -> None:
    from dyads.evaluation.peer import score_with_coder

    try:
        reports = [score_with_coder(path, coder) for path in suites]
    except DyadsError as err:
        raise click.ClickException(str(err)) from None
    if as_json:
        click.echo(json.dumps([report.as_dict() for report in reports], indent=2, sort_keys=True))
    else:
        click.echo("\n\n".join(report.format_table() for report in reports))


def _eval_local(gold: tuple[Path, ...], coder: Coder, as_json: bool, errors_path: Path | None) -> None:
    from dyads.evaluation.local import evaluate_local, format_local_report, read_local

    _echo_result(lambda: evaluate_local(read_local(gold), coder), format_local_report, as_json, errors_path)


def _echo_result(score: Callable[[], dict], report: Callable[[dict], str], as_json: bool,
                 errors_path: Path | None) -> None:
    """A scoring's result printed as its report or as JSON, its "errors" written to ERRORS_PATH."""
    try:
        result = score()
    except DyadsError as err:
        raise click.ClickException(str(err)) from None
    if errors_path:
        _write_jsonl(errors_path, result["errors"])
    summary = {key: value for key, value in result.items() if key != "errors"}
    click.echo(json.dumps(summary, indent=2, sort_keys=True) if as_json else report(result))


def _write_jsonl(path: Path, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


@main.command("places")
@click.argument("text")
@click.option("--date", "date_text", help="Article date (YYYY-MM-DD).")
@click.option("--raw", is_flag=True, help="Keep page boilerplate (captions, navigation) instead of dropping it.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per place mention.")
@DATA_DIR_OPTION
def places_command(text: str, date_text: str | None, raw: bool, as_json: bool, data_dir: Path | None) -> None:
    """Print the places TEXT (a text, or a file path) names, as the geocoder resolves them."""
    from dyads.coder import Coder
    from dyads.corpus.read import read_path

    path = Path(text)
    default_date = date_option(date_text)
    articles: list[Article | InputError]
    if names_a_file(text):
        if raw:
            articles = [Article(doc_id=path.name, text=path.read_text(encoding="utf-8"), date=default_date)]
        else:
            articles = list(read_path(path, default_date, Settings(data_dir=data_dir)))
    else:
        articles = [Article(doc_id="text", text=text, date=default_date)]
    coder = None
    for article in articles:
        if isinstance(article, InputError):
            raise click.ClickException(str(article))
        try:
            coder = coder or Coder.load(Settings(data_dir=data_dir))
            resolved, dateline = coder.places(article)
        except DyadsError as err:
            raise click.ClickException(str(err)) from None
        _print_places(article, resolved, dateline, as_json)


def _print_places(article: Article, resolved: list, dateline, as_json: bool) -> None:
    rows = [("dateline", dateline)] if dateline else []
    rows += [("dateline" if item.mention.sentence_index < 0 else "event place" if item.eligible else "actor",
              item.place) for item in resolved]
    for role, place in rows:
        if as_json:
            click.echo(json.dumps({"doc_id": article.doc_id, "role": role, **place_record(place)}, ensure_ascii=False))
            continue
        where = f"{place.lat:.4f},{place.lon:.4f}" if place.lat is not None else "-"
        click.echo(f"{place.start:>6}  {place.text!r:<24} -> {place.name} [{place.type}, {place.country or '-'}, "
                   f"{place.admin1 or '-'}, {where}, geonames {place.geonames_id or '-'}] {role}")
    if not rows and not as_json:
        click.echo(f"{article.doc_id}: no place found")


@main.command("explain")
@click.argument("text")
@click.option("--date", "date_text", help="Article date (YYYY-MM-DD) to resolve dates against.")
@click.option("--no-parse", is_flag=True, help="Leave out the parse tree.")
@click.option("--dictionaries", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Explain with this folder of TABARI/PETRARCH dictionaries alone (a peer suite's).")
@click.option("--future-acts", type=click.Choice(["intent", "act"]), default="intent", show_default=True,
              help='"X will do Y": the intent to do it (dyads) or the act itself (PETRARCH).')
@DATA_DIR_OPTION
def explain_command(text: str, date_text: str | None, no_parse: bool, dictionaries: Path | None,
                    future_acts: str, data_dir: Path | None) -> None:
    """Show why TEXT (a sentence, or a file path) gives the events it gives."""
    from dyads.api import explain
    from dyads.coding.explain import format_explanation

    path = Path(text)
    if names_a_file(text):
        text = path.read_text(encoding="utf-8")
    settings = Settings(data_dir=data_dir, dictionaries=dictionaries,
                        future_acts="act" if future_acts == "act" else "intent")
    try:
        click.echo(format_explanation(explain(text, date_option(date_text), settings), not no_parse))
    except DyadsError as err:
        raise click.ClickException(str(err)) from None


@main.group("dict")
def dict_group() -> None:
    """Work with the dictionaries under dyads/data."""


@dict_group.command("validate")
@click.option("--data-dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Validate the shipped data with this folder over it (its files replace theirs).")
@click.option("--disagreements", "show_disagreements", is_flag=True,
              help="List every name and role noun whose curated code overrides a pack's.")
def dict_validate(data_dir: Path | None, show_disagreements: bool) -> None:
    """Load and check every dictionary; report the first problem with file and line."""
    from dyads.knowledge.knowledge import Knowledge
    from dyads.knowledge.sources import DataSources

    try:
        loaded = Knowledge.build(DataSources.layered(data_dir))
    except DyadsError as err:
        raise click.ClickException(str(err)) from None
    actors, patterns = loaded.actors, loaded.patterns
    click.echo(f"ok: {sum(len(v) for v in actors.names.values())} actor names, "
               f"{len(actors.roles)} role nouns, "
               f"{sum(len(v) for v in patterns.verbs.values())} curated verb patterns, "
               f"{sum(len(v) for v in patterns.nouns.values())} noun patterns")
    for pack in loaded.packs:
        click.echo(f"pack {pack.name} ({pack.source}): {pack.names} names, {pack.role_nouns} role nouns, "
                   f"{pack.verb_patterns} verb patterns")
        for reason, count in pack.left_out:
            click.echo(f"  left out: {count} {reason}")
        click.echo(f"  {len(pack.disagreements)} place(s) where the curated layer overrides it"
                   + (":" if show_disagreements and pack.disagreements else " (--disagreements lists them)"))
        for line in pack.disagreements if show_disagreements else ():
            click.echo(f"    {line}")


@dict_group.command("import")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--name", required=True, help="The pack's name (a folder name: letters, digits, - and _).")
@click.option("--out", "out", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="A data folder to add the pack to (use it with --data-dir).")
@click.option("--source", default=None, help="Where the dictionaries come from (default: FOLDER).")
@click.option("--licence", default="as stated by the source", show_default=True, help="Their licence.")
def dict_import(folder: Path, name: str, out: Path, source: str | None, licence: str) -> None:
    """Turn a folder of TABARI/PETRARCH dictionaries (verbs, actors, agents, discards) into a dyads
    dictionary pack under OUT/packs/NAME, read and checked line by line first."""
    from dyads.knowledge.packs import write_pack

    try:
        written, found = write_pack(folder, out, name, source or str(folder), licence)
    except DyadsError as err:
        raise click.ClickException(str(err)) from None
    verbs = found.verbs
    click.echo(f"{written}: {len(found.files)} file(s); {len(verbs.blocks) if verbs else 0} verb blocks, "
               f"{len(verbs.patterns) if verbs else 0} patterns, {len(found.actors)} actors, "
               f"{len(found.agents)} agents, {len(found.discards)} discards")
    for warning in found.warnings:
        click.echo(f"  warning: {warning}")
    click.echo(f"use it with: --data-dir {out}")
