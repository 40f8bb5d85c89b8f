/* 本地保存:每个计划的勾选和填写,以及浏览器禁止或无法保存时的说明。
 *
 *   var s = WP.store.open("teller");  // key "wp:v1:teller"
 *   s.read()   -> {items, fields, saved} or {problem: "off" | "corrupt"}
 *   s.write(state) -> "" when saved, otherwise "off" or "full"
 *   s.clear()
 *   WP.store.MSG[problem]  the Chinese notice for a problem
 *
 * Saved as {"items": {"<item id>": true}, "fields": {"<field id>": "value"}, "saved": "<ISO time>"}.
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

  function Store(name) {
    this.key = PREFIX + name;
    this.ls = storage();
  }
  Store.prototype.read = function () {
    if (!this.ls) return { problem: "off" };
    var raw, data;
    try { raw = this.ls.getItem(this.key); } catch (e) { return { problem: "off" }; }
    if (raw === null) return {};
    try { data = JSON.parse(raw); } catch (e) { return { problem: "corrupt" }; }
    if (!isMap(data) || (has(data, "items") && !isMap(data.items)) ||
        (has(data, "fields") && !isMap(data.fields))) return { problem: "corrupt" };
    var items = {}, fields = {};
    Object.keys(data.items || {}).forEach(function (k) { if (data.items[k] === true) items[k] = true; });
    Object.keys(data.fields || {}).forEach(function (k) {
      if (typeof data.fields[k] === "string") fields[k] = data.fields[k].slice(0, 200);
    });
    return { items: items, fields: fields, saved: typeof data.saved === "string" ? data.saved : "" };
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

  WP.store = {
    open: function (name) { return new Store(name); },
    MSG: {
      off: "浏览器已禁用本地存储,进度无法保存。本次访问中仍可勾选和填写,离开前请复制或下载。",
      full: "浏览器存储空间已满,进度无法保存。本次访问中仍可勾选和填写,离开前请复制或下载。",
      corrupt: "之前保存的进度数据已损坏,无法读取,已从空白开始;新的勾选和填写会重新保存。"
    }
  };
})();
