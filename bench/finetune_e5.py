"""Fine-tune multilingual-e5-small on our training examples (SetFit-style, contrastive).

A supervised contrastive loss pulls examples of the same intent together. Batches hold a few
examples of each of several intents so every anchor has positives. The 96M-parameter word
embedding table stays frozen: it holds the vocabulary of 100 languages we must not forget, and
freezing it makes a CPU epoch affordable. Only training data is used, never eval/heldout/.

    .venv/bin/python -m bench.finetune_e5 --out ~/.cache/hjelpelos/models/e5-finetuned
"""
from __future__ import annotations

import argparse
import random
import time
from collections import defaultdict
from pathlib import Path
from typing import Dict, List, Tuple

ROOT = Path(__file__).resolve().parent.parent


def training_messages() -> List:
    """Every intent example of languages/*/nlu.yml and data/nlu*.yml, as Rasa loads it."""
    from rasa.shared.nlu.training_data.loading import load_data

    messages = []
    for path in sorted(ROOT.glob("languages/*/nlu.yml")) + sorted(ROOT.glob("data/nlu*.yml")):
        messages += load_data(str(path)).intent_examples
    return messages


def training_examples() -> List[Tuple[str, str]]:
    """(text, intent) pairs from languages/*/nlu.yml and data/*.yml."""
    return [(m.get("text"), m.get("intent")) for m in training_messages()]


def balanced_batches(pairs: List[Tuple[str, str]], labels_per_batch: int, per_label: int,
                     rng: random.Random) -> List[List[Tuple[str, str]]]:
    by_label: Dict[str, List[Tuple[str, str]]] = defaultdict(list)
    for pair in pairs:
        by_label[pair[1]].append(pair)
    for group in by_label.values():
        rng.shuffle(group)
    steps = len(pairs) // (labels_per_batch * per_label)
    labels = list(by_label)
    batches = []
    for step in range(steps):
        chosen = rng.sample(labels, min(labels_per_batch, len(labels)))
        batch = []
        for label in chosen:
            group = by_label[label]
            start = (step * per_label) % max(1, len(group))
            batch += (group[start:] + group[:start])[:per_label]
        batches.append(batch)
    return batches


def supervised_contrastive_loss(embeddings, labels: List[str], temperature: float):
    import torch

    similarity = embeddings @ embeddings.T / temperature
    n = len(labels)
    self_mask = torch.eye(n, dtype=torch.bool, device=embeddings.device)
    same = torch.tensor([[a == b for b in labels] for a in labels], device=embeddings.device) & ~self_mask
    similarity = similarity.masked_fill(self_mask, float("-inf"))
    log_prob = similarity - torch.logsumexp(similarity, dim=1, keepdim=True)
    has_positive = same.any(dim=1)
    positive_log_prob = (log_prob.masked_fill(~same, 0.0).sum(dim=1) / same.sum(dim=1).clamp(min=1))
    return -positive_log_prob[has_positive].mean()


def finetune(out: Path, epochs: int, lr: float, temperature: float, seed: int) -> Dict[str, float]:
    import torch
    from sentence_transformers import SentenceTransformer

    from nlu.model_setup import QUERY_PREFIX, convert

    torch.manual_seed(seed)
    torch.set_num_threads(max(1, torch.get_num_threads()))
    rng = random.Random(seed)
    model = SentenceTransformer(str(convert()), device="cpu", local_files_only=True)
    model[0].auto_model.embeddings.word_embeddings.weight.requires_grad = False
    optimiser = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=lr)
    pairs = training_examples()
    started, losses = time.monotonic(), []
    model.train()
    for _ in range(epochs):
        for batch in balanced_batches(pairs, labels_per_batch=16, per_label=4, rng=rng):
            features = model.tokenize([QUERY_PREFIX + text for text, _ in batch])
            embeddings = model(features)["sentence_embedding"]
            loss = supervised_contrastive_loss(embeddings, [label for _, label in batch], temperature)
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            losses.append(float(loss))
    model.eval()
    out.mkdir(parents=True, exist_ok=True)
    model.save(str(out))
    return {"examples": len(pairs), "steps": len(losses), "seconds": round(time.monotonic() - started, 1),
            "first_loss": round(losses[0], 3), "last_loss": round(sum(losses[-10:]) / min(10, len(losses)), 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--lr", type=float, default=2e-5)
    parser.add_argument("--temperature", type=float, default=0.05)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(finetune(args.out, args.epochs, args.lr, args.temperature, args.seed))


if __name__ == "__main__":
    main()
