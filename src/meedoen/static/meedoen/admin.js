/* The admin, accessible: the filter boxes of a many-to-many field (made by Django's script
   when the page has loaded) name their search icon with aria-label, which a plain span may
   not carry; give those icons the role of an image, which may. A date with a time shows
   "Date:" and "Time:" as loose text before its two boxes: name each box after its field and
   its part. A box to search and choose (select2, made on jQuery's ready, after the load) is named by
   its field's label too. */
window.addEventListener("load", function () {
  "use strict";
  function labelText(id) {
    var label = id && document.querySelector('label[for="' + id + '"]');
    return label ? label.textContent.replace(/:\s*$/, "").trim() : "";
  }
  document.querySelectorAll("p.datetime").forEach(function (paragraph) {
    var field = labelText((paragraph.querySelector("input") || {}).id), part = "";
    paragraph.childNodes.forEach(function (node) {
      if (node.nodeType === Node.TEXT_NODE && node.textContent.trim()) {
        part = node.textContent.replace(/:\s*$/, "").trim();
      } else if (node.nodeName === "INPUT" && !node.hasAttribute("aria-label")) {
        node.setAttribute("aria-label", field ? field + ": " + part : part);
      }
    });
  });
  window.setTimeout(function () {
    document.querySelectorAll(".select2-selection[role='combobox']").forEach(function (box) {
      var container = box.closest(".select2-container");
      var select = container && container.previousElementSibling;
      var label = select && select.id && document.querySelector('label[for="' + select.id + '"]');
      if (label) {
        label.id = label.id || select.id + "_label";
        var shown = box.getAttribute("aria-labelledby");
        box.setAttribute("aria-labelledby", shown ? label.id + " " + shown : label.id);
        box.querySelectorAll("[role='textbox']").forEach(function (choice) {
          choice.setAttribute("aria-labelledby", label.id);
        });
      }
    });
    document.querySelectorAll("span.help-tooltip[aria-label]:not([role])").forEach(function (icon) {
      icon.setAttribute("role", "img");
    });
  }, 0);
});
