"""The learner edition: roles resolved, links reach a page, no stored answer, clean metadata."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import ROOT
from dmst import learner
from dmst.learner import (
    LEAVING_NOTE,
    Context,
    Inventory,
    LearnerError,
    convert_markdown,
    learner_output,
    lint_notebook,
)
from dmst.ledger import cite

BUILD = ROOT / "_build"
EDITION = sorted((BUILD / "learner").glob("*.ipynb"))
DOWNLOADS = sorted((BUILD / "html" / "learner").glob("*.ipynb"))
SOURCES = sorted((ROOT / "notebooks").glob("*.ipynb"))

INVENTORY = Inventory(
    docs={
        "book/safety": ("book/safety.html", "Safety and support"),
        "book/ledger": ("book/ledger.html", "Statistics ledger"),
        "book/references": ("book/references.html", "References"),
        "book/instructors/lesson-01": ("book/instructors/lesson-01.html", "Lesson 01 notes"),
        "notebooks/06-the-numbers": ("notebooks/06-the-numbers.html", "The numbers"),
    },
    terms={"buyer": "book/glossary.html#term-buyer", "csec": "book/glossary.html#term-CSEC"},
    labels={"ledger-entry-age": ("book/ledger.html#ledger-entry-age", "Average age")},
)


def ctx(base: str = "../html/") -> Context:
    return Context(
        ROOT / "notebooks" / "01-what-is-dmst.ipynb",
        {"01-what-is-dmst.ipynb", "06-the-numbers.ipynb"},
        INVENTORY,
        base,
    )


# --------------------------------------------------------------------------- every learner notebook


@pytest.mark.book
def test_every_source_notebook_has_a_learner_edition():
    assert SOURCES
    assert [p.name for p in EDITION] == [p.name for p in SOURCES]
    assert [p.name for p in DOWNLOADS] == [p.name for p in SOURCES]


@pytest.mark.book
@pytest.mark.parametrize("path", EDITION + DOWNLOADS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_learner_notebook_passes_the_lint(path):
    problems = lint_notebook(path, BUILD)
    assert not problems, "\n".join(problems)


@pytest.mark.book
@pytest.mark.parametrize("path", EDITION, ids=lambda p: p.name)
def test_learner_notebook_is_valid_and_opens_clean(path):
    import nbformat

    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata.kernelspec == learner.kernelspec()
    assert nb.metadata.dmst == {"edition": "learner", "source": f"notebooks/{path.name}"}
    assert all(c.get("execution_count") is None for c in nb.cells if c.cell_type == "code")


@pytest.mark.book
def test_content_notes_tell_the_truth_about_leaving():
    for path in EDITION:
        first = "".join(json.loads(path.read_text())["cells"][0]["source"])
        if "Content note" not in first:
            continue
        assert "Leaving quickly." in first and "Ctrl+W" in first, path.name
        assert "top right" not in first and "Escape twice" not in first, path.name


@pytest.mark.book
def test_lesson_pages_link_their_learner_edition():
    page = (BUILD / "html" / "notebooks" / "01-what-is-dmst.html").read_text(encoding="utf-8")
    assert 'href="../learner/01-what-is-dmst.ipynb" download' in page
    assert "Download this lesson as a notebook" in page
    # The source notebook Sphinx copies into _sources/ is replaced by the learner edition.
    copied = BUILD / "html" / "_sources" / "notebooks" / "assessment-pre.ipynb"
    if copied.exists():
        assert json.loads(copied.read_text())["metadata"]["dmst"]["edition"] == "learner"


@pytest.mark.book
def test_rebuilding_keeps_a_learners_saved_notebook(tmp_path):
    out = tmp_path / "learner"
    learner.build(out=out, html=BUILD / "html", url="", downloads=False)
    saved = out / "01-what-is-dmst.ipynb"
    saved.write_text(saved.read_text().replace("What is DMST?", "What is DMST? (my notes)"))
    assert not learner.build(out, BUILD / "html", url="", downloads=False)
    assert "(my notes)" in saved.read_text()


# ------------------------------------------------------------------------------ the lint itself


def bad_notebook(tmp_path: Path) -> Path:
    check_html = (
        '<form class="dmst-check" id="check-01-1"><label><input type="radio" data-correct="1">'
        'Right</label><p class="dmst-option-feedback">Because...</p></form>'
    )
    nb = {
        "cells": [
            {
                "cell_type": "markdown",
                "id": "a",
                "metadata": {},
                "source": "Raw {stat}`polaris-2019:identified` and {cite:p}`swaner2016`.\n"
                "Use the **Quick exit** button at the top right, or press Escape twice.\n"
                "[Safety](../book/safety.md) and [gone](../html/book/nowhere.html) and "
                "[anchor](../html/book/glossary.html#term-nothing-here)\n\n"
                ":::{admonition} Left over\n:::",
            },
            {
                "cell_type": "code",
                "id": "b",
                "metadata": {},
                "execution_count": 1,
                "source": 'check("01.1")',
                "outputs": [
                    {
                        "output_type": "execute_result",
                        "execution_count": 1,
                        "metadata": {},
                        "data": {
                            "text/html": check_html,
                            "text/plain": "Knowledge check 01.1",
                            learner.WIDGET_VIEW: {"model_id": "abc", "version_major": 2},
                        },
                    }
                ],
            },
        ],
        "metadata": {
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
            "widgets": {"application/vnd.jupyter.widget-state+json": {"state": {}}},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    folder = tmp_path / "learner"
    folder.mkdir()
    (tmp_path / "html" / "book").mkdir(parents=True)
    (tmp_path / "html" / "book" / "glossary.html").write_text('<dt id="term-buyer">buyer</dt>')
    path = folder / "bad.ipynb"
    path.write_text(json.dumps(nb))
    return path


def test_lint_finds_every_kind_of_problem(tmp_path):
    problems = "\n".join(lint_notebook(bad_notebook(tmp_path), tmp_path, url=""))
    assert "unresolved MyST '{stat}`'" in problems
    assert "unresolved MyST '{cite:p}`'" in problems
    assert "unresolved MyST ':::{'" in problems
    assert "promises what Jupyter does not have: 'Quick exit** button at'" in problems
    assert "'Escape twice'" in problems
    assert "link '../book/safety.md' goes to a missing file" in problems
    assert "link '../html/book/nowhere.html' goes to a missing file" in problems
    assert "missing anchor #term-nothing-here" in problems
    assert "a stored output reveals answers or needs a widget" in problems
    assert "stores widget state" in problems
    assert "is not the kernel make lab provides" in problems


def test_lint_checks_links_to_the_published_book_against_the_build(tmp_path):
    path = bad_notebook(tmp_path)
    nb = json.loads(path.read_text())
    nb["cells"] = [
        {
            "cell_type": "markdown",
            "id": "a",
            "metadata": {},
            "source": "[ok](https://book.example/book/glossary.html#term-buyer) "
            "[missing](https://book.example/book/gone.html) [help](https://988lifeline.org/)",
        }
    ]
    nb["metadata"] = {"kernelspec": learner.kernelspec()}
    path.write_text(json.dumps(nb))
    problems = lint_notebook(path, tmp_path, url="https://book.example/")
    assert len(problems) == 1 and "gone.html" in problems[0], problems


# ------------------------------------------------------------------------------- the conversion


def test_roles_become_plain_markdown():
    text = (
        "There were {stat}`swaner-2016:youth` {cite:p}`swaner2016,estes2001`; "
        "{cite:t}`swaner2016` says so. A {term}`buyers <buyer>` and {term}`CSEC`. "
        "See {ref}`the ledger entry <ledger-entry-age>` and {doc}`/book/safety`."
    )
    out = convert_markdown(text, ctx())
    assert learner.escape(cite("swaner-2016:youth")) in out
    assert "(Swaner et al., 2016; Estes and Weiner, 2001)" in out
    assert "Swaner et al. (2016) says so" in out
    assert "[buyers](../html/book/glossary.html#term-buyer)" in out
    assert "[CSEC](../html/book/glossary.html#term-CSEC)" in out
    assert "[the ledger entry](../html/book/ledger.html#ledger-entry-age)" in out
    assert "[Safety and support](../html/book/safety.html)" in out
    assert "{" not in out


def test_links_go_to_the_book_or_the_learner_edition():
    text = (
        "[Safety](../book/safety.md), [notes](../book/instructors/lesson-01.md), "
        "[lesson 6](06-the-numbers.ipynb#age), [ledger](../book/ledger.md#ledger-entry-age), "
        "[help](https://988lifeline.org/) and [top](#what-dmst-means)"
    )
    out = convert_markdown(text, ctx("https://book.example/"))
    assert "[Safety](https://book.example/book/safety.html)" in out
    assert "[notes](https://book.example/book/instructors/lesson-01.html)" in out
    assert "[lesson 6](06-the-numbers.ipynb#age)" in out
    assert "[ledger](https://book.example/book/ledger.html#ledger-entry-age)" in out
    assert "[help](https://988lifeline.org/)" in out and "[top](#what-dmst-means)" in out


def test_dollar_signs_stay_money_not_mathematics():
    assert convert_markdown("from $5 to $10, `$x`", ctx()) == r"from \$5 to \$10, `$x`"


def test_admonitions_become_block_quotes_with_a_title():
    text = (
        "::::{admonition} Scenario: Rosa\n:class: dmst-scenario\nShe is 16.\n\n"
        ":::{note}\nInner {term}`buyer`.\n:::\n::::\n\nAfter."
    )
    assert convert_markdown(text, ctx()) == (
        "> **Scenario: Rosa**\n>\n> She is 16.\n>\n> > **Note**\n> >\n"
        "> > Inner [buyer](../html/book/glossary.html#term-buyer).\n\nAfter."
    )


def test_the_grade_rubric_becomes_a_table_from_the_ledger_file():
    from dmst.ledger import grades

    out = convert_markdown("The grades:\n\n:::{dmst-grades}\n:::\n\nAfter.", ctx())
    rows = [f"| **{g.letter}** | {g.means[0].upper()}{g.means[1:]}. |" for g in grades().values()]
    table = ["| Grade | What it means |", "|---|---|", *rows]
    assert out == "\n".join(["The grades:", "", *table, "", "After."])


def test_content_note_drops_quick_exit_and_says_how_to_leave():
    text = (
        ":::{admonition} Content note\n:class: dmst-content-note\nThis lesson is about harm.\n"
        "It includes a story of a girl who wants to escape.\n\n"
        "You may stop. To leave this site quickly, use the **Quick exit** button at the top\n"
        "right, or press Escape twice. Quick exit does not clear your history.\n:::"
    )
    out = convert_markdown(text, ctx())
    assert "wants to escape.\n>\n> You may stop.\n>\n> **Leaving quickly.**" in out
    assert "top right" not in out and "Escape twice" not in out
    assert "[Safety and support](../html/book/safety.html) explains more." in out
    assert LEAVING_NOTE.startswith("**Leaving quickly.**")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{abbr}`DMST`", "the role {abbr} has no rendering"),
        ("{term}`nothing`", "the glossary has no term 'nothing'"),
        ("{cite:p}`nobody1999`", "'nobody1999' is not in references.bib"),
        ("{stat}`no-such-entry`", "no-such-entry"),
        ("[x](../book/missing.md)", "which is not a book page"),
        (":::{dropdown} More\nText\n:::", "the directive {dropdown} has no rendering"),
        (":::{admonition} Open\nText", "is never closed"),
    ],
)
def test_what_cannot_be_rendered_stops_with_one_line(text, message):
    with pytest.raises(LearnerError) as exc:
        convert_markdown(text, ctx())
    assert str(exc.value).startswith("notebooks/01-what-is-dmst.ipynb, cell 0: ")
    assert message in str(exc.value)


def test_outputs_keep_figures_and_drop_answers():
    view = {learner.WIDGET_VIEW: {"model_id": "m", "version_major": 2}}
    check = {
        "output_type": "execute_result",
        "execution_count": 3,
        "metadata": {},
        "data": {"text/html": '<form class="dmst-check">', "text/plain": "check", **view},
    }
    figure = {
        "output_type": "execute_result",
        "execution_count": 4,
        "metadata": {},
        "data": {"text/html": '<figure class="dmst-figure"></figure>', "text/plain": "", **view},
    }
    panel = {
        "output_type": "display_data",
        "metadata": {},
        "data": {"text/html": '<div class="dmst-results-panel">', **view},
    }
    assert learner_output(check) is None
    assert learner_output(panel) is None
    kept = learner_output(figure)
    assert kept is not None and learner.WIDGET_VIEW not in kept["data"]
    assert kept["execution_count"] is None
    assert learner_output({"output_type": "stream", "name": "stderr", "text": "warn"}) is None
    png = {"output_type": "display_data", "metadata": {}, "data": {"image/png": "iVBOR"}}
    assert learner_output(png) == png


def test_saving_a_learner_notebook_in_lab_drops_widget_views():
    view = {learner.WIDGET_VIEW: {"model_id": "m", "version_major": 2}}
    output = {"output_type": "display_data", "metadata": {}, "data": {"text/html": "<form class="
              '"dmst-check">', **view}}  # fmt: skip
    nb = {
        "metadata": {"dmst": {"edition": "learner"}, "widgets": {}},
        "cells": [{"cell_type": "code", "outputs": [output], "source": ""}],
    }
    source_nb = json.loads(json.dumps(nb))
    source_nb["metadata"].pop("dmst")
    learner.lab_pre_save_hook(model={"type": "notebook", "content": nb}, path="x.ipynb")
    assert nb["cells"][0]["outputs"] == [] and "widgets" not in nb["metadata"]
    learner.lab_pre_save_hook(model={"type": "notebook", "content": source_nb}, path="y.ipynb")
    assert source_nb["cells"][0]["outputs"] == [output]  # an author's notebook is left alone


def test_book_url_must_be_a_full_address(tmp_path):
    config = tmp_path / "_config.yml"
    config.write_text('sphinx:\n  config:\n    dmst_book_url: "book.example.org"\n')
    with pytest.raises(LearnerError, match="dmst_book_url must be empty or a full https://"):
        learner.book_url(config)
    config.write_text('sphinx:\n  config:\n    dmst_book_url: "https://book.example.org/dmst"\n')
    assert learner.book_url(config) == "https://book.example.org/dmst/"
