/* The header's search dialog over the site's own search index in /search/index/ (written by
 * generator/site/searchindex.py; the rules for keys are described there and must match queryKeys).
 *
 * Plain JavaScript, no WebAssembly and no worker: nothing is fetched for search until the visitor types;
 * then only the shards the query's keys fall in (the page's county list gives their number) and the
 * records shown, so a visitor's download stays small however many counties the site holds, and a slow
 * phone shows the first result after two rounds of small fetches. Results appear as they arrive; the
 * list is aria-busy until the page of results is complete.
 * County first: on a county's pages, or once a county was chosen (assets/answer.js decides which:
 * window.vcVisitorCounty), results from that county and the prefecture come first; other counties'
 * results follow only when asked for.
 * Every value from the index is inserted as text (textContent), never as HTML.
 */
(function () {
  "use strict";
  var PAGE = 10;
  var HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff", HANGUL = "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af";
  var LATIN_MAX = 24, RECORDS_PER_FILE = 8, SPACE = /[ \t\n\r\f\v]+/;  // as searchindex.py

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

  /* ---- the index ---- */

  function normal(text) { return text.normalize("NFKC").toLowerCase(); }

  /* The keys a record must all have (searchindex.query_keys): a run of Chinese or Hangul gives the
   * pairs of characters that cover it, or its one character; a run of letters and digits itself. */
  function queryKeys(query) {
    var runs = new RegExp("([" + HAN + "]+)|([" + HANGUL + "]+)|([a-z0-9]+)", "g");
    var out = [], text = normal(query), m;
    while ((m = runs.exec(text))) {
      var run = m[1] || m[2];
      if (!run) out.push(m[3].slice(0, LATIN_MAX));
      else if (run.length === 1) out.push(run);
      else {
        for (var i = 0; i + 1 < run.length; i += 2) out.push(run.slice(i, i + 2));
        if (run.length % 2) out.push(run.slice(-2));
      }
    }
    out = out.filter(function (k, i) { return out.indexOf(k) === i; });
    var longer = out.filter(function (k) { return !/^[a-z0-9]$/.test(k); });
    return longer.length ? longer : out;  // a letter still being typed after other words does not empty the list
  }

  function wholeKey(query) { return "=" + normal(query).split(SPACE).join(""); }  // searchindex.exact_key

  function fnv1a(key) {  // as searchindex.fnv1a, over code points
    var h = 0x811c9dc5;
    for (var ch of key) h = Math.imul(h ^ ch.codePointAt(0), 0x01000193) >>> 0;
    return h;
  }

  /* The number of shards of a site of `counties` counties (searchindex.shard_count). */
  function shardCount(counties) {
    var n = 1;
    while (n < 16 * (counties + 1)) n *= 2;
    return n;
  }

  function fetchJSON(url, reload) {
    return fetch(url, reload ? {cache: "reload"} : {}).then(function (r) {
      if (!r.ok) { var e = new Error(r.status + " " + url); e.status = r.status; throw e; }
      return r.json();
    });
  }

  /* The index of the site at `root`, with `shards` shards (from the page's county list), or null to ask
   * the site's manifest first. Files are fetched once per page; a failed fetch is tried again on the
   * next query. Every file names its build: a file of another build (one of them from the browser's
   * cache), or a shard the index does not have (the page is older or newer than the index), makes the
   * index start afresh — the manifest, then every file, bypassing the cache — and search again once. */
  function Index(root, shards) {
    this.root = root;
    this.base = new URL("search/index/", root).href;
    this.shards = shards;
    this.files = {};
    this.fresh = false;  // after a reset: fetch past the browser's cache
  }
  Index.prototype.get = function (path) {
    var files = this.files;
    if (!files[path]) {
      files[path] = fetchJSON(this.base + path, this.fresh);
      files[path].catch(function () { delete files[path]; });
    }
    return files[path];
  };
  Index.prototype.reset = function () { this.files = {}; this.shards = null; this.fresh = true; };
  Index.prototype.count = function () {
    var self = this;
    if (this.shards) return Promise.resolve(this.shards);
    return this.get("manifest.json").then(function (m) { return (self.shards = m.shards); });
  };
  function stale() {
    var e = new Error("the search index changed while searching");
    e.stale = true;
    return e;
  }
  /* Records that have every key of `query`, best first: [{id, score, county, data()}]. */
  Index.prototype.search = function (query, again) {
    var self = this, wanted = queryKeys(query);
    if (!wanted.length) return Promise.resolve([]);
    var all = wanted.concat([wholeKey(query)]);  // the last: a whole name
    return this.count().then(function (n) {
      return Promise.all(all.map(function (key) { return self.get("s/" + (fnv1a(key) % n) + ".json"); }));
    }).then(function (shards) {
      var build = shards[0].b;
      if (shards.some(function (s) { return s.b !== build || s.n !== self.shards; })) throw stale();
      var lists = shards.map(function (shard, i) {
        var flat = shard.k[all[i]] || [], map = new Map(), id = 0;
        for (var j = 0; j < flat.length; j += 2) { id += flat[j]; map.set(id, flat[j + 1]); }
        return map;
      });
      var whole = lists.pop();
      lists.sort(function (a, b) { return a.size - b.size; });
      var scores = new Map(lists[0]);
      lists.slice(1).forEach(function (list) {
        scores.forEach(function (w, id) { if (list.has(id)) scores.set(id, w + list.get(id)); else scores.delete(id); });
      });
      var starts = Object.keys(shards[0].c).map(function (c) { return [shards[0].c[c], c]; }).sort(function (a, b) { return b[0] - a[0]; });
      var out = [];
      scores.forEach(function (w, id) {
        var county = starts.find(function (s) { return id >= s[0]; });
        out.push(self.result(id, w + (whole.get(id) || 0), county ? county[1] : "", build));
      });
      return ranked([out]);
    }).catch(function (err) {
      if (again || !(err.stale || err.status === 404)) throw err;
      self.reset();
      return self.search(query, true);
    });
  };
  Index.prototype.result = function (id, score, county, build) {
    var self = this, path = "r/" + Math.floor(id / RECORDS_PER_FILE) + ".json";
    return {id: id, score: score, county: county, index: this, data: function () {
      return self.get(path).then(function (d) {
        if (d.b !== build) { self.reset(); throw stale(); }  // the caller searches again
        var r = d.r[id % RECORDS_PER_FILE] || [], href = new URL(r[1] || "", self.root);
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

  var indexes = {};
  function index(root, shards) { return indexes[root] || (indexes[root] = new Index(root, shards || null)); }
  // for a page that searches several sites' indexes at once (content/guide/scaling.md)
  window.vcSearch = {index: index, ranked: ranked, queryKeys: queryKeys, fnv1a: fnv1a, wholeKey: wholeKey, shardCount: shardCount,
                   recordsPerFile: RECORDS_PER_FILE};

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
    a.href = data.href;
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
      var more = el("button", "", "再显示 " + Math.min(PAGE, results.length - start - PAGE) + " 条");
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
    var counties = document.getElementById("vc-counties");  // overrides/main.html
    var shards = counties ? shardCount(JSON.parse(counties.textContent).length) : null;

    function run(again) {
      token.stale = true;
      token = {stale: false};
      var mine = token, query = input.value;
      mine.failed = function (err) {
        if (mine.stale) return;
        list.removeAttribute("aria-busy");
        if (err && err.stale && !again) { run(true); return; }  // the index changed under us: once more
        meta.textContent = "网络不好，搜索数据没有取到，请稍后再试（再输入一次即可）。";
      };
      list.textContent = "";
      list.removeAttribute("aria-busy");
      if (!query.trim()) { meta.textContent = "输入证明名称、拼音或首字母开始搜索"; return; }
      meta.textContent = "正在搜索…";
      var county = window.vcVisitorCounty ? window.vcVisitorCounty(root) : null;  // assets/answer.js
      index(root, shards).search(query).then(function (results) {
        if (mine.stale) return;
        var near = [], rest = [];
        results.forEach(function (r) { (county && (r.county === county.slug || r.county === "all") ? near : rest).push(r); });
        // the visitor's county's own answer before the prefecture's, at the same score
        var own = function (r) { return county && r.county === county.slug ? 0 : 1; };
        near.sort(function (a, b) { return b.score - a.score || own(a) - own(b) || a.id - b.id; });
        if (!near.length && !rest.length) {
          meta.textContent = /^[a-z0-9]$/i.test(query.trim()) ? "拼音或首字母请至少输入两个字母。"
            : "没有找到“" + query.trim() + "”。可以换个说法，或用拼音首字母试试。";
          return;
        }
        if (!county) {
          meta.textContent = "找到 " + rest.length + " 条结果";
          return show(list, rest, 0, query, mine);
        }
        meta.textContent = county.name + "及全州：" + near.length + " 条结果" + (rest.length ? "；其他县（市）" + rest.length + " 条" : "");
        return show(list, near, 0, query, mine).then(function () {
          if (mine.stale || !rest.length) return;
          var li = el("li", "vc-search-more");
          var others = el("button", "", "看其他县（市）的结果（" + rest.length + " 条）");
          others.type = "button";
          others.addEventListener("click", function () {
            li.remove();
            list.appendChild(el("li", "vc-search-group", "其他县（市）"));
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
    input.addEventListener("focus", function () { if (toggle && !toggle.checked) toggle.checked = true; });  // opens the results on a wide screen
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
