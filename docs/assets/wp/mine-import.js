/* 我的计划页面的导入:先在页面上列出导入会改动什么(这里较新、文件中较新、只在这里、只在文件中),由人选择
 * “合并”(默认)、“全部替换”或“取消”;写入前把要改动的每条记录原样留一份安全副本,导入后“撤销导入”
 * 恢复原样(刷新后也可以,直到下一次导入或点“关闭”)。本浏览器还没有保存任何内容时,一步导入。
 *
 *   var imports = WP.minePage.imports(page)   page: {tools, session, say, warn, reload}
 *   imports.take(text, fileName)               a backup's text, from the file chooser, a drop or 打开文件
 *
 * The checks, the comparison and the strings to write are backup.js's. The safety copy is the exact
 * raw string of every record the import writes (null: there was none), kept under
 * "wp:v1:import:undo" in the same all-or-nothing write as the import; where storage has no room
 * for it, the import is written without it and the copy stays in this page's memory (the message
 * says so). Where storage is blocked, the file is used for this visit and 撤销导入 puts back what
 * the page held. After an import the page dispatches "wp:mine-saved" (mine-file.js, mine-keep.js).
 */
(function () {
  "use strict";
  var WP = window.WP, S = WP.store, R = S.record;
  var P = WP.minePage = WP.minePage || {};
  var UNDO = "import:undo", SHOWN = 6, SAFE = "已保存的内容没有任何改动。";
  var GROUPS = [
    ["newerHere", "这里较新", "合并时保留这里的"],
    ["newerInFile", "文件中较新", "合并时采用文件中的"],
    ["onlyHere", "只在这里", "合并时保留;全部替换时,我的计划中只在这里的章节会被移除"],
    ["onlyInFile", "只在文件中", "导入后加入"]
  ];

  function when(iso) {
    var d = new Date(iso);
    return isNaN(d) ? "" : d.toLocaleString("zh-CN", { year: "numeric", month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit" });
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }
  function titles() {
    return WP.data.loadIndex().then(function (index) {
      var out = S.dict();
      (index.plans || []).concat(index.tracks || []).forEach(function (p) { out[p.id] = p.title; });
      return out;
    }, function () { return S.dict(); });
  }
  function words(item, names) {
    var gone = item.removed ? "(已移除)" : "";
    if (item.kind === "mine") return "我的计划的基本信息和章节顺序";
    if (item.kind === "review") return item.name === "review:planned" ? "计划回顾日期" : item.name.indexOf("review:blob:") === 0 ? "回顾保存的措施清单" : "回顾记录" + gone;
    if (item.kind === "part") {
      return "章节“" + (item.title || "未命名") + "”" + gone +
        (item.fileTitle && item.fileTitle !== item.title ? "(文件中是“" + item.fileTitle + "”)" : "");
    }
    var id = item.kind === "track" ? item.name.slice(6) : item.name;
    return (item.kind === "track" ? "学习路径“" : "计划“") + (names[id] || id) + "”的" +
      (item.kind === "track" ? "进度" : "勾选和填写") + gone;
  }

  /* ---------- the preview ---------- */
  function group(list, names, head) {
    var box = el("div", "wp-import-group"), ul = el("ul", "wp-import-list");
    box.appendChild(el("p", "wp-import-heading", head[1] + " · " + list.length + " 项(" + head[2] + ")"));
    list.slice(0, list.length > SHOWN + 1 ? SHOWN : SHOWN + 1).forEach(function (item) { ul.appendChild(el("li", "", words(item, names))); });
    if (list.length > SHOWN + 1) ul.appendChild(el("li", "wp-import-more", "……另外 " + (list.length - SHOWN) + " 项"));
    box.appendChild(ul);
    return box;
  }
  function show(box, cmp, names, fileName, checked) {
    var lists = box.querySelector(".wp-import-lists"), any = false;
    lists.textContent = "";
    GROUPS.forEach(function (g) {
      if (!cmp[g[0]].length) return;
      any = true;
      lists.appendChild(group(cmp[g[0]], names, g));
    });
    var news = cmp.newerInFile.length + cmp.onlyInFile.length;
    box.querySelector(".wp-import-summary").textContent = "文件“" + fileName + "”" +
      (checked.exported && when(checked.exported) ? "(导出于 " + when(checked.exported) + ")" : "") + ":" +
      (!any ? "与这里保存的内容相同,导入不会改动任何东西。"
        : news ? "其中有 " + news + " 项比这里新或这里没有。请选择怎样导入:"
          : "文件中没有比这里更新的内容;合并不会改动任何东西,全部替换会丢掉这里较新的内容。");
    box.hidden = false;
    box.querySelector("[data-import=merge]").focus();
  }

  /* ---------- writing, with the safety copy ---------- */
  function write(list) {
    var before = S.dict(), old = R.raw(UNDO);
    list.forEach(function (w) { before[w.name] = R.raw(w.name); });
    var copy = { format: "wp-import-undo", made: new Date().toISOString(), before: before };
    var problem = R.commit([{ name: UNDO, raw: JSON.stringify(copy) }].concat(list)), stored = !problem;
    if (problem === "full") problem = R.commit((old === null ? [] : [{ name: UNDO, raw: null }]).concat(list));
    var intact = !problem || (R.raw(UNDO) === old && Object.keys(before).every(function (n) { return R.raw(n) === before[n]; }));
    return { problem: problem, copy: copy, stored: stored, intact: intact };
  }
  function failed(problem, intact) {
    return "导入失败:" + (problem === "full" ? "浏览器存储空间已满" : "浏览器禁止保存数据") + ",文件中的内容没有导入。" +
      (intact ? SAFE : "有的记录没能恢复到导入前的样子,请马上导出备份并检查我的计划。");
  }

  /* ---------- 撤销导入: the bar, and putting back the safety copy ---------- */
  function stored() {
    var raw = R.raw(UNDO), copy;
    try { copy = JSON.parse(raw); } catch (e) { return null; }
    var ok = S.isMap(copy) && copy.format === "wp-import-undo" && S.isMap(copy.before) && Object.keys(copy.before).every(function (n) {
      return typeof copy.before[n] === "string" || copy.before[n] === null;
    });
    return ok ? copy : null;
  }
  function safety(page, bar, done, back) {
    var memory = null;  // a safety copy held only in this page
    function offer(copy, inStorage) {
      memory = inStorage ? null : copy;
      bar.querySelector(".wp-import-undo-text").textContent = "已导入备份(" + when(copy.made) + ")。“撤销导入”会把导入改动的记录恢复成导入前的样子" +
        (inStorage ? "(刷新页面后也可以,直到下一次导入)。" : ";这份安全副本只在本页面中,刷新或关闭页面后就不能撤销了。");
      bar.hidden = false;
    }
    function close() {
      memory = null;
      bar.hidden = true;
      if (R.raw(UNDO) !== null) R.commit([{ name: UNDO, raw: null }]);
    }
    function undo() {
      var copy = memory || stored();
      if (copy && copy.page) {  // blocked storage: the page's own copy
        close();
        page.session.replace(copy.page.state, copy.page.records);
        return page.reload().then(function () { page.say("已撤销导入。"); back(); });
      }
      if (!copy) return close();
      var list = Object.keys(copy.before).map(function (n) { return { name: n, raw: copy.before[n] }; });
      var problem = R.commit(list.concat([{ name: UNDO, raw: null }]));
      if (problem) return page.warn("backup", "撤销导入失败:" + (problem === "full" ? "浏览器存储空间已满" : "浏览器禁止保存数据") + "。现在的内容没有任何改动,可以稍后再试。");
      close();
      done("已撤销导入,恢复到导入前的内容。").then(back);
    }
    bar.addEventListener("click", function (e) {
      var b = e.target.closest("button[data-import]");
      if (b && b.dataset.import === "undo") undo();
      if (b && b.dataset.import === "dismiss") { close(); back(); }
    });
    var kept = stored();
    if (kept) offer(kept, true);
    return { offer: offer };
  }

  P.imports = function (page) {
    var box = page.tools.querySelector(".wp-import"), pending = null;  // the checked file on show
    var undo = safety(page, page.tools.querySelector(".wp-import-undo"), done, focusTools);

    function done(message) {
      page.warn("");
      page.session.replace(null, null);
      return page.reload().then(function () {
        document.dispatchEvent(new CustomEvent("wp:mine-saved"));
        page.say(message);
      });
    }
    function apply(mode) {
      var checked = pending;
      pending = null;
      box.hidden = true;
      if (!S.available()) return inMemory(checked);
      var list = WP.backup.writes(checked, mode);
      if (!list.length) { page.say("文件中没有比这里更新的内容,没有任何改动。"); return focusTools(); }
      var got = write(list);
      if (got.problem) { page.warn("backup", failed(got.problem, got.intact)); return focusTools(); }
      undo.offer(got.copy, got.stored);
      done(mode === "replace" ? "已用文件中的内容全部替换。" : "已合并导入:两边较新的内容都已保留。");
    }
    // storage blocked: the file's content for this visit; 撤销导入 puts back what the page held
    function inMemory(checked) {
      var s = page.session, records = {};
      var copy = { page: { state: s.state, records: s.records }, made: new Date().toISOString() };
      checked.names.forEach(function (n) { if (n !== "mine" && n.indexOf("track:") !== 0) records[n] = checked.models[n]; });
      s.replace(checked.models.mine || WP.mine.empty(), records);
      page.warn("memory", "浏览器禁止保存数据:备份已载入,只在本次访问中有效。离开前请下载 Word 或再次导出备份。");
      undo.offer(copy, false);
      page.reload().then(function () { page.say("已导入备份。"); });
    }
    function focusTools() { page.tools.querySelector("[data-act=restore]").focus(); }

    function take(text, fileName) {
      var checked = WP.backup.check(text);
      if (checked.error) return page.warn("backup", checked.error);
      var cmp = WP.backup.compare(checked);
      if (S.available() ? cmp.empty : !page.session.state.parts.length) {  // nothing here yet: one step
        pending = checked;
        return apply("merge");
      }
      pending = checked;
      titles().then(function (names) { if (pending === checked) show(box, cmp, names, fileName || "备份", checked); });
    }

    box.addEventListener("click", function (e) {
      var b = e.target.closest("button[data-import]");
      if (!b || !pending) return;
      if (b.dataset.import === "cancel") { pending = null; box.hidden = true; page.say("已取消导入,没有任何改动。"); return focusTools(); }
      apply(b.dataset.import);
    });
    return { take: take };
  };
})();
