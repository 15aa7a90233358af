"""``python -m dmst``: the ``dmst`` command (:mod:`dmst.cli`), for when it is not on the PATH."""

import sys

from dmst.cli import main

raise SystemExit(main(sys.argv[1:]))
