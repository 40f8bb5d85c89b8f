/* 我的计划:保存的数据和对它的操作(计划页的“加入我的计划”和“我的计划”页面共用)。
 *
 * Saved under "wp:v1:mine" (store.js) as
 *   {format: 1, header: {name, unit, role, from, to, date},
 *    parts: [{key, plan, section, heading, title, items: [{id, text, edit?}], own: [{key, text, done}]}]}
 * - plan/section: where a picked part comes from (both "" for a section of one's own);
 *   heading: the template's heading when it was picked (shown if the template loses it);
 *   title: the person's own heading ("" = the template's);
 * - items: the picked measures in the template's order, by stable id, with their words when picked
 *   (shown, marked 模板中已删除, if the template drops the measure) and an adapted wording `edit`;
 * - own: measures the person wrote, ticked here (`done`).
 * Ticks and values of picked measures are not copied: they live in the plan's own record
 * ("wp:v1:<plan>"), so a tick on the plan page and on 我的计划 is the same tick.
 */
(function () {
  "use strict";
  var WP = window.WP = window.WP || {};
  var isMap = WP.store.isMap;
  var HEADER = ["name", "unit", "role", "from", "to", "date"];
  var ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

  function str(v, max) { return typeof v === "string" ? v.slice(0, max || 500) : ""; }
  function isId(v) { return typeof v === "string" && ID.test(v); }
  function key(v, fallback) { return typeof v === "string" && /^[a-z0-9]{1,40}$/.test(v) ? v : fallback; }

  // The saved record, cleaned: unusable entries are dropped, null when it is not a record at all.
  function shape(data) {
    if (!isMap(data) || (data.parts !== undefined && !Array.isArray(data.parts))) return null;
    var header = {};
    HEADER.forEach(function (k) { header[k] = str(isMap(data.header) ? data.header[k] : "", 200); });
    var seenParts = {}, seenKeys = {};
    var parts = (data.parts || []).filter(isMap).map(function (p, i) {
      var plan = isId(p.plan) && isId(p.section) ? p.plan : "";
      var seenItems = {};
      return {
        key: key(p.key, "p" + i),
        plan: plan,
        section: plan ? p.section : "",
        heading: str(p.heading, 300),
        title: str(p.title, 300),
        // a section of one's own holds no picked measures
        items: (plan && Array.isArray(p.items) ? p.items : []).filter(function (it) {
          var ok = isMap(it) && isId(it.id) && !seenItems[it.id];
          if (ok) seenItems[it.id] = true;
          return ok;
        }).map(function (it) {
          var out = { id: it.id, text: str(it.text, 2000) };
          if (typeof it.edit === "string") out.edit = it.edit.slice(0, 2000);
          return out;
        }),
        own: (Array.isArray(p.own) ? p.own : []).filter(isMap).map(function (o, j) {
          return { key: key(o.key, "o" + i + "x" + j), text: str(o.text, 2000), done: o.done === true };
        })
      };
    }).filter(function (p) {
      // one part per template section; unique keys (they name elements on the page)
      var where = p.plan ? p.plan + "#" + p.section : "";
      if ((where && seenParts[where]) || seenKeys[p.key]) return false;
      if (where) seenParts[where] = true;
      seenKeys[p.key] = true;
      return p.plan || p.title || p.own.length;
    });
    return { format: 1, header: header, parts: parts };
  }

  function empty() { return shape({}); }
  function newKey(prefix) { return prefix + Date.now().toString(36) + Math.random().toString(36).slice(2, 6).replace(/[^a-z0-9]/g, "0"); }

  // The plan's words of a measure (placeholders shown), for the record kept with a pick.
  function plainText(node, fields) {
    var byId = {};
    (fields || []).forEach(function (f) { byId[f.id] = f; });
    var words = (node.runs || []).map(function (r) {
      return r.field ? (byId[r.field] ? byId[r.field].placeholder : "____") : r.text;
    }).join("");
    return node.lead ? node.lead + (words ? ":" + words : "") : words;
  }

  function findPart(state, plan, section) {
    for (var i = 0; i < state.parts.length; i++) {
      if (state.parts[i].plan === plan && state.parts[i].section === section) return state.parts[i];
    }
    return null;
  }

  // Adds a section (all its measures) or some of its measures; keeps what is already there.
  function add(state, planData, sectionNode, itemIds) {
    var part = findPart(state, planData.id, sectionNode.id);
    if (!part) {
      part = { key: newKey("p"), plan: planData.id, section: sectionNode.id, heading: sectionNode.heading,
               title: "", items: [], own: [] };
      state.parts.push(part);
    }
    var want = itemIds || (sectionNode.measures ? sectionNode.measures.items.map(function (it) { return it.id; }) : []);
    var have = {};
    part.items.forEach(function (it) { have[it.id] = true; });
    var order = sectionNode.measures ? sectionNode.measures.items : [];
    order.forEach(function (node) {
      if (want.indexOf(node.id) >= 0 && !have[node.id]) {
        part.items.push({ id: node.id, text: plainText(node, planData.fields) });
        have[node.id] = true;
      }
    });
    // keep the template's order for picked measures (own ones stay at the end)
    var rank = {};
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

  // Renamed sections and measures (aliases in the plan data) take their current ids, so a pick
  // made before a rename is still found, shown as picked and not picked twice. -> changed?
  function follow(state, planData) {
    var changed = false;
    state.parts.forEach(function (part) {
      if (part.plan !== planData.id) return;
      var section = WP.plandoc.find(planData, part.section);
      if (section && section.id !== part.section) { part.section = section.id; changed = true; }
      part.items.forEach(function (it) {
        var hit = WP.plandoc.findItem(planData, it.id);
        if (hit && hit.item.id !== it.id) { it.id = hit.item.id; changed = true; }
      });
    });
    if (changed) {  // a rename may have made two parts or two items one
      var clean = shape(state);
      state.parts = clean.parts;
    }
    return changed;
  }

  function open() {
    var store = WP.store.open("mine", shape);
    return {
      store: store,
      read: function () {
        var data = store.read();
        return data.problem ? { problem: data.problem, state: empty() } : { state: data.parts ? data : empty() };
      },
      write: function (state) { return store.write(state); }
    };
  }

  WP.mine = { open: open, shape: shape, empty: empty, add: add, remove: remove, follow: follow,
              findPart: findPart, plainText: plainText, newKey: newKey, HEADER: HEADER };
})();
