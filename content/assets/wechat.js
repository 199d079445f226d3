/* WeChat's built-in browser (user agent "MicroMessenger") opens the links people share, but does not
 * download files: on a page with downloads (PDF plaques, workbooks .xlsx/.csv, QR images) it says, in
 * Chinese, once above the content and again beside a download link when it is tapped, how to open the
 * page in the phone's browser. Nothing else on the site depends on what WeChat lacks. Loaded by
 * assets/site.js in WeChat's browser only.
 */
(function () {
  "use strict";
  if (!/MicroMessenger/i.test(navigator.userAgent)) return;
  var HINT = window.vcT ? window.vcT("wechat") : "";
  var DOWNLOAD = /\.(pdf|xlsx|csv|png|svg)$/i;

  function hint(cls) {
    var p = document.createElement(cls === "vc-wechat-top" ? "p" : "span");
    p.className = "vc-wechat-hint " + cls;
    p.setAttribute("role", "note");
    p.textContent = HINT;
    return p;
  }
  function start() {
    var links = Array.prototype.filter.call(document.querySelectorAll("a[href]"), function (a) {
      return DOWNLOAD.test(new URL(a.getAttribute("href"), location.href).pathname) && !a.closest(".md-header, .md-footer, .md-nav");
    });
    if (!links.length) return;
    var content = document.querySelector(".md-content__inner") || document.body;
    content.insertBefore(hint("vc-wechat-top"), content.firstChild);
    links.forEach(function (a) {
      a.addEventListener("click", function () {
        if (a.nextElementSibling && a.nextElementSibling.classList.contains("vc-wechat-hint")) return;
        a.insertAdjacentElement("afterend", hint("vc-wechat-here"));
      });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
