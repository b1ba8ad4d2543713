"""The Spark job: articles in, Parquet tables out, the same tables `dyads ingest` builds.

    spark-submit dyads/spark/job.py INPUT OUTPUT        # or: python -m dyads.spark.job INPUT OUTPUT
    dyads spark code INPUT OUTPUT --master local[2]

Stages (see docs/spark.md):
  1. read     every file (text, HTML, JSONL, JSONL.gz) or Parquet record under INPUT, parsed by
              dyads.corpus.read; articles get the content-hash ids `dyads ingest` gives them;
  2. dedupe   one article per content hash, the first in input order (dyads.spark.read);
  3. code     `mapPartitions` over articles hashed into partitions: each executor Python
              process builds one Coder (dyads.workers) and codes as ingest does;
  4. merge    mentions -> events in Spark SQL with the rules of dyads/corpus/dedupe.py;
  5. write    OUTPUT/{documents,mentions,figures,failures,events} as Parquet, overwriting;
              events partitioned by event month (OUTPUT/events/month=2016-02/...).

Every id is a content hash and every table is written in a fixed order, so two runs over the
same input write the same rows in the same files.
"""

from __future__ import annotations

import argparse
import itertools
import logging
import os
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path

from pyspark import StorageLevel
from pyspark.sql import DataFrame, Row, SparkSession
from pyspark.sql import functions as F

from dyads.corpus.read import content_hash
from dyads.corpus.store import Failure, document_row, failure_row, figure_row, mention_row
from dyads.model import Article, CodedArticle
from dyads.settings import Settings
from dyads.spark.merge import merge_events
from dyads.spark.read import read_failures, read_input, unique_articles
from dyads.spark.schema import as_tuple, coded_schema, table_schema
from dyads.workers import code_isolated, worker_coder

log = logging.getLogger(__name__)

# Articles per Coder call inside a task: enough to fill spaCy's batches of 64 passages
# across articles, few enough that a crash recodes only these one by one (as ingest does).
CHUNK_ARTICLES = 64
# Coding partitions per core: articles differ in length, so a few partitions per core keep
# every core busy to the end; each extra partition costs only a task (the model stays loaded).
PARTITIONS_PER_CORE = 4
ARTICLE_FIELDS = ("doc_id", "text", "date", "url", "source", "title", "origin")
# Tables written straight from the coded partitions: see code_articles for why they are in order.
CODED_TABLES = ("documents", "mentions", "figures")
FAILURE_ORDER = ("origin", "reason")  # the key of ingest's failures table
EVENT_ORDER = ("date", "event_id")
LOCAL_SHUFFLE_PARTITIONS = 8


# 3. coding, on the executors ------------------------------------------------------------------

def code_chunk(articles: list[Article], settings: Settings) -> tuple[list[CodedArticle], list[Failure]]:
    """Code articles as `dyads ingest` does, with this process's Coder (dyads.workers: Spark reuses
    its Python workers between tasks, so the model loads once per executor process, not once per
    partition); a crash recodes them one by one; dictionary errors stop the job."""
    return code_isolated(articles, worker_coder(settings))


def coded_row(item: CodedArticle) -> tuple:
    """A coded article as a `coded_schema()` row, its parts built by dyads.corpus.store as ingest builds them."""
    digest = content_hash(item.article.text)
    mentions = [as_tuple(mention_row(event, digest, n), table_schema("mentions"))
                for n, event in enumerate(item.events)]
    figures = [as_tuple(figure_row(figure, digest, n), table_schema("figures"))
               for n, figure in enumerate(item.figures)]
    return digest, as_tuple(document_row(item, digest), table_schema("documents")), mentions, figures, None


def failed_row(failure: Failure) -> tuple:
    return None, None, [], [], as_tuple(failure_row(failure), table_schema("failures"))


