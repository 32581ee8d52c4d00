/* Commune Academy: the lesson editor's buttons, background image upload and autosave (issue 16).
   Without JavaScript the form works as is: its upload button sends the typed text along and the server keeps it. */
(function () {
  "use strict";
  var form = document.getElementById("lesson-form");
  var area = document.getElementById("markdown");
  if (!form || !area || !window.fetch || !window.FormData) return;
  var bar = form.querySelector(".toolbar[data-for]");
  var status = document.getElementById("save-status");
  var picker = document.getElementById("image");
  var baseField = form.querySelector("input[name=base]");
  var csrf = form.getAttribute("data-csrf");
  var maxBytes = Number(form.getAttribute("data-max-bytes")) || 2097152;

  // Photos are shown in a column at most ~736 CSS px wide (328 px on a phone): 960 px keeps them sharp on a 2x
  // phone and a desktop alike, and a 12-megapixel photo becomes about 100-250 KB of JPEG at quality 0.8 (every
  // browser encodes JPEG; WebP only some). Portrait photos are held to 1280 px high.
  var MAX_WIDTH = 960, MAX_HEIGHT = 1280, QUALITY = 0.8;
  var AUTOSAVE_AFTER = 2000;  // ms after the last keystroke

  function t(key) { return form.getAttribute("data-t-" + key) || ""; }
  function fill(text, value) { return text.replace("{0}", value); }

  // --- Editing that the textarea's own undo (Ctrl+Z, the phone's undo) can take back -------------------------

  /** Replaces [start, end) by text as if typed, then selects [from, to). */
  function replace(start, end, text, from, to) {
    area.focus();
    area.setSelectionRange(start, end);
    var typed = false;
    try { typed = document.execCommand("insertText", false, text); } catch (e) { typed = false; }
    if (!typed || area.value.slice(start, start + text.length) !== text) {
      area.setRangeText(text, start, end, "end");
      area.dispatchEvent(new Event("input", { bubbles: true }));
    }
    area.setSelectionRange(from, to);
  }

  var wordChar = /[\p{L}\p{N}_]/u;

  /** The word around the cursor as [start, end], or null between words. */
  function wordAt(text, position) {
    var start = position, end = position;
    while (start > 0 && wordChar.test(text[start - 1])) start--;
    while (end < text.length && wordChar.test(text[end])) end++;
    return end > start ? [start, end] : null;
  }

  /** Bold or italic: wraps the selection (or the word under the cursor); with neither, puts the cursor between
   *  the two markers; pressed again on wrapped text, unwraps it, as a word processor's button does. */
  function wrap(marker) {
    var text = area.value, start = area.selectionStart, end = area.selectionEnd, m = marker.length;
    if (start === end) {
      var word = wordAt(text, start);
      if (word) { start = word[0]; end = word[1]; }
    } else {  // `** word**` is not bold: keep the selection's spaces outside the markers
      while (start < end && /\s/.test(text[start])) start++;
      while (end > start && /\s/.test(text[end - 1])) end--;
    }
    if (end > start && text.slice(start - m, start) === marker && text.slice(end, end + m) === marker) {
      replace(start - m, end + m, text.slice(start, end), start - m, end - m);
      return;
    }
    replace(start, end, marker + text.slice(start, end) + marker, start + m, end + m);
  }

  /** Heading or list: puts `prefix` before the cursor's line (a list: before every selected line); pressed
   *  again, takes it away. */
  function linePrefix(prefix, everyLine) {
    var text = area.value, start = area.selectionStart, end = area.selectionEnd;
    if (end > start && text[end - 1] === "\n") end--;
    var from = text.lastIndexOf("\n", start - 1) + 1;
    var to = text.indexOf("\n", everyLine ? end : start);
    if (to < 0) to = text.length;
    var lines = text.slice(from, to).split("\n");
    var marked = lines.filter(function (l) { return l.trim() !== ""; });
    var remove = marked.length > 0 && marked.every(function (l) { return l.indexOf(prefix) === 0; });
    var out = lines.map(function (line) {
      if (remove) return line.indexOf(prefix) === 0 ? line.slice(prefix.length) : line;
      if (line.trim() === "" && lines.length > 1) return line;
      return prefix + line.replace(/^(#{1,6} |[-*+] )/, "");
    }).join("\n");
    var after = from + out.length;
    replace(from, to, out, after, after);
  }

  /** A link: the selection becomes its text and the address is selected to be typed over. */
  function link() {
    var text = area.value, start = area.selectionStart, end = area.selectionEnd;
    var shown = text.slice(start, end), url = "https://";
    if (/^https?:\/\/\S+$/.test(shown)) { url = shown; shown = ""; }
    if (!shown) {
      shown = t("link-text");
      var out = "[" + shown + "](" + url + ")";
      replace(start, end, out, start + 1, start + 1 + shown.length);
    } else {
      var line = "[" + shown + "](" + url + ")";
      replace(start, end, line, start + shown.length + 3, start + line.length - 1);
    }
  }

  if (bar) {
    bar.hidden = false;
    // Keep the keyboard up and the selection where it is when a button is tapped.
    bar.addEventListener("mousedown", function (event) { event.preventDefault(); });
    bar.addEventListener("click", function (event) {
      var button = event.target.closest ? event.target.closest("button[data-action]") : null;
      if (!button) return;
      var action = button.getAttribute("data-action");
      if (action === "bold") wrap("**");
      else if (action === "italic") wrap("_");
      else if (action === "heading") linePrefix("## ", false);
      else if (action === "list") linePrefix("- ", true);
      else if (action === "link") link();
      else if (action === "image" && picker) { remember(); picker.click(); }
    });
  }
  area.addEventListener("keydown", function (event) {
    if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
    var key = event.key.toLowerCase();
    if (key === "b") { event.preventDefault(); wrap("**"); }
    else if (key === "i") { event.preventDefault(); wrap("_"); }
    else if (key === "s") { event.preventDefault(); queue(saveDraft); }
  });

  // --- Status line and messages --------------------------------------------------------------------------

  var alertBox = document.createElement("p");
  alertBox.className = "alert editor-alert";
  alertBox.setAttribute("role", "alert");
  alertBox.hidden = true;
  area.parentNode.insertBefore(alertBox, area.nextSibling);

  function say(text, kind) {
    if (!status) return;
    status.hidden = !text;
    status.textContent = text;
    status.className = "save-status" + (kind ? " " + kind : "");
  }

  function warn(text) {
    alertBox.textContent = text;
    alertBox.hidden = !text;
  }

  function clock() {
    var now = new Date();
    return now.getHours() + ":" + ("0" + now.getMinutes()).slice(-2);
  }

  // --- One request at a time: each save copies and checks the whole draft, so an autosave and an upload
  // --- running together could each write a draft without the other's change.

  var chain = Promise.resolve();
  function queue(task) {
    var next = chain.then(task);
    chain = next.catch(function () {});
    return next;
  }

  /** The answer's JSON, or an Error carrying the server's message (the JSON error shape) and status. */
  function answer(response) {
    return response.json().catch(function () { return {}; }).then(function (body) {
      if (response.ok) return body;
      var error = new Error((body.error && body.error.message) || response.statusText || String(response.status));
      error.status = response.status;
      throw error;
    });
  }

  function post(url, body, keepalive) {
    return fetch(url, {
      method: "POST", body: body, credentials: "same-origin", keepalive: !!keepalive,
      headers: { "Accept": "application/json", "X-CSRF-Token": csrf }
    }).then(answer, function () {
      var error = new Error(t("offline"));
      error.offline = true;
      throw error;
    });
  }

  // --- Autosave ------------------------------------------------------------------------------------------

  var saved = area.value;   // the text the server has
  var submitting = false;   // the form is being sent: leaving the page is expected
  var stopped = false;      // someone else saved meanwhile: only the Save button (which shows the difference) goes on
  var timer = null;

  function saveDraft(keepalive) {
    var text = area.value;
    if (text === saved || stopped || submitting) return Promise.resolve();
    var body = new URLSearchParams();
    body.append("_csrf", csrf);
    body.append("markdown", text);
    body.append("base", baseField.value);
    say(t("saving"), "");
    return post(form.getAttribute("data-autosave"), body, keepalive).then(function (result) {
      baseField.value = result.base;
      saved = text;
      say(area.value === saved ? fill(t("saved"), clock()) : t("unsaved"), area.value === saved ? "is-saved" : "");
    }, function (error) {
      if (error.status === 409) stopped = true;
      say(error.offline ? t("offline") : fill(t("failed"), error.message), "is-warn");
      if (error.offline) schedule(10000);
    });
  }

  function schedule(delay) {
    clearTimeout(timer);
    timer = setTimeout(function () { queue(saveDraft); }, delay || AUTOSAVE_AFTER);
  }

  area.addEventListener("input", function () {
    if (area.value !== saved) say(t("unsaved"), "");
    schedule();
  });
  form.addEventListener("submit", function () { submitting = true; clearTimeout(timer); });
  window.addEventListener("beforeunload", function (event) {
    if (submitting || area.value === saved) return;
    event.preventDefault();
    event.returnValue = "";
    return "";
  });
  // A phone leaves the page for the camera or another app: save now, the page may never come back.
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") { clearTimeout(timer); queue(function () { return saveDraft(true); }); }
  });

  // --- Images: shrink in the browser, upload in the background, insert at the cursor -------------------------

  var insertAt = null;  // [position, text before it] when the image was asked for

  function remember() {
    insertAt = [area.selectionEnd, area.value.slice(0, area.selectionEnd)];
  }

  function load(file) {
    if (window.createImageBitmap) {
      return createImageBitmap(file, { imageOrientation: "from-image" }).catch(function () {
        return createImageBitmap(file);
      });
    }
    return new Promise(function (resolve, reject) {
      var image = new Image(), url = URL.createObjectURL(file);
      image.onload = function () { URL.revokeObjectURL(url); resolve(image); };
      image.onerror = function () { URL.revokeObjectURL(url); reject(new Error("decode")); };
      image.src = url;
    });
  }

  /** The picture at most MAX_WIDTH × MAX_HEIGHT, as JPEG (or the file itself when it is small already; a GIF
   *  as it is, since a canvas keeps only its first frame). Resolves to [blob, file name]. */
  function shrink(file) {
    var stem = (file.name || "hinh").replace(/\.[^.]*$/, "");
    if (file.type === "image/gif") return Promise.resolve([file, file.name]);
    return load(file).then(function (image) {
      var width = image.width, height = image.height;
      var scale = Math.min(1, MAX_WIDTH / width, MAX_HEIGHT / height);
      var small = /^image\/(png|jpeg|webp)$/.test(file.type) && file.size <= 300 * 1024;
      if (scale === 1 && small) return [file, file.name];
      var canvas = document.createElement("canvas");
      canvas.width = Math.max(1, Math.round(width * scale));
      canvas.height = Math.max(1, Math.round(height * scale));
      var context = canvas.getContext("2d");
      context.fillStyle = "#fff";  // JPEG has no transparency: a transparent PNG goes onto white, not black
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.imageSmoothingEnabled = true;
      context.imageSmoothingQuality = "high";
      context.drawImage(image, 0, 0, canvas.width, canvas.height);
      if (image.close) image.close();
      return new Promise(function (resolve, reject) {
        canvas.toBlob(function (blob) {
          if (blob) resolve([blob, stem + ".jpg"]); else reject(new Error("encode"));
        }, "image/jpeg", QUALITY);
      });
    });
  }

  /** The Markdown line at the remembered place (or the cursor, if the text before it changed meanwhile), on a
   *  paragraph of its own, with its description selected so the person types over it. */
  function insertImage(result) {
    var text = area.value, position = area.selectionEnd;
    if (insertAt && text.slice(0, insertAt[0]) === insertAt[1]) position = insertAt[0];
    var before = position === 0 || text.slice(position - 2, position) === "\n\n" ? ""
      : text[position - 1] === "\n" ? "\n" : "\n\n";
    var after = position === text.length ? "\n" : text[position] === "\n" ? "" : "\n\n";
    var line = result.markdown, alt = result.alt || "";
    var altStart = position + before.length + 2;
    replace(position, position, before + line + after, altStart, altStart + alt.length);
  }

  function sendImage(file) {
    warn("");
    if (!/^image\//.test(file.type || "image/")) { warn(t("not-image")); return; }
    say(t("shrinking"), "");
    shrink(file).then(function (shrunk) {
      if (shrunk[0].size > maxBytes) throw new Error(t("too-big"));
      say(t("uploading"), "");
      return queue(function () {
        var data = new FormData();
        data.append("_csrf", csrf);
        data.append("image", shrunk[0], shrunk[1]);
        return post(form.getAttribute("data-upload"), data);
      });
    }, function () {
      throw new Error(t("unreadable"));  // not decodable here (HEIC on some browsers, a broken file, no memory)
    }).then(function (result) {
      insertImage(result);
      say(t("inserted"), "is-saved");
    }, function (error) {
      say(area.value === saved ? "" : t("unsaved"), "");
      warn(error.message);
    }).then(function () {
      if (picker) picker.value = "";
      insertAt = null;
    });
  }

  if (picker) {
    var send = form.querySelector(".image-send");
    if (send) send.hidden = true;  // the file is sent as soon as it is chosen
    picker.addEventListener("focus", remember);
    picker.addEventListener("change", function () {
      if (!insertAt) remember();
      if (picker.files && picker.files[0]) sendImage(picker.files[0]);
    });
    area.addEventListener("blur", remember);
  }
}());
