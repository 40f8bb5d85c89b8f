/* 备份:把本浏览器中保存的全部内容(我的计划、每个计划的勾选和填写、学习路径进度,以及无法读取而另存的
 * 记录)导出为一个 JSON 文件,在另一台电脑或浏览器中导入恢复。
 *
 *   WP.backup.make(extra)  -> the backup object; extra: name -> model held only in memory (storage off)
 *   WP.backup.check(text)  -> {records, models, names, exported} or {error: "导入失败:…"}; nothing is written
 *   WP.backup.compare(checked) -> what an import would change, record by record (below)
 *   WP.backup.writes(checked, "merge" | "replace") -> [{name, raw}], the strings an import writes
 *   WP.backup.restore(checked, "merge" | "replace") -> "" or the reason nothing was changed
 * 回顾 (review-store.js, "review:…") travel as records too; a file holding a review of a newer
 * format than this site reads is refused as a whole (nothing changes).
 * File, version 2: {"format": "wp-backup", "version": 2, "site": …, "exported": ISO time,
 *   "records": {name: {"format": 2, "rev", "entries"}} (store.js), "damaged": {name: raw text}}.
 * Version 1 files (records as plain models) are read too. A file that is not a backup, is damaged,
 * or comes from a newer version is refused as a whole, and so is a file over 10 MB or a record named
 * like a built-in property (`__proto__`, `constructor`: never a plan of this site); ids of that kind
 * inside a record are plain keys (store.js) and are read. Every refusal starts with 导入失败.
 * "merge" keeps, entry by entry, the newer
 * revision of what the browser and the file hold (store.js); "replace" makes each record the file
 * holds (and 我的计划 as a whole) what the file says, removals as tombstones. Either is one
 * all-or-nothing write.
 */
