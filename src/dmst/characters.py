"""The fictional composites: a registry, so a name is one person and nobody is a stereotype.

``data/characters/*.yml`` lists every named character (name, age, pronouns, gender, role, the
files and items they appear in). The lint here checks the curriculum's text against it:

- a name belongs to one character, and appears only where that character is registered;
- the pronouns used right after a name in a sentence are that character's;
- exploiters vary (not every one a man, not every one a boyfriend; a parent or relative too);
- no group appears only as victims: any group (boys, Native youth, young people in foster
  care...) shown among exploited young people also appears in a helping or ordinary role.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from dmst.datafile import DATA, each_entry, load_yaml
from dmst.errors import DataError

CHARACTERS_DIR = DATA / "characters"
PRONOUNS = {
    "she/her": {"she", "her", "hers", "herself"},
    "he/him": {"he", "him", "his", "himself"},
    "they/them": {"they", "them", "their", "theirs", "themselves", "themself"},
}
GENDERS = (
    "girl", "boy", "woman", "man", "trans girl", "trans boy", "nonbinary youth",
    "nonbinary adult", "trans woman", "trans man",
)  # fmt: skip
# Young people and adults of one gender are one group: a trans woman mentor shows trans girls
# in another role than victim, as a woman helper does for girls.
GENDER_GROUPS = {
    "girl": "girls and women", "woman": "girls and women", "boy": "boys and men",
    "man": "boys and men", "trans girl": "trans girls and women",
    "trans woman": "trans girls and women", "trans boy": "trans boys and men",
    "trans man": "trans boys and men", "nonbinary youth": "nonbinary people",
    "nonbinary adult": "nonbinary people",
}  # fmt: skip
ROLES = ("exploited", "at-risk", "exploiter", "buyer", "helper", "peer", "parent", "other")
VICTIM_ROLES = ("exploited", "at-risk")
HARM_ROLES = ("exploiter", "buyer")
FIELDS = ("name", "age", "pronouns", "gender", "role", "relationship", "groups", "appears")


@dataclass(frozen=True)
class Character:
    name: str
    age: int | None  # None for adults
    pronouns: str
    gender: str
    role: str
    relationship: str
    groups: tuple[str, ...]
    appears: tuple[str, ...]
    source: str

    @property
    def youth(self) -> bool:
        return self.age is not None and self.age < 18


def parse_characters(path: Path) -> list[Character]:
    data = load_yaml(path)
    result = []
    for e in each_entry(path, data, "characters"):
        e.entry = str(e.data.get("name", e.entry))
        e.unknown_fields(FIELDS)
        age = e.get("age", (int, str))
        if isinstance(age, str):
            if age != "adult":
                raise e.fail("age", f'must be a number or "adult", not {age!r}')
            age = None
        elif not 0 < age < 120:
            raise e.fail("age", f"{age} is not an age")
        pronouns = e.text("pronouns")
        if pronouns not in PRONOUNS:
            raise e.fail("pronouns", f"must be one of {', '.join(PRONOUNS)}, not {pronouns!r}")
        gender, role = e.text("gender"), e.text("role")
        if gender not in GENDERS:
            raise e.fail("gender", f"must be one of {', '.join(GENDERS)}, not {gender!r}")
        if role not in ROLES:
            raise e.fail("role", f"must be one of {', '.join(ROLES)}, not {role!r}")
        relationship = e.get("relationship", str, "", blank_ok=True).strip()
        if role in HARM_ROLES and not relationship:
            raise e.fail("relationship", f"an {role} needs one (boyfriend, parent, peer...)")
        appears = tuple(e.text_list("appears"))
        if not appears:
            raise e.fail("appears", "must list where the character appears")
        result.append(
            Character(
                e.text("name"),
                age,
                pronouns,
                gender,
                role,
                relationship,
                tuple(g.lower() for g in e.text_list("groups", [])),
                appears,
                path.name,
            )
        )
    return result


def load_characters(folder: Path = CHARACTERS_DIR) -> dict[str, Character]:
    """Every registered character by name; a name registered twice is an error."""
    result: dict[str, Character] = {}
    short: dict[str, str] = {}  # every way the text may call someone -> who
    for path in sorted(folder.glob("*.yml")):
        for c in parse_characters(path):
            if c.name in result:
                raise DataError(
                    path, f"is also a character in {result[c.name].source}", c.name, "name"
                )
            for variant in name_variants(c.name):
                other = short.get(variant)
                if other is not None and other != c.name:
                    raise DataError(
                        path,
                        f"{variant!r} would also name {other} ({result[other].source}); "
                        "choose another name",
                        c.name,
                        "name",
                    )
                short[variant] = c.name
            result[c.name] = c
    return result


@cache
def characters() -> dict[str, Character]:
    return load_characters()


# --- the lint ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    where: str
    problem: str

    def __str__(self) -> str:
        return f"{self.where}: {self.problem}"


APOSTROPHES = "'\u2019"
SENTENCE = re.compile(rf"(?<=[.!?\u2026])[\"\u201d{APOSTROPHES})]*\s+")
WORD = re.compile(rf"[A-Za-z{APOSTROPHES}]+")


TITLES = ("Mr.", "Ms.", "Mrs.", "Dr.", "Pastor", "Coach", "Officer")


def name_variants(name: str) -> list[str]:
    """How the text may call a character: "Aisha Rahman", "Aisha", "Ms. Rahman"."""
    words = name.split()
    if len(words) < 2 or words[0] in TITLES:
        return [name]
    return [name, words[0], *(f"{t} {words[-1]}" for t in TITLES)]


@cache
def name_pattern(name: str) -> re.Pattern[str]:
    """A name (or its short forms) as whole words, allowing the possessive (Rosa's)."""
    names = "|".join(re.escape(n) for n in name_variants(name))
    return re.compile(rf"(?<![\w-])(?:{names})(?=(?:[{APOSTROPHES}]s)?\b)(?![\w-])")


def text_units(root: Path) -> Iterable[tuple[str, str, str]]:
    """(file, item id or "", text) for every piece of learner- or instructor-facing text."""
    for nb in sorted((root / "notebooks").glob("*.ipynb")):
        cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
        for cell in cells:
            if cell["cell_type"] == "markdown":
                source = cell["source"]
                yield nb.relative_to(root).as_posix(), "", "".join(source)
    for md in sorted((root / "book").rglob("*.md")):
        yield md.relative_to(root).as_posix(), "", md.read_text(encoding="utf-8")
    data = root / "src" / "dmst" / "data"
    files = [
        *sorted((data / "questions").glob("*.yml")),
        *sorted((data / "activities").glob("*.yml")),
        *sorted((data / "diagrams").glob("*.yml")),
        data / "assessment.yml",
    ]
    for path in files:
        if path.exists():
            yield from _yaml_units(path, root)


def _yaml_units(path: Path, root: Path) -> Iterable[tuple[str, str, str]]:
    """Each top-level entry of a data file as its own unit, labelled by its id."""
    from dmst.datafile import load_yaml

    data = load_yaml(path) or {}
    where = path.relative_to(root).as_posix()
    for key in ("questions", "items", "activities", "diagrams"):
        for entry in data.get(key, []) or []:
            if isinstance(entry, dict):
                yield where, str(entry.get("id", "")), " ".join(_strings(entry))


def _strings(value) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def names_in(text: str, cast: dict[str, Character]) -> list[str]:
    """The characters a text names, found in one pass over the text."""
    return [n for n in _any_name(tuple(cast)).findall_names(text)]


class _NameFinder:
    def __init__(self, names: tuple[str, ...]) -> None:
        self.owner = {v: n for n in names for v in name_variants(n)}
        variants = sorted(self.owner, key=len, reverse=True)
        alternatives = "|".join(re.escape(v) for v in variants)
        self.pattern = re.compile(
            rf"(?<![\w-])({alternatives})(?=(?:[{APOSTROPHES}]s)?\b)(?![\w-])"
        )

    def findall_names(self, text: str) -> list[str]:
        return list(dict.fromkeys(self.owner[m.group(1)] for m in self.pattern.finditer(text)))


@cache
def _any_name(names: tuple[str, ...]) -> _NameFinder:
    return _NameFinder(names)


def misplaced_names(
    units: Iterable[tuple[str, str, str]], cast: dict[str, Character]
) -> list[Finding]:
    """A registered name used in a file or item where that character is not registered."""
    findings = []
    seen: set[tuple[str, str, str]] = set()
    for where, item, text in units:
        for name in names_in(text, cast):
            c = cast[name]
            if where in c.appears or (item and item in c.appears):
                continue
            key = (where, item, name)
            if key not in seen:
                seen.add(key)
                place = f"{where} ({item})" if item else where
                findings.append(
                    Finding(place, f"{name!r} is registered only for {', '.join(c.appears)}")
                )
    return findings


SUBJECT_PRONOUNS = {"he", "she", "they", "his", "hers", "himself", "herself", "their", "theirs",
                    "themselves", "themself"}  # fmt: skip
MARKUP = re.compile(r"[*_`]+|\{[a-z:]+\}|<[^>]+>")


def pronoun_drift(
    units: Iterable[tuple[str, str, str]], cast: dict[str, Character]
) -> list[Finding]:
    """When a sentence opens with a character's name, its next subject or possessive pronoun is
    theirs: "Jordan says he..." is drift for a they/them character.

    Only sentences that open with the name and name no other character are checked, and object
    pronouns ("him", "her", "them") are skipped: after a name that is the subject, they usually
    mean someone else ("Hannah has asked him not to tell"). An unnamed person mentioned before
    the pronoun ("Rosa's boyfriend says he...") also ends the check.
    """
    others = re.compile(
        r"\b(boyfriend|girlfriend|man|woman|men|women|mother|father|mum|mom|dad|uncle|aunt|"
        r"brother|sister|cousin|coach|friend|friends|teacher|counsellor|counselor|buyer|buyers|"
        r"trafficker|officer|partner|son|daughter|parent|parents|worker|nurse|someone|person|"
        r"people|adult|adults|guy|girl|boy|kid|child|mentor|supervisor|caseworker)\b",
        re.I,
    )
    findings = []
    for where, item, text in units:
        plain = MARKUP.sub("", " ".join(text.split()))
        for sentence in SENTENCE.split(plain):
            sentence = sentence.lstrip("\"\u201c'([-: ")
            named = names_in(sentence, cast)
            if len(named) != 1:
                continue
            c = cast[named[0]]
            opening = name_pattern(c.name).match(sentence)
            if opening is None:
                continue
            first_pronoun = None
            for word in WORD.findall(sentence[opening.end() :]):
                lower = word.lower()
                if lower in SUBJECT_PRONOUNS:
                    first_pronoun = lower
                    break
                if others.fullmatch(lower):
                    break  # someone else is now in the sentence
            if first_pronoun is None or first_pronoun in PRONOUNS[c.pronouns]:
                continue
            if c.pronouns != "they/them" and first_pronoun in PRONOUNS["they/them"]:
                continue  # "they" may be a group ("Rosa and her friends... they")
            place = f"{where} ({item})" if item else where
            findings.append(
                Finding(
                    place,
                    f"{c.name} is {c.pronouns}, but the sentence uses {first_pronoun!r}: "
                    f"“{sentence[:90]}”",
                )
            )
    return findings


def variety(cast: dict[str, Character]) -> list[Finding]:
    """Exploiters vary; no group appears only among exploited young people."""
    findings = []
    exploiters = [c for c in cast.values() if c.role == "exploiter"]
    if exploiters:
        if all(c.gender in ("man", "boy", "trans man") for c in exploiters):
            findings.append(Finding("characters", "every exploiter is male"))
        relations = {c.relationship.lower() for c in exploiters}
        if relations <= {"boyfriend", "older man", "stranger"}:
            findings.append(Finding("characters", "every exploiter is a boyfriend or a stranger"))
        if not relations & {"parent", "mother", "father", "relative", "uncle", "aunt", "cousin"}:
            findings.append(Finding("characters", "no exploiter is a parent or relative"))
    victims = [c for c in cast.values() if c.role in VICTIM_ROLES]
    others = [c for c in cast.values() if c.role not in VICTIM_ROLES + HARM_ROLES]
    shown = {g for c in others for g in (*c.groups, GENDER_GROUPS[c.gender])}
    for group in sorted({g for c in victims for g in c.groups}):
        if group not in shown:
            findings.append(Finding("characters", f"{group!r} appears only as victims"))
    for group in sorted({GENDER_GROUPS[c.gender] for c in victims}):
        if group not in shown:
            findings.append(Finding("characters", f"{group} appear only as victims"))
    return findings


def lint(root: Path, cast: dict[str, Character] | None = None) -> list[Finding]:
    cast = characters() if cast is None else cast
    units = list(text_units(root))
    return misplaced_names(units, cast) + pronoun_drift(units, cast) + variety(cast)
