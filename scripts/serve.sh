#!/usr/bin/env bash
# Set up (first run only) and serve the site at http://127.0.0.1:8000 with live reload of data/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec .venv/bin/mkdocs serve --strict -a "${WP_ADDR:-127.0.0.1:8000}" "$@"
