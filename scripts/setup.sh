#!/usr/bin/env bash
# Prepare everything the site and its tests need; safe to run again (it only adds what is missing).
#   scripts/setup.sh          Python packages for building and serving the site (requirements.lock)
#   scripts/setup.sh --test-python   also the Python test packages (requirements-test.lock), nothing else:
#                             enough for the tests that need no browser or server (scripts/test.sh --fast)
#   scripts/setup.sh --test   the Python test packages and the test tools (requirements-test.lock): Debian's Chromium with CJK fonts, Java and Node.js,
#                             LibreOffice Writer and poppler-utils (they open the exported .docx), nginx-light and
#                             apache2 (tests/test_servers.py runs the README's configuration in them; not as services),
#                             and the npm packages of package-lock.json (axe-core, Nu HTML Checker,
#                             Lighthouse, the JavaScript parser acorn) via `npm ci` whenever node_modules/
#                             is missing or the lock changed
set -euo pipefail
cd "$(dirname "$0")/.."

want_test_python=0 want_test=0
case "${1:-}" in
  "") ;;
  --test-python) want_test_python=1 ;;
  --test) want_test_python=1 want_test=1 ;;
  *) echo "用法 (usage): scripts/setup.sh [--test-python | --test]" >&2; exit 2 ;;
esac

if [[ ! -x .venv/bin/python ]]; then
  echo "» 创建 Python 虚拟环境 .venv (creating .venv)"
  python3 -m venv .venv
fi
# exactly the locked versions, every file checked against its hash (scripts/lock.sh makes the locks)
lock=requirements.lock
((want_test_python)) && lock=requirements-test.lock
hash=$(cat requirements*.lock pyproject.toml | sha1sum | cut -c1-12)
stamp=".venv/.installed-$(basename "$lock" .lock)-$hash"
# the test lock includes the site's packages, so its stamp also satisfies the site
if [[ ! -f "$stamp" && ! -f ".venv/.installed-requirements-test-$hash" ]]; then
  echo "» 安装锁定版本的 Python 依赖 $lock (installing the locked Python packages)"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes -r "$lock"
  # the project itself (macros/), editable: its modules import each other as `macros.…` from
  # anywhere, hooks and CLIs alike, and an edit is live without reinstalling
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
  rm -f .venv/.installed-*
  touch "$stamp"
fi

if ((want_test)); then
  missing=()
  [[ -x /usr/bin/chromium ]] || missing+=(chromium)
  fc-list -q ':family=Noto Sans CJK SC' 2>/dev/null || missing+=(fonts-noto-cjk)
  command -v java >/dev/null || missing+=(default-jre-headless)
  command -v npm >/dev/null || missing+=(nodejs npm)
  command -v soffice >/dev/null || missing+=(libreoffice-writer-nogui)
  # Calc opens the .xlsx of 下载计划表 in tests/test_tracking_exports.py
  [[ -e /usr/lib/libreoffice/program/libsclo.so ]] || missing+=(libreoffice-calc-nogui)
  command -v pdftotext >/dev/null || missing+=(poppler-utils)
  [[ -x /usr/sbin/nginx ]] || missing+=(nginx-light)
  [[ -x /usr/sbin/apache2 && -f /etc/apache2/mods-available/headers.load ]] || missing+=(apache2)
  if ((${#missing[@]})); then
    if [[ $(id -u) -ne 0 ]]; then
      echo "缺少系统软件包 (missing Debian packages): ${missing[*]}" >&2
      echo "请以 root 运行: apt-get install -y ${missing[*]}" >&2
      exit 1
    fi
    echo "» 安装系统软件包 (installing): ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi

  # npm tools for the quality gates (tests/test_quality.py) and the module checks
  # (tests/test_modules.py reads the scripts with acorn); --ignore-scripts: nothing to build,
  # and vnu-jar's optional Java download is not wanted (Java comes from Debian above).
  npm_stamp="node_modules/.installed-$(sha1sum package-lock.json | cut -c1-12)"
  if [[ ! -f "$npm_stamp" ]]; then
    echo "» 安装 npm 测试工具 (npm ci: axe-core, vnu-jar, lighthouse, acorn)"
    npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
    touch "$npm_stamp"
  fi
fi
