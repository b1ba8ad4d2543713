#!/usr/bin/env bash
# Install what the dashboard's browser test needs: Debian's Chromium and playwright (python).
# Never `playwright install`: it downloads its own browser build, which fails without internet;
# tests/test_dashboard_browser.py points playwright at /usr/bin/chromium instead.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x /usr/bin/chromium ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y chromium
fi
.venv/bin/python -m pip install --quiet -e ".[browser]"
