"""Agendas as an instructor sees them: text for the terminal, Markdown for the book, and a
printable one-page sheet that headless Chromium turns into a PDF (``dmst plan --pdf``, and
``make handouts`` for the ready plans).
"""

from __future__ import annotations

import html
import tempfile
from pathlib import Path

from dmst.lessons import curriculum
from dmst.pages import md
from dmst.planner import Agenda, Item, plan, plan_course
from dmst.printing import NO_CHROMIUM, chromium, pdf_pages
from dmst.sessions import ReadyPlan, sessions

EN_DASH = "\u2013"
KEEP, OPTIONAL = "keep", "optional"
DENSE_ROWS = 24  # a longer agenda prints in a smaller type, so it stays on one page


def clock(minutes: int) -> str:
    minutes %= 24 * 60
    return f"{minutes // 60}:{minutes % 60:02d}"


def parse_clock(text: str) -> int:
    """'9:00', '13:30' or '9' as minutes after midnight; ValueError in plain words otherwise."""
    hours, _, mins = text.strip().partition(":")
    if not hours.isdigit() or (mins and not mins.isdigit()):
        raise ValueError(f"{text!r} is not a time: write it like 9:00 or 13:30.")
    value = int(hours) * 60 + int(mins or 0)
    if int(hours) > 23 or int(mins or 0) > 59:
        raise ValueError(f"{text!r} is not a time: write it like 9:00 or 13:30.")
    return value


def label(item: Item) -> str:
    """What a row says: lesson rows name their lesson."""
    if item.kind == "section":
        return f"Lesson {int(item.lesson)} · {item.title}"
    return item.title


def importance(item: Item) -> str:
    if item.kind in ("break", "open", "pre-test", "post-test"):
        return ""
    return KEEP if item.keep else OPTIONAL


def summary(agenda: Agenda) -> str:
    names = [f"{int(i)}" for i in agenda.lessons]
    lessons = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    breaks = sum(1 for i in agenda.items if i.kind == "break")
    practice = sum(1 for i in agenda.items if i.practice)
    parts = [
        f"{agenda.minutes} minutes",
        f"lesson{'s' if len(names) > 1 else ''} {lessons}",
        f"{practice} practice block{'s' if practice != 1 else ''}",
        f"{breaks} break{'s' if breaks != 1 else ''}" if breaks else "no break needed",
    ]
    if agenda.assessment:
        parts.append(f"pre- and post-test ({agenda.assessment} form)")
    return ", ".join(parts) + "."


# --- text, for the terminal -----------------------------------------------------------------------


def agenda_text(agenda: Agenda, start: int = 9 * 60, title: str = "") -> str:
    lines = [title or f"A {agenda.minutes}-minute session", summary(agenda), ""]
    for at, item in agenda.timed():
        span = f"{clock(start + at):>5}{EN_DASH}{clock(start + at + item.minutes):<5}"
        mark = {"keep": "*", "optional": " ", "": " "}[importance(item)]
        lines.append(f"{span} {item.minutes:>3} min {mark} {label(item)}")
    lines += ["", "* always kept: the lesson's notes say to keep it when time is short."]
    if agenda.left_out:
        lines += ["", "Not in this plan (learners can do its checks and activities on their own):"]
        lines += [f"  {line}" for line in agenda.left_out]
    return "\n".join(lines) + "\n"


# --- Markdown, for the book -----------------------------------------------------------------------


def agenda_markdown(agenda: Agenda) -> str:
    rows = ["| Start | Block | Minutes | If time runs short |", "|---|---|---|---|"]
    for at, item in agenda.timed():
        text = md(label(item))
        if item.keep and item.kind == "section":
            text = f"**{text}**"
        rows.append(f"| {clock(at)} | {text} | {item.minutes} | {importance(item)} |")
    notes = ", ".join(
        f"{{doc}}`lesson {int(i)} </book/instructors/lesson-{i}>`" for i in agenda.lessons
    )
    lines = [*rows, "", f"{summary(agenda)} Facilitator notes: {notes}.", ""]
    if agenda.left_out:
        lines += [
            "Not in this plan (learners can do these sections' checks and activities on their "
            "own afterwards; each one explains its answer):",
            "",
            *(f"- {md(line)}" for line in agenda.left_out),
            "",
        ]
    return "\n".join(lines)


