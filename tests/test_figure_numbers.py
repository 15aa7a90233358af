"""Figures draw every number from the ledger, and nothing published names a file readers lack.

The number lint reads the strings of the figure code and the diagram data files: a statistic typed
into a chart label, title, source line or alt text fails, and one drawn from the ledger passes.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dmst import figures, lint

ROOT = Path(__file__).resolve().parents[1]
# The modules that draw figures from the ledger (the class-results chart, which shows a class's own
# answers, lives in classchart.py and is not one of them).
FIGURE_MODULES = [
    ROOT / "src" / "dmst" / name
    for name in ("figstyle.py", "evidence.py", "numbercards.py", "simulation.py", "diagrams.py")
]
DIAGRAMS = sorted((ROOT / "src" / "dmst" / "data" / "diagrams").glob("*.yml"))


@pytest.mark.parametrize("module", FIGURE_MODULES, ids=lambda p: p.name)
def test_figure_code_types_no_number(module):
    findings = lint.figure_code_numbers(module)
    assert not findings, "\n".join(map(str, findings))


@pytest.mark.parametrize(
    "code",
    [
        'label = "Page: 450,000 run away every year"',
        'label = "Page: 2.5 million “at any given time”"',
        'name = "“Average age of entry 13”"',
        'note = f"{n.text()} ({total} youth, about 15 percent)"',
        'alt = "Half of them, 55%, were homeless."',
        'line = "Sources: NISMART-2 (Hammer, Finkelhor & Sedlak)"',
        'ax.text(0, 1, "1 in 3 within 48 hours", color="#0072B2")',
    ],
)
def test_a_number_typed_into_a_figure_string_fails(tmp_path, code):
    module = tmp_path / "chart.py"
    module.write_text(f"def chart(n, e, total, ax):\n    {code}\n", encoding="utf-8")
    assert lint.figure_code_numbers(module), code


@pytest.mark.parametrize(
    "code",
    [
        'label = f"{n.text()} (grade {e.grade})"',
        'label = f"{e.short}: {e.cite_as}, average {value:.1f}"',
        'box = "Person 18 or older"',
        'line = "Source: TVPA 2000, 22 U.S.C. § 7102; 18 U.S.C. § 1591."',
        'ax.bar(x, y, color="#0072B2", hatch="//")',
        'entry = _entry("teens-100k-3m")',
        'layout = w.Layout(max_width="100%")',
        'raise ValueError("a diagram needs 2 to 8 boxes")',
    ],
)
def test_a_number_drawn_from_the_ledger_passes(tmp_path, code):
    module = tmp_path / "chart.py"
    module.write_text(
        f'def chart(n, e, value, ax, x, y, w):\n    """Up to 450,000 words."""\n    {code}\n',
        encoding="utf-8",
    )
    assert lint.figure_code_numbers(module) == [], code


@pytest.mark.parametrize("path", DIAGRAMS, ids=[p.name for p in DIAGRAMS])
def test_diagram_data_types_no_number(path):
    findings = lint.diagram_numbers(path)
    assert not findings, "\n".join(map(str, findings))


DIAGRAM = """diagrams:
  - id: "x"
    kind: flow
    title: "Two steps"
    boxes:
      - {{heading: "Count", body: "{body}"}}
      - {{heading: "Act", body: "Offer support to every young person"}}
    alt: "Two boxes in a row: a count of young people, then the point that each one needs support."
    source: "18 U.S.C. § 1591; the statistics ledger"
