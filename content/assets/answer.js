/* "这项证明，村里能开吗？" — county first, then one answer per certificate from that county's lists.
 *
 * Finding: the site's search engine (assets/search.js: the same index, normalising, keys and ranking
 * as the header's search; no matcher of its own here) gives the records of the county and the
 * prefecture; the first that are certificates of the county's answers are shown, in that order.
 * Data: search/answers/<county>.json, one small file per county, fetched on the first query (county
 * pages preload it; never the whole prefecture); with each answer's record numbers and the county's
 * characters (answerlinks.py) the first answer waits for the index's shards only.
 * "看看其他县（市）怎么规定" fetches search/answers-all.json, every county's outcomes in one file. The
 * chosen county is remembered on the device (localStorage).
 * Every value from the data is inserted as text (textContent / setAttribute), never as HTML.
 * Also here, for the search dialog (assets/search.js): the answer for the remembered county above
 * the site-wide results.
 */
(function () {
  "use strict";
  var KEY = "vc-county";
  var cache = {};
  var MAX = 5;

  var KO = document.documentElement.lang === "ko";
  /* The site's counties, named in the page's language (navigation.theme_extras). */
  function knownCounties() {
    var list = document.getElementById("vc-counties");
    return (list ? JSON.parse(list.textContent) : []).map(function (c) { return {slug: c.slug, name: (KO && c.ko) || c.name}; });
  }
  function remembered() {
    try {
      var chosen = JSON.parse(localStorage.getItem(KEY) || "null");
      // a county this site no longer lists (or another site's on the same address) answers nothing
      // named in this page's language, whichever page it was chosen on
      return (chosen && knownCounties().filter(function (c) { return c.slug === chosen.slug; })[0]) || null;
    } catch (e) { return null; }
  }
  /* The county whose pages these are (yanji/…, signboards/yanji/…), if any. */
  function pageCounty(root) {
    var parts = (location.href.indexOf(root) === 0 ? location.href.slice(root.length) : "").replace(/^ko\//, "").split("/");
    return knownCounties().filter(function (c) { return c.slug === parts[0] || (parts[0] === "signboards" && c.slug === parts[1]); })[0] || null;
  }
  /* The county to answer for: this page's, else the one the visitor chose. */
  function visitorCounty(root) { return pageCounty(root) || remembered(); }
  window.vcVisitorCounty = visitorCounty;  // assets/search.js lists this county's results first
  function remember(county) {
    try { localStorage.setItem(KEY, JSON.stringify(county)); } catch (e) { /* private mode: ask again next time */ }
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else if (k === "className") node.className = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return node;
  }

  function fetchOnce(url) {
    if (!cache[url]) {
      cache[url] = fetch(url).then(function (r) {
        if (!r.ok) throw new Error(r.status);
        return r.json();
      });
      cache[url].catch(function () { delete cache[url]; });  // a weak signal: try again on the next query
    }
    return cache[url];
  }
  function load(root, county) { return fetchOnce(new URL("search/answers/" + county + ".json", root).href); }

  /* The visitor's day in China (assets/site.js: UTC+8 from the clock, not the device's zone). */
  function chinaDay() {
    if (window.vcChinaDay) return window.vcChinaDay();
    var d = new Date(Date.now() + 8 * 3600 * 1000);
    return d.toISOString().slice(0, 10);
  }
  /* The answer on that day: the entry as built, or the last published change whose day has come
   * (answers.py: "upcoming" [{from, outcome, url, example, details, when}], in date order). */
  function asOf(e) {
    var day = chinaDay(), now = e;
    (e.upcoming || []).forEach(function (u) { if (day >= u.from) now = u; });
    return now;
  }

  /* The certificates `query` names in `county`, best first (at most MAX): the search engine's records
   * (assets/search.js, the same index and rules as the header's search) of the county and the
   * prefecture whose every unit is met in a name, taken in the order the dialog lists them, each
   * matched to the county's entry whose page it is: by record number (`r`) if `linked` (the answer
   * file) was written with the results' index, else by the record's address (fetched). Resolves to
   * [{e, id, via}]. `entries`: the county's entries; `county`: its slug. */
  function find(root, county, entries, query, linked) {
    var index = window.vcSearch.index(root), byUrl = {}, byNumber = {};
    entries.forEach(function (e) {
      [e].concat(e.upcoming || []).forEach(function (u) { byUrl[new URL(u.url, root).href] = byUrl[new URL(u.url, root).href] || e; });
      (e.r || []).forEach(function (n) { byNumber[n] = byNumber[n] || e; });
    });
    if (linked) index.know(linked.index, linked.chars);
    return index.search(query).then(function (results) {
      var candidates = window.vcSearch.near(results, county).filter(function (r) { return r.named; }).slice(0, 3 * MAX);
      var numbered = linked && linked.index === results.build;
      return Promise.all(candidates.map(function (r) {
        return numbered ? byNumber[r.id] : r.data().then(function (d) { return byUrl[d.href]; });
      })).then(function (found) {
        var out = [], seen = [];
        found.forEach(function (e, i) {
          if (!e || seen.indexOf(e) >= 0 || out.length >= MAX) return;
          seen.push(e);
          out.push({e: e, id: candidates[i].id, via: via(e, results.text)});
        });
        return out;
      });
    });
  }

  /* Which other name of `e` the normalised query `q` came by: a common name, or a former one. */
  function via(e, q) {
    var plain = function (n) { return window.vcSearch.normal(n).replace(/[^\p{L}\p{N}]/gu, ""); };
    if (!q || [e.name].concat(e.other).some(function (n) { return plain(n).indexOf(q) >= 0; })) return null;
    var common = e.common.filter(function (n) { return plain(n).indexOf(q) >= 0; })[0];
    if (common) return {name: common, kind: "common"};
    var former = (e.former || []).filter(function (n) { return plain(n).indexOf(q) >= 0; })[0];
    return former ? {name: former, kind: "former"} : null;
  }

  var leads = {};
  /* The certificate the answer box shows first for `query` in `county` (for assets/search.js's list). */
  function lead(root, county, query) {
    var key = root + " " + county + " " + query;
    if (!leads[key]) {
      leads[key] = load(root, county).then(function (data) { return find(root, county, data.entries, query, data); })
        .then(function (found) { return found[0] || null; });
      leads[key].catch(function () { delete leads[key]; });
    }
    return leads[key];
  }
  window.vcAnswerLead = lead;

  /* `text` with every occurrence of the query highlighted as a whole (no HTML from data). */
  function marked(text, query) {
    var frag = document.createDocumentFragment(), q = query.trim(), at = q ? text.indexOf(q) : -1, from = 0;
    while (at >= 0) {
      frag.appendChild(document.createTextNode(text.slice(from, at)));
      frag.appendChild(el("mark", {text: text.slice(at, at + q.length)}));
      from = at + q.length;
      at = text.indexOf(q, from);
    }
    frag.appendChild(document.createTextNode(text.slice(from)));
    return frag;
  }

  function head(data, outcome, who, example) {
    var o = data.outcomes[outcome];
    return el("p", {className: "vc-o-head"}, [
      el("span", {className: "vc-o-icon", "aria-hidden": "true", text: o.icon}),
      el("strong", {className: "vc-o-label", text: vcT("outcome." + outcome + ".label")}), " ",
      el("span", {className: "vc-o-plain", text: who + vcT("outcome." + outcome + ".plain")}),
      example ? " " : null, example ? el("span", {className: "vc-badge vc-ex", text: vcT("example")}) : null
    ]);
  }

  /* The county's name in the page's language: the name the county button carries on this page, else the data's. */
  function countyName(data) {
    var b = document.querySelector("[data-county='" + data.county + "'][data-county-name]");
    return b ? b.getAttribute("data-county-name") : data.name;
  }
  var vcT = window.vcT;
  /* Data in Chinese (the answers are the same file for both languages): marked lang="zh" on a Korean page. */
  function zh(data) {
    if (!KO || !data) return data;
    var span = el("span", {lang: "zh"});
    span.appendChild(typeof data === "string" ? document.createTextNode(data) : data);
    return span;
  }
  /* vcT(key) with `values` (text or nodes) in its {places}. */
  function fill(key, values) { return vcT(key).split(/\{(\w+)\}/).map(function (p, i) { return i % 2 ? values[p] : p; }); }

  function link(root, uri, text) { return el("a", {href: window.vcPageHref(new URL(uri, root).href, root), text: text}); }

  /* What the answer rests on; `e` is the entry's state on the visitor's day (asOf). */
  function details(root, data, e) {
    var d = e.details, out = [];
    if (e.outcome === "retained") {
      out.push(el("p", {}, [el("strong", {text: vcT("issuer")}), zh(d.issuer) || "—", vcT("sep"), el("strong", {text: vcT("deadline")}), zh(d.deadline),
        vcT("sep"), el("strong", {text: vcT("form")}), zh(d.form) || "—"].concat(fill("since", {since: zh(d.since)}))));
      d.overlaps.forEach(function (o) {
        out.push(el("p", {className: "vc-o-note"}, [vcT("overlap", {seq: o.seq}), zh(o.why)]));
      });
      var more = el("details", {}, [el("summary", {text: vcT("procedure")})]);
      more.appendChild(el("ol", {}, d.procedure.map(function (s) { return el("li", {}, [zh(s)]); })));
      more.appendChild(el("p", {}, [vcT("basis"), zh(d.basis.join("；")) || "—"]));
      out.push(more);
    } else if (e.outcome === "forbidden") {
      if (d.alternative) out.push(el("p", {}, [el("strong", {text: vcT("go_to")}), zh(d.alternative), d.alternative_note ? el("span", {className: "vc-note", text: vcT("alternative_note")}) : null]));
      out.push(el("p", {className: "vc-note"}, fill("forbidden_source", {source: zh(d.source)})));
      d.exceptions.forEach(function (x) {
        out.push(el("p", {className: "vc-o-note"}, [vcT("exception"), zh(link(root, x.url, x.name)), vcT("exception_after"), zh(x.why)]));
      });
    } else if (e.outcome === "removed") {
      out.push(el("p", {}, [vcT("removed_from"), el("strong", {}, [zh(d.since)])].concat(fill("removed", {document: zh(d.document)}), d.reason ? fill("reason", {reason: zh(d.reason)}) : [])));
      if (d.replaced_by) out.push(el("p", {}, [vcT("merged"), zh(link(root, d.replaced_by.url, d.replaced_by.name)), vcT("period")]));
      out.push(el("p", {className: "vc-o-rule"}, [zh(data.removed_rule + "（" + data.removed_source + "）"), " " + vcT("see"), link(root, data.lists.cancelled, vcT("cancelled_list", {county: countyName(data)})), vcT("period")]));
    } else {
      if (d.guide) out.push(el("p", {text: vcT("guide_only", {county: countyName(data)})}));
      out.push(el("p", {className: "vc-o-rule"}, [zh(data.rule + "（" + data.rule_source + "）")]));
    }
    return out;
  }

  function card(root, data, r, query) {
    var e = r.e, now = asOf(e);
    var box = el("article", {className: "vc-result vc-outcome vc-o-" + now.outcome}, [
      e.timeline ? el("p", {className: "vc-o-when", text: now.when + vcT("colon")}) : null,  // the window of the day's answer
      head(data, now.outcome, vcT("who", {county: countyName(data)}), now.example),
      el("h3", {className: "vc-r-name"}, [link(root, now.url, "")]),
    ]);
    var a = box.querySelector("h3 a");
    a.appendChild(zh(marked(e.name, query)));
    if (e.ko) {
      a.appendChild(el("span", {className: "vc-r-ko", lang: "ko", text: " " + e.ko}));
      if (!e.ko_verified) box.querySelector("h3").appendChild(el("span", {className: "vc-note", text: " " + vcT("ko_unverified")}));
    }
    if (r.via && r.via.kind === "common") {
      box.appendChild(el("p", {className: "vc-note", text: vcT(e.common_verified ? "via_common" : "via_common_unverified", {name: r.via.name})}));
    } else if (r.via) {
      box.appendChild(el("p", {className: "vc-note", text: vcT("via_former", {name: r.via.name, now: e.name})}));
    }
    details(root, data, now).forEach(function (n) { box.appendChild(n); });
    if (e.timeline) box.appendChild(el("p", {className: "vc-o-note vc-o-timeline"}, [el("strong", {text: vcT("by_date")}), zh(e.timeline), vcT("period")]));
    return box;
  }

  function nothing(root, data, query) {
    return el("article", {className: "vc-result vc-outcome vc-o-unlisted"}, [
      head(data, "unlisted", vcT("who", {county: countyName(data)}), data.example),
      el("p", {}, [vcT("not_found", {county: countyName(data)}), el("strong", {text: query.trim()}), vcT("not_found_after")]),
      el("p", {className: "vc-o-rule"}, [zh(data.rule + "（" + data.rule_source + "）")]),
      el("p", {}, [vcT("check_forbidden"),
        link(root, data.lists.certificates, vcT("retained_list", {county: countyName(data)})), " · ", link(root, data.lists.forbidden, vcT("forbidden_list")), vcT("period")])
    ]);
  }

  /* Every county's answers in one file (search/answers-all.json, answers.py): one request whatever
   * the number of counties. Gives `county`'s entries in the form find() reads. */
  function loadAll(root) { return fetchOnce(new URL("search/answers-all.json", root).href); }
  function entriesOf(all, county) {
    return (all.c[county] || []).map(function (row) {
      var e = {outcome: row[1], url: row[2], example: row[3]};
      all.fields.forEach(function (f, i) { e[f] = all.m[row[0]][i]; });
      (row[4] || []).forEach(function (u) {  // [from, outcome, url, example]: a published change
        if (chinaDay() >= u[0]) { e.outcome = u[1]; e.url = u[2]; e.example = u[3]; }
      });
      return e;
    });
  }

  function others(root, data, query, out) {
    var button = el("button", {type: "button", className: "vc-ask-others", text: vcT("others")});
    var list = null;
    button.addEventListener("click", function () {
      button.disabled = true;
      if (list) list.remove();  // asked again after a failed fetch
      list = el("ul", {className: "vc-others"});
      out.appendChild(list);
      var rows = knownCounties().filter(function (c) { return c.slug !== data.county; }).map(function (c) {
        var li = el("li", {text: c.name + vcT("colon") + vcT("loading")});
        list.appendChild(li);
        return {county: c, li: li};
      });
      loadAll(root).then(function (all) {
        return Promise.all(rows.map(function (row) {  // the same engine and order as the county's own box
          return find(root, row.county.slug, entriesOf(all, row.county.slug), query, null).then(function (found) { return found[0]; });
        }));
      }).then(function (hits) {
        rows.forEach(function (row, i) {
          var c = row.county, li = row.li, hit = hits[i];
          li.textContent = "";
          if (!hit) { li.appendChild(document.createTextNode(c.name + vcT("colon") + vcT("on_neither"))); return; }
          var o = data.outcomes[hit.e.outcome];
          li.className = "vc-o-" + hit.e.outcome;
          li.appendChild(document.createTextNode(c.name + vcT("colon")));
          li.appendChild(el("span", {className: "vc-o-icon", "aria-hidden": "true", text: o.icon}));
          li.appendChild(el("strong", {text: vcT("outcome." + hit.e.outcome + ".label") + " "}));
          li.appendChild(link(root, hit.e.url, hit.e.name));
          if (hit.e.example) { li.appendChild(document.createTextNode(" ")); li.appendChild(el("span", {className: "vc-badge vc-ex", text: vcT("example")})); }
        });
      }, function () {
        rows.forEach(function (row) { row.li.textContent = row.county.name + vcT("colon") + vcT("offline_short"); });
        button.disabled = false;  // try again
      });
    });
    return button;
  }

  function answer(root, county, query, out) {
    if (!query.trim()) { out.textContent = ""; out.dataset.shown = ""; return; }
    if (out.dataset.shown === county + "/" + query) return;  // already on screen (keeps "other counties" open)
    load(root, county).then(function (data) {
      if (out.dataset.query !== query) return;  // a newer query is under way
      return find(root, county, data.entries, query, data).then(function (found) {
        if (out.dataset.query !== query) return;
        out.dataset.shown = county + "/" + query;
        out.textContent = "";
        if (!found.length) out.appendChild(nothing(root, data, query));
        found.forEach(function (r) { out.appendChild(card(root, data, r, query)); });
        out.appendChild(others(root, data, query, out));
      });
    }).catch(function () {
      out.textContent = vcT("offline_lists");
    });
  }

  function watch(input, run) {
    var timer = null;
    function go() { clearTimeout(timer); timer = setTimeout(run, 60); }
    input.addEventListener("input", go);   // typing, IME, paste, drag-and-drop, clearing
    input.addEventListener("paste", go);
  }

  /* The widget on the home page (county picker) and on each county page (county fixed). */
  function setup(box) {
    var root = new URL(box.getAttribute("data-root") || "./", location.href).href;
    var fixed = box.getAttribute("data-county");
    var form = box.querySelector(".vc-ask-form"), pick = box.querySelector(".vc-pick");
    var input = box.querySelector(".vc-ask-q"), out = box.querySelector(".vc-ask-out"), where = box.querySelector(".vc-ask-where");
    var county = fixed ? {slug: fixed, name: box.getAttribute("data-county-name")} : remembered();

    function show() {
      where.textContent = "";
      if (!county) { form.hidden = true; if (pick) pick.hidden = false; return; }
      form.hidden = false;
      if (pick) pick.hidden = true;
      where.appendChild(document.createTextNode(vcT("answer_by")));
      where.appendChild(el("strong", {text: county.name}));
      where.appendChild(document.createTextNode(vcT("answer_by_after")));
      if (!fixed) {
        var change = el("button", {type: "button", className: "vc-ask-change", text: vcT("change_county")});
        change.addEventListener("click", function () { county = null; show(); pick.querySelector("button").focus(); });
        where.appendChild(change);
      }
      run();
    }
    function run() { out.dataset.query = input.value; if (county) answer(root, county.slug, input.value, out); }
    if (pick) {
      pick.addEventListener("click", function (ev) {
        var b = ev.target.closest("button[data-county]");
        if (!b) return;
        county = {slug: b.getAttribute("data-county"), name: b.getAttribute("data-county-name")};
        remember(county);
        show();
        input.focus();
      });
    }
    watch(input, run);
    show();
  }

  /* The search dialog: this page's county's (or the remembered county's) answer on top. */
  function dialog() {
    var box = document.querySelector(".md-search[role=dialog]");
    var input = document.querySelector(".md-search__input");
    var wrap = document.querySelector(".md-search__scrollwrap");
    var config = document.getElementById("__config");
    if (!box || !input || !wrap || !config) return;
    var root = new URL((JSON.parse(config.textContent).base || ".") + "/", location.href).href;
    var counties = knownCounties();
    var panel = el("div", {className: "vc-ask-panel", "aria-live": "polite"});
    wrap.insertBefore(panel, wrap.firstChild);
    function run() {
      var query = input.value, county = visitorCounty(root);
      panel.dataset.query = query;
      panel.textContent = "";
      if (!query.trim()) return;
      if (!county) {
        var p = el("div", {className: "vc-pick-inline"}, [el("p", {text: vcT("pick_inline")})]);
        counties.forEach(function (c) {
          var b = el("button", {type: "button", text: c.name});
          b.addEventListener("click", function () { remember(c); input.dispatchEvent(new Event("input")); input.focus(); });
          p.appendChild(b);
        });
        panel.appendChild(p);
        return;
      }
      var out = el("div", {className: "vc-ask-out"});
      out.dataset.query = query;
      panel.appendChild(out);
      answer(root, county.slug, query, out);
    }
    watch(input, run);
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-vc-ask]"), setup);
    dialog();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
