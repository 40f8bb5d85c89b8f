/* 复制与下载:剪贴板(纯文本,或富文本与纯文本一起)和下载文件。
 *
 *   WP.share.copy("text") or WP.share.copy({text: "…", html: "<h1>…"}) -> Promise<boolean>
 *   WP.share.download("名称.md", "text" or Blob, "text/markdown")
 *
 * The asynchronous Clipboard API needs a secure context and may be refused by policy; the fallback
 * is the copy command with our own data put on the clipboard by a one-off copy listener, which
 * carries the HTML too (pasting into Word or WPS keeps headings and lists).
 */
(function () {
  "use strict";
  var WP = window.WP = window.WP || {};

  function viaCopyEvent(text, html) {
    var done = false;
    function put(e) {
      e.clipboardData.setData("text/plain", text);
      if (html) e.clipboardData.setData("text/html", html);
      e.preventDefault();
      done = true;
    }
    document.addEventListener("copy", put, true);
    try { document.execCommand("copy"); } catch (e) { done = false; }
    document.removeEventListener("copy", put, true);
    return done;
  }

  function viaApi(text, html) {
    var clip = navigator.clipboard;
    if (!clip || !window.isSecureContext) return Promise.reject(new Error("no clipboard API"));
    if (html && clip.write && window.ClipboardItem) {
      return clip.write([new ClipboardItem({
        "text/plain": new Blob([text], { type: "text/plain" }),
        "text/html": new Blob([html], { type: "text/html" })
      })]);
    }
    return clip.writeText(text);
  }

  function copy(content) {
    var text = typeof content === "string" ? content : content.text;
    var html = typeof content === "string" ? "" : content.html || "";
    return viaApi(text, html).then(function () { return true; },
      function () { return viaCopyEvent(text, html); });
  }

  function download(name, content, type) {
    var blob = content instanceof Blob ? content : new Blob([content], { type: (type || "text/plain") + ";charset=utf-8" });
    var url = URL.createObjectURL(blob);
    var a = document.createElement("a");
    a.href = url;
    a.download = name;
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 4000);
  }

  // A file name from a title: characters Windows refuses become "-".
  function fileName(title, ext) { return title.replace(/[\\/:*?"<>|]+/g, "-") + ext; }

  WP.share = { copy: copy, download: download, fileName: fileName };
})();
