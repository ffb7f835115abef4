/*
 * Choosing solutions to compare across pages (issue 16): a nicety on top of the
 * GET forms, which work without this script (each list then sends only its own
 * ticks). The ticked ids are kept in sessionStorage, ticked again on every list
 * and search page, and sent with the form; a polite live region says how many
 * are chosen. The comparison page remembers what it shows, so "choose more" goes
 * on from there. Loaded by the paged lists, the search and the comparison page;
 * the home page stays without any script.
 */
(function () {
  "use strict";

  if (window.__compareChoice || !window.sessionStorage) {
    return;
  }
  window.__compareChoice = true;
  var KEY = "portal-compare-solutions";

  function load() {
    try {
      var ids = JSON.parse(sessionStorage.getItem(KEY) || "[]");
      return Array.isArray(ids) ? ids.map(String) : [];
    } catch (error) {
      return [];
    }
  }

  function save(ids) {
    try {
      sessionStorage.setItem(KEY, JSON.stringify(ids));
    } catch (error) {
      /* storage full or refused: the forms still work on their own */
    }
  }

  // The boxes of a form: inside it (search results) or joined to it by their form
  // attribute (the card lists, whose form follows the list).
  function boxes(form) {
    return Array.prototype.filter.call(form.elements, function (element) {
      return element.name === "s";
    });
  }

  function statusText(status, count) {
    var template =
      count === 1 ? status.getAttribute("data-one") : status.getAttribute("data-other");
    return count ? (template || "").replace("__count__", String(count)) : "";
  }

  function ready() {
    var chosen = load();
    var choice = document.querySelector(".compare-choice");
    if (choice) {
      // The comparison page: what it shows is the choice from now on.
      chosen = Array.prototype.map.call(
        choice.querySelectorAll("input[name=s]:checked"),
        function (box) { return box.value; }
      );
      save(chosen);
      return;
    }
    var forms = document.querySelectorAll("form.compare-form");
    var statuses = document.querySelectorAll(".compare-form__status");

    function update() {
      statuses.forEach(function (status) {
        status.textContent = statusText(status, chosen.length);
      });
    }

    forms.forEach(function (form) {
      boxes(form).forEach(function (box) {
        box.checked = chosen.indexOf(box.value) !== -1;
        box.addEventListener("change", function () {
          var at = chosen.indexOf(box.value);
          if (box.checked && at === -1) {
            chosen.push(box.value);
          } else if (!box.checked && at !== -1) {
            chosen.splice(at, 1);
          }
          save(chosen);
          update();
        });
      });
      form.addEventListener("submit", function () {
        // Ticks made on other pages go along, in the order they were made.
        boxes(form).forEach(function (box) {
          box.disabled = true;
        });
        chosen.forEach(function (id) {
          var hidden = document.createElement("input");
          hidden.type = "hidden";
          hidden.name = "s";
          hidden.value = id;
          form.appendChild(hidden);
        });
        // Enabled again for the page kept in the back/forward cache.
        window.setTimeout(function () {
          boxes(form).forEach(function (box) {
            box.disabled = false;
            if (box.type === "hidden") {
              box.remove();
            }
          });
        }, 0);
      });
    });
    update();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
