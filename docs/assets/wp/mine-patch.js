/* 我的计划页面的局部更新:把页面上已有的元素改成新画出的样子,只改不同的地方;正在输入的文本框和打开的编辑框不动。
 *
 *   WP.minePage.patch(old, fresh)   old (in the page) takes fresh's attributes, values and children;
 *                                   children with data-key are matched by key (moved, not rebuilt)
 *   WP.minePage.kept(el)            true when el holds the focused text box, an open editor
 *                                   ([data-wp-editing]) or an open panel ([data-wp-open], a
 *                                   measure's ⋯ 状态): it is never replaced, emptied or removed
 *   WP.minePage.holdsWork(el)       true when el holds text typed in the focused box or an open editor:
 *                                   a part removed elsewhere stays on the page while so
 *   WP.minePage.place(parent, el, before)   moves el, keeping focus (and a text box's caret) in it
 *   WP.minePage.focusState() / .refocus(state)   the focused control before an update, and after it
 *                                   the same control again (or, when it went, its nearest neighbour)
 *
 * The focused text box keeps its text, caret and focus; an open inline editor is left as it is;
 * everything around them is updated.
 */
(function () {
  "use strict";
  var WP = window.WP;
  var P = WP.minePage = WP.minePage || {};

  function isTextBox(el) {
    return !!el && ((el.tagName === "INPUT" && !/^(checkbox|radio|button|submit|reset|file|range|color)$/.test(el.type)) ||
      el.tagName === "TEXTAREA" || el.isContentEditable);
  }
  function focusedTextBox() { var a = document.activeElement; return isTextBox(a) ? a : null; }
  function kept(el) {
    if (el.nodeType !== 1) return false;
    var box = focusedTextBox();
    if (box && el.contains(box)) return true;
    return el.hasAttribute("data-wp-editing") || el.hasAttribute("data-wp-open") || !!el.querySelector("[data-wp-editing], [data-wp-open]");
  }
  // Something the person typed (the focused text box holds text) or an open editor: a part removed
  // elsewhere stays while so. An empty box being focused is not work to keep: the part goes and the
  // keyboard moves to its neighbour.
  function holdsWork(el) {
    if (el.nodeType !== 1) return false;
    var box = focusedTextBox();
    if (box && el.contains(box) && (box.isContentEditable ? box.textContent : box.value) !== "") return true;
    return el.hasAttribute("data-wp-editing") || !!el.querySelector("[data-wp-editing]");
  }
  function keyOf(n) { return n.nodeType === 1 ? n.getAttribute("data-key") : null; }

  // moveBefore keeps focus where the browser has it; elsewhere focus and caret are put back
  function place(parent, el, before) {
    if (el.parentNode === parent && el.nextSibling === before) return;
    if (typeof parent.moveBefore === "function" && el.isConnected && parent.isConnected) {
      try { parent.moveBefore(el, before || null); return; } catch (e) { /* not movable: insert */ }
    }
    var state = el.contains(document.activeElement) ? focusState() : null;
    parent.insertBefore(el, before || null);
    if (state) refocus(state);
  }

  function attributes(old, fresh) {
    var i, a;
    for (i = old.attributes.length - 1; i >= 0; i--) {
      a = old.attributes[i].name;
      if (!fresh.hasAttribute(a)) old.removeAttribute(a);
    }
    for (i = 0; i < fresh.attributes.length; i++) {
      a = fresh.attributes[i];
      if (old.getAttribute(a.name) !== a.value) old.setAttribute(a.name, a.value);
    }
    if (old.tagName === "INPUT") {
      if (old.checked !== fresh.checked) old.checked = fresh.checked;
      if (old.value !== fresh.value && old !== document.activeElement) old.value = fresh.value;
    }
  }

  function patch(old, fresh) {
    if (old.nodeType !== fresh.nodeType || old.nodeName !== fresh.nodeName) {
      if (!kept(old)) old.parentNode.replaceChild(fresh, old);
      return;
    }
    if (old.nodeType !== 1) {
      if (old.nodeValue !== fresh.nodeValue) old.nodeValue = fresh.nodeValue;
      return;
    }
    if (old.hasAttribute("data-wp-editing")) return;  // an open editor: its own
    if (old === focusedTextBox()) {  // the person's text stays; what it is for may change
      if (old.placeholder !== fresh.placeholder) old.placeholder = fresh.placeholder;
      return;
    }
    attributes(old, fresh);
    children(old, fresh);
  }

  function children(old, fresh) {
    var want = Array.prototype.slice.call(fresh.childNodes), have = Array.prototype.slice.call(old.childNodes);
    var keyed = want.some(keyOf), byKey = Object.create(null), used = [];
    if (keyed) have.forEach(function (c) { var k = keyOf(c); if (k) byKey[k] = c; });
    var cursor = old.firstChild;
    want.forEach(function (n, i) {
      var match = keyed ? byKey[keyOf(n)] : have[i];
      if (match && match.parentNode === old) {
        if (keyed && match !== cursor) place(old, match, cursor);
        cursor = match.nextSibling;
        used.push(match);
        patch(match, n);
      } else old.insertBefore(n, cursor);
    });
    have.forEach(function (c) {
      if (used.indexOf(c) < 0 && c.parentNode === old && !kept(c)) old.removeChild(c);
    });
  }

  /* ---------- focus ---------- */
  function role(el) {
    var names = ["data-part", "data-entry", "data-field", "data-header"];
    for (var i = 0; i < names.length; i++) {
      if (el.hasAttribute(names[i])) return "[" + names[i] + "='" + el.getAttribute(names[i]) + "']";
    }
    return el.classList.length ? "." + el.classList[0] : el.tagName.toLowerCase();
  }
  function neighbours(el, sel) {
    var out = [];
    if (!el) return out;
    for (var n = el.nextElementSibling; n && out.length < 2; n = n.nextElementSibling) if (keyOf(n)) out.push(keyOf(n));
    for (var p = el.previousElementSibling; p && out.length < 4; p = p.previousElementSibling) if (keyOf(p)) out.push(keyOf(p));
    return out.map(function (k) { return { key: k, sel: sel }; });
  }
  // where the keyboard is now, and where it can go if that control is gone
  function focusState() {
    var a = document.activeElement;
    if (!a || a === document.body) return null;
    var state = { el: a, start: null, end: null, tries: [] };
    try { if (isTextBox(a) && a.selectionStart !== undefined) { state.start = a.selectionStart; state.end = a.selectionEnd; } } catch (e) { /* no caret */ }
    var entry = a.closest(".wp-entry"), part = a.closest(".wp-part"), sel = role(a);
    if (entry && part) {
      state.tries.push({ part: keyOf(part), key: keyOf(entry), sel: sel });
      neighbours(entry, sel).forEach(function (t) { t.part = keyOf(part); state.tries.push(t); });
    }
    if (part) {
      state.tries.push({ part: keyOf(part), sel: part.contains(a) && !entry ? sel : "[data-part=rename]" });
      neighbours(part, "[data-part=rename]").forEach(function (t) { state.tries.push({ part: t.key, sel: t.sel }); });
    }
    return state;
  }
  function find(t) {
    var part = document.querySelector(".wp-part[data-key='" + t.part + "']");
    if (!part) return null;
    var where = t.key && t.key !== t.part ? part.querySelector(".wp-entry[data-key='" + t.key + "']") : part;
    return where && (where.querySelector(t.sel + ":not([hidden]):not(:disabled)") ||
      where.querySelector("button:not([hidden]):not(:disabled), input"));
  }
  function refocus(state) {
    if (!state) return;
    var el = state.el;
    if (!el.isConnected) {
      el = null;
      for (var i = 0; i < state.tries.length && !el; i++) el = find(state.tries[i]);
      el = el || document.getElementById("mine-parts");
    }
    if (!el || document.activeElement === el) return;
    el.focus({ preventScroll: true });
    if (el === state.el && state.start !== null) {
      try { el.setSelectionRange(state.start, state.end); } catch (e) { /* no caret */ }
    }
  }

  P.patch = patch;
  P.kept = kept;
  P.holdsWork = holdsWork;
  P.place = place;
  P.isTextBox = isTextBox;
  P.focusState = focusState;
  P.refocus = refocus;
})();
