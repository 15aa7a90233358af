/* Instant feedback for the knowledge checks. Everything works without it: each check has a
   reveal. (Quick exit is handled first thing on every page: see dmst/theme/first.js.)
   The grading mirrors src/dmst/questions.py (tests compare the two in a real browser). */
(function () {
  "use strict";

  // --- Knowledge checks ----------------------------------------------------------------------
  var SCALE = { k: 1e3, thousand: 1e3, m: 1e6, million: 1e6, b: 1e9, billion: 1e9 };

  function fmt(value) {
    return value.toLocaleString("en-US", { maximumFractionDigits: 2 });
  }
  function times(ratio) {
    return ratio >= 10 ? fmt(Math.round(ratio)) : String(Math.round(ratio * 10) / 10);
  }

  function parseNumber(text) {
    var raw = String(text).trim();
    var cleaned = raw.toLowerCase().replace(/\u00a0/g, " ").replace(/(\d) (?=\d{3}\b)/g, "$1");
    if (!cleaned) throw new Error("Type a number first, for example 5000 or 2.5 million.");
    var match = /^\s*([0-9][0-9,]*(?:\.[0-9]+)?|\.[0-9]+)\s*([a-z]*)\s*$/.exec(cleaned);
    if (!match || (match[2] && !(match[2] in SCALE))) {
      if (cleaned.charAt(0) === "-") {
        throw new Error("A count of people cannot be negative. Try a number of 0 or more.");
      }
      throw new Error("\u201c" + raw + "\u201d is not a number this check can read. " +
        "Use digits, for example 5000, 5,000 or 2.5 million.");
    }
    if (match[1].indexOf(",") >= 0 && !/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(match[1])) {
      throw new Error("\u201c" + raw + "\u201d has commas in odd places. Try 5000 or 5,000.");
    }
    return parseFloat(match[1].replace(/,/g, "")) * (match[2] ? SCALE[match[2]] : 1);
  }

  function distance(guess, low, high) {
    var shown = fmt(Math.round(guess * 100) / 100);
    var isRange = low !== high;
    if (guess >= low && guess <= high) {
      return "Your guess, " + shown + ", is " + (isRange ? "inside the range" : "exactly the figure") + ".";
    }
    var below = guess < low;
    var target = below ? low : high;
    var what = isRange ? (below ? "the bottom of the range" : "the top of the range") : "the figure";
    if (guess <= 0) return "Your guess, " + shown + ", is below " + what + ".";
    var ratio = below ? target / guess : guess / target;
    if (ratio < 1.5) {
      var percent = Math.round(Math.abs(guess - target) / target * 100);
      return "Your guess, " + shown + ", is " + percent + "% " + (below ? "below " : "above ") + what + ".";
    }
    if (below) return "Your guess, " + shown + ", is well below: " + what + " is about " + times(ratio) + " times your guess.";
    return "Your guess, " + shown + ", is about " + times(ratio) + " times " + what + ".";
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function setResult(form, headline, mark, explanation, extra) {
    var result = form.querySelector(".dmst-check-result");
    result.textContent = "";
    var p = el("p", "dmst-check-headline");
    var strong = el("strong", null, (mark ? mark + " " : "") + headline);
    p.appendChild(strong);
    result.appendChild(p);
    if (extra) result.appendChild(extra);
    if (explanation) result.appendChild(el("p", "dmst-check-explanation", explanation));
  }

  function explanationOf(form) {
    var node = form.querySelector(".dmst-explanation");
    return node ? node.textContent : "";
  }

  function clearOptions(form) {
    form.querySelectorAll(".dmst-option").forEach(function (option) {
      option.classList.remove("dmst-chosen-correct", "dmst-chosen-incorrect", "dmst-missed");
      var fb = option.querySelector(".dmst-option-feedback");
      fb.hidden = true;
      var tag = fb.querySelector(".dmst-verdict");
      if (tag) tag.remove();
    });
  }

  function gradeChoice(form) {
    var kind = form.dataset.kind;
    var options = Array.prototype.slice.call(form.querySelectorAll(".dmst-option"));
    clearOptions(form);
    var chosen = options.filter(function (o) { return o.querySelector("input").checked; });
    if (!chosen.length) {
      setResult(form, kind === "multiple" ? "Select at least one option, then check." :
        "Choose an answer, then check.", "", "");
      return false;
    }
    function show(option, label, cls) {
      var fb = option.querySelector(".dmst-option-feedback");
      var tag = el("strong", "dmst-verdict", label + " ");
      fb.insertBefore(tag, fb.firstChild);
      fb.hidden = false;
      option.classList.add(cls);
    }
    var correct = options.filter(function (o) { return o.dataset.correct === "true"; });
    var right;
    var headline;
    if (kind === "multiple") {
      right = chosen.length === correct.length && chosen.every(function (o) { return o.dataset.correct === "true"; });
      var chosenOnlyCorrect = chosen.every(function (o) { return o.dataset.correct === "true"; });
      headline = right ? "Correct: you found every true statement." :
        chosenOnlyCorrect ? "Partly right: some true statements are missing." :
        "Not quite: at least one choice is not true.";
      chosen.forEach(function (o) {
        show(o, o.dataset.correct === "true" ? "True." : "Not true.",
          o.dataset.correct === "true" ? "dmst-chosen-correct" : "dmst-chosen-incorrect");
      });
      correct.forEach(function (o) {
        if (chosen.indexOf(o) < 0) show(o, "Also true:", "dmst-missed");
      });
    } else {
      right = chosen[0].dataset.correct === "true";
      headline = right ? "Correct." : "Not quite.";
      show(chosen[0], right ? "Correct." : "Not quite.", right ? "dmst-chosen-correct" : "dmst-chosen-incorrect");
    }
    // Sighted readers see feedback beside each option; the live region reads it out in full.
    var list = el("ul", "dmst-check-feedback dmst-sr-only");
    chosen.concat(kind === "multiple" ? correct.filter(function (o) { return chosen.indexOf(o) < 0; }) : [])
      .forEach(function (o) {
        var li = el("li");
        var prefix = chosen.indexOf(o) < 0 ? "Also true: " : "";
        li.appendChild(el("strong", null, prefix + o.querySelector("label").textContent));
        li.appendChild(document.createTextNode(": " + o.querySelector(".dmst-option-feedback").lastChild.textContent));
        list.appendChild(li);
      });
    setResult(form, headline, right ? "\u2713" : "\u2717", right ? explanationOf(form) : "", list);
    return true;
  }

  function gradeNumeric(form) {
    var input = form.querySelector("input[type=text]");
    var guess;
    try {
      guess = parseNumber(input.value);
    } catch (error) {
      setResult(form, error.message, "", "");
      return false;
    }
    var extra = el("p", "dmst-check-figure");
    extra.appendChild(el("strong", null, "The evidence: "));
    extra.appendChild(document.createTextNode(form.dataset.figure));
    setResult(form, distance(guess, parseFloat(form.dataset.low), parseFloat(form.dataset.high)),
      "", explanationOf(form), extra);
    return true;
  }

  function enhance(form) {
    var submit = form.querySelector(".dmst-check-submit");
    var retry = form.querySelector(".dmst-check-retry");
    submit.hidden = false;
    form.classList.add("dmst-enhanced");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var answered = form.dataset.kind === "numeric" ? gradeNumeric(form) : gradeChoice(form);
      retry.hidden = !answered;
      form.dataset.answered = answered ? "true" : "false";
    });
    retry.addEventListener("click", function () {
      form.reset();
      clearOptions(form);
      form.querySelector(".dmst-check-result").textContent = "";
      retry.hidden = true;
      form.dataset.answered = "false";
      var first = form.querySelector("input");
      if (first) first.focus();
    });
  }

  // --- Sorting activity: check every item at once, feedback beside each. -------------------
  function enhanceSort(form) {
    var submit = form.querySelector(".dmst-check-submit");
    submit.hidden = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var items = form.querySelectorAll(".dmst-sort-item");
      var right = 0;
      var sorted = 0;
      items.forEach(function (item) {
        var fb = item.querySelector(".dmst-option-feedback");
        var tag = fb.querySelector(".dmst-verdict");
        if (tag) tag.remove();
        item.classList.remove("dmst-chosen-correct", "dmst-chosen-incorrect");
        var chosen = item.querySelector("input:checked");
        if (!chosen) { fb.hidden = true; return; }
        sorted += 1;
        var ok = chosen.value === item.dataset.answer;
        if (ok) right += 1;
        var answerLabel = item.querySelector("input[value='" + item.dataset.answer + "']").parentNode.textContent.trim();
        fb.insertBefore(el("strong", "dmst-verdict", ok ? "\u2713 " : "\u2717 This one is \u201c" + answerLabel + "\u201d. "), fb.firstChild);
        fb.hidden = false;
        item.classList.add(ok ? "dmst-chosen-correct" : "dmst-chosen-incorrect");
      });
      var result = form.querySelector(".dmst-check-result");
      result.textContent = sorted === 0 ? "Sort at least one item, then check." :
        right + " of " + items.length + " sorted as we would" +
        (sorted < items.length ? " (" + (items.length - sorted) + " not sorted yet)." : ".");
    });
  }

  // --- Branching scenario: show one step at a time; every step is visible without script. --
  function enhanceBranching(section) {
    var steps = Array.prototype.slice.call(section.querySelectorAll(".dmst-branch-step"));
    if (!steps.length) return;
    function show(step) {
      steps.forEach(function (s) { s.hidden = s !== step; });
      step.querySelectorAll("details").forEach(function (d) { d.open = false; });
      step.focus();
    }
    section.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest(".dmst-branch-choice a[href^='#']");
      if (!link) return;
      var target = section.querySelector(link.getAttribute("href"));
      if (!target) return;
      event.preventDefault();
      show(target);
    });
    var restart = el("button", "dmst-branch-restart", "Start over");
    restart.type = "button";
    restart.addEventListener("click", function () { show(steps[0]); });
    section.appendChild(restart);
    steps.forEach(function (s, i) { s.hidden = i !== 0; });
  }

  function init() {
    document.querySelectorAll("form.dmst-check").forEach(enhance);
    document.querySelectorAll("form.dmst-sort").forEach(enhanceSort);
    document.querySelectorAll(".dmst-activity-branching").forEach(enhanceBranching);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
