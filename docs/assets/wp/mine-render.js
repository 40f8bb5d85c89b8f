/* 我的计划页面的章节列表:从挑选的内容和计划数据画出每一节、每项措施(勾选框、句中的填空框、说明),以及进度。
 *
 *   var v = WP.minePage.view({session, root, tools})
 *   v.render(focus, only)   the list brought up to date, part by part (keyed by part key): a part's
 *                       element is drawn once and updated in place (mine-patch.js) only when its
 *                       values, its plan's data or its plan's ticks and values (s.planRev) change;
 *                       order changes move elements, removed parts' elements go. only: what changed
 *                       (part keys, "mine" for the order), as mine-state.js's write() names it;
 *                       without it every part's signature is compared. The focused control keeps
 *                       the keyboard (or its nearest neighbour, if it went); focus: selectors tried
 *                       in turn after that (a "#id" anywhere, others inside the list)
 *   v.progress(speak, box)   已完成 n/m, counted per part (a tick recounts only box's part);
 *                       speak: read out once the ticking pauses
 *   v.part(key)         the part's element
 *   WP.minePage.text(tag, value, cls)   an element holding text (also for mine-shared.js)
 *   WP.minePage.followText(row, box, own)   set by follow.js once fetched: each measure's 状态 line
 *
 * Markup comes from the page's <template> elements (macros/core/templates/mine.md.j2); this
 * clones them and fills in text. Drawing only: it reads the session, it never changes it.
 */
