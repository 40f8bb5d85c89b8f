/* 我的计划页面的撤销:移除一节或一项措施后,页面底部的提示条写明移除了什么,并有“撤销”按钮,停留 30 秒
 * (或到下一次移除);按钮、或焦点不在文本框中时按 Ctrl+Z(Mac 上 ⌘Z),把移除的内容放回原处。
 *
 *   var undo = WP.minePage.undo(page);   page: {root, say}
 *   undo.offer("已移除“…”。", putBack)   putBack() puts it back and saves
 *
 * The keyboard goes to 撤销 at once: a key pressed again (Enter, Space, a held key repeating) puts
 * the removed thing back instead of removing a second one.
 */
(function () {
  "use strict";
  var WP = window.WP;
  var P = WP.minePage = WP.minePage || {};
  var STAYS = 30000;

  function typing(el) { return !!(el && el.closest && el.closest("input, textarea, select, [contenteditable]")); }

  P.undo = function (page) {
    var bar = page.root.querySelector(".wp-undo"), words = bar.querySelector(".wp-undo-text");
    var button = bar.querySelector("button"), last = null, timer = 0;

    function close() {
      last = null;
      bar.hidden = true;
      clearTimeout(timer);
    }
    function offer(message, putBack) {
      last = putBack;
      words.textContent = message;
      bar.hidden = false;
      clearTimeout(timer);
      timer = setTimeout(function () {
        var away = document.activeElement === button;
        close();
        if (away) page.root.querySelector("#mine-parts").focus();  // the keyboard is not left nowhere
      }, STAYS);
      button.focus();
    }
    function undo() {
      var putBack = last;
      if (!putBack) return;
      close();
      putBack();
      page.say("已撤销。");
    }
    button.addEventListener("click", undo);
    document.addEventListener("keydown", function (e) {
      if (!last || e.altKey || e.shiftKey || !(e.ctrlKey || e.metaKey) || (e.key || "").toLowerCase() !== "z") return;
      if (typing(e.target)) return;  // a text box's own undo
      e.preventDefault();
      undo();
    });
    return { offer: offer, undo: undo };
  };
})();
