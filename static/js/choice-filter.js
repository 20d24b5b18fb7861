/*
 * Add a filter box above long checkbox lists (countries, publishers).
 *
 * Every element with a data-choice-filter attribute gets a labelled search field; typing
 * hides the choices whose label does not contain the text (ignoring case and accents)
 * and opens the groups that still have matches. Without JavaScript the full lists work
 * as they are. The attribute's value is the field's label.
 */
(function () {
  "use strict";

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }

  function enhance(container, index) {
    var id = "choice-filter-" + index;
    var wrapper = document.createElement("div");
    wrapper.className = "form-field choice-filter";
    var label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = container.getAttribute("data-choice-filter");
    var input = document.createElement("input");
    input.type = "search";
    input.id = id;
    input.autocomplete = "off";
    var status = document.createElement("p");
    status.className = "hint";
    status.setAttribute("role", "status");
    wrapper.appendChild(label);
    wrapper.appendChild(input);
    wrapper.appendChild(status);
    container.parentNode.insertBefore(wrapper, container);

    var items = Array.prototype.slice.call(container.querySelectorAll("li"));
    var groups = Array.prototype.slice.call(container.querySelectorAll("details"));
    var initiallyOpen = groups.map(function (group) { return group.open; });

    input.addEventListener("input", function () {
      var wanted = fold(input.value);
      var shown = 0;
      items.forEach(function (item) {
        var match = !wanted || fold(item.textContent).indexOf(wanted) !== -1;
        item.hidden = !match;
        if (match) { shown += 1; }
      });
      groups.forEach(function (group, position) {
        var visible = group.querySelector("li:not([hidden])") !== null;
        group.hidden = !visible;
        group.open = wanted ? visible : initiallyOpen[position];
      });
      status.textContent = wanted ? shown + " / " + items.length : "";
    });
  }

  function start() {
    var containers = document.querySelectorAll("[data-choice-filter]");
    Array.prototype.forEach.call(containers, enhance);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
