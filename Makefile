# Sourcewise: `make run` (set up, index seeds/, open the chat) and `make test` work on a fresh machine.
PYTHON ?= python3.11
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
STORE ?= .sourcewise
WHEELS := $(wildcard /opt/wheels)
export HF_HUB_OFFLINE := 1
export GRADIO_ANALYTICS_ENABLED := False
export TOKENIZERS_PARALLELISM := false

.PHONY: setup run test test-fast browser-deps bench clean

setup: $(STAMP)

# torch is pinned first: unpinned, it would pull a multi-GB CUDA build.
$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q $(if $(WHEELS),--find-links $(WHEELS)) torch==2.13.0
	$(PY) -m pip install -q $(if $(WHEELS),--find-links $(WHEELS)) -r requirements.txt
	$(PY) -m pip install -q --no-deps --no-build-isolation -e .
	touch $(STAMP)

run: setup
	$(VENV)/bin/sourcewise ingest seeds/ --store $(STORE)
	$(VENV)/bin/sourcewise serve --store $(STORE)

# Headless Chromium for the browser tests, from Debian's packages (never a downloaded browser build).
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; fi; }

test: setup browser-deps
	$(PY) -m pytest -q -ra

test-fast: setup
	$(PY) -m pytest -q -m "not slow and not browser"

bench: setup
	$(PY) -m bench

clean:
	rm -rf $(VENV) $(STORE) test-output bench/out
