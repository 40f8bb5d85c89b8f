/* 我的计划:保存的数据和对它的操作(计划页的“加入我的计划”和“我的计划”页面共用)。
 *
 * The model the pages work on:
 *   {header: {name, unit, role, from, to, date},
 *    parts: [{key, plan, section, heading, title, items: [{id, text, edit?}], own: [{key, text, done, track?}],
 *             seen?, left?}]}
 * - plan/section: where a picked part comes from (both "" for a section of one's own);
 *   heading: the template's heading when it was picked (shown if the template loses it);
 *   title: the person's own heading ("" = the template's);
 * - items: the picked measures in the template's order, by stable id, with their words when picked
 *   (shown, marked 模板中已删除, if the template drops the measure), an adapted wording `edit`, and
 *   what the template had in them (`fields`: [{id, label, placeholder, unit}] of their fill-in
 *   fields, `sub`: [{id, text}] their sub-measures; each only when there are some), so values and
 *   sub-measures the template deletes later are still shown with their names (reconcile.js);
 * - own: measures the person wrote, ticked here (`done`), with their follow-up (`track`, as a plan's
 *   record keeps it for a picked measure: tracking.js) when they have one.
 * - seen: the date (YYYY-MM-DD) of the template's change log entry the part has caught up with:
 *   the newest one when the part was picked, moved on when every later change is decided
 *   (mine-changes.js); a part saved before there was one has none (template-changes.js says what
 *   that means). left: measure id -> "added" | "removed", the template's changes the person left
 *   (不加入 a measure the template added, 保留 one it deleted).
 * Ticks and values of picked measures are not copied: they live in the plan's own record
 * ("wp:v1:<plan>"), so a tick on the plan page and on 我的计划 is the same tick.
 *
 * Saved (store.js, record format 2) as one record per part, so an edit writes only its part:
 *   "wp:v1:mine"             entries "header/<name>" (text) and "order" (the part keys in order)
 *   "wp:v1:mine:part:<key>"  entries "head" ({plan, section, heading, title}), "item/<id>"
 *                            ({text, edit?, fields?, sub?}), "own/<key>" ({text, done, track?}), "items" and
 *                            "owns" (orders), "seen" (a real day) and "left/<id>" ("added" | "removed")
 * A removed part keeps its record with every entry a tombstone. Format 1 (everything in one
 * "wp:v1:mine" record, {format: 1, header, parts}) is read whole, nothing cut, and written once as
 * format 2 in one all-or-nothing write, its raw text kept under "wp:v1:format1:mine".
 */
