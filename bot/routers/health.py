"""Liveness and readiness: is each part of the bot up?"""
from __future__ import annotations

from typing import Dict

import httpx
from fastapi import APIRouter, Request, Response
from pydantic import BaseModel

router = APIRouter(tags=["health"])


class Readiness(BaseModel):
    ready: bool
    parts: Dict[str, bool]


@router.get("/healthz")
async def healthz() -> Dict[str, str]:
    """The gateway process answers."""
    return {"status": "ok"}


@router.get("/readyz", response_model=Readiness)
async def readyz(request: Request, response: Response) -> Readiness:
    """Every part answers: the Rasa server with a loaded model, and the action server."""
    settings = request.app.state.settings
    parts = {
        "gateway": True,
        "rasa": await request.app.state.rasa.is_ready(),
        "actions": await _action_server_ready(settings.action_server_url),
    }
    ready = all(parts.values())
    response.status_code = 200 if ready else 503
    return Readiness(ready=ready, parts=parts)


async def _action_server_ready(url: str) -> bool:
    try:
        async with httpx.AsyncClient(timeout=3.0) as client:
            return (await client.get(f"{url}/health")).status_code == 200
    except httpx.HTTPError:
        return False
