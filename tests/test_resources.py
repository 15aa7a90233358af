"""Help lines dial what they say, the file instructors edit works as its instructions say, and
every resource and legal statement says when it was last checked."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest

from dmst.errors import DataError
from dmst.law import load_law, parse_law, stale_statements
from dmst.resources import (
    RESOURCES_FILE,
    load_resources,
    parse_resources,
    resources_html,
    stale_resources,
    support_box_html,
)

TODAY = date(2026, 12, 15)


def entry(contact: str, extra: str = "", checked: str = "date: 2026-11") -> str:
    return textwrap.dedent(
        f"""\
        resources:
          - id: line
            name: A help line
            scope: local
            purpose: Help.
            contacts:
              - {contact}
            {extra or "hours: 24/7"}
            status: read
            checked: {{{checked}, what: "its own page"}}
        """
    )


def load(tmp_path: Path, text: str, today: date = TODAY):
    path = tmp_path / "resources.yml"
    path.write_text(text, encoding="utf-8")
    return parse_resources(path, today)


def error(tmp_path: Path, text: str) -> str:
    with pytest.raises(DataError) as info:
        load(tmp_path, text)
    return str(info.value)


# --- phone and text lines -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("contact", "href", "shown"),
    [
        (
            '{kind: phone, value: "1-800-THE-LOST"}',
            "tel:18008435678",
            "1-800-THE-LOST (1-800-843-5678)",
        ),
        (
            '{kind: phone, value: "1-800-RUNAWAY"}',
            "tel:18007862929",
            "1-800-RUNAWAY (1-800-786-2929)",
        ),
        (
            '{kind: phone, value: "1-800-4-A-CHILD"}',
            "tel:18004224453",
            "1-800-4-A-CHILD (1-800-422-4453)",
        ),
        ('{kind: phone, value: "(555) 555-0142"}', "tel:5555550142", "(555) 555-0142"),
        ('{kind: phone, value: "555.555.0142"}', "tel:5555550142", "555.555.0142"),
        ('{kind: phone, value: "+1 555 555 0142"}', "tel:+15555550142", "+1 555 555 0142"),
        (
            '{kind: phone, value: "1-800-555-0100 ext 5"}',
            "tel:18005550100,5",
            "1-800-555-0100, extension 5",
        ),
        (
            '{kind: phone, value: "1-800-555-0100, ext. 5"}',
            "tel:18005550100,5",
            "1-800-555-0100, extension 5",
        ),
        (
            '{kind: phone, value: "1-800-555-0100 x214"}',
            "tel:18005550100,214",
            "1-800-555-0100, extension 214",
        ),
        (
            '{kind: phone, value: "1-800-555-0100", extension: "5"}',
            "tel:18005550100,5",
            "1-800-555-0100, extension 5",
        ),
        (
            '{kind: phone, value: "1-800-555-0100", extension: 5}',
            "tel:18005550100,5",
            "1-800-555-0100, extension 5",
        ),
        ('{kind: phone, value: "911"}', "tel:911", "911"),
        ('{kind: phone, value: "988"}', "tel:988", "988"),
        ('{kind: tty, value: "711"}', "tel:711", "711"),
        ('{kind: text, value: "HOME to 741741"}', "sms:741741?&body=HOME", "741741"),
        ('{kind: text, value: "text HOME to 741741"}', "sms:741741?&body=HOME", "741741"),
        ('{kind: text, value: "741741", keyword: HOME}', "sms:741741?&body=HOME", "741741"),
        ('{kind: text, value: "233733"}', "sms:233733", "233733"),
        ('{kind: text, value: "988"}', "sms:988", "988"),
        ('{kind: text, value: "1-800-422-4453"}', "sms:18004224453", "1-800-422-4453"),
        (
            '{kind: web, value: "report.cybertip.org"}',
            "https://report.cybertip.org",
            "report.cybertip.org",
        ),
        ('{kind: email, value: "help@example.org"}', "mailto:help@example.org", "help@example.org"),
    ],
)
def test_numbers_dial_what_they_say(tmp_path, contact, href, shown):
    [resource] = load(tmp_path, entry(contact))
    [c] = resource.contacts
    assert (c.href, c.shown) == (href, shown)
    page = resources_html([resource])
    assert f'href="{href.replace("&", "&amp;")}"' in page


def test_a_text_keyword_is_shown_to_the_reader_too(tmp_path):
    [resource] = load(tmp_path, entry('{kind: text, value: "HOME to 741741"}'))
    page = resources_html([resource])
    assert 'Text HOME to <a href="sms:741741?&amp;body=HOME">741741</a>' in page
    assert resource.contacts[0].plain() == "Text HOME to 741741"
    assert "sms:466386741741" not in page


@pytest.mark.parametrize(
    ("contact", "problem"),
    [
        ('{kind: phone, value: "555-555-O142"}', "has the letter 'O' where a digit belongs"),
        ('{kind: phone, value: "555-555-0l42"}', "has the letter 'l' where a digit belongs"),
        ('{kind: phone, value: "l-800-555-0100"}', "has the letter 'l' where a digit belongs"),
        ('{kind: text, value: "HOME to 74l741"}', "has the letter 'l' where a digit belongs"),
        ('{kind: phone, value: "555-555-014"}', "has 9 digits; a US number has 10"),
        ('{kind: phone, value: "25-555-0142"}', "has 9 digits"),
        ('{kind: phone, value: "2-555-555-0142"}', "has 11 digits"),
        ('{kind: phone, value: "1-800-555-01000"}', "has 12 digits"),
        ('{kind: phone, value: "555-0100"}', "has 7 digits"),
        ('{kind: phone, value: "+1 555 555 014"}', "has 9 digits after +1"),
        ('{kind: phone, value: "055-555-0142"}', "area code does not start with 0"),
        ('{kind: phone, value: "741741"}', "too short to call"),
        ('{kind: phone, value: "call us"}', "is not a phone number"),
        ('{kind: phone, value: "555-555-0142!"}', "is not a phone number"),
        ('{kind: text, value: "HOME 741741"}', "starts with letters"),
        ('{kind: phone, value: "1-800-555-0100 ext five"}', "must be 1 to 6 digits"),
        ('{kind: phone, value: "1-800-555-0100 ext 5", extension: "6"}', "give the extension once"),
        ('{kind: text, value: "HOME to 741741", keyword: STOP}', "give the keyword once"),
        ('{kind: text, value: "741741", keyword: "HOME NOW"}', "must be one word"),
        (
            '{kind: phone, value: "1-800-555-0100", keyword: HOME}',
            "a keyword belongs to a text line",
        ),
        ('{kind: text, value: "741741", extension: "5"}', "an extension belongs to a phone line"),
        ('{kind: pager, value: "555-555-0142"}', "kind 'pager' is not one of"),
    ],
)
def test_typos_and_wrong_lengths_stop_the_build_naming_the_entry(tmp_path, contact, problem):
    message = error(tmp_path, entry(contact))
    assert "resources.yml: entry 'line': field 'contacts':" in message, message
    assert problem in message


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (("status: read", "status: confirmed"), "field 'status': must be read"),
        (("    status: read\n", ""), "field 'status': is missing"),
        (
            ('    checked: {date: 2026-11, what: "its own page"}\n', ""),
            "field 'checked': is missing",
        ),
        (("date: 2026-11", "on: 2026-11"), 'write "date:"'),
        (("date: 2026-11", "date: November 2026"), "'November 2026' is not a month"),
        (("date: 2026-11", "date: 2026-13"), "has no month 13"),
        (("date: 2026-11", "date: 2062-11"), "'2062-11' is in the future"),
        (("date: 2026-11", "date: 2062-11-01"), "'2062-11-01' is in the future"),
        ((', what: "its own page"', ""), 'needs "what:"'),
        ((', what: "its own page"', ', what: "its own page", by: me'), "'by' is not known here"),
    ],
)
def test_status_and_checked_are_required_and_validated(tmp_path, change, problem):
    text = entry('{kind: phone, value: "911"}')
    assert change[0] in text
    message = error(tmp_path, text.replace(*change))
    assert "resources.yml: entry 'line'" in message and problem in message, message


def test_a_reported_entry_keeps_its_caution(tmp_path):
    text = entry('{kind: phone, value: "911"}').replace("status: read", "status: reported")
    [resource] = load(tmp_path, text)
    assert "(reported; confirm before relying on it)" in resources_html([resource])


# --- the shipped list -----------------------------------------------------------------------------


def test_every_shipped_link_dials_or_opens_the_right_place():
    items = load_resources()
    hrefs = {c.href for r in items for c in r.contacts}
    assert hrefs == {
        "tel:911",
        "tel:18883737888",
        "sms:233733",
        "tel:711",
        "https://report.cybertip.org",
        "tel:18008435678",
        "tel:18007862929",
        "https://1800RUNAWAY.org",
        "tel:988",
        "sms:988",
        "tel:18004224453",
        "sms:18004224453",
    }
    page = support_box_html(items)
    assert page.count('class="dmst-checked"') == len(items)
    assert all(f"Checked {r.checked.when}." in page for r in items)
    assert "Polaris" not in RESOURCES_FILE.read_text(encoding="utf-8")
    assert "SOURCES" not in RESOURCES_FILE.read_text(encoding="utf-8")


def test_the_hotline_is_described_truthfully():
    hotline = next(r for r in load_resources() if r.id == "nhth")
    assert "not a police line" in hotline.notes
    assert "under 18" in hotline.notes and "child protection" in hotline.notes
    assert "not law enforcement" not in hotline.notes


def test_hours_and_notes_are_separate_labelled_parts():
    page = resources_html(load_resources())
    text = re.sub(r"<[^>]+>", "", page)
    assert "24/7 Mandated" not in text and "24/7 A help line" not in text
    assert '<span class="dmst-resource-label">Hours:</span> 24/7</span>' in page
    assert '<span class="dmst-resource-label">Note:</span> A help line, not a police line' in page


# --- the commented examples an instructor uncomments ----------------------------------------------


def examples() -> tuple[str, list[list[str]]]:
    """The shipped file before its examples, and each example's commented lines."""
    text = RESOURCES_FILE.read_text(encoding="utf-8")
    _, _, tail = text.partition("# ADD YOUR OWN ENTRIES BELOW THIS LINE")
    blocks: list[list[str]] = []
    for line in tail.splitlines():
        if line.startswith("#   - id:"):
            blocks.append([])
        if blocks and line.startswith("#  "):
            blocks[-1].append(line)
    return text, blocks


