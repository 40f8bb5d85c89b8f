/* 下载计划表:一份计划的措施和目标写成 Excel 工作簿 (.xlsx)。
 *
 *   WP.exportXlsx(sheet) -> Promise<Blob>      (rejects with an Error whose message is in Chinese)
 *
 * sheet, a plain object built by the page from the saved state and the published data:
 *   {
 *     title:    "我的计划",                              // optional, not written into the cells
 *     measures: [{ template: "新入职柜员工作计划",         // 来源模板
 *                  section:  "业务技能学习",               // 章节
 *                  text:     "每日复盘……",                 // 措施
 *                  status:   "未开始" | "进行中" | "已完成" | "已搁置",
 *                  due:      "2027-03-31" or "",          // 截止日期 (YYYY-MM-DD)
 *                  owner:    "张三",                       // 负责人
 *                  note:     "" }],                       // 备注
 *     targets:  [{ template, section,
 *                  text:    "存款新增",                    // the target's wording
 *                  unit:    "万元",
 *                  target:  500 or null,                  // 目标值
 *                  entries: [{ date: "2027-01-31", value: 120 }] }]   // dated 实际值
 *   }
 * Every field is checked; a wrong one rejects with a message naming the item, and nothing is written.
 *
 * The workbook has three sheets, each with its header row frozen and its columns sized to their
 * content (Chinese characters and emoji count as two widths, as Excel draws them):
 *   计划表    one row per measure: 来源模板, 章节, 措施, 状态, 截止日期, 负责人, 备注
 *   目标      one row per target: 来源模板, 章节, 目标, 单位, 目标值, 实际值, 日期, 完成率 — 实际值 is
 *             the latest entry (by date; the later one in the list on the same date) and 日期 its
 *             date; 完成率 = that 实际值 ÷ 目标值, a number shown as a percentage, empty when there
 *             is no entry or 目标值 is empty or 0 (no division by nothing)
 *   实际值记录 one row per entry: 来源模板, 章节, 目标, 单位, 日期, 实际值 — the whole history, for
 *             charts and filters in Excel
 * Dates are real dates (Excel serial numbers with a yyyy-mm-dd format) and figures real numbers.
 *
 * The file format is written by the vendored library write-excel-file (assets/vendor/write-excel-file/,
 * MIT), fetched with a <script src> the first time a workbook is asked for, so pages that never
 * export never download it. It is built there to zip on the page (fflate's zipSync): the package's
 * own browser bundle hands sheets over 160 kB to a Worker made from a blob: URL, which the site's
 * Content-Security-Policy (worker-src 'self') refuses, and its promise then never settles. */
