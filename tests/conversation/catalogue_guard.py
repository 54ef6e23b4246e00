"""Read bot messages back against the catalogues: is every line reviewed text, and is it true?

Two independent checks for the conversation tests:
- `unmatched_lines` (the guard): every line the bot sends must be a catalogue sentence from
  languages/<lang>/messages.yml, a template from it with its placeholders filled from the
  catalogues (service names and purposes from services.yml, contacts from knowledge/, times,
  weekdays), or several of those joined the way `triage.render` joins them (" · ").
- `offers_in` + `false_statuses` (the facts): every service block in a reply is parsed back to
  (service, channel, contact, status, anonymity) and checked against `knowledge` at the frozen
  time, so a reply can never call a closed line open or promise anonymity that is not there.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Dict, Iterable, List, Optional, Pattern, Tuple

import knowledge
from triage import messages

LANGUAGES = messages.LANGUAGES
JOINER = " · "  # how triage.render joins contact, status and anonymity on one line
LIVE = {"phone", "chat", "sms", "whatsapp"}

# Advice wording the bot must never use: it listens and refers, it does not advise.
# Reviewed with the style guide's "no advice" rule; extend it, never loosen it.
ADVICE_DENY_LIST: Tuple[str, ...] = (
    r"\bdu bør\b", r"\bbør du\b", r"\bdu må\b", r"\bdu burde\b", r"\bdu skal\b",
    r"\bdu bør ikkje\b", r"\bdu skulle\b", r"\beg rår deg\b", r"\bjeg råder deg\b",
    r"\bjeg anbefaler\b", r"\beg tilrår\b",
    r"\bgå fra (ham|han|henne|dem)\b", r"\bgå frå (han|ho|henne|dei)\b",
    r"\bforlat (ham|han|henne)\b", r"\bflytt fra\b", r"\bflytt frå\b",
    r"\banmeld(?!else)\w*", r"\bmeld (ham|han|henne|det)\b",
    r"\byou should\b", r"\byou must\b", r"\byou need to\b", r"\byou ought to\b",
    r"\bi recommend\b", r"\bi advise\b", r"\bmy advice\b",
    r"\bleave (him|her|them)\b", r"\breport (him|her|them|it)\b",
    r"\bdon galggat\b", r"\bgalggat don\b", r"\bguođe su\b",
)
_DENY = [re.compile(p, re.IGNORECASE) for p in ADVICE_DENY_LIST]
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def advice_words(text: str) -> List[str]:
    """The deny-list patterns found in `text`."""
    return [p.pattern for p in _DENY if p.search(text)]


# ------------------------------------------------------------------ catalogue facts
@lru_cache(maxsize=None)
def _entries_any_time() -> List[Dict]:
    """Services and channels (hours do not matter for names and contacts)."""
    return knowledge.list_services(datetime(2026, 11, 18, 12, 0))


def _alternation(values: Iterable[str]) -> str:
    unique = sorted({v for v in values if v}, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(v) for v in unique) + ")"


@lru_cache(maxsize=None)
def service_names(language: str) -> Dict[str, str]:
    """Displayed name -> service id: services.yml names, and the catalogue's as fallback."""
    names = {e["name"]: e["service"] for e in _entries_any_time()}
    names.update({entry["name"]: sid for sid, entry in messages.service_texts(language).items()})
    return names


@lru_cache(maxsize=None)
def _fillers(language: str) -> Dict[str, str]:
    """A regex for each placeholder the catalogues use, built from the catalogues only."""
    cat = messages.catalogue(language)
    weekdays = [cat[f"weekday_{i}"]["text"] for i in range(7)]
    time = r"\d{2}:\d{2}"
    filled_when = []
    for key in ("when_today", "when_tomorrow", "when_weekday"):
        template = re.escape(cat[key]["text"])
        template = template.replace(r"\{time\}", time).replace(r"\{weekday\}", _alternation(weekdays))
        filled_when.append(template)
    emergency = [e["contact"].replace(" ", "") for e in _entries_any_time()
                 if e["service"] in ("politi-112", "amk-113") and e["contact"]]
    return {
        "name": _alternation(service_names(language)),
        "purpose": _alternation(e.get("purpose", "") for e in messages.service_texts(language).values()),
        "contact": _alternation(e["contact"] for e in _entries_any_time()),
        "time": time,
        "weekday": _alternation(weekdays),
        "when": "(?:" + "|".join(filled_when) + ")",
        "police": _alternation(emergency),
        "medical": _alternation(emergency),
        # The HSDS alert sentences (status_alert_*): a channel type and an Oslo date and time.
        "channel": _alternation(knowledge.CHANNEL_TYPES),
        "until": r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}",
    }


