/* Meedoen's small enhancements; every page works without them (no inline scripts: CSP). */
(function () {
  "use strict";

  /* The header's menu: on a narrow screen it folds behind one button. Without this script
     the menu simply stays open. */
  function setUpMenu() {
    var button = document.querySelector(".meedoen-menu-button");
    var menu = button && document.getElementById(button.getAttribute("aria-controls"));
    if (!menu) return;
    var header = button.closest(".meedoen-header");
    function setOpen(open) {
      button.setAttribute("aria-expanded", open ? "true" : "false");
      menu.classList.toggle("meedoen-header__menu--open", open);
    }
    header.classList.add("meedoen-header--enhanced");
    button.hidden = false;
    setOpen(false);
    button.addEventListener("click", function () {
      setOpen(button.getAttribute("aria-expanded") !== "true");
    });
    header.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
        setOpen(false);
        button.focus();
      }
    });
  }

  /* A copy button beside a text to keep (the private link): data-meedoen-copy names the
     element whose text it copies; a status next to it says what happened. */
  function setUpCopy() {
    document.querySelectorAll("[data-meedoen-copy]").forEach(function (button) {
      var source = document.getElementById(button.getAttribute("data-meedoen-copy"));
      var status = document.getElementById(button.getAttribute("data-meedoen-copy-status"));
      if (!source) return;
      button.hidden = false;
      button.addEventListener("click", function () {
        var text = source.textContent.trim();
        function done(ok) {
          if (status) {
            status.textContent = ok
              ? button.getAttribute("data-meedoen-copied")
              : button.getAttribute("data-meedoen-not-copied");
          }
        }
        if (navigator.clipboard && navigator.clipboard.writeText) {
          navigator.clipboard.writeText(text).then(function () { done(true); }, function () {
            selectText(source);
            done(false);
          });
        } else {
          selectText(source);
          done(false);
        }
      });
    });
  }

  function selectText(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function start() {
    setUpMenu();
    setUpCopy();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
