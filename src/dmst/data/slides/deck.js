/* The slides' own script: reveal.js set up for the room (quick exit is quick-exit.js).
   Written for the DMST curriculum; reveal.js itself is vendored unchanged. */
(function () {
  "use strict";

  // --- The speaker view (reveal.js notes plugin) opens an about:blank window and would keep its
  // layout choice in localStorage. Nothing a deck shows is kept in the browser: the window gets
  // a localStorage that fails, which the plugin handles by not remembering the layout.
  var open = window.open;
  window.open = function () {
    var opened = open.apply(window, arguments);
    try {
      Object.defineProperty(opened, "localStorage", {
        configurable: true,
        get: function () { throw new Error("storage is off for the speaker view"); }
      });
    } catch (error) { /* another origin: nothing to do */ }
    return opened;
  };

  var printing = /print-pdf/i.test(window.location.search);
  // The speaker view shows the deck in frames ("?receiver"): the presenter's window, not the
  // room's, so the quick-exit link stays off it (it would cover the speaker view's controls).
  if (/receiver/i.test(window.location.search)) {
    document.documentElement.classList.add("dmst-receiver");
  }
  var config = JSON.parse(document.getElementById("dmst-deck-config").textContent);
  Reveal.initialize({
    width: config.width,
    height: config.height,
    margin: printing ? 0 : 0.04, // printed pages are exactly the slide: 16:9
    center: false,
    hash: true,
    transition: "none", // calm: no motion
    backgroundTransition: "none",
    controls: true,
    progress: true,
    slideNumber: false, // each slide prints its own number in the footer
    pdfMaxPagesPerSlide: 1,
    pdfSeparateFragments: false,
    // Escape is quick exit (twice), never reveal.js's overview: the overview stays on the O key.
    keyboard: { 27: function () {} },
    plugins: [RevealNotes]
  });
  Reveal.on("ready", function () { document.documentElement.dataset.deckReady = "1"; });
  Reveal.on("pdf-ready", function () { document.documentElement.dataset.pdfReady = "1"; });
})();
