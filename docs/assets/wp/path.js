/* 入职学习路径:路径页面上的“已完成”进度,计划页面上的路径条(第 k / n 步、上一步、下一步、返回路径),
 * 以及首页上已开始路径的进度。
 *
 * A step's link on a track page is the section's published deep link with the path in its query:
 *   plans/teller.html?path=new-teller-first-week&step=3#skills-basics
 * The plan page stays the same page with or without it; this script reads the two parameters,
 * finds the track and step in the published index (WP.data.loadIndex: a <script src>, so it also
 * works from file://) and shows the bar, cloned from <template id="wp-path-bar"> (overrides/
 * partials/path-bar.html), after the step's heading. Anything it cannot match — an unknown track,
 * a step out of range, a step that is not on this page — shows the page as it is, silently.
 * No server state: the path travels in the links.
 *
 * Progress is saved with WP.store under "track:<track id>", read as
 *   {"done": {"<plan id>#<section id>": true}, "saved": "<ISO time>"}
 * keyed by the canonical ref of what a step points at, so reordering or inserting steps keeps the
 * ticks, and a section renamed with `aliases:` keeps them too (the step's earlier refs still count;
 * the next save writes the new ref). The track page's markup carries each step's keys
 * (data-key, data-old-keys); the bar and the home page read them from the index.
 */
