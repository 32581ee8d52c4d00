/* Commune Academy, on every page (issue 18): installs the service worker (Public/sw.js), which keeps stored
   courses readable and test submissions safe when the network drops, and gives the other scripts one way to talk
   to it: academySW.ask(message, onProgress) → a promise of the worker's reply. Without it the site works as before. */
(function () {
  "use strict";
  if (!("serviceWorker" in navigator) || !window.MessageChannel || !window.Promise) return;
  navigator.serviceWorker.register("/sw.js").catch(function () { /* private mode, or not allowed: no offline */ });

  function ask(message, onProgress) {
    return navigator.serviceWorker.ready.then(function (registration) {
      return new Promise(function (resolve) {
        var channel = new MessageChannel();
        channel.port1.onmessage = function (event) {
          var data = event.data || {};
          if (data.progress !== undefined && onProgress) onProgress(data.progress, data.total);
          else if (data.progress === undefined) resolve(data);
        };
        registration.active.postMessage(message, [channel.port2]);
      });
    });
  }
  window.academySW = { ask: ask };

  /* The link is back, or a page opened: send what waits and look for new course versions. */
  window.addEventListener("online", function () { ask({ type: "flush", online: true }); });
  ask({ type: "flush" });

  /* Signing out: the device forgets which courses were stored (the worker forgets the pages themselves). */
  document.addEventListener("submit", function (event) {
    var action = event.target.getAttribute("action") || "";
    if (!/\/logout$/.test(action)) return;
    try {
      for (var i = window.localStorage.length - 1; i >= 0; i--) {
        var key = window.localStorage.key(i);
        if (key && key.indexOf("academy-stored-") === 0) window.localStorage.removeItem(key);
      }
    } catch (e) { /* storage off */ }
  });
}());
