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
 *     other(value)       the words to show for another tab's value
 *     gone()             -> {what: "这一节" | "这项措施", back: the put-back button's words}
 *     putBack(text)      puts the removed part or measure back, with text saved in it, and draws }
 *   Esc or 取消 closes it, nothing written.
 *
 * While open, the editor's element carries data-wp-editing. When the list is drawn again (another
 * tab saved, a tick elsewhere), the same editor, with what was typed and where the caret was, is
 * put back in its place. If another tab changed the same words since the editor opened, saving
 * says so (冲突) and shows both; the person keeps theirs or takes the other tab's.
 *
 * If another tab removed the part (or the measure) being edited, the typed text is never thrown
 * away: the editor stays open, with the text and the caret, just above the list, and says that
 * 另一个标签页 removed it. The person chooses: 放回这一节 (or 放回这项措施) puts the part back as
 * this page last showed it, with the edit saved in it: the other tab's removal left only a
 * tombstone, and putting back is the person's explicit choice, made while looking at what they
 * typed; 复制文字 puts the text on the clipboard (the editor stays open); 放弃我的改动 closes it.
 * Nothing is put back on its own: the other tab's removal may have been meant. Should the other
 * tab bring the part back (its 撤销), the editor returns into it and the notice goes.
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
    return { spec: spec, box: box, text: text, opener: null, anchor: null, gone: false };
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

  // its place removed by another tab: the editor stays, with the text, just above the list
  function orphan(list, ed) {
    ed.anchor = null;
    ed.opener = null;
    if (ed.box.nextSibling !== list) list.parentNode.insertBefore(ed.box, list);
  }
  function notice(ed, gone) {
    var g = ed.box.querySelector(".wp-inline-gone");
    ed.gone = gone;
    g.hidden = !gone;
    ed.box.querySelector(".wp-inline-main").hidden = gone;
    if (!gone) return;
    var words = ed.spec.gone();
    g.querySelector(".wp-inline-what").textContent = words.what;
    g.querySelector("[data-inline=back]").textContent = words.back;
    ed.box.querySelector(".wp-inline-conflict").hidden = true;
  }

  function conflict(ed, theirs) {
    var c = ed.box.querySelector(".wp-inline-conflict");
    c.querySelector(".wp-inline-theirs").textContent = ed.spec.other(theirs);
    c.querySelector(".wp-inline-mine").textContent = ed.text.value;
    c.hidden = false;
    ed.theirs = theirs;
    c.querySelector("[data-inline=mine]").focus();
  }

  // the list drawn again: the open editor goes back in its place (or above the list, its place
  // removed), with the keyboard and the caret where they were
  function redraw(list, ed, render) {
    var typing = ed.box.contains(document.activeElement) ? document.activeElement : null;
    var from = ed.text.selectionStart, to = ed.text.selectionEnd;
    render();
    // the list keeps a part holding an open editor even when another tab removed it: asked anew
    if (document.contains(ed.box) && !ed.gone && ed.spec.locate()) return;
    if (place(ed)) notice(ed, false);
    else {
      orphan(list, ed);
      if (!ed.gone) notice(ed, true);
      render();  // the removed part, no longer holding the editor, goes
    }
    if (typing && document.contains(typing) && document.activeElement !== typing) {
      typing.focus();
      if (typing === ed.text) ed.text.setSelectionRange(from, to);
    }
  }

  function copyText(page, ed) {
    var text = ed.text.value;
    ed.text.focus();
    ed.text.select();  // whatever happens, the text is selected: Ctrl+C copies it
    var done = WP.share ? WP.share.copy(text) : Promise.resolve(false);
    done.then(function (ok) {
      page.say(ok ? "已复制你输入的文字。" : "无法自动复制;文字已选中,请按 Ctrl+C 复制。");
    }, function () { page.say("无法自动复制;文字已选中,请按 Ctrl+C 复制。"); });
  }

  function keys(ed, e, close, save) {
    if (e.key === "Escape") { e.preventDefault(); close(true); return; }
    if (e.key !== "Enter" || e.target !== ed.text || e.isComposing) return;
    if (ed.spec.kind === "heading" || e.ctrlKey || e.metaKey) { e.preventDefault(); save(ed, false); }
  }

  P.inline = function (page) {
    var open = null, list = page.view.list;

    function close(focus) {
      var ed = open;
      if (!ed) return;
      open = null;
      if (ed.anchor) ed.anchor.hidden = false;
      var had = ed.box.contains(document.activeElement);
      ed.box.remove();
      if (focus && ed.opener && document.contains(ed.opener)) ed.opener.focus();
      else if (focus || had) document.getElementById("mine-parts").focus();  // never to <body>
    }
    function empty(ed) {
      if (ed.text.value.trim() || ed.spec.kind !== "measure") return false;
      ed.text.focus();
      page.say("措施不能为空;不想要这项措施请用“移除”。");
      return true;
    }
    // 保存: unless another tab changed (or removed) the same words meanwhile
    function save(ed, force) {
      if (empty(ed)) return;
      var value = ed.text.value, now = ed.spec.stored();
      if (now === null) {  // removed: the editor stays, the person chooses what happens
        notice(ed, true);
        page.view.render();
        if (!ed.box.contains(document.activeElement)) ed.box.querySelector("[data-inline=back]").focus();
        return;
      }
      if (!force && now !== ed.spec.was && now !== ed.spec.value(value)) {
        page.view.render();  // what storage holds now, the editor kept in its place
        return conflict(ed, now);
      }
      open = null;
      ed.box.remove();
      ed.spec.write(value);
    }
    function act(ed, which) {
      if (which === "save" || which === "mine") return save(ed, which === "mine");
      if (which === "copy") return copyText(page, ed);
      if (which === "back") {
        if (empty(ed)) return;
        open = null;
        ed.box.remove();
        return ed.spec.putBack(ed.text.value);
      }
      if (which !== "theirs") return close(true);
      close(false);
      page.view.render();
      var at = ed.spec.locate();
      if (at) at.opener.focus();
      page.say("已采用另一个标签页的内容。");
    }

    var render = page.view.render;
    page.view.render = function (focus, only) {
      var ed = open;
      if (!ed) return render.call(page.view, focus, only);
      redraw(list, ed, function () { render.call(page.view, focus, only); });
    };

    return {
      open: function (spec) {
        if (open) { open.text.focus(); return page.say("请先保存或取消正在编辑的内容。"); }
        var ed = make(spec);
        if (!place(ed)) return;
        open = ed;
        ed.box.addEventListener("keydown", function (e) { if (open === ed) keys(ed, e, close, save); });
        ed.box.addEventListener("click", function (e) {
          var b = e.target.closest("button[data-inline]");
          if (b && open === ed) act(ed, b.dataset.inline);
        });
        ed.text.focus();
        ed.text.setSelectionRange(ed.text.value.length, ed.text.value.length);
      },
      isOpen: function () { return !!open; }
    };
  };
})();
