/* The answer box with no signal (issue 26): a service worker that keeps the visitor's county page, its
 * answer file, the assets the page loads and the search-index files its queries used, and answers from
 * them when the network fails. Plain JavaScript, no build step; served from the site's root (MkDocs
 * copies content/sw.js), so its scope is the whole site, whatever sub-path the site lives under.
 *
 * - Registered by assets/offline.js on a county page, once the visitor has had an answer; the page then
 *   sends {type: "keep", page, urls} on every visit with a signal.
 * - One build at a time. Every page names the site's build (<meta name="vc-build">, generator/site/
 *   buildid.py: a digest of everything the site is made from) and so does every answer file ("build");
 *   an answer file also names the search index it was written with ("index"), whose files each name
 *   that index build ("b"; the manifest: "build"). The cache is "vc-<build>". Keeping a page fetches it
 *   afresh and reads its build: a new build (a page changed, even if the index did not) is filled into a
 *   new cache from the network — every kept page, its urls and the index files the old cache held —
 *   and kept only if every page and answer file names that build, every index file the answer files'
 *   index, and the page still names it afterwards; only a complete fill becomes current (the pointer in
 *   "vc-meta"), then every other vc- cache is deleted. A build published while filling leaves the old
 *   copy whole.
 * - Network first, always: with a signal the visitor gets what the server sends; the cache answers only
 *   when the network fails, only for the URLs it holds, and for a page's files only if that page is of
 *   the kept build (the worker read it from the page, or asks the page: offline.js answers), so a page
 *   of one build never gets an answer file of another. A page that came from the cache is answered
 *   from the same cache from then on, and told so: assets/offline.js shows "离线：数据更新于 …".
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
var BUILD = /<meta name="vc-build" content="([0-9a-f]+)">/;
var pinned = {};  // client id -> the date of its data: its page came from the cache
var builds = {};  // client id -> the build of its page, as the worker saw it
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
function isAnswers(url) { return /\/search\/answers\/[^/]+\.json$/.test(url); }
function indexBuild(d) { return d.b || d.build; }  // an index file's build (the manifest says "build")

/* The page at `url` from the network: {response, build} (build: its <meta name="vc-build">, or null). */
function fetchPage(url) {
  return fetch(url, {cache: "no-cache"}).then(function (r) {
    if (!r.ok) throw new Error(r.status + " " + url);
    var copy = r.clone();
    return r.text().then(function (text) { var m = BUILD.exec(text); return {response: copy, build: m ? m[1] : null}; });
  });
}
/* The response for `url` of a kept page of build `build`, checked: {response, index} (index: an answer
 * file's index build), or null for an index file of another index than `index`; throws for an answer
 * file of another build (the fill is then given up). */
function fetchFor(url, build, index) {
  return fetch(url, {cache: "no-cache"}).then(function (r) {
    if (!r.ok) throw new Error(r.status + " " + url);
    if (!isIndex(url) && !isAnswers(url)) return {response: r};
    return r.clone().json().then(function (d) {
      if (isAnswers(url)) {
        if (d.build !== build) throw new Error("an answer file of another build: " + url);
        return {response: r, index: d.index, asof: d.asof};
      }
      return indexBuild(d) === index ? {response: r} : null;
    });
  });
}

/* A whole new cache for `build`, the build of `fresh` (the page `page`, just fetched, with `urls`):
 * every kept page with its urls, and the index files the old cache held. Current only if complete and
 * `page` still names `build` afterwards. */
function fill(build, state, page, urls, fresh) {
  var pages = Object.assign({}, state ? state.pages : {});
  pages[page] = urls;
  var name = cacheName(build), index = null, asof = "";
  return caches.delete(name).then(function () { return caches.open(name); }).then(function (cache) {
    var carried = state ? caches.open(cacheName(state.build)).then(function (old) { return old.keys(); })
      .then(function (reqs) { return reqs.map(function (r) { return r.url; }).filter(isIndex); }) : Promise.resolve([]);
    var first = [cache.put(page, fresh.response)], rest = {};
    Object.keys(pages).forEach(function (p) {
      if (p !== page) {
        first.push(fetchPage(p).then(function (got) {
          if (got.build !== build) throw new Error("a page of another build: " + p);
          return cache.put(p, got.response);
        }));
      }
      pages[p].forEach(function (u) { rest[u] = true; });
    });
    // the pages and answer files first: they say which index the index files must be of
    Object.keys(rest).filter(isAnswers).forEach(function (url) {
      delete rest[url];
      first.push(fetchFor(url, build, null).then(function (got) {
        if (index !== null && got.index !== index) throw new Error("answer files of two indexes");
        index = got.index;
        asof = asof || got.asof;
        return cache.put(url, got.response);
      }));
    });
    return Promise.all(first).then(function () { return carried; }).then(function (old) {
      old.forEach(function (u) { rest[u] = true; });
      return Promise.all(Object.keys(rest).map(function (url) {
        return fetchFor(url, build, index).then(function (got) { return got && cache.put(url, got.response); });
      }));
    }).then(function () { return fetchPage(page); }).then(function (again) {
      if (again.build !== build) throw new Error("a new build was published while filling");
      return setCurrent({build: build, index: index, asof: asof || (state && state.asof) || "", pages: pages});
    }).then(function () {
      return caches.keys().then(function (names) {
        return Promise.all(names.filter(function (n) { return n.indexOf("vc-") === 0 && n !== META && n !== name; })
          .map(function (n) { return caches.delete(n); }));
      });
    }).catch(function (e) { return caches.delete(name).then(function () { throw e; }); });
  });
}

