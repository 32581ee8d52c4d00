/* Commune Academy: the countdown of a timed test (issue 16), kept in view by CSS (position: sticky).
   Without this script the box says when the test ends ("Hạn nộp lúc 11:36"). With it, the time left is shown
   and updated each second from the server's deadline: the seconds left when the page was made (the server's
   clock, not the phone's, which may be wrong), else the deadline itself. Screen readers hear it only at 5 and
   at 1 minute left, not every second. At zero the form is submitted (the server allows a few seconds' grace). */
(function () {
  "use strict";
  var box = document.getElementById("timer");
  var clock = document.getElementById("timer-clock");
  var say = document.getElementById("timer-say");
  if (!box || !clock || !say || !Date.now) return;
  var remaining = parseInt(box.getAttribute("data-remaining"), 10);
  var deadline = Date.parse(box.getAttribute("data-deadline"));
  var end = isNaN(remaining) ? deadline : Date.now() + remaining * 1000;
  /* A page opened again from the device's store (offline) carries the seconds left when it was first made: count
     to the deadline instead, by the gap between the clocks that quiz.js measured when the attempt opened. */
  var form = document.getElementById("attempt");
  try {
    var offset = form && window.localStorage.getItem("academy-clock-" + form.getAttribute("data-attempt"));
    if (offset !== null && offset !== undefined && !isNaN(deadline)) end = deadline - (parseInt(offset, 10) || 0);
  } catch (e) { /* storage off: the page's own figure */ }
  if (isNaN(end)) return;
  var label = box.getAttribute("data-left");
  var spoken = {};
  var finished = false;
  function two(n) { return (n < 10 ? "0" : "") + n; }
  function text(seconds) {
    var h = Math.floor(seconds / 3600), m = Math.floor(seconds % 3600 / 60), s = seconds % 60;
    return (h > 0 ? h + ":" + two(m) : String(m)) + ":" + two(s);
  }
  function announce(key) {
    if (spoken[key]) return;
    spoken[key] = true;
    say.textContent = box.getAttribute("data-" + key);
  }
  function submit() {
    if (!form) return;
    if (form.requestSubmit) form.requestSubmit(); else form.submit();
  }
  function tick() {
    if (finished) return;
    var left = Math.max(0, Math.ceil((end - Date.now()) / 1000));
    clock.textContent = label + " " + text(left) + " ·";
    clock.hidden = false;
    box.classList.toggle("timer-low", left <= 300);
    /* Crossing 5 and 1 minute is announced once each; a page opened with less left says nothing extra. */
    if (left <= 300 && left > 240) announce("five");
    if (left <= 60 && left > 0) announce("one");
    if (left === 0) {
      finished = true;
      clock.textContent = box.getAttribute("data-up");
      say.textContent = box.getAttribute("data-up");
      submit();
      return;
    }
    window.setTimeout(tick, 1000 - (Date.now() % 1000) + 20);
  }
  tick();
}());
