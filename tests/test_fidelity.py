"""Every sentence of the source article appears on the built site, on the right page."""
from __future__ import annotations

import pytest

from source_text import normalize, parts, sentences
from support import PAGES, article_text

FOOTER = ("上一篇", "下一篇", "相关推荐", "发表回复")


def page_text(site, rel: str) -> str:
    return normalize(article_text((site / rel).read_text(encoding="utf-8")))


@pytest.mark.parametrize("index,rel", list(enumerate(PAGES)))
def test_every_source_sentence_is_on_its_page(site, index, rel):
    """Each sentence as often as in the source: a sentence that repeats (a 具体措施 label under
    every action plan) is not there just because one of its copies is."""
    text = page_text(site, rel)
    source = normalize("".join(parts()[index]))
    expected = {normalize(s) for s in sentences(parts()[index])}
    short = {s: (text.count(s), source.count(s)) for s in expected if text.count(s) < source.count(s)}
    repeated = [s for s in expected if source.count(s) > 1]
    print(f"{rel}: {len(expected) - len(short)}/{len(expected)} sentences as often as in the source "
          f"({len(repeated)} of them occur more than once)")
    assert len(expected) >= 5
    assert short == {}, "sentence: (times on the page, times in the source)"


def test_no_footer_text_on_any_page(site):
    for html in site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert not [m for m in FOOTER if m in text], html
