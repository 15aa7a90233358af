"""The paper kit for the room, printed by ``make handouts`` beside the lesson handouts.

- the pre- and post-course tests on paper: the form each context uses, full and short, options
  lettered A, B, C... in display order (the order on screen), no answer anywhere;
- a scoring key per form, for the instructor only;
- a post-session evaluation form, a certificate of completion and a sign-in sheet, all blank and
  filled in by hand, so the curriculum keeps no one's data;
- a sheet for the organisation's protocol and reporting contacts, and a disclosure record, both
  following the instructors' guide (record, do not investigate);
- "How to take the course" for learners, printed from the book's page ``book/learners.md``.

Pages are self-contained HTML (no stylesheet file, nothing fetched) written to
``_build/handouts/kit/`` and printed to ``handouts/`` by headless Chromium.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from dmst.paper import answer_letters, letter
from dmst.printing import pdf_pages

ROOT = Path(__file__).resolve().parents[2]
LEARNERS_PAGE = ROOT / "book" / "learners.md"
WHEN = {"pre": "Before the course", "post": "After the course"}


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


@cache
def course_title() -> str:
    """The book's title, as ``_config.yml`` sets it."""
    import yaml

    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    return str(config.get("title") or "Domestic Minor Sex Trafficking")


PORTRAIT = "@page { size: Letter; margin: 13mm 15mm; }"
LANDSCAPE = "@page { size: Letter landscape; margin: 12mm; }"
KIT_CSS = """
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10.5pt; line-height: 1.35;
  color: #111; margin: 0; }
h1 { font-size: 16pt; margin: 0 0 1.5mm; }
h2 { font-size: 11.5pt; margin: 3mm 0 1mm; border-bottom: 1.5px solid #111; padding-bottom: 0.5mm; }
p { margin: 0 0 1.5mm; }
ul { margin: 0 0 1.5mm; padding-left: 5mm; }
li { margin: 0 0 0.6mm; }
.lead { margin-bottom: 2mm; }
.small { font-size: 8.5pt; color: #333; }
.box { display: inline-block; width: 4.2mm; height: 4.2mm; border: 1.3px solid #111;
  vertical-align: -0.8mm; margin-right: 1.6mm; background: #fff; }
.line { display: inline-block; border-bottom: 1px solid #333; min-width: 40mm; height: 5mm; }
.fill { display: flex; gap: 3mm; align-items: flex-end; margin: 2.2mm 0 0; }
.fill > span:first-child { white-space: nowrap; font-weight: 600; }
.fill > .line { flex: 1; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; }
table.lines th { width: 50%; font-weight: 600; padding: 1.5mm 2mm 0.3mm 0; vertical-align: bottom;
  font-size: 9.5pt; line-height: 1.2; }
table.lines td { border-bottom: 1px solid #666; }
table.grid th, table.grid td { border: 1px solid #666; padding: 0.8mm 1.5mm; }
table.grid th { background: #eee; font-size: 9pt; }
table.grid td { height: 7mm; }
.guidance { border: 2px solid #111; padding: 1.5mm 3mm; margin: 0 0 1.5mm; background: #f3f3f3;
  font-size: 9.5pt; }
.guidance ul { margin: 0; }
.area { border: 1px solid #666; margin: 0.8mm 0 1mm; }
.footer { font-size: 8pt; color: #444; margin-top: 2.5mm; border-top: 1px solid #999;
  padding-top: 1mm; }
/* tests */
.head { display: flex; justify-content: space-between; gap: 6mm; align-items: flex-start; }
.badge { border: 2px solid #111; padding: 1mm 3mm; font-size: 15pt; font-weight: 700;
  white-space: nowrap; }
.code { font-size: 12pt; margin: 2mm 0 1mm; }
.code .line { min-width: 60mm; }
.notes { font-size: 9.5pt; }
ol.questions { list-style: none; padding: 0; margin: 2mm 0 0; }
.question { break-inside: avoid; margin: 0 0 3.2mm; padding-top: 1.4mm;
  border-top: 1px solid #bbb; }
.question .prompt { margin: 0 0 1mm; }
.question .number { font-weight: 700; margin-right: 1mm; }
.question .how { font-weight: 700; font-style: italic; white-space: nowrap; }
ul.options { list-style: none; padding: 0; margin: 0; }
ul.options li { display: flex; gap: 0; margin: 0 0 1.1mm; padding-left: 2mm; }
ul.options .letter { font-weight: 700; width: 5mm; flex: none; }
ul.options .box { flex: none; margin-top: 0.5mm; }
ul.options.inline { display: flex; gap: 12mm; }
.help { break-inside: avoid; border: 1px solid #666; padding: 2mm 3mm; margin-top: 3mm;
  font-size: 9pt; }
.help ul { columns: 2; column-gap: 6mm; }
.help li { break-inside: avoid; }
/* key */
.keep-away { border: 2.5px solid #111; padding: 1.5mm 3mm; font-weight: 700; font-size: 12pt;
  margin: 0 0 2mm; text-align: center; }
.keys { display: flex; gap: 6mm; }
.keys table { font-size: 10.5pt; }
.keys th, .keys td { border: 1px solid #888; padding: 0.6mm 1.5mm; }
.keys th { background: #eee; }
/* scales */
table.scale { font-size: 11pt; }
table.scale th { font-weight: 400; padding: 2.5mm 2mm 2.5mm 0; width: 55%; }
table.scale td { text-align: center; padding: 2.5mm 0; font-size: 9pt; width: 9%; }
table.scale thead th, table.scale thead td { font-size: 8.5pt; color: #333;
  vertical-align: bottom; }
table.scale tbody tr { border-top: 1px solid #ccc; }
table.scale .ends { display: flex; justify-content: space-between; }
/* certificate */
body.landscape { font-size: 12pt; }
.certificate { border: 3px double #111; padding: 14mm 18mm; min-height: 188mm; text-align: center; }
.certificate h1 { font-size: 28pt; letter-spacing: 0.5pt; margin: 2mm 0 6mm; }
.certificate .course { font-size: 17pt; font-weight: 700; margin: 3mm 0 6mm; }
.certificate .name { border-bottom: 1px solid #111; height: 12mm; margin: 2mm 25mm 1mm; }
.certificate .label { font-size: 10pt; color: #333; }
.certificate .fields { display: grid; grid-template-columns: 1fr 1fr; gap: 7mm 14mm;
  text-align: left; margin-top: 10mm; }
.certificate .field .line { display: block; min-width: 0; height: 9mm; }
/* sign-in */
table.signin td { height: 9.4mm; }
table.signin td:first-child { width: 8mm; text-align: right; color: #555; font-size: 9pt; }
/* learners */
.learners { font-size: 11pt; }
.learners h1 { font-size: 18pt; }
.learners h2 { margin-top: 3mm; font-size: 12.5pt; }
.learners li { margin-bottom: 0.8mm; }
.learners code { font-size: 9.5pt; }
"""


