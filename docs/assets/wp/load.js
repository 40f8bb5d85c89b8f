/* 按需加载其他模块:只在第一次需要时加入 <script src>(同一个模块只加载一次)。
 *
 *   WP.load(["export", "plandoc"]).then(function () { … })
 *
 * Names are files of this folder (assets/wp/<name>.js), loaded in the given order. Plain script
 * tags work from a folder (file://) and under the site's Content-Security-Policy (script-src 'self').
 * A plan page needs its export modules only when someone copies or downloads: its toolbars ask for
 * them when first approached (worksheet.js), so a click finds them ready. path.js is loaded from here
 * on the pages that show a path (below).
 */
(function () {
  "use strict";
  var WP = window.WP = window.WP || {};
  var me = document.currentScript && document.currentScript.src;
  var BASE = me ? me.replace(/load\.js(?:[?#].*)?$/, "") : "";
  var pending = {};

  function one(name) {
    if (!pending[name]) {
      pending[name] = new Promise(function (resolve, reject) {
        var existing = document.querySelector("script[src$='/wp/" + name + ".js']");
        if (existing && existing !== document.currentScript && existing.dataset.loaded !== "0") {
          return resolve();  // already on the page
        }
        var tag = document.createElement("script");
        tag.src = BASE + name + ".js";
        tag.async = false;
        tag.onload = function () { resolve(); };
        tag.onerror = function () {
          delete pending[name];
          tag.remove();
          reject(new Error("无法加载页面组件 assets/wp/" + name + ".js,请确认网站文件完整后重试"));
        };
        document.head.appendChild(tag);
      });
    }
    return pending[name];
  }

  WP.load = function (names) {
    return names.reduce(function (chain, name) {
      return chain.then(function () { return one(name); });
    }, Promise.resolve());
  };

  // path.js (onboarding tracks) only where a path shows: a track page, the home page's progress of
  // started tracks, or a page opened from a step (…?path=<track>&step=k or …?share=…&step=k).
  // Every other page is spared its download; this script is deferred, so the markup is all there.
  if (document.querySelector(".wp-track-head[data-track], .wp-track-started[data-track]") ||
      /[?&]step=/.test(location.search)) {
    WP.load(["path"]).catch(function () { /* the page as it is, as path.js itself does */ });
  }
})();
