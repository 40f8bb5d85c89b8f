/* 计划数据:按需加载构建时发布的计划数据 (data/index.js, data/plans/<id>.js)。
 *
 *   WP.data.loadIndex()    -> Promise<index>   every plan's title, counts, version; topics; tracks
 *   WP.data.loadPlan(id)   -> Promise<plan>    one plan's fields and section tree
 *
 * Each data file is a <script src> whose only statement is WP.data.index({...}) or
 * WP.data.plan("<id>", {...}): that works on any web server and from a folder (file://, where
 * fetch() of local files is refused), needs no eval (CSP script-src 'self'), and loads one plan
 * only when it is asked for. The same documents as JSON, and their JSON Schema, are in data/ too.
 * URLs are found from this script's own address (assets/wp/data.js, or the page's bundle of
 * modules it is joined into, in the same folder), so any page of the site can use it. */
(function () {
  "use strict";

  var WP = window.WP = window.WP || {};
  var SELF = /assets\/wp\/data\.js(?:[?#].*)?$/;
  var me = document.currentScript || [].filter.call(document.scripts, function (s) { return SELF.test(s.src); })[0];
  var ROOT = me ? new URL("../../", me.src).href : "";  // .../assets/wp/<this file> -> the site root
  var ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
  var wanted = {};   // key -> {promise, resolve, reject}
  var loaded = {};   // key -> document

  function fail(message) { return Promise.reject(new Error(message)); }

  function arrive(key, doc) {
    loaded[key] = doc;
    if (wanted[key]) wanted[key].resolve(doc);
  }

  function load(key, path, what) {
    if (Object.prototype.hasOwnProperty.call(loaded, key)) return Promise.resolve(loaded[key]);
    if (wanted[key]) return wanted[key].promise;
    var entry = {};
    entry.promise = new Promise(function (resolve, reject) {
      entry.resolve = resolve;
      entry.reject = reject;
    });
    wanted[key] = entry;
    var tag = document.createElement("script");
    tag.src = ROOT + path;
    tag.async = true;
    function done(message) {
      tag.remove();
      delete wanted[key];
      if (message && !Object.prototype.hasOwnProperty.call(loaded, key)) {
        var err = new Error(message);
        err.path = path;
        entry.reject(err);
      }
    }
    tag.onload = function () { done(what + "的数据文件 " + path + " 内容不对,无法读取。"); };
    tag.onerror = function () {
      done("无法加载" + what + "的数据文件 " + path + ":文件不存在或无法访问。请确认网站文件完整(离线使用时需解压整个文件夹)。");
    };
    document.head.appendChild(tag);
    return entry.promise;
  }

  var api = WP.data = WP.data || {};
  // called by data/index.js and data/plans/<id>.js
  api.index = function (doc) { arrive("index", doc); };
  api.plan = function (id, doc) { arrive("plan:" + id, doc); };

  api.loadIndex = function () { return load("index", "data/index.js", "计划目录"); };
  api.loadPlan = function (id) {
    if (typeof id !== "string" || !ID.test(id)) return fail("计划编号 “" + id + "” 格式不对。");
    return load("plan:" + id, "data/plans/" + id + ".js", "计划 “" + id + "” ");
  };
  api.root = ROOT;  // the site root's URL, for links to pages named in the data (url fields)
})();
