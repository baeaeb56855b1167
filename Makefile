# Two commands set everything up on a fresh machine with Python 3.10+:
#   make demo   creates .venv, installs journeycheck, audits an example plan
#   make test   installs the test tools too; runs ruff, mypy --strict and pytest
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DEMO_PLAN ?= examples/saas-halfway.yaml
DEMO_AS_OF ?= 2027-01-15

.PHONY: demo test lint typecheck pytest bench schemas golden clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 10))' \
		|| { echo "journeycheck needs Python 3.10 or newer; set PYTHON=python3.x" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed-runtime: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $@ $(VENV)/.installed-runtime

demo: $(VENV)/.installed-runtime
	$(BIN)/journeycheck audit $(DEMO_PLAN) --as-of $(DEMO_AS_OF)

test: lint typecheck pytest

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy

pytest: $(VENV)/.installed-test
	$(BIN)/pytest

# Speed and memory against the targets in docs/performance.md (about two minutes).
bench: $(VENV)/.installed-test
	$(BIN)/python bench/run.py

# Regenerate golden files on purpose, then review the diff before committing.
golden: $(VENV)/.installed-test
	JOURNEYCHECK_REGENERATE=1 $(BIN)/pytest -q -k golden

# Regenerate the JSON Schemas in schemas/ from the models; a test fails when they drift.
schemas: $(VENV)/.installed-runtime
	@mkdir -p schemas
	@for kind in plan playbook report; do \
		$(BIN)/journeycheck schema $$kind > schemas/$$kind.schema.json.tmp \
			&& mv schemas/$$kind.schema.json.tmp schemas/$$kind.schema.json \
			|| { rm -f schemas/$$kind.schema.json.tmp; exit 1; }; \
		echo "schemas/$$kind.schema.json"; \
	done

clean:
	rm -rf $(VENV) build dist .mypy_cache .pytest_cache .ruff_cache .hypothesis
