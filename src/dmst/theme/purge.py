"""Keep only the CSS rules a built book can use: a small, pure-Python build step (no npm).

The theme ships 400 KB of stylesheets written for every site that might use it. A rule can only
apply when every class, id and element name its selector requires exists somewhere: in a built
page, or in a string of a script the pages run (scripts add classes such as ``active`` or
``dmst-chosen-correct``). Everything else is dropped. The test is deliberately generous:

- a selector is kept when *any* of its comma-separated parts may match;
- what sits inside ``:not()``, ``:is()``, ``:where()``, ``:has()`` and other functional
  pseudo-classes, attribute selectors and states (``:hover``, ``[open]``) never cause a drop;
- rules for the icon font's classes (``.fa-…``) go: the book draws its few icons itself;
- ``@media``, ``@supports``, ``@container`` and ``@layer`` blocks are purged inside and kept if
  anything is left; other at-rules are kept, except icon-font faces the book no longer loads and
  ``@keyframes`` no kept rule names.

So a rule that could match is never lost; a rule that cannot match any page is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

GROUPING_AT_RULES = ("@media", "@supports", "@container", "@layer", "@-moz-document", "@scope")
DROPPED_FONT_FAMILIES = ("font awesome",)
# The icon font's own classes: the book draws its few icons itself (icons.py).
DROPPED_CLASSES = re.compile(r"^(fa|fas|far|fab|fa-.*|svg-inline--fa)$")


# --- Tokens a page can offer ----------------------------------------------------------------


@dataclass
class Tokens:
    """Class names, ids and element names that exist in the pages or their scripts."""

    classes: set[str] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)
    tags: set[str] = field(default_factory=lambda: {"html", "body", "head"})

    def add_html(self, text: str) -> None:
        for value in re.findall(r"""\sclass\s*=\s*(?:"([^"]*)"|'([^']*)')""", text):
            self.classes.update((value[0] or value[1]).split())
        for value in re.findall(r"""\sid\s*=\s*(?:"([^"]*)"|'([^']*)')""", text):
            self.ids.add(value[0] or value[1])
        self.tags.update(t.lower() for t in re.findall(r"<([a-zA-Z][a-zA-Z0-9-]*)", text))
        scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", text, flags=re.S | re.I)
        for attrs, script in scripts:
            if "application/json" not in attrs:  # data a script reads (wording), not code
                self.add_script(script)

    def add_script(self, text: str) -> None:
        """Every word inside a string literal may become a class, an id or an element name."""
        for literal in re.findall(r""""(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`[^`]*`""", text):
            words = re.findall(r"[A-Za-z_][\w-]*", literal)
            self.classes.update(words)
            self.ids.update(words)
            self.tags.update(w.lower() for w in words)


# --- A small CSS reader ---------------------------------------------------------------------


@dataclass
class Rule:
    prelude: str  # selector list, or at-rule name and condition
    block: str | None  # None for statements such as @import and @charset
    children: list[Rule] | None = None  # for grouping at-rules


def _strip_comments(css: str) -> str:
    out, i, n = [], 0, len(css)
    while i < n:
        c = css[i]
        if c in "\"'":
            j = _string_end(css, i)
            out.append(css[i:j])
            i = j
        elif css.startswith("/*", i):
            end = css.find("*/", i + 2)
            i = n if end < 0 else end + 2
            out.append(" ")
        else:
            out.append(c)
            i += 1
    return "".join(out)


def _string_end(css: str, start: int) -> int:
    quote, i = css[start], start + 1
    while i < len(css):
        if css[i] == "\\":
            i += 2
            continue
        if css[i] == quote or css[i] == "\n":
            return i + 1
        i += 1
    return len(css)


def _block_end(css: str, open_brace: int) -> int:
    """Index just past the ``}`` that closes the block opened at ``open_brace``."""
    depth, i = 0, open_brace
    while i < len(css):
        c = css[i]
        if c in "\"'":
            i = _string_end(css, i)
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return len(css)


def parse(css: str) -> list[Rule]:
    return _parse(_strip_comments(css))


