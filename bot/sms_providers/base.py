"""What every SMS provider adapter offers the gateway."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping, Protocol

import httpx
from starlette.responses import Response

MAX_MESSAGE_ID_CHARS = 128
MAX_SENDER_CHARS = 32


class InvalidSignature(Exception):
    """The delivery is not signed by the provider: refuse it (403), do nothing else."""


class MalformedDelivery(Exception):
    """The delivery cannot be read (missing field, wrong type, not UTF-8): refuse it (400/422)."""

    def __init__(self, reason: str, status_code: int = 422) -> None:
        super().__init__(reason)
        self.status_code = status_code


class ProviderError(Exception):
    """The provider's API refused or did not take a reply; carries only the HTTP status."""


@dataclass(frozen=True)
class InboundSms:
    """One delivered text message. `sender` is the raw number: hold it only to reply."""

    message_id: str
    sender: str = field(repr=False)
    text: str = field(repr=False)


class SmsProvider(Protocol):
    """An adapter: verify and parse a webhook delivery, acknowledge it, send a reply."""

    name: str

    def read(self, url: str, headers: Mapping[str, str], body: bytes) -> InboundSms:
        """Check the signature, then parse (raises InvalidSignature or MalformedDelivery)."""

    def acknowledge(self) -> Response:
        """The webhook's success answer in the provider's own format."""

    async def send(self, client: httpx.AsyncClient, to: str, text: str, in_reply_to: str) -> None:
        """Send one SMS body to `to` (E.164); raises ProviderError."""


def require_text(value: object, name: str, max_chars: int) -> str:
    """A non-empty string field of bounded length, or MalformedDelivery naming the field."""
    if not isinstance(value, str) or not value.strip():
        raise MalformedDelivery(f"'{name}' is missing or empty")
    if len(value) > max_chars:
        raise MalformedDelivery(f"'{name}' is longer than {max_chars} characters")
    return value.strip()
