/* 计划的跟进:每项措施的状态、截止日期、负责人、备注,已逾期的判断,目标的实际值和完成率。
 * 只有规则,不碰页面:计划页、我的计划、回顾和导出都从这里取同一个答案。
 *
 *   WP.tracking.status(record, id)        -> "todo" | "doing" | "done" | "paused"; id may be
 *                                         [id, former ids…] (a renamed measure's aliases)
 *   WP.tracking.setStatus(record, id, s)  the tick and the follow-up changed together
 *   WP.tracking.follow(record, id)        -> {due, owner, note} ("" when not set)
 *   WP.tracking.setFollow(record, id, {due?, owner?, note?})  "" removes one
 *   WP.tracking.overdue(status, due, today)  -> due before today and not 已完成 / 已搁置
 *   WP.tracking.today()                   -> the page clock's day, "YYYY-MM-DD" (local time)
 *   WP.tracking.day(text)                 -> {day} or {error} (a Chinese message)
 *   WP.tracking.number(text)              -> {value} or {error}: "1,234.5", full-width digits
 *   WP.tracking.target(record, fieldId)   -> the 目标值 as a number, or null
 *   WP.tracking.actuals(record, fieldId)  -> [{day, value}] oldest first
 *   WP.tracking.setActual(record, fieldId, day, value|null)
 *   WP.tracking.rate(target, actual)      -> 完成率 in percent (latest 实际值 ÷ 目标值), or null
 *   WP.tracking.ownStatus(own) / setOwnStatus(own, s) / ownFollow / setOwnFollow: the same for a
 *                                         measure of one's own in 我的计划 (mine-state.js)
 *   WP.tracking.NAMES                     {todo: "未开始", doing: "进行中", done: "已完成", paused: "已搁置"}
 *
 * record: a plan's record as store.js reads it ({items, fields, track, actual}). 已完成 is the tick
 * (items/<id>): a status of 已完成 ticks the measure, any other unticks it, and a tick makes the
 * status 已完成; track/<id> keeps only 进行中 / 已搁置 (未开始 is nothing saved), so the two never
 * disagree. Figures: the 目标值 is the number field's own value (fields/<id>, what the plan page's
 * blank holds), the 实际值 entries are actual/<field>/<day>, one figure per day.
 */
