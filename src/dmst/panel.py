"""The learner's results panel: progress, save a results file, recording on or off, erase.

On a class hub that sets a hand-in folder (``DMST_DROP_DIR``), it also offers "Hand in my
results": the anonymous file goes straight to the folder the instructor reads.

It always opens, whatever state the store is in: a damaged or read-only store is named in plain
words, with "erase and start again" offered. In the book (no kernel) the panel is a short note
about what the web book does and does not keep.
"""

from __future__ import annotations

import html
from typing import Any

from dmst import results

BOOK_NOTE = (
    '<aside class="dmst-results-panel"><p><strong>Your results.</strong> This web book keeps '
    "nothing on your device: when you leave or reload the page, your answers are gone. To count "
    "in your class's results, use <strong>Download my answers</strong> on the assessment pages "
    "and give the file to your instructor. In the Jupyter notebooks, this panel shows your "
    "progress, saves an anonymous results file, switches recording off and erases everything."
    "</p></aside>"
)
INTRO = (
    "<p><strong>Your results.</strong> Your answers are kept only on this computer: no names, "
    "nothing you type. See your progress, save an anonymous results file for your instructor, "
    "switch recording off, or erase everything.</p>"
)
HUB_INTRO = (
    "<p><strong>Your results.</strong> Your answers are kept only in your own folder on this "
    "server: no names, nothing you type. <strong>Hand in my results</strong> puts an anonymous "
    "copy (a random id, not your name) in your class's hand-in folder for your instructor; hand "
    "in again at the end to update it. You can also see your progress, switch recording off, or "
    "erase everything.</p>"
)


def _status() -> tuple[bool, str]:
    """(recording now, a sentence when something is wrong or recording is switched off)."""
    if results.recording_switched_off_by_environment():
        return False, (
            "Recording is switched off on this computer (DMST_RECORD=0): nothing you answer is "
            "saved, and this switch cannot turn it on."
        )
    try:
        results.attempts()
    except results.StoreError as exc:
        return False, f"Your answers are not being saved: {exc}. You can erase it and start again."
    return results.recording(), ""


class Panel:
    def widget(self) -> Any:
        import ipywidgets as w

        on, problem = _status()
        out = w.HTML(f"<p>{html.escape(problem)}</p>" if problem else "")
        show = w.Button(description="Show my progress")
        save = w.Button(description="Save my results file")
        toggle = w.ToggleButton(
            value=on,
            description="Recording answers" if on else "Not recording",
            disabled=results.recording_switched_off_by_environment(),
        )
        hand_in = w.Button(description="Hand in my results", button_style="primary")
        confirm = w.Checkbox(value=False, description="Yes, erase everything", indent=False)
        erase_button = w.Button(
            description="Erase and start again" if problem and not on else "Erase my results",
            button_style="danger",
        )

        def say(text: str) -> None:
            out.value = f"<p>{html.escape(text)}</p>"

        def on_show(_) -> None:
            out.value = results.progress()._repr_html_()

        def on_save(_) -> None:
            try:
                path = results.export()
            except results.StoreError as exc:
                say(f"No file was saved: {exc}.")
                return
            out.value = (
                f"<p>Saved <code>{html.escape(str(path))}</code>. Give this file to your "
                "instructor. Erasing your results here also removes this file.</p>"
            )

        def on_hand_in(_) -> None:
            try:
                path = results.hand_in()
            except results.StoreError as exc:
                say(f"Nothing was handed in: {exc}.")
                return
            say(
                f"Handed in as {path.name}: your instructor will find it in the class's hand-in "
                "folder. Hand in again at the end to update it. Erasing your results here also "
                "removes the handed-in copy."
            )

        def on_toggle(change) -> None:
            try:
                results.set_recording(change["new"])
            except results.StoreError as exc:
                say(f"Recording could not be changed: {exc}.")
                return
            toggle.description = "Recording answers" if change["new"] else "Not recording"
            say(f"Recording is {'on' if change['new'] else 'off'}.")

        def on_erase(_) -> None:
            if not confirm.value:
                say("Tick “Yes, erase everything” first. Nothing was erased.")
                return
            left = results.erase()
            confirm.value = False
            if left:
                say("Erased what could be erased. Left in place: " + "; ".join(left) + ".")
            else:
                say("Everything is erased from this computer, including saved results files.")

        show.on_click(on_show)
        save.on_click(on_save)
        hand_in.on_click(on_hand_in)
        toggle.observe(on_toggle, "value")
        erase_button.on_click(on_erase)
        actions = [hand_in, show, save, toggle] if results.drop_dir() else [show, save, toggle]
        intro = HUB_INTRO if results.drop_dir() else INTRO
        return w.VBox([w.HTML(intro), w.HBox(actions), w.HBox([confirm, erase_button]), out])

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        from dmst.display import bundle

        return bundle(
            "Your results panel",
            BOOK_NOTE,
            self.widget(),
            include,
            exclude,
            render=("panel", "results"),
            render_label="Your results panel",
        )
