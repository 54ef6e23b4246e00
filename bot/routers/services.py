"""GET /v1/services: the helpline Directory, so dinutvei.no and ung.no can reuse it."""
from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import List, Optional

from fastapi import APIRouter, Depends, HTTPException, Query
from pydantic import BaseModel, Field

import knowledge

router = APIRouter(prefix="/v1", tags=["services"])

Topic = Enum("Topic", {t: t for t in knowledge.TOPICS}, type=str)  # type: ignore[misc]
Language = Enum("Language", {l: l for l in knowledge.LANGUAGES}, type=str)  # type: ignore[misc]


class ServiceChannel(BaseModel):
    """One service and channel (the contract's Directory object)."""

    service: str = Field(..., description="Catalogue ID, e.g. 'vo-linjen'", example="vo-linjen")
    name: str = Field(..., description="Service name, in `lang` when given, else Bokmål")
    channel: str = Field(..., description="phone, chat, sms, message, whatsapp or web", example="phone")
    channel_id: str = Field(..., description="Distinguishes two channels of one type, e.g. 'phone-se'")
    contact: Optional[str] = Field(..., description="Number or address as in the source; null when not verified")
    open_now: bool = Field(..., description="Open at `at` (Europe/Oslo). Never true for a closed channel")
    opens_at: Optional[datetime] = Field(..., description="Next opening when closed, else null")
    closes_at: Optional[datetime] = Field(..., description="End of the current opening, null when closed or 24/7")
    languages: List[str] = Field(..., description="Languages answered in (nb, nn, en, se, ...)")
    min_age: Optional[int] = Field(..., description="Youngest age served (inclusive), null when open")
    max_age: Optional[int] = Field(..., description="Oldest age served (inclusive), null when open")
    anonymous: bool = Field(..., description="Fully anonymous (the caller's number is not shown)")
    anonymity: str = Field(..., description="full, number_visible or not_anonymous")
    emergency: bool = Field(..., description="An emergency number (112, 113, 116117)")
    note: Optional[str] = Field(None, description="Caveats, e.g. a reply time or why a contact is missing")
    source: str = Field(..., description="Where the contact and hours come from (seed file and section)")
    live_status: Optional[str] = Field(None, description="closed, busy or open as the service reports it for `at` "
                                                         "(POST /v1/status); null when the regular hours apply")
    live_status_until: Optional[datetime] = Field(None, description="When the reported state ends")


def get_catalogue() -> knowledge.Catalogue:
    """The loaded catalogue (a dependency, so tests can swap it)."""
    return knowledge.load_catalogue()


@router.get("/services", response_model=List[ServiceChannel], summary="Helpline directory")
def list_services(
    open_now: bool = Query(False, description="Only channels open at `at`"),
    at: Optional[str] = Query(None, description="ISO time; without offset it is Europe/Oslo local time. Default: now",
                              example="2026-05-17T21:30"),
    topic: Optional[Topic] = Query(None, description="Contract topic ID, e.g. partner_violence"),
    age: Optional[int] = Query(None, ge=0, le=120, description="Only channels open to this age"),
    lang: Optional[Language] = Query(None, description="Only channels answering in this language"),
    catalogue: knowledge.Catalogue = Depends(get_catalogue),
) -> List[dict]:
    """Every service and channel with contact, open-now status and source; filters combine."""
    try:
        moment = knowledge.to_oslo(at)
    except ValueError:
        raise HTTPException(status_code=422, detail=f"at: not an ISO 8601 time: {at!r}") from None
    return knowledge.list_services(
        moment, open_now=open_now, topic=topic.value if topic else None, age=age,
        lang=lang.value if lang else None, catalogue=catalogue,
    )