def template_regex(template: str, language: str) -> Pattern[str]:
    """A catalogue template as a full-match regex; an unknown placeholder is an error."""
    fillers = _fillers(language)
    parts, last = [], 0
    for match in _PLACEHOLDER.finditer(template):
        parts.append(re.escape(template[last:match.start()]))
        if match.group(1) not in fillers:
            raise KeyError(f"catalogue placeholder {{{match.group(1)}}} has no filler in the guard")
        parts.append(fillers[match.group(1)])
        last = match.end()
    parts.append(re.escape(template[last:]))
    return re.compile("".join(parts))


@lru_cache(maxsize=None)
def catalogue_patterns(language: str) -> Tuple[Pattern[str], ...]:
    """Every catalogue text of `language` as a regex, plus the bare service names, plus the
    opening lines in other languages (languages/<code>/messages.yml) that a reply in `language`
    may start with, their service names in `language`."""
    templates = [entry["text"] for entry in messages.catalogue(language).values()]
    templates += [entry["text"] for code in messages.own_line_languages()
                  for entry in messages.own_catalogue(code).values()]
    patterns = [template_regex(t, language) for t in templates]
    patterns.append(re.compile(_fillers(language)["name"]))
    return tuple(patterns)


def _is_catalogue(part: str, language: str) -> bool:
    return any(p.fullmatch(part) for p in catalogue_patterns(language))


def line_ok(line: str, language: str) -> bool:
    """A catalogue sentence; several joined by ' · '; or '<service name>: <sentence>'."""
    if _is_catalogue(line, language):
        return True
    if JOINER in line and all(_is_catalogue(p, language) for p in line.split(JOINER)):
        return True
    name, sep, rest = line.partition(": ")
    while sep:  # a service name may itself contain ": "
        if name in service_names(language) and _is_catalogue(rest, language):
            return True
        more, sep, rest = rest.partition(": ")
        name = f"{name}: {more}"
    return False


def unmatched_lines(texts: Iterable[str]) -> Optional[Tuple[str, List[str]]]:
    """None when one language's catalogue explains every line of `texts`; else the closest miss."""
    lines = [line for text in texts for line in text.split("\n")]
    best: Optional[Tuple[str, List[str]]] = None
    for language in LANGUAGES:
        missing = [line for line in lines if not line_ok(line, language)]
        if not missing:
            return None
        if best is None or len(missing) < len(best[1]):
            best = (language, missing)
    return best


# ------------------------------------------------------------------ offers and their facts
@dataclass
class ShownOffer:
    """One service block of a reply, parsed back into catalogue terms."""

    service: str
    channel: str  # channel type: phone, chat, ...
    contact: str
    status_key: str  # the messages.yml key of the status part
    status_text: str
    anonymity_key: Optional[str]
    text: str


def _key_for(part: str, language: str, keys: Iterable[str]) -> Optional[str]:
    cat = messages.catalogue(language)
    for key in keys:
        if key in cat and template_regex(cat[key]["text"], language).fullmatch(part):
            return key
    return None


def _headline_service(headline: str, language: str) -> Optional[str]:
    names = service_names(language)
    if headline in names:
        return names[headline]
    for name, sid in names.items():
        purpose = messages.service_purpose(sid, language)
        if purpose and headline == messages.text("service_line", language, name=name, purpose=purpose):
            return sid
    return None


CHANNEL_KEYS = {f"contact_{c}": c for c in ("phone", "chat", "sms", "message", "whatsapp", "web")}
STATUS_KEYS = ("status_open_always", "status_open_until", "status_open_now", "status_closed_opens", "status_closed")
ANONYMITY_KEYS = ("anonymous_full", "anonymous_number_visible", "anonymous_not")


