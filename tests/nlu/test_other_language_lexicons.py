"""The acute lexicons of the twelve largest immigrant languages, through the full pooled rule.

Each language's own training examples (languages/<code>/nlu.yml) are the cases: its acute
examples must fire a signal, its normal and high ones must not, and none of them may change
what the lexicons say about the Norwegian, English and Sami examples.
"""
from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Tuple

import pytest
import yaml

from nlu.safety_net import all_lexicons, letter_scripts, scan_acute

LANGUAGES_DIR = Path(__file__).resolve().parents[2] / "languages"
IMMIGRANT_LANGUAGES = ("pl", "lt", "uk", "ru", "ar", "so", "ti", "ur", "fa", "tr", "th", "ro")
SIGNALS = {"violence_now", "on_the_way", "threat_kill_now", "weapon", "locked_in", "overdose",
           "suicide_now", "bleeding", "strangled"}


def examples(language: str) -> Dict[str, List[str]]:
    """The language's training texts by urgency."""
    found: Dict[str, List[str]] = {"acute": [], "high": [], "normal": []}
    for block in yaml.safe_load((LANGUAGES_DIR / language / "nlu.yml").read_text(encoding="utf-8"))["nlu"]:
        urgency = (block.get("metadata") or {}).get("urgency")
        lines = [line.strip()[2:] for line in block["examples"].splitlines() if line.strip().startswith("- ")]
        found[urgency] += lines
    return found


@pytest.mark.parametrize("language", IMMIGRANT_LANGUAGES)
def test_every_lexicon_has_the_signals_and_awaits_native_review(language: str) -> None:
    raw = yaml.safe_load((LANGUAGES_DIR / language / "acute_lexicon.yml").read_text(encoding="utf-8"))
    assert raw["language"] == language and raw["review"] == "needs_native_review"
    assert SIGNALS <= {signal["id"] for signal in raw["signals"]}
    assert raw["present"] and raw["past"]


@pytest.mark.parametrize("language", IMMIGRANT_LANGUAGES)
def test_acute_examples_fire_and_the_others_do_not(language: str) -> None:
    texts = examples(language)
    assert len(texts["acute"]) >= 10 and len(texts["high"] + texts["normal"]) >= 20
    missed = [t for t in texts["acute"] if not scan_acute(t).acute]
    false_alarms = [t for t in texts["high"] + texts["normal"] if scan_acute(t).acute]
    assert not missed and not false_alarms


def _ours() -> List[Tuple[str, str]]:
    pairs = []
    for language in ("nb", "nn", "en", "se"):
        for path in (LANGUAGES_DIR / language).glob("nlu*.yml"):
            for block in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
                urgency = (block.get("metadata") or {}).get("urgency")
                for line in (block.get("examples") or "").splitlines():
                    if urgency in ("high", "normal") and line.strip().startswith("- "):
                        pairs.append((language, line.strip()[2:]))
    return pairs


def test_the_new_lexicons_add_no_false_alarm_on_our_languages(monkeypatch) -> None:
    """Every normal or high Norwegian, English and Sami example is judged the same with and without them."""
    pairs = _ours()
    with_all = [scan_acute(text).acute for _, text in pairs]
    ours_only = tuple(lex for lex in all_lexicons() if lex.language in ("nb", "nn", "en", "se"))
    monkeypatch.setattr("nlu.safety_net.all_lexicons", lambda: ours_only)
    assert len(pairs) > 1000 and with_all == [scan_acute(text).acute for _, text in pairs]


def test_a_lexicon_runs_only_on_text_in_its_scripts() -> None:
    scripts = {lex.language: lex.scripts for lex in all_lexicons()}
    assert scripts["ar"] == {"ARABIC"} and scripts["th"] == {"THAI"} and scripts["ru"] == {"CYRILLIC"}
    assert scripts["ur"] == {"ARABIC", "LATIN"}  # Urdu is also typed in Latin letters
    assert letter_scripts("han slår meg ضرب") == {"LATIN", "ARABIC"}
    # A message mixing scripts is scanned by both: the Arabic signal fires beside Norwegian words.
    assert scan_acute("hjelp! زوجي يضربني الآن").acute


def test_a_shared_leading_veto_is_split_without_changing_the_pattern() -> None:
    from nlu.safety_net import VetoedPattern, _compile_one, _leading_veto

    pattern = r"^(?!.*\b(years? ago|(when|as) [a-z]+ (was|were) (a )?(kid|child)))(?=.*\bhit(s|ting)? me\b)"
    veto, rest = _leading_veto(pattern)
    assert veto == r".*\b(years? ago|(when|as) [a-z]+ (was|were) (a )?(kid|child))"
    compiled = _compile_one(pattern)
    assert isinstance(compiled, VetoedPattern) and compiled.pattern == pattern
    for text in ("he hits me", "he hit me years ago", "when i was a kid he hit me", "[x] he hits me"):
        assert compiled.search(text) == bool(__import__("re").search(pattern, text))
    assert _leading_veto(r"^(?=.*x)y") is None and _leading_veto(r"[(]^(?!a)b") is None
