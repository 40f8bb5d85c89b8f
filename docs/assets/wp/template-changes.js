/* 模板改动之后,我的计划中一节还没处理的改动:新增的措施、改写的措施、删除的措施,以及“采用 / 不采用”各自做什么。
 *
 *   WP.templateChanges.pending(part, data, parts) -> {date, list: [change]}
 *     change: {kind: "added", id, node, words, date, moved}   a measure the template put in this
 *               section after the part's `seen` day (change log entries "added", or "moved" into it),
 *               not in 我的计划 and not left (不加入)
 *             {kind: "reworded", id, pick, old, now, date}   a picked measure whose words when picked
 *               (pick.text) differ from the template's words now, with or without a change log entry
 *             {kind: "removed", id, pick, date}              a picked measure the template no longer
 *               has (shown 模板中已删除 by minedoc.js), not left (保留)
 *     date: the newest change log day among them ("" when none of them is in the change log)
 *   WP.templateChanges.take(part, change, data, state) / leave(part, change) / replace(part, change)
 *     加入 / 采用新措辞 / 移除; 不加入 / 保留原措辞 / 保留; 改用新措辞 in place of the person's wording
 *   WP.templateChanges.settle(part, data, parts) -> changed?   nothing left to decide: `seen` moves
 *     to the newest change log day and the 不加入 marks it covers go
 *
 * A part saved before parts had `seen` is taken as picked against the plan's first (oldest) change
 * log entry, the one every plan was first published with: measures added by later entries are
 * offered. Rewordings are found by comparing words, so none is missed for want of a date. Ticks,
 * values and follow-ups live in the plan's record and are not touched here; 采用新措辞 updates the
 * remembered words and never an adapted wording (`edit`): only replace() does that.
 */
(function () {
  "use strict";
  var WP = window.WP;
  var dict = WP.store.dict;

  function log(data) { return Array.isArray(data.changelog) ? data.changelog : []; }
  function newest(data) { var l = log(data); return l.length ? l[0].date : ""; }
  // the day the part caught up with: its own, or the plan's first entry for a part saved before
  function since(part, data) {
    var l = log(data);
    return part.seen || (l.length ? l[l.length - 1].date : "");
  }
  // the newest change log day naming one of ids with this kind
  function dateOf(data, kinds, ids) {
    var l = log(data);
    for (var i = 0; i < l.length; i++) {
      for (var j = 0; j < l[i].changes.length; j++) {
        var c = l[i].changes[j];
        if (kinds.indexOf(c.kind) >= 0 && ids.indexOf(c.id) >= 0) return l[i].date;
      }
    }
    return "";
  }
  function held(parts, plan) {
    var out = dict();
    parts.forEach(function (p) {
      if (p.plan === plan) p.items.forEach(function (it) { out[it.id] = true; });
    });
    return out;
  }

  // measures the template added to this section after the part's day, that the person has not
  function added(part, data, parts) {
    var section = WP.plandoc.find(data, part.section), day = since(part, data), have = held(parts, part.plan);
    var out = [], seen = dict(), left = part.left || {};
    if (!section || !day) return out;
    log(data).forEach(function (entry) {
      if (!(entry.date > day)) return;
      entry.changes.forEach(function (c) {
        if (c.kind !== "added" && c.kind !== "moved") return;
        var hit = WP.plandoc.findItem(data, c.id), node = hit && hit.item;
        if (!node || hit.section.id !== section.id || seen[node.id] || left[node.id] === "added") return;
        if ([node.id].concat(node.aliases || []).some(function (id) { return have[id]; })) return;
        seen[node.id] = true;
        out.push({ kind: "added", id: node.id, node: node, words: WP.mine.plainText(node, data.fields),
                   date: entry.date, moved: c.kind === "moved" });
      });
    });
    var rank = dict();
    (section.measures ? section.measures.items : []).forEach(function (n, i) { rank[n.id] = i; });
    return out.sort(function (a, b) { return rank[a.id] - rank[b.id]; });
  }

  // picked measures whose template words changed, and those the template deleted
  function picked(part, data) {
    var out = [], left = part.left || {};
    part.items.forEach(function (it) {
      var hit = WP.plandoc.findItem(data, it.id);
      if (!hit) {
        if (left[it.id] !== "removed") out.push({ kind: "removed", id: it.id, pick: it, date: dateOf(data, ["removed"], [it.id]) });
        return;
      }
      var now = WP.mine.plainText(hit.item, data.fields);
      if (it.text === "" || it.text === now) return;  // "": a format 1 record kept no words
      out.push({ kind: "reworded", id: it.id, pick: it, old: it.text, now: now,
                 date: dateOf(data, ["reworded"], [it.id].concat(hit.item.aliases || [])) });
    });
    return out;
  }

  function pending(part, data, parts) {
    if (!part.plan || !data) return { date: "", list: [] };
    var list = added(part, data, parts).concat(picked(part, data));
    var date = list.reduce(function (d, c) { return c.date > d ? c.date : d; }, "");
    return { date: date, list: list };
  }

  function mark(part, id, kind) {
    part.left = part.left || dict();
    part.left[id] = kind;
  }
  function take(part, change, data, state) {
    if (change.kind === "added") WP.mine.add(state, data, WP.plandoc.find(data, part.section), [change.id]);
    else if (change.kind === "reworded") change.pick.text = change.now;
    else part.items = part.items.filter(function (it) { return it !== change.pick; });
  }
  function leave(part, change) {
    if (change.kind === "reworded") {
      if (change.pick.edit === undefined) change.pick.edit = change.old;  // the old words become the person's own
      change.pick.text = change.now;
    } else mark(part, change.id, change.kind);
  }
  function replace(part, change) {
    change.pick.text = change.now;
    delete change.pick.edit;
  }

  function settle(part, data, parts) {
    var day = data ? newest(data) : "";
    if (!day || pending(part, data, parts).list.length) return false;
    var left = part.left || {}, keep = Object.keys(left).filter(function (id) { return left[id] !== "added"; });
    var changed = part.seen !== day || keep.length !== Object.keys(left).length;
    part.seen = day;
    if (keep.length) {
      part.left = dict();
      keep.forEach(function (id) { part.left[id] = left[id]; });
    } else delete part.left;
    return changed;
  }

  WP.templateChanges = { pending: pending, take: take, leave: leave, replace: replace, settle: settle, newest: newest };
})();
