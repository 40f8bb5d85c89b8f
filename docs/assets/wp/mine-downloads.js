/* 我的计划的三个下载:下载工作总结 (.docx)、下载计划表 (.xlsx)、下载日程 (.ics)。
 *
 *   WP.minePage.download(page, act, button)   act: "summary" (shows the choice: 当前进度 or a
 *                                             review), "summary-go", "summary-cancel", "xlsx", "ics"
 *
 * Fetched the first time one of these buttons is pressed (mine-export.js asks for it), with what it
 * needs; the writers (summarydoc.js + export-docx.js, export-xlsx.js, export-ics.js) only when their
 * file is asked for. Everything written comes from one object, WP.summary.now(state, plans,
 * records, today): the saved selection, the plans' saved records and the published plan data; a
 * review's own summary (WP.reviews, review-store.js) for a 工作总结 of that review, and its
 * planned review dates in the calendar. Reviews are read through reviews() alone: when
 * review-store.js cannot be fetched, the choice offers 当前进度 only and the calendar holds the
 * deadlines only, and the page says so.
 * Nothing saved is changed. A failure (a file that cannot be fetched, nothing to put in the
 * calendar, a value a writer refuses) is said in Chinese on the page.
 */
(function () {
  "use strict";
  var WP = window.WP;
  var P = WP.minePage;
  var NOTHING_DUE = "没有可放进日程的日期:请先给措施填写截止日期。";
  var bound = false;

  // the saved state as it stands today, every plan it uses loaded
  function now(page) {
    var s = page.session;
    return WP.load(["tracking", "summary"]).then(function () {
      return s.loadPlans(s.usedPlans());
    }).then(function () {
      var records = WP.store.dict();
      s.usedPlans().forEach(function (id) { records[id] = s.record(id); });
      return WP.summary.now(s.state, s.plans, records, WP.tracking.today());
    });
  }

  function save(page, what, ext, blob, done) {
    WP.share.download(WP.share.fileName(P.fileBase(page.session.state, what), ext), blob);
    page.say(done);
  }

  // the page's reviews ({list, summary, planned}), or null when they cannot be read
  function reviews() {
    return WP.load(["review-store"]).then(function () { return WP.reviews; }, function () { return null; });
  }

  /* ---------- 下载工作总结 ---------- */
  function picker(page) { return page.tools.querySelector(".wp-summary-pick"); }
  function opener(page) { return page.tools.querySelector("button[data-download='summary']"); }

  // the choice: 当前进度 first, then the recorded reviews (newest first) when the page has them
  function choose(page, r) {
    var box = picker(page), select = box.querySelector("select");
    while (select.options.length > 1) select.remove(1);
    (r ? r.list() : []).forEach(function (review) {
      var option = document.createElement("option");
      option.value = review.key;
      option.textContent = "回顾 " + review.day;
      select.appendChild(option);
    });
    select.selectedIndex = 0;
    box.hidden = false;
    opener(page).setAttribute("aria-expanded", "true");
    select.focus();
  }
  function close(page) {
    picker(page).hidden = true;
    opener(page).setAttribute("aria-expanded", "false");
    opener(page).focus();
  }

  function summaryDocx(page) {
    var key = picker(page).querySelector("select").value;
    close(page);
    page.say("正在生成工作总结……");
    var got = key ? WP.load(["tracking", "summary"]).then(reviews).then(function (r) { return r.summary(key); }) : now(page);
    return got.then(function (summary) {
      return WP.load(["summarydoc", "export-docx"]).then(function () {
        return WP.exportDocx(WP.summarydoc.doc(summary));
      });
    }).then(function (blob) {
      save(page, "工作总结", ".docx", blob, "已下载工作总结(Word 文件),可用 Word 或 WPS 打开、补充后打印签字。");
    });
  }

  /* ---------- 下载计划表 ---------- */
  function sheet(summary) {
    var T = WP.tracking, measures = [];
    WP.summary.each(summary, function (m, part) {
      measures.push({ template: part.plan ? part.planTitle : "", section: part.title, text: m.text,
                      status: T.NAMES[m.status], due: m.due, owner: m.owner, note: m.note });
    });
    return {
      title: "我的计划", measures: measures,
      targets: summary.targets.map(function (t) {
        return { template: t.planTitle, section: t.section, text: t.label, unit: t.unit, target: t.target,
                 entries: t.entries.map(function (e) { return { date: e.day, value: e.value }; }) };
      })
    };
  }
  function xlsx(page) {
    page.say("正在生成计划表……");
    return now(page).then(function (summary) {
      return WP.load(["export-xlsx"]).then(function () { return WP.exportXlsx(sheet(summary)); });
    }).then(function (blob) {
      save(page, "计划表", ".xlsx", blob, "已下载计划表(Excel 文件),可用 Excel 或 WPS 表格打开。");
    });
  }

  /* ---------- 下载日程 ---------- */
  // every measure with a 截止日期, whatever its status (a newer file then updates the event of a
  // measure done since), and every planned review date; each event has a reminder (export-ics.js)
  function calendar(summary, planned) {
    var T = WP.tracking, events = [], seen = WP.store.dict();
    WP.summary.each(summary, function (m, part) {
      var id = "measure:" + (m.plan ? m.plan + "/" + m.id : "own/" + m.key);
      if (!m.due || seen[id]) return;
      seen[id] = true;
      var about = [part.planTitle ? "来源:" + part.planTitle + " · " + part.title : "章节:" + part.title,
                   "状态:" + T.NAMES[m.status] + (m.overdue ? "(已逾期)" : "")];
      if (m.owner) about.push("负责人:" + m.owner);
      if (m.note) about.push("备注:" + m.note);
      events.push({ id: id, date: m.due, title: "截止:" + (m.text || "(未写内容)") + "(" + T.NAMES[m.status] + ")",
                    description: about.join("\n") });
    });
    planned.forEach(function (day) {
      events.push({ id: "review:" + day, date: day, title: "回顾:我的计划",
                    description: "记录一次回顾:本期完成情况、存在问题、下一步打算。" });
    });
    return events;
  }
  function ics(page) {
    return Promise.all([now(page), reviews()]).then(function (got) {
      var events = calendar(got[0], got[1] && typeof got[1].planned === "function" ? got[1].planned() : []);
      if (!events.length) throw new Error(NOTHING_DUE);
      return WP.load(["export-ics"]).then(function () {
        var name = page.session.state.header.name;
        return WP.exportIcs({ calendarName: "我的计划" + (name ? " · " + name : ""), events: events });
      });
    }).then(function (text) {
      save(page, "日程", ".ics", new Blob([text], { type: "text/calendar;charset=utf-8" }),
           "已下载日程(.ics 文件),可导入 Outlook、手机或电脑的日历;每个日程前一天 9 点提醒。");
    });
  }

  function bind(page) {
    if (bound) return;
    bound = true;
    picker(page).addEventListener("keydown", function (e) {
      if (e.key === "Escape") { e.preventDefault(); close(page); }
    });
  }

  P.download = function (page, act) {
    bind(page);
    var run = { summary: function () { return reviews().then(function (r) { choose(page, r); }); }, "summary-cancel": function () { close(page); },
                "summary-go": summaryDocx, xlsx: xlsx, ics: ics }[act];
    if (!run) return;
    var done = run(page);
    if (done) done.catch(function (err) { page.say(err && err.message ? err.message : "下载失败,请重试。"); });
  };
})();
