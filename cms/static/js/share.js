// Share and print on a solution page (knowledge/includes/share.html).
// Without JavaScript the page shows the address in a read-only field and a mail
// link; this adds "Copy link" (Clipboard API) and "Print", and announces the
// result in the section's status line (role="status").
(function () {
  "use strict";
  document.querySelectorAll("[data-share]").forEach(function (section) {
    var field = section.querySelector(".share__url");
    var status = section.querySelector("[data-share-status]");
    var copy = section.querySelector("[data-share-copy]");
    var print = section.querySelector("[data-share-print]");

    function announce(message) {
      // Emptied first, so the same message twice is announced twice.
      status.textContent = "";
      window.setTimeout(function () {
        status.textContent = message;
      }, 50);
    }

    function copyFailed() {
      field.focus();
      field.select();
      announce(section.dataset.copyFailed);
    }

    if (copy && field && navigator.clipboard && window.isSecureContext) {
      copy.hidden = false;
      copy.addEventListener("click", function () {
        navigator.clipboard.writeText(field.value).then(function () {
          announce(section.dataset.copied);
        }, copyFailed);
      });
    }
    if (print && typeof window.print === "function") {
      print.hidden = false;
      print.addEventListener("click", function () {
        window.print();
      });
    }
  });
})();
