"""Benchmarks (not tests): `make book` cold, unchanged and after one edit, `make test`, page weight.

Run with `make bench`. RUNS rounds (default 3; set DMST_BENCH_RUNS), each a cold build, a build
with nothing changed and the three edits; then `make test` RUNS times. Prints the median and
every run, and for each edit its ratio to the same round's cold build. An edit is made, timed
with `make book`, then undone (the undo is rebuilt untimed), so the tree ends as it began.
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
    edits = {
        "one question's prompt (bank 01)": edited(BANK, 'prompt: "', 'prompt: "Edited. '),
        "one ledger value (polaris-2019)": edited(LEDGER, "value: 22326", "value: 22327"),
        "one lesson's prose (lesson 02)": edited(LESSON, "## ", "## Edited: "),
    }
    runs: dict[str, list[float]] = {"cold": [], "same": [], **{label: [] for label in edits}}
    # Round by round, each edit timed right after its cold build: this machine's speed drifts by
    # a fifth over minutes, and a ratio taken within a round is not thrown by the drift.
    for _ in range(RUNS):
        runs["cold"].append(cold())
        runs["same"].append(make("book"))
        for label, run in edits.items():
            runs[label].append(run())
    report("make book, cold (no _build)", runs["cold"])
    report("make book, nothing changed", runs["same"], runs["cold"])
    for label in edits:
        report(f"make book after {label}", runs[label], runs["cold"])
    test = [make("test") for _ in range(RUNS)]
    report("make test", test)
    weights = sorted((page_weight(p), p) for p in pages())
    heavy, page = weights[-1]
    print(f"heaviest page: {page.relative_to(ROOT)}  {heavy / 1000:.0f} KB (everything it loads)")
    print(f"median page: {statistics.median(w for w, _ in weights) / 1000:.0f} KB")


def report(label: str, times: list[float], cold: list[float] | None = None) -> None:
    """The median and every run; against cold builds, each round's ratio and their median."""
    line = f"{label:<48} median {statistics.median(times):6.2f} s   runs: "
    line += ", ".join(f"{t:.2f}" for t in times)
    print(line)
    if cold:
        ratios = [t / c for t, c in zip(times, cold, strict=True)]
        print(
            f"{'  / cold, per round':<48} median {statistics.median(ratios):6.0%}     rounds: "
            + ", ".join(f"{r:.0%}" for r in ratios)
        )


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
