/* The site's search engine and the header's search dialog, over the index in /search/index/ (written
 * by generator/site/searchindex.py). The rules — normalising, keys, weights, the number of shards — come
 * from the index's manifest (generator/site/searchrules.py defines them once); this script has none of
 * its own. The answer box (assets/answer.js) finds its certificate with the same engine (window.vcSearch).
 *
 * Plain JavaScript, no WebAssembly and no worker: nothing is fetched for search until the visitor types
 * (or focuses the box: then the small manifest); then only the parts of the character table for the
 * query's own Chinese characters (traditional → simplified, pinyin), the shards the query's keys fall
 * in, and the records shown, so a visitor's download stays small however many counties the site holds.
 * Table entries the page has already (a county's answer file: index.know) are not fetched again.
 * Results appear as they arrive; the list is aria-busy until the page of results is complete.
 * County first: on a county's pages, or once a county was chosen (assets/answer.js decides which:
 * window.vcVisitorCounty), results from that county and the prefecture come first, the answer box's
 * certificate leading them; other counties' results follow only when asked for.
 * Every value from the index is inserted as text (textContent), never as HTML.
 */
(function () {
  "use strict";
  var PAGE = 10;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function siteRoot() {
    var config = document.getElementById("__config");
    var base = config ? JSON.parse(config.textContent).base || "." : ".";
    return new URL(base + "/", location.href).href;
  }

  /* ---- the rules (searchrules.py, from the manifest) ---- */

  /* Normalised as searchrules.CharTable.normal: NFKC, lower case, traditional → simplified, then the
   * rules' same_words (证明书 → 证明). */
  function normal(text, table, rules) {
    var out = "";
    for (var ch of text.normalize("NFKC").toLowerCase()) out += (table && table.simple[ch]) || ch;
    ((rules && rules.same_words) || []).forEach(function (w) { out = out.split(w[0]).join(w[1]); });
    return out;
  }
  function runsOf(rules) { return new RegExp("([" + rules.han + "]+)|([" + rules.hangul + "]+)|([a-z0-9]+)", "g"); }
  /* A Hangul syllable's sound from its letters (searchrules.hangul_sound; the lists come in rules.jamo). */
  function hangulSound(ch, rules) {
    var j = rules.jamo, v = j.vowel.length, f = j.final.length, code = ch.codePointAt(0) - j.first;
    if (code < 0 || code >= j.initial.length * v * f) return null;
    var first = j.initial[Math.floor(code / (v * f))], vowel = j.vowel[Math.floor(code / f) % v];
    if (first === j.nasal && j.iotized.indexOf(vowel) >= 0) first = j.silent;
    return first + vowel + j.final[code % f];
  }
  function soundOf(ch, rules, table) { return (table && table.sound[ch]) || hangulSound(ch, rules); }
  function sounds(pair, rules, table) {
    var found = [];
    for (var ch of pair) { var s = soundOf(ch, rules, table); if (!s) return null; found.push(s); }
    return rules.sound + found.join(rules.sound_join);
  }

  /* The units a record must all satisfy (searchrules.query_units): a pair of Chinese characters or of
   * Hangul syllables is met by itself or its sound; a run of letters and digits by itself. */
  function queryUnits(query, rules, table) {
    var runs = runsOf(rules), out = [], text = normal(query, table, rules), m;
    while ((m = runs.exec(text))) {
      var run = m[1] || m[2];
      if (!run) { out.push([m[3].slice(0, rules.latin_max)]); continue; }
      var chars = Array.from(run);
      if (chars.length === 1) { out.push([run]); continue; }
      var pairs = [];
      for (var i = 0; i + 1 < chars.length; i += 2) pairs.push(chars[i] + chars[i + 1]);
      if (chars.length % 2) pairs.push(chars.slice(-2).join(""));
      pairs.forEach(function (p) {
        var s = sounds(p, rules, table);
        out.push(s ? [p, s] : [p]);
      });
    }
    out = out.filter(function (u, i) { return out.findIndex(function (v) { return v[0] === u[0]; }) === i; });
    var longer = out.filter(function (u) { return !/^[a-z0-9]$/.test(u[0]); });
    return longer.length ? longer : out;  // a letter still being typed after other words does not empty the list
  }

  function wholeKey(query, rules, table) {  // searchrules.exact_key
    var runs = runsOf(rules), text = normal(query, table, rules), out = rules.exact, m;
    while ((m = runs.exec(text))) out += m[0];
    return out;
  }

  /* `=~` + the sounds of a query of Chinese characters and Hangul only (searchrules.exact_sound_key), or null. */
  function wholeSound(query, rules, table) {
    var runs = runsOf(rules), text = normal(query, table, rules), found = [], m;
    while ((m = runs.exec(text))) {
      if (m[3]) return null;
      for (var ch of m[0]) { var s = soundOf(ch, rules, table); if (!s) return null; found.push(s); }
    }
    return found.length ? rules.exact + rules.sound + found.join(rules.sound_join) : null;
  }

  function fnv1a(key) {  // as searchrules.fnv1a, over code points
    var h = 0x811c9dc5;
    for (var ch of key) h = Math.imul(h ^ ch.codePointAt(0), 0x01000193) >>> 0;
    return h;
  }

  function fetchJSON(url, reload) {
    return fetch(url, reload ? {cache: "reload"} : {}).then(function (r) {
      if (!r.ok) { var e = new Error(r.status + " " + url); e.status = r.status; throw e; }
      return r.json();
    });
  }

  /* The index of the site at `root`. Files are fetched once per page; a failed fetch is tried again on
   * the next query. Every file names its build: a file of another build (one of them from the
   * browser's cache) makes the index start afresh — the manifest, then every file, bypassing the
   * cache — and search again once. */
  function Index(root) {
    this.root = root;
    this.base = new URL("search/index/", root).href;
    this.files = {};
    this.found = {};  // query -> its results (the answer box and the list ask once)
    this.fresh = false;  // after a reset: fetch past the browser's cache
    this.known = null;  // table entries already here: {build, chars: {t, p}, has: {character: true}}
  }
  /* Table entries of index build `build`, as c/<n>.json has them ({t, p}): a character listed there
   * needs no part of the table fetched (only with that build's index). */
  Index.prototype.know = function (build, chars) {
    if (!build || !chars || (this.known && this.known.build === build && this.known.chars === chars)) return;
    var has = {};
    Object.keys(chars.p).forEach(function (s) { for (var ch of chars.p[s]) has[ch] = true; });
    this.known = {build: build, chars: chars, has: has};
  };
  Index.prototype.get = function (path) {
    var files = this.files;
    if (!files[path]) {
      files[path] = fetchJSON(this.base + path, this.fresh);
      files[path].catch(function () { delete files[path]; });
    }
    return files[path];
  };
  Index.prototype.reset = function () { this.files = {}; this.found = {}; this.fresh = true; };
  Index.prototype.manifest = function () { return this.get("manifest.json"); };
  function stale() {
    var e = new Error("the search index changed while searching");
    e.stale = true;
    return e;
  }
  /* The character table for the Chinese characters of `query`: the entries known already, and only the
   * parts the others are in. */
  Index.prototype.table = function (query, m) {
    var self = this, rules = m.rules, parts = {}, known = this.known && this.known.build === m.build ? this.known : null;
    for (var ch of query.normalize("NFKC")) {
      if (new RegExp("[" + rules.han + "]").test(ch) && !(known && known.has[ch])) parts[ch.codePointAt(0) % rules.char_files] = true;
    }
    return Promise.all(Object.keys(parts).map(function (n) { return self.get("c/" + n + ".json"); })).then(function (files) {
      var table = {simple: {}, sound: {}};
      files.forEach(function (f) { if (f.b !== m.build) throw stale(); });
      (known ? [known.chars] : []).concat(files).forEach(function (f) {
        Object.keys(f.p).forEach(function (s) { for (var ch of f.p[s]) table.sound[ch] = s; });
        Object.keys(f.t).forEach(function (t) { table.simple[t] = f.t[t]; table.sound[f.t[t]] = table.sound[f.t[t]] || table.sound[t]; });
      });
      return table;
    });
  };
  /* What `query` asks for: {units, whole, text} (text: the query normalised, runs joined). */
  Index.prototype.ask = function (query) {
    var self = this;
    return this.manifest().then(function (m) {
      return self.table(query, m).then(function (table) {
        var units = queryUnits(query, m.rules, table), whole = wholeKey(query, m.rules, table);
        return {m: m, units: units, whole: whole, sound: wholeSound(query, m.rules, table), text: whole.slice(m.rules.exact.length)};
      });
    });
  };
  /* Records that satisfy every unit of `query`, best first: [{id, score, named, county, data()}];
   * `named`: every unit met in a title or name, not only in page text (what the answer box takes).
   * The list's `text`: the query normalised; `build`: its index's. */
  Index.prototype.search = function (query) {
    var self = this;
    if (!this.found[query]) {
      this.found[query] = this.run(query, false);
      this.found[query].catch(function () { delete self.found[query]; });
    }
    return this.found[query];
  };
  Index.prototype.run = function (query, again) {
    var self = this, asked, keys;
    return this.ask(query).then(function (a) {
      asked = a;
      if (!a.units.length) return [];
      keys = [].concat.apply([], a.units).concat([a.whole], a.sound ? [a.sound] : []);  // then the whole name
      return Promise.all(keys.map(function (key) { return self.get("s/" + (fnv1a(key) % a.m.shards) + ".json"); }));
    }).then(function (shards) {
      if (!shards.length) return Object.assign([], {text: asked.text, build: asked.m.build});
      var build = asked.m.build, text = asked.m.rules.weights.text;
      if (shards.some(function (s) { return s.b !== build || s.n !== asked.m.shards; })) throw stale();
      var lists = {};
      shards.forEach(function (shard, i) {
        var flat = shard.k[keys[i]] || [], map = new Map(), id = 0;
        for (var j = 0; j < flat.length; j += 2) { id += flat[j]; map.set(id, flat[j + 1]); }
        lists[keys[i]] = map;
      });
      var units = asked.units.map(function (unit) {  // the best weight per record of any key of the unit
        var best = new Map();
        unit.forEach(function (k) { lists[k].forEach(function (w, id) { if (!(best.get(id) >= w)) best.set(id, w); }); });
        return best;
      }).sort(function (a, b) { return a.size - b.size; });
      var scores = new Map(), named = new Map();
      units[0].forEach(function (w, id) { scores.set(id, w); named.set(id, w > text); });
      units.slice(1).forEach(function (unit) {
        scores.forEach(function (w, id) {
          if (unit.has(id)) { scores.set(id, w + unit.get(id)); named.set(id, named.get(id) && unit.get(id) > text); } else scores.delete(id);
        });
      });
      // sound alone finds nothing: at least one unit is met by its own characters (or letters)
      scores.forEach(function (w, id) {
        if (!asked.units.some(function (u) { return lists[u[0]].has(id); })) scores.delete(id);
      });
      var whole = lists[asked.whole], sounded = asked.sound ? lists[asked.sound] : new Map();
      var starts = Object.keys(shards[0].c).map(function (c) { return [shards[0].c[c], c]; }).sort(function (a, b) { return b[0] - a[0]; });
      var out = [];
      scores.forEach(function (w, id) {
        var county = starts.find(function (s) { return id >= s[0]; });
        out.push(self.result(id, w + Math.max(whole.get(id) || 0, sounded.get(id) || 0), county ? county[1] : "", build, asked.m.rules.records_per_file, named.get(id)));
      });
      return Object.assign(ranked([out]), {text: asked.text, build: build});
    }).catch(function (err) {
      if (again || !(err.stale || err.status === 404)) throw err;
      self.reset();
      return self.run(query, true);
    });
  };
  Index.prototype.result = function (id, score, county, build, perFile, named) {
    var self = this, path = "r/" + Math.floor(id / perFile) + ".json";
    return {id: id, score: score, county: county, named: named, index: this, data: function () {
      return self.get(path).then(function (d) {
        if (d.b !== build) { self.reset(); throw stale(); }  // the caller searches again
        var r = d.r[id % perFile] || [], href = new URL(r[1] || "", self.root);
        if (!/^https?:$/.test(href.protocol)) href = new URL(self.root);  // another site's index: links only
        return {title: r[0], href: href.href, summary: r[2]};
      });
    }};
  };

  /* Results of one or more indexes, best first; equal scores take turns by county (and by site), so
   * a query across the prefecture shows many counties, not one county's list first. */
  function ranked(lists) {
    lists.forEach(function (list, site) {
      var turn = {};
      list.sort(function (a, b) { return b.score - a.score || a.id - b.id; });
      list.forEach(function (r) { var key = r.county + " " + r.score; r.turn = turn[key] = (turn[key] || 0) + 1; r.site = site; });
      list.sort(function (a, b) { return b.score - a.score || a.turn - b.turn || a.id - b.id; });  // counties take turns
      var place = {};
      list.forEach(function (r) { r.rank = place[r.score] = (place[r.score] || 0) + 1; });  // then sites take turns
    });
    return [].concat.apply([], lists).sort(function (a, b) { return b.score - a.score || a.rank - b.rank || a.site - b.site; });
  }

  /* The results of `county` and the prefecture (county "all"), best first, the county's own before
   * the prefecture's at the same score: the list the dialog shows and the answer box reads. */
  function near(results, county) {
    var own = function (r) { return r.county === county ? 0 : 1; };
    return results.filter(function (r) { return r.county === county || r.county === "all"; })
      .sort(function (a, b) { return b.score - a.score || own(a) - own(b) || a.id - b.id; });
  }

  var indexes = {};
  function index(root) { return indexes[root] || (indexes[root] = new Index(root)); }
  // for the answer box (assets/answer.js), and a page that searches several sites' indexes at once (content/guide/scaling.md)
  window.vcSearch = {index: index, ranked: ranked, near: near, queryUnits: queryUnits, wholeKey: wholeKey, wholeSound: wholeSound,
                   fnv1a: fnv1a, normal: normal};

  /* `text` with each occurrence of `query` wrapped in <mark> (built from text nodes). */
  function marked(tag, text, query) {
    var node = el(tag);
    var q = query.trim();
    var at = q ? text.indexOf(q) : -1, from = 0;
    while (at >= 0) {
      node.appendChild(document.createTextNode(text.slice(from, at)));
      node.appendChild(el("mark", "", q));
      from = at + q.length;
      at = text.indexOf(q, from);
    }
    node.appendChild(document.createTextNode(text.slice(from)));
    return node;
  }

  function item(data, query) {
    var li = el("li", "md-search-result__item");
    var a = el("a", "md-search-result__link");
    a.href = window.vcPageHref ? window.vcPageHref(data.href, siteRoot()) : data.href;
    var article = el("article", "md-search-result__article md-typeset");
    article.appendChild(marked("h1", data.title || "", query));
    if (data.summary) article.appendChild(el("p", "", data.summary));
    a.appendChild(article);
    li.appendChild(a);
    return li;
  }

  /* Show `results` from `start` on, PAGE at a time, each as soon as it and those before it arrived
   * (a weak signal shows the first result first), with a button for the next page. */
  function show(list, results, start, query, token) {
    var slice = results.slice(start, start + PAGE);
    var box = list.closest(".md-search-result__list") || list;
    box.setAttribute("aria-busy", "true");  // until this page of results is all there
    var shown = slice.reduce(function (before, r) {
      var data = r.data();
      data.catch(function () {});  // handled in order below; one failure stops the page of results
      return before.then(function () { return data; }).then(function (d) {
        if (!token.stale) list.appendChild(item(d, query));
      });
    }, Promise.resolve());
    return shown.catch(function (err) {
      if (!token.stale) box.removeAttribute("aria-busy");
      throw err;
    }).then(function () {
      if (!token.stale) box.removeAttribute("aria-busy");
      if (token.stale || results.length <= start + PAGE) return;
      var li = el("li", "vc-search-more");
      var more = el("button", "", window.vcT("search.more", {n: Math.min(PAGE, results.length - start - PAGE)}));
      more.type = "button";
      more.addEventListener("click", function () {
        // the next results take the button's place (other counties' may already follow it)
        var holder = el("li", "vc-search-next");
        li.replaceWith(holder);
        show(holder, results, start + PAGE, query, token).then(function () {
          var first = holder.querySelector("a");
          while (holder.firstChild) holder.parentNode.insertBefore(holder.firstChild, holder);
          holder.remove();
          if (first) first.focus();
        }).catch(token.failed);
      });
      li.appendChild(more);
      list.appendChild(li);
    });
  }

  function setup(box) {
    var root = siteRoot();
    var input = box.querySelector(".md-search__input");
    var meta = box.querySelector(".md-search-result__meta");
    var list = box.querySelector(".md-search-result__list");
    var toggle = document.getElementById("__search");
    var timer = null, token = {stale: false};

    function run(again) {
      token.stale = true;
      token = {stale: false};
      var mine = token, query = input.value;
      mine.failed = function (err) {
        if (mine.stale) return;
        list.removeAttribute("aria-busy");
        if (err && err.stale && !again) { run(true); return; }  // the index changed under us: once more
        meta.textContent = window.vcT("search.offline");
      };
      list.textContent = "";
      list.removeAttribute("aria-busy");
      if (!query.trim()) { meta.textContent = window.vcT("search.start"); return; }
      meta.textContent = window.vcT("search.searching");
      list.setAttribute("aria-busy", "true");  // until the first page of results is in (show)
      var county = window.vcVisitorCounty ? window.vcVisitorCounty(root) : null;  // assets/answer.js
      index(root).search(query).then(function (results) {
        if (!county || !window.vcAnswerLead) return [results, null];
        // the answer box's certificate leads the county's list (assets/answer.js picks it from these results)
        return window.vcAnswerLead(root, county.slug, query).then(function (lead) { return [results, lead]; }, function () { return [results, null]; });
      }).then(function (found) {
        if (mine.stale) return;
        var results = found[0], lead = found[1];
        var near = county ? window.vcSearch.near(results, county.slug) : [];
        var rest = results.filter(function (r) { return near.indexOf(r) < 0; });
        if (lead) near.sort(function (a, b) { return (b.id === lead.id) - (a.id === lead.id); });
        if (!county) {  // certificates found by a name before pages that only mention the words
          rest = rest.filter(function (r) { return r.named; }).concat(rest.filter(function (r) { return !r.named; }));
        }
        if (!near.length && !rest.length) {
          list.removeAttribute("aria-busy");
          meta.textContent = /^[a-z0-9]$/i.test(query.trim()) ? window.vcT("search.two_letters")
            : window.vcT("search.none", {query: query.trim()});
          return;
        }
        if (!county) {
          meta.textContent = window.vcT("search.found", {n: rest.length});
          return show(list, rest, 0, query, mine);
        }
        meta.textContent = window.vcT("search.near", {county: county.name, n: near.length}) + (rest.length ? window.vcT("search.rest", {n: rest.length}) : "");
        return show(list, near, 0, query, mine).then(function () {
          if (mine.stale || !rest.length) return;
          var li = el("li", "vc-search-more");
          var others = el("button", "", window.vcT("search.others", {n: rest.length}));
          others.type = "button";
          others.addEventListener("click", function () {
            li.remove();
            list.appendChild(el("li", "vc-search-group", window.vcT("search.other_counties")));
            show(list, rest, 0, query, mine).catch(mine.failed);
          });
          li.appendChild(others);
          list.appendChild(li);
        });
      }).catch(mine.failed);
    }

    function soon() {  // the first query at once, later ones once typing pauses
      clearTimeout(timer);
      if (timer === null) { timer = 0; run(); } else timer = setTimeout(function () { run(); }, 80);
    }
    input.addEventListener("input", soon);   // typing, IME, paste, drag-and-drop, clearing
    input.addEventListener("focus", function () {
      if (toggle && !toggle.checked) toggle.checked = true;  // opens the results on a wide screen
      index(root).manifest().catch(function () {});  // the rules, before the first key
    });
    box.querySelector("form").addEventListener("reset", function () {
      setTimeout(function () { input.dispatchEvent(new Event("input")); }, 0);  // the answer panel clears too
    });
    box.querySelector("form").addEventListener("submit", function (ev) {
      ev.preventDefault();
      var first = list.querySelector("a");
      if (first) first.click();
    });
    if (toggle) {
      toggle.addEventListener("change", function () { if (toggle.checked) setTimeout(function () { input.focus(); }, 50); });
      document.addEventListener("keydown", function (ev) {
        if (ev.isComposing || ev.keyCode === 229) return;  // Escape cancels the IME's candidates, not the dialog
        var target = ev.target || {};
        var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName || "") || target.isContentEditable;
        if (ev.key === "Escape" && toggle.checked) { toggle.checked = false; toggle.dispatchEvent(new Event("change")); }
        else if (!typing && (ev.key === "/" || ev.key === "s") && !ev.ctrlKey && !ev.metaKey && !ev.altKey) {
          ev.preventDefault();
          toggle.checked = true;
          toggle.dispatchEvent(new Event("change"));
        }
      });
    }
  }

  function start() {
    var box = document.querySelector("[data-vc-search]");
    if (box) setup(box);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
