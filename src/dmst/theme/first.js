/* The first script on every page, inlined at the top of <head> so it runs before anything else.
   1. Nothing this page runs can leave anything in the browser: localStorage and sessionStorage
      become in-memory stand-ins that are gone when the page is, cookies are not kept, IndexedDB
      and the Cache API are absent. Scripts that "remember" things keep working for this page.
   2. Quick exit works from the first moment, from the exit address itself (also on <html> as
      data-dmst-exit): Escape pressed twice, or a click on any quick-exit link, replaces this page.
      No stored value, banner or missing element can switch it off.
   3. The colour mode follows the device until the reader picks one for this page. */
(function () {
  "use strict";
  var EXIT = "__DMST_EXIT_URL__";
  var root = document.documentElement;
  root.setAttribute("data-dmst-exit", EXIT);

  function memoryStorage() {
    var items = Object.create(null);
    var store = {
      getItem: function (key) { key = String(key); return key in items ? items[key] : null; },
      setItem: function (key, value) { items[String(key)] = String(value); },
      removeItem: function (key) { delete items[String(key)]; },
      clear: function () { items = Object.create(null); },
      key: function (i) { var keys = Object.keys(items); return i < keys.length ? keys[i] : null; }
    };
    Object.defineProperty(store, "length", { get: function () { return Object.keys(items).length; } });
    return store;
  }
  function replace(target, name, descriptor) {
    descriptor.configurable = true;
    try { Object.defineProperty(target, name, descriptor); } catch (e) { /* keep going */ }
  }
  var local = memoryStorage();
  var session = memoryStorage();
  replace(window, "localStorage", { get: function () { return local; } });
  replace(window, "sessionStorage", { get: function () { return session; } });
  replace(document, "cookie", { get: function () { return ""; }, set: function () {} });
  replace(window, "indexedDB", { get: function () { return undefined; } });
  replace(window, "caches", { get: function () { return undefined; } });

  function leave(event) {
    if (event) { event.preventDefault(); event.stopPropagation(); }
    root.style.visibility = "hidden";
    document.title = "";
    window.location.replace(EXIT);
  }
  var lastEscape = 0;
  window.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" && event.key !== "Esc") return;
    var now = Date.now();
    if (now - lastEscape < 1500) leave(event);
    lastEscape = now;
  }, true);
  window.addEventListener("click", function (event) {
    var link = event.target && event.target.closest && event.target.closest("a.dmst-quick-exit");
    if (link) leave(event);
  }, true);

  var dark = window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
  root.setAttribute("data-mode", "auto");
  root.setAttribute("data-theme", dark ? "dark" : "light");
})();
