/* Small things every page needs (no data from the catalogs is inserted as HTML here):
 * - accessibility fixes for Material's markup: wide code blocks that can be scrolled with the
 *   keyboard (Material drops their tabindex);
 * - right on the day: a page built before an upcoming edition's date shows, once the visitor's day in
 *   China has reached it, the outcome and the edition in force on that day (without script the page
 *   states both, each with its window);
 * - the printed sheet states the date it was printed; "打印公开栏" and "复制引用" buttons;
 * - the scripts' words in the page's language: vcT(key) reads the page's #vc-messages (the js.* entries of
 *   generator/site/messages.yaml); the language switch remembers the choice on the device ("vc-lang",
 *   read by the home page, overrides/main.html);
 * - scripts a page needs only sometimes, fetched then: assets/wechat.js in WeChat's browser;
 *   assets/offline.js where the offline copy is in use (the service worker controls the page) or, on a
 *   county page, once it has answered (offline.js then keeps the page).
 */
(function () {
  "use strict";
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  /* The visitor's day in China (Asia/Shanghai, UTC+8 all year, no summer time) as YYYY-MM-DD, from
   * the clock alone: the catalogs take effect at China midnight whatever zone the device is set to. */
  var CHINA_OFFSET_MS = 8 * 3600 * 1000;
  function today() {
    var d = new Date(Date.now() + CHINA_OFFSET_MS);
    return d.getUTCFullYear() + "-" + pad(d.getUTCMonth() + 1) + "-" + pad(d.getUTCDate());
  }
  window.vcChinaDay = today;  // assets/answer.js: the answer as of this day
  var words = null;
  /* The page's words for `key` (with {name} filled from `values`); the key itself if the page has none. */
  function t(key, values) {
    if (words === null) {
      var node = document.getElementById("vc-messages");
      try { words = node ? JSON.parse(node.textContent) : {}; } catch (e) { words = {}; }
    }
    var text = Object.prototype.hasOwnProperty.call(words, key) ? words[key] : key;
    return text.replace(/\{(\w+)\}/g, function (m, name) { return values && name in values ? String(values[name]) : m; });
  }
  window.vcT = t;
  /* A page's address as this page's language has it: on a Korean page (ko/…), a page of the site at
   * `root` is its Korean twin; files (answers, data, search) are the same for both languages. */
  window.vcPageHref = function (href, root) {
    if (document.documentElement.lang !== "ko" || href.indexOf(root) !== 0) return href;
    var rest = href.slice(root.length);
    return /^ko\//.test(rest) || /\.[a-z]+($|[?#])/.test(rest.split("/").pop()) ? href : root + "ko/" + rest;
  };
  var here = document.currentScript ? document.currentScript.src : null;  // assets/site.js
  function load(name) {
    var script = document.createElement("script");
    script.src = new URL(name, here).href;
    document.head.appendChild(script);
  }
  if (here && /MicroMessenger/i.test(navigator.userAgent)) load("wechat.js");
  function offline() {
    var sw = navigator.serviceWorker, out = document.querySelector("[data-vc-ask][data-county] .vc-ask-out");
    if (!here || !sw) return;
    if (sw.controller) { load("offline.js"); return; }
    if (!out || !window.isSecureContext) return;
    var watch = new MutationObserver(function () {
      if (!out.querySelector(".vc-outcome")) return;
      watch.disconnect();
      load("offline.js");
    });
    watch.observe(out, {childList: true, subtree: true});
  }
  function all(selector) { return Array.prototype.slice.call(document.querySelectorAll(selector)); }

  function scrollable() {
    all("pre > code").forEach(function (code) {
      if (code.scrollWidth > code.clientWidth) code.setAttribute("tabindex", "0");
    });
  }

  /* An element with a window (generator/site/dated.py) shows only on its days: data-from="2027-01-01"
   * from that day on, data-until="2027-01-01" before it. Without script every dated statement stays
   * as built: each says its window in words, and notices that only make sense on the day are hidden. */
  function onTheDay() {
    var day = today();
    all("[data-from], [data-until]").forEach(function (el) {
      var from = el.getAttribute("data-from"), until = el.getAttribute("data-until");
      el.hidden = (from !== null && day < from) || (until !== null && day >= until);
    });
  }

  function printedOn() {
    var d = new Date(), day = {y: d.getFullYear(), m: d.getMonth() + 1, d: d.getDate()};
    all("[data-vc-printed]").forEach(function (el) {  // a value: the pattern of another language (the Chinese of a bilingual sheet)
      var pattern = el.getAttribute("data-vc-printed");
      el.textContent = pattern ? pattern.replace(/\{(\w)\}/g, function (m, k) { return day[k]; }) : t("date", day);
    });
  }

  function buttons() {
    all("[data-vc-print]").forEach(function (b) { b.addEventListener("click", function () { window.print(); }); });
    all("[data-vc-copy]").forEach(function (b) {
      b.addEventListener("click", function () {
        var source = document.getElementById(b.getAttribute("data-vc-copy"));
        var text = source ? source.textContent : "";
        var label = b.textContent;
        var done = function () { b.textContent = t("copied"); setTimeout(function () { b.textContent = label; }, 2000); };
        if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).then(done, function () {});
        else { var r = document.createRange(); r.selectNodeContents(source); var s = getSelection(); s.removeAllRanges(); s.addRange(r); }
      });
    });
  }

  /* The language switch (overrides/partials/header.html): the choice is kept for the home page. */
  function languageSwitch() {
    all("[data-vc-lang]").forEach(function (a) {
      a.addEventListener("click", function () {
        try { localStorage.setItem("vc-lang", a.getAttribute("data-vc-lang")); } catch (e) { /* private mode: not kept */ }
      });
    });
  }

  function start() {
    languageSwitch();
    scrollable();
    setTimeout(scrollable, 500);  // after Material has mounted its code blocks
    window.addEventListener("resize", scrollable);
    onTheDay();
    printedOn();
    window.addEventListener("beforeprint", printedOn);
    buttons();
    offline();
    if (location.hash === "#vc-print" && document.querySelector("[data-vc-print]")) {  // the Chinese page's 双语打印
      if (document.readyState === "complete") window.print(); else window.addEventListener("load", function () { window.print(); });
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
