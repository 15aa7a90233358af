"""Content lints: language, lesson completeness, and alignment of the map, banks and notebooks."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from dmst import lint
from dmst.lessons import curriculum
from dmst.outreach import OUTREACH_FILE, seed_rows
from dmst.questions import QUESTIONS_DIR, bank

ROOT = Path(__file__).resolve().parents[1]
LESSONS = curriculum().lessons
PROSE = sorted(
    [
        *ROOT.glob("book/**/*.md"),
        *ROOT.glob("notebooks/*.ipynb"),
        *QUESTIONS_DIR.glob("*.yml"),
        OUTREACH_FILE,
    ]
)


def prose_of(path: Path) -> str:
    if path.suffix == ".ipynb":
        return "\n".join(src for _, src in lint.notebook_markdown(path))
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", PROSE, ids=[p.relative_to(ROOT).as_posix() for p in PROSE])
def test_avoided_terms_only_inside_language_notes(path):
    findings = lint.avoided_terms(prose_of(path), path.name)
    assert not findings, "\n".join(map(str, findings))


def test_language_lint_catches_and_allows():
    text = (
        "A buyer is responsible.\n"
        "The page calls them johns.\n"
        ":::{admonition} Language note\n:class: dmst-language-note\n"
        "The page says “prostitution of children” and “johns”.\n:::\n"
        "John, a teacher, noticed.\n"
        "Never say child prostitute.\n"
    )
    found = lint.avoided_terms(text, "t.md")
    assert [(f.line, f.term) for f in found] == [(2, "johns"), (8, "child prostitute")]


def test_language_note_must_be_marked():
    text = ":::{admonition} Note\n:class: tip\nprostituted youth\n:::\n"
    assert lint.avoided_terms(text, "t.md")


@pytest.mark.parametrize("lesson", LESSONS, ids=[lesson.id for lesson in LESSONS])
def test_lesson_has_every_part(lesson):
    path = ROOT / lesson.notebook
    assert path.exists(), f"{lesson.notebook} is in lessons.yml but not on disk"
    assert lint.missing_lesson_parts(path, lesson.id) == []


@pytest.mark.parametrize("lesson", LESSONS, ids=[lesson.id for lesson in LESSONS])
def test_every_objective_checked_in_its_notebook(lesson):
    called = lint.checks_in(ROOT / lesson.notebook)
    assert len(called) >= 4, "a lesson has at least four knowledge checks"
    assert len(called) == len(set(called)), "a check appears once"
    questions = bank()
    for qid in called:
        assert qid in questions, f"{lesson.notebook} calls check({qid!r}), not in any bank"
    covered = {questions[qid].objective for qid in called}
    for objective in lesson.objectives:
        assert objective.id in covered, f"objective {objective.id} has no check in the notebook"
    own = {q.id for q in questions.values() if q.id.startswith(lesson.id + ".")}
    assert own <= set(called), f"bank questions never shown: {sorted(own - set(called))}"


def test_every_question_points_at_its_own_lesson():
    objectives = curriculum().objectives
    for q in bank().values():
        assert objectives[q.objective].lesson == q.id.split(".")[0], q.id


def test_every_seed_row_is_taught():
    taught = {row for lesson in LESSONS for row in lesson.seed_rows}
    assert taught <= set(seed_rows())
    assert sorted(set(seed_rows()) - taught) == [], "parts of the outreach page nobody teaches"


def test_curriculum_map_page_covers_every_objective_and_check():
    from dmst.pages import map_markdown

    text = map_markdown()
    for lesson in LESSONS:
        for objective in lesson.objectives:
            assert f"**{objective.id}**" in text
    for q in bank().values():
        assert f"{q.id} (" in text
    assert "not yet taught" not in text


def toc_files() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    found = [toc["root"]]

    def walk(node):
        if isinstance(node, dict):
            if "file" in node:
                found.append(node["file"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(toc.get("parts", []))
    return found


LESSON_NOTEBOOK = re.compile(r"^notebooks/\d{2}-")


def test_toc_notebooks_and_lesson_map_agree():
    in_toc = {f for f in toc_files() if LESSON_NOTEBOOK.match(f)}
    in_map = {lesson.docname for lesson in LESSONS}
    assert in_toc == in_map
    on_disk = {
        p.relative_to(ROOT).with_suffix("").as_posix() for p in ROOT.glob("notebooks/*.ipynb")
    }
    assert {n for n in on_disk if LESSON_NOTEBOOK.match(n)} == in_map
    assert on_disk <= set(toc_files()), (
        "every notebook (lessons, assessments, tools) is in the book"
    )


def test_glossary_links_resolve_to_terms():
    terms = lint.glossary_terms(ROOT / "book" / "glossary.md")
    assert len(terms) >= 15
    for path in PROSE:
        for target in lint.term_links(prose_of(path)):
            assert target in terms, (
                f"{path.name}: {{term}} link to {target!r} has no glossary entry"
            )


def test_notebooks_store_outputs_without_widget_state():
    for path in sorted(ROOT.glob("notebooks/*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        assert "widgets" not in nb["metadata"], "widget state would load a CDN widget manager"
        code = [c for c in nb["cells"] if c["cell_type"] == "code"]
        assert all(
            c["outputs"] for c in code if "remove-cell" not in c["metadata"].get("tags", [])
        ), f"{path.name}: run `make execute` to store outputs"


def test_lesson_prose_has_no_bare_web_addresses_to_trackers():
    for path in PROSE:
        assert not re.search(r"google-analytics|googletagmanager|plausible\.io", prose_of(path))


@pytest.mark.parametrize("path", PROSE, ids=[p.relative_to(ROOT).as_posix() for p in PROSE])
def test_every_statistic_in_prose_is_cited(path):
    findings = lint.uncited_numbers(prose_of(path), path.name)
    assert not findings, "\n".join(map(str, findings))


@pytest.mark.parametrize(
    "sentence",
    [
        "About 55% of homeless girls were exploited.",
        "Fifteen percent relied on a trafficker.",
        "Between 100,000 and 3 million teens.",
        "There are two and a half million runaways.",
        "1 out 3 teens will be lured.",
        "One in three teens will be lured.",
        "It is a $5,000,000,000 industry.",
        "It is a five billion dollar industry.",
        "The study found 4457 youth.",
        "In 2019 the hotline identified 22326 people.",
        "Some 2000 children ran away.",
    ],
)
def test_number_lint_catches_uncited_statistics(sentence):
    assert lint.uncited_numbers(sentence, "t.md"), sentence


@pytest.mark.parametrize(
    "sentence",
    [
        "The study estimated {stat}`swaner-2016:youth` in the sex trade.",
        "The Trafficking Victims Protection Act of 2000 defines it; NISMART-2 used 1999 data.",
        "A person under 18 cannot consent. Girls aged 12 to 14 are children.",
        "Call 1-888-373-7888, text 233733, or call or text 988. TTY 711.",
        "Under 18 U.S.C. § 1591(c) the buyer is responsible.",
        "See Lesson 6 and check 01.2, objective O01.3.",
        "Read [the entry](../book/ledger.md#ledger-2016) and {cite:p}`swaner2016`.",
        "One in a million chances are not statistics we use.".replace("One in a million", "Rarely"),
        "It can take a young person years to disclose, one step at a time.",
    ],
)
def test_number_lint_allows_years_ages_phones_and_citations(sentence):
    assert lint.uncited_numbers(sentence, "t.md") == [], sentence


def test_stat_role_in_a_bank_becomes_the_cited_figure(tmp_path):
    from dmst.ledger import ledger
    from dmst.questions import parse_bank

    bank_file = tmp_path / "01-x.yml"
    bank_file.write_text(
        'questions:\n  - id: "01.1"\n    objective: O01.1\n    kind: myth_fact\n'
        "    prompt: The study found {stat}`swaner-2016:youth`.\n    answer: fact\n"
        "    feedback: {myth: a, fact: b}\n    explanation: c\n",
        encoding="utf-8",
    )
    [q] = parse_bank(bank_file, {"O01.1"}, ledger())
    assert q.prompt == "The study found " + ledger()["swaner-2016"].cite("youth") + "."
    bank_file.write_text(
        bank_file.read_text().replace("swaner-2016:youth", "swaner-2016:nothing"), encoding="utf-8"
    )
    with pytest.raises(Exception, match=r"entry '01.1': field 'prompt': \{stat\} reference"):
        parse_bank(bank_file, {"O01.1"}, ledger())
