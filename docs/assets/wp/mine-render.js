/* 我的计划页面的章节列表:从挑选的内容和计划数据画出每一节、每项措施(勾选框、句中的填空框、说明),以及进度。
 *
 *   var v = WP.minePage.view({session, root, tools})
 *   v.render(focus)     the whole list again; focus: selectors tried in turn, the first control
 *                       found gets the keyboard (a "#id" anywhere, others inside the list)
 *   v.progress(speak)   已完成 n/m from the ticks shown; speak: read out once the ticking pauses
 *   WP.minePage.text(tag, value, cls)   an element holding text (also for mine-shared.js)
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
    node.runs.forEach(function (r) {
      if (!r.field) {
        if (host.lastChild && host.lastChild.tagName === "LABEL") host.lastChild.appendChild(document.createTextNode(r.text));
        else host.appendChild(label(r.text, boxId));
        return;
      }
      var f = fields[r.field] || { id: r.field, label: r.field, placeholder: "____", unit: "" };
      host.appendChild(fieldInput(f, part.plan, rec));
    });
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

  function entryRow(s, e, part, pi, ei) {
    var li = clone("wp-entry-template"), box = li.querySelector(".wp-check");
    box.id = "wp-mine-" + pi + "-" + ei;
    var rec = record(s, part);
    if (e.kind === "own") box.checked = e.done;
    else planBox(box, part, e.id, [e.id, e.saved].concat(e.node ? e.node.aliases || [] : []), rec);
    words(s, li.querySelector(".wp-entry-words"), e, part, box.id);
    var noteBox = li.querySelector(".wp-entry-note"), noteText = e.note || "";
    noteBox.textContent = noteText;
    noteBox.hidden = !noteText;
    li.querySelector("[data-entry=original]").hidden = !(e.kind !== "own" && e.edit !== undefined);
    li.dataset.entry = String(ei);
    if (e.kind === "picked" && e.node.items && e.node.items.length) subItems(s, li, box, e, part, rec);
    if (e.gone) goneRows(li, box, e, part, rec);
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

  function partRow(s, part, pi) {
    var r = WP.minedoc.entries(part, s.plans), li = clone("wp-part-template");
    li.dataset.part = String(pi);
    var h = li.querySelector(".wp-part-title");
    h.id = "part-" + part.key;
    h.textContent = r.heading;
    li.querySelector(".wp-part-tools").setAttribute("aria-labelledby", h.id);
    li.querySelector("[data-part=up]").disabled = pi === 0;
    li.querySelector("[data-part=down]").disabled = pi === s.state.parts.length - 1;
    source(li.querySelector(".wp-part-source"), r);
    var items = li.querySelector(".wp-part-items");
    r.entries.forEach(function (e, ei) { items.appendChild(entryRow(s, e, part, pi, ei)); });
    var own = li.querySelector(".wp-add-own"), input = own.querySelector("input");
    input.id = "wp-own-" + part.key;
    own.querySelector("label").htmlFor = input.id;
    return li;
  }

  function progress(v, speak) {
    var boxes = v.list.querySelectorAll("input.wp-check"), done = 0;
    Array.prototype.forEach.call(boxes, function (b) { if (b.checked) done++; });
    var t = "已完成 " + done + "/" + boxes.length;
    v.tools.querySelector(".wp-progress-text").textContent = t;
    var bar = v.tools.querySelector("progress");
    bar.max = boxes.length || 1;
    bar.value = done;
    if (speak) {  // once the ticking pauses, as on the plan pages
      clearTimeout(v.announce);
      v.announce = setTimeout(function () { v.live.textContent = "我的计划" + t; }, 800);
    }
  }

  function render(v, focus) {
    var s = v.session;
    v.list.textContent = "";
    v.empty.hidden = s.state.parts.length > 0;
    s.state.parts.forEach(function (part, pi) { v.list.appendChild(partRow(s, part, pi)); });
    progress(v, false);
    // focus: selectors tried in turn; the first control found keeps the keyboard where it was
    [].concat(focus || []).some(function (sel) {
      var target = sel.charAt(0) === "#" ? document.querySelector(sel) : v.list.querySelector(sel);
      if (target) target.focus();
      return !!target;
    });
  }

  P.view = function (page) {
    var v = {
      session: page.session, tools: page.tools, announce: 0,
      list: page.root.querySelector(".wp-parts"), empty: page.root.querySelector(".wp-mine-empty"),
      live: document.querySelector(".wp-live")
    };
    return {
      list: v.list,
      render: function (focus) { render(v, focus); },
      progress: function (speak) { progress(v, speak); }
    };
  };
})();
