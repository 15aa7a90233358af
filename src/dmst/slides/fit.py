"""In Chromium: fitting each slide's text to its slide, and printing a deck to PDF."""

from __future__ import annotations

from pathlib import Path

from dmst.slides.parts import HEIGHT, WIDTH

MIN_FIT = 0.7  # text never shrinks below 70% of its size

# For each slide: show it, then shrink its text in small steps until nothing overflows.
FIT_JS = """async (minFit) => {
  const overflows = (box) => box.scrollHeight > box.clientHeight + 1 ||
      box.scrollWidth > box.clientWidth + 1;
  const result = [];
  const slides = Reveal.getSlides();
  for (let i = 0; i < slides.length; i++) {
    Reveal.slide(i, 0);
    const section = slides[i];
    const box = section.querySelector('.dmst-slide');
    let fit = 1;
    section.style.setProperty('--fit', fit);
    while (overflows(box) && fit > minFit + 0.001) {
      fit = Math.round((fit - 0.04) * 100) / 100;
      section.style.setProperty('--fit', fit);
    }
    result.push({fit: fit, overflow: overflows(box)});
  }
  Reveal.slide(0, 0);
  return result;
}"""

# For each slide: does anything overflow, and how small is its smallest text?
CHECK_JS = """() => {
  const out = [];
  const slides = Reveal.getSlides();
  for (let i = 0; i < slides.length; i++) {
    Reveal.slide(i, 0);
    const box = slides[i].querySelector('.dmst-slide');
    let smallest = 1000;
    box.querySelectorAll('*').forEach((el) => {
      if ([...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())) {
        smallest = Math.min(smallest, parseFloat(getComputedStyle(el).fontSize));
      }
    });
    const images = [...box.querySelectorAll('img')].map((img) => ({
      width: img.getBoundingClientRect().width / Reveal.getScale(),
      height: img.getBoundingClientRect().height / Reveal.getScale(),
      complete: img.complete && img.naturalWidth > 0,
    }));
    out.push({
      overflow: box.scrollHeight > box.clientHeight + 1 || box.scrollWidth > box.clientWidth + 1,
      smallest: smallest, images: images,
    });
  }
  Reveal.slide(0, 0);
  return out;
}"""


def open_deck(page, path: Path, query: str = "") -> None:
    page.goto(path.as_uri() + query)
    flag = "pdfReady" if "print-pdf" in query else "deckReady"
    page.wait_for_function(f"document.documentElement.dataset.{flag} === '1'", timeout=30_000)


def fit_deck(page, path: Path) -> list[dict]:
    open_deck(page, path)
    return page.evaluate(FIT_JS, MIN_FIT)


def print_pdf(page, path: Path, target: Path) -> bytes:
    open_deck(page, path, "?print-pdf")
    target.parent.mkdir(parents=True, exist_ok=True)
    return page.pdf(
        path=str(target),
        width=f"{WIDTH}px",
        height=f"{HEIGHT}px",
        print_background=True,
        prefer_css_page_size=True,
    )
