"""The pre- and post-course tests on paper, full and short, options lettered in display order with
no answer anywhere; and a scoring key per form, for the instructor only."""

from __future__ import annotations

import re
from typing import Any

from dmst.kit.page import WHEN, KitPage, _e, _footer
from dmst.paper import answer_letters, letter

SELECT_ALL = re.compile(r"\s*\((?:select|choose|tick) all that apply\.?\)\s*$", re.I)


def _number(q: Any) -> str:
    return q.id.partition(".")[2]


def question_html(q: Any) -> str:
    """One question as printed: its number in the form, the prompt, lettered boxes; no answer."""
    prompt = SELECT_ALL.sub("", q.prompt)
    if q.kind == "multiple":
        how = "Tick all that apply."
    elif q.kind == "myth_fact":
        how = "Myth or fact? Tick one."
    elif q.kind == "numeric":
        how = f"Write a number{f' ({q.unit})' if q.unit else ''}."
    else:
        how = "Tick one."
    head = (
        f'<p class="prompt"><span class="number">{_number(q)}.</span> {_e(prompt)} '
        f'<span class="how">{how}</span></p>'
    )
    if q.kind == "numeric":
        return f'<li class="question">{head}<p><span class="line"></span></p></li>'
    inline = " inline" if q.kind == "myth_fact" else ""
    options = "".join(
        f'<li><span class="letter">{letter(i)}</span><span class="box"></span>'
        f"<span>{_e(o.text)}</span></li>"
        for i, o in enumerate(q.options)
    )
    return f'<li class="question">{head}<ul class="options{inline}">{options}</ul></li>'


def _help() -> str:
    from dmst.handouts import compact_resources

    return (
        '<section class="help"><p><strong>Where to get help.</strong> If a young person is in '
        "immediate danger, call 911. Your instructor can tell you who to talk to where you work or "
        f"learn. These services can help:</p>{compact_resources()}</section>"
    )


def test_page(context: str, short: bool = False) -> KitPage:
    """The printed test a context uses (its form, or the form's short set); no answers."""
    from dmst.assessment import form_items, forms

    form = forms()[context]
    questions = form_items(context, short)
    when = WHEN[context]
    which = "short set" if short else "questions"
    purpose = (
        "It shows your instructor what the class as a whole knows before the course."
        if context == "pre"
        else "It shows your instructor what the class as a whole learned."
    )
    skipped = " The numbers follow the full form, so some numbers are missing." if short else ""
    body = (
        '<div class="head"><div>'
        f"<h1>{when}: {which}</h1>"
        f'<p class="lead">{len(questions)} questions. This is not a test of you: no one is '
        f"marked. {purpose}</p></div>"
        f'<div class="badge">Form {form}</div></div>'
        '<p class="code"><strong>Your learner code:</strong> <span class="line"></span></p>'
        '<ul class="notes">'
        "<li><strong>Do not write your name.</strong> Make up a code you will remember, such as a "
        "word and a number (river42), not your initials or date of birth, and write the same "
        "code on the test after the course.</li>"
        "<li>Tick one box for each question, unless it says <strong>Tick all that apply</strong>. "
        "If you are not sure, tick the answer you think is best. You may leave a question "
        f"blank.{skipped}</li>"
        "<li>The questions describe fictional situations about the sexual exploitation of young "
        "people, without graphic detail. You may skip any question or stop at any time, and you "
        "do not need to say why.</li></ul>"
        f'<ol class="questions">{"".join(question_html(q) for q in questions)}</ol>'
        f"{_help()}"
    )
    name = f"test-{context}{'-short' if short else ''}-form-{form}"
    return KitPage(
        name,
        f"{when}: {which} (form {form})",
        body,
        one_page=False,
        running=f"Form {form}, {when.lower()}{', short set' if short else ''}",
    )


def key_page(form: str) -> KitPage:
    """The scoring key of one form: item, right letter(s), objective, short set; one page."""
    from dmst.assessment import forms, items

    questions = sorted((q for q in items() if q.form == form), key=lambda q: int(_number(q)))
    used = [c for c, f in forms().items() if f == form]
    when = " and ".join(WHEN[c].lower() for c in used) or "not used at present"
    rows = [
        f"<tr><td>{_number(q)}</td><td><strong>{_e(answer_letters(q))}</strong></td>"
        f"<td>{q.objective}</td><td>{'short' if q.short else ''}</td></tr>"
        for q in questions
    ]
    half = (len(rows) + 1) // 2
    head = "<thead><tr><th>No.</th><th>Right answer</th><th>Objective</th><th>Set</th></tr></thead>"
    tables = "".join(
        f"<table>{head}<tbody>{''.join(part)}</tbody></table>"
        for part in (rows[:half], rows[half:])
    )
    body = (
        '<p class="keep-away">For the instructor: keep this key away from learners.</p>'
        f"<h1>Scoring key: form {form}</h1>"
        f'<p class="lead">Form {form} is used {when} (set at the top of '
        "<code>src/dmst/data/assessment.yml</code>). Letters follow the printed test and the "
        "screen. A tick-all-that-apply question is right only when every right letter, and no "
        "other, is ticked. Rows marked <em>short</em> make the short set. The "
        "curriculum map in the book gives each objective's wording.</p>"
        f'<div class="keys">{tables}</div>'
        "<h2>Entering paper tests for the class report</h2>"
        "<ol>"
        "<li>Open <code>handouts/paper-tests.csv</code> (written by <code>make handouts</code>) "
        "in a spreadsheet.</li>"
        "<li>One row per test: the <strong>learner</strong> code as written, the "
        "<strong>form</strong> letter (A or B), the <strong>context</strong> (pre or post), then "
        "under each question number the letter(s) ticked: <code>B</code>, <code>A;C</code> for "
        "several, blank if skipped. Type what was ticked, not right or wrong: the report grades "
        "it with this key.</li>"
        "<li>Save it as CSV in the folder with the learners' results files, then run "
        "<code>.venv/bin/dmst class-results FOLDER</code> or open the Class results notebook. A "
        "mistake is listed in one line naming the row and column; the other rows still count."
        "</li></ol>" + _footer(f"Scoring key, form {form}: not for learners.")
    )
    return KitPage(f"key-form-{form}", f"Scoring key: form {form}", body)
