"""``dmst new-lesson NN SLUG "TITLE"``: a new lesson with every part it must have, in place.

Writes the notebook, its question bank, its facilitator notes, and its entries in the lesson map
(``lessons.yml``) and the table of contents (``_toc.yml``), so that ``make book`` and every lint
pass on the scaffold at once. The text is placeholder prose telling the author what to write;
the three checks are placeholders too, written so the balance lints still pass.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from dmst.paths import ROOT

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


# One sentence from each file the scaffold writes, kept until the author replaces it: `dmst check`
# (and so `make book`) names the files that still hold one, so a scaffold is not published as a
# lesson by mistake. The scaffold must build, so this warns and never fails.
UNFINISHED = {
    "notebook": "Teach the lesson's part of the outreach page here",
    "question bank": "The right answer, in plain words",
    "lesson map": "Describe what the lesson's first section teaches",
    "facilitator notes": "What to stress, and what learners often get wrong.",
}


def unfinished(root: Path = ROOT) -> list[str]:
    """A line for each content file that still holds the scaffold's placeholder text."""
    places = [
        *sorted((root / "notebooks").glob("*.ipynb")),
        *sorted((root / "src" / "dmst" / "data" / "questions").glob("*.yml")),
        root / "src" / "dmst" / "data" / "lessons.yml",
        *sorted((root / "book" / "instructors").glob("lesson-*.md")),
    ]
    found = []
    for path in places:
        text = path.read_text(encoding="utf-8") if path.is_file() else ""
        for what, sentence in UNFINISHED.items():
            if sentence in text:
                where = path.relative_to(root).as_posix()
                found.append(
                    f"{where} ({what}) still holds placeholder text from `dmst new-lesson`: "
                    "replace it before the lesson is taught"
                )
                break
    return found


class ScaffoldError(ValueError):
    """The lesson cannot be created; the message says why in one line."""


def new_lesson(number: str, slug: str, title: str, root: Path = ROOT) -> list[Path]:
    """Create lesson ``number`` ("09"); return the files written or changed."""
    if not re.fullmatch(r"\d{2}", number) or number == "00":
        raise ScaffoldError(f'the lesson number must be two digits, like "09", not {number!r}')
    if not SLUG.fullmatch(slug):
        raise ScaffoldError(
            f"the short name must be lower-case words joined by hyphens, not {slug!r}"
        )
    title = " ".join(title.split())
    if not title or '"' in title:
        raise ScaffoldError("the title must be plain text without double quotes")
    lessons = root / "src" / "dmst" / "data" / "lessons.yml"
    if re.search(rf'^\s*- id: "{number}"', lessons.read_text(encoding="utf-8"), re.M):
        raise ScaffoldError(f"lesson {number} is already in {lessons.name}")
    name = f"{number}-{slug}"
    files = {
        root / "notebooks" / f"{name}.ipynb": notebook(number, title),
        root / "src" / "dmst" / "data" / "questions" / f"{name}.yml": bank(number, title),
        root / "book" / "instructors" / f"lesson-{number}.md": notes(number, name, title),
    }
    for path in files:
        if path.exists():
            raise ScaffoldError(f"{path.relative_to(root)} already exists")
    for path, text in files.items():
        path.write_text(text, encoding="utf-8")
    with lessons.open("a", encoding="utf-8") as out:
        out.write(map_entry(number, name, title))
    toc = root / "_toc.yml"
    toc.write_text(toc_with(toc.read_text(encoding="utf-8"), number, name), encoding="utf-8")
    return [*files, lessons, toc]


def _md(text: str) -> dict:
    return {"cell_type": "markdown", "metadata": {}, "source": text.strip("\n")}


def _code(text: str, tags: tuple[str, ...] = ()) -> dict:
    meta = {"tags": list(tags)} if tags else {}
    return {
        "cell_type": "code",
        "execution_count": None,
        "metadata": meta,
        "outputs": [],
        "source": text.strip("\n"),
    }


