"""/v1/status: services report that a channel is closed, busy or open beyond its regular hours.

Writing needs a `service` token for that very service (401 bad token, 403 another service).
Reading is public: the same facts reach people through the bot and the HSDS `alert`. There is
no free text: what the bot says about a state comes from the catalogues in `languages/`.
"""
from __future__ import annotations

from enum import Enum
from typing import List, Optional

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from pydantic import BaseModel, Extra, Field

import knowledge
from bot.tokens import require_role
from knowledge.status import REASONS, STATES, LineStatus, utc_now, validate_span
from knowledge.status_store import StatusStore, TokenRecord, new_status_id

router = APIRouter(prefix="/v1", tags=["status"])

State = Enum("State", {s: s for s in STATES}, type=str)  # type: ignore[misc]
Reason = Enum("Reason", {r: r for r in REASONS}, type=str)  # type: ignore[misc]


class StatusIn(BaseModel):
    """A reported state of one channel; `from` defaults to now."""

    service: str = Field(..., description="Catalogue service ID; must be the token's service", example="alarmtelefonen")
    channel: str = Field(..., description="A channel type (chat, phone, sms, message, ...) or a channel id", example="chat")
    state: State = Field(..., description="closed: never offered as open; busy: offered after equally fitting "
                                          "lines with a note on the wait; open: open outside regular hours")
    from_: Optional[str] = Field(None, alias="from", description="ISO time, Europe/Oslo when no offset; default now",
                                 example="2026-12-08T17:00")
    until: str = Field(..., description="ISO time; at most 31 days after `from`. The state ends by itself then",
                       example="2026-12-08T21:00")
    reason: Optional[Reason] = Field(None, description="queue, staff, technical, holiday or extra_opening")

    class Config:
        extra = Extra.forbid
        allow_population_by_field_name = True


class StatusOut(BaseModel):
    id: str
    service: str
    channel: str
    state: str
    from_: str = Field(..., alias="from")
    until: str
    reason: Optional[str]
    token_id: Optional[str]
    created: Optional[str]
    in_force: bool = Field(..., description="Holds at `at` (or now)")

    class Config:
        allow_population_by_field_name = True


def get_store(request: Request) -> StatusStore:
    return request.app.state.status_store


def _out(status: LineStatus, at) -> dict:
    return {**status.to_dict(), "in_force": status.covers(at)}


def _time(value: Optional[str], name: str):
    try:
        return knowledge.to_oslo(value)
    except ValueError:
        raise HTTPException(422, f"{name}: not an ISO 8601 time: {value!r}") from None


@router.post("/status", response_model=StatusOut, status_code=201, summary="Report a channel's state")
def set_status(body: StatusIn, token: TokenRecord = Depends(require_role("service")),
               store: StatusStore = Depends(get_store)) -> dict:
    """Closed, busy or open for `from <= t < until`. Only for the token's own service."""
    if body.service != token.service:
        raise HTTPException(403, "this token may change only its own service")
    catalogue = knowledge.load_catalogue()
    try:
        service = catalogue.service(body.service)
        catalogue.channel(body.service, body.channel)
    except KeyError as error:
        raise HTTPException(422, str(error.args[0])) from None
    if service.emergency:
        raise HTTPException(422, "emergency numbers have no status")
    now = utc_now()
    start = _time(body.from_, "from") if body.from_ else now
    until = _time(body.until, "until")
    problem = validate_span(start, until, now)
    if problem:
        raise HTTPException(422, problem)
    status = LineStatus(id=new_status_id(), service=body.service, channel=body.channel, state=body.state.value,
                        start=start, until=until, reason=body.reason.value if body.reason else None,
                        token_id=token.id, created=now)
    store.add_status(status, now)
    return _out(status, now)


@router.get("/status", response_model=List[StatusOut], summary="States in force and planned")
def list_statuses(service: Optional[str] = Query(None, description="Only this service"),
                  at: Optional[str] = Query(None, description="ISO time; default now"),
                  store: StatusStore = Depends(get_store)) -> List[dict]:
    """Every reported state that has not ended by `at`, soonest end first."""
    moment = _time(at, "at")
    return [_out(s, moment) for s in store.statuses()
            if s.until > moment and (service is None or s.service == service)]


class TokenOut(BaseModel):
    id: str
    role: str
    service: Optional[str]


@router.get("/status/token", response_model=TokenOut, summary="Which service a token belongs to")
def token_owner(token: TokenRecord = Depends(require_role("service"))) -> dict:
    """The staff page signs in with this: 401 for a bad token."""
    return {"id": token.id, "role": token.role, "service": token.service}


@router.delete("/status/{status_id}", response_model=StatusOut, summary="Withdraw a reported state")
def withdraw_status(status_id: str, token: TokenRecord = Depends(require_role("service")),
                    store: StatusStore = Depends(get_store)) -> dict:
    """Withdraw one state of the token's own service; the regular hours apply again."""
    status = store.get_status(status_id)
    if status is None:
        raise HTTPException(404, "no such status")
    if status.service != token.service:
        raise HTTPException(403, "this token may change only its own service")
    now = utc_now()
    withdrawn = store.withdraw_status(status_id, token.id, now)
    if withdrawn is None:
        raise HTTPException(404, "no such status")
    return _out(withdrawn, now)