def offers_in(texts: Iterable[str], language: str) -> List[ShownOffer]:
    """Every message of the form '<headline>\\n<contact> · <status> · <anonymity>'."""
    found = []
    for text in texts:
        headline, _, details = text.partition("\n")
        service = _headline_service(headline, language)
        if not service or not details:
            continue
        parts = details.split(JOINER)
        contact_key = _key_for(parts[0], language, CHANNEL_KEYS)
        status_key = _key_for(parts[1], language, STATUS_KEYS) if len(parts) > 1 else None
        anonymity_key = _key_for(parts[2], language, ANONYMITY_KEYS) if len(parts) > 2 else None
        if not contact_key or not status_key:
            continue
        template = messages.catalogue(language)[contact_key]["text"]
        prefix, _, suffix = template.partition("{contact}")
        contact = parts[0][len(prefix): len(parts[0]) - len(suffix) if suffix else None]
        found.append(ShownOffer(service, CHANNEL_KEYS[contact_key], contact, status_key, parts[1],
                                anonymity_key, text))
    return found


def facts(offer: ShownOffer, at: datetime) -> Optional[Dict]:
    """The catalogue's entry for the shown service, channel and contact at `at`."""
    for entry in knowledge.list_services(at):
        if (entry["service"], entry["channel"], entry["contact"] or "") == (offer.service, offer.channel, offer.contact):
            return {**entry, **{k: _moment(entry[k]) for k in ("opens_at", "closes_at")}}
    return None


def _moment(value) -> Optional[datetime]:
    """list_services gives ISO strings; offers give datetimes."""
    return datetime.fromisoformat(value) if isinstance(value, str) else value


def expected_when(moment: datetime, language: str, now: datetime) -> str:
    """'today at 14:00' / 'tomorrow at …' / '<weekday> at …' from the catalogue templates."""
    now = now.replace(tzinfo=moment.tzinfo) if now.tzinfo is None else now.astimezone(moment.tzinfo)
    days = (moment.date() - now.date()).days
    time = moment.strftime("%H:%M")
    if days == 0:
        return messages.text("when_today", language, time=time)
    if days == 1:
        return messages.text("when_tomorrow", language, time=time)
    weekday = messages.text(f"weekday_{moment.weekday()}", language)
    return messages.text("when_weekday", language, weekday=weekday, time=time)


def false_statuses(offers: Iterable[ShownOffer], language: str, at: datetime) -> List[str]:
    """What the reply claims that the catalogue contradicts at `at` (empty when all is true)."""
    problems = []
    for offer in offers:
        entry = facts(offer, at)
        if entry is None:
            problems.append(f"{offer.service}/{offer.channel} {offer.contact!r} is not in the catalogue")
            continue
        label = f"{offer.service}/{offer.channel}"
        closes, opens = entry["closes_at"], entry["opens_at"]
        if offer.status_key.startswith("status_open") and not entry["open_now"]:
            problems.append(f"{label} is shown open ({offer.status_text!r}) but is closed at {at}")
        if offer.status_key.startswith("status_closed") and entry["open_now"]:
            problems.append(f"{label} is shown closed ({offer.status_text!r}) but is open at {at}")
        if offer.status_key == "status_open_always" and (closes is not None or offer.channel not in LIVE):
            problems.append(f"{label} is shown open day and night but closes at {closes}")
        if offer.status_key == "status_open_until":
            wanted = messages.text("status_open_until", language, time=closes.strftime("%H:%M")) if closes else None
            if offer.status_text != wanted:
                problems.append(f"{label}: {offer.status_text!r}, the catalogue says {wanted!r}")
        if offer.status_key == "status_closed_opens":
            wanted = (messages.text("status_closed_opens", language, when=expected_when(opens, language, at))
                      if opens else None)
            if offer.status_text != wanted:
                problems.append(f"{label}: {offer.status_text!r}, the catalogue says {wanted!r}")
        if offer.anonymity_key == "anonymous_full" and not entry["anonymous"]:
            problems.append(f"{label} is shown as anonymous but the catalogue says it is not")
        if offer.anonymity_key in ("anonymous_number_visible", "anonymous_not") and entry["anonymous"]:
            problems.append(f"{label} is shown as not anonymous but the catalogue says it is")
    return problems
