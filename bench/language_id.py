"""Compare language-ID candidates on labelled text that is NOT the held-out set.

The training examples in languages/<lang>/nlu.yml carry their language in the folder name;
the candidates are py3langid alone (restricted to nb/nn/en/se) and our detector
(py3langid + marker lexicons + the short-message rule).

    .venv/bin/python -m bench.language_id
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Callable, Dict, List, Tuple

ROOT = Path(__file__).resolve().parent.parent


def labelled_texts() -> List[Tuple[str, str]]:
    from rasa.shared.nlu.training_data.loading import load_data

    pairs = []
    for path in sorted(ROOT.glob("languages/*/nlu.yml")):
        pairs += [(m.get("text"), path.parent.name) for m in load_data(str(path)).intent_examples]
    return pairs


def candidates() -> Dict[str, Callable[[str], str]]:
    from nlu.language_detector import _identifier, detect_language

    found = {
        "py3langid (nb/nn/en/se)": lambda text: _identifier().classify(text)[0],
        "hjelpelos detector": lambda text: detect_language(text).code,
    }
    try:  # GPLv3, so measured only when installed by hand (never a dependency of ours)
        import gielladetect

        codes = {"nob": "nb", "nno": "nn", "eng": "en", "sme": "se"}
        found["gielladetect (nob/nno/eng/sme)"] = lambda text: codes.get(
            gielladetect.detect(text, langs=list(codes)), "nb")
    except ImportError:
        pass
    return found


def main() -> None:
    pairs = labelled_texts()
    report = {}
    for name, detect in candidates().items():
        per_language: Dict[str, Counter] = {}
        for text, gold in pairs:
            per_language.setdefault(gold, Counter())[detect(text) == gold] += 1
        report[name] = {lang: round(c[True] / (c[True] + c[False]), 3) for lang, c in sorted(per_language.items())}
        report[name]["all"] = round(sum(c[True] for c in per_language.values()) / len(pairs), 3)
    print(json.dumps({"texts": len(pairs), "accuracy": report}, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
