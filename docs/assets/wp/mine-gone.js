/* 我的计划页面上模板中已删除的内容:模板删掉的下级措施和填空,连同勾选和填写的值一直显示(标明“模板中已删除”),
 * 直到本人按“移除”;移除后可以撤销 (undo.js)。
 *
 *   WP.minePage.gone(page)   page: {session, view, undo}
 *
 * Removing a value deletes it from the plan's record (the plan page shows the same record); removing
 * a sub-measure takes it out of what the pick remembers (mine-state.js) and clears its tick.
 * 撤销 puts both back. The rows are drawn by mine-render.js.
 */
(function () {
  "use strict";
  var WP = window.WP;
  var P = WP.minePage = WP.minePage || {};

  function short(words) { return words.length > 30 ? words.slice(0, 30) + "…" : words; }
  function again(page, plan, id) {
    var parts = page.session.state.parts, at = parts.map(function (p) { return p.plan; }).indexOf(plan);
    var part = at >= 0 ? ".wp-part[data-key='" + parts[at].key + "'] [data-part=rename]" : "#mine-parts";
    page.view.render([".wp-gone[data-id='" + id + "'] [data-gone]", part]);
  }

  function removeValue(page, plan, id, words) {
    var s = page.session, value = s.record(plan).fields[id];
    delete s.records[plan].fields[id];
    s.savePlan(plan);
    page.view.render();
    page.undo.offer("已移除模板中已删除的填写“" + short(words) + "”。", function () {
      s.record(plan).fields[id] = value;
      s.savePlan(plan);
      again(page, plan, id);
    });
  }

  function removeSub(page, part, pick, id) {
    var s = page.session, list = pick.sub || [], at = list.map(function (c) { return c.id; }).indexOf(id);
    if (at < 0) return;
    var sub = list[at], was = s.record(part.plan).items[id] === true;
    list.splice(at, 1);
    delete s.records[part.plan].items[id];
    s.save();
    s.savePlan(part.plan);
    page.view.render();
    page.undo.offer("已移除模板中已删除的措施“" + short(sub.text) + "”。", function () {
      list.splice(Math.min(at, list.length), 0, sub);
      pick.sub = list;
      if (was) s.record(part.plan).items[id] = true;
      s.save();
      s.savePlan(part.plan);
      again(page, part.plan, id);
    });
  }

  function remove(page, row) {
    var s = page.session, key = row.closest(".wp-part").dataset.key;
    var part = s.state.parts.filter(function (p) { return p.key === key; })[0];
    var entry = WP.minedoc.entries(part, s.plans).entries[+row.closest(".wp-entry").dataset.entry];
    if (!part || !entry || !entry.pick) return;
    if (row.dataset.gone === "field") removeValue(page, part.plan, row.dataset.id, row.querySelector(".wp-gone-words").textContent);
    else removeSub(page, part, entry.pick, row.dataset.id);
  }

  P.gone = function (page) {
    page.view.list.addEventListener("click", function (e) {
      var b = e.target.closest("button[data-gone]");
      if (b) remove(page, b.closest(".wp-gone"));
    });
  };
})();
