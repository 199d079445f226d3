# Two commands on a fresh machine (Debian 12, Python 3.11, root or sudo for apt):
#   make serve   set everything up, build the site and serve it on http://127.0.0.1:8000/
#   make test    set everything up and run the whole test suite (CI runs exactly this)
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
# Debian packages: Chromium for the browser tests, Noto CJK fonts for signboards and screenshots,
# LibreOffice Calc (no GUI) for the import tests that read a real spreadsheet program's files.
DEBS   := chromium fonts-noto-cjk libreoffice-calc-nogui

.PHONY: setup system serve build test bench check lint

setup: system $(STAMP)

system:
	@dpkg -s $(DEBS) >/dev/null 2>&1 || { \
	  echo "Installing Debian packages: $(DEBS)"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $(DEBS) >/dev/null; }

$(STAMP): requirements.lock pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check --require-hashes -r requirements.lock
	$(PY) -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

serve: setup
	$(PY) -m generator check
	$(PY) -m mkdocs serve --strict --dirty -a 127.0.0.1:8000

build: setup
	$(PY) -m mkdocs build --strict

check: setup
	$(PY) -m generator check

test: setup
	$(PY) -m ruff check generator tests scripts
	$(PY) -m ruff format --check generator tests scripts
	$(PY) -m pytest -q

bench: setup
	$(PY) scripts/benchmark.py
