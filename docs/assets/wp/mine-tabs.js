/* 我的计划页面上另一个标签页的改动:只重新读取改动的记录,只更新改动的部分,在页面上轻声说明;
 * 对方改了你正在输入的内容时保留你的文字,说明“冲突”、对方的内容,并可一键改用。
 *
 *   WP.minePage.tabs(page)   page: {root, session, view}
 *
 * A "storage" event names the record another tab saved: "wp:v1:mine" (header and order),
 * "wp:v1:mine:part:<key>" (one part), "wp:v1:<plan>" (a plan's ticks and values). Only that record
 * is read again (mine-session.js refresh: this tab's own changes the other tab's write lost, when
 * both wrote at the same moment, are merged in and written again first), and only the parts it
 * changed are drawn again (mine-render.js). The focused text box keeps its text, caret and focus;
 * an open inline editor ([data-wp-editing]) is left open. When the other tab changed what the
 * person is typing or editing right now, the person's text stays and the note says 冲突, with the
 * other tab's value and a button that takes it. Nothing here opens a dialog.
 */
(function () {
  "use strict";
  var WP = window.WP;
  var P = WP.minePage = WP.minePage || {};
  var PREFIX = "wp:v1:", SAID = "另一个标签页修改了我的计划,已更新。", SHORT = 80;

  function quote(v) { return "“" + (v.length > SHORT ? v.slice(0, SHORT) + "…" : v) + "”"; }
  function labelOf(box) {
    var l = box.id && document.querySelector("label[for='" + box.id + "']");
    return (l && l.textContent.trim()) || box.getAttribute("aria-label") || "这一项";
  }
  function find(parts, key) {
    for (var i = 0; i < parts.length; i++) if (parts[i].key === key) return parts[i];
    return null;
  }
  // the words of an entry (or a part's title) as the session holds them now
  function wording(page, partKey, entryKey) {
    var part = find(page.session.state.parts, partKey);
    if (!part) return null;
    if (!entryKey) return part.title;
    var kind = entryKey.slice(0, 2), id = entryKey.slice(2), list = kind === "o:" ? part.own : part.items;
    for (var i = 0; i < list.length; i++) {
      var it = list[i];
      if ((kind === "o:" ? it.key : it.id) === id) return kind === "o:" ? it.text : it.edit !== undefined ? it.edit : it.text;
    }
    return null;
  }

  /* ---------- what the person is changing right now ---------- */
  function editing(page) {
    var out = [], a = document.activeElement;
    if (P.isTextBox(a) && !a.closest("[data-wp-editing]")) {
      if (a.dataset.header) out.push({ box: a, header: a.dataset.header, label: labelOf(a) });
      else if (a.dataset.plan && a.dataset.field) {
        var rec = page.session.records[a.dataset.plan];
        out.push({ box: a, plan: a.dataset.plan, field: a.dataset.field, label: labelOf(a),
                   was: rec ? rec.fields[a.dataset.field] || "" : "" });
      }
    }
    Array.prototype.forEach.call(page.root.querySelectorAll("[data-wp-editing]"), function (ed) {
      var part = ed.closest(".wp-part"), entry = ed.closest(".wp-entry");
      if (!part) return;
      var pk = part.dataset.key, ek = entry ? entry.dataset.key : "";
      out.push({ editor: ed, part: pk, entry: ek, label: entry ? "这项措施" : "章节标题", was: wording(page, pk, ek) });
    });
    return out;
  }
  // -> {label, theirs, box} for the first thing the other tab changed under the person's hands
  function clash(page, what, name, got) {
    for (var i = 0; i < what.length; i++) {
      var w = what[i], theirs = null, box = w.box;
      if (w.header && name === "mine" && got.header.indexOf(w.header) >= 0) theirs = page.session.state.header[w.header];
      if (w.plan === name) {
        var now = page.session.records[name].fields[w.field] || "";
        if (now !== w.was) theirs = now;
      }
      if (w.editor && name === WP.mine.PART + w.part) {
        var after = wording(page, w.part, w.entry);
        if (after !== null && after !== w.was) theirs = after;
        box = w.editor.querySelector("input, textarea, [contenteditable]");
      }
      if (theirs !== null && box && (box.value !== undefined ? box.value : box.textContent) !== theirs) {
        return { label: w.label, theirs: theirs, box: box };
      }
    }
    return null;
  }

  /* ---------- the note ---------- */
  function note(page) {
    var host = page.root.querySelector(".wp-tabs"), words = host.querySelector(".wp-tabs-text");
    var take = host.querySelector("[data-act=take-theirs]"), conflict = null, timer = 0;
    function show(text, c) {
      clearTimeout(timer);
      conflict = c || null;
      take.hidden = !conflict;
      words.textContent = text;
      timer = setTimeout(function () {
        if (document.activeElement === take) return;
        words.textContent = "";
        take.hidden = true;
        conflict = null;
      }, conflict ? 60000 : 8000);
    }
    take.addEventListener("click", function () {
      var c = conflict;
      if (!c || !c.box.isConnected) return show("正在编辑的内容已不在页面上。");
      if (c.box.isContentEditable) c.box.textContent = c.theirs; else c.box.value = c.theirs;
      c.box.dispatchEvent(new Event("input", { bubbles: true }));
      c.box.focus();
      try { c.box.setSelectionRange(c.theirs.length, c.theirs.length); } catch (e) { /* no caret */ }
      show("已改用另一个标签页的内容。");
    });
    return {
      said: function () { if (!conflict) show(SAID); },
      conflict: function (c) {
        show("冲突:另一个标签页把“" + c.label + "”改成了" + quote(c.theirs) + ",这里保留了你正在输入的内容。" +
             "要用对方的内容,请按“改用另一个标签页的内容”。", c);
      }
    };
  }

  /* ---------- one record saved elsewhere ---------- */
  function header(page, names) {
    names.forEach(function (k) {
      var input = page.root.querySelector("[data-header='" + k + "']");
      if (input && input !== document.activeElement) input.value = page.session.state.header[k] || "";
    });
  }
  // -> the part keys to draw again ("mine": the order), or null when nothing shown changed
  function apply(page, name, got) {
    var s = page.session;
    if (got.plan) {
      var keys = s.state.parts.filter(function (p) { return p.plan === name; }).map(function (p) { return p.key; });
      return keys.length ? keys : null;
    }
    header(page, got.header);
    var only = got.keys.concat(got.order ? ["mine"] : []);
    return only.length || got.header.length ? only : null;
  }
  function changed(page, say, e) {
    var s = page.session;
    if (!e.key) {  // storage cleared elsewhere: everything read again
      s.reread();
      page.header.fill();
      return s.loadPlans(s.usedPlans()).then(function () { page.view.render(); say.said(); });
    }
    if (e.key.indexOf(PREFIX) !== 0) return;
    var name = e.key.slice(PREFIX.length), what = editing(page), before = null;
    if (s.records[name]) before = JSON.stringify(s.records[name]);
    var got = s.refresh(name);
    if (!got) return;
    if (got.problem) page.warn(got.problem);
    if (got.plan && JSON.stringify(s.records[name]) === before) return;
    var only = apply(page, name, got);
    if (!only) return;
    var c = clash(page, what, name, got);
    s.loadPlans(s.usedPlans()).then(function () {
      page.view.render(null, only);
      if (c) say.conflict(c); else say.said();
    });
  }

  P.tabs = function (page) {
    var say = note(page);
    window.addEventListener("storage", function (e) { changed(page, say, e); });
  };
})();
