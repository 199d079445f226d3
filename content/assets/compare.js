/* Compare any two editions of one catalog: added, removed, changed (old → new). The editions'
 * items are embedded in the page as JSON; every value is inserted as text. The data is Chinese: on a
 * Korean page its cells say so (lang="zh"), the words around them are the page's (vcT). */
(function () {
  "use strict";
  var form = document.querySelector("[data-vc-compare]");
  var out = document.querySelector(".vc-compare-out");
  var data = JSON.parse(document.getElementById("vc-editions").textContent);
  var KO = document.documentElement.lang === "ko";
  var byDate = {};
  data.editions.forEach(function (e) { byDate[e.effective] = e; });

  function el(tag, text, cls) { var n = document.createElement(tag); if (text != null) n.textContent = text; if (cls) n.className = cls; return n; }
  function row(cells) {
    var tr = el("tr");
    cells.forEach(function (c, i) {
      var td = el("td");
      if (typeof c === "string") td.textContent = c; else td.appendChild(c);
      if (KO && i > 0) td.lang = "zh";  // the item and what changed: data, in Chinese
      tr.appendChild(td);
    });
    return tr;
  }
  function link(item) { var a = el("a", item.name); a.href = new URL(item.url, location.href).href; return a; }

  function show() {
    var a = byDate[form.elements.from.value], b = byDate[form.elements.to.value];
    out.textContent = "";
    if (a.effective > b.effective) { var t = a; a = b; b = t; }
    var head = el("p");
    head.textContent = window.vcT("compare.head", {a: a.effective, b: b.effective});
    out.appendChild(head);
    var table = el("table", null, "vc-table vc-cards");
    var thead = el("thead"), htr = el("tr");
    [window.vcT("compare.change"), window.vcT("compare.item"), window.vcT("compare.content")].forEach(function (h) { htr.appendChild(el("th", h)); });
    thead.appendChild(htr); table.appendChild(thead);
    var body = el("tbody"), n = 0;
    Object.keys(b.items).forEach(function (id) {
      var now = b.items[id], before = a.items[id];
      if (!before) { body.appendChild(row([window.vcT("compare.added"), link(now), now.name])); n++; return; }
      var changes = [];
      Object.keys(Object.assign({}, before.fields, now.fields)).forEach(function (label) {
        var x = before.fields[label] || "—", y = now.fields[label] || "—";
        if (x !== y) changes.push(label + "：" + x + " → " + y);
      });
      if (changes.length) {
        var ul = el("ul"); changes.forEach(function (c) { ul.appendChild(el("li", c)); });
        body.appendChild(row([window.vcT("compare.modified"), link(now), ul])); n++;
      }
    });
    Object.keys(a.items).forEach(function (id) {
      if (!b.items[id]) { body.appendChild(row([window.vcT("compare.removed"), link(a.items[id]), a.items[id].name])); n++; }
    });
    if (!n) { out.appendChild(el("p", window.vcT("compare.same"))); return; }
    table.appendChild(body);
    out.appendChild(table);
  }
  form.addEventListener("change", show);
  // the page's words (assets/site.js vcT, deferred) are there once the page is parsed
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", show); else show();
})();
