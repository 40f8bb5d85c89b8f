/* 分享链接:把我的计划的“选择”(哪些章节和措施、什么顺序)写进链接,不含任何人填写的内容。
 *
 *   WP.sharelink.encode(parts) -> "v1!<plans>!<parts>!<count>!<check>"   (the part after #share=)
 *   WP.sharelink.decode(text)  -> {parts: [{plan, section, items: null | [id]}]} or {error: "中文说明"}
 * parts: [{plan, section, items: null (the whole section) | [item ids]}] in the person's order.
 * <plans> lists each plan id once; a part is "<plan index>.<section id>.<* or item ids joined by ,>"
 * (an item id without its section's id in front when it starts with it, see short()),
 * parts joined by "~". Only characters that mail and chat tools leave alone in a URL are used.
 * The count and an FNV-1a checksum of everything before them tell a link that was cut short or
 * edited by hand from a good one.
 */
(function () {
  "use strict";
  var WP = window.WP = window.WP || {};
  var ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

  function check(text) {  // FNV-1a, 32 bit, base 36
    var h = 0x811c9dc5;
    for (var i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h.toString(36);
  }

  // An item id that starts with its section's id is written without it ("-review" in section
  // "skills-basics" for "skills-basics-review"): ids never start with "-", so this is unambiguous,
  // and it keeps a 30-section selection of single measures well under 2,000 characters.
  function short(section, id) { return id.indexOf(section + "-") === 0 ? id.slice(section.length) : id; }
  function long(section, id) { return id.charAt(0) === "-" ? section + id : id; }

  function encode(parts) {
    var plans = [], body = parts.map(function (p) {
      var i = plans.indexOf(p.plan);
      if (i < 0) { plans.push(p.plan); i = plans.length - 1; }
      return i + "." + p.section + "." + (p.items ? p.items.map(function (id) { return short(p.section, id); }).join(",") : "*");
    });
    var text = "v1!" + plans.join(",") + "!" + body.join("~") + "!" + parts.length;
    return text + "!" + check(text);
  }

  var BROKEN = "这个分享链接不完整或被改动过(可能在复制、转发时被截断),无法读取。请让对方重新复制完整的链接。";

  function decode(text) {
    var bits = String(text || "").split("!");
    if (bits[0] !== "v1") {
      return { error: /^v\d+$/.test(bits[0]) ? "这个分享链接来自更新版本的网站,当前网站无法读取。请联系管理员更新网站。" : BROKEN };
    }
    if (bits.length !== 5 || check(bits.slice(0, 4).join("!")) !== bits[4]) return { error: BROKEN };
    var plans = bits[1] ? bits[1].split(",") : [], raw = bits[2] ? bits[2].split("~") : [];
    if (String(raw.length) !== bits[3] || !plans.every(function (p) { return ID.test(p); })) return { error: BROKEN };
    var parts = [];
    for (var i = 0; i < raw.length; i++) {
      var f = raw[i].split(".");
      var plan = plans[+f[0]];
      var items = f[2] === "*" ? null : (f[2] || "").split(",").map(function (id) { return long(f[1], id); });
      if (f.length !== 3 || !plan || !ID.test(f[1]) || (items && !items.every(function (id) { return ID.test(id); }))) {
        return { error: BROKEN };
      }
      parts.push({ plan: plan, section: f[1], items: items });
    }
    if (!parts.length) return { error: "这个分享链接里没有任何章节。" };
    return { parts: parts };
  }

  WP.sharelink = { encode: encode, decode: decode };
})();
