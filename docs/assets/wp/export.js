/* 导出格式:同一个文档对象 (Doc) 写成 Markdown、纯文本和 HTML(复制到 Word/WPS)。
 *
 * Doc (built from the published plan data and the saved state by plandoc.js):
 *   {title?, subtitle?, header?: [[label, value]], blocks: [Block], signature?}
 *   Block: {kind: "heading", level, text} | {kind: "para", label?, runs}
 *        | {kind: "checklist", ordered, items: [Item]} | {kind: "list", ordered, items: [runs]}
 *        | {kind: "note", text, href?}
 *        | {kind: "table", columns: [text], rows: [[text]], widths?: [percent]} (the 工作总结's targets)
 *   signature: true (本人签字 / 主管审阅 / 日期) or its lines, [[label, …], …]: [["本人签字", "日期"]]
 *   Run:  {text, bold?} | {field: {id, label, unit, placeholder}, value}
 *   Item: {checked, lead?, runs, items: [Item], note?}
 *
 *   WP.export.markdown(doc)  CommonMark: "- [x]" task items, "**bold**", every literal \ ` * _ [ ] < &
 *                            escaped (and # > - + = 1. at a paragraph's start), so a reader shows
 *                            plan text and typed values as they are
 *   WP.export.text(doc)      ☑/☐ and full-width indents, for chat tools and e-mail
 *   WP.export.html(doc)      an HTML fragment for the clipboard (headings, lists, ☑/☐ kept in Word)
 * An empty field shows its placeholder (XXXX) in Markdown and text, a blank line in HTML.
 */
