/* 目标的数字:每个数字填空(如“新增日均存款 XXXX 万元”)旁的“⋯ 实际值”打开一个面板:目标值(就是填空里的数)、
 * 按日期记下的实际值(可删除,删除后可撤销)、添加一条实际值、完成率(最新实际值 ÷ 目标值)和实际值对照目标值的小图。
 * 计划页和我的计划用同一个模块、同一份记录(actual/<填空 id>/<日期>,store.js),所以两边显示的永远一样。
 *
 *   WP.figures.bind(root, io)       the controls and panels inside root answer clicks and keys
 *   WP.figures.page(opts)           a plan page: bind() on the article with the plan's record; panels
 *                                   and summaries drawn, and drawn again when another tab saves
 *   WP.figures.decorate(ctl, rec)   a control's summary (完成率) and state from the record; -> true
 *                                   when its panel is open (WP.figures.panel(rec, meta) draws it)
 *   WP.figures.state(planId)        what the drawing of this plan's controls depends on (mine-render.js)
 *   WP.figures.refresh(document, rec, {plan, field, label, unit})   a field's panel and summaries
 *                                   brought up to date in place (its blank was typed in)
 *
 * io = {record(planId) -> the plan's record (tracking.js's shape), save(planId, record) -> "" or a
 *       problem, blank(planId, fieldId) -> the page's fill-in input of that field or null,
 *       redraw(planId, focus) (focus: selectors tried in turn), say(message), undo() -> promise of an
 *       undo bar (undo.js)}
 * A control (#wp-fig-control, cloned by WP.figureControl in worksheet.js) names its field in
 * data-plan, data-field, data-label and data-unit. Text in a number box is refused with
 * tracking.js's message and nothing is saved; what was typed stays in the box.
 */
