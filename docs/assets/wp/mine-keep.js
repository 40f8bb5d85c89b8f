/* 我的计划:浏览器数据被清除时不丢东西。有内容保存后请浏览器长期保存本站数据(navigator.storage.persist()),
 * 并说明浏览器是否同意;显示“上次备份”的日期和时间;上次备份之后有改动时,轻轻提醒一次(不是对话框)。
 *
 *   WP.minePage.keep(page)   page: {session, tools}
 *
 * Listens for "wp:mine-saved" (a change saved, an import) and "wp:backed-up" (detail.how: 导出备份 or
 * 保存到文件, from mine-backup.js and mine-file.js). What it remembers is one small record,
 * "wp:v1:keep:backup" = {"backup": ISO time, "how", "changed": ISO time, "dismissed": ISO time}
 * (not part of backups; in memory only where storage is blocked).
 * The reminder's rule: shown while a change was saved after the last backup (or there never was
 * one); 知道了 hides it, and it comes back only when a change is saved on a later calendar day than
 * the day it was dismissed. "changed" is written at most once a day (and once after each backup),
 * not on every keystroke.
 */
(function () {
  "use strict";
  var WP = window.WP, S = WP.store, R = S.record;
  var P = WP.minePage = WP.minePage || {};
  var KEY = "keep:backup";
  var GRANTED = "浏览器已同意长期保存本站数据。";
  var REFUSED = "浏览器没有同意长期保存本站数据:有些电脑在退出登录时会清除浏览器数据,我的计划也会随之丢失。请用“保存到文件”或“导出备份”另存一份。";
  var MISSING = "这个浏览器不能长期保存本站数据:有些电脑在退出登录时会清除浏览器数据,我的计划也会随之丢失。请用“保存到文件”或“导出备份”另存一份。";

  function when(iso) {
    return new Date(iso).toLocaleString("zh-CN", { year: "numeric", month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit" });
  }
  function day(iso) { var d = new Date(iso); return d.getFullYear() * 10000 + (d.getMonth() + 1) * 100 + d.getDate(); }
  function read() {
    var v = null;
    try { v = JSON.parse(R.raw(KEY)); } catch (e) { /* none, or not ours: start again */ }
    var out = {};
    ["backup", "how", "changed", "dismissed"].forEach(function (k) { if (v && typeof v[k] === "string") out[k] = v[k]; });
    return out;
  }

  // asks once per visit, when something is saved; says what the browser answered
  function persist(line) {
    var st = navigator.storage;
    function say(words) { line.textContent = words; line.hidden = false; }
    if (!st || typeof st.persist !== "function") return say(MISSING);
    Promise.resolve(typeof st.persisted === "function" ? st.persisted() : false)
      .then(function (already) { return already || st.persist(); })
      .then(function (granted) { say(granted ? GRANTED : REFUSED); }, function () { say(REFUSED); });
  }

  P.keep = function (page) {
    var box = page.tools.querySelector(".wp-keep"), memo = read(), asked = false;
    var last = box.querySelector(".wp-keep-last"), remind = box.querySelector(".wp-keep-remind");

    function save() { R.commit([{ name: KEY, raw: JSON.stringify(memo) }]); }  // blocked: memo stays in memory
    function show() {
      memo = latest(read(), memo);
      last.hidden = !memo.backup;
      if (memo.backup) last.textContent = "上次备份:" + when(memo.backup) + "(" + (memo.how || "导出备份") + ")";
      var due = !!memo.changed && (!memo.backup || memo.changed > memo.backup) &&
        (!memo.dismissed || (memo.changed > memo.dismissed && day(memo.changed) > day(memo.dismissed)));
      remind.hidden = !due;
      remind.querySelector(".wp-keep-remind-text").textContent = memo.backup
        ? "上次备份之后,我的计划又有了改动。建议再导出一次备份或保存到文件,以免浏览器数据被清除时丢失。"
        : "我的计划还没有备份过。建议导出备份或保存到文件,以免浏览器数据被清除时丢失。";
    }
    function changed() {
      var now = new Date().toISOString();
      if (!asked) { asked = true; persist(box.querySelector(".wp-keep-persist")); }
      if (!memo.changed || memo.changed <= (memo.backup || "") || day(memo.changed) !== day(now)) {
        memo.changed = now;
        save();
      }
      show();
    }
    document.addEventListener("wp:mine-saved", changed);
    document.addEventListener("wp:backed-up", function (e) {
      memo.backup = new Date().toISOString();
      memo.how = e.detail && e.detail.how || "导出备份";
      save();
      show();
    });
    remind.querySelector("[data-keep=dismiss]").addEventListener("click", function () {
      memo.dismissed = new Date().toISOString();
      save();
      show();
      page.tools.querySelector("[data-act=backup]").focus();
    });
    if (page.session.state.parts.length) { asked = true; persist(box.querySelector(".wp-keep-persist")); }
    show();
  };

  // another tab may have written the record meanwhile: the later of each time
  function latest(a, b) {
    var out = {};
    ["backup", "changed", "dismissed"].forEach(function (k) { var v = (a[k] || "") > (b[k] || "") ? a[k] : b[k]; if (v) out[k] = v; });
    var how = (a.backup || "") > (b.backup || "") ? a.how : b.how;
    if (how) out.how = how;
    return out;
  }
})();
