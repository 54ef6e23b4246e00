"""SMS provider adapters: each checks and parses its webhook and sends replies over its HTTP API."""

from bot.sms_providers.base import (
    InboundSms,
    InvalidSignature,
    MalformedDelivery,
    ProviderError,
    SmsProvider,
)
from bot.sms_providers.generic import GenericJsonProvider
from bot.sms_providers.twilio import TwilioProvider

__all__ = [
    "GenericJsonProvider",
    "InboundSms",
    "InvalidSignature",
    "MalformedDelivery",
    "ProviderError",
    "SmsProvider",
    "TwilioProvider",
]
