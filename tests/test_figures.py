"""Every figure carries meaningful alt text, a source and grade, and its numbers as a table."""

from __future__ import annotations

import io
import re

import matplotlib.image as mpimg
import pytest

from dmst import figures

CHARTS = [
    figures.legal_elements,
    figures.grades_overview,
    figures.runaway_figures,
    figures.estimate_ranges,
    figures.pimp_share,
    figures.entry_age_chart,
    figures.citation_chains,
]


@pytest.mark.parametrize("make", CHARTS, ids=[f.__name__ for f in CHARTS])
def test_chart_is_complete(make):
    chart = make()
    image = mpimg.imread(io.BytesIO(chart.png), format="png")
    assert image.shape[1] == 800 and image.shape[0] >= 300
    assert len(chart.alt.split()) >= 15, "alt text says what the chart shows and its point"
    assert not re.match(r"(an? )?(image|picture|graphic|screenshot) of\b", chart.alt.lower())
    assert chart.source and chart.grade
    assert chart.rows and all(len(row) == len(chart.columns) for row in chart.rows)
    html = chart._repr_html_()
    assert f'alt="{chart.alt}"' in html.replace("&#x27;", "'")
    assert "<table>" in html and "Source:" in html and "Grade:" in html


def test_png_is_deterministic():
    assert figures.legal_elements().png == figures.legal_elements().png


def test_charts_read_the_ledger_not_retyped_numbers():
    from dmst.ledger import entry

    chart = figures.estimate_ranges()
    study = entry("swaner-2016").number("youth")
    assert study.text() in chart.alt
    assert any("20,994" in cell for row in chart.rows for cell in row)


def test_simulation_is_labelled_as_made_up_in_figure_and_alt():
    chart = figures.entry_age_chart()
    assert chart.alt.startswith(figures.MADE_UP)
    for _, everyone, sampled in chart.rows:
        assert float(sampled) < 18 <= float(everyone) or float(sampled) < float(everyone)


def test_sample_average_is_always_under_the_age_limit():
    for true_average in (13, 16, 19, 22, 26):
        ages = figures.simulated_entry_ages(true_average)
        assert ages[ages < 18].mean() < 18


def test_live_explorer_updates_with_the_sliders():
    explorer = figures.entry_age_explorer()
    box = explorer.widget()
    _, oldest, image, summary = box.children
    before = image.value
    oldest.value = 25
    assert image.value != before and "under 25" in summary.value
    bundle = explorer._repr_mimebundle_()
    assert bundle["text/html"] == figures.entry_age_chart()._repr_html_()


@pytest.mark.parametrize(
    ("entry_id", "label"),
    [
        ("lured-48h", "No data behind this number"),
        ("majority-12-14", "Not what the source measured"),
        ("street-10-15pct", "could not be checked"),
    ],
)
def test_no_data_panel_is_labelled(entry_id, label):
    panel = figures.no_data(entry_id)._repr_html_()
    assert label in panel and "Grade:" in panel and "Source:" in panel


@pytest.mark.parametrize(
    "make", [figures.legal_elements, figures.citation_chains], ids=["legal", "chains"]
)
def test_no_text_spills_out_of_a_box(make):
    assert figures.text_overflows(make) == []


DIAGRAMS = sorted(figures.all_diagrams())


@pytest.mark.parametrize("diagram_id", DIAGRAMS)
def test_every_diagram_renders_with_alt_text_and_fits(diagram_id):
    chart = figures.diagram(diagram_id)
    assert len(chart.alt.split()) >= 12 and chart.rows
    assert figures.text_overflows(lambda: figures.diagram(diagram_id)) == []


def test_overflow_check_catches_a_spill(tmp_path, monkeypatch):
    import dmst.figures as f

    long = f.Diagram("x", "flow", "t", (("Head", "word " * 60), ("B", "c")), "a " * 12, "s")
    monkeypatch.setattr(f, "all_diagrams", lambda: {"x": long})
    assert f.text_overflows(lambda: f.diagram("x"))
