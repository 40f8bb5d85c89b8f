/* 实际值对照目标值的小图:内联 SVG,每条实际值一个点,按日期连线,目标值一条虚线;
 * 图本身是 role="img",aria-label 用文字写出同样的数字(读屏软件读它,面板里还有实际值的表格)。
 *
 *   WP.chart.draw(entries, target, {label, unit}) -> <svg>   entries: [{day, value}] oldest first
 *                                                            (tracking.js actuals), target: number|null
 *   WP.chart.describe(entries, target, {label, unit}) -> the text equivalent
 *
 * Only drawing: the numbers come from tracking.js, the colours from the stylesheet (Material's
 * variables, so light and dark schemes both read). Days are spaced by the time between them.
 */
(function () {
  "use strict";
  var WP = window.WP;
  var NS = "http://www.w3.org/2000/svg";
  var W = 320, H = 150, LEFT = 46, RIGHT = 14, TOP = 16, BOTTOM = 28;

  function el(name, attrs, text) {
    var e = document.createElementNS(NS, name);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, String(attrs[k])); });
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function dayNumber(d) { return Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10)) / 864e5; }
  function show(v) { return String(Math.round(v * 100) / 100); }

  function describe(entries, target, o) {
    var unit = o.unit || "";
    var words = entries.map(function (e) { return e.day + " " + show(e.value) + unit; }).join("、");
    return (o.label || "") + ":" + (entries.length ? "实际值 " + words : "还没有实际值") +
      ";目标值 " + (target === null || target === undefined ? "未填写" : show(target) + unit) + "。";
  }

  // the scales: days across, values up (0 always shown, the target too)
  function scales(entries, target) {
    var values = entries.map(function (e) { return e.value; }).concat(target === null || target === undefined ? [] : [target]);
    var hi = Math.max.apply(null, values.concat([0])), lo = Math.min.apply(null, values.concat([0]));
    if (hi === lo) hi = lo + 1;
    hi += (hi - lo) * 0.1;
    var first = entries.length ? dayNumber(entries[0].day) : 0, last = entries.length ? dayNumber(entries[entries.length - 1].day) : 0;
    return {
      x: function (d) { return last === first ? (LEFT + W - RIGHT) / 2 : LEFT + (dayNumber(d) - first) / (last - first) * (W - LEFT - RIGHT); },
      y: function (v) { return TOP + (hi - v) / (hi - lo) * (H - TOP - BOTTOM); },
      hi: hi, lo: lo
    };
  }

  function axes(svg, s, entries) {
    var bottom = H - BOTTOM;
    svg.appendChild(el("line", { x1: LEFT, y1: s.y(0), x2: W - RIGHT, y2: s.y(0), "class": "wp-chart-axis" }));
    svg.appendChild(el("line", { x1: LEFT, y1: TOP, x2: LEFT, y2: bottom, "class": "wp-chart-axis" }));
    svg.appendChild(el("text", { x: LEFT - 4, y: s.y(0) + 4, "text-anchor": "end", "class": "wp-chart-text" }, "0"));
    svg.appendChild(el("text", { x: LEFT - 4, y: TOP + 4, "text-anchor": "end", "class": "wp-chart-text" }, show(s.hi)));
    if (!entries.length) return;
    var a = entries[0].day, b = entries[entries.length - 1].day;
    svg.appendChild(el("text", { x: a === b ? s.x(a) : LEFT, y: H - 8, "text-anchor": a === b ? "middle" : "start", "class": "wp-chart-text" }, a));
    if (a !== b) svg.appendChild(el("text", { x: W - RIGHT, y: H - 8, "text-anchor": "end", "class": "wp-chart-text" }, b));
  }

  function targetLine(svg, s, target, unit) {
    if (target === null || target === undefined) return;
    var y = s.y(target);
    svg.appendChild(el("line", { x1: LEFT, y1: y, x2: W - RIGHT, y2: y, "class": "wp-chart-target" }));
    svg.appendChild(el("text", { x: W - RIGHT, y: y - 4, "text-anchor": "end", "class": "wp-chart-text wp-chart-target-text" }, "目标值 " + show(target) + unit));
  }

  function points(svg, s, entries, unit) {
    if (entries.length > 1) {
      svg.appendChild(el("polyline", { points: entries.map(function (e) { return s.x(e.day).toFixed(1) + "," + s.y(e.value).toFixed(1); }).join(" "),
                                       "class": "wp-chart-line" }));
    }
    entries.forEach(function (e) {
      var dot = el("circle", { cx: s.x(e.day).toFixed(1), cy: s.y(e.value).toFixed(1), r: 4, "class": "wp-chart-point", "data-day": e.day });
      dot.appendChild(el("title", {}, e.day + ":" + show(e.value) + unit));
      svg.appendChild(dot);
    });
  }

  function draw(entries, target, o) {
    o = o || {};
    var text = describe(entries, target, o), s = scales(entries, target);
    var svg = el("svg", { viewBox: "0 0 " + W + " " + H, "class": "wp-chart", role: "img", "aria-label": text, focusable: "false" });
    svg.appendChild(el("title", {}, text));
    axes(svg, s, entries);
    targetLine(svg, s, target, o.unit || "");
    points(svg, s, entries, o.unit || "");
    return svg;
  }

  WP.chart = { draw: draw, describe: describe };
})();
