"""The ``dmst`` command: what authors, instructors and the Makefile run.

dmst check                    load every content file; one line if something needs fixing
dmst build                    the book and the learner edition, rebuilding only what changed
dmst execute [--stale] NB...  re-run notebooks (or only stale ones) and store their outputs
dmst learner                  write the learner edition (the book must be built)
dmst lab                      open the learner edition in JupyterLab
dmst handouts                 one-page PDFs (needs the built book and Chromium)
dmst slides [LESSON...]       a 16:9 deck per lesson: offline HTML and PDF (PDF needs Chromium)
dmst plan --minutes N         a timed session agenda (--pdf PATH prints it on one page)
dmst class-results FOLDER     a class report from learners' results files and paper tests (CSV)
dmst copy-lessons SRC DEST    on a class hub: copy the lessons a learner does not have yet
dmst settings                 every DMST_* environment variable, as a Markdown table
dmst new-lesson NN SLUG "TITLE"  start a lesson with every part it needs, in place

The Makefile runs these from the project's folder (``make book`` is ``dmst build`` once the
environment is installed). ``python -m dmst`` is the same command.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def _check(_: argparse.Namespace) -> int:
    from dmst.validate import main

    return main()


def _build(args: argparse.Namespace) -> int:
    from dmst.build import main

    code = main(args.sphinx)
    # Ends the process at once. Python's own shutdown would free the build's objects one by one:
    # 0.7 s, a fifth of a small rebuild, for memory the system takes back whole. Every file the
    # build wrote is closed by now; only the terminal's streams need flushing.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def _learner(_: argparse.Namespace) -> int:
    from dmst.learner import main

    return main([])


def _lab(args: argparse.Namespace) -> int:
    from dmst.lab import main

    return main(args.jupyter)


def _settings(_: argparse.Namespace) -> int:
    from dmst.settings import markdown

    print(markdown(), end="")
    return 0


def _execute(args: argparse.Namespace) -> int:
    from dmst.execute import main

    return main([*args.notebooks, *(["--stale"] if args.stale else [])])


def _class_results(args: argparse.Namespace) -> int:
    from dmst.classroom import class_report, write_report

    folder = Path(args.folder.strip().strip("\"'")).expanduser()  # a pasted path may be quoted
    if not folder.is_dir():
        print(f"{folder}: no such folder. Give the folder that holds the results files.")
        return 1
    report = class_report(folder)
    try:
        path = write_report(folder, args.out, report)
    except OSError as exc:
        print(f"The report could not be written: {exc.strerror or exc}. Try --out elsewhere.")
        return 1
    learners = report.results.learners
    sources = f" ({report.sources()})" if learners else ""
    print(f"Read {len(learners)} learner file{'' if len(learners) == 1 else 's'}{sources}.")
    problems = report.results.problems
    if problems:
        print(f"Skipped or fixed ({len(problems)}), also listed in the report:")
        print("\n".join(f"  {p}" for p in problems))
    print(f"The class report is in {path}")
    print(f"Open it in a browser ({path.resolve().as_uri()}); it works offline and can be printed.")
    return 0


def _copy_lessons(args: argparse.Namespace) -> int:
    from dmst.lessoncopy import copy_lessons

    try:
        copied = copy_lessons(args.source, Path(args.dest).expanduser(), args.instructor)
    except OSError as exc:
        print(f"The lessons could not be copied: {exc}.")
        return 1
    print(f"{len(copied)} new lesson file(s) copied into {args.dest}.")
    return 0


def _handouts(_: argparse.Namespace) -> int:
    from dmst.handouts import main

    return main()


def _slides(args: argparse.Namespace) -> int:
    from dmst.slides import main

    return main([*args.lessons, *(["--no-pdf"] if args.no_pdf else [])])


def _new_lesson(args: argparse.Namespace) -> int:
    from dmst.scaffold import main

    return main([args.number, args.slug, args.title])


def _plan(args: argparse.Namespace) -> int:
    from dmst.plancli import run

    return run(args)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="dmst", description="The DMST curriculum's tools for authors and instructors."
    )
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    sub.add_parser("check", help="check every content file").set_defaults(run=_check)
    build = sub.add_parser(
        "build", help="build the book and the learner edition (what `make book` runs)"
    )
    build.add_argument("sphinx", nargs=argparse.REMAINDER, help="more options for sphinx-build")
    build.set_defaults(run=_build)
    execute = sub.add_parser("execute", help="re-run notebooks and store their outputs")
    execute.add_argument("notebooks", nargs="+", metavar="NOTEBOOK")
    execute.add_argument(
        "--stale", action="store_true", help="only those whose code cells or code changed"
    )
    execute.set_defaults(run=_execute)
    sub.add_parser(
        "learner", help="write the learner edition into _build/learner (build the book first)"
    ).set_defaults(run=_learner)
    lab = sub.add_parser("lab", help="open the learner edition in JupyterLab (`make lab`)")
    lab.add_argument("jupyter", nargs=argparse.REMAINDER, help="more options for jupyter lab")
    lab.set_defaults(run=_lab)
    sub.add_parser("handouts", help="print the one-page PDFs").set_defaults(run=_handouts)
    slides = sub.add_parser(
        "slides", help="write the slides: HTML decks in _build/slides, PDFs in slides/"
    )
    slides.add_argument("lessons", nargs="*", metavar="LESSON", help="lesson ids (default: all)")
    slides.add_argument("--no-pdf", action="store_true", help="write the HTML decks only")
    slides.set_defaults(run=_slides)
    from dmst.plancli import add_arguments

    plan = sub.add_parser(
        "plan",
        help="a timed agenda for a session of N minutes",
        description="Build a timed agenda from the lessons' own timings. It always keeps what "
        "each lesson's notes say to keep, includes practice, one welcome and one close, and a "
        "break so that no stretch is too long.",
    )
    add_arguments(plan)
    plan.set_defaults(run=_plan)
    report = sub.add_parser(
        "class-results",
        help="write a class report from a folder of learners' results files and paper tests",
    )
    report.add_argument("folder", help="the folder holding the results files (*.json, *.csv)")
    report.add_argument("--out", help="where to write the report (default: in that folder)")
    report.set_defaults(run=_class_results)
    lessons = sub.add_parser(
        "copy-lessons", help="on a class hub: copy the lessons a learner does not have yet"
    )
    lessons.add_argument("source", help="the lessons folder (the learner edition)")
    lessons.add_argument("dest", help="the learner's lessons folder, e.g. ~/lessons")
    lessons.add_argument(
        "--instructor", action="store_true", help="also copy the class-results notebook"
    )
    lessons.set_defaults(run=_copy_lessons)
    new = sub.add_parser(
        "new-lesson",
        help="start a lesson: notebook, question bank, notes, lesson map and contents entries",
    )
    new.add_argument("number", help='two digits, e.g. "09"')
    new.add_argument("slug", help="a short name in lower case with hyphens, e.g. online-safety")
    new.add_argument("title", help='the lesson title, in quotes, e.g. "Online safety"')
    new.set_defaults(run=_new_lesson)
    sub.add_parser(
        "settings", help="list every DMST_* environment variable (Markdown)"
    ).set_defaults(run=_settings)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
