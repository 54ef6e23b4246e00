"""Compare language-ID candidates on labelled text that was never tuned on the test set.

Texts: the development sets (eval/dev, dev2, dev3, heldout, heldout2: nb, nn, en, se) and the
other-language set (eval/otherlang: twelve immigrant languages plus Swedish and Danish), each
with the language its writer wrote in. The test set (eval/heldout3) is left out on purpose.

Candidates:
- py3langid restricted to nb/nn/en/se (the detector before open-set language ID);
- py3langid over all its 97 languages, alone;
- lingua-language-detector over every language it knows (Somali included; measured only when
  installed: `.venv/bin/pip install lingua-language-detector==2.1.1`);
- our detector (`nlu.language_detector`): script rules for Arabic, Cyrillic, Ethiopic and Thai,
  Sami only on Sami evidence, py3langid for the rest, marker words for Somali, roman Urdu and
  Dari.

Scoring: a guess is right when it names the writer's language; Persian for a Dari text (`fa`
for `prs`) counts as right, since the two share one catalogue (languages/fa/). The second table
is what matters most: how often a non-Sami writer would be told Sami.

    .venv/bin/python -m bench.language_id [--out bench/results/language_id.json]
"""
from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path
from typing import Callable, Dict, List, Tuple

ROOT = Path(__file__).resolve().parent.parent
SETS = ("dev", "dev2", "dev3", "heldout", "heldout2", "otherlang")


def labelled_texts() -> List[Tuple[str, str]]:
    pairs = []
    for name in SETS:
        for path in sorted((ROOT / "eval" / name).glob("*.jsonl")):
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    item = json.loads(line)
                    pairs.append((item["text"], item["language"]))
    return pairs


def candidates() -> Dict[str, Callable[[str], str]]:
    from nlu.language_detector import _identifier, detect_language

    found = {
        "py3langid (nb/nn/en/se)": lambda text: _identifier(("nb", "nn", "en", "se")).classify(text)[0],
        "py3langid (all 97)": lambda text: _identifier(None).classify(text)[0],
        "hjelpelos detector": lambda text: detect_language(text).code,
    }
    try:  # a 96 MB wheel: measured here, not a dependency
        from lingua import LanguageDetectorBuilder

        lingua = LanguageDetectorBuilder.from_all_languages().with_preloaded_language_models().build()

        def lingua_code(text: str) -> str:
            language = lingua.detect_language_of(text)
            return language.iso_code_639_1.name.lower() if language else "und"

        found["lingua (all 75)"] = lingua_code
    except ImportError:
        pass
    return found


def correct(guess: str, gold: str) -> bool:
    from bot.cli.evaluate import SAME_LANGUAGE

    return guess == gold or (guess, gold) in SAME_LANGUAGE or (gold == "nb" and guess == "no")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", help="also write the report as JSON here")
    args = parser.parse_args()
    pairs = labelled_texts()
    report: Dict[str, Dict] = {}
    for name, detect in candidates().items():
        per_language: Dict[str, Counter] = {}
        told_sami = Counter()
        started = time.perf_counter()
        for text, gold in pairs:
            guess = detect(text)
            per_language.setdefault(gold, Counter())[correct(guess, gold)] += 1
            if gold not in ("se", "smj", "sma"):
                told_sami[guess == "se"] += 1
        elapsed_ms = (time.perf_counter() - started) * 1000 / len(pairs)
        accuracy = {lang: round(c[True] / (c[True] + c[False]), 3) for lang, c in sorted(per_language.items())}
        accuracy["all"] = round(sum(c[True] for c in per_language.values()) / len(pairs), 3)
        report[name] = {
            "accuracy": accuracy,
            "non_sami_told_sami": round(told_sami[True] / sum(told_sami.values()), 3),
            "ms_per_text": round(elapsed_ms, 2),
        }
    result = {"texts": len(pairs), "sets": list(SETS), "candidates": report}
    print(json.dumps(result, indent=2, ensure_ascii=False))
    if args.out:
        Path(args.out).write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
