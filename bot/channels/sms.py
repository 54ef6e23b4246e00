"""SMS formatting: bot replies become as few, cheap text messages as reasonable.

Pure functions and small in-memory stores, no I/O except reading the message catalogue, so the
whole SMS layer can be tested without a gateway, a provider or a Rasa server.
"""

from __future__ import annotations

import re
import time
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import (
    Any,
    Dict,
    Generic,
    Iterable,
    List,
    Mapping,
    Optional,
    Sequence,
    Tuple,
    TypeVar,
)

import phonenumbers
from phonenumbers import shortnumberinfo

from triage import messages

# GSM 03.38 basic character set (the escape 0x1B itself is not a character one can send) ...
GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
# ... and its extension table: each of these costs two septets (escape + character).
GSM7_EXTENSION = frozenset("\f^{}\\[~]|€")

GSM7 = "GSM-7"
UCS2 = "UCS-2"
# Septets (GSM-7) or UTF-16 code units (UCS-2) per message: single, and per part of a long one
# (the user data header of a concatenated SMS takes the rest).
SEGMENT_LIMITS = {GSM7: (160, 153), UCS2: (70, 67)}

# Longest body sent as one (concatenated) SMS; providers and older handsets cope with this.
MAX_SEGMENTS_PER_SMS = 10
MAX_CHARS_PER_SMS = 1600
MESSAGE_SEPARATOR = "\n\n"

# Typography that needlessly forces UCS-2 (half the characters per segment). Replaced only when
# the whole text then fits GSM-7: a text with Sami letters is UCS-2 anyway and keeps its typography.
GSM7_LOOKALIKES = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u2032", "'"),  # ‘ ’ ‚ ′
        **dict.fromkeys("\u201c\u201d\u201e«»", '"'),  # “ ” „ « »
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2212", "-"),  # hyphens, dashes, minus
        **dict.fromkeys("\u00a0\u202f\u2009\u2007", " "),  # no-break and thin spaces
        **dict.fromkeys("\u2022\u00b7", "*"),  # bullets
        "\u2026": "...",
    }
)

STOP_WORDS = {"stop": None, "stopp": None, "slutt": None, "heaitte": "se"}
"""Words that end an SMS conversation, and the language they imply (None: keep the current one)."""

CATALOGUE_KEYS = ("stop_reply", "sms_options_prefix", "error_try_again", "input_too_long")
LANGUAGES = ("nb", "nn", "en", "se")

_URL = re.compile(r"(?:https?://|www\.)[^\s<>()\[\]]+[^\s<>()\[\].,;:!?'\"]", re.IGNORECASE)
_MARKDOWN_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
_PHONE_CANDIDATE = re.compile(
    r"(?<![\w/+-])(?<!\d[.,:])\+?\d(?:[ \u00a0]?\d){2,11}(?![\w/-]|[.,:]\d)"
)
_OPTION_CHOICE = re.compile(r"^\s*(\d{1,2})\s*[.)]?\s*$")
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def count_segments(text: str) -> Tuple[str, int]:
    """Return the encoding and the number of SMS segments the text is billed as.

    A long GSM-7 message never splits an escape pair across parts, nor UCS-2 a surrogate pair,
    so the count packs part by part instead of dividing.
    """
    encoding = GSM7 if is_gsm7(text) else UCS2
    units = _code_units(text, encoding)
    single, per_part = SEGMENT_LIMITS[encoding]
    if sum(units) <= single:
        return encoding, 1 if units else 0
    segments, used = 1, 0
    for size in units:
        if used + size > per_part:
            segments, used = segments + 1, 0
        used += size
    return encoding, segments


def is_gsm7(text: str) -> bool:
    """True if every character has a GSM-7 encoding (basic or extension table)."""
    return all(char in GSM7_BASIC or char in GSM7_EXTENSION for char in text)


def _code_units(text: str, encoding: str) -> List[int]:
    if encoding == GSM7:
        return [2 if char in GSM7_EXTENSION else 1 for char in text]
    return [2 if ord(char) > 0xFFFF else 1 for char in text]


