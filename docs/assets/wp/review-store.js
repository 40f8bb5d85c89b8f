/* 回顾的保存:某一天每项措施和每个目标的状态(回顾时的快照)连同“本期完成情况 / 存在问题 / 下一步打算”,
 * 以及计划回顾日期。回顾页面 (review.js)、工作总结和日程下载都从这里读。
 *
 *   WP.reviews.record(summary, text)  -> {key, problem}; summary: WP.summary.now(…, day) of the
 *                                        review's day; text: {done, problems, next}
 *   WP.reviews.list()                 -> [{key, day, made}] newest day first (readable ones)
 *   WP.reviews.entries()              -> the same with {counts, problem: "" | "newer" | "bad"}, for
 *                                        the page's list (one that cannot be opened is listed, kept)
 *   WP.reviews.summary(key)           -> a summary as WP.summary.now gives, as of the review, plus
 *                                        .text = {done, problems, next} and .review = {key, day}; or null
 *   WP.reviews.remove(key)            -> {problem, putBack: fn() -> problem}
 *   WP.reviews.planned() / plan(day) / unplan(day)   planned review dates, ["YYYY-MM-DD"] sorted
 *   WP.reviews.counts(summary)        -> {todo, doing, done, paused, overdue, total}
 *   WP.reviews.kind, WP.reviews.newer(records), WP.reviews.held()   for backups (backup.js)
 *
 * Saved as store.js records of format 2 ("wp:v1:…", all-or-nothing writes, another tab, backups):
 *   "review:<key>"        entries format (1), day, made, text, header, chunks (names of shared
 *                         records below, in order), status (one character per measure: 0 未开始,
 *                         1 进行中, 2 已完成, 3 已搁置, in the chunks' order), targets (as of the day)
 *   "review:blob:<hash>"  entry value: content-addressed, written once, shared by every review that
 *                         has the same content: a chunk of the measure list, about 32 parts long
 *                         {parts: [[key, title, plan, planTitle, section, n]], m: [[ref ("i:<id>" |
 *                         "o:<key>"), text, remark]], due: 3 characters a measure (days since
 *                         2000-01-01 in base 36, "---" none), owner: {index: text}, note: {index: text}}
 *                         (index within the chunk). A chunk ends after a part whose key hashes to
 *                         0 (mod 32): a part added, removed or reworded changes its chunk only.
 *   "review:planned"      entries planned/<day> -> true
 * So 50 reviews of 5,000 measures hold the measure list about once (the chunks that did not change
 * are shared) and 5,000 characters of status each. A deleted review's entries become tombstones; blobs no review uses are
 * removed when a review is saved an hour or more after they were written (entry "made"), so a
 * blob another tab has just written for its review is never taken away. A review of a newer format (another version of the site)
 * is listed, never opened or changed. Storage blocked or full: the review is kept for the visit.
 */
