/* 我的计划页面上“模板已更新”:一节加入之后模板又改过时,在这一节上轻声说明改了什么,逐项列出差别
 * (新增的措施及其原文、改写前后的措辞、删除的措施),由本人逐项或整节决定采用还是不采用,可以撤销。
 *
 *   WP.minePage.changeNotice(host, session, part)   fills the part's .wp-part-changes (mine-render.js
 *                                  calls it while drawing a part; empty when nothing is to be decided)
 *   WP.minePage.changes(page)      the buttons: 加入 / 不加入, 采用新措辞 / 保留原措辞 (改用新措辞 for an
 *                                  adapted wording), 移除 / 保留, 全部采用 / 全部忽略; 撤销 (undo.js)
 *
 * What each choice does is template-changes.js's; this draws the notice from <template>s of the page
 * (mine.md.j2) with text only, and saves the part (mine-state.js: its `seen` day and `left` marks),
 * which reaches other tabs as any change of the part does (mine-tabs.js). The notice stays open
 * while it is being worked through, also when the part is drawn again.
 */
(function () {
  "use strict";
  var WP = window.WP;
  var P = WP.minePage = WP.minePage || {};
  var T = WP.templateChanges;
  var open = Object.create(null);  // part key -> the notice is open in this tab
  var KIND = { added: "新增", reworded: "改写", removed: "删除" };
  var BUTTONS = {
    added: ["加入", "不加入"], reworded: ["采用新措辞", "保留原措辞"], adapted: ["", "保留我的改写"], removed: ["移除", "保留"]
  };

  function clone(id) { return document.getElementById(id).content.firstElementChild.cloneNode(true); }
  function text(tag, value, cls) { return P.text(tag, value, cls); }
  function short(words) { var a = Array.from(words); return a.length > 30 ? a.slice(0, 30).join("") + "…" : words; }

  // 模板已更新(2026-12-01):新增 2 项,改写 1 项,删除 1 项
  function title(found) {
    var n = { added: 0, reworded: 0, removed: 0 };
    found.list.forEach(function (c) { n[c.kind]++; });
    var counts = ["added", "reworded", "removed"].filter(function (k) { return n[k]; })
      .map(function (k) { return KIND[k] + " " + n[k] + " 项"; });
    return "模板已更新" + (found.date ? "(" + found.date + ")" : "") + ":" + counts.join(",");
  }

  // a labelled line of words: the label as text, the words in el (del, ins or span)
  function line(body, label, words, tag) {
    var p = text("p", "", "wp-change-line");
    p.appendChild(text("span", label, "wp-change-label"));
    p.appendChild(text(tag, words, "wp-change-words"));
    body.appendChild(p);
  }
  function body(row, c, boxId) {
    var b = row.querySelector(".wp-change-body");
    if (c.kind === "added") line(b, c.moved ? "移入本节的措施:" : "新增的措施:", c.words, "ins");
    else if (c.kind === "reworded") {
      line(b, "加入时的措辞:", c.old, "del");
      line(b, "现在的措辞:", c.now, "ins");
      if (c.pick.edit !== undefined) line(b, "你的改写(保留):", c.pick.edit, "span");
    } else {
      line(b, "已从模板中删除:", c.pick.edit !== undefined ? c.pick.edit : c.pick.text, "del");
      var p = text("p", "", "wp-change-line"), a = text("a", "在本节中查看(标有“模板中已删除”)", "wp-change-link");
      a.href = "#" + boxId;
      a.dataset.box = boxId;
      p.appendChild(a);
      b.appendChild(p);
    }
  }
  function row(c, part, boxIds) {
    var li = clone("wp-change-template"), adapted = c.kind === "reworded" && c.pick.edit !== undefined;
    var words = BUTTONS[adapted ? "adapted" : c.kind], take = li.querySelector("[data-change=take]");
    li.dataset.key = c.kind + ":" + c.id;
    li.dataset.kind = c.kind;
    li.dataset.id = c.id;
    li.querySelector(".wp-change-kind").textContent = KIND[c.kind];
    li.querySelector(".wp-change-date").textContent = c.date ? "(" + c.date + ")" : "";
    body(li, c, boxIds[c.id] || "");
    take.textContent = words[0];
    take.hidden = adapted;  // 采用新措辞 would keep the adapted wording all the same: 改用新措辞 replaces it
    li.querySelector("[data-change=leave]").textContent = words[1];
    li.querySelector("[data-change=replace]").hidden = !adapted;
    return li;
  }

  P.changeNotice = function (host, s, part) {
    var data = part.plan ? s.plans[part.plan] : null, found = data ? T.pending(part, data, s.state.parts) : null;
    if (!found || !found.list.length) { host.hidden = true; return; }
    var notice = clone("wp-changes-template"), list = notice.querySelector(".wp-changes-list"), boxIds = Object.create(null);
    host.hidden = false;
    // the picked measures' checkboxes are numbered in the order minedoc.js lists them
    part.items.forEach(function (it, i) { boxIds[it.id] = "wp-mine-" + part.key + "-" + i; });
    notice.querySelector(".wp-changes-text").textContent = title(found);
    notice.open = !!open[part.key];
    notice.dataset.part = part.key;
    found.list.forEach(function (c) { list.appendChild(row(c, part, boxIds)); });
    host.appendChild(notice);
  };

  /* ---------- choices ---------- */
  function copy(x) { return x === undefined ? undefined : JSON.parse(JSON.stringify(x)); }
  function find(parts, key) {
    for (var i = 0; i < parts.length; i++) if (parts[i].key === key) return parts[i];
    return null;
  }
  // what 撤销 puts back: the part's picked measures (their words), its day and its marks
  function snapshot(part) { return { items: copy(part.items), seen: part.seen, left: copy(part.left) }; }
  function restore(part, snap) {
    part.items = snap.items;
    ["seen", "left"].forEach(function (k) { if (snap[k] !== undefined) part[k] = snap[k]; else delete part[k]; });
  }

  // how = "take" | "leave" | "replace"; on the change's row, or on every row (all)
  function apply(page, part, how, which) {
    var s = page.session, data = s.plans[part.plan];
    var list = T.pending(part, data, s.state.parts).list.filter(which);
    list.forEach(function (c) {
      var adapted = c.kind === "reworded" && c.pick.edit !== undefined;
      if (how === "replace") T.replace(part, c);
      else if (how === "take" && !adapted) T.take(part, c, data, s.state);
      else T.leave(part, c);  // an adapted wording is kept: its remembered words are brought up to date
    });
    var done = T.settle(part, data, s.state.parts);
    return { list: list, done: done || !T.pending(part, data, s.state.parts).list.length };
  }

  var SAID = {
    take: { added: "已加入", reworded: "已采用新措辞:", removed: "已移除" },
    leave: { added: "不加入", reworded: "已保留原措辞:", removed: "已保留" },
    replace: { reworded: "已改用新措辞:" }
  };
  function message(how, got) {
    var one = got.list.length === 1 ? got.list[0] : null;
    var what = one ? SAID[how][one.kind] + "“" + short(one.words || one.now || one.pick.edit || one.pick.text) + "”。"
      : (how === "take" ? "已全部采用模板的 " : "已全部忽略模板的 ") + got.list.length + " 处改动。";
    if (one && one.kind === "reworded" && one.pick.edit !== undefined && how !== "replace") what = "已保留你的改写,记下了模板的新措辞。";
    return what + (got.done ? "这一节的模板更新已全部处理。" : "");
  }

  function decide(page, b) {
    var s = page.session, notice = b.closest(".wp-changes"), part = find(s.state.parts, notice.dataset.part);
    if (!part || !s.plans[part.plan]) return;
    var r = b.closest(".wp-change"), how = b.dataset.change || b.dataset.changes, snap = snapshot(part);
    var got = apply(page, part, how, r ? function (c) { return c.kind === r.dataset.kind && c.id === r.dataset.id; }
      : function () { return true; });
    if (!got.list.length) return;
    s.save([part.key]);
    var at = ".wp-part[data-key='" + part.key + "'] ";
    page.view.render([at + ".wp-change [data-change]:not([hidden])", at + ".wp-changes summary", at + "[data-part=rename]"], [part.key]);
    page.undo.offer(message(how, got), function () {
      var p = find(s.state.parts, part.key);
      if (!p) return page.say("这一节已被移除,无法撤销;请先撤销移除这一节。");
      restore(p, snap);
      open[p.key] = true;
      s.save([p.key]);
      page.view.render([at + ".wp-changes summary"], [p.key]);
    });
  }

  // 在本节中查看: the keyboard goes to the measure's checkbox (a link to an input only scrolls)
  function show(e, a) {
    var box = document.getElementById(a.dataset.box);
    if (!box) return;
    e.preventDefault();
    box.focus();
    box.scrollIntoView({ block: "center" });
  }

  P.changes = function (page) {
    var list = page.view.list;
    list.addEventListener("click", function (e) {
      var b = e.target.closest("button[data-change], button[data-changes]"), a = e.target.closest("a.wp-change-link");
      if (b) decide(page, b);
      else if (a) show(e, a);
    });
    list.addEventListener("toggle", function (e) {  // toggle does not bubble: caught on its way down
      if (e.target.classList && e.target.classList.contains("wp-changes")) {
        if (e.target.open) open[e.target.dataset.part] = true; else delete open[e.target.dataset.part];
      }
    }, true);
  };
})();
