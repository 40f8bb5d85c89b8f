/* 我的计划页上的目标值 / 实际值:数字填空旁的“⋯ 实际值”与计划页是同一个面板 (figures.js)、同一份记录
 * (会话里各计划的记录,mine-session.js),所以在这里记下的实际值,计划页上也看得到。
 *
 *   WP.minePage.figures(page)   page: {root, session, view, undo, say}
 *
 * figures.js (with chart.js and tracking.js) is fetched only when needed: a plan 我的计划 uses holds
 * 实际值 (at once, and whenever a save or another tab brings some), or a control is first pointed
 * at or focused; a press that comes before it is held and given to it. A change saves the plan's
 * record and draws the parts again (mine-render.js asks figures.js for each control's state).
 */
(function () {
  "use strict";
  var WP = window.WP;
  var P = WP.minePage = WP.minePage || {};

  function io(page) {
    var s = page.session;
    return {
      record: function (planId) { return s.record(planId); },
      save: function (planId) { s.savePlan(planId); return ""; },  // a problem is shown by the page's warning
      blank: function (planId, fieldId) {
        return page.view.list.querySelector("input.wp-input[data-plan='" + planId + "'][data-field='" + fieldId + "']");
      },
      redraw: function (planId, focus) { page.view.render(focus); },
      say: page.say,
      undo: function () { return Promise.resolve(page.undo); }
    };
  }

  P.figures = function (page) {
    var s = page.session, ready = false;
    var go = WP.firstUse(page.root, ".wp-fig-toggle", ["figures"], function () {
      if (!ready) WP.figures.bind(page.root, io(page));
      ready = true;
      page.view.render();
    }, function (err) { page.say("无法显示实际值:" + err.message + "。"); });
    // the blank of a number field typed in (mine-edit.js saved it): its panel and 完成率 follow
    page.root.addEventListener("input", function (e) {
      var i = e.target;
      if (!ready || !i.matches("input.wp-input[data-plan][data-field]")) return;
      var ctl = page.root.querySelector(".wp-fig-toggle[data-plan='" + i.dataset.plan + "'][data-field='" + i.dataset.field + "']");
      if (ctl) WP.figures.refresh(document, s.record(i.dataset.plan), WP.figures.meta(ctl));
    });
    function check() {
      if (ready) return;
      if (s.usedPlans().some(function (id) { return Object.keys(s.record(id).actual || {}).length > 0; })) go();
    }
    check();
    document.addEventListener("wp:mine-saved", check);
    window.addEventListener("storage", function () { setTimeout(check, 0); });  // after mine-tabs.js read it
  };
})();
