"""`hjelpelos eval-conversations`: replay multi-turn conversations and check every turn.

Each conversation (eval/conversations/<lang>.jsonl) is played through the same NLU and the
same `triage.dialogue.respond` the Rasa actions use, with the conversation state carried from
turn to turn as the actions carry it in slots. Every turn has expectations written with it:
whether the reply must carry 112/113, the writer's age as known so far, the topic, and the
reply language. Reported per language and pooled:

- emergency recall per turn (turns inside an acute situation whose reply carries 112/113), and
  emergency lines on turns that expected none;
- age questions asked although the age was known, and offers whose age band excludes the
  writer's known age;
- reply-language accuracy, and topic accuracy where the turn names a topic.
"""
from __future__ import annotations

import argparse
import asyncio
import json
from collections import defaultdict
from datetime import datetime
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence

from bot.cli.evaluate import DEFAULT_AT, EVAL_DIR, load_heldout

CONVERSATIONS_DIR = EVAL_DIR / "conversations"
EMERGENCY_NUMBERS = ("112", "113")


def add_parsers(subparsers) -> None:
    parser = subparsers.add_parser("eval-conversations", help="replay multi-turn conversations, check every turn")
    parser.add_argument("--folder", default=str(CONVERSATIONS_DIR), help="folder of <lang>.jsonl conversations")
    parser.add_argument("--model", help="trained Rasa model (default: newest in models/)")
    parser.add_argument("--at", default=DEFAULT_AT, help="Europe/Oslo time the conversations happen at")
    parser.add_argument("--errors", action="store_true", help="also print each failed check with its turn")
    parser.set_defaults(func=run)


def load_conversations(folder: Path) -> List[Dict[str, Any]]:
    """Every conversation of the folder's <lang>.jsonl files (one JSON object a line, as the sets)."""
    return load_heldout(folder)


async def replay(nlu: Any, conversation: Dict[str, Any], at: datetime) -> List[Any]:
    """The bot's decision for every turn, with the state carried between turns."""
    from triage.decide import Analysis, State
    from triage.dialogue import respond

    channel = conversation.get("channel", "web")
    state = State(channel=channel)
    decisions = []
    for turn in conversation["turns"]:
        analysis = Analysis.from_parse(await nlu.parse(turn["text"]))
        decision = respond(analysis, at, state, page_language=conversation.get("page_language"))
        decisions.append(decision)
        state = decision.state
    return decisions


def carries_emergency(decision: Any) -> bool:
    """The reply opens with an emergency line (emergency_* of the catalogues, with 112 or 113).

    The greeting also names 112/113 in passing, so the number alone does not count.
    """
    from triage import messages

    first = decision.replies[0] if decision.replies else ""
    for catalogue in [messages.catalogue(lang) for lang in messages.LANGUAGES] + \
            [messages.own_catalogue(lang) for lang in getattr(messages, "own_line_languages", tuple)()]:
        for key, entry in catalogue.items():
            if key.startswith("emergency") and key != "emergency_then" and _fills(entry["text"], first):
                return True
    return False


def _fills(template: str, line: str) -> bool:
    """`line` is `template` with {police}/{medical} filled by 112/113."""
    import re

    pattern = re.escape(template).replace(r"\{police\}", "(112|113)").replace(r"\{medical\}", "(112|113)")
    return re.fullmatch(pattern, line) is not None


def asks_age(decision: Any) -> bool:
    from triage import messages

    return any(reply == messages.text("ask_age", _reply_language(decision)) for reply in decision.replies)


def offers_outside_age(decision: Any, age: Optional[int]) -> List[str]:
    """Offered service/channel keys whose age band excludes `age`."""
    if age is None:
        return []
    import knowledge
    from knowledge.catalogue import _fits_age, channel_ages

    catalogue = knowledge.load_catalogue()
    route = catalogue.routing.topics.get(decision.topic) or catalogue.routing.topics["other"]
    wrong = []
    for offer in decision.handover:
        if offer.service in route.age_exempt:
            continue  # e.g. Alarmtelefonen for an adult worried about a child: its target group too
        service = catalogue.services[offer.service]
        channel = catalogue.channel(offer.service, offer.channel_id or offer.channel)
        if not _fits_age(*channel_ages(service, channel), age):
            wrong.append(f"{offer.service}/{offer.channel}")
    return wrong


