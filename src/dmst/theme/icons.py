"""The few icons the book shows, as small SVG drawings (our own, no icon font, no icon script).

Each becomes a CSS mask, so an icon takes the colour of the text around it in light and dark mode.
"""

from __future__ import annotations

from urllib.parse import quote

GROUP = "fill='none' stroke='black' stroke-width='2' stroke-linecap='round' stroke-linejoin='round'"
FILL = "fill='black' stroke='none'"

# name: (SVG body on a 24x24 grid, the classes that show it)
ICONS: dict[str, str] = {
    "bars": "<path d='M4 6h16M4 12h16M4 18h16'/>",
    "magnifying-glass": "<circle cx='10.5' cy='10.5' r='6.5'/><path d='M15.5 15.5 20 20'/>",
    "sun": "<circle cx='12' cy='12' r='4'/><path d='M12 2.5v2M12 19.5v2M2.5 12h2M19.5 12h2"
    "M5.3 5.3l1.4 1.4M17.3 17.3l1.4 1.4M5.3 18.7l1.4-1.4M17.3 6.7l1.4-1.4'/>",
    "moon": f"<path {FILL} d='M20.5 14.6A8.7 8.7 0 1 1 9.4 3.5a7 7 0 0 0 11.1 11.1z'/>",
    "circle-half-stroke": f"<circle cx='12' cy='12' r='8.5'/>"
    f"<path {FILL} d='M12 3.5a8.5 8.5 0 0 1 0 17z'/>",
    "list": "<path d='M9 6h11M9 12h11M9 18h11M4.5 6h.01M4.5 12h.01M4.5 18h.01'/>",
    "outdent": "<path d='M4 5h16M11 10h9M11 14h9M4 19h16M7 9.5 4.5 12 7 14.5'/>",
    "arrow-up": "<path d='M12 19.5v-15M5.5 11 12 4.5l6.5 6.5'/>",
    "angle-left": "<path d='M15 5l-7 7 7 7'/>",
    "angle-right": "<path d='M9 5l7 7-7 7'/>",
    # Admonition titles
    "bell": "<path d='M6 16.5V11a6 6 0 0 1 12 0v5.5l1.5 1.5h-15zM10 20.5a2 2 0 0 0 4 0'/>",
    "paragraph": "<path d='M13 4v16M17 4v16M19.5 4h-10a4.5 4.5 0 0 0 0 9H13'/>",
    "comment": "<path d='M4 5h16v11H10l-5 4v-4H4z'/>",
    "check": "<path d='M5 12.5l4.5 4.5L19 7'/>",
    "info": "<circle cx='12' cy='12' r='8.5'/><path d='M12 11v5.5M12 7.5v.01'/>",
    "warning": "<path d='M12 3.5 2.5 20h19zM12 10v4.5M12 17v.01'/>",
    "xmark": "<circle cx='12' cy='12' r='8.5'/><path d='M9 9l6 6M15 9l-6 6'/>",
    "lightbulb": "<path d='M9 18h6M10 21h4M8.5 14.5a6 6 0 1 1 7 0c-.6.5-1 1.2-1 2V17h-5v-.5"
    "c0-.8-.4-1.5-1-2z'/>",
}

# Which admonition kinds show which icon; anything else shows the bell, as the theme does.
ADMONITIONS: dict[str, str] = {
    "note": "info",
    "important": "info",
    "attention": "warning",
    "caution": "warning",
    "warning": "warning",
    "danger": "warning",
    "error": "xmark",
    "hint": "lightbulb",
    "tip": "lightbulb",
    "seealso": "info",
    "dmst-content-note": "bell",
    "dmst-language-note": "paragraph",
    "dmst-scenario": "comment",
    "dmst-key-points": "check",
}


def data_url(name: str) -> str:
    svg = (
        f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='2 2 20 20'>"
        f"<g {GROUP}>{ICONS[name]}</g></svg>"
    )
    return 'url("data:image/svg+xml,' + quote(svg, safe="/:=' ") + '")'


def icons_css() -> str:
    """Variables for every icon, the icon element, and the admonition titles."""
    variables = ";".join(f"--dmst-icon-{name}:{data_url(name)}" for name in ICONS)
    mask = (
        "background-color:currentColor;"
        "-webkit-mask:var(--dmst-icon) center/contain no-repeat;"
        "mask:var(--dmst-icon) center/contain no-repeat"
    )
    rules = [
        f":root{{{variables}}}",
        # <i class="fa-solid fa-bars"> and friends, as the theme's templates write them.
        f".fa-solid{{display:inline-block;width:1em;height:1em;vertical-align:-.125em;"
        f"flex-shrink:0;{mask}}}",
        ".fa-lg{font-size:1.35em;vertical-align:-.25em}",
        *(f".fa-{name}{{--dmst-icon:var(--dmst-icon-{name})}}" for name in ICONS),
        # Admonition titles: the theme draws these with the icon font; we draw them with masks.
        ".admonition>.admonition-title::after,div.admonition>.admonition-title::after"
        f"{{content:''!important;font:inherit;width:1rem;height:1rem;top:.7rem;"
        f"--dmst-icon:var(--dmst-icon-bell);{mask}}}",
        *(
            f".admonition.{kind}>.admonition-title::after,div.admonition.{kind}>.admonition-title"
            f"::after{{--dmst-icon:var(--dmst-icon-{icon})}}"
            for kind, icon in ADMONITIONS.items()
        ),
    ]
    return "\n".join(rules)
