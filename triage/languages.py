"""Which language the bot answers in, and the lines it opens with in the writer's own language.

The contract (TRIAGE.md) separates two things: `language`, the language the person wrote in
(any ISO code), and `reply_language`, the one of our four conversation languages the handover
is written in. Nobody who did not write Sami is answered in Sami, Swedes and Danes read
Bokmål, and everyone else gets English unless the conversation already is in Norwegian. Where
`languages/<code>/messages.yml` has a short reviewed catalogue for the writer's own language,
the reply opens with those lines (112/113, interpreter, anonymity).
"""
from __future__ import annotations

from typing import Iterable, List, Optional, Sequence

from triage import messages

CONVERSATION_LANGUAGES = messages.LANGUAGES
# Mainland Scandinavian: Swedish and Danish writers read Bokmål (py3langid's `no` is Norwegian).
SCANDINAVIAN = frozenset({"sv", "da", "no"})
# Lule and South Sami: the Sami offer, in Norwegian (TRIAGE.md).
OTHER_SAMI = frozenset({"smj", "sma"})
NORWEGIAN = frozenset({"nb", "nn"})
UNDETERMINED = "und"


def reply_language(language: Optional[str], norwegian_context: Optional[str] = None) -> str:
    """nb, nn, en or se for a writer of `language`.

    `norwegian_context` is nb or nn when the conversation is already in Norwegian (the person
    wrote or chose Norwegian earlier); a writer of another language is then answered in it
    instead of English.
    """
    if language in CONVERSATION_LANGUAGES:
        return language
    if language in SCANDINAVIAN or language in OTHER_SAMI:
        return "nb"
    if norwegian_context in NORWEGIAN:
        return norwegian_context
    if language in (None, UNDETERMINED):
        return "nb"
    return "en"


def has_own_lines(language: Optional[str]) -> bool:
    """True when languages/<language>/ has reviewed opening lines for a language we do not converse in."""
    return bool(language) and language not in CONVERSATION_LANGUAGES and messages.own_catalogue(language) is not None


def own_lines(language: Optional[str], keys: Iterable[str], **values: str) -> List[str]:
    """The writer's own-language lines for `keys`, in order; none where there is no catalogue."""
    if not has_own_lines(language):
        return []
    return [messages.own_text(key, language, **values) for key in keys]


def opening_lines(language: Optional[str], channel: str, acute: bool, handover: bool,
                  all_free: bool, police: str, medical: str) -> List[str]:
    """What opens a reply in the writer's own language.

    Acute: the emergency numbers first, then that the guide writes Norwegian and English. A
    handover: also the interpreter, anonymity and (when every offered line is free) cost lines;
    SMS keeps only the first two, since every segment counts.
    """
    if acute:
        return own_lines(language, ["emergency", "guide_languages"], police=police, medical=medical)
    if not handover:
        return own_lines(language, ["guide_languages"])
    keys = ["guide_languages", "interpreter"]
    if channel != "sms":
        keys += ["anonymous"] + (["free"] if all_free else [])
    return own_lines(language, keys)


def language_offer_lines(language: Optional[str], offers: Sequence[object], reply: str) -> List[str]:
    """One own-language line per offered service that answers in the writer's language or has an interpreter for it."""
    lines: List[str] = []
    if not has_own_lines(language):
        return lines
    wanted = messages.catalogue_code(language)
    seen = set()
    for offer in offers:
        service = getattr(offer, "service")
        if service in seen:
            continue
        name = messages.service_name(service, reply, getattr(offer, "name", service))
        if wanted in _codes(getattr(offer, "languages", ())):
            lines.append(messages.own_text("service_own_language", language, name=name))
            seen.add(service)
        elif wanted in _codes(getattr(offer, "interpreter", ())) or getattr(offer, "interpreter_on_request", False):
            lines.append(messages.own_text("service_interpreter", language, name=name))
            seen.add(service)
    return lines


def _codes(codes: Iterable[str]) -> set:
    return {messages.catalogue_code(code) for code in codes}
