"""Three classifiers side by side on the held-out set, each trained as a real Rasa model:

1. e5-linear: frozen multilingual-e5-small + character n-grams + linear heads (config.yml);
2. e5-finetuned: the same on E5 fine-tuned contrastively on our examples, one epoch on this
   machine's CPU (bench/finetune_e5.py);
   e5-finetuned-gpu: the same with the encoder that bench/finetune_gpu.py fine-tuned on a lent GPU
   machine and unpacked into --gpu-model (not rebuilt here: that needs the GPU);
3. diet: Rasa's default DIET pipeline (bench/configs/diet_baseline.yml).

All three share the language detector, the safety-net lexicon and the age extractor, and are
scored with `hjelpelos eval`'s code on both held-out sets. Results: bench/results/compare.json;
summary on stdout.

    .venv/bin/python -m bench.compare [--variants e5-linear diet e5-finetuned]
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path
from typing import Dict, List, Optional, Sequence

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
WORK = Path(os.environ.get("HJELPELOS_BENCH_DIR", "/tmp/hjelpelos-bench"))
FINETUNED = Path(os.path.expanduser("~/.cache/hjelpelos/models/e5-finetuned"))
FINETUNED_GPU = Path(os.path.expanduser("~/.cache/hjelpelos/models/e5-finetuned-gpu"))
HELDOUT_SETS = ("heldout", "heldout2")
VARIANTS = {
    "e5-linear": ROOT / "config.yml",
    "e5-finetuned": ROOT / "bench" / "configs" / "e5_finetuned.yml",
    "e5-finetuned-gpu": ROOT / "bench" / "configs" / "e5_finetuned.yml",
    "diet": ROOT / "bench" / "configs" / "diet_baseline.yml",
}


def train_nlu(config: Path, nlu_folder: Path, out: Path, name: str, env: Optional[Dict[str, str]] = None) -> Dict:
    """`rasa train nlu` in a subprocess; returns the model's path and the training time."""
    command = [str(Path(sys.executable).parent / "rasa"), "train", "nlu", "--nlu", str(nlu_folder),
               "--config", str(config), "--out", str(out), "--fixed-model-name", name]
    started = time.monotonic()
    subprocess.run(command, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return {"train_seconds": round(time.monotonic() - started, 1), "model": str(out / f"{name}.tar.gz")}


def collect_training_data(folder: Path, extra: Sequence[Path] = ()) -> Path:
    """rasa train nlu takes one path: gather every NLU file (training data only) in one folder."""
    folder.mkdir(parents=True, exist_ok=True)
    sources = sorted(ROOT.glob("languages/*/nlu.yml")) + sorted(ROOT.glob("data/nlu*.yml")) + list(extra)
    for index, path in enumerate(sources):
        name = f"{index:02d}_{path.parent.name}_{path.name.replace('.txt', '')}"
        (folder / name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    return folder


def _evaluate(model: str, env: Dict[str, str], eval_set: str = "heldout") -> Dict:
    """Score in a fresh process so each variant loads its own embedding model."""
    code = (
        "import asyncio, json, sys;"
        "from bot.cli.evaluate import evaluate, load_heldout, EVAL_SETS, DEFAULT_AT;"
        "from triage.service import Triage;"
        f"m = asyncio.run(evaluate(Triage.local({model!r}), load_heldout(EVAL_SETS[{eval_set!r}]), DEFAULT_AT));"
        "[v.pop('confusion') for v in m.values()];"
        "print(json.dumps(m))"
    )
    output = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True,
                            capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def main(argv: List[str] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--variants", nargs="+", default=["e5-linear", "e5-finetuned", "diet"],
                        choices=list(VARIANTS))
    parser.add_argument("--gpu-model", type=Path, default=FINETUNED_GPU,
                        help="for e5-finetuned-gpu: the folder bench.finetune_gpu unpack wrote")
    args = parser.parse_args(argv)
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "HF_HUB_OFFLINE": "1",
           "TF_CPP_MIN_LOG_LEVEL": "3", "PYTHONWARNINGS": "ignore"}
    nlu_folder = collect_training_data(WORK / "nlu")
    previous = RESULTS / "compare.json"
    results = json.loads(previous.read_text()) if previous.exists() else {"variants": {}}
    results["machine"] = f"{platform.machine()}, {os.cpu_count()} cores"
    for name in args.variants:
        variant_env = dict(env)
        entry: Dict = {}
        if name == "e5-finetuned":
            started = time.monotonic()
            subprocess.run([sys.executable, "-m", "bench.finetune_e5", "--out", str(FINETUNED)],
                           cwd=ROOT, env=env, check=True)
            entry["finetune_seconds"] = round(time.monotonic() - started, 1)
            variant_env["HJELPELOS_EMBEDDING_MODEL"] = str(FINETUNED)
        if name == "e5-finetuned-gpu":
            if not (args.gpu_model / "hjelpelos-finetuned.json").exists():
                parser.error(f"{args.gpu_model} holds no encoder from bench.finetune_gpu unpack")
            entry["encoder"] = json.loads((args.gpu_model / "hjelpelos-finetuned.json").read_text())
            variant_env["HJELPELOS_EMBEDDING_MODEL"] = str(args.gpu_model)
        entry.update(train_nlu(VARIANTS[name], nlu_folder, WORK / name, name, variant_env))
        for eval_set in HELDOUT_SETS:
            entry[eval_set] = _evaluate(entry["model"], variant_env, eval_set)
        results["variants"][name] = entry
        print(name, json.dumps(entry, ensure_ascii=False), flush=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "compare.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
