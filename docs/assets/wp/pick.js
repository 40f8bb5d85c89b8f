/* 计划页:“加入我的计划”。章节工具栏上的按钮加入整节措施,每项措施后的小按钮加入单项;
 * 章节按钮的文字说明按下会做什么(加入/移出),措施的“+”是带 aria-pressed 的开关。数据见 mine-state.js。
 * 移出不再询问:整节或单项措施移出后,提示条上都有“撤销”(undo.js),原样放回(单项措施连同改写、
 * 在本节中的位置;若移出后本节空了而被移除,连同本节的标题和自己的措施);本次访问中再次加入同一节,
 * 改写过的措施、自己添加的措施和标题也一并回来。 */
(function () {
  "use strict";
  var WP = window.WP;

  function say(p, text) {
    p.toast.textContent = text;
    setTimeout(function () { if (p.toast.textContent === text) p.toast.textContent = ""; }, 4000);
  }

  // The measures a section's own list holds: up to the next heading of any level.
  function sectionItems(h) {
    var ids = [];
    for (var n = h.nextElementSibling; n && !/^H[1-6]$/.test(n.tagName); n = n.nextElementSibling) {
      Array.prototype.forEach.call(n.querySelectorAll(".wp-pick--item"), function (b) { ids.push(b.closest("li").id); });
    }
    return ids;
  }
  function sectionOf(li) {
    var n = li.closest(".wp-measures, .wp-targets") || li;
    while (n && !/^H[1-6]$/.test(n.tagName)) n = n.previousElementSibling;
    return n;
  }

  // only what changes is written: an unchanged page is not laid out again
  function set(el, name, value) {
    if (el.getAttribute(name) !== value) el.setAttribute(name, value);
  }
  function show(p) {
    Array.prototype.forEach.call(p.article.querySelectorAll(".wp-pick--section"), function (b) {
      var h = document.getElementById(b.closest("[data-section]").dataset.section);
      var part = WP.mine.findPart(p.state, p.planId, h.id);
      var picked = part ? part.items.map(function (it) { return it.id; }) : [];
      var all = !!part && sectionItems(h).every(function (id) { return picked.indexOf(id) >= 0; });
      // the words say what pressing does (a changing name with aria-pressed would read "已加入…, pressed")
      set(b, "data-state", all ? "all" : part ? "some" : "");
      var words = all ? "移出我的计划" : part ? "加入本节其余措施" : "加入我的计划";
      if (b.textContent !== words) b.textContent = words;
    });
    Array.prototype.forEach.call(p.article.querySelectorAll(".wp-pick--item"), function (b) {
      var li = b.closest("li"), h = sectionOf(li);
      var part = h && WP.mine.findPart(p.state, p.planId, h.id);
      var inside = !!part && part.items.some(function (it) { return it.id === li.id; });
      set(b, "aria-pressed", inside ? "true" : "false");
      set(b, "title", inside ? "已加入我的计划(再按一次移出)" : li.closest(".wp-targets") ? "把这个目标加入我的计划" : "把这项措施加入我的计划");
    });
  }

  function save(p, message) {
    var problem = p.mine.write(p.state);
    show(p);
    say(p, problem ? message + "。但浏览器" + (problem === "full" ? "存储空间已满" : "禁止保存数据") +
      ",我的计划只在本页有效,请改用复制或下载。" : message + "。打开“我的计划”查看和整理。");
  }

  function plan(p) {
    return WP.load(["data", "plandoc", "reconcile", "undo"]).then(function () { return WP.data.loadPlan(p.planId); });
  }

  // a press, once the plan's data is here: taking decides whether it adds or removes
  function change(p, data, b, taking) {
    var isItem = b.dataset.pick === "item", li = isItem ? b.closest("li") : null;
    var h = isItem ? sectionOf(li) : document.getElementById(b.closest("[data-section]").dataset.section);
    WP.reconcile.follow(p.state, data);
    var node = WP.plandoc.find(data, h.id);
    if (!node) return say(p, "无法加入:计划数据中没有这一节,请刷新页面后重试");
    var name = "“" + node.heading + "”";
    if (taking) return take(p, node, isItem ? li.id : "", name);
    var back = p.gone[node.id];
    if (back && !WP.mine.findPart(p.state, p.planId, node.id)) {
      var again = copy(back.part);
      if (isItem) again.items = [];  // the one measure picked, with its heading and own measures
      p.state.parts.splice(Math.min(back.at, p.state.parts.length), 0, again);
    }
    var part = WP.mine.add(p.state, data, node, isItem ? [li.id] : null);
    if (back) rewords(part, back.part);
    WP.reconcile.follow(p.state, data);  // a measure moved here from a part the person has: once
    save(p, isItem ? "已把这" + (li.closest(".wp-targets") ? "个目标" : "项措施") + "加入我的计划(" + name + ")" : "已把" + name + "加入我的计划");
  }

  function copy(part) { return JSON.parse(JSON.stringify(part)); }
  // measures picked again take the wording they had when they were taken out
  function rewords(part, was) {
    part.items.forEach(function (it) {
      was.items.forEach(function (w) { if (w.id === it.id && w.edit !== undefined && it.edit === undefined) it.edit = w.edit; });
    });
  }

  // Taken out at once, no question. What the part held (adapted wording, own measures, heading,
  // place) is kept for this visit: 撤销 puts it back exactly, picking it again brings it back.
  // A single measure too: 撤销 puts it back with its wording in its place among the part's
  // measures, and the part with it if taking the measure out left the part empty (and removed).
  function take(p, node, itemId, name) {
    var part = WP.mine.findPart(p.state, p.planId, node.id);
    if (!part) return show(p);
    var at = p.state.parts.indexOf(part), was = copy(part);
    p.gone[node.id] = { part: was, at: at };
    WP.mine.remove(p.state, p.planId, node.id, itemId);
    save(p, itemId ? "已从我的计划移出这项措施" : "已从我的计划移出" + name);
    var message = itemId ? "已从我的计划移出措施“" + words(was, itemId) + "”(" + name + ")。"
      : "已从我的计划移出" + name + "(连同你为它改写或添加的内容)。";
    WP.undo.page().offer(message, function () {
      p.state = p.mine.read().state;
      var now = WP.mine.findPart(p.state, p.planId, node.id);
      if (itemId && now) putItem(now, was, itemId);
      else {
        if (now) p.state.parts.splice(p.state.parts.indexOf(now), 1);
        p.state.parts.splice(Math.min(at, p.state.parts.length), 0, copy(was));
      }
      save(p, itemId ? "已把这项措施放回我的计划(" + name + ")" : "已把" + name + "放回我的计划");
    });
  }
  // the measure's words as 我的计划 shows them (its adapted wording if it has one), shortened
  function words(part, itemId) {
    var it = part.items.filter(function (x) { return x.id === itemId; })[0];
    var w = Array.from(it ? (it.edit !== undefined ? it.edit : it.text) : "");
    return w.length > 30 ? w.slice(0, 30).join("") + "…" : w.join("");
  }
  // a measure back into its part: after the measure it followed, as it was
  function putItem(part, was, itemId) {
    if (part.items.some(function (x) { return x.id === itemId; })) return;
    var i = was.items.map(function (x) { return x.id; }).indexOf(itemId), to = 0;
    for (var k = i - 1; k >= 0 && !to; k--) {
      var before = part.items.map(function (x) { return x.id; }).indexOf(was.items[k].id);
      if (before >= 0) to = before + 1;
    }
    part.items.splice(to, 0, copy(was.items[i]));
  }

  function press(p, b) {
    if (b.dataset.busy) return;
    // decided now, not after the data has loaded: a quick second click must not undo the first
    var taking = b.dataset.pick === "item" ? b.getAttribute("aria-pressed") === "true" : b.dataset.state === "all";
    b.dataset.busy = "1";
    plan(p).then(function (data) {
      delete b.dataset.busy;
      change(p, data, b, taking);
    }, function (err) { delete b.dataset.busy; say(p, "无法加入我的计划:" + err.message); });
  }

  // picks made before the template changed (renames, moves): followed once the data is here
  function follow(p) {
    if (!p.state.parts.some(function (part) { return part.plan === p.planId; })) return;
    plan(p).then(function (data) { if (WP.reconcile.follow(p.state, data)) { p.mine.write(p.state); } show(p); }, function () {});
  }

  function init() {
    var head = document.querySelector(".wp-plan-head[data-plan]");
    var article = head && head.closest("article");
    if (!article || !article.querySelector(".wp-pick")) return;
    var mine = WP.mine.open();
    var p = { article: article, planId: head.dataset.plan, mine: mine, state: mine.read().state,
              toast: document.querySelector(".wp-toast"), gone: Object.create(null) };
    article.addEventListener("click", function (e) {
      var b = e.target.closest(".wp-pick");
      if (b) press(p, b);
    });
    mine.store.watch(function () { p.state = mine.read().state; show(p); follow(p); });
    // the page comes with every button in its "not picked" state: nothing to do until this plan has picks
    if (p.state.parts.some(function (part) { return part.plan === p.planId; })) show(p);
    follow(p);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
