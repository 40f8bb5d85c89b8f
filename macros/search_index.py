"""Chinese search that finds the right plan first: how this hook reshapes Material's search index.

Registered under `hooks:` in mkdocs.yml. It changes only what Material's search plugin writes to
`search/search_index.json` (and so `search_index.js`); Material's browser code (lunr.js in a web
worker) runs unchanged.

Why plain Material + jieba misses and misranks
----------------------------------------------
At build time Material cuts every Han run with `jieba.cut` and joins the words with U+200B, so each
word is one token. In the browser the worker cuts a Chinese *query* by looking its substrings up
among the indexed tokens (`segment()` in Material's worker), appends `*` to every piece and ORs
them; a section whose *title* matches any piece wins (titles weigh 1000×). That greedy cut never
keeps the query's last character and uses the whole query only when no prefix of it is a token.
With one- and two-character words in the index, 四不两直 becomes `四* 不*` and 大额存单 becomes
`大额*`, so plans with 不良… or 大额交易 in a heading come first. A token only matches from its
start, so 洗钱 finds nothing inside 反洗钱; Latin next to Han (`MAU提升`) is one term no token has.

What this hook does instead
---------------------------
1. **No token is a prefix of a Chinese query, so the query is never cut.** Each Han run in a title
   or text (a clause between punctuation) is written out unchanged and followed by one U+200B; the
   separator splits *after* U+200B (a look-behind), so every token containing Han ends with a
   non-Han character and can never equal a run of Han characters the worker looks up. The worker
   then searches the whole query `Q*`: tokens that *start with* the query. The displayed text is
   the original text (U+200B is invisible, nothing is repeated); the separator also splits on
   ASCII and full-width punctuation (the data mixes both).
2. **Hidden sub-tokens for every word start inside a clause.** Inside each *phrase* (a stretch of
   Han, Latin letters and digits, read through brackets and quotes, so `用户数(MAU)提升` is
   `用户数MAU提升`) every position where a word starts (a word of `jieba.cut`; any dictionary word
   of two or more characters, from jieba's DAG, e.g. 洗钱 in 反洗钱; every character of a word
   jieba guessed with its HMM, e.g. 入职 in its 新入/职; every Latin or digit run) gets the phrase
   from there on, `MAX_TERM` (6) characters or to the end of the word that straddles the cut,
   plus `_`, as a token of a hidden field (`text_sub`, `title_sub`: indexed, never displayed). Positions the visible token already covers,
   and one-character particles (的, 与, 和 …), get none. So a query found anywhere in a phrase from
   a word boundary on is one prefix match: sub-words (洗钱, 存单), phrases (大额存单, 分解与量化),
   badly cut terms (四不两直), Latin and mixed terms (AIGC, RPA应用, MAU提升). A longer query is
   found where it starts a clause. The cap is the price of the index: these fields are most of
   its bytes, and the benchmark (scripts/benchmark.py) weighs every character.
3. **Plans first.** Every entry of a page under `plans/` gets the document boost `PRIMARY_BOOST`,
   so a plan containing the term outranks the home, topic and track pages that quote it (they
   still appear, after the plans). Every match is an occurrence of the query in that section
   (brackets and quotes aside), so the first result is a plan that contains it. The English
   stemmer is off, so `Customer` is indexed as `customer` (not `custom`, which `customer*` misses).
4. **Smaller file.** The index is written as UTF-8 instead of ASCII escapes (`\\u6d17` is 6 bytes,
   洗 is 3), which pays for the hidden fields in raw size. Topic pages and the home page keep
   only their own words in the index (their lists of links to plans are excluded in the
   templates), so a plan's text is indexed once.

The hook sets the search plugin's `separator`, `pipeline` and `fields` itself (they must match the
segmentation); values for them in mkdocs.yml are overridden. `jieba_dict_user` still works.

Cost: jieba runs once per distinct phrase (cached, so repeated phrases are cut once) instead of
Material's `jieba.cut` of every run. The look-behind in the separator needs Chrome 62+, Firefox 78+
or Safari 16.4+. A query with spaces (`反洗钱 培训`) is still an OR of its words, ranked by lunr.
"""
from __future__ import annotations

