# Two commands do all set-up on a fresh machine with Python 3.11+ and make:
#   make demo   virtual environment, install, migrate, demo data, serve on http://127.0.0.1:$(PORT)
#   make test   the whole test suite (SQLite by default; DATABASE_URL=postgres://... for PostgreSQL),
#               in one process per core (pytest-xdist); PYTEST_ARGS="-n 0" runs it in one process

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
PYTEST_ARGS ?=
# pytest-xdist workers, auto: one per core. loadgroup hands each xdist_group (tests that share
# one expensive build) to one process, the groups first, then one test at a time in the order
# tests/conftest.py gives them (no database, then database tests, then transactional ones), so
# each process keeps that order and all finish about together. On SQLite the processes copy one
# database migrated for all of them (tests/database_template.py).
TEST_WORKERS ?= auto

.PHONY: install demo serve worker scheduler test lint format messages clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed node_modules/.package-lock.json

# axe-core for the browser tests' accessibility check, when npm is there (CI always has it).
node_modules/.package-lock.json: package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund; \
	else echo "npm not found: the accessibility check (axe-core) will be skipped"; fi

demo: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	PORTAL_BASE_URL=$${PORTAL_BASE_URL:-http://127.0.0.1:$(PORT)} $(PY) manage.py runserver 127.0.0.1:$(PORT)

serve: install
	PORTAL_BASE_URL=$${PORTAL_BASE_URL:-http://127.0.0.1:$(PORT)} $(PY) manage.py runserver 127.0.0.1:$(PORT)

# With TASKS_BACKEND=database (as production): the background tasks wait for a worker, and the
# periodic jobs for the scheduler; run each beside `make serve`. `make demo` needs neither.
worker: install
	$(PY) manage.py run_worker --queue-name "*"

scheduler: install
	$(PY) manage.py run_scheduler

test: install
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

messages: install
	$(PY) manage.py makemessages -l zh_Hans --ignore ".venv/*" --ignore "var/*" --ignore "tests/*" --ignore "benchmarks/*"
	$(PY) manage.py compilemessages -l zh_Hans --ignore ".venv/*"

clean:
	rm -rf $(VENV) var
