#!/usr/bin/env bash
# The full suite: pytest (unit, HTTP, conversation, SMS, browser) and Rasa's story tests.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python

echo "== Rasa conversation stories (end to end: NLU on the text, then the dialogue)"
HJELPELOS_STATS=off .venv/bin/rasa test core --e2e --stories tests/stories --model models/hjelpelos.tar.gz \
    --out results/stories --fail-on-prediction-errors

echo "== pytest"
"$PY" -m pytest -q tests
