/* No dead ends: when a search finds nothing, offer the plans and topics whose names are closest.
 *
 * Material's result list then says 没有找到符合条件的结果 (its `search.result.none`). Below that
 * line this script lists up to LIMIT plans and topics, taken from the site's navigation (so it
 * needs no index and works from file://), ranked by how many of the query's character pairs and
 * characters their names share, in navigation order on a tie. The links are rendered like
 * Material's results, so they look the same and the arrow keys and Enter reach them.
 * Fetched by assets/wp/load.js when the search box first gets focus.
 */
(() => {
  "use strict"
  const LIMIT = 5
  const meta = document.querySelector(".md-search-result__meta")
  const input = document.querySelector("input.md-search__input")
  const config = document.getElementById("__config")
  if (!meta || !input || !config) return
  const none = JSON.parse(config.textContent).translations["search.result.none"]

  const fold = s => s.toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, "")
  const pairs = s => { const a = [...s]; return new Set(a.slice(1).map((c, i) => a[i] + c)) }

  const names = []
  for (const link of document.querySelectorAll(".md-nav--primary a.md-nav__link[href]")) {
    const href = link.getAttribute("href")
    if (!link.hash && /\/(plans|topics)\/[^/]+\.html$/.test(new URL(link.href).pathname) && !names.some(n => n.href === href))
      names.push({ href, name: link.textContent.trim(), order: names.length })
  }

  function closest(query) {
    const q = fold(query), qPairs = pairs(q), qChars = new Set(q)
    return names.map(n => {
      const name = fold(n.name)
      const shared = [...pairs(name)].filter(p => qPairs.has(p)).length
      const chars = [...new Set(name)].filter(c => qChars.has(c)).length
      return { ...n, score: 2 * shared + chars }
    }).sort((a, b) => b.score - a.score || a.order - b.order).slice(0, LIMIT)
  }

  function el(tag, className, text) {
    const node = document.createElement(tag)
    if (className) node.className = className
    if (text) node.textContent = text
    return node
  }

  function render(query) {
    const box = el("div", "wp-search-closest")
    box.append(el("p", "wp-search-closest__note", `没有包含“${query}”的内容。名称相近的计划和专题:`))
    const list = el("ol", "md-search-result__list")
    for (const { href, name } of closest(query)) {
      const link = el("a", "md-search-result__link")
      link.href = href
      const article = el("article", "md-search-result__article md-typeset")
      article.dataset.mdScore = "0"
      article.append(el("div", "md-search-result__icon md-icon"), el("h1", "", name))
      link.append(article)
      const item = el("li", "md-search-result__item")
      item.append(link)
      list.append(item)
    }
    box.append(list)
    return box
  }

  let shown = null
  function update() {
    const query = input.value.trim()
    if (shown) shown.remove()
    shown = meta.textContent === none && query && names.length ? render(query) : null
    if (shown) meta.after(shown)
  }
  new MutationObserver(update).observe(meta, { childList: true, characterData: true, subtree: true })
  update()  // a query may have found nothing before this script arrived
})()
