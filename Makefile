# Two commands matter: `make book` and `make test`. Each creates .venv on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
LAB    := $(VENV)/.lab-installed
JB     := $(BIN)/jupyter-book build -W -n --keep-going .

.PHONY: book test lint lab execute handouts bench audit clean

$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (set PYTHON=...)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	@touch $(STAMP)

## book: build the HTML book into _build/html
book: $(STAMP)
	@$(BIN)/python -m dmst.check
	$(JB)
	@echo
	@echo "The book is built. Open $(CURDIR)/_build/html/index.html in a browser,"
	@echo "or publish the folder _build/html on any static host."

## test: everything: lint, unit tests, content lints, notebooks (nbval), book build, HTML and browser checks
test: book lint
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

## lab: open the lessons in JupyterLab (installs JupyterLab into .venv on first use)
$(LAB): $(STAMP) requirements-lab.txt
	$(BIN)/python -m pip install --quiet -r requirements-lab.txt
	@# Privacy: no news feed or update check fetched from the internet.
	$(BIN)/jupyter labextension disable --level=sys_prefix \
		"@jupyterlab/apputils-extension:announcements" >/dev/null 2>&1
	@touch $(LAB)
lab: $(LAB)
	$(BIN)/jupyter lab notebooks $$([ "$$(id -u)" = 0 ] && echo --allow-root)

## execute: re-run every lesson notebook in place and save its outputs (what nbval compares)
execute: $(STAMP)
	$(BIN)/python -m dmst.execute notebooks/*.ipynb

## handouts: one-page PDFs per lesson and the session plans, into handouts/ (needs Chromium)
handouts: book
	$(BIN)/python -m dmst.handouts

## bench: measure build and test times (medians) and the heaviest page
bench: $(STAMP)
	$(BIN)/python tests/bench.py

## audit: Lighthouse (mobile) on every page of the built book: four scores and page weight.
## A benchmark, not a test; needs npm once (pinned in tools/audit/package-lock.json) and Chromium.
AUDIT := tools/audit
$(AUDIT)/node_modules/.installed: $(AUDIT)/package-lock.json
	cd $(AUDIT) && npm ci --ignore-scripts --no-audit --no-fund
	@touch $@
audit: book $(AUDIT)/node_modules/.installed
	CHROME_PATH=$${CHROME_PATH:-/usr/bin/chromium} $(BIN)/python $(AUDIT)/audit.py

clean:
	rm -rf _build
