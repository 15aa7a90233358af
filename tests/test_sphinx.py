"""The book's Sphinx extension (dmst.sphinx): a bad setting or content file stops the build with
one line naming it, pages made from the data follow the data, and the markup it writes is ours."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import ConfigError

from dmst.sphinx import config, generated
from dmst.sphinx.citations import depart_citation, visit_citation


def tiny_app(tmp_path: Path, **overrides) -> Sphinx:
    """A one-page Sphinx project that loads the extension as the book's configuration does."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text('extensions = ["dmst.sphinx"]\n', encoding="utf-8")
    (src / "index.rst").write_text("Title\n=====\n\nText.\n", encoding="utf-8")
    return Sphinx(
        str(src),
        str(src),
        str(tmp_path / "out"),
        str(tmp_path / "doctrees"),
        "html",
        confoverrides=overrides,
        status=None,
        warning=None,
    )


@pytest.mark.parametrize("url", ["www.weather.gov", "javascript:alert(1)", "", "/local"])
def test_a_quick_exit_url_that_is_not_an_address_is_a_config_error(url):
    with pytest.raises(ConfigError, match="dmst_quick_exit_url must be a full https:// address"):
        config.check_quick_exit_url(None, SimpleNamespace(dmst_quick_exit_url=url))


def test_a_bad_quick_exit_url_stops_the_build(tmp_path):
    with pytest.raises(ConfigError, match=r"_config\.yml: sphinx\.config\.dmst_quick_exit_url"):
        tiny_app(tmp_path, dmst_quick_exit_url="weather.gov")


def test_a_broken_content_file_stops_the_build_naming_it(tmp_path, monkeypatch):
    broken = tmp_path / "my-resources.yml"
    broken.write_text("resources:\n  - id: local\n", encoding="utf-8")
    monkeypatch.setenv("DMST_RESOURCES", str(broken))
    with pytest.raises(ConfigError) as info:
        tiny_app(tmp_path)
    message = str(info.value)
    assert message.startswith("a content file needs fixing: ")
    assert "my-resources.yml: entry 'local': field " in message and "is missing" in message


def test_the_extension_ships_its_static_files(tmp_path):
    app = tiny_app(tmp_path)
    assert str(config.STATIC) in app.config.html_static_path
    assert {p.name for p in config.STATIC.iterdir()} >= {"dmst.css", "dmst.js"}
    assert app.config.dmst_code_fingerprint == config.code_fingerprint()


def test_the_code_fingerprint_follows_code_not_data_or_static_files(tmp_path, monkeypatch):
    """Changed code re-reads every page; an edited data file or stylesheet must not."""
    package = tmp_path / "dmst"
    files = {
        "code": package / "pages.py",
        "data": package / "data" / "ledger.yml",
        "static": package / "sphinx" / "static" / "dmst.css",
    }
    for path in files.values():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("first", encoding="utf-8")
    monkeypatch.setattr(config, "PACKAGE", package)
    monkeypatch.setattr(config, "STATIC", package / "sphinx" / "static")
    before = config.code_fingerprint()
    for kind in ("data", "static"):
        files[kind].write_text("edited", encoding="utf-8")
        assert config.code_fingerprint() == before, kind
    files["code"].write_text("edited", encoding="utf-8")
    assert config.code_fingerprint() != before


def test_every_generated_part_is_markdown_from_the_data():
    for name, make in generated.GENERATED.items():
        assert make().strip(), name


def test_a_page_is_read_again_when_what_it_shows_changes():
    """Content that follows the day (a check falling due) or the settings, not only a file."""
    from dmst.sphinx import madefrom

    generated.setup(SimpleNamespace(add_directive=lambda *a: None))
    text = generated.GENERATED["dmst-grades"]()
    key = ("generated", "dmst-grades")
    env = SimpleNamespace()
    setattr(
        env,
        madefrom.ENV_KEY,
        {
            "same": {key: madefrom.digest(text)},
            "stale": {key: madefrom.digest(text + "before")},
            "edited": {key: "anything"},
            "unknown": {("no such maker", "x"): "anything"},
        },
    )
    assert madefrom.outdated(None, env, set(), {"edited"}, set()) == ["stale", "unknown"]
    madefrom.purge(None, env, "stale")
    assert madefrom.outdated(None, env, set(), {"edited"}, set()) == ["unknown"]


def test_a_page_is_only_rewritten_when_what_it_fills_in_as_written_changes(monkeypatch):
    """A figure or check filled in as the page is written: its change rewrites the page, without
    reading it again; once it cannot be made at all, the page is read again, to report it."""
    from dmst.sphinx import madefrom

    data = {"value": "22,326"}

    def make(argument: str) -> str:
        return data[argument]

    monkeypatch.setitem(madefrom.MAKERS, "figure-test", make)
    monkeypatch.setattr(madefrom, "WRITTEN", {*madefrom.WRITTEN, "figure-test"})
    key = ("figure-test", "value")
    env = SimpleNamespace()
    setattr(env, madefrom.ENV_KEY, {"cites": {key: madefrom.digest("22,326")}, "other": {}})
    assert madefrom.rewritten(None, env) == []
    data["value"] = "22,327"
    assert madefrom.outdated(None, env, set(), set(), set()) == []  # not read again
    assert madefrom.rewritten(None, env) == ["cites"]
    assert madefrom.rewritten(None, env) == []  # its record now matches what the page shows
    del data["value"]  # an entry removed: reading the page reports the citation that broke
    assert madefrom.outdated(None, env, set(), set(), set()) == ["cites"]
    assert madefrom.rewritten(None, env) == []


class Writer:
    """Enough of an HTML translator for the citation visitor."""

    def __init__(self) -> None:
        self.body: list[str] = []

    def starttag(self, node, tagname, suffix="\n", **attributes):
        classes = " ".join(attributes.get("classes", []))
        ids = " ".join(node.get("ids", []))
        return f'<{tagname} class="{classes}" id="{ids}">{suffix}'


def test_the_reference_list_has_no_aria_roles():
    """axe: a role="list" needs listitem children (aria-required-children), and
    doc-biblioentry is deprecated. The list and its entries are plain containers."""
    parent = nodes.container()
    first, second = nodes.citation(ids=["one"]), nodes.citation(ids=["two"])
    parent += [first, nodes.paragraph(), second]
    writer = Writer()
    for node in (first, second):
        visit_citation(writer, node)
        depart_citation(writer, node)
    html = "".join(writer.body)
    assert "role=" not in html
    assert html.count('<div class="citation-list">') == 2  # one per run of citations
    assert html.count("</div>") == 4
