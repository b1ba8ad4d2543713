"""What every command shares: the `dyads` group, logging set-up, error lines, date options.
Only the CLI configures logging and writes to the terminal."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

import click

from dyads.coding.dates import parse_iso_date
from dyads.errors import DyadsError


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