import functools
import json
import logging
import re

import jieba
from backrefs import bre
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

try:
    from material.plugins.search.plugin import SearchPlugin
except ImportError:  # pragma: no cover - Material is a hard dependency of the site
    SearchPlugin = None

jieba.setLogLevel(logging.WARNING)

#: Ends every Han run in titles and texts; the separator splits right after it. Invisible.
MARK = "\u200b"
#: Ends every hidden sub-token (any non-Han character works; this one costs one byte).
SUB_END = "_"
#: Longest query (in characters) that is always found when it starts inside a phrase; a cut
#: inside a word moves to the word's end if that is at most WORD_SLACK characters further.
#: Longer queries are found from the start of a clause. Every character here costs index bytes.
MAX_TERM = 6
WORD_SLACK = 3
#: Pages whose entries get PRIMARY_BOOST (source paths relative to docs/).
PRIMARY_PREFIXES = ("plans/",)
PRIMARY_BOOST = 1_000_000  # > title boost (1000) × Material's page/section factor × any hit count
#: One-character words where no query starts.
PARTICLES = frozenset("的地得了着过与和及或等并之")
#: Extra fields (hidden sub-tokens); `title`, `text` and `tags` keep Material's boosts.
FIELDS = {"title_sub": {"boost": 1e3}, "text_sub": {"boost": 1.0}}

#: Brackets and quotes a phrase is read through (they separate visible tokens).
_THROUGH = "()（）“”‘’\"'《》〈〉「」『』【】"
#: Material's zh separator plus ASCII/full-width punctuation, brackets and quotes (never `|`:
#: Material's highlighter splits the separator on it), and a split right after MARK.
SEPARATOR = ("[\\s\\u3000\\-—…、。，．？！；：,;:?!·/" + _THROUGH + "]+"
             "|(?<=\\u200b)")

_HAN_RUN = bre.compile(r"\p{script: Han}+", bre.UNICODE)
_PHRASE = bre.compile(r"[\p{script: Han}A-Za-z0-9" + MARK + re.escape(_THROUGH) + "]+", bre.UNICODE)
_MARKUP = re.compile(r"<[^>]*>|&[#\w]+;")
_UNIT = bre.compile(r"(\p{script: Han}+)|[A-Za-z0-9]+", bre.UNICODE)


@functools.lru_cache(maxsize=1 << 16)
def _han_words(run: str) -> tuple[frozenset[int], frozenset[int]]:
    """Offsets in a Han run where a query may start, and where jieba's words end."""
    starts = set()
    word_end = {}  # offset -> end of the jieba word that contains it
    pos = 0
    for word in jieba.cut(run):
        if not (len(word) == 1 and word in PARTICLES):
            starts.add(pos)
        if len(word) > 1 and not jieba.dt.FREQ.get(word):  # guessed by the HMM: any inner start
            starts.update(range(pos + 1, pos + len(word)))
        for i in range(pos, pos + len(word)):
            word_end[i] = pos + len(word)
        pos += len(word)
    for i, ends in jieba.dt.get_DAG(run).items():
        # a dictionary word of two or more characters inside a longer word (洗钱 in 反洗钱); one
        # that straddles two words (员工 in 柜员|工作) would only add false hits
        if i not in starts and any(i < end < word_end[i] for end in ends):
            starts.add(i)
    return frozenset(starts), frozenset(word_end.values())


