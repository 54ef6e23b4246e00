"""Style-noised copies of the training examples, as a candidate extra training file.

New writers lose the model 5-15 points of topic F1 (docs/evaluation.md). Part of a writer's
style is surface form that the n-gram featurizers see literally: capitals, punctuation, and in
North Sami whether the special letters are typed at all ("dál" or "dal"). This writes, for each
situation example, one copy in lower case without punctuation, and for North Sami one more
without the special letters, so that a dev_sweep can tell whether that surface variety helps:

    .venv/bin/python -m bench.augment_style --out bench/candidates/style_copies.yml
    .venv/bin/python -m bench.dev_sweep --name style --extra-nlu bench/candidates/style_copies.yml
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import yaml

ROOT = Path(__file__).resolve().parent.parent
SAMI_PLAIN = str.maketrans("áčđŋšŧžÁČĐŊŠŦŽ", "acdnstzACDNSTZ")


def plain(text: str) -> str:
    """Lower case, punctuation dropped, spaces collapsed: how many people type on a phone."""
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def style_copies(language: str, text: str) -> List[str]:
    """The distinct noised forms of one example, without the example itself."""
    forms = [plain(text)]
    if language == "se":
        forms.append(plain(text).translate(SAMI_PLAIN))
    return [f for f in dict.fromkeys(forms) if f and f != text]


def build() -> Dict:
    from rasa.shared.nlu.training_data.loading import load_data

    from nlu.triage_classifier import urgency_label
    from triage.decide import SITUATION_TOPICS

    blocks: Dict[Tuple[str, str], List[str]] = defaultdict(list)
    for path in sorted(ROOT.glob("languages/*/nlu.yml")):
        language = path.parent.name
        for message in load_data(str(path)).intent_examples:
            intent = message.get("intent")
            if intent not in SITUATION_TOPICS:
                continue
            blocks[(intent, urgency_label(message))].extend(style_copies(language, message.get("text")))
    return {"version": "3.1", "nlu": [
        {"intent": intent, "metadata": {"urgency": urgency},
         "examples": "".join(f"- {text}\n" for text in dict.fromkeys(texts))}
        for (intent, urgency), texts in sorted(blocks.items())
    ]}


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    data = build()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")
    print(f"{sum(b['examples'].count(chr(10)) for b in data['nlu'])} copies -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
