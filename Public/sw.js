/* Commune Academy's service worker (issue 18): the site keeps working when a commune's link does not.

   What it keeps, in Cache Storage:
     academy-shell-<version>  the stylesheet, scripts, icons and the offline page (SHELL below is filled in by the
                              server with their content-tagged addresses; a changed file means a new worker)
     academy-pages            pages: the stored courses', and every course, lesson, test and attempt page visited
     academy-media            course images
     academy-meta             /__academy__/course/<slug>: what a stored course holds (JSON);
                              /__academy__/view?<path>: a lesson read offline, asked for again when online;
                              /__academy__/attempt-for<test path>: the open attempt "Tiếp tục" opens
   and in IndexedDB "academy-outbox": test submissions made offline, sent once when the link returns.

   How it answers:
     lessons of a stored course  from the store at once, refreshed from the network behind; the course is stored
                                 again when its version changes (checked at most once a minute, when online)
     other pages                 from the network, kept if visited; from the store when the network fails or
                                 takes over 5 s
     images, styles, scripts     from the store, else the network
     anything else offline       our own offline page, in the reader's language
   The page scripts talk to it with messages: site.js ("flush"), offline.js ("store", "forget"), quiz.js
   ("submit", "queued"). */
"use strict";

var VERSION = "@VERSION@";
var SHELL = ["@SHELL@"];
var SHELL_CACHE = "academy-shell-" + VERSION;
var PAGES = "academy-pages";
var MEDIA = "academy-media";
var META = "academy-meta";
var COURSE_KEY = "/__academy__/course/";
var VIEW_KEY = "/__academy__/view?";
var OFFLINE_PAGE = "/offline";
var NETWORK_WAIT = 5000;
var REFRESH_EVERY = 60000;
var FLUSH_WAIT = 4000;

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(SHELL_CACHE).then(function (cache) {
    return cache.addAll(SHELL.concat([OFFLINE_PAGE]));
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf("academy-shell-") === 0 && name !== SHELL_CACHE;
    }).map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

/* ---- Answering requests ---- */

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method !== "GET") {
    if (request.mode === "navigate") event.respondWith(postNavigation(request, url));
    return;
  }
  var path = url.pathname;
  if (path.indexOf("/api/") === 0 || path === "/sw.js" || path === "/metrics" || path === "/healthz") return;
  if (request.mode === "navigate") {
    event.respondWith(navigation(event, request, path));
  } else if (/^\/(css|js|icons)\//.test(path) || path === "/manifest.webmanifest") {
    event.respondWith(fromStoreElseNetwork(request, null));
  } else if (/^\/courses\/[^/]+\/media\//.test(path)) {
    event.respondWith(fromStoreElseNetwork(request, MEDIA));
  }
});

/* A page: a waiting submission goes first (so the server grades it before it shows the attempt), then the page. */
function navigation(event, request, path) {
  var keep = isKept(path);
  return within(FLUSH_WAIT, catchUp()).then(function () {
    return isLesson(path) ? courseRecord(path.split("/")[2]) : null;
  }).then(function (storedCourse) {
    if (storedCourse) return staleWhileRevalidate(event, request, keep);
    return networkFirst(request, keep);
  });
}

function isKept(path) {
  return path === "/" || path.indexOf("/courses/") === 0 || path.indexOf("/attempts/") === 0;
}

/* /courses/<course>/<part>: a lesson (or a test-only part's page). */
function isLesson(path) {
  return /^\/courses\/[^/]+\/[^/]+$/.test(path);
}

function staleWhileRevalidate(event, request, keep) {
  return stored(request).then(function (cached) {
    var fresh = fetchAndKeep(request, keep);
    if (!cached) return fresh.catch(offlinePage);
    // Refreshing also tells the server the lesson was read; offline, it is asked for again later.
    event.waitUntil(fresh.catch(function () { return rememberView(request.url); }));
    return cached;
  });
}

function networkFirst(request, keep) {
  return new Promise(function (resolve) {
    fetchAndKeep(request, keep).then(resolve, function () {
      stored(request).then(function (cached) { resolve(cached || offlinePage()); });
    });
    // A link that neither answers nor fails: after a while, the stored copy if there is one.
    setTimeout(function () {
      stored(request).then(function (cached) { if (cached) resolve(cached); });
    }, NETWORK_WAIT);
  });
}

function fetchAndKeep(request, keep) {
  return fetch(request).catch(function (error) {
    lastRefresh = 0;  // the link is down: the first answer after it returns looks for new versions at once
    throw error;
  }).then(function (response) {
    if (keep && response.status === 200 && response.type === "basic" && !response.redirected) {
      var copy = response.clone();
      caches.open(PAGES).then(function (cache) { return cache.put(request.url, copy); });
      if (request.url.indexOf("/attempts/") > 0) noteAttempt(request.url, response.clone());
    }
    refreshSoon();
    return response;
  });
}

