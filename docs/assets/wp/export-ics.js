/* 下载日程:截止日期和回顾日期写成日历文件 (.ics, iCalendar, RFC 5545)。
 *
 *   WP.exportIcs(calendar[, now]) -> string    (throws an Error whose message is in Chinese)
 *
 * calendar, a plain object built by the page from the saved state and the published data:
 *   {
 *     calendarName: "我的计划",                      // shown by calendars that name imported sets
 *     events: [{ id:          "teller/skills/m3",     // stable: the plan and measure (or review) id
 *                date:        "2027-03-31",           // an all-day event on that day (YYYY-MM-DD)
 *                title:       "截止:每日复盘",        // SUMMARY
 *                description: "来源:新入职柜员工作计划 · 业务技能学习" }]   // DESCRIPTION, optional
 *   }
 * now (a Date, default the current time) is written as every event's DTSTAMP.
 *
 * Each event becomes a VEVENT with UID, DTSTAMP, DTSTART;VALUE=DATE and DTEND;VALUE=DATE (the next
 * day: one all-day event), SUMMARY, DESCRIPTION and a VALARM (ACTION:DISPLAY, TRIGGER:-PT15H, that
 * is 09:00 the day before, not midnight). The UID is made from the id alone (percent-encoded, so it
 * is plain ASCII), so importing a newer file updates the events of an older one instead of adding
 * them twice; two events with the same id are refused.
 *
 * A small writer rather than a library: the few properties needed are a page of code, and the
 * generators on npm (ical-generator, ics) are larger than this whole module, built for Node, and
 * not all of them fold by octets. What RFC 5545 asks, and this file does (tests/test_tracking_exports.py
 * reads the result back with the Python icalendar package):
 *   - lines end with CRLF (3.1);
 *   - a line longer than 75 octets of UTF-8 is folded: CRLF and a space, never inside a character (3.1);
 *   - in TEXT values backslash, semicolon, comma and line breaks are escaped (3.3.11); other control
 *     characters, which TEXT may not hold, are dropped. */
(function () {
  "use strict";

  var WP = window.WP = window.WP || {};
  var CRLF = "\r\n";
  var LIMIT = 75;        // octets per line, not counting CRLF
  var PRODID = "-//银行员工工作计划模板库//我的计划//ZH";
  var UID_DOMAIN = "@wp-plan";

  function fail(text) { throw new Error("无法生成日程文件:" + text); }

  // TEXT escaping (RFC 5545 3.3.11)
  function escapeText(value) {
    return value.replace(/\r\n|\r/g, "\n")
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "")
      .replace(/[\\;,\n]/g, function (c) { return c === "\n" ? "\\n" : "\\" + c; });
  }

  function octets(ch) {
    var c = ch.codePointAt(0);
    return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }

  // one content line, folded into lines of at most 75 octets; a character is never split
  function fold(line) {
    var out = "";
    var used = 0;
    for (var ch of line) {
      var size = octets(ch);
      if (used + size > LIMIT) {
        out += CRLF + " ";
        used = 1;          // the leading space counts
      }
      out += ch;
      used += size;
    }
    return out + CRLF;
  }

  function two(n) { return (n < 10 ? "0" : "") + n; }

  function stamp(now) {
    return now.getUTCFullYear() + two(now.getUTCMonth() + 1) + two(now.getUTCDate()) + "T" +
      two(now.getUTCHours()) + two(now.getUTCMinutes()) + two(now.getUTCSeconds()) + "Z";
  }

  // "YYYY-MM-DD" -> the day as a UTC Date; anything else, or a day that does not exist, fails
  function day(value, where) {
    var m = typeof value === "string" && /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    var date = m && new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    if (!date || date.getUTCFullYear() !== +m[1] || date.getUTCMonth() !== +m[2] - 1 || date.getUTCDate() !== +m[3]) {
      fail(where + "的日期“" + String(value) + "”不是有效日期(应写成 2027-03-31 这样)。");
    }
    return date;
  }

  function dateValue(date) {
    return date.getUTCFullYear() + two(date.getUTCMonth() + 1) + two(date.getUTCDate());
  }

  function text(value, where, required) {
    if (value === undefined || value === null) value = "";
    if (typeof value !== "string") fail(where + "应是文字。");
    if (required && !value.trim()) fail(where + "是空的。");
    return value;
  }

  function event(e, i, seen, dtstamp) {
    var where = "第 " + (i + 1) + " 个日程";
    if (!e || typeof e !== "object") fail(where + "不是日程。");
    var id = text(e.id, where + "的编号", true);
    if (seen[id]) fail(where + "的编号“" + id + "”与前面的重复。");
    seen[id] = true;
    var start = day(e.date, where);
    var end = new Date(start.getTime() + 86400000);
    var title = escapeText(text(e.title, where + "的标题", true));
    return [
      "BEGIN:VEVENT",
      "UID:" + encodeURIComponent(id) + UID_DOMAIN,
      "DTSTAMP:" + dtstamp,
      "DTSTART;VALUE=DATE:" + dateValue(start),
      "DTEND;VALUE=DATE:" + dateValue(end),
      "SUMMARY:" + title,
      "DESCRIPTION:" + escapeText(text(e.description, where + "的说明")),
      "TRANSP:TRANSPARENT",
      "BEGIN:VALARM",
      "ACTION:DISPLAY",
      "DESCRIPTION:" + title,
      "TRIGGER:-PT15H",
      "END:VALARM",
      "END:VEVENT"
    ];
  }

  WP.exportIcs = function (calendar, now) {
    if (!calendar || typeof calendar !== "object") fail("内容不是一份日程。");
    if (!Array.isArray(calendar.events)) fail("日程列表应是列表。");
    now = now || new Date();
    if (!(now instanceof Date) || isNaN(now.getTime())) fail("生成时间不是有效时间。");
    var name = escapeText(text(calendar.calendarName, "日历名称"));
    var seen = Object.create(null);
    var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:" + PRODID, "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
      .concat(name ? ["NAME:" + name, "X-WR-CALNAME:" + name] : []);
    calendar.events.forEach(function (e, i) {
      lines = lines.concat(event(e, i, seen, stamp(now)));
    });
    return lines.concat(["END:VCALENDAR"]).map(fold).join("");
  };
}());
