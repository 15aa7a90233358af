/* Knowledge checks in Jupyter behave like native controls (loaded once per page by dmst.live).
   JupyterLab reads unmodified keys as notebook commands when a button or a radio button has
   focus (its shortcuts match ".jp-Notebook.jp-mod-commandMode:not(.jp-mod-readWrite) :focus"),
   so ArrowDown moved to the next cell and "a" inserted a cell. Lumino, Lab's command layer,
   ignores a key whose target carries data-lm-suppress-shortcuts: we set it on the focused
   control for each unmodified key and take it off for modified ones, so Ctrl+S, Shift+Enter and
   other modified shortcuts still work. ipywidgets' radio buttons share no name, so the browser does not treat
   them as one group; we give each group a name, and arrow keys then move the choice within it,
   as in any form. Toggle buttons (sorting) get the same arrow keys and aria-pressed. */
(function () {
  "use strict";
  if (window.dmstLiveInstalled) return;
  window.dmstLiveInstalled = true;
  var groups = 0;

  function prepare(live) {
    live.querySelectorAll(".widget-radio-box").forEach(function (box) {
      if (!box.dataset.dmstGroup) box.dataset.dmstGroup = "dmst-choice-" + (++groups);
      box.setAttribute("role", "radiogroup");
      box.querySelectorAll("input[type=radio]").forEach(function (radio) {
        radio.name = box.dataset.dmstGroup;
      });
    });
    live.querySelectorAll(".widget-toggle-buttons").forEach(function (box) {
      box.querySelectorAll("button").forEach(function (button) {
        button.setAttribute("aria-pressed", button.classList.contains("mod-active") ? "true" : "false");
      });
    });
  }

  function toggleArrow(event) {
    var buttons = Array.prototype.slice.call(
      event.target.closest(".widget-toggle-buttons").querySelectorAll("button:not(:disabled)"));
    var i = buttons.indexOf(event.target);
    if (i < 0) return;
    var step = event.key === "ArrowRight" || event.key === "ArrowDown" ? 1 : -1;
    var next = buttons[(i + step + buttons.length) % buttons.length];
    event.preventDefault();
    next.focus();
    next.click();
  }

  window.addEventListener("focusin", function (event) {
    var live = event.target.closest && event.target.closest(".dmst-live");
    if (live) prepare(live);
  }, true);

  window.addEventListener("keydown", function (event) {
    var live = event.target.closest && event.target.closest(".dmst-live");
    if (!live) return;
    prepare(live);
    var modified = event.ctrlKey || event.metaKey || event.altKey ||
      (event.shiftKey && event.key === "Enter");
    // Lumino looks for the attribute from the key's target upwards and stops at the first
    // element that matches a shortcut's selector, which here is the focused control itself.
    if (modified) event.target.removeAttribute("data-lm-suppress-shortcuts");
    else event.target.setAttribute("data-lm-suppress-shortcuts", "true");
    if (!modified && /^Arrow/.test(event.key) && event.target.closest(".widget-toggle-buttons")) {
      toggleArrow(event);
    }
  }, true);

  // Keep aria-pressed in step with the selected toggle button.
  window.addEventListener("click", function (event) {
    var live = event.target.closest && event.target.closest(".dmst-live");
    if (live) window.setTimeout(function () { prepare(live); }, 50);
  }, true);
})();
