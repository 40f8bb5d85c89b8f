#!/usr/bin/env bash
# Build the site's data with Zensical (the successor of Material for MkDocs) to see how ready the
# project is to move; not part of the tests. See ZENSICAL.md for what it showed.
#   scripts/zensical.sh            scratch folder under /tmp, removed afterwards (its path is printed)
#   scripts/zensical.sh OUT_DIR    keep the scratch project and Zensical's site in OUT_DIR
# Installs requirements-zensical.lock (hashes checked) into .venv-zensical/, then the project itself
# (--no-deps -e .). Zensical reads mkdocs.yml and runs the macros' define_env, but no MkDocs hooks, so
# the pages that macros/site/pages.py adds under MkDocs are written as stub files into a copy of
# docs/ (macros/core/generated_pages.py, the same listing the hook uses).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
venv=.venv-zensical

if [[ ! -x $venv/bin/python ]]; then
  echo "» 创建 Zensical 虚拟环境 $venv (creating $venv)"
  python3 -m venv "$venv"
fi
stamp="$venv/.installed-$(cat requirements-zensical.lock pyproject.toml | sha1sum | cut -c1-12)"
if [[ ! -f $stamp ]]; then
  echo "» 安装锁定版本 requirements-zensical.lock (installing the locked packages)"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-zensical.lock
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps -e .
  rm -f "$venv"/.installed-*
  touch "$stamp"
fi

if [[ -n "${1:-}" ]]; then
  out=$(realpath -m "$1")
  rm -rf "$out"
  mkdir -p "$out"
else
  out=$(mktemp -d)
  trap 'rm -rf "$out"' EXIT
fi
echo "» 草稿目录 (scratch folder): $out"

# the MkDocs build of the same sources, for the comparison (same locked mkdocs, Material, macros)
"$venv/bin/python" -m mkdocs build --strict -f mkdocs.yml -d "$out/mkdocs-site" >"$out/mkdocs.log" 2>&1 \
  || { cat "$out/mkdocs.log" >&2; echo "MkDocs 构建失败 (MkDocs build failed)" >&2; exit 1; }

# a copy of the sources with the generated pages written as files
project="$out/project"
mkdir -p "$project"
cp -r mkdocs.yml docs data overrides "$project/"
"$venv/bin/python" -m macros.core.generated_pages "$project/data" "$project/docs"

zensical() {  # zensical build in the copy; its log in $out/$1.log, its site moved to $out/$1
  local status=0
  (cd "$project" && "$root/$venv/bin/zensical" build --clean -f mkdocs.yml) >"$out/$1.log" 2>&1 || status=$?
  [[ -d "$project/site" ]] && mv "$project/site" "$out/$1"
  return "$status"
}

echo "» 1. zensical build,带本站的主题覆盖 (with the site's theme overrides, overrides/)"
if zensical zensical-overrides; then
  echo "   成功 (built): $out/zensical-overrides"
else
  echo "   失败 (failed): $(grep -m1 -E 'Error|error' "$out/zensical-overrides.log" || tail -1 "$out/zensical-overrides.log")"
fi

echo "» 2. zensical build,只用主题本身 (theme alone: custom_dir left out)"
sed -i 's/^\(  custom_dir: overrides\)/  # \1/' "$project/mkdocs.yml"
if ! zensical zensical-site; then
  cat "$out/zensical-site.log" >&2
  echo "zensical build 失败 (failed)" >&2
  exit 1
fi
echo "   成功 (built): $out/zensical-site"

echo "» 与 MkDocs 构建比较 (compared with the MkDocs build)"
"$venv/bin/python" scripts/zensical_compare.py "$out/mkdocs-site" "$out/zensical-site"
