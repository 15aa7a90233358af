"""The resources as a reader sees them: the list on the support page and in every lesson's
support box, local and state services first."""

from __future__ import annotations

import html

from dmst.resources.data import SCOPE_HEADINGS, SCOPE_ORDER, Resource, load_resources
from dmst.resources.lines import Contact


def ordered(items: list[Resource]) -> list[tuple[str, list[Resource]]]:
    groups = [(scope, [r for r in items if r.scope == scope]) for scope in SCOPE_ORDER]
    return [(scope, group) for scope, group in groups if group]


def resource_html(r: Resource) -> str:
    contacts = "; ".join(_contact_html(c) for c in r.contacts)
    parts = [
        f'<li class="dmst-resource"><strong class="dmst-resource-name">{html.escape(r.name)}'
        f"</strong>: {html.escape(r.purpose)} "
        f'<span class="dmst-resource-contacts">{contacts}.</span>'
    ]
    if r.hours:
        parts.append(
            f' <span class="dmst-resource-hours"><span class="dmst-resource-label">Hours:</span> '
            f"{html.escape(r.hours)}</span>"
        )
    if r.notes:
        parts.append(
            f' <span class="dmst-resource-notes"><span class="dmst-resource-label">Note:</span> '
            f"{html.escape(_sentence(r.notes))}</span>"
        )
    if r.status == "reported":
        parts.append(' <span class="dmst-reported">(reported; confirm before relying on it)</span>')
    parts.append(f' <span class="dmst-checked">Checked {r.checked.when}.</span></li>')
    return "".join(parts)


def _sentence(text: str) -> str:
    return text if text.endswith((".", "!", "?")) else text + "."


def resources_html(items: list[Resource], heading_level: int = 3) -> str:
    """The resource list as HTML: local and state entries first, then national ones."""
    h = f"h{heading_level}"
    parts = []
    for scope, group in ordered(items):
        parts.append(f'<{h} class="dmst-resources-scope">{SCOPE_HEADINGS[scope]}</{h}><ul>')
        parts.extend(resource_html(r) for r in group)
        parts.append("</ul>")
    return "".join(parts)


def _contact_html(c: Contact) -> str:
    label = html.escape(c.label)
    if c.keyword:
        label += f" {html.escape(c.keyword)} to"
    shown = html.escape(c.shown)
    if c.href:
        return f'{label} <a href="{html.escape(c.href)}">{shown}</a>'
    return f"{label} {shown}"


# The support box's first line; the slides' support slide opens with it too.
SUPPORT_LEAD = (
    "You can stop at any time. If anyone is in immediate danger, call 911. If you are worried "
    "about a young person, or need to talk to someone now:"
)


def support_box_html(items: list[Resource] | None = None) -> str:
    items = load_resources() if items is None else items
    return (
        '<aside class="dmst-support-box" aria-label="Support">'
        f"<p><strong>Support.</strong> {SUPPORT_LEAD}</p>"
        f"{resources_html(items, heading_level=3)}"
        "</aside>"
    )


class SupportBox:
    def _repr_html_(self) -> str:
        return support_box_html()

    def __repr__(self) -> str:
        return "Support: " + "; ".join(
            f"{r.name} {r.contacts[0].plain()}" for _, g in ordered(load_resources()) for r in g
        )


def support_box() -> SupportBox:
    """The support box, live in Jupyter (the book adds the same box at build time)."""
    return SupportBox()
