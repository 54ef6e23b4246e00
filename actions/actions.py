"""Rasa custom actions: thin adapters from the tracker to `triage.dialogue.respond` and back.

All the deciding happens in `triage/` (shared with the CLI and the HTTP API); an action only
reads slots and the latest NLU result, sends the catalogue sentences, and stores the new state.
"""
from __future__ import annotations

import logging
import os
from datetime import datetime
from typing import Any, Dict, List, Optional, Text
from zoneinfo import ZoneInfo

from rasa_sdk import Action, Tracker
from rasa_sdk.events import Restarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from stats.recorder import record_turn
from triage.contact_links import links_for
from triage.decide import Analysis, Decision, State
from triage.dialogue import respond

OSLO = ZoneInfo("Europe/Oslo")
# Tests run the action server with this set, so a conversation can carry its own clock
# (`metadata.at`) and assert opening hours. Never set it in production.
TEST_CLOCK_ENV = "HJELPELOS_TEST_CLOCK"
# A loopback port for this process's Prometheus counters (e.g. hjelpelos_stats_failures_total).
METRICS_PORT_ENV = "HJELPELOS_ACTIONS_METRICS_PORT"
SLOTS = {
    "language": "hl_language", "age": "hl_age", "topic": "hl_topic",
    "channel": "hl_channel", "pending": "hl_pending", "offered": "hl_offered",
    "language_chosen": "hl_language_chosen",
    "acute": "hl_acute", "emergency_kinds": "hl_emergency",
}


def serve_metrics() -> None:
    """The action server has no HTTP route of ours; its counters get their own loopback port."""
    port = os.environ.get(METRICS_PORT_ENV)
    if port:
        from prometheus_client import start_http_server

        from bot.metrics import REGISTRY

        try:
            start_http_server(int(port), addr="127.0.0.1", registry=REGISTRY)
        except (OSError, ValueError) as error:  # a busy or bad port must not stop the actions
            logging.getLogger("hjelpelos.actions").warning("metrics port %s not served: %s", port, error)


serve_metrics()


def now_for(metadata: Dict[str, Any]) -> datetime:
    if os.environ.get(TEST_CLOCK_ENV) == "1" and metadata.get("at"):
        moment = datetime.fromisoformat(metadata["at"])
        return moment.replace(tzinfo=OSLO) if moment.tzinfo is None else moment
    return datetime.now(OSLO)


def state_from(tracker: Tracker, metadata: Dict[str, Any]) -> State:
    age = tracker.get_slot(SLOTS["age"])
    channel = tracker.get_slot(SLOTS["channel"]) or metadata.get("channel") or "web"
    return State(
        language=tracker.get_slot(SLOTS["language"]),
        age=int(age) if age is not None else None,
        topic=tracker.get_slot(SLOTS["topic"]),
        channel="sms" if channel == "sms" else "web",
        pending=tracker.get_slot(SLOTS["pending"]),
        offered=list(tracker.get_slot(SLOTS["offered"]) or []),
        language_chosen=bool(tracker.get_slot(SLOTS["language_chosen"])),
        acute=bool(tracker.get_slot(SLOTS["acute"])),
        emergency_kinds=list(tracker.get_slot(SLOTS["emergency_kinds"]) or []),
    )


def stats_channel(input_channel: Optional[str], metadata: Dict[str, Any]) -> Optional[str]:
    """The channel a demand event is counted under; None for the terminal chat (never counted).

    The gateway forwards the widget, REST clients and SMS to Rasa's REST channel; the widget
    says so in `metadata.client`, SMS in `metadata.channel`.
    """
    if metadata.get("client") == "cli":
        return None
    if metadata.get("channel") == "sms":
        return "sms"
    if metadata.get("client") == "widget":
        return "widget"
    return "socketio" if input_channel == "socketio" else "rest"


def slot_events(decision: Decision) -> List[SlotSet]:
    state = decision.state
    return [
        SlotSet(SLOTS["language"], decision.language),
        SlotSet(SLOTS["age"], float(state.age) if state.age is not None else None),
        SlotSet(SLOTS["topic"], state.topic),
        SlotSet("hl_urgency", decision.urgency),
        SlotSet(SLOTS["channel"], state.channel),
        SlotSet(SLOTS["pending"], state.pending),
        SlotSet(SLOTS["offered"], state.offered),
        SlotSet(SLOTS["language_chosen"], state.language_chosen),
        SlotSet(SLOTS["acute"], state.acute),
        SlotSet(SLOTS["emergency_kinds"], state.emergency_kinds),
    ]


def turn_data(decision: Decision) -> Dict[str, Any]:
    """What a client needs besides the text: the reply language (the SMS layer's own texts
    follow it) and the phone numbers shown, as `tel:` links built from the handover data."""
    return {
        "language": decision.reply_language,
        "links": links_for(decision.replies, decision.emergency, decision.handover),
    }


class HjelpelosAction(Action):
    """Every action answers through `respond`, so acute danger is handled first everywhere."""

    action_name = ""

    def name(self) -> Text:
        return self.action_name

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        latest = tracker.latest_message or {}
        metadata = latest.get("metadata") or {}
        page_language: Optional[str] = metadata.get("language")
        at, state = now_for(metadata), state_from(tracker, metadata)
        offered_before, acute_before = list(state.offered), state.acute
        decision = respond(Analysis.from_parse(latest), at, state, page_language)
        # Queued for the statistics; never delays or breaks the reply.
        record_turn(decision, at, stats_channel(tracker.get_latest_input_channel(), metadata),
                    offered_before, acute_before)
        for i, reply in enumerate(decision.replies):
            last = i == len(decision.replies) - 1
            dispatcher.utter_message(text=reply, buttons=decision.buttons if last and decision.buttons else None)
        # Under `data`: Rasa's socket.io channel emits a custom message's `data` as `bot_uttered`.
        dispatcher.utter_message(json_message={"data": turn_data(decision)})
        return self.events_after(decision)

    def events_after(self, decision: Decision) -> List[Dict[Text, Any]]:
        return slot_events(decision)


class ActionTriage(HjelpelosAction):
    action_name = "action_triage"


class ActionGreet(HjelpelosAction):
    action_name = "action_greet"


class ActionFollowup(HjelpelosAction):
    action_name = "action_followup"


class ActionThanks(HjelpelosAction):
    action_name = "action_thanks"


class ActionSwitchLanguage(HjelpelosAction):
    action_name = "action_switch_language"


class ActionStop(HjelpelosAction):
    """Ends the conversation: the goodbye is sent, then the tracker restarts and is deleted.

    Only when the dialogue really ended it: while danger lasts, "det slutter ikke å blø" read as
    `stop` is answered as continued danger, and the conversation (its acute state, age and
    language) must survive the turn."""

    action_name = "action_stop"

    def events_after(self, decision: Decision) -> List[Dict[Text, Any]]:
        return [Restarted()] if decision.ends_conversation else slot_events(decision)
