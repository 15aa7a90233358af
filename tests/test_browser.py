"""The built book in real Chromium: checks answer right, quick exit works, nothing leaves, axe."""

from __future__ import annotations

import json
import re

import pytest

from conftest import HTML, SWEEP, swept_lessons, swept_pages
from dmst.checks import dom_id
from dmst.kinds import KINDS, MARKS, kind_of
from dmst.kinds.numbers import distance, parse_number
from dmst.lessons import curriculum
from dmst.questions import bank, grade
from dmst.results import encode_answer

pytestmark = [pytest.mark.book, pytest.mark.browser]
EXIT_URL = "https://www.weather.gov/"
LESSONS = curriculum().lessons
CHECKED = swept_lessons(LESSONS)
LESSON = LESSONS[0]


@pytest.fixture
def page(browser, book_url):
    """A fresh page whose every request is recorded; requests that leave 127.0.0.1 are refused."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.outside_requests = []

    def route(r):
        url = r.request.url
        if url.startswith(book_url) or url.startswith("data:"):
            r.continue_()
        else:
            page.outside_requests.append(url)
            if url.startswith(EXIT_URL):
                r.fulfill(status=200, content_type="text/html", body="<title>Weather</title>ok")
            else:
                r.abort()

    context.route("**/*", route)
    yield page
    context.close()


def lesson_url(book_url, lesson=LESSON):
    return f"{book_url}/{lesson.docname}.html"


def questions_of(kind, lesson=LESSON):
    return [q for q in bank().values() if q.kind == kind and q.id.startswith(lesson.id + ".")]


def answer_and_read(page, q, keys):
    form = page.locator(f"#{dom_id(q)}")
    for key in keys:
        form.locator(f"#{dom_id(q)}-{key}").check()
    form.get_by_role("button", name="Check answer").click()
    return form.locator(".dmst-check-result").inner_text()


@pytest.mark.parametrize("lesson", CHECKED, ids=[lesson.id for lesson in CHECKED])
@pytest.mark.parametrize("kind", ["single", "myth_fact"])
def test_one_answer_checks_in_the_book(page, book_url, kind, lesson):
    page.goto(lesson_url(book_url, lesson))
    for q in questions_of(kind, lesson):
        wrong = next(o for o in q.options if not o.correct)
        right = next(o for o in q.options if o.correct)
        result = answer_and_read(page, q, [wrong.key])
        assert "Not quite." in result and wrong.feedback in result
        option_feedback = page.locator(f"#{dom_id(q)}-{wrong.key}-feedback")
        assert option_feedback.is_visible()
        page.locator(f"#{dom_id(q)}").get_by_role("button", name="Try again").click()
        assert page.locator(f"#{dom_id(q)}-result").inner_text() == ""
        result = answer_and_read(page, q, [right.key])
        assert "Correct." in result and right.feedback in result and q.explanation in result


@pytest.mark.parametrize("lesson", CHECKED, ids=[lesson.id for lesson in CHECKED])
def test_multiple_select_in_the_book(page, book_url, lesson):
    page.goto(lesson_url(book_url, lesson))
    for q in questions_of("multiple", lesson):
        wrong = [o.key for o in q.options if not o.correct]
        right = sorted(q.correct_keys)
        form = page.locator(f"#{dom_id(q)}")
        if wrong:
            result = answer_and_read(page, q, [right[0], wrong[0]])
            assert "Not quite: at least one choice is not true." in result
            form.get_by_role("button", name="Try again").click()
        result = answer_and_read(page, q, right)
        assert "Correct: you found every true statement." in result
        for key in right:
            feedback = next(o.feedback for o in q.options if o.key == key)
            assert feedback in result


@pytest.mark.parametrize("lesson", CHECKED, ids=[lesson.id for lesson in CHECKED])
def test_numeric_estimate_in_the_book_matches_python(page, book_url, lesson):
    page.goto(lesson_url(book_url, lesson))
    for q in questions_of("numeric", lesson):
        form = page.locator(f"#{dom_id(q)}")
        field = form.locator("input[type=text]")
        for typed in ("lots", "3 million", "250", "10,000"):
            field.fill(typed)
            field.press("Enter")
            result = form.locator(".dmst-check-result").inner_text()
            try:
                expected = distance(parse_number(typed), q.number)
            except ValueError as exc:
                expected = str(exc)
            assert expected in result, (typed, result)
            if typed != "lots":
                assert q.number_source.cite(q.number.key) in result


# --- Every kind: the book says what Python's grade() says, word for word -------------------------

# Typed estimates: every form parse_number reads, and ones it refuses with a message.
TYPED = [
    "300,000", "300k", "300 000", "0.3 million", ".5m", "2.5 Million", "20000", "0",
    "3 hundred thousand", "lots", "-5", "2,00,000", "12 dozen", "", "20 billion", "5 constructor",
]  # fmt: skip


def typed_near(number, tolerance):
    """Guesses about the evidence: on it, inside it, just outside, within tolerance, far off."""
    guesses = [number.low, (number.low + number.high) / 2, number.low * 0.8, number.high * 1.3]
    guesses += [number.low / 20, number.high * 20]
    if tolerance:
        guesses += [number.low * (1 - tolerance / 2), number.high * (1 + tolerance / 2)]
    return [f"{g:,.0f}" for g in guesses]


def answers_for(q):
    """Answers as a learner gives them: nothing, each option, or typed text."""
    if q.kind == "numeric":
        return [*TYPED, *typed_near(q.number, q.tolerance)]
    if q.kind == "multiple":
        right = sorted(q.correct_keys)
        wrong = [o.key for o in q.options if not o.correct]
        return [set(), {right[0]}, set(right), {right[0], *wrong[:1]}, {o.key for o in q.options}]
    return [None, *(o.key for o in q.options)]


def one_of_each_kind():
    """For each kind, a lesson check of that kind (numeric: in a sweep every one, for their
    tolerances)."""
    found = []
    for kind in KINDS:
        of_kind = [q for q in bank().values() if q.kind == kind and not q.form]
        found += of_kind if kind == "numeric" and SWEEP else of_kind[:1]
    return found


def give(form, q, answer):
    retry = form.get_by_role("button", name="Try again")
    if retry.is_visible():
        retry.click()
    if q.kind == "numeric":
        form.locator("input[type=text]").fill(answer)
    else:
        for key in [answer] if isinstance(answer, str) else sorted(answer or ()):
            form.locator(f"#{dom_id(q)}-{key}").check()
    form.get_by_role("button", name="Check answer").click()


def shown(form):
    """(headline, feedback lines, explanation) as the page shows them."""
    result = form.locator(".dmst-check-result")
    lines = result.locator(".dmst-check-feedback li, .dmst-check-figure")
    explanation = result.locator(".dmst-check-explanation")
    return (
        result.locator(".dmst-check-headline").text_content(),
        [lines.nth(i).text_content() for i in range(lines.count())],
        explanation.text_content() if explanation.count() else "",
    )


def said(verdict):
    """The same three, as Python's verdict words them (dmst.checks.feedback_html's mark rule)."""
    mark = ""
    if verdict.feedback and not verdict.estimate:
        mark = MARKS["right" if verdict.correct else "wrong"] + " "
    lines = [f"{about}: {text}" for about, text in verdict.feedback]
    return mark + verdict.headline, lines, verdict.explanation


@pytest.mark.parametrize("q", one_of_each_kind(), ids=lambda q: f"{q.kind}-{q.id}")
def test_every_kind_in_the_book_says_what_python_says(page, book_url, q, tmp_path):
    lesson = next(lesson for lesson in LESSONS if q.id.startswith(lesson.id + "."))
    page.goto(lesson_url(book_url, lesson))
    form = page.locator(f"#{dom_id(q)}")
    expected_attempts = []
    for answer in answers_for(q):
        give(form, q, answer)
        verdict = grade(q, answer)
        assert shown(form) == said(verdict), answer
        if verdict.feedback:  # an attempt: recorded as the results store would keep it
            kept, _ = kind_of(q).stored(q, answer)
            expected_attempts.append((encode_answer(kept), int(verdict.correct)))
    assert any(correct for _, correct in expected_attempts)
    with page.expect_download() as info:
        page.get_by_role("button", name="Download my answers").click()
    target = tmp_path / "answers.json"
    info.value.save_as(target)
    attempts = json.loads(target.read_text(encoding="utf-8"))["attempts"]
    got = [(a["answer"], a["correct"]) for a in attempts if a["question"] == q.id]
    assert got == expected_attempts


def test_reveal_works_without_javascript(browser, book_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(lesson_url(book_url))
    q = questions_of("single")[0]
    form = page.locator(f"#{dom_id(q)}")
    assert not form.get_by_role("button", name="Check answer").is_visible()
    right = next(o for o in q.options if o.correct)
    assert not form.get_by_text(q.explanation).is_visible()
    form.locator("summary").click()
    assert form.get_by_text(q.explanation).is_visible()
    assert right.feedback in form.locator("details").inner_text()
    # Quick exit is still a visible link that leaves.
    assert page.locator("a.dmst-quick-exit").is_visible()
    context.close()


@pytest.mark.parametrize("how", ["button", "escape-twice"])
def test_quick_exit_replaces_the_page(page, book_url, how):
    page.goto(f"{book_url}/index.html")
    page.goto(lesson_url(book_url))
    if how == "button":
        page.locator("a.dmst-quick-exit").click()
    else:
        page.keyboard.press("Escape")
        page.keyboard.press("Escape")
    page.wait_for_url(EXIT_URL)
    page.go_back()
    # location.replace: Back goes to the page before the lesson, never the lesson itself.
    assert not page.url.endswith(f"{LESSON.docname}.html")


def test_one_escape_does_not_exit(page, book_url):
    page.goto(lesson_url(book_url))
    page.keyboard.press("Escape")
    page.wait_for_timeout(300)
    assert page.url.endswith(f"{LESSON.docname}.html")


PAGES = swept_pages()


@pytest.mark.parametrize("name", PAGES)
def test_no_request_leaves_and_axe_finds_nothing_serious(page, book_url, name):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(f"{book_url}/{name}")
    page.wait_for_load_state("networkidle")
    assert page.outside_requests == []
    results = Axe().run(page)
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []


@pytest.mark.parametrize("width", [1280, 375])
def test_quick_exit_visible_and_unobscured(browser, book_url, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(lesson_url(book_url))
    button = page.locator("a.dmst-quick-exit")
    box = button.bounding_box()
    assert box and box["y"] < 80 and box["x"] + box["width"] <= width
    assert box["height"] >= 24  # a target large enough to hit at once
    page.mouse.wheel(0, 3000)
    assert button.is_visible() and button.bounding_box()["y"] < 80
    assert re.search(r"Quick exit", button.inner_text())
    context.close()


def activities_of(kind):
    from dmst.activities import all_activities

    by_lesson = {lesson.id: lesson for lesson in LESSONS}
    return [
        (a, by_lesson[a.id.split(".")[0]])
        for a in all_activities().values()
        if a.kind == kind and a.id.split(".")[0] in by_lesson
    ]


def test_sort_activities_in_the_book(page, book_url):
    found = activities_of("sort")
    for a, lesson in found:
        page.goto(lesson_url(book_url, lesson))
        section = page.locator(f"#{a.dom_id}")
        items = section.locator(".dmst-sort-item")
        labels = dict(a.categories)
        first, second = a.items[0], a.items[1]
        wrong = next(k for k in labels if k != second.category)
        items.nth(0).get_by_label(labels[first.category], exact=True).check()
        items.nth(1).get_by_label(labels[wrong], exact=True).check()
        section.get_by_role("button", name="Check my sorting").click()
        result = section.locator(".dmst-check-result").inner_text()
        left = len(a.items) - 2
        assert result.startswith("1 of")
        assert (f"({left} not sorted yet)" in result) == (left > 0)
        assert first.feedback in items.nth(0).inner_text()
        assert f"This one is “{labels[second.category]}”" in items.nth(1).inner_text()


def test_branching_activities_in_the_book(page, book_url):
    for a, lesson in activities_of("branching"):
        page.goto(lesson_url(book_url, lesson))
        section = page.locator(f"#{a.dom_id}")
        steps = section.locator(".dmst-branch-step")
        assert steps.nth(0).is_visible()
        assert all(not steps.nth(i).is_visible() for i in range(1, steps.count()))
        start = a.step(a.start)
        choice_index, choice = next(  # the first choice that moves on to another step
            ((i, c) for i, c in enumerate(start.choices) if c.next and c.next != a.start),
            (None, None),
        )
        if choice is None:
            continue
        details = section.locator(f"#{a.dom_id}-{a.start} .dmst-branch-choice").nth(choice_index)
        details.locator("summary").click()
        assert choice.feedback in details.inner_text()
        details.get_by_role("link", name="Continue").click()
        assert section.locator(f"#{a.dom_id}-{choice.next}").is_visible()
        assert not section.locator(f"#{a.dom_id}-{a.start}").is_visible()
        section.get_by_role("button", name="Start over").click()
        assert section.locator(f"#{a.dom_id}-{a.start}").is_visible()


def test_say_activities_reveal_models_without_javascript(browser, book_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    for a, lesson in activities_of("say"):
        page.goto(lesson_url(book_url, lesson))
        section = page.locator(f"#{a.dom_id}")
        first = a.prompts[0]
        assert not section.get_by_text(first.model_answers[0]).first.is_visible()
        section.locator("summary").first.click()
        assert section.get_by_text(first.model_answers[0]).first.is_visible()
        # Branching steps are all readable without script.
    for a, lesson in activities_of("branching"):
        page.goto(lesson_url(book_url, lesson))
        steps = page.locator(f"#{a.dom_id} .dmst-branch-step")
        assert all(steps.nth(i).is_visible() for i in range(steps.count()))
    context.close()


def test_every_activity_kind_is_in_the_book():
    kinds = {kind for kind in ("sort", "branching", "say") if activities_of(kind)}
    assert kinds == {"sort", "branching", "say"}


def test_every_handout_prints_on_one_page(browser, tmp_path):
    from dmst import handouts

    if not (HTML / "_static" / "dmst.css").exists():
        pytest.fail("build the book first")
    folder = tmp_path / "pages"
    pages = handouts.write_pages(folder)
    made = handouts.print_pdfs(pages, tmp_path / "pdf", browser)
    from dmst.sessions import sessions

    # the lessons, each ready session plan, the local sheet
    assert len(made) == len(LESSONS) + len(sessions().plans) + 1
    assert [(pdf.name, count) for pdf, count in made if count != 1] == []
    text = (folder / f"lesson-{LESSON.id}.html").read_text(encoding="utf-8")
    assert "1-888-373-7888" in text and "Key points" in text


def test_pages_print_cleanly(browser, book_url):
    context = browser.new_context()
    page = context.new_page()
    page.goto(lesson_url(book_url))
    page.emulate_media(media="print")
    assert not page.locator("a.dmst-quick-exit").is_visible()
    assert not page.locator(".bd-sidebar-primary").is_visible()
    assert page.locator("form.dmst-check").first.is_visible()
    external = page.locator(".bd-article a[href^='http']").first
    if external.count():
        after = external.evaluate("a => getComputedStyle(a, '::after').content")
        assert "http" in after  # the address is printed after the link text
    context.close()


def test_quick_exit_note_links_to_the_safety_page(page, book_url):
    for name in (f"{LESSON.docname}.html", "book/instructors/index.html"):
        page.goto(f"{book_url}/{name}")
        link = page.locator(".dmst-exit-bar a", has_text="Safety and support")
        link.click()
        page.wait_for_url(f"{book_url}/book/safety.html")
