#!/usr/bin/env bash
# The full suite: pytest (unit, HTTP, conversation, SMS, browser) and Rasa's story tests.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python

echo "== Rasa conversation stories (rasa test core, --fail-on-prediction-errors)"
.venv/bin/rasa test core --stories tests/stories --model models/hjelpelos.tar.gz \
    --out results/stories --fail-on-prediction-errors

echo "== pytest"
"$PY" -m pytest -q tests
