/* 我的计划页面的备份:“导出备份”把保存的全部记录写成一个 JSON 文件,“导入备份”读回(先检查,再确认)。
 *
 *   WP.minePage.backups(page)   page: {tools, session, say, warn, reload}
 *
 * The file format and its checks are backup.js's; this is the toolbar's side: what to say, and
 * where storage is blocked, the copies in memory in place of storage. After an import,
 * page.reload() shows what the session holds now. Records kept aside as unreadable (store.js) are
 * counted here (有 N 条记录无法读取) and their raw text can be downloaded.
 */
(function () {
  "use strict";
  var WP = window.WP;
  var P = WP.minePage = WP.minePage || {};

  function isPlan(name) { return name !== "mine" && name.indexOf("track:") !== 0; }

  function backup(page) {
    // what storage holds; the copies in memory only where it cannot be read (blocked storage)
    var s = page.session, extra = {};
    if (!WP.store.available()) {
      extra.mine = s.state;
      Object.keys(s.records).forEach(function (id) { extra[id] = s.records[id]; });
    }
    var made = WP.backup.make(extra);
    WP.share.download(WP.share.fileName(P.fileBase(s.state) + "-备份", ".json"), JSON.stringify(made, null, 1), "application/json");
    page.say("已导出备份(" + Object.keys(made.records).length + " 项记录)。在另一台电脑上打开“我的计划”,点“导入备份”即可恢复。");
  }

  // a checked backup, once confirmed, into storage (or, where storage is blocked, this visit)
  function restore(page, checked) {
    if (!window.confirm("导入备份会用备份中的内容替换本浏览器中对应的记录:" +
        (checked.models.mine ? "我的计划、" : "") + checked.names.filter(isPlan).length + " 个计划的勾选和填写。确定导入吗?")) return;
    if (!WP.store.available()) {  // storage blocked: use the backup for this visit
      var records = {};
      checked.names.forEach(function (n) { if (isPlan(n)) records[n] = checked.models[n]; });
      page.session.replace(checked.models.mine || WP.mine.empty(), records);
      page.warn("memory", "浏览器禁止保存数据:备份已载入,只在本次访问中有效。离开前请下载 Word 或再次导出备份。");
    } else {
      var problem = WP.backup.restore(checked, "replace");
      if (problem) return page.warn("backup", problem);
      page.warn("");
      page.session.replace(null, null);
    }
    page.reload().then(function () { page.say("已导入备份。"); });
  }

  function chosen(page, file) {
    file.text().then(function (content) {
      var checked = WP.backup.check(content);
      if (checked.error) return page.warn("backup", checked.error);
      restore(page, checked);
    }, function () { page.warn("backup", "无法读取所选文件。已保存的内容没有任何改动。"); });
  }

  // records storage holds but this version cannot read: counted, and their raw text downloadable
  function damaged(page) {
    var note = page.tools.querySelector(".wp-damaged"), list = WP.store.damaged();
    note.hidden = !list.length;
    note.querySelector(".wp-damaged-text").textContent = "有 " + list.length +
      " 条记录无法读取,原文已原样另存,导出备份时也会一并包含。可以下载这些原文,交给技术支持查看。";
    return list;
  }
  function downloadDamaged(page) {
    var file = { format: "wp-damaged", exported: new Date().toISOString(), records: damaged(page) };
    WP.share.download(WP.share.fileName(P.fileBase(page.session.state) + "-无法读取的记录", ".json"),
                      JSON.stringify(file, null, 1), "application/json");
  }

  P.backups = function (page) {
    var input = page.tools.querySelector(".wp-restore-file");
    damaged(page);
    window.addEventListener("storage", function () { damaged(page); });
    page.tools.querySelector("[data-damaged]").addEventListener("click", function () { downloadDamaged(page); });
    page.tools.addEventListener("click", function (e) {
      var b = e.target.closest("button[data-act]");
      if (b && b.dataset.act === "backup") backup(page);
      if (b && b.dataset.act === "restore") {
        input.value = "";
        input.click();
      }
    });
    input.addEventListener("change", function () {
      var file = input.files && input.files[0];
      if (file) chosen(page, file);
    });
  };
})();
