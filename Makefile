# The two commands of the README:
#   make book   build the book into _build/html (creates .venv on first use)
#   make test   lint, format check and the test suite
# and for readers and maintainers:
#   make lab    open the chapters in JupyterLab, from the same pinned environment
#   make home   write where the book lives (src/august1956/home.toml) into every place
#               that repeats it
#   make book-student   the book without solutions, into _build/student/_build/html
#   make pdf    the book and each of its pages as PDF, into _build/html/pdf (make test runs it)
# Both need only Python 3.11, make and git on the machine (make test adds Debian's chromium
# and npm with apt when they are missing); everything else is
# installed into .venv from the pinned requirements.

SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip
PIP_FLAGS ?= --progress-bar off --disable-pip-version-check

# Each stamp records a finished install; it is redone when its inputs change.
BOOK_STAMP := $(VENV)/.installed-book
DEV_STAMP := $(VENV)/.installed-dev
LAB_STAMP := $(VENV)/.installed-lab

.PHONY: book book-fast book-student pdf test serve lab home clean constraints

# The PDFs of an earlier build are removed first: printed from other pages, they would no
# longer match them (`make pdf` prints the new ones). So are the error logs of a failed
# earlier run, which the site would otherwise publish.
book: $(BOOK_STAMP)
	rm -rf _build/html/pdf _build/html/reports
	AUGUST1956_STATIC=1 $(BIN)/jupyter-book build . --all -W -n --keep-going

# For authors: `make book` with myst-nb's execution cache. A notebook runs again
# only if its code changed, or the data (with the repair report the library
# reads), the library or the pins did: the cache keys on code cells alone, so
# each hash of those inputs gets its own cache folder. CI and the published
# book use `make book`, which runs every notebook.
FAST_KEY = $(shell find data src/august1956 reports/repair_benchmark.json requirements.txt \
	constraints.txt -type f ! -path '*/__pycache__/*' -print0 \
	| sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)

book-fast: $(BOOK_STAMP)
	rm -rf _build/html/pdf
	mkdir -p _build
	$(BIN)/python -c 'import sys, yaml; c = yaml.safe_load(open("_config.yml")); \
	  c["execute"].update(execute_notebooks="cache", cache=sys.argv[1]); \
	  yaml.safe_dump(c, open("_build/fast_config.yml", "w"), sort_keys=False)' \
	  _build/.jupyter_cache/$(FAST_KEY)
	AUGUST1956_STATIC=1 $(BIN)/jupyter-book build . --all -W -n --keep-going \
	  --config _build/fast_config.yml

# The student edition: the same book without the solutions to the exercises (sphinx-exercise's
# hide_solutions), for instructors who set the exercises as homework. Into
# _build/student/_build/html (jupyter-book puts its _build/ inside --path-output).
book-student: $(BOOK_STAMP)
	mkdir -p _build
	$(BIN)/python -c 'import yaml; c = yaml.safe_load(open("_config.yml")); \
	  c["sphinx"]["config"]["hide_solutions"] = True; \
	  yaml.safe_dump(c, open("_build/student_config.yml", "w"), sort_keys=False)'
	AUGUST1956_STATIC=1 $(BIN)/jupyter-book build . --all -W -n --keep-going \
	  --config _build/student_config.yml --path-output _build/student

# The book in print: _build/html/pdf/august1956.pdf and one PDF per page (the handouts),
# made from the built HTML by headless Chromium. The pages link to them, so `make test`
# makes them first.
pdf: $(DEV_STAMP)
	test -f _build/html/index.html || $(MAKE) book
	$(BIN)/python -m august1956 pdf _build/html

test: $(DEV_STAMP) pdf
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/zizmor --offline --quiet .github/workflows/
	$(BIN)/check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yml
	$(BIN)/pytest

# Run the chapters live in JupyterLab (Ctrl-C to stop): the book's pins plus JupyterLab
# and its MyST renderer, in the same .venv.
lab: $(LAB_STAMP)
	$(BIN)/jupyter lab book/

# The edition's pages, and its TEI and JSON files, cite the published address, so they are
# written again too.
home: $(BOOK_STAMP)
	$(BIN)/python -m august1956 home --write
	$(BIN)/python -m august1956 edition
	$(BIN)/python -m august1956 tei

# Read the built book at http://localhost:8000 (Ctrl-C to stop).
serve:
	$(BIN)/python -m http.server --directory _build/html 8000

clean:
	rm -rf _build

# Refresh constraints.txt from the current environment after changing a pin.
constraints: $(DEV_STAMP)
	{ sed -n '1,3p' constraints.txt; $(PIP) freeze --exclude-editable \
	  | grep -v -i '^august1956'; } > constraints.txt.new
	mv constraints.txt.new constraints.txt

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "error: no python3.11 or python3 on PATH; install Python 3.11" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(BOOK_STAMP): requirements.txt constraints.txt pyproject.toml setup.py | $(BIN)/python
	$(PIP) install $(PIP_FLAGS) -r requirements.txt
	touch $@

$(LAB_STAMP): requirements-lab.txt $(BOOK_STAMP)
	$(PIP) install $(PIP_FLAGS) -r requirements-lab.txt
	touch $@

# The browser tests drive Debian's Chromium (never `playwright install`, which
# downloads a browser of its own), and run the current axe-core from npm, pinned in
# tests/axe/package-lock.json; the machines run as root.
$(DEV_STAMP): requirements-dev.txt tests/axe/package-lock.json $(BOOK_STAMP)
	$(PIP) install $(PIP_FLAGS) -r requirements-dev.txt
	command -v chromium >/dev/null || (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium)
	command -v npm >/dev/null || (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y npm)
	npm ci --prefix tests/axe --no-audit --no-fund --loglevel=error
	touch $@
