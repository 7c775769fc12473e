# Meedoen: `make run` serves the demo, `make test` runs the whole suite.
# Both install what they need first; `make install` is quick when nothing changed.

PYTHON ?= python3
PORT ?= 8000
VENV := .venv
TOOLS := .tools
UV := $(TOOLS)/bin/uv
UV_VERSION := 0.13.8
PY := $(VENV)/bin/python
MANAGE := $(CURDIR)/$(PY) $(CURDIR)/manage.py
STATIC_VENDOR := src/meedoen/static/vendor
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)
# Compiled modules are kept (installed packages at install, ours on first import): every
# process of the suite and of the server starts without compiling the same code again.
export UV_COMPILE_BYTECODE := 1
export PYTHONDONTWRITEBYTECODE :=

.PHONY: install run worker test fuzz lint schema messages bench clean

install: $(VENV)/.synced $(STATIC_VENDOR)/.copied src/meedoen/locale/nl/LC_MESSAGES/django.mo

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.synced: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --python $(PYTHON)
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Front-end assets from npm, copied into static files (no CDN, nothing fetched at run time).
$(STATIC_VENDOR)/.copied: node_modules/.package-lock.json
	mkdir -p $(STATIC_VENDOR)
	cp node_modules/@utrecht/component-library-css/dist/index.css $(STATIC_VENDOR)/utrecht.css
	cp node_modules/@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css $(STATIC_VENDOR)/voorbeeld-theme.css
	cp node_modules/htmx.org/dist/htmx.min.js $(STATIC_VENDOR)/htmx.min.js
	touch $@

src/meedoen/locale/nl/LC_MESSAGES/django.mo: src/meedoen/locale/nl/LC_MESSAGES/django.po src/meedoen/locale/nl/LC_MESSAGES/djangojs.po $(VENV)/.synced
	cd src/meedoen && $(MANAGE) compilemessages --locale nl --verbosity 0

var:
	mkdir -p var

# The development server with the worker beside it (jobs and schedules); Ctrl-C stops both.
run: install | var
	$(MANAGE) migrate --noinput --verbosity 0
	$(MANAGE) load_demo
	@$(MANAGE) qcluster & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver 127.0.0.1:$(PORT)

# The worker alone: global matching runs and the periodic jobs (escalation, expiry, ...).
worker: install | var
	$(MANAGE) migrate --noinput --verbosity 0
	$(MANAGE) qcluster

# The whole suite; with DATABASE_URL=postgres://... it runs on PostgreSQL. It runs on two
# processes (pytest-xdist, each with its own test database); PYTEST_WORKERS=0 runs it in one.
PYTEST_WORKERS ?= 2
test: install system-deps | var
	$(MANAGE) makemigrations --check --dry-run --verbosity 0
	$(VENV)/bin/ruff check src bench
	$(VENV)/bin/mypy
	$(VENV)/bin/pytest -n $(PYTEST_WORKERS) --maxschedchunk 1 $(PYTEST_ARGS)

# Browser tests drive Debian's Chromium; install it when missing and we may.
.PHONY: system-deps
system-deps:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Browser tests need /usr/bin/chromium (Debian package chromium)." >&2; exit 1; fi; \
	fi

# The API fuzzed as each role of the demo: every schemathesis phase, the stateful one included
# (minutes; CI runs it after the suite, on SQLite and on PostgreSQL).
fuzz: install
	$(VENV)/bin/pytest -n $(PYTEST_WORKERS) src/meedoen/api/tests/fuzz_every_role.py

lint: install
	$(VENV)/bin/ruff check src bench
	$(VENV)/bin/ruff format --check src
	$(VENV)/bin/mypy

# Regenerate the committed OpenAPI schema after an API change.
schema: install
	$(MANAGE) spectacular --file src/meedoen/api/openapi.json --format openapi-json --validate

# Extract and compile the Dutch translations after changing texts.
messages: install
	cd src/meedoen && $(MANAGE) makemessages --locale nl --no-obsolete --no-location
	cd src/meedoen && $(MANAGE) compilemessages --locale nl


# Benchmarks (figures, not tests): global matching at city scale, suggestions through the API,
# the figures page for a large municipality's year, the substitution monitor and dossiers.
# On SQLite files in var/; BENCH_DATABASE_URL=postgres://... uses databases on that server.
BENCH_DB := $(if $(BENCH_DATABASE_URL),--database-url $(BENCH_DATABASE_URL))
bench: install
	$(PY) -m bench.global_matching $(BENCH_DB)
	$(PY) -m bench.suggestions $(BENCH_DB)
	$(PY) -m bench.insights $(BENCH_DB)
	$(PY) -m bench.monitor $(BENCH_DB)

clean:
	rm -rf $(VENV) $(TOOLS) node_modules $(STATIC_VENDOR) var
