/* 我的计划页面的备份:“导出备份”把保存的全部记录写成一个 JSON 文件;“导入备份”或把文件拖到页面上读回,
 * 先在页面上列出会改动什么(mine-import.js)。
 *
 *   WP.minePage.backups(page)   page: {root, tools, session, say, warn, imports}
 *
 * The file format and its checks are backup.js's; this is the toolbar's side: what to say, and
 * where storage is blocked, the copies in memory in place of storage. A file over 10 MB is refused
 * before it is read. After an export the page dispatches "wp:backed-up" (mine-keep.js). Records kept aside as unreadable (store.js) are
 * counted here (有 N 条记录无法读取) and their raw text can be downloaded.
 */
(function () {
  "use strict";
  var WP = window.WP;
  var P = WP.minePage = WP.minePage || {};

  function backup(page) {
    // what storage holds; the copies in memory only where it cannot be read (blocked storage)
    var s = page.session, extra = {};
    if (!WP.store.available()) {
      extra.mine = s.state;
      Object.keys(s.records).forEach(function (id) { extra[id] = s.records[id]; });
    }
    var made = WP.backup.make(extra);
    WP.share.download(WP.share.fileName(P.fileBase(s.state) + "-备份", ".json"), JSON.stringify(made, null, 1), "application/json");
    page.say("已导出备份(" + Object.keys(made.records).length + " 项记录)。在另一台电脑上打开“我的计划”,点“导入备份”或把文件拖到页面上即可恢复。");
    document.dispatchEvent(new CustomEvent("wp:backed-up", { detail: { how: "导出备份" } }));
  }

  // a file chosen or dropped: read, then checked and shown before anything is written (mine-import.js)
  function chosen(page, file) {
    if (file.size > WP.backup.MAX) return page.warn("backup", WP.backup.tooBig());
    file.text().then(function (content) { page.imports.take(content, file.name); },
      function () { page.warn("backup", "导入失败:无法读取所选文件。已保存的内容没有任何改动。"); });
  }
  // a file dropped anywhere on the page
  function drops(page) {
    function files(e) { return e.dataTransfer && [].indexOf.call(e.dataTransfer.types || [], "Files") >= 0; }
    document.addEventListener("dragover", function (e) {
      if (!files(e)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = "copy";
      page.root.classList.add("wp-dropping");
    });
    document.addEventListener("dragleave", function (e) { if (!e.relatedTarget) page.root.classList.remove("wp-dropping"); });
    document.addEventListener("drop", function (e) {
      if (!files(e)) return;
      e.preventDefault();
      page.root.classList.remove("wp-dropping");
      var file = e.dataTransfer.files && e.dataTransfer.files[0];
      if (file) chosen(page, file);
    });
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
    drops(page);
    input.addEventListener("change", function () {
      var file = input.files && input.files[0];
      if (file) chosen(page, file);
    });
  };
})();