def code_partition(rows: Iterable[Row], settings: Settings) -> Iterator[tuple]:
    """The mapPartitions function: article rows in, `coded_schema()` rows out."""
    iterator = iter(rows)
    while chunk := list(itertools.islice(iterator, CHUNK_ARTICLES)):
        articles = [Article(**{name: row[name] for name in ARTICLE_FIELDS}) for row in chunk]
        coded, failures = code_chunk(articles, settings)
        yield from (coded_row(item) for item in coded)
        yield from (failed_row(failure) for failure in failures)


# 1-5. the job, on the driver ------------------------------------------------------------------

@dataclass(frozen=True)
class JobReport:
    inputs: int  # articles and unreadable inputs read
    documents: int  # articles coded (one per distinct text)
    duplicates: int  # articles dropped because an earlier one had the same text
    mentions: int
    events: int
    figures: int
    failures: int
    seconds: float

    def summary(self) -> str:
        return (f"{self.documents} article(s) coded, {self.duplicates} duplicate(s) dropped, "
                f"{self.mentions} event mention(s) -> {self.events} event(s), {self.figures} figure(s), "
                f"{self.failures} failure(s) in {self.seconds:.1f} s")


def code_articles(spark: SparkSession, articles: DataFrame, settings: Settings, partitions: int) -> DataFrame:
    """Articles hashed into partitions and sorted, so each partition codes the same articles
    in the same order on every run; the rows are `coded_schema()`. Each partition's rows are
    thus in content-hash order with every article's mentions and figures in ordinal order: the
    documents, mentions and figures tables are written as they come, with no sort of their own."""
    ordered = articles.repartition(partitions, "content_hash").sortWithinPartitions("content_hash")
    coded = ordered.rdd.mapPartitions(partial(code_partition, settings=settings))
    return spark.createDataFrame(coded, coded_schema())


def split_tables(coded: DataFrame, read_rows: DataFrame) -> dict[str, DataFrame]:
    failures = read_failures(read_rows).unionByName(coded.where(F.col("failure").isNotNull()).select("failure.*"))
    return {
        "documents": coded.where(F.col("document").isNotNull()).select("document.*"),
        "mentions": coded.select(F.explode("mentions").alias("row")).select("row.*"),
        "figures": coded.select(F.explode("figures").alias("row")).select("row.*"),
        # (origin, reason) is the key of ingest's failures table: one row per key there too
        "failures": failures.groupBy("origin", "reason").agg(F.min("stage").alias("stage"),
                                                             F.min("error_code").alias("error_code")),
    }


def write_failures(frame: DataFrame, path: str) -> None:
    # A handful of rows: one file, sorted by its unique key, the same every run.
    frame.repartition(1).sortWithinPartitions(*FAILURE_ORDER).write.mode("overwrite").parquet(path)


def write_events(events: DataFrame, path: str, partitions: int) -> None:
    """Events partitioned by event month (month=YYYY-MM; undated events under Hive's
    __HIVE_DEFAULT_PARTITION__), one file per month, sorted by date and id."""
    by_month = events.withColumn("month", F.date_format("date", "yyyy-MM"))
    (by_month.repartition(partitions, "month").sortWithinPartitions("month", *EVENT_ORDER)
     .write.mode("overwrite").partitionBy("month").parquet(path))


def default_partitions(spark: SparkSession) -> int:
    return max(1, spark.sparkContext.defaultParallelism * PARTITIONS_PER_CORE)


def run_job(spark: SparkSession, input_path: str | Path, output_path: str | Path, *,
            settings: Settings | None = None, default_date: date | None = None,
            partitions: int | None = None) -> JobReport:
    """Read, dedupe, code and merge everything under `input_path` (a file, folder or glob of
    .txt/.html/.jsonl/.jsonl.gz, or Parquet with JSONL's record columns); write the tables
    under `output_path`, replacing what was there. `default_date` dates articles that carry none."""
    started = time.perf_counter()
    settings = settings or Settings()
    partitions = partitions or default_partitions(spark)
    out = str(output_path).rstrip("/")
    # Both are used by several writes: persisted, the files are read and the articles coded once.
    rows = read_input(spark, str(input_path), default_date, settings).persist(StorageLevel.MEMORY_AND_DISK)
    coded = code_articles(spark, unique_articles(rows), settings, partitions).persist(StorageLevel.MEMORY_AND_DISK)
    try:
        tables = split_tables(coded, rows)
        for name in CODED_TABLES:  # the first write codes the articles (and caches them)
            tables[name].write.mode("overwrite").parquet(f"{out}/{name}")
        write_failures(tables["failures"], f"{out}/failures")
        write_events(merge_events(spark, tables["mentions"], tables["documents"]), f"{out}/events", partitions)
        return report(spark, rows, coded, out, started)
    finally:
        rows.unpersist()
        coded.unpersist()


