/* Commune Academy: saves each quiz answer the moment it is chosen (progressive enhancement).
   Without this script the form still works: "Save for later" and "Submit" post every answer.
   Unsent answers are also kept in localStorage, so a dropped connection or a phone switched off
   loses nothing: they are sent again when the page is opened and the network is back.
   With the service worker (site.js, sw.js; issue 18), "Nộp bài" goes through the worker's outbox: sent at once
   when the link is up, else kept on the device, said so, and sent once when the link returns — with the time it
   was pressed by the server's clock (the device's clock corrected by the gap seen when the attempt opened). */
(function () {
  "use strict";
  var form = document.getElementById("attempt");
  if (!form || !window.fetch || !window.JSON) return;
  var attempt = form.getAttribute("data-attempt");
  var csrf = form.getAttribute("data-csrf");
  var labels = {
    saved: form.getAttribute("data-saved"),
    saving: form.getAttribute("data-saving"),
    retry: form.getAttribute("data-retry")
  };
  var storeKey = "academy-attempt-" + attempt;
  var pending = load();
  var delay = 2000;
  var timer = null;

  function load() {
    try { return JSON.parse(window.localStorage.getItem(storeKey) || "{}") || {}; } catch (e) { return {}; }
  }
  function keep() {
    try { window.localStorage.setItem(storeKey, JSON.stringify(pending)); } catch (e) { /* storage full or off */ }
  }
  function fieldsets() { return form.querySelectorAll("fieldset.question"); }
  function fieldsetOf(qid) {
    var all = fieldsets();
    for (var i = 0; i < all.length; i++) if (all[i].getAttribute("data-question") === qid) return all[i];
    return null;
  }
  function answerOf(fs) {
    var inputs = fs.querySelectorAll("input");
    var ids = [];
    for (var i = 0; i < inputs.length; i++) {
      var input = inputs[i];
      if (input.type === "radio" || input.type === "checkbox") { if (input.checked) ids.push(input.value); }
      else return { text: input.value };
    }
    return { choice_ids: ids };
  }
  function apply(fs, answer) {
    var inputs = fs.querySelectorAll("input");
    for (var i = 0; i < inputs.length; i++) {
      var input = inputs[i];
      if (input.type === "radio" || input.type === "checkbox") {
        input.checked = (answer.choice_ids || []).indexOf(input.value) >= 0;
      } else if (answer.text !== undefined) { input.value = answer.text; }
    }
  }
  function show(fs, text, kind) {
    var p = fs && fs.querySelector(".save-state");
    if (!p) return;
    p.textContent = text;
    p.className = "save-state " + kind;
  }
  function schedule() {
    if (timer) return;
    timer = window.setTimeout(function () { timer = null; flush(); }, delay);
    delay = Math.min(delay * 2, 30000);
  }
  function send(qid) {
    var body = pending[qid];
    var fs = fieldsetOf(qid);
    show(fs, labels.saving, "busy");
    fetch("/api/v1/attempts/" + encodeURIComponent(attempt) + "/answers/" + encodeURIComponent(qid), {
      method: "PUT",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify(body)
    }).then(function (response) {
      if (response.status === 204) {
        if (JSON.stringify(pending[qid]) === JSON.stringify(body)) { delete pending[qid]; keep(); }
        delay = 2000;
        show(fs, "✓ " + labels.saved, "ok");
      } else if (response.status >= 500 || response.status === 429 || response.status === 408) {
        throw new Error("retry");
      } else {
        delete pending[qid];
        keep();
        return response.json().then(function (json) {
          show(fs, (json && json.error && json.error.message) || String(response.status), "bad");
        }, function () { show(fs, String(response.status), "bad"); });
      }
    }).catch(function () {
      show(fs, labels.retry, "bad");
      schedule();
    });
  }
  function flush() { for (var qid in pending) if (pending.hasOwnProperty(qid)) send(qid); }
  function changed(event) {
    var fs = event.target.closest ? event.target.closest("fieldset.question") : null;
    if (!fs) return;
    var qid = fs.getAttribute("data-question");
    pending[qid] = answerOf(fs);
    keep();
    send(qid);
  }
  var typing = null;
  form.addEventListener("change", changed);
  form.addEventListener("input", function (event) {
    if (event.target.type === "radio" || event.target.type === "checkbox") return;
    if (typing) window.clearTimeout(typing);
    typing = window.setTimeout(function () { changed(event); }, 800);
  });
  /* How far the device's clock is from the server's, measured once, when the attempt's page first came from the
     server (a page opened again offline comes from the device's store, with an old server time). */
  var clockKey = "academy-clock-" + attempt;
  var offset = 0;
  try {
    var kept = window.localStorage.getItem(clockKey);
    var serverNow = Date.parse(form.getAttribute("data-server-now"));
    if (kept !== null) offset = parseInt(kept, 10) || 0;
    else if (!isNaN(serverNow)) {
      offset = serverNow - Date.now();
      window.localStorage.setItem(clockKey, String(offset));
    }
  } catch (e) { /* storage off: no correction */ }

  var note = document.getElementById("outbox-note");
  var leaving = false;
  function result() {
    if (leaving) return;
    leaving = true;
    window.location.replace("/attempts/" + encodeURIComponent(attempt));
  }
  function queued(text) {
    if (!note) return;
    note.textContent = text;
    note.hidden = false;
    var buttons = form.querySelectorAll("button");
    for (var i = 0; i < buttons.length; i++) buttons[i].disabled = true;
    /* The answers travel with the submission now: each question's "not saved yet" would only worry. */
    var states = form.querySelectorAll(".save-state");
    for (var j = 0; j < states.length; j++) { states[j].textContent = ""; states[j].className = "save-state"; }
    if (timer) { window.clearTimeout(timer); timer = null; }
  }
  function everyAnswer() {
    var answers = {};
    var all = fieldsets();
    for (var i = 0; i < all.length; i++) {
      var answer = answerOf(all[i]);
      if ((answer.choice_ids && answer.choice_ids.length) || (answer.text !== undefined && answer.text !== "")) {
        answers[all[i].getAttribute("data-question")] = answer;
      }
    }
    return answers;
  }
  var outbox = window.academySW && navigator.serviceWorker && navigator.serviceWorker.controller;
  form.addEventListener("submit", function (event) {
    var submitter = event.submitter;
    var saving = submitter && /\/save$/.test(submitter.getAttribute("formaction") || "");
    if (!outbox || saving) {
      /* The posted form carries every answer; what it sends supersedes the queue. */
      try { window.localStorage.removeItem(storeKey); } catch (e) { /* ignore */ }
      return;
    }
    event.preventDefault();
    queued(form.getAttribute("data-sending"));
    window.academySW.ask({
      type: "submit", attempt: attempt, csrf: csrf, answers: everyAnswer(),
      answered_at: new Date(Date.now() + offset).toISOString()
    }).then(function (reply) {
      try { window.localStorage.removeItem(storeKey); } catch (e) { /* ignore */ }
      pending = {};
      if (reply.state === "sent" || reply.state === "refused") result();
      else if (reply.state === "kept") { queued(form.getAttribute("data-queued")); retry(); }
      else form.submit();
    });
  });
  /* The worker sent it (the link came back), or needs a new sign-in first. */
  if (outbox) {
    navigator.serviceWorker.addEventListener("message", function (event) {
      var data = event.data || {};
      if (data.attempt !== attempt) return;
      if (data.type === "sent" || data.type === "refused") result();
      if (data.type === "signin") queued(form.getAttribute("data-signin"));
    });
    /* Opened again (offline, from the store) while its submission waits: say so; hand over a fresh form token. */
    window.academySW.ask({ type: "queued", attempt: attempt, csrf: csrf }).then(function (reply) {
      if (reply.queued) { queued(form.getAttribute("data-queued")); retry(); }
    });
  }
  var retrying = null;
  function retry() {
    if (retrying) return;
    retrying = window.setInterval(function () { window.academySW.ask({ type: "flush" }); }, 15000);
  }
  window.addEventListener("online", function () { delay = 2000; flush(); });
  /* Answers chosen earlier but never confirmed by the server: put them back on the form and send them. */
  for (var qid in pending) {
    if (!pending.hasOwnProperty(qid)) continue;
    var fs = fieldsetOf(qid);
    if (fs) apply(fs, pending[qid]); else delete pending[qid];
  }
  flush();
}());
