/* Commune Academy: the new-course form previews the code the server makes from the title ("Chuyển đổi số" →
   chuyen-doi-so, as Sources/Academy/Support/Slug.swift does), until the trainer types a code of their own. */
(function () {
  "use strict";
  var title = document.getElementById("title_vi");
  var code = document.getElementById("slug");
  if (!title || !code || !String.prototype.normalize) return;

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

  var own = code.value !== "" && code.value !== slug(title.value);
  code.addEventListener("input", function () { own = code.value !== ""; });
  title.addEventListener("input", function () { if (!own) code.value = slug(title.value); });
}());
