/* 每项措施的跟进:措施旁的“⋯ 状态”打开一个小面板(状态、截止日期、负责人、备注),修改后立即保存;
 * 措施旁的一行短字说明状态和截止日期(进行中 · 截止 2026-12-15 · 已逾期 · 负责人:张三)。
 *
 *   var f = WP.follow.plan(ctx)   a plan page (worksheet.js). ctx: {article, read() -> the record as
 *                                 the page holds it, save(change(record), box?) -> the page's own save}
 *   f.show(record)                every measure's short text (and the open panel) as record says
 *   WP.follow.mine(page)          我的计划 (mine.js): sets WP.minePage.followText(row, box, own),
 *                                 which mine-render.js calls for each measure it draws; -> the
 *                                 keys of the parts drawn already that have follow-ups to show
 *
 * The rules (the tick is 已完成, 已逾期, what a bad date says) are WP.tracking's (tracking.js); the
 * panel is the page's <template id="wp-follow-panel"> (macros/core/templates/follow.j2), cloned next
 * to the button pressed, one open at a time. A status is saved when chosen, a date when it is
 * complete, 负责人 and 备注 a moment after typing stops, when the box is left and when the panel is
 * closed. Esc or 收起 closes it and gives the keyboard back to the button. Both pages save through
 * their usual path, so the other groups of the record (ticks, values, figures) are kept.
 */
