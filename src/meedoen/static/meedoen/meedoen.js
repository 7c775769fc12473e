/* Meedoen: small page behaviour that works without inline scripts (CSP). */
(function () {
  "use strict";

  /* A form that came back with errors: its summary names each problem and links to the
     field. The page title starts with the number of errors and focus moves to the summary,
     so that a screen reader announces it and a keyboard user starts from there. */
  function errorSummary() {
    var summary = document.querySelector("[data-meedoen-error-summary]");
    if (!summary) return;
    var prefix = summary.getAttribute("data-title-prefix");
    if (prefix && document.title.indexOf(prefix) !== 0) {
      document.title = prefix + ": " + document.title;
    }
    summary.focus();
    document.querySelectorAll("[data-meedoen-error-summary] a[href^='#']").forEach(function (link) {
      link.addEventListener("click", function (event) {
        var target = document.getElementById(link.getAttribute("href").slice(1));
        if (!target) return;
        event.preventDefault();
        var field = target.closest(".utrecht-form-field, fieldset") || target;
        field.scrollIntoView();
        target.focus();
      });
    });
  }

  /* Drafts: what a person types in a long form (a concern, a request, hours) is kept in this
     tab's sessionStorage while they type, so that it is not lost when the session ends before
     they send it. After signing in again it is filled in where the fields are still empty.
     Sending the form while still signed in removes it; passwords are never kept. */
  var DRAFT = "meedoen-draft:";
  var KEPT = "input[type=text], input[type=email], input[type=tel], input[type=number], input[type=date], textarea";

  function draftKey(form) {
    return DRAFT + location.pathname + "#" + form.getAttribute("data-meedoen-draft");
  }

  function storage() {
    try { return window.sessionStorage; } catch (e) { return null; }
  }

  function saveDraft(form) {
    var store = storage();
    if (!store) return;
    var values = {};
    var any = false;
    form.querySelectorAll(KEPT).forEach(function (field) {
      if (field.name && field.value && field.type !== "password") {
        values[field.name] = field.value;
        any = true;
      }
    });
    if (any) store.setItem(draftKey(form), JSON.stringify(values));
    else store.removeItem(draftKey(form));
  }

  function drafts() {
    var store = storage();
    if (!store) return;
    document.querySelectorAll("form[data-meedoen-draft]").forEach(function (form) {
      var kept = store.getItem(draftKey(form));
      if (kept) {
        var values = {};
        try { values = JSON.parse(kept) || {}; } catch (e) { values = {}; }
        var restored = false;
        form.querySelectorAll(KEPT).forEach(function (field) {
          if (field.type !== "password" && !field.value && values[field.name]) {
            field.value = values[field.name];
            restored = true;
          }
        });
        var notice = form.querySelector("[data-meedoen-draft-notice]");
        if (restored && notice) notice.hidden = false;
      }
      form.addEventListener("input", function () { saveDraft(form); });
      form.addEventListener("submit", function () {
        if (sessionLeft() > 0) store.removeItem(draftKey(form));
        else saveDraft(form);
      });
    });
    document.querySelectorAll("form[action$='/accounts/logout/']").forEach(function (form) {
      form.addEventListener("submit", function () {
        Object.keys(store).forEach(function (key) {
          if (key.indexOf(DRAFT) === 0) store.removeItem(key);
        });
      });
    });
  }

  /* The session ends after a pause. Two minutes before, a dialog says so and offers to stay
     signed in (one key: the button has focus). Other tabs of the same person share the end
     through localStorage, so a tab that was used keeps the others from warning. */
  var END = "meedoen-session-end";
  var sessionEnd = 0;

  function sessionLeft() {
    if (!sessionEnd) return Infinity;
    var shared = 0;
    try { shared = parseInt(window.localStorage.getItem(END), 10) || 0; } catch (e) { shared = 0; }
    if (shared > sessionEnd) sessionEnd = shared;
    return sessionEnd - Date.now();
  }

  function session() {
    var dialog = document.querySelector("[data-meedoen-session]");
    if (!dialog || typeof dialog.showModal !== "function") return;
    var seconds = parseInt(dialog.getAttribute("data-seconds"), 10);
    var warn = parseInt(dialog.getAttribute("data-warn"), 10);
    var form = dialog.querySelector("form");
    var returnTo = null;
    var timer = null;

    function started(secondsLeft) {
      sessionEnd = Date.now() + secondsLeft * 1000;
      try { window.localStorage.setItem(END, String(sessionEnd)); } catch (e) { /* private mode */ }
      schedule();
    }

    function schedule() {
      window.clearTimeout(timer);
      var left = sessionLeft();
      if (left <= 0) return ended();
      if (left > warn * 1000) {
        if (dialog.open) close();
        timer = window.setTimeout(schedule, Math.min(left - warn * 1000, 60000));
        return;
      }
      if (!dialog.open) {
        returnTo = document.activeElement;
        dialog.showModal();
        var button = dialog.querySelector("button");
        if (button) button.focus();
      }
      timer = window.setTimeout(schedule, Math.min(left, 1000));
    }

    function close() {
      dialog.close();
      if (returnTo && typeof returnTo.focus === "function") returnTo.focus();
    }

    function ended() {
      document.querySelectorAll("form[data-meedoen-draft]").forEach(saveDraft);
      var next = encodeURIComponent(location.pathname + location.search);
      location.assign(dialog.getAttribute("data-expired-url") + "&next=" + next);
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var body = new FormData(form);
      fetch(form.action, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: { Accept: "application/json" },
        redirect: "manual"
      }).then(function (response) {
        if (!response.ok) return ended();
        return response.json().then(function (data) {
          close();
          started(data.seconds);
        });
      }).catch(function () { /* offline: the dialog stays, the person can try again */ });
    });
    dialog.addEventListener("cancel", function (event) {
      /* Escape closes the warning as anyone expects, and counts as staying signed in. */
      event.preventDefault();
      form.requestSubmit();
    });
    /* A request the page made itself (htmx) moved the end of the session as well. */
    document.body.addEventListener("htmx:afterRequest", function () { started(seconds); });
    started(seconds);
  }

  document.addEventListener("DOMContentLoaded", function () {
    session();
    drafts();
    errorSummary();
  });
})();

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
