/* 我的计划页面的数据:挑选的内容 (state)、各计划的勾选和填写 (records)、用到的计划数据 (plans),以及保存。
 *
 *   var s = WP.minePage.session({problem: fn(kind), saved: fn()})
 *   s.state, s.plans, s.records      read them through s each time: an import or another tab
 *                                    replaces them
 *   s.save(only)                     the selection, written through mine-state.js; only: the part
 *                                    keys the change touched, and "mine" for header and order
 *   s.record(planId) / s.savePlan(planId)   a plan's ticks and values (store.js, shared with the
 *                                    plan pages), read once, then kept up to date
 *   s.refresh(name)                  another tab saved record name: only it is read again
 *   s.planRev[planId]                counts the readings of a plan's record (mine-render.js)
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

  /* plan data: only the plans the selection uses */
  function planData(s) {
    s.loadPlans = function (ids) {
      return Promise.all(ids.filter(function (id) { return id && !(id in s.plans); }).map(function (id) {
        return WP.data.loadPlan(id).then(function (d) {
          s.plans[id] = d;
          if (WP.reconcile.follow(s.state, d)) s.save();  // picks made before the template changed (rare: all compared)
        }, function () { s.plans[id] = null; });
      }));
    };
    s.usedPlans = function () {
      return s.state.parts.map(function (p) { return p.plan; })
        .filter(function (id, i, all) { return id && all.indexOf(id) === i; });
    };
  }

  // A write that failed (storage full or blocked) leaves its change only in the page, shown: until a
  // write succeeds, every write compares everything, and storage is never read over what the page
  // holds without writing it first (merged by entry, store.js), so the change is neither dropped by
  // a later, narrower write nor replaced by a re-read.
  WP.minePage.session = function (on) {
    var mine = WP.mine.open(), first = mine.read();
    var dict = WP.store.dict, planStores = dict();  // maps by plan id: an id may be "constructor"
    var s = { state: first.state, plans: dict(), records: dict(), planRev: dict(), problem: first.problem };
    var unsaved = false, unsavedPlans = dict();

    // only: what the change touched (part keys, "mine" for the header and the order of parts), so
    // that an edit costs the same with 50 parts and 5,000 (mine-state.js write)
    s.save = function (only) {
      var problem = mine.write(s.state, unsaved ? undefined : only);
      unsaved = !!problem;
      if (problem) on.problem(problem); else saved();
    };
    // a write went through: what could not be written before goes now too (any record of this page)
    function saved() {
      Object.keys(unsavedPlans).forEach(function (id) { if (unsavedPlans[id]) s.savePlan(id); });
      if (unsaved) s.save();
      on.saved();
    }
    // what could not be saved, written before storage is read over it; false: still not saved
    function flush() {
      if (!unsaved) return true;
      s.save();
      return !unsaved;
    }
    function flushPlan(planId) {
      if (!unsavedPlans[planId] || !s.records[planId]) return true;
      s.savePlan(planId);
      return !unsavedPlans[planId];
    }
    // A plan's ticks and values: read from storage the first time, then kept (another tab's
    // changes come through refreshPlan); the copy in memory stands in where storage cannot be read.
    s.record = function (planId) {
      return s.records[planId] || s.refreshPlan(planId);
    };
    s.refreshPlan = function (planId) {
      if (!flushPlan(planId)) return s.records[planId];
      var store = planStores[planId] = planStores[planId] || WP.store.open(planId);
      var data = store.read();
      if (data.problem && data.problem !== "corrupt") on.problem(data.problem);
      if (!data.problem || !s.records[planId]) {
        s.records[planId] = { items: data.items || {}, fields: data.fields || {}, track: data.track || {}, actual: data.actual || {} };
      }
      s.planRev[planId] = (s.planRev[planId] || 0) + 1;
      return s.records[planId];
    };
    // Another tab saved a record: this tab's changes it lost are written again, then only that
    // record is read afresh. name: "mine", "mine:part:<key>" or a plan id. -> what changed
    // (mine-state.js refresh; for a plan {plan, lost, problem}), or null when nothing did here
    s.refresh = function (name) {
      if (name === "mine" || name.indexOf(WP.mine.PART) === 0) return flush() ? mine.refresh(s.state, name) : null;
      if (!planStores[name]) return null;  // a plan this page does not show
      var got = planStores[name].recheck();
      s.refreshPlan(name);
      return { plan: name, lost: got.lost, problem: got.problem };
    };
    s.savePlan = function (planId) {
      var r = s.records[planId];
      r.saved = new Date().toISOString();
      var store = planStores[planId] = planStores[planId] || WP.store.open(planId);
      s.planRev[planId] = (s.planRev[planId] || 0) + 1;  // the parts showing it are drawn afresh when next drawn
      var problem = store.write(r);
      unsavedPlans[planId] = !!problem;
      if (problem) on.problem(problem); else saved();
    };

    planData(s);
    s.reread = function () {
      if (!flush()) return;
      var again = mine.read();
      if (!again.problem) s.state = again.state;
    };
    s.replace = function (state, records) {
      s.state = state || mine.read().state;
      s.records = dict(records);
      s.plans = dict();
      planStores = dict();
    };
    return s;
  };
})();