/* The page `page` asks to be kept with `urls` (online): fetched afresh, its build decides; a new build
 * fills a new cache, the same build adds what is missing (and the page as it is now). */
function keep(page, urls) {
  return serial(function () {
    return Promise.all([current(), fetchPage(page)]).then(function (got) {
      var state = got[0], fresh = got[1];
      if (!fresh.build) throw new Error("a page without a build id is not kept");
      if (!state || state.build !== fresh.build) return fill(fresh.build, state, page, urls, fresh);
      return caches.open(cacheName(state.build)).then(function (cache) {
        var jobs = urls.map(function (url) {
          return cache.match(url).then(function (hit) {
            return hit || fetchFor(url, state.build, state.index).then(function (got) { return got && cache.put(url, got.response); });
          });
        });
        return Promise.all([cache.put(page, fresh.response)].concat(jobs)).then(function () {
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
      .then(function (r) { return r ? {response: r, asof: state.asof, build: state.build} : null; });
  });
}
function tell(id, asof) {
  if (!id) return;
  pinned[id] = asof;
  self.clients.get(id).then(function (client) { if (client) client.postMessage({type: "offline", asof: asof}); });
}
/* The build of client `id`'s page: as the worker saw it, else as the page says (assets/offline.js
 * answers {type: "build"}); null if it cannot tell within two seconds. */
function clientBuild(id) {
  if (builds[id]) return Promise.resolve(builds[id]);
  return self.clients.get(id).then(function (client) {
    if (!client) return null;
    return new Promise(function (resolve) {
      var channel = new MessageChannel();
      channel.port1.onmessage = function (e) { resolve((e.data && e.data.build) || null); };
      client.postMessage({type: "build"}, [channel.port2]);
      setTimeout(function () { resolve(null); }, 2000);
    });
  });
}

self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) { event.waitUntil(self.clients.claim()); });

self.addEventListener("fetch", function (event) {
  var req = event.request, url = req.url.split("#")[0];
  if (req.method !== "GET" || url.indexOf(ROOT) !== 0) return;
  var page = req.mode === "navigate";
  if (!page && !/^(assets|search)\//.test(url.slice(ROOT.length))) return;  // images, downloads, feeds: untouched
  var client = page ? event.resultingClientId : event.clientId;
  if (!page && pinned[client] !== undefined) {  // a page from the cache: the rest from the same copy
    event.respondWith(kept(url).then(function (hit) { return hit && hit.build === builds[client] ? hit.response : fetch(req); }));
    return;
  }
  event.respondWith(fetch(req).then(function (response) {
    if (page && response.ok && client && /html/.test(response.headers.get("Content-Type") || "")) {
      var text = response.clone().text();
      event.waitUntil(text.then(function (t) { var m = BUILD.exec(t); if (m) builds[client] = m[1]; }));
    }
    if (response.ok && !page && isIndex(url) && client) {  // an index file a kept page's query used
      var copy = response.clone();
      event.waitUntil(Promise.all([current(), self.clients.get(client)]).then(function (got) {
        var state = got[0], from = got[1];
        if (!state || !from || !state.pages[from.url.split("#")[0]]) return;
        return copy.json().then(function (d) {
          if (indexBuild(d) === state.index) {
            return caches.open(cacheName(state.build)).then(function (c) { return c.put(url, new Response(JSON.stringify(d), {headers: {"Content-Type": "application/json"}})); });
          }
        });
      }));
    }
    return response;
  }, function (error) {
    return kept(url).then(function (hit) {
      if (!hit) throw error;
      if (page) {
        builds[client] = hit.build;
        tell(client, hit.asof);
        return hit.response;
      }
      // a page that came from the network: its files from the kept copy only if it is of the kept build
      return clientBuild(client).then(function (build) {
        if (build !== hit.build) throw error;
        return hit.response;
      });
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
