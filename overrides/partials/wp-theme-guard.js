/* Guard for the theme's saved state on locked-down desktops.
 *
 * Material keeps its own state (colour palette, remembered tabs, …) through two helpers that its
 * inline head script defines: __md_get(key, storage?, scope?) and __md_set(key, value, storage?, scope?).
 * __md_get reads window.localStorage and JSON.parse()s the value without a guard, so it throws when a
 * browser policy blocks site data (reading localStorage raises a SecurityError), when localStorage is
 * null or missing, and when a saved value is damaged; the palette script and the theme's bundle then
 * stop half-way and search never starts. This file loads right after those helpers and before any
 * caller (overrides/main.html, block extrahead, inline) and replaces them with
 * versions that never throw: a value that cannot be read, or that has the wrong shape, reads as
 * "nothing saved"; a write that fails is dropped. The theme then runs for the visit without saved
 * state. Nothing is deleted: a damaged value stays where it is until the theme overwrites it.
 */
(function () {
  "use strict";
  var get = window.__md_get, set = window.__md_set;
  if (typeof get !== "function" || typeof set !== "function") return;  // tests/test_storage_modes.py notices

  function isMap(v) { return v !== null && typeof v === "object" && !Array.isArray(v); }
  function strings(o) {
    return isMap(o) && Object.keys(o).every(function (k) { return typeof o[k] === "string"; });
  }
  // The shapes the theme's code relies on, per key it uses.
  var SHAPE = {
    __palette: function (v) {
      return isMap(v) && Number.isInteger(v.index) && v.index >= 0 && (v.color === undefined || strings(v.color));
    },
    __tabs: function (v) { return Array.isArray(v) && v.every(function (s) { return typeof s === "string"; }); },
    __consent: isMap,
    __source: isMap,
    __announce: function (v) { return typeof v === "number"; },
    __outdated: function (v) { return typeof v === "boolean"; }
  };

  window.__md_get = function (key) {
    var value;
    try { value = get.apply(this, arguments); } catch (e) { return null; }
    var fits = SHAPE[key];
    return value === null || !fits || fits(value) ? value : null;
  };
  window.__md_set = function () {
    try { set.apply(this, arguments); } catch (e) { /* storage blocked or full: keep it for this visit only */ }
  };
})();
