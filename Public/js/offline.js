/* Commune Academy: offline reading (issue 18), on two pages.
   The course page: "Tải khóa học để học không cần mạng" asks the service worker to store the course, shows its
   progress, then when it was stored and how large it is — or that the browser has since removed it.
   The offline page: lists the stored courses and their lessons, read from the device's own store. */
(function () {
  "use strict";
  var COURSE_KEY = "/__academy__/course/";
  var META = "academy-meta";
  var vi = document.documentElement.lang === "vi";

  function fill(template, values) {
    return template.replace(/\{(\d)\}/g, function (_, index) { return values[+index]; });
  }
  function kilobytes(bytes) { return Math.max(1, Math.round(bytes / 1024)).toLocaleString(vi ? "vi-VN" : "en-GB"); }
  function when(iso) {
    return new Date(iso).toLocaleString(vi ? "vi-VN" : "en-GB", {
      hour: "2-digit", minute: "2-digit", day: "numeric", month: "numeric", year: "numeric"
    });
  }
  function record(slug) {
    return caches.match(COURSE_KEY + slug, { cacheName: META }).then(function (hit) { return hit ? hit.json() : null; });
  }
  function records() {
    return caches.open(META).then(function (cache) { return cache.keys(); }).then(function (keys) {
      return Promise.all(keys.filter(function (key) {
        return new URL(key.url).pathname.indexOf(COURSE_KEY) === 0;
      }).map(function (key) { return caches.match(key, { cacheName: META }).then(function (hit) { return hit.json(); }); }));
    });
  }

  /* ---- The course page's box ---- */
  var box = document.getElementById("offline-store");
  if (box && window.caches && window.academySW) courseBox(box);
  else if (box) {
    // Scripts run, but this browser has no service worker: say so rather than offer a button that cannot work.
    box.hidden = false;
    document.getElementById("offline-status").textContent = box.getAttribute("data-unsupported");
    document.getElementById("offline-save").hidden = true;
  }

  function courseBox(box) {
    var slug = box.getAttribute("data-course");
    var mark = "academy-stored-" + slug;
    var status = document.getElementById("offline-status");
    var save = document.getElementById("offline-save");
    var remove = document.getElementById("offline-remove");
    var saveLabel = save.textContent;
    box.hidden = false;

    function state(name, text) {
      box.setAttribute("data-state", name);
      status.textContent = text || "";
      save.disabled = name === "busy";
      save.textContent = name === "stored" ? box.getAttribute("data-update") : saveLabel;
      remove.hidden = name !== "stored";
    }
    function marked() { try { return window.localStorage.getItem(mark); } catch (e) { return null; } }
    function setMark(value) {
      try { if (value) window.localStorage.setItem(mark, value); else window.localStorage.removeItem(mark); } catch (e) { /* off */ }
    }
    function showStored(stored) {
      state("stored", fill(box.getAttribute("data-stored"), [kilobytes(stored.bytes), when(stored.stored_at)]));
    }

    record(slug).then(function (stored) {
      if (stored) { setMark(stored.stored_at); showStored(stored); }
      // The device stored it once, and the store no longer has it: the browser evicted it.
      else if (marked()) state("missing", box.getAttribute("data-missing"));
      else state("none");
    }, function () { state("none"); });

    save.addEventListener("click", function () {
      state("busy", fill(box.getAttribute("data-busy"), [0, "…"]));
      // Ask the browser not to evict what the learner chose to keep (granted to installed sites).
      if (navigator.storage && navigator.storage.persist) navigator.storage.persist().catch(function () {});
      var last = [0, 0];
      window.academySW.ask({ type: "store", slug: slug }, function (done, total) {
        last = [done, total];
        status.textContent = fill(box.getAttribute("data-busy"), [done, total]);
      }).then(function (reply) {
        if (reply.ok) { setMark(reply.record.stored_at); showStored(reply.record); }
        else state("failed", fill(box.getAttribute("data-failed"), [last[0] + "/" + last[1]]));
      });
    });

    remove.addEventListener("click", function () {
      window.academySW.ask({ type: "forget", slug: slug }).then(function () {
        setMark(null);
        state("none", box.getAttribute("data-removed"));
      });
    });
  }

  /* ---- The offline page's list ---- */
  var list = document.getElementById("offline-list");
  if (list && window.caches) {
    records().then(function (courses) {
      courses.sort(function (a, b) { return a.title.localeCompare(b.title, "vi"); });
      courses.forEach(function (course) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = course.pages[0].url;
        link.textContent = course.title;
        item.appendChild(link);
        var lessons = document.createElement("ul");
        course.pages.slice(1).filter(function (page) { return !/\/quiz$/.test(page.url); }).forEach(function (page) {
          var li = document.createElement("li");
          var a = document.createElement("a");
          a.href = page.url;
          a.textContent = page.title;
          li.appendChild(a);
          lessons.appendChild(li);
        });
        item.appendChild(lessons);
        list.appendChild(item);
      });
      document.getElementById("offline-none").hidden = courses.length > 0;
    }).catch(function () { /* nothing stored */ });
  }
}());
