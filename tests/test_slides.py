"""Slides for the room: each deck has the slides a lesson needs, its notes, and works offline.

The structure tests read every lesson (fast, no browser). The browser tests build lesson 01's deck
(every deck with DMST_SLIDES_ALL=1, as `make test-slides` does) with its PDF, in real Chromium.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from dmst import facilitator, settings, slides
from dmst.errors import DataError
from dmst.lessons import curriculum
from dmst.questions import question
from dmst.resources import load_resources

LESSONS = curriculum().lessons
EXIT_URL = "https://www.weather.gov/"


def deck_for(lesson_id: str):
    return slides.build_deck(curriculum().lesson(lesson_id))


def _figure_without_drawing(item):
    """A stand-in for a drawn figure: these tests check what a deck holds, not its pixels (the
    browser tests below draw lesson 01's for real, and every lesson's with DMST_SLIDES_ALL=1)."""
    name = "-".join([item.ref, *map(str, item.args)])
    if item.ref == "no_data":
        return slides.Figure(name, panel="<p>No data behind this number</p>", notes="found")
    return slides.Figure(name, alt=f"{name} in words", png=b"png", width=1600, height=1120)


@pytest.fixture(scope="module")
def decks():
    with pytest.MonkeyPatch.context() as patch:
        if not settings.flag("DMST_SLIDES_ALL"):
            patch.setattr(slides.deck, "make_figure", _figure_without_drawing)
        return {lesson.id: slides.build_deck(lesson) for lesson in LESSONS}


# --- what each deck holds --------------------------------------------------------------------


@pytest.mark.parametrize("lesson", LESSONS, ids=[lesson.id for lesson in LESSONS])
def test_deck_has_every_part_of_the_lesson_in_order(decks, lesson):
    deck = decks[lesson.id]
    kinds = [s.kind for s in deck.slides]
    source = slides.read_lesson(lesson)
    opening = kinds[: kinds.index("objectives") + 1]
    assert opening in (["title", "objectives"], ["title", "content-note", "objectives"])
    assert kinds[-2:] == ["key-points", "support"]

    # The whole content note, on the title slide (and the next, when it is long).
    note = " ".join(slides.plain(deck.slides[i].body) for i in range(len(opening) - 1))
    assert "Content note" in note
    for paragraph in source.content_note.split("\n\n"):
        assert " ".join(slides.plain(paragraph).split()[-6:]) in " ".join(note.split())

    objectives = deck.slides[len(opening) - 1].body
    for objective in lesson.objectives:
        assert objective.text in objectives.replace("&#x27;", "'")
    assert f"about {lesson.minutes} minutes" in objectives

    # One slide per ## section, in the lesson's order, each with its heading and key sentence.
    sections = [s for s in deck.slides if s.kind == "section"]
    assert [s.ref for s in sections] == [s.heading for s in source.sections]
    for slide, section in zip(sections, source.sections, strict=True):
        sentence = slides.key_sentence(source, section)
        if sentence:
            assert slides.md_inline(sentence) in slide.body

    # Every check in the notebook: a question slide, then its answer slide.
    checks = [i.ref for s in source.sections for i in s.items if i.kind == "check"]
    asked = [s.ref for s in deck.slides if s.kind == "question"]
    assert asked == checks
    for i, slide in enumerate(deck.slides):
        if slide.kind == "question":
            assert deck.slides[i + 1].kind == "answer"
            assert deck.slides[i + 1].ref == slide.ref

    # Every scenario, and its discussion prompts when it has them.
    scenarios = [
        i for s in source.sections for i in s.items if i.cls == "dmst-scenario"
    ]  # fmt: skip
    assert scenarios, "every lesson has a scenario"
    for item in scenarios:
        title = facilitator.strip_scenario(item.title)
        shown = [s for s in deck.slides if s.kind == "scenario" and s.ref.lower() == title.lower()]
        assert shown, title
        if "**For discussion**" in item.text:
            ref = shown[0].ref
            discussion = [s for s in deck.slides if s.kind == "discussion" and s.ref == ref]
            assert len(discussion) == 1
            assert "<ol>" in discussion[0].body

    points = next(s for s in deck.slides if s.kind == "key-points")
    assert points.body.count("<li>") == source.key_points.count("\n- ") + 1


@pytest.mark.parametrize("lesson", LESSONS, ids=[lesson.id for lesson in LESSONS])
def test_every_slide_has_speaker_notes(decks, lesson):
    for n, slide in enumerate(decks[lesson.id].slides, start=1):
        assert slide.notes, f"lesson {lesson.id} slide {n} ({slide.kind}) has no speaker notes"
    title = decks[lesson.id].slides[0]
    assert any("Content note to read aloud" in n for n in title.notes)


def test_answer_slides_show_the_right_answers_and_the_teaching_point(decks):
    for deck in decks.values():
        for slide in deck.slides:
            if slide.kind != "answer":
                continue
            q = question(slide.ref)
            assert slides.md_inline(q.explanation) in slide.body
            if q.kind == "numeric":
                continue
            for option in q.options:
                shown = slides._e(option.text) in slide.body
                assert shown == option.correct, (q.id, option.text)


def test_letters_follow_the_displayed_order(monkeypatch):
    q = question("01.1")
    monkeypatch.setattr(slides.parts, "displayed_options", lambda q: tuple(reversed(q.options)))
    ask, answer = slides._check_slides(q, curriculum().lesson("01"))
    texts = re.findall(r'dmst-letter">(\w)</span><span class="dmst-option-text">([^<]*)', ask.body)
    assert [t for _, t in texts] == [slides._e(o.text) for o in reversed(q.options)]
    right = next(i for i, o in enumerate(reversed(q.options)) if o.correct)
    assert f'dmst-letter">{chr(ord("A") + right)}</span>' in answer.body


def test_support_slide_lists_every_resource(decks):
    support = decks["01"].slides[-1].body
    for resource in load_resources():
        assert slides._e(resource.name) in support
        for contact in resource.contacts:
            assert slides._e(contact.value) in support
    assert "Safety and support" in support


def test_local_resources_reach_the_support_slide(tmp_path, monkeypatch):
    local = tmp_path / "resources.yml"
    local.write_text(
        "resources:\n  - id: county\n    name: County Youth Services\n    scope: local\n"
        "    purpose: Local help.\n    status: read\n"
        "    checked: {date: 2026-12, what: the service's own contact page}\n"
        "    contacts:\n      - kind: phone\n        value: 555-555-0100\n        label: Call\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("DMST_RESOURCES", str(local))
    body = slides._support_slide().body
    assert "local services" in body and "County Youth Services" in body and "555-555-0100" in body


# --- key sentences ---------------------------------------------------------------------------


def notebook(tmp_path: Path, cells: list[dict]) -> Path:
    path = tmp_path / "nb.ipynb"
    path.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4}), "utf-8")
    return path


def md(text: str, **metadata) -> dict:
    return {"cell_type": "markdown", "metadata": metadata, "source": text}


def section_of(path: Path, heading: str):
    items = slides.read_items(path)
    section = slides.Section(heading)
    on = False
    for item in items:
        if item.kind == "heading" and item.level == 2:
            on = item.text == heading
        elif on:
            section.items.append(item)
    source = slides.LessonSource(curriculum().lesson("01"), path, "", "", [section])
    return source, section


def test_key_sentence_is_the_first_unless_the_notebook_marks_another(tmp_path):
    text = "## Part\n\nMr. Okafor listens. The U.S. law is clear. Adults are responsible.\n"
    source, section = section_of(notebook(tmp_path, [md(text)]), "Part")
    assert slides.key_sentence(source, section) == "Mr. Okafor listens."
    marked = md(text, dmst={"key_sentence": "Adults are"})
    source, section = section_of(notebook(tmp_path, [marked]), "Part")
    assert slides.key_sentence(source, section) == "Adults are responsible."


def test_a_stale_key_sentence_mark_names_notebook_section_and_field(tmp_path):
    marked = md("## Part\n\nOne sentence.\n", dmst={"key_sentence": "Gone"})
    source, section = section_of(notebook(tmp_path, [marked]), "Part")
    with pytest.raises(DataError) as caught:
        slides.key_sentence(source, section)
    message = str(caught.value)
    assert "nb.ipynb" in message and "'Part'" in message and "dmst.key_sentence" in message


def test_a_sentence_that_introduces_a_list_runs_on_through_it(tmp_path):
    text = "## Part\n\nThe page names those who are\n\n- neglected;\n- poor.\n\nMore.\n"
    source, section = section_of(notebook(tmp_path, [md(text)]), "Part")
    assert slides.key_sentence(source, section) == "The page names those who are neglected; poor."


# --- placing the facilitator notes ------------------------------------------------------------

NOTES = """# Lesson 9 (facilitator notes)

