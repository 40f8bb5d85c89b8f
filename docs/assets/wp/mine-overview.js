/* 我的计划顶部的概览:各状态的措施数(未开始 / 进行中 / 已完成 / 已搁置)、已逾期、最近的截止日期、各目标的完成率。
 *
 *   WP.minePage.overview(page)   page: {root, session}; -> {refresh()}
 *
 * Read from WP.summary.now (the same object the reviews and downloads read), never from the page.
 * Worked out again when the page is idle after a change (a save on this page, "wp:mine-saved", a
 * change, click or key in the page when storage is blocked, or another tab's save, a "storage"
 * event), at most once per pause: a tick's handler does no more than
 * before; the band is redrawn only when what it shows changed. Markup: the page's <template>
 * elements (macros/core/templates/review.j2).
 */
(function () {
  "use strict";
  var WP = window.WP;
  var P = WP.minePage = WP.minePage || {};
  var T = WP.tracking;
  var NEXT = 5, SHORT = 24, WAIT = 200;

  function clone(id) { return document.getElementById(id).content.firstElementChild.cloneNode(true); }
  function short(t) { return t.length > SHORT ? t.slice(0, SHORT) + "…" : t; }
  function number(n) { return n === null || n === undefined ? "—" : n.toLocaleString("zh-CN"); }

  // the summary of the page now (every used plan's record read once)
  function current(page) {
    var s = page.session;
    s.usedPlans().forEach(function (id) { s.record(id); });
    return WP.summary.now(s.state, s.plans, s.records, T.today());
  }
  // what the band shows, as plain data (compared with what it shows already)
  function view(sum) {
    var today = sum.day;
    return {
      counts: WP.summary.count(sum),
      next: WP.summary.next(sum, NEXT).map(function (n) {
        var d = n.measure.due;
        return { day: d.slice(0, 4) === today.slice(0, 4) ? d.slice(5) : d, full: d, text: n.measure.text,
                 part: n.part.title, late: n.measure.overdue };
      }),
      // targets with a 目标值 or an 实际值; the others only counted (a plan may name many)
      blank: sum.targets.filter(function (t) { return t.target === null && t.actual === null && !t.bad; }).length,
      targets: sum.targets.filter(function (t) { return t.target !== null || t.actual !== null || t.bad; }).map(function (t) {
        var goal = t.bad ? "目标值“" + t.bad + "”不是数字" : t.target === null ? "目标值未填写" : number(t.target);
        return { label: t.label, fig: number(t.actual) + " / " + goal + (t.unit ? " " + t.unit : ""),
                 rate: "完成率 " + T.percent(t.rate), plan: t.planTitle };
      })
    };
  }

  function counts(box, c) {
    Object.keys(c).forEach(function (k) {
      var li = box.querySelector("[data-count=" + k + "]");
      if (li) li.querySelector(".wp-ov-n").textContent = String(c[k]);
    });
    box.querySelector("[data-count=overdue]").classList.toggle("wp-ov-count--late", c.overdue > 0);
  }
  function nextList(box, next) {
    var list = box.querySelector(".wp-ov-next-list");
    list.textContent = "";
    next.forEach(function (n) {
      var li = clone("wp-ov-next-template"), day = li.querySelector(".wp-ov-day");
      day.textContent = n.day;
      day.title = n.full;
      li.querySelector(".wp-ov-what").textContent = short(n.text);
      li.querySelector(".wp-ov-what").title = n.text;
      li.querySelector(".wp-ov-part").textContent = "· " + n.part;
      if (n.late) {
        var late = document.createElement("span");
        late.className = "wp-ov-late";
        late.textContent = "已逾期";
        li.appendChild(document.createTextNode(" "));
        li.appendChild(late);
        li.classList.add("wp-ov-next-item--late");
      }
      list.appendChild(li);
    });
    box.querySelector(".wp-ov-none").hidden = next.length > 0;
  }
  function targetList(box, targets, blank) {
    var list = box.querySelector(".wp-ov-target-list"), rest = box.querySelector(".wp-ov-blank");
    list.textContent = "";
    targets.forEach(function (t) {
      var li = clone("wp-ov-target-template");
      li.querySelector(".wp-ov-label").textContent = t.label;
      li.querySelector(".wp-ov-label").title = t.plan;
      li.querySelector(".wp-ov-fig").textContent = t.fig;
      li.querySelector(".wp-ov-rate").textContent = t.rate;
      list.appendChild(li);
    });
    rest.textContent = blank ? (targets.length ? "另有 " : "") + blank + " 个目标还没有填写目标值和实际值。" : "";
    rest.hidden = !blank;
    box.querySelector(".wp-ov-targets").hidden = !targets.length && !blank;
  }

  P.overview = function (page) {
    var box = page.root.querySelector(".wp-overview"), shown = "", timer = 0, idle = 0;
    function draw() {
      idle = 0;
      var v = view(current(page)), sig = JSON.stringify(v);
      box.hidden = false;
      if (sig === shown) return;
      shown = sig;
      counts(box, v.counts);
      nextList(box, v.next);
      targetList(box, v.targets, v.blank);
    }
    // once the changes pause, when the page is idle
    function later() {
      clearTimeout(timer);
      timer = setTimeout(function () {
        if (idle) return;
        idle = (window.requestIdleCallback || function (f) { return setTimeout(f, 1); })(draw, { timeout: 1000 });
      }, WAIT);
    }
    document.addEventListener("wp:mine-saved", later);
    // storage blocked or full: nothing is saved, the page still changes under the person's hands
    ["change", "click", "keyup"].forEach(function (t) { page.root.addEventListener(t, later); });
    window.addEventListener("storage", function (e) { if (!e.key || e.key.indexOf("wp:v1:") === 0) later(); });
    document.addEventListener("visibilitychange", function () { if (!document.hidden) later(); });  // a new day
    // drawn at once, before the plans' data is here (their targets follow): the band is in the
    // page from the start, as an empty plan shows it, so what is below it does not move down
    draw();
    var s = page.session;
    s.loadPlans(s.usedPlans()).then(later);
    return { refresh: later, now: function () { return current(page); } };
  };
})();
