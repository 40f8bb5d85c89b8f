/* 计划页上“模板中已删除的内容”:本计划保存的勾选和填写中,模板已经没有的那些(措施或填空被删除),
 * 列在整篇计划的工具栏下,每项可以“移除”,移除后在原处可以“撤销”。这样模板改动后,本人填写过的内容不会悄悄消失。
 *
 *   var g = WP.planGone({planTools, store, planId, say});  g.show(saved, shown)
 *   saved: the plan's record as read (store.js); shown: {items, fields}: maps of the ids this page
 *   has a box or an input for (worksheet.js, which fetches this module only when something is left over)
 *
 * Names come from 我的计划 when the measure was picked there (its words, its fields' names,
 * mine-state.js); otherwise the saved id is shown. Removing writes the plan's record (store.js).
 */
(function () {
  "use strict";
  var WP = window.WP;
  var dict = WP.store.dict;

  function clone(id) { return document.getElementById(id).content.firstElementChild.cloneNode(true); }

  // id -> words (measures) and id -> {label, unit} (fields), from what 我的计划 remembers of this plan
  function names(planId) {
    var out = { items: dict(), fields: dict() };
    var state = WP.mine ? WP.mine.open().read().state : { parts: [] };
    state.parts.forEach(function (part) {
      if (part.plan !== planId) return;
      part.items.forEach(function (it) {
        out.items[it.id] = it.text;
        (it.sub || []).forEach(function (c) { out.items[c.id] = c.text; });
        (it.fields || []).forEach(function (f) { out.fields[f.id] = f; });
      });
    });
    return out;
  }

  // [{kind: "item"|"field", id, value, words}] saved here, not on the page
  function leftOver(saved, shown, planId) {
    var out = [], known = null, items = saved.items || dict(), fields = saved.fields || dict();
    function name() { return known || (known = names(planId)); }
    Object.keys(items).sort().forEach(function (id) {
      if (items[id] !== true || shown.items[id]) return;
      var w = name().items[id];
      out.push({ kind: "item", id: id, value: true, words: "已勾选的措施:" + (w !== undefined ? w : "编号 " + id) });
    });
    Object.keys(fields).sort().forEach(function (id) {
      if (shown.fields[id] || !String(fields[id]).trim()) return;
      var f = name().fields[id];
      out.push({ kind: "field", id: id, value: fields[id], words: (f ? f.label : "填空(编号 " + id + ")") + ":" + fields[id] + (f ? f.unit : "") });
    });
    return out;
  }

  WP.planGone = function (o) {
    var box = o.planTools.querySelector(".wp-leftover"), list = box.querySelector(".wp-leftover-list");
    var undone = [], last = null;

    // writes one value (undefined removes it) into the plan's record as stored now
    function put(row, value) {
      var data = o.store.read();
      if (data.problem) { o.say("无法读取保存的进度,没有改动。"); return false; }
      var group = row.kind === "item" ? data.items : data.fields;
      if (value === undefined) delete group[row.id]; else group[row.id] = value;
      var problem = o.store.write(data);
      if (problem) o.say(WP.store.MSG[problem]);
      return !problem;
    }
    function rowFor(r, removed) {
      var li = clone(removed ? "wp-leftover-undone" : "wp-leftover-row");
      li.querySelector(".wp-leftover-words").textContent = removed ? "已移除“" + r.words + "”。" : r.words;
      li.dataset.key = r.kind + ":" + r.id;
      li.querySelector("button").addEventListener("click", function () {
        if (!put(r, removed ? r.value : undefined)) return;
        if (removed) undone = undone.filter(function (u) { return u !== r; }); else undone.push(r);
        show(o.store.read(), last.shown, r.kind + ":" + r.id);
        o.say(removed ? "已撤销。" : "已移除。可以按“撤销”放回。");
      });
      return li;
    }
    // focusKey: the row whose button gets the keyboard (else the one that had it, if still there)
    function show(saved, shown, focusKey) {
      var had = list.contains(document.activeElement) ? document.activeElement.closest("li").dataset.key : "";
      last = { shown: shown };
      var rows = saved.problem ? [] : leftOver(saved, shown, o.planId);
      list.textContent = "";
      rows.forEach(function (r) { list.appendChild(rowFor(r, false)); });
      undone.forEach(function (r) { list.appendChild(rowFor(r, true)); });
      box.hidden = !list.children.length;
      var key = focusKey || had, target = key && list.querySelector("li[data-key='" + key + "'] button");
      if (target) target.focus();
      else if (had || focusKey) (list.querySelector("button") || o.planTools.querySelector("button")).focus();
    }
    return { show: show };
  };
})();
