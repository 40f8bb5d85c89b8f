/* 我的计划 → 条目与导出文档。把保存的选择 (mine-state.js) 对照当前的计划数据解析成条目,
 * 页面 (mine-render.js) 和所有导出格式 (export.js, export-docx.js) 都从这里取内容。
 *
 *   WP.minedoc.entries(part, plans)  -> {heading, source, entries: [{kind: "picked"|"deleted"|"own", …}]}
 *   WP.minedoc.doc(state, plans, records)  -> Doc (see export.js)
 *   WP.minedoc.goneValues(e, record)  -> [{id, label, value, unit}]: values of deleted fields
 * plans: plan id -> published plan data (null when it could not be loaded); records: plan id -> the
 * plan's saved ticks and values (store.js). A measure renamed in the template (aliases) is found
 * under its new id; one that is gone is kept with the words it had when picked. Each entry has
 * its remark (`note`: 模板中已删除, 已移至“…”, 已改写…) and what of it the template deleted (`gone`:
 * fields and sub-measures, reconcile.js), shown with the person's values, marked 模板中已删除, on
 * the page and in every export, until the person removes them.
 */
(function () {
  "use strict";
  var WP = window.WP;

  function entries(part, plans) {
    var data = part.plan ? plans[part.plan] : null;
    var section = data ? WP.plandoc.find(data, part.section) : null;
    var out = part.items.map(function (it) {
      var hit = data ? WP.plandoc.findItem(data, it.id) : null;
      // "unloaded": the plan's data could not be read (gone from the library, or a damaged copy)
      var e = hit ? { kind: "picked", id: hit.item.id, saved: it.id, node: hit.item, edit: it.edit, pick: it,
                      moved: WP.reconcile.moved(part, hit) }
        : { kind: data ? "deleted" : "unloaded", id: it.id, saved: it.id, text: it.text, edit: it.edit, pick: it };
      e.gone = data ? WP.reconcile.gone(it, hit ? hit.item : null, data) : { fields: [], sub: [] };
      e.note = remark(e);
      return e;
    }).concat(part.own.map(function (o) { return { kind: "own", key: o.key, text: o.text, done: o.done, own: o, note: NOTE.own }; }));
    return {
      heading: part.title || (section ? section.heading : part.heading) || "未命名章节",
      template: section ? section.heading : part.heading,
      source: part.plan ? {
        plan: data ? data.page_title : part.plan,
        section: section ? section.heading : part.heading,
        href: data ? WP.data.root + data.url + "#" + (section ? section.id : part.section) : "",
        missing: !data ? "plan" : !section ? "section" : ""
      } : null,
      entries: out
    };
  }

  // the small remark after a measure, the same on the page and in every export
  var NOTE = { deleted: "模板中已删除", unloaded: "模板数据无法读取", own: "自定义", edited: "已改写", target: "目标" };
  function remark(e) {
    if (e.kind !== "picked") return NOTE[e.kind];
    var out = e.node.target ? [NOTE.target] : [];
    if (e.moved) out.push("已移至“" + e.moved + "”");
    if (e.edit !== undefined) out.push(NOTE.edited);
    return out.join(" · ");
  }

  // the values the person filled in for fields the template deleted (empty ones are not shown)
  function goneValues(e, record) {
    var fields = (record && record.fields) || {};
    return (e.gone ? e.gone.fields : []).filter(function (f) {
      return Object.prototype.hasOwnProperty.call(fields, f.id) && String(fields[f.id]).trim() !== "";
    }).map(function (f) { return { id: f.id, label: f.label, value: String(fields[f.id]), unit: f.unit }; });
  }
  function ticked(record, id) { return !!(record && record.items && Object.prototype.hasOwnProperty.call(record.items, id) && record.items[id] === true); }
  // in exports: deleted sub-measures as items, deleted fields' values after the words, each marked
  function withGone(item, e, record) {
    (e.gone ? e.gone.sub : []).forEach(function (c) {
      item.items.push({ checked: ticked(record, c.id), runs: [{ text: c.text }], items: [], note: NOTE.deleted });
    });
    goneValues(e, record).forEach(function (v) {
      item.runs = item.runs.concat([{ text: "(" + v.label + ":" + v.value + v.unit + "," + NOTE.deleted + ")" }]);
    });
    return item;
  }

  // a picked target: marked 目标, with each number field's latest 实际值 and 完成率 (tracking.js, which
  // 我的计划 fetches with figures.js as soon as a plan it uses holds 实际值)
  function targetNote(node, data, record) {
    var T = WP.tracking, out = [NOTE.target];
    (node.runs || []).forEach(function (r) {
      var f = T && r.field && (data.fields || []).filter(function (x) { return x.id === r.field; })[0];
      var list = f && f.kind === "number" ? T.actuals(record, f.id) : [], last = list[list.length - 1];
      if (last) {
        out.push(f.label + " " + last.day + " 实际值 " + last.value + (f.unit || "") + ",完成率 " +
                 T.percent(T.rate(T.target(record, f.id), last.value)));
      }
    });
    return out.join(";");
  }
  function docItem(e, plans, part, records) {
    var record = (part.plan && Object.prototype.hasOwnProperty.call(records, part.plan) && records[part.plan]) || {};
    if (e.kind === "own") return { checked: e.done, runs: [{ text: e.text }], items: [], note: NOTE.own };
    if (e.kind === "deleted" || e.kind === "unloaded") {
      return withGone({ checked: ticked(record, e.saved), runs: [{ text: e.edit !== undefined ? e.edit : e.text }],
                        items: [], note: e.note }, e, record);
    }
    var item = WP.plandoc.item(e.node, plans[part.plan], record);
    if (e.node.target) item.note = targetNote(e.node, plans[part.plan], record);
    if (e.edit !== undefined) { item.lead = ""; item.runs = [{ text: e.edit }]; }
    return withGone(item, e, record);
  }

  function doc(state, plans, records) {
    var h = state.header, blocks = [];
    state.parts.forEach(function (part) {
      var r = entries(part, plans);
      blocks.push({ kind: "heading", level: 2, text: r.heading });
      if (r.source) {
        blocks.push({ kind: "note", text: "来自:" + r.source.plan + " · " + r.source.section +
          (r.source.missing === "plan" ? "(模板数据无法读取)" : r.source.missing === "section" ? "(模板中已删除)" : ""),
          href: r.source.href });
      }
      blocks.push({ kind: "checklist", ordered: true, items: r.entries.map(function (e) { return docItem(e, plans, part, records); }) });
    });
    var period = h.from || h.to ? (h.from || "____") + " 至 " + (h.to || "____") : "";
    return {
      title: h.name ? h.name + "的工作计划" : "我的工作计划",
      header: [["姓名", h.name], ["部门/网点", h.unit], ["岗位", h.role], ["计划周期", period], ["制定日期", h.date]],
      blocks: blocks,
      signature: true
    };
  }

  WP.minedoc = { entries: entries, doc: doc, goneValues: goneValues, NOTE: NOTE };
})();
