"""Reading articles in Spark: files (text, HTML, JSONL, JSONL.gz) or Parquet records.

Every file or record is parsed by dyads.corpus.read, as `dyads ingest` parses it, and becomes one
row of `READ_SCHEMA`: an article (with its content hash) or a read failure. Each row carries
its place in the input (`file_key`, `position`) so that, of several articles with the same
text, the one `dyads ingest` would keep (the first in sorted file order, then line order) is
kept here too: that choice decides the doc_id, source and URL the events report.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from functools import partial
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlparse

from pyspark.sql import DataFrame, Row, SparkSession, Window
from pyspark.sql import functions as F
from pyspark.sql.types import DateType, LongType, StringType, StructField, StructType

from dyads.corpus.ingest import SUFFIXES, failure_of
from dyads.corpus.read import article_from_record, articles_in_bytes, content_hash
from dyads.errors import InputError
from dyads.model import Article
from dyads.settings import Settings

RECORD_FIELDS = ("id", "text", "html", "date", "url", "source", "title")  # as in JSONL records
ARTICLE_COLUMNS = ("content_hash", "doc_id", "text", "date", "url", "source", "title", "origin")
FAILURE_COLUMNS = ("failure_origin", "failure_reason", "failure_stage", "failure_code")
_TYPES = {"date": DateType()}
READ_SCHEMA = StructType([
    StructField("file_key", StringType(), False),
    StructField("position", LongType(), False),
    *[StructField(name, _TYPES.get(name, StringType())) for name in ARTICLE_COLUMNS + FAILURE_COLUMNS],
])


def local_name(uri: str) -> str:
    """Spark's "file:/data/a%20b.txt" -> "/data/a b.txt", the name `dyads ingest` reports;
    other file systems (hdfs://, s3a://) keep their URI."""
    if uri.startswith("file:"):
        return unquote(urlparse(uri).path)
    return uri


def file_key(name: str) -> str:
    """A string that sorts like `sorted()` sorts the Paths in dyads.corpus.ingest.expand_paths
    (by path parts; NUL sorts before every character a name can hold)."""
    return "\x00".join(PurePosixPath(name).parts)


def articles_in(data: bytes, origin: str, default_date: date | None,
                settings: Settings) -> Iterator[Article | InputError]:
    """dyads.corpus.read.read_path for a file Spark already read: same dispatch, parsers, errors."""
    return articles_in_bytes(data, origin, default_date, settings)


def read_row(key: str, position: int, item: Article | InputError, path: str) -> tuple:
    if isinstance(item, InputError):
        failure = failure_of(item, path, "read")
        articles = (None,) * len(ARTICLE_COLUMNS)
        return (key, position, *articles, failure.origin, failure.reason, failure.stage, failure.error_code)
    article = (content_hash(item.text), item.doc_id, item.text, item.date, item.url, item.source,
               item.title, item.origin)
    return (key, position, *article, *(None,) * len(FAILURE_COLUMNS))


def read_file(path_uri: str, data: bytes, default_date: date | None, settings: Settings) -> Iterator[tuple]:
    name = local_name(path_uri)
    key = file_key(name)
    for position, item in enumerate(articles_in(bytes(data), name, default_date, settings)):
        yield read_row(key, position, item, name)


def read_record(path_uri: str, row_index: int, record: dict, default_date: date | None,
                settings: Settings) -> tuple:
    """One Parquet row, read as the JSONL line with the same fields would be."""
    name = local_name(path_uri)
    where = f"{name}:{row_index + 1}"
    try:
        item: Article | InputError = article_from_record(record, where, default_date, settings)
    except InputError as err:
        item = err
    return read_row(file_key(name), row_index, item, name)


def is_parquet_input(path: str) -> bool:
    """A path ending in .parquet, or a local folder holding Parquet files (and no articles)."""
    if path.rstrip("/").endswith(".parquet"):
        return True
    folder = Path(local_name(path))
    if not folder.is_dir():
        return False
    files = [p.name.lower() for p in folder.rglob("*") if p.is_file()]
    return any(n.endswith(".parquet") for n in files) and not any(n.endswith(SUFFIXES) for n in files)


def read_files(spark: SparkSession, path: str, default_date: date | None, settings: Settings,
               one_file: bool = False) -> DataFrame:
    # binaryFile gives one row per file, whole: gzip cannot be split anyway, and a JSONL file
    # must be read from its first line for the line numbers `dyads ingest` reports.
    files = spark.read.format("binaryFile").option("recursiveFileLookup", "true").load(path)
    if not one_file:  # like `dyads ingest`: a file named alone is read whatever its suffix
        files = files.where(F.lower("path").rlike(supported_pattern()))
    parse = partial(read_file, default_date=default_date, settings=settings)
    rows = files.select("path", "content").rdd.flatMap(lambda row: parse(row.path, row.content))
    return spark.createDataFrame(rows, READ_SCHEMA)


def supported_pattern() -> str:
    """The file names dyads.corpus.ingest.expand_paths picks from a folder, as a regex."""
    return "(" + "|".join(suffix.replace(".", r"\.") for suffix in SUFFIXES) + ")$"


def read_parquet(spark: SparkSession, path: str, default_date: date | None, settings: Settings) -> DataFrame:
    frame = spark.read.parquet(path)
    fields = [name for name in RECORD_FIELDS if name in frame.columns]
    if "text" not in fields and "html" not in fields:
        raise InputError(f"{path}: Parquet input needs a 'text' or 'html' column (has: {', '.join(frame.columns)})")
    located = frame.select(*fields, F.col("_metadata.file_path").alias("_file"),
                           F.col("_metadata.row_index").alias("_row"))

    def parse(row: Row) -> tuple:
        record = {name: row[name] for name in fields if row[name] is not None}
        return read_record(row["_file"], row["_row"], record, default_date, settings)

    return spark.createDataFrame(located.rdd.map(parse), READ_SCHEMA)


def read_input(spark: SparkSession, path: str, default_date: date | None = None,
               settings: Settings | None = None) -> DataFrame:
    """Every article and read failure under `path` (a file, folder or glob), as READ_SCHEMA rows."""
    settings = settings or Settings()
    one_file = is_one_file(spark, path)
    if is_parquet_input(path):
        return read_parquet(spark, path, default_date, settings)
    return read_files(spark, path, default_date, settings, one_file)


def is_one_file(spark: SparkSession, path: str) -> bool:
    """Whether `path` names one file (not a folder or a glob of several). A path that matches
    nothing is an InputError here, not a Java stack trace later. Asks Hadoop's file system
    (through the classic session's JVM handle), so hdfs:// and s3a:// paths work too."""
    jvm = spark.sparkContext._jvm
    hadoop_path = jvm.org.apache.hadoop.fs.Path(path)
    file_system = hadoop_path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())
    matches = file_system.globStatus(hadoop_path)
    if matches is None or len(matches) == 0:
        raise InputError(f"{path}: no such file or folder")
    return len(matches) == 1 and matches[0].isFile()


def unique_articles(rows: DataFrame) -> DataFrame:
    """One article per content hash: the first in input order, as `dyads ingest` keeps."""
    first = Window.partitionBy("content_hash").orderBy("file_key", "position")
    return (rows.where(F.col("content_hash").isNotNull())
            .withColumn("_rank", F.row_number().over(first))
            .where("_rank = 1")
            .select(*ARTICLE_COLUMNS))


def read_failures(rows: DataFrame) -> DataFrame:
    """The rows that are read failures, in the columns of the `failures` table."""
    names = [name.removeprefix("failure_") for name in FAILURE_COLUMNS]
    return (rows.where(F.col("content_hash").isNull())
            .select(*[F.col(column).alias("error_code" if name == "code" else name)
                      for column, name in zip(FAILURE_COLUMNS, names, strict=True)]))
