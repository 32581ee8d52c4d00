/* Commune Academy: Markdown buttons for the lesson editor (without JavaScript the textarea works as is). */
(function () {
  "use strict";
  var bars = document.querySelectorAll(".toolbar[data-for]");
  for (var i = 0; i < bars.length; i++) {
    var bar = bars[i];
    var area = document.getElementById(bar.getAttribute("data-for"));
    if (!area) continue;
    bar.hidden = false;
    bar.addEventListener("click", function (event) {
      var button = event.target.closest ? event.target.closest("button") : null;
      if (!button) return;
      var start = area.selectionStart, end = area.selectionEnd, text = area.value;
      var wrap = button.getAttribute("data-wrap"), insert = button.getAttribute("data-insert");
      var middle = text.slice(start, end);
      var added = wrap ? wrap + (middle || "…") + wrap : insert;
      if (insert && /^(#|-)/.test(insert) && start > 0 && text[start - 1] !== "\n") added = "\n" + added;
      area.value = text.slice(0, start) + added + text.slice(end);
      area.focus();
      area.selectionStart = area.selectionEnd = start + added.length;
    });
  }
}());
