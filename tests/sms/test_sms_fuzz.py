"""Property tests on the SMS parsers: any bytes, any text, any form or JSON a provider could send.

A delivery is either read or refused with MalformedDelivery / InvalidSignature (a clear 4xx);
nothing else may escape. Outbound texts always fit the SMS limits.
"""
from __future__ import annotations

import json
from urllib.parse import urlencode

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.channels.sms import (MAX_CHARS_PER_SMS, MAX_SEGMENTS_PER_SMS, Option, choose_option,
                              clean_inbound, count_segments, format_replies, pack_messages,
                              stop_word_language)
from bot.sms_providers.base import InboundSms, InvalidSignature, MalformedDelivery
from bot.sms_providers.generic import SIGNATURE_HEADER, GenericJsonProvider, sign
from bot.sms_providers.twilio import TwilioProvider, twilio_signature

SECRET = "fuzz-secret"
URL = "https://gateway.example/sms/twilio"
FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)
delivery = st.fixed_dictionaries({}, optional={
    "message_id": json_values | st.text(max_size=200), "from": json_values | st.text(max_size=40),
    "text": json_values | st.text(max_size=3000)})


def read_or_refuse(provider, headers, body) -> object:
    try:
        return provider.read(URL, headers, body)
    except (MalformedDelivery, InvalidSignature) as refusal:
        return refusal


@FUZZ
@given(st.binary(max_size=2000))
def test_generic_provider_reads_or_refuses_any_signed_bytes(body: bytes) -> None:
    result = read_or_refuse(GenericJsonProvider("http://127.0.0.1:9", SECRET), {SIGNATURE_HEADER: sign(SECRET, body)}, body)
    assert isinstance(result, (InboundSms, MalformedDelivery))


@FUZZ
@given(delivery | json_values)
def test_generic_provider_reads_or_refuses_any_signed_json(data: object) -> None:
    body = json.dumps(data).encode()
    result = read_or_refuse(GenericJsonProvider("http://127.0.0.1:9", SECRET), {SIGNATURE_HEADER: sign(SECRET, body)}, body)
    assert isinstance(result, (InboundSms, MalformedDelivery))
    if isinstance(result, InboundSms):
        assert result.text == data["text"] and result.sender and result.message_id


@FUZZ
@given(st.binary(max_size=500), st.text(max_size=60))
def test_any_unsigned_or_badly_signed_delivery_is_refused(body: bytes, signature: str) -> None:
    for provider, header, content_type in (
            (GenericJsonProvider("http://127.0.0.1:9", SECRET), SIGNATURE_HEADER, "application/json"),
            (TwilioProvider("http://127.0.0.1:9", "AC1", SECRET, "+4712345678"), "x-twilio-signature",
             "application/x-www-form-urlencoded")):
        result = read_or_refuse(provider, {header: signature, "content-type": content_type}, body)
        assert isinstance(result, (MalformedDelivery, InvalidSignature))


@FUZZ
@given(st.lists(st.tuples(st.sampled_from(["Body", "From", "MessageSid", "To"]) | st.text(max_size=10),
                          st.text(max_size=300)), max_size=8))
def test_twilio_reads_or_refuses_any_signed_form(fields) -> None:
    body = urlencode(fields).encode()
    provider = TwilioProvider("http://127.0.0.1:9", "AC1", SECRET, "+4712345678")
    headers = {"content-type": "application/x-www-form-urlencoded",
               "x-twilio-signature": twilio_signature(SECRET, URL, fields)}
    result = read_or_refuse(provider, headers, body)
    assert isinstance(result, (InboundSms, MalformedDelivery))
    if isinstance(result, InboundSms):
        assert result.text == dict(fields)["Body"]


@FUZZ
@given(st.text(max_size=4000))
def test_inbound_text_helpers_take_any_unicode(text: str) -> None:
    cleaned = clean_inbound(text)
    assert cleaned == cleaned.strip()
    stop, language = stop_word_language(cleaned)
    assert stop or language is None
    options = [Option("a", "/a"), Option("b", "/b")]
    assert choose_option(cleaned, options) in (None, "/a", "/b")


@FUZZ
@given(st.lists(st.text(max_size=2500), max_size=5))
def test_outbound_bodies_always_fit_one_sms(texts) -> None:
    for body in pack_messages(texts):
        assert len(body) <= MAX_CHARS_PER_SMS and count_segments(body)[1] <= MAX_SEGMENTS_PER_SMS


@FUZZ
@given(st.lists(json_values | st.fixed_dictionaries({"text": st.text(max_size=500)}, optional={
    "buttons": st.lists(st.fixed_dictionaries({"title": st.text(max_size=30), "payload": st.text(max_size=30)}),
                        max_size=4)}), max_size=4))
def test_any_bot_reply_shape_renders_as_sms(replies) -> None:
    bodies, options = format_replies(replies, "Svar med tall:")
    assert all(isinstance(body, str) and body for body in bodies)
    assert all(isinstance(option, Option) for option in options)
