/* 撤销:移除、清空或重置之后,提示条写明做了什么,并有“撤销”按钮,停留 30 秒(或到下一次);按钮、或焦点
 * 不在文本框中时按 Ctrl+Z(Mac 上 ⌘Z),把原来的内容原样放回。我的计划页、计划页和学习路径页共用这一个。
 *
 *   var bar = WP.undo.bar(el, {say, away})   el: the page's .wp-undo (macros/core/templates/tools.j2)
 *                                            say(message): tells "已撤销。"; away(): where the keyboard
 *                                            goes when the bar closes on its own while it had it
 *   bar.offer("已移除“…”。", putBack[, {focus: false}])   putBack() puts it back and saves
 *   bar.undo()
 *   WP.undo.page()        the page's one bar, made on first use (plan and track pages)
 *   WP.minePage.undo(page)   我的计划's: page.undo.offer(message, putBack)
 *
 * The keyboard goes to 撤销 at once (unless {focus: false}, for a field the person is leaving): a
 * key pressed again (Enter, Space, a held key repeating) puts the thing back instead of removing or
 * resetting a second time.
 */
(function () {
  "use strict";
  var WP = window.WP;
  var STAYS = 30000;

  function typing(el) { return !!(el && el.closest && el.closest("input, textarea, select, [contenteditable]")); }

  function bar(el, on) {
    var words = el.querySelector(".wp-undo-text"), button = el.querySelector("button"), last = null, timer = 0;
    function close() {
      last = null;
      el.hidden = true;
      clearTimeout(timer);
    }
    function offer(message, putBack, opts) {
      last = putBack;
      words.textContent = message;
      el.hidden = false;
      clearTimeout(timer);
      timer = setTimeout(function () {
        var had = document.activeElement === button;
        close();
        if (had && on.away) on.away();  // the keyboard is not left nowhere
      }, STAYS);
      if (!opts || opts.focus !== false) button.focus();
    }
    function undo() {
      var putBack = last;
      if (!putBack) return;
      var had = document.activeElement === button;
      close();
      putBack(had);
      if (on.say) on.say("已撤销。");
    }
    button.addEventListener("click", undo);
    document.addEventListener("keydown", function (e) {
      if (!last || e.altKey || e.shiftKey || !(e.ctrlKey || e.metaKey) || (e.key || "").toLowerCase() !== "z") return;
      if (typing(e.target)) return;  // a text box's own undo
      e.preventDefault();
      undo();
    });
    return { offer: offer, undo: undo };
  }

  // a plan or track page: its toast says 已撤销, the keyboard goes back to where it came from
  var one = null;
  function page() {
    if (one) return one;
    var el = document.querySelector(".wp-undo"), toast = document.querySelector(".wp-toast");
    var from = null;
    one = bar(el, {
      say: function (m) {
        toast.textContent = m;
        setTimeout(function () { if (toast.textContent === m) toast.textContent = ""; }, 4000);
      },
      away: function () { if (from && document.contains(from)) from.focus(); }
    });
    var offer = one.offer;
    one.offer = function (message, putBack, opts) {
      from = document.activeElement;
      offer(message, function (had) { putBack(); if (had && from && document.contains(from)) from.focus(); }, opts);
    };
    return one;
  }

  WP.undo = { bar: bar, page: page, STAYS: STAYS };
  WP.minePage = WP.minePage || {};
  WP.minePage.undo = function (p) {
    return bar(document.querySelector(".wp-undo"), {
      say: p.say, away: function () { p.root.querySelector("#mine-parts").focus(); }
    });
  };
})();
