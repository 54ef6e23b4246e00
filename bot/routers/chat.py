"""POST /webhooks/rest/webhook: the widget's and CLI's way into the dialogue, with limits.

Same request and reply shape as Rasa's REST channel, so any Rasa REST client works; the
gateway adds what Rasa does not: size limits, a rate limit per conversation, calm replies
from the catalogue when something is wrong, and no message text in logs.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional

import structlog
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field, validator

from bot.limits import RateLimiter, RedisRateLimiter
from bot.rasa_client import RasaUnavailable
from triage import messages

router = APIRouter(tags=["chat"])
log = structlog.get_logger("hjelpelos.chat")


class ChatIn(BaseModel):
    sender: str = Field(..., min_length=1, max_length=128)
    message: str = Field(..., max_length=20000)
    metadata: Optional[Dict[str, Any]] = None

    @validator("metadata", always=True)
    def keep_known_metadata(cls, value: Optional[Dict[str, Any]]) -> Dict[str, Any]:
        """Only the page language, channel and (tests only) clock pass through; nothing identifying."""
        value = value or {}
        kept = {k: value[k] for k in ("language", "channel", "at") if isinstance(value.get(k), str)}
        if kept.get("language") not in messages.LANGUAGES:
            kept.pop("language", None)
        if kept.get("channel") not in ("web", "sms"):
            kept["channel"] = "web"
        return kept


def _calm(key: str, language: Optional[str], status: int = 200) -> JSONResponse:
    return JSONResponse([{"recipient_id": None, "text": messages.text(key, language or "nb")}], status_code=status)


async def _allow(request: Request, sender: str) -> bool:
    """The per-conversation limit: in Redis when gateway workers share one, else in this process."""
    settings, state = request.app.state.settings, request.app.state
    if getattr(state, "chat_limiter", None) is None:
        redis = getattr(state, "redis", None)
        state.chat_limiter = (
            RedisRateLimiter(redis, settings.rate_limit_messages, settings.rate_limit_window_s, "hjelpelos:chat:rate:")
            if redis is not None else RateLimiter(settings.rate_limit_messages, settings.rate_limit_window_s))
    if isinstance(state.chat_limiter, RedisRateLimiter):
        return await state.chat_limiter.allow(sender)
    return state.chat_limiter.allow(sender)


@router.post("/webhooks/rest/webhook")
async def chat(body: ChatIn, request: Request) -> Any:
    settings = request.app.state.settings
    if not settings.test_clock:
        body.metadata.pop("at", None)
    language = (body.metadata or {}).get("language")
    text = body.message.replace("\x00", "").strip()
    if not text:
        return _calm("input_empty", language)
    if len(text) > settings.max_message_chars:
        return _calm("input_too_long", language)
    if not await _allow(request, body.sender):
        log.info("chat.rate_limited")
        return _calm("rate_limited", language, status=429)
    try:
        replies: List[Dict[str, Any]] = await request.app.state.rasa.send(body.sender, text, body.metadata)
    except RasaUnavailable:
        log.warning("chat.rasa_unavailable")
        return _calm("error_try_again", language, status=503)
    log.info("chat.replied", messages=len(replies))
    return replies
