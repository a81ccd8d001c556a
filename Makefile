# The two commands that matter: `make run` (open the app on a sample database)
# and `make test` (run the tests). Both set up .venv on first use.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DEMO_DB ?= $(CURDIR)/.demo/lianjian-demo.db

.PHONY: run test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	@mkdir -p $(dir $(DEMO_DB))
	@test -f $(DEMO_DB) || $(PY) -m desktop_app --db $(DEMO_DB) demo
	$(PY) -m desktop_app --db $(DEMO_DB)

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

lint: $(STAMP)
	$(PY) -m ruff check .

bench: $(STAMP)
	$(PY) bench/bench_core.py

clean:
	rm -rf $(VENV) .demo build/out .pytest_cache
