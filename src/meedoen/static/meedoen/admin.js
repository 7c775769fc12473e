/* The admin, accessible: the filter boxes of a many-to-many field (made by Django's script
   when the page has loaded) name their search icon with aria-label, which a plain span may
   not carry; give those icons the role of an image, which may. */
window.addEventListener("load", function () {
  "use strict";
  window.setTimeout(function () {
    document.querySelectorAll("span.help-tooltip[aria-label]:not([role])").forEach(function (icon) {
      icon.setAttribute("role", "img");
    });
  }, 0);
});
