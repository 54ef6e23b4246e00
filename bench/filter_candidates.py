"""Drop candidate training examples that come too close to an evaluation or test message.

Whoever writes training data never sees eval/ or tests/, but two writers can still land on
nearly the same sentence. A training example that nearly repeats an evaluation message would
flatter the score, and one that repeats a story's message would test nothing, so every
candidate is compared (difflib ratio on normalised text) with every message of its language in
eval/*/ and every user message in tests/stories/, and with the training data itself:

    .venv/bin/python -m bench.filter_candidates bench/candidates/situations_nb.yml --language nb \
        --out bench/candidates/situations_nb_f.yml
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from difflib import SequenceMatcher
from pathlib import Path
from typing import Iterable, List, Tuple

import yaml

ROOT = Path(__file__).resolve().parent.parent
MAX_RATIO = 0.75
ENTITY = re.compile(r"\[([^\]]+)\]\([^)]+\)")


def normalise(text: str) -> str:
    text = ENTITY.sub(r"\1", text)
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def reference_texts(language: str) -> List[str]:
    """Evaluation messages of the language, and every user message in the test stories."""
    texts = []
    for path in ROOT.glob(f"eval/*/{language}.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                item = json.loads(line)  # a message, or a conversation of turns (eval/conversations)
                texts += [item["text"]] if "text" in item else [turn["text"] for turn in item["turns"]]
    for path in ROOT.glob("tests/stories/*.yml*"):
        stories = yaml.safe_load(path.read_text(encoding="utf-8")).get("stories") or []
        texts += [step["user"] for story in stories for step in story["steps"] if "user" in step]
    return [normalise(t) for t in texts]


def training_texts(language: str) -> set:
    data = yaml.safe_load((ROOT / "languages" / language / "nlu.yml").read_text(encoding="utf-8"))
    return {normalise(line[2:]) for block in data["nlu"] if "examples" in block
            for line in block["examples"].splitlines() if line.strip().startswith("- ")}


def closest(text: str, references: Iterable[str]) -> Tuple[float, str]:
    best = (0.0, "")
    for reference in references:
        matcher = SequenceMatcher(None, text, reference)
        if matcher.real_quick_ratio() > best[0] and matcher.quick_ratio() > best[0]:
            ratio = matcher.ratio()
            if ratio > best[0]:
                best = (ratio, reference)
    return best


def main(argv: List[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("candidates", type=Path)
    parser.add_argument("--language", required=True, choices=["nb", "nn", "en", "se"])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--max-ratio", type=float, default=MAX_RATIO)
    args = parser.parse_args(argv)

    references, trained = reference_texts(args.language), training_texts(args.language)
    data = yaml.safe_load(args.candidates.read_text(encoding="utf-8"))
    kept = dropped = 0
    for block in data["nlu"]:
        lines = []
        for line in block["examples"].splitlines():
            if not line.strip().startswith("- "):
                continue
            text = normalise(line.strip()[2:])
            ratio, _ = closest(text, references)
            if ratio > args.max_ratio or text in trained:
                dropped += 1
                continue
            lines.append(line.strip())
            kept += 1
        block["examples"] = "".join(f"{line}\n" for line in lines)
    data["nlu"] = [block for block in data["nlu"] if block["examples"]]
    args.out.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000),
                        encoding="utf-8")
    print(f"{args.candidates.name}: kept {kept}, dropped {dropped}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
