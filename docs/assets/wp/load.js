/* 按需加载其他模块:只在第一次需要时加入 <script src>(同一个模块只加载一次)。
 *
 *   WP.load(["export", "plandoc"]).then(function () { … })
 *
 * Names are files of this folder (assets/wp/<name>.js), loaded in the given order. Plain script
 * tags work from a folder (file://) and under the site's Content-Security-Policy (script-src 'self').
 * A plan page needs its export modules only when someone copies or downloads: its toolbars ask for
 * them when first approached (worksheet.js), so a click finds them ready. From here: path.js on the
 * pages that show a path, the 加入我的计划 buttons' modules and the search's no-result suggestions
 * (below), each only where and when it is needed.
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

  // A stylesheet of assets/ (assets/<name>.css) added once; resolves when it applies (or failed:
  // the script it serves still works, only plainer).
  function style(name) {
    if (document.querySelector("link[rel=stylesheet][href$='/" + name + ".css'], link[rel=stylesheet][href='" + name + ".css']")) {
      return Promise.resolve();
    }
    return new Promise(function (resolve) {
      var link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = BASE + "../" + name + ".css";
      link.onload = link.onerror = function () { resolve(); };
      document.head.appendChild(link);
    });
  }

  WP.load = function (names) {
    return names.reduce(function (chain, name) {
      return chain.then(function () { return one(name); });
    }, Promise.resolve());
  };

  function toast(text) {
    var box = document.querySelector(".wp-toast");
    if (box) box.textContent = text;
  }

  // 加入我的计划 on a plan page: pick.js with the record it edits (mine-state.js). At once when
  // something is saved in 我的计划 (the buttons must show what is picked); otherwise when a button is
  // first pointed at or focused, or another tab saves 我的计划. A click that comes before the modules
  // is held and given to them once they are here, so no press is lost.
  var pick = document.querySelector(".wp-pick");
  if (pick) {
    var area = pick.closest("article") || document.body;
    var picking = null, ready = false, held = null;
    var pickModules = function () {
      picking = picking || WP.load(["mine-state", "pick"]).then(function () {
        ready = true;
        if (held) { var b = held; held = null; b.click(); }
      }, function (err) { picking = null; held = null; toast(err.message); });
    };
    if (WP.store && WP.store.keys().indexOf("mine") >= 0) pickModules();
    ["pointerover", "focusin"].forEach(function (type) {
      area.addEventListener(type, function (e) {
        if (!ready && e.target.closest && e.target.closest(".wp-pick")) pickModules();
      });
    });
    area.addEventListener("click", function (e) {
      var b = !ready && e.target.closest && e.target.closest(".wp-pick");
      if (b) { held = b; pickModules(); }
    });
    window.addEventListener("storage", function (e) { if (e.key === "wp:v1:mine") pickModules(); });
  }

  // The search's suggestions for a query that finds nothing (assets/search/closest.js): fetched
  // when the search box first gets focus, which every way of opening the search does.
  var box = document.querySelector("input.md-search__input");
  if (box) {
    var suggest = function () { WP.load(["../search/closest"]).catch(function () { /* Material's own message */ }); };
    if (document.activeElement === box) suggest();
    else box.addEventListener("focus", suggest, { once: true });
  }

  // path.js (onboarding tracks) only where a path shows: a track page, the home page's progress of
  // started tracks, or a page opened from a step (…?path=<track>&step=k or …?share=…&step=k).
  // Every other page is spared its download; this script is deferred, so the markup is all there.
  // Its stylesheet (assets/path.css) comes first, so the bar is never shown unstyled; track pages
  // link it in their head.
  if (document.querySelector(".wp-track-head[data-track], .wp-track-started[data-track]") ||
      /[?&]step=/.test(location.search)) {
    style("path").then(function () { return WP.load(["path"]); })
      .catch(function () { /* the page as it is, as path.js itself does */ });
  }
})();
