# The two commands in the README: `make lab` and `make test`. Each sets itself up on a fresh
# Debian machine with python3 and make (see scripts/setup-env.sh).
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.lessonkit-installed
PORT ?= 8888
# JupyterLab refuses to run as root without this flag (containers, Binder-like machines).
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: lab test bench classroom build check lint format env clean-env site

$(STAMP): pyproject.toml scripts/setup-env.sh
	bash scripts/setup-env.sh $(VENV)
	touch $(STAMP)

env: $(STAMP)

## Open JupyterLab on the start page, with the file browser at the project folder.
lab: $(STAMP)
	$(VENV)/bin/jupyter lab notebooks/00-start-here.ipynb --ServerApp.root_dir=. --port=$(PORT) $(ROOT_FLAG)

## Run every test: style, unit tests, notebook tests (nbval), freshness of generated files,
## browser tests (also of the JupyterLite site, which the tests build).
test: $(STAMP)
	bash scripts/system-deps.sh $(VENV)
	bash scripts/site-env.sh $(LITE)
	$(PY) -m ruff format --check src tests scripts benchmarks
	$(PY) -m ruff check src tests scripts benchmarks
	$(VENV)/bin/lessonkit check
	$(PY) -m pytest --nbval -m "not classroom" tests notebooks exercises solutions

## Benchmarks against baselines measured in the same run (docs/performance.md): the full
## suite (30 to 45 minutes on 2 shared cores, half of it the test suite), or a short smoke run
## with QUICK=1. Writes benchmarks/results/.
bench: $(STAMP)
	bash scripts/system-deps.sh $(VENV)
	$(PY) -m benchmarks $(if $(QUICK),--quick,)

## A class of 30 on a real JupyterHub at once (several minutes): prints and writes the
## figures to test-artifacts/classroom-load.json (see docs/delivery.md).
classroom: $(STAMP)
	bash scripts/system-deps.sh $(VENV)
	$(PY) -m pytest -s -m classroom tests/browser/test_classroom_load.py

## The JupyterLite site in _site/ (lessons, worksheets, data and audio; Pyodide in the browser,
## no server; see docs/delivery.md). The first run sets up .venv/lite from the package
## registries (lite/*.txt, pinned and hashed); the build itself fetches nothing and is skipped
## when nothing it is made from changed.
LITE := $(VENV)/lite
site:
	bash scripts/site-env.sh $(LITE)
	$(LITE)/bin/python scripts/build_site.py --env $(LITE)

## Regenerate data files and notebooks from the lesson sources (only what changed).
build: $(STAMP)
	$(VENV)/bin/lessonkit build

check: $(STAMP)
	$(VENV)/bin/lessonkit check

format: $(STAMP)
	$(PY) -m ruff format src tests scripts benchmarks
	$(PY) -m ruff check --fix src tests scripts benchmarks

clean-env:
	rm -rf $(VENV)

## Speech audio of the article lessons (data/audio/, issue 19): each article, its easier text
## and its glossary words. Installs the optional speech group (PyPI) and the Kokoro voice files
## (npm kokoro-js), then regenerates the audio whose text changed and measures the word error
## rate of the texts. Minutes on 2 cores.
audio: $(STAMP)
	$(PY) -m pip install --quiet -e '.[test,speech]'
	nice -n 19 $(PY) scripts/make_audio.py
