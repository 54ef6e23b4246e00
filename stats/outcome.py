"""Which of the four outcomes a handover had, read from the offers the person really got.

A *fitting* offer is a service routed for the topic (routing.yaml: its specialists, age-exempt
services and fallbacks) that speaks the writer's language, or brings an interpreter for it.
Only a live channel (phone, chat, SMS) open now counts as reachable: a web page or a message
box is always "open" but nobody answers there now.
"""
from __future__ import annotations

from typing import Any, Optional, Sequence

import knowledge
from knowledge.ranking import LANGUAGE_FAMILY

NORWEGIAN = ("nb", "nn")
# Languages an "interpreter on request" is not needed for (answered directly or not at all).
_NO_INTERPRETER = NORWEGIAN + ("en", "se")


def topic_services(topic: str, catalogue: Optional[knowledge.Catalogue] = None) -> frozenset:
    """The services routing.yaml names for this topic (an unknown topic is `other`)."""
    catalogue = catalogue or knowledge.load_catalogue()
    route = catalogue.routing.topics.get(topic) or catalogue.routing.topics["other"]
    fallbacks = {ref.split(":")[0] for ref in route.fallback}
    return frozenset(set(route.youth) | set(route.adult) | set(route.age_exempt) | fallbacks)


def speaks(offer: Any, language: str) -> bool:
    """The channel answers in the writer's language, or brings an interpreter for it."""
    language = LANGUAGE_FAMILY.get(language, language)
    languages = set(offer.languages)
    if language in NORWEGIAN:
        return bool(languages & set(NORWEGIAN))
    if language in languages or language in offer.interpreter:
        return True
    return bool(offer.interpreter_on_request) and language not in _NO_INTERPRETER


def reachable(offer: Any) -> bool:
    """Someone answers on this channel now."""
    return bool(offer.open_now and offer.live and offer.contact)


def classify_outcome(offers: Sequence[Any], urgency: str, topic: str, language: str,
                     catalogue: Optional[knowledge.Catalogue] = None) -> str:
    """emergency / best_fit_open / best_fit_closed_alternative_open / nothing_fitting_open.

    The best fit is the fitting live offer with the highest `fit` (the ranking's score without
    the open-now bonus); when it is closed, another fitting offer open now is the alternative.
    """
    if urgency == "acute":
        return "emergency"
    routed = topic_services(topic, catalogue)
    fitting = [o for o in offers if o.live and o.service in routed and speaks(o, language)]
    if not fitting:
        return "nothing_fitting_open"
    best = max(fitting, key=lambda o: o.fit)
    if reachable(best):
        return "best_fit_open"
    if any(reachable(o) for o in fitting):
        return "best_fit_closed_alternative_open"
    return "nothing_fitting_open"
