# Two entry points for a fresh machine with only Python 3.11 and pip:
#   make run   - set up .venv, build the graph if stale, serve on 127.0.0.1:8000
#   make test  - set up .venv, run the whole test suite
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed

.PHONY: run test build bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/kg serve --host 127.0.0.1 --port 8000

test: $(STAMP)
	$(BIN)/python -m pytest

build: $(STAMP)
	$(BIN)/kg build

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	$(BIN)/python bench/build.py
	$(BIN)/python bench/validate.py
	$(BIN)/python bench/endpoint.py

clean:
	rm -rf build
