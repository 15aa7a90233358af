/* Quick exit for the slides, as in the book: the link, or Escape pressed twice within 1.5 s,
   replaces the page (location.replace), so Back does not return to it. */
(function () {
  "use strict";

  var lastEscape = 0;
  function quickExit(event) {
    var link = document.querySelector("a.dmst-quick-exit");
    if (!link) return;
    if (event) event.preventDefault();
    document.title = "";
    document.body.style.visibility = "hidden";
    window.location.replace(link.getAttribute("href"));
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.dmst-quick-exit");
    if (link) quickExit(event);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var now = Date.now();
    if (now - lastEscape < 1500) quickExit(event);
    lastEscape = now;
  });
})();