(function () {
  "use strict";
  var WP = window.WP;
  var S = WP.store, R = S.record;
  var VERSION = 2, FORMAT = "wp-backup", SITE = "银行员工工作计划模板库";
  var PLAN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, TRACK = /^track:[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
  var SAFE = "已保存的内容没有任何改动。", FAIL = "导入失败:", MAX = 10 * 1024 * 1024;

  function kindFor(name) {
    if (name === "mine") return WP.mine.INDEX;
    if (name.indexOf(WP.mine.PART) === 0) return WP.mine.PARTS;
    if (name.indexOf(WP.reviews.prefix) === 0) return WP.reviews.kind;  // 回顾 (review-store.js)
    if (TRACK.test(name)) return WP.path ? WP.path.kind : S.groups({ done: S.isTrue });
    if (PLAN.test(name)) return S.plan;
    return null;
  }
  function plain(entries) {
    var out = {};
    Object.keys(entries).sort().forEach(function (p) { out[p] = entries[p]; });
    return out;
  }
  function fresh(vals) {
    var entries = S.dict();
    Object.keys(vals).forEach(function (p) { entries[p] = { value: vals[p], rev: 1, by: "backup" }; });
    return entries;
  }
  // name -> model (what this visit holds) as name -> entries, 我的计划 as its records
  function fromModels(models) {
    var out = S.dict();
    Object.keys(models).forEach(function (name) {
      if (name !== "mine") { out[name] = fresh(kindFor(name).values(models[name])); return; }
      out.mine = fresh(WP.mine.indexValues(models.mine));
      models.mine.parts.forEach(function (p) { out[WP.mine.PART + p.key] = fresh(WP.mine.partValues(p)); });
    });
    return out;
  }

  function make(extra) {
    var records = {}, damaged = {};
    S.keys().forEach(function (name) {
      var kind = kindFor(name), got = kind ? R.load(name, kind) : null;
      if (got && !got.error && !got.off && Object.keys(got.entries).length) records[name] = { format: R.FORMAT, rev: got.rev, entries: plain(got.entries) };
    });
    S.damaged().forEach(function (d) { damaged[d.key || d.name] = d.raw; });
    var kept = S.keys().filter(function (n) { return n.indexOf("format1:") === 0; });
    kept.forEach(function (n) { damaged[n] = R.raw(n); });
    var mem = fromModels(extra || {}), reviews = WP.reviews.held();  // 回顾 kept only for the visit
    Object.keys(reviews).forEach(function (name) { mem[name] = fresh(reviews[name]); });
    Object.keys(mem).forEach(function (name) { records[name] = { format: R.FORMAT, rev: 1, entries: plain(mem[name]) }; });
    return { format: FORMAT, version: VERSION, site: SITE, exported: new Date().toISOString(), records: records, damaged: damaged };
  }

  /* ---------- reading a file ---------- */
  function check(text) {
    var data;
    if (typeof text !== "string" || text.length > MAX) return refuse(tooBig());
    try { data = JSON.parse(text); } catch (e) {
      return refuse("无法读取这个文件:它不是有效的备份文件,或者已经损坏(例如只复制了一部分)。");
    }
    if (!S.isMap(data) || data.format !== FORMAT) {
      return refuse("这不是本站导出的备份文件(请选择“导出备份”得到的 .json 文件)。");
    }
    if (data.version !== 1 && data.version !== VERSION) {
      return refuse(typeof data.version === "number" && data.version > VERSION
        ? "这个备份来自更新版本的网站(备份格式 " + data.version + "),当前网站无法读取。请先更新网站再导入。"
        : "备份文件已损坏:格式版本无法识别。");
    }
    if (!S.isMap(data.records)) return refuse("备份文件已损坏:缺少保存的记录。");
    var builtIn = Object.keys(data.records).filter(function (n) { return n in Object.prototype; })[0];
    if (builtIn) return refuse("备份文件已损坏:记录名 “" + builtIn + "” 不是本站的计划或我的计划。");
    var got = data.version === 1 ? version1(data.records) : version2(data.records);
    if (got.error) return got;
    var later = WP.reviews.newer(got.records);
    if (later) {
      return refuse("这个备份中的回顾来自更新版本的网站(回顾格式 " + later.format + "),当前网站无法读取。请先更新网站再导入。");
    }
    if (!Object.keys(got.records).length) return refuse("这个备份文件是空的,没有可以导入的内容。");
    got.models = models(got.records);
    got.names = Object.keys(got.models).sort();
    got.exported = typeof data.exported === "string" ? data.exported : "";
    return got;
  }
  function refuse(why) { return { error: FAIL + why + SAFE }; }
  function tooBig() { return "文件超过 10 MB,不是本站的备份文件(备份通常只有几十 KB)。"; }
  function damagedRecord(name) { return refuse("备份文件已损坏:记录 “" + name + "” 无法读取(内容的类型不对或不完整)。"); }
  function version1(records) {
    var out = S.dict(), names = Object.keys(records);
    for (var i = 0; i < names.length; i++) {
      var name = names[i], kind = name === "mine" ? null : kindFor(name), rec = records[name];
      if (name === "mine") {  // refused when anything in it has the wrong type, or it holds nothing
        var f = S.isMap(rec) && (Array.isArray(rec.parts) || S.isMap(rec.header)) ? WP.mine.INDEX.fromFormat1(rec) : null;
        var m = f && !f.bad ? WP.mine.shape(rec) : null;
        if (!m) return damagedRecord(name);
        var split = fromModels({ mine: m });
        Object.keys(split).forEach(function (n) { out[n] = split[n]; });
        continue;
      }
      var old = kind && S.isMap(rec) ? kind.fromFormat1(rec) : null;
      if (!old || old.bad) return damagedRecord(name);
      out[name] = fresh(old.values);
    }
    return { records: out };
  }
  function version2(records) {
    var out = S.dict(), names = Object.keys(records);
    for (var i = 0; i < names.length; i++) {
      var kind = kindFor(names[i]), rec = records[names[i]];
      var got = kind && S.isMap(rec) && rec.format === R.FORMAT ? R.parse(JSON.stringify(rec), kind) : { error: true };
      if (got.error || got.bad) return damagedRecord(names[i]);
      out[names[i]] = got.entries;
    }
    return { records: out };
  }
  // name -> entries -> the models the page shows ("mine" from its records)
  function models(records) {
    var out = {}, parts = S.dict();
    Object.keys(records).forEach(function (name) {
      if (name.indexOf(WP.mine.PART) === 0) parts[name.slice(WP.mine.PART.length)] = R.values(records[name]);
      else if (name !== "mine") out[name] = kindFor(name).model(R.values(records[name]));
    });
    if (records.mine || Object.keys(parts).length) out.mine = WP.mine.build(records.mine ? R.values(records.mine) : S.dict(), parts);
    return out;
  }

  /* ---------- what an import changes ---------- */
  // the records an import looks at: the file's, and with "replace", every part of 我的计划 here
  function touched(checked, mode) {
    var names = Object.keys(checked.records);
    if (mode !== "merge" && checked.records.mine) {
      names = names.concat(S.keys().filter(function (n) { return n.indexOf(WP.mine.PART) === 0 && !(n in checked.records); }));
    }
    return names;
  }
  function writes(checked, mode) {
    var out = [];
    touched(checked, mode).forEach(function (name) {
      var kind = kindFor(name), now = R.load(name, kind), file = checked.records[name] || S.dict();
      var next = mode === "replace" ? replaced(now.entries, file) : R.merge(now.entries, file);
      if (JSON.stringify(plain(next)) !== JSON.stringify(plain(now.entries))) out.push({ name: name, raw: R.serialize(now.rev + 1, next) });
    });
    return out;
  }
  function restore(checked, mode) {
    if (!S.available()) return FAIL + "浏览器禁止保存数据。" + SAFE;
    var problem = R.commit(writes(checked, mode));
    return problem ? FAIL + (problem === "full" ? "浏览器存储空间已满。" : "浏览器禁止保存数据。") + SAFE : "";
  }
  function same(a, b) { return JSON.stringify(plain(a)) === JSON.stringify(plain(b)); }
  function label(name, here, file) {
    var head = here.head || file.head;
    if (name === "mine") return { kind: "mine", name: name };
    if (name.indexOf(WP.reviews.prefix) === 0) return { kind: "review", name: name };
    var other = here.head && file.head && (file.head.title || file.head.heading || "");
    if (head) return { kind: "part", name: name, title: head.title || head.heading || "", fileTitle: other || "" };
    return { kind: TRACK.test(name) ? "track" : "plan", name: name };
  }
  /* Record by record, what a merge would take from each side: {newerHere, newerInFile, onlyHere,
   * onlyInFile: [{kind: "mine" | "part" | "plan" | "track", name, title?, fileTitle?, removed?}],
   * empty} (title: here, else the file's; fileTitle: the file's where both have the part).
   * newerInFile: the merge changes what is here; newerHere: here holds what the file lacks (a
   * record in both lists was changed on both sides). empty: nothing is saved here at all. */
  function compare(checked) {
    var out = { newerHere: [], newerInFile: [], onlyHere: [], onlyInFile: [], empty: true };
    var names = S.keys().filter(kindFor).concat(Object.keys(checked.records));
    names.filter(function (n, i) { return names.indexOf(n) === i; }).forEach(function (name) {
      var here = R.load(name, kindFor(name)).entries, file = checked.records[name] || S.dict();
      var hv = R.values(here), fv = R.values(file), merged = R.values(R.merge(here, file));
      var inHere = Object.keys(hv).length > 0, inFile = Object.keys(fv).length > 0;
      if (inHere) out.empty = false;
      if (!inHere && !inFile) return;
      var item = label(name, hv, fv);
      if (!inHere) {  // here: nothing, or removed later than the file's copy
        item.removed = same(merged, hv);
        return (item.removed ? out.newerHere : out.onlyInFile).push(item);
      }
      if (!(name in checked.records)) return out.onlyHere.push(item);
      if (!inFile) item.removed = true;
      if (!same(merged, hv)) out.newerInFile.push(item);
      if (!same(merged, fv)) out.newerHere.push(item);
    });
    return out;
  }
  // the file's values over every entry, each at a rev above what the browser held
  function replaced(mine, file) {
    var out = S.dict();
    Object.keys(mine).concat(Object.keys(file)).forEach(function (p) {
      var rev = Math.max(mine[p] ? mine[p].rev : 0, file[p] ? file[p].rev : 0) + 1;
      out[p] = file[p] && R.live(file[p]) ? { value: file[p].value, rev: rev, by: "backup" } : { deleted: true, rev: rev, by: "backup" };
    });
    return out;
  }

  WP.backup = { MAX: MAX, tooBig: function () { return FAIL + tooBig() + SAFE; }, make: make, check: check, compare: compare, writes: writes, restore: restore };
})();
