# Regionplan: one-command set-up, test, demo and packaging.
# Every target does its own set-up on a fresh Debian 12/13 machine (as root).
SHELL := /bin/bash
.DEFAULT_GOAL := test

SYS_PY      := /usr/bin/python3
VENV        := .venv
VENV_SVC    := .venv-service
PY          := $(VENV)/bin/python
SVC_PY      := $(VENV_SVC)/bin/python
APT_PKGS    := qgis python3-qgis qgis-providers qgis-server cgi-mapserver xvfb python3-venv python3-gdal poppler-utils qttools5-dev-tools python3-lxml libsqlite3-mod-spatialite nodejs
STAMP_SYS   := .stamps/system
STAMP_VENV  := $(VENV)/.installed
STAMP_SVC   := $(VENV_SVC)/.installed
STAMP_KOOP  := tests/koop/node_modules/.installed
PORT        ?= 5000
TEST_TIMEOUT ?= 3600
OFFLINE     ?=
export QT_QPA_PLATFORM ?= offscreen
export QGIS_OPTS :=
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: setup system venv venv-service koop test lint serve demo package translations bench bench-service screenshots data clean

setup: system venv venv-service koop

# System packages: installed only when one of them is missing.
system: $(STAMP_SYS)
$(STAMP_SYS):
	@missing=""; for p in $(APT_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages:$$missing"; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  apt-get update -qq && apt-get install -y -qq $$missing >/dev/null; \
	fi
	@mkdir -p .stamps && touch $@

venv: $(STAMP_VENV)
$(STAMP_VENV): requirements-test.txt $(STAMP_SYS)
	@test -x $(PY) || $(SYS_PY) -m venv --system-site-packages $(VENV)
	@# --no-deps-upgrade: never let pip touch numpy / PyQt that QGIS's bindings use
	$(PY) -m pip install -q --disable-pip-version-check --upgrade-strategy only-if-needed -r requirements-test.txt
	@touch $@

venv-service: $(STAMP_SVC)
$(STAMP_SVC): requirements-service.txt $(STAMP_SYS)
	@test -x $(SVC_PY) || $(SYS_PY) -m venv $(VENV_SVC)
	$(SVC_PY) -m pip install -q --disable-pip-version-check -r requirements-service.txt
	@touch $@

# Koop (ArcGIS FeatureServer for the tests, tests/fixtures/koop.py): the versions of the lockfile.
koop: $(STAMP_KOOP)
$(STAMP_KOOP): tests/koop/package.json tests/koop/package-lock.json $(STAMP_SYS)
	@# Debian's nodejs comes without npm (NodeSource's includes it)
	@command -v npm >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null
	npm ci --prefix tests/koop --no-audit --no-fund --loglevel=error
	@touch $@

lint: venv
	$(VENV)/bin/ruff check regionplan_plugin tests bench scripts

test: setup lint translations
	@rm -rf .qgis-settings
	@# a backstop for the whole run (each test has its own timeout): CI never waits for a hang
	timeout --signal=TERM --kill-after=60 $(TEST_TIMEOUT) $(PY) -m pytest $(PYTEST_ARGS)

translations: $(STAMP_SYS)
	@$(SYS_PY) scripts/i18n.py compile

serve: setup
	$(SVC_PY) scripts/serve.py --port $(PORT)

demo: setup translations
	$(PY) scripts/demo.py $(if $(OFFLINE),--offline,)

package: $(STAMP_SYS) translations
	$(SYS_PY) scripts/package.py

bench: setup translations
	$(PY) bench/run.py

# Load test of the reference service (GeoJSON vs GeoPackage vs PostGIS providers, 50 planners):
# writes bench/SERVICE.md. Not part of `make test`; installs postgresql + postgis with apt if missing.
bench-service: setup
	$(SYS_PY) bench/load_service.py $(BENCH_SERVICE_ARGS)

screenshots: setup translations
	$(PY) scripts/screenshots.py

data: $(STAMP_SYS)
	$(SYS_PY) scripts/make_demo_data.py
	$(SYS_PY) scripts/make_background_data.py

clean:
	rm -rf dist demo-output .pytest_cache .ruff_cache
