/* The answer box with no signal (issue 26), the page's side of /sw.js; assets/site.js loads it where the
 * worker controls the page, and on a county page once it has answered (a first visit fetches nothing more):
 * - on a county page, once the visitor has had an answer (with a signal), registers the site's service
 *   worker (sw.js at the site's root, scope the root: works under any sub-path) and asks it to keep this
 *   page, its county's answer file (search/answers/<county>.json, as assets/answer.js fetches it), the
 *   search manifest, the scripts, stylesheets and icon the page loads and the search-index files its
 *   queries used; on later visits with a signal,
 *   and when the signal comes back, asks again (a new build replaces the kept copy);
 * - when the page or its data came from the kept copy, says so in the answer box: "离线：数据更新于 …";
 * - on every page, tells the worker the page's build (<meta name="vc-build">) when it asks: only a
 *   page of the kept build gets files from the kept copy. A page without one (`mkdocs serve`) is never kept.
 * window.vcOffline: kept() (this page is kept), tried() (keep requests the worker answered, kept or
 * not), forget() (unregister and delete the kept copy).
 * Nothing from the data is inserted as HTML.
 */
(function () {
  "use strict";
  var sw = navigator.serviceWorker, kept = false, tried = 0;
  function ask(worker, msg) {
    return new Promise(function (resolve) {
      var channel = new MessageChannel();
      channel.port1.onmessage = function (e) { resolve(e.data || {}); };
      worker.postMessage(msg, [channel.port2]);
    });
  }
  function forget() {
    if (!sw) return Promise.resolve(false);
    return sw.getRegistrations().then(function (regs) {
      var ours = regs.filter(function (r) { return r.active && /\/sw\.js$/.test(r.active.scriptURL); });
      return Promise.all(ours.map(function (r) { return ask(r.active, {type: "forget"}).then(function () { return r.unregister(); }); }));
    }).then(function () { kept = false; return true; });
  }
  window.vcOffline = {kept: function () { return kept; }, tried: function () { return tried; }, forget: forget};

  var meta = document.querySelector("meta[name=vc-build]"), build = meta ? meta.getAttribute("content") : "";
  if (!sw) return;
  sw.addEventListener("message", function (e) {
    if (e.data && e.data.type === "build" && e.ports && e.ports[0]) e.ports[0].postMessage({build: build});
  });
  if (sw.startMessages) sw.startMessages();  // the page is ready for the worker's questions before it has loaded
  var box = document.querySelector("[data-vc-ask][data-county]");
  if (!box || !build || !window.isSecureContext) return;
  var root = new URL(box.getAttribute("data-root") || "./", location.href).href;
  var answers = new URL("search/answers/" + box.getAttribute("data-county") + ".json", root).href;
  var page = location.href.split("#")[0];

  function note(asof) {
    var p = box.querySelector(".vc-offline-note");
    if (!p) {
      p = document.createElement("p");
      p.className = "vc-offline-note";
      p.setAttribute("role", "status");
      box.insertBefore(p, box.querySelector(".vc-ask-form"));
    }
    p.textContent = window.vcT("offline", {asof: asof || window.vcT("offline.last")});
    p.hidden = false;
  }
  sw.addEventListener("message", function (e) { if (e.data && e.data.type === "offline") note(e.data.asof); });

  function urls() {
    var out = [answers, new URL("search/index/manifest.json", root).href];
    Array.prototype.forEach.call(document.querySelectorAll("script[src], link[rel=stylesheet], link[rel~=icon]"), function (el) {
      var url = new URL(el.getAttribute("src") || el.getAttribute("href"), location.href);
      if (url.href.indexOf(root) === 0 && !/\/sw\.js$/.test(url.pathname)) out.push(url.href.split("#")[0]);
    });
    // the search-index files this page's queries have used (before the worker was there to see them)
    (performance.getEntriesByType ? performance.getEntriesByType("resource") : []).forEach(function (e) {
      if (e.name.indexOf(new URL("search/index/", root).href) === 0) out.push(e.name.split("#")[0]);
    });
    return out.filter(function (u, i) { return out.indexOf(u) === i; });
  }
  function keep() {
    return sw.register(new URL("sw.js", root).href, {scope: root}).then(function () { return sw.ready; })
      .then(function (reg) { return ask(reg.active, {type: "keep", page: page, urls: urls()}); })
      .then(function (r) { kept = !!r.kept; tried += 1; }, function () { /* no worker here (private mode, an old browser) */ });
  }

  if (sw.controller) {
    ask(sw.controller, {type: "status"}).then(function (s) {
      if (s.offline) note(s.asof);
      else if (navigator.onLine !== false) keep();
    });
  } else {
    // first visit: keep the page once it has answered (site.js loads this script then)
    var out = box.querySelector(".vc-ask-out");
    var watch = new MutationObserver(function () {
      if (!out.querySelector(".vc-outcome")) return;
      watch.disconnect();
      keep();
    });
    if (out && out.querySelector(".vc-outcome")) keep();
    else if (out) watch.observe(out, {childList: true, subtree: true});
  }
  window.addEventListener("online", function () { if (sw.controller) keep(); });
})();