def prefer_gsm7(text: str) -> str:
    """Swap typographic characters for GSM-7 lookalikes if that makes the whole text GSM-7."""
    if is_gsm7(text):
        return text
    plain = text.translate(GSM7_LOOKALIKES)
    return plain if is_gsm7(plain) else text


def clean_inbound(text: str) -> str:
    """Drop control characters and surrounding blanks from what a handset sent."""
    return _CONTROL_CHARS.sub("", text).strip()


def stop_word_language(text: str) -> Tuple[bool, Optional[str]]:
    """Is the message a stop word (any case, trailing "." or "!"), and which language it implies."""
    word = text.strip().strip(".!").strip().casefold()
    if word in STOP_WORDS:
        return True, STOP_WORDS[word]
    return False, None


def contains_phone_number(text: str) -> bool:
    """True if the text names a Norwegian phone number or short number (112, 116 111, ...)."""
    for match in _PHONE_CANDIDATE.finditer(text):
        try:
            number = phonenumbers.parse(match.group(), "NO")
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number) or shortnumberinfo.is_valid_short_number(number):
            return True
    return False


def strip_links(text: str) -> str:
    """Links cost segments and are hard to open from an SMS: where the message names a number to
    call, drop them; otherwise keep them, since a web address may be the only verified contact."""
    text = _MARKDOWN_LINK.sub(_markdown_link_as_text, text)
    if not contains_phone_number(text):
        return text
    lines = []
    for line in text.split("\n"):
        if not _URL.search(line):
            lines.append(line)
            continue
        line = _URL.sub("", line)
        line = re.sub(r"\(\s*\)|\[\s*\]", "", line)
        line = re.sub(r"[ \t]{2,}", " ", line).strip()
        line = re.sub(r"\s+([.,;!?])", r"\1", line)
        # What is left of a line that was only "Chat: <link>" says nothing on its own.
        if line.rstrip(":-–— ").strip() and not line.endswith(":"):
            lines.append(line)
    return "\n".join(lines).strip()


def _markdown_link_as_text(match: "re.Match[str]") -> str:
    label, target = match.group(1), match.group(2)
    if target.lower().startswith("tel:") or label.strip() == target.strip():
        return label
    return f"{label}: {target}"


@dataclass(frozen=True)
class Option:
    """One quick-reply button, offered by number over SMS."""

    title: str
    payload: str


def render_reply(
    reply: Mapping[str, Any], options_prefix: str, first_number: int
) -> Tuple[str, List[Option]]:
    """Turn one Rasa REST reply into SMS text; buttons become "1 …", "2 …" after the prefix."""
    parts = []
    text = strip_links(str(reply.get("text") or "")).strip()
    if text:
        parts.append(text)
    options = [
        Option(title=str(button.get("title", "")).strip(), payload=str(button.get("payload", "")))
        for button in reply.get("buttons") or []
        if isinstance(button, Mapping) and button.get("title") and button.get("payload")
    ]
    if options:
        numbered = [f"{first_number + i} {option.title}" for i, option in enumerate(options)]
        parts.append("\n".join([options_prefix, *numbered]))
    return "\n".join(parts), options


def format_replies(
    replies: Sequence[Mapping[str, Any]], options_prefix: str
) -> Tuple[List[str], List[Option]]:
    """Render a turn of bot replies as SMS bodies, and the options the user may answer by number."""
    texts: List[str] = []
    options: List[Option] = []
    for reply in replies:
        if not isinstance(reply, Mapping):
            continue
        text, reply_options = render_reply(reply, options_prefix, len(options) + 1)
        options.extend(reply_options)
        if text:
            texts.append(prefer_gsm7(text))
    return pack_messages(texts), options


def pack_messages(texts: Iterable[str]) -> List[str]:
    """Join consecutive bot messages into one SMS body when that costs no extra segments.

    Joining a GSM-7 text with a UCS-2 one can make the whole body UCS-2 and cost more, so each
    join is priced before it is made.
    """
    bodies: List[str] = []
    for text in texts:
        for piece in split_to_fit(text):
            if bodies:
                joined = bodies[-1] + MESSAGE_SEPARATOR + piece
                separate = count_segments(bodies[-1])[1] + count_segments(piece)[1]
                if _fits(joined) and count_segments(joined)[1] <= separate:
                    bodies[-1] = joined
                    continue
            bodies.append(piece)
    return bodies


