"""Lighthouse on every page of the built book: `make audit` (a benchmark, not a test).

Serves _build/html over HTTP on 127.0.0.1 (no compression, as a USB stick or a plain file share
serves it), runs the pinned Lighthouse (tools/audit/package-lock.json) with its default mobile
settings (simulated slow 4G and a 4x slower CPU) in Debian's Chromium, one page at a time, and
prints the four scores and the page weight per page. Reports go to _build/audit/.

Environment: CHROME_PATH (default /usr/bin/chromium); DMST_AUDIT_PAGES, a comma-separated list
of page paths (for example "book/index.html,notebooks/01-what-is-dmst.html") to audit only those;
DMST_AUDIT_ROOT, another built folder to audit instead of _build/html.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import statistics
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HTML = Path(os.environ.get("DMST_AUDIT_ROOT", ROOT / "_build" / "html"))
OUT = ROOT / "_build" / "audit"
# Installed by `make audit` from this folder's lock file, inside .venv (see the Makefile).
LIGHTHOUSE = ROOT / ".venv" / "npm" / "audit" / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
GOALS = {"performance": 90, "accessibility": 100, "best-practices": 95}
sys.path.insert(0, str(ROOT / "src"))

from dmst.theme.weight import page_weight  # noqa: E402


def book_pages(root: Path) -> list[str]:
    """Every page of the built book, as the tests list them, and the search page."""
    skip = {"search.html", "genindex.html", "py-modindex.html"}
    pages = sorted(
        p.relative_to(root).as_posix()
        for p in root.rglob("*.html")
        if p.name not in skip
        and "_static" not in p.parts
        and 'http-equiv="Refresh"' not in p.read_text(encoding="utf-8")[:300]
    )
    return [*pages, "search.html"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def serve() -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(_Quiet, directory=str(HTML))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}"


def lighthouse(url: str, report: Path) -> dict:
    flags = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={report}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={flags}",
    ]
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    subprocess.run(command, check=True, env=env, timeout=300)
    return json.loads(report.read_text(encoding="utf-8"))


def failing_audits(result: dict, category: str) -> list[str]:
    refs = result["categories"][category]["auditRefs"]
    audits = result["audits"]
    return [
        ref["id"]
        for ref in refs
        if ref.get("weight", 0) > 0
        and audits[ref["id"]].get("score") is not None
        and audits[ref["id"]]["score"] < 0.9
    ]


def main() -> int:
    if not (HTML / "index.html").exists():
        print("The book is not built: run `make book` first.", file=sys.stderr)
        return 1
    if not LIGHTHOUSE.exists():
        print("Lighthouse is not installed: run `make audit` (it runs npm ci).", file=sys.stderr)
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    pages = book_pages(HTML)
    wanted = os.environ.get("DMST_AUDIT_PAGES")
    if wanted:
        pages = [p for p in pages if p in {w.strip() for w in wanted.split(",")}]
    server, base = serve()
    rows = []
    header = f"{'page':<50} {'perf':>4} {'a11y':>4} {'bp':>4} {'seo':>4} {'KB':>7} {'LCP s':>6}"
    print(header)
    print("-" * len(header))
    try:
        for name in pages:
            report = OUT / (name.replace("/", "_").removesuffix(".html") + ".json")
            result = lighthouse(f"{base}/{name}", report)
            scores = {c: round(100 * (result["categories"][c]["score"] or 0)) for c in CATEGORIES}
            weight = page_weight(HTML / name, HTML).total / 1000
            lcp = result["audits"]["largest-contentful-paint"]["numericValue"] / 1000
            below = {c: failing_audits(result, c) for c, goal in GOALS.items() if scores[c] < goal}
            rows.append((name, scores, weight, lcp, below))
            print(
                f"{name:<50} {scores['performance']:>4} {scores['accessibility']:>4} "
                f"{scores['best-practices']:>4} {scores['seo']:>4} {weight:>7.1f} {lcp:>6.1f}",
                flush=True,
            )
    finally:
        server.shutdown()
    print()
    for category in CATEGORIES:
        values = [r[1][category] for r in rows]
        print(f"{category:<15} min {min(values):>3}  median {statistics.median(values):>5.1f}")
    weights = [r[2] for r in rows]
    print(f"page weight     max {max(weights):.1f} KB  median {statistics.median(weights):.1f} KB")
    misses = [(r[0], c, ids) for r in rows for c, ids in r[4].items()]
    if misses:
        print("\nBelow the goal (performance 90, accessibility 100, best practices 95):")
        for name, category, ids in misses:
            print(f"  {name}: {category}: {', '.join(ids) or '(no single audit)'}")
    print(f"\nFull reports: {OUT.relative_to(ROOT)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