(function () {
  "use strict";
  var WP = window.WP = window.WP || {};
  var ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
  var STEP = /^[1-9][0-9]{0,3}$/;
  var MSG = {
    off: "浏览器已禁用本地存储,学习进度无法保存。本次访问中仍可标记已完成,但离开页面后不会保留。",
    full: "浏览器存储空间已满,学习进度无法保存。本次访问中仍可标记已完成,但离开页面后不会保留。",
    corrupt: "之前保存的学习进度已损坏,无法读取,已从头开始;新的标记会重新保存。"
  };

  function each(list, fn) { Array.prototype.forEach.call(list, fn); }
  // the published index, with the data module loaded first (load.js)
  function index() { return WP.load(["data"]).then(function () { return WP.data.loadIndex(); }); }

  // The saved progress of one track (store.js keeps it as entries "done/<ref>" and "saved").
  var TRACK = WP.store.groups({ done: WP.store.isTrue });

  function open(trackId) { return WP.store.open("track:" + trackId, TRACK); }

  // steps: [{key, old: [refs]}] -> [true/false] from a saved record
  function flags(steps, record) {
    var done = record.done || {};
    return steps.map(function (s) {
      return [s.key].concat(s.old).some(function (k) { return done[k] === true; });
    });
  }
  function record(steps, marks) {
    var done = {};
    steps.forEach(function (s, i) { if (marks[i]) done[s.key] = true; });
    return { done: done, saved: new Date().toISOString() };
  }
  function count(marks) { return marks.filter(Boolean).length; }

  function indexSteps(track) {
    return track.steps.map(function (s) { return { key: s.ref, old: s.old_refs || [] }; });
  }

  // A warning line (role=alert) that shows each problem once.
  function warner(line) {
    var shown = "";
    return function (problem) {
      if (!line || problem === shown) return;
      shown = problem;
      line.textContent = problem ? MSG[problem] : "";
      line.hidden = !problem;
    };
  }

  /* ---------- track page: 已完成 per step, 已完成 k/n, reset ---------- */
  function trackPage(head) {
    var trackId = head.dataset.track, title = head.dataset.title;
    var items = Array.prototype.slice.call(document.querySelectorAll("ol.wp-track > li.wp-step"));
    var steps = items.map(function (li) {
      return { key: li.dataset.key, old: (li.dataset.oldKeys || "").split(" ").filter(Boolean) };
    });
    var boxes = items.map(function (li) { return li.querySelector("input.wp-step-check"); });
    var text = head.querySelector(".wp-progress-text"), bar = head.querySelector(".wp-progress progress");
    var toast = head.querySelector(".wp-toast");
    var warn = warner(head.querySelector(".wp-warning"));
    var store = open(trackId);

    function show(marks) {
      boxes.forEach(function (b, i) { b.checked = marks[i]; items[i].classList.toggle("wp-step--done", marks[i]); });
      var n = count(marks);
      text.textContent = "已完成 " + n + "/" + steps.length;
      text.parentNode.classList.toggle("wp-progress--done", n === steps.length);
      bar.value = n;
    }
    function current() { return boxes.map(function (b) { return b.checked; }); }
    function load(data) {
      if (data.problem) warn(data.problem);
      show(flags(steps, data));
    }
    head.parentNode.addEventListener("change", function (e) {
      if (!e.target.matches("input.wp-step-check")) return;
      var marks = current();
      show(marks);
      var problem = store.write(record(steps, marks));
      warn(problem || "");
    });
    var reset = head.querySelector("button[data-act='track-reset']");
    WP.soon(head, "button[data-act='track-reset']", function () { WP.load(["undo"]).catch(function () {}); });
    reset.addEventListener("click", function () { clear(store, steps, title, { show: show, load: load, warn: warn, toast: toast, current: current }); });
    store.watch(load);
    load(store.read());
  }

  // 重置进度: at once, no question; 撤销 (undo.js) puts the saved record back exactly. undo.js is
  // fetched first (without it nothing is cleared); nothing done yet: nothing happens.
  var clearing = false;
  function clear(store, steps, title, on) {
    if (clearing) return;
    clearing = true;
    WP.load(["undo"]).then(function () {
      clearing = false;
      var was = store.read();
      if (was.problem) was = record(steps, on.current());
      if (!Object.keys(was.done || {}).some(function (k) { return was.done[k] === true; })) {
        on.toast.textContent = "“" + title + "”还没有已完成的步骤,没有可清除的进度。";
        return;
      }
      store.clear();
      on.warn("");
      on.show(steps.map(function () { return false; }));
      WP.undo.page().offer("已清除“" + title + "”的学习进度。", function () {
        on.warn(store.write(was) || "");
        on.load(store.read());
      });
    }, function (err) {
      clearing = false;
      on.toast.textContent = "无法重置(" + err.message + "),学习进度没有改动。";
    });
  }

  /* ---------- plan page: the path bar ---------- */
  function stepHref(track, j) {
    var parts = track.steps[j - 1].url.split("#");
    return WP.data.root + parts[0] + "?path=" + encodeURIComponent(track.id) + "&step=" + j + "#" + parts[1];
  }
  function samePage(url) {
    try { return new URL(WP.data.root + url, location.href).pathname === location.pathname; } catch (e) { return false; }
  }

  // Which step of the track this page shows: the one named in the link when it is on this page,
  // otherwise (a step moved since the link was made) the step whose section the address names.
  function findStep(track, k) {
    var step = track.steps[k - 1];
    if (step && samePage(step.url.split("#")[0])) return k;
    var anchor = decodeURIComponent(location.hash.slice(1)), found = 0;
    track.steps.forEach(function (s, i) {
      if (!found && s.anchor === anchor && samePage(s.url.split("#")[0])) found = i + 1;
    });
    return found;
  }

  // Where the bar goes: after a section's heading (and the heading's toolbar); in a measure, after
  // its words (before its sub-measures). Always below the anchor the browser scrolled to, so the
  // bar is in view on arrival.
  function place(target, bar) {
    if (/^H[1-6]$/.test(target.tagName)) {
      var after = target;
      while (after.nextElementSibling && after.nextElementSibling.matches(".wp-tools--section, .wp-aliases")) after = after.nextElementSibling;
      after.after(bar);
    } else if (target.tagName === "LI") {
      target.insertBefore(bar, target.querySelector(":scope > ul, :scope > ol"));
    } else {
      target.after(bar);
    }
  }

  // opts (a shared selection, see sharePath): {href(j), back, progress: false}
  function showBar(template, track, k, opts) {
    opts = opts || {};
    var hrefOf = opts.href || function (j) { return stepHref(track, j); };
    var back = opts.back || WP.data.root + track.url + "#step-" + k;
    var step = track.steps[k - 1], n = track.steps.length;
    var target = document.getElementById(step.anchor);
    if (!target || !target.closest("article")) return;
    var bar = template.content.firstElementChild.cloneNode(true);
    var q = function (sel) { return bar.querySelector(sel); };
    bar.dataset.track = track.id;
    bar.dataset.step = String(k);
    q(".wp-path-track").textContent = track.title;
    q(".wp-path-track").href = back;
    q(".wp-path-count").textContent = "第 " + k + " / " + n + " 步";
    q(".wp-path-note").textContent = step.note;
    q(".wp-path-back").href = back;
    var prev = q(".wp-path-prev"), next = q(".wp-path-next");
    if (k > 1) {
      prev.href = hrefOf(k - 1);
      prev.title = "第 " + (k - 1) + " 步:" + track.steps[k - 2].heading;
    } else prev.remove();
    if (k < n) {
      next.href = hrefOf(k + 1);
      next.title = "第 " + (k + 1) + " 步:" + track.steps[k].heading;
    } else next.remove();

    if (opts.progress === false) {  // a shared selection has no saved progress of its own
      q(".wp-path-done").remove();
      place(target, bar);
      return;
    }
    var steps = indexSteps(track), store = open(track.id), box = q(".wp-path-check");
    var warn = warner(q(".wp-warning"));
    var marks = [];
    function load(data) {
      if (data.problem) warn(data.problem);
      marks = flags(steps, data);
      box.checked = marks[k - 1];
      bar.classList.toggle("wp-path--done", marks[k - 1]);
    }
    box.addEventListener("change", function () {
      marks[k - 1] = box.checked;
      bar.classList.toggle("wp-path--done", box.checked);
      warn(store.write(record(steps, marks)) || "");
    });
    store.watch(load);
    load(store.read());
    place(target, bar);
  }

  function pathBar(template) {
    var params = new URLSearchParams(location.search);
    var trackId = params.get("path"), k = params.get("step"), code = params.get("share");
    if (code && k && STEP.test(k)) return sharePath(template, code, +k);
    if (!trackId || !ID.test(trackId) || !k || !STEP.test(k)) return;
    index().then(function (index) {
      var track = (index.tracks || []).filter(function (t) { return t.id === trackId; })[0];
      var found = track && findStep(track, +k);
      if (found && !document.querySelector("nav.wp-path")) showBar(template, track, found);
    }, function () { /* no index: the page as it is */ });
  }

  /* ---------- a 我的计划 share link read as a path ---------- */
  // plans/x.html?share=<the link's selection>&step=k#section: the bar walks the shared sections in
  // the sender's order (mine.html offers the first step); back leads to the shared selection.
  function sharePath(template, code, k) {
    WP.load(["data", "plandoc", "sharelink"]).then(function () {
      var shared = WP.sharelink.decode(code);
      if (shared.error) return null;
      var ids = shared.parts.map(function (p) { return p.plan; }).filter(function (id, i, all) { return all.indexOf(id) === i; });
      return Promise.all(ids.map(function (id) {
        return WP.data.loadPlan(id).then(function (d) { return d; }, function () { return null; });
      })).then(function (datas) {
        var plans = {};
        datas.forEach(function (d) { if (d) plans[d.id] = d; });
        var steps = shared.parts.map(function (p) {
          var data = plans[p.plan], node = data && WP.plandoc.find(data, p.section);
          return node ? { url: data.url + "#" + node.id, anchor: node.id, heading: node.heading,
                          note: data.page_title + " · " + node.heading } : null;
        }).filter(Boolean);
        var track = { id: "", title: "收到的计划选择", steps: steps };
        var found = steps.length && findStep(track, k);
        if (!found || document.querySelector("nav.wp-path")) return null;
        showBar(template, track, found, {
          progress: false,
          back: WP.data.root + "mine.html#share=" + code,
          href: function (j) {
            var parts = steps[j - 1].url.split("#");
            return WP.data.root + parts[0] + "?share=" + encodeURIComponent(code) + "&step=" + j + "#" + parts[1];
          }
        });
        return null;
      });
    }).catch(function () { /* the page as it is */ });
  }

  /* ---------- home page: progress of started tracks ---------- */
  function home(spans) {
    index().then(function (index) {
      each(spans, function (span) {
        var track = (index.tracks || []).filter(function (t) { return t.id === span.dataset.track; })[0];
        if (!track) return;
        var data = open(track.id).read();
        var n = data.problem ? 0 : count(flags(indexSteps(track), data));
        span.hidden = n === 0;
        span.textContent = n === track.steps.length ? "已全部完成(" + n + "/" + n + ")" : "已完成 " + n + "/" + track.steps.length;
      });
    }, function () { /* no index: nothing to show */ });
  }

  function init() {
    var head = document.querySelector(".wp-track-head[data-track]");
    if (head) trackPage(head);
    var template = document.getElementById("wp-path-bar");
    if (template) pathBar(template);
    var spans = document.querySelectorAll(".wp-track-started[data-track]");
    if (spans.length) home(spans);
  }

  WP.path = { kind: TRACK, MSG: MSG };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
