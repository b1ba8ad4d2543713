#!/usr/bin/env bash
# Install the spark extra (pyspark) into .venv for `dyads spark code` and tests/test_spark.py.
# Idempotent and quick when done: a stamp records the pyproject.toml it installed from.
# pyspark builds a ~460 MB wheel from source (about 50 s, no network beyond the package
# registry). Spark also needs a Java runtime (17 or later); Debian's headless JRE is
# installed when `java` is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || bash scripts/install.sh
if ! command -v java >/dev/null 2>&1; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y openjdk-17-jre-headless
fi
stamp=.venv/.dyads-spark-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ] || ! .venv/bin/python -c "import pyspark" 2>/dev/null; then
  .venv/bin/python -m pip install --quiet -e ".[spark]"
  touch "$stamp"
fi
