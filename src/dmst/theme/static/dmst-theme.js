/* The book's theme behaviour, in place of Bootstrap and the theme's own scripts (about 100 KB),
   which stored the colour mode, the sidebar position and dismissed banners in the browser.
   This script stores nothing: the colour mode follows the device until the reader picks one for
   the page; search runs in the page and never puts the words in the address or in storage.
   Quick exit is not here: first.js, inlined at the top of every page, handles it. */
(function () {
  "use strict";
  var root = document.documentElement;
  var contentRoot = root.getAttribute("data-content_root") || "";
  function all(selector, scope) {
    return Array.prototype.slice.call((scope || document).querySelectorAll(selector));
  }

  // --- Colour mode: auto (the device's setting), dark or light, for this page only. ---------
  var prefersDark = window.matchMedia("(prefers-color-scheme: dark)");
  var MODE_NAMES = { auto: "system settings", dark: "dark", light: "light" };
  function setMode(mode) {
    var theme = mode === "auto" ? (prefersDark.matches ? "dark" : "light") : mode;
    root.setAttribute("data-mode", mode);
    root.setAttribute("data-theme", theme);
    all(".theme-switch-button").forEach(function (button) {
      button.setAttribute("aria-label", "Color mode: " + MODE_NAMES[mode]);
    });
  }
  function cycleMode() {
    var order = prefersDark.matches ? ["auto", "light", "dark"] : ["auto", "dark", "light"];
    var current = root.getAttribute("data-mode") || "auto";
    setMode(order[(order.indexOf(current) + 1) % order.length]);
  }
  prefersDark.addEventListener("change", function () {
    if ((root.getAttribute("data-mode") || "auto") === "auto") setMode("auto");
  });

  // --- Dialogs: close on the backdrop and on Escape (quick exit counts Escapes on its own). ---
  // An open modal dialog covers the page, quick exit included: while a panel is open it carries
  // its own copy of the quick-exit link, last in the panel (first.js handles a click on it).
  function openModal(dialog) {
    var link = document.querySelector(".dmst-exit-bar a.dmst-quick-exit");
    if (link && !dialog.querySelector(":scope > a.dmst-quick-exit")) {
      dialog.appendChild(link.cloneNode(true));
    }
    dialog.showModal();
  }
  function closeOnBackdrop(dialog) {
    dialog.addEventListener("close", function () {
      var copy = dialog.querySelector(":scope > a.dmst-quick-exit");
      if (copy) copy.remove();
    });
    dialog.addEventListener("click", function (event) {
      var box = dialog.getBoundingClientRect();
      var outside = event.clientX < box.left || event.clientX > box.right ||
        event.clientY < box.top || event.clientY > box.bottom;
      if (dialog.open && outside && event.target === dialog) dialog.close();
    });
    dialog.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && dialog.open) { event.preventDefault(); dialog.close(); }
    });
  }

  // --- Sidebars: a panel on phones, a collapsible column on wide screens. --------------------
  function setupSidebar(toggles, sidebar, dialog, wideClass) {
    if (!sidebar || !dialog || !toggles.length) return;
    function move(from, to) {
      Array.prototype.slice.call(from.childNodes).forEach(function (node) {
        if (!(node.classList && node.classList.contains("dmst-quick-exit"))) to.appendChild(node);
      });
      Array.prototype.slice.call(from.classList).forEach(function (name) {
        from.classList.remove(name);
        to.classList.add(name);
      });
    }
    var opener = null;
    toggles.forEach(function (button) {
      button.addEventListener("click", function (event) {
        event.preventDefault();
        if (wideClass && window.matchMedia("(min-width: 992px)").matches) {
          var hidden = sidebar.classList.toggle(wideClass);
          button.setAttribute("aria-expanded", hidden ? "false" : "true");
          return;
        }
        opener = document.activeElement;
        move(sidebar, dialog);
        openModal(dialog);
      });
    });
    closeOnBackdrop(dialog);
    dialog.addEventListener("close", function () {
      move(dialog, sidebar);
      if (opener && opener.focus) opener.focus();
    });
  }

  // --- Search: in the page. The words stay in the search field, never in storage or the address.
  var SEARCH_SCRIPTS = [
    ["_static/documentation_options.js", function () { return typeof DOCUMENTATION_OPTIONS !== "undefined"; }],
    ["_static/doctools.js", function () { return typeof Documentation !== "undefined"; }],
    ["_static/sphinx_highlight.js", function () { return typeof SphinxHighlight !== "undefined"; }],
    ["_static/language_data.js", function () { return typeof Stemmer !== "undefined"; }],
    ["_static/searchtools.js", function () { return typeof Search !== "undefined"; }],
    ["searchindex.js", function () { return typeof Search !== "undefined" && Search.hasIndex(); }]
  ];
  var searchLoading = null;
  function loadSearch(done) {
    if (searchLoading) { searchLoading.push(done); return; }
    var missing = SEARCH_SCRIPTS.filter(function (entry) { return !entry[1](); });
    if (!missing.length) { done(); return; }
    searchLoading = [done];
    missing.forEach(function (entry, index) {
      var script = document.createElement("script");
      script.src = contentRoot + entry[0];
      script.async = false; // run in order
      if (index === missing.length - 1) {
        script.addEventListener("load", function () {
          var waiting = searchLoading;
          searchLoading = null;
          waiting.forEach(function (fn) { fn(); });
        });
      }
      script.addEventListener("error", function () {
        var results = document.getElementById("search-results");
        if (results) results.textContent = "Search could not load. Reload the page and try again.";
        searchLoading = null;
      });
      document.head.appendChild(script);
    });
  }

  // Sphinx writes result links relative to the book's top folder; make them work from here.
  function fixResultLinks(results) {
    new MutationObserver(function () {
      all("ul.search a", results).forEach(function (link) {
        if (link.dataset.dmstFixed) return;
        link.dataset.dmstFixed = "1";
        link.setAttribute("href", contentRoot + link.getAttribute("href"));
      });
    }).observe(results, { childList: true, subtree: true });
  }

  function runSearch(input, results) {
    var query = input.value.trim();
    if (!query) return;
    results.textContent = "";
    results.classList.remove("empty");
    loadSearch(function () {
      input.value = query; // Sphinx's search, starting, empties every search field
      Search.performSearch(query);
    });
  }

  function setupSearch() {
    var dialog = document.getElementById("pst-search-dialog");
    var pageForm = document.querySelector(".bd-search-container form.bd-search");
    var pageResults = document.getElementById("search-results");
    if (pageForm && pageResults) {
      // The search page: searching again stays on the page, and the address keeps no words.
      pageForm.addEventListener("submit", function (event) {
        event.preventDefault();
        runSearch(pageForm.querySelector("input[name=q]"), pageResults);
      });
      // Once Sphinx has read ?q= (a search from a page without JavaScript), drop it.
      window.addEventListener("load", function () {
        if (window.location.search) window.history.replaceState(null, "", window.location.pathname);
      });
    }
    if (dialog) {
      var form = dialog.querySelector("form");
      var input = dialog.querySelector("input[name=q]");
      var results = document.createElement("section");
      results.id = "search-results";
      results.className = "empty";
      results.setAttribute("aria-live", "polite");
      results.setAttribute("aria-label", "Search results");
      if (!pageResults) {
        dialog.appendChild(results);
        fixResultLinks(results);
      }
      if (form && input && !pageResults) {
        form.addEventListener("submit", function (event) {
          event.preventDefault();
          runSearch(input, results);
        });
      }
      closeOnBackdrop(dialog);
    }
    function openSearch() {
      if (pageForm) {
        var field = pageForm.querySelector("input[name=q]");
        field.focus();
        field.select();
        return;
      }
      if (!dialog) return;
      if (dialog.open) { dialog.close(); return; }
      openModal(dialog);
      var field2 = dialog.querySelector("input[name=q]");
      if (field2) field2.focus();
    }
    all(".search-button__button").forEach(function (button) {
      button.addEventListener("click", function (event) { event.preventDefault(); openSearch(); });
    });
    var mac = /^(Mac|iPhone|iPad)/.test(navigator.platform || "");
    if (mac) all(".search-button__kbd-shortcut kbd.kbd-shortcut__modifier").forEach(function (kbd) {
      kbd.textContent = "\u2318";
    });
    window.addEventListener("keydown", function (event) {
      var modifier = mac ? event.metaKey && !event.ctrlKey : event.ctrlKey && !event.metaKey;
      if (modifier && !event.shiftKey && !event.altKey && /^k$/i.test(event.key)) {
        event.preventDefault();
        openSearch();
      }
    });
  }

  // --- "On this page": highlight the section being read. --------------------------------------
  function setupTocSync() {
    var toc = document.getElementById("pst-page-toc-nav");
    if (!toc || !("IntersectionObserver" in window)) return;
    var links = all("a[href^='#']", toc);
    var byHeading = new Map();
    links.forEach(function (link) {
      var target = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
      if (!target) return;
      byHeading.set(target.querySelector("h1, h2, h3, h4, h5, h6") || target, link);
    });
    function activate(link) {
      links.forEach(function (other) {
        var on = other === link;
        other.classList.toggle("active", on);
        if (on) other.setAttribute("aria-current", "true");
        else other.removeAttribute("aria-current");
      });
      all(".toc-entry", toc).forEach(function (entry) {
        entry.classList.toggle("active", entry.contains(link));
      });
    }
    var header = document.querySelector(".bd-header-article") || document.getElementById("pst-header");
    var top = header ? Math.round(header.getBoundingClientRect().height) : 0;
    var observer = new IntersectionObserver(function (entries) {
      var seen = entries.filter(function (entry) { return entry.isIntersecting; }).pop();
      if (seen) activate(byHeading.get(seen.target));
    }, { rootMargin: "-" + top + "px 0px -70% 0px" });
    byHeading.forEach(function (link, heading) { observer.observe(heading); });
  }

  // --- Small things the theme did. ------------------------------------------------------------
  function setupScrolled() {
    var pixel = document.querySelector(".sbt-scroll-pixel-helper");
    if (!pixel || !("IntersectionObserver" in window)) return;
    new IntersectionObserver(function (entries) {
      document.body.classList.toggle("scrolled", entries[0].boundingClientRect.y < 0);
    }).observe(pixel);
  }
  // Wide tables and outputs that scroll sideways can be reached with the keyboard.
  function setupScrollableTabStops() {
    function update() {
      all("pre, .cell_output > .output, .jp-RenderedHTMLCommon, .pst-scrollable-table-container")
        .forEach(function (el) {
          var scrolls = el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight;
          if (scrolls) el.tabIndex = 0;
          else if (el.getAttribute("tabindex") === "0") el.removeAttribute("tabindex");
        });
    }
    var timer = null;
    window.addEventListener("resize", function () {
      clearTimeout(timer);
      timer = setTimeout(update, 300);
    });
    update();
  }

  function init() {
    setMode(root.getAttribute("data-mode") || "auto");
    all(".theme-switch-button").forEach(function (button) {
      button.addEventListener("click", cycleMode);
    });
    setupSidebar(all(".primary-toggle"), document.getElementById("pst-primary-sidebar"),
      document.getElementById("pst-primary-sidebar-modal"), "pst-sidebar-hidden");
    setupSidebar(all(".secondary-toggle"), document.getElementById("pst-secondary-sidebar"),
      document.getElementById("pst-secondary-sidebar-modal"), null);
    setupSearch();
    setupTocSync();
    setupScrolled();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
  if (document.readyState === "complete") setupScrollableTabStops();
  else window.addEventListener("load", setupScrollableTabStops);
})();
