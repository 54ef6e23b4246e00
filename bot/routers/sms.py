"""The SMS channel: provider webhook → checks → Rasa → SMS-shaped reply through the provider's API.

A sender's number is turned into a keyed hash (the conversation ID) as soon as the delivery is
verified; the number itself is held only by the task that sends the reply, never stored or logged.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import ssl
import time
from contextlib import asynccontextmanager
from functools import lru_cache
from pathlib import Path
from typing import (
    Any,
    AsyncIterator,
    Dict,
    List,
    Mapping,
    Optional,
    Sequence,
    Tuple,
)

import certifi
import httpx
import phonenumbers
import structlog
from fastapi import APIRouter, BackgroundTasks, HTTPException, Request
from starlette.responses import JSONResponse, Response

from bot.channels.sms import (
    SmsTexts,
    choose_option,
    clean_inbound,
    count_segments,
    format_replies,
    pack_messages,
    prefer_gsm7,
    stop_word_language,
)
from bot.channels.sms_state import (  # noqa: F401  (MEMORY_TTL_S: the tests' clock)
    MEMORY_TTL_S,
    ConversationMemory,
    InMemorySmsState,
    RedisSmsState,
    SmsState,
)
from bot.rasa_client import RasaUnavailable
from bot.settings import Settings
from bot.sms_providers import (
    GenericJsonProvider,
    InboundSms,
    InvalidSignature,
    MalformedDelivery,
    ProviderError,
    SmsProvider,
    TwilioProvider,
)

log = structlog.get_logger(__name__)
router = APIRouter(prefix="/sms", tags=["sms"])

DEFAULT_LANGUAGES_DIR = Path(__file__).resolve().parents[2] / "languages"
MAX_BODY_BYTES = 16 * 1024  # a Twilio delivery is about 1 KiB; a 1600-character text fits easily
SEND_TIMEOUT_S = 10.0
SMS_METADATA = {"channel": "sms"}


class SmsGateway:
    """Everything between a verified delivery and the replies sent back."""

    def __init__(
        self,
        settings: Settings,
        languages_dir: Optional[Path] = None,
        clock: Any = time.monotonic,
        state: Optional[SmsState] = None,
    ) -> None:
        missing = [
            name for name in ("sms_hash_key", "sms_provider_url") if not getattr(settings, name)
        ]
        if missing:
            raise RuntimeError(f"SMS channel not configured: {', '.join(missing)} empty")
        self.settings = settings
        self.texts = SmsTexts(
            languages_dir or Path(getattr(settings, "languages_dir", "") or DEFAULT_LANGUAGES_DIR),
            getattr(settings, "sms_default_language", "nb"),
        )
        self.texts.check()
        self.providers: Dict[str, SmsProvider] = {}
        if settings.sms_account_sid and settings.sms_auth_token and settings.sms_from_number:
            self.providers["twilio"] = TwilioProvider(
                settings.sms_provider_url,
                settings.sms_account_sid,
                settings.sms_auth_token,
                settings.sms_from_number,
            )
        if settings.sms_webhook_secret:
            self.providers["generic"] = GenericJsonProvider(
                settings.sms_provider_url, settings.sms_webhook_secret
            )
        self._hash_key = settings.sms_hash_key.encode("utf-8")
        self.state: SmsState = state or InMemorySmsState(
            settings.rate_limit_messages, settings.rate_limit_window_s, clock
        )
        self._locks: Dict[str, Tuple[asyncio.Lock, int]] = {}

    def conversation_id(self, sender: str) -> Tuple[str, str]:
        """The E.164 number (to reply to) and its keyed hash (the only ID that is kept)."""
        try:
            number = phonenumbers.parse(sender, "NO")
        except phonenumbers.NumberParseException:
            raise MalformedDelivery("the sender is not a phone number") from None
        if not phonenumbers.is_possible_number(number):
            raise MalformedDelivery("the sender is not a phone number")
        e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        digest = hmac.new(self._hash_key, e164.encode("ascii"), hashlib.sha256).hexdigest()
        return e164, f"sms-{digest}"

    async def claim_delivery(self, provider: str, message_id: str) -> bool:
        """True the first time a delivery is seen; a retry or replay of it gets False."""
        key = hashlib.sha256(f"{provider}\n{message_id}".encode("utf-8")).hexdigest()
        return await self.state.claim_delivery(key)

    async def allow(self, conversation_id: str) -> bool:
        return await self.state.allow(conversation_id)

    async def answer(
        self,
        rasa: Any,
        provider: SmsProvider,
        inbound_id: str,
        to: str,
        conversation_id: str,
        text: str,
    ) -> None:
        """Run one inbound message through the bot and send the replies; never raises."""
        try:
            async with self._conversation_lock(conversation_id):
                bodies = await self._replies_for(rasa, provider.name, conversation_id, text)
                await self._send_all(provider, to, bodies, inbound_id)
        except Exception as error:  # a background task has no caller to raise to
            log.error("sms.answer_failed", provider=provider.name, error=type(error).__name__)

    async def _replies_for(
        self, rasa: Any, provider: str, conversation_id: str, text: str
    ) -> List[str]:
        memory = await self.state.recall(conversation_id)
        is_stop, stop_language = stop_word_language(text)
        language = stop_language or memory.language
        if is_stop:
            await self.state.forget(conversation_id)
            try:
                await rasa.delete_conversation(conversation_id)
            except RasaUnavailable:
                log.warning("sms.rasa_unavailable", provider=provider, during="stop")
                return self._catalogue_bodies("error_try_again", language)
            log.info("sms.stopped", provider=provider)
            return self._catalogue_bodies("stop_reply", language)
        if len(text) > self.settings.max_message_chars:
            log.info("sms.too_long", provider=provider, chars=len(text))
            return self._catalogue_bodies("input_too_long", language)
        message = choose_option(text, memory.options) or text
        try:
            replies = await rasa.send(conversation_id, message, dict(SMS_METADATA))
        except RasaUnavailable:
            log.warning("sms.rasa_unavailable", provider=provider, during="send")
            return self._catalogue_bodies("error_try_again", language)
        replies = replies if isinstance(replies, list) else []
        language = reply_language(replies) or language
        bodies, options = format_replies(replies, self.texts.get("sms_options_prefix", language))
        await self.state.remember(conversation_id, ConversationMemory(options=options, language=language))
        return bodies

    def _catalogue_bodies(self, key: str, language: Optional[str]) -> List[str]:
        return pack_messages([prefer_gsm7(self.texts.get(key, language))])

    async def _send_all(
        self, provider: SmsProvider, to: str, bodies: Sequence[str], inbound_id: str
    ) -> None:
        segments = [count_segments(body) for body in bodies]
        async with httpx.AsyncClient(timeout=SEND_TIMEOUT_S, verify=tls_context()) as client:
            for body in bodies:
                try:
                    await provider.send(client, to, body, inbound_id)
                except ProviderError as error:
                    log.error("sms.send_failed", provider=provider.name, error=str(error))
                    return
        log.info(
            "sms.replied",
            provider=provider.name,
            messages=len(bodies),
            segments=sum(count for _, count in segments),
            encodings=sorted({encoding for encoding, _ in segments}),
        )

    @asynccontextmanager
    async def _conversation_lock(self, conversation_id: str) -> AsyncIterator[None]:
        """One message at a time per conversation, so replies and numbered options stay in order."""
        lock, users = self._locks.get(conversation_id, (asyncio.Lock(), 0))
        self._locks[conversation_id] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            lock, users = self._locks[conversation_id]
            if users <= 1:
                del self._locks[conversation_id]
            else:
                self._locks[conversation_id] = (lock, users - 1)


@lru_cache(maxsize=1)
def tls_context() -> ssl.SSLContext:
    """Loading the CA bundle takes tens of milliseconds: do it once, not per reply."""
    return ssl.create_default_context(cafile=certifi.where())


def reply_language(replies: Sequence[Any]) -> Optional[str]:
    """The language the bot answered in: the actions' turn data (`custom.data.language`)."""
    for reply in replies:
        if not isinstance(reply, Mapping):
            continue
        custom = reply.get("custom")
        data = custom.get("data") if isinstance(custom, Mapping) else None
        for extra in (data, custom, reply.get("metadata")):
            if isinstance(extra, Mapping) and isinstance(extra.get("language"), str):
                return extra["language"]
    return None


