/* 我的计划页面的基本信息:姓名、部门/网点、岗位、计划周期、制定日期([data-header] 的输入框)。
 *
 *   var h = WP.minePage.header(page)   page: {root, session}; fills the fields, saves each change
 *   h.fill()                           shows the session's values again (after an import)
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
    fill();
    Array.prototype.forEach.call(inputs, function (input) {
      input.addEventListener("input", function () {
        page.session.state.header[input.dataset.header] = input.value;
        page.session.save();
      });
    });
    return { fill: fill };
  };
})();
