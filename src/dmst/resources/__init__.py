"""Help lines and local services: the national lines plus an instructor's own.

Defined once in ``data/resources.yml``. An instructor may point ``DMST_RESOURCES`` at their own
copy instead of editing the packaged file. The book reads it at build time (support page and the
support box on every lesson), so customizing never changes stored notebook outputs.

Phone and text lines are modelled as what they are: a number as written (digits, or the letters of
a vanity number such as 1-800-THE-LOST), an optional extension for a phone, and an optional keyword
for a text line ("text HOME to 741741"). Every entry says when it was last checked, and against
what, so a build can warn when a check is more than a year old.
"""

from __future__ import annotations

from dmst.resources.data import (
    RESOURCES_FILE,
    SCOPE_HEADINGS,
    SCOPE_ORDER,
    SCOPES,
    STATUSES,
    Resource,
    load_resources,
    parse_resources,
    resources_path,
    stale_resources,
)
from dmst.resources.lines import (
    CONTACT_KINDS,
    Contact,
    dial_digits,
    format_digits,
    number_problem,
    parse_contact,
)
from dmst.resources.listing import (
    SUPPORT_LEAD,
    SupportBox,
    ordered,
    resource_html,
    resources_html,
    support_box,
    support_box_html,
)
from dmst.resources.yamlhints import load_plain, plain_yaml_error

__all__ = [
    "CONTACT_KINDS",
    "RESOURCES_FILE",
    "SCOPES",
    "SCOPE_HEADINGS",
    "SCOPE_ORDER",
    "STATUSES",
    "SUPPORT_LEAD",
    "Contact",
    "Resource",
    "SupportBox",
    "dial_digits",
    "format_digits",
    "load_plain",
    "load_resources",
    "number_problem",
    "ordered",
    "parse_contact",
    "parse_resources",
    "plain_yaml_error",
    "resource_html",
    "resources_html",
    "resources_path",
    "stale_resources",
    "support_box",
    "support_box_html",
]
