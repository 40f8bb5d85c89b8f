/* “我的计划”页面的组装:消息(提示、存储警告、自动保存说明),把各模块接到页面上。
 *
 * The page's jobs, one module each (listed with what they need in macros/site/modules.yml):
 *   mine-session.js  the selection and the plans' ticks and values in memory, saved
 *   mine-render.js   the part list drawn from them, and the progress
 *   mine-edit.js     changes made in the list; mine-header.js the header fields
 *   undo.js          撤销 after a removal (shared with the plan and track pages); mine-gone.js what
 *                    the template deleted, removable
 *   mine-changes.js  what the template changed since a part was picked: taken or left, change by change
 *   mine-tabs.js     another tab's changes, shown part by part (mine-patch.js keeps what is typed)
 *   mine-export.js   Word, copy, print, share link; mine-backup.js backup and import
 *   mine-import.js   an import's preview, merge or replace, 撤销导入
 *   mine-keep.js     persistent storage, 上次备份 and the reminder; mine-file.js 保存到文件 / 打开文件
 *   mine-shared.js   a shared selection (#share=…) shown and adopted
 *   mine-overview.js the overview at the top; review.js 回顾 (review-store.js keeps them)
 *   mine-figures.js  目标值 / 实际值 of number fields (figures.js, fetched when needed)
 *   follow.js        ⋯ 状态 of each measure, fetched when a measure has a follow-up or a button is approached
 * They share one `page` object, made here: {root, tools, session, view, header, undo, imports, say, warn,
 * live, reload}. Every save (and import) dispatches "wp:mine-saved" on the document.
 */
(function () {
  "use strict";
  var WP = window.WP;
  var P = WP.minePage;
  var MSG = {
    off: "浏览器已禁用本地存储,我的计划无法保存。本次访问中仍可整理和填写,离开前请下载 Word 或导出备份。",
    full: "浏览器存储空间已满,我的计划无法保存。本次访问中仍可整理和填写,离开前请下载 Word 或导出备份。",
    corrupt: "之前保存的我的计划已损坏,无法读取,已从空白开始。"
  };

  // the toast (a line that goes after a while), and the warning that stays until it is resolved
  function messages(page) {
    var toast = document.querySelector(".wp-toast"), warning = page.tools.querySelector(".wp-warning");
    var note = page.tools.querySelector(".wp-note"), warned = "";
    page.say = function (message) {
      toast.textContent = message;
      setTimeout(function () { if (toast.textContent === message) toast.textContent = ""; }, 5000);
    };
    page.warn = function (kind, message) {
      var words = kind ? message || MSG[kind] : "";
      if (kind + words === warned) return;  // shown (and read out) once, not on every change
      warned = kind + words;
      warning.textContent = words;
      warning.hidden = !kind;
    };
    page.saved = function () {
      if (warned.indexOf("corrupt") === 0) page.warn("");
      note.textContent = "已自动保存(" + new Date().toLocaleTimeString("zh-CN") + ")。";
      document.dispatchEvent(new CustomEvent("wp:mine-saved"));  // mine-keep.js, mine-file.js
    };
  }

  // ⋯ 状态 beside each measure (follow.js, with tracking.js): fetched once a measure has a status or
  // a deadline to show (mine-render.js asks), or when a ⋯ 状态 button is first approached; a press
  // that comes before it is held and done then
  function follow(page) {
    P.wantFollow = WP.firstUse(page.root, "button.wp-follow", ["follow"], function () {
      page.view.render(null, WP.follow.mine(page));  // only parts with something to show: not all 5,000
    }, function (err) { page.say(err.message + "。"); });
  }

  function init() {
    var root = document.querySelector("[data-mine]");
    if (!root || root.dataset.ready) return;
    root.dataset.ready = "1";
    var page = { root: root, tools: root.querySelector(".wp-tools--mine"), live: document.querySelector(".wp-live") };
    messages(page);
    var s = page.session = P.session({ problem: function (kind) { page.warn(kind); }, saved: page.saved });
    page.view = P.view(page);
    page.header = P.header(page);
    page.reload = function (focus) {
      page.header.fill();
      return s.loadPlans(s.usedPlans()).then(function () { page.view.render(focus || ["#mine-parts"]); });
    };
    page.undo = P.undo(page);
    P.edit(page);
    P.gone(page);
    P.changes(page);
    P.exports(page);
    page.imports = P.imports(page);
    P.backups(page);
    P.keep(page);
    P.file(page);
    var shared = P.shared(page);

    P.tabs(page);  // another tab's changes: only what changed, the focused box left alone
    page.overview = P.overview(page);  // 概览 at the top (mine-overview.js)
    page.reviews = P.reviews(page);    // 回顾 (review.js)
    P.figures(page);  // 目标值 / 实际值 of number fields
    follow(page);
    if (s.problem) page.warn(s.problem);
    s.loadPlans(s.usedPlans()).then(function () { page.view.render(); shared.show(); });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
