"""pybtex's writers and styles, looked up once per build instead of once per citation.

pybtex finds a plugin (the plain-text writer, a sorting style) by searching every installed
package's entry points, on every lookup; nothing is remembered. The book resolves each citation
through such a lookup, about 150 of them in a full build at several milliseconds each. pybtex
checks the plugins registered at run time first, so the installed ones are listed there once,
after a single search, and each is loaded on its first lookup: the same classes, without the
repeated search.
"""

from __future__ import annotations

from functools import cache
from importlib.metadata import EntryPoint


class _Installed(dict):
    """One plugin group's run-time table: loads an installed plugin when it is first asked for."""

    def __init__(self, points: dict[str, EntryPoint]) -> None:
        super().__init__()
        self.points = points

    def get(self, name, default=None):
        if name not in self and name in self.points:
            self[name] = self.points[name].load()
        return super().get(name, default)


@cache
def remember_plugins() -> None:
    from importlib.metadata import distributions

    from pybtex import plugin

    groups = {g for base in plugin._DEFAULT_PLUGINS for g in (base, f"{base}.aliases")}
    found: dict[str, dict[str, EntryPoint]] = {g: {} for g in groups}
    for point in (p for dist in distributions() for p in dist.entry_points):
        if point.group in groups:
            found[point.group].setdefault(point.name, point)
    for group, points in found.items():
        # A name pybtex looks up is tried in the group, then in its aliases ("text" is an alias
        # of "plaintext"); a miss in the group's table would search the packages again.
        aliases = found.get(f"{group}.aliases", {})
        table = _Installed({**aliases, **points})
        table.update(plugin._RUNTIME_PLUGINS.get(group, {}))  # registered by code: they win
        plugin._RUNTIME_PLUGINS[group] = table
