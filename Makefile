# Two entry points (see README): `make run` scores the case study, `make test` runs the tests.
# Both build the virtual environment they need from nothing but Python 3.11.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
CASE := references/onet-kazakhstan

.PHONY: run test bench browser clean

$(VENV)/.base: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e .
	touch $@

# torch is pinned and installed first: an unpinned torch pulls a multi-GB CUDA build.
$(VENV)/.test: $(VENV)/.base
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q -e '.[st,test]'
	touch $@

run: $(VENV)/.base
	$(VENV)/bin/evaluator score $(CASE)/source.pl.txt $(CASE)/mt.en.txt \
		--reference $(CASE)/reference.en.txt \
		--json reports/onet-kazakhstan.json --html reports/onet-kazakhstan.html

# Headless Chromium for the HTML report tests, from Debian's packages (never `playwright install`).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "installing Debian's chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

test: $(VENV)/.test browser
	HF_HUB_OFFLINE=1 $(PY) -m pytest -q

bench: $(VENV)/.test
	$(PY) benchmarks/align.py

clean:
	rm -rf $(VENV) reports/*.json reports/*.html test-artifacts
