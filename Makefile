# Two commands do all set-up on a fresh machine (Python 3.11 and pip):
#   make demo   check the bundled examples with rules/examples.yaml, write reports/examples.md
#   make test   run the test suite (the tests, and rules/examples.yaml as pytest items)
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: demo test lint fakes bench clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

demo: $(VENV)/.installed
	$(PY) -m figures extract examples --quiet --format md -o reports/examples-figures.md
	$(PY) -m figures check examples --rules rules/examples.yaml \
		--report reports/examples.md --json reports/examples.json

# The flagship real-world case: the Syrian war's death toll across FA-KES's 15
# outlets. Its rules find real disagreements, so this exits 1 by design.
fakes: $(VENV)/.installed
	-$(PY) -m figures check --allow-outside --rules rules/fakes-death-toll.yaml \
		--report reports/fakes.md --json reports/fakes.json

bench: $(VENV)/.installed
	cd benchmarks && ../$(PY) bench_accuracy.py && ../$(PY) bench_extract.py \
		&& ../$(PY) bench_check.py

test: $(VENV)/.installed
	$(PY) -m pytest

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check figures tests benchmarks
	$(VENV)/bin/mypy

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
