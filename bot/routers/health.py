"""Liveness and readiness: is each part of the bot up?"""
from __future__ import annotations

from typing import Dict, Optional

import httpx
from fastapi import APIRouter, Request, Response
from pydantic import BaseModel

from bot import shared_state

router = APIRouter(tags=["health"])


class Readiness(BaseModel):
    ready: bool
    parts: Dict[str, bool]
    replicas: Optional[Dict[str, bool]] = None  # each replica, when there are several


@router.get("/healthz")
async def healthz() -> Dict[str, str]:
    """The gateway process answers."""
    return {"status": "ok"}


@router.get("/readyz", response_model=Readiness, response_model_exclude_none=True)
async def readyz(request: Request, response: Response) -> Readiness:
    """Every part answers: a Rasa replica with a loaded model, an action server, and Redis
    when conversations live there. With replicas, one of each is enough to take every turn;
    `replicas` shows each one."""
    settings = request.app.state.settings
    replicas = await request.app.state.rasa.replica_readiness()
    actions = {url: await _action_server_ready(url) for url in settings.action_server_urls}
    parts = {"gateway": True, "rasa": any(replicas.values()), "actions": any(actions.values())}
    redis = getattr(request.app.state, "redis", None)
    if redis is not None:
        parts["redis"] = await shared_state.is_reachable(redis)
    ready = all(parts.values())
    response.status_code = 200 if ready else 503
    shown = {**{f"rasa {url}": up for url, up in replicas.items()},
             **{f"actions {url}": up for url, up in actions.items()}} if len(replicas) > 1 else None
    return Readiness(ready=ready, parts=parts, replicas=shown)


async def _action_server_ready(url: str) -> bool:
    try:
        async with httpx.AsyncClient(timeout=3.0) as client:
            return (await client.get(f"{url}/health")).status_code == 200
    except httpx.HTTPError:
        return False
