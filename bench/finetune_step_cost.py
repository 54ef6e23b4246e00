"""What one fine-tuning step of 64 examples costs on this CPU, for the levers in docs/benchmarks.md.

Runs the packed model (`bench.finetune_gpu pack` first) with the recipe's batches and loss, on
2 torch threads: float32 or bfloat16 autocast, the whole batch padded or length-sorted
micro-batches, all layers or the top ones trained. Mean of the steps after a warm-up step.

    .venv/bin/python -m bench.finetune_step_cost [--steps 9]
"""
from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path
from typing import Dict, Optional

from bench.finetune_gpu import PACK_DIR, _embed, _embed_sorted, _load_packed_model

SETTINGS = (  # (name, bfloat16, micro-batch, top layers trained)
    ("float32", False, None, None),
    ("bfloat16", True, None, None),
    ("bfloat16, top 6 layers", True, None, 6),
    ("bfloat16, micro-batches of 16", True, 16, None),
    ("float32, micro-batches of 16", False, 16, None),
)


def step_seconds(bert, meta: Dict, bf16: bool, micro_batch: Optional[int], top: Optional[int], steps: int) -> float:
    import torch

    from bench.finetune_e5 import balanced_batches, supervised_contrastive_loss

    for parameter in bert.parameters():
        parameter.requires_grad = True
    bert.embeddings.word_embeddings.weight.requires_grad = False
    if top is not None:
        for module in [bert.embeddings] + list(bert.encoder.layer[: len(bert.encoder.layer) - top]):
            for parameter in module.parameters():
                parameter.requires_grad = False
    optimiser = torch.optim.AdamW([p for p in bert.parameters() if p.requires_grad], lr=1e-5)
    rows, pad = meta["train"], meta["pad"]
    pairs = [(i, f"{r['topic']}|{r['urgency']}") for i, r in enumerate(rows)]
    timings = []
    bert.train()
    for batch in balanced_batches(pairs, 16, 4, random.Random(1))[:steps]:
        started = time.perf_counter()
        ids = [rows[i]["ids"] for i, _ in batch]
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
            vectors = _embed_sorted(bert, ids, pad, "cpu", micro_batch) if micro_batch else _embed(bert, ids, pad, "cpu")
        loss = supervised_contrastive_loss(vectors.float(), [label for _, label in batch], 0.05)
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
        timings.append(time.perf_counter() - started)
    return sum(timings[1:]) / len(timings[1:])


def main() -> None:
    import torch

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pack", type=Path, default=PACK_DIR)
    parser.add_argument("--steps", type=int, default=9, help="steps per setting, the first is a warm-up")
    args = parser.parse_args()
    torch.set_num_threads(2)
    bert, meta = _load_packed_model(args.pack, "cpu")
    start_state = {k: v.clone() for k, v in bert.state_dict().items()}
    for name, bf16, micro_batch, top in SETTINGS:
        bert.load_state_dict(start_state)
        seconds = step_seconds(bert, meta, bf16, micro_batch, top, args.steps)
        print(json.dumps({"setting": name, "seconds_per_step": round(seconds, 2)}), flush=True)


if __name__ == "__main__":
    main()
