/* The site's search worker: finds any part of a section's text, Han, Latin, digits and mixed.
 *
 * It takes the place of Material's lunr worker (macros/site/search/index.py points the page's
 * configuration at this file). Material's search box, result list, keyboard handling and
 * file:// support (its iframe-worker shim) are unchanged: this file answers the same messages.
 *   SETUP {config, docs} -> READY          docs: {location, title, text, tags?, boost?}, plain text
 *   QUERY "words"        -> RESULT {items}  items: one list per page, its entry and its sections
 *
 * Matching: the query is split at spaces; a section matches when every word occurs somewhere in
 * its title, text or tags. Both sides are compared folded: lower case, full-width digits and
 * letters as ASCII, and brackets and quotes left out, so MAU提升 finds 用户数(MAU)提升
 * and “压舱石” finds 压舱石. There are no tokens and no dictionary, so a phrase is found at any
 * length, starting anywhere, and every result contains what was asked.
 *
 * Ranking: plans first (entries with a boost), then pages by their best section; a section
 * scores 10 per word in its title, 5 per word in its tags and 1 per occurrence in its text (at
 * most 10 per word). Titles and a short excerpt of the text around the first match come back
 * with every occurrence marked (<mark>); `terms` holds each word as written in the section, which
 * Material puts into the result link (?h=) so the opened page marks the same text.
 */
"use strict"

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3
const THROUGH = "()（）“”‘’\"'《》〈〉「」『』【】"  // read through (same list as the index hook)
const EXCERPT = 160, BEFORE = 40, MAX_COUNT = 10

let docs = [], byLocation = new Map()

const DROP = new RegExp("[" + THROUGH.replace(/[\]\\]/g, "\\$&") + "]", "g")
const WIDE = /[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/g  // full-width digits and letters

/* A string as it is compared: brackets and quotes left out, full-width digits and letters as
 * ASCII, lower case. Native regular expressions only: the whole index is folded at setup. */
function fold(s) {
  return s.replace(DROP, "").replace(WIDE, c => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).toLowerCase()
}

/* Where each left-out character was in the original string: maps a folded offset back. */
function dropped(s) {
  const at = []
  for (const m of s.matchAll(DROP)) at.push(m.index)
  return at
}

function original(offset, drops) {
  for (const d of drops) if (d <= offset) offset++; else break
  return offset
}

function count(hay, word) {
  let n = 0
  for (let i = hay.indexOf(word); i !== -1 && n < MAX_COUNT; i = hay.indexOf(word, i + word.length)) n++
  return n
}

function escapeHTML(s) {
  return s.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`)
}

/* Original-text ranges [start, end) of every occurrence of the words, merged, in order. */
function ranges(value, folded, words) {
  const drops = dropped(value), found = []
  for (const word of words)
    for (let i = folded.indexOf(word); i !== -1; i = folded.indexOf(word, i + 1))
      found.push([original(i, drops), original(i + word.length - 1, drops) + 1])
  found.sort((a, b) => a[0] - b[0] || b[1] - a[1])
  const merged = []
  for (const r of found) {
    const last = merged[merged.length - 1]
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1])
    else merged.push(r)
  }
  return merged
}

/* value[start, end) as HTML with the ranges marked; "…" where the text is cut. */
function marked(value, found, start = 0, end = value.length) {
  let html = start > 0 ? "…" : "", at = start
  for (const [a, b] of found) {
    if (b <= start || a >= end) continue
    const s = Math.max(a, start), e = Math.min(b, end)
    html += escapeHTML(value.slice(at, s)) + "<mark data-md-highlight>" + escapeHTML(value.slice(s, e)) + "</mark>"
    at = e
  }
  return html + escapeHTML(value.slice(at, end)) + (end < value.length ? "…" : "")
}

function setup(data) {
  // one fold of all fields of all entries at once (three passes of native code), then cut apart
  const fields = data.docs.map(doc => [doc.title, doc.text, (doc.tags || []).join(" ")].join("\u0001"))
  const folded = fold(fields.join("\u0000")).split("\u0000")
  docs = data.docs.map((doc, order) => {
    const [title, text, tags] = folded[order].split("\u0001")
    return { doc, order, page: doc.location.split("#")[0], title, text, tags }
  })
  byLocation = new Map(docs.map(entry => [entry.doc.location, entry]))
}

/* The section as Material's result list shows it, or undefined when a word is missing. */
function match(entry, words) {
  let score = 0
  for (const word of words) {
    const inTitle = entry.title.includes(word), inTags = entry.tags.includes(word)
    const inText = count(entry.text, word)
    if (!inTitle && !inTags && !inText) return undefined
    score += 10 * inTitle + 5 * inTags + inText
  }
  // times the page's boost: Material's Enter key opens the link with the highest score
  return { ...show(entry, words), score: score * (entry.doc.boost || 1) }
}

function show(entry, words) {
  const { doc } = entry
  const title = ranges(doc.title, entry.title, words), text = ranges(doc.text, entry.text, words)
  const start = text.length ? Math.max(0, text[0][0] - BEFORE) : 0
  const terms = {}
  for (const [a, b] of title) terms[doc.title.slice(a, b)] = true
  for (const [a, b] of text) terms[doc.text.slice(a, b)] = true
  return {
    location: doc.location,
    title: marked(doc.title, title),
    text: marked(doc.text, text, start, Math.min(doc.text.length, start + EXCERPT)),
    ...doc.tags && { tags: doc.tags.map(escapeHTML) },
    terms,
  }
}

function search(query) {
  const words = [...new Set(query.split(/\s+/).map(fold).filter(w => w))]
  if (!words.length) return { items: [] }
  const pages = new Map()   // page -> {boost, best, order, items}
  for (const entry of docs) {
    const item = match(entry, words)
    if (!item) continue
    let page = pages.get(entry.page)
    if (!page) pages.set(entry.page, page = { boost: entry.doc.boost || 1, best: 0, order: entry.order, items: [] })
    page.best = Math.max(page.best, item.score)
    page.items.push(item)
  }
  const items = [...pages.entries()]
    .sort(([, a], [, b]) => b.boost - a.boost || b.best - a.best || a.order - b.order)
    .map(([location, page]) => {
      page.items.sort((a, b) => b.score - a.score)
      // Material's list shows every page under its own entry: add it when only sections matched,
      // with their terms, so that opening the page from it marks them too
      if (!page.items.some(item => item.location === location) && byLocation.has(location)) {
        const { doc } = byLocation.get(location)
        const terms = Object.assign({}, ...page.items.map(item => item.terms))
        page.items.push({ location, title: escapeHTML(doc.title), text: "", score: 0, terms })
      }
      return page.items
    })
  return { items }
}

addEventListener("message", ev => {
  const message = ev.data
  if (message.type === SETUP) {
    setup(message.data)
    postMessage({ type: READY })
  } else if (message.type === QUERY) {
    postMessage({ type: RESULT, data: search(message.data) })
  }
})
