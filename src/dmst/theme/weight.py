"""Page weight: the bytes a built page makes the browser load, counted from the files themselves.

A page loads its HTML, every stylesheet, script, image and icon it names, and every file those
stylesheets name with ``url()`` or ``@import``. Bytes are uncompressed file sizes, so the count is
the same on every machine and matches what a plain static server (a USB stick, a file share) sends.
Inline images (``data:`` addresses) are part of the HTML's own bytes and counted there; they are
also reported on their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

INLINE_IMAGE = re.compile(rb"data:image/[a-z0-9.+-]+;base64,[A-Za-z0-9+/=\s]+")
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")
LOADING_RELS = {"stylesheet", "icon", "preload", "modulepreload", "prefetch", "manifest"}


class _Loads(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        loads_src = ("script", "img", "iframe", "audio", "video", "source", "embed", "input")
        if tag in loads_src and a.get("src"):
            self.urls.append(a["src"])
        if tag in ("img", "source") and a.get("srcset"):
            self.urls.extend(part.split()[0] for part in a["srcset"].split(",") if part.strip())
        rels = set(a.get("rel", "").lower().split())
        if tag == "link" and a.get("href") and rels & LOADING_RELS:
            self.urls.append(a["href"])
        if tag == "object" and a.get("data"):
            self.urls.append(a["data"])


@dataclass
class Weight:
    page: str
    html: int
    inline_images: int
    files: dict[str, int] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.html + sum(self.files.values())


def _local(url: str, base: Path, root: Path) -> Path | None:
    """The file a relative URL names, or None for data: and outside addresses."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = (base / unquote(parts.path)).resolve()
    return path if path.is_relative_to(root.resolve()) else None


def page_weight(page: Path, root: Path) -> Weight:
    """Everything ``page`` (a built HTML file under ``root``) loads, with its size."""
    raw = page.read_bytes()
    parser = _Loads()
    parser.feed(raw.decode("utf-8", errors="replace"))
    weight = Weight(
        page=page.relative_to(root).as_posix(),
        html=len(raw),
        inline_images=sum(len(m) for m in INLINE_IMAGE.findall(raw)),
    )
    queue = [(url, page.parent) for url in parser.urls]
    while queue:
        url, base = queue.pop()
        if url.startswith("data:"):
            continue
        path = _local(url, base, root)
        if path is None:
            weight.missing.append(url)  # an outside address: never allowed, reported
            continue
        key = path.relative_to(root.resolve()).as_posix()
        if key in weight.files:
            continue
        if not path.is_file():
            weight.missing.append(key)
            continue
        weight.files[key] = path.stat().st_size
        if path.suffix == ".css":
            text = path.read_text(encoding="utf-8", errors="replace")
            text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
            for match in CSS_URL.finditer(text):
                queue.append((match.group(2) or match.group(4), path.parent))
    return weight