@dataclass(frozen=True)
class KitPage:
    """One printable page (or a multi-page test) and how to print it."""

    name: str  # the PDF's file name, without .pdf
    title: str
    body: str
    one_page: bool = True
    landscape: bool = False
    running: str = ""  # a multi-page document's footer, with "page N of M" after it

    def html(self) -> str:
        css = (LANDSCAPE if self.landscape else PORTRAIT) + KIT_CSS
        return (
            '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            f"<title>{_e(self.title)}</title><style>{css}</style></head>"
            f'<body class="{"landscape" if self.landscape else "portrait"}"><main>'
            f"{self.body}</main></body></html>"
        )


def _line(label: str, width: str = "") -> str:
    style = f' style="min-width:{width}"' if width else ""
    return f'<p class="fill"><span>{_e(label)}</span><span class="line"{style}></span></p>'


def _lines(rows: list[str]) -> str:
    cells = "".join(f"<tr><th scope='row'>{_e(r)}</th><td></td></tr>" for r in rows)
    return f'<table class="lines">{cells}</table>'


def _footer(text: str = "") -> str:
    extra = f" {text}" if text else ""
    return f'<p class="footer">{_e(course_title())}.{_e(extra)}</p>'


# --- the tests -----------------------------------------------------------------------------------

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


