/* Commune Academy: the "Print" buttons of printable pages (certificates, login slips). A script file rather than
   an onclick attribute, so the pages' Content-Security-Policy can forbid inline script. */
(function () {
  "use strict";
  var buttons = document.querySelectorAll("[data-print]");
  for (var i = 0; i < buttons.length; i++) {
    buttons[i].addEventListener("click", function () { window.print(); });
  }
})();
