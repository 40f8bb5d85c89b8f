"""Source junk: page headers and footers, page numbers, copyright and advertising lines, empty
numbering. Dropped lines are returned with the reason, for the report's 未导入 list."""
from __future__ import annotations

import re
from collections import Counter

from .conventions import ends_sentence, match_heading
from .lines import Line
from .outline import strip_marker

PAGE_NUMBER = re.compile(
    r"^(?:第\s*\d+\s*页\s*(?:[,,/]?\s*共\s*\d+\s*页)?|[-—–]?\s*\d+\s*[-—–]?|\d+\s*/\s*\d+"
    r"|page\s*\d+(?:\s*(?:of|/)\s*\d+)?)$", re.I)
COPYRIGHT = re.compile(r"(?:版权所有|版权归|©|\(c\)|copyright|all rights reserved|未经(?:许可|授权).{0,8}(?:转载|复制))", re.I)
ADVERT = re.compile(r"(?:扫码|扫一扫|关注(?:我们|公众号|微信)|点击(?:下载|阅读原文|关注)|本文(?:来源|来自|由)|"
                    r"转载请注明|更多(?:范文|精彩|资料)|免费下载|广告|www\.|https?://|\.com\b|上一篇|下一篇|相关推荐|发表回复)", re.I)
EMPTY_NUMBERING = re.compile(r"^(?:[•·●○◦▪■□◆◇*–-]|\d+[.．、]?|[((][一二三四五六七八九十\d]+[))]|[一二三四五六七八九十]+、)$")
PUNCT_ONLY = re.compile(r"^[\W_]+$")
MAX_REPEAT_LEN = 30   # a short line seen on several pages is a running header
MIN_REPEATS = 3


def split_junk(lines: list[Line]) -> tuple[list[Line], list[tuple[Line, str]]]:
    """(kept lines, [(dropped line, reason in Chinese)])."""
    counts = Counter(line.text for line in lines if len(line.text) <= MAX_REPEAT_LEN)
    kept, dropped = [], []
    for line in lines:
        text = line.text.strip()
        reason = _reason(text, counts[line.text])
        if reason:
            dropped.append((line, reason))
        else:
            kept.append(line)
    return kept, dropped


def _could_be_header(text: str) -> bool:
    """A repeated line is a running header only when it is not a list line, a heading of the
    article's style ("1. 第一阶段:…" repeats in a long plan), a label ("措施:") or a sentence."""
    marker, body = strip_marker(text)
    return not (marker or match_heading(body) or body.endswith((":", ":")) or ends_sentence(body))


def _reason(text: str, repeats: int) -> str:
    if PAGE_NUMBER.match(text):
        return "页码行"
    if EMPTY_NUMBERING.match(text):
        return "空编号(只有编号没有内容)"
    if PUNCT_ONLY.match(text):
        return "只有符号的行"
    if len(text) <= 60 and COPYRIGHT.search(text):
        return "版权声明"
    if len(text) <= 60 and ADVERT.search(text):
        return "广告或网页导航"
    if repeats >= MIN_REPEATS and _could_be_header(text):
        return f"重复出现 {repeats} 次的短行(页眉或页脚)"
    return ""