@functools.lru_cache(maxsize=1 << 16)
def _phrase_tokens(phrase: str) -> tuple[str, ...]:
    """Hidden sub-tokens of one phrase (Han/Latin/digits with MARKs, brackets and quotes)."""
    text = []          # the phrase without MARKs, brackets and quotes
    visible_end = {}   # offset in `text` where a visible token starts -> where it ends
    start = 0
    for char in phrase + MARK:
        if char == MARK or char in _THROUGH:
            if len(text) > start:
                visible_end[start] = len(text)
            start = len(text)
        else:
            text.append(char)
    text = "".join(text)
    starts, word_ends = [], {len(text)}
    for unit in _UNIT.finditer(text):
        if unit.group(1):
            offsets, ends = _han_words(unit.group(1))
            starts += [unit.start() + o for o in sorted(offsets)]
            word_ends.update(unit.start() + e for e in ends)
        else:
            starts.append(unit.start())
            word_ends.add(unit.end())
    tokens = []
    for p in starts:
        end = min(p + MAX_TERM, len(text))
        # finish the word the cut falls into (消费者权益保护 stays whole), if it is short
        end = next((e for e in range(end, min(p + MAX_TERM + WORD_SLACK, len(text)) + 1) if e in word_ends), end)
        if end - p >= 2 and visible_end.get(p, -1) < end:
            tokens.append(text[p:end] + SUB_END)
    return tuple(tokens)


def mark_runs(value: str) -> str:
    """Title or text as displayed, with MARK after every Han run (replaces Material's jieba step)."""
    return _HAN_RUN.sub(lambda m: m.group(0) + MARK, value)


def sub_field(marked: str) -> str:
    """Hidden field for a marked title or text: its phrases' sub-tokens, each once, in order."""
    seen: dict[str, None] = {}
    for part in _MARKUP.split(marked):
        for phrase in _PHRASE.findall(part):
            for token in _phrase_tokens(phrase):
                seen.setdefault(token)
    return " ".join(seen)


def _finish_entry(entry: dict, page) -> None:
    for field, source in (("title_sub", "title"), ("text_sub", "text")):
        value = sub_field(entry.get(source, ""))
        if value:
            entry[field] = value
    if isinstance(entry.get("tags"), list):
        entry["tags"] = [mark_runs(tag) for tag in entry["tags"]]
    if page.file.src_uri.startswith(PRIMARY_PREFIXES):
        entry["boost"] = entry.get("boost", 1) * PRIMARY_BOOST


def _patch(index) -> None:
    """Replace the segmentation of Material's SearchIndex, finish its entries, write UTF-8."""
    for name in ("_segment_chinese", "create_entry_for_section", "generate_search_index"):
        if not callable(getattr(index, name, None)):
            raise PluginError(f"search_index hook: Material's SearchIndex has no {name}(); "
                              "this Material version is not supported")
    create_entry = index.create_entry_for_section
    generate = index.generate_search_index

    def create_entry_for_section(section, toc, url, page):
        first = len(index.entries)
        create_entry(section, toc, url, page)
        for entry in index.entries[first:]:
            _finish_entry(entry, page)

    def generate_search_index(prev):
        return json.dumps(json.loads(generate(prev)), ensure_ascii=False, separators=(",", ":"))

    index._segment_chinese = mark_runs
    index.create_entry_for_section = create_entry_for_section
    index.generate_search_index = generate_search_index


@event_priority(-50)  # after the search plugin created its SearchIndex in its own on_config
def on_config(config):
    plugin = next((p for p in config.plugins.values()
                   if SearchPlugin is not None and isinstance(p, SearchPlugin)), None)
    if plugin is None or not plugin.config.enabled:
        raise PluginError("search_index hook: Material's search plugin is not enabled")
    index = plugin.search_index
    _han_words.cache_clear()  # jieba's dictionaries may have changed (mkdocs serve)
    _phrase_tokens.cache_clear()
    for settings in (plugin.config, index.config):  # the index keeps its own copy
        settings["separator"] = SEPARATOR
        settings["pipeline"] = []
        settings["fields"] = {**settings["fields"], **FIELDS}
    _patch(index)
    return config
