"""Cards for numbers that are not charts: a figure known only from press reports, and a page
statistic with nothing (or nothing checkable) behind it. Both read the ledger.
"""

from __future__ import annotations

import html

from dmst.display import Displayed
from dmst.evidence import _entry, _ref_name

# --- a single reported figure: shown as what it is, not as a bar to compare ----------------------


class ReportedFigure(Displayed):
    """One figure known only from press reports of one study, with who was asked and what it is
    not. A bar chart would invite comparison with figures from other groups; this does not."""

    def __init__(self, entry_id: str, key: str, what: str, not_this: str) -> None:
        self.entry = _entry(entry_id)
        self.number = self.entry.number(key)
        self.what = what
        self.not_this = not_this

    @property
    def label(self) -> str:
        return f"One study, reported in the press: grade {self.entry.grade_of(self.number.key)}"

    def _repr_html_(self) -> str:
        e, n = self.entry, self.number
        rows = [
            ("Who was asked", e.measured["population"]),
            ("Where", e.measured["place"]),
            ("How we know it", n.cite_as or e.cite_as),
            ("What it is not", self.not_this),
        ]
        details = "".join(
            f"<dt>{html.escape(head)}</dt><dd>{html.escape(body)}</dd>" for head, body in rows
        )
        return (
            f'<figure class="dmst-figure dmst-no-data dmst-reported" id="figure-{n.key}">'
            f'<p class="dmst-no-data-label">{html.escape(self.label)}</p>'
            f"<p><strong>About {html.escape(n.text())}</strong> {html.escape(self.what)}.</p>"
            f"<dl>{details}</dl>"
            f"<figcaption>Source: {html.escape(e.traced_to)} Reported by "
            f"{html.escape('; '.join(_ref_name(r) for r in e.refs[1:]))}. "
            f"Grade: {e.grade_of(n.key)} ({html.escape(n.label)}).</figcaption></figure>"
        )

    def __repr__(self) -> str:
        return f"{self.label}: about {self.number.text()} {self.what}"


def pimp_share() -> ReportedFigure:
    """The share of one study's young people who reported a pimp, as the press reported it."""
    return ReportedFigure(
        "swaner-2016",
        "pimp-share",
        what="of the young people interviewed reported a pimp",
        not_this=(
            "It describes the study's whole sample, young adults as well as young people under "
            "18, so it is not a share of exploited children. It is not a count of traffickers. "
            "It comes from one study in six chosen sites, known only from press reports, and it "
            "cannot be set beside the outreach page's figure, which describes a different group "
            "and could not be checked. Under federal law, a young person under 18 in a commercial "
            "sex act is a victim whether or not a third party is involved."
        ),
    )


# --- where a number has nothing behind it ------------------------------------------------------


def no_data(entry_id: str) -> NoDataPanel:
    """A clearly labelled panel for a page statistic with no data (or no checkable data)."""
    return NoDataPanel(_entry(entry_id))


class NoDataPanel(Displayed):
    def __init__(self, entry) -> None:
        self.entry = entry

    @property
    def label(self) -> str:
        e = self.entry
        if e.status == "not found":
            return "No data behind this number"
        if e.grade == "D":
            return "Not what the source measured"
        return "This number could not be checked in its source"

    def _repr_html_(self) -> str:
        from dmst.ledger import entry as ledger_entry

        e = self.entry
        better = "".join(
            f"<li>{html.escape(ledger_entry(b).short)}: "
            + "; ".join(
                html.escape(f"{n.label}: {ledger_entry(b).cite(n.key)}")
                for n in ledger_entry(b).numbers
            )
            + "</li>"
            for b in e.better
        )
        better_html = f"<p><strong>Better evidence:</strong></p><ul>{better}</ul>" if better else ""
        return (
            f'<figure class="dmst-figure dmst-no-data" id="no-data-{e.id}">'
            f'<p class="dmst-no-data-label">{self.label}</p>'
            f"<blockquote><p>“{html.escape(e.page_says)}”</p></blockquote>"
            f"<p><strong>What was found:</strong> {html.escape(e.traced_to)}</p>"
            f"<p><strong>Say instead:</strong> {html.escape(e.teach)}</p>{better_html}"
            f"<figcaption>Source: the statistics ledger, entry {html.escape(e.short)}. "
            f"Grade: {e.grade}. Source status: {e.status}.</figcaption></figure>"
        )

    def __repr__(self) -> str:
        return f"{self.label}: {self.entry.page_says} (grade {self.entry.grade})"
