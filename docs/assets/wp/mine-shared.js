/* 我的计划页面收到的分享链接 (#share=…):列出链接里的章节和措施,可一键采用(加到末尾)、按顺序逐节阅读或不采用。
 *
 *   var v = WP.minePage.shared(page)   page: {root, session, view, say, warn}
 *   v.show()                           reads location.hash (also on every hashchange)
 *
 * The link's format and checks are sharelink.js's; adopting adds the parts through mine-state.js
 * and keeps what 我的计划 already holds.
 */
(function () {
  "use strict";
  var WP = window.WP;
  var P = WP.minePage = WP.minePage || {};

  function node(plans, p) {
    var data = plans[p.plan];
    return data && WP.plandoc.find(data, p.section);
  }

  // one shared part as a list entry: the section and its measures, or why it cannot be adopted
  function sharedItem(plans, p) {
    var data = plans[p.plan], n = node(plans, p), li = document.createElement("li");
    if (!n) {
      li.appendChild(P.text("span", p.plan + " · " + p.section + "(模板中已不存在,无法采用)", "wp-entry-note"));
      return li;
    }
    li.appendChild(P.text("strong", data.page_title + " · " + n.heading));
    var ul = document.createElement("ul");
    ((n.measures && n.measures.items) || []).forEach(function (it) {
      if (!p.items || p.items.indexOf(it.id) >= 0) ul.appendChild(P.text("li", WP.mine.plainText(it, data.fields)));
    });
    li.appendChild(ul);
    return li;
  }

  function fill(view, plans, shared, code) {
    var ol = view.querySelector(".wp-share-list");
    ol.textContent = "";
    shared.parts.forEach(function (p) { ol.appendChild(sharedItem(plans, p)); });
    // the same selection as a path: the first section, with a bar leading through the rest
    var first = shared.parts.map(function (p) {
      var n = node(plans, p);
      return n ? WP.data.root + plans[p.plan].url + "?share=" + encodeURIComponent(code) + "&step=1#" + n.id : "";
    }).filter(Boolean)[0];
    var path = view.querySelector(".wp-share-path");
    path.hidden = !first;
    if (first) path.href = first;
    view.hidden = false;
    view.dataset.parts = JSON.stringify(shared.parts);
    var h = view.querySelector("h2");
    h.focus && h.setAttribute("tabindex", "-1");
    h.focus();
  }

  function show(page, view) {
    var m = /^#share=(.*)$/.exec(location.hash);
    if (!m) { view.hidden = true; return; }
    var code;
    try { code = decodeURIComponent(m[1]); } catch (e) { code = ""; }
    var shared = WP.sharelink.decode(code);
    if (shared.error) { view.hidden = true; return page.warn("share", shared.error); }
    page.session.loadPlans(shared.parts.map(function (p) { return p.plan; })).then(function () {
      fill(view, page.session.plans, shared, code);
    });
  }

  function close(view) {
    history.replaceState(null, "", location.href.split("#")[0]);
    view.hidden = true;
  }

  function adopt(page, view) {
    var s = page.session, parts = JSON.parse(view.dataset.parts), added = 0, missing = 0;
    parts.forEach(function (p) {
      var n = node(s.plans, p);
      if (!n) { missing++; return; }
      WP.mine.add(s.state, s.plans[p.plan], n, p.items);
      added++;
    });
    s.save();
    close(view);
    page.view.render(["#mine-parts"]);
    page.say("已采用 " + added + " 节到我的计划" + (missing ? "(" + missing + " 节在模板中已不存在,未采用)" : "") + ",原有内容保持不变。");
  }

  P.shared = function (page) {
    var view = page.root.querySelector(".wp-share-view");
    view.addEventListener("click", function (e) {
      var b = e.target.closest("button[data-act]");
      if (b && b.dataset.act === "adopt") adopt(page, view);
      else if (b && b.dataset.act === "close-share") close(view);
    });
    function again() { show(page, view); }
    window.addEventListener("hashchange", again);
    return { show: again };
  };
})();
