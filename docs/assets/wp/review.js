/* 回顾:在我的计划上记下某一天的进展(回顾日期、本期完成情况、存在问题、下一步打算),列出保存的回顾,
 * 只读查看一次回顾,比较两次回顾之间的变化(状态变了的措施、新逾期的措施、目标的实际值和完成率),
 * 删除(可撤销),以及计划回顾日期。
 *
 *   WP.minePage.reviews(page)   page: {root, session, undo, say, warn}
 *
 * What a review keeps is WP.summary.now of its day (statuses as they are now, 已逾期 against that
 * day, each target's figures as of that day), saved by review-store.js; a review opened later shows
 * what it kept, whatever the plan says now. Markup: the page's <template> elements and fixed
 * markup (macros/core/templates/review.j2); the read-only and compare views are built here with
 * createElement / textContent.
 */
(function () {
  "use strict";
  var WP = window.WP;
  var P = WP.minePage = WP.minePage || {};
  var T = WP.tracking, V = WP.reviews;
  var LOST = {
    off: "浏览器禁止保存数据,这次回顾只保留到关闭页面为止。离开前请导出备份或下载。",
    full: "浏览器存储空间已满,这次回顾只保留到关闭页面为止。离开前请导出备份或下载。"
  };
  var PROBLEM = {
    newer: "这次回顾来自更新版本的网站,当前版本无法打开;它原样保留,不会被改动。",
    bad: "这次回顾的记录不完整,无法打开;它原样保留,导出备份时会一并包含。"
  };
  var TEXTS = [["done", "本期完成情况"], ["problems", "存在问题"], ["next", "下一步打算"]];
  var MANY = 300;  // a review of more measures shows its parts folded

  function clone(id) { return document.getElementById(id).content.firstElementChild.cloneNode(true); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function countsText(c) {
    return T.ORDER.map(function (k) { return T.NAMES[k] + " " + c[k]; }).join(" · ") + " · 已逾期 " + c.overdue;
  }
  // when a review was saved, in local time: "11月2日 10:05"
  function saved(iso) {
    var d = new Date(iso);
    if (isNaN(d)) return "";
    return (d.getMonth() + 1) + "月" + d.getDate() + "日 " + ("0" + d.getHours()).slice(-2) + ":" + ("0" + d.getMinutes()).slice(-2);
  }
  function figure(n) { return n === null || n === undefined ? "—" : n.toLocaleString("zh-CN"); }
  function measureKey(part, m) { return part.key + "|" + (m.id !== undefined ? "i:" + m.id : "o:" + m.key); }

  /* ---------- one review, read-only ---------- */
  function measureRow(m) {
    var li = el("li", "wp-rv-measure");
    li.appendChild(el("span", "wp-rv-text", m.text));
    li.appendChild(el("span", "wp-rv-status wp-rv-status--" + m.status, T.NAMES[m.status]));
    var more = [];
    if (m.due) more.push("截止日期 " + m.due);
    if (m.owner) more.push("负责人 " + m.owner);
    if (m.note) more.push("备注 " + m.note);
    if (more.length) li.appendChild(el("span", "wp-rv-more", more.join(" · ")));
    if (m.overdue) li.appendChild(el("span", "wp-ov-late", "已逾期"));
    return li;
  }
  function targetRow(t) {
    return el("li", "wp-rv-target", t.label + ":实际值 " + figure(t.actual) + (t.actualDay ? "(" + t.actualDay + ")" : "") +
      " / 目标值 " + (t.target === null ? "未填写" : figure(t.target)) + (t.unit ? " " + t.unit : "") + " · 完成率 " + T.percent(t.rate));
  }
  function showOne(box, sum) {
    box.appendChild(el("h3", "wp-rv-title", "回顾:" + sum.day + "(只读)"));
    box.appendChild(el("p", "wp-rv-counts", countsText(V.counts(sum))));
    var dl = el("dl", "wp-rv-texts");
    TEXTS.forEach(function (t) {
      dl.appendChild(el("dt", "", t[1]));
      dl.appendChild(el("dd", "", sum.text[t[0]] || "(未填写)"));
    });
    box.appendChild(dl);
    if (sum.targets.length) {
      box.appendChild(el("h4", "wp-rv-sub", "目标"));
      var ul = el("ul", "wp-rv-targets");
      sum.targets.forEach(function (t) { ul.appendChild(targetRow(t)); });
      box.appendChild(ul);
    }
    var many = V.counts(sum).total > MANY;
    sum.parts.forEach(function (part) { box.appendChild(many ? folded(part) : shown(part)); });
  }
  function measureList(part) {
    var list = el("ul", "wp-rv-measures");
    part.measures.forEach(function (m) { list.appendChild(measureRow(m)); });
    return list;
  }
  function shown(part) {
    var out = document.createDocumentFragment();
    out.appendChild(el("h4", "wp-rv-sub", part.title));
    out.appendChild(measureList(part));
    return out;
  }
  // a long plan: each part folded, its measures drawn when it is first opened
  function folded(part) {
    var d = el("details", "wp-rv-part"), done = part.measures.filter(function (m) { return m.status === "done"; }).length;
    d.appendChild(el("summary", "wp-rv-sub", part.title + "(已完成 " + done + "/" + part.measures.length + ")"));
    d.addEventListener("toggle", function () { if (d.open && d.children.length === 1) d.appendChild(measureList(part)); });
    return d;
  }

  /* ---------- two reviews compared ---------- */
  function index(sum) {
    var out = Object.create(null);
    sum.parts.forEach(function (part) { part.measures.forEach(function (m) { out[measureKey(part, m)] = { m: m, part: part }; }); });
    return out;
  }
  // -> {moved: [{m, part, from, to}], late: [{m, part}], added, removed, targets: [{label, unit, a, b}]}
  function changes(a, b) {
    var before = index(a), after = index(b), out = { moved: [], late: [], added: 0, removed: 0, targets: [] };
    Object.keys(after).forEach(function (k) {
      var was = before[k], now = after[k];
      if (!was) out.added++;
      else if (was.m.status !== now.m.status) out.moved.push({ m: now.m, part: now.part, from: was.m.status, to: now.m.status });
      if (now.m.overdue && !(was && was.m.overdue)) out.late.push(now);
    });
    Object.keys(before).forEach(function (k) { if (!after[k]) out.removed++; });
    var old = Object.create(null);
    a.targets.forEach(function (t) { old[t.plan + "#" + t.id] = t; });
    b.targets.forEach(function (t) {
      var o = old[t.plan + "#" + t.id] || { actual: null, rate: null };
      if (o.actual !== t.actual || o.rate !== t.rate) out.targets.push({ label: t.label, unit: t.unit, a: o, b: t });
    });
    return out;
  }
  function section(box, title, items, empty) {
    box.appendChild(el("h4", "wp-rv-sub", title + "(" + items.length + ")"));
    if (!items.length) { box.appendChild(el("p", "wp-rv-empty", empty)); return; }
    var ul = el("ul", "wp-rv-changes");
    items.forEach(function (li) { ul.appendChild(li); });
    box.appendChild(ul);
  }
  function showCompare(box, a, b) {
    var c = changes(a, b);
    box.appendChild(el("h3", "wp-rv-title", "比较:" + a.day + " → " + b.day));
    box.appendChild(el("p", "wp-rv-counts", a.day + ":" + countsText(V.counts(a))));
    box.appendChild(el("p", "wp-rv-counts", b.day + ":" + countsText(V.counts(b))));
    if (c.added || c.removed) box.appendChild(el("p", "wp-rv-counts", "新增措施 " + c.added + " 项,移除措施 " + c.removed + " 项。"));
    section(box, "状态有变化的措施", c.moved.map(function (x) {
      var li = el("li", "wp-rv-moved");
      li.appendChild(el("span", "wp-rv-text", x.m.text));
      li.appendChild(el("span", "wp-rv-from-to", T.NAMES[x.from] + " → " + T.NAMES[x.to]));
      li.appendChild(el("span", "wp-rv-more", x.part.title));
      return li;
    }), "两次回顾之间没有措施改变状态。");
    section(box, "新逾期的措施", c.late.map(function (x) {
      var li = el("li", "wp-rv-late");
      li.appendChild(el("span", "wp-rv-text", x.m.text));
      li.appendChild(el("span", "wp-ov-late", "已逾期"));
      li.appendChild(el("span", "wp-rv-more", "截止日期 " + x.m.due + " · " + x.part.title));
      return li;
    }), "没有新逾期的措施。");
    section(box, "目标的实际值和完成率", c.targets.map(function (t) {
      return el("li", "wp-rv-target", t.label + ":实际值 " + figure(t.a.actual) + " → " + figure(t.b.actual) + (t.unit ? " " + t.unit : "") +
        " · 完成率 " + T.percent(t.a.rate) + " → " + T.percent(t.b.rate));
    }), "目标的实际值没有变化。");
  }

  /* ---------- the panel ---------- */
  function current(page, day) {
    var s = page.session;
    s.usedPlans().forEach(function (id) { s.record(id); });
    return WP.summary.now(s.state, s.plans, s.records, day);
  }
  function fillList(r) {
    var list = r.panel.querySelector(".wp-review-list"), all = V.entries();
    list.textContent = "";
    all.forEach(function (e) {
      var li = clone("wp-review-row-template");
      li.dataset.key = e.key;
      li.querySelector(".wp-review-day").textContent = e.day || "(日期无法读取)";
      li.querySelector(".wp-review-counts").textContent = e.problem ? PROBLEM[e.problem] : countsText(e.counts);
      li.querySelector("[data-review=show]").hidden = !!e.problem;
      li.querySelector("[data-review=delete]").hidden = e.problem === "newer";
      li.querySelector("[data-review=show]").setAttribute("aria-label", "查看 " + e.day + " 的回顾");
      li.querySelector("[data-review=delete]").setAttribute("aria-label", "删除 " + e.day + " 的回顾");
      list.appendChild(li);
    });
    r.panel.querySelector(".wp-review-none").hidden = all.length > 0;
    fillCompare(r, all.filter(function (e) { return !e.problem; }));
  }
  function fillCompare(r, ok) {
    var form = r.panel.querySelector(".wp-review-compare"), a = form.querySelector("#wp-review-a"), b = form.querySelector("#wp-review-b");
    var was = [a.value, b.value];
    [a, b].forEach(function (sel) {
      sel.textContent = "";
      ok.forEach(function (e) {
        var o = el("option", "", e.day + "(" + saved(e.made) + " 保存)");
        o.value = e.key;
        sel.appendChild(o);
      });
    });
    form.hidden = ok.length < 2;
    if (ok.length < 2) return;
    // the two the person chose, while both are there; otherwise the two newest
    var keep = was[0] !== was[1] && was.every(function (k) { return ok.some(function (e) { return e.key === k; }); });
    a.value = keep ? was[0] : ok[1].key;
    b.value = keep ? was[1] : ok[0].key;
  }
  function fillPlanned(r) {
    var list = r.panel.querySelector(".wp-review-planned");
    list.textContent = "";
    V.planned().forEach(function (d) {
      var li = clone("wp-review-planned-template");
      li.dataset.day = d;
      li.querySelector(".wp-review-planned-day").textContent = d;
      li.querySelector("[data-review=unplan]").setAttribute("aria-label", "移除回顾日期 " + d);
      list.appendChild(li);
    });
  }
  function view(r, fill) {
    var box = r.panel.querySelector(".wp-review-view");
    box.textContent = "";
    fill(box);
    var close = el("button", "wp-btn", "关闭");
    close.type = "button";
    close.dataset.review = "close-view";
    box.appendChild(el("p", "wp-buttons")).appendChild(close);
    box.hidden = false;
    box.focus();
  }

  // a write went through: 保存到文件 and the backup reminder hear of it (mine-file.js, mine-keep.js);
  // one that did not: said, the review kept for the visit
  function after(r, problem) {
    if (problem) r.page.warn(problem, LOST[problem]);
    else document.dispatchEvent(new CustomEvent("wp:mine-saved"));
  }
  function error(r, cls, message) {
    var p = r.panel.querySelector(cls);
    p.textContent = message || "";
    p.hidden = !message;
  }
  function save(r) {
    var f = r.panel.querySelector(".wp-review-form"), got = T.day(f.querySelector("#wp-review-day").value);
    if (got.error) {
      error(r, ".wp-review-error", "回顾日期:" + got.error);
      f.querySelector("#wp-review-day").focus();
      return;
    }
    error(r, ".wp-review-error", "");
    var text = {};
    TEXTS.forEach(function (t) { text[t[0]] = f.querySelector("#wp-review-" + t[0]).value; });
    var out = V.record(current(r.page, got.day), text);
    after(r, out.problem);
    TEXTS.forEach(function (t) { f.querySelector("#wp-review-" + t[0]).value = ""; });
    fillList(r);
    r.page.say("已保存 " + got.day + " 的回顾。");
  }
  function remove(r, key) {
    var row = r.panel.querySelector(".wp-review-row[data-key='" + key + "'] .wp-review-day");
    var day = row ? row.textContent : "", out = V.remove(key);
    after(r, out.problem);
    var box = r.panel.querySelector(".wp-review-view");
    if (box.dataset.key && box.dataset.key.split(" ").indexOf(key) >= 0) box.hidden = true;
    fillList(r);
    r.page.undo.offer("已删除 " + day + " 的回顾。", function () {
      after(r, out.putBack());
      fillList(r);
      var back = r.panel.querySelector(".wp-review-row[data-key='" + key + "'] [data-review=show]");
      if (back) back.focus();
    });
  }
  function planDay(r) {
    var input = r.panel.querySelector("#wp-review-planned"), got = T.day(input.value);
    if (got.error) { error(r, ".wp-review-plan-error", "计划回顾日期:" + got.error); input.focus(); return; }
    error(r, ".wp-review-plan-error", "");
    after(r, V.plan(got.day));
    input.value = "";
    fillPlanned(r);
    r.page.say("已添加回顾日期 " + got.day + "。");
  }

  function toggle(r, open) {
    r.panel.hidden = !open;
    r.button.setAttribute("aria-expanded", String(open));
    if (!open) { r.button.focus(); return; }
    var day = r.panel.querySelector("#wp-review-day");
    if (!day.value) day.value = T.today();
    fillList(r);
    fillPlanned(r);
    day.focus();
  }
  function click(r, b) {
    var act = b.dataset.review, row = b.closest("[data-key]"), key = row ? row.dataset.key : "";
    var box = r.panel.querySelector(".wp-review-view");
    if (act === "close") return toggle(r, false);
    if (act === "show") {
      var sum = V.summary(key);
      if (!sum) return fillList(r);
      box.dataset.key = key;
      return view(r, function (host) { showOne(host, sum); });
    }
    if (act === "delete") return remove(r, key);
    if (act === "close-view") {
      box.hidden = true;
      var back = r.panel.querySelector(".wp-review-row[data-key='" + box.dataset.key.split(" ")[0] + "'] [data-review=show]");
      return (back || r.panel.querySelector("#wp-review-title")).focus();
    }
    if (act === "unplan") {
      var next = b.closest("li").nextElementSibling || b.closest("li").previousElementSibling, d = b.closest("li").dataset.day;
      after(r, V.unplan(d));
      fillPlanned(r);
      var again = next && r.panel.querySelector(".wp-review-planned-row[data-day='" + next.dataset.day + "'] button");
      (again || r.panel.querySelector("#wp-review-planned")).focus();
      r.page.say("已移除回顾日期 " + d + "。");
    }
  }
  function compare(r) {
    var a = V.summary(r.panel.querySelector("#wp-review-a").value), b = V.summary(r.panel.querySelector("#wp-review-b").value);
    if (!a || !b) return fillList(r);
    if (a.day > b.day) { var x = a; a = b; b = x; }
    r.panel.querySelector(".wp-review-view").dataset.key = a.review.key + " " + b.review.key;
    view(r, function (host) { showCompare(host, a, b); });
  }

  P.reviews = function (page) {
    var r = { page: page, panel: page.root.querySelector(".wp-review"), button: page.root.querySelector("[data-review=open]") };
    r.button.addEventListener("click", function () { toggle(r, r.panel.hidden); });
    r.panel.addEventListener("click", function (e) {
      var b = e.target.closest("button[data-review]");
      if (b) click(r, b);
    });
    r.panel.querySelector(".wp-review-form").addEventListener("submit", function (e) { e.preventDefault(); save(r); });
    r.panel.querySelector(".wp-review-compare").addEventListener("submit", function (e) { e.preventDefault(); compare(r); });
    r.panel.querySelector(".wp-review-plan").addEventListener("submit", function (e) { e.preventDefault(); planDay(r); });
    var timer = 0;
    function again() {
      clearTimeout(timer);
      timer = setTimeout(function () { if (!r.panel.hidden) { fillList(r); fillPlanned(r); } }, 300);
    }
    window.addEventListener("storage", function (e) { if (!e.key || e.key.indexOf("wp:v1:" + V.prefix) === 0) again(); });
    document.addEventListener("wp:mine-saved", again);  // an import may bring reviews
    return r;
  };
})();
