# The two commands in README.md. Both set up everything from a clean clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: setup serve test bench clean

$(BIN)/rightsatlas: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

setup: $(BIN)/rightsatlas

serve: setup
	$(BIN)/rightsatlas validate
	$(BIN)/rightsatlas site serve

test: setup
	scripts/system-deps
	$(BIN)/ruff check generator tests bench
	$(BIN)/mypy
	$(BIN)/rightsatlas schema --check
	$(BIN)/pytest

bench: setup
	$(BIN)/python bench/validate_bench.py
	$(BIN)/python bench/site_bench.py

clean:
	rm -rf $(VENV) site docs/atlas
