# Two commands for a newcomer: `make run` and `make test`. Everything else is for developers.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint format check migrations bench clean backup restore export

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
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
	$(VENV)/bin/pytest $(PYTEST_ARGS)

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