def rules_markdown() -> str:
    """The planner's rules, with the minutes from sessions.yml."""
    s = sessions().settings
    names = [f"{int(i)} ({md(curriculum().lesson(i).title)})" for i in s.lessons]
    core = "lesson " + (names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}")
    core = core if len(names) == 1 else core.replace("lesson ", "lessons ", 1)
    return f"""\
- **One welcome, one close.** The session opens once ({s.welcome} minutes): ground rules,
  where support is, and the first lesson's content note read aloud. Each further lesson opens only
  with its own content note ({s.content_note} minutes). The session ends once: the last lesson's
  key points, questions, the support list and a calm close.
- **What the notes say to keep is always in.** Each lesson's facilitator notes say what to keep if
  you are short of time (the content note, a definition, a scenario, the key points and so on).
  Those blocks are in bold and marked "keep"; blocks marked "optional" are the first to drop if the
  session runs late.
- **Practice in every plan.** At least one knowledge-check set, sorting activity, scenario or
  "What would you say?" activity.
- **Rest.** No stretch runs longer than {s.longest_without_break} minutes without a break
  ({s.break_minutes} minutes or more).
- **Lessons in your order.** Unless you choose others, the core lessons, in this order:
  {core}. A lesson whose must-keep parts do not fit is left for another session and
  named under the agenda; it is never squeezed.
- **Time for the pre- and post-test** when a plan uses them, straight after the welcome and just
  before the close: {s.assessment["short"]} minutes each for the short form (one question per
  lesson), {s.assessment["full"]} each for the full form.
"""


def ready_plan_markdown(ready: ReadyPlan, heading: str = "##") -> str:
    lines = [f"{heading} {md(ready.title)}", "", md(ready.audience), ""]
    if ready.course:
        for n, agenda in enumerate(course_agendas(ready), 1):
            lesson = curriculum().lesson(agenda.lessons[0])
            lines += [f"{heading}# Session {n}: {md(lesson.title)}", "", agenda_markdown(agenda)]
    else:
        lines.append(agenda_markdown(ready_agenda(ready)))
    return "\n".join(lines)


def ready_agenda(ready: ReadyPlan) -> Agenda:
    return plan(ready.minutes, ready.lessons or None, ready.assessment)


def course_agendas(ready: ReadyPlan) -> list[Agenda]:
    return plan_course(ready.minutes, ready.lessons or None, ready.assessment)


# --- a printable page -----------------------------------------------------------------------------

SHEET_CSS = """
@page { size: Letter; margin: 12mm 14mm; }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10pt; line-height: 1.3;
  color: #1a1a1a; margin: 0; }
h1 { font-size: 15pt; margin: 0 0 1mm; }
h2 { font-size: 11pt; margin: 3mm 0 1mm; }
p { margin: 0 0 1.5mm; }
.lead { font-size: 9.5pt; color: #333; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; table-layout: fixed; }
th, td { border: 1px solid #999; padding: 0.7mm 1.8mm; text-align: left; vertical-align: top; }
th { background: #eee; }
td.num, th.num { text-align: right; white-space: nowrap; }
td.time { white-space: nowrap; }
tr.keep td.what { font-weight: 600; }
tr.break td { background: #f2f2f2; font-style: italic; }
body.dense { font-size: 9pt; }
body.dense table { font-size: 8pt; }
body.dense th, body.dense td { padding: 0.4mm 1.5mm; }
body.dense h2 { margin: 2mm 0 0.5mm; }
.small { font-size: 8.5pt; color: #333; }
footer { font-size: 7.5pt; color: #555; margin-top: 2mm; }
"""


def page(title: str, body: str, dense: bool = False) -> str:
    body_class = ' class="dense"' if dense else ""
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title><style>{SHEET_CSS}</style></head>"
        f"<body{body_class}><main>{body}</main><footer>Domestic Minor "
        "Sex Trafficking: an open curriculum. Built from the lessons' own timings. Keep: what "
        "each lesson's notes say always to keep (in bold); drop the others first if time runs "
        "short.</footer></body></html>"
    )


def agenda_table(agenda: Agenda, start: int = 0) -> str:
    rows = []
    for at, item in agenda.timed():
        cls = "break" if item.kind in ("break", "open") else ("keep" if item.keep else "")
        keep = {KEEP: "yes", OPTIONAL: "no", "": ""}[importance(item)]
        rows.append(
            f'<tr class="{cls}"><td class="time">{clock(start + at)}</td>'
            f"<td class='what'>{html.escape(label(item))}</td>"
            f'<td class="num">{item.minutes}</td><td>{keep}</td></tr>'
        )
    return (
        '<table><colgroup><col style="width:9%"><col><col style="width:7%">'
        '<col style="width:8%"></colgroup>'
        '<thead><tr><th scope="col">Start</th><th scope="col">Block</th>'
        '<th scope="col" class="num">Min</th><th scope="col">Keep</th></tr>'
        f"</thead><tbody>{''.join(rows)}</tbody></table>"
    )