def get_sms_gateway(request: Request) -> SmsGateway:
    """The app's SMS gateway, built on first use from its settings (503 if not configured)."""
    gateway = getattr(request.app.state, "sms", None)
    if gateway is None:
        settings = request.app.state.settings
        redis = getattr(request.app.state, "redis", None)
        state = (RedisSmsState(redis, settings.rate_limit_messages, settings.rate_limit_window_s)
                 if redis is not None else None)
        try:
            gateway = SmsGateway(settings, state=state)
        except (RuntimeError, KeyError) as error:
            log.error("sms.not_configured", error=str(error))
            raise HTTPException(503, "SMS channel not configured") from None
        request.app.state.sms = gateway
    return gateway


async def read_body(request: Request, limit: int = MAX_BODY_BYTES) -> bytes:
    """The raw body (signatures are over bytes), refused with 413 beyond `limit`."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise HTTPException(413, f"body larger than {limit} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPException(413, f"body larger than {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def public_url(request: Request, settings: Settings) -> str:
    """The URL the provider called (and signed): behind a proxy, from the configured public base."""
    base = getattr(settings, "sms_public_base_url", "")
    if not base:
        return str(request.url)
    query = f"?{request.url.query}" if request.url.query else ""
    return f"{base.rstrip('/')}{request.url.path}{query}"


async def receive(request: Request, background: BackgroundTasks, provider_name: str) -> Response:
    """Verify, parse, dedupe, rate-limit; the bot is asked after the webhook has answered."""
    gateway = get_sms_gateway(request)
    provider = gateway.providers.get(provider_name)
    if provider is None:
        log.error("sms.not_configured", provider=provider_name)
        raise HTTPException(503, f"SMS provider '{provider_name}' not configured")
    body = await read_body(request)
    try:
        inbound: InboundSms = provider.read(
            public_url(request, gateway.settings), request.headers, body
        )
        to, conversation_id = gateway.conversation_id(inbound.sender)
    except InvalidSignature as error:
        log.warning("sms.rejected", provider=provider_name, status=403, reason=str(error))
        raise HTTPException(403, str(error)) from None
    except MalformedDelivery as error:
        log.warning(
            "sms.rejected", provider=provider_name, status=error.status_code, reason=str(error)
        )
        raise HTTPException(error.status_code, str(error)) from None
    text = clean_inbound(inbound.text)
    if not text:
        log.info("sms.rejected", provider=provider_name, status=422, reason="empty message")
        raise HTTPException(422, "the message is empty")
    if not await gateway.claim_delivery(provider_name, inbound.message_id):
        log.info("sms.duplicate", provider=provider_name)
        return _duplicate_answer(provider)
    if not await gateway.allow(conversation_id):
        log.warning("sms.rate_limited", provider=provider_name)
        raise HTTPException(429, "too many messages from this sender; wait a little")
    background.add_task(
        gateway.answer,
        request.app.state.rasa,
        provider,
        inbound.message_id,
        to,
        conversation_id,
        text,
    )
    return provider.acknowledge()


def _duplicate_answer(provider: SmsProvider) -> Response:
    if provider.name == "generic":
        return JSONResponse({"status": "duplicate"}, status_code=200)
    return provider.acknowledge()


@router.post("/twilio", summary="Twilio messaging webhook (form-encoded, X-Twilio-Signature)")
async def twilio_webhook(request: Request, background: BackgroundTasks) -> Response:
    """Answers with empty TwiML; replies go out through Twilio's Messages API."""
    return await receive(request, background, "twilio")


@router.post("/inbound", summary="Generic JSON webhook (X-Hjelpelos-Signature), see docs/sms.md")
async def generic_webhook(request: Request, background: BackgroundTasks) -> Response:
    """202 {"status": "accepted"}, or 200 {"status": "duplicate"}; replies: {provider}/messages."""
    return await receive(request, background, "generic")
