"""``dmst check``: load every content file; print one clear line if one needs fixing.

Run by ``dmst build`` (``make book``) before Sphinx, whose own error report would bury the message
in tracebacks. Warnings about facts whose check is more than a year old are printed, and the book
still builds.
"""

from __future__ import annotations

import sys

from dmst.errors import DataError


def main() -> int:
    from dmst.sphinxext import check_data

    try:
        check_data()
    except DataError as exc:
        print(f"A content file needs fixing: {exc}", file=sys.stderr)
        return 1
    from dmst.freshness import stale_warnings

    for line in stale_warnings():  # printed, not a Sphinx warning: the book still builds
        print(f"Warning: {line}", file=sys.stderr)
    return 0
