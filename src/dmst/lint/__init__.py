"""Content lints: avoided terms outside language notes, the parts every lesson must have, numbers
that do not come from the ledger (in prose, figure code and diagram data), and names of files a
reader cannot find, and answers a learner could guess from the layout of a group of questions.
One module each: :mod:`dmst.lint.terms`, :mod:`dmst.lint.lessons`, :mod:`dmst.lint.numbers`,
:mod:`dmst.lint.files`, :mod:`dmst.lint.balance`.

Used by the tests; written as plain functions so each rule is tested both ways.
"""

from __future__ import annotations

from dmst.lint.balance import Balance, answer_balance, balance_problems, curriculum_balance
from dmst.lint.files import FileFinding, project_files, unknown_files
from dmst.lint.lessons import (
    LESSON_PARTS,
    checks_in,
    glossary_terms,
    missing_lesson_parts,
    notebook_code,
    notebook_markdown,
    term_links,
)
from dmst.lint.numbers import (
    NumberFinding,
    diagram_numbers,
    figure_code_numbers,
    figure_strings,
    typed_numbers,
    uncited_numbers,
)
from dmst.lint.terms import AVOIDED, Finding, avoided_terms, strip_language_notes

__all__ = [
    "AVOIDED",
    "LESSON_PARTS",
    "Balance",
    "FileFinding",
    "Finding",
    "NumberFinding",
    "answer_balance",
    "avoided_terms",
    "balance_problems",
    "checks_in",
    "curriculum_balance",
    "diagram_numbers",
    "figure_code_numbers",
    "figure_strings",
    "glossary_terms",
    "missing_lesson_parts",
    "notebook_code",
    "notebook_markdown",
    "project_files",
    "strip_language_notes",
    "term_links",
    "typed_numbers",
    "uncited_numbers",
    "unknown_files",
]
