"""E5 forward pass per message in float32, bfloat16 and int8, on 1 and 2 torch threads.

Why the featurizer's `precision: auto` picks bfloat16 where the CPU has it: the same vectors
(cosine to float32) at about half the time. int8 (PyTorch dynamic quantization, per-channel
weights) is timed too; it lost topic F1 on the development set (docs/evaluation.md).

    .venv/bin/python -m bench.encoder_precision [--out bench/results/encoder_precision.json]
"""
from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
import warnings
from typing import Dict, List

import numpy as np


def _load(precision: str):
    import torch
    from sentence_transformers import SentenceTransformer

    from nlu.model_setup import default_model_dir

    dtype = torch.bfloat16 if precision == "bfloat16" else torch.float32
    model = SentenceTransformer(str(default_model_dir()), device="cpu", model_kwargs={"dtype": dtype})
    if precision == "int8":
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            qconfig = {torch.nn.Linear: torch.ao.quantization.per_channel_dynamic_qconfig}
            torch.ao.quantization.quantize_dynamic(model[0].model, qconfig, dtype=torch.qint8, inplace=True)
    return model


def _embed(model, texts: List[str]) -> np.ndarray:
    import torch

    with torch.inference_mode():
        out = model(model.preprocess(["query: " + t for t in texts]))["sentence_embedding"]
        return torch.nn.functional.normalize(out.float(), dim=1).numpy()


def measure(texts: List[str]) -> Dict[str, Dict]:
    import torch

    results, reference = {}, None
    for precision in ("float32", "bfloat16", "int8"):
        model = _load(precision)
        torch.set_num_threads(1)
        vectors = np.vstack([_embed(model, [t]) for t in texts])
        reference = vectors if reference is None else reference
        cosine = (vectors * reference).sum(axis=1)
        for threads in (1, 2):
            torch.set_num_threads(threads)
            for text in texts[:10]:
                _embed(model, [text])
            times = []
            for text in texts:
                started = time.perf_counter()
                _embed(model, [text])
                times.append((time.perf_counter() - started) * 1000)
            times.sort()
            results[f"{precision}, {threads} thread(s)"] = {
                "p50_ms": round(statistics.median(times), 1),
                "p95_ms": round(times[int(0.95 * (len(times) - 1))], 1),
                "cosine_to_float32_min": round(float(cosine.min()), 5),
            }
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", help="also write the figures as JSON here")
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from bench.latency import report as write_report
    from bot.cli.evaluate import EVAL_SETS, load_heldout
    from nlu.e5_featurizer import cpu_has_bf16

    texts = [item["text"] for item in load_heldout(EVAL_SETS["dev"])][:200]
    figures = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, native bf16: {cpu_has_bf16()}",
        "messages": len(texts),
        "variants": measure(texts),
    }
    write_report(figures, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