(function () {
  "use strict";
  var WP = window.WP, T = WP.tracking;
  var open = null, made = 0, PAUSE = 800, SHORT = 16;

  function each(list, fn) { Array.prototype.forEach.call(list, fn); }
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }

  /* ---------- the short text beside a measure ---------- */
  // 已完成 is the tick: said only with a deadline or a person, as the box shows it already
  function pieces(status, f, today) {
    var out = [];
    if (status !== "todo" && (status !== "done" || f.due || f.owner)) out.push({ text: T.NAMES[status] });
    if (f.due) out.push({ text: "截止 " + f.due });
    if (T.overdue(status, f.due, today)) out.push({ text: "已逾期", late: true });
    if (f.owner) out.push({ text: "负责人:" + f.owner });
    if (f.note) out.push({ text: "备注:" + (f.note.length > SHORT ? f.note.slice(0, SHORT) + "…" : f.note) });
    return out;
  }
  function paint(span, status, f) {
    var list = pieces(status, f, T.today());
    var said = list.map(function (p) { return p.text; }).join(" · ");
    if (span.textContent === said && span.hidden === !said) return;  // unchanged: not laid out again
    while (span.firstChild) span.removeChild(span.firstChild);
    list.forEach(function (p, i) {
      if (i) span.appendChild(document.createTextNode(" · "));
      span.appendChild(p.late ? el("strong", p.text, "wp-follow-late") : document.createTextNode(p.text));
    });
    span.hidden = !said;
  }

  /* ---------- the panel ---------- */
  function fill(panel, now) {
    each(panel.querySelectorAll("input[type=radio]"), function (r) { r.checked = r.value === now.status; });
    each(panel.querySelectorAll("[data-follow]"), function (i) {
      if (i !== document.activeElement && i.value !== now.follow[i.dataset.follow]) i.value = now.follow[i.dataset.follow];
    });
  }
  function problem(o, text) {
    var p = o.panel.querySelector(".wp-follow-error");
    p.textContent = text || "";
    p.hidden = !text;
  }
  // one box of the panel saved, if it says something new; a date only when it is a real day
  function commit(o, input, typed) {
    var k = input.dataset.follow, v = (typed === undefined ? input.value : typed).trim();
    clearTimeout(o.timer);
    if (k === "due") {
      if (input.validity && input.validity.badInput) return problem(o, "截止日期不完整:请把年、月、日都填上,或清空。");
      var d = v ? T.day(v) : { day: "" };
      if (d.error) return problem(o, d.error);
      problem(o, "");
      v = d.day;
    }
    if (o.side.get().follow[k] === v) return;
    var change = {};
    change[k] = v;
    o.side.follow(change);
  }
  function flush(o) {
    each(o.panel.querySelectorAll("[data-follow=owner], [data-follow=note]"), function (i) { commit(o, i); });
  }
  function close(back) {
    var o = open;
    if (!o) return;
    flush(o);
    open = null;
    var inside = o.panel.contains(document.activeElement);
    if (o.panel.parentNode) o.panel.parentNode.removeChild(o.panel);
    var b = o.button();
    if (!b) return;
    b.setAttribute("aria-expanded", "false");
    b.removeAttribute("aria-controls");
    if (back || inside) b.focus();
  }
  function wire(o) {
    var panel = o.panel;
    panel.addEventListener("change", function (e) {
      var box = e.target;
      if (box.type === "radio") o.side.status(box.value);
      else if (box.dataset.follow) {
        var typed = box.value;  // as typed now: a status chosen meanwhile fills the panel again
        soon(function () { commit(o, box, typed); });
      }
    });
    panel.addEventListener("input", function (e) {
      if (e.target.dataset.follow === "due") return;
      clearTimeout(o.timer);
      o.timer = setTimeout(function () { if (open === o) commit(o, e.target); }, PAUSE);
    });
    panel.addEventListener("keydown", function (e) {
      if (e.key !== "Escape") return;
      e.preventDefault();
      e.stopPropagation();
      close(true);
    });
    panel.querySelector("[data-follow-close]").addEventListener("click", function () { close(true); });
  }
  // the panel of the measure `key`, put into host before `before`; side: {get, status, follow}
  function show(button, host, before, key, side, find) {
    close(false);
    var panel = document.getElementById("wp-follow-panel").content.firstElementChild.cloneNode(true);
    panel.id = "wp-follow-" + (++made);
    each(panel.querySelectorAll("input[type=radio]"), function (r) { r.name = panel.id + "-status"; });
    panel.setAttribute("data-wp-open", "");  // 我的计划 draws around it, never over it (mine-patch.js)
    fill(panel, side.get());
    host.insertBefore(panel, before || null);
    button.setAttribute("aria-expanded", "true");
    button.setAttribute("aria-controls", panel.id);
    open = { panel: panel, key: key, side: side, timer: 0, button: find };
    wire(open);
  }
  function toggle(key, start) {
    var was = open && open.key === key;
    if (was) close(true); else start();
  }
  function refill() { if (open) fill(open.panel, open.side.get()); }
  // A text box is saved when it loses focus, which a press on a status does: the press's button
  // goes down, the save shows its note and redraws the line above the panel (it may wrap), and the
  // release would land beside the status, so the press is lost. While a pointer is down the save
  // and the redraw wait for its release (and the click that follows it).
  var pressed = false, waiting = [];
  function soon(fn) { if (pressed) waiting.push(fn); else fn(); }
  function released() {
    pressed = false;
    setTimeout(function () { var now = waiting; waiting = []; now.forEach(function (fn) { fn(); }); }, 0);
  }
  document.addEventListener("pointerdown", function () { pressed = true; }, true);
  document.addEventListener("pointerup", released, true);
  document.addEventListener("pointercancel", released, true);
  window.addEventListener("pagehide", function () { if (open) flush(open); });
  document.addEventListener("keydown", function (e) {  // Esc on the button of the open panel closes it too
    if (e.key !== "Escape" || !open || document.activeElement !== open.button()) return;
    e.preventDefault();
    close(true);
  });

  /* ---------- a plan page ---------- */
  function itemIds(li) {
    var ids = [li.id];
    each(li.querySelectorAll(":scope > .wp-alias[id]"), function (a) { ids.push(a.id); });
    return ids;
  }
  function planText(li) {
    var span = li.querySelector(":scope > .wp-follow-text");
    if (!span) {
      span = el("span", "", "wp-follow-text");
      span.hidden = true;
      li.insertBefore(span, li.querySelector(":scope > .wp-pick, :scope > .wp-follow"));
    }
    return span;
  }
  function planSide(ctx, li, redraw) {
    var box = li.querySelector(":scope > input.wp-check"), ids = itemIds(li);
    return {
      get: function () { var r = ctx.read(); return { status: T.status(r, ids), follow: T.follow(r, ids) }; },
      status: function (s) {
        box.checked = s === "done";
        ctx.save(function (r) { T.setStatus(r, ids, s); }, box);
        soon(redraw);
      },
      follow: function (change) {
        ctx.save(function (r) { T.setFollow(r, ids, change); });
        soon(redraw);
      }
    };
  }
  function plan(ctx) {
    var items = Array.prototype.filter.call(ctx.article.querySelectorAll("li.wp-item"), function (li) {
      return li.querySelector(":scope > .wp-follow") && li.querySelector(":scope > input.wp-check");
    });
    function showAll(record) {
      items.forEach(function (li) {
        var ids = itemIds(li), f = T.follow(record, ids), s = T.status(record, ids);
        var span = li.querySelector(":scope > .wp-follow-text");
        if (span || s !== "todo" || f.due || f.owner || f.note) paint(planText(li), s, f);
      });
      refill();
    }
    function redraw() { showAll(ctx.read()); }
    ctx.article.addEventListener("click", function (e) {
      var b = e.target.closest("button.wp-follow"), li = b && b.closest("li.wp-item");
      if (!li) return;
      toggle(li.id, function () {
        show(b, li, b.nextSibling, li.id, planSide(ctx, li, redraw), function () { return b; });
      });
    });
    return { show: showAll };
  }

  /* ---------- 我的计划 ---------- */
  function boxIds(box) {
    var first = box.dataset.item;
    return [first].concat((box.dataset.ids || "").split(" ").filter(function (i) { return i && i !== first; }));
  }
  function keyed(list, key, name) {
    for (var i = 0; i < (list || []).length; i++) if (list[i][name] === key) return list[i];
    return null;
  }
  // where a row's measure lives now (read again each time: an import or another tab replaces it)
  function target(page, partKey, rowKey, box) {
    var s = page.session;
    if (box.dataset.plan) return { plan: box.dataset.plan, rec: s.record(box.dataset.plan), ids: boxIds(box) };
    var part = keyed(s.state.parts, partKey, "key");
    return { part: part, own: part && keyed(part.own, rowKey.slice(2), "key") };
  }
  function nowOf(t) {
    if (t.rec) return { status: T.status(t.rec, t.ids), follow: T.follow(t.rec, t.ids) };
    return t.own ? { status: T.ownStatus(t.own), follow: T.ownFollow(t.own) } : { status: "todo", follow: T.ownFollow({}) };
  }
  function mineSide(page, row, box) {
    var partKey = row.closest(".wp-part").dataset.key, rowKey = row.dataset.key || "", boxId = box.id;
    function change(fn) {
      var t = target(page, partKey, rowKey, document.getElementById(boxId) || box), s = page.session;
      if (!t.rec && !t.own) { close(false); return page.say("这项措施已不在我的计划中,跟进没有保存。"); }
      fn(t);
      if (t.rec) s.savePlan(t.plan); else s.save([t.part.key]);
      soon(function () { redrawMine(page, t.plan, partKey); refill(); });
    }
    return {
      get: function () { return nowOf(target(page, partKey, rowKey, document.getElementById(boxId) || box)); },
      status: function (st) {
        change(function (t) { if (t.rec) T.setStatus(t.rec, t.ids, st); else T.setOwnStatus(t.own, st); });
      },
      follow: function (c) {
        change(function (t) { if (t.rec) T.setFollow(t.rec, t.ids, c); else T.setOwnFollow(t.own, c); });
      }
    };
  }
  // the parts that show the plan's record (a tick or a status of a picked measure), or the one part
  function redrawMine(page, planId, partKey) {
    var keys = planId ? page.session.state.parts.filter(function (p) { return p.plan === planId; }).map(function (p) { return p.key; }) : [partKey];
    page.view.render(null, keys);
  }
  function mineButton(row) { return row.querySelector(":scope > .wp-follow, :scope > .wp-entry-tools > .wp-follow"); }
  // -> the keys of the parts that have follow-ups to show: only they are drawn again now
  function mine(page) {
    var P = WP.minePage, s = page.session;
    P.followText = function (row, box, own) {
      var t = own ? { own: own } : { rec: page.session.record(box.dataset.plan), ids: boxIds(box) }, now = nowOf(t);
      paint(row.querySelector(":scope > .wp-follow-text"), now.status, now.follow);
      if (open && open.key === box.id) {
        mineButton(row).setAttribute("aria-expanded", "true");
        mineButton(row).setAttribute("aria-controls", open.panel.id);
      }
    };
    page.root.addEventListener("click", function (e) {
      var b = e.target.closest("button.wp-follow"), row = b && b.closest("li.wp-item");
      var box = row && row.querySelector(":scope > input.wp-check");
      if (!box) return;
      var key = box.id;
      toggle(key, function () {
        show(b, row.querySelector(":scope > .wp-follow-host") || row, null, key, mineSide(page, row, box), function () {
          var now = document.getElementById(key);
          return now ? mineButton(now.closest("li.wp-item")) : null;
        });
      });
    });
    page.root.addEventListener("click", function (e) {  // a measure or a part removed: its panel first
      if (open && e.target.closest("button[data-entry=remove], button[data-part=remove]")) close(false);
    }, true);
    page.root.addEventListener("change", function (e) {  // a tick (saved by mine-edit.js): its text and panel
      var box = e.target.matches("input.wp-check") ? e.target : null;
      if (!box || !box.closest(".wp-part")) return;
      redrawMine(page, box.dataset.plan, box.closest(".wp-part").dataset.key);
      refill();
    });
    return s.state.parts.filter(function (p) {
      var rec = p.plan && s.records[p.plan];
      return (rec && rec.track && Object.keys(rec.track).length) || (p.own || []).some(function (o) { return o.track; });
    }).map(function (p) { return p.key; });
  }

  WP.follow = { plan: plan, mine: mine, pieces: pieces };
})();