def split_to_fit(text: str) -> List[str]:
    """Cut a text too long for one concatenated SMS at line breaks, or failing that at spaces."""
    if _fits(text):
        return [text]
    for separator in ("\n", " "):
        pieces = text.split(separator)
        if len(pieces) > 1:
            bodies: List[str] = []
            for piece in pieces:
                candidate = f"{bodies[-1]}{separator}{piece}" if bodies else piece
                if bodies and _fits(candidate):
                    bodies[-1] = candidate
                elif _fits(piece):
                    bodies.append(piece)
                else:
                    bodies.extend(split_to_fit(piece))
            return [body.strip() for body in bodies if body.strip()]
    half = len(text) // 2
    return split_to_fit(text[:half]) + split_to_fit(text[half:])


def _fits(text: str) -> bool:
    return len(text) <= MAX_CHARS_PER_SMS and count_segments(text)[1] <= MAX_SEGMENTS_PER_SMS


def choose_option(text: str, options: Sequence[Option]) -> Optional[str]:
    """The payload of the option a reply like "2" picks, or None when it picks none of them."""
    match = _OPTION_CHOICE.match(text)
    if not match or not options:
        return None
    number = int(match.group(1))
    return options[number - 1].payload if 1 <= number <= len(options) else None


V = TypeVar("V")


class TtlCache(Generic[V]):
    """A small bounded map whose entries expire: memory use stays flat under any load."""

    def __init__(self, ttl_s: float, max_entries: int, clock: Any = time.monotonic) -> None:
        self._ttl_s = ttl_s
        self._max_entries = max_entries
        self._clock = clock
        self._entries: "OrderedDict[str, Tuple[float, V]]" = OrderedDict()

    def get(self, key: str) -> Optional[V]:
        self._expire()
        entry = self._entries.get(key)
        return entry[1] if entry else None

    def set(self, key: str, value: V) -> None:
        self._expire()
        self._entries.pop(key, None)
        self._entries[key] = (self._clock() + self._ttl_s, value)
        while len(self._entries) > self._max_entries:
            self._entries.popitem(last=False)

    def add_if_absent(self, key: str, value: V) -> bool:
        """Store the key unless present; True if it was new (used to claim a delivery once)."""
        if self.get(key) is not None:
            return False
        self.set(key, value)
        return True

    def pop(self, key: str) -> None:
        self._entries.pop(key, None)

    def __len__(self) -> int:
        self._expire()
        return len(self._entries)

    def _expire(self) -> None:
        now = self._clock()
        while self._entries:
            key, (expires, _) = next(iter(self._entries.items()))
            if expires > now:
                break
            del self._entries[key]


class SmsTexts:
    """The sentences the SMS layer sends itself, from `languages/<lang>/messages.yml`."""

    def __init__(self, languages_dir: Path, default_language: str = "nb") -> None:
        self._languages_dir = Path(languages_dir)
        self.default_language = default_language
        self._loaded: Dict[str, Dict[str, str]] = {}

    def get(self, key: str, language: Optional[str] = None) -> str:
        """The text in the language asked for, else the default one (KeyError if in neither)."""
        for lang in (language, self.default_language):
            if lang in LANGUAGES and key in self._messages(lang):
                return self._messages(lang)[key]
        raise KeyError(f"{key} missing from the {self.default_language} message catalogue")

    def check(self) -> None:
        """Fail early if the default catalogue lacks a text the SMS layer needs."""
        for key in CATALOGUE_KEYS:
            self.get(key)

    def _messages(self, language: str) -> Dict[str, str]:
        if language not in self._loaded:
            self._loaded[language] = _read_catalogue(
                self._languages_dir / language / "messages.yml"
            )
        return self._loaded[language]


def _read_catalogue(path: Path) -> Dict[str, str]:
    """Key -> text of one catalogue file (the tests point the SMS layer at their own folder)."""
    if not path.is_file():
        return {}
    return {key: entry["text"].strip() for key, entry in messages.read_catalogue(path).items()}