def report(spark: SparkSession, rows: DataFrame, coded: DataFrame, out: str, started: float) -> JobReport:
    """Counts in three small jobs: one pass over each cached frame, Parquet footers for the rest."""
    read = rows.agg(F.count("*"), F.count("content_hash")).first()
    done = coded.agg(F.count("*"), F.count("document"), F.sum(F.size("mentions")), F.sum(F.size("figures"))).first()
    return JobReport(inputs=read[0], documents=done[1], duplicates=read[1] - done[0], mentions=done[2] or 0,
                     events=spark.read.parquet(f"{out}/events").count(), figures=done[3] or 0,
                     failures=spark.read.parquet(f"{out}/failures").count(),
                     seconds=time.perf_counter() - started)


# the session and the entry point ----------------------------------------------------------------

def spark_session(master: str | None = None, app_name: str = "dyads", config: dict[str, str] | None = None
                  ) -> SparkSession:
    """A session for the job. `master` None keeps what spark-submit set (or local[*] without it).
    For a local master, the executors run this Python (the one with dyads and spaCy) and Spark
    binds to loopback; on a cluster, set PYSPARK_PYTHON yourself (docs/spark.md)."""
    from pyspark import SparkConf

    local = master.startswith("local") if master else not SparkConf().contains("spark.master")
    defaults = {}
    if local:
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        # Spark's 200 shuffle partitions are sized for clusters; on a few local cores they are
        # 200 tiny tasks per shuffle (the dedupe window, the event merge).
        defaults["spark.sql.shuffle.partitions"] = str(LOCAL_SHUFFLE_PARTITIONS)
    builder = SparkSession.builder.appName(app_name)
    if master or local:
        builder = builder.master(master or "local[*]")
    settings = {
        **defaults,
        "spark.ui.showConsoleProgress": "false",  # the bar garbles logs and CI output
        # one BLAS thread per Python worker: the workers themselves fill the cores
        "spark.executorEnv.OMP_NUM_THREADS": "1",
        "spark.executorEnv.OPENBLAS_NUM_THREADS": "1",
        **(config or {}),
    }
    for key, value in settings.items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="dyads.spark.job", description="Code a corpus with Spark into Parquet.")
    parser.add_argument("input", help="file, folder or glob of .txt/.html/.jsonl/.jsonl.gz, or Parquet records")
    parser.add_argument("output", help="folder for the Parquet tables (replaced)")
    parser.add_argument("--master", help="Spark master (default: spark-submit's, else local[*])")
    parser.add_argument("--date", help="article date (YYYY-MM-DD) for inputs that carry none")
    parser.add_argument("--data-dir", type=Path, help="dictionaries to use instead of the shipped ones")
    parser.add_argument("--partitions", type=int, help="coding partitions (default: 4 per core)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """The spark-submit entry point: prints the report on stderr; exit 1 on a dyads error."""
    from dyads.coding.dates import parse_iso_date
    from dyads.errors import DyadsError

    args = parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    spark = spark_session(args.master)
    try:
        report = run_job(spark, args.input, args.output, settings=Settings(data_dir=args.data_dir),
                         default_date=parse_iso_date(args.date) if args.date else None,
                         partitions=args.partitions)
    except DyadsError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    finally:
        spark.stop()
    print(f"{report.summary()} -> {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    # Run through the module's importable name, not as __main__: Spark pickles the functions it
    # ships by reference then, so executors import dyads.spark.job and keep its model cache.
    from dyads.spark.job import main as module_main

    sys.exit(module_main())
