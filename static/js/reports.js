// The report form: add and remove people rows of the formset, and village suggestions.
(function () {
  "use strict";

  function setUpPeople() {
    var rows = document.getElementById("people-rows");
    var template = document.getElementById("person-row-template");
    var addButton = document.querySelector("[data-add-person]");
    var total = document.getElementById("id_people-TOTAL_FORMS");
    if (!rows || !template || !addButton || !total) {
      return;
    }

    function addRemoveButton(row) {
      var deleteBox = row.querySelector("input[name$='-DELETE']");
      if (!deleteBox) {
        return;
      }
      var wrapper = row.querySelector(".person-delete");
      if (wrapper) {
        wrapper.hidden = true;
      }
      var button = document.createElement("button");
      button.type = "button";
      button.className = "btn btn-outline-danger btn-sm";
      button.textContent = addButton.dataset.removeLabel || "×";
      button.addEventListener("click", function () {
        deleteBox.checked = true;
        row.hidden = true;
        addButton.focus();
      });
      row.querySelector(".card-body").appendChild(button);
      if (deleteBox.checked) {
        row.hidden = true;
      }
    }

    rows.querySelectorAll("[data-person-row]").forEach(addRemoveButton);
    addButton.classList.remove("d-none");
    addButton.addEventListener("click", function () {
      var index = parseInt(total.value, 10);
      var html = template.innerHTML.replace(/__prefix__/g, String(index));
      var holder = document.createElement("div");
      holder.innerHTML = html;
      var row = holder.firstElementChild;
      rows.appendChild(row);
      total.value = String(index + 1);
      addRemoveButton(row);
      row.querySelectorAll("input[data-autocomplete-url]").forEach(setUpSuggestions);
      var first = row.querySelector("input:not([type=hidden])");
      if (first) {
        first.focus();
      }
    });
  }

  // The village field of the report form and the district filter of the list: each input names
  // its datalist and the URL of its suggestions.
  function setUpSuggestions(input) {
    var list = document.getElementById(input.getAttribute("list"));
    if (!list) {
      return;
    }
    var timer = null;
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      var text = input.value.trim();
      if (text.length < 2) {
        return;
      }
      timer = window.setTimeout(function () {
        var url = input.dataset.autocompleteUrl + "?q=" + encodeURIComponent(text);
        fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
          .then(function (response) { return response.ok ? response.json() : { results: [] }; })
          .then(function (data) {
            list.replaceChildren();
            data.results.forEach(function (village) {
              var option = document.createElement("option");
              option.value = village.label;
              option.textContent = village.district;
              list.appendChild(option);
            });
          })
          .catch(function () { list.replaceChildren(); });
      }, 200);
    });
  }

  setUpPeople();
  document.querySelectorAll("input[data-autocomplete-url]").forEach(setUpSuggestions);
})();