def uncomment(lines: list[str], remove: str = "# ") -> str:
    """What the instructions say: delete the "#" and the one space after it."""
    assert all(line.startswith(remove) for line in lines)
    return "\n".join(line[len(remove) :] for line in lines) + "\n"


def test_the_examples_work_when_uncommented_exactly_as_told(tmp_path):
    text, blocks = examples()
    assert len(blocks) == 2
    assert 'delete the "#" and the one space after it' in text
    shipped = len(load_resources())
    for chosen in ([blocks[0]], [blocks[1]], blocks):
        edited = text + "".join(uncomment(block) for block in chosen)
        items = load(tmp_path, edited)
        assert len(items) == shipped + len(chosen)
    local, state = items[-2:]
    assert (local.scope, state.scope) == ("local", "state")
    assert local.contacts[0].href == "tel:5555550142,214"
    page = resources_html(items)
    assert page.index(local.name) < page.index(state.name) < page.index("National Human")


def test_the_examples_uncommented_in_place_also_work(tmp_path):
    text, blocks = examples()
    for block in blocks:
        text = text.replace("\n".join(block), uncomment(block).rstrip("\n"))
    assert len(load(tmp_path, text)) == len(load_resources()) + 2


def test_removing_only_the_hash_says_which_line_to_fix_in_plain_words(tmp_path):
    text, blocks = examples()
    edited = text + uncomment(blocks[0], remove="#")
    message = error(tmp_path, edited)
    line = edited.splitlines().index("   - id: our-reporting-contact") + 1
    assert f"line {line} needs fixing" in message
    assert "indented differently" in message and "two spaces" in message
    assert "<block" not in message and "expected" not in message