## Timing

| section | teaching | activities | total |
|---|---|---|---|
| Welcome, content note, objectives | 2 | 0 | 2 |
| First part (check 09.1) | 3 | 2 | 5 |
| The bond (diagram) | 2 | 1 | 3 |
| Scenario: Ana's week (discussion) | 0 | 5 | 5 |
| Key points and support | 1 | 0 | 1 |

## Content note to read aloud

> We talk about hard things.

## Talking points

**First part.**

- Say the first thing.

**Barriers.**

- Said on the second section, by order.

**The bond.** A practice idea.

## Discussion prompts

1. A prompt for the whole lesson.

## Knowledge checks: what each one tests

**09.1** (single choice): catches the transport picture.

## Scenario: Ana's week

Read it aloud, then take two questions.

## If someone discloses

- Believe them.
"""


def test_notes_reach_slides_by_heading_then_by_order(tmp_path):
    path = tmp_path / "lesson-09.md"
    path.write_text(NOTES, encoding="utf-8")
    outline = facilitator.Outline(
        sections=(
            facilitator.OutlineSection("First part", checks=("09.1",)),
            facilitator.OutlineSection("What stands in the way"),
            facilitator.OutlineSection("Attached to the person causing harm: the bond"),
            facilitator.OutlineSection("Quiet section"),
        ),
        scenarios=("Ana's week",),
        checks=("09.1",),
    )
    placed = facilitator.place(facilitator.read_notes(path), outline)
    notes = {k: "\n".join(v) for k, v in placed.notes.items()}
    assert "We talk about hard things" in notes["title"]
    assert "2 min " in notes["title"]
    assert "Say the first thing" in notes["section:0"] and "5 min " in notes["section:0"]
    assert "by order" in notes["section:1"]
    assert "practice idea" in notes["section:2"] and "3 min " in notes["section:2"]
    assert notes["section:3"] == facilitator.NO_TALKING_POINTS
    assert "transport picture" in notes["answer:09.1"]
    assert "two questions" in notes["discussion:0"]
    assert "5 min " in notes["scenario:0"]
    assert "whole lesson" in notes["objectives"]
    assert "Believe them" in notes["support"]
    assert "1 min " in notes["key-points"]
    assert any("placed by order" in w for w in placed.warnings)
    assert any("Quiet section" in w for w in placed.warnings)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Not glamour.", "Not glamour: what films leave out", True),
        ("How adults respond.", "What this means for how adults respond", True),
        ("The trauma bond", "Attached to the person causing harm: the trauma bond", True),
        ("Talking with a young person.", "Talking with a young person you are worried about", True),
        ('"Demand driven".', '"Demand driven": who is responsible', True),
        ("Why trace the numbers? Grades", "Why trace the numbers?", True),
        ("The eight barriers.", "What stands between a young person and help", False),
        ("Demand.", "Who buys", False),
    ],
)
def test_names_match(a, b, same):
    assert facilitator.names_match(a, b) is same


def test_every_lessons_notes_place_without_gaps_in_timing(decks):
    """Every timing row of every lesson's notes lands on a slide."""
    for deck in decks.values():
        assert not [w for w in deck.warnings if "timing row" in w], deck.warnings