def notebook(number: str, title: str) -> str:
    cells = [
        _md(f"""
# {title}

:::{{admonition}} Content note
:class: dmst-content-note
Say plainly what this lesson discusses, without graphic detail, and what its scenario is about.
If any of this is part of your own story, it was not your fault, and you choose what, if anything,
to share. You may step away at any time, and you do not need to explain why.
[Safety and support](../book/safety.md) lists people you can contact.
:::
"""),
        _code(f"""
from dmst.checks import check
from dmst.lessons import header
from dmst.resources import support_box

header("{number}")
"""),
        _md("""
## First section

Teach the lesson's part of the outreach page here, in the curriculum's own words. Link each key
term to the glossary the first time it appears, for example a {term}`mandated reporter`. Every
number comes from the statistics ledger through the stat role; never type one.
"""),
        _code(f'check("{number}.1")'),
        _code(f'check("{number}.2")'),
        _code(f'check("{number}.3")'),
        _code(f'check("{number}.4")'),
        _md("""
:::{admonition} Scenario: a first scenario (a fictional composite)
:class: dmst-scenario
*This scenario is a fictional composite, not a real person.*

Describe what an adult could notice and do, without graphic detail. Register any named character
in the character registry before using the name.

**For discussion**

1. What could the adult notice, and what would they say first?
2. Where would they find what their state's law and their organisation's protocol ask of them?
:::
"""),
        _md("""
:::{admonition} Key points
:class: dmst-key-points
- Write three to six sentences a learner should leave with.
- Say where help is, and that it is never a young person's responsibility to prevent their own
  exploitation.
- Hope is part of the truth: young people recover, and help exists.
:::
"""),
        _md(f"""
## Support

If this lesson brought something up for you, or you are worried about a young person, the
[Safety and support](../book/safety.md) page lists people you can contact.

For instructors: [facilitator notes for this lesson](../book/instructors/lesson-{number}.md)
"""),
        _code("support_box()", ("remove-cell", "nbval-ignore-output")),
    ]
    nb = {
        "cells": cells,
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    for n, cell in enumerate(cells, start=1):
        cell["id"] = f"cell-{n}"
    return json.dumps(nb, indent=1, ensure_ascii=False) + "\n"


def bank(number: str, title: str) -> str:
    n = int(number)
    return f'''# Knowledge checks for Lesson {n}, "{title}". Each rationale is for instructors.
# Replace these placeholders: every option needs feedback that teaches, and the right option must
# not give itself away (the longest, the most hedged, the only one without "always").
lesson: "{number}"
questions:
  - id: "{number}.1"
    objective: "O{number}.1"
    kind: single
    prompt: "Ask about a situation a learner might meet: which response fits best?"
    options:
      - text: "A wrong answer that well-meaning adults often give"
        feedback: "Say kindly why it is tempting and why it does not fit."
      - text: "The right answer, in plain words"
        correct: true
        feedback: "Say why it fits."
      - text: "Another tempting practice, as specific as the others"
        feedback: "Say what it would lead to."
      - text: "A third answer that sounds reasonable"
        feedback: "Say what it leaves out."
    explanation: "The teaching point, in two or three sentences."
    rationale: "What this check assesses, and what a wrong answer reveals."

  - id: "{number}.2"
    objective: "O{number}.2"
    kind: myth_fact
    prompt: "A true statement that learners often doubt."
    answer: fact
    feedback:
      myth: "Why doubting it is understandable, and why it is true."
      fact: "Yes: why it is true."
    explanation: "The teaching point, in two or three sentences."
    rationale: "What this check assesses, and what a wrong answer reveals."

  - id: "{number}.3"
    objective: "O{number}.3"
    kind: multiple
    prompt: "Which of these are signs worth noticing? (Select all that apply.)"
    options:
      - text: "A first sign the lesson teaches"
        correct: true
        feedback: "Why it matters."
      - text: "Something that is not a sign by itself"
        feedback: "Why not, without stigmatising anyone."
      - text: "A second sign the lesson teaches"
        correct: true
        feedback: "Why it matters."
      - text: "A common mistaken belief"
        feedback: "Why it misleads."
    explanation: "The teaching point, in two or three sentences."
    rationale: "What this check assesses, and what a wrong answer reveals."

  - id: "{number}.4"
    objective: "O{number}.1"
    kind: single
    prompt: "A second situation for the first objective: what should the adult do next?"
    options:
      - text: "Ask the young person for the details, to be sure before telling anyone"
        feedback: "Say why investigating is not the adult's role."
      - text: "Wait to see whether things get worse before doing anything"
        feedback: "Say what waiting can cost."
      - text: "Tell the young person the plan, then follow the protocol"
        correct: true
        feedback: "Say why it fits."
      - text: "Promise to keep it between the two of them for now"
        feedback: "Say why that is a promise an adult cannot keep."
    explanation: "The teaching point, in two or three sentences."
    rationale: "What this check assesses, and what a wrong answer reveals."
'''


def notes(number: str, name: str, title: str) -> str:
    n = int(number)
    return f"""# Lesson {n}: {title} (facilitator notes)

These notes go with [Lesson {n}](../../notebooks/{name}.ipynb).

:::{{dmst-objectives}} {number}
:::

## Before you teach

- Assume that someone in the room is a survivor, or is close to one.
- Know your organisation's protocol for disclosures and your state's mandated-reporting law before
  the session; [For instructors](index.md) has the full plan.

## Timing

:::{{dmst-timing}} {number}
:::

:::{{dmst-keep}} {number}
:::

## Content note to read aloud

> Write the content note as you would read it to the group.

## Talking points

**First section.**

- What to stress, and what learners often get wrong.

## Discussion prompts

1. A question that invites reflection without asking anyone for personal experience.

## Anticipated questions

**A question learners ask.** The answer, plainly.

## Knowledge checks: what each one tests

:::{{dmst-checks}} {number}
:::

## Scenario: a first scenario

What to draw out of the discussion.

## If someone discloses

Follow the plan in [For instructors](index.md): believe them, do not press for details, do not
promise to keep it secret, follow your state's law and your organisation's protocol.
"""


def map_entry(number: str, name: str, title: str) -> str:
    return f'''  - id: "{number}"
    title: "{title}"
    notebook: notebooks/{name}.ipynb
    minutes: {{teach: 15, activities: 15}}
    seed_rows: [S8]
    objectives:
      - id: "O{number}.1"
        text: "Describe what the lesson's first section teaches, as a learner could show it."
      - id: "O{number}.2"
        text: "Explain the lesson's second point in plain words."
      - id: "O{number}.3"
        text: "Identify the signs or steps the lesson teaches."
    sections:
      - title: "Welcome, content note, ground rules, objectives"
        part: welcome
        minutes: {{teach: 2, activities: 1}}
        keep: true
      - title: "First section"
        minutes: {{teach: 10, activities: 6}}
        checks: ["{number}.1", "{number}.2", "{number}.3", "{number}.4"]
        keep: true
      - title: "Scenario: a first scenario"
        minutes: {{teach: 0, activities: 7}}
        discussion: true
        keep: true
      - title: "Key points and support"
        part: close
        minutes: {{teach: 3, activities: 1}}
        keep: true
'''


def toc_with(toc: str, number: str, name: str) -> str:
    """The table of contents with the lesson after the last lesson and its notes after the last
    lesson's notes."""
    lines = toc.splitlines(keepends=True)

    def insert_after_last(pattern: str, entry: str) -> None:
        found = [i for i, line in enumerate(lines) if re.search(pattern, line)]
        if not found:
            raise ScaffoldError(f"_toc.yml has no entry like {pattern!r} to place the lesson after")
        indent = re.match(r"\s*", lines[found[-1]]).group(0)
        lines.insert(found[-1] + 1, f"{indent}- file: {entry}\n")

    insert_after_last(r"- file: notebooks/\d{2}-", f"notebooks/{name}")
    insert_after_last(
        r"- file: book/instructors/lesson-\d{2}\b", f"book/instructors/lesson-{number}"
    )
    return "".join(lines)


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print('usage: dmst new-lesson NN SHORT-NAME "Title"', file=sys.stderr)
        return 2
    try:
        written = new_lesson(*argv)
    except ScaffoldError as exc:
        print(f"The lesson was not created: {exc}.", file=sys.stderr)
        return 1
    print(f"Lesson {argv[0]} is in place. Files written or changed:")
    for path in written:
        print(f"  {path.relative_to(ROOT)}")
    print("Next: `make book` (it runs the new notebook once), then write the lesson.")
    return 0
