/* 备份:把本浏览器中保存的全部内容(我的计划、每个计划的勾选和填写、学习路径进度)导出为一个 JSON 文件,
 * 在另一台电脑或浏览器中导入恢复。
 *
 *   WP.backup.make(extra)  -> the backup object; extra: name -> record held only in memory (storage off)
 *   WP.backup.check(text)  -> {records, names} or {error: "中文说明"}; nothing is written
 *   WP.backup.restore(records) -> "" or the reason nothing was changed
 * File: {"format": "wp-backup", "version": 1, "site": …, "exported": ISO time, "records": {name: record}}.
 * A file that is not a backup, is damaged, or comes from a newer version is refused as a whole, and
 * a restore that fails half-way (storage full) puts the earlier records back.
 */
(function () {
  "use strict";
  var WP = window.WP;
  var VERSION = 1, FORMAT = "wp-backup", SITE = "银行员工工作计划模板库";
  var PLAN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, TRACK = /^track:[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

  function shapeFor(name) {
    if (name === "mine") return WP.mine.shape;
    if (TRACK.test(name)) return function (v) { return WP.store.isMap(v) ? v : null; };
    if (PLAN.test(name)) return WP.store.planShape;
    return null;
  }

  function make(extra) {
    var records = {};
    WP.store.keys().forEach(function (name) {
      var shape = shapeFor(name);
      if (!shape) return;
      var data = WP.store.open(name, shape).read();
      if (!data.problem && Object.keys(data).length) records[name] = data;
    });
    Object.keys(extra || {}).forEach(function (name) { records[name] = extra[name]; });
    return { format: FORMAT, version: VERSION, site: SITE, exported: new Date().toISOString(), records: records };
  }

  function check(text) {
    var data;
    try { data = JSON.parse(text); } catch (e) {
      return { error: "无法读取这个文件:它不是有效的备份文件,或者已经损坏。本浏览器中已保存的内容没有任何改动。" };
    }
    if (!WP.store.isMap(data) || data.format !== FORMAT) {
      return { error: "这不是本站导出的备份文件(请选择“导出备份”得到的 .json 文件)。本浏览器中已保存的内容没有任何改动。" };
    }
    if (typeof data.version !== "number" || data.version > VERSION) {
      return { error: "这个备份来自更新版本的网站(备份格式 " + data.version + "),当前网站无法读取。请先更新网站再导入。已保存的内容没有任何改动。" };
    }
    if (!WP.store.isMap(data.records)) return { error: "备份文件已损坏:缺少保存的记录。已保存的内容没有任何改动。" };
    var records = {}, names = Object.keys(data.records);
    for (var i = 0; i < names.length; i++) {
      var shape = shapeFor(names[i]), clean = shape ? shape(data.records[names[i]]) : null;
      if (!clean) return { error: "备份文件已损坏:记录 “" + names[i] + "” 无法读取。已保存的内容没有任何改动。" };
      records[names[i]] = clean;
    }
    if (!names.length) return { error: "这个备份文件是空的,没有可以导入的内容。" };
    return { records: records, names: names.sort() };
  }

  function restore(records) {
    if (!WP.store.available()) return "浏览器禁止保存数据,无法导入。已保存的内容没有任何改动。";
    var names = Object.keys(records), before = {}, done = [];
    names.forEach(function (name) { before[name] = WP.store.open(name, shapeFor(name)).read(); });
    for (var i = 0; i < names.length; i++) {
      var problem = WP.store.open(names[i], shapeFor(names[i])).write(records[names[i]]);
      if (problem) {
        done.forEach(function (name) {  // put back what was there
          var old = before[name], store = WP.store.open(name, shapeFor(name));
          if (old.problem || !Object.keys(old).length) store.clear(); else store.write(old);
        });
        return (problem === "full" ? "浏览器存储空间已满" : "浏览器禁止保存数据") + ",无法导入。已保存的内容没有任何改动。";
      }
      done.push(names[i]);
    }
    return "";
  }

  WP.backup = { make: make, check: check, restore: restore };
})();
