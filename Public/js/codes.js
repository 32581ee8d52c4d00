/* Commune Academy: a code field previews the code the server makes from its title field ("Chuyển đổi số" →
   chuyen-doi-so, as Sources/Academy/Support/Slug.swift does), until the trainer types a code of their own. Each
   code field names its title field: <input id="slug" data-code-from="title_vi"> (the new-course and new-module forms). */
(function () {
  "use strict";
  if (!String.prototype.normalize || !document.querySelectorAll) return;

  function slug(text) {
    var words = text.normalize("NFD").toLowerCase().replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d")
      .split(/[^a-z0-9]+/).filter(function (word) { return word.length > 0; });
    var result = "";
    for (var i = 0; i < words.length; i++) {
      var next = result ? result + "-" + words[i] : words[i];
      if (next.length > 60) return result || words[i].slice(0, 60);
      result = next;
    }
    return result;
  }

  function follow(code) {
    var title = document.getElementById(code.getAttribute("data-code-from"));
    if (!title) return;
    var own = code.value !== "" && code.value !== slug(title.value);
    code.addEventListener("input", function () { own = code.value !== ""; });
    title.addEventListener("input", function () { if (!own) code.value = slug(title.value); });
  }

  var codes = document.querySelectorAll("input[data-code-from]");
  for (var i = 0; i < codes.length; i++) follow(codes[i]);
}());
