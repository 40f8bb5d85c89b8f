/* 我的计划页面的数据:挑选的内容 (state)、各计划的勾选和填写 (records)、用到的计划数据 (plans),以及保存。
 *
 *   var s = WP.minePage.session({problem: fn(kind), saved: fn()})
 *   s.state, s.plans, s.records      read them through s each time: an import or another tab
 *                                    replaces them
 *   s.save()                         the selection, written through mine-state.js
 *   s.record(planId) / s.savePlan(planId)   a plan's ticks and values (store.js, shared with the
 *                                    plan pages), read afresh each time
 *   s.loadPlans(ids), s.usedPlans()  the published data of the plans the selection uses (data.js)
 *   s.reread()                       what storage holds now (another tab wrote)
 *   s.replace(state, records)        after an import
 *
 * Storage and state only: what is shown is mine-render.js's, what a person changes mine-edit.js's.
 * Problems (storage blocked or full, a damaged record) go to `problem`, a successful save to `saved`.
 */
(function () {
  "use strict";
  var WP = window.WP;
  WP.minePage = WP.minePage || {};

  WP.minePage.session = function (on) {
    var mine = WP.mine.open(), first = mine.read();
    var dict = WP.store.dict, planStores = dict();  // maps by plan id: an id may be "constructor"
    var s = { state: first.state, plans: dict(), records: dict(), problem: first.problem };

    s.save = function () {
      var problem = mine.write(s.state);
      if (problem) on.problem(problem); else on.saved();
    };
    // A plan's ticks and values, read afresh from storage (a plan page in another tab may have
    // changed them); the copy in memory stands in only where storage cannot be read.
    s.record = function (planId) {
      planStores[planId] = planStores[planId] || WP.store.open(planId);
      var data = planStores[planId].read();
      if (data.problem && data.problem !== "corrupt") on.problem(data.problem);
      if (!data.problem || !s.records[planId]) s.records[planId] = { items: data.items || {}, fields: data.fields || {} };
      return s.records[planId];
    };
    s.savePlan = function (planId) {
      var r = s.records[planId];
      r.saved = new Date().toISOString();
      var problem = planStores[planId].write(r);
      if (problem) on.problem(problem); else on.saved();
    };

    /* plan data: only the plans the selection uses */
    s.loadPlans = function (ids) {
      return Promise.all(ids.filter(function (id) { return id && !(id in s.plans); }).map(function (id) {
        return WP.data.loadPlan(id).then(function (d) {
          s.plans[id] = d;
          if (WP.reconcile.follow(s.state, d)) s.save();  // picks made before the template changed
        }, function () { s.plans[id] = null; });
      }));
    };
    s.usedPlans = function () {
      return s.state.parts.map(function (p) { return p.plan; })
        .filter(function (id, i, all) { return id && all.indexOf(id) === i; });
    };

    s.reread = function () {
      var again = mine.read();
      if (!again.problem) s.state = again.state;
    };
    s.replace = function (state, records) {
      s.state = state || mine.read().state;
      s.records = dict(records);
      s.plans = dict();
    };
    return s;
  };
})();
