# The hub's everyday commands. `make run` and `make test` work on a fresh clone with only Python.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
HOST ?= 127.0.0.1
# The address `make run` serves at, which the links in its mails start with; a SITE_URL
# from the environment wins (behind a proxy, say).
SITE_URL ?= http://$(HOST):$(PORT)
STAMP := $(VENV)/.installed
# Test processes for `make test` (pytest-xdist): `auto` is one per CPU; `0` runs serially.
TEST_WORKERS ?= auto

.PHONY: run test install migrate demo lint format messages check clean bench

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

migrate: $(STAMP)
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py load_demo

run: demo
	SITE_URL='$(SITE_URL)' $(BIN)/python manage.py runserver $(HOST):$(PORT)

# Each test process gets its own test database; worksteal keeps each process on a run of
# neighbouring tests (a module's fixtures are built once) and rebalances at the end.
test: $(STAMP)
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist worksteal $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/python -m ruff check .
	$(BIN)/python -m ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run

format: $(STAMP)
	$(BIN)/python -m ruff check --fix .
	$(BIN)/python -m ruff format .

# Gather the interface's strings into every language's catalogue (locale/README.md), then
# compile them; the compiled catalogues are committed.
messages: $(STAMP)
	$(BIN)/python manage.py makemessages
	$(BIN)/python manage.py compilemessages --ignore=.venv

check: lint test

clean:
	rm -rf $(VENV) staticfiles .pytest_cache

# Measure the hub at scale (docs/PERFORMANCE.md): `make bench`, or `make bench N=10000`.
N ?= 100000
bench: $(STAMP)
	$(BIN)/pip install --quiet -e ".[bench]"
	$(BIN)/python bench/run.py --count $(N)
