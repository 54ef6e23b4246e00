"""POST /webhooks/rest/webhook: the widget's and CLI's way into the dialogue, with limits.

Same request and reply shape as Rasa's REST channel, so any Rasa REST client works; the
gateway adds what Rasa does not: size limits, a rate limit per conversation, calm replies
from the catalogue when something is wrong, and no message text in logs.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Tuple

import structlog
from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field, validator

from bot.limits import RateLimiter, RedisRateLimiter
from bot.rasa_client import RasaUnavailable
from triage import messages
from triage.contact_links import links_for

router = APIRouter(tags=["chat"])
# Which program sends, for the demand statistics: the web widget, or the terminal chat (never counted).
CLIENTS = ("widget", "cli")
log = structlog.get_logger("hjelpelos.chat")


def known_metadata(value: Any) -> Dict[str, Any]:
    """Only the page language, channel, client kind and (tests only) clock pass through;
    nothing identifying."""
    value = value if isinstance(value, dict) else {}
    kept = {k: value[k] for k in ("language", "channel", "at", "client") if isinstance(value.get(k), str)}
    if kept.get("client") not in CLIENTS:
        kept.pop("client", None)
    if kept.get("language") not in messages.LANGUAGES:
        kept.pop("language", None)
    if kept.get("channel") not in ("web", "sms"):
        kept["channel"] = "web"
    return kept


class ChatIn(BaseModel):
    sender: str = Field(..., min_length=1, max_length=128)
    message: str = Field(..., max_length=20000)
    metadata: Optional[Dict[str, Any]] = None

    @validator("metadata", always=True)
    def keep_known_metadata(cls, value: Optional[Dict[str, Any]]) -> Dict[str, Any]:
        return known_metadata(value)


def calm_reply(key: str, language: Optional[str]) -> List[Dict[str, Any]]:
    """A catalogue sentence in Rasa's reply shape, for limits and outages, with the same turn
    data the actions send (reply language, and 112 as a `tel:` link)."""
    language = language or "nb"
    text = messages.text(key, language)
    data = {"language": language, "links": links_for([text], [], [])}
    return [{"recipient_id": None, "text": text}, {"recipient_id": None, "custom": {"data": data}}]


async def _allow(app: FastAPI, sender: str) -> bool:
    """The per-conversation limit: in Redis when gateway workers share one, else in this process."""
    settings, state = app.state.settings, app.state
    if getattr(state, "chat_limiter", None) is None:
        redis = getattr(state, "redis", None)
        state.chat_limiter = (
            RedisRateLimiter(redis, settings.rate_limit_messages, settings.rate_limit_window_s, "hjelpelos:chat:rate:")
            if redis is not None else RateLimiter(settings.rate_limit_messages, settings.rate_limit_window_s))
    if isinstance(state.chat_limiter, RedisRateLimiter):
        return await state.chat_limiter.allow(sender)
    return state.chat_limiter.allow(sender)


async def answer(app: FastAPI, sender: str, message: Any, metadata: Dict[str, Any]) -> Tuple[int, List[Dict[str, Any]]]:
    """One turn for any web channel (REST, socket.io): limits, then Rasa, else a calm reply.

    Returns the HTTP status the REST channel answers with, and Rasa's replies.
    """
    settings = app.state.settings
    if not settings.test_clock:
        metadata.pop("at", None)
    language = metadata.get("language")
    text = message.replace("\x00", "").strip() if isinstance(message, str) else ""
    if not text:
        return 200, calm_reply("input_empty", language)
    if len(text) > settings.max_message_chars:
        return 200, calm_reply("input_too_long", language)
    if not await _allow(app, sender):
        log.info("chat.rate_limited")
        return 429, calm_reply("rate_limited", language)
    try:
        replies: List[Dict[str, Any]] = await app.state.rasa.send(sender, text, metadata)
    except RasaUnavailable:
        log.warning("chat.rasa_unavailable")
        return 503, calm_reply("error_try_again", language)
    log.info("chat.replied", messages=len(replies))
    return 200, replies


@router.post("/webhooks/rest/webhook")
async def chat(body: ChatIn, request: Request) -> JSONResponse:
    status, replies = await answer(request.app, body.sender, body.message, body.metadata)
    return JSONResponse(replies, status_code=status)
