#!/usr/bin/env bash
# Refresh the lock files from pyproject.toml and run every test with the new versions.
#   scripts/lock.sh            newest versions allowed by pyproject.toml
#   scripts/lock.sh --keep     only add what is missing, keep every locked version
# Writes requirements-test.lock (site + tests) first, then requirements.lock (site) constrained to
# it, so both commands of the README install the same version of every package they share.
# After a bump of mkdocs, Material or macros, add the new versions to TESTED in
# macros/site/versions.py once the tests pass.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
.venv/bin/python -m pip install --quiet --disable-pip-version-check "uv==0.13.9"
upgrade=(--upgrade)
[[ "${1:-}" == "--keep" ]] && upgrade=()
uv=(.venv/bin/uv pip compile --quiet --python-version 3.11.7 --generate-hashes --no-header --emit-index-url)
"${uv[@]}" "${upgrade[@]}" --extra test pyproject.toml -o requirements-test.lock
"${uv[@]}" -c requirements-test.lock pyproject.toml -o requirements.lock
"${uv[@]}" --extra zensical pyproject.toml -o requirements-zensical.lock
exec scripts/test.sh