(function () {
  "use strict";
  var WP = window.WP;
  var P = WP.minePage = WP.minePage || {};

  function clone(id) { return document.getElementById(id).content.firstElementChild.cloneNode(true); }
  function text(tag, value, cls) {
    var e = document.createElement(tag);
    e.textContent = value;
    if (cls) e.className = cls;
    return e;
  }
  P.text = text;

  function label(t, boxId) {
    var l = text("label", t, "wp-item-text");
    l.htmlFor = boxId;
    return l;
  }

  // a fill-in field of a picked measure, holding the plan's saved value
  function fieldInput(f, planId, rec) {
    var input = document.createElement("input");
    input.type = "text";
    input.className = "wp-input";
    input.dataset.plan = planId;
    input.dataset.field = f.id;
    input.placeholder = f.placeholder;
    input.autocomplete = "off";
    input.setAttribute("aria-label", f.label + (f.unit ? "(单位:" + f.unit + ")" : ""));
    input.value = rec.fields[f.id] || "";
    return input;
  }

  // a picked measure in the template's words: text in labels, fields as inputs
  function templateWords(s, host, node, part, boxId) {
    var fields = Object.create(null), rec = record(s, part);
    (s.plans[part.plan].fields || []).forEach(function (f) { fields[f.id] = f; });
    var lab = label("", boxId);
    if (node.lead) lab.appendChild(text("strong", node.lead));
    if (node.lead && node.runs.length) lab.appendChild(document.createTextNode(":"));
    host.appendChild(lab);
    var pending = null;  // a number field's “⋯ 实际值” (figures.js): placed after the unit that follows
    function addText(t) {
      if (host.lastChild && host.lastChild.tagName === "LABEL") host.lastChild.appendChild(document.createTextNode(t));
      else host.appendChild(label(t, boxId));
    }
    function place(t) {
      var cut = t && pending.unit && t.replace(/^\s+/, "").indexOf(pending.unit) === 0 ? t.indexOf(pending.unit) + pending.unit.length : 0;
      if (cut) addText(t.slice(0, cut));
      host.appendChild(pending.ctl);
      pending = null;
      return t.slice(cut);
    }
    node.runs.forEach(function (r) {
      var t = pending ? place(r.field ? "" : r.text) : r.text;
      if (!r.field) { if (t) addText(t); return; }
      var f = fields[r.field] || { id: r.field, label: r.field, placeholder: "____", unit: "" };
      host.appendChild(fieldInput(f, part.plan, rec));
      var ctl = f.kind === "number" && WP.figureControl(part.plan, f);
      if (ctl) pending = { ctl: ctl, unit: f.unit || "" };
    });
    if (pending) place("");
  }
  // a number field's 完成率 and, when open, its panel of 目标值 / 实际值 (figures.js, once loaded)
  function figurePanels(li, rec) {
    if (!WP.figures) return;
    Array.prototype.forEach.call(li.querySelectorAll(".wp-fig-ctl"), function (ctl) {
      if (WP.figures.decorate(ctl, rec)) li.appendChild(WP.figures.panel(rec, WP.figures.meta(ctl.querySelector(".wp-fig-toggle"))));
    });
  }
  // a target picked from a plan's goals: words and figures, nothing to tick or reword
  function targetEntry(li) {
    li.classList.add("wp-entry--target");
    li.removeChild(li.querySelector(".wp-check"));
    li.querySelector("[data-entry=edit]").hidden = true;
    Array.prototype.forEach.call(li.querySelectorAll("label[for]"), function (l) { l.removeAttribute("for"); });
  }

  function words(s, host, e, part, boxId) {
    if (e.kind === "picked" && e.edit === undefined) return templateWords(s, host, e.node, part, boxId);
    host.appendChild(label(e.kind === "own" ? e.text : e.edit !== undefined ? e.edit : e.text, boxId));
  }

  function record(s, part) { return part.plan ? s.record(part.plan) : null; }

  // a checkbox of a picked measure: ticked when any id the measure has had is ticked in its plan
  function planBox(box, part, id, ids, rec) {
    box.dataset.plan = part.plan;
    box.dataset.item = id;
    box.dataset.ids = ids.join(" ");  // unticking clears every id the measure has had
    box.checked = ids.some(function (i) { return rec.items[i] === true; });
  }

  // a picked measure's own sub-measures, ticked in the plan's record like the plan page's
  function subItems(s, li, box, e, part, rec) {
    var sub = document.createElement("ul");
    sub.className = "wp-checklist";
    e.node.items.forEach(function (child, ci) {
      var c = document.createElement("li"), cb = document.createElement("input");
      c.className = "wp-item";
      cb.type = "checkbox";
      cb.className = "wp-check";
      cb.id = box.id + "-" + ci;
      planBox(cb, part, child.id, [child.id].concat(child.aliases || []), rec);
      c.appendChild(cb);
      words(s, c, { kind: "picked", node: child }, part, cb.id);
      c.appendChild(text("span", "", "wp-follow-text")).hidden = true;
      c.appendChild(clone("wp-follow-button"));
      followSlot(c, cb, null, rec);
      sub.appendChild(c);
    });
    li.appendChild(sub);
  }

  // what the template deleted of a measure (reconcile.js): its sub-measures with their ticks, the
  // values of its fields, each marked 模板中已删除 with a 移除 button (mine-gone.js)
  function goneRows(li, box, e, part, rec) {
    var values = WP.minedoc.goneValues(e, rec), list = document.createElement("ul");
    if (!values.length && !e.gone.sub.length) return;
    list.className = "wp-checklist wp-gone-list";
    e.gone.sub.forEach(function (c, ci) {
      var row = clone("wp-gone-template"), cb = document.createElement("input");
      cb.type = "checkbox";
      cb.className = "wp-check";
      cb.id = box.id + "-gone-" + ci;
      planBox(cb, part, c.id, [c.id], rec);
      row.insertBefore(cb, row.firstChild);
      row.querySelector(".wp-gone-words").appendChild(label(c.text, cb.id));
      row.dataset.gone = "sub";
      row.dataset.id = c.id;
      list.appendChild(row);
    });
    values.forEach(function (v) {
      var row = clone("wp-gone-template"), w = row.querySelector(".wp-gone-words");
      w.appendChild(document.createTextNode(v.label + ":"));
      w.appendChild(text("span", v.value + v.unit, "wp-gone-value"));
      row.dataset.gone = "field";
      row.dataset.id = v.id;
      list.appendChild(row);
    });
    li.appendChild(list);
  }

  // 状态 and 截止日期 beside a measure: follow.js writes them once fetched (mine.js fetches it when
  // a measure has some, or when a ⋯ 状态 button is first approached)
  function followSlot(row, box, own, rec) {
    if (P.followText) return P.followText(row, box, own);
    var ids = (box.dataset.ids || "").split(" ");
    if (P.wantFollow && (own ? own.track : rec && rec.track && ids.some(function (i) { return rec.track[i]; }))) P.wantFollow();
  }

  function entryRow(s, e, part, ei) {
    var li = clone("wp-entry-template"), box = li.querySelector(".wp-check");
    box.id = "wp-mine-" + part.key + "-" + ei;
    li.dataset.key = e.kind === "own" ? "o:" + e.key : "i:" + e.saved;
    var rec = record(s, part);
    if (e.kind === "own") box.checked = e.done;
    else planBox(box, part, e.id, [e.id, e.saved].concat(e.node ? e.node.aliases || [] : []), rec);
    words(s, li.querySelector(".wp-entry-words"), e, part, box.id);
    var noteBox = li.querySelector(".wp-entry-note"), noteText = e.note || "";
    noteBox.textContent = noteText;
    noteBox.hidden = !noteText;
    li.querySelector("[data-entry=original]").hidden = !(e.kind !== "own" && e.edit !== undefined);
    li.dataset.entry = String(ei);
    followSlot(li, box, e.kind === "own" ? e.own : null, rec);
    if (e.kind === "picked" && e.node.items && e.node.items.length) subItems(s, li, box, e, part, rec);
    if (e.gone) goneRows(li, box, e, part, rec);
    if (e.kind === "picked" && e.node.target) targetEntry(li);
    if (rec) figurePanels(li, rec);
    return li;
  }

  // 来自:<plan> · <section>, a link to the template, or why it cannot be followed
  function source(src, r) {
    if (!r.source) { src.textContent = "自己的章节"; return; }
    src.appendChild(document.createTextNode("来自:"));
    var a = text(r.source.href ? "a" : "span", r.source.plan + " · " + r.source.section);
    if (r.source.href) a.href = r.source.href;
    src.appendChild(a);
    if (r.source.missing) src.appendChild(text("span", r.source.missing === "plan" ? "模板数据无法读取(模板可能已从模板库中删除)" : "模板中已删除这一节", "wp-entry-note"));
  }

  function partRow(s, part) {
    var r = WP.minedoc.entries(part, s.plans), li = clone("wp-part-template");
    li.dataset.key = part.key;
    var h = li.querySelector(".wp-part-title");
    h.id = "part-" + part.key;
    h.textContent = r.heading;
    li.querySelector(".wp-part-tools").setAttribute("aria-labelledby", h.id);
    source(li.querySelector(".wp-part-source"), r);
    if (P.changeNotice) P.changeNotice(li.querySelector(".wp-part-changes"), s, part);  // mine-changes.js
    var items = li.querySelector(".wp-part-items");
    r.entries.forEach(function (e, ei) { items.appendChild(entryRow(s, e, part, ei)); });
    var own = li.querySelector(".wp-add-own"), input = own.querySelector("input");
    input.id = "wp-own-" + part.key;
    own.querySelector("label").htmlFor = input.id;
    return li;
  }

  /* ---------- drawn once per part, updated when what it shows changes ---------- */
  // what a part's element depends on: its values, its plan's data (loaded or not) and ticks/values
  function signature(s, part) {
    var plan = part.plan ? [part.plan in s.plans ? !!s.plans[part.plan] : "?", s.planRev ? s.planRev[part.plan] || 0 : 0] : 0;
    var figs = part.plan && WP.figures ? WP.figures.state(part.plan) : "";
    return JSON.stringify([part.plan, part.section, part.heading, part.title, part.items, part.own, plan, figs,
                           part.seen, part.left, !!P.followText]);  // seen, left: mine-changes.js
  }
  function count(el) {
    var boxes = el.querySelectorAll("input.wp-check"), done = 0;
    for (var i = 0; i < boxes.length; i++) if (boxes[i].checked) done++;
    return { done: done, total: boxes.length };
  }
  function tally(v, key, now) {
    var was = v.counts[key];
    if (was) { v.done -= was.done; v.total -= was.total; }
    if (now) { v.done += now.done; v.total += now.total; v.counts[key] = now; } else delete v.counts[key];
  }
  // What a part not drawn yet will show as ticked, counted from the session (as planBox does).
  function modelCount(s, part) {
    var out = { done: 0, total: 0 }, rec = part.plan ? record(s, part) : null;
    function ticked(ids) { return ids.some(function (i) { return rec.items[i] === true; }); }
    WP.minedoc.entries(part, s.plans).entries.forEach(function (e) {
      if (e.kind === "picked" && e.node.target) return;  // a target: nothing to tick
      out.total++;
      if (e.kind === "own" ? e.done : ticked([e.id, e.saved].concat(e.node ? e.node.aliases || [] : []))) out.done++;
      if (e.kind !== "picked" || !e.node.items) return;
      e.node.items.forEach(function (c) {
        out.total++;
        if (ticked([c.id].concat(c.aliases || []))) out.done++;
      });
    });
    return out;
  }
  // one part drawn, or brought up to date in place (never replaced while it holds the focused
  // text box or an open editor); later: a part without an element yet is only counted
  function drawPart(v, part, later) {
    var s = v.session, el = v.els[part.key];
    if (!el && later) { tally(v, part.key, modelCount(s, part)); return null; }
    var sig = signature(s, part);
    if (el && el.dataset.sig === sig) return el;
    var fresh = partRow(s, part), parts = s.state.parts;
    fresh.dataset.sig = sig;
    fresh.querySelector("[data-part=up]").disabled = parts[0] === part;
    fresh.querySelector("[data-part=down]").disabled = parts[parts.length - 1] === part;
    if (!el) el = fresh; else P.patch(el, fresh);
    v.els[part.key] = el;
    tally(v, part.key, count(el));
    return el;
  }
  function edges(v) {
    var parts = v.session.state.parts, first = parts.length ? parts[0].key : "", last = parts.length ? parts[parts.length - 1].key : "";
    [v.first, v.last, first, last].forEach(function (k) {
      var el = k && v.els[k];
      if (!el) return;
      el.querySelector("[data-part=up]").disabled = k === first;
      el.querySelector("[data-part=down]").disabled = k === last;
    });
    v.first = first;
    v.last = last;
  }
  // every part in the session's order: existing elements moved where needed, new ones added, the
  // elements of removed parts taken out
  // At most FIRST new elements in one go (CHUNK in each later one, when the page is idle): the first
  // screenful shows at once, the rest follows (progress counts every part from the start).
  var FIRST = 80, CHUNK = 250, MANY = 100;  // MANY: mine.css lays out only parts in view
  function order(v, budget, named) {
    var parts = v.session.state.parts, live = Object.create(null), cursor = v.list.firstElementChild;
    var batch = document.createDocumentFragment();  // new elements go in together: one change to the page
    v.pending = false;
    parts.forEach(function (part) {
      var later = !v.els[part.key] && !(named && named.indexOf(part.key) >= 0) && budget-- <= 0;
      var el = drawPart(v, part, later);
      live[part.key] = true;
      if (!el) { v.pending = true; return; }
      if (!el.parentNode) { batch.appendChild(el); return; }
      if (batch.firstChild) v.list.insertBefore(batch, cursor);
      if (el !== cursor) P.place(v.list, el, cursor); else cursor = el.nextElementSibling;
    });
    if (batch.firstChild) v.list.insertBefore(batch, cursor);
    Object.keys(v.counts).forEach(function (k) {
      if (live[k]) return;
      var el = v.els[k];
      if (!el) { tally(v, k, null); delete v.els[k]; return; }
      if (P.holdsWork(el)) return;  // the person has typed in it: left where it is
      if (el.parentNode) el.parentNode.removeChild(el);
      delete v.els[k];
      tally(v, k, null);
    });
    edges(v);
    if (v.pending) later(v);
  }
  function later(v) {
    if (v.timer) return;
    var soon = window.requestIdleCallback || function (f) { return setTimeout(f, 1); };
    v.timer = soon(function () {
      v.timer = 0;
      var state = P.focusState();
      more(v, CHUNK);
      P.refocus(state);
      progress(v, false);
    }, { timeout: 100 });
  }
  // the next parts without an element drawn, put in before the drawn part that follows them (the
  // drawn ones are in order already: nothing else is compared)
  function more(v, budget) {
    var parts = v.session.state.parts, batch = document.createDocumentFragment();
    v.pending = false;
    for (var i = 0; i < parts.length; i++) {
      var el = v.els[parts[i].key];
      if (el) {
        if (batch.firstChild) v.list.insertBefore(batch, el);
        continue;
      }
      if (budget-- > 0) batch.appendChild(drawPart(v, parts[i], false));
      else v.pending = true;
    }
    if (batch.firstChild) v.list.appendChild(batch);
    edges(v);
    if (v.pending) later(v);
  }

  function progress(v, speak, box) {
    var part = box && box.closest && box.closest(".wp-part");
    if (part && v.els[part.dataset.key] === part) {
      tally(v, part.dataset.key, count(part));
      part.dataset.sig = "";  // ticked by hand: what it shows is compared afresh next time
    }
    var t = "已完成 " + v.done + "/" + v.total;
    v.tools.querySelector(".wp-progress-text").textContent = t;
    var bar = v.tools.querySelector("progress");
    bar.max = v.total || 1;
    bar.value = v.done;
    if (speak) {  // once the ticking pauses, as on the plan pages
      clearTimeout(v.announce);
      v.announce = setTimeout(function () { v.live.textContent = "我的计划" + t; }, 800);
    }
  }

  // only: what changed, as mine-state.js's write() names it (part keys, "mine" for the order);
  // without it every part is looked at (drawn again only where its signature changed)
  function render(v, focus, only) {
    var s = v.session, state = P.focusState();
    v.empty.hidden = s.state.parts.length > 0;
    v.list.classList.toggle("wp-parts--many", s.state.parts.length > MANY);
    if (!only || only.indexOf("mine") >= 0) order(v, FIRST, only);
    else {
      only.forEach(function (k) {
        var part = find(s.state.parts, k);
        if (part) drawPart(v, part, true);
      });
    }
    progress(v, false);
    P.refocus(state);
    // focus: selectors tried in turn; the first control found takes the keyboard
    [].concat(focus || []).some(function (sel) {
      var target = sel.charAt(0) === "#" ? document.querySelector(sel) : v.list.querySelector(sel);
      if (target) target.focus();
      return !!target;
    });
  }
  function find(parts, key) {
    for (var i = 0; i < parts.length; i++) if (parts[i].key === key) return parts[i];
    return null;
  }

  P.view = function (page) {
    var v = {
      session: page.session, tools: page.tools, announce: 0, els: Object.create(null), counts: Object.create(null),
      done: 0, total: 0, first: "", last: "", pending: false, timer: 0,
      list: page.root.querySelector(".wp-parts"), empty: page.root.querySelector(".wp-mine-empty"),
      live: document.querySelector(".wp-live")
    };
    return {
      list: v.list,
      render: function (focus, only) { render(v, focus, only); },
      progress: function (speak, box) { progress(v, speak, box); },
      part: function (key) { return v.els[key] || null; }
    };
  };
})();
