"""Settings every pytest run needs, whatever path it is given (`pytest notebooks/01-...ipynb`).

Notebook kernels started by nbval inherit these: no test touches a real learner's results, and
outputs are stored as `make execute` stores them (placeholders the book renders), so nbval
compares like with like. Fixtures live in tests/conftest.py.
"""

import os
import tempfile

os.environ.setdefault("DMST_DATA_DIR", tempfile.mkdtemp(prefix="dmst-test-"))
os.environ["DMST_STORED_OUTPUTS"] = "1"