/* The page as stored; failing that, the same page with another query (?lang=…). */
function stored(request) {
  return caches.match(request.url).then(function (hit) {
    return hit || caches.match(request.url, { ignoreSearch: true, cacheName: PAGES });
  });
}

function fromStoreElseNetwork(request, cacheName) {
  return caches.match(request).then(function (hit) {
    if (hit) return hit;
    return fetch(request).then(function (response) {
      if (cacheName && response.status === 200) {
        var copy = response.clone();
        caches.open(cacheName).then(function (cache) { return cache.put(request, copy); });
      }
      return response;
    });
  });
}

function offlinePage() {
  return caches.match(OFFLINE_PAGE).then(function (page) {
    return page || new Response("Offline", { status: 503, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  });
}

/* A form sent as a page (sign-out, starting a test…). Offline it cannot reach the server: our offline page says so,
   except "Tiếp tục làm bài" of a test whose open attempt page is stored, which opens that page. Signing out
   first sends what waits (while the session still holds), then forgets the stored pages: they carry the person's
   name and answers, and phones are shared. */
function postNavigation(request, url) {
  var out = url.pathname === "/logout";
  // Before signing out, what waits is sent while the session that made it still holds.
  var before = out ? within(FLUSH_WAIT, catchUp()).then(forgetPages) : Promise.resolve();
  return before.then(function () {
    return fetch(request);
  }).then(function (response) {
    // The stored offline page showed the person's name in its menu.
    if (out) caches.open(SHELL_CACHE).then(function (cache) { return cache.add(OFFLINE_PAGE); }).catch(function () {});
    return response;
  }).catch(function () {
    if (/^\/courses\/[^/]+\/[^/]+\/quiz$/.test(url.pathname)) {
      return openAttemptFor(url.pathname).then(function (page) { return page || offlinePage(); });
    }
    return offlinePage();
  });
}

function forgetPages() {
  return Promise.all([caches.delete(PAGES), caches.delete(META)]);
}

/* An open attempt's page names its test (data-quiz): remember which attempt "Tiếp tục" would open. */
function noteAttempt(url, response) {
  return response.text().then(function (html) {
    var quiz = /id="attempt"[^>]*data-quiz="([^"]+)"/.exec(html);
    if (!quiz) return;
    return caches.open(META).then(function (cache) {
      return cache.put("/__academy__/attempt-for" + quiz[1], new Response(url));
    });
  });
}

function openAttemptFor(quizPath) {
  return caches.match("/__academy__/attempt-for" + quizPath, { cacheName: META }).then(function (hit) {
    if (!hit) return null;
    return hit.text().then(function (url) { return caches.match(url, { cacheName: PAGES }); }).then(function (page) {
      if (!page) return null;
      // Only while the stored page is still the form: once graded it is the result, and "Tiếp tục" starts anew.
      return page.clone().text().then(function (html) { return html.indexOf('id="attempt"') >= 0 ? page : null; });
    });
  });
}

/* ---- Stored courses ---- */

function storeCourse(slug, progress) {
  var kept = 0;
  return fetch("/api/v1/courses/" + encodeURIComponent(slug) + "/offline", { cache: "no-store" })
    .then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json();
    }).then(function (manifest) {
      var jobs = manifest.pages.map(function (page) { return [PAGES, page.url]; })
        .concat(manifest.media.map(function (url) { return [MEDIA, url]; }))
        .concat(manifest.assets.map(function (url) { return [SHELL_CACHE, url]; }));
      // Storing is not reading: the server counts a lesson read when the learner opens it.
      var done = 0;
      var next = 0;
      progress(done, jobs.length);
      // Two at a time: a weak link shares itself better than with a dozen requests at once.
      function worker() {
        if (next >= jobs.length) return Promise.resolve();
        var job = jobs[next++];
        return fetchInto(job[0], job[1], true).then(function (bytes) {
          kept += bytes;
          done += 1;
          progress(done, jobs.length);
          return worker();
        });
      }
      return Promise.all([worker(), worker()]).then(function () {
        return dropPagesNoLongerListed(slug, manifest);
      }).then(function () {
        var record = {
          course: manifest.course, title: manifest.title, content_version: manifest.content_version,
          stored_at: new Date().toISOString(), bytes: kept, pages: manifest.pages
        };
        return caches.open(META).then(function (cache) {
          return cache.put(COURSE_KEY + slug, new Response(JSON.stringify(record), {
            headers: { "Content-Type": "application/json" }
          }));
        }).then(function () { return record; });
      });
    });
}