BEFORE = (
    "<h2>Before the session</h2><p class='small'>Know your state's mandated-reporting law and "
    "your organisation's protocol, with the name and number of the person you would call. Have "
    "your local resources ready, and a plan if someone discloses. Read each lesson's facilitator "
    "notes. Read every content note aloud; anyone may step out without saying why.</p>"
)


def agenda_page(agenda: Agenda, title: str, lead: str = "", start: int | None = None) -> str:
    """One printable page; with no start time the times run from 0:00 and a blank asks for it."""
    left = "".join(f"<li>{html.escape(line)}</li>" for line in agenda.left_out)
    left_html = (
        "<h2>Not in this plan</h2><p class='small'>Learners can do these sections' checks and "
        f"activities on their own afterwards.</p><ul class='small'>{left}</ul>"
        if left
        else ""
    )
    return page(
        title,
        f"<h1>{html.escape(title)}</h1>"
        + (f"<p class='lead'>{html.escape(lead)}</p>" if lead else "")
        + f"<p class='lead'>{html.escape(summary(agenda))}"
        + (" Start time: ________" if start is None else "")
        + "</p>"
        + agenda_table(agenda, start or 0)
        + left_html
        + BEFORE,
        dense=len(agenda.items) > DENSE_ROWS,
    )


def course_page(ready: ReadyPlan) -> str:
    """The whole course on one page: one line per session, what it holds."""
    rows = []
    for n, agenda in enumerate(course_agendas(ready), 1):
        lesson = curriculum().lesson(agenda.lessons[0])
        kinds = [i.kind for i in agenda.items]
        extra = [
            text
            for kind, text in (("pre-test", "pre-test"), ("post-test", "post-test"))
            if kind in kinds
        ]
        open_minutes = sum(i.minutes for i in agenda.items if i.kind == "open")
        sections = sum(1 for i in agenda.items if i.kind == "section")
        dropped = len(lesson.teaching_sections) - sections
        what = (
            f"all {sections} sections"
            if not dropped
            else f"{sections} sections, {dropped} left out"
        )
        if open_minutes:
            what += f"; {open_minutes} minutes of open time"
        rows.append(
            f"<tr><td class='num'>{n}</td><td>Lesson {int(lesson.id)}: "
            f"{html.escape(lesson.title)}</td><td>{what}"
            f"{'; ' + ', '.join(extra) if extra else ''}</td>"
            f"<td class='num'>{agenda.minutes}</td></tr>"
        )
    body = (
        f"<h1>{html.escape(ready.title)}</h1><p class='lead'>{html.escape(ready.audience)}</p>"
        "<p class='lead'>Every session: a welcome (ground rules, where support is, the lesson's "
        "content note read aloud), the lesson's sections in order, and a close (key points, "
        "questions, the support list, a calm close). Each session's full agenda is in the book's "
        "session plans, or run <code>dmst plan --course</code>.</p>"
        '<table><colgroup><col style="width:10%"><col style="width:42%"><col>'
        '<col style="width:7%"></colgroup>'
        '<thead><tr><th scope="col" class="num">Session</th><th scope="col">Lesson</th>'
        '<th scope="col">What it holds</th><th scope="col" class="num">Min</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>{BEFORE}"
    )
    return page(ready.title, body)


def ready_pages() -> list[tuple[str, str]]:
    """(file stem, HTML) for each ready plan's one-page sheet."""
    result = []
    for ready in sessions().plans:
        if ready.course:
            result.append((f"session-plan-{ready.id}", course_page(ready)))
        else:
            agenda = ready_agenda(ready)
            result.append(
                (f"session-plan-{ready.id}", agenda_page(agenda, ready.title, ready.audience))
            )
    return result


def write_ready_pages(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for stem, text in ready_pages():
        path = folder / f"{stem}.html"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def print_pdf(page_html: str, target: Path) -> int:
    """Print one self-contained page to ``target`` with headless Chromium; its page count."""
    from playwright.sync_api import sync_playwright

    browser_path = chromium()
    if browser_path is None:
        raise FileNotFoundError(NO_CHROMIUM)
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "agenda.html"
        source.write_text(page_html, encoding="utf-8")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=browser_path, args=["--no-sandbox"])
            tab = browser.new_page()
            tab.goto(source.as_uri())
            pdf = tab.pdf(path=str(target), format="Letter", print_background=True)
            browser.close()
    return pdf_pages(pdf)