@pytest.mark.parametrize(
    ("change", "hint"),
    [
        (("hours: 24/7", "hours: Open: 9 to 5"), "colon (:) inside a value"),
        (("    hours: 24/7", "\thours: 24/7"), "has a tab"),
        (("name: A help line", 'name: "A help line'), "quotation mark"),
        (("name: A help line", 'name: "A help" line'), "quotation mark"),
        (("    scope: local", "     scope: local"), "indented differently"),
    ],
)
def test_yaml_mistakes_are_explained_in_plain_words(tmp_path, change, hint):
    text = entry('{kind: phone, value: "911"}')
    message = error(tmp_path, text.replace(*change))
    assert re.search(r"resources\.yml: line \d+ needs fixing", message), message
    assert hint in message and "reads:" in message
    assert "<block" not in message and "<scalar>" not in message


# --- checks that go stale ------------------------------------------------------------------------


def test_a_check_older_than_a_year_is_named_in_a_warning(tmp_path):
    items = load(tmp_path, entry('{kind: phone, value: "911"}', checked="date: 2025-11"))
    assert stale_resources(items, date(2026, 11, 30)) == []  # 12 months: still fine
    [warning] = stale_resources(items, date(2026, 12, 1))
    assert "entry 'line' (A help line) was last checked November 2025" in warning
    assert "its own page" in warning