/* One file into a cache; its size. A page that sends elsewhere (sign-in needed) is skipped, not an error.
   `prefetch` says so to the server (Purpose: prefetch), which then does not count the lesson as read. */
function fetchInto(cacheName, url, prefetch) {
  var headers = prefetch ? { Purpose: "prefetch" } : {};
  return fetch(url, { cache: "no-cache", headers: headers }).then(function (response) {
    if (response.redirected || response.status !== 200) return 0;
    return response.clone().blob().then(function (blob) {
      return caches.open(cacheName).then(function (cache) { return cache.put(url, response); })
        .then(function () { return blob.size; });
    });
  });
}

/* A part removed in the new version leaves no stale page behind. */
function dropPagesNoLongerListed(slug, manifest) {
  return courseRecord(slug).then(function (old) {
    if (!old) return;
    var now = {};
    manifest.pages.forEach(function (page) { now[page.url] = true; });
    return caches.open(PAGES).then(function (cache) {
      return Promise.all(old.pages.filter(function (page) { return !now[page.url]; }).map(function (page) {
        return cache.delete(page.url);
      }));
    });
  });
}

function courseRecord(slug) {
  return caches.match(COURSE_KEY + slug, { cacheName: META }).then(function (hit) {
    return hit ? hit.json() : null;
  });
}

function forgetCourse(slug) {
  return courseRecord(slug).then(function (record) {
    return caches.open(META).then(function (meta) {
      var pages = record ? record.pages : [];
      return caches.open(PAGES).then(function (cache) {
        return Promise.all(pages.map(function (page) { return cache.delete(page.url); }));
      }).then(function () { return meta.delete(COURSE_KEY + slug); });
    });
  });
}

/* At most once a minute while online: the offline page is renewed, and a stored course whose version changed is
   stored again. */
var lastRefresh = 0;
var refreshing = null;
function refreshSoon() {
  if (refreshing || Date.now() - lastRefresh < REFRESH_EVERY) return refreshing;
  lastRefresh = Date.now();
  refreshing = refresh().catch(function () { lastRefresh = 0; }).then(function () { refreshing = null; });
  return refreshing;
}

function refresh() {
  return caches.open(SHELL_CACHE).then(function (cache) { return cache.add(OFFLINE_PAGE); }).then(function () {
    return caches.open(META);
  }).then(function (meta) { return meta.keys(); }).then(function (keys) {
    var courses = keys.map(function (key) { return new URL(key.url).pathname; }).filter(function (path) {
      return path.indexOf(COURSE_KEY) === 0;
    });
    return sequence(courses, function (key) {
      var slug = key.slice(COURSE_KEY.length);
      return Promise.all([courseRecord(slug), fetch("/api/v1/courses/" + slug + "/offline", { cache: "no-store" })])
        .then(function (both) {
          if (!both[0] || !both[1].ok) return;
          return both[1].json().then(function (manifest) {
            if (manifest.content_version !== both[0].content_version) return storeCourse(slug, function () {});
          });
        });
    });
  });
}

/* When the link is back, in this order: the lessons read offline are asked for again (the server then counts them
   read), then the waiting submissions are sent — so a result shown next already knows what was read. */
function catchUp() {
  return replayViews().catch(function () { /* still offline */ }).then(flushOutbox);
}

var maybeViews = true;
function replayViews() {
  if (!maybeViews) return Promise.resolve();
  return caches.open(META).then(function (meta) {
    return meta.keys().then(function (keys) {
      var views = keys.map(function (key) { return new URL(key.url); }).filter(function (url) {
        return url.pathname + "?" === VIEW_KEY;
      });
      return sequence(views, function (url) {
        var page = decodeURIComponent(url.search.slice(1));
        return fetchInto(PAGES, page).then(function () { return meta.delete(url.pathname + url.search); });
      }).then(function () { maybeViews = false; });
    });
  });
}

function rememberView(url) {
  var parsed = new URL(url);
  var path = parsed.pathname + parsed.search;
  maybeViews = true;
  return caches.open(META).then(function (meta) {
    return meta.put(VIEW_KEY + encodeURIComponent(path), new Response(""));
  });
}

/* The promise, or nothing after `ms`: a link that hangs must not hold a page back for ever. */
function within(ms, promise) {
  return Promise.race([promise, new Promise(function (resolve) { setTimeout(resolve, ms); })]);
}

function sequence(items, step) {
  return items.reduce(function (chain, item) {
    return chain.then(function () { return step(item); });
  }, Promise.resolve());
}

