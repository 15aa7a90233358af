"""One printable page of the paper kit: self-contained HTML (no stylesheet file, nothing
fetched) in the kit's print style, with the helpers every page uses."""

from __future__ import annotations

import html
from dataclasses import dataclass
from functools import cache

from dmst.bookconfig import book_config

WHEN = {"pre": "Before the course", "post": "After the course"}


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


@cache
def course_title() -> str:
    """The book's title, as ``_config.yml`` sets it."""
    return str(book_config().get("title") or "Domestic Minor Sex Trafficking")


PORTRAIT = "@page { size: Letter; margin: 13mm 15mm; }"
LANDSCAPE = "@page { size: Letter landscape; margin: 12mm; }"
KIT_CSS = """
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10.5pt; line-height: 1.35;
  color: #111; margin: 0; }
h1 { font-size: 16pt; margin: 0 0 1.5mm; }
h2 { font-size: 11.5pt; margin: 3mm 0 1mm; border-bottom: 1.5px solid #111; padding-bottom: 0.5mm; }
p { margin: 0 0 1.5mm; }
ul { margin: 0 0 1.5mm; padding-left: 5mm; }
li { margin: 0 0 0.6mm; }
.lead { margin-bottom: 2mm; }
.small { font-size: 8.5pt; color: #333; }
.box { display: inline-block; width: 4.2mm; height: 4.2mm; border: 1.3px solid #111;
  vertical-align: -0.8mm; margin-right: 1.6mm; background: #fff; }
.line { display: inline-block; border-bottom: 1px solid #333; min-width: 40mm; height: 5mm; }
.fill { display: flex; gap: 3mm; align-items: flex-end; margin: 2.2mm 0 0; }
.fill > span:first-child { white-space: nowrap; font-weight: 600; }
.fill > .line { flex: 1; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; }
table.lines th { width: 50%; font-weight: 600; padding: 1.5mm 2mm 0.3mm 0; vertical-align: bottom;
  font-size: 9.5pt; line-height: 1.2; }
table.lines td { border-bottom: 1px solid #666; }
table.grid th, table.grid td { border: 1px solid #666; padding: 0.8mm 1.5mm; }
table.grid th { background: #eee; font-size: 9pt; }
table.grid td { height: 7mm; }
.guidance { border: 2px solid #111; padding: 1.5mm 3mm; margin: 0 0 1.5mm; background: #f3f3f3;
  font-size: 9.5pt; }
.guidance ul { margin: 0; }
.area { border: 1px solid #666; margin: 0.8mm 0 1mm; }
.footer { font-size: 8pt; color: #444; margin-top: 2.5mm; border-top: 1px solid #999;
  padding-top: 1mm; }
/* tests */
.head { display: flex; justify-content: space-between; gap: 6mm; align-items: flex-start; }
.badge { border: 2px solid #111; padding: 1mm 3mm; font-size: 15pt; font-weight: 700;
  white-space: nowrap; }
.code { font-size: 12pt; margin: 2mm 0 1mm; }
.code .line { min-width: 60mm; }
.notes { font-size: 9.5pt; }
ol.questions { list-style: none; padding: 0; margin: 2mm 0 0; }
.question { break-inside: avoid; margin: 0 0 3.2mm; padding-top: 1.4mm;
  border-top: 1px solid #bbb; }
.question .prompt { margin: 0 0 1mm; }
.question .number { font-weight: 700; margin-right: 1mm; }
.question .how { font-weight: 700; font-style: italic; white-space: nowrap; }
ul.options { list-style: none; padding: 0; margin: 0; }
ul.options li { display: flex; gap: 0; margin: 0 0 1.1mm; padding-left: 2mm; }
ul.options .letter { font-weight: 700; width: 5mm; flex: none; }
ul.options .box { flex: none; margin-top: 0.5mm; }
ul.options.inline { display: flex; gap: 12mm; }
.help { break-inside: avoid; border: 1px solid #666; padding: 2mm 3mm; margin-top: 3mm;
  font-size: 9pt; }
.help ul { columns: 2; column-gap: 6mm; }
.help li { break-inside: avoid; }
/* key */
.keep-away { border: 2.5px solid #111; padding: 1.5mm 3mm; font-weight: 700; font-size: 12pt;
  margin: 0 0 2mm; text-align: center; }
.keys { display: flex; gap: 6mm; }
.keys table { font-size: 10.5pt; }
.keys th, .keys td { border: 1px solid #888; padding: 0.6mm 1.5mm; }
.keys th { background: #eee; }
/* scales */
table.scale { font-size: 11pt; }
table.scale th { font-weight: 400; padding: 2.5mm 2mm 2.5mm 0; width: 55%; }
table.scale td { text-align: center; padding: 2.5mm 0; font-size: 9pt; width: 9%; }
table.scale thead th, table.scale thead td { font-size: 8.5pt; color: #333;
  vertical-align: bottom; }
table.scale tbody tr { border-top: 1px solid #ccc; }
table.scale .ends { display: flex; justify-content: space-between; }
/* certificate */
body.landscape { font-size: 12pt; }
.certificate { border: 3px double #111; padding: 14mm 18mm; min-height: 188mm; text-align: center; }
.certificate h1 { font-size: 28pt; letter-spacing: 0.5pt; margin: 2mm 0 6mm; }
.certificate .course { font-size: 17pt; font-weight: 700; margin: 3mm 0 6mm; }
.certificate .name { border-bottom: 1px solid #111; height: 12mm; margin: 2mm 25mm 1mm; }
.certificate .label { font-size: 10pt; color: #333; }
.certificate .fields { display: grid; grid-template-columns: 1fr 1fr; gap: 7mm 14mm;
  text-align: left; margin-top: 10mm; }
.certificate .field .line { display: block; min-width: 0; height: 9mm; }
/* sign-in */
table.signin td { height: 9.4mm; }
table.signin td:first-child { width: 8mm; text-align: right; color: #555; font-size: 9pt; }
/* learners */
.learners { font-size: 11pt; }
.learners h1 { font-size: 18pt; }
.learners h2 { margin-top: 3mm; font-size: 12.5pt; }
.learners li { margin-bottom: 0.8mm; }
.learners code { font-size: 9.5pt; }
"""


@dataclass(frozen=True)
class KitPage:
    """One printable page (or a multi-page test) and how to print it."""

    name: str  # the PDF's file name, without .pdf
    title: str
    body: str
    one_page: bool = True
    landscape: bool = False
    running: str = ""  # a multi-page document's footer, with "page N of M" after it

    def html(self) -> str:
        css = (LANDSCAPE if self.landscape else PORTRAIT) + KIT_CSS
        return (
            '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            f"<title>{_e(self.title)}</title><style>{css}</style></head>"
            f'<body class="{"landscape" if self.landscape else "portrait"}"><main>'
            f"{self.body}</main></body></html>"
        )


def _lines(rows: list[str]) -> str:
    cells = "".join(f"<tr><th scope='row'>{_e(r)}</th><td></td></tr>" for r in rows)
    return f'<table class="lines">{cells}</table>'


def _footer(text: str = "") -> str:
    extra = f" {text}" if text else ""
    return f'<p class="footer">{_e(course_title())}.{_e(extra)}</p>'
