"""The character registry and its lint: one name, one person; pronouns hold; no stereotypes."""

from __future__ import annotations

import pytest

from conftest import ROOT
from dmst import characters
from dmst.errors import DataError


def person(name, **changes):
    base = dict(
        name=name,
        age=16,
        pronouns="she/her",
        gender="girl",
        role="exploited",
        relationship="",
        groups=(),
        appears=("notebooks/01-x.ipynb",),
        source="01.yml",
    )
    base.update(changes)
    return characters.Character(**base)


def write(folder, name, text):
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


ROSA = """characters:
  - name: Rosa
    age: 16
    pronouns: she/her
    gender: girl
    role: exploited
    appears: [notebooks/01-x.ipynb]
"""


def test_a_name_registered_twice_names_both_files(tmp_path):
    write(tmp_path, "01.yml", ROSA)
    write(tmp_path, "05.yml", ROSA)
    with pytest.raises(DataError, match=r"05.yml: entry 'Rosa': field 'name': is also a character"):
        characters.load_characters(tmp_path)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ("pronouns: she/her", "pronouns: it"),
        ("role: exploited", "role: villain"),
        ("age: 16", "age: teen"),
        ("gender: girl", "gender: female"),
        ("role: exploited", "role: exploiter"),  # an exploiter needs a relationship
    ],
)
def test_bad_entries_name_the_field(tmp_path, change, field):
    write(tmp_path, "01.yml", ROSA.replace(change, field))
    with pytest.raises(DataError, match=r"01.yml: entry 'Rosa': field"):
        characters.load_characters(tmp_path)


def test_a_name_used_outside_its_registration_is_found():
    cast = {"Rosa": person("Rosa")}
    units = [
        ("notebooks/01-x.ipynb", "", "Rosa is sixteen."),
        ("notebooks/05-y.ipynb", "", "Later, Rosa's friend calls."),
        ("src/dmst/data/assessment.yml", "A.3", "Rosa, 17, has an adult friend."),
    ]
    found = [str(f) for f in characters.misplaced_names(units, cast)]
    assert found == [
        "notebooks/05-y.ipynb: 'Rosa' is registered only for notebooks/01-x.ipynb",
        "src/dmst/data/assessment.yml (A.3): 'Rosa' is registered only for notebooks/01-x.ipynb",
    ]


def test_pronouns_after_a_name_must_match():
    cast = {"Jordan": person("Jordan", pronouns="they/them", gender="nonbinary youth")}
    drift = [("lesson.md", "", "Jordan says he can't leave because he has nowhere to go.")]
    fine = [
        ("lesson.md", "", "Jordan says they can't leave. Jordan's uncle says he will help."),
        ("lesson.md", "", "Jordan is sixteen."),
    ]
    assert len(characters.pronoun_drift(drift, cast)) == 1
    assert characters.pronoun_drift(fine, cast) == []


def test_someone_else_in_the_sentence_is_not_drift():
    cast = {"Rosa": person("Rosa")}
    units = [("l.md", "", "Rosa mentions that her boyfriend says he loves her.")]
    assert characters.pronoun_drift(units, cast) == []
    units = [("l.md", "", "Rosa's boyfriend says he loves her.")]
    assert characters.pronoun_drift(units, cast) == []


def test_exploiters_must_vary():
    men = {
        f"M{n}": person(
            f"M{n}",
            age=None,
            pronouns="he/him",
            gender="man",
            role="exploiter",
            relationship="boyfriend",
        )
        for n in range(3)
    }
    problems = {f.problem for f in characters.variety(men)}
    assert problems == {
        "every exploiter is male",
        "every exploiter is a boyfriend or a stranger",
        "no exploiter is a parent or relative",
    }
    mixed = dict(men)
    mixed["Aunt"] = person(
        "Aunt", age=None, gender="woman", role="exploiter", relationship="relative"
    )
    assert characters.variety(mixed) == []


def test_no_group_only_as_victims():
    cast = {
        "Kai": person("Kai", groups=("native",), gender="boy", pronouns="he/him"),
        "Ms. A": person("Ms. A", age=None, gender="woman", role="helper"),
    }
    problems = {f.problem for f in characters.variety(cast)}
    assert problems == {"'native' appears only as victims", "boys and men appear only as victims"}
    cast["Sam"] = person("Sam", groups=("native",), gender="boy", pronouns="he/him", role="peer")
    assert characters.variety(cast) == []


def test_the_curriculum_passes_the_character_lint():
    found = characters.lint(ROOT)
    assert found == [], "\n".join(map(str, found))


def test_short_forms_of_a_name_count_as_the_name():
    cast = {"Aisha Rahman": person("Aisha Rahman", age=None, gender="woman", role="helper")}
    units = [("notebooks/05-y.ipynb", "", "Ms. Rahman listens."), ("x.md", "", "Aisha waits.")]
    found = [f.where for f in characters.misplaced_names(units, cast)]
    assert found == ["notebooks/05-y.ipynb", "x.md"]


def test_an_adult_of_the_same_gender_shows_the_group_in_another_role():
    cast = {
        "Jamie": person("Jamie", gender="trans girl", role="at-risk"),
        "Trinity": person("Trinity", age=None, gender="trans woman", role="helper"),
    }
    assert characters.variety(cast) == []


def test_two_characters_cannot_share_a_short_form(tmp_path):
    write(tmp_path, "03.yml", ROSA.replace("name: Rosa", "name: Mr. Haddad").replace("16", "adult"))
    write(tmp_path, "08.yml", ROSA.replace("name: Rosa", "name: Farah Haddad"))
    with pytest.raises(DataError, match=r"'Mr\. Haddad' would also name Mr\. Haddad"):
        characters.load_characters(tmp_path)
