"""Spark schemas of the output tables, taken from the DuckDB schema of `dyads ingest`.

Deriving them (rather than writing them out again) keeps the Parquet tables column for column
and type for type equal to the DuckDB tables: a column added to dyads/corpus/store.py (the geocoder's
place fields, say) appears here without an edit.
"""

from __future__ import annotations

from functools import cache

import duckdb
from pyspark.sql.pandas.types import from_arrow_schema
from pyspark.sql.types import ArrayType, StructField, StructType

from dyads.corpus.store import SCHEMA


@cache
def table_schema(name: str) -> StructType:
    """The Spark schema of one table of dyads/corpus/store.py (documents, mentions, events...)."""
    with duckdb.connect() as connection:  # in memory: only the CREATE TABLEs run
        connection.execute(SCHEMA)
        arrow_schema = connection.sql(f"SELECT * FROM {name} LIMIT 0").to_arrow_table().schema
    return from_arrow_schema(arrow_schema)


def coded_schema() -> StructType:
    """One row per coded article (or per article that failed to code): what a coding task
    returns, before it is split into the documents, mentions, figures and failures tables."""
    return StructType([
        StructField("content_hash", table_schema("documents")["content_hash"].dataType),
        StructField("document", table_schema("documents")),
        StructField("mentions", ArrayType(table_schema("mentions"))),
        StructField("figures", ArrayType(table_schema("figures"))),
        StructField("failure", table_schema("failures")),
    ])


def as_tuple(row: dict, schema: StructType) -> tuple:
    """A row dict (store.mention_row and friends) as a tuple in the schema's column order;
    keys the schema lacks are dropped, columns the dict lacks are null."""
    return tuple(row.get(name) for name in schema.fieldNames())
