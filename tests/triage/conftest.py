"""A copy of the language catalogues that a test may change (review stamp, PO import)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from triage.messages import LANGUAGES_DIR


@pytest.fixture
def languages(tmp_path: Path) -> Path:
    """languages/ without the training data: only what the review commands read and write."""
    target = tmp_path / "languages"
    shutil.copytree(LANGUAGES_DIR, target, ignore=shutil.ignore_patterns("nlu*.yml", "acute_lexicon.yml"))
    return target
