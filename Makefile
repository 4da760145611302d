# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
VAR := var
# The regions `make run` imports: Kabupaten Kediri.
DEMO_REGIONS ?= 35.06

.PHONY: run test install dev-install browser-tools lint messages clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (set PYTHON=...)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed-run: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	@touch $@ $(VENV)/.installed-run

# --ignore-scripts: vnu-jar's install script would download a Java runtime from the internet;
# the tests run vnu.jar with the machine's Java (deploy/system-packages.sh installs it).
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm install --no-audit --no-fund --silent --ignore-scripts && touch $@; \
	else \
		echo "npm not found: the accessibility and HTML validity checks will be skipped."; \
	fi

install: $(VENV)/.installed-run

dev-install: $(VENV)/.installed-dev

browser-tools: node_modules/.installed

# The Debian packages each target needs: deploy/system-packages.sh installs them as root and
# otherwise prints the command (docs/development.md).
SYSTEM_PACKAGES := bash deploy/system-packages.sh

run: install
	@$(SYSTEM_PACKAGES) run
	@mkdir -p $(VAR)/celery/broker $(VAR)/celery/processed $(VAR)/celery/control $(VAR)/mail $(VAR)/media
	DEBUG=true $(BIN)/python manage.py migrate --noinput
	DEBUG=true $(BIN)/python manage.py import_regions $(DEMO_REGIONS)
	DEBUG=true $(BIN)/python manage.py seed_demo
	@echo
	@echo "  TIMPORA runs at http://127.0.0.1:$(PORT)/  (Ctrl-C stops the web server, worker and beat)"
	@echo "  Demo accounts, password timpora-demo: admin, officer, supervisor, polres, disnaker"
	@echo
# honcho gives each process its own PORT (web 8000, worker 8100, ...): links follow the web's.
	DEBUG=true PORT=$(PORT) SITE_URL="$${SITE_URL:-http://127.0.0.1:$(PORT)}" \
		PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/honcho start -f Procfile

test: dev-install browser-tools
	@$(SYSTEM_PACKAGES) test
	@mkdir -p $(VAR)
	DEBUG=true $(BIN)/pytest $(PYTEST_ARGS)

lint: dev-install
	$(BIN)/ruff check .

messages: dev-install
	@$(SYSTEM_PACKAGES) messages
	DEBUG=true $(BIN)/python manage.py makemessages -l id -l en --no-obsolete \
		--ignore=.venv --ignore=node_modules --ignore=var
	DEBUG=true $(BIN)/python manage.py compilemessages --ignore=.venv --ignore=node_modules

clean:
	rm -rf $(VENV) node_modules $(VAR)
