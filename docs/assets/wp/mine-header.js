/* 我的计划页面的基本信息:姓名、部门/网点、岗位、计划周期、制定日期([data-header] 的输入框)。
 *
 *   var h = WP.minePage.header(page)   page: {root, session, undo}; fills the fields, saves each change
 *   h.fill()                           shows the session's values again (after an import)
 *
 * A field that held something and is left empty offers 撤销 (undo.js; the keyboard stays where the
 * person went: Ctrl+Z or the bar's button brings the value back).
 */
(function () {
  "use strict";
  var WP = window.WP;
  var P = WP.minePage = WP.minePage || {};

  P.header = function (page) {
    var inputs = page.root.querySelectorAll("[data-header]");
    function fill() {
      Array.prototype.forEach.call(inputs, function (input) {
        input.value = page.session.state.header[input.dataset.header] || "";
      });
    }
    function set(input, value) {
      page.session.state.header[input.dataset.header] = value;
      page.session.save(["mine"]);
    }
    fill();
    Array.prototype.forEach.call(inputs, function (input) {
      var had = "";
      input.addEventListener("focus", function () { had = input.value; });
      input.addEventListener("input", function () { set(input, input.value); });
      input.addEventListener("blur", function () {
        var was = had;
        had = input.value;
        if (!was || input.value) return;
        var name = page.root.querySelector("label[for='" + input.id + "']").textContent;
        var shown = Array.from(was);  // code points: never half a character
        shown = shown.length > 30 ? shown.slice(0, 30).join("") + "…" : was;
        page.undo.offer("已清空“" + name + "”(原为“" + shown + "”)。", function () {
          set(input, was);
          input.value = was;
        }, { focus: false });
      });
    });
    return { fill: fill };
  };
})();
