"""Every figure carries meaningful alt text, a source and grade, and its numbers as a table."""

from __future__ import annotations

import io
import re

import matplotlib.image as mpimg
import pytest

from dmst import figures

CHARTS = [figures.legal_elements]


@pytest.mark.parametrize("make", CHARTS, ids=[f.__name__ for f in CHARTS])
def test_chart_is_complete(make):
    chart = make()
    image = mpimg.imread(io.BytesIO(chart.png), format="png")
    assert image.shape[1] == 800 and image.shape[0] >= 300
    assert len(chart.alt.split()) >= 15, "alt text says what the chart shows and its point"
    assert not re.search(r"\b(image|chart|figure) of\b", chart.alt.lower())
    assert chart.source and chart.grade
    assert chart.rows and all(len(row) == len(chart.columns) for row in chart.rows)
    html = chart._repr_html_()
    assert f'alt="{chart.alt}"' in html.replace("&#x27;", "'")
    assert "<table>" in html and "Source:" in html and "Grade:" in html


def test_png_is_deterministic():
    assert figures.legal_elements().png == figures.legal_elements().png
