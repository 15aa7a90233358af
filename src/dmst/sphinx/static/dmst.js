/* The curriculum's script for checks and activities: instant feedback for the knowledge checks, the
   pre-course assessment (answers saved on the page, no feedback), "What would you say?"
   self-checks, and "Download my answers". (Quick exit is handled first thing on every page: see
   dmst/theme/first.js.) Everything readable works without it: each check has a reveal.
   The checks' wording and the rules for reading a typed number are not in this script: each
   check's HTML carries them as JSON (src/dmst/kinds), the data Python's grading uses, so the book
   and Jupyter say the same things (tests compare the two in a real browser).
   Answers live only in this page's memory until the learner downloads them: nothing is written
   to localStorage, sessionStorage, cookies or IndexedDB, and nothing is sent. */
(function () {
  "use strict";

  // --- Knowledge checks ----------------------------------------------------------------------
  // What the page says about each kind of question: {kinds: {name: {grader, words, asks,
  // number}}, marks, saved}. Every block on the page adds to it (an assessment page has one, a
  // lesson one per check); a check whose kind it lacks keeps its no-script reveal.
  var page = { kinds: {}, marks: {}, saved: "" };

  function readWords() {
    document.querySelectorAll("script.dmst-check-words").forEach(function (node) {
      var data;
      try {
        data = JSON.parse(node.textContent);
      } catch (error) {
        return;
      }
      Object.keys(data.kinds || {}).forEach(function (name) {
        page.kinds[name] = Object.assign({}, page.kinds[name], data.kinds[name]);
      });
      if (data.marks) page.marks = data.marks;
      if (data.saved) page.saved = data.saved;
    });
  }

  // A template's {name} slots filled, as dmst.kinds.numbers.fill does.
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (slot, name) { return String(values[name]); });
  }
  function fmt(value) {
    return value.toLocaleString("en-US", { maximumFractionDigits: 2 });
  }
  function times(ratio, whole) {
    return ratio >= whole ? fmt(Math.round(ratio)) : String(Math.round(ratio * 10) / 10);
  }

  // dmst.kinds.numbers.parse_number, with its rules and messages from the page.
  function parseNumber(text, rules) {
    var says = rules.says;
    var raw = String(text).trim();
    var cleaned = raw.toLowerCase().replace(/\u00a0/g, " ")
      .replace(new RegExp(rules.grouping, "g"), "$1");
    if (!cleaned) throw new Error(says.empty);
    var match = new RegExp(rules.pattern).exec(cleaned);
    var scale = match ? match[2] : "";
    if (!match || (scale && !Object.prototype.hasOwnProperty.call(rules.scale, scale))) {
      if (cleaned.charAt(0) === "-") throw new Error(says.negative);
      throw new Error(fill(says.unreadable, { text: raw }));
    }
    var digits = match[1];
    if (digits.indexOf(rules.separator) >= 0 && !new RegExp(rules.commas).test(digits)) {
      throw new Error(fill(says.commas, { text: raw }));
    }
    var value = parseFloat(digits.split(rules.separator).join("")) * (scale ? rules.scale[scale] : 1);
    if (value > rules.largest) throw new Error(says.too_large);
    return value;
  }

  // dmst.kinds.numbers.distance: how far a guess is from a figure or range, in the page's words.
  function distance(guess, low, high, d) {
    var shown = fmt(Math.round(guess * 100) / 100);
    var isRange = low !== high;
    if (guess >= low && guess <= high) {
      return fill(d.inside, { guess: shown, where: isRange ? d.in_range : d.exact });
    }
    var below = guess < low;
    var target = below ? low : high;
    var what = isRange ? (below ? d.range_bottom : d.range_top) : d.figure;
    if (guess <= 0) return fill(d.not_positive, { guess: shown, what: what });
    var ratio = below ? target / guess : guess / target;
    if (ratio < d.near_ratio) {
      var percent = Math.round(Math.abs(guess - target) / target * 100);
      return fill(d.near, { guess: shown, percent: percent, direction: below ? d.below : d.above, what: what });
    }
    return fill(below ? d.far_below : d.far_above, { guess: shown, what: what, times: times(ratio, d.whole_times) });
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

  // Options with feedback: "one" right option, or "all" that apply (partly right is said so).
  function gradeChoice(form, kind) {
    var words = kind.words;
    var all = kind.grader === "all";
    var options = Array.prototype.slice.call(form.querySelectorAll(".dmst-option"));
    clearOptions(form);
    var chosen = options.filter(function (o) { return o.querySelector("input").checked; });
    if (!chosen.length) {
      setResult(form, kind.asks.check, "", "");
      return null;
    }
    function isRight(o) { return o.dataset.correct === "true"; }
    function show(option, label, cls) {
      var fb = option.querySelector(".dmst-option-feedback");
      var tag = el("strong", "dmst-verdict", label + " ");
      fb.insertBefore(tag, fb.firstChild);
      fb.hidden = false;
      option.classList.add(cls);
    }
    var correct = options.filter(isRight);
    var missed = all ? correct.filter(function (o) { return chosen.indexOf(o) < 0; }) : [];
    var right;
    var headline;
    if (all) {
      right = chosen.length === correct.length && chosen.every(isRight);
      headline = right ? words.right : chosen.every(isRight) ? words.partly : words.wrong;
      chosen.forEach(function (o) {
        show(o, isRight(o) ? words.chosen_right : words.chosen_wrong,
          isRight(o) ? "dmst-chosen-correct" : "dmst-chosen-incorrect");
      });
      missed.forEach(function (o) { show(o, words.missed, "dmst-missed"); });
    } else {
      right = isRight(chosen[0]);
      headline = right ? words.right : words.wrong;
      show(chosen[0], headline, right ? "dmst-chosen-correct" : "dmst-chosen-incorrect");
    }
    // Sighted readers see feedback beside each option; the live region reads it out in full.
    var list = el("ul", "dmst-check-feedback dmst-sr-only");
    chosen.concat(missed).forEach(function (o) {
      var li = el("li");
      var prefix = chosen.indexOf(o) < 0 ? words.missed + " " : "";
      li.appendChild(el("strong", null, prefix + o.querySelector("label").textContent));
      li.appendChild(document.createTextNode(": " + o.querySelector(".dmst-option-feedback").lastChild.textContent));
      list.appendChild(li);
    });
    setResult(form, headline, right ? page.marks.right : page.marks.wrong, right ? explanationOf(form) : "", list);
    return { answer: choiceAnswer(form), correct: right ? 1 : 0 };
  }

  // A typed estimate: right inside the evidence or within the form's tolerance of it.
  function gradeNumeric(form, kind) {
    var input = form.querySelector("input[type=text]");
    var guess;
    try {
      guess = parseNumber(input.value, kind.number);
    } catch (error) {
      setResult(form, error.message, "", "");
      return null;
    }
    var low = parseFloat(form.dataset.low);
    var high = parseFloat(form.dataset.high);
    var tolerance = parseFloat(form.dataset.tolerance) || 0;
    var extra = el("p", "dmst-check-figure");
    extra.appendChild(el("strong", null, kind.words.evidence + ": "));
    extra.appendChild(document.createTextNode(form.dataset.figure));
    setResult(form, distance(guess, low, high, kind.words), "", explanationOf(form), extra);
    var close = guess >= low * (1 - tolerance) && guess <= high * (1 + tolerance);
    return { answer: numberAnswer(guess), correct: close ? 1 : 0 };
  }

  // The kinds' "grader" (dmst.kinds): how each is answered on the page.
  var GRADERS = { one: gradeChoice, all: gradeChoice, estimate: gradeNumeric };

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
  function saveOnly(form, kind) {
    var answer;
    if (kind.grader === "estimate") {
      try {
        answer = numberAnswer(parseNumber(form.querySelector("input[type=text]").value, kind.number));
      } catch (error) {
        setResult(form, error.message, "", "");
        return null;
      }
    } else {
      answer = choiceAnswer(form);
      if (!answer) {
        setResult(form, kind.asks.save, "", "");
        return null;
      }
    }
    form.querySelectorAll("input, button").forEach(function (node) { node.disabled = true; });
    form.classList.add("dmst-locked");
    setResult(form, page.saved, "", "");
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
    var kind = page.kinds[form.dataset.kind];
    if (!kind || !GRADERS[kind.grader]) return; // no wording for it on the page: keep the reveal
    var submit = form.querySelector(".dmst-check-submit");
    var retry = form.querySelector(".dmst-check-retry");
    var context = form.dataset.context || "check";
    submit.hidden = false;
    form.classList.add("dmst-enhanced");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (form.classList.contains("dmst-locked")) return;
      var result = context === "pre" ? saveOnly(form, kind) : GRADERS[kind.grader](form, kind);
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
    readWords();
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
