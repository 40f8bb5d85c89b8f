/* 计划页面的复制和下载:整篇计划或一节,复制为 Markdown 或纯文本(带格式),下载 .md。
 *
 *   var x = WP.planExport({planId, title, collect, say});   // from worksheet.js
 *   x.run(button)    // a toolbar button: data-act="md" | "text" | "download"
 *
 * worksheet.js fetches this module with the ones it uses (data, plandoc, export, share) when a
 * toolbar is first approached, and starts fetching the plan's data here, so a click finds it ready.
 * What is copied is written from the published plan data and the ticks and values of the page
 * (`collect`), never read back from the rendered page.
 */
(function () {
  "use strict";
  var WP = window.WP;

  WP.planExport = function (page) {
    var data = WP.once(function () { return WP.data.loadPlan(page.planId); });
    function doc(sectionId) {
      return data().then(function (plan) {
        var state = page.collect();
        return sectionId ? WP.plandoc.section(plan, state, sectionId) : WP.plandoc.plan(plan, state);
      });
    }
    function failed(err) {
      page.say("导出失败:" + (err && err.message ? err.message : "计划数据无法读取") + "。");
    }
    function copy(sectionId, md, what) {
      doc(sectionId).then(function (d) {
        var text = md ? WP.export.markdown(d) : WP.export.text(d);
        return WP.share.copy(md ? text : { text: text, html: WP.export.html(d) }).then(function (ok) {
          page.say(ok ? "已复制" + what + "(" + (md ? "Markdown" : "纯文本") + "),可直接粘贴。"
            : "复制失败:浏览器不允许访问剪贴板,请改用“下载 .md”。");
        });
      }, failed);
    }
    function download() {
      doc("").then(function (d) {
        var name = WP.share.fileName(page.title, ".md");
        WP.share.download(name, WP.export.markdown(d), "text/markdown");
        page.say("已下载“" + name + "”");
      }, failed);
    }

    data();
    return {
      run: function (button) {
        var act = button.dataset.act, sectionId = button.closest(".wp-tools").dataset.section || "";
        if (act === "download") return download();
        var h = sectionId && document.getElementById(sectionId);
        copy(sectionId, act === "md", h ? "“" + h.textContent.trim() + "”" : "整篇计划");
      }
    };
  };
})();
