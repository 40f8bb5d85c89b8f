/* 我的计划页面的导出按钮:下载 Word、复制(带格式、Markdown、纯文本)、打印、复制分享链接。
 *
 *   WP.minePage.exports(page)   page: {tools, session, say}; handles the toolbar's data-act buttons
 *   WP.minePage.fileBase(state, what?) <what, default 我的计划>-<姓名>-<yyyymmdd>, every file's name
 *
 * What is written comes from the selection resolved against the plan data (minedoc.js), never
 * from the page; backup and restore, on the same toolbar, are mine-backup.js's. The Word module
 * is fetched when 下载 Word is pressed; the buttons 下载工作总结 / 下载计划表 / 下载日程
 * (data-download) fetch mine-downloads.js, which does the rest.
 */
(function () {
  "use strict";
  var WP = window.WP;
  var P = WP.minePage = WP.minePage || {};

  P.fileBase = function (state, what) {
    var d = new Date(), stamp = d.getFullYear() + String(d.getMonth() + 1).padStart(2, "0") + String(d.getDate()).padStart(2, "0");
    return (what || "我的计划") + (state.header.name ? "-" + state.header.name : "") + "-" + stamp;
  };

  function doc(s) { return WP.minedoc.doc(s.state, s.plans, s.records); }
  function copied(page, ok, what) {
    page.say(ok ? "已复制" + what + ",可直接粘贴。" : "复制失败:浏览器不允许访问剪贴板,请改用“下载 Word”。");
  }

  function docx(page) {
    page.say("正在生成 Word 文件……");
    WP.load(["export-docx"]).then(function () {
      return WP.exportDocx(doc(page.session));
    }).then(function (blob) {
      WP.share.download(WP.share.fileName(P.fileBase(page.session.state), ".docx"), blob);
      page.say("已下载 Word 文件,可用 Word 或 WPS 打开。");
    }, function (err) { page.say(err.message); });
  }

  // the picked parts as {plan, section, items}; items null when the whole section is picked
  function picked(s) {
    return s.state.parts.filter(function (p) { return p.plan && p.items.length; }).map(function (p) {
      var node = s.plans[p.plan] && WP.plandoc.find(s.plans[p.plan], p.section);
      var all = node && node.measures && node.measures.items.length === p.items.length &&
        node.measures.items.every(function (it) { return p.items.some(function (x) { return x.id === it.id; }); });
      return { plan: p.plan, section: p.section, items: all ? null : p.items.map(function (x) { return x.id; }) };
    });
  }

  function shareLink(page) {
    var parts = picked(page.session);
    if (!parts.length) return page.say("分享链接只包含从模板中挑选的章节和措施,我的计划中还没有。");
    var url = location.href.split("#")[0] + "#share=" + WP.sharelink.encode(parts);
    var skipped = page.session.state.parts.length - parts.length;
    WP.share.copy(url).then(function (ok) {
      page.say(ok ? "已复制分享链接(" + parts.length + " 节" + (skipped ? ",自己的章节和措施不包含在内" : "") + ";不含你填写的内容)。"
        : "复制失败,请手动复制:" + url);
    });
  }

  function run(page, act) {
    if (act === "docx") return docx(page);
    if (act === "rich") {
      var d = doc(page.session);
      return WP.share.copy({ text: WP.export.text(d), html: WP.export.html(d) }).then(function (ok) { copied(page, ok, "(可粘贴到 Word、WPS 或邮件)"); });
    }
    if (act === "md" || act === "text") {
      var out = act === "md" ? WP.export.markdown(doc(page.session)) : WP.export.text(doc(page.session));
      return WP.share.copy(out).then(function (ok) { copied(page, ok, act === "md" ? "(Markdown)" : "(纯文本)"); });
    }
    if (act === "print") return window.print();
    if (act === "share") return shareLink(page);
  }

  P.exports = function (page) {
    page.tools.addEventListener("click", function (e) {
      var b = e.target.closest("button[data-act]");
      if (!b || b.dataset.act === "restore" || b.dataset.act === "backup") return;
      if (!page.session.state.parts.length) return page.say("我的计划还是空的:先从模板中加入章节或措施。");
      run(page, b.dataset.act);
    });
    page.tools.addEventListener("click", function (e) {
      var b = e.target.closest("button[data-download]"), act = b && b.dataset.download;
      if (!b) return;
      if (/^(summary|xlsx|ics)$/.test(act) && !page.session.state.parts.length) return page.say("我的计划还是空的:先从模板中加入章节或措施。");
      WP.load(["mine-downloads"]).then(function () { P.download(page, act); }, function (err) { page.say(err.message); });
    });
  };
})();
