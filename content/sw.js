/* The answer box with no signal (issue 26): a service worker that keeps the visitor's county page, its
 * answer file, the assets the page loads and the search-index files its queries used, and answers from
 * them when the network fails. Plain JavaScript, no build step; served from the site's root (MkDocs
 * copies content/sw.js), so its scope is the whole site, whatever sub-path the site lives under.
 *
 * - Registered by assets/offline.js on a county page, once the visitor has had an answer; the page then
 *   sends {type: "keep", page, urls} on every visit with a signal.
 * - One build at a time: the cache is "vc-<build>", build being the search index's build id
 *   (search/index/manifest.json, which every index file names as "b"). A new build is filled into a new
 *   cache from the network — every kept page, its urls and the index files the old cache held — and the
 *   manifest read again after; only a complete fill of one build becomes current (the pointer in
 *   "vc-meta"), then every other vc- cache is deleted. Index files are kept only if they name the build.
 * - Network first, always: with a signal the visitor gets what the server sends (and the kept copy is
 *   refreshed); the cache answers only when the network fails, and only for the URLs it holds. A page
 *   that came from the cache is answered from the same cache from then on (never a newer file beside
 *   an older page), and told so: assets/offline.js shows "离线：数据更新于 …".
 * - Dates stay right offline: the kept page dates its states in the browser (assets/site.js, China
 *   time), so an upcoming edition shows as in force on its day, cached or not.
 * - Nothing else is cached: other pages, images, downloads and feeds pass through untouched.
 * To remove: vcOffline.forget() on any page of the site (unregisters, deletes the caches), or clear the
 * site's data in the browser. A site that drops offline support publishes a sw.js that only unregisters
 * (see the README); a missing sw.js alone leaves installed workers in place.
 */
"use strict";
var META = "vc-meta";
var ROOT = new URL("./", self.location.href).href;
var CURRENT = ROOT + "vc-offline/current";  // the key of the pointer in vc-meta (no such page exists)
var pinned = {};  // client id -> true: its page came from the cache
var queue = Promise.resolve();

function serial(job) { queue = queue.then(job, job); return queue; }
function cacheName(build) { return "vc-" + build; }
function current() {
  return caches.open(META).then(function (c) { return c.match(CURRENT); }).then(function (r) { return r ? r.json() : null; });
}
function setCurrent(state) {
  return caches.open(META).then(function (c) {
    return c.put(CURRENT, new Response(JSON.stringify(state), {headers: {"Content-Type": "application/json"}}));
  });
}
function isIndex(url) { return url.indexOf(ROOT + "search/index/") === 0; }
function manifest() {
  return fetch(ROOT + "search/index/manifest.json", {cache: "no-store"}).then(function (r) {
    if (!r.ok) throw new Error("manifest " + r.status);
    return r.json();
  }).then(function (m) { return m.build; });
}
/* The response for `url`, fetched for build `build` (null if it is an index file of another build). */
function fetchFor(url, build) {
  return fetch(url, {cache: "no-cache"}).then(function (r) {
    if (!r.ok) throw new Error(r.status + " " + url);
    if (!isIndex(url)) return r;
    return r.clone().json().then(function (d) { return (d.b || d.build) === build ? r : null; });
  });
}

/* A whole new cache for `build`: every kept page with its urls (the page `page` with `urls`, as the page
 * just listed them), and the index files the old cache held. Current only if complete and the manifest
 * still names `build` afterwards. */
