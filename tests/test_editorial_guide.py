"""The contributors' editorial guide and the lints agree, so the rules a writer reads are the rules
the tests enforce: every avoided term with its replacement, every grade with its meaning, every
lesson part, and no file named that the project does not have."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from dmst import characters, lint
from dmst.ledger import grades
from dmst.pages import grades_markdown

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "book" / "contributors"
EDITORIAL = GUIDE / "editorial.md"
PAGES = sorted(GUIDE.glob("*.md"))


def table(text: str, first_header: str) -> list[list[str]]:
    """The body rows (cells stripped) of the Markdown table whose first header cell is given."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.lstrip().startswith("|") and cells[0] == first_header:
            rows = []
            for row in lines[i + 2 :]:
                if not row.lstrip().startswith("|"):
                    break
                rows.append([c.strip() for c in row.strip().strip("|").split("|")])
            return rows
    raise AssertionError(f"{EDITORIAL.name} has no table headed {first_header!r}")


def terms_table() -> list[list[str]]:
    rows = table(EDITORIAL.read_text(encoding="utf-8"), "Avoid")
    assert all(len(r) == 4 for r in rows), "each row: avoid | say instead | why | the lint"
    return rows


# --- the terms to avoid -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "instead"), lint.AVOIDED, ids=[p.pattern for p, _ in lint.AVOIDED]
)
def test_every_term_the_lint_flags_is_in_the_guide_with_its_replacement(pattern, instead):
    rows = [r for r in terms_table() if pattern.search(r[0])]
    assert rows, f"the guide's terms table has no row for the lint's {pattern.pattern!r}"
    assert any(instead in r[1] for r in rows), (
        f"the guide's row for {rows[0][0]!r} should say to use {instead!r}, as the lint does"
    )


def test_the_guide_says_which_terms_the_lint_flags():
    for avoid, instead, why, verdict in terms_table():
        flagged = bool(lint.avoided_terms(avoid, "the guide"))
        assert verdict in ("flagged", "judgement"), f"{avoid!r}: say flagged or judgement"
        assert (verdict == "flagged") == flagged, (
            f"the guide says the lint {'flags' if verdict == 'flagged' else 'does not flag'} "
            f"{avoid!r}, but it {'does' if flagged else 'does not'}"
        )
        assert instead and len(why.split()) >= 6, f"{avoid!r}: say what to use instead, and why"


def test_the_terms_table_sits_inside_a_language_note():
    text = EDITORIAL.read_text(encoding="utf-8")
    outside = "\n".join(line for _, line in lint.strip_language_notes(text))
    assert "| Avoid |" in text and "| Avoid |" not in outside
    assert lint.avoided_terms(text, EDITORIAL.name) == []


# --- the grades -------------------------------------------------------------------------------


def test_every_grade_appears_with_its_meaning():
    rubric = grades_markdown()
    for grade in grades().values():
        assert f"Grade {grade.letter}</span> {grade.in_brief}" in rubric
        assert grade.means[1:] in rubric, f"grade {grade.letter}'s meaning is not in the rubric"
    assert ":::{dmst-grades}" in EDITORIAL.read_text(encoding="utf-8")


def test_the_guide_states_the_two_close_case_rules():
    text = " ".join(EDITORIAL.read_text(encoding="utf-8").split())
    assert "known only from someone else's report is graded C at best" in text
    assert "no source at all is graded D" in text


# --- the parts of a lesson --------------------------------------------------------------------


@pytest.mark.parametrize("part", list(lint.LESSON_PARTS))
def test_every_part_the_lesson_lint_requires_is_described(part):
    rows = table(EDITORIAL.read_text(encoding="utf-8"), "Part")
    names = [r[0].lower() for r in rows]
    assert any(n == part or n == part + "s" for n in names), (
        f"the guide's table of lesson parts does not describe {part!r}"
    )
    marker = re.search(r"dmst-[a-z-]+", lint.LESSON_PARTS[part])
    if marker:
        assert any(marker.group(0) in " ".join(r) for r in rows), marker.group(0)


# --- the character registry -------------------------------------------------------------------


def test_the_guide_lists_every_gender_role_and_pronoun_the_registry_accepts():
    text = " ".join(EDITORIAL.read_text(encoding="utf-8").split())
    for value in (*characters.GENDERS, *characters.ROLES, *characters.PRONOUNS):
        assert re.search(rf"(?<![\w-]){re.escape(value)}(?![\w-])", text), value


# --- no file the project does not have --------------------------------------------------------

INTERNAL = re.compile(
    r"\b(SOURCES|CONTENT|DESIGN)\.md\b|\bshared/|content-review|\bseed/|dmst-outreach-page"
)
EXTENSIONS = r"md|ipynb|ya?ml|py|txt|bib|json|toml|cfg|css|js|csv|pdf|html"
FILE_IN_CODE = re.compile(rf"^[\w./~-]*(/|\.(?:{EXTENSIONS})$)")
FILE_IN_BLOCK = re.compile(
    rf"(?<![\w/.~-])(?:\.{{1,2}}/)*(?:[\w.~-]+/)*[\w~-][\w.~-]*\.(?:{EXTENSIONS})\b"
)
MADE_BY_MAKE = ("_build/", ".venv/")  # created by `make book`, so a reader will have them


def named_files(text: str) -> list[str]:
    """Paths in link targets, includes, inline code and code blocks."""
    names = re.findall(r"\]\(([^)#\s]+)", text)
    names += re.findall(r"```\{include\}\s+(\S+)", text)
    blocks = re.findall(r"^(`{3,})[^\n]*\n(.*?)^\1", text, re.S | re.M)
    prose = re.sub(r"^(`{3,})[^\n]*\n.*?^\1", " ", text, flags=re.S | re.M)
    for _, body in blocks:
        names += FILE_IN_BLOCK.findall(body)
    for code in re.findall(r"(?<!`)`([^`\n]+)`(?!`)", prose):
        names += [w for w in code.split() if FILE_IN_CODE.match(w.strip("\"'(),"))]
    return [n.strip("\"'(),") for n in names if not re.match(r"[a-z]+:", n)]


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_the_guide_names_no_file_the_project_does_not_have(page):
    text = page.read_text(encoding="utf-8")
    assert not INTERNAL.search(text), f"{page.name} names {INTERNAL.search(text).group(0)!r}"
    names = named_files(text)
    assert names, "the guide points to the project's files"
    # A name counts if it is found from the page, from the project's root, or (for an example of
    # what to write in a lesson) from the notebooks' folder; a bare file name, if the project has
    # a file of that name.
    bases = (page.parent, ROOT, ROOT / "notebooks")
    missing = [
        n
        for n in names
        if not n.startswith(MADE_BY_MAKE)
        and not any((base / n).exists() for base in bases)
        and not ("/" not in n and any(ROOT.glob(f"src/**/{n}")))
    ]
    assert missing == [], f"{page.name} names files the project does not have: {missing}"


def test_the_file_check_catches_a_missing_file():
    text = "See `src/dmst/data/nothing.yml` and [the notes](../instructors/lesson-99.md)."
    assert named_files(text) == ["../instructors/lesson-99.md", "src/dmst/data/nothing.yml"]


# --- the built pages --------------------------------------------------------------------------


@pytest.mark.book
def test_the_built_guide_shows_every_grade_and_replacement(built_book):
    page = built_book / "book" / "contributors" / "editorial.html"
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page.read_text("utf-8"))).split())
    for grade in grades().values():
        assert f"Grade {grade.letter}" in text and grade.means[1:] in text, grade.letter
    for _, instead in lint.AVOIDED:
        assert instead in text, instead
