# Two commands matter: `make book` and `make test`. Each creates .venv on first use.
# Each target runs a subcommand of `dmst` (src/dmst/cli.py); `.venv/bin/dmst --help` lists them.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
LAB    := $(VENV)/.lab-installed
HUB    := $(VENV)/.hub-installed
# npm packages (the hub's proxy, Lighthouse) are installed inside .venv, from the pinned lock files
# kept beside the code that uses them: outside the book's folders, whose every file a build lists.
NPM    := $(VENV)/npm
PROXY  := $(NPM)/proxy/node_modules/.bin/configurable-http-proxy

.PHONY: book learner test test-sweep lint lab lab-test execute handouts slides test-slides vendor-reveal bench audit clean hub hub-check

$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (set PYTHON=...)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	@touch $(STAMP)

## book: build the HTML book into _build/html, and the learner edition into _build/learner
# Everything the book is made from. When none of it changed, `make book` only says where the book
# is; when some did, notebooks whose code changed are re-run (in parallel) and Sphinx rebuilds the
# pages made from what changed (each page records the data files it used).
BOOK_INPUTS := $(shell find _config.yml _toc.yml book notebooks src/dmst -type f \
	! -path '*/__pycache__/*' ! -path '*/.ipynb_checkpoints/*' \
	2>/dev/null) $(wildcard $(DMST_RESOURCES))
BUILT := _build/html/.dmst-built
# Sphinx's configuration, made by Jupyter Book from _config.yml and _toc.yml (never edit conf.py).
conf.py: _config.yml _toc.yml $(STAMP)
	@$(BIN)/jupyter-book config sphinx . >/dev/null
$(BUILT): $(STAMP) conf.py $(BOOK_INPUTS)
	$(BIN)/dmst build
	@touch $@
book: $(BUILT)
	@echo
	@echo "The book is built. Open $(CURDIR)/_build/html/index.html in a browser,"
	@echo "or publish the folder _build/html on any static host."

## test: everything: lint, unit tests, content lints, notebooks (nbval), book build, HTML and browser checks
# Two workers (pytest-xdist), each taking whole files: a notebook's cells share one kernel, and a
# file's browser shares one Chromium. `pytest tests/test_x.py` alone runs in one process.
test: book lint
	$(BIN)/python -m pytest -n 2 --dist loadfile

lint: $(STAMP)
	$(BIN)/ruff check src tests deploy conftest.py
	$(BIN)/ruff format --check src tests deploy conftest.py

## learner: the learner edition (_build/learner): the notebooks as learners get them in Jupyter.
## It links to the book's pages, so it is built with the book.
learner: book

## lab: open the learner edition in JupyterLab (installs JupyterLab into .venv on first use)
$(LAB): $(STAMP) requirements-lab.txt
	$(BIN)/python -m pip install --quiet -r requirements-lab.txt
	@# Privacy: no news feed or update check fetched from the internet.
	$(BIN)/jupyter labextension disable --level=sys_prefix \
		"@jupyterlab/apputils-extension:announcements" >/dev/null 2>&1
	@touch $(LAB)
lab: $(LAB) book
	$(BIN)/dmst lab

## lab-test: real JupyterLab in Chromium: the learner edition (run all, reopen) and the live widgets
lab-test: $(LAB) book
	DMST_REQUIRE_LAB=1 $(BIN)/python -m pytest -m lab tests/test_lab.py tests/test_lab_widgets.py

## test-sweep: the browser tests over every page and every lesson's checks (make test drives a
## sample of eight pages and two lessons; CI runs this too)
test-sweep: book
	DMST_SWEEP=1 $(BIN)/python -m pytest -q -o addopts="-rs -p no:cacheprovider" \
		tests/test_browser.py tests/test_privacy.py

## hub: a DEMONSTRATION JupyterHub on 127.0.0.1 (shared password, no HTTPS; see deploy/jupyterhub)
# The lessons it delivers: the learner edition (built with the book).
LESSONS_DIR ?= _build/learner
$(HUB): $(LAB) requirements-hub.txt
	$(BIN)/python -m pip install --quiet -r requirements-hub.txt
	@touch $(HUB)
$(PROXY): deploy/jupyterhub/proxy/package.json deploy/jupyterhub/proxy/package-lock.json $(STAMP)
	@command -v npm >/dev/null || { echo "npm is needed for the hub's proxy (Node.js 20+)"; exit 1; }
	mkdir -p $(NPM)/proxy && cp deploy/jupyterhub/proxy/package*.json $(NPM)/proxy/
	cd $(NPM)/proxy && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $(PROXY)
hub: $(HUB) $(PROXY) learner
	DMST_LESSONS_DIR=$(abspath $(LESSONS_DIR)) $(BIN)/python deploy/jupyterhub/demo.py

## hub-check: start the demo hub, run a class of three learners through it, check the class report
hub-check: $(HUB) $(PROXY) learner
	DMST_LESSONS_DIR=$(abspath $(LESSONS_DIR)) $(BIN)/python deploy/jupyterhub/hub_check.py

## execute: re-run every lesson notebook in place and save its outputs (what nbval compares)
execute: $(STAMP)
	$(BIN)/dmst execute notebooks/*.ipynb

## handouts: one-page PDFs per lesson, the session plans and a local-resources sheet to fill in, into handouts/ (needs Chromium)
handouts: book
	$(BIN)/dmst handouts

## slides: a 16:9 deck per lesson: HTML (offline, speaker notes) in _build/slides, PDF in slides/
slides: $(STAMP)
	$(BIN)/dmst slides

## test-slides: build every deck and check its slides, notes, offline use and PDF (needs Chromium)
test-slides: $(STAMP)
	DMST_SLIDES_ALL=1 $(BIN)/python -m pytest -q -o addopts="-rs -p no:cacheprovider" tests/test_slides.py

## vendor-reveal: re-install the pinned reveal.js (package-lock.json) and copy what decks load
vendor-reveal:
	cd vendor/reveal.js && npm ci --ignore-scripts --no-audit --no-fund
	mkdir -p vendor/reveal.js/dist/plugin
	cd vendor/reveal.js && cp node_modules/reveal.js/dist/reveal.js \
		node_modules/reveal.js/dist/reveal.css node_modules/reveal.js/dist/reset.css dist/ \
		&& cp node_modules/reveal.js/dist/plugin/notes.js dist/plugin/ \
		&& cp node_modules/reveal.js/LICENSE LICENSE && rm -rf node_modules

## bench: measure build and test times (medians) and the heaviest page
bench: $(STAMP)
	$(BIN)/python tests/bench.py

## audit: Lighthouse (mobile) on every page of the built book: four scores and page weight.
## A benchmark, not a test; needs npm once (pinned in tools/audit/package-lock.json) and Chromium.
AUDIT := tools/audit
$(NPM)/audit/node_modules/.installed: $(AUDIT)/package.json $(AUDIT)/package-lock.json $(STAMP)
	mkdir -p $(NPM)/audit && cp $(AUDIT)/package*.json $(NPM)/audit/
	cd $(NPM)/audit && npm ci --ignore-scripts --no-audit --no-fund
	@touch $@
audit: book $(NPM)/audit/node_modules/.installed
	CHROME_PATH=$${CHROME_PATH:-/usr/bin/chromium} $(BIN)/python $(AUDIT)/audit.py

clean:
	rm -rf _build conf.py
