/* 计划页面:勾选、填写、进度、自动保存,以及工具栏(复制、下载、重置)和“复制本节链接”。
 *
 * The toolbars, the toast and the progress lines are in the page already (macros/templates/tools.j2);
 * this script only attaches behaviour. Saving: store.js. Copy and download: plan-export.js, loaded
 * when a toolbar is first approached. Without JavaScript the page is a complete, readable template.
 */
(function () {
  "use strict";
  var WP = window.WP;

  function each(list, fn) { Array.prototype.forEach.call(list, fn); }

  /* ---------- fill-in fields ---------- */
  // A placeholder span becomes an input of the same size in the same place (the stylesheet gives
  // both the same box), labelled with the field's name and unit.
  function makeInput(span, width) {
    var d = span.dataset, ph = span.textContent.trim();
    var input = document.createElement("input");
    input.type = "text";
    input.className = "wp-input";
    input.dataset.field = d.field;
    input.placeholder = ph;
    input.autocomplete = "off";
    input.spellcheck = false;
    input.setAttribute("aria-label", (d.label || ph) + (d.unit ? "(单位:" + d.unit + ")" : ""));
    if (d.kind === "number") input.inputMode = "decimal";
    input.dataset.width = String(width);
    input.style.width = width + "px";
    span.replaceWith(input);
    return input;
  }
  // Never narrower than the placeholder was; wider as the value grows (CJK characters count two).
  function fit(input) {
    var s = input.value, w = 0;
    for (var i = 0; i < s.length; i++) w += s.charCodeAt(i) > 0x2e80 ? 2 : 1;
    input.style.width = s ? "max(" + input.dataset.width + "px, " + Math.min(w + 1, 40) + "ch + .4em)" : input.dataset.width + "px";
  }

  /* ---------- progress ---------- */
  // Boxes in the section a heading opens: up to the next heading of the same or a higher level.
  function boxesUnder(h) {
    var level = +h.tagName[1], boxes = [];
    for (var n = h.nextElementSibling; n; n = n.nextElementSibling) {
      var m = /^H([1-6])$/.exec(n.tagName);
      if (m && +m[1] <= level) break;
      each(n.querySelectorAll("input.wp-check"), function (b) { boxes.push(b); });
    }
    return boxes;
  }
  // the whole plan's progress line, then each section's that has a toolbar
  function meters(p) {
    var all = [{ text: p.planTools.querySelector(".wp-progress-text"), bar: p.planTools.querySelector("progress"), boxes: p.checks }];
    each(p.article.querySelectorAll(".wp-tools--section[data-section]"), function (tools) {
      var h = document.getElementById(tools.dataset.section), text = tools.querySelector(".wp-progress-text");
      if (h && text) all.push({ text: text, boxes: boxesUnder(h), heading: h });
    });
    return all;
  }

  /* progress, read out once the ticking pauses (one polite message, not one per box) */
  function updateProgress(p, changed) {
    var said = [];
    p.meters.forEach(function (m) {
      var done = m.boxes.filter(function (b) { return b.checked; }).length;
      var text = "已完成 " + done + "/" + m.boxes.length;
      if (m.text.textContent !== text) {
        m.text.textContent = text;
        if (changed && (!m.heading || m.boxes.indexOf(changed) >= 0)) {
          said.push((m.heading ? "“" + m.heading.textContent.trim() + "”" : "整篇计划") + text);
        }
      }
      if (m.text.parentNode.classList.contains("wp-progress--done") !== (done === m.boxes.length)) {
        m.text.parentNode.classList.toggle("wp-progress--done", done === m.boxes.length);
      }
      if (m.bar && m.bar.value !== done) m.bar.value = done;
    });
    if (said.length) {
      clearTimeout(p.announceTimer);
      p.announceTimer = setTimeout(function () { p.live.textContent = said.reverse().join(";"); }, 800);
    }
  }

  /* ---------- state: the page is the truth for this visit; storage keeps it for the next one ---------- */
  function say(p, message) {
    p.toast.textContent = message;
    clearTimeout(p.toastTimer);
    p.toastTimer = setTimeout(function () { p.toast.textContent = ""; }, 4000);
  }
  function warn(p, kind) {
    if (kind === p.warned) return;  // the notice is shown (and read out) once, not on every change
    p.warned = kind;
    p.warning.textContent = kind ? WP.store.MSG[kind] : "";
    p.warning.hidden = !kind;
  }
  // A box answers for its measure (the id of its list item) and the measure's former ids (aliases).
  function idOf(b) { return b.parentNode.id; }
  function idsOf(b) {
    var ids = [idOf(b)];
    each(b.parentNode.querySelectorAll(":scope > .wp-alias[id]"), function (a) { ids.push(a.id); });
    return ids;
  }
  // The page's ticks and values over what is saved: ids this page does not show (a measure the
  // template dropped, still in 我的计划) keep their state; a renamed measure is saved under its
  // current id only. Read afresh, so another tab's changes to other measures are kept too.
  function collect(p) {
    var saved = p.store.read(), state = { items: {}, fields: {}, track: {}, actual: {} };
    if (!saved.problem) state = saved;  // every group: follow-ups and figures travel with the ticks
    else if (p.held) state = { items: {}, fields: {}, track: WP.store.dict(p.held.track), actual: WP.store.dict(p.held.actual) };
    state.saved = new Date().toISOString();
    p.checks.forEach(function (b) {
      idsOf(b).forEach(function (id) { delete state.items[id]; });
      if (b.checked) state.items[idOf(b)] = true;
    });
    p.inputs.forEach(function (i) {
      delete state.fields[i.dataset.field];
      if (i.value.trim()) state.fields[i.dataset.field] = i.value;
    });
    return state;
  }
  // change(state): a change the page's boxes and inputs do not hold (a measure's follow-up, follow.js)
  function save(p, change) {
    var state = collect(p);
    if (change) change(state);
    p.held = state;  // what this visit holds when storage cannot be read
    var problem = p.store.write(state);
    if (problem) warn(p, problem);
    else {
      if (p.warned === "corrupt") warn(p, "");
      p.note.textContent = "已自动保存(" + new Date(state.saved).toLocaleTimeString("zh-CN") + ")。";
    }
  }
  function apply(p, data) {
    var items = data.items || {}, fields = data.fields || {};
    p.checks.forEach(function (b) {  // only what changes is written: an untouched page is not laid out again
      var on = idsOf(b).some(function (id) { return items[id] === true; });
      if (b.checked !== on) b.checked = on;
    });
    p.inputs.forEach(function (i) {
      var v = Object.prototype.hasOwnProperty.call(fields, i.dataset.field) ? fields[i.dataset.field] : "";
      if (i.value !== v) { i.value = v; fit(i); }
    });
    updateProgress(p, null);
    if (p.figs) p.figs.sync();  // 目标值 / 实际值 panels and their 完成率
    followUps(p, data);
  }
  // Saved ticks and values this page has no box or input for (the template deleted the measure or
  // the field): listed by plan-gone.js, fetched only when there are some, so nothing typed is hidden.
  function leftOver(p, data) {
    var shown = { items: Object.create(null), fields: Object.create(null) }, items = data.items || {}, vals = data.fields || {};
    p.checks.forEach(function (b) { idsOf(b).forEach(function (id) { shown.items[id] = true; }); });
    p.inputs.forEach(function (i) { shown.fields[i.dataset.field] = true; });
    var any = Object.keys(items).some(function (id) { return items[id] === true && !shown.items[id]; }) ||
      Object.keys(vals).some(function (id) { return !shown.fields[id] && String(vals[id]).trim() !== ""; });
    if (!any && !p.gone) return;
    WP.load(["plan-gone"]).then(function () {
      p.gone = p.gone || WP.planGone({ planTools: p.planTools, store: p.store, planId: p.planId, say: say.bind(null, p) });
      p.gone.show(p.store.read(), shown);
    }, function () { say(p, "有模板中已删除的勾选或填写,但无法加载显示它们的脚本。"); });
  }
  function restore(p, data) {
    if (data.problem) warn(p, data.problem);
    if (!data.problem && p.figures && Object.keys(data.actual || {}).length) p.figures();
    apply(p, data);
    if (!data.problem) leftOver(p, data);
    if (data.saved && !isNaN(Date.parse(data.saved))) {
      p.note.textContent = "已恢复上次保存的进度(" + new Date(data.saved).toLocaleString("zh-CN") + ")。";
    }
  }
  // 重置本计划: at once, no question; 撤销 (undo.js) puts every tick and value back exactly. undo.js
  // is fetched first: without it nothing is cleared. Nothing to clear: nothing happens, so a key
  // pressed again cannot replace the 撤销 of the first reset.
  function reset(p) {
    if (p.resetting) return;
    p.resetting = true;
    WP.load(["undo"]).then(function () {
      p.resetting = false;
      var was = collect(p);
      if (!["items", "fields", "track", "actual"].some(function (g) { return Object.keys(was[g] || {}).length; })) {
        return say(p, "本计划没有可清除的勾选和填写。");
      }
      p.store.clear();
      p.held = null;
      apply(p, {});
      if (p.warned === "corrupt") warn(p, "");
      p.note.textContent = "已清除本计划的进度。";
      WP.undo.page().offer("已清除“" + p.title + "”的全部勾选和填写。", function () {
        var problem = p.store.write(was);
        p.held = was;
        apply(p, was);
        if (problem) warn(p, problem); else p.note.textContent = "已恢复清除前的勾选和填写。";
      });
    }, function (err) { p.resetting = false; say(p, "无法重置(" + err.message + "),勾选和填写没有改动。"); });
  }

  /* ---------- the toolbars ---------- */
  // copy and download: plan-export.js with the export modules, fetched when a toolbar is first
  // approached (so a click finds them ready), or by the first click
  function toolbars(p) {
    var exports = WP.once(function () {
      return WP.load(["plan-export"]).then(function () {  // with data, plandoc, export, share
        return WP.planExport({ planId: p.planId, title: p.title, collect: collect.bind(null, p), say: say.bind(null, p) });
      });
    });
    p.article.addEventListener("click", function (e) {
      var b = e.target.closest(".wp-tools button[data-act]");
      if (!b) return;
      if (b.dataset.act === "reset") return reset(p);
      exports().then(function (x) { x.run(b); }, function (err) { say(p, "导出失败:" + err.message + "。"); });
    });
    WP.soon(p.article, ".wp-tools", function () {
      WP.load(["undo"]).catch(function () { /* fetched again when 重置本计划 is pressed */ });
      return exports();
    });

    /* a section's link: its published deep link, the page address with the section's id */
    p.article.addEventListener("click", function (e) {
      var b = e.target.closest("button.wp-link");
      var h = b && b.closest("[id]");
      if (!h) return;
      var url = location.href.split("#")[0] + "#" + encodeURIComponent(h.id);
      var manual = "复制失败:请手动复制地址 " + url;
      WP.load(["share"]).then(function () { return WP.share.copy(url); }).then(function (ok) {
        say(p, ok ? "已复制“" + h.textContent.trim() + "”的链接。" : manual);
      }, function () { say(p, manual); });
    });
  }

  /* ---------- 目标值 / 实际值 of number fields ---------- */
  // The control after a number field (#wp-fig-control, macros/core/templates/tools.j2), also drawn
  // by 我的计划 (mine-render.js). f: {id, label, unit}.
  WP.figureControl = function (planId, f) {
    var tpl = document.getElementById("wp-fig-control");
    if (!tpl) return null;
    var ctl = tpl.content.firstElementChild.cloneNode(true), b = ctl.querySelector(".wp-fig-toggle");
    b.dataset.plan = planId;
    b.dataset.field = f.id;
    b.dataset.label = f.label || f.id;
    b.dataset.unit = f.unit || "";
    b.setAttribute("aria-label", "实际值:" + (f.label || f.id));
    return ctl;
  };
  // the control after the field's unit when the words go on with it (“500 万元 ⋯ 实际值”)
  function after(input, unit, ctl) {
    var at = input.nextSibling;
    if (unit && at && at.nodeType === 3 && at.nodeValue.replace(/^\s+/, "").indexOf(unit) === 0) {
      at = at.splitText(at.nodeValue.indexOf(unit) + unit.length);
    }
    input.parentNode.insertBefore(ctl, at);
  }
  // figures.js (with chart.js) comes when the record has 实际值 to show, or when a control is first
  // approached; a press that comes before it is held and given to it, so none is lost.
  function figures(p, spans) {
    spans.forEach(function (span, i) {
      var d = span.dataset, ctl = d.kind === "number" && WP.figureControl(p.planId, { id: d.field, label: d.label, unit: d.unit });
      if (ctl) after(p.inputs[i], d.unit, ctl);
    });
    if (!p.article.querySelector(".wp-fig-ctl")) return;
    p.figures = WP.firstUse(p.article, ".wp-fig-toggle", ["figures"], function () {
      p.figs = p.figs || WP.figures.page({ article: p.article, planId: p.planId, store: p.store, say: say.bind(null, p) });
    }, function (err) { say(p, "无法显示实际值:" + err.message + "。"); });
  }

  /* ---------- 状态, 截止日期, 负责人, 备注 of each measure ---------- */
  // follow.js (with tracking.js): fetched when the record holds follow-ups to show, or when a
  // ⋯ 状态 button is first approached; a press that comes before it is held and done then
  function followUps(p, data) {
    if (p.follow) return p.follow.show(data.items ? data : collect(p));
    if (p.followLoad && data.track && Object.keys(data.track).length) p.followLoad();
  }
  function follow(p) {
    p.followLoad = WP.firstUse(p.article, "button.wp-follow", ["follow"], function () {
      p.follow = WP.follow.plan({
        article: p.article, read: collect.bind(null, p),
        save: function (change, box) { if (box) updateProgress(p, box); save(p, change); }
      });
      p.follow.show(collect(p));
    }, function (err) { say(p, err.message + "。"); });
  }

  /* ---------- the page ---------- */
  function init() {
    var head = document.querySelector(".wp-plan-head[data-plan]");
    var article = head && head.closest("article");
    if (!article || article.dataset.wpReady) return;
    article.dataset.wpReady = "1";
    // all widths first, then all replacements: one layout for the page, not one per field
    var spans = Array.prototype.slice.call(article.querySelectorAll("span.wp-field[data-field]"));
    var widths = spans.map(function (span) { return span.getBoundingClientRect().width; });
    var planTools = head.querySelector(".wp-tools--plan");
    var p = {
      article: article, planId: head.dataset.plan, title: head.dataset.title, planTools: planTools,
      store: WP.store.open(head.dataset.plan),
      checks: Array.prototype.slice.call(article.querySelectorAll(".wp-item > input.wp-check")),
      inputs: spans.map(function (span, i) { return makeInput(span, widths[i]); }),
      note: planTools.querySelector(".wp-note"), warning: planTools.querySelector(".wp-warning"),
      toast: document.querySelector(".wp-toast"), live: document.querySelector(".wp-live"),
      warned: ""
    };
    p.meters = meters(p);
    toolbars(p);
    figures(p, spans);
    follow(p);
    article.addEventListener("change", function (e) {
      if (!e.target.matches("input.wp-check")) return;
      updateProgress(p, e.target);
      save(p);
      if (p.follow) p.follow.show(collect(p));
    });
    article.addEventListener("input", function (e) {
      if (e.target.matches("input.wp-input")) { fit(e.target); save(p); }
    });
    p.store.watch(restore.bind(null, p));
    restore(p, p.store.read());
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
