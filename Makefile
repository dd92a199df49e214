# interpel: two commands matter, `make run` and `make test` (see README.md). Everything else is a step they share.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV := $(shell command -v uv 2>/dev/null || echo $(HOME)/.local/bin/uv)
# Debian packages the tests need: OCR for scanned PDFs, Chromium for browser tests, gettext for translations,
# hunspell-pl for the ispell search baseline, fonts for generated PDFs.
DEB_PACKAGES := tesseract-ocr tesseract-ocr-pol chromium gettext fonts-dejavu-core hunspell-pl
# What the benchmarks need besides: the load client of bench/web.py and the RUM index measured by bench/search.py.
BENCH_PACKAGES := wrk postgresql-15-rum
PG_URL ?= $(or $(INTERPEL_TEST_DATABASE_URL),postgresql://postgres@127.0.0.1:5432/postgres)

.PHONY: run test setup deps bench-deps apt-install venv migrate demo lint clean

run: setup demo  ## create .venv, migrate var/interpel.sqlite3, load the demo, serve http://127.0.0.1:8000
	INTERPEL_DEBUG=true $(BIN)/interpel serve --host 127.0.0.1 --port 8000

test: setup deps lint  ## the whole suite: ruff, import-linter, mypy, pytest on SQLite and PostgreSQL, browser tests
	$(BIN)/pytest tests
	INTERPEL_TEST_BACKEND=postgresql INTERPEL_TEST_DATABASE_URL=$(PG_URL) $(BIN)/pytest tests/integration

setup: venv migrate

$(UV):
	$(PYTHON) -m pip install --user --quiet uv

venv: $(UV)
	UV_PYTHON_DOWNLOADS=never $(UV) sync --frozen --python $(shell command -v $(PYTHON))

migrate: venv
	$(BIN)/interpel migrate --verbosity 0

# Real Sejm replies beside the checkout (../shared) make the demo's search and statistics worth trying; optional.
SEJM_REPLIES := ../shared/corpus/sejm-replies/replies.jsonl

demo: migrate
	$(BIN)/interpel demo
	@if [ -f $(SEJM_REPLIES) ]; then \
		echo "interpel import sejm-replies $(SEJM_REPLIES)"; $(BIN)/interpel import sejm-replies $(SEJM_REPLIES); \
	fi

deps:  ## install the Debian packages the tests need, only those missing
	@$(MAKE) --no-print-directory apt-install PACKAGES="$(DEB_PACKAGES)"

bench-deps: deps  ## and those the benchmarks under bench/ need
	@$(MAKE) --no-print-directory apt-install PACKAGES="$(BENCH_PACKAGES)"

apt-install:
	@missing=$$(for p in $(PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "installing Debian packages: $$missing"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

lint: venv
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/lint-imports
	$(BIN)/mypy src/interpel/law src/interpel/text src/interpel/search/query.py src/interpel/errors.py

clean:
	rm -rf $(VENV) var/interpel.sqlite3* var/static
