// Formsets of the meeting pages: "Add a row" copies the empty form. Without JavaScript the
// blank rows the server renders are enough, so the button stays hidden.
(function () {
  "use strict";
  document.querySelectorAll("form[data-formset]").forEach(function (form) {
    var prefix = form.getAttribute("data-formset");
    var total = form.querySelector("#id_" + prefix + "-TOTAL_FORMS");
    var body = form.querySelector("[data-formset-body]");
    var template = form.querySelector("template[data-formset-empty]");
    var button = form.querySelector("[data-formset-add]");
    if (!total || !body || !template || !button) {
      return;
    }
    button.classList.remove("d-none");
    button.addEventListener("click", function () {
      var index = parseInt(total.value, 10);
      var html = template.innerHTML.replace(/__prefix__/g, String(index));
      body.insertAdjacentHTML("beforeend", html);
      total.value = String(index + 1);
      var first = body.lastElementChild.querySelector("input, select, textarea");
      if (first) {
        first.focus();
      }
    });
  });
})();
