/* 本地保存:每个计划的勾选和填写(以及其他功能的保存数据),和浏览器禁止或无法保存时的说明。
 *
 *   var s = WP.store.open("teller");            // key "wp:v1:teller", the plan state shape
 *   var t = WP.store.open("track:x", shape);    // any other saved record, checked by shape(data)
 *   s.read()   -> the record (for plans {items, fields, saved}) or {problem: "off" | "corrupt"}
 *   s.write(record) -> "" when saved, otherwise "off" or "full"
 *   s.clear(); s.watch(callback)                // callback(read()) when another tab saves it
 *   WP.store.MSG[problem]  the Chinese notice for a problem
 *   WP.store.keys()        every name saved under the prefix (for backups)
 *
 * A plan is saved as {"items": {"<item id>": true}, "fields": {"<field id>": "value"}, "saved": "<ISO time>"}.
 * A shape function returns the cleaned record, or null when the saved value cannot be used.
 * Every failure a locked-down browser can produce is an answer here, never an exception: storage
 * blocked by policy (reading window.localStorage throws), null or missing, full on write, and a
 * damaged value (unreadable JSON or wrong shapes: the readable parts are used).
 */
(function () {
  "use strict";
  var WP = window.WP = window.WP || {};
  var PREFIX = "wp:v1:";

  function isMap(v) { return v !== null && typeof v === "object" && !Array.isArray(v); }
  function has(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }

  // window.localStorage, or null where it is blocked, null, missing or unusable.
  function storage() {
    try {
      var ls = window.localStorage;
      if (!ls || typeof ls.getItem !== "function") return null;
      ls.getItem(PREFIX);
      return ls;
    } catch (e) {
      return null;
    }
  }

  // The saved state of one plan: ticks and values by stable id; wrongly shaped entries are dropped.
  function planShape(data) {
    if (!isMap(data) || (has(data, "items") && !isMap(data.items)) ||
        (has(data, "fields") && !isMap(data.fields))) return null;
    var items = {}, fields = {};
    Object.keys(data.items || {}).forEach(function (k) { if (data.items[k] === true) items[k] = true; });
    Object.keys(data.fields || {}).forEach(function (k) {
      if (typeof data.fields[k] === "string") fields[k] = data.fields[k].slice(0, 200);
    });
    return { items: items, fields: fields, saved: typeof data.saved === "string" ? data.saved : "" };
  }

  function Store(name, shape) {
    this.key = PREFIX + name;
    this.shape = shape || planShape;
    this.ls = storage();
  }
  // -> the cleaned record, {} when nothing is saved, or {problem}.
  Store.prototype.read = function () {
    if (!this.ls) return { problem: "off" };
    var raw, data;
    try { raw = this.ls.getItem(this.key); } catch (e) { return { problem: "off" }; }
    if (raw === null) return {};
    try { data = this.shape(JSON.parse(raw)); } catch (e) { data = null; }
    if (data !== null) return data;
    // unreadable: a copy of the raw text is kept once under "damaged:<name>" before anything
    // overwrites it, so nothing a person saved is lost even when it cannot be read here
    try {
      var copy = PREFIX + "damaged:" + this.key.slice(PREFIX.length);
      if (this.ls.getItem(copy) === null) this.ls.setItem(copy, raw);
    } catch (e) { /* full or blocked: the record stays as it is until the next save */ }
    return { problem: "corrupt" };
  };
  Store.prototype.write = function (state) {
    if (!this.ls) return "off";
    try {
      this.ls.setItem(this.key, JSON.stringify(state));
      return "";
    } catch (e) {
      return e && (e.name === "QuotaExceededError" || e.code === 22 || e.code === 1014) ? "full" : "off";
    }
  };
  Store.prototype.clear = function () {
    try { if (this.ls) this.ls.removeItem(this.key); } catch (e) { /* nothing to clear */ }
  };
  // Calls back with a fresh read() when another tab of this site saves the same key.
  Store.prototype.watch = function (callback) {
    var self = this;
    window.addEventListener("storage", function (e) {
      if (e.key === self.key) callback(self.read());
    });
  };

  function keys() {
    var ls = storage(), out = [];
    if (!ls) return out;
    try {
      for (var i = 0; i < ls.length; i++) {
        var k = ls.key(i);
        if (k && k.indexOf(PREFIX) === 0) out.push(k.slice(PREFIX.length));
      }
    } catch (e) { /* blocked half-way: what was listed */ }
    return out.sort();
  }

  WP.store = {
    open: function (name, shape) { return new Store(name, shape); },
    planShape: planShape,
    keys: keys,
    available: function () { return storage() !== null; },
    isMap: isMap,
    MSG: {
      off: "浏览器已禁用本地存储,进度无法保存。本次访问中仍可勾选和填写,离开前请复制或下载。",
      full: "浏览器存储空间已满,进度无法保存。本次访问中仍可勾选和填写,离开前请复制或下载。",
      corrupt: "之前保存的进度数据已损坏,无法读取,已从空白开始;新的勾选和填写会重新保存。"
    }
  };
})();