function fill(build, state, page, urls) {
  var pages = Object.assign({}, state ? state.pages : {});
  pages[page] = urls;
  var name = cacheName(build), asof = null;
  return caches.delete(name).then(function () { return caches.open(name); }).then(function (cache) {
    var carried = state ? caches.open(cacheName(state.build)).then(function (old) { return old.keys(); })
      .then(function (reqs) { return reqs.map(function (r) { return r.url; }).filter(isIndex); }) : Promise.resolve([]);
    return carried.then(function (index) {
      var all = {};
      Object.keys(pages).forEach(function (p) { all[p] = true; pages[p].forEach(function (u) { all[u] = true; }); });
      index.forEach(function (u) { all[u] = true; });
      return Promise.all(Object.keys(all).map(function (url) {
        return fetchFor(url, build).then(function (r) {
          if (!r) return;
          if (/\/search\/answers\/[^/]+\.json$/.test(url)) r.clone().json().then(function (d) { asof = d.asof; });
          return cache.put(url, r);
        });
      }));
    }).then(manifest).then(function (after) {
      if (after !== build) throw new Error("a new build was published while filling");
      return cache.match(urls.filter(function (u) { return /\/search\/answers\//.test(u); })[0] || page);
    }).then(function (r) {
      return r && r.headers.get("Content-Type") && r.headers.get("Content-Type").indexOf("json") >= 0 ? r.json() : {};
    }).then(function (d) {
      return setCurrent({build: build, asof: d.asof || asof || (state && state.asof) || "", pages: pages});
    }).then(function () {
      return caches.keys().then(function (names) {
        return Promise.all(names.filter(function (n) { return n.indexOf("vc-") === 0 && n !== META && n !== name; })
          .map(function (n) { return caches.delete(n); }));
      });
    }).catch(function (e) { return caches.delete(name).then(function () { throw e; }); });
  });
}

/* The page `page` asks to be kept with `urls` (online): a new build fills a new cache; the same build
 * adds what is missing. (The page as the browser just fetched it is not used: without a build id in
 * the page, nothing says it is of the manifest's build.) */
function keep(page, urls) {
  return serial(function () {
    return Promise.all([current(), manifest()]).then(function (got) {
      var state = got[0], build = got[1];
      if (!state || state.build !== build) return fill(build, state, page, urls);
      return caches.open(cacheName(build)).then(function (cache) {
        var jobs = [page].concat(urls).map(function (url) {
          return cache.match(url).then(function (hit) { return hit || fetchFor(url, build).then(function (r) { return r && cache.put(url, r); }); });
        });
        return Promise.all(jobs).then(function () {
          state.pages[page] = urls;
          return setCurrent(state);
        });
      });
    });
  });
}

function kept(url) {
  return current().then(function (state) {
    if (!state) return null;
    return caches.open(cacheName(state.build)).then(function (c) { return c.match(url); })
      .then(function (r) { return r ? {response: r, asof: state.asof} : null; });
  });
}
function tell(id, asof) {
  if (!id) return;
  pinned[id] = asof;
  self.clients.get(id).then(function (client) { if (client) client.postMessage({type: "offline", asof: asof}); });
}

self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) { event.waitUntil(self.clients.claim()); });

self.addEventListener("fetch", function (event) {
  var req = event.request, url = req.url.split("#")[0];
  if (req.method !== "GET" || url.indexOf(ROOT) !== 0) return;
  var page = req.mode === "navigate";
  if (!page && !/^(assets|search)\//.test(url.slice(ROOT.length))) return;  // images, downloads, feeds: untouched
  var client = page ? event.resultingClientId : event.clientId;
  if (!page && pinned[client] !== undefined) {  // a page from the cache: the rest from the same cache
    event.respondWith(kept(url).then(function (hit) { return hit ? hit.response : fetch(req); }));
    return;
  }
  event.respondWith(fetch(req).then(function (response) {
    if (response.ok && !page && isIndex(url) && client) {  // an index file a kept page's query used
      var copy = response.clone();
      event.waitUntil(Promise.all([current(), self.clients.get(client)]).then(function (got) {
        var state = got[0], from = got[1];
        if (!state || !from || !state.pages[from.url.split("#")[0]]) return;
        return copy.json().then(function (d) {
          if ((d.b || d.build) === state.build) {
            return caches.open(cacheName(state.build)).then(function (c) { return c.put(url, new Response(JSON.stringify(d), {headers: {"Content-Type": "application/json"}})); });
          }
        });
      }));
    }
    return response;
  }, function (error) {
    return kept(url).then(function (hit) {
      if (!hit) throw error;
      tell(client, hit.asof);
      return hit.response;
    });
  }));
});

self.addEventListener("message", function (event) {
  var msg = event.data || {}, reply = event.ports && event.ports[0];
  var answer = function (data) { if (reply) reply.postMessage(data); };
  if (msg.type === "keep") {
    event.waitUntil(keep(msg.page, msg.urls || []).then(function () { answer({kept: true}); }, function (e) { answer({kept: false, error: String(e)}); }));
  } else if (msg.type === "status") {
    var id = event.source && event.source.id;
    answer({offline: pinned[id] !== undefined, asof: pinned[id] || ""});
  } else if (msg.type === "forget") {
    event.waitUntil(caches.keys().then(function (names) {
      return Promise.all(names.filter(function (n) { return n.indexOf("vc-") === 0; }).map(function (n) { return caches.delete(n); }));
    }).then(function () { return self.registration.unregister(); }).then(function () { answer({forgotten: true}); }));
  }
});
