"""The paper kit from `make handouts`: tests without answers, keys, forms filled in by hand."""

from __future__ import annotations

import re
from html import unescape

import pytest

from dmst import handouts, kit, paper
from dmst.assessment import CONTEXTS, form_items, forms, items

ONE_PAGE = {
    "key-form-A",
    "key-form-B",
    "evaluation-form",
    "certificate",
    "sign-in-sheet",
    "protocol-and-contacts",
    "disclosure-record",
    "how-to-take-the-course",
}


def text(page: kit.KitPage) -> str:
    return unescape(re.sub(r"<[^>]+>", " ", page.body))


def pages() -> dict[str, kit.KitPage]:
    return {p.name: p for p in kit.kit_pages()}


@pytest.mark.browser
def test_every_kit_pdf_is_made_and_one_page_where_it_should_be(browser, tmp_path):
    written = kit.write_kit(tmp_path / "pages")
    tab = browser.new_page()
    requests = []
    tab.on("request", lambda r: requests.append(r.url))
    for _, source in written:
        tab.goto(source.as_uri())
    tab.close()
    assert requests == [source.as_uri() for _, source in written]  # nothing else is fetched
    made = kit.print_kit(written, tmp_path / "pdf", browser)
    by_name = {pdf.stem: (count, one) for pdf, count, one in made}
    pre, post = forms()["pre"], forms()["post"]
    tests = {
        f"test-pre-form-{pre}",
        f"test-pre-short-form-{pre}",
        f"test-post-form-{post}",
        f"test-post-short-form-{post}",
    }
    assert set(by_name) == ONE_PAGE | tests
    assert {name for name, (_, one) in by_name.items() if one} == ONE_PAGE
    assert [(name, count) for name, (count, one) in by_name.items() if one and count != 1] == []
    assert all(by_name[name][0] >= 2 for name in tests)  # a whole form takes several pages
    assert all(
        (tmp_path / "pdf" / f"{name}.pdf").read_bytes().startswith(b"%PDF") for name in by_name
    )


def test_each_test_prints_its_form_with_lettered_boxes_in_display_order():
    for context in CONTEXTS:
        for short in (False, True):
            page = kit.test_page(context, short)
            questions = form_items(context, short)
            body = page.body
            assert f"Form {forms()[context]}" in body and "Your learner code" in body
            assert "Do not write your name" in body
            shown = re.findall(
                r'<li class="question"><p class="prompt"><span class="number">(\d+)', body
            )
            assert shown == [q.id.partition(".")[2] for q in questions]
            for q in questions:
                block = body.split(f'<span class="number">{q.id.partition(".")[2]}.</span>')[1]
                block = block.split('<li class="question">')[0]
                letters = re.findall(r'<span class="letter">([A-Z])</span>', block)
                assert letters == list(paper.letters(q)), q.id
                options = re.findall(r'<span class="box"></span><span>([^<]*)</span>', block)
                assert [unescape(o) for o in options] == [o.text for o in q.options], q.id
                how = {"multiple": "Tick all that apply.", "myth_fact": "Myth or fact? Tick one."}
                assert how.get(q.kind, "Tick one.") in block
                assert "Select all that apply" not in block


def test_no_answer_appears_anywhere_on_a_test():
    for context in CONTEXTS:
        for short in (False, True):
            body = kit.test_page(context, short).html()
            for q in form_items(context, short):
                assert q.explanation not in body and q.rationale not in body
                for o in q.options:
                    assert o.feedback not in body
            assert not re.search(r"\bcorrect\b|right answer|data-correct", body, re.I)
            assert "key" not in text(kit.test_page(context, short)).lower()


