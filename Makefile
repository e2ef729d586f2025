# Two commands do all set-up on a fresh machine (Python 3.11 and pip):
#   make demo   check the bundled examples with rules/examples.yaml, write reports/examples.md
#   make test   run the test suite (the tests, and rules/examples.yaml as pytest items)
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: demo test lint fakes recovery bench clean browser

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev,dask]'
	touch $@

demo: $(VENV)/.installed
	$(PY) -m figures extract examples --quiet --format md -o reports/examples-figures.md
	$(PY) -m figures check examples --rules rules/examples.yaml \
		--report reports/examples.md --report reports/examples.html --json reports/examples.json

# The flagship real-world case: the Syrian war's death toll across FA-KES's 15
# outlets. Its rules find real disagreements, so this exits 1 by design.
fakes: $(VENV)/.installed
	-$(PY) -m figures check --allow-outside --rules rules/fakes-death-toll.yaml \
		--report reports/fakes.md --report reports/fakes.html --json reports/fakes.json \
		--findings reports/fakes-findings.csv

# The COVID-19 running totals of ReCOVery (../shared), checked with rules/recovery-cases-deaths.yaml.
recovery: $(VENV)/.installed
	-$(PY) -m figures check --allow-outside --rules rules/recovery-cases-deaths.yaml \
		--report reports/recovery.md --report reports/recovery.html --json reports/recovery.json

bench: $(VENV)/.installed
	cd benchmarks && ../$(PY) bench_accuracy.py && ../$(PY) bench_extract.py \
		&& ../$(PY) bench_check.py && ../$(PY) bench_copies.py

# The HTML report's browser test drives the system's Chromium (Debian package chromium,
# through Playwright). Installed here when missing and apt-get runs as root; otherwise the
# test is skipped with the reason.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	    echo "installing chromium for the HTML report's browser test"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) \
	      >/dev/null || echo "could not install chromium: the browser test will be skipped"; \
	  else echo "no chromium and no root apt-get: the browser test will be skipped"; fi; }

# On every core (pytest-xdist): the suite takes about half the time on the 2-core machine.
test: $(VENV)/.installed browser
	$(PY) -m pytest -n auto

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check figures tests benchmarks
	$(VENV)/bin/mypy

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
