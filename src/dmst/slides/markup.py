"""MyST Markdown as slide HTML: roles become their text (a ``{stat}`` its cited figure), links
their text, admonitions a bold title."""

from __future__ import annotations

import html
import re

from markdown_it import MarkdownIt

from dmst.ledger import cite

_MD = MarkdownIt("commonmark", {"html": False, "typographer": False}).enable("table")
_ROLE = re.compile(r"\{([a-z:]+)\}`([^`]*)`")
_LINK = re.compile(r"(?<!!)\[([^\]]+)\]\([^)\s]+\)")


def plain_myst(text: str) -> str:
    """MyST Markdown to CommonMark: roles become their text (a {stat} its cited figure, a citation
    nothing), links their text, admonition fences a bold title, and labels vanish."""

    def role(match: re.Match[str]) -> str:
        name, body = match.groups()
        if name == "stat":
            return cite(body.strip())
        if name.startswith("cite"):
            return ""
        return re.sub(r"\s*<[^>]*>\s*$", "", body)

    text = _ROLE.sub(role, text)
    text = _LINK.sub(r"\1", text)
    lines = []
    for line in text.splitlines():
        opening = re.match(r"^:{3,}\{[a-z-]+\}\s*(.*)$", line)
        if opening:
            lines.append(f"**{opening.group(1).strip()}.**" if opening.group(1).strip() else "")
            continue
        if re.match(r"^:{3,}\s*$", line) or re.match(r"^:class:", line):
            continue
        if re.match(r"^\([A-Za-z0-9_-]+\)=\s*$", line):
            continue
        lines.append(line)
    text = "\n".join(lines)
    text = re.sub(r"[ \t]{2,}", " ", text)
    return re.sub(r" +([,.;:)])", r"\1", text)


def md_html(text: str) -> str:
    """Blocks of MyST Markdown as HTML."""
    return _MD.render(plain_myst(text)).strip()


def md_inline(text: str) -> str:
    """One paragraph of MyST Markdown as inline HTML (no <p>)."""
    return _MD.renderInline(" ".join(plain_myst(text).split()))


def plain(text: str) -> str:
    """Text only: for slide titles in reports and tests."""
    return html.unescape(re.sub(r"<[^>]+>", "", md_inline(text)))


def _e(text: str) -> str:
    return html.escape(text, quote=True)
