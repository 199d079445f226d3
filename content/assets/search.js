/* The header's search dialog over the Pagefind index in /pagefind/ (generator/site/search.py).
 *
 * Nothing is fetched for search until the visitor opens the search box or types in it; then Pagefind
 * loads only the index chunks the query's words fall in and the few records it shows, so a visitor's
 * download stays about the same however many counties the site holds.
 * County first: on a county's pages, or once a county was chosen (assets/answer.js decides which:
 * window.vcVisitorCounty), results from that county and the prefecture come first; other counties'
 * results follow only when asked for.
 * Every value from the index is inserted as text (textContent), never as HTML.
 */
(function () {
  "use strict";
  var PAGE = 10;
  var pagefind = null;

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

  var attempt = 0;
  function load(root) {
    if (!pagefind) {
      // a new URL for each attempt: the browser remembers a failed import() of the same one
      var url = new URL("pagefind/pagefind.js" + (attempt ? "?retry=" + attempt : ""), root).href;
      attempt += 1;
      // no web worker: on a slow phone starting one costs more than the search it would carry
      pagefind = import(url).then(function (pf) {
        return pf.options({excerptLength: 0, noWorker: true}).then(function () { return pf.init(); }).then(function () { return pf; });
      });
      pagefind.catch(function () { pagefind = null; });  // a weak signal: try again on the next query
    }
    return pagefind;
  }

  /* After a failed search (a chunk that did not arrive), start Pagefind afresh on the next query. */
  function forget() {
    var failed = pagefind;
    pagefind = null;
    if (failed) failed.then(function (pf) { if (pf.destroy) return pf.destroy(); }).catch(function () {});
  }

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

  function item(root, data, query) {
    var li = el("li", "md-search-result__item");
    var a = el("a", "md-search-result__link");
    a.href = new URL(data.meta.href || "", root).href;
    var article = el("article", "md-search-result__article md-typeset");
    article.appendChild(marked("h1", data.meta.title || "", query));
    if (data.meta.summary) article.appendChild(el("p", "", data.meta.summary));
    a.appendChild(article);
    li.appendChild(a);
    return li;
  }

  /* Show `results` from `start` on, PAGE at a time, with a button for the next page. */
  function show(root, list, results, start, query, token) {
    var slice = results.slice(start, start + PAGE);
    return Promise.all(slice.map(function (r) { return r.data(); })).then(function (datas) {
      if (token.stale) return;
      var batch = document.createDocumentFragment();
      datas.forEach(function (d) { batch.appendChild(item(root, d, query)); });
      if (results.length > start + PAGE) {
        var li = el("li", "vc-search-more");
        var more = el("button", "", "再显示 " + Math.min(PAGE, results.length - start - PAGE) + " 条");
        more.type = "button";
        more.addEventListener("click", function () {
          // the next results take the button's place (other counties' may already follow it)
          var holder = el("li", "vc-search-next");
          li.replaceWith(holder);
          show(root, holder, results, start + PAGE, query, token).then(function () {
            var first = holder.querySelector("a");
            while (holder.firstChild) holder.parentNode.insertBefore(holder.firstChild, holder);
            holder.remove();
            if (first) first.focus();
          });
        });
        li.appendChild(more);
        batch.appendChild(li);
      }
      list.appendChild(batch);
    });
  }

  function setup(box) {
    var root = siteRoot();
    var input = box.querySelector(".md-search__input");
    var meta = box.querySelector(".md-search-result__meta");
    var list = box.querySelector(".md-search-result__list");
    var toggle = document.getElementById("__search");
    var timer = null, token = {stale: false};

    function run() {
      token.stale = true;
      token = {stale: false};
      var mine = token, query = input.value;
      list.textContent = "";
      if (!query.trim()) { meta.textContent = "输入证明名称、拼音或首字母开始搜索"; return; }
      meta.textContent = "正在搜索…";
      var county = window.vcVisitorCounty ? window.vcVisitorCounty(root) : null;  // assets/answer.js
      load(root).then(function (pf) {
        // each record carries its county as a word (generator/site/search.py); Pagefind requires every word
        var word = function (slug) { return " vcq" + slug.replace(/-/g, "") + "q"; };
        return Promise.all([county ? pf.search(query + word(county.slug)) : null, county ? pf.search(query + word("all")) : null, pf.search(query)]);
      }).then(function (found) {
        if (mine.stale) return;
        var near = [], seen = {};
        [found[0], found[1]].forEach(function (s) { if (s) near = near.concat(s.results); });
        near.sort(function (a, b) { return b.score - a.score; });
        near.forEach(function (r) { seen[r.id] = true; });
        var rest = found[2].results.filter(function (r) { return !seen[r.id]; });
        if (!near.length && !rest.length) { meta.textContent = "没有找到“" + query.trim() + "”。可以换个说法，或用拼音首字母试试。"; return; }
        if (!county) {
          meta.textContent = "找到 " + rest.length + " 条结果";
          return show(root, list, rest, 0, query, mine);
        }
        meta.textContent = county.name + "及全州：" + near.length + " 条结果" + (rest.length ? "；其他县（市）" + rest.length + " 条" : "");
        return show(root, list, near, 0, query, mine).then(function () {
          if (mine.stale || !rest.length) return;
          var li = el("li", "vc-search-more");
          var others = el("button", "", "看其他县（市）的结果（" + rest.length + " 条）");
          others.type = "button";
          others.addEventListener("click", function () {
            li.remove();
            list.appendChild(el("li", "vc-search-group", "其他县（市）"));
            show(root, list, rest, 0, query, mine);
          });
          li.appendChild(others);
          list.appendChild(li);
        });
      }).catch(function () {
        forget();
        if (!mine.stale) meta.textContent = "网络不好，搜索数据没有取到，请稍后再试（再输入一次即可）。";
      });
    }

    function soon() { clearTimeout(timer); timer = setTimeout(run, timer === null ? 0 : 80); }  // the first query at once
    input.addEventListener("input", soon);   // typing, IME, paste, drag-and-drop, clearing
    // on focus, before the first key: Pagefind's engine and its list of records (about half a second
    // on a slow phone), with the chunk of the county words every county-first query needs — unless
    // the visitor is already typing (then the search itself loads them, without the extra chunk)
    input.addEventListener("focus", function () {
      load(root).then(function (pf) { if (!input.value) return pf.preload("vcqallq"); }).catch(function () {});
    }, {once: true});
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
