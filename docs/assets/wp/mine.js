/* “我的计划”页面:基本信息、挑选的章节(排序、改标题、移除)、措施(勾选、填写、改写、恢复原文、移除)、
 * 自己的措施和章节,以及下载 Word、复制、打印、分享链接、备份。
 *
 * State: mine-state.js (the selection) and each plan's own record in store.js (ticks and values,
 * shared with the plan pages). Content: minedoc.js resolves the selection against the published plan
 * data (data.js loads only the plans in the selection). Markup comes from the page's <template>
 * elements (macros/templates/mine.md.j2); this script clones them and fills in text.
 */
(function () {
  "use strict";
  var WP = window.WP;
  var MSG = {
    off: "浏览器已禁用本地存储,我的计划无法保存。本次访问中仍可整理和填写,离开前请下载 Word 或导出备份。",
    full: "浏览器存储空间已满,我的计划无法保存。本次访问中仍可整理和填写,离开前请下载 Word 或导出备份。",
    corrupt: "之前保存的我的计划已损坏,无法读取,已从空白开始。"
  };

  function $(root, sel) { return root.querySelector(sel); }
  function clone(id) { return document.getElementById(id).content.firstElementChild.cloneNode(true); }
  function text(tag, value, cls) {
    var e = document.createElement(tag);
    e.textContent = value;
    if (cls) e.className = cls;
    return e;
  }

  function init() {
    var root = document.querySelector("[data-mine]");
    if (!root || root.dataset.ready) return;
    root.dataset.ready = "1";
    var mine = WP.mine.open(), first = mine.read(), state = first.state;
    var plans = {}, records = {}, planStores = {};
    var list = $(root, ".wp-parts"), empty = $(root, ".wp-mine-empty");
    var tools = $(root, ".wp-tools--mine"), warning = $(tools, ".wp-warning"), note = $(tools, ".wp-note");
    var toast = document.querySelector(".wp-toast"), live = document.querySelector(".wp-live");
    var warned = "";

    function say(message) {
      toast.textContent = message;
      setTimeout(function () { if (toast.textContent === message) toast.textContent = ""; }, 5000);
    }
    function warn(kind, message) {
      var words = kind ? message || MSG[kind] : "";
      if (kind + words === warned) return;  // shown (and read out) once, not on every change
      warned = kind + words;
      warning.textContent = words;
      warning.hidden = !kind;
    }

    /* saving */
    function save() {
      var problem = mine.write(state);
      if (problem) warn(problem);
      else {
        if (warned.indexOf("corrupt") === 0) warn("");
        note.textContent = "已自动保存(" + new Date().toLocaleTimeString("zh-CN") + ")。";
      }
    }
    // A plan's ticks and values, read afresh from storage (a plan page in another tab may have
    // changed them); the copy in memory stands in only where storage cannot be read.
    function record(planId) {
      planStores[planId] = planStores[planId] || WP.store.open(planId);
      var data = planStores[planId].read();
      if (data.problem && data.problem !== "corrupt") warn(data.problem);
      if (!data.problem || !records[planId]) records[planId] = { items: data.items || {}, fields: data.fields || {} };
      return records[planId];
    }
    function savePlan(planId) {
      var r = records[planId];
      r.saved = new Date().toISOString();
      var problem = planStores[planId].write(r);
      if (problem) warn(problem);
    }

    /* plan data: only the plans the selection uses */
    function loadPlans(ids) {
      return Promise.all(ids.filter(function (id) { return id && !(id in plans); }).map(function (id) {
        return WP.data.loadPlan(id).then(function (d) {
          plans[id] = d;
          if (WP.mine.follow(state, d)) save();  // picks made before a rename take the new ids
        }, function () { plans[id] = null; });
      }));
    }
    function usedPlans(parts) {
      return parts.map(function (p) { return p.plan; }).filter(function (id, i, all) { return id && all.indexOf(id) === i; });
    }

    /* ---------- rendering ---------- */
    function words(host, e, part, boxId) {
      var data = plans[part.plan], rec = part.plan ? record(part.plan) : null;
      function label(t) {
        var l = text("label", t, "wp-item-text");
        l.htmlFor = boxId;
        return l;
      }
      if (e.kind === "picked" && e.edit === undefined) {
        var fields = {};
        (data.fields || []).forEach(function (f) { fields[f.id] = f; });
        var lab = label("");
        if (e.node.lead) lab.appendChild(text("strong", e.node.lead));
        if (e.node.lead && e.node.runs.length) lab.appendChild(document.createTextNode(":"));
        host.appendChild(lab);
        e.node.runs.forEach(function (r) {
          if (!r.field) {
            if (host.lastChild && host.lastChild.tagName === "LABEL") host.lastChild.appendChild(document.createTextNode(r.text));
            else host.appendChild(label(r.text));
            return;
          }
          var f = fields[r.field] || { id: r.field, label: r.field, placeholder: "____", unit: "" };
          var input = document.createElement("input");
          input.type = "text";
          input.className = "wp-input";
          input.dataset.plan = part.plan;
          input.dataset.field = f.id;
          input.placeholder = f.placeholder;
          input.maxLength = 200;
          input.autocomplete = "off";
          input.setAttribute("aria-label", f.label + (f.unit ? "(单位:" + f.unit + ")" : ""));
          input.value = rec.fields[f.id] || "";
          host.appendChild(input);
        });
      } else {
        host.appendChild(label(e.kind === "own" ? e.text : e.edit !== undefined ? e.edit : e.text));
      }
    }

    function entryRow(e, part, pi, ei) {
      var li = clone("wp-entry-template"), box = $(li, ".wp-check");
      box.id = "wp-mine-" + pi + "-" + ei;
      var rec = part.plan ? record(part.plan) : null;
      if (e.kind === "own") box.checked = e.done;
      else {
        box.dataset.plan = part.plan;
        box.dataset.item = e.id;
        var ids = [e.id, e.saved].concat(e.node ? e.node.aliases || [] : []);
        box.dataset.ids = ids.join(" ");  // unticking clears every id the measure has had
        box.checked = ids.some(function (id) { return rec.items[id] === true; });
      }
      words($(li, ".wp-entry-words"), e, part, box.id);
      var note = WP.minedoc.NOTE;
      var noteText = e.kind !== "picked" ? note[e.kind] : e.edit !== undefined ? note.edited : "";
      $(li, ".wp-entry-note").textContent = noteText;
      $(li, ".wp-entry-note").hidden = !noteText;
      $(li, "[data-entry=original]").hidden = !(e.kind !== "own" && e.edit !== undefined);
      li.dataset.entry = String(ei);
      if (e.kind === "picked" && e.node.items && e.node.items.length) {
        var sub = document.createElement("ul");
        sub.className = "wp-checklist";
        e.node.items.forEach(function (child, ci) {
          var c = document.createElement("li"), cb = document.createElement("input");
          c.className = "wp-item";
          cb.type = "checkbox";
          cb.className = "wp-check";
          cb.id = box.id + "-" + ci;
          cb.dataset.plan = part.plan;
          cb.dataset.item = child.id;
          cb.dataset.ids = [child.id].concat(child.aliases || []).join(" ");
          cb.checked = [child.id].concat(child.aliases || []).some(function (id) { return rec.items[id] === true; });
          c.appendChild(cb);
          words(c, { kind: "picked", node: child }, part, cb.id);
          sub.appendChild(c);
        });
        li.appendChild(sub);
      }
      return li;
    }

    function render(focus) {
      list.textContent = "";
      empty.hidden = state.parts.length > 0;
      state.parts.forEach(function (part, pi) {
        var r = WP.minedoc.entries(part, plans), li = clone("wp-part-template");
        li.dataset.part = String(pi);
        var h = $(li, ".wp-part-title");
        h.id = "part-" + part.key;
        h.textContent = r.heading;
        $(li, ".wp-part-tools").setAttribute("aria-labelledby", h.id);
        $(li, "[data-part=up]").disabled = pi === 0;
        $(li, "[data-part=down]").disabled = pi === state.parts.length - 1;
        var src = $(li, ".wp-part-source");
        if (r.source) {
          src.appendChild(document.createTextNode("来自:"));
          var a = text(r.source.href ? "a" : "span", r.source.plan + " · " + r.source.section);
          if (r.source.href) a.href = r.source.href;
          src.appendChild(a);
          if (r.source.missing) src.appendChild(text("span", r.source.missing === "plan" ? "模板数据无法读取(模板可能已从模板库中删除)" : "模板中已删除这一节", "wp-entry-note"));
        } else src.textContent = "自己的章节";
        var items = $(li, ".wp-part-items");
        r.entries.forEach(function (e, ei) { items.appendChild(entryRow(e, part, pi, ei)); });
        var own = $(li, ".wp-add-own"), input = $(own, "input");
        input.id = "wp-own-" + part.key;
        $(own, "label").htmlFor = input.id;
        list.appendChild(li);
      });
      progress(false);
      // focus: selectors tried in turn; the first control found keeps the keyboard where it was
      [].concat(focus || []).some(function (sel) {
        var target = sel.charAt(0) === "#" ? document.querySelector(sel) : list.querySelector(sel);
        if (target) target.focus();
        return !!target;
      });
    }

    function progress(speak) {
      var boxes = list.querySelectorAll("input.wp-check"), done = 0;
      Array.prototype.forEach.call(boxes, function (b) { if (b.checked) done++; });
      var t = "已完成 " + done + "/" + boxes.length;
      $(tools, ".wp-progress-text").textContent = t;
      var bar = $(tools, "progress");
      bar.max = boxes.length || 1;
      bar.value = done;
      if (speak) {  // once the ticking pauses, as on the plan pages
        clearTimeout(announce);
        announce = setTimeout(function () { live.textContent = "我的计划" + t; }, 800);
      }
    }
    var announce = 0;

    /* ---------- editing ---------- */
    function partOf(el) { return state.parts[+el.closest(".wp-part").dataset.part]; }
    function entryOf(el) {
      var part = partOf(el), i = +el.closest(".wp-entry").dataset.entry;
      return { part: part, entry: WP.minedoc.entries(part, plans).entries[i] };
    }

    list.addEventListener("change", function (e) {
      var box = e.target;
      if (!box.matches("input.wp-check")) return;
      if (box.dataset.plan) {
        var rec = record(box.dataset.plan);
        (box.dataset.ids || box.dataset.item).split(" ").forEach(function (id) { delete rec.items[id]; });
        if (box.checked) rec.items[box.dataset.item] = true;
        savePlan(box.dataset.plan);
      } else {
        entryOf(box).entry.own.done = box.checked;
        save();
      }
      progress(true);
    });
    list.addEventListener("input", function (e) {
      var input = e.target;
      if (!input.matches("input.wp-input")) return;
      var rec = record(input.dataset.plan);
      if (input.value.trim()) rec.fields[input.dataset.field] = input.value; else delete rec.fields[input.dataset.field];
      savePlan(input.dataset.plan);
    });
    list.addEventListener("click", function (e) {
      var b = e.target.closest("button[data-part], button[data-entry]");
      if (!b) return;
      var part = partOf(b), pi = state.parts.indexOf(part);
      if (b.dataset.part === "up" || b.dataset.part === "down") {
        var to = pi + (b.dataset.part === "up" ? -1 : 1);
        state.parts.splice(pi, 1);
        state.parts.splice(to, 0, part);
        save();
        render(["[data-part='" + to + "'] [data-part=" + b.dataset.part + "]:not(:disabled)",
                "[data-part='" + to + "'] [data-part]:not(:disabled)"]);
        live.textContent = "已把“" + WP.minedoc.entries(part, plans).heading + "”移到第 " + (to + 1) + " 节";
        return;
      }
      if (b.dataset.part === "rename") {
        var current = WP.minedoc.entries(part, plans);
        var name = window.prompt(part.plan ? "章节标题(留空则用模板中的标题“" + current.template + "”):" : "章节标题:",
                                 part.title || current.heading);
        if (name === null) return;
        part.title = name.trim() === current.template ? "" : name.trim();
        if (!part.plan && !part.title) part.title = current.heading;
        save();
        return render("[data-part='" + pi + "'] [data-part=rename]");
      }
      if (b.dataset.part === "remove") {
        var heading = WP.minedoc.entries(part, plans).heading;
        if (!window.confirm("从我的计划中移除“" + heading + "”?你为它添加或改写的内容也会一起删除(模板和勾选记录不受影响)。")) return;
        state.parts.splice(pi, 1);
        save();
        render(["[data-part='" + Math.min(pi, state.parts.length - 1) + "'] [data-part=remove]", "#mine-parts"]);
        return say("已移除“" + heading + "”。");
      }
      var it = entryOf(b), entry = it.entry;
      if (b.dataset.entry === "edit") {
        var was = entry.kind === "own" ? entry.text : entry.edit !== undefined ? entry.edit
          : entry.kind === "picked" ? WP.mine.plainText(entry.node, plans[part.plan].fields) : entry.text;
        var now = window.prompt(entry.kind === "own" ? "修改这项措施:" : "改写这项措施(可随时“恢复原文”):", was);
        if (now === null || !now.trim()) return;
        if (entry.kind === "own") entry.own.text = now.trim(); else entry.pick.edit = now.trim();
      } else if (b.dataset.entry === "original") {
        delete entry.pick.edit;
      } else if (b.dataset.entry === "remove") {
        if (entry.kind === "own") part.own.splice(part.own.indexOf(entry.own), 1);
        else part.items.splice(part.items.indexOf(entry.pick), 1);
      }
      save();
      var ei = +b.closest(".wp-entry").dataset.entry, at = "[data-part='" + pi + "'] ";
      render([at + "[data-entry='" + ei + "'] [data-entry=" + b.dataset.entry + "]:not([hidden])",
              at + "[data-entry='" + ei + "'] [data-entry=edit]", at + "[data-entry='" + (ei - 1) + "'] [data-entry=edit]",
              at + ".wp-add-own input"]);
    });
    list.addEventListener("submit", function (e) {
      e.preventDefault();
      var input = $(e.target, "input"), value = input.value.trim();
      if (!value) return input.focus();
      var part = partOf(e.target);
      part.own.push({ key: WP.mine.newKey("o"), text: value, done: false });
      save();
      render("#wp-own-" + part.key);
      say("已添加自己的措施。");
    });
    $(root, ".wp-add-part").addEventListener("submit", function (e) {
      e.preventDefault();
      var input = $(e.target, "input"), value = input.value.trim();
      if (!value) return input.focus();
      state.parts.push({ key: WP.mine.newKey("p"), plan: "", section: "", heading: "", title: value, items: [], own: [] });
      input.value = "";
      save();
      render("[data-part='" + (state.parts.length - 1) + "'] .wp-add-own input");
      say("已添加章节“" + value + "”。");
    });

    /* header */
    Array.prototype.forEach.call(root.querySelectorAll("[data-header]"), function (input) {
      input.value = state.header[input.dataset.header] || "";
      input.addEventListener("input", function () {
        state.header[input.dataset.header] = input.value;
        save();
      });
    });

    /* ---------- taking it out ---------- */
    function doc() { return WP.minedoc.doc(state, plans, records); }
    function fileBase() {
      var d = new Date(), stamp = d.getFullYear() + String(d.getMonth() + 1).padStart(2, "0") + String(d.getDate()).padStart(2, "0");
      return "我的计划" + (state.header.name ? "-" + state.header.name : "") + "-" + stamp;
    }
    function copied(ok, what) {
      say(ok ? "已复制" + what + ",可直接粘贴。" : "复制失败:浏览器不允许访问剪贴板,请改用“下载 Word”。");
    }
    var restoreFile = $(tools, ".wp-restore-file");
    tools.addEventListener("click", function (e) {
      var b = e.target.closest("button[data-act]");
      if (!b) return;
      var act = b.dataset.act;
      if (!state.parts.length && act !== "restore" && act !== "backup") return say("我的计划还是空的:先从模板中加入章节或措施。");
      if (act === "docx") {
        say("正在生成 Word 文件……");
        WP.exportDocx(doc()).then(function (blob) {
          WP.share.download(WP.share.fileName(fileBase(), ".docx"), blob);
          say("已下载 Word 文件,可用 Word 或 WPS 打开。");
        }, function (err) { say(err.message); });
      } else if (act === "rich") {
        var d = doc();
        WP.share.copy({ text: WP.export.text(d), html: WP.export.html(d) }).then(function (ok) { copied(ok, "(可粘贴到 Word、WPS 或邮件)"); });
      } else if (act === "md" || act === "text") {
        var out = act === "md" ? WP.export.markdown(doc()) : WP.export.text(doc());
        WP.share.copy(out).then(function (ok) { copied(ok, act === "md" ? "(Markdown)" : "(纯文本)"); });
      } else if (act === "print") {
        window.print();
      } else if (act === "share") {
        var picked = state.parts.filter(function (p) { return p.plan && p.items.length; }).map(function (p) {
          var node = plans[p.plan] && WP.plandoc.find(plans[p.plan], p.section);
          var all = node && node.measures && node.measures.items.length === p.items.length &&
            node.measures.items.every(function (it) { return p.items.some(function (x) { return x.id === it.id; }); });
          return { plan: p.plan, section: p.section, items: all ? null : p.items.map(function (x) { return x.id; }) };
        });
        if (!picked.length) return say("分享链接只包含从模板中挑选的章节和措施,我的计划中还没有。");
        var url = location.href.split("#")[0] + "#share=" + WP.sharelink.encode(picked);
        var skipped = state.parts.length - picked.length;
        WP.share.copy(url).then(function (ok) {
          say(ok ? "已复制分享链接(" + picked.length + " 节" + (skipped ? ",自己的章节和措施不包含在内" : "") + ";不含你填写的内容)。"
            : "复制失败,请手动复制:" + url);
        });
      } else if (act === "backup") {
        // what storage holds; the copies in memory only where it cannot be read (blocked storage)
        var extra = {};
        if (!WP.store.available()) {
          extra.mine = state;
          Object.keys(records).forEach(function (id) { extra[id] = records[id]; });
        }
        var backup = WP.backup.make(extra);
        WP.share.download(WP.share.fileName(fileBase() + "-备份", ".json"), JSON.stringify(backup, null, 1), "application/json");
        say("已导出备份(" + Object.keys(backup.records).length + " 项记录)。在另一台电脑上打开“我的计划”,点“导入备份”即可恢复。");
      } else if (act === "restore") {
        restoreFile.value = "";
        restoreFile.click();
      }
    });
    restoreFile.addEventListener("change", function () {
      var file = restoreFile.files && restoreFile.files[0];
      if (!file) return;
      file.text().then(function (content) {
        var checked = WP.backup.check(content);
        if (checked.error) return warn("backup", checked.error);
        var plansIn = checked.names.filter(function (n) { return n !== "mine" && n.indexOf("track:") !== 0; }).length;
        if (!window.confirm("导入备份会用备份中的内容替换本浏览器中对应的记录:" +
            (checked.records.mine ? "我的计划、" : "") + plansIn + " 个计划的勾选和填写。确定导入吗?")) return;
        if (!WP.store.available()) {  // storage blocked: use the backup for this visit
          state = WP.mine.shape(checked.records.mine || {});
          records = {};
          checked.names.forEach(function (n) { if (n !== "mine" && n.indexOf("track:") !== 0) records[n] = checked.records[n]; });
          warn("memory", "浏览器禁止保存数据:备份已载入,只在本次访问中有效。离开前请下载 Word 或再次导出备份。");
        } else {
          var problem = WP.backup.restore(checked.records);
          if (problem) return warn("backup", problem);
          warn("");
          state = mine.read().state;
          records = {};
        }
        Array.prototype.forEach.call(root.querySelectorAll("[data-header]"), function (input) {
          input.value = state.header[input.dataset.header] || "";
        });
        plans = {};
        loadPlans(usedPlans(state.parts)).then(function () { render(["#mine-parts"]); say("已导入备份。"); });
      }, function () { warn("backup", "无法读取所选文件。已保存的内容没有任何改动。"); });
    });

    /* ---------- a shared selection (#share=…) ---------- */
    var view = $(root, ".wp-share-view");
    function showShared() {
      var m = /^#share=(.*)$/.exec(location.hash);
      if (!m) { view.hidden = true; return; }
      var code;
      try { code = decodeURIComponent(m[1]); } catch (e) { code = ""; }
      var shared = WP.sharelink.decode(code);
      if (shared.error) { view.hidden = true; return warn("share", shared.error); }
      loadPlans(shared.parts.map(function (p) { return p.plan; })).then(function () {
        var ol = $(view, ".wp-share-list");
        ol.textContent = "";
        shared.parts.forEach(function (p) {
          var data = plans[p.plan], node = data && WP.plandoc.find(data, p.section);
          var li = document.createElement("li");
          if (!node) {
            li.appendChild(text("span", p.plan + " · " + p.section + "(模板中已不存在,无法采用)", "wp-entry-note"));
            return ol.appendChild(li);
          }
          li.appendChild(text("strong", data.page_title + " · " + node.heading));
          var ul = document.createElement("ul");
          ((node.measures && node.measures.items) || []).forEach(function (it) {
            if (!p.items || p.items.indexOf(it.id) >= 0) ul.appendChild(text("li", WP.mine.plainText(it, data.fields)));
          });
          li.appendChild(ul);
          ol.appendChild(li);
        });
        // the same selection as a path: the first section, with a bar leading through the rest
        var first = shared.parts.map(function (p) {
          var data = plans[p.plan], node = data && WP.plandoc.find(data, p.section);
          return node ? WP.data.root + data.url + "?share=" + encodeURIComponent(code) + "&step=1#" + node.id : "";
        }).filter(Boolean)[0];
        var path = $(view, ".wp-share-path");
        path.hidden = !first;
        if (first) path.href = first;
        view.hidden = false;
        view.dataset.parts = JSON.stringify(shared.parts);
        $(view, "h2").focus && $(view, "h2").setAttribute("tabindex", "-1");
        $(view, "h2").focus();
      });
    }
    function closeShared() {
      history.replaceState(null, "", location.href.split("#")[0]);
      view.hidden = true;
    }
    view.addEventListener("click", function (e) {
      var b = e.target.closest("button[data-act]");
      if (!b) return;
      if (b.dataset.act === "adopt") {
        var parts = JSON.parse(view.dataset.parts), added = 0, missing = 0;
        parts.forEach(function (p) {
          var data = plans[p.plan], node = data && WP.plandoc.find(data, p.section);
          if (!node) { missing++; return; }
          WP.mine.add(state, data, node, p.items);
          added++;
        });
        save();
        closeShared();
        render(["#mine-parts"]);
        say("已采用 " + added + " 节到我的计划" + (missing ? "(" + missing + " 节在模板中已不存在,未采用)" : "") + ",原有内容保持不变。");
      } else if (b.dataset.act === "close-share") {
        closeShared();
      }
    });
    window.addEventListener("hashchange", showShared);

    // another tab changed 我的计划 or a plan's ticks: show it (the focused control keeps its place)
    window.addEventListener("storage", function (e) {
      if (!e.key || e.key.indexOf("wp:v1:") !== 0) return;
      var again = mine.read();
      if (!again.problem) state = again.state;
      loadPlans(usedPlans(state.parts)).then(function () { render(); });
    });
    if (first.problem) warn(first.problem);
    loadPlans(usedPlans(state.parts)).then(function () { render(); showShared(); });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