(function () {
  "use strict";
  var WP = window.WP = window.WP || {};
  var S = WP.store, R = S.record, isMap = S.isMap, dict = S.dict;
  var HEADER = ["name", "unit", "role", "from", "to", "date"];
  var ID = /^[A-Za-z_][A-Za-z0-9_]*(-[A-Za-z0-9_]+)*$/, KEY = /^[A-Za-z0-9_]{1,64}$/;
  var PART = "mine:part:";

  function isId(v) { return typeof v === "string" && ID.test(v); }
  function isKey(v) { return typeof v === "string" && KEY.test(v); }
  function isText(v) { return typeof v === "string"; }
  // a real day written YYYY-MM-DD (no 2026-02-30)
  function isDay(v) {
    if (typeof v !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
    var d = new Date(v + "T00:00:00Z");
    return !isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
  }
  function exactly(v, names) {
    return isMap(v) && Object.keys(v).every(function (k) { return names.indexOf(k) >= 0; });
  }
  function listOf(v, names, ok) {
    return Array.isArray(v) && v.every(function (x) { return exactly(x, names) && names.every(function (n) { return ok(n, x[n]); }); });
  }
  // what a measure held in the template: its fields and its sub-measures
  function isFields(v) { return listOf(v, ["id", "label", "placeholder", "unit"], function (n, x) { return n === "id" ? isId(x) : isText(x); }); }
  function isSub(v) { return listOf(v, ["id", "text"], function (n, x) { return n === "id" ? isId(x) : isText(x); }); }
  function uniqueList(v, ok) {
    if (!Array.isArray(v) || !v.every(ok)) return false;
    var seen = dict();
    return v.every(function (x) { return seen[x] ? false : (seen[x] = true); });
  }

  /* ---------- the two kinds of record ---------- */
  var INDEX = {
    path: function (p) { return p === "order" || (p.indexOf("header/") === 0 && HEADER.indexOf(p.slice(7)) >= 0); },
    check: function (p, v) { return p === "order" ? uniqueList(v, isKey) : isText(v); },
    fromFormat1: format1
  };
  var PARTS = {
    path: function (p) {
      return p === "head" || p === "items" || p === "owns" || p === "seen" || (p.indexOf("left/") === 0 && isId(p.slice(5))) ||
        (p.indexOf("item/") === 0 && isId(p.slice(5))) || (p.indexOf("own/") === 0 && isKey(p.slice(4)));
    },
    check: function (p, v) {
      if (p === "head") {
        return exactly(v, ["plan", "section", "heading", "title"]) && isText(v.heading) && isText(v.title) &&
          ((v.plan === "" && v.section === "") || (isId(v.plan) && isId(v.section)));
      }
      if (p === "items") return uniqueList(v, isId);
      if (p === "owns") return uniqueList(v, isKey);
      if (p === "seen") return isDay(v);
      if (p.indexOf("left/") === 0) return v === "added" || v === "removed";
      if (p.indexOf("item/") === 0) {
        return exactly(v, ["text", "edit", "fields", "sub"]) && isText(v.text) && (!("edit" in v) || isText(v.edit)) &&
          (!("fields" in v) || isFields(v.fields)) && (!("sub" in v) || isSub(v.sub));
      }
      return exactly(v, ["text", "done", "track"]) && isText(v.text) && typeof v.done === "boolean" &&
        (!("track" in v) || S.isTrack(v.track));
    }
  };

  /* ---------- model <-> entries ---------- */
  function indexValues(state) {
    var out = dict();
    HEADER.forEach(function (k) { if (isText(state.header[k]) && state.header[k] !== "") out["header/" + k] = state.header[k]; });
    out.order = state.parts.map(function (p) { return p.key; });
    return out;
  }
  function partValues(part) {
    var out = dict();
    out.head = { plan: part.plan, section: part.section, heading: part.heading, title: part.title };
    out.items = part.items.map(function (it) { return it.id; });
    out.owns = part.own.map(function (o) { return o.key; });
    part.items.forEach(function (it) { out["item/" + it.id] = itemValue(it); });
    part.own.forEach(function (o) { out["own/" + o.key] = ownValue(o); });
    if (part.seen) out.seen = part.seen;
    Object.keys(part.left || {}).forEach(function (id) { out["left/" + id] = part.left[id]; });
    return out;
  }
  // a measure of one's own as saved; its follow-up (tracking.js) only when it has one
  function ownValue(o) {
    var v = { text: o.text, done: o.done };
    if (o.track && Object.keys(o.track).length) v.track = o.track;
    return v;
  }
  // a picked measure as saved: optional keys only when they hold something
  function itemValue(it) {
    var v = { text: it.text };
    if (it.edit !== undefined) v.edit = it.edit;
    if (it.fields && it.fields.length) v.fields = it.fields;
    if (it.sub && it.sub.length) v.sub = it.sub;
    return v;
  }
  // the listed order first, then whatever else is there (another tab's), by name
  function ordered(list, names) {
    var out = [], seen = dict(), there = dict();
    names.forEach(function (n) { there[n] = true; });
    (list || []).concat(names.slice().sort()).forEach(function (id) {
      if (!seen[id] && there[id]) { seen[id] = true; out.push(id); }
    });
    return out;
  }
  function under(vals, prefix) {
    return Object.keys(vals).filter(function (p) { return p.indexOf(prefix) === 0; })
      .map(function (p) { return p.slice(prefix.length); });
  }
  function partModel(key, vals) {
    if (!vals.head) return null;
    var h = vals.head, part = {
      key: key, plan: h.plan, section: h.section, heading: h.heading, title: h.title,
      items: ordered(vals.items, under(vals, "item/")).map(function (id) {
        var v = vals["item/" + id], it = { id: id, text: v.text };
        if (isText(v.edit)) it.edit = v.edit;
        if (v.fields) it.fields = v.fields.map(function (f) { return { id: f.id, label: f.label, placeholder: f.placeholder, unit: f.unit }; });
        if (v.sub) it.sub = v.sub.map(function (c) { return { id: c.id, text: c.text }; });
        return it;
      }),
      own: ordered(vals.owns, under(vals, "own/")).map(function (k) {
        var v = vals["own/" + k], o = { key: k, text: v.text, done: v.done };
        if (v.track) o.track = v.track;
        return o;
      })
    };
    return decided(part, vals);
  }
  // what the part has caught up with of the template's changes, and the changes it left
  function decided(part, vals) {
    if (isDay(vals.seen)) part.seen = vals.seen;
    var left = under(vals, "left/");
    if (left.length) {
      part.left = dict();
      left.forEach(function (id) { part.left[id] = vals["left/" + id]; });
    }
    return part;
  }
  // index values + dict key -> part values -> the model
  function build(index, parts) {
    var header = {};
    HEADER.forEach(function (k) { header[k] = isText(index["header/" + k]) ? index["header/" + k] : ""; });
    var list = ordered(index.order, Object.keys(parts)).map(function (k) { return partModel(k, parts[k]); });
    return tidy({ header: header, parts: list.filter(Boolean) });
  }

  /* ---------- format 1: everything in one record ---------- */
  // -> {values (the index's), parts: key -> part values, bad: entries that could not be used}
  function format1(data) {
    if (data.parts !== undefined && !Array.isArray(data.parts)) return null;
    var bad = 0, index = dict(), parts = dict(), where = dict(), order = [];
    var header = isMap(data.header) ? data.header : {};
    if (data.header !== undefined && !isMap(data.header)) bad++;
    HEADER.forEach(function (k) {
      if (isText(header[k])) { if (header[k] !== "") index["header/" + k] = header[k]; } else if (header[k] !== undefined) bad++;
    });
    (data.parts || []).forEach(function (p, i) {
      if (!isMap(p)) { bad++; return; }
      var part = format1Part(p, isKey(p.key) && !parts[p.key] ? p.key : free(parts, "p" + i));
      bad += part.bad;
      var at = part.plan ? part.plan + "#" + part.section : "";
      if (at && where[at]) { bad++; return; }  // one part per template section
      if (at) where[at] = true;
      if (!part.plan && !part.title && !part.own.length) return;
      parts[part.key] = partValues(part);
      order.push(part.key);
    });
    index.order = order;
    return { values: index, parts: parts, bad: bad };
  }
  function free(taken, key) {
    for (var n = key, i = 2; taken[n]; i++) n = key + "x" + i;
    return n;
  }
  function format1Part(p, key) {
    var plan = isId(p.plan) && isId(p.section) ? p.plan : "", bad = 0, seen = dict(), keys = dict();
    var items = (plan && Array.isArray(p.items) ? p.items : []).filter(function (it) {
      var ok = isMap(it) && isId(it.id) && !seen[it.id] && (it.text === undefined || isText(it.text));
      if (ok) seen[it.id] = true; else bad++;
      return ok;
    }).map(function (it) {
      var out = { id: it.id, text: isText(it.text) ? it.text : "" };
      if (isText(it.edit)) out.edit = it.edit;
      return out;
    });
    var own = (Array.isArray(p.own) ? p.own : []).filter(function (o) {
      if (!isMap(o) || (o.text !== undefined && !isText(o.text))) { bad++; return false; }
      return true;
    }).map(function (o, j) {
      var k = isKey(o.key) && !keys[o.key] ? o.key : free(keys, "o" + key + "x" + j);
      keys[k] = true;
      return { key: k, text: isText(o.text) ? o.text : "", done: o.done === true };
    });
    return { key: key, plan: plan, section: plan ? p.section : "", heading: isText(p.heading) ? p.heading : "",
             title: isText(p.title) ? p.title : "", items: items, own: own, bad: bad };
  }
  // A model from something shaped like one (format 1, a backup's copy): what can be used, or null.
  function shape(data) {
    var f = isMap(data) ? format1(data) : null;
    return f ? build(f.values, f.parts) : null;
  }
  // One part per template section, one entry per measure (a rename may have made two one).
  function tidy(state) {
    var where = dict(), keys = dict();
    state.parts = state.parts.filter(function (p) {
      var at = p.plan ? p.plan + "#" + p.section : "";
      if ((at && where[at]) || keys[p.key]) return false;
      if (at) where[at] = true;
      keys[p.key] = true;
      var seen = dict();
      p.items = p.items.filter(function (it) { return seen[it.id] ? false : (seen[it.id] = true); });
      return true;
    });
    return state;
  }

  function empty() { return build(dict(), dict()); }
  function newKey(prefix) { return prefix + Date.now().toString(36) + Math.random().toString(36).slice(2, 6).replace(/[^a-z0-9]/g, "0"); }

  // The plan's words of a measure (placeholders shown), for the record kept with a pick.
  function plainText(node, fields) {
    var byId = dict();
    (fields || []).forEach(function (f) { byId[f.id] = f; });
    var words = (node.runs || []).map(function (r) {
      return r.field ? (byId[r.field] ? byId[r.field].placeholder : "____") : r.text;
    }).join("");
    return node.lead ? node.lead + (words ? ":" + words : "") : words;
  }

  // A measure as picked: its words, and the fields and sub-measures the template gives it now.
  function pickOf(node, fields) {
    var it = { id: node.id, text: plainText(node, fields) }, seen = snapshot(node, fields);
    if (seen.fields.length) it.fields = seen.fields;
    if (seen.sub.length) it.sub = seen.sub;
    return it;
  }
  // {fields: [{id, label, placeholder, unit}], sub: [{id, text}]}: every fill-in field of the
  // measure and its sub-measures (at any depth, in the template's order), and those sub-measures
  function snapshot(node, fields) {
    var byId = dict(), out = { fields: [], sub: [] };
    (fields || []).forEach(function (f) { byId[f.id] = f; });
    (function walk(n, top) {
      (n.runs || []).forEach(function (r) {
        if (!r.field) return;
        var f = byId[r.field] || { label: r.field, placeholder: "____", unit: "" };
        out.fields.push({ id: r.field, label: f.label || r.field, placeholder: f.placeholder || "____", unit: f.unit || "" });
      });
      if (!top) out.sub.push({ id: n.id, text: plainText(n, fields) });
      (n.items || []).forEach(function (c) { walk(c, false); });
    })(node, true);
    return out;
  }

  function findPart(state, plan, section) {
    for (var i = 0; i < state.parts.length; i++) {
      if (state.parts[i].plan === plan && state.parts[i].section === section) return state.parts[i];
    }
    return null;
  }

  // Adds a section (all its measures and targets) or some of them; keeps what is already there.
  function add(state, planData, sectionNode, itemIds) {
    var part = findPart(state, planData.id, sectionNode.id);
    if (!part) {
      part = { key: newKey("p"), plan: planData.id, section: sectionNode.id, heading: sectionNode.heading,
               title: "", items: [], own: [] };
      var log = planData.changelog || [];
      if (log.length && isDay(log[0].date)) part.seen = log[0].date;  // picked against the template as it is now
      state.parts.push(part);
    }
    // its targets and measures (plandoc.js, loaded wherever something is picked), or its measures
    var order = WP.plandoc ? WP.plandoc.pickable(sectionNode) : sectionNode.measures ? sectionNode.measures.items : [];
    var want = itemIds || order.map(function (it) { return it.id; });
    var have = dict();
    part.items.forEach(function (it) { have[it.id] = true; });
    order.forEach(function (node) {
      if (want.indexOf(node.id) >= 0 && !have[node.id]) {
        part.items.push(pickOf(node, planData.fields));
        have[node.id] = true;
      }
    });
    // keep the template's order for picked measures (own ones stay at the end)
    var rank = dict();
    order.forEach(function (node, i) { rank[node.id] = i; });
    part.items.sort(function (a, b) { return (rank[a.id] === undefined ? 1e9 : rank[a.id]) - (rank[b.id] === undefined ? 1e9 : rank[b.id]); });
    return part;
  }

  // Takes a measure out, or the whole part when no item is named.
  function remove(state, plan, section, itemId) {
    var part = findPart(state, plan, section);
    if (!part) return;
    if (itemId) part.items = part.items.filter(function (it) { return it.id !== itemId; });
    if (!itemId || (!part.items.length && !part.own.length)) {
      state.parts = state.parts.filter(function (p) { return p !== part; });
    }
  }

  /* ---------- the saved selection: one index record and one record per part ---------- */
  // The records state changes from base (known entries): [{known, changes, out (store.js prepare)}].
  // only: see write() below.
  function changed(base, state, only) {
    var jobs = [], named = null;
    function job(name, kind, known, values) {
      var changes = R.diff(known, values, R.tab);
      if (Object.keys(changes).length) jobs.push({ known: known, changes: changes, out: R.prepare(name, kind, changes, known) });
    }
    function part(p) { job(PART + p.key, PARTS, base.parts[p.key] || (base.parts[p.key] = dict()), partValues(p)); }
    if (only) {
      named = dict();
      only.forEach(function (k) { named[k] = true; });
      state.parts.forEach(function (p) { if (named[p.key]) part(p); });
    } else state.parts.forEach(part);
    if (!named || named.mine) {
      job("mine", INDEX, base.index, indexValues(state));
      var seen = dict();
      state.parts.forEach(function (p) { seen[p.key] = true; });
      Object.keys(base.parts).forEach(function (k) {  // removed: every entry becomes a tombstone
        if (!seen[k] && base.parts[k].head && R.live(base.parts[k].head)) job(PART + k, PARTS, base.parts[k], dict());
      });
    }
    return jobs;
  }

  /* ---------- another tab's record, read into the state in place ---------- */
  function refreshIndex(base, state, out) {
    var vals = R.values(base.index);
    HEADER.forEach(function (k) {
      var v = isText(vals["header/" + k]) ? vals["header/" + k] : "";
      if (state.header[k] !== v) { state.header[k] = v; out.header.push(k); }
    });
    reorder(base, state, out);
  }
  // the parts in the index's order (parts it does not list yet after it, by key)
  function reorder(base, state, out) {
    var have = dict(), names = [];
    state.parts.forEach(function (p) { have[p.key] = p; });
    Object.keys(base.parts).forEach(function (k) { if (have[k]) names.push(k); });
    var next = ordered(R.values(base.index).order, names).map(function (k) { return have[k]; });
    if (next.some(function (p, i) { return p !== state.parts[i]; }) || next.length !== state.parts.length) {
      state.parts.splice.apply(state.parts, [0, state.parts.length].concat(next));
      out.order = true;
    }
  }
  function refreshPart(base, state, key, out) {
    var fresh = partModel(key, R.values(base.parts[key])), at = -1;
    state.parts.forEach(function (p, i) { if (p.key === key) at = i; });
    if (!fresh) {
      if (at >= 0) { state.parts.splice(at, 1); out.order = true; }
      return;
    }
    if (at < 0) { state.parts.push(fresh); out.order = true; reorder(base, state, out); out.keys.push(key); return; }
    var part = state.parts[at];
    if (JSON.stringify(partValues(part)) === JSON.stringify(partValues(fresh))) return;
    assignPart(part, fresh);
    out.keys.push(key);
  }
  // fresh's values into part, reusing its measure objects (an open editor may hold them)
  function assignPart(part, fresh) {
    ["plan", "section", "heading", "title", "seen", "left"].forEach(function (f) {
      if (fresh[f] !== undefined) part[f] = fresh[f]; else delete part[f];
    });
    var items = dict(), owns = dict();
    part.items.forEach(function (it) { items[it.id] = it; });
    part.own.forEach(function (o) { owns[o.key] = o; });
    part.items = fresh.items.map(function (it) {
      var was = items[it.id];
      if (!was) return it;
      was.text = it.text;
      if (it.edit !== undefined) was.edit = it.edit; else delete was.edit;
      return was;
    });
    part.own = fresh.own.map(function (o) {
      var was = owns[o.key];
      if (!was) return o;
      was.text = o.text;
      was.done = o.done;
      return was;
    });
  }
  // Another tab saved the record name ("mine" or "mine:part:<key>"): this tab's own changes that
  // write lost are written again (store.js again()), then only this record is read afresh and
  // state brought up to date in place (part objects keep their identity). -> {keys: parts
  // changed, order: the order or the set of parts changed, header: header names changed,
  // lost: own entries written again, problem} or null when storage cannot be read.
  function refreshRecord(base, own, state, name) {
    var kind = name === "mine" ? INDEX : PARTS, got = own[name] ? R.again(name, kind, own[name]) : null;
    var now = R.load(name, kind);
    if (now.off || now.error) return null;
    var out = { keys: [], order: false, header: [], lost: got ? got.lost : 0, problem: got ? got.problem : "" };
    if (name === "mine") {
      base.index = now.entries;
      refreshIndex(base, state, out);
    } else {
      var key = name.slice(PART.length);
      base.parts[key] = now.entries;
      refreshPart(base, state, key, out);
    }
    return out;
  }
  function open() {
    var base = null, pending = null, self = { conflicts: [] }, own = dict();  // own: record name -> entries written

    function partNames() { return S.keys().filter(function (n) { return n.indexOf(PART) === 0; }); }
    // format 1 found: every record of format 2 written at once, the old text kept as it was
    function migrate(idx) {
      var old = idx.format1, writes = [{ name: "format1:mine", raw: idx.raw }];
      writes.push({ name: "mine", raw: R.serialize(1, idx.entries) });
      Object.keys(old.parts).forEach(function (k) {
        var entries = dict();
        Object.keys(old.parts[k]).forEach(function (p) { entries[p] = { value: old.parts[k][p], rev: 1, by: "format1" }; });
        base.parts[k] = entries;
        writes.push({ name: PART + k, raw: R.serialize(1, entries) });
      });
      pending = writes;
      if (!R.commit(pending)) pending = null;
    }
    function read() {
      var idx = R.load("mine", INDEX);
      if (idx.off) { base = null; return { problem: "off", state: empty() }; }
      base = { index: idx.entries, parts: dict() };
      if (idx.format1) migrate(idx);
      else {
        partNames().forEach(function (n) { base.parts[n.slice(PART.length)] = R.load(n, PARTS).entries; });
      }
      var parts = dict();
      Object.keys(base.parts).forEach(function (k) { parts[k] = R.values(base.parts[k]); });
      var state = build(R.values(base.index), parts);
      return idx.error ? { problem: "corrupt", state: state } : { state: state };
    }
    // Only the records that changed are written, all of them or none. only (optional): what this
    // change touched, a promise of the caller: part keys, and "mine" when the header or the order
    // of parts changed (also adding, moving and removing a part). Nothing else is compared, so an
    // edit costs the same with 50 parts and 5,000. Without it every record is compared.
    function write(state, only) {
      if (!S.available()) return "off";
      if (!base) read();
      if (!base) return "off";
      if (pending) {
        var late = R.commit(pending);
        if (late) return late;
        pending = null;
      }
      var jobs = changed(base, state, only);
      if (!jobs.length) return "";
      var problem = R.commit(jobs.map(function (j) { return j.out.write; }));
      if (problem) return problem;
      self.conflicts = [];
      jobs.forEach(function (j) {
        R.written(own[j.out.write.name] || (own[j.out.write.name] = dict()), j.changes, j.out.entries);
        R.settle(j.known, j.changes, j.out.entries);
        self.conflicts = self.conflicts.concat(j.out.conflicts.map(function (p) { return j.out.write.name + " " + p; }));
      });
      return "";
    }
    // callback() when another tab saves any record of 我的计划
    function watch(callback) {
      window.addEventListener("storage", function (e) {
        if (e.key === "wp:v1:mine" || (e.key && e.key.indexOf("wp:v1:" + PART) === 0)) callback();
      });
    }
    self.read = read;
    self.write = write;
    self.refresh = function (state, name) { return base ? refreshRecord(base, own, state, name) : null; };
    self.store = { key: "wp:v1:mine", watch: watch };
    return self;
  }

  WP.mine = { open: open, shape: shape, empty: empty, INDEX: INDEX, PARTS: PARTS, PART: PART,
              indexValues: indexValues, partValues: partValues, build: build, add: add, remove: remove, pickOf: pickOf, snapshot: snapshot,
              findPart: findPart, plainText: plainText, newKey: newKey, HEADER: HEADER, isDay: isDay };
})();