def test_the_scoring_key_gives_every_items_letters_and_objective():
    for form in sorted({q.form for q in items()}):
        page = kit.key_page(form)
        assert "keep this key away from learners" in page.body
        rows = re.findall(
            r"<tr><td>(\d+)</td><td><strong>([^<]+)</strong></td><td>([^<]+)</td>", page.body
        )
        questions = [q for q in items() if q.form == form]
        assert len(rows) == len(questions)
        for number, letters, objective in rows:
            q = next(q for q in questions if q.id == f"{form}.{number}")
            right = [paper.letter(i) for i, o in enumerate(q.options) if o.correct]
            assert letters.split(" (")[0] == ", ".join(right)
            assert objective == q.objective
        short = {q.id.partition(".")[2] for q in questions if q.short}
        assert (
            set(
                re.findall(
                    r"<tr><td>(\d+)</td><td><strong>[^<]+</strong></td><td>[^<]+</td><td>short</td>",
                    page.body,
                )
            )
            == short
        )


def test_the_disclosure_record_records_and_does_not_investigate():
    page = pages()["disclosure-record"]
    words = text(page)
    for needed in (
        "their own words",
        "verbatim",
        "date, time",
        "Who you told, and when",
        "Report made to",
        "Reference number",
        "Do not ask leading questions",
        "Do not investigate",
        "Keep this record secure",
        "share it only as your protocol says",
    ):
        assert needed in words, needed
    for invites_investigating in (
        "suspect",
        "perpetrator",
        "alleged",
        "details of the abuse",
        "offender",
    ):
        assert invites_investigating not in words.lower()


def test_forms_filled_by_hand_keep_no_one_s_data():
    for name in ("certificate", "sign-in-sheet", "evaluation-form"):
        body = pages()[name].html()
        assert "<input" not in body and "<form" not in body
    assert "Name of the learner, written by the instructor" in text(pages()["certificate"])
    assert "keeps no record of who took the course" in text(pages()["certificate"])
    sign_in = text(pages()["sign-in-sheet"])
    assert "stays with the organisation" in sign_in and "never part of the class results" in sign_in
    evaluation = text(pages()["evaluation-form"])
    assert "Do not write your name" in evaluation
    assert evaluation.count("before the session") == 2 and evaluation.count(": now") == 2
    assert "What should we change?" in evaluation


def test_the_protocol_sheet_asks_for_what_the_guide_says_to_know():
    words = text(pages()["protocol-and-contacts"])
    for needed in (
        "Who to tell first",
        "mandated-reporting law",
        "Where to read it",
        "reporting line",
        "Child-protection intake",
        "After hours",
        "Policy document",
        "call 911",
    ):
        assert needed in words, needed


def test_the_learners_page_prints_the_books_page():
    source = kit.LEARNERS_PAGE.read_text(encoding="utf-8")
    words = text(pages()["how-to-take-the-course"])
    for heading in re.findall(r"^#+ (.+)$", source, re.M):
        assert heading in words
    assert "Run → Run All Cells" in words and "Download my answers" in words
    assert "](" not in words  # links print as their words


def test_the_paper_template_is_written_and_a_filled_one_is_kept(tmp_path, monkeypatch):
    monkeypatch.setattr(handouts, "ROOT", tmp_path)
    first = handouts.write_paper_template(tmp_path)
    template = tmp_path / paper.TEMPLATE_NAME
    assert "table for entering paper tests" in first
    assert template.read_text().startswith("learner,form,context,1,2,")
    template.write_text(template.read_text() + "river42,A,pre,B\n")
    assert "kept as it is" in handouts.write_paper_template(tmp_path)
    assert "river42" in template.read_text()


def test_every_learner_notebook_says_to_run_it(tmp_path):
    import json

    from dmst import learner

    if not (learner.HTML / "index.html").exists():
        pytest.fail("build the book first: make book")
    learner.build(out=tmp_path, downloads=False)
    notebooks = sorted(tmp_path.glob("*.ipynb"))
    assert len(notebooks) == len(learner.source_notebooks())
    for path in notebooks:
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        first = "".join(next(c for c in cells if c["cell_type"] == "markdown")["source"])
        assert learner.RUN_NOTE in first, path.name
