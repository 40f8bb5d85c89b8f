/* 按需加载其他模块:只在第一次需要时加入 <script src>(同一个模块只加载一次)。
 *
 *   WP.load(["plan-export"]).then(function () { … })   // the module, after what it needs
 *   WP.soon(root, selector, start)   // start() when a match in root is first pointed at or focused
 *   var get = WP.once(start)         // get() -> start()'s promise, made again only after it failed
 *
 * Names are entries of the manifest of browser modules (macros/site/modules.yml); the build writes
 * the files each one brings (its stylesheets and the modules it needs first, in order) into
 * assets/wp/modules.js, which this fetches with the first module asked for (WP.modules). Plain script tags work from a folder (file://) and
 * under the site's Content-Security-Policy (script-src 'self'). A plan page needs its export
 * modules only when someone copies or downloads: its toolbars ask for them when first approached
 * (WP.soon in worksheet.js), so a click finds them ready. From here: path.js on the pages that show a path,
 * the 加入我的计划 buttons' modules and the search's no-result suggestions (below), each only
 * where and when it is needed.
 */
(function () {
  "use strict";
  var WP = window.WP = window.WP || {};
  var me = document.currentScript && document.currentScript.src;
  var ASSETS = me ? me.replace(/[^\/]*(?:[?#].*)?$/, "") + "../" : "";  // assets/ (this is assets/wp/bundle.js)
  var TABLE = "wp/modules.js";
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

  // A script under assets/, added once; rejects (and can be tried again) when it cannot be fetched.
  function script(file) {
    pending[file] = pending[file] || WP.once(function () {
      return new Promise(function (resolve, reject) {
        // on the page: its own tag, or a page's bundle of modules holding it (data-modules)
        if (document.querySelector("script[src$='/" + file + "'],script[data-modules~='" + file + "']")) {
          return resolve();  // already on the page
        }
        var tag = document.createElement("script");
        tag.src = ASSETS + file;
        tag.async = false;
        tag.onload = function () { resolve(); };
        tag.onerror = function () {
          tag.remove();
          reject(new Error("无法加载页面组件 assets/" + file + ",请确认网站文件完整后重试"));
        };
        document.head.appendChild(tag);
      });
    });
    return pending[file]();
  }

  // A stylesheet under assets/, added once; resolves when it applies (or failed: the script it
  // serves still works, only plainer).
  function style(file) {
    if (document.querySelector("link[rel=stylesheet][href$='/" + file + "']")) return Promise.resolve();
    return new Promise(function (resolve) {
      var link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = ASSETS + file;
      link.onload = link.onerror = function () { resolve(); };
      document.head.appendChild(link);
    });
  }

  // The table of modules (assets/wp/modules.js, written by the build from the manifest): fetched
  // with the first module asked for, so pages that ask for none never download it.
  var table = WP.once(function () {
    return script(TABLE).then(function () { return WP.modules; });
  });

  // The modules named, each after its stylesheets and the modules it needs (the build wrote that
  // order into the table), one file after another; a file fetched before is not fetched again.
  // Every name asked for is in the table (tests/test_modules.py reads the calls).
  WP.load = function (names) {
    return table().then(function (modules) {
      return names.reduce(function (files, name) { return files.concat(modules[name]); }, [])
        .reduce(function (chain, file) {
          return chain.then(function () { return /\.css$/.test(file) ? style(file) : script(file); });
        }, Promise.resolve());
    });
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

  // Modules a kind of button needs, fetched when one is first pointed at or focused (WP.soon), or
  // when the returned want() is called (saved data has something to show); a press that comes
  // before they are here is held and given to the button again once ready() has run, so none is
  // lost. failed(err): say why they could not be fetched (a later press tries again).
  WP.firstUse = function (root, selector, names, ready, failed) {
    var done = false, held = null;
    var load = WP.once(function () {
      return WP.load(names).then(function () {
        ready();
        done = true;
        if (held) { var b = held; held = null; b.click(); }
      }, function (err) { held = null; failed(err); throw err; });
    });
    function want() { return load().catch(function () { /* said by failed() */ }); }
    WP.soon(root, selector, want);
    root.addEventListener("click", function (e) {
      var b = !done && e.target.closest(selector);
      if (b) { held = b; want(); }
    });
    return want;
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
    var pickModules = WP.firstUse(area, ".wp-pick", ["pick"], function () {}, function (err) { toast(err.message); });
    if (WP.store.keys().indexOf("mine") >= 0) pickModules();
    window.addEventListener("storage", function (e) { if (e.key === mineKey) pickModules(); });
  }

  // The search's suggestions for a query that finds nothing (assets/search/closest.js): fetched
  // when the search box first gets focus, which every way of opening the search does.
  WP.soon(document, "input.md-search__input", function () {
    WP.load(["closest"]).catch(function () { /* Material's own message */ });
  });

  // path.js (onboarding tracks) only where a path shows: a track page, the home page's progress of
  // started tracks, or a page opened from a step (…?path=<track>&step=k or …?share=…&step=k).
  // Every other page is spared its download; this script is deferred, so the markup is all there.
  // Its stylesheet (assets/path.css, named in the manifest) comes first, so the bar is never shown
  // unstyled; track pages link it in their head.
  if (document.querySelector(".wp-track-head[data-track], .wp-track-started[data-track]") ||
      /[?&]step=/.test(location.search)) {
    WP.load(["path"]).catch(function () { /* the page as it is, as path.js itself does */ });
  }
})();