def check(conversation: Dict[str, Any], decisions: Sequence[Any]) -> List[Dict[str, Any]]:
    """One record per turn: what was expected, what happened, and which checks failed."""
    records = []
    for index, (turn, decision) in enumerate(zip(conversation["turns"], decisions)):
        expect = turn["expect"]
        failed = []
        emergency = carries_emergency(decision)
        if expect.get("emergency") and not emergency:
            failed.append("missed_emergency")
        if not expect.get("emergency") and emergency:
            failed.append("extra_emergency")
        known_age = expect.get("age")
        previous_age = conversation["turns"][index - 1]["expect"].get("age") if index else None
        if previous_age is not None and asks_age(decision):
            failed.append("asked_known_age")
        if offers_outside_age(decision, known_age):
            failed.append("offer_outside_age")
        if _reply_language(decision) != expect.get("reply_language"):
            failed.append("reply_language")
        if expect.get("topic") and decision.topic != expect["topic"] and decision.state.topic != expect["topic"]:
            failed.append("topic")
        records.append({"id": conversation["id"], "turn": index + 1, "text": turn["text"],
                        "expect": expect, "failed": failed, "emergency": emergency,
                        "topic": decision.topic, "reply_language": _reply_language(decision)})
    return records


def summarise(records: Sequence[Dict[str, Any]]) -> Dict[str, Any]:
    acute = [r for r in records if r["expect"].get("emergency")]
    calm = [r for r in records if not r["expect"].get("emergency")]
    aged = [r for r in records if r["expect"].get("age") is not None]
    topical = [r for r in records if r["expect"].get("topic")]

    def share(part: Sequence, whole: Sequence) -> Optional[float]:
        return round(len(part) / len(whole), 3) if whole else None

    return {
        "turns": len(records),
        "emergency_recall": share([r for r in acute if "missed_emergency" not in r["failed"]], acute),
        "acute_turns": len(acute),
        "emergency_on_calm_turns": share([r for r in calm if "extra_emergency" in r["failed"]], calm),
        "asked_known_age": sum("asked_known_age" in r["failed"] for r in records),
        "offers_outside_age": sum("offer_outside_age" in r["failed"] for r in records),
        "turns_with_known_age": len(aged),
        "reply_language_accuracy": share([r for r in records if "reply_language" not in r["failed"]], records),
        "topic_accuracy": share([r for r in topical if "topic" not in r["failed"]], topical),
    }


async def evaluate(nlu: Any, conversations: Sequence[Dict[str, Any]], at: datetime) -> Dict[str, Any]:
    by_language: Dict[str, List[Dict[str, Any]]] = defaultdict(list)
    for conversation in conversations:
        by_language[conversation["language"]] += check(conversation, await replay(nlu, conversation, at))
    metrics = {language: summarise(records) for language, records in sorted(by_language.items())}
    metrics["pooled"] = summarise([r for records in by_language.values() for r in records])
    return {"metrics": metrics, "records": by_language}


def run(args: argparse.Namespace) -> int:
    from triage.service import LocalNlu, oslo_time

    conversations = load_conversations(Path(args.folder))
    result = asyncio.run(evaluate(LocalNlu(args.model), conversations, oslo_time(args.at)))
    print(json.dumps(result["metrics"], ensure_ascii=False, indent=2))  # the metrics are the output
    if args.errors:
        for language, records in result["records"].items():
            for record in records:
                if record["failed"]:
                    print(f"{record['id']} turn {record['turn']}: {', '.join(record['failed'])}: {record['text']}")
    return 0


def _reply_language(decision: Any) -> str:
    """The reply language (decisions made before the contract had the field: their language)."""
    return getattr(decision, "reply_language", None) or decision.language
