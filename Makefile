# Set-up and everyday commands. Targets: serve, build, check, lint, test, pdf, clean.
# Each target installs what it needs first, so a fresh Debian machine only
# runs `make serve` or `make test`.
#
#   make check   the edit loop (under a minute): lint, the renderer's tests, the
#                plugins' in-process tests and one strict build of the site
#   make test    everything, browser and PDF books included (CI runs it)

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := serve

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEV_ADDR ?= 127.0.0.1:8000

# Debian packages: the PDF needs Pango (WeasyPrint), Noto Sans CJK SC and a
# monospace font; the tests add the browser, pdftotext/pdffonts and mutool
# (type sizes) for reading the PDF back.
PDF_PACKAGES := fonts-noto-cjk fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0
TEST_PACKAGES := $(PDF_PACKAGES) chromium poppler-utils mupdf-tools
PACKAGES ?= $(TEST_PACKAGES)
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
APT := DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get -o DPkg::Lock::Timeout=300

export NO_MKDOCS_2_WARNING := 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: serve build check lint test pdf clean system-packages

# --- Python environment ------------------------------------------------------

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null && $(PYTHON) -c 'import ensurepip' 2>/dev/null \
	  || { $(APT) update -q && $(APT) install -y -q python3 python3-venv; }
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
	  || { echo "Python >= 3.11 is needed ($(PYTHON) is older)" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)

# The stamp files make pip run again only when a requirements file changes.
# The project's own code (hooks/, see pyproject.toml) is installed editable
# after the pins, so `python -m wsd`, `python -m pdfbook` and the MkDocs
# plugins import it without PYTHONPATH; --no-deps keeps the pins in charge.
$(VENV)/.requirements: requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -r requirements.txt
	$(BIN)/pip install -q --no-deps -e .
	@touch $@

$(VENV)/.requirements-test: requirements-test.txt $(VENV)/.requirements
	$(BIN)/pip install -q -r requirements-test.txt
	@touch $@

# axe-core for the accessibility tests (tests/browser/test_chrome.py), from npm into
# the virtualenv so that the tests themselves run offline. Pinned: its rules decide results.
AXE_VERSION := 4.14.1
$(VENV)/.axe: | $(BIN)/python
	@command -v npm >/dev/null || $(APT) install -y -q --no-install-recommends npm
	npm install --prefix $(VENV)/node --no-audit --no-fund --silent axe-core@$(AXE_VERSION)
	@touch $@

# apt-get update only when something is missing: the usual run installs nothing.
system-packages:
	@missing=""; \
	for pkg in $(PACKAGES); do \
	  dpkg-query -W -f='$${Status}' "$$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$pkg"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(APT) update -q && $(APT) install -y -q --no-install-recommends $$missing; \
	fi

# --- Targets -----------------------------------------------------------------

# --dirty: the ow-rebuild-scope plugin decides which pages an edit re-renders.
serve: $(VENV)/.requirements
	$(BIN)/mkdocs serve --dirty --dev-addr $(DEV_ADDR)

# Built beside site/ and swapped in only when the strict build succeeds: a failed
# build or a kill leaves the previous site/ (or, between the two renames, none),
# never a half-written or error-boxed one. Each build has its own folder, so two
# builds at once do not share a site_dir (nor the i18n 404 save/restore in it);
# a lock orders their swaps, and mv -T never moves one build into the other.
build: $(VENV)/.requirements
	@tmp=$$(mktemp -d site.tmp.XXXXXX); trap 'rm -rf "$$tmp"' EXIT; \
	  $(BIN)/mkdocs build --strict --site-dir "$$tmp"; \
	  chmod 755 "$$tmp"; \
	  old=$$(mktemp -d site.old.XXXXXX); rmdir "$$old"; \
	  exec 9>.site.lock; flock 9; \
	  if [ -e site ]; then mv -T site "$$old"; fi; \
	  mv -T "$$tmp" site; flock -u 9; rm -rf "$$old"

test: system-packages $(VENV)/.requirements-test $(VENV)/.axe
	$(BIN)/python -m pytest tests

# ruff on all Python; mypy on the build code (the renderer, hooks/wsd, strict),
# as configured in pyproject.toml.
lint: $(VENV)/.requirements-test
	$(BIN)/ruff check hooks tests scripts benchmarks
	$(BIN)/mypy

# No browser and no PDF books: those are `make test`'s. The site tests that
# need no build of their own share the session's one strict build.
CHECK_TESTS := tests/wsd tests/glue tests/site/test_site_build.py
check: lint
	$(BIN)/python -m pytest -q -m "not browser and not pdf and not serve" $(CHECK_TESTS)

pdf: build
	@$(MAKE) --no-print-directory system-packages PACKAGES="$(PDF_PACKAGES)"
	$(BIN)/python -m pdfbook --config mkdocs.yml --site site

clean:
	rm -rf site site.tmp.* site.old.* .site.lock .cache
