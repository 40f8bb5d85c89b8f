#!/usr/bin/env bash
# Set up (first run only) and run the tests.
#   scripts/test.sh            every test: data, build and browser (real Chromium, Java, Node.js, LibreOffice)
#   scripts/test.sh --fast     only the tests that need no browser and no web server, with only the
#                              Python packages installed (no Debian or npm packages): for every edit
# Further arguments go to pytest (e.g. scripts/test.sh --fast -k search).
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${1:-}" == "--fast" ]]; then
  shift
  scripts/setup.sh --test-python
  # one worker per core (pytest-xdist): these tests are mostly builds, each a process of its own
  exec .venv/bin/python -m pytest -m "not browser and not server" -n auto "$@"
fi
scripts/setup.sh --test
exec .venv/bin/python -m pytest "$@"
