#!/usr/bin/env bash
# Set up (first run only) and run every test: data, build and browser (real Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
export NO_MKDOCS_2_WARNING=1
exec .venv/bin/python -m pytest "$@"
