/*
 * Search suggestions as you type: the WAI-ARIA combobox pattern (list autocomplete).
 * https://www.w3.org/WAI/ARIA/apg/patterns/combobox/
 *
 * Progressive enhancement: without this script the search field is a plain form.
 * Keys: Down/Up move through the suggestions, Enter opens the chosen one, Escape
 * closes the list (a second Escape clears the field), Tab leaves as usual.
 */
(function () {
  "use strict";

  var input = document.getElementById("search-query");
  var list = document.getElementById("search-suggestions");
  var status = document.getElementById("search-suggestions-status");
  if (!input || !list || !window.fetch) {
    return;
  }
  var url = input.getAttribute("data-suggest-url");
  var active = -1;
  var items = [];
  var timer = null;
  var latest = 0;

  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", list.id);
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", input.getAttribute("data-suggestions-label") || "");

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function highlight(index) {
    items.forEach(function (item, i) {
      item.setAttribute("aria-selected", i === index ? "true" : "false");
    });
    active = index;
    if (index >= 0) {
      input.setAttribute("aria-activedescendant", items[index].id);
      items[index].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function render(suggestions) {
    list.textContent = "";
    items = suggestions.map(function (suggestion, i) {
      var option = document.createElement("li");
      option.id = "search-suggestion-" + i;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.setAttribute("data-url", suggestion.url);
      option.textContent = suggestion.title;
      if (suggestion.language && suggestion.language !== document.documentElement.lang) {
        option.setAttribute("lang", suggestion.language);
        var mark = document.createElement("span");
        mark.className = "search-suggestions__language";
        mark.textContent = " (" + suggestion.language.toUpperCase() + ")";
        option.appendChild(mark);
      }
      option.addEventListener("mousedown", function (event) {
        event.preventDefault();
        window.location.href = suggestion.url;
      });
      list.appendChild(option);
      return option;
    });
    active = -1;
    if (items.length) {
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    } else {
      close();
    }
    if (status) {
      status.textContent = items.length ? String(items.length) : "";
    }
  }

  function load() {
    var query = input.value.trim();
    if (query.length < 2) {
      render([]);
      return;
    }
    var ticket = ++latest;
    fetch(url + "&q=" + encodeURIComponent(query), { headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
      .then(function (data) {
        if (ticket === latest) {
          render(data.suggestions || []);
        }
      })
      .catch(function () { render([]); });
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(load, 150);
  });

  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown") {
      if (list.hidden) {
        load();
      } else if (items.length) {
        highlight((active + 1) % items.length);
      }
      event.preventDefault();
    } else if (event.key === "ArrowUp" && items.length && !list.hidden) {
      highlight(active <= 0 ? items.length - 1 : active - 1);
      event.preventDefault();
    } else if (event.key === "Enter" && active >= 0 && !list.hidden) {
      event.preventDefault();
      window.location.href = items[active].getAttribute("data-url");
    } else if (event.key === "Escape") {
      if (!list.hidden) {
        close();
      } else {
        input.value = "";
      }
      event.preventDefault();
    }
  });

  input.addEventListener("blur", close);
})();