def test_make_book_precheck_prints_a_warning_and_carries_on(tmp_path):
    own = tmp_path / "mine.yml"
    own.write_text(entry('{kind: phone, value: "911"}', checked="date: 2020-01"), encoding="utf-8")
    env = dict(os.environ, DMST_RESOURCES=str(own))
    run = subprocess.run(
        [sys.executable, "-m", "dmst", "check"], env=env, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    [line] = run.stderr.strip().splitlines()
    assert line.startswith("Warning: ") and "mine.yml: entry 'line'" in line
    assert "January 2020" in line


def test_every_legal_statement_has_a_check_and_goes_stale_like_a_resource():
    statements = load_law()
    ids = {s.id for s in statements}
    assert {"tvpa-minors", "usc1591-a", "usc1591-c", "jvta-capta", "safe-harbor"} <= ids
    assert {"pl113-183-identify", "pl113-183-report", "state-mandated-reporting"} <= ids
    assert stale_statements(statements, TODAY) == []
    later = stale_statements(statements, date(2028, 1, 1))
    assert len(later) == len(statements)
    assert "law.yml: entry 'jvta-capta'" in "\n".join(later)
    capta = next(s for s in statements if s.id == "jvta-capta")
    assert "does not itself tell anyone to report" in capta.says


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (("refs: [tvpa2000]", "refs: [nowhere]"), "'nowhere' is not a key"),
        (("status: read", "status: verified"), "must be one of read, reported"),
        (("date: 2026-12", "date: soon"), "'soon' is not a month"),
    ],
)
def test_a_bad_legal_statement_stops_the_build(tmp_path, change, problem):
    text = textwrap.dedent(
        """\
        statements:
          - id: tvpa-minors
            topic: A minor
            law: TVPA
            cite: 22 U.S.C. § 7102
            says: Something.
            status: read
            checked: {date: 2026-12, what: the statute}
            recheck: The code.
            refs: [tvpa2000]
        """
    )
    path = tmp_path / "law.yml"
    path.write_text(text.replace(*change), encoding="utf-8")
    with pytest.raises(DataError) as info:
        parse_law(path, {"tvpa2000"}, TODAY)
    assert "law.yml: entry 'tvpa-minors'" in str(info.value) and problem in str(info.value)


# --- in the built book ---------------------------------------------------------------------------


@pytest.mark.book
def test_the_book_shows_each_check_and_the_law_page(built_book):
    safety = (built_book / "book" / "safety.html").read_text(encoding="utf-8")
    items = load_resources()
    assert safety.count('class="dmst-checked"') == len(items)
    assert "Checked December 2026." in safety
    law = (built_book / "book" / "law.html").read_text(encoding="utf-8")
    for statement in load_law():
        assert f'id="law-{statement.id}"' in law
    guide = (built_book / "book" / "instructors" / "local-resources.html").read_text(
        encoding="utf-8"
    )
    assert "What was checked, and when" in guide and "local-resources-sheet.pdf" in guide
