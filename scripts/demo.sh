#!/usr/bin/env bash
# Quick start, step 1: install dyads, then code the two sample articles.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
.venv/bin/dyads code examples/presstv_iran_russia_vienna_talks.txt --date 2015-12-02
.venv/bin/dyads code examples/presstv_iran_russia_syria_truce_page.txt --date 2016-03-26
