# Two commands for a newcomer: `make run` and `make test`. Everything else is for developers.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# Hashed lock files for the whole dependency tree, generated from requirements.txt / requirements-dev.txt by
# `make lock`: requirements.lock for the image, requirements-dev.lock (runtime + tools) for run, test and CI.
LOCK := requirements.lock
DEV_LOCK := requirements-dev.lock
COMPILE = $(VENV)/bin/uv pip compile --universal --python-version 3.11 --generate-hashes --quiet \
	--custom-compile-command "make lock" --index-url https://pypi.org/simple

.PHONY: run test lint format typecheck lock check migrations bench clean backup restore export

$(STAMP): $(DEV_LOCK)
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r $(DEV_LOCK)
	touch $(STAMP)

## run: the web app on http://127.0.0.1:8000 plus a Celery worker with beat, on SQLite and the filesystem broker
run: $(STAMP)
	mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	$(PY) scripts/run_dev.py

## test: the whole suite (PostgreSQL/Redis when DATABASE_URL/REDIS_URL are set, else SQLite and the filesystem broker)
test: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DJANGO_SETTINGS_MODULE=microcred.settings.test $(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/mypy
	$(VENV)/bin/pytest --cov $(PYTEST_ARGS)

## typecheck: mypy with django-stubs (strict for services, selectors and permissions; see pyproject.toml)
typecheck: $(STAMP)
	$(VENV)/bin/mypy

## lock: after changing requirements*.txt, resolve the whole tree again (against PyPI) into the hashed lock files
lock: $(STAMP)
	$(COMPILE) -o $(LOCK) requirements.txt
	$(COMPILE) -c $(LOCK) -o $(DEV_LOCK) requirements-dev.txt
	$(PY) -m pip install --quiet --require-hashes -r $(DEV_LOCK)
	touch $(STAMP)

## backup: a consistent copy of the SQLite database in var/backups (the app may keep running); PostgreSQL: pg_dump
backup: $(STAMP)
	$(PY) manage.py backup_sqlite

## restore: FILE=var/backups/microcred-....sqlite3 puts a backup back (stop `make run` first), then clears caches
restore: $(STAMP)
	@test -n "$(FILE)" || (echo "usage: make restore FILE=var/backups/microcred-YYYYMMDD-HHMMSS.sqlite3"; exit 2)
	$(PY) manage.py restore_sqlite "$(FILE)"

## export: every record as portable JSON (e.g. to move from SQLite to PostgreSQL: `manage.py loaddata` it there)
export: $(STAMP)
	mkdir -p var/backups
	$(PY) manage.py dumpdata --natural-foreign --natural-primary --exclude=contenttypes --exclude=auth.permission \
		--exclude=sessions --exclude=axes --indent=1 -o var/backups/microcred-export.json

lint: $(STAMP)
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff check --fix . && $(VENV)/bin/ruff format .

## bench: the reminder sweep over 2,000 courses, then the main pages under gunicorn and wrk against PostgreSQL
## (DATABASE_URL must point at PostgreSQL; the benchmark builds databases of its own beside it)
bench: $(STAMP)
	$(PY) scripts/bench_sweep.py
	$(PY) scripts/bench_web.py $(BENCH_ARGS)

clean:
	rm -rf var .pytest_cache