(function () {
  "use strict";
  var WP = window.WP;
  var S = WP.store, R = S.record, T = WP.tracking;
  var FORMAT = 1, PRE = "review:", BLOB = "review:blob:", PLANNED = "review:planned";
  var CODE = { todo: "0", doing: "1", done: "2", paused: "3" }, NAME = ["todo", "doing", "done", "paused"];
  var EPOCH = Date.UTC(2000, 0, 1), DAY = 86400000, CHUNK = 32;
  var mem = S.dict();  // name -> values, what could not be saved (this visit only)

  // Any path and any value: a record of a newer format is read (and kept) whole; ours is checked
  // when it is opened (decode).
  var KIND = {
    path: function (p) { return typeof p === "string" && p.length > 0 && p.length <= 200; },
    check: function () { return true; },
    values: function (model) { var out = S.dict(); Object.keys(model || {}).forEach(function (k) { out[k] = model[k]; }); return out; },
    model: function (vals) { return vals; },
    fromFormat1: function () { return null; }
  };

  /* ---------- records ---------- */
  function values(name) {
    if (name in mem) return mem[name];
    var got = R.load(name, KIND);
    return got.off || got.error ? S.dict() : R.values(got.entries);
  }
  // a blob's value (blobs never change: read once per page), or undefined
  var blobs = S.dict();
  function blobValue(name) {
    if (typeof name !== "string" || name.indexOf(BLOB) !== 0) return undefined;
    if (!(name in blobs) || blobs[name] === undefined) blobs[name] = values(name).value;
    return blobs[name];
  }
  // the writes that make record name hold vals (null: removed as tombstones)
  function job(name, vals) {
    var now = R.load(name, KIND), changes = R.diff(now.entries, vals || S.dict(), R.tab);
    return Object.keys(changes).length ? R.prepare(name, KIND, changes, now.entries).write : null;
  }
  // every write at once; when storage refuses, the values are kept for the visit
  function commit(sets) {
    var writes = sets.map(function (s) { return S.available() ? job(s.name, s.vals) : null; }).filter(Boolean);
    var problem = S.available() ? R.commit(writes) : "off";
    sets.forEach(function (s) {
      if (problem) mem[s.name] = s.vals || S.dict(); else delete mem[s.name];
    });
    return problem;
  }
  function names() {
    var out = S.keys().filter(function (n) { return n.indexOf(PRE) === 0; });
    Object.keys(mem).forEach(function (n) { if (out.indexOf(n) < 0) out.push(n); });
    return out;
  }
  function reviewNames() {
    return names().filter(function (n) { return n.indexOf(BLOB) !== 0 && n !== PLANNED; });
  }

  /* ---------- content-addressed blobs ---------- */
  function hash(text) {
    var a = 0x811c9dc5, b = 0x01000193 ^ text.length;
    for (var i = 0; i < text.length; i++) {
      var c = text.charCodeAt(i);
      a = Math.imul(a ^ c, 16777619);
      b = Math.imul(b ^ c, 2246822519) ^ (b >>> 13);
    }
    return (a >>> 0).toString(36) + (b >>> 0).toString(36);
  }
  // -> {name, set (null when it is there already)}; another content under the same hash: next name
  function blob(value) {
    var text = JSON.stringify(value), base = BLOB + hash(text);
    for (var i = 1; ; i++) {
      var name = base + (i > 1 ? "x" + i : ""), there = values(name);
      if (!("value" in there)) return { name: name, set: { name: name, vals: { value: value, made: new Date().toISOString() } } };
      if (JSON.stringify(there.value) === text) return { name: name, set: null };
    }
  }

  /* ---------- a summary <-> a review ---------- */
  function dayCode(d) {
    if (!d) return "---";
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d), n = (Date.UTC(+m[1], +m[2] - 1, +m[3]) - EPOCH) / DAY;
    return ("000" + n.toString(36)).slice(-3);
  }
  function codeDay(c) {
    if (c === "---") return "";
    return new Date(EPOCH + parseInt(c, 36) * DAY).toISOString().slice(0, 10);
  }
  // a chunk ends after this part: its key hashes to 0 (mod CHUNK), whatever comes before or after
  function cut(key) {
    var h = 0x811c9dc5;
    for (var i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
    return (h >>> 0) % CHUNK === 0;
  }
  function encode(summary) {
    var chunks = [], c = null, status = "";
    summary.parts.forEach(function (p) {
      if (!c) chunks.push(c = { parts: [], m: [], due: "", owner: {}, note: {} });
      c.parts.push([p.key, p.title, p.plan || "", p.planTitle || "", p.section || "", p.measures.length]);
      p.measures.forEach(function (m) {
        var i = c.m.length;
        c.m.push([m.key !== undefined && m.id === undefined ? "o:" + m.key : "i:" + m.id, m.text, m.remark || ""]);
        status += CODE[m.status];
        c.due += dayCode(m.due);
        if (m.owner) c.owner[i] = m.owner;
        if (m.note) c.note[i] = m.note;
      });
      if (cut(p.key)) c = null;
    });
    return { chunks: chunks, status: status };
  }
  function chunkOk(v) {
    return S.isMap(v) && Array.isArray(v.parts) && Array.isArray(v.m) && isText(v.due) && v.due.length === 3 * v.m.length &&
      S.isMap(v.owner) && S.isMap(v.note);
  }
  // a review's chunks joined: {layout: {parts, m}, follow: {due, owner, note}} (indices across the
  // review), or null when one is missing or damaged; the same list joined once per page
  var joins = S.dict();
  function joined(names) {
    if (!Array.isArray(names) || !names.every(isText)) return null;
    var id = names.join(" ");
    if (joins[id]) return joins[id];
    var layout = { parts: [], m: [] }, follow = { due: "", owner: {}, note: {} };
    for (var n = 0; n < names.length; n++) {
      var v = blobValue(names[n]), base = layout.m.length;
      if (!chunkOk(v)) return null;
      Array.prototype.push.apply(layout.parts, v.parts);
      Array.prototype.push.apply(layout.m, v.m);
      follow.due += v.due;
      Object.keys(v.owner).forEach(function (k) { follow.owner[base + +k] = v.owner[k]; });
      Object.keys(v.note).forEach(function (k) { follow.note[base + +k] = v.note[k]; });
    }
    return (joins[id] = { layout: layout, follow: follow });
  }
  // a target as of the review's day: entries on or before it, the latest of them, its rate
  function targetAsOf(t, day) {
    var entries = T.asOf(t.entries, day);
    return [t.plan, t.planTitle || "", t.id, t.label, t.unit || "", t.target, entries.map(function (e) { return [e.day, e.value]; }), t.bad || ""];
  }
  function targetOf(a) {
    var entries = a[6].map(function (e) { return { day: e[0], value: e[1] }; }), last = entries.length ? entries[entries.length - 1] : null;
    return { plan: a[0], planTitle: a[1], id: a[2], label: a[3], unit: a[4], target: a[5], entries: entries,
             actual: last ? last.value : null, actualDay: last ? last.day : "", rate: T.rate(a[5], last ? last.value : null), bad: a[7] };
  }
  function isText(v) { return typeof v === "string"; }
  function shapeOk(v, layout, follow) {
    return v.format === FORMAT && S.isDay(v.day) && isText(v.made) && S.isMap(v.text) && isText(v.status) &&
      S.isMap(layout) && Array.isArray(layout.parts) && Array.isArray(layout.m) && layout.m.length === v.status.length &&
      S.isMap(follow) && isText(follow.due) && follow.due.length === 3 * v.status.length && Array.isArray(v.targets);
  }
  // the review's values -> the summary it keeps, or {problem: "newer" | "bad"}
  function decode(key, v) {
    if (typeof v.format === "number" && v.format > FORMAT) return { problem: "newer" };
    var j = joined(v.chunks);
    if (!j || !shapeOk(v, j.layout, j.follow)) return { problem: "bad" };
    try { return build(key, v, j.layout, j.follow); } catch (e) { return { problem: "bad" }; }
  }
  // the counts of a review without building it: statuses from its string, 已逾期 from the days
  function quick(v) {
    if (typeof v.format === "number" && v.format > FORMAT) return { problem: "newer" };
    var j = joined(v.chunks), follow = j && j.follow;
    if (!j || !shapeOk(v, j.layout, follow)) return { problem: "bad" };
    var c = { todo: 0, doing: 0, done: 0, paused: 0, overdue: 0, total: v.status.length }, today = dayCode(v.day);
    for (var i = 0; i < v.status.length; i++) {
      var s = NAME[+v.status.charAt(i)];
      if (!s) return { problem: "bad" };
      c[s]++;
      var due = follow.due.substr(3 * i, 3);
      if ((s === "todo" || s === "doing") && due !== "---" && due < today) c.overdue++;
    }
    return { counts: c };
  }
  function build(key, v, layout, follow) {
    var i = 0, parts = layout.parts.map(function (p) {
      var part = { key: p[0], title: p[1], plan: p[2], planTitle: p[3], section: p[4], measures: [] };
      for (var n = 0; n < p[5]; n++, i++) part.measures.push(measure(layout.m[i], i, part, v, follow));
      return part;
    });
    var text = v.text;
    return { day: v.day, header: S.isMap(v.header) ? v.header : {}, parts: parts, targets: v.targets.map(targetOf),
             text: { done: text.done || "", problems: text.problems || "", next: text.next || "" }, review: { key: key, day: v.day } };
  }
  function measure(row, i, part, v, follow) {
    var own = row[0].slice(0, 2) === "o:", status = NAME[+v.status.charAt(i)], due = codeDay(follow.due.substr(3 * i, 3));
    if (!status) throw new Error("status");
    var m = own ? { key: row[0].slice(2), plan: "" } : { id: row[0].slice(2), plan: part.plan };
    m.text = row[1];
    m.status = status;
    m.due = due;
    m.owner = follow.owner[i] || "";
    m.note = follow.note[i] || "";
    m.overdue = T.overdue(status, due, v.day);
    m.remark = row[2];
    return m;
  }

  /* ---------- the API ---------- */
  function record(summary, text) {
    var key = WP.mine.newKey("r"), enc = encode(summary), chunks = enc.chunks.map(blob);
    var vals = { format: FORMAT, day: summary.day, made: new Date().toISOString(),
                 text: { done: text.done || "", problems: text.problems || "", next: text.next || "" },
                 header: summary.header, chunks: chunks.map(function (c) { return c.name; }), status: enc.status,
                 targets: summary.targets.map(function (t) { return targetAsOf(t, summary.day); }) };
    var sets = chunks.map(function (c) { return c.set; }).filter(Boolean).concat([{ name: PRE + key, vals: vals }]);
    var problem = commit(sets.concat(unused(vals.chunks)));
    return { key: key, problem: problem };
  }
  // blobs no review uses any more (none when a review of a newer format is here: it may use them).
  // Only those written over an hour ago: another tab may be saving a review that uses a blob it
  // has just written, and this tab may not have heard of that review yet.
  function settled(v) { return !isText(v.made) || !(Date.now() - Date.parse(v.made) < 3600000); }
  function unused(keep) {
    var used = S.dict(), newer = false;
    keep.forEach(function (n) { used[n] = true; });
    reviewNames().forEach(function (n) {
      var v = values(n);
      if (typeof v.format === "number" && v.format > FORMAT) newer = true;
      if (Array.isArray(v.chunks)) v.chunks.forEach(function (c) { used[c] = true; });
    });
    if (newer) return [];
    return names().filter(function (n) { return n.indexOf(BLOB) === 0 && !used[n] && "value" in values(n) && settled(values(n)); })
      .map(function (n) { return { name: n, vals: null }; });
  }
  // {todo, doing, done, paused, overdue, total}, as WP.summary.count gives (without loading it)
  function counts(summary) {
    var c = { todo: 0, doing: 0, done: 0, paused: 0, overdue: 0, total: 0 };
    summary.parts.forEach(function (p) {
      p.measures.forEach(function (m) { c[m.status]++; c.total++; if (m.overdue) c.overdue++; });
    });
    return c;
  }
  function entries() {
    var out = [];
    reviewNames().forEach(function (n) {
      var v = values(n), key = n.slice(PRE.length);
      if (!Object.keys(v).length) return;  // deleted
      var got = quick(v);
      out.push({ key: key, day: isText(v.day) ? v.day : "", made: isText(v.made) ? v.made : "",
                 problem: got.problem || "", counts: got.problem ? null : got.counts });
    });
    return out.sort(function (a, b) {
      return a.day !== b.day ? (a.day < b.day ? 1 : -1) : a.made < b.made ? 1 : a.made > b.made ? -1 : 0;
    });
  }
  function list() {
    return entries().filter(function (e) { return !e.problem; }).map(function (e) { return { key: e.key, day: e.day, made: e.made }; });
  }
  function summary(key) {
    var v = values(PRE + key);
    if (!Object.keys(v).length) return null;
    var got = decode(key, v);
    return got.problem ? null : got;
  }
  // deleted as tombstones; putBack writes the same values (and the blobs it used) again
  function remove(key) {
    var name = PRE + key, v = values(name), keep = (Array.isArray(v.chunks) ? v.chunks : []).filter(isText).map(function (n) {
      return { name: n, vals: values(n) };
    });
    var problem = commit([{ name: name, vals: null }]);
    return { problem: problem, putBack: function () {
      return commit(keep.filter(function (b) { return "value" in b.vals; }).concat([{ name: name, vals: v }]));
    } };
  }

  /* ---------- planned review dates ---------- */
  function planned() {
    var v = values(PLANNED);
    return Object.keys(v).filter(function (p) { return p.indexOf("planned/") === 0 && v[p] === true && S.isDay(p.slice(8)); })
      .map(function (p) { return p.slice(8); }).sort();
  }
  function setPlanned(day, on) {
    var v = S.dict(), now = values(PLANNED);
    Object.keys(now).forEach(function (p) { v[p] = now[p]; });
    if (on) v["planned/" + day] = true; else delete v["planned/" + day];
    return commit([{ name: PLANNED, vals: v }]);
  }

  // for backups: the first review record of a newer format in name -> entries, as {name, format}
  function newer(records) {
    var hit = null;
    Object.keys(records).some(function (n) {
      if (n.indexOf(PRE) !== 0) return false;
      var f = records[n].format;
      if (f && R.live(f) && typeof f.value === "number" && f.value > FORMAT) hit = { name: n, format: f.value };
      return !!hit;
    });
    return hit;
  }

  // what could not be saved, name -> values (backups made while storage is blocked include it)
  function held() {
    var out = S.dict();
    Object.keys(mem).forEach(function (n) { if (Object.keys(mem[n]).length) out[n] = mem[n]; });
    return out;
  }

  WP.reviews = {
    FORMAT: FORMAT, kind: KIND, prefix: PRE,
    record: record, list: list, counts: counts, entries: entries, summary: summary, remove: remove,
    planned: planned, plan: function (day) { return setPlanned(day, true); }, unplan: function (day) { return setPlanned(day, false); },
    newer: newer, held: held
  };
})();