(function () {
  "use strict";
  var WP = window.WP;
  var T = WP.tracking;
  var opened = Object.create(null);  // "plan field" -> true: panels open in this visit

  function key(m) { return m.plan + " " + m.field; }
  function meta(el) { var d = el.dataset; return { plan: d.plan, field: d.field, label: d.label || d.field, unit: d.unit || "" }; }
  function panelId(m) { return "wp-fig-" + m.plan + "--" + m.field; }
  function clone(id) { return document.getElementById(id).content.firstElementChild.cloneNode(true); }
  function show(v) { return String(Math.round(v * 100) / 100); }
  function fieldText(rec, id) { return rec.fields && Object.prototype.hasOwnProperty.call(rec.fields, id) ? String(rec.fields[id]) : ""; }

  // what 完成率 is and why: latest 实际值 ÷ 目标值, or what is missing
  function rateOf(rec, m) {
    var list = T.actuals(rec, m.field), last = list.length ? list[list.length - 1] : null;
    var t = T.target(rec, m.field), typed = fieldText(rec, m.field).trim(), r = last ? T.rate(t, last.value) : null;
    var note = !typed ? "请先填写目标值。" : t === null ? "目标值“" + typed + "”不是数字,无法计算完成率。"
      : t === 0 ? "目标值为 0,无法计算完成率。" : !last ? "还没有实际值。"
      : "最新实际值 " + show(last.value) + m.unit + "(" + last.day + ")÷ 目标值 " + show(t) + m.unit;
    return { list: list, target: t, rate: r, text: T.percent(r), note: note };
  }

  /* ---------- drawing ---------- */
  function fill(el, rec, m) {
    var f = rateOf(rec, m), box = el.querySelector("[data-fig=target]");
    el.querySelector(".wp-fig-title").textContent = m.label + (m.unit ? "(单位:" + m.unit + ")" : "");
    if (box !== document.activeElement && box.value !== fieldText(rec, m.field)) box.value = fieldText(rec, m.field);
    el.querySelector(".wp-fig-unit").textContent = m.unit;
    el.querySelector(".wp-fig-percent").textContent = f.text;
    el.querySelector(".wp-fig-note").textContent = f.note;
    var chart = el.querySelector(".wp-fig-chart");
    chart.textContent = "";
    if (f.list.length) chart.appendChild(WP.chart.draw(f.list, f.target, { label: m.label, unit: m.unit }));
    var body = el.querySelector("tbody");
    body.textContent = "";
    f.list.slice().reverse().forEach(function (e) {  // newest first
      var row = clone("wp-fig-row");
      row.dataset.day = e.day;
      row.querySelector(".wp-fig-day").textContent = e.day;
      row.querySelector(".wp-fig-value").textContent = show(e.value) + m.unit;
      row.querySelector("[data-fig=remove]").setAttribute("aria-label", "删除 " + e.day + " 的实际值");
      body.appendChild(row);
    });
    el.querySelector(".wp-fig-list").hidden = !f.list.length;
    el.querySelector(".wp-fig-none").hidden = !!f.list.length;
  }
  function panel(rec, m) {
    var el = clone("wp-fig-panel");
    el.id = panelId(m);
    el.dataset.plan = m.plan;
    el.dataset.field = m.field;
    el.dataset.label = m.label;
    el.dataset.unit = m.unit;
    el.setAttribute("aria-label", m.label + "的目标值和实际值");
    el.querySelector("[data-fig=day]").value = T.today();
    fill(el, rec, m);
    return el;
  }
  function decorate(ctl, rec) {
    var b = ctl.querySelector(".wp-fig-toggle"), m = meta(b), f = rateOf(rec, m), open = !!opened[key(m)];
    var sum = f.list.length ? "完成率 " + f.text : "";
    var s = ctl.querySelector(".wp-fig-sum");
    if (s.textContent !== sum) s.textContent = sum;
    b.setAttribute("aria-expanded", open ? "true" : "false");
    b.setAttribute("aria-controls", panelId(m));
    return open;
  }
  function state(planId) {
    return Object.keys(opened).filter(function (k) { return k.split(" ")[0] === planId; }).sort().join(",") || "loaded";
  }

  /* ---------- changes ---------- */
  function error(el, message) {
    var e = el.querySelector(".wp-fig-error");
    e.textContent = message || "";
    e.hidden = !message;
  }
  function saveProblem(io, m, rec) {
    var problem = io.save(m.plan, rec);
    return problem ? (problem === "full" ? "浏览器存储空间已满" : "浏览器禁止保存数据") + ",实际值只在本次访问中有效;离开前请复制或下载。" : "";
  }
  function add(io, el) {
    var m = meta(el), dayBox = el.querySelector("[data-fig=day]"), valueBox = el.querySelector("[data-fig=value]");
    var d = T.day(dayBox.value), n = T.number(valueBox.value);
    if (d.error || n.error) {
      error(el, d.error || n.error);
      (d.error ? dayBox : valueBox).focus();
      return;
    }
    var rec = io.record(m.plan), had = T.actuals(rec, m.field).some(function (e) { return e.day === d.day; });
    T.setActual(rec, m.field, d.day, n.value);
    var problem = saveProblem(io, m, rec);
    valueBox.value = "";
    io.redraw(m.plan, ["#" + panelId(m) + " [data-fig=value]"]);
    var now = document.getElementById(panelId(m));
    if (now) error(now, problem);
    io.say((had ? "已更新 " : "已添加 ") + d.day + " 的实际值 " + show(n.value) + m.unit + "(" + m.label + ")。");
  }
  function remove(io, el, row) {
    var m = meta(el), d = row.dataset.day, at = Array.prototype.indexOf.call(row.parentNode.children, row);
    var where = "#" + panelId(m);
    io.undo().then(function (bar) {
      var rec = io.record(m.plan), was = T.actuals(rec, m.field).filter(function (e) { return e.day === d; })[0];
      if (!was) return io.redraw(m.plan, [where + " [data-fig=value]"]);
      T.setActual(rec, m.field, d, null);
      var problem = saveProblem(io, m, rec);
      io.redraw(m.plan, [where + " tbody tr:nth-child(" + (at + 1) + ") [data-fig=remove]",
                         where + " tbody tr:nth-child(" + at + ") [data-fig=remove]", where + " [data-fig=value]"]);
      if (problem) io.say(problem);
      bar.offer("已删除“" + m.label + "” " + d + " 的实际值 " + show(was.value) + m.unit + "。", function () {
        var again = io.record(m.plan);
        T.setActual(again, m.field, d, was.value);
        saveProblem(io, m, again);
        io.redraw(m.plan, [where + " tr[data-day='" + d + "'] [data-fig=remove]"]);
      });
    }, function (err) { error(el, "无法删除(" + err.message + "),实际值没有改动。"); });
  }
  // 目标值 typed in the panel: the same value as the page's blank, which saves it as it always does
  function target(io, el, box) {
    var m = meta(el), v = box.value, n = v.trim() ? T.number(v) : {};
    if (n.error) return error(el, n.error);
    error(el, "");
    var blank = io.blank(m.plan, m.field), rec = io.record(m.plan);
    if (blank) {
      blank.value = v;
      blank.dispatchEvent(new Event("input", { bubbles: true }));
    } else {
      if (v.trim()) rec.fields[m.field] = v; else delete rec.fields[m.field];
      saveProblem(io, m, rec);
    }
    refresh(el.ownerDocument, io.record(m.plan), m);
  }
  // a field's panel and summaries brought up to date in place (its blank was typed in)
  function refresh(doc, rec, m) {
    var el = doc.getElementById(panelId(m));
    if (el) fill(el, rec, m);
    summaries(doc, rec, m);
  }
  function summaries(doc, rec, m) {
    Array.prototype.forEach.call(doc.querySelectorAll(".wp-fig-ctl"), function (ctl) {
      var b = ctl.querySelector(".wp-fig-toggle");
      if (b.dataset.plan === m.plan && b.dataset.field === m.field) decorate(ctl, rec);
    });
  }

  /* ---------- behaviour ---------- */
  function bind(root, io) {
    root.addEventListener("click", function (e) {
      var b = e.target.closest(".wp-fig-toggle, .wp-fig [data-fig=add], .wp-fig [data-fig=remove]");
      if (!b) return;
      if (b.classList.contains("wp-fig-toggle")) {
        var m = meta(b);
        if (opened[key(m)]) delete opened[key(m)]; else opened[key(m)] = true;
        return io.redraw(m.plan, []);
      }
      var el = b.closest(".wp-fig");
      if (b.dataset.fig === "add") add(io, el); else remove(io, el, b.closest("tr"));
    });
    root.addEventListener("keydown", function (e) {
      var el = e.target.closest && e.target.closest(".wp-fig");
      if (!el) return;
      if (e.key === "Enter" && e.target.matches("[data-fig=day], [data-fig=value]")) { e.preventDefault(); add(io, el); }
      if (e.key === "Escape") {  // closed, the keyboard back on its control first (a redraw keeps
        // whatever holds the focused text box: 我的计划's mine-patch.js)
        var m = meta(el), b = root.querySelector(".wp-fig-toggle[aria-controls='" + panelId(m) + "']");
        delete opened[key(m)];
        if (b) b.focus();
        io.redraw(m.plan, []);
      }
    });
    root.addEventListener("input", function (e) {
      if (e.target.matches(".wp-fig [data-fig=target]")) target(io, e.target.closest(".wp-fig"), e.target);
    });
  }

  /* ---------- a plan page ---------- */
  // opts: {article, planId, store, say}. The record is read afresh each time, the page's blanks
  // over it (the page is the truth for this visit); where storage cannot keep it, the record
  // stays in memory for the visit. -> {sync}: worksheet.js calls it whenever it applies a record.
  function page(o) {
    var memory = null;
    function blanks() { return Array.prototype.slice.call(o.article.querySelectorAll("input.wp-input[data-field]")); }
    var io = {
      record: function () {
        var r = o.store.read();
        if (r.problem || memory) r = memory || { items: {}, fields: {}, track: {}, actual: {} };
        blanks().forEach(function (i) {
          if (i.value.trim()) r.fields[i.dataset.field] = i.value; else delete r.fields[i.dataset.field];
        });
        return r;
      },
      save: function (planId, rec) {
        var problem = o.store.write(rec);
        memory = problem ? rec : null;
        return problem;
      },
      blank: function (planId, fieldId) {
        return blanks().filter(function (i) { return i.dataset.field === fieldId; })[0] || null;
      },
      redraw: function (planId, focus) { sync(); refocus(focus); },
      say: o.say,
      undo: function () { return WP.load(["undo"]).then(function () { return WP.undo.page(); }); }
    };
    function sync() {
      var rec = io.record();
      Array.prototype.forEach.call(o.article.querySelectorAll(".wp-fig-ctl"), function (ctl) {
        var m = meta(ctl.querySelector(".wp-fig-toggle")), there = document.getElementById(panelId(m));
        if (!decorate(ctl, rec)) { if (there) there.remove(); return; }
        if (there) fill(there, rec, m); else place(ctl, panel(rec, m));
      });
    }
    bind(o.article, io);
    o.article.addEventListener("input", function (e) {
      if (e.target.matches("input.wp-input[data-field]") && o.article.querySelector(".wp-fig-toggle[data-field='" + e.target.dataset.field + "']")) sync();
    });
    sync();
    return { sync: sync };
  }
  // a panel below its field: at the end of the field's list item, or after its paragraph
  function place(ctl, el) {
    var host = ctl.closest("li, p") || ctl.parentNode;
    if (host.tagName === "LI") return host.appendChild(el);
    var after = host;
    while (after.nextElementSibling && after.nextElementSibling.classList.contains("wp-fig")) after = after.nextElementSibling;
    after.parentNode.insertBefore(el, after.nextSibling);
  }
  function refocus(focus) {
    [].concat(focus || []).some(function (sel) {
      var t = document.querySelector(sel);
      if (t) t.focus();
      return !!t;
    });
  }

  WP.figures = { page: page, bind: bind, decorate: decorate, state: state, panel: panel, refresh: refresh, meta: meta, panelId: panelId };
})();
