"""One-shot triage for the CLI and the HTTP API: load the trained Rasa model once, then
text -> NLU (the same pipeline the dialogue uses) -> `decide` -> contract JSON."""
from __future__ import annotations

import asyncio
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Tuple
from zoneinfo import ZoneInfo

from triage.decide import Analysis, Decision, decide

OSLO = ZoneInfo("Europe/Oslo")
MAX_TEXT_CHARS = 2000
CHANNELS = ("web", "sms")
MODELS_DIR = Path(__file__).resolve().parent.parent / "models"


class TriageInputError(ValueError):
    """The request cannot be triaged as given; the message says why, for the caller."""


@dataclass
class TriageRequest:
    text: str
    at: Optional[str] = None
    age: Optional[int] = None
    channel: str = "web"
    id: Optional[str] = None


def oslo_time(at: Optional[str]) -> datetime:
    """ISO local time (Europe/Oslo) or an aware timestamp; None means now."""
    if not at:
        return datetime.now(OSLO)
    try:
        moment = datetime.fromisoformat(at)
    except ValueError as error:
        raise TriageInputError(f"'at' must be an ISO time like 2026-05-17T14:30, not {at!r}") from error
    return moment.replace(tzinfo=OSLO) if moment.tzinfo is None else moment.astimezone(OSLO)


def validate(request: TriageRequest) -> TriageRequest:
    text = (request.text or "").replace("\x00", "").strip()
    if not text:
        raise TriageInputError("'text' is empty")
    if len(text) > MAX_TEXT_CHARS:
        raise TriageInputError(f"'text' is longer than {MAX_TEXT_CHARS} characters")
    if request.channel not in CHANNELS:
        raise TriageInputError(f"'channel' must be one of {', '.join(CHANNELS)}")
    if request.age is not None and not (0 < int(request.age) < 130):
        raise TriageInputError("'age' must be a whole number of years")
    return TriageRequest(text, request.at, request.age, request.channel, request.id)


def latest_model(models_dir: Path = MODELS_DIR) -> Path:
    models = sorted(Path(models_dir).glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    if not models:
        raise FileNotFoundError(f"no trained model in {models_dir}: run `make train`")
    return models[-1]


class LocalNlu:
    """The trained Rasa model loaded in this process (CLI, batch evaluation)."""

    def __init__(self, model_path: Optional[Path] = None) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
        from rasa.core.agent import Agent

        self.model_path = Path(model_path or os.environ.get("HJELPELOS_RASA_MODEL") or latest_model())
        self._agent = Agent.load(str(self.model_path))

    async def parse(self, text: str) -> Dict[str, Any]:
        return await self._agent.parse_message(text)


class RasaServerNlu:
    """The running Rasa server's /model/parse (the gateway: no second copy of the model)."""

    def __init__(self, rasa_url: str, timeout_s: float = 30.0) -> None:
        import httpx

        self._url = rasa_url.rstrip("/") + "/model/parse"
        self._client = httpx.AsyncClient(timeout=timeout_s)

    async def parse(self, text: str) -> Dict[str, Any]:
        response = await self._client.post(self._url, json={"text": text})
        response.raise_for_status()
        return response.json()


class Triage:
    """Text in, contract JSON out; the NLU is the same Rasa pipeline wherever it runs."""

    def __init__(self, nlu: Any) -> None:
        self.nlu = nlu

    @classmethod
    def local(cls, model_path: Optional[Path] = None) -> "Triage":
        return cls(LocalNlu(model_path))

    async def analyse(self, text: str) -> Analysis:
        return Analysis.from_parse(await self.nlu.parse(text))

    async def decision(self, request: TriageRequest) -> Tuple[Decision, datetime]:
        """The decision and the moment it was made for (the HTTP API records it for statistics)."""
        request = validate(request)
        at = oslo_time(request.at)
        analysis = await self.analyse(request.text)
        return decide(analysis, at, age=request.age, channel=request.channel), at

    async def triage(self, request: TriageRequest) -> Dict[str, Any]:
        decision, _at = await self.decision(request)
        return decision.contract(request.id)

    async def triage_many(self, requests: Iterable[TriageRequest]) -> List[Dict[str, Any]]:
        """In order; a bad line gets an `error` object instead of stopping the batch."""
        results = []
        for request in requests:
            try:
                results.append(await self.triage(request))
            except TriageInputError as error:
                results.append({"id": request.id, "error": str(error)})
        return results
