"""Twilio's SMS format, the most widely used: form-encoded webhooks signed with X-Twilio-Signature,
replies through the Messages REST API. Implemented from Twilio's documentation, without its SDK."""

from __future__ import annotations

import base64
import hashlib
import hmac
from typing import Dict, List, Mapping, Sequence, Tuple
from urllib.parse import parse_qsl, urlsplit, urlunsplit

import httpx
from starlette.responses import Response

from bot.sms_providers.base import (
    MAX_MESSAGE_ID_CHARS,
    MAX_SENDER_CHARS,
    InboundSms,
    InvalidSignature,
    MalformedDelivery,
    ProviderError,
    require_text,
)

SIGNATURE_HEADER = "x-twilio-signature"
EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'
DEFAULT_PORTS = {"https": 443, "http": 80}
MAX_FORM_FIELDS = 100  # Twilio sends about 20


def twilio_signature(auth_token: str, url: str, params: Sequence[Tuple[str, str]]) -> str:
    """Base64 HMAC-SHA1 of the full URL followed by each POST parameter's name and value, sorted."""
    grouped: Dict[str, List[str]] = {}
    for name, value in params:
        grouped.setdefault(name, []).append(value)
    data = url + "".join(
        name + value for name in sorted(grouped) for value in sorted(set(grouped[name]))
    )
    digest = hmac.new(auth_token.encode("utf-8"), data.encode("utf-8"), hashlib.sha1).digest()
    return base64.b64encode(digest).decode("ascii")


def url_variants(url: str) -> List[str]:
    """The URL as called, without and with the default port: Twilio signs whichever it used."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    default_port = DEFAULT_PORTS.get(parts.scheme)
    userinfo = parts.netloc.rpartition("@")[0]
    prefix = f"{userinfo}@" if userinfo else ""
    without_port = urlunsplit(parts._replace(netloc=f"{prefix}{host}"))
    variants = [url, without_port]
    if default_port and parts.port in (None, default_port):
        variants.append(urlunsplit(parts._replace(netloc=f"{prefix}{host}:{default_port}")))
    return list(dict.fromkeys(variants))


class TwilioProvider:
    """Inbound: POST form (From, To, Body, MessageSid). Outbound: Messages.json with basic auth."""

    name = "twilio"

    def __init__(self, api_url: str, account_sid: str, auth_token: str, from_number: str) -> None:
        self._api_url = api_url.rstrip("/")
        self._account_sid = account_sid
        self._auth_token = auth_token
        self._from_number = from_number

    def read(self, url: str, headers: Mapping[str, str], body: bytes) -> InboundSms:
        content_type = headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type != "application/x-www-form-urlencoded":
            raise MalformedDelivery("expected application/x-www-form-urlencoded", 415)
        try:
            params = parse_qsl(
                body.decode("utf-8"),
                keep_blank_values=True,
                strict_parsing=bool(body),
                encoding="utf-8",
                errors="strict",
                max_num_fields=MAX_FORM_FIELDS,
            )
        except (UnicodeDecodeError, ValueError) as error:
            raise MalformedDelivery("the form is not valid URL-encoded UTF-8", 400) from error
        self._verify(url, headers.get(SIGNATURE_HEADER, ""), params)
        fields = dict(params)
        if "Body" not in fields:
            raise MalformedDelivery("'Body' is missing")
        return InboundSms(
            message_id=require_text(fields.get("MessageSid"), "MessageSid", MAX_MESSAGE_ID_CHARS),
            sender=require_text(fields.get("From"), "From", MAX_SENDER_CHARS),
            text=fields["Body"],
        )

    def _verify(self, url: str, signature: str, params: Sequence[Tuple[str, str]]) -> None:
        if not signature:
            raise InvalidSignature("missing X-Twilio-Signature")
        for candidate in url_variants(url):
            expected = twilio_signature(self._auth_token, candidate, params)
            if hmac.compare_digest(expected.encode(), signature.encode()):
                return
        raise InvalidSignature("X-Twilio-Signature does not match")

    def acknowledge(self) -> Response:
        """Empty TwiML: the reply goes out through the REST API, not in the webhook answer."""
        return Response(EMPTY_TWIML, media_type="text/xml")

    async def send(self, client: httpx.AsyncClient, to: str, text: str, in_reply_to: str) -> None:
        url = f"{self._api_url}/2010-04-01/Accounts/{self._account_sid}/Messages.json"
        try:
            response = await client.post(
                url,
                data={"To": to, "From": self._from_number, "Body": text},
                auth=(self._account_sid, self._auth_token),
            )
        except httpx.HTTPError as error:
            raise ProviderError(type(error).__name__) from None
        if response.status_code not in (200, 201):
            # Twilio's error bodies can quote the number: keep only the status.
            raise ProviderError(f"HTTP {response.status_code}")
