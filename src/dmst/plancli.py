"""``dmst plan``: the session planner from the command line (see :mod:`dmst.planner`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_arguments(plan: argparse.ArgumentParser) -> None:
    plan.add_argument(
        "--minutes", type=int, required=True, metavar="N", help="the session's length in minutes"
    )
    plan.add_argument(
        "--lessons",
        metavar="1,7,4",
        help="which lessons, in teaching order (default: 1,7,4,2; all lessons for --course)",
    )
    tests = plan.add_mutually_exclusive_group()
    tests.add_argument(
        "--pre-post", action="store_true", help="include the full pre- and post-course test"
    )
    tests.add_argument(
        "--short-form",
        action="store_true",
        help="include the short pre- and post-course test (one question per lesson)",
    )
    plan.add_argument("--start", default="9:00", metavar="H:MM", help="start time (default 9:00)")
    plan.add_argument("--course", action="store_true", help="one lesson a session, N minutes each")
    plan.add_argument("--pdf", metavar="PATH", help="also print the agenda as a one-page PDF")


def run(args: argparse.Namespace) -> int:
    from dmst.agenda import (
        NO_CHROMIUM,
        agenda_page,
        agenda_text,
        chromium,
        parse_clock,
        print_pdf,
    )
    from dmst.errors import DataError
    from dmst.planner import PlanRefused, plan, plan_course

    try:
        start = parse_clock(args.start)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 1
    lessons = [x for x in (args.lessons or "").replace(" ", ",").split(",") if x] or None
    form = "full" if args.pre_post else "short" if args.short_form else ""
    try:
        if args.course:
            agendas = plan_course(args.minutes, lessons, form)
            titles = [
                f"Session {n} of {len(agendas)} ({args.minutes} minutes)"
                for n in range(1, len(agendas) + 1)
            ]
        else:
            agendas = [plan(args.minutes, lessons, form)]
            titles = [f"A {args.minutes}-minute session"]
    except PlanRefused as exc:
        print(exc, file=sys.stderr)
        return 1
    except DataError as exc:
        print(f"A content file needs fixing: {exc}", file=sys.stderr)
        return 1
    print("\n".join(agenda_text(a, start, t) for a, t in zip(agendas, titles, strict=True)))
    if not args.pdf:
        return 0
    if args.course:
        print("--pdf prints one session: plan it without --course.", file=sys.stderr)
        return 1
    if chromium() is None:
        print(NO_CHROMIUM)
        return 1
    target = Path(args.pdf).expanduser()
    try:
        pages = print_pdf(agenda_page(agendas[0], titles[0], start=start), target)
    except OSError as exc:
        print(f"The PDF could not be written: {exc.strerror or exc}.", file=sys.stderr)
        return 1
    except Exception as exc:  # Chromium found but would not start or print
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        print(f"The PDF could not be printed: {first}", file=sys.stderr)
        return 1
    note = "" if pages == 1 else f" ({pages} pages)"
    print(f"The agenda is in {target}{note}.")
    return 0
