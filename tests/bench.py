"""Benchmarks (not tests): build and test times as medians, and the heaviest page's bytes.

Run with `make bench`. Each timing runs RUNS times (default 3; set DMST_BENCH_RUNS).
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
BUILD = [str(BIN / "jupyter-book"), "build", "-W", "-n", "--keep-going", "-q", "."]
RUNS = int(os.environ.get("DMST_BENCH_RUNS", "3"))
LESSON = ROOT / "notebooks" / "01-what-is-dmst.ipynb"


def timed(command: list[str], before=None) -> float:
    if before:
        before()
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def median_of(label: str, command: list[str], before=None) -> float:
    times = [timed(command, before) for _ in range(RUNS)]
    value = statistics.median(times)
    print(f"{label:<34} median {value:6.1f} s   runs: {', '.join(f'{t:.1f}' for t in times)}")
    return value


def touch_lesson() -> None:
    os.utime(LESSON)  # an edit, as far as Sphinx's change detection is concerned


def main() -> None:
    cold = median_of(
        "cold build", BUILD, lambda: shutil.rmtree(ROOT / "_build", ignore_errors=True)
    )
    median_of("rebuild, nothing changed", BUILD)
    edit = median_of("rebuild after one lesson edit", BUILD, touch_lesson)
    print(f"{'one-lesson rebuild / cold':<34} {edit / cold:.0%}")
    median_of("make test", ["make", "test"])
    pages = [p for p in (ROOT / "_build" / "html").rglob("*.html") if "_static" not in p.parts]
    heaviest = max(pages, key=page_bytes)
    print(
        f"heaviest page: {heaviest.relative_to(ROOT)}  {page_bytes(heaviest) / 1024:.0f} KiB "
        "(HTML plus its local scripts and stylesheets)"
    )


def page_bytes(page: Path) -> int:
    """The page's HTML and every local script and stylesheet it references (what a browser gets)."""
    import re

    html = page.read_text(encoding="utf-8")
    total = len(html.encode())
    for ref in set(re.findall(r'(?:src|href)="([^"#?]+\.(?:js|css|png|svg|woff2?))', html)):
        path = (page.parent / ref).resolve()
        if path.exists():
            total += path.stat().st_size
    return total


if __name__ == "__main__":
    main()
