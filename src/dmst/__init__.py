"""The DMST curriculum's code: knowledge checks, figures, the statistics ledger and the lesson map.

Notebooks import from here; content lives in ``data/`` and is validated on load.
"""

from dmst.errors import DataError

__version__ = "0.1.0"

__all__ = ["DataError", "__version__"]
