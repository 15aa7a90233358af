"""Every figure carries meaningful alt text, a source and grade, and its numbers as a table."""

from __future__ import annotations

import io
import re
from html import escape

import matplotlib.image as mpimg
import pytest

from dmst import figures

CHARTS = [
    figures.legal_elements,
    figures.grades_overview,
    figures.runaway_figures,
    figures.estimate_ranges,
    figures.entry_age_chart,
    figures.average_balance,
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
    assert f'alt="{escape(chart.alt)}"' in html
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
    for chart in (figures.entry_age_chart(), figures.average_balance()):
        assert chart.alt.startswith(figures.MADE_UP)
        assert "not graded" in chart.grade and "made-up" in chart.source


def test_interview_age_pulls_the_average_down_even_among_minors():
    """Not the tautology 'ages under 18 average under 18': a study that meets people before 18
    misses exploitation that began after the interview, so its average is below the average of
    everyone first exploited under 18, whatever the made-up real average."""
    for real_average in (13, 15, 16, 19, 22):
        group = figures.made_up_group(real_average)
        minors = group.started_under(18).mean()
        juvenile_study = group.seen_by_study(17).mean()
        wider_study = group.seen_by_study(29).mean()
        assert juvenile_study < minors - 0.5
        assert abs(wider_study - group.entry.mean()) < abs(juvenile_study - group.entry.mean())


def test_static_simulation_shows_the_three_averages_in_order():
    rows = figures.entry_age_chart().rows
    everyone, minors, study = (float(value) for _, value in rows)
    assert everyone > minors > study
    assert "interviews people aged 13 to 17" in rows[2][0]


def test_average_balance_needs_as_many_young_as_old_starts():
    from dmst.ledger import entry

    chart = figures.average_balance()
    counts = {int(age): int(n) for age, n in chart.rows}
    girls = entry("entry-age").number("girls")
    centre = (girls.low + girls.high) / 2
    assert sum(a * n for a, n in counts.items()) / sum(counts.values()) == centre
    assert counts[9] + counts[10] == counts[16] + counts[17]
    assert "9 or 10" in chart.alt and "16 or 17" in chart.alt


def test_live_explorer_updates_with_the_sliders(live):
    explorer = figures.entry_age_explorer()
    box = explorer.widget()
    average, oldest, image, summary = box.children
    before = image.value
    oldest.value = 25
    assert image.value != before and "aged 13 to 25" in summary.value
    assert figures.MADE_UP in summary.value
    said = summary.value
    average.value = 20
    assert summary.value != said, "moving the made-up average changes both averages shown"
    bundle = explorer._repr_mimebundle_()
    assert bundle["text/html"] == figures.entry_age_chart()._repr_html_()


def test_pimp_share_is_one_reported_figure_not_a_comparison():
    from dmst.ledger import entry

    card = figures.pimp_share()
    page = card._repr_html_()
    study = entry("swaner-2016")
    assert "reported a pimp" in page and "Grade: C" in page
    assert study.number("pimp-share").text() in page
    assert "13 to 24" in page and "reported in the press" in page
    page_share = entry("homeless-55-75").number("pimp-share").text()
    assert page_share not in page, "no second bar from a different group"


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
    import dmst.diagrams as d

    long = d.Diagram("x", "flow", "t", (("Head", "word " * 60), ("B", "c")), "a " * 12, "s")
    monkeypatch.setattr(d, "all_diagrams", lambda: {"x": long})
    assert figures.text_overflows(lambda: d.diagram("x"))


def test_a_kept_figure_is_drawn_again_only_when_what_it_read_changes(tmp_path, monkeypatch):
    from dmst import figurecache
    from dmst.render import Rendered

    monkeypatch.setattr(figurecache, "FOLDER", tmp_path)
    monkeypatch.setattr(figurecache, "_KEPT", {})
    entry_reads = {"text": "as first drawn"}
    monkeypatch.setattr("dmst.ledger.entries_text", lambda ids: entry_reads["text"])
    drawn = []

    def draw() -> Rendered:
        drawn.append(1)
        return Rendered("<p>chart</p>", (), entries=frozenset({"swaner-2016"}))

    figurecache.figure("chart", draw)
    figurecache.figure("chart", draw)
    assert len(drawn) == 1  # kept in this process
    figurecache._KEPT.clear()
    figurecache.figure("chart", draw)
    assert len(drawn) == 1  # kept on disk for the next build
    entry_reads["text"] = "the entry was edited"
    assert figurecache.figure("chart", draw).html == "<p>chart</p>"
    assert len(drawn) == 2