# --- the built decks, in Chromium --------------------------------------------------------------


def _lessons_to_build():
    if settings.flag("DMST_SLIDES_ALL"):
        return list(LESSONS)
    return [curriculum().lesson("01")]


@pytest.fixture(scope="module")
def built(browser, tmp_path_factory):
    out = tmp_path_factory.mktemp("slides")
    return slides.build(_lessons_to_build(), out=out, pdf_out=out / "pdf", browser=browser)


def _ids(made):
    return [deck.lesson.id for deck, *_ in made]


@pytest.mark.browser
def test_the_html_asks_nothing_of_the_outside_world(built):
    allowed = {EXIT_URL}
    pages = [path for _deck, path, _pdf, _fits in built]
    pages.append(pages[0].parent / "index.html")
    for path in pages:
        text = path.read_text(encoding="utf-8")
        assert 'class="dmst-quick-exit"' in text and "quick-exit.js" in text
        urls = set(re.findall(r"""(?:src|href)=["'](https?:[^"']+)""", text))
        assert urls <= allowed, urls
        assert not re.search(r"url\(\s*['\"]?https?:", text)
        for asset in (path.parent / "assets").iterdir():
            if asset.suffix == ".css":
                css = asset.read_text(encoding="utf-8")
                assert not re.search(r"@import|url\(\s*['\"]?https?:", css), asset.name


