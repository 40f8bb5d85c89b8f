/* 工作总结 → 导出文档:把“我的计划此刻的进展”(summary.js,或一次回顾保存的那一份)写成导出用的 Doc
 * (export.js),由 export-docx.js 写成 Word,与计划本身的 Word 文件是同一套代码。
 *
 *   WP.summarydoc.doc(summary) -> Doc
 *
 * summary: WP.summary.now(…) or a review's (WP.reviews.summary(key)), which also has
 * .text = {done, problems, next} and .review = {key, day}. The document: the header block (姓名,
 * 部门/网点, 岗位, 计划周期, 总结日期), 一、工作完成情况 (the counts, then each part's measures,
 * 已完成 ones ticked, every one with its status, 截止日期, 负责人, 备注), 二、目标完成情况 (a table:
 * 目标值 / 实际值 / 完成率 of every number field of every plan used), 三、已逾期事项, 四、已搁置事项,
 * 五、本期完成情况 / 存在问题 / 下一步打算 (the review's text, or lines to fill in by hand), and the
 * signature lines 本人签字 / 日期 and 负责人签字 / 日期.
 */
(function () {
  "use strict";
  var WP = window.WP;
  var T = WP.tracking;
  var LINE = new Array(73).join("_");
  var EMPTY = "无。";

  function number(v) { return v === null || v === undefined ? "" : String(v); }
  function label(m) { return m.text || "(未写内容)"; }
  function where(part) { return part.planTitle ? part.planTitle + " · " + part.title : part.title; }

  // [已完成 · ]截止日期 2027-03-31(已逾期) · 负责人 张三 · 备注 …
  function facts(m, status) {
    var out = status ? [T.NAMES[m.status]] : [];
    if (m.due) out.push("截止日期 " + m.due + (m.overdue ? "(已逾期)" : ""));
    if (m.owner) out.push("负责人 " + m.owner);
    if (m.note) out.push("备注 " + m.note);
    if (m.remark) out.push(m.remark);
    return out.join(" · ");
  }

  function partBlocks(part) {
    var out = [{ kind: "heading", level: 3, text: part.title }];
    if (part.planTitle) out.push({ kind: "note", text: "来自:" + part.planTitle });
    if (!part.measures.length) return out.concat([{ kind: "para", runs: [{ text: "(本节没有措施)" }] }]);
    out.push({ kind: "checklist", ordered: true, items: part.measures.map(function (m) {
      return { checked: m.status === "done", items: [], note: facts(m, false) || undefined,
               runs: [{ text: "【" + T.NAMES[m.status] + (m.overdue ? " · 已逾期" : "") + "】", bold: true }, { text: label(m) }] };
    }) });
    return out;
  }

  function done(summary) {
    var c = WP.summary.count(summary);
    var out = [{ kind: "heading", level: 2, text: "一、工作完成情况" },
      { kind: "para", runs: [{ text: "共 " + c.total + " 项措施:已完成 " + c.done + " 项,进行中 " + c.doing +
        " 项,未开始 " + c.todo + " 项,已搁置 " + c.paused + " 项;其中已逾期 " + c.overdue + " 项。" }] }];
    summary.parts.forEach(function (part) { out = out.concat(partBlocks(part)); });
    return out;
  }

  function targets(summary) {
    var out = [{ kind: "heading", level: 2, text: "二、目标完成情况" }];
    if (!summary.targets.length) return out.concat([{ kind: "para", runs: [{ text: "所选计划中没有量化目标。" }] }]);
    out.push({ kind: "table", columns: ["来源模板", "目标", "单位", "目标值", "实际值", "日期", "完成率"],
      widths: [16, 24, 9, 11, 11, 17, 12],
      rows: summary.targets.map(function (t) {
        return [t.planTitle, t.label, t.unit, t.bad ? t.bad + "(不是数字)" : number(t.target), number(t.actual),
                t.actualDay, T.percent(t.rate)];
      }) });
    return out;
  }

  // 已逾期 or 已搁置 measures as a list: the measure, where it is from, its facts
  function listed(summary, title, pick) {
    var items = [];
    WP.summary.each(summary, function (m, part) {
      if (pick(m)) items.push([{ text: label(m), bold: true }, { text: "(" + where(part) + ";" + facts(m, true) + ")" }]);
    });
    return [{ kind: "heading", level: 2, text: title }].concat(items.length
      ? [{ kind: "list", ordered: true, items: items }] : [{ kind: "para", runs: [{ text: EMPTY }] }]);
  }

  // a review's text as paragraphs, or three lines to write on
  function written(title, text) {
    var lines = String(text || "").split(/\r?\n/).filter(function (l) { return l.trim(); });
    if (!lines.length) lines = [LINE, LINE, LINE];
    return [{ kind: "heading", level: 3, text: title }].concat(lines.map(function (l) {
      return { kind: "para", runs: [{ text: l }] };
    }));
  }

  function doc(summary) {
    var h = summary.header, text = summary.text || {};
    var day = summary.review ? summary.review.day : summary.day;
    var period = h.from || h.to ? (h.from || "____") + " 至 " + (h.to || "____") : "";
    return {
      title: h.name ? h.name + "的工作总结" : "工作总结",
      subtitle: summary.review ? "依据 " + summary.review.day + " 的回顾" : "截至 " + summary.day + " 的进度",
      header: [["姓名", h.name], ["部门/网点", h.unit], ["岗位", h.role], ["计划周期", period], ["总结日期", day]],
      blocks: done(summary).concat(targets(summary),
        listed(summary, "三、已逾期事项", function (m) { return m.overdue; }),
        listed(summary, "四、已搁置事项", function (m) { return m.status === "paused"; }),
        [{ kind: "heading", level: 2, text: "五、回顾与打算" }],
        written("本期完成情况", text.done), written("存在问题", text.problems), written("下一步打算", text.next)),
      signature: [["本人签字", "日期"], ["负责人签字", "日期"]]
    };
  }

  WP.summarydoc = { doc: doc };
})();
