"""Forms filled in by hand, so the curriculum keeps no one's data: a post-session evaluation, a
certificate of completion, a sign-in sheet, a sheet for the organisation's protocol and reporting
contacts, a disclosure record (record, do not investigate); and "How to take the course" for
learners, printed from the book's page ``book/learners.md``."""

from __future__ import annotations

import re
from pathlib import Path

from dmst.kit.page import KitPage, _e, _footer, _lines, course_title
from dmst.paths import ROOT

LEARNERS_PAGE = ROOT / "book" / "learners.md"


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
