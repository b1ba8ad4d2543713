#!/usr/bin/env bash
# Quick start, step 2: install if needed, then lint and run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
bash scripts/install_browser.sh   # Debian's Chromium + playwright for the dashboard test
bash scripts/install_spark.sh     # pyspark (and a Java runtime if missing) for tests/test_spark.py
.venv/bin/ruff check dyads tests bench
.venv/bin/mypy                    # type check (settings: [tool.mypy] in pyproject.toml)
.venv/bin/python -m pytest "$@"
