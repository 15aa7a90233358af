"""``dmst check``: load every content file; print one clear line if one needs fixing.

Run by ``dmst build`` (``make book``) before Sphinx, whose own error report would bury the message
in tracebacks. The book's Sphinx extension runs the same check (:mod:`dmst.sphinx.config`), so a
plain ``sphinx-build`` stops on it too. Warnings about facts whose check is more than a year old
are printed, and so are files that still hold ``dmst new-lesson``'s placeholder text; the book
still builds.
"""

from __future__ import annotations

import sys

from dmst.errors import DataError


def check_data() -> None:
    """Load every content file once, so a mistake stops the build with one clear message."""
    from dmst.activities import all_activities
    from dmst.assessment import forms, items
    from dmst.characters import characters
    from dmst.diagrams import all_diagrams
    from dmst.law import load_law
    from dmst.ledger import ledger
    from dmst.lessons import curriculum
    from dmst.outreach import outreach
    from dmst.questions import bank
    from dmst.resources import load_resources
    from dmst.sessions import sessions

    for load in (
        load_resources,
        load_law,
        ledger,
        outreach,
        curriculum,
        bank,
        items,
        forms,
        all_activities,
        all_diagrams,
        sessions,
        characters,
    ):
        load()


def main() -> int:
    try:
        check_data()
    except DataError as exc:
        print(f"A content file needs fixing: {exc}", file=sys.stderr)
        return 1
    from dmst.freshness import stale_warnings
    from dmst.scaffold import unfinished

    # Printed, not Sphinx warnings: the book still builds.
    for line in [*stale_warnings(), *unfinished()]:
        print(f"Warning: {line}", file=sys.stderr)
    return 0