(function () {
  "use strict";

  var WP = window.WP = window.WP || {};
  var me = document.currentScript && document.currentScript.src;
  var LIB = me ? new URL("../vendor/write-excel-file/write-excel-file.sync.min.js", me).href : "";
  var LOAD_FAILED = "无法加载 Excel 导出组件(assets/vendor/write-excel-file/write-excel-file.sync.min.js)," +
    "请确认网站文件完整后重试。";
  var STATUSES = ["未开始", "进行中", "已完成", "已搁置"];
  var DATE_FORMAT = "yyyy-mm-dd";
  var PERCENT_FORMAT = "0.0%";
  var MAX_WIDTH = 60;    // characters; longer text wraps in its cell
  var MIN_WIDTH = 6;

  // the library's function, fetched when first asked for (and again after a failed fetch)
  var loadLibrary = WP.once(function () {
    if (typeof window.writeXlsxFileSync === "function") return Promise.resolve(window.writeXlsxFileSync);
    return new Promise(function (resolve, reject) {
      var tag = document.createElement("script");
      tag.src = LIB;
      tag.async = true;
      tag.onload = function () {
        if (typeof window.writeXlsxFileSync === "function") resolve(window.writeXlsxFileSync);
        else reject(new Error(LOAD_FAILED));
      };
      tag.onerror = function () { tag.remove(); reject(new Error(LOAD_FAILED)); };
      document.head.appendChild(tag);
    });
  });

  function fail(text) { throw new Error("无法生成计划表:" + text); }

  function text(value, where) {
    if (value === undefined || value === null) return "";
    if (typeof value !== "string") fail(where + "应是文字。");
    return value;
  }

  // "YYYY-MM-DD" -> a Date at midnight UTC (the library counts days from the UTC time), or null for ""
  function day(value, where) {
    if (value === undefined || value === null || value === "") return null;
    var m = typeof value === "string" && /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    var date = m && new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    if (!date || date.getUTCFullYear() !== +m[1] || date.getUTCMonth() !== +m[2] - 1 || date.getUTCDate() !== +m[3]) {
      fail(where + "的日期“" + String(value) + "”不是有效日期(应写成 2027-03-31 这样)。");
    }
    return date;
  }

  function number(value, where, optional) {
    if (optional && (value === undefined || value === null)) return null;
    if (typeof value !== "number" || !isFinite(value)) fail(where + "应是数字,现在是“" + String(value) + "”。");
    return value;
  }

  function list(value, where) {
    if (value === undefined) return [];
    if (!Array.isArray(value)) fail(where + "应是列表。");
    return value;
  }

  function measureRow(m, i) {
    var where = "第 " + (i + 1) + " 条措施";
    if (!m || typeof m !== "object") fail(where + "不是措施。");
    var status = text(m.status, where + "的状态") || "未开始";  // a measure never given a status
    if (STATUSES.indexOf(status) < 0) fail(where + "的状态“" + status + "”应是 " + STATUSES.join("、") + " 之一。");
    var due = day(m.due, where + "的截止日期");
    return [cell(text(m.template, where + "的来源模板")), cell(text(m.section, where + "的章节")),
      cell(text(m.text, where + "的内容")), cell(status),
      due ? { type: Date, value: due, format: DATE_FORMAT } : null,
      cell(text(m.owner, where + "的负责人")), cell(text(m.note, where + "的备注"))];
  }

  // the entries of one target, checked, in the order given; the latest is the last of the latest date
  function entriesOf(t, where) {
    return list(t.entries, where + "的实际值").map(function (e, k) {
      var at = where + "的第 " + (k + 1) + " 个实际值";
      if (!e || typeof e !== "object") fail(at + "不是“日期 + 数值”。");
      return { date: day(e.date, at) || fail(at + "缺少日期。"), value: number(e.value, at) };
    });
  }

  function latest(entries) {
    return entries.reduce(function (best, e) { return !best || e.date >= best.date ? e : best; }, null);
  }

  function targetRows(t, i) {
    var where = "第 " + (i + 1) + " 个目标";
    if (!t || typeof t !== "object") fail(where + "不是目标。");
    var goal = number(t.target, where + "的目标值", true);
    var entries = entriesOf(t, where);
    var last = latest(entries);
    var name = [cell(text(t.template, where + "的来源模板")), cell(text(t.section, where + "的章节")),
      cell(text(t.text, where + "的内容")), cell(text(t.unit, where + "的单位"))];
    var rate = last && goal ? { type: Number, value: last.value / goal, format: PERCENT_FORMAT } : null;
    return {
      summary: name.concat([figure(goal), figure(last && last.value),
        last ? { type: Date, value: last.date, format: DATE_FORMAT } : null, rate]),
      history: entries.map(function (e) {
        return name.concat([{ type: Date, value: e.date, format: DATE_FORMAT }, figure(e.value)]);
      })
    };
  }

  function cell(value) { return value === "" ? null : { type: String, value: value, wrap: true, alignVertical: "top" }; }
  function figure(value) { return value === null || value === undefined ? null : { type: Number, value: value }; }

  // how wide Excel draws a text, in characters: East Asian wide characters and emoji take two
  function displayWidth(s) {
    var width = 0;
    for (var ch of s) {
      var c = ch.codePointAt(0);
      width += (c >= 0x1100 && (c <= 0x115f || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) ||
        (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) ||
        (c >= 0xffe0 && c <= 0xffe6) || c >= 0x1f000)) ? 2 : 1;
    }
    return width;
  }

  function cellWidth(c) {
    if (!c) return 0;
    if (c.type === Date) return 10;
    if (c.type === Number) return c.format === PERCENT_FORMAT ? 7 : String(Math.round(c.value * 100) / 100).length;
    return Math.max.apply(null, String(c.value).split("\n").map(displayWidth));
  }

  function columns(rows) {
    return rows[0].map(function (_, k) {
      var widest = rows.reduce(function (w, row) { return Math.max(w, cellWidth(row[k])); }, 0);
      return { width: Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, widest + 2)) };
    });
  }

  function sheet(name, header, rows) {
    var data = [header.map(function (h) { return { type: String, value: h, fontWeight: "bold" }; })].concat(rows);
    return { sheet: name, data: data, columns: columns(data), stickyRowsCount: 1 };
  }

  // the three sheets, or an Error naming the first wrong field
  function sheets(plan) {
    if (!plan || typeof plan !== "object") fail("内容不是一份计划。");
    var targets = list(plan.targets, "目标").map(targetRows);
    return [
      sheet("计划表", ["来源模板", "章节", "措施", "状态", "截止日期", "负责人", "备注"],
        list(plan.measures, "措施").map(measureRow)),
      sheet("目标", ["来源模板", "章节", "目标", "单位", "目标值", "实际值", "日期", "完成率"],
        targets.map(function (t) { return t.summary; })),
      sheet("实际值记录", ["来源模板", "章节", "目标", "单位", "日期", "实际值"],
        targets.reduce(function (all, t) { return all.concat(t.history); }, []))
    ];
  }

  WP.exportXlsx = function (plan) {
    var books;
    try { books = sheets(plan); } catch (e) { return Promise.reject(e); }
    return loadLibrary().then(function (write) {
      return write(books);
    });
  };
}());
