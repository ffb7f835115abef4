// "Submit translation for review" as the main action of wagtail-localize's editor.
//
// The editor's footer is drawn by wagtail-localize's React app, which knows
// nothing of workflows. Once it is drawn, this adds a submit button that posts the
// footer's form (with its CSRF token) to the submit view named in the
// #submit-translation-action template, and moves the footer's former main action
// into its "More actions" menu.
(function () {
  "use strict";
  const template = document.getElementById("submit-translation-action");
  if (!template) {
    return;
  }

  function install() {
    const form = document.querySelector(".js-translation-editor footer form");
    const group = form && form.querySelector(".footer__container .w-dropdown-button");
    if (!group) {
      return false;
    }
    if (group.querySelector("[data-submit-translation]")) {
      return true;
    }
    const button = document.createElement("button");
    button.type = "submit";
    button.className = "button";
    button.formAction = template.dataset.url;
    button.dataset.submitTranslation = "";
    button.textContent = template.dataset.label;
    const former = group.firstElementChild;
    const menu = group.querySelector(".w-dropdown__content");
    group.insertBefore(button, former);
    if (former && menu && !former.contains(menu)) {
      menu.prepend(former);
    }
    return true;
  }

  if (!install()) {
    const observer = new MutationObserver(function () {
      if (install()) {
        observer.disconnect();
      }
    });
    observer.observe(document.body, { childList: true, subtree: true });
  }
})();
