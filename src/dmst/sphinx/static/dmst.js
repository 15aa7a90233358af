/* The curriculum's script for checks and activities: instant feedback for the knowledge checks, the
   pre-course assessment (answers saved on the page, no feedback), "What would you say?"
   self-checks, and "Download my answers". (Quick exit is handled first thing on every page: see
   dmst/theme/first.js.) Everything readable works without it: each check has a reveal.
   The grading mirrors src/dmst/questions.py (tests compare the two in a real browser).
   Answers live only in this page's memory until the learner downloads them: nothing is written
   to localStorage, sessionStorage, cookies or IndexedDB, and nothing is sent. */
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
      return null;
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
    return { answer: choiceAnswer(form), correct: right ? 1 : 0 };
  }

  function gradeNumeric(form) {
    var input = form.querySelector("input[type=text]");
    var guess;
    try {
      guess = parseNumber(input.value);
    } catch (error) {
      setResult(form, error.message, "", "");
      return null;
    }
    var low = parseFloat(form.dataset.low);
    var high = parseFloat(form.dataset.high);
    var extra = el("p", "dmst-check-figure");
    extra.appendChild(el("strong", null, "The evidence: "));
    extra.appendChild(document.createTextNode(form.dataset.figure));
    setResult(form, distance(guess, low, high), "", explanationOf(form), extra);
    return { answer: numberAnswer(guess), correct: guess >= low && guess <= high ? 1 : 0 };
  }

  // --- Answers, as dmst.results.encode_answer writes them --------------------------------------
  function choiceAnswer(form) {
    var keys = Array.prototype.slice.call(form.querySelectorAll(".dmst-option input"))
      .filter(function (input) { return input.checked; })
      .map(function (input) { return input.value; });
    keys.sort();
    return keys.join(",");
  }
  function numberAnswer(value) {
    // Python's repr(float(x)): 5000 -> "5000.0", 2.5 -> "2.5".
    return Number.isInteger(value) && Math.abs(value) < 1e16 ? value + ".0" : String(value);
  }

  // The pre-course form: save the answer on the page, lock the item, teach nothing yet.
  function saveOnly(form) {
    var answer;
    if (form.dataset.kind === "numeric") {
      try {
        answer = numberAnswer(parseNumber(form.querySelector("input[type=text]").value));
      } catch (error) {
        setResult(form, error.message, "", "");
        return null;
      }
    } else {
      answer = choiceAnswer(form);
      if (!answer) {
        setResult(form, form.dataset.kind === "multiple" ? "Select at least one option, then save." :
          "Choose an answer, then save.", "", "");
        return null;
      }
    }
    form.querySelectorAll("input, button").forEach(function (node) { node.disabled = true; });
    form.classList.add("dmst-locked");
    setResult(form, "Saved on this page. When you have finished, download your answers " +
      "(the button is at the end).", "", "");
    return { answer: answer, correct: null };
  }

  // --- What this page keeps in memory, and the download ----------------------------------------
  var learner = (function () {
    var bytes = new Uint8Array(8);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  })();
  var attempts = [];

  function timestamp() {
    return new Date().toISOString().replace(/\.\d+Z$/, "+00:00");
  }
  function record(question, context, result) {
    var earlier = attempts.filter(function (a) {
      return a.question === question && a.context === context;
    }).length;
    attempts.push({
      question: question,
      context: context,
      answer: result.answer,
      correct: result.correct,
      attempt: earlier + 1,
      first_try: earlier === 0 ? 1 : 0,
      at: timestamp()
    });
  }

  // A learner may type the code their instructor asks for (the same on both assessment pages),
  // so their pre and post files count as one person; otherwise the page's random id is used.
  function learnerCode(section) {
    var field = section && section.querySelector(".dmst-learner-code");
    var typed = field ? field.value.trim().toLowerCase().replace(/\s+/g, "-") : "";
    return /^[a-z0-9_-]{1,32}$/.test(typed) ? "code-" + typed : "";
  }

  function download(context, status, section) {
    if (!attempts.length) {
      status.textContent = "Answer at least one question first; there is nothing to download yet.";
      return;
    }
    var who = learnerCode(section) || learner;
    var payload = {
      format: "dmst-results",
      version: 1,
      source: "book",
      learner: who,
      exported: timestamp(),
      attempts: attempts
    };
    var blob = new Blob([JSON.stringify(payload, null, 1)], { type: "application/json" });
    var url = URL.createObjectURL(blob);
    var link = document.createElement("a");
    link.href = url;
    link.download = "dmst-results-" + context + "-" + who + ".json";
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    var n = attempts.length;
    status.textContent = "Downloaded " + n + " answer" + (n === 1 ? "" : "s") + " as " +
      link.download + ". Give this file to your instructor.";
  }

  function enhanceDownload(section, context) {
    var button = section.querySelector(".dmst-download-button");
    var status = section.querySelector(".dmst-download-status");
    var note = section.querySelector(".dmst-needs-script");
    if (note) note.hidden = true;
    var code = section.querySelector(".dmst-learner-code-field");
    if (code) code.hidden = false;
    button.hidden = false;
    button.addEventListener("click", function () { download(context, status, section); });
  }

  // Lesson pages: the same download, at the end of the page, for the checks answered here.
  function addLessonDownload() {
    var forms = document.querySelectorAll("form.dmst-check[data-context='check'], .dmst-say-checklist");
    if (!forms.length || document.querySelector(".dmst-download")) return;
    var section = el("section", "dmst-download");
    section.setAttribute("aria-label", "Download my answers");
    var title = el("p", "dmst-download-title");
    title.appendChild(el("strong", null, "Download my answers"));
    section.appendChild(title);
    section.appendChild(el("p", null, "If your instructor collects class results, download your " +
      "answers to this page's checks as a file and give it to them. They stay on this page " +
      "only until then: nothing is stored in your browser or sent anywhere."));
    var button = el("button", "dmst-download-button", "Download my answers");
    button.type = "button";
    section.appendChild(button);
    var status = el("p", "dmst-download-status");
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    section.appendChild(status);
    var article = document.querySelector("article.bd-article") || document.body;
    article.appendChild(section);
    enhanceDownload(section, "checks");
  }

  function enhance(form) {
    var submit = form.querySelector(".dmst-check-submit");
    var retry = form.querySelector(".dmst-check-retry");
    var context = form.dataset.context || "check";
    submit.hidden = false;
    form.classList.add("dmst-enhanced");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (form.classList.contains("dmst-locked")) return;
      var result;
      if (context === "pre") result = saveOnly(form);
      else result = form.dataset.kind === "numeric" ? gradeNumeric(form) : gradeChoice(form);
      if (retry) retry.hidden = !result;
      form.dataset.answered = result ? "true" : "false";
      if (result) record(form.dataset.check, context, result);
    });
    if (!retry) return;
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

  // --- "What would you say?": write, tick what the answer did, then compare. -----------------
  function enhanceSay(prompt) {
    var checklist = prompt.querySelector(".dmst-say-checklist");
    if (!checklist) return;
    var details = prompt.querySelector("details.dmst-reveal");
    var result = prompt.querySelector(".dmst-say-result");
    var boxes = Array.prototype.slice.call(checklist.querySelectorAll("input[type=checkbox]"));
    checklist.hidden = true;
    details.hidden = true;
    var written = el("button", "dmst-say-written", "I have written my answer");
    written.type = "button";
    var compare = el("button", "dmst-say-compare", "Compare with model answers");
    compare.type = "button";
    compare.hidden = true;
    checklist.after(written);
    checklist.appendChild(compare);
    written.addEventListener("click", function () {
      written.hidden = true;
      checklist.hidden = false;
      compare.hidden = false;
      boxes[0].focus();
    });
    compare.addEventListener("click", function () {
      var ticked = boxes.filter(function (b) { return b.checked; }).map(function (b) { return Number(b.value); });
      if (!prompt.dataset.recorded) {
        record(prompt.dataset.say, "say", {
          answer: ticked.join(","),
          correct: ticked.length === boxes.length ? 1 : 0
        });
        prompt.dataset.recorded = "true";
        boxes.forEach(function (b) { b.disabled = true; });
      }
      compare.hidden = true;
      result.textContent = "Your answer had " + ticked.length + " of the " + boxes.length + " parts.";
      details.hidden = false;
      details.open = true;
    });
  }

  // --- The assessment: the short set, and the download. ------------------------------------
  function enhanceAssessment(box) {
    var context = box.dataset.context;
    var length = box.querySelector(".dmst-assessment-length");
    if (length) {
      length.hidden = false;
      length.addEventListener("change", function () {
        var short = length.querySelector("input:checked").value === "short";
        box.querySelectorAll("form.dmst-check").forEach(function (form) {
          form.hidden = short && form.dataset.short !== "true";
        });
      });
    }
    var section = box.querySelector(".dmst-download");
    if (section) enhanceDownload(section, context);
  }

  function init() {
    document.querySelectorAll("form.dmst-check").forEach(enhance);
    document.querySelectorAll("form.dmst-sort").forEach(enhanceSort);
    document.querySelectorAll(".dmst-activity-branching").forEach(enhanceBranching);
    document.querySelectorAll(".dmst-say-prompt").forEach(enhanceSay);
    document.querySelectorAll(".dmst-assessment").forEach(enhanceAssessment);
    addLessonDownload();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