# --- forms filled in by hand ---------------------------------------------------------------------


def evaluation_page() -> KitPage:
    scale = "".join(f"<td>{n}<br><span class='box'></span></td>" for n in range(1, 6))

    def row(text: str) -> str:
        return f"<tr><th scope='row'>{_e(text)}</th>{scale}</tr>"

    def table(left: str, right: str, rows: list[str]) -> str:
        ends = (
            f"<thead><tr><th></th><td colspan='5'><div class='ends'><span>1 = {_e(left)}</span>"
            f"<span>5 = {_e(right)}</span></div></td></tr></thead>"
        )
        return f'<table class="scale">{ends}<tbody>{"".join(row(r) for r in rows)}</tbody></table>'

    body = (
        "<h1>After the session: your view</h1>"
        '<p class="lead"><strong>Do not write your name.</strong> This form is anonymous, so no '
        "one can reply to it. Please do not write about a young person or anyone's situation "
        "here. If something today is on your mind, talk to the instructor, or use the support "
        "list you were given. Tick one box in each row.</p>"
        "<h2>How useful was it?</h2>"
        + table(
            "not useful",
            "very useful",
            ["How useful was this session for your work or your role?"],
        )
        + "<h2>How confident are you?</h2>"
        + table(
            "not at all confident",
            "very confident",
            [
                "To recognise possible signs that a young person is being exploited: "
                "before the session",
                "To recognise possible signs: now",
                "To respond to a young person and follow your state's law and your "
                "organisation's protocol: before the session",
                "To respond and follow the law and protocol: now",
            ],
        )
        + "<h2>In your words</h2>"
        + "".join(
            f'<p class="fill"><span>{q}</span></p><div class="area" style="height:17mm"></div>'
            for q in ("What was most useful?", "What should we change?", "Anything else?")
        )
        + '<p class="small" style="margin-top:4mm">Hand this form in face down, or put it in the '
        "box by the door. Thank you.</p>" + _footer("Evaluation form: anonymous.")
    )
    return KitPage("evaluation-form", "After the session: your view", body)


def certificate_page() -> KitPage:
    def field(label: str) -> str:
        return (
            f'<div class="field"><span class="line"></span>'
            f'<span class="label">{_e(label)}</span></div>'
        )

    body = (
        '<div class="certificate">'
        "<h1>Certificate of completion</h1>"
        "<p>This certifies that</p>"
        '<div class="name"></div><p class="label">Name of the learner, written by the instructor'
        "</p><p>has completed training in</p>"
        f'<p class="course">{_e(course_title())}</p>'
        '<div class="fields">'
        + field("Session or lessons taken")
        + field("Date or dates")
        + field("Hours of instruction (the session plan used)")
        + field("Organisation")
        + field("Instructor's name")
        + field("Instructor's signature")
        + "</div>"
        '<p class="small" style="margin-top:9mm">Filled in by hand. The curriculum keeps no '
        "record of who took the course: any record of training hours is kept by the "
        "organisation.</p></div>"
    )
    return KitPage("certificate", "Certificate of completion", body, landscape=True)