/* ---- The outbox: submissions made offline ---- */

function outbox(mode, work) {
  return new Promise(function (resolve, reject) {
    var open = indexedDB.open("academy-outbox", 1);
    open.onupgradeneeded = function () { open.result.createObjectStore("submissions", { keyPath: "attempt" }); };
    open.onerror = function () { reject(open.error); };
    open.onsuccess = function () {
      var db = open.result;
      var transaction = db.transaction("submissions", mode);
      var request = work(transaction.objectStore("submissions"));
      transaction.oncomplete = function () { db.close(); resolve(request && request.result); };
      transaction.onerror = function () { db.close(); reject(transaction.error); };
    };
  });
}

var maybeWaiting = true;
var flushing = null;

/* Sends every waiting submission once, one after another; what cannot be sent now stays for the next try. */
function flushOutbox() {
  if (!maybeWaiting) return Promise.resolve();
  if (flushing) return flushing;
  flushing = outbox("readonly", function (store) { return store.getAll(); }).then(function (items) {
    if (!items || items.length === 0) { maybeWaiting = false; return; }
    return sequence(items, function (item) { return send(item).catch(function () { /* still offline */ }); });
  }).catch(function () { /* no IndexedDB: nothing can be waiting */ }).then(function () { flushing = null; });
  return flushing;
}

function send(item) {
  return fetch("/api/v1/attempts/" + encodeURIComponent(item.attempt) + "/submission", {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", "X-CSRF-Token": item.csrf },
    body: JSON.stringify({ answers: item.answers, answered_at: item.answered_at })
  }).then(function (response) {
    if (response.ok) {
      return forget(item).then(function () { tell({ type: "sent", attempt: item.attempt }); return "sent"; });
    }
    if (response.status === 401 || response.status === 403) {
      tell({ type: "signin", attempt: item.attempt });
      return "kept";
    }
    if (response.status >= 500 || response.status === 408 || response.status === 429) return "kept";
    // Refused for good (no such attempt, someone else's): keeping it would retry forever.
    return response.json().catch(function () { return null; }).then(function (body) {
      return forget(item).then(function () {
        tell({ type: "refused", attempt: item.attempt, message: body && body.error && body.error.message });
        return "refused";
      });
    });
  });
}

function forget(item) {
  return outbox("readwrite", function (store) { return store.delete(item.attempt); });
}

function tell(message) {
  return self.clients.matchAll({ type: "window" }).then(function (clients) {
    clients.forEach(function (client) { client.postMessage(message); });
  });
}

self.addEventListener("sync", function (event) {
  if (event.tag === "academy-outbox") {
    maybeWaiting = true;
    event.waitUntil(catchUp());
  }
});

/* ---- Messages from the pages ---- */

self.addEventListener("message", function (event) {
  var message = event.data || {};
  var port = event.ports && event.ports[0];
  function reply(value) { if (port) port.postMessage(value); }
  var work;
  switch (message.type) {
    case "flush":
      maybeWaiting = true;
      if (message.online) lastRefresh = 0;  // the link is back: look for new versions now
      work = catchUp().then(refreshSoon).then(function () { reply({ ok: true }); });
      break;
    case "store":
      work = storeCourse(message.slug, function (done, total) { reply({ progress: done, total: total }); })
        .then(function (record) { reply({ ok: true, record: record }); },
          function (error) { reply({ ok: false, error: String(error && error.message || error) }); });
      break;
    case "forget":
      work = forgetCourse(message.slug).then(function () { reply({ ok: true }); });
      break;
    case "submit":
      var item = { attempt: message.attempt, answers: message.answers, answered_at: message.answered_at, csrf: message.csrf };
      work = outbox("readwrite", function (store) { return store.put(item); }).then(function () {
        maybeWaiting = true;
        return send(item).catch(function () { return "kept"; });
      }).then(function (state) {
        if (state === "kept" && self.registration.sync) {
          self.registration.sync.register("academy-outbox").catch(function () {});
        }
        reply({ state: state });
      }, function (error) { reply({ state: "failed", error: String(error) }); });
      break;
    case "queued":
      // The page was opened again: is its submission still waiting? It brings a fresh form token (after a new
      // sign-in the old one is refused).
      work = outbox("readwrite", function (store) { return store.get(message.attempt); }).then(function (found) {
        if (!found) return reply({ queued: false });
        found.csrf = message.csrf || found.csrf;
        return outbox("readwrite", function (store) { return store.put(found); }).then(function () {
          reply({ queued: true });
        });
      }, function () { reply({ queued: false }); });
      break;
    default:
      return;
  }
  event.waitUntil(work);
});
