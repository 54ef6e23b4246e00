"""POST /v1/triage: the contract's one-shot triage over HTTP (same code path as the CLI)."""
from __future__ import annotations

from typing import List, Optional

import httpx
from fastapi import APIRouter, HTTPException, Query, Request
from pydantic import BaseModel, Field

from bot.metrics import URGENCY
from stats.recorder import record_decision
from triage.service import RasaServerNlu, Triage, TriageInputError, TriageRequest

router = APIRouter(prefix="/v1", tags=["triage"])


class TriageIn(BaseModel):
    text: str = Field(..., description="The message as the user wrote it", max_length=20000)
    at: Optional[str] = Field(None, description="Europe/Oslo local time, ISO 8601; default now")
    age: Optional[int] = Field(None, description="The user's age if known")
    channel: str = Field("web", description="web or sms")
    id: Optional[str] = None


class EmergencyOut(BaseModel):
    service: str
    number: str


class HandoverOut(BaseModel):
    service: str
    name: str
    channel: str
    contact: Optional[str]
    open_now: bool
    closes_at: Optional[str]
    opens_at: Optional[str]
    anonymous: bool


class TriageOut(BaseModel):
    id: Optional[str]
    language: str = Field(..., description="the language the person wrote in: ISO 639-1 (639-3 where none), or und")
    reply_language: str = Field(..., description="the language of the reply: nb, nn, en or se")
    topic: str
    topic_confidence: float
    urgency: str
    emergency: List[EmergencyOut]
    handover: List[HandoverOut]
    reply: str


def get_triage(request: Request) -> Triage:
    """One Triage per app, asking the running Rasa server for the NLU."""
    if getattr(request.app.state, "triage", None) is None:
        request.app.state.triage = Triage(RasaServerNlu(request.app.state.settings.rasa_url))
    return request.app.state.triage


@router.post("/triage", response_model=TriageOut)
async def triage(body: TriageIn, request: Request,
                 record: bool = Query(False, description="count this decision in the anonymous demand "
                                                         "statistics (only the caller knows if it is real demand)")
                 ) -> TriageOut:
    """Language, topic, urgency and the handover for one message. Never advice."""
    try:
        triage_request = TriageRequest(body.text, body.at, body.age, body.channel, body.id)
        decision, at = await get_triage(request).decision(triage_request)
        result = decision.contract(body.id)
    except TriageInputError as error:
        raise HTTPException(status_code=422, detail=str(error)) from error
    except httpx.HTTPError as error:
        raise HTTPException(status_code=503, detail="the NLU server is not available") from error
    URGENCY.labels(result["urgency"]).inc()
    if record:
        record_decision(decision, at, "api")  # queued; never delays or breaks the reply
    return TriageOut(**result)