def sign_in_page() -> KitPage:
    rows = "".join(f"<tr><td>{n}</td><td></td><td></td><td></td></tr>" for n in range(1, 21))
    body = (
        "<h1>Sign-in sheet</h1>"
        '<table class="lines"><tr><th scope="row">Session and date</th><td></td></tr>'
        '<tr><th scope="row">Organisation and place</th><td></td></tr>'
        '<tr><th scope="row">Instructor</th><td></td></tr></table>'
        '<p class="small" style="margin-top:2mm">This sheet stays with the organisation that '
        "runs the session, under its own records policy. It is never part of the class results: "
        "tests, results files and the class report carry no names. Giving a contact is "
        "optional. Do not write your learner code here.</p>"
        '<table class="grid signin"><thead><tr><th></th><th style="width:34%">Name</th>'
        '<th style="width:32%">Role and organisation</th>'
        "<th>Contact, optional (email or phone)</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>" + _footer("Sign-in sheet: kept by the organisation.")
    )
    return KitPage("sign-in-sheet", "Sign-in sheet", body)


def protocol_page() -> KitPage:
    body = (
        "<h1>Our protocol and reporting contacts</h1>"
        '<p class="lead">Fill this in with your organisation before you teach, checking each entry '
        "at its source, and keep it with you at every session. <strong>If anyone is in immediate "
        "danger, call 911.</strong></p>"
        "<h2>1. Who to tell first, here</h2>"
        + _lines(
            [
                "Name and role",
                "Phone, extension, email",
                "If they are away: who, and their number",
                "How fast they need to hear",
            ]
        )
        + "<h2>2. The state's mandated-reporting law</h2>"
        + _lines(
            [
                "State, and the law's name or citation",
                "Where to read it (web address or office)",
                "Who must report: does it include me, and volunteers?",
                "To whom, how fast, and in writing too?",
                "Does telling my supervisor meet my own duty?",
            ]
        )
        + "<h2>3. Where reports go</h2>"
        + _lines(
            [
                "State child abuse reporting line (number, hours)",
                "Child-protection intake (agency; phone or online form)",
                "After hours and weekends",
                "Police, if the protocol says so (non-emergency number)",
            ]
        )
        + "<h2>4. Our organisation's policy</h2>"
        + _lines(
            [
                "Policy document: title and date",
                "Where it is kept",
                "What to write down, where it is kept, who may see it",
                "An adult describes abuse in their own childhood: what applies",
                "An adult learner is being exploited now: what applies",
                "Support for staff after a hard conversation",
            ]
        )
        + '<p class="small" style="margin-top:2mm">Telling a help line or a trainer may not meet '
        "a legal duty to report: follow your state's law and your protocol. For an adult, there "
        "is usually no mandated report, and the choices are theirs, unless someone is in danger "
        "or a child is at risk. For a caller under 18, a help line may have to involve child "
        "protection.</p>"
        + _lines(["Checked by (name), on (date)"])
        + _footer("Check every entry again within 12 months, and whenever a law or number changes.")
    )
    return KitPage("protocol-and-contacts", "Our protocol and reporting contacts", body)


def disclosure_page() -> KitPage:
    told = "".join("<tr><td></td><td></td><td></td></tr>" for _ in range(3))
    body = (
        "<h1>Disclosure record</h1>"
        '<div class="guidance"><p><strong>Record; do not investigate.</strong> Write this as soon '
        "as you can, with only what your protocol asks you to record.</p><ul>"
        "<li>Write what the young person said in <strong>their own words</strong>, in quotation "
        "marks, as closely as you can. Write down any question you asked, word for word.</li>"
        "<li><strong>Do not ask leading questions</strong> or press for details: listen to what "
        "they choose to say. Write facts, not guesses or opinions.</li>"
        "<li><strong>Do not investigate</strong>: do not question others, search phones or "
        "social media, or photograph or examine anyone. Finding out what happened is for "
        "trained investigators.</li>"
        "<li><strong>Keep this record secure</strong> (locked away or in your organisation's "
        "secure system, not in email or a shared folder), and share it only as your protocol "
        "says. It is never part of the course's results, tests or sign-in sheet.</li></ul></div>"
        + _lines(
            [
                "Your name and role",
                "When they told you (date, time) and where",
                "The young person: name or the reference your protocol uses",
            ]
        )
        + '<p class="fill"><span>What they said, in their own words (verbatim)</span>'
        '<span class="small">continue on the back if you need to</span></p>'
        '<div class="area" style="height:40mm"></div>'
        '<p class="fill"><span>What you told them would happen next</span>'
        '<span class="line"></span></p>'
        "<h2>Who you told, and when</h2>"
        '<table class="grid"><thead><tr><th style="width:45%">Name and role</th>'
        '<th style="width:30%">Date and time</th><th>How (in person, phone...)</th></tr></thead>'
        f"<tbody>{told}</tbody></table>"
        "<h2>What was done</h2>"
        + _lines(
            [
                "911 called? When?",
                "Report made to (agency or line), date and time",
                "Reference number",
                "Written follow-up sent, if your protocol needs one (date)",
                "Support offered to the young person",
                "Your signature, and the date and time of this record",
            ]
        )
        + _footer("Disclosure record: confidential; keep it as your protocol says.")
    )
    return KitPage("disclosure-record", "Disclosure record", body)


