/* 按需加载其他模块:只在第一次需要时加入 <script src>(同一个模块只加载一次)。
 *
 *   WP.load(["export", "plandoc"]).then(function () { … })
 *   WP.soon(root, selector, start)   // start() when a match in root is first pointed at or focused
 *   var get = WP.once(start)         // get() -> start()'s promise, made again only after it failed
 *
 * Names are files of this folder (assets/wp/<name>.js), loaded in the given order. Plain script
 * tags work from a folder (file://) and under the site's Content-Security-Policy (script-src 'self').
 * A plan page needs its export modules only when someone copies or downloads: its toolbars ask for
 * them when first approached (WP.soon in worksheet.js), so a click finds them ready. From here: path.js on the
 * pages that show a path, the 加入我的计划 buttons' modules and the search's no-result suggestions
 * (below), each only where and when it is needed.
 */
(function () {
  "use strict";
  var WP = window.WP = window.WP || {};
  var me = document.currentScript && document.currentScript.src;
  var BASE = me ? me.replace(/[^\/]*(?:[?#].*)?$/, "") : "";  // this folder (also from assets/wp/bundle.js)
  var pending = {};

  // A function that returns start()'s promise, calling start() only the first time, or again once
  // that promise failed: whatever could not be fetched is fetched again on the next try.
  WP.once = function (start) {
    var promise = null;
    return function () {
      if (!promise) {
        promise = start();
        promise.catch(function () { promise = null; });
      }
      return promise;
    };
  };

  function one(name) {
    pending[name] = pending[name] || WP.once(function () {
      return new Promise(function (resolve, reject) {
        var existing = document.querySelector("script[src$='/wp/" + name + ".js']");
        if (existing && existing !== document.currentScript && existing.dataset.loaded !== "0") {
          return resolve();  // already on the page
        }
        var tag = document.createElement("script");
        tag.src = BASE + name + ".js";
        tag.async = false;
        tag.onload = function () { resolve(); };
        tag.onerror = function () {
          tag.remove();
          reject(new Error("无法加载页面组件 assets/wp/" + name + ".js,请确认网站文件完整后重试"));
        };
        document.head.appendChild(tag);
      });
    });
    return pending[name]();
  }

  // A stylesheet of assets/ (assets/<name>.css) added once; resolves when it applies (or failed:
  // the script it serves still works, only plainer).
  function style(name) {
    if (document.querySelector("link[rel=stylesheet][href$='/" + name + ".css']")) return Promise.resolve();
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

  // Calls start() once: when something in root that matches selector is first pointed at or gets
  // focus (the moment before a click or a key press), or at once if it has focus already. Modules
  // are fetched while the hand moves, so the click finds them ready.
  WP.soon = function (root, selector, start) {
    var started = false;
    function approach(e) {
      if (started || !(e.target.closest && e.target.closest(selector))) return;
      started = true;
      root.removeEventListener("pointerover", approach);
      root.removeEventListener("focusin", approach);
      start();
    }
    root.addEventListener("pointerover", approach);
    root.addEventListener("focusin", approach);
    if (document.activeElement && root.contains(document.activeElement)) approach({ target: document.activeElement });
  };

  function toast(text) {
    var box = document.querySelector(".wp-toast");
    if (box) box.textContent = text;
  }

  // 加入我的计划 on a plan page: pick.js with the record it edits (mine-state.js). At once when
  // something is saved in 我的计划 (the buttons must show what is picked); otherwise when a button is
  // first approached, or another tab saves 我的计划. A click that comes before the modules is held
  // and given to them once they are here, so no press is lost.
  var pick = document.querySelector(".wp-pick");
  if (pick) {
    var area = pick.closest("article") || document.body;
    var mineKey = WP.store.open("mine").key;
    var ready = false, held = null;
    var pickModules = WP.once(function () {
      return WP.load(["mine-state", "pick"]).then(function () {
        ready = true;
        if (held) { var b = held; held = null; b.click(); }
      }, function (err) { held = null; toast(err.message); throw err; });
    });
    if (WP.store.keys().indexOf("mine") >= 0) pickModules();
    WP.soon(area, ".wp-pick", pickModules);
    area.addEventListener("click", function (e) {
      var b = !ready && e.target.closest(".wp-pick");
      if (b) { held = b; pickModules(); }
    });
    window.addEventListener("storage", function (e) { if (e.key === mineKey) pickModules(); });
  }

  // The search's suggestions for a query that finds nothing (assets/search/closest.js): fetched
  // when the search box first gets focus, which every way of opening the search does.
  WP.soon(document, "input.md-search__input", function () {
    WP.load(["../search/closest"]).catch(function () { /* Material's own message */ });
  });

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
