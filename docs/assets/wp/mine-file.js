/* 我的计划:保存到文件 / 打开文件。人选一次文件(例如“文档”文件夹中,退出登录也会保留),之后每次改动都写入
 * 这个文件(全部记录,与“导出备份”同样的格式);“打开文件”读回一个文件,和导入备份一样先列出会改动什么。
 *
 *   WP.minePage.file(page)   page: {tools, session, warn, say, imports}
 *
 * Uses the File System Access API (window.showSaveFilePicker / showOpenFilePicker), which only
 * Chromium browsers offer, and only in secure contexts (https, localhost). Where it is missing
 * (plain-http intranets, pages opened from a folder, other browsers) the page says so and offers
 * the backup download instead. Writes follow "wp:mine-saved" (any saved change of 我的计划 or of
 * the ticks and values of its plans, an import), 800 ms after the last one, one at a time. The
 * file handle is kept in IndexedDB ("wp-file", store "handles", key "plan"): after a reload the
 * page goes on writing if the browser still allows it, otherwise it offers 继续保存到文件 (the
 * browser asks for permission only from a click). Each write dispatches "wp:backed-up".
 */
(function () {
  "use strict";
  var WP = window.WP;
  var P = WP.minePage = WP.minePage || {};
  var WAIT = 800, DB = "wp-file", STORE = "handles", KEY = "plan";
  var TYPES = [{ description: "我的计划备份文件", accept: { "application/json": [".json"] } }];
  var MISSING = "这个浏览器不能直接保存到文件(需要电脑版 Chrome 或 Edge,并且网页以 https:// 或本机地址打开;" +
    "以 http:// 打开的内网地址、直接打开文件夹中的网页和其他浏览器都不行)。请用“下载备份文件”把我的计划存成文件," +
    "放在会保留的文件夹(如“文档”)中;恢复时点“导入备份”或把文件拖到这一页上。";

  function secure() { return window.isSecureContext !== false && location.protocol !== "file:"; }
  function can(name) { return secure() && typeof window[name] === "function"; }
  function time() { return new Date().toLocaleTimeString("zh-CN"); }

  /* ---------- the handle, kept in IndexedDB ---------- */
  function db(job) {
    return new Promise(function (resolve, reject) {
      var open = indexedDB.open(DB, 1);
      open.onupgradeneeded = function () { open.result.createObjectStore(STORE); };
      open.onerror = function () { reject(open.error); };
      open.onsuccess = function () {
        var tx = open.result.transaction(STORE, "readwrite"), req = job(tx.objectStore(STORE));
        tx.oncomplete = function () { open.result.close(); resolve(req.result); };
        tx.onerror = tx.onabort = function () { open.result.close(); reject(tx.error); };
      };
    });
  }
  function remember(handle) { return db(function (st) { return st.put(handle, KEY); }).catch(function () {}); }
  function recall() { return db(function (st) { return st.get(KEY); }).catch(function () { return null; }); }
  function forget() { return db(function (st) { return st.delete(KEY); }).catch(function () {}); }

  function everything(page) {
    var s = page.session, extra = {};
    if (!WP.store.available()) {  // blocked storage: what this visit holds
      extra.mine = s.state;
      Object.keys(s.records).forEach(function (id) { extra[id] = s.records[id]; });
    }
    return JSON.stringify(WP.backup.make(extra), null, 1);
  }

  P.file = function (page) {
    var box = page.tools.querySelector(".wp-file"), status = box.querySelector(".wp-file-status");
    var handle = null, kept = null, timer = 0, queue = Promise.resolve();
    function button(name) { return box.querySelector("[data-file=" + name + "]"); }
    function state(words, shown) {
      status.textContent = words;
      ["save", "resume", "open", "stop", "download"].forEach(function (n) { button(n).hidden = shown.indexOf(n) < 0; });
    }
    var opens = can("showOpenFilePicker") ? ["open"] : [];
    if (!can("showSaveFilePicker")) return state(MISSING, ["download"].concat(opens)), wire(page, box, null);

    function write() {
      var target = handle;
      if (!target) return queue;
      queue = queue.then(function () { return target.createWritable(); }).then(function (w) {
        return w.write(everything(page)).then(function () { return w.close(); });
      }).then(function () {
        if (target !== handle) return;
        state("正在保存到文件“" + target.name + "”:每次改动后自动写入(上次写入 " + time() + ")。", ["save", "stop"].concat(opens));
        document.dispatchEvent(new CustomEvent("wp:backed-up", { detail: { how: "保存到文件" } }));
      }, function (e) {
        if (target !== handle) return;
        handle = null;
        kept = target;
        state("无法写入文件“" + target.name + "”(" + (e && e.name === "NotAllowedError" ? "浏览器没有允许写入" : "文件无法写入") +
              "),最近的改动只保存在浏览器中。请点“继续保存到文件”,或重新选择文件。", ["resume", "save"].concat(opens));
      });
      return queue;
    }
    function use(h) { handle = h; kept = null; remember(h); return write(); }
    function resume() {
      var h = kept;
      if (!h) return;
      Promise.resolve(h.requestPermission ? h.requestPermission({ mode: "readwrite" }) : "granted").then(function (got) {
        if (got === "granted") use(h);
        else state("浏览器没有允许写入“" + h.name + "”。可以再点“继续保存到文件”,或重新选择文件。", ["resume", "save"].concat(opens));
      }, function () { state("浏览器没有允许写入“" + h.name + "”。请重新选择文件。", ["save"].concat(opens)); });
    }
    document.addEventListener("wp:mine-saved", function () {
      if (!handle) return;
      clearTimeout(timer);
      timer = setTimeout(write, WAIT);
    });
    wire(page, box, { use: use, resume: resume, stop: function () {
      handle = kept = null;
      forget();
      state("已不再保存到文件;文件本身还在原处。", ["save"].concat(opens));
    } });
    state("可以把我的计划保存到你选的文件(例如“文档”文件夹中),之后每次改动都会自动写入。", ["save"].concat(opens));
    recall().then(function (h) {
      if (!h || handle) return;
      Promise.resolve(h.queryPermission ? h.queryPermission({ mode: "readwrite" }) : "prompt").then(function (got) {
        if (got === "granted") return use(h);
        kept = h;
        state("上次保存到文件“" + h.name + "”。浏览器需要你再次允许,才能继续写入这个文件。", ["resume", "save", "stop"].concat(opens));
      });
    });
  };

  // the buttons: pick a file to save to, continue, stop, open a file (its own click: the browser
  // shows its pickers only from one)
  function wire(page, box, saving) {
    box.addEventListener("click", function (e) {
      var b = e.target.closest("button[data-file]"), act = b && b.dataset.file;
      if (act === "save") {
        window.showSaveFilePicker({ suggestedName: "我的计划.json", types: TYPES }).then(saving.use, function (err) {
          if (!err || err.name !== "AbortError") page.warn("file", "无法保存到文件:浏览器没有打开保存对话框。请用“导出备份”。");
        });
      }
      if (act === "resume") saving.resume();
      if (act === "stop") saving.stop();
      if (act === "open") openFile(page);
    });
  }
  function openFile(page) {
    window.showOpenFilePicker({ types: TYPES }).then(function (hs) { return hs[0].getFile(); }).then(function (file) {
      if (file.size > WP.backup.MAX) return page.warn("backup", WP.backup.tooBig());
      return file.text().then(function (text) { page.imports.take(text, file.name); });
    }, function (err) {
      if (!err || err.name !== "AbortError") page.warn("backup", "导入失败:无法读取所选文件。已保存的内容没有任何改动。");
    });
  }
})();
