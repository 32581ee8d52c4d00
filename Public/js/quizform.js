/* Commune Academy: the quiz editor on a phone (issue 16). Without JavaScript the form works as it is: every
   question type's section shows under its heading, and "+ Thêm lựa chọn" / "+ Thêm câu hỏi" are submit buttons
   that bring the form back with one more row. With it, a card shows only its type's section and the buttons add
   rows here, from the <template>s the page carries. */
(function () {
  "use strict";
  var form = document.getElementById("quiz-form");
  if (!form) return;
  var count = document.getElementById("q_count");
  var questionTemplate = document.getElementById("question-template");
  var choiceTemplate = document.getElementById("choice-template");

  function showType(card) {
    var select = card.querySelector("select[data-qtype]");
    if (!select) return;
    var sections = card.querySelectorAll(".qtype");
    for (var i = 0; i < sections.length; i++) {
      var types = (sections[i].getAttribute("data-types") || "").split(" ");
      sections[i].hidden = types.indexOf(select.value) < 0;
    }
  }

  function fromTemplate(template, replacements) {
    var html = template.innerHTML;
    for (var key in replacements) html = html.split(key).join(String(replacements[key]));
    var holder = document.createElement("div");
    holder.innerHTML = html;
    return holder.firstElementChild;
  }

  var cards = form.querySelectorAll(".qcard");
  for (var i = 0; i < cards.length; i++) showType(cards[i]);

  form.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches("select[data-qtype]")) {
      showType(event.target.closest(".qcard"));
    }
  });

  form.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button") : null;
    if (!button) return;
    if (button.hasAttribute("data-add-choice") && choiceTemplate) {
      event.preventDefault();
      var q = button.value;
      var card = document.getElementById("q" + q);
      var counter = card.querySelector("input[data-choice-count]");
      var c = parseInt(counter.value, 10) || 0;
      var row = fromTemplate(choiceTemplate, { "__Q__": q, "__C__": c, "__N__": c + 1 });
      document.getElementById("q" + q + "_choices").appendChild(row);
      counter.value = c + 1;
      row.querySelector("textarea").focus();
    } else if (button.hasAttribute("data-add-question") && questionTemplate) {
      event.preventDefault();
      var n = parseInt(count.value, 10) || 0;
      var card = fromTemplate(questionTemplate, { "__Q__": n });
      document.getElementById("questions").appendChild(card);
      count.value = n + 1;
      showType(card);
      card.querySelector("textarea").focus();
    }
  });

  var summary = document.getElementById("error-summary");
  if (summary) summary.focus();
}());
