# Two commands set everything up on a fresh machine with Python 3.10+:
#   make demo   creates .venv, installs journeycheck, audits an example plan
#   make test   installs the test tools too; runs ruff, mypy --strict and pytest
# Both install the exact versions in requirements/*.txt, checked by their hashes.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PIP := --quiet --disable-pip-version-check
DEMO_PLAN ?= examples/saas-halfway.yaml
DEMO_AS_OF ?= 2027-01-15
RUNTIME_LOCK := requirements/runtime.txt
TEST_LOCK := requirements/test.txt
# The uv release that writes the lock files; pinned so that `make lock` is repeatable.
UV_VERSION ?= 0.13.9
LOCK_FLAGS := --universal --python-version 3.10 --generate-hashes --no-header --quiet

.PHONY: demo test test-latest lint typecheck pytest bench hostile schemas golden docs screenshots dist lock clean catalogues

# A fresh environment each time a lock or pyproject.toml changes: exactly the
# locked packages, nothing left over from an earlier lock.
define fresh-venv
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 10))' \
		|| { echo "journeycheck needs Python 3.10 or newer; set PYTHON=python3.x" >&2; exit 1; }
	$(PYTHON) -m venv --clear $(VENV)
endef

$(VENV)/.installed-runtime: pyproject.toml $(RUNTIME_LOCK)
	$(fresh-venv)
	$(BIN)/python -m pip install $(PIP) --require-hashes --no-deps -r $(RUNTIME_LOCK)
	$(BIN)/python -m pip install $(PIP) --no-deps --no-build-isolation -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml $(TEST_LOCK)
	$(fresh-venv)
	$(BIN)/python -m pip install $(PIP) --require-hashes --no-deps -r $(TEST_LOCK)
	$(BIN)/python -m pip install $(PIP) --no-deps --no-build-isolation -e .
	@touch $@ $(VENV)/.installed-runtime

# The compiled catalogues the development environment reads (the wheel's come from
# hatch_build.py): each .mo again whenever its .po changes.
PO_FILES := $(wildcard src/journeycheck/locale/*/LC_MESSAGES/*.po)
MO_FILES := $(PO_FILES:.po=.mo)
$(MO_FILES): %.mo: %.po | $(VENV)/.installed-runtime
	$(BIN)/python tools/catalogues.py compile

# Extract every string into the .pot templates, merge them into each language's .po
# (new strings empty, changed ones fuzzy) and compile; review the diff, then translate.
catalogues: $(VENV)/.installed-test
	$(BIN)/python tools/catalogues.py

demo: $(VENV)/.installed-runtime $(MO_FILES)
	$(BIN)/journeycheck audit $(DEMO_PLAN) --as-of $(DEMO_AS_OF)

# The checks, shared by `make test` (locked versions) and `make test-latest`.
define run-lint
	$(1)/ruff check src tests bench tools hatch_build.py
	$(1)/ruff format --check src tests bench tools hatch_build.py
endef
define run-typecheck
	$(1)/mypy
endef
define run-pytest
	@command -v git >/dev/null || echo "note: git is not on PATH; tests that need it say so" >&2
	@$(1)/python -c 'import sys; from tests.browser import find_chromium; sys.exit(find_chromium() is None)' \
		|| echo "note: Chromium is not installed, so the browser tests are skipped (apt-get install chromium)" >&2
	@test -n "$$JOURNEYCHECK_MERMAID" \
		|| echo "note: JOURNEYCHECK_MERMAID is not set, so the Markdown report's diagrams are not drawn in the browser test (see .ci/run)" >&2
	$(1)/pytest
endef

test: lint typecheck pytest

lint: $(VENV)/.installed-test $(MO_FILES)
	$(call run-lint,$(BIN))

typecheck: $(VENV)/.installed-test $(MO_FILES)
	$(call run-typecheck,$(BIN))

pytest: $(VENV)/.installed-test $(MO_FILES)
	$(call run-pytest,$(BIN))

# The same checks against the newest versions pyproject.toml's ranges allow, so the
# next breaking release of a dependency is found here before users meet it.
test-latest:
	$(PYTHON) -m venv --clear $(VENV)-latest
	$(VENV)-latest/bin/python -m pip install $(PIP) --upgrade --upgrade-strategy eager -e '.[test]'
	$(VENV)-latest/bin/python -m pip list --format=freeze > $(VENV)-latest/versions.txt
	@echo "testing against: $$(grep -ciE '^[a-z0-9]' $(VENV)-latest/versions.txt) packages in $(VENV)-latest/versions.txt"
	$(call run-lint,$(VENV)-latest/bin)
	$(call run-typecheck,$(VENV)-latest/bin)
	$(call run-pytest,$(VENV)-latest/bin)

# Refresh the locks on purpose, from the ranges in pyproject.toml; review the diff.
lock:
	$(PYTHON) -m venv $(VENV)-lock
	$(VENV)-lock/bin/python -m pip install $(PIP) uv==$(UV_VERSION)
	$(VENV)-lock/bin/uv pip compile pyproject.toml requirements/build.in --extra test \
		$(LOCK_FLAGS) -o $(TEST_LOCK)
	$(VENV)-lock/bin/uv pip compile pyproject.toml requirements/build.in \
		--constraint $(TEST_LOCK) $(LOCK_FLAGS) -o $(RUNTIME_LOCK)

# A wheel and an sdist in dist/, to install with `pipx install dist/journeycheck-*.whl`.
dist: $(VENV)/.installed-test
	rm -rf dist
	$(BIN)/python -m pip wheel $(PIP) --no-deps --no-build-isolation -w dist .
	$(BIN)/python -c 'from hatchling.build import build_sdist; print(build_sdist("dist"))'
	@ls dist

# Speed and memory against the targets in docs/performance.md (about two minutes).
bench: $(VENV)/.installed-test
	$(BIN)/python bench/run.py

# Attack journeycheck in five directions and count the correct answers (a few minutes;
# installs Mermaid with npm into a temporary folder when npm is there).
hostile: $(VENV)/.installed-test
	$(BIN)/python bench/hostile.py

# Regenerate golden files on purpose, then review the diff before committing.
golden: $(VENV)/.installed-test $(MO_FILES)
	JOURNEYCHECK_REGENERATE=1 $(BIN)/pytest -q -k golden

# Keep the browser tests' pictures of the example reports in docs/screenshots/ (needs
# Chromium, and JOURNEYCHECK_MERMAID for the Markdown ones); review them before committing.
screenshots: $(VENV)/.installed-test
	JOURNEYCHECK_SCREENSHOTS=docs/screenshots $(BIN)/pytest -q tests/render/test_html_browser.py \
		tests/render/test_markdown_browser.py

# Regenerate the JSON Schemas in schemas/ from the models; a test fails when they drift.
schemas: $(VENV)/.installed-runtime
	@mkdir -p schemas
	@for kind in plan playbook report portfolio diff history agenda; do \
		$(BIN)/journeycheck schema $$kind > schemas/$$kind.schema.json.tmp \
			&& mv schemas/$$kind.schema.json.tmp schemas/$$kind.schema.json \
			|| { rm -f schemas/$$kind.schema.json.tmp; exit 1; }; \
		echo "schemas/$$kind.schema.json"; \
	done

# Rewrite the README's option tables from the commands' --help; a test fails when they drift.
docs: $(VENV)/.installed-test
	$(BIN)/python tools/readme_options.py

clean:
	rm -rf $(VENV) $(VENV)-latest $(VENV)-lock build dist .mypy_cache .pytest_cache .ruff_cache .hypothesis
