/* 我的计划页面的编辑:勾选、填写、章节排序、改标题、移除,措施改写、恢复原文、移除,添加自己的措施和章节。
 *
 *   WP.minePage.edit(page)   page: {root, session, view, undo, say, live}
 *
 * Each change goes to the session (saved at once, naming the parts it touched and "mine" for the
 * header and order, so it costs the same with 50 parts and 5,000) and only those parts are drawn
 * again, with the keyboard left on the control that was used, or the nearest one left. Headings and wordings are changed in
 * an inline editor (mine-inline.js, no dialog); its save reads storage afresh and changes only that
 * heading or wording, so what another tab did meanwhile stays; if another tab removed the part or
 * the measure meanwhile, 放回 puts back what this page last showed, with the edit in it. Removing
 * a part or a measure and 恢复原文 (the adapted wording taken away) offer 撤销. Ticks and values of
 * picked measures are the plan's own record (the same tick as on the plan page).
 */
(function () {
  "use strict";
  var WP = window.WP;
  var P = WP.minePage = WP.minePage || {};

  function partOf(page, el) {
    var key = el.closest(".wp-part").dataset.key, parts = page.session.state.parts;
    for (var i = 0; i < parts.length; i++) if (parts[i].key === key) return parts[i];
    return null;
  }
  function at(part) { return ".wp-part[data-key='" + part.key + "'] "; }
  function entryOf(page, el) {
    var part = partOf(page, el), i = +el.closest(".wp-entry").dataset.entry;
    return { part: part, entry: WP.minedoc.entries(part, page.session.plans).entries[i] };
  }
  function heading(page, part) { return WP.minedoc.entries(part, page.session.plans).heading; }

  function tick(page, box) {
    var s = page.session;
    if (box.dataset.plan) {
      var rec = s.record(box.dataset.plan);
      (box.dataset.ids || box.dataset.item).split(" ").forEach(function (id) { delete rec.items[id]; });
      if (box.checked) rec.items[box.dataset.item] = true;
      s.savePlan(box.dataset.plan);
    } else {
      var hit = entryOf(page, box);
      hit.entry.own.done = box.checked;
      s.save([hit.part.key]);
    }
    page.view.progress(true, box);
  }

  function fill(page, input) {
    var rec = page.session.record(input.dataset.plan);
    if (input.value.trim()) rec.fields[input.dataset.field] = input.value; else delete rec.fields[input.dataset.field];
    page.session.savePlan(input.dataset.plan);
  }

  function move(page, b, part, pi) {
    var parts = page.session.state.parts, to = pi + (b.dataset.part === "up" ? -1 : 1);
    parts.splice(pi, 1);
    parts.splice(to, 0, part);
    page.session.save(["mine"]);
    page.view.render([at(part) + "[data-part=" + b.dataset.part + "]:not(:disabled)", at(part) + "[data-part]:not(:disabled)"], ["mine"]);
    page.live.textContent = "已把“" + heading(page, part) + "”移到第 " + (to + 1) + " 节";
  }

  // the part's row and its key, as drawn now
  // (a part another tab removed may still be drawn while an editor in it is open: not found)
  function partRow(page, key) {
    var h = document.getElementById("part-" + key);
    return h && page.view.list.contains(h) && keyed(page.session.state.parts, key) ? h.closest(".wp-part") : null;
  }
  // the part with this key in what storage holds now (another tab may have written since)
  function fresh(page, key) {
    page.session.reread();
    return keyed(page.session.state.parts, key);
  }
  function done(page, focus) { page.view.render(focus); }
  function copy(x) { return JSON.parse(JSON.stringify(x)); }

  // the part as this page shows it, and its place (after which part): what 放回这一节 puts back
  // when another tab removed it while it was being edited (mine-inline.js). The words are taken
  // again each time the editor finds its place; the place only when it opens, as another tab's
  // write arrives record by record and a part on its way out may show last for a moment.
  function shown(page, part) {
    var parts = page.session.state.parts, at = parts.indexOf(part);
    return { part: copy(part), at: at, after: at > 0 ? parts[at - 1].key : "" };
  }
  function seen(page, last, row) { last.part = copy(keyed(page.session.state.parts, row.dataset.key)); }
  // 放回: the part back in its place unless storage has it (or the same template section) now;
  // change(part) then applies the person's edit. Returns the part.
  function putBack(page, last, change) {
    page.session.reread();
    var state = page.session.state, p = keyed(state.parts, last.part.key) ||
      (last.part.plan ? WP.mine.findPart(state, last.part.plan, last.part.section) : null);
    if (!p) {
      p = copy(last.part);
      var after = last.after ? keyed(state.parts, last.after) : null;
      state.parts.splice(after ? state.parts.indexOf(after) + 1 : last.after ? Math.min(last.at, state.parts.length) : 0, 0, p);
    }
    change(p);
    page.session.save();
    return p;
  }

  // 改标题: an inline editor in place of the heading (mine-inline.js)
  function rename(page, part) {
    var key = part.key, current = WP.minedoc.entries(part, page.session.plans);
    function titleOf(name) {
      var t = name.trim();
      return t === current.template ? "" : !part.plan && !t ? current.heading : t;
    }
    var last = shown(page, part);
    page.inline.open({
      kind: "heading", text: part.title || current.heading, was: part.title,
      label: part.plan ? "章节标题(留空则用模板中的标题“" + current.template + "”)" : "章节标题",
      locate: function () {
        var row = partRow(page, key);
        if (row) seen(page, last, row);
        return row && { anchor: row.querySelector(".wp-part-title"), opener: row.querySelector("[data-part=rename]") };
      },
      gone: function () { return { what: "这一节", back: "放回这一节" }; },
      putBack: function (name) {
        var p = putBack(page, last, function (p) { p.title = titleOf(name); });
        done(page, at(p) + "[data-part=rename]");
        page.say("已放回这一节,你的新标题已保存。");
      },
      stored: function () { var p = fresh(page, key); return p ? p.title : null; },
      value: titleOf,
      other: function (title) { return title || current.template; },
      write: function (name) {
        var p = fresh(page, key);
        if (p) { p.title = titleOf(name); page.session.save([key]); }
        done(page, ".wp-part[data-key='" + key + "'] [data-part=rename]");  // read afresh: all compared
      }
    });
  }

  function keyed(parts, key) {
    for (var i = 0; i < parts.length; i++) if (parts[i].key === key) return parts[i];
    return null;
  }

  // no question first: the removal can be undone (undo.js), with the part's own words
  function removePart(page, part, pi) {
    var parts = page.session.state.parts, title = heading(page, part);
    parts.splice(pi, 1);
    page.session.save(["mine"]);
    page.view.render(null, ["mine"]);
    page.undo.offer("已移除“" + title + "”(连同你为它添加或改写的内容)。", function () {
      var now = page.session.state.parts;  // an editor's save or another tab may have read it anew
      if (!keyed(now, part.key)) now.splice(Math.min(pi, now.length), 0, part);
      page.session.save(["mine", part.key]);
      page.view.render(at(part) + "[data-part=remove]", ["mine", part.key]);
    });
  }

  function removeEntry(page, part, entry) {
    var list = entry.kind === "own" ? part.own : part.items, it = entry.kind === "own" ? entry.own : entry.pick;
    var where = list.indexOf(it), words = Array.from(entry.kind === "own" ? it.text : it.edit !== undefined ? it.edit : it.text);
    list.splice(where, 1);
    page.session.save([part.key]);
    page.view.render(null, [part.key]);
    page.undo.offer("已移除措施“" + (words.length > 30 ? words.slice(0, 30).join("") + "…" : words.join("")) + "”。", function () {
      var p = keyed(page.session.state.parts, part.key);  // as held now (read anew since, perhaps)
      if (!p) return page.say("这一节已被移除,措施无法放回;请先撤销移除这一节。");
      var into = entry.kind === "own" ? p.own : p.items;
      into.splice(Math.min(where, into.length), 0, it);
      page.session.save([p.key]);
      page.view.render(at(p) + "[data-part=rename]", [p.key]);
    });
  }

  // which measure of a part an entry is, to find it again after the list is drawn anew
  function entryIndex(page, part, kind, id) {
    var list = WP.minedoc.entries(part, page.session.plans).entries;
    for (var i = 0; i < list.length; i++) {
      if (kind === "own" ? list[i].kind === "own" && list[i].key === id : list[i].kind !== "own" && list[i].pick.id === id) return i;
    }
    return -1;
  }
  function storedWords(part, kind, id) {
    var list = kind === "own" ? part.own : part.items;
    for (var i = 0; i < list.length; i++) {
      if ((kind === "own" ? list[i].key : list[i].id) === id) return kind === "own" ? list[i].text : list[i].edit === undefined ? "" : list[i].edit;
    }
    return null;
  }

  // 改写: an inline editor in place of the measure's words; "" stored = the template's words
  function reword(page, part, entry) {
    var key = part.key, kind = entry.kind === "own" ? "own" : "pick", id = kind === "own" ? entry.key : entry.pick.id;
    var original = entry.kind === "picked" ? WP.mine.plainText(entry.node, page.session.plans[part.plan].fields) : entry.text;
    var was = storedWords(part, kind, id), last = shown(page, part);
    page.inline.open({
      kind: "measure", text: kind === "own" ? entry.text : was || original, was: was,
      label: kind === "own" ? "修改这项措施" : "改写这项措施(可随时“恢复原文”)",
      locate: function () {
        var row = partRow(page, key), p = row && keyed(page.session.state.parts, key);
        var ei = p ? entryIndex(page, p, kind, id) : -1, li = ei >= 0 ? row.querySelector("[data-entry='" + ei + "']") : null;
        if (li) seen(page, last, row);
        return li && { anchor: li.querySelector(".wp-entry-words"), opener: li.querySelector("[data-entry=edit]") };
      },
      stored: function () { var p = fresh(page, key); return p ? storedWords(p, kind, id) : null; },
      value: function (text) { return text.trim(); },
      other: function (words) { return words || original; },
      gone: function () {
        return keyed(page.session.state.parts, key) ? { what: "这项措施", back: "放回这项措施" } : { what: "这一节", back: "放回这一节" };
      },
      putBack: function (text) { rewordBack(page, last, kind, id, text); },
      write: function (text) {
        var p = fresh(page, key), list = p ? (kind === "own" ? p.own : p.items) : [];
        list.forEach(function (it) {
          if (kind === "own" && it.key === id) it.text = text.trim();
          if (kind !== "own" && it.id === id) it.edit = text.trim();
        });
        if (p) page.session.save([key]);
        var ei = p ? entryIndex(page, p, kind, id) : -1;
        done(page, [".wp-part[data-key='" + key + "'] [data-entry='" + ei + "'] [data-entry=edit]", "#mine-parts"]);
      }
    });
  }

  // 放回 a measure (and its part, if that went too) with the wording typed
  function rewordBack(page, last, kind, id, text) {
    var ei = -1, part = putBack(page, last, function (p) {
      var list = kind === "own" ? p.own : p.items, was = kind === "own" ? last.part.own : last.part.items;
      var at = was.map(function (it) { return kind === "own" ? it.key : it.id; }).indexOf(id);
      var it = list.filter(function (x) { return (kind === "own" ? x.key : x.id) === id; })[0];
      if (!it && at >= 0) list.splice(Math.min(at, list.length), 0, it = copy(was[at]));
      if (it && kind === "own") it.text = text.trim();
      else if (it) it.edit = text.trim();
      ei = entryIndex(page, p, kind, id);
    });
    done(page, [at(part) + "[data-entry='" + ei + "'] [data-entry=edit]", "#mine-parts"]);
    page.say("已放回,你的改写已保存。");
  }

  // 恢复原文 takes the adapted wording away: 撤销 puts it back
  function original(page, b, part, pick) {
    var edit = pick.edit, ei = +b.closest(".wp-entry").dataset.entry, here = at(part);
    delete pick.edit;
    page.session.save([part.key]);
    page.view.render([here + "[data-entry='" + ei + "'] [data-entry=edit]", here + ".wp-add-own input"], [part.key]);
    page.undo.offer("已恢复原文(去掉了你的改写)。", function () {
      var p = keyed(page.session.state.parts, part.key);
      var it = p && p.items.filter(function (x) { return x.id === pick.id; })[0];
      if (!it) return page.say("这项措施已被移除,改写无法放回;请先撤销移除。");
      it.edit = edit;
      page.session.save([p.key]);
      page.view.render(at(p) + "[data-entry='" + entryIndex(page, p, "pick", pick.id) + "'] [data-entry=edit]", [p.key]);
    });
  }

  function entryButton(page, b, part) {
    var entry = entryOf(page, b).entry;
    if (b.dataset.entry === "remove") return removeEntry(page, part, entry);
    if (b.dataset.entry === "edit") return reword(page, part, entry);
    if (b.dataset.entry === "original") original(page, b, part, entry.pick);
  }

  function button(page, b) {
    var part = partOf(page, b), pi = page.session.state.parts.indexOf(part), act = b.dataset.part;
    if (act === "up" || act === "down") return move(page, b, part, pi);
    if (act === "rename") return rename(page, part);
    if (act === "remove") return removePart(page, part, pi);
    entryButton(page, b, part);
  }

  function addOwn(page, form) {
    var input = form.querySelector("input"), value = input.value.trim();
    if (!value) return input.focus();
    var part = partOf(page, form);
    part.own.push({ key: WP.mine.newKey("o"), text: value, done: false });
    input.value = "";
    page.session.save([part.key]);
    page.view.render("#wp-own-" + part.key, [part.key]);
    page.say("已添加自己的措施。");
  }

  function addPart(page, form) {
    var input = form.querySelector("input"), value = input.value.trim(), parts = page.session.state.parts;
    if (!value) return input.focus();
    var part = { key: WP.mine.newKey("p"), plan: "", section: "", heading: "", title: value, items: [], own: [] };
    parts.push(part);
    input.value = "";
    page.session.save(["mine", part.key]);
    page.view.render(at(part) + ".wp-add-own input", ["mine", part.key]);
    page.say("已添加章节“" + value + "”。");
  }

  P.edit = function (page) {
    var list = page.view.list;
    page.inline = P.inline(page);
    list.addEventListener("change", function (e) { if (e.target.matches("input.wp-check")) tick(page, e.target); });
    list.addEventListener("input", function (e) { if (e.target.matches("input.wp-input")) fill(page, e.target); });
    list.addEventListener("click", function (e) {
      var b = e.target.closest("button[data-part], button[data-entry]");
      if (b) button(page, b);
      if (e.target.closest("button[data-add-own]")) addOwn(page, e.target.closest(".wp-add-own"));
    });
    // not a <form> per part: browsers scan every form on the page as it changes (autofill), which
    // made thousands of parts take minutes to show; Enter in the box adds, as a form's would
    list.addEventListener("keydown", function (e) {
      if (e.key === "Enter" && !e.isComposing && e.target.matches(".wp-add-own input")) { e.preventDefault(); addOwn(page, e.target.closest(".wp-add-own")); }
    });
    page.root.querySelector(".wp-add-part").addEventListener("submit", function (e) {
      e.preventDefault();
      addPart(page, e.target);
    });
  };
})();