def _parse(css: str) -> list[Rule]:
    rules: list[Rule] = []
    i, n = 0, len(css)
    while i < n:
        start, depth = i, 0
        while i < n:
            c = css[i]
            if c in "\"'":
                i = _string_end(css, i)
                continue
            if c in "([":
                depth += 1
            elif c in ")]":
                depth -= 1
            elif depth <= 0 and c in "{;}":
                break
            i += 1
        prelude = _squeeze(css[start:i])
        if i >= n:
            break
        if css[i] == ";" or css[i] == "}":
            if prelude:
                rules.append(Rule(prelude, None))
            i += 1
            continue
        end = _block_end(css, i)
        inner = css[i + 1 : end - 1]
        if prelude.lower().startswith(GROUPING_AT_RULES) and "{" in inner:
            rules.append(Rule(prelude, None, _parse(inner)))
        else:
            rules.append(Rule(prelude, _squeeze(inner)))
        i = end
    return rules


def _squeeze(text: str) -> str:
    """Collapse whitespace outside strings."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if c in "\"'":
            j = _string_end(text, i)
            out.append(text[i:j])
            i = j
        elif c.isspace():
            while i < n and text[i].isspace():
                i += 1
            out.append(" ")
        else:
            out.append(c)
            i += 1
    return "".join(out).strip()


def serialize(rules: Iterable[Rule]) -> str:
    parts = []
    for rule in rules:
        if rule.children is not None:
            parts.append(f"{rule.prelude}{{{serialize(rule.children)}}}")
        elif rule.block is None:
            parts.append(f"{rule.prelude};")
        else:
            parts.append(f"{rule.prelude}{{{rule.block}}}")
    return "\n".join(parts)


# --- Selectors ------------------------------------------------------------------------------


def split_top_level(text: str, sep: str = ",") -> list[str]:
    parts, depth, start, i = [], 0, 0, 0
    while i < len(text):
        c = text[i]
        if c in "\"'":
            i = _string_end(text, i)
            continue
        if c == "\\":
            i += 2
            continue
        if c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        elif c == sep and depth == 0:
            parts.append(text[start:i])
            start = i + 1
        i += 1
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


_IDENT = r"(?:[\w-]|\\[0-9a-fA-F]{1,6}\s?|\\.)+"


def _unescape(name: str) -> str:
    def one(match: re.Match[str]) -> str:
        text = match.group(0)[1:]
        if re.fullmatch(r"[0-9a-fA-F]{1,6}\s?", text):
            return chr(int(text.strip(), 16))
        return text

    return re.sub(r"\\[0-9a-fA-F]{1,6}\s?|\\.", one, name)


def _without_optional_parts(selector: str) -> str:
    """Remove attribute selectors and functional pseudo-classes (their contents never drop)."""
    out, i, n = [], 0, len(selector)
    while i < n:
        c = selector[i]
        if c == "\\":
            out.append(selector[i : i + 2])
            i += 2
        elif c in "\"'":
            i = _string_end(selector, i)
        elif c in "[(":
            close = "]" if c == "[" else ")"
            depth = 0
            while i < n:
                if selector[i] in "\"'":
                    i = _string_end(selector, i)
                    continue
                if selector[i] in "[(":
                    depth += 1
                elif selector[i] in "])":
                    depth -= 1
                    if depth == 0 and selector[i] == close:
                        i += 1
                        break
                i += 1
        else:
            out.append(c)
            i += 1
    # Pseudo-classes and pseudo-elements (their names are left behind by the loop above).
    return re.sub(r"(?<!\\)::?[\w-]+", "", "".join(out))


def selector_may_match(selector: str, tokens: Tokens) -> bool:
    core = _without_optional_parts(selector)
    for cls in re.findall(r"\.(" + _IDENT + ")", core):
        name = _unescape(cls)
        if name not in tokens.classes or DROPPED_CLASSES.match(name):
            return False
    for ident in re.findall(r"#(" + _IDENT + ")", core):
        if _unescape(ident) not in tokens.ids:
            return False
    core = re.sub(r"[.#]" + _IDENT, " ", core)
    for tag in re.findall(r"(?:^|[\s>+~|])([a-zA-Z][\w-]*)", core):
        if tag.lower() not in tokens.tags:
            return False
    return True


# --- Purging --------------------------------------------------------------------------------


def purge(rules: list[Rule], tokens: Tokens) -> list[Rule]:
    kept = _purge(rules, tokens)
    used = " ".join(_declarations(kept))
    return _drop_unused_keyframes(kept, used)


def _purge(rules: list[Rule], tokens: Tokens) -> list[Rule]:
    kept: list[Rule] = []
    for rule in rules:
        name = rule.prelude.lower()
        if rule.children is not None:
            children = _purge(rule.children, tokens)
            if children:
                kept.append(Rule(rule.prelude, None, children))
        elif name.startswith("@"):
            if name.startswith("@charset") or name.startswith("@import"):
                continue  # one bundle, in UTF-8; imports are inlined by the caller
            if name.startswith("@font-face") and any(
                family in (rule.block or "").lower() for family in DROPPED_FONT_FAMILIES
            ):
                continue
            kept.append(rule)
        else:
            selectors = [s for s in split_top_level(rule.prelude) if selector_may_match(s, tokens)]
            if selectors:
                kept.append(Rule(",".join(selectors), rule.block))
    return kept


def _declarations(rules: list[Rule]) -> Iterable[str]:
    for rule in rules:
        if rule.children is not None:
            yield from _declarations(rule.children)
        elif rule.block and "keyframes" not in rule.prelude.lower():
            yield rule.block


def _drop_unused_keyframes(rules: list[Rule], used: str) -> list[Rule]:
    kept = []
    for rule in rules:
        match = re.match(r"@(?:-\w+-)?keyframes\s+(\S+)", rule.prelude, flags=re.I)
        if match and not re.search(r"(?<![\w-])" + re.escape(match.group(1)) + r"(?![\w-])", used):
            continue
        if rule.children is not None:
            rule = Rule(rule.prelude, None, _drop_unused_keyframes(rule.children, used))
        kept.append(rule)
    return kept


def purge_css(css: str, tokens: Tokens) -> str:
    return serialize(purge(parse(css), tokens))


# --- Custom properties no rule reads ----------------------------------------------------------

_VAR = re.compile(r"var\(\s*(--[\w-]+)")


def _split_declarations(block: str) -> list[str]:
    return split_top_level(block, ";")


def _walk(rules: list[Rule]) -> Iterable[Rule]:
    for rule in rules:
        if rule.children is not None:
            yield from _walk(rule.children)
        else:
            yield rule


def prune_custom_properties(rules: list[Rule], also_read_by: Iterable[str] = ()) -> list[Rule]:
    """Drop ``--name: value`` declarations that nothing reads with ``var(--name)``.

    ``also_read_by`` are other stylesheets (and scripts) of the pages, whose ``var()`` count too.
    """
    declared: dict[str, list[str]] = {}
    read: set[str] = set()
    for text in also_read_by:
        read.update(_VAR.findall(text))
    for rule in _walk(rules):
        if rule.block is None or rule.prelude.startswith("@"):
            if rule.block:
                read.update(_VAR.findall(rule.block))
            continue
        for declaration in _split_declarations(rule.block):
            name, _, value = declaration.partition(":")
            name = name.strip()
            if name.startswith("--"):
                declared.setdefault(name, []).append(value)
            else:
                read.update(_VAR.findall(value))
    pending = list(read)
    while pending:
        for value in declared.get(pending.pop(), []):
            for name in _VAR.findall(value):
                if name not in read:
                    read.add(name)
                    pending.append(name)
    return _without_unread(rules, read)


def _without_unread(rules: list[Rule], read: set[str]) -> list[Rule]:
    kept: list[Rule] = []
    for rule in rules:
        if rule.children is not None:
            children = _without_unread(rule.children, read)
            if children:
                kept.append(Rule(rule.prelude, None, children))
            continue
        if rule.block is None or rule.prelude.startswith("@"):
            kept.append(rule)
            continue
        declarations = [
            d
            for d in _split_declarations(rule.block)
            if not d.strip().startswith("--") or d.partition(":")[0].strip() in read
        ]
        if declarations:
            kept.append(Rule(rule.prelude, ";".join(declarations)))
    return kept
