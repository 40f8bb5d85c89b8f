/* 下载 Word:把导出文档模型 (Doc) 写成 .docx。
 *
 *   WP.exportDocx(doc) -> Promise<Blob>
 *
 * doc is the export document model shared by every format (title, subtitle, header rows, blocks
 * of kind heading / para / checklist / list / note / table, signature; export.js). The plan's
 * Word file and the 工作总结 (summarydoc.js) are both such a doc, written by this one builder. The .docx is written by the
 * vendored library docx (assets/vendor/docx/, MIT), loaded with a <script src> the first time a
 * Word file is asked for, so pages that never export never download it; it works from file://
 * and under CSP script-src 'self' (no eval). A4 portrait, page numbers in the footer, 宋体 for
 * Chinese text (SimSun; Times New Roman for Latin), headings in Word's own heading styles. */
(function () {
  "use strict";

  var WP = window.WP = window.WP || {};
  var me = document.currentScript && document.currentScript.src;
  var LIB = me ? new URL("../vendor/docx/docx.umd.js", me).href : "";
  var LOAD_FAILED = "无法加载 Word 导出组件(assets/vendor/docx/docx.umd.js),请确认网站文件完整后重试;" +
    "也可以改用“复制”或“打印”。";
  // the docx namespace, fetched when first asked for (and again after a failed fetch)
  var loadLibrary = WP.once(function () {
    if (window.docx && window.docx.Document) return Promise.resolve(window.docx);
    return new Promise(function (resolve, reject) {
      var tag = document.createElement("script");
      tag.src = LIB;
      tag.async = true;
      tag.onload = function () {
        if (window.docx && window.docx.Document) resolve(window.docx);
        else reject(new Error(LOAD_FAILED));
      };
      tag.onerror = function () { tag.remove(); reject(new Error(LOAD_FAILED)); };
      document.head.appendChild(tag);
    });
  });

  var FONT = { ascii: "Times New Roman", hAnsi: "Times New Roman", eastAsia: "SimSun", cs: "Times New Roman" };
  var HEADING_FONT = { ascii: "Arial", hAnsi: "Arial", eastAsia: "SimHei", cs: "Arial" };
  var SMALL = 18;        // half-points: 9 pt
  var GREY = "666666";
  var BLANK = "________";
  var INDENT = 420;      // twips per nesting level (about two Chinese characters)
  var BOX = { true: "☑", false: "☐" };

  // one definition per kind of list; each list in the document is an instance of it (numbered from 1)
  function numberingConfig(d) {
    function levels(texts, format) {
      return texts.map(function (text, i) {
        return {
          level: i, format: format(i), text: text, alignment: d.AlignmentType.START,
          style: { paragraph: { indent: { left: INDENT * (i + 1), hanging: INDENT } } }
        };
      });
    }
    var decimal = function () { return d.LevelFormat.DECIMAL; };
    var bullet = function () { return d.LevelFormat.BULLET; };
    return [
      { reference: "wp-ordered", levels: levels(["%1.", "(%2)", "%3)", "%4."], decimal) },
      { reference: "wp-bullet", levels: levels(["•", "◦", "▪", "•"], bullet) }
    ];
  }

  function str(v) { return v === undefined || v === null ? "" : String(v); }

  // Run[] -> TextRun[]: values in place of fields (underlined), a blank line where still empty
  function textRuns(d, runs, extra) {
    return (runs || []).map(function (run) {
      if (run && run.field) {
        var value = str(run.value).trim();
        return new d.TextRun(Object.assign({ text: value || BLANK, underline: value ? {} : undefined }, extra));
      }
      return new d.TextRun(Object.assign({ text: str(run && run.text), bold: !!(run && run.bold) }, extra));
    });
  }

  function small(d, text) {
    return new d.TextRun({ text: text, size: SMALL, color: GREY });
  }

  function heading(d, block) {
    var level = Math.min(Math.max(parseInt(block.level, 10) || 1, 1), 4);
    return [new d.Paragraph({ heading: d.HeadingLevel["HEADING_" + level], children: [new d.TextRun(str(block.text))] })];
  }

  function para(d, block) {
    var children = block.label ? [new d.TextRun({ text: block.label + ":", bold: true })] : [];
    return [new d.Paragraph({ children: children.concat(textRuns(d, block.runs)) })];
  }

  function checklist(d, block, list) {
    var out = [];
    function add(item, level) {
      var children = [new d.TextRun({ text: BOX[!!item.checked] + " " })];
      if (item.lead) {
        children.push(new d.TextRun({ text: item.lead + ((item.runs || []).length ? ":" : ""), bold: true }));
      }
      children = children.concat(textRuns(d, item.runs));
      if (item.note) children.push(small(d, "(" + item.note + ")"));
      var options = { children: children };
      if (block.ordered) options.numbering = { reference: "wp-ordered", level: Math.min(level, 3), instance: list };
      else options.indent = { left: INDENT * (level + 1), hanging: INDENT };
      out.push(new d.Paragraph(options));
      (item.items || []).forEach(function (child) { add(child, level + 1); });
    }
    (block.items || []).forEach(function (item) { add(item, 0); });
    return out;
  }

  function list(d, block, instance) {
    return (block.items || []).map(function (runs) {
      return new d.Paragraph({
        numbering: { reference: block.ordered ? "wp-ordered" : "wp-bullet", level: 0, instance: instance },
        children: textRuns(d, runs)
      });
    });
  }

  function note(d, block) {
    var text = str(block.text);
    var url = null;
    try { url = block.href ? new URL(block.href, document.baseURI) : null; } catch (e) { url = null; }
    // a link is only useful in a file that leaves the computer when it points to a web server
    var run = url && /^https?:$/.test(url.protocol)
      ? new d.ExternalHyperlink({ link: url.href, children: [new d.TextRun({ text: text, size: SMALL, color: GREY, underline: {} })] })
      : small(d, text);
    return [new d.Paragraph({ children: [run], spacing: { after: 120 } })];
  }

  // the tables of a document: thin grey rules, a shaded, bold first column (the header block) or
  // first row (a table block); widths in percent
  function grid(d, rows, widths, shadeRow) {
    var line = { style: d.BorderStyle.SINGLE, size: 4, color: "999999" };
    var total = 8306;  // twips between the margins
    return new d.Table({
      width: { size: 100, type: d.WidthType.PERCENTAGE },
      columnWidths: widths.map(function (w) { return Math.round(total * w / 100); }),
      borders: { top: line, bottom: line, left: line, right: line, insideHorizontal: line, insideVertical: line },
      rows: rows.map(function (row, r) {
        return new d.TableRow({
          tableHeader: shadeRow && r === 0,
          children: row.map(function (text, c) {
            var shaded = shadeRow ? r === 0 : c === 0;
            return new d.TableCell({
              width: { size: widths[c], type: d.WidthType.PERCENTAGE },
              shading: shaded ? { type: d.ShadingType.CLEAR, color: "auto", fill: "F2F2F2" } : undefined,
              children: [new d.Paragraph({ children: [new d.TextRun({ text: str(text), bold: shaded || undefined })] })]
            });
          })
        });
      })
    });
  }

  function headerTable(d, rows) {
    return grid(d, rows.map(function (row) { return [row[0], str(row[1]).trim() || BLANK]; }), [24, 76], false);
  }

  // {kind: "table", columns: [text], rows: [[text]], widths?: [percent]}
  function table(d, block) {
    var columns = block.columns || [], n = columns.length;
    if (!n || !Array.isArray(block.rows)) {
      throw new Error("导出内容中有无法识别的表格(缺少列或行),无法生成 Word 文件。");
    }
    var widths = block.widths && block.widths.length === n ? block.widths
      : columns.map(function () { return 100 / n; });
    var rows = [columns].concat(block.rows.map(function (row) {
      return columns.map(function (_, c) { return str(row[c]); });
    }));
    return [grid(d, rows, widths, true), new d.Paragraph({ text: "" })];
  }

  // signature: true (本人签字 and 主管审阅, each with a date) or its lines: [[label, …], …]
  var SIGN = [["本人签字", "日期"], ["主管审阅", "日期"]];
  function signature(d, lines) {
    var line = "____________________";
    return [new d.Paragraph({ text: "", spacing: { before: 480 } })].concat(
      (Array.isArray(lines) ? lines : SIGN).map(function (labels, i, all) {
        var text = labels.map(function (label) { return label + ":" + line; }).join("        ");
        return new d.Paragraph({ children: [new d.TextRun(text)], spacing: { after: i < all.length - 1 ? 360 : 0 } });
      }));
  }

  function build(d, doc) {
    var children = [new d.Paragraph({ heading: d.HeadingLevel.TITLE, alignment: d.AlignmentType.CENTER,
                                      children: [new d.TextRun(str(doc.title))] })];
    if (doc.subtitle) {
      children.push(new d.Paragraph({ alignment: d.AlignmentType.CENTER, children: [small(d, doc.subtitle)] }));
    }
    if (doc.header && doc.header.length) {
      children.push(headerTable(d, doc.header), new d.Paragraph({ text: "" }));
    }
    var lists = 0;
    (doc.blocks || []).forEach(function (block) {
      switch (block && block.kind) {
        case "heading": children = children.concat(heading(d, block)); break;
        case "para": children = children.concat(para(d, block)); break;
        case "checklist": children = children.concat(checklist(d, block, ++lists)); break;
        case "list": children = children.concat(list(d, block, ++lists)); break;
        case "note": children = children.concat(note(d, block)); break;
        case "table": children = children.concat(table(d, block)); break;
        default: throw new Error("导出内容中有无法识别的部分(" + str(block && block.kind) + "),无法生成 Word 文件。");
      }
    });
    if (doc.signature) children = children.concat(signature(d, doc.signature));

    var footer = new d.Footer({
      children: [new d.Paragraph({
        alignment: d.AlignmentType.CENTER,
        children: [new d.TextRun({ children: ["第 ", d.PageNumber.CURRENT, " 页 / 共 ", d.PageNumber.TOTAL_PAGES, " 页"], size: SMALL })]
      })]
    });
    var headingStyle = function (size) {
      return { run: { font: HEADING_FONT, size: size, bold: true, color: "000000" },
               paragraph: { spacing: { before: 240, after: 120 }, keepNext: true } };
    };
    return new d.Document({
      creator: "银行员工工作计划模板库",
      title: str(doc.title),
      styles: {
        default: {
          document: { run: { font: FONT, size: 22, language: { value: "en-US", eastAsia: "zh-CN" } },
                      paragraph: { spacing: { after: 80, line: 312 } } },
          title: { run: { font: HEADING_FONT, size: 36, bold: true, color: "000000" },
                   paragraph: { spacing: { after: 240 } } },
          heading1: headingStyle(32),
          heading2: headingStyle(28),
          heading3: headingStyle(24),
          heading4: headingStyle(22)
        }
      },
      numbering: { config: numberingConfig(d) },
      sections: [{
        properties: {
          page: {
            size: { width: 11906, height: 16838, orientation: d.PageOrientation.PORTRAIT },  // A4 in twips
            margin: { top: 1440, bottom: 1440, left: 1588, right: 1588, footer: 720 }
          }
        },
        footers: { default: footer },
        children: children
      }]
    });
  }

  WP.exportDocx = function (doc) {
    if (!doc || typeof doc !== "object" || !Array.isArray(doc.blocks)) {
      return Promise.reject(new Error("没有可导出的内容,无法生成 Word 文件。"));
    }
    return loadLibrary().then(function (d) {
      return d.Packer.toBlob(build(d, doc));
    });
  };
})();
