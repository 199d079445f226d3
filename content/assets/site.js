/* Small things every page needs (no data from the catalogs is inserted as HTML here):
 * - accessibility fixes for Material's markup: wide code blocks that can be scrolled with the
 *   keyboard (Material drops their tabindex);
 * - right on the day: a page built before an upcoming edition's date says, once the visitor's date
 *   has reached it, that the new edition is now in force (the page is correct without this too);
 * - the printed sheet states the date it was printed; "打印公开栏" and "复制引用" buttons.
 */
(function () {
  "use strict";
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function today() { var d = new Date(); return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()); }
  function all(selector) { return Array.prototype.slice.call(document.querySelectorAll(selector)); }

  function scrollable() {
    all("pre > code").forEach(function (code) {
      if (code.scrollWidth > code.clientWidth) code.setAttribute("tabindex", "0");
    });
  }

  function onTheDay() {
    var day = today();
    all("[data-from]").forEach(function (el) { if (day >= el.getAttribute("data-from")) el.hidden = false; });
    all("[data-until]").forEach(function (el) { if (day >= el.getAttribute("data-until")) el.hidden = true; });
  }

  function printedOn() {
    var d = new Date(), text = d.getFullYear() + "年" + (d.getMonth() + 1) + "月" + d.getDate() + "日";
    all("[data-vc-printed]").forEach(function (el) { el.textContent = text; });
  }

  function buttons() {
    all("[data-vc-print]").forEach(function (b) { b.addEventListener("click", function () { window.print(); }); });
    all("[data-vc-copy]").forEach(function (b) {
      b.addEventListener("click", function () {
        var source = document.getElementById(b.getAttribute("data-vc-copy"));
        var text = source ? source.textContent : "";
        var done = function () { b.textContent = "已复制"; setTimeout(function () { b.textContent = "复制引用"; }, 2000); };
        if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).then(done, function () {});
        else { var r = document.createRange(); r.selectNodeContents(source); var s = getSelection(); s.removeAllRanges(); s.addRange(r); }
      });
    });
  }

  function start() {
    scrollable();
    setTimeout(scrollable, 500);  // after Material has mounted its code blocks
    window.addEventListener("resize", scrollable);
    onTheDay();
    printedOn();
    window.addEventListener("beforeprint", printedOn);
    buttons();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
