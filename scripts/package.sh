#!/usr/bin/env bash
# Zip a fresh strict build of the site for intranet servers and offline use (opened from disk).
#   scripts/package.sh            → dist/银行员工工作计划模板库-YYYYMMDD.zip
#   scripts/package.sh OUT_DIR    → OUT_DIR/银行员工工作计划模板库-YYYYMMDD.zip
#   scripts/package.sh --site-path /work-plans/ [OUT_DIR]
#                                 the path the site will be published under (/ for a server's root):
#                                 the 404 page then works in place at any missing address, with status
#                                 404, and web.config names it (the same as WP_SITE_PATH; README, 内网发布)
# The zip holds one folder, bank-work-plans-YYYYMMDD/ (ASCII names only, so every unzip tool
# handles it), with index.html at its top and a README.txt for the people who receive it.
# WP_PYTHON=/path/to/python skips scripts/setup.sh and builds with that interpreter (tests use it).
set -euo pipefail
usage() { echo "用法 (usage): scripts/package.sh [--site-path /PATH/] [OUT_DIR]" >&2; exit 2; }
site_path=${WP_SITE_PATH:-}
args=()
while (($#)); do
  case "$1" in
    --site-path) (($# >= 2)) || usage; site_path=$2; shift 2 ;;
    --site-path=*) site_path=${1#--site-path=}; shift ;;
    -h|--help) usage ;;
    -*) usage ;;
    *) args+=("$1"); shift ;;
  esac
done
((${#args[@]} <= 1)) || usage
if [[ -n "$site_path" && "$site_path" != /* ]]; then
  echo "--site-path 须以 / 开头,如 / 或 /work-plans/ (a URL path, not an address with a host)" >&2
  exit 2
fi
export WP_SITE_PATH=$site_path
out_dir=$(realpath -m "${args[0]:-$(dirname "$0")/../dist}")  # a relative OUT_DIR means the caller's folder
cd "$(dirname "$0")/.."

stamp=$(date +%Y%m%d)
folder="bank-work-plans-$stamp"
zip_name="银行员工工作计划模板库-$stamp.zip"

if [[ -n "${WP_PYTHON:-}" ]]; then
  py=$WP_PYTHON
else
  scripts/setup.sh
  py=.venv/bin/python
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "» 严格构建 (mkdocs build --strict) → $folder/${site_path:+ (发布路径 site path: $site_path)}"
if ! "$py" -m mkdocs build --strict -f mkdocs.yml -d "$tmp/$folder" >"$tmp/build.log" 2>&1; then
  cat "$tmp/build.log" >&2
  echo "构建失败,未生成压缩包 (build failed, no zip written)" >&2
  exit 1
fi

# README.txt: UTF-8 with BOM and CRLF line ends, so Windows Notepad shows the Chinese correctly.
printf '\xef\xbb\xbf' >"$tmp/$folder/README.txt"
sed 's/$/\r/' >>"$tmp/$folder/README.txt" <<EOF
银行员工工作计划模板库(离线版,$stamp 构建)

使用方法:
1. 把整个压缩包解压到本机任意文件夹(不要只拖出单个文件)。
2. 双击本文件夹中的 index.html,用 Chrome、Edge 或 Firefox 打开。
3. 左侧导航、搜索(支持中文,如“反洗钱”)、勾选、填写、复制和下载都可以离线使用,不访问外网。

注意:
- 勾选和填写的内容只保存在当前电脑的当前浏览器中;换电脑或换浏览器不会带过去。
  需要留存或提交时,请用页面上的“复制为纯文本/复制为 Markdown/下载 .md”按钮导出。
- 清除浏览器数据会清掉保存的勾选和填写。
- 放到内网 Web 服务器上发布的方法见项目 README.md 的“内网发布与离线使用”一节。

Offline copy of the bank work-plan templates: unzip everything, then open index.html.
EOF

mkdir -p "$out_dir"
zip_path="$out_dir/$zip_name"
"$py" - "$tmp" "$folder" "$zip_path" <<'PY'
import sys, zipfile
from pathlib import Path
base, folder, dest = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
files = sorted(p for p in (base / folder).rglob("*") if p.is_file())
with zipfile.ZipFile(dest, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    for p in files:
        z.write(p, p.relative_to(base).as_posix())
print(f"  {len(files)} 个文件 (files)")
PY
echo "» 已生成 (written): $zip_path ($(du -h "$zip_path" | cut -f1))"
