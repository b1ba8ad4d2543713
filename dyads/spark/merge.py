"""Mentions -> events in Spark SQL, by the rules of dyads/corpus/dedupe.py.

The aggregates are not written out a second time: each DuckDB expression of
`dyads.corpus.dedupe.EVENT_AGGREGATES` is translated, so a change to the merge rules there reaches
Spark too (and tests/test_spark.py checks the two give the same rows). Only one construct
differs between the dialects: DuckDB's `arg_min(x, key)` skips rows where x is NULL, while
Spark's `min_by(x, key)` returns the x of the minimum key even when it is NULL; ordering by
`(x IS NULL, key...)` makes min_by take the first non-NULL x, as arg_min does; DuckDB's
`arg_min_null`, which keeps a NULL x, is min_by as it is.
"""

from __future__ import annotations

import re

from pyspark.sql import DataFrame, SparkSession

from dyads.corpus.dedupe import _FIRST, EVENT_AGGREGATES
from dyads.spark.schema import table_schema

_ORDER = _FIRST.removeprefix("(").removesuffix(")")  # the items of DuckDB's key tuple
ARG_MIN_RE = re.compile(r"arg_min(?P<null>_null)?\((?P<arg>[^,()]+), " + re.escape(_FIRST) + r"\)")


def spark_aggregate(expression: str) -> str:
    """One aggregate of EVENT_AGGREGATES in Spark SQL."""
    translated = ARG_MIN_RE.sub(lambda m: f"min_by({m['arg']}, struct({_ORDER}))" if m["null"]
                                else f"min_by({m['arg']}, struct({m['arg']} IS NULL, {_ORDER}))", expression)
    if "arg_min" in translated:
        raise ValueError(f"cannot translate {expression!r} to Spark SQL: update dyads/spark/merge.py")
    return translated


def events_sql(mentions: str, documents: str) -> str:
    """The query that builds `events` from the views `mentions` and `documents`, with the
    columns and types of the DuckDB table."""
    aggregates = dict(EVENT_AGGREGATES)
    schema = table_schema("events")
    columns = ", ".join(f"CAST({spark_aggregate(aggregates[field.name])} AS {field.dataType.simpleString()}) "
                        f"AS {field.name}" for field in schema.fields)
    return (f"SELECT {columns} FROM {mentions} m JOIN {documents} d ON m.content_hash = d.content_hash "
            "GROUP BY m.event_id")


def merge_events(spark: SparkSession, mentions: DataFrame, documents: DataFrame) -> DataFrame:
    """The `events` table of these mentions (GDELT-style NumMentions, NumSources, NumArticles)."""
    mentions.createOrReplaceTempView("dyads_mentions")
    documents.createOrReplaceTempView("dyads_documents")
    return spark.sql(events_sql("dyads_mentions", "dyads_documents"))
