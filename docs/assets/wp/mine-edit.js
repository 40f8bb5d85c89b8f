/* 我的计划页面的编辑:勾选、填写、章节排序、改标题、移除,措施改写、恢复原文、移除,添加自己的措施和章节。
 *
 *   WP.minePage.edit(page)   page: {root, session, view, undo, say, live}
 *
 * Each change goes to the session (saved at once) and the list is drawn again, with the keyboard
 * left on the control that was used, or the nearest one left. Ticks and values of picked
 * measures are the plan's own record (the same tick as on the plan page).
 */
(function () {
  "use strict";
  var WP = window.WP;
  var P = WP.minePage = WP.minePage || {};

  function partOf(page, el) { return page.session.state.parts[+el.closest(".wp-part").dataset.part]; }
  function entryOf(page, el) {
    var part = partOf(page, el), i = +el.closest(".wp-entry").dataset.entry;
    return { part: part, entry: WP.minedoc.entries(part, page.session.plans).entries[i] };
  }
  function heading(page, part) { return WP.minedoc.entries(part, page.session.plans).heading; }

  function tick(page, box) {
    var s = page.session;
    if (box.dataset.plan) {
      var rec = s.record(box.dataset.plan);
      (box.dataset.ids || box.dataset.item).split(" ").forEach(function (id) { delete rec.items[id]; });
      if (box.checked) rec.items[box.dataset.item] = true;
      s.savePlan(box.dataset.plan);
    } else {
      entryOf(page, box).entry.own.done = box.checked;
      s.save();
    }
    page.view.progress(true);
  }

  function fill(page, input) {
    var rec = page.session.record(input.dataset.plan);
    if (input.value.trim()) rec.fields[input.dataset.field] = input.value; else delete rec.fields[input.dataset.field];
    page.session.savePlan(input.dataset.plan);
  }

  function move(page, b, part, pi) {
    var parts = page.session.state.parts, to = pi + (b.dataset.part === "up" ? -1 : 1);
    parts.splice(pi, 1);
    parts.splice(to, 0, part);
    page.session.save();
    page.view.render(["[data-part='" + to + "'] [data-part=" + b.dataset.part + "]:not(:disabled)",
                      "[data-part='" + to + "'] [data-part]:not(:disabled)"]);
    page.live.textContent = "已把“" + heading(page, part) + "”移到第 " + (to + 1) + " 节";
  }

  function rename(page, part, pi) {
    var current = WP.minedoc.entries(part, page.session.plans);
    var name = window.prompt(part.plan ? "章节标题(留空则用模板中的标题“" + current.template + "”):" : "章节标题:",
                             part.title || current.heading);
    if (name === null) return;
    part.title = name.trim() === current.template ? "" : name.trim();
    if (!part.plan && !part.title) part.title = current.heading;
    page.session.save();
    page.view.render("[data-part='" + pi + "'] [data-part=rename]");
  }

  // no question first: the removal can be undone (mine-undo.js), with the part's own words
  function removePart(page, part, pi) {
    var parts = page.session.state.parts, title = heading(page, part);
    parts.splice(pi, 1);
    page.session.save();
    page.view.render();
    page.undo.offer("已移除“" + title + "”(连同你为它添加或改写的内容)。", function () {
      parts.splice(Math.min(pi, parts.length), 0, part);
      page.session.save();
      page.view.render("[data-part='" + parts.indexOf(part) + "'] [data-part=remove]");
    });
  }

  function removeEntry(page, part, entry) {
    var list = entry.kind === "own" ? part.own : part.items, it = entry.kind === "own" ? entry.own : entry.pick;
    var at = list.indexOf(it), words = entry.kind === "own" ? it.text : it.edit !== undefined ? it.edit : it.text;
    list.splice(at, 1);
    page.session.save();
    page.view.render();
    page.undo.offer("已移除措施“" + (words.length > 30 ? words.slice(0, 30) + "…" : words) + "”。", function () {
      list.splice(Math.min(at, list.length), 0, it);
      page.session.save();
      page.view.render("[data-part='" + page.session.state.parts.indexOf(part) + "'] [data-part=rename]");
    });
  }

  // 改写 / 恢复原文 on one measure; false when nothing changed
  function changeEntry(page, b, part) {
    var entry = entryOf(page, b).entry;
    if (b.dataset.entry === "edit") {
      var was = entry.kind === "own" ? entry.text : entry.edit !== undefined ? entry.edit
        : entry.kind === "picked" ? WP.mine.plainText(entry.node, page.session.plans[part.plan].fields) : entry.text;
      var now = window.prompt(entry.kind === "own" ? "修改这项措施:" : "改写这项措施(可随时“恢复原文”):", was);
      if (now === null || !now.trim()) return false;
      if (entry.kind === "own") entry.own.text = now.trim(); else entry.pick.edit = now.trim();
    } else if (b.dataset.entry === "original") {
      delete entry.pick.edit;
    }
    return true;
  }

  function entryButton(page, b, part, pi) {
    if (b.dataset.entry === "remove") return removeEntry(page, part, entryOf(page, b).entry);
    if (!changeEntry(page, b, part)) return;
    page.session.save();
    var ei = +b.closest(".wp-entry").dataset.entry, at = "[data-part='" + pi + "'] ";
    page.view.render([at + "[data-entry='" + ei + "'] [data-entry=" + b.dataset.entry + "]:not([hidden])",
                      at + "[data-entry='" + ei + "'] [data-entry=edit]", at + "[data-entry='" + (ei - 1) + "'] [data-entry=edit]",
                      at + ".wp-add-own input"]);
  }

  function button(page, b) {
    var part = partOf(page, b), pi = page.session.state.parts.indexOf(part), act = b.dataset.part;
    if (act === "up" || act === "down") return move(page, b, part, pi);
    if (act === "rename") return rename(page, part, pi);
    if (act === "remove") return removePart(page, part, pi);
    entryButton(page, b, part, pi);
  }

  function addOwn(page, form) {
    var input = form.querySelector("input"), value = input.value.trim();
    if (!value) return input.focus();
    var part = partOf(page, form);
    part.own.push({ key: WP.mine.newKey("o"), text: value, done: false });
    page.session.save();
    page.view.render("#wp-own-" + part.key);
    page.say("已添加自己的措施。");
  }

  function addPart(page, form) {
    var input = form.querySelector("input"), value = input.value.trim(), parts = page.session.state.parts;
    if (!value) return input.focus();
    parts.push({ key: WP.mine.newKey("p"), plan: "", section: "", heading: "", title: value, items: [], own: [] });
    input.value = "";
    page.session.save();
    page.view.render("[data-part='" + (parts.length - 1) + "'] .wp-add-own input");
    page.say("已添加章节“" + value + "”。");
  }

  P.edit = function (page) {
    var list = page.view.list;
    list.addEventListener("change", function (e) { if (e.target.matches("input.wp-check")) tick(page, e.target); });
    list.addEventListener("input", function (e) { if (e.target.matches("input.wp-input")) fill(page, e.target); });
    list.addEventListener("click", function (e) {
      var b = e.target.closest("button[data-part], button[data-entry]");
      if (b) button(page, b);
    });
    list.addEventListener("submit", function (e) { e.preventDefault(); addOwn(page, e.target); });
    page.root.querySelector(".wp-add-part").addEventListener("submit", function (e) {
      e.preventDefault();
      addPart(page, e.target);
    });
  };
})();
