"""How AcuteSafetyNet combines the lexicon with the classifier's urgency scores."""
from __future__ import annotations

import pytest

from nlu.safety_net import AcuteSafetyNet

NET = AcuteSafetyNet({"acute_threshold": 0.6})
NEUTRAL_TEXT = "jeg lurer på noe"


def _classified(acute: float, high: float, normal: float) -> dict:
    scores = {"acute": acute, "high": high, "normal": normal}
    best = max(scores, key=scores.get)
    return {"name": best, "confidence": scores[best], "scores": scores, "source": "classifier"}


def test_the_lexicon_makes_a_message_acute_whatever_the_classifier_says() -> None:
    urgency = NET.decide("han har kniv og står utenfor døra nå", _classified(0.01, 0.09, 0.9))
    assert urgency["name"] == "acute" and urgency["source"] == "lexicon" and urgency["signals"]


@pytest.mark.parametrize("acute, high, normal, expected", [
    (0.61, 0.3, 0.09, "acute"),    # at or over the threshold: acute
    (0.45, 0.3, 0.25, "high"),     # ranked acute, under the threshold: serious, not an emergency
    (0.2, 0.1, 0.7, "normal"),     # nothing to raise
    (0.3, 0.6, 0.1, "high"),       # the classifier's own non-acute label stays
])
def test_the_threshold_alone_decides_acute(acute, high, normal, expected) -> None:
    urgency = NET.decide(NEUTRAL_TEXT, _classified(acute, high, normal))
    assert urgency["name"] == expected
    assert urgency["signals"] == []


def test_a_message_without_classifier_scores_is_normal_unless_the_lexicon_fires() -> None:
    assert NET.decide(NEUTRAL_TEXT, None)["name"] == "normal"


def test_a_language_can_have_its_own_threshold() -> None:
    net = AcuteSafetyNet({"acute_threshold": 0.55, "acute_threshold_by_language": {"se": 0.6}})
    scores = _classified(0.57, 0.3, 0.13)
    assert net.decide(NEUTRAL_TEXT, scores, "nb")["name"] == "acute"
    assert net.decide(NEUTRAL_TEXT, scores, None)["name"] == "acute"  # undetected: the default
    assert net.decide(NEUTRAL_TEXT, scores, "se")["name"] == "high"


def test_process_reads_the_detected_language_from_the_message() -> None:
    from rasa.shared.nlu.training_data.message import Message

    net = AcuteSafetyNet({"acute_threshold": 0.55, "acute_threshold_by_language": {"se": 0.6}})
    decided = {}
    for code in ("nn", "se"):
        message = Message(data={"text": NEUTRAL_TEXT, "language": {"code": code},
                                "urgency": _classified(0.57, 0.3, 0.13)})
        decided[code] = net.process([message])[0].get("urgency")["name"]
    assert decided == {"nn": "acute", "se": "high"}
