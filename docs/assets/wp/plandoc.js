/* 计划 → 导出文档:把发布的计划数据 (WP.data.loadPlan) 和保存的勾选、填写合成导出用的 Doc(见 export.js)。
 *
 *   WP.plandoc.plan(data, state)             the whole plan, titled with its page title
 *   WP.plandoc.section(data, state, id)      one section (and its sub-sections), no title
 *   WP.plandoc.find(data, id)                the section node with that id or alias, or null
 *   WP.plandoc.sectionBlocks(data, state, node, level)   the blocks of one section node
 *   WP.plandoc.findItem(data, id)            the measure or target with that id or alias: {item, section}
 *   WP.plandoc.pickable(node)                what a section offers to 我的计划: its targets (as
 *                                            measure-like nodes, target: true), then its measures
 *
 * state = {items: {"<item id>": true}, fields: {"<field id>": "value"}}. An item is ticked when
 * its id or one of its former ids (aliases) is saved as ticked, so a renamed item keeps its tick.
 */
(function () {
  "use strict";
  var WP = window.WP = window.WP || {};

  function has(o, k) { return !!o && Object.prototype.hasOwnProperty.call(o, k); }

  function fieldsOf(data) {
    var byId = Object.create(null);  // a field id may be "constructor"
    (data.fields || []).forEach(function (f) { byId[f.id] = f; });
    return byId;
  }

  function runs(list, fields, values) {
    return (list || []).map(function (r) {
      if (has(r, "field")) {
        var f = fields[r.field] || { id: r.field, label: r.field, unit: "", placeholder: "____" };
        return { field: f, value: has(values, r.field) ? String(values[r.field]) : "" };
      }
      return { text: r.text };
    });
  }

  function ticked(node, items) {
    return [node.id].concat(node.aliases || []).some(function (id) { return has(items, id) && items[id] === true; });
  }

  function item(node, ctx) {
    return {
      checked: ticked(node, ctx.items),
      lead: node.lead || "",
      runs: runs(node.runs, ctx.fields, ctx.values),
      items: (node.items || []).map(function (c) { return item(c, ctx); })
    };
  }

  function paras(list, ctx, out) {
    (list || []).forEach(function (p) {
      out.push({ kind: "para", label: p.label || "", runs: runs(p.runs, ctx.fields, ctx.values) });
    });
  }

  // Blocks of one section as on the page: heading, paragraphs, targets, measures, bullets,
  // sub-sections, closing paragraphs.
  function blocks(node, ctx, level, out) {
    out.push({ kind: "heading", level: level, text: node.heading });
    paras(node.paragraphs, ctx, out);
    if (node.targets && node.targets.length) {
      out.push({ kind: "list", ordered: true, items: node.targets.map(function (t) {
        return [{ text: t.title, bold: true }, { text: ":" }].concat(runs(t.runs, ctx.fields, ctx.values));
      }) });
    }
    if (node.measures) {
      if (node.measures.label) out.push({ kind: "para", runs: [{ text: node.measures.label + ":" }] });
      out.push({ kind: "checklist", ordered: !!node.measures.ordered,
                 items: node.measures.items.map(function (it) { return item(it, ctx); }) });
    }
    if (node.bullets && node.bullets.length) {
      out.push({ kind: "list", ordered: false, items: node.bullets.map(function (b) { return [{ text: b }]; }) });
    }
    (node.sections || []).forEach(function (sub) { blocks(sub, ctx, level + (sub.level - node.level), out); });
    paras(node.outro, ctx, out);
    return out;
  }

  function context(data, state) {
    state = state || {};
    return { fields: fieldsOf(data), items: state.items || {}, values: state.fields || {} };
  }

  function find(data, id) {
    var found = null;
    (function walk(list) {
      (list || []).forEach(function (s) {
        if (found) return;
        if (s.id === id || (s.aliases || []).indexOf(id) >= 0) found = s;
        else walk(s.sections);
      });
    })(data.sections);
    return found;
  }

  function plan(data, state) {
    var ctx = context(data, state), out = [], body = data.body || {};
    data.sections.forEach(function (s) {
      // a body without a heading of its own: its paragraphs stand before its first section
      if (s.id === body.first) paras(body.paragraphs, ctx, out);
      blocks(s, ctx, s.level, out);
    });
    return { title: data.page_title, blocks: out };
  }

  function section(data, state, id) {
    var node = find(data, id);
    if (!node) return null;
    return { blocks: blocks(node, context(data, state), node.level, []) };
  }

  // A target of a goals section as a measure-like node ({id, lead: its title, runs, target: true}):
  // picked into 我的计划 like a measure, shown there with its words and its figures, never ticked.
  function targetItem(t) {
    return { id: t.id, aliases: [], label: "", title: t.title, lead: t.title, runs: t.runs, topics: [], items: [], target: true };
  }
  // What a section offers to 我的计划, in the page's order: its targets, then its measures.
  function pickable(s) {
    return (s.targets || []).map(targetItem).concat((s.measures && s.measures.items) || []);
  }
  // The measure (or target) with this id or former id (alias) anywhere in the plan: {item, section} or null.
  function findItem(data, id) {
    var found = null;
    (function walk(list) {
      (list || []).forEach(function (s) {
        if (found) return;
        pickable(s).forEach(function (it) {
          if (!found && (it.id === id || (it.aliases || []).indexOf(id) >= 0)) found = { item: it, section: s };
        });
        walk(s.sections);
      });
    })(data.sections);
    return found;
  }

  WP.plandoc = {
    plan: plan,
    section: section,
    find: find,
    findItem: findItem,
    pickable: pickable,
    item: function (node, data, state) { return item(node, context(data, state)); }
  };
})();
