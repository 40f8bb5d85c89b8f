"""Benchmark: importing an 8,000-character plan article (.txt and .docx), target under 2 s.

    .venv/bin/python scripts/bench_import.py [--chars 8000] [--runs 20]
    /usr/bin/time -v .venv/bin/python -m macros.import_plan .bench/import/article.docx -o .bench/import/draft.yml

The article is 篇一 of the source article (tests/fixtures/work-plans-source.txt) with its body
modules repeated under new labels ((五), (六) …) until it has --chars characters; the .docx is the
same text written with Word automatic numbering by the tests' writer (tests/docx_article.py).
Both files are left in .bench/import/ for timing the whole command with a public tool such as
/usr/bin/time. Prints the median time of import_source() (reading, outline, mapping, fields, ids)
and of writing the YAML, for each format. Nothing here is part of the test run.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import timeit
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from docx_article import write_article  # noqa: E402  (the tests' real .docx writer)
from macros.core.importer import import_source  # noqa: E402
from macros.core.importer.write import notes_by_path  # noqa: E402
from macros.core.importer.yaml_out import dump  # noqa: E402

CN = "一二三四五六七八九十"
OUT = ROOT / ".bench" / "import"


def article(chars: int) -> str:
    """篇一 with its (一)…(四) modules repeated as (五), (六) … until `chars` characters."""
    text = (ROOT / "tests" / "fixtures" / "work-plans-source.txt").read_text(encoding="utf-8")
    part = text[text.index("篇一:"):text.index("篇二:")]
    head, rest = part.split("(一)", 1)
    modules, tail = rest.split("四、", 1)
    modules = "(一)" + modules
    blocks = modules.split("\n(")
    blocks = [blocks[0]] + ["(" + b for b in blocks[1:]]
    out, n = list(blocks), len(blocks)
    while len((head + "".join(out) + tail).replace("\n", "")) < chars:
        block = blocks[n % len(blocks)]
        label = f"({CN[n] if n < 10 else '十' + CN[n - 10]})"
        out.append(label + block.split(")", 1)[1].replace("模块", f"模块{n + 1}", 1))
        n += 1
    return head + "\n".join(b.rstrip("\n") + "\n" for b in out) + "\n四、" + tail


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=8000)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    text = article(args.chars)
    txt = OUT / "article.txt"
    txt.write_text(text, encoding="utf-8")
    docx = write_article(text, OUT / "article.docx")
    print(f"article: {len(text.replace(chr(10), ''))} characters (without line breaks), {len(text.splitlines())} lines")
    for path in (txt, docx):
        result = import_source(path, "bench")
        draft = result.drafts[0]
        read = statistics.median(timeit.repeat(lambda: import_source(path, "bench"), number=1, repeat=args.runs))
        write = statistics.median(timeit.repeat(lambda: dump(draft.data, notes_by_path(draft)), number=1, repeat=args.runs))
        sections = len(draft.data["body"]["sections"])
        print(f"{path.suffix:6} import {read * 1000:7.1f} ms, YAML {write * 1000:6.1f} ms (median of {args.runs}); "
              f"{sections} modules, {len(result.unimported) + len(draft.unimported)} lines not imported")


if __name__ == "__main__":
    main()
