"""The outcome of a handover, from the offers the person really got (stats.outcome.classify_outcome)."""
from dataclasses import replace
from datetime import datetime

from knowledge.ranking import Offer
from stats.outcome import classify_outcome
from triage.decide import State, choose_offers, find_offers
from triage.languages import reply_language


def offer(service: str, *, open_now: bool, fit: float, channel: str = "phone", languages=("nb", "nn")) -> Offer:
    return Offer(service=service, name=service, channel=channel, contact="800 00 000", open_now=open_now,
                 opens_at=None, closes_at=None, anonymous=True, anonymity="full", languages=tuple(languages),
                 score=fit, always_open=False, fit=fit)


def test_acute_is_an_emergency_whatever_is_open():
    assert classify_outcome([], "acute", "partner_violence", "nb") == "emergency"


def test_the_best_fitting_live_line_open_is_best_fit_open():
    offers = [offer("vo-linjen", open_now=True, fit=4100), offer("kirkens-sos", open_now=True, fit=1000)]
    assert classify_outcome(offers, "normal", "partner_violence", "nb") == "best_fit_open"


def test_best_fit_closed_and_another_fitting_line_open():
    offers = [offer("kompetanseteamet", open_now=False, fit=4100), offer("vo-linjen", open_now=True, fit=3000)]
    assert classify_outcome(offers, "normal", "honour_control", "nb") == "best_fit_closed_alternative_open"


def test_only_a_line_not_routed_for_the_topic_open_is_nothing_fitting():
    # mental-helse is the last-resort line; it is not routed for honour-related control.
    offers = [offer("kompetanseteamet", open_now=False, fit=4100), offer("mental-helse", open_now=True, fit=1000)]
    assert classify_outcome(offers, "normal", "honour_control", "nb") == "nothing_fitting_open"


def test_a_line_that_does_not_speak_the_writers_language_does_not_fit():
    offers = [offer("vo-linjen", open_now=True, fit=4100)]
    assert classify_outcome(offers, "normal", "partner_violence", "se") == "nothing_fitting_open"
    with_interpreter = [replace(offers[0], interpreter=("se",))]
    assert classify_outcome(with_interpreter, "normal", "partner_violence", "se") == "best_fit_open"


def test_a_web_page_is_never_someone_to_reach():
    offers = [offer("vo-linjen", open_now=True, fit=4100, channel="web")]
    assert classify_outcome(offers, "normal", "partner_violence", "nb") == "nothing_fitting_open"


def handover(topic, age, language, at):
    """The offers the bot shows, from the real catalogue and ranking."""
    return choose_offers(find_offers(topic, age, reply_language(language), State(language=language), at))


def test_with_the_real_catalogue_honour_control_for_an_adult_on_saturday_has_only_an_alternative():
    saturday, monday = datetime(2026, 12, 12, 10, 30), datetime(2026, 12, 7, 10, 30)
    assert classify_outcome(handover("honour_control", 40, "nb", saturday), "normal", "honour_control", "nb") \
        == "best_fit_closed_alternative_open"
    assert classify_outcome(handover("honour_control", 40, "nb", monday), "normal", "honour_control", "nb") \
        == "best_fit_open"


def test_with_the_real_catalogue_a_sami_speaking_adult_at_night_has_nobody_fitting():
    night = datetime(2026, 12, 8, 2, 30)
    offers = handover("partner_violence", 40, "se", night)
    assert any(o.open_now and o.live for o in offers)  # the bot still gives an open line ...
    assert classify_outcome(offers, "normal", "partner_violence", "se") == "nothing_fitting_open"  # ... not in Sami
