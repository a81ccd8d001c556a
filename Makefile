# The two commands that matter: `make run` (open the app on a sample database)
# and `make test` (run the tests). Both set up .venv on first use.
# `make test-fast` is the loop while changing code: all but the tests marked slow, spread
# over every core (pytest-xdist; the GUI stalls' summary shows only in `make test`).
PYTHON ?= python3
VENV := .venv
# Git Bash on Windows: the venv's programs are in Scripts\, not bin/.
VENV_BIN := $(VENV)/$(if $(filter Windows_NT,$(OS)),Scripts,bin)
PY := $(VENV_BIN)/python
STAMP := $(VENV)/.installed
BUILD_STAMP := $(VENV)/.installed-build
DEMO_DB ?= $(CURDIR)/.demo/lianjian-demo.db

.PHONY: run test test-fast lint typecheck bench build dist deb clean

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

test-fast: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -m "not slow" -n auto

lint: $(STAMP)
	$(PY) -m ruff check .

# mypy on desktop_app/ and db/ (settings in pyproject.toml's [tool.mypy]).
typecheck: $(STAMP)
	$(PY) -m mypy

bench: $(STAMP)
	$(PY) bench/bench_core.py

# The Windows-ready one-folder app (build/lianjian.spec) in build/out/dist/lianjian/;
# build/smoke_test.sh checks it. PyInstaller's scratch files stay in build/out/ (ignored).
$(BUILD_STAMP): pyproject.toml $(STAMP)
	$(PY) -m pip install --quiet -e '.[build]'
	touch $(BUILD_STAMP)

build: $(BUILD_STAMP)
	@mkdir -p build/out
	@start=$$(date +%s); \
	$(PY) -m PyInstaller --noconfirm --clean --log-level WARN \
		--workpath build/out/work --distpath build/out/dist build/lianjian.spec && \
	echo "$$(( $$(date +%s) - start )) s for PyInstaller ($$(date '+%Y-%m-%d %H:%M'))" \
		| tee build/out/build-time.txt

# The folder for dist and deb: built if it is not there (make build rebuilds it whatever its age).
FROZEN := build/out/dist/lianjian/lianjian$(if $(filter Windows_NT,$(OS)),.exe,)
$(FROZEN):
	$(MAKE) build

# The folder as .tar.xz and .zip in build/out/packages/, with manifest.json and SHA256SUMS
# (sizes, SHA-256); held to build/size_budget.toml.
dist: $(STAMP) | $(FROZEN)
	$(PY) build/make_dist.py

# The folder as a Debian package (统信UOS, 麒麟, Debian) in build/out/packages/, with dpkg-deb:
# /opt/lianjian, lianjian and lianjian-cli in /usr/bin, 联建台账 in the office menu.
# build/check_deb.sh installs, smoke-tests and removes it (as root; CI does).
deb: $(STAMP) | $(FROZEN)
	$(PY) build/make_deb.py

clean:
	rm -rf $(VENV) .demo build/out .pytest_cache .mypy_cache
