"""Phone and text lines as what they are: a number as written (digits, or the letters of a vanity
number such as 1-800-THE-LOST), an optional extension for a phone, and an optional keyword for a
text line ("text HOME to 741741"); web, chat and email contacts. Each is checked as it is read, with
a sentence saying what is wrong with a number that is not one."""

from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass

from dmst.datafile import Entry

CONTACT_KINDS = ("phone", "text", "tty", "web", "chat", "email")
# Short numbers anyone can dial in the United States (N11 codes and 988). Text lines may also use
# SMS short codes of 3 to 6 digits (233733, 741741).
SHORT_DIAL = {"211", "311", "411", "511", "611", "711", "811", "911", "988"}
URL = re.compile(r"^(https?://)?([a-z0-9-]+\.)+[a-z]{2,}(/\S*)?$", re.IGNORECASE)
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.IGNORECASE)
EXTENSION = re.compile(
    r"^(?P<number>.*?)[\s,;]*(?:(?<=[\d\s,;])(?:ext|extension)\.?|(?<=[\d\s])x)\s*(?P<ext>\S+)$",
    re.IGNORECASE,
)
KEYWORD = re.compile(r"^(?:text\s+)?(?P<keyword>\S+)\s+to\s+(?P<number>.+)$", re.IGNORECASE)
KEYWORD_TEXT = re.compile(r"^[A-Za-z0-9]{1,20}$")
NUMBER_CHARACTERS = re.compile(r"^\+?[0-9A-Za-z ().-]+$")
LOOKALIKES = {"O": "0", "o": "0", "I": "1", "l": "1", "i": "1"}
KEYS = ("", "", "ABC", "DEF", "GHI", "JKL", "MNO", "PQRS", "TUV", "WXYZ")
KEYPAD = {letter: str(digit) for digit, letters in enumerate(KEYS) for letter in letters}


@dataclass(frozen=True)
class Contact:
    kind: str
    value: str  # as written, without the extension or keyword: "1-800-THE-LOST", "741741"
    label: str
    extension: str = ""  # phone: digits dialled after the call connects
    keyword: str = ""  # text: the word to send

    @property
    def is_number(self) -> bool:
        return self.kind in ("phone", "text", "tty")

    @property
    def digits(self) -> str:
        """What a phone dials: vanity letters as keypad digits, a leading + kept."""
        return dial_digits(self.value) if self.is_number else ""

    @property
    def is_vanity(self) -> bool:
        return self.is_number and any(ch.isalpha() for ch in self.value)

    @property
    def href(self) -> str:
        if self.kind in ("phone", "tty"):
            # A comma is a pause, then the extension as tones: iOS and Android dialers both do it.
            # RFC 3966's ";ext=" is not: Android sends "ext=5" as keypad tones (39...5).
            return "tel:" + self.digits + (f",{self.extension}" if self.extension else "")
        if self.kind == "text":
            if self.keyword:
                # "?&body=" is read by both iOS (&body=) and Android (?body=).
                return f"sms:{self.digits}?&body={urllib.parse.quote(self.keyword)}"
            return "sms:" + self.digits
        if self.kind == "email":
            return "mailto:" + self.value
        if self.kind in ("web", "chat") and URL.match(self.value):
            return self.value if "://" in self.value else "https://" + self.value
        return ""

    @property
    def shown(self) -> str:
        """The number as people read it: vanity letters with the digits, the extension spelled."""
        if not self.is_number:
            return self.value
        text = self.value
        if self.is_vanity:
            text += f" ({format_digits(self.digits)})"
        if self.extension:
            text += f", extension {self.extension}"
        return text

    def plain(self) -> str:
        """One line of text, as a handout prints it: 'Text HOME to 741741'."""
        if self.keyword:
            return f"{self.label} {self.keyword} to {self.shown}"
        return f"{self.label} {self.shown}"


def parse_contact(e: Entry, raw: object) -> Contact:
    c = Entry(e.path, raw, e.entry)
    c.unknown_fields(("kind", "value", "label", "extension", "keyword"))
    kind, value = c.text("kind"), c.text("value")
    if kind not in CONTACT_KINDS:
        raise c.fail("contacts", f"kind {kind!r} is not one of {', '.join(CONTACT_KINDS)}")
    label = c.text("label", {"phone": "Call", "text": "Text", "tty": "TTY"}.get(kind, "Visit"))
    extension, keyword = _scalar(c, "extension"), _scalar(c, "keyword")
    if kind not in ("phone", "tty") and extension:
        raise c.fail("contacts", f"an extension belongs to a phone line, not a {kind} contact")
    if kind != "text" and keyword:
        raise c.fail("contacts", f"a keyword belongs to a text line, not a {kind} contact")
    if kind in ("phone", "tty"):
        match = EXTENSION.match(value)
        if match:
            if extension:
                raise c.fail("contacts", f"{value!r}: give the extension once, not twice")
            value, extension = match.group("number").strip(), match.group("ext")
        if extension and not re.fullmatch(r"\d{1,6}", extension):
            raise c.fail("contacts", f"extension {extension!r} for {value!r} must be 1 to 6 digits")
    if kind == "text":
        match = KEYWORD.match(value)
        if match:
            if keyword:
                raise c.fail("contacts", f"{value!r}: give the keyword once, not twice")
            value, keyword = match.group("number").strip(), match.group("keyword")
        if keyword and not KEYWORD_TEXT.match(keyword):
            raise c.fail(
                "contacts",
                f"keyword {keyword!r} must be one word of letters or digits (like HELP)",
            )
    _check_value(c, kind, value)
    return Contact(kind, value, label, extension, keyword)


