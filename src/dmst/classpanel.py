"""The instructors' class-results panel: choose a folder or upload files; no code to edit.

Results files (``*.json``) and paper tests typed into a CSV table (``*.csv``, :mod:`dmst.paper`)
are read alike.

In Jupyter it shows the made-up sample class until the instructor types a folder or uploads the
learners' files; in the book it shows the sample report, labelled as such.
"""

from __future__ import annotations

import html
import tempfile
from pathlib import Path
from typing import Any

from dmst.classroom import SAMPLE_FOLDER, class_report

SAMPLE_LABEL = "SAMPLE: made-up class data"


class ClassResultsPanel:
    def __init__(self) -> None:
        self._upload_dir: tempfile.TemporaryDirectory | None = None

    def show_folder(self, folder: str) -> str:
        """The report for a folder the instructor typed (quotes and ~ allowed), as HTML."""
        cleaned = folder.strip().strip("\"'")
        if not cleaned:
            return "<p>Type the folder that holds your learners' results files first.</p>"
        path = Path(cleaned).expanduser()
        if not path.is_dir():
            return f"<p>{html.escape(str(path))}: no such folder. Check the spelling.</p>"
        return class_report(path)._repr_html_()

    def show_uploads(self, files: Any) -> str:
        """The report for files uploaded through the widget (kept in a private temporary folder)."""
        if self._upload_dir is not None:
            self._upload_dir.cleanup()
        self._upload_dir = tempfile.TemporaryDirectory(prefix="dmst-class-")
        folder = Path(self._upload_dir.name)
        used: set[str] = set()
        for n, item in enumerate(files or ()):
            name = Path(str(item.get("name", f"file{n}.json"))).name or f"file{n}.json"
            if name.casefold() in used or name.startswith("."):
                name = f"{n:03d}-{name}"  # two files of one name: both kept
            used.add(name.casefold())
            content = item.get("content", b"")
            data = content.tobytes() if hasattr(content, "tobytes") else bytes(content)
            (folder / name).write_bytes(data)
        return class_report(folder)._repr_html_()

    def widget(self) -> Any:
        import ipywidgets as w

        from dmst.results import drop_dir

        handed_in = drop_dir()  # on a class hub: the folder learners hand in to
        folder = w.Text(
            value=str(handed_in) if handed_in else "",
            placeholder="for example ~/Desktop/results",
            description="Folder:",
            continuous_update=False,  # the report runs when Enter is pressed or the field is left
            layout=w.Layout(width="100%"),
        )
        read = w.Button(description="Show the report for this folder", button_style="primary")
        upload = w.FileUpload(accept=".json,.csv", multiple=True, description="Or choose files")
        if handed_in:
            out = w.HTML(self.show_folder(str(handed_in)))
        else:
            out = w.HTML(class_report(SAMPLE_FOLDER, label=SAMPLE_LABEL)._repr_html_())
        read.on_click(lambda _: setattr(out, "value", self.show_folder(folder.value)))
        folder.observe(lambda c: setattr(out, "value", self.show_folder(c["new"])), "value")
        upload.observe(lambda c: setattr(out, "value", self.show_uploads(c["new"])), "value")
        intro = w.HTML(
            "<p>Type the folder that holds your learners' results files (and any paper tests "
            "typed into a CSV table) and press Enter, or choose the files. Until then the report "
            "shows a made-up sample class.</p>"
        )
        return w.VBox([intro, folder, w.HBox([read, upload]), out])

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        from dmst.display import bundle

        return bundle(
            "Class results panel",
            book_html,
            self.widget(),
            include,
            exclude,
            render=("classresults", "sample"),
            render_label="Class results panel",
        )


def book_html() -> str:
    """Without a kernel: the class's hand-in folder on a hub, else the made-up sample class."""
    from dmst.results import drop_dir

    handed_in = drop_dir()
    if handed_in:
        return class_report(handed_in)._repr_html_()
    return (
        '<p class="dmst-hint">In Jupyter this panel lets you type a folder or choose files. '
        "Here in the book it shows the made-up sample class.</p>"
        + class_report(SAMPLE_FOLDER, label=SAMPLE_LABEL)._repr_html_()
    )


def class_results() -> ClassResultsPanel:
    """The class-results panel for the instructors' notebook."""
    return ClassResultsPanel()
