/* 我的计划对照改动过的模板:按稳定 id 在整篇计划中对齐改名、移动和删除,不丢任何内容。
 *
 *   WP.reconcile.follow(state, planData) -> changed?   (state: mine-state.js's model, changed in place)
 *     - renamed sections and measures (aliases) take their current ids;
 *     - a measure the template moved to another section goes to the part of that section when the
 *       person has picked it; otherwise it stays in the part where the person has it (shown there
 *       as 已移至“<section>”), because that is where they put it and a part they never picked should
 *       not appear by itself. Never twice: two entries of one measure become one, keeping the
 *       adapted wording and everything known of its fields and sub-measures;
 *     - two parts that became one section (a rename onto another) become one part, own measures
 *       and title kept;
 *     - each picked measure remembers the fields and sub-measures the template gives it now
 *       (mine-state.js snapshot), so what the template deletes later can still be named.
 *   WP.reconcile.gone(pick, node, planData) -> {fields: [{id, label, placeholder, unit}], sub: [{id, text}]}
 *     what a pick remembers that the template no longer has: fields it no longer declares,
 *     sub-measures found nowhere in the plan (node: the measure now, null when it is deleted)
 *   WP.reconcile.moved(part, hit) -> the heading of the section the measure is in now, or ""
 * Pure functions on plain data; every map by id is Object.create(null) ("constructor" is an id).
 */
(function () {
  "use strict";
  var WP = window.WP;
  var dict = WP.store.dict;

  function byId(list) {
    var out = dict();
    (list || []).forEach(function (x) { out[x.id] = x; });
    return out;
  }

  /* ---------- what a pick remembers ---------- */
  // adds what the template gives the measure now to what the pick remembers -> changed?
  function remember(pick, node, fields) {
    var now = WP.mine.snapshot(node, fields), changed = false;
    ["fields", "sub"].forEach(function (k) {
      var known = byId(pick[k]), add = now[k].filter(function (x) { return !known[x.id]; });
      if (add.length) { pick[k] = (pick[k] || []).concat(add); changed = true; }
    });
    return changed;
  }
  // two entries of one measure: the adapted wording and all that is remembered kept in `into`
  function join(into, from) {
    if (into.edit === undefined && from.edit !== undefined) into.edit = from.edit;
    ["fields", "sub"].forEach(function (k) {
      var known = byId(into[k]), add = (from[k] || []).filter(function (x) { return !known[x.id]; });
      if (add.length) into[k] = (into[k] || []).concat(add);
    });
  }

  /* ---------- renames ---------- */
  function renames(parts, data) {
    var changed = false;
    parts.forEach(function (part) {
      var section = WP.plandoc.find(data, part.section);
      if (section && section.id !== part.section) { part.section = section.id; changed = true; }
      part.items.forEach(function (it) {
        var hit = WP.plandoc.findItem(data, it.id);
        if (hit && hit.item.id !== it.id) { it.id = hit.item.id; changed = true; }
        if (hit && remember(it, hit.item, data.fields)) changed = true;
      });
    });
    return changed;
  }

  // parts of one plan that now stand for the same section: the later ones go into the first
  function joinParts(state, plan) {
    var first = dict(), changed = false;
    state.parts = state.parts.filter(function (p) {
      if (p.plan !== plan) return true;
      var to = first[p.section];
      if (!to) { first[p.section] = p; return true; }
      to.items = to.items.concat(p.items);
      to.own = to.own.concat(p.own);
      if (!to.title) to.title = p.title;
      changed = true;
      return false;
    });
    return changed;
  }

  /* ---------- moves ---------- */
  // Each measure once, in its home: the part of the section the template has it in when the person
  // picked that section, else the first part that holds it.
  function homes(parts, data) {
    var bySection = dict(), home = dict();
    parts.forEach(function (p) { bySection[p.section] = p; });
    parts.forEach(function (p) {
      p.items.forEach(function (it) {
        var hit = WP.plandoc.findItem(data, it.id), there = hit ? bySection[hit.section.id] : null;
        if (there) home[it.id] = { part: there, section: hit.section };
        else if (!home[it.id]) home[it.id] = { part: p, section: null };
      });
    });
    return home;
  }
  function place(parts, data) {
    var home = homes(parts, data), kept = dict(), moved = [], twice = 0;
    parts.forEach(function (p) {
      p.items = p.items.filter(function (it) {
        var h = home[it.id], k = kept[it.id];
        if (k) { join(k.entry, it); twice++; return false; }  // a second entry of the same measure
        kept[it.id] = { entry: it, part: p };
        if (h.part === p) return true;
        moved.push(it);
        return false;
      });
    });
    moved.forEach(function (it) {
      var h = home[it.id];
      h.part.items.push(it);
      order(h.part, h.section);
    });
    return moved.length + twice > 0;
  }
  // the template's order of the section's measures; others keep their place after them
  function order(part, section) {
    var rank = dict(), n = WP.plandoc.pickable(section);  // targets first, as on the page
    n.forEach(function (node, i) { rank[node.id] = i; });
    part.items.sort(function (a, b) {
      return (a.id in rank ? rank[a.id] : 1e9) - (b.id in rank ? rank[b.id] : 1e9);
    });
  }

  function follow(state, data) {
    var mine = state.parts.filter(function (p) { return p.plan === data.id; });
    if (!mine.length) return false;
    var changed = renames(mine, data);
    if (joinParts(state, data.id)) changed = true;
    mine = state.parts.filter(function (p) { return p.plan === data.id; });
    return place(mine, data) || changed;
  }

  /* ---------- what the template no longer has ---------- */
  var everyId = typeof WeakMap === "function" ? new WeakMap() : null;
  // every measure id and former id in the plan, at any depth (kept per plan data object)
  function idsOf(data) {
    var ids = everyId && everyId.get(data);
    if (ids) return ids;
    ids = dict();
    (function walk(sections) {
      (sections || []).forEach(function (s) {
        (function items(list) {
          (list || []).forEach(function (it) {
            [it.id].concat(it.aliases || []).forEach(function (id) { ids[id] = true; });
            items(it.items);
          });
        })(s.measures && s.measures.items);
        walk(s.sections);
      });
    })(data.sections);
    if (everyId) everyId.set(data, ids);
    return ids;
  }
  function gone(pick, node, data) {
    var declared = byId(data.fields), ids = idsOf(data);
    return {
      fields: (pick.fields || []).filter(function (f) { return !declared[f.id]; }),
      sub: (pick.sub || []).filter(function (c) { return !ids[c.id]; })
    };
  }
  function moved(part, hit) { return hit && hit.section.id !== part.section ? hit.section.heading : ""; }

  WP.reconcile = { follow: follow, gone: gone, moved: moved };
})();