def _scalar(c: Entry, field: str) -> str:
    """An optional short field that YAML may read as a number (extension: 5)."""
    raw = c.data.get(field)
    if raw is None:
        return ""
    if isinstance(raw, bool) or not isinstance(raw, (str, int)):
        raise c.fail("contacts", f'{field} must be written as text, like {field}: "5"')
    return str(raw).strip()


def _check_value(c: Entry, kind: str, value: str) -> None:
    if kind in ("phone", "text", "tty"):
        problem = number_problem(value, text=kind == "text")
        if problem:
            raise c.fail("contacts", problem)
    elif kind == "email" and not EMAIL.match(value):
        raise c.fail("contacts", f"{value!r} is not an email address")
    elif kind in ("web", "chat") and not (URL.match(value) or kind == "chat"):
        raise c.fail("contacts", f"{value!r} is not a web address (like https://example.org)")


def number_problem(value: str, text: bool = False) -> str:
    """What is wrong with a phone or text number, in words; '' when it is a number to dial."""
    example = "use digits, like 1-800-555-0100 or (555) 555-0142"
    if not NUMBER_CHARACTERS.match(value) or value.count("+") > 1 or not re.search(r"\d", value):
        return f"{value!r} is not a phone number ({example})"
    letters = [ch for ch in value if ch.isalpha()]
    if letters and all(ch in LOOKALIKES for ch in letters):
        ch = letters[0]
        return (
            f"{value!r} has the letter {ch!r} where a digit belongs: type the digit "
            f"{LOOKALIKES[ch]} (a vanity number spells words, like 1-800-THE-LOST)"
        )
    alnum = [ch for ch in value if ch.isalnum()]
    first_letter = next((i for i, ch in enumerate(alnum) if ch.isalpha()), None)
    if first_letter is not None and first_letter < (4 if alnum[0] == "1" else 3):
        keyword = " (for a text keyword, write it like: HELP to 12345)" if text else ""
        return (
            f"{value!r} starts with letters: a vanity number keeps its area code in digits, "
            f"like 1-800-THE-LOST{keyword}"
        )
    digits = dial_digits(value)
    count = len(digits.lstrip("+"))
    if digits.startswith("+") and not digits.startswith("+1"):
        if 8 <= count <= 15:
            return ""  # another country's number, written with its country code
        return f"{value!r} is not an international number (a + and 8 to 15 digits)"
    if digits.startswith("+1"):
        if count != 11:
            return f"{value!r} has {count - 1} digits after +1; a US number has 10"
        return _area_code_problem(value, digits[2:])
    if count in (10, 11) and (count == 10 or digits.startswith("1")):
        return _area_code_problem(value, digits[-10:])
    if 3 <= count <= 6 and not any(ch.isalpha() for ch in value):
        if text or digits in SHORT_DIAL:
            return ""
        return (
            f"{value!r} is too short to call: a US number has 10 digits (area code and "
            f"number); only short numbers such as 911 or 988 are dialled as they are"
        )
    return (
        f"{value!r} has {count} digits; a US number has 10 (area code and number), or 11 "
        f"starting with 1"
    )


def _area_code_problem(value: str, ten: str) -> str:
    if ten[0] in "01":
        return f"{value!r}: a US area code does not start with {ten[0]}; check the number"
    return ""


def dial_digits(value: str) -> str:
    """'1-800-THE-LOST' -> '18008435678'; '+1 (555) 555-0142' -> '+15555550142'."""
    digits = "".join(KEYPAD.get(ch.upper(), ch) for ch in value if ch.isalnum())
    return ("+" if value.strip().startswith("+") else "") + digits


def format_digits(digits: str) -> str:
    """'18008435678' -> '1-800-843-5678'."""
    bare = digits.lstrip("+")
    if len(bare) == 11 and bare.startswith("1"):
        return f"1-{bare[1:4]}-{bare[4:7]}-{bare[7:]}"
    if len(bare) == 10:
        return f"{bare[:3]}-{bare[3:6]}-{bare[6:]}"
    return digits
