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
    text = page_text(site, rel)
    expected = sentences(parts()[index])
    missing = [s for s in expected if normalize(s) not in text]
    found = len(expected) - len(missing)
    print(f"{rel}: {found}/{len(expected)} sentences")
    assert len(expected) >= 5
    assert missing == []


def test_no_footer_text_on_any_page(site):
    for html in site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert not [m for m in FOOTER if m in text], html
