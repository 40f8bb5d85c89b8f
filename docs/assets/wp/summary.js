/* 我的计划此刻的进展:每一部分的措施及其状态、截止日期、负责人、备注,以及每个目标的目标值、实际值、完成率。
 * 概览、回顾(保存的就是它)、工作总结、计划表和日程都读同一个对象,所以它们说的永远一致。
 *
 *   WP.summary.now(state, plans, records, today) -> summary
 *   WP.summary.count(summary)                    -> {todo, doing, done, paused, overdue, total}
 *   WP.summary.next(summary, n)                  -> the n nearest open deadlines [{measure, part}]
 *
 * summary = {
 *   day: "YYYY-MM-DD" (as of), header: {name, unit, role, from, to, date},
 *   parts: [{key, title, plan, planTitle, section,
 *            measures: [{id (plan measures) | key (one's own), plan, text, status, due, owner, note,
 *                        overdue, remark}]}],
 *   targets: [{plan, planTitle, section (the heading of the section that names it, or ""), id,
 *              label, unit, target (number|null), entries: [{day, value}],
 *              actual (latest, number|null), actualDay, rate (percent|null), bad (目标值 text that is
 *              not a number, else "")}]
 * }
 * state: 我的计划 (mine-state.js); plans: plan id -> published data (null when unreadable);
 * records: plan id -> the plan's record (store.js). Targets: every number field of every plan
 * 我的计划 draws from (the 工作总结 reports them all), in the plan's order.
 */
(function () {
  "use strict";
  var WP = window.WP;
  var T = WP.tracking;

  function has(o, k) { return !!o && Object.prototype.hasOwnProperty.call(o, k); }
  // the measure's words as shown: the adapted wording, or the template's with the values filled in
  function text(e, plans, record) {
    if (e.edit !== undefined) return e.edit;
    if (e.kind !== "picked") return e.text;
    var it = WP.plandoc.item(e.node, plans[e.plan], record);
    return (it.lead ? it.lead + (it.runs.length ? ":" : "") : "") + it.runs.map(function (r) {
      return r.field ? (r.value || r.field.placeholder) : r.text;
    }).join("");
  }
  function measure(e, part, plans, records, day) {
    var record = (part.plan && has(records, part.plan) && records[part.plan]) || { items: {}, track: {} };
    var status, follow, out;
    if (e.kind === "own") {
      status = T.ownStatus(e.own);
      follow = T.ownFollow(e.own);
      out = { key: e.key, plan: "" };
    } else {
      var ids = e.kind === "picked" ? [e.id].concat(e.node.aliases || []) : [e.saved];
      status = T.status(record, ids);
      follow = T.follow(record, ids);
      out = { id: e.id, plan: part.plan };
    }
    e.plan = part.plan;
    out.text = text(e, plans, record);
    out.status = status;
    out.due = follow.due;
    out.owner = follow.owner;
    out.note = follow.note;
    out.overdue = T.overdue(status, follow.due, day);
    out.remark = e.note || "";
    return out;
  }
  // the heading of the first section whose text names the field (where the plan page asks for it)
  function place(data, fieldId) {
    function names(runs) { return (runs || []).some(function (r) { return r.field === fieldId; }); }
    function says(s) {
      return (s.paragraphs || []).concat(s.targets || [], s.outro || []).some(function (p) { return names(p.runs); }) ||
        ((s.measures && s.measures.items) || []).some(function (it) { return names(it.runs); });
    }
    var found = "";
    (function walk(list) {
      (list || []).forEach(function (s) { if (!found && says(s)) found = s.heading; if (!found) walk(s.sections); });
    })(data.sections);
    return found;
  }
  function targets(plans, records, used) {
    var out = [];
    used.forEach(function (planId) {
      var data = plans[planId], record = (has(records, planId) && records[planId]) || { fields: {}, actual: {} };
      if (!data) return;
      (data.fields || []).forEach(function (f) {
        if (f.kind !== "number") return;
        var entries = T.actuals(record, f.id), last = entries.length ? entries[entries.length - 1] : null;
        var typed = has(record.fields, f.id) ? String(record.fields[f.id]).trim() : "";
        var target = T.target(record, f.id);
        out.push({ plan: planId, planTitle: data.page_title, section: place(data, f.id), id: f.id, label: f.label, unit: f.unit || "",
                   target: target, entries: entries, actual: last ? last.value : null, actualDay: last ? last.day : "",
                   rate: T.rate(target, last ? last.value : null), bad: typed && target === null ? typed : "" });
      });
    });
    return out;
  }

  function now(state, plans, records, day) {
    day = day || T.today();
    var used = [];
    var parts = state.parts.map(function (part) {
      if (part.plan && used.indexOf(part.plan) < 0) used.push(part.plan);
      var r = WP.minedoc.entries(part, plans), data = part.plan ? plans[part.plan] : null;
      return {
        key: part.key, title: r.heading, plan: part.plan, planTitle: data ? data.page_title : part.plan, section: part.section,
        measures: r.entries.filter(function (e) { return !(e.node && e.node.target); })  // a picked target: in targets
          .map(function (e) { return measure(e, part, plans, records, day); })
      };
    });
    var h = state.header;
    return { day: day, header: { name: h.name, unit: h.unit, role: h.role, from: h.from, to: h.to, date: h.date },
             parts: parts, targets: targets(plans, records, used) };
  }

  function each(summary, fn) {
    summary.parts.forEach(function (part) { part.measures.forEach(function (m) { fn(m, part); }); });
  }
  function count(summary) {
    var c = { todo: 0, doing: 0, done: 0, paused: 0, overdue: 0, total: 0 };
    each(summary, function (m) { c[m.status]++; c.total++; if (m.overdue) c.overdue++; });
    return c;
  }
  function next(summary, n) {
    var open = [];
    each(summary, function (m, part) {
      if (m.due && m.status !== "done" && m.status !== "paused") open.push({ measure: m, part: part });
    });
    open.sort(function (a, b) { return a.measure.due < b.measure.due ? -1 : a.measure.due > b.measure.due ? 1 : 0; });
    return open.slice(0, n);
  }

  WP.summary = { now: now, count: count, next: next, each: each };
})();