(function () {
  "use strict";
  var WP = window.WP = window.WP || {};
  var S = WP.store;
  var NAMES = { todo: "未开始", doing: "进行中", done: "已完成", paused: "已搁置" };
  var ORDER = ["todo", "doing", "done", "paused"];
  var KEEP = ["due", "owner", "note"];

  function group(record, name) {
    if (!record[name] || typeof record[name] !== "object") record[name] = S.dict();
    return record[name];
  }
  function has(o, k) { return !!o && Object.prototype.hasOwnProperty.call(o, k); }

  /* ---------- status and follow-up ---------- */
  function statusOf(done, track) {
    if (done) return "done";
    return track && (track.status === "doing" || track.status === "paused") ? track.status : "todo";
  }
  // a follow-up with status s (not "done": the tick says that), or undefined when nothing is left
  function withStatus(track, s) {
    var out = {};
    KEEP.forEach(function (k) { if (track && has(track, k)) out[k] = track[k]; });
    if (s === "doing" || s === "paused") out.status = s;
    return Object.keys(out).length ? out : undefined;
  }
  function withFollow(track, change) {
    var out = {};
    if (track && track.status) out.status = track.status;
    KEEP.forEach(function (k) {
      var v = has(change, k) ? change[k] : track && track[k];
      if (typeof v === "string" && v !== "") out[k] = v;
    });
    return Object.keys(out).length ? out : undefined;
  }
  function followOf(track) {
    var out = {};
    KEEP.forEach(function (k) { out[k] = track && typeof track[k] === "string" ? track[k] : ""; });
    return out;
  }
  function put(map, id, value) {
    if (value === undefined) delete map[id]; else map[id] = value;
  }
  function check(s) {
    if (ORDER.indexOf(s) < 0) throw new Error("unknown status " + s);
  }

  // id: a measure's id, or [its id, its former ids (aliases)]: a tick or a follow-up saved under a
  // former id counts; a change is saved under the current id and the former ones are dropped.
  function ids(id) { return Array.isArray(id) ? id : [id]; }
  function trackOf(record, id) {
    var hit = ids(id).filter(function (i) { return has(record.track, i); })[0];
    return hit === undefined ? null : record.track[hit];
  }
  function status(record, id) {
    return statusOf(ids(id).some(function (i) { return has(record.items, i) && record.items[i] === true; }), trackOf(record, id));
  }
  function setStatus(record, id, s) {
    check(s);
    var items = group(record, "items"), track = group(record, "track"), was = trackOf(record, id), now = ids(id)[0];
    ids(id).forEach(function (i) { delete items[i]; delete track[i]; });
    if (s === "done") items[now] = true;
    put(track, now, withStatus(was, s));
  }
  function follow(record, id) { return followOf(trackOf(record, id)); }
  function setFollow(record, id, change) {
    var track = group(record, "track"), was = trackOf(record, id), now = ids(id)[0];
    ids(id).forEach(function (i) { delete track[i]; });
    put(track, now, withFollow(was, change));
  }
  function ownStatus(own) { return statusOf(own.done === true, own.track); }
  function setOwnStatus(own, s) {
    check(s);
    own.done = s === "done";
    var t = withStatus(own.track, s);
    if (t) own.track = t; else delete own.track;
  }
  function ownFollow(own) { return followOf(own.track); }
  function setOwnFollow(own, change) {
    var t = withFollow(own.track, change);
    if (t) own.track = t; else delete own.track;
  }

  /* ---------- days ---------- */
  function two(n) { return (n < 10 ? "0" : "") + n; }
  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate());
  }
  function overdue(s, due, now) {
    return !!due && s !== "done" && s !== "paused" && due < (now || today());
  }
  // What a person typed as a day: 2026-10-31, 2026/10/31, 2026.10.31 or 2026年10月31日.
  function day(text) {
    var t = String(text === undefined || text === null ? "" : text).trim();
    if (!t) return { error: "请填写日期。" };
    var m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(wide(t));
    var d = m && m[1] + "-" + two(+m[2]) + "-" + two(+m[3]);
    if (!d || !S.isDay(d)) return { error: "“" + t + "”不是有效的日期,请写成 2026-10-31 这样的年-月-日。" };
    return { day: d };
  }

  /* ---------- numbers and figures ---------- */
  // full-width digits and signs (typed with a Chinese input method) as ASCII
  function wide(t) {
    return t.replace(/[\uff10-\uff19\uff0b\uff0d\uff0e\uff0c\uff05]/g, function (c) {
      return String.fromCharCode(c.charCodeAt(0) - 0xfee0);
    });
  }
  function number(text) {
    var t = String(text === undefined || text === null ? "" : text).trim();
    if (!t) return { error: "请填写数字。" };
    var n = wide(t).replace(/[,\s]/g, "").replace(/^\+/, "");
    if (!/^-?(\d+\.?\d*|\.\d+)$/.test(n) || !isFinite(+n)) {
      return { error: "“" + t + "”不是数字,请只填写数字,如 320 或 12.5(单位不用写)。" };
    }
    return { value: +n };
  }
  function target(record, fieldId) {
    var v = has(record.fields, fieldId) ? record.fields[fieldId] : "";
    var n = v === "" ? null : number(v);
    return n && !n.error ? n.value : null;
  }
  function actuals(record, fieldId) {
    var prefix = fieldId + "/", out = [];
    Object.keys(record.actual || {}).forEach(function (k) {
      if (k.indexOf(prefix) === 0 && S.isDay(k.slice(prefix.length))) out.push({ day: k.slice(prefix.length), value: record.actual[k] });
    });
    return out.sort(function (a, b) { return a.day < b.day ? -1 : a.day > b.day ? 1 : 0; });
  }
  function setActual(record, fieldId, d, value) {
    var actual = group(record, "actual");
    put(actual, fieldId + "/" + d, value === null ? undefined : value);
  }
  // the figures as of a day: entries on or before it
  function asOf(list, d) { return d ? list.filter(function (e) { return e.day <= d; }) : list; }
  function rate(t, actual) {
    if (t === null || t === undefined || actual === null || actual === undefined || t === 0) return null;
    return Math.round(actual / t * 1000) / 10;
  }
  function percent(r) { return r === null ? "—" : r + "%"; }

  WP.tracking = {
    NAMES: NAMES, ORDER: ORDER,
    status: status, setStatus: setStatus, follow: follow, setFollow: setFollow,
    ownStatus: ownStatus, setOwnStatus: setOwnStatus, ownFollow: ownFollow, setOwnFollow: setOwnFollow,
    today: today, overdue: overdue, day: day, number: number,
    target: target, actuals: actuals, setActual: setActual, asOf: asOf, rate: rate, percent: percent
  };
})();