"""


def test_diagram_number_lint_both_ways(tmp_path, monkeypatch):
    bad = tmp_path / "bad.yml"
    bad.write_text(DIAGRAM.format(body="About 15% relied on a trafficker"), encoding="utf-8")
    assert [f.text for f in lint.diagram_numbers(bad)] == ["15%"]
    bad.write_text(DIAGRAM.format(body="Thousands, aged 13 and up"), encoding="utf-8")
    assert [f.text for f in lint.diagram_numbers(bad)] == ["13"]

    good = tmp_path / "good.yml"
    good.write_text(DIAGRAM.format(body="{stat}`swaner-2016:youth` under 18"), encoding="utf-8")
    assert lint.diagram_numbers(good) == []
    # ... and the diagram prints the ledger's figure with its source and grade.
    from dmst.ledger import entry

    [diagram] = figures.parse_diagrams(good)
    assert diagram.boxes[0][1] == entry("swaner-2016").cite("youth") + " under 18"


def test_diagram_with_an_unknown_stat_names_file_entry_and_field(tmp_path):
    from dmst.errors import DataError

    path = tmp_path / "bad.yml"
    path.write_text(DIAGRAM.format(body="{stat}`swaner-2016:nothing`"), encoding="utf-8")
    with pytest.raises(DataError, match=r"bad\.yml.*'x'.*body"):
        figures.parse_diagrams(path)


# --- no published text names a file the project does not have ------------------------------------


def published_texts() -> list[tuple[str, str, Path]]:
    """(where, text, folder) for every page, notebook, data file and figure string."""
    found = []
    for path in sorted(ROOT.glob("book/**/*.md")):
        found.append((path.relative_to(ROOT).as_posix(), path.read_text("utf-8"), path.parent))
    for path in sorted(ROOT.glob("notebooks/*.ipynb")):
        nb = json.loads(path.read_text("utf-8"))
        parts = []
        for cell in nb["cells"]:
            parts.append("".join(cell["source"]))
            for output in cell.get("outputs", []):
                for mime, value in output.get("data", {}).items():
                    if mime.startswith("text/"):
                        parts.append("".join(value))
                parts.append("".join(output.get("text", "")))
        found.append((path.relative_to(ROOT).as_posix(), "\n".join(parts), path.parent))
    for path in sorted((ROOT / "src" / "dmst" / "data").rglob("*")):
        if path.is_file() and path.suffix in {".yml", ".yaml", ".bib", ".json", ".md", ".txt"}:
            found.append((path.relative_to(ROOT).as_posix(), path.read_text("utf-8"), path.parent))
    for module in FIGURE_MODULES:
        for line, text in lint.figure_strings(module.read_text("utf-8")):
            found.append((f"src/dmst/{module.name}:{line}", text, module.parent))
    return found


def test_no_published_text_names_a_missing_file():
    known = lint.project_files(ROOT)
    findings = [
        finding
        for where, text, folder in published_texts()
        for finding in lint.unknown_files(text, where, known, folder, ROOT)
    ]
    assert not findings, "\n".join(map(str, findings))


@pytest.mark.parametrize(
    "text",
    [
        "Built from SOURCES.md, as agreed.",
        "See CONTENT.md for the language table.",
        "The design is in DESIGN.md.",
        "Read ../shared/reviews/notes.txt first.",
        "The page is seed/dmst-outreach-page.txt.",
        "Open [the notes](../book/instructors/lesson-99.md).",
    ],
)
def test_file_check_catches_missing_and_internal_files(text):
    known = lint.project_files(ROOT)
    assert lint.unknown_files(text, "t.md", known, ROOT / "notebooks", ROOT), text


@pytest.mark.parametrize(
    "text",
    [
        "See [Safety and support](../book/safety.md) and the ledger in ledger.yml.",
        "Open notebooks/06-the-numbers.ipynb, or [lesson 6](06-the-numbers.ipynb).",
        "Build with DMST_RESOURCES=/path/to/your-resources.yml make book.",
        "Visit https://www.example.org/help/page.html or 1800RUNAWAY.org.",
        "Each lesson is a notebook (.ipynb) with stored outputs.",
    ],
)
def test_file_check_allows_project_files_web_pages_and_the_readers_own(text):
    known = lint.project_files(ROOT)
    assert lint.unknown_files(text, "t.md", known, ROOT / "notebooks", ROOT) == [], text
