/* Accessibility fixes for Material's own markup (WCAG 2.1 AA, checked with axe-core in the tests):
 * - the search dialog gets an accessible name;
 * - a code block wider than the screen can be scrolled with the keyboard (Material drops tabindex).
 */
(function () {
  "use strict";
  function scrollable() {
    Array.prototype.forEach.call(document.querySelectorAll("pre > code"), function (code) {
      if (code.scrollWidth > code.clientWidth) code.setAttribute("tabindex", "0");
    });
  }
  function start() {
    var dialog = document.querySelector(".md-search[role=dialog]");
    if (dialog) dialog.setAttribute("aria-label", "搜索");
    scrollable();
    setTimeout(scrollable, 500);  // after Material has mounted its code blocks
    window.addEventListener("resize", scrollable);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
