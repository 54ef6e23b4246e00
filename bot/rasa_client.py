"""Talk to the Rasa server's REST channel: the gateway's one way into the dialogue."""
from __future__ import annotations

from typing import Any, Dict, List, Optional

import httpx


class RasaUnavailable(RuntimeError):
    """The Rasa server did not answer; callers reply calmly instead of crashing."""


class RasaClient:
    """Send a user message to Rasa's REST webhook and return the bot's messages."""

    def __init__(self, base_url: str, timeout_s: float = 30.0) -> None:
        self._base_url = base_url.rstrip("/")
        self._client = httpx.AsyncClient(timeout=timeout_s)

    async def send(
        self, sender_id: str, text: str, metadata: Optional[Dict[str, Any]] = None
    ) -> List[Dict[str, Any]]:
        """Return Rasa's replies: dicts with `text` and optionally `buttons`, `custom`."""
        payload: Dict[str, Any] = {"sender": sender_id, "message": text}
        if metadata:
            payload["metadata"] = metadata
        try:
            response = await self._client.post(
                f"{self._base_url}/webhooks/rest/webhook", json=payload
            )
            response.raise_for_status()
        except httpx.HTTPError as error:
            raise RasaUnavailable(str(error)) from error
        return response.json()

    async def delete_conversation(self, sender_id: str) -> None:
        """Forget a conversation (STOP/SLUTT, quick exit): restart it with no events kept."""
        try:
            await self._client.post(
                f"{self._base_url}/conversations/{sender_id}/tracker/events",
                json={"event": "restart"},
            )
        except httpx.HTTPError as error:
            raise RasaUnavailable(str(error)) from error

    async def is_ready(self) -> bool:
        try:
            response = await self._client.get(f"{self._base_url}/status")
            return response.status_code == 200 and bool(response.json().get("model_id"))
        except (httpx.HTTPError, ValueError):
            return False

    async def aclose(self) -> None:
        await self._client.aclose()
