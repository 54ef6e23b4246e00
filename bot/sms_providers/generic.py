"""The plain JSON contract (docs/sms.md) for any SMS gateway: HMAC-SHA256 signed JSON both ways."""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Mapping

import httpx
from starlette.responses import JSONResponse, Response

from bot.sms_providers.base import (
    MAX_MESSAGE_ID_CHARS,
    MAX_SENDER_CHARS,
    InboundSms,
    InvalidSignature,
    MalformedDelivery,
    ProviderError,
    require_text,
)

SIGNATURE_HEADER = "x-hjelpelos-signature"
SIGNATURE_PREFIX = "sha256="


def sign(secret: str, body: bytes) -> str:
    """The header value for a body: `sha256=` and the hex HMAC-SHA256 of the raw bytes."""
    return SIGNATURE_PREFIX + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


class GenericJsonProvider:
    """Inbound: POST /sms/inbound {message_id, from, text}. Outbound: POST {api}/messages."""

    name = "generic"

    def __init__(self, api_url: str, secret: str) -> None:
        self._api_url = api_url.rstrip("/")
        self._secret = secret

    def read(self, url: str, headers: Mapping[str, str], body: bytes) -> InboundSms:
        signature = headers.get(SIGNATURE_HEADER, "")
        if not signature:
            raise InvalidSignature("missing X-Hjelpelos-Signature")
        if not hmac.compare_digest(sign(self._secret, body).encode(), signature.strip().encode()):
            raise InvalidSignature("X-Hjelpelos-Signature does not match")
        try:
            data = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as error:
            raise MalformedDelivery("the body is not UTF-8 JSON", 400) from error
        if not isinstance(data, dict):
            raise MalformedDelivery("the body must be a JSON object")
        text = data.get("text")
        if not isinstance(text, str):
            raise MalformedDelivery("'text' is missing or not a string")
        return InboundSms(
            message_id=require_text(data.get("message_id"), "message_id", MAX_MESSAGE_ID_CHARS),
            sender=require_text(data.get("from"), "from", MAX_SENDER_CHARS),
            text=text,
        )

    def acknowledge(self) -> Response:
        return JSONResponse({"status": "accepted"}, status_code=202)

    async def send(self, client: httpx.AsyncClient, to: str, text: str, in_reply_to: str) -> None:
        body = json.dumps({"to": to, "text": text, "in_reply_to": in_reply_to}).encode("utf-8")
        headers = {
            "Content-Type": "application/json",
            "X-Hjelpelos-Signature": sign(self._secret, body),
        }
        try:
            response = await client.post(f"{self._api_url}/messages", content=body, headers=headers)
        except httpx.HTTPError as error:
            raise ProviderError(type(error).__name__) from None
        if not 200 <= response.status_code < 300:
            raise ProviderError(f"HTTP {response.status_code}")
