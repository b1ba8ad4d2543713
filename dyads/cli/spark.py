"""`dyads spark code INPUT OUTPUT`: the Spark job from the command line. Wire it with `register(main)`.

pyspark and Java are checked before anything is imported from them, so a missing one is a
one-line message with the fix, not a traceback from the Java gateway.
"""

from __future__ import annotations

from pathlib import Path

import click

from dyads.errors import DyadsError


@click.group("spark")
def spark_group() -> None:
    """Code a corpus on Apache Spark (needs the spark extra: pip install 'dyads[spark]')."""


@spark_group.command("code")
@click.argument("input_path", metavar="INPUT")
@click.argument("output_path", metavar="OUTPUT")
@click.option("--master", default="local[*]", show_default=True,
              help="Spark master: local[N] for N local cores, spark://HOST:7077, yarn, k8s://...")
@click.option("--date", "date_text", help="Article date (YYYY-MM-DD) for inputs that carry none.")
@click.option("--data-dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Use the dictionaries in this directory instead of the shipped ones.")
@click.option("--partitions", type=click.IntRange(min=1), default=None,
              help="Coding partitions (default: 4 per core).")
def code_command(input_path: str, output_path: str, master: str, date_text: str | None,
                 data_dir: Path | None, partitions: int | None) -> None:
    """Code INPUT (a file, folder or glob of .txt/.html/.jsonl/.jsonl.gz, or Parquet records)
    into Parquet tables under OUTPUT: documents, mentions, figures, failures, and events
    partitioned by month. OUTPUT is replaced; the same input gives the same tables."""
    from dyads.spark import missing_requirement

    problem = missing_requirement()
    if problem:
        raise click.ClickException(f"dyads spark: {problem}")
    from dyads.cli.common import date_option
    from dyads.settings import Settings
    from dyads.spark.job import run_job, spark_session

    default_date = date_option(date_text)
    spark = spark_session(master)
    try:
        report = run_job(spark, input_path, output_path, settings=Settings(data_dir=data_dir),
                         default_date=default_date, partitions=partitions)
    except DyadsError as err:
        raise click.ClickException(str(err)) from None
    finally:
        spark.stop()
    click.echo(f"{report.summary()} -> {output_path}", err=True)


def register(group: click.Group) -> None:
    """Add `spark` (with `spark code`) to a click group (idempotent)."""
    if spark_group.name not in group.commands:
        group.add_command(spark_group)