(function () {
  "use strict";
  var WP = window.WP = window.WP || {};

  var SIGNATURE = "本人签字:________    主管审阅:________    日期:________";
  function signature(doc) {
    if (!Array.isArray(doc.signature)) return [SIGNATURE];
    return doc.signature.map(function (labels) { return labels.join(":________    ") + ":________"; });
  }
  function cells(row) { return row.map(function (c) { return squash(c === undefined || c === null ? "" : c); }); }

  function squash(s) { return String(s).replace(/\s+/g, " "); }
  function escMd(s) { return squash(s).replace(/[\\`*_[\]<&]/g, "\\$&"); }
  // What would open a block at the start of a line (heading, quote, list item, rule) is escaped too.
  function escStart(line) { return line.replace(/^(\s*)([#>+=-])/, "$1\\$2").replace(/^(\s*\d+)([.)])/, "$1\\$2"); }

  // Bold in CommonMark only opens/closes next to punctuation when the other side is space or
  // punctuation too ("**目标:**将" stays literal), so such punctuation moves outside the markers.
  var PUNCT = /[\p{P}\p{S}]/u;
  function strong(inner, after) {
    var m = /^(.*?)([\p{P}\p{S}]+)$/u.exec(inner);
    if (m && m[1] && after && !/^\s/.test(after) && !PUNCT.test(after[0])) return "**" + m[1] + "**" + m[2];
    return "**" + inner + "**";
  }

  function fieldText(run) { return squash(run.value).trim() || run.field.placeholder; }

  // Runs as one line. md: Markdown-escaped with ** for bold.
  function line(runs, md) {
    var out = "";
    for (var i = runs.length - 1; i >= 0; i--) {  // right to left: strong() looks at what follows
      var r = runs[i], s;
      if (r.field) s = md ? escMd(fieldText(r)) : fieldText(r);
      else if (md && r.bold) s = strong(escMd(r.text), out);
      else s = md ? escMd(r.text) : squash(r.text);
      out = s + out;
    }
    return out.replace(/\s+/g, " ").trim();
  }

  function itemRuns(item) {
    if (!item.lead) return item.runs;
    return [{ text: item.lead, bold: true }].concat(item.runs.length ? [{ text: ":" }] : [], item.runs);
  }

  function paraRuns(block) {
    return block.label ? [{ text: block.label + ":", bold: true }].concat(block.runs) : block.runs;
  }

  /* ---------- Markdown and plain text ---------- */
  function lines(doc, md) {
    var out = [];
    if (doc.title) out.push(md ? "# " + escMd(doc.title) : squash(doc.title));
    if (doc.subtitle) out.push(md ? "*" + escMd(doc.subtitle) + "*" : squash(doc.subtitle));
    if (doc.header && doc.header.length) {
      out.push(doc.header.map(function (h) {
        var v = squash(h[1] || "").trim() || "____";
        return (md ? "- " + escMd(h[0]) + ":" + escMd(v) : h[0] + ":" + v);
      }).join("\n"));
    }
    doc.blocks.forEach(function (b) {
      if (b.kind === "heading") out.push((md ? "#".repeat(b.level) + " " + escMd(b.text) : squash(b.text)));
      else if (b.kind === "para") out.push(md ? escStart(line(paraRuns(b), md)) : line(paraRuns(b), md));
      else if (b.kind === "note") out.push(md ? "*" + escMd(b.text) + "*" : squash(b.text));
      else if (b.kind === "list") {
        out.push(b.items.map(function (runs, i) {
          return (b.ordered ? (i + 1) + ". " : md ? "- " : "• ") + line(runs, md);
        }).join("\n"));
      } else if (b.kind === "checklist") {
        var rows = [];
        (function walk(items, depth) {
          items.forEach(function (it) {
            var pad = md ? "  ".repeat(depth) : "\u3000\u3000".repeat(depth);
            var box = md ? (it.checked ? "- [x] " : "- [ ] ") : (it.checked ? "☑ " : "☐ ");
            var note = it.note ? (md ? " *(" + escMd(it.note) + ")*" : "(" + it.note + ")") : "";
            rows.push(pad + box + line(itemRuns(it), md) + note);
            walk(it.items || [], depth + 1);
          });
        })(b.items, 0);
        if (rows.length) out.push(rows.join("\n"));
      } else if (b.kind === "table") {
        var row = md ? function (r) { return "| " + cells(r).map(function (c) { return escMd(c).replace(/\|/g, "\\|"); }).join(" | ") + " |"; }
          : function (r) { return cells(r).join("\t"); };
        out.push([row(b.columns)].concat(md ? ["|" + b.columns.map(function () { return " --- |"; }).join("")] : [],
          b.rows.map(row)).join("\n"));
      }
    });
    if (doc.signature) out.push(signature(doc).join("\n"));
    return out.join("\n\n") + "\n";
  }

  /* ---------- HTML for the clipboard ---------- */
  function node(tag, text) {
    var e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function appendRuns(parent, runs) {
    runs.forEach(function (r) {
      if (r.field) {
        var v = squash(r.value).trim();
        var u = node("u", v || "\u00a0".repeat(8));
        parent.appendChild(u);
      } else if (r.bold) parent.appendChild(node("strong", r.text));
      else parent.appendChild(document.createTextNode(r.text));
    });
    return parent;
  }
  function checklist(items, ordered) {
    var list = node(ordered ? "ol" : "ul");
    items.forEach(function (it) {
      var li = node("li");
      li.appendChild(document.createTextNode(it.checked ? "☑ " : "☐ "));
      appendRuns(li, itemRuns(it));
      if (it.note) li.appendChild(node("small", "(" + it.note + ")"));
      if (it.items && it.items.length) li.appendChild(checklist(it.items, false));
      list.appendChild(li);
    });
    return list;
  }
  function grid(b) {
    var table = node("table");
    table.setAttribute("border", "1");
    [b.columns].concat(b.rows).forEach(function (r, i) {
      var tr = table.appendChild(node("tr"));
      cells(r).forEach(function (c) { tr.appendChild(node(i ? "td" : "th", c)); });
    });
    return table;
  }
  function html(doc) {
    var root = node("div");
    if (doc.title) root.appendChild(node("h1", doc.title));
    if (doc.subtitle) root.appendChild(node("p", doc.subtitle));
    if (doc.header && doc.header.length) {
      var table = node("table");
      table.setAttribute("border", "1");
      doc.header.forEach(function (h) {
        var tr = node("tr");
        tr.appendChild(node("th", h[0]));
        tr.appendChild(node("td", h[1] || ""));
        table.appendChild(tr);
      });
      root.appendChild(table);
    }
    doc.blocks.forEach(function (b) {
      if (b.kind === "heading") root.appendChild(node("h" + Math.min(6, b.level), b.text));
      else if (b.kind === "para") root.appendChild(appendRuns(node("p"), paraRuns(b)));
      else if (b.kind === "note") root.appendChild(node("p")).appendChild(node("small", b.text));
      else if (b.kind === "list") {
        var list = node(b.ordered ? "ol" : "ul");
        b.items.forEach(function (runs) { list.appendChild(appendRuns(node("li"), runs)); });
        root.appendChild(list);
      } else if (b.kind === "checklist") {
        var l = checklist(b.items, b.ordered);
        l.style.listStyleType = "none";
        root.appendChild(l);
      } else if (b.kind === "table") root.appendChild(grid(b));
    });
    if (doc.signature) signature(doc).forEach(function (s) { root.appendChild(node("p", s)); });
    return root.innerHTML;
  }

  WP.export = {
    markdown: function (doc) { return lines(doc, true); },
    text: function (doc) { return lines(doc, false); },
    html: html
  };
})();
