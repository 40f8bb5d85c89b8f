/* 本地保存:记录的格式(版本、修订号、删除标记、迁移)、按条目合并、全部成功或全部不变的写入,
 * 无法读取的记录原样另存,以及浏览器禁止或无法保存时的说明。
 *
 *   var s = WP.store.open("teller");            // key "wp:v1:teller", a plan's ticks and values
 *   var t = WP.store.open("track:x", WP.store.groups({done: WP.store.isTrue}));
 *   s.read()   -> the record's model (plans: {items, fields, track, actual, saved}) or {problem: "off" | "corrupt"}
 *   s.write(model) -> "" when saved, otherwise "off" or "full"; s.conflicts: paths another tab
 *                     changed too since this tab read them
 *   s.clear(); s.watch(callback)                // callback(read()) when another tab saves it
 *   s.recheck()    another tab saved it: this tab's changes that write lost are written again
 *
 * Record format 2 (the key's "v1" names the site's storage, the format lives in each record):
 *   {"format": 2, "rev": 7, "entries": {"<path>": {"value": …, "rev": 3, "by": "<tab>"}}}
 * A path is one thing a person can change ("items/<id>", "fields/<id>", "track/<id>",
 * "actual/<field>/<day>", "saved"); a removal is an
 * entry {"deleted": true, "rev", "by"} (a tombstone), so a stale copy cannot bring it back. Every
 * write bumps the record's rev and the rev of each entry it changes. Two copies merge entry by entry:
 * the higher rev wins, equal revs go to the larger "by", so every tab reaches the same result.
 * A write reads the record afresh and merges its own changes (only those) into it: a tab that read
 * an older revision never replaces newer work of another tab. An entry another tab changed and
 * changed back meanwhile is no such work: the change goes on top of it.
 * Format 1 (no "format": the plain model) is read as entries of rev 1 and written as format 2.
 * A record that cannot be read, wholly or in part, is copied as it was to "damaged:<name>" (raw
 * text, kept until the person removes it): WP.store.damaged() lists them; backups include them.
 */
