/* 我的计划页面的就地编辑:改标题、改写措施时,文本框和“保存”“取消”按钮出现在原处,不弹出对话框。
 *
 *   var inline = WP.minePage.inline(page)   page: {view, say}
 *   inline.open(spec)   spec: {
 *     kind: "heading" (a one-line box: Enter saves) | "measure" (a text area: Ctrl+Enter saves),
 *     label, text        what the box is called and holds at first
 *     locate()           -> {anchor, opener} in the list as drawn now, or null: the editor takes the
 *                           anchor's place (hidden while it is open); focus goes back to opener
 *     was                what storage held when the editor opened
 *     stored()           -> what storage holds now (read afresh), null when it is gone
 *     value(text)        what storage would hold after saving text
 *     write(text)        saves text (the session writes only the changed entries) and draws the list
 *     other(value)       the words to show for another tab's value }
 *   Esc or 取消 closes it, nothing written.
 *
 * While open, the editor's element carries data-wp-editing. When the list is drawn again (another
 * tab saved, a tick elsewhere), the same editor, with what was typed and where the caret was, is
 * put back in its place. If another tab changed the same words since the editor opened, saving
 * says so (冲突) and shows both; the person keeps theirs or takes the other tab's.
 * Markup: the <template id="wp-inline-template"> of macros/core/templates/mine.md.j2.
 */
(function () {
  "use strict";
  var WP = window.WP;
  var P = WP.minePage = WP.minePage || {};

  function make(spec) {
    var box = document.getElementById("wp-inline-template").content.firstElementChild.cloneNode(true);
    var keep = spec.kind === "heading" ? "input" : "textarea";
    Array.prototype.forEach.call(box.querySelectorAll(".wp-inline-text, [data-for]"), function (t) {
      if ((t.dataset.for || t.tagName.toLowerCase()) !== keep) t.remove();
    });
    var text = box.querySelector(".wp-inline-text");
    text.id = "wp-inline-" + Date.now().toString(36);
    box.querySelector(".wp-inline-label").htmlFor = text.id;
    box.querySelector(".wp-inline-label").textContent = spec.label;
    text.value = spec.text;
    box.setAttribute("data-wp-editing", spec.kind);
    return { spec: spec, box: box, text: text, opener: null, anchor: null };
  }

  // into the list as drawn now; false when its place is gone
  function place(ed) {
    var at = ed.spec.locate();
    if (!at) return false;
    if (ed.anchor && ed.anchor !== at.anchor) ed.anchor.hidden = false;
    ed.anchor = at.anchor;
    ed.opener = at.opener;
    at.anchor.hidden = true;
    at.anchor.parentNode.insertBefore(ed.box, at.anchor.nextSibling);
    return true;
  }

  function conflict(ed, theirs) {
    var c = ed.box.querySelector(".wp-inline-conflict");
    c.querySelector(".wp-inline-theirs").textContent = theirs === null ? "(已被移除)" : ed.spec.other(theirs);
    c.querySelector(".wp-inline-mine").textContent = ed.text.value;
    c.querySelector("[data-inline=theirs]").textContent = theirs === null ? "放弃我的改动" : "采用另一个标签页的";
    c.querySelector("[data-inline=mine]").hidden = theirs === null;
    c.hidden = false;
    ed.theirs = theirs;
    (theirs === null ? c.querySelector("[data-inline=theirs]") : c.querySelector("[data-inline=mine]")).focus();
  }

  P.inline = function (page) {
    var open = null;

    function close(focus) {
      var ed = open;
      if (!ed) return;
      open = null;
      if (ed.anchor) ed.anchor.hidden = false;
      ed.box.remove();
      if (focus && ed.opener && document.contains(ed.opener)) ed.opener.focus();
    }
    // 保存: unless another tab changed the same words meanwhile (then both are shown)
    function save(ed, force) {
      var value = ed.text.value;
      if (!value.trim() && ed.spec.kind === "measure") { ed.text.focus(); return page.say("措施不能为空;不想要这项措施请用“移除”。"); }
      var now = ed.spec.stored();
      if (!force && now !== ed.spec.was && (now === null || now !== ed.spec.value(value))) {
        page.view.render();  // what storage holds now, the editor kept in its place
        return conflict(ed, now);
      }
      if (now === null) return close(true);
      open = null;
      ed.box.remove();
      ed.spec.write(value);
    }
    function act(ed, which) {
      if (which === "save" || which === "mine") return save(ed, which === "mine");
      if (which === "theirs") { close(false); page.view.render(); var at = ed.spec.locate(); if (at) at.opener.focus(); return page.say("已采用另一个标签页的内容。"); }
      close(true);
    }
    function keys(ed, e) {
      if (e.key === "Escape") { e.preventDefault(); close(true); return; }
      if (e.key !== "Enter" || e.target !== ed.text || e.isComposing) return;
      if (ed.spec.kind === "heading" || e.ctrlKey || e.metaKey) { e.preventDefault(); save(ed, false); }
    }

    // the list drawn again: the open editor goes back in its place, with the caret where it was
    var render = page.view.render;
    page.view.render = function (focus, only) {
      var ed = open, typing = ed && ed.box.contains(document.activeElement) ? document.activeElement : null;
      var from = ed && ed.text.selectionStart, to = ed && ed.text.selectionEnd;
      render.call(page.view, focus, only);
      if (!ed || open !== ed || document.contains(ed.box)) return;
      if (!place(ed)) { close(false); return page.say("另一个标签页移除了正在编辑的内容,你的改动无法保存。"); }
      if (typing && (!document.activeElement || document.activeElement === document.body)) {
        typing.focus();
        if (typing === ed.text) ed.text.setSelectionRange(from, to);
      }
    };

    return {
      open: function (spec) {
        if (open) { open.text.focus(); return page.say("请先保存或取消正在编辑的内容。"); }
        var ed = make(spec);
        if (!place(ed)) return;
        open = ed;
        ed.box.addEventListener("keydown", function (e) { keys(ed, e); });
        ed.box.addEventListener("click", function (e) {
          var b = e.target.closest("button[data-inline]");
          if (b) act(ed, b.dataset.inline);
        });
        ed.text.focus();
        ed.text.setSelectionRange(ed.text.value.length, ed.text.value.length);
      },
      isOpen: function () { return !!open; }
    };
  };
})();
