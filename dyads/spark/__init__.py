"""dyads on Apache Spark: code a corpus across a cluster (or local cores) into Parquet tables.

`dyads.spark.job.run_job` reads articles, drops duplicate texts, codes them with the same
Coder as `dyads ingest` (dyads.coder, one per executor Python process), and writes
`documents`, `mentions`, `figures`, `failures` and `events` as Parquet,
with the events merged in Spark SQL by the rules of dyads/corpus/dedupe.py. See docs/spark.md.

This package imports pyspark only in its submodules, so `missing_requirement()` can tell a
user what to install before anything fails with a Java or import traceback.
"""

from __future__ import annotations

import os
import shutil
from importlib.util import find_spec

PYSPARK_HINT = "pip install 'dyads[spark]' (or: bash scripts/install_spark.sh)"
JAVA_HINT = ("Spark needs a Java runtime (17 or later) on PATH or in JAVA_HOME, "
             "e.g. apt-get install openjdk-17-jre-headless")


def java_available() -> bool:
    home = os.environ.get("JAVA_HOME")
    if home and os.access(os.path.join(home, "bin", "java"), os.X_OK):
        return True
    return shutil.which("java") is not None


def pyspark_available() -> bool:
    try:
        return find_spec("pyspark") is not None
    except (ImportError, ValueError):  # a broken install, or a module entry without a spec
        return False


def missing_requirement() -> str | None:
    """Why Spark cannot run here, as a message for the user; None when it can."""
    if not pyspark_available():
        return f"pyspark is not installed: {PYSPARK_HINT}"
    if not java_available():
        return JAVA_HINT
    return None