(function () {
  "use strict";
  var WP = window.WP = window.WP || {};
  var PREFIX = "wp:v1:", FORMAT = 2, DAMAGED = "damaged:";
  var unsavedDamage = [];  // damaged records whose copy could not be written (storage full)

  function isMap(v) { return v !== null && typeof v === "object" && !Array.isArray(v); }
  function has(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }
  // maps without a prototype: ids such as "constructor" or "__proto__" are plain keys
  function dict(from) {
    var d = Object.create(null);
    if (from) Object.keys(from).forEach(function (k) { d[k] = from[k]; });
    return d;
  }
  function isTrue(v) { return v === true; }
  function isText(v) { return typeof v === "string"; }
  function tabId() { return Date.now().toString(36) + Math.random().toString(36).slice(2, 8); }
  var TAB = tabId();

  // window.localStorage, or null where it is blocked, null, missing or unusable.
  function storage() {
    try {
      var ls = window.localStorage;
      if (!ls || typeof ls.getItem !== "function") return null;
      ls.getItem(PREFIX);
      return ls;
    } catch (e) {
      return null;
    }
  }
  function failure(e) {
    return e && (e.name === "QuotaExceededError" || e.code === 22 || e.code === 1014) ? "full" : "off";
  }

  /* ---------- all or nothing ---------- */
  // writes: [{name, raw}] (raw null removes). Every string is written, then read back; when one
  // write fails or reads back different, the exact earlier strings are put back. -> "" or problem
  function commit(writes) {
    var ls = storage();
    if (!ls) return "off";
    var before;
    try { before = writes.map(function (w) { return ls.getItem(PREFIX + w.name); }); } catch (e) { return "off"; }
    try {
      writes.forEach(function (w) {
        if (w.raw === null) ls.removeItem(PREFIX + w.name); else ls.setItem(PREFIX + w.name, w.raw);
      });
      writes.forEach(function (w) {
        if (ls.getItem(PREFIX + w.name) !== w.raw) throw new Error("read back different");
      });
      return "";
    } catch (e) {
      putBack(ls, writes, before);
      return failure(e);
    }
  }
  function putBack(ls, writes, before) {
    // removals first: they free the room the earlier strings need
    var order = writes.map(function (w, i) { return i; }).sort(function (a, b) {
      return (before[a] === null ? 0 : 1) - (before[b] === null ? 0 : 1);
    });
    order.forEach(function (i) {
      try {
        var key = PREFIX + writes[i].name;
        if (before[i] === null) ls.removeItem(key); else if (ls.getItem(key) !== before[i]) ls.setItem(key, before[i]);
      } catch (e) { /* blocked half-way: nothing more can be done here */ }
    });
  }

  /* ---------- entries ---------- */
  function live(e) { return !!e && e.deleted !== true; }
  // the winner of two versions of one entry: higher rev, then larger "by"; the same in every tab
  function newer(a, b) {
    if (!a) return b;
    if (!b) return a;
    if (a.rev !== b.rev) return a.rev > b.rev ? a : b;
    return a.by >= b.by ? a : b;
  }
  function merge(a, b) {
    var out = dict(a);
    Object.keys(b).forEach(function (p) { out[p] = newer(a[p], b[p]); });
    return out;
  }
  function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }
  // What changed from base (entries this tab knows) to values (path -> value): new revs, tombstones.
  function diff(base, values, by) {
    var out = dict();
    Object.keys(values).forEach(function (p) {
      var was = base[p];
      if (!live(was) || !same(was.value, values[p])) out[p] = { value: values[p], rev: (was ? was.rev : 0) + 1, by: by };
    });
    Object.keys(base).forEach(function (p) {
      if (live(base[p]) && !(p in values)) out[p] = { deleted: true, rev: base[p].rev + 1, by: by };
    });
    return out;
  }
  function values(entries) {
    var out = dict();
    Object.keys(entries).forEach(function (p) { if (live(entries[p])) out[p] = entries[p].value; });
    return out;
  }
  function entryShape(e) {
    return isMap(e) && Number.isSafeInteger(e.rev) && e.rev >= 1 && typeof e.by === "string" && e.by.length <= 64 &&
      (e.deleted === true ? !has(e, "value") : !has(e, "deleted") && has(e, "value") && e.value !== null);
  }
  function serialize(rev, entries) {
    var sorted = {};
    Object.keys(entries).sort().forEach(function (p) { sorted[p] = entries[p]; });
    return JSON.stringify({ format: FORMAT, rev: rev, entries: sorted });
  }

  /* ---------- reading a record ---------- */
  // raw text -> {rev, entries, bad (entries that could not be used), error (nothing usable)}
  function parse(raw, kind) {
    var data;
    try { data = JSON.parse(raw); } catch (e) { return { error: true }; }
    if (isMap(data) && has(data, "format") && data.format !== 1) return parseCurrent(data, kind);
    var old = isMap(data) ? kind.fromFormat1(data) : null;  // format 1: the plain model
    if (!old) return { error: true };
    var entries = dict();
    Object.keys(old.values).forEach(function (p) { entries[p] = { value: old.values[p], rev: 1, by: "format1" }; });
    return { rev: 0, entries: entries, bad: old.bad, format1: old, raw: raw };
  }
  function parseCurrent(data, kind) {
    if (data.format !== FORMAT || !Number.isSafeInteger(data.rev) || !isMap(data.entries)) return { error: true };
    var entries = dict(), bad = 0;
    Object.keys(data.entries).forEach(function (p) {
      var e = data.entries[p];
      if (entryShape(e) && kind.path(p) && (e.deleted === true || kind.check(p, e.value))) {
        entries[p] = e.deleted === true ? { deleted: true, rev: e.rev, by: e.by } : { value: e.value, rev: e.rev, by: e.by };
      } else bad++;
    });
    return { rev: data.rev, entries: entries, bad: bad };
  }
  // The record under name, now; what cannot be read is copied aside first.
  function load(name, kind) {
    var ls = storage(), raw;
    if (!ls) return { off: true, rev: 0, entries: dict() };
    try { raw = ls.getItem(PREFIX + name); } catch (e) { return { off: true, rev: 0, entries: dict() }; }
    if (raw === null) return { rev: 0, entries: dict(), missing: true };
    var got = parse(raw, kind);
    if (got.error || got.bad) keepAside(ls, name, raw);
    return got.error ? { error: true, rev: 0, entries: dict() } : got;
  }
  function keepAside(ls, name, raw) {
    try {
      for (var i = 1; ; i++) {
        var key = PREFIX + DAMAGED + name + (i > 1 ? "~" + i : ""), there = ls.getItem(key);
        if (there === raw) return;
        if (there === null) { ls.setItem(key, raw); return; }
      }
    } catch (e) {
      if (!unsavedDamage.some(function (d) { return d.raw === raw; })) unsavedDamage.push({ name: name, raw: raw });
    }
  }
  // Every record kept aside: [{name, raw}] (name: where it came from).
  function damaged() {
    var ls = storage(), out = [];
    keys().forEach(function (k) {
      if (k.indexOf(DAMAGED) !== 0) return;
      try { out.push({ name: k.slice(DAMAGED.length).replace(/~\d+$/, ""), key: k, raw: ls.getItem(PREFIX + k) }); } catch (e) { /* blocked */ }
    });
    return out.concat(unsavedDamage);
  }

  function raw(name) {
    try { return storage().getItem(PREFIX + name); } catch (e) { return null; }
  }

  /* ---------- writing one record's changes ---------- */
  // changes merged into the record as stored now -> {write: {name, raw}, entries, conflicts}
  function prepare(name, kind, changes, base) {
    var now = load(name, kind), conflicts = [];
    Object.keys(changes).forEach(function (p) {
      var there = now.entries[p], known = base ? base[p] : null;
      var since = there && (!known || there.rev !== known.rev || there.by !== known.by);
      if (!since) return;
      // another tab wrote this entry since this tab read it. Back to what this tab read (ticked and
      // unticked, added and removed): nothing of theirs to keep, this tab's change goes on top.
      if (alike(there, known)) changes[p].rev = Math.max(changes[p].rev, there.rev + 1);
      // to something else: a conflict, settled by rev (then "by"), the same in every tab
      else if (!alike(there, changes[p])) conflicts.push(p);
    });
    var merged = merge(now.entries, changes);
    return { write: { name: name, raw: serialize(now.rev + 1, merged) }, entries: merged, conflicts: conflicts };
  }
  // the same state: both absent or removed, or both holding the same value
  function alike(a, b) { return live(a) === live(b) && (!live(a) || same(a.value, b.value)); }
  // After a write, what this tab knows: its own values, at the revs the merge gave them.
  function settle(base, changes, merged) {
    Object.keys(changes).forEach(function (p) {
      base[p] = changes[p].deleted ? { deleted: true, rev: merged[p].rev, by: merged[p].by }
        : { value: changes[p].value, rev: merged[p].rev, by: merged[p].by };
    });
  }

  /* ---------- two tabs writing at the same moment ---------- */
  // Reading a record and writing it back is not atomic across tabs: two tabs may read the same
  // revision and both write, and the later write lacks the earlier one's change. own: path -> the
  // entries this tab wrote (kept, see written()). When another tab writes the record, those of them
  // that storage now holds older (or not at all) are merged in again and written.
  // -> {lost: how many were merged again, entries: the record now, problem}
  function again(name, kind, own) {
    var now = load(name, kind), lost = dict();
    if (now.off || now.error) return { lost: 0, entries: now.entries, problem: now.off ? "off" : "" };
    Object.keys(own).forEach(function (p) {
      var there = now.entries[p];
      if (!there || newer(there, own[p]) !== there) lost[p] = own[p];
      else if (there.rev !== own[p].rev || there.by !== own[p].by) delete own[p];  // newer work: not ours to repeat
    });
    var n = Object.keys(lost).length;
    if (!n) return { lost: 0, entries: now.entries, problem: "" };
    var merged = merge(now.entries, lost);
    var problem = commit([{ name: name, raw: serialize(now.rev + 1, merged) }]);
    return { lost: n, entries: problem ? now.entries : merged, problem: problem };
  }
  // After a write: the entries of changes that are in the record as written (not another tab's
  // newer ones), into own.
  function written(own, changes, merged) {
    Object.keys(changes).forEach(function (p) {
      if (merged[p] && merged[p].rev === changes[p].rev && merged[p].by === changes[p].by) own[p] = merged[p];
    });
  }

  /* ---------- kinds: how a model maps to paths ---------- */
  // A record of groups of id -> value and single values, as plans and tracks keep them:
  //   groups({items: isTrue, fields: isText}, {saved: isText})
  function groups(spec, single) {
    single = single || { saved: isText };
    function split(p) { var i = p.indexOf("/"); return i < 0 ? [p] : [p.slice(0, i), p.slice(i + 1)]; }
    return {
      path: function (p) {
        var s = split(p);
        return s.length === 1 ? has(single, s[0]) : has(spec, s[0]) && s[1].length > 0;
      },
      check: function (p, v) { var s = split(p); return s.length === 1 ? single[s[0]](v) : spec[s[0]](v, s[1]); },
      values: function (model) {
        var out = dict();
        Object.keys(spec).forEach(function (g) {
          var m = model && isMap(model[g]) ? model[g] : {};
          Object.keys(m).forEach(function (id) { if (spec[g](m[id], id)) out[g + "/" + id] = m[id]; });
        });
        Object.keys(single).forEach(function (k) { if (model && single[k](model[k])) out[k] = model[k]; });
        return out;
      },
      model: function (vals) {
        var out = {};
        Object.keys(spec).forEach(function (g) { out[g] = dict(); });
        Object.keys(single).forEach(function (k) { out[k] = ""; });
        Object.keys(vals).forEach(function (p) {
          var s = split(p);
          if (s.length === 1) out[s[0]] = vals[p]; else out[s[0]][s[1]] = vals[p];
        });
        return out;
      },
      fromFormat1: function (data) {
        var vals = dict(), bad = 0, whole = true;
        Object.keys(spec).forEach(function (g) {
          if (!has(data, g)) return;
          if (!isMap(data[g])) { whole = false; return; }
          Object.keys(data[g]).forEach(function (id) {
            if (spec[g](data[g][id], id)) vals[g + "/" + id] = data[g][id]; else if (data[g][id] !== false) bad++;
          });
        });
        Object.keys(single).forEach(function (k) { if (has(data, k) && single[k](data[k])) vals[k] = data[k]; });
        return whole ? { values: vals, bad: bad } : null;  // a group that is not a map: not this record
      }
    };
  }
  // A real calendar day written YYYY-MM-DD (2026-02-30 is not one).
  function isDay(v) {
    var m = typeof v === "string" && /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
    if (!m) return false;
    var d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
  }
  // A measure's follow-up (tracking.js): {status?: "doing"|"paused", due?: day, owner?, note?}, at
  // least one of them. 已完成 is the tick itself (items/<id>), so the two cannot disagree.
  var TRACK = ["status", "due", "owner", "note"];
  function isTrack(v) {
    return isMap(v) && Object.keys(v).length > 0 && Object.keys(v).every(function (k) { return TRACK.indexOf(k) >= 0; }) &&
      (!has(v, "status") || v.status === "doing" || v.status === "paused") && (!has(v, "due") || isDay(v.due)) &&
      (!has(v, "owner") || isText(v.owner)) && (!has(v, "note") || isText(v.note));
  }
  // A target's dated actual figure: "actual/<field id>/<day>" -> a finite number.
  function isActual(v, id) {
    var i = typeof id === "string" ? id.lastIndexOf("/") : -1;
    return typeof v === "number" && isFinite(v) && i > 0 && isDay(id.slice(i + 1));
  }
  // A plan's record: ticks, fill-in values, each measure's follow-up and each target's figures.
  // Every group travels with the record: a writer changes what it knows and keeps the rest.
  var PLAN = groups({ items: isTrue, fields: isText, track: isTrack, actual: isActual });

  /* ---------- one record ---------- */
  function Store(name, kind) {
    this.name = name;
    this.key = PREFIX + name;
    this.kind = kind || PLAN;
    this.base = null;      // the entries this tab's model was read from
    this.conflicts = [];
    this.own = dict();     // entries this tab wrote (again() above)
  }
  // -> the model (empty when nothing is saved), or {problem}.
  Store.prototype.read = function () {
    var got = load(this.name, this.kind);
    if (got.off) return { problem: "off" };
    this.base = got.entries;
    if (got.error) return { problem: "corrupt" };
    return this.kind.model(values(got.entries));
  };
  Store.prototype.write = function (model) {
    if (!storage()) return "off";
    if (!this.base) this.read();
    var base = this.base || dict(), changes = diff(base, this.kind.values(model), TAB);
    if (!Object.keys(changes).length) return "";
    var out = prepare(this.name, this.kind, changes, base), problem = commit([out.write]);
    if (!problem) {
      written(this.own, changes, out.entries);
      settle(base, changes, out.entries);
      this.base = base;
      this.conflicts = out.conflicts;
    }
    return problem;
  };
  // Another tab wrote this record: this tab's own changes it lost are written again. -> again()
  Store.prototype.recheck = function () {
    var got = again(this.name, this.kind, this.own);
    if (got.lost && !got.problem && this.base) Object.keys(this.own).forEach(function (p) { this.base[p] = this.own[p]; }, this);
    return got;
  };
  // Everything removed, as tombstones (a stale tab cannot bring it back).
  Store.prototype.clear = function () { return this.write(this.kind.model(dict())); };
  // Calls back with a fresh read() when another tab of this site saves the same key.
  Store.prototype.watch = function (callback) {
    var self = this;
    window.addEventListener("storage", function (e) {
      if (e.key === self.key) callback(self.read());
    });
  };

  function keys() {
    var ls = storage(), out = [];
    if (!ls) return out;
    try {
      for (var i = 0; i < ls.length; i++) {
        var k = ls.key(i);
        if (k && k.indexOf(PREFIX) === 0) out.push(k.slice(PREFIX.length));
      }
    } catch (e) { /* blocked half-way: what was listed */ }
    return out.sort();
  }

  WP.store = {
    open: function (name, kind) { return new Store(name, kind); },
    plan: PLAN,
    groups: groups,
    keys: keys,
    damaged: damaged,
    available: function () { return storage() !== null; },
    isMap: isMap, isTrue: isTrue, isText: isText, isDay: isDay, isTrack: isTrack, dict: dict,
    // the parts other modules build on: records of several keys (mine-state.js), backups
    record: { load: load, raw: raw, parse: parse, prepare: prepare, settle: settle, commit: commit, diff: diff,
              merge: merge, values: values, serialize: serialize, live: live, tab: TAB, FORMAT: FORMAT,
              again: again, written: written },
    MSG: {
      off: "浏览器已禁用本地存储,进度无法保存。本次访问中仍可勾选和填写,离开前请复制或下载。",
      full: "浏览器存储空间已满,进度无法保存。本次访问中仍可勾选和填写,离开前请复制或下载。",
      corrupt: "之前保存的进度数据已损坏,无法读取,已从空白开始;新的勾选和填写会重新保存。原来的数据已原样另存,导出备份时会一并包含。"
    }
  };
})();
