/* 工作计划:勾选、填写、本地保存、进度、复制与下载。无依赖;没有 JavaScript 时页面仍是可读的模板。
 * Saved per plan in localStorage under "wp:v1:<plan id>" as
 * {"items": {"<item id>": true}, "fields": {"<field id>": "value"}, "saved": "<ISO time>"}.
 * Only ids present on the page are read back or written, so reordered items keep their ticks and
 * removed items drop out. */
(function () {
  "use strict";

  var PREFIX = "wp:v1:";
  var MSG = {
    off: "浏览器已禁用本地存储,进度无法保存。本次访问中仍可勾选和填写,离开前请复制或下载。",
    full: "浏览器存储空间已满,进度无法保存。本次访问中仍可勾选和填写,离开前请复制或下载。",
    corrupt: "之前保存的进度数据已损坏,无法读取,已从空白开始;新的勾选和填写会重新保存。"
  };

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text) e.textContent = text;
    return e;
  }
  function isMap(v) { return v !== null && typeof v === "object" && !Array.isArray(v); }
  function has(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }

  /* ---------- storage ---------- */
  function Store(key) {
    this.key = key;
    try { this.ls = window.localStorage; this.ls.getItem(key); } catch (e) { this.ls = null; }
  }
  // -> {items, fields, saved} from storage, or {problem} when it cannot be read.
  Store.prototype.read = function () {
    if (!this.ls) return { problem: "off" };
    var raw, data;
    try { raw = this.ls.getItem(this.key); } catch (e) { return { problem: "off" }; }
    if (raw === null) return {};
    try { data = JSON.parse(raw); } catch (e) { return { problem: "corrupt" }; }
    if (!isMap(data) || (has(data, "items") && !isMap(data.items)) ||
        (has(data, "fields") && !isMap(data.fields))) return { problem: "corrupt" };
    return { items: data.items || {}, fields: data.fields || {},
             saved: typeof data.saved === "string" ? data.saved : "" };
  };
  // -> "" when written, otherwise the reason ("off" or "full").
  Store.prototype.write = function (state) {
    if (!this.ls) return "off";
    try {
      this.ls.setItem(this.key, JSON.stringify(state));
      return "";
    } catch (e) {
      return e && (e.name === "QuotaExceededError" || e.code === 22 || e.code === 1014) ? "full" : "off";
    }
  };
  Store.prototype.clear = function () {
    try { if (this.ls) this.ls.removeItem(this.key); } catch (e) { /* nothing to clear */ }
  };

  /* ---------- export: Markdown and plain text ---------- */
  var SKIP = "button, .wp-tools, .wp-alias, .wp-aliases, .headerlink, script, style, input[type=checkbox]";

  function escMd(s) { return s.replace(/[\\`*_[\]<]/g, "\\$&"); }

  // Inline text of a node; nested lists are left to the caller.
  function inline(node, md) {
    if (node.nodeType === 3) {
      var t = node.nodeValue.replace(/\s+/g, " ");
      return md ? escMd(t) : t;
    }
    if (node.nodeType !== 1 || node.matches(SKIP) || /^(UL|OL)$/.test(node.tagName)) return "";
    if (node.classList.contains("wp-input")) {
      var v = node.value.replace(/\s+/g, " ").trim() || node.placeholder;
      return md ? escMd(v) : v;
    }
    var inner = "";
    node.childNodes.forEach(function (c) { inner += inline(c, md); });
    // Bold is marked with private-use characters; line() turns them into ** (see there).
    if (md && /^(STRONG|B)$/.test(node.tagName) && inner.trim()) return "\uE000" + inner + "\uE001";
    if (node.tagName === "BR") return " ";
    return inner;
  }
  // CommonMark only opens/closes ** next to punctuation when the other side is space or punctuation
  // too ("**目标:**将" stays literal), so such punctuation moves outside the bold.
  function line(node, md) {
    var s = inline(node, md).replace(/\s+/g, " ").trim();
    if (!md) return s;
    return s.replace(/([\p{P}\p{S}]+)\uE001(?=[^\s\p{P}\p{S}])/gu, "\uE001$1")
      .replace(/([^\s\p{P}\p{S}])\uE000([\p{P}\p{S}]+)/gu, "$1$2\uE000")
      .replace(/[\uE000\uE001]/g, "**");
  }

  function list(listEl, md, depth, out) {
    var n = 0;
    Array.prototype.forEach.call(listEl.children, function (li) {
      if (li.tagName !== "LI") return;
      n += 1;
      var box = li.querySelector(":scope > .wp-check");
      var pad = md ? "  ".repeat(depth) : "\u3000\u3000".repeat(depth);
      var mark = box ? (md ? (box.checked ? "- [x] " : "- [ ] ") : (box.checked ? "☑ " : "☐ "))
        : listEl.tagName === "OL" ? n + ". " : (md ? "- " : "• ");
      out.push(pad + mark + line(li, md));
      Array.prototype.forEach.call(li.children, function (c) {
        if (/^(UL|OL)$/.test(c.tagName)) list(c, md, depth + 1, out);
      });
    });
  }

  function block(node, md, out) {
    if (node.nodeType !== 1 || node.matches(SKIP + ", .wp-plan-head, .wp-related, aside, nav, form")) return;
    var tag = node.tagName, m = /^H([1-6])$/.exec(tag);
    if (m) {
      out.push((md ? "#".repeat(+m[1]) + " " : "") + line(node, md));
    } else if (tag === "UL" || tag === "OL") {
      var lines = [];
      list(node, md, 0, lines);
      if (lines.length) out.push(lines.join("\n"));
    } else if (tag === "DIV") {
      node.childNodes.forEach(function (c) { block(c, md, out); });
    } else {
      var t = line(node, md);
      if (t) out.push(t);
    }
  }
  function render(nodes, md) {
    var out = [];
    nodes.forEach(function (n) { block(n, md, out); });
    return out.join("\n\n") + "\n";
  }

  /* ---------- clipboard and download ---------- */
  function fallbackCopy(text) {
    var active = document.activeElement;
    var ta = el("textarea", { readonly: "", "aria-hidden": "true", tabindex: "-1", "class": "wp-copybuf" });
    ta.value = text;
    document.body.appendChild(ta);
    ta.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    ta.remove();
    if (active && active.focus) active.focus();
    return ok;
  }
  function copyText(text) {
    var clip = navigator.clipboard;
    if (clip && clip.writeText && window.isSecureContext) {
      return clip.writeText(text).then(function () { return true; },
        function () { return fallbackCopy(text); });
    }
    return Promise.resolve(fallbackCopy(text));
  }
  function download(name, text) {
    var url = URL.createObjectURL(new Blob([text], { type: "text/markdown;charset=utf-8" }));
    var a = el("a", { href: url, download: name, hidden: "" });
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 4000);
  }

  /* ---------- page ---------- */
  function init() {
    var head = document.querySelector(".wp-plan-head[data-plan]");
    var article = head && head.closest("article");
    if (!article || article.dataset.wpReady) return;
    article.dataset.wpReady = "1";
    var planId = head.dataset.plan;
    var title = head.dataset.title;
    var store = new Store(PREFIX + planId);
    var checks = Array.prototype.slice.call(article.querySelectorAll("input.wp-check[data-item]"));
    var inputs = [];
    var progress = [];

    // Placeholders become inputs inside their sentence. A field inside an item's <label> is moved
    // out of it (the label is split in two, both for the same checkbox): a label may not contain
    // another form control.
    article.querySelectorAll("span.wp-field[data-field]").forEach(function (span) {
      var d = span.dataset, ph = span.textContent.trim();
      var input = el("input", { type: "text", "class": "wp-input", "data-field": d.field,
        placeholder: ph, autocomplete: "off", spellcheck: "false", maxlength: "200",
        "aria-label": (d.label || ph) + (d.unit ? "(单位:" + d.unit + ")" : "") });
      if (d.kind === "number") input.setAttribute("inputmode", "decimal");
      span.replaceWith(input);
      var label = input.parentNode;
      if (label.tagName === "LABEL") {
        var rest = label.cloneNode(false);
        rest.removeAttribute("id");
        while (input.nextSibling) rest.appendChild(input.nextSibling);
        label.after(input);
        if (rest.firstChild) input.after(rest);
      }
      inputs.push(input);  // sized by apply() when the saved state is loaded
    });

    function fit(input) {
      var s = input.value || input.placeholder, w = 0;
      for (var i = 0; i < s.length; i++) w += s.charCodeAt(i) > 0x2e80 ? 2 : 1;
      input.style.width = Math.min(w + 3, 40) + "ch";
    }

    // Live region for confirmations; inside <main> so it belongs to a landmark.
    var live = el("div", { "class": "wp-toast", role: "status", "aria-live": "polite" });
    (document.querySelector("main") || document.body).appendChild(live);
    var toastTimer = 0;
    function say(text) {
      live.textContent = text;
      clearTimeout(toastTimer);
      toastTimer = setTimeout(function () { live.textContent = ""; }, 4000);
    }

    function button(text, act) {
      return el("button", { type: "button", "class": "wp-btn", "data-act": act }, text);
    }
    function meter(boxes, plan) {
      var p = { boxes: boxes, text: el("span", { "class": "wp-progress-text" }) };
      var wrap = el("p", { "class": "wp-progress" });
      wrap.appendChild(p.text);
      if (plan) {
        p.bar = el("progress", { max: String(boxes.length || 1), value: "0", "aria-hidden": "true" });
        wrap.appendChild(p.bar);
      }
      progress.push(p);
      return wrap;
    }
    function updateProgress() {
      progress.forEach(function (p) {
        var done = p.boxes.filter(function (b) { return b.checked; }).length;
        p.text.textContent = "已完成 " + done + "/" + p.boxes.length;
        p.text.parentNode.classList.toggle("wp-progress--done", done === p.boxes.length);
        if (p.bar) p.bar.value = done;
      });
    }

    // Whole plan: title + every block of the article after the plan head (its toolbar is inside it).
    function planNodes() {
      var nodes = [];
      for (var n = head.nextElementSibling; n; n = n.nextElementSibling) nodes.push(n);
      return nodes;
    }
    function planText(md) {
      return (md ? "# " : "") + title + "\n\n" + render(planNodes(), md);
    }

    // Plan toolbar, last in the plan head.
    var planTools = el("div", { "class": "wp-tools wp-tools--plan", role: "group", "aria-label": "整篇计划:" + title });
    planTools.appendChild(meter(checks, true));
    var btns = el("div", { "class": "wp-buttons" });
    [["复制为 Markdown", "md"], ["复制为纯文本", "text"], ["下载 .md", "download"], ["重置本计划", "reset"]]
      .forEach(function (b) { btns.appendChild(button(b[0], b[1])); });
    planTools.appendChild(btns);
    var note = el("p", { "class": "wp-note" }, "勾选和填写自动保存在本浏览器中。");
    var warning = el("p", { "class": "wp-warning", role: "alert", hidden: "" });
    planTools.appendChild(note);
    planTools.appendChild(warning);
    head.appendChild(planTools);
    planTools.addEventListener("click", function (e) {
      var b = e.target.closest("button[data-act]");
      if (!b) return;
      var act = b.dataset.act;
      if (act === "reset") return reset();
      if (act === "download") {
        download(title.replace(/[\\/:*?"<>|]+/g, "-") + ".md", planText(true));
        return say("已下载“" + title + ".md”");
      }
      copy(planText(act === "md"), act === "md" ? "Markdown" : "纯文本", "整篇计划");
    });

    // Section toolbars: after every section heading (the space is reserved by the stylesheet).
    var heads = Array.prototype.filter.call(article.children, function (n) { return /^H[2-6]$/.test(n.tagName); });
    heads.forEach(function (h) {
      var level = +h.tagName[1], nodes = [];
      for (var n = h.nextElementSibling; n; n = n.nextElementSibling) {
        var m = /^H([1-6])$/.exec(n.tagName);
        if (m && +m[1] <= level) break;
        nodes.push(n);
      }
      var boxes = checks.filter(function (b) { return nodes.some(function (n) { return n.contains(b); }); });
      var tools = el("div", { "class": "wp-tools wp-tools--section", role: "group" });
      if (h.id) tools.setAttribute("aria-labelledby", h.id);
      else tools.setAttribute("aria-label", line(h, false));
      if (boxes.length) tools.appendChild(meter(boxes, false));
      var b = el("div", { "class": "wp-buttons" });
      b.appendChild(button("复制为 Markdown", "md"));
      b.appendChild(button("复制为纯文本", "text"));
      if (h.id) b.appendChild(button("复制链接", "link"));
      tools.appendChild(b);
      h.after(tools);
      tools.addEventListener("click", function (e) {
        var btn = e.target.closest("button[data-act]");
        if (!btn) return;
        if (btn.dataset.act === "link") return copyLink(h);
        var md = btn.dataset.act === "md";
        copy(render([h].concat(nodes), md), md ? "Markdown" : "纯文本", "“" + line(h, false) + "”");
      });
    });

    // Deep link to a section: the page address with the section's stable id as anchor.
    function copyLink(h) {
      var url = location.href.split("#")[0] + "#" + encodeURIComponent(h.id);
      copyText(url).then(function (ok) {
        say(ok ? "已复制“" + line(h, false) + "”的链接。" : "复制失败:请手动复制地址 " + url);
      });
    }
    function copy(text, kind, what) {
      copyText(text).then(function (ok) {
        say(ok ? "已复制" + what + "(" + kind + "),可直接粘贴。"
          : "复制失败:浏览器不允许访问剪贴板,请改用“下载 .md”。");
      });
    }

    /* state */
    var warned = "";
    function warn(kind) {
      warned = kind;
      warning.textContent = kind ? MSG[kind] : "";
      warning.hidden = !kind;
    }
    function collect() {
      var state = { items: {}, fields: {}, saved: new Date().toISOString() };
      checks.forEach(function (b) { if (b.checked) state.items[b.dataset.item] = true; });
      inputs.forEach(function (i) { if (i.value.trim()) state.fields[i.dataset.field] = i.value; });
      return state;
    }
    function save() {
      var state = collect(), problem = store.write(state);
      if (problem) warn(problem);
      else {
        if (warned) warn("");
        note.textContent = "已自动保存(" + new Date(state.saved).toLocaleTimeString("zh-CN") + ")。";
      }
    }
    function apply(data) {
      var items = data.items || {}, fields = data.fields || {};
      checks.forEach(function (b) {
        var ids = [b.dataset.item];
        var li = b.closest(".wp-item");
        if (li) li.querySelectorAll(":scope > .wp-alias[id]").forEach(function (a) { ids.push(a.id); });
        b.checked = ids.some(function (id) { return has(items, id) && items[id] === true; });
      });
      inputs.forEach(function (i) {
        var v = has(fields, i.dataset.field) ? fields[i.dataset.field] : "";
        i.value = typeof v === "string" ? v.slice(0, 200) : "";
        fit(i);
      });
      updateProgress();
    }
    // Saved state shown on the page: at load, and when another tab of this plan saves.
    function restore(data) {
      if (data.problem) warn(data.problem);
      apply(data);
      if (data.saved && !isNaN(Date.parse(data.saved))) {
        note.textContent = "已恢复上次保存的进度(" + new Date(data.saved).toLocaleString("zh-CN") + ")。";
      }
    }
    function load() {
      var data = store.read();
      restore(data);
      // Drop saved ids that are no longer on the page (removed items) at once.
      var clean = collect();
      if (!data.problem && (Object.keys(data.items || {}).some(function (k) { return !has(clean.items, k); }) ||
          Object.keys(data.fields || {}).some(function (k) { return !has(clean.fields, k); }))) {
        clean.saved = data.saved || clean.saved;
        store.write(clean);
      }
    }
    function reset() {
      if (!window.confirm("确定要清除“" + title + "”的全部勾选和填写吗?其他计划不受影响,此操作无法撤销。")) return;
      store.clear();
      apply({});
      if (warned === "corrupt") warn("");
      note.textContent = "已清除本计划的进度。";
      say("已清除“" + title + "”的全部勾选和填写。");
    }

    article.addEventListener("change", function (e) {
      if (e.target.matches("input.wp-check")) { updateProgress(); save(); }
    });
    article.addEventListener("input", function (e) {
      if (e.target.matches("input.wp-input")) { fit(e.target); save(); }
    });
    window.addEventListener("storage", function (e) {
      if (e.key === store.key) restore(store.read());
    });
    load();
    article.classList.add("wp-ready");  // drops the space the stylesheet reserved for the toolbars
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