@pytest.mark.browser
def test_each_deck_fits_and_shows_figures_large_enough(built, browser):
    page = browser.new_page(viewport={"width": slides.WIDTH, "height": slides.HEIGHT})
    for deck, path, _pdf, _fits in built:
        slides.open_deck(page, path)
        checked = page.evaluate(slides.CHECK_JS)
        assert len(checked) == len(deck.slides)
        for n, (slide, result) in enumerate(zip(deck.slides, checked, strict=True), start=1):
            where = f"{deck.name} slide {n} ({slide.kind})"
            assert not result["overflow"], f"{where}: text runs off the slide"
            assert result["smallest"] >= 16, f"{where}: text of {result['smallest']} px"
            for image in result["images"]:
                assert image["complete"], f"{where}: an image did not load"
                assert image["width"] >= 560, f"{where}: a figure {image['width']:.0f} px wide"
    page.close()


@pytest.mark.browser
def test_each_pdf_has_one_16_by_9_page_per_slide(built):
    for deck, _path, pdf, _fits in built:
        assert pdf is not None and pdf.exists()
        sizes = slides.pdf_page_sizes(pdf.read_bytes())
        assert len(sizes) == len(deck.slides), deck.name
        for width, height in sizes:
            assert abs(width / height - 16 / 9) < 0.01, (deck.name, width, height)


@pytest.mark.browser
def test_a_deck_offline_speaker_view_quick_exit_and_no_storage(built, browser):
    deck, path, _pdf, _fits = built[0]
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    outside: list[str] = []

    def route(r):
        url = r.request.url
        if url.startswith(("file:", "data:", "about:")):
            r.continue_()
            return
        outside.append(url)
        if url.startswith(EXIT_URL):
            r.fulfill(status=200, content_type="text/html", body="<title>Weather</title>ok")
        else:
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    slides.open_deck(page, path)
    # A section slide's notes in the speaker view (the S key opens it).
    index = next(i for i, s in enumerate(deck.slides) if s.kind == "section")
    page.evaluate(f"Reveal.slide({index}, 0)")
    with context.expect_page() as opened:
        page.keyboard.press("s")
    speaker = opened.value
    speaker.wait_for_function(
        "document.querySelector('.speaker-controls-notes .value') && "
        "document.querySelector('.speaker-controls-notes .value').innerText.length > 20",
        timeout=15_000,
    )
    notes = speaker.locator(".speaker-controls-notes .value").inner_text()
    assert "Timing" in notes
    speaker.close()
    # Escape once is not reveal.js's overview (O is); Escape twice is quick exit.
    page.bring_to_front()
    page.keyboard.press("Escape")
    page.wait_for_timeout(200)
    assert page.evaluate("Reveal.isOverview()") is False
    page.keyboard.press("o")
    assert page.evaluate("Reveal.isOverview()") is True
    page.keyboard.press("o")
    assert page.evaluate("[localStorage.length, sessionStorage.length, document.cookie]") == [
        0,
        0,
        "",
    ]
    assert page.locator("a.dmst-quick-exit").is_visible()
    assert page.locator("a.dmst-quick-exit").get_attribute("href") == EXIT_URL
    page.wait_for_timeout(1600)
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    page.wait_for_url(EXIT_URL + "*")
    assert outside == [EXIT_URL], outside
    assert errors == []
    context.close()


@pytest.mark.browser
def test_axe_finds_nothing_serious_on_a_deck(built, browser):
    from axe_playwright_python.sync_playwright import Axe

    deck, path, _pdf, _fits = built[0]
    page = browser.new_page(viewport={"width": slides.WIDTH, "height": slides.HEIGHT})
    slides.open_deck(page, path)
    kinds = {}
    for n, slide in enumerate(deck.slides):
        if slide.kind in ("title", "section", "question", "answer", "scenario", "support"):
            kinds.setdefault(slide.kind, n)
    for kind, n in kinds.items():
        page.evaluate(f"Reveal.slide({n}, 0)")
        violations = Axe().run(page).response["violations"]
        serious = [v["id"] for v in violations if v["impact"] in ("serious", "critical")]
        assert not serious, f"{deck.name} {kind} slide: {serious}"
    page.close()


def test_the_command_names_an_unknown_lesson_in_one_line(capsys):
    from dmst import cli

    assert cli.main(["slides", "99", "--no-pdf"]) == 2
    assert capsys.readouterr().err.strip() == "no lesson '99' in lessons.yml"