# --- for learners --------------------------------------------------------------------------------


def learners_page(source: Path = LEARNERS_PAGE) -> KitPage:
    """The book's "How to take the course", rendered for print (links become their text)."""
    from markdown_it import MarkdownIt

    text = source.read_text(encoding="utf-8")
    rendered = MarkdownIt("commonmark").render(text)
    rendered = re.sub(r"<a [^>]*>(.*?)</a>", r"\1", rendered, flags=re.S)
    title = re.search(r"^# (.+)$", text, re.M)
    body = f'<div class="learners">{rendered}</div>' + _footer(
        "Where to get help: Safety and support, in the book, and any local help sheet your "
        "instructor gives you."
    )
    return KitPage("how-to-take-the-course", title.group(1) if title else "", body)


# --- the whole kit -------------------------------------------------------------------------------


def kit_pages() -> list[KitPage]:
    from dmst.assessment import CONTEXTS, forms, items

    pages = [test_page(c, short) for c in CONTEXTS for short in (False, True)]
    used = sorted({q.form for q in items()} & set(forms().values()))
    pages += [key_page(f) for f in used]
    pages += [
        evaluation_page(),
        certificate_page(),
        sign_in_page(),
        protocol_page(),
        disclosure_page(),
        learners_page(),
    ]
    return pages


def write_kit(folder: Path) -> list[tuple[KitPage, Path]]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kit_page in kit_pages():
        path = folder / f"{kit_page.name}.html"
        path.write_text(kit_page.html(), encoding="utf-8")
        written.append((kit_page, path))
    return written


FOOTER = (
    '<div style="font-family: DejaVu Sans, Arial, sans-serif; font-size: 8pt; color: #444; '
    'width: 100%; padding: 0 15mm; display: flex; justify-content: space-between;">'
    "<span>{running}</span><span>Page <span class='pageNumber'></span> of "
    "<span class='totalPages'></span></span></div>"
)


def print_kit(
    written: list[tuple[KitPage, Path]], out: Path, browser: Any
) -> list[tuple[Path, int, bool]]:
    """Print each page with a Playwright Chromium browser: (pdf, pages, must be one page)."""
    out.mkdir(parents=True, exist_ok=True)
    made = []
    tab = browser.new_page()
    for kit_page, source in written:
        tab.goto(source.as_uri())
        target = out / f"{kit_page.name}.pdf"
        options: dict[str, Any] = {"path": str(target), "print_background": True}
        if kit_page.running:
            options.update(
                display_header_footer=True,
                header_template="<span></span>",
                footer_template=FOOTER.format(running=_e(kit_page.running)),
                margin={"top": "13mm", "bottom": "16mm", "left": "15mm", "right": "15mm"},
            )
        pdf = tab.pdf(prefer_css_page_size=not kit_page.running, **options)
        made.append((target, pdf_pages(pdf), kit_page.one_page))
    tab.close()
    return made


__all__ = ["KitPage", "kit_pages", "print_kit", "write_kit"]
