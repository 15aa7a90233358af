"""Benchmarks (not tests): `make book` cold, unchanged and after one edit, `make test`, page weight.

Run with `make bench`. Each timing runs RUNS times (default 3; set DMST_BENCH_RUNS) and prints
the median and every run. An edit is made, timed with `make book`, then undone (the undo is
rebuilt untimed), so the tree ends as it began.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

from dmst import settings

ROOT = Path(__file__).resolve().parents[1]
RUNS = int(settings.text("DMST_BENCH_RUNS", "3"))
BANK = ROOT / "src" / "dmst" / "data" / "questions" / "01-what-is-dmst.yml"
LEDGER = ROOT / "src" / "dmst" / "data" / "ledger.yml"
LESSON = ROOT / "notebooks" / "02-who-is-exploited.ipynb"


def make(*targets: str) -> float:
    start = time.perf_counter()
    subprocess.run(["make", *targets], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def median_of(label: str, run: Callable[[], float]) -> float:
    times = [run() for _ in range(RUNS)]
    value = statistics.median(times)
    print(f"{label:<40} median {value:6.2f} s   runs: {', '.join(f'{t:.2f}' for t in times)}")
    return value


def cold() -> float:
    shutil.rmtree(ROOT / "_build", ignore_errors=True)
    (ROOT / "conf.py").unlink(missing_ok=True)
    return make("book")


def edited(path: Path, old: str, new: str) -> Callable[[], float]:
    """Time `make book` after replacing the first ``old`` with ``new`` in ``path``; undo it."""

    def run() -> float:
        original = path.read_text(encoding="utf-8")
        assert old in original, f"{path.name}: {old!r} not found"
        path.write_text(original.replace(old, new, 1), encoding="utf-8")
        try:
            return make("book")
        finally:
            path.write_text(original, encoding="utf-8")
            make("book")

    return run


def main() -> None:
    make("book")  # the environment installed and the book current
    cold_time = median_of("make book, cold (no _build)", cold)
    same = median_of("make book, nothing changed", lambda: make("book"))
    edits = {
        "one question's prompt (bank 01)": edited(BANK, 'prompt: "', 'prompt: "Edited. '),
        "one ledger value (polaris-2019)": edited(LEDGER, "value: 22326", "value: 22327"),
        "one lesson's prose (lesson 02)": edited(LESSON, "## ", "## Edited: "),
    }
    print(f"{'nothing changed / cold':<40} {same / cold_time:.0%}")
    for label, run in edits.items():
        value = median_of(f"make book after {label}", run)
        print(f"{'  / cold':<40} {value / cold_time:.0%}")
    median_of("make test", lambda: make("test"))
    weights = sorted((page_weight(p), p) for p in pages())
    heavy, page = weights[-1]
    print(f"heaviest page: {page.relative_to(ROOT)}  {heavy / 1000:.0f} KB (everything it loads)")
    print(f"median page: {statistics.median(w for w, _ in weights) / 1000:.0f} KB")


def pages() -> list[Path]:
    html = ROOT / "_build" / "html"
    return [
        p for p in html.rglob("*.html") if "_static" not in p.parts and "_sources" not in p.parts
    ]


def page_weight(page: Path) -> int:
    """The page's HTML and every local file it references: scripts, styles, images, and the
    fonts and images its stylesheets reference (what a browser loads, uncompressed)."""
    import re

    seen: set[Path] = set()

    def add(path: Path) -> int:
        if path in seen or not path.is_file():
            return 0
        seen.add(path)
        size = path.stat().st_size
        if path.suffix == ".css":
            for ref in re.findall(r"url\(['\"]?([^'\")#?]+)", path.read_text("utf-8", "ignore")):
                if not ref.startswith(("data:", "http")):
                    size += add((path.parent / ref).resolve())
        return size

    total = add(page.resolve())
    html = page.read_text(encoding="utf-8")
    for ref in re.findall(r'(?:src|href)="([^"#?]+\.(?:js|css|png|svg|jpg|woff2?))', html):
        if not ref.startswith(("http:", "https:", "//")):
            total += add((page.parent / ref).resolve())
    return total


if __name__ == "__main__":
    main()
