"""Directives that write facts from the data into book pages at build time, so no page retypes them.

In a facilitator notes page (``book/instructors/lesson-NN.md``)::

    :::{dmst-objectives} 01
    :::

- ``dmst-objectives NN``: the lesson's time and objectives;
- ``dmst-timing NN``: the timing table, one row per section;
- ``dmst-keep NN``: "If you are short of time, always keep ..."; the directive's content, if any,
  is the notes' own prose that follows the sentence in the same paragraph;
- ``dmst-checks NN``: every knowledge check with its kind, objective, options and rationale;
- ``dmst-session-plans``: the ready session plans, built by the planner (``sessions.md``);
- ``dmst-planner-rules``: the planner's rules, with its minutes;
- ``dmst-settings``: every ``DMST_*`` environment variable, from :mod:`dmst.settings`;
- ``dmst-resources``: the support resources (national, state, local), from the resources file an
  instructor may replace (``DMST_RESOURCES``).

Each notes the data files it reads, so editing one rebuilds the page.
"""

from __future__ import annotations

from collections.abc import Callable

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from dmst.datafile import DATA
from dmst.lessons import Lesson, curriculum, lessons_path
from dmst.notes import (
    checks_markdown,
    keep_markdown,
    lesson_checks,
    objectives_markdown,
    timing_markdown,
)
from dmst.sphinx import madefrom

logger = logging.getLogger(__name__)


class LessonFacts(SphinxDirective):
    """Base: one argument, the lesson id ("01"); renders Markdown from :mod:`dmst.notes`."""

    required_arguments = 1
    has_content = False
    render: Callable[[Lesson], str]

    def lesson(self) -> Lesson:
        lesson_id = self.arguments[0].strip()
        try:
            return curriculum().lesson(lesson_id)
        except KeyError:
            known = ", ".join(lesson.id for lesson in curriculum().lessons)
            raise self.error(
                f"{self.name}: no lesson {lesson_id!r} in lessons.yml (lessons: {known})"
            ) from None

    def markdown(self, lesson: Lesson) -> str:
        return type(self).render(lesson)

    def run(self) -> list[nodes.Node]:
        lesson = self.lesson()
        self.env.note_dependency(str(lessons_path()))
        return self.parse_text_to_nodes(self.markdown(lesson))


class Objectives(LessonFacts):
    render = staticmethod(objectives_markdown)


class Timing(LessonFacts):
    render = staticmethod(timing_markdown)


class Keep(LessonFacts):
    has_content = True

    def markdown(self, lesson: Lesson) -> str:
        return keep_markdown(lesson, "\n".join(self.content))


class Checks(LessonFacts):
    def markdown(self, lesson: Lesson) -> str:
        questions = lesson_checks(lesson)
        for q in questions:
            self.env.note_dependency(str(DATA / "questions" / q.source))
            if not q.rationale:
                logger.warning(
                    f"check {q.id} has no rationale in questions/{q.source}: the facilitator "
                    "notes show it, so add one",
                    location=self.get_location(),
                )
        text = checks_markdown(lesson)
        # Numeric checks show ledger figures: follow what the notes show, not the whole ledger.
        madefrom.note(self.env, "notes-checks", lesson.id, text)
        return text


class Resources(SphinxDirective):
    """The resource list, as HTML (its markup is the support box's)."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        from dmst.resources import load_resources, resources_html, resources_path

        self.env.note_dependency(str(resources_path()))
        return [nodes.raw("", resources_html(load_resources()), format="html")]


class SessionPlans(SphinxDirective):
    """Every ready plan in sessions.yml, each a timed agenda built by the planner."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        from dmst.agenda import ready_plan_markdown
        from dmst.sessions import SESSIONS_FILE, sessions

        for path in (SESSIONS_FILE, lessons_path(), DATA / "assessment.yml"):
            self.env.note_dependency(str(path))
        text = "\n".join(ready_plan_markdown(ready) for ready in sessions().plans)
        return self.parse_text_to_nodes(text, allow_section_headings=True)


class PlannerRules(SphinxDirective):
    """The planner's rules, with its minutes from sessions.yml."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        from dmst.agenda import rules_markdown
        from dmst.sessions import SESSIONS_FILE

        self.env.note_dependency(str(SESSIONS_FILE))
        return self.parse_text_to_nodes(rules_markdown())


class Settings(SphinxDirective):
    """The table of environment variables, from the registry the code reads them through."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        from dmst.settings import markdown

        return self.parse_text_to_nodes(markdown(), allow_section_headings=True)


DIRECTIVES = {
    "dmst-objectives": Objectives,
    "dmst-timing": Timing,
    "dmst-keep": Keep,
    "dmst-checks": Checks,
    "dmst-session-plans": SessionPlans,
    "dmst-planner-rules": PlannerRules,
    "dmst-settings": Settings,
    "dmst-resources": Resources,
}


def setup(app: Sphinx) -> None:
    for name, directive in DIRECTIVES.items():
        app.add_directive(name, directive)
    madefrom.maker(
        "notes-checks", lambda lesson_id: checks_markdown(curriculum().lesson(lesson_id))
    )
