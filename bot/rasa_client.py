"""Talk to the Rasa servers' REST channel: the gateway's one way into the dialogue.

With several Rasa replicas sharing one Redis, every turn of a conversation goes to the same
replica (rendezvous hashing of the conversation ID, a consistent hash): open-source Rasa's
Redis lock store can race when two processes take one conversation's lock at once, and
affinity means that never happens in normal operation. When that replica is down, times out
or sends nothing back, the turn is tried once more on the conversation's next replica, which
reads the conversation from Redis. One URL behaves exactly like a single Rasa server.
"""
from __future__ import annotations

import hashlib
import time
from typing import Any, Dict, List, Optional, Sequence, Union

import httpx
import structlog

log = structlog.get_logger("hjelpelos.rasa")

ATTEMPTS = 2  # the conversation's replica, then once its next one
DOWN_FOR_S = 5.0  # a replica that failed is tried last for this long, then probed
PROBE_TIMEOUT_S = 5.0
# A Rasa server that has just started answers /status at once but loads the language model on
# its first message (about 45 s on two cores): the probe parses a word, so a cold replica
# stays out of the rotation until it is warm (and the probe itself warms it).
PROBE = {"text": "hei"}


class RasaUnavailable(RuntimeError):
    """No Rasa replica answered; callers reply calmly instead of crashing."""


class RasaClient:
    """Send a user message to the conversation's Rasa replica and return the bot's messages."""

    def __init__(self, base_urls: Union[str, Sequence[str]], timeout_s: float = 30.0) -> None:
        urls = [base_urls] if isinstance(base_urls, str) else list(base_urls)
        if not urls:
            raise ValueError("at least one Rasa URL is needed")
        self.replicas: List[str] = [url.rstrip("/") for url in urls]
        self._client = httpx.AsyncClient(timeout=httpx.Timeout(timeout_s, connect=min(timeout_s, 3.0)))
        # The retry may first wait for the lock a killed replica held (TICKET_LOCK_LIFETIME,
        # 15 s in the stack) before it can take the turn: it gets twice the time.
        self._retry_timeout = httpx.Timeout(2 * timeout_s, connect=min(timeout_s, 3.0))
        self._down_until: Dict[str, float] = {}

    def replicas_for(self, sender_id: str) -> List[str]:
        """The conversation's replicas, best first: stable while the set of replicas is.

        Rendezvous hashing: when a replica is added or removed, only the conversations that
        belonged to it move.
        """
        def score(url: str) -> bytes:
            return hashlib.blake2b(f"{url}\n{sender_id}".encode("utf-8"), digest_size=8).digest()

        return sorted(self.replicas, key=score, reverse=True)

    async def _attempt_order(self, sender_id: str) -> List[str]:
        """The replicas to try for this turn: the conversation's order, those that failed lately last."""
        ranked = self.replicas_for(sender_id)
        usable = [url for url in ranked if await self._usable(url)]
        return (usable + [url for url in ranked if url not in usable])[:ATTEMPTS]

    async def _usable(self, url: str) -> bool:
        """Not marked down, or marked down long enough ago and answering a probe now."""
        until = self._down_until.get(url)
        if until is None:
            return True
        if time.monotonic() < until:
            return False
        self._mark_down(url)  # one probe at a time: the others wait for its outcome
        try:
            response = await self._client.post(f"{url}/model/parse", json=PROBE, timeout=PROBE_TIMEOUT_S)
            response.raise_for_status()
        except httpx.HTTPError:
            return False
        self._down_until.pop(url, None)
        log.info("rasa.replica_back", replica=url)
        return True

    async def send(
        self, sender_id: str, text: str, metadata: Optional[Dict[str, Any]] = None
    ) -> List[Dict[str, Any]]:
        """Return Rasa's replies: dicts with `text` and optionally `buttons`, `custom`.

        An empty reply counts as a failure: Rasa answers 200 with nothing when its tracker
        store (Redis) or its action server is gone, and a person must never get silence.
        """
        payload: Dict[str, Any] = {"sender": sender_id, "message": text}
        if metadata:
            payload["metadata"] = metadata
        problems = []
        for attempt, url in enumerate(await self._attempt_order(sender_id)):
            try:
                response = await self._client.post(
                    f"{url}/webhooks/rest/webhook", json=payload,
                    timeout=self._retry_timeout if attempt else httpx.USE_CLIENT_DEFAULT)
                response.raise_for_status()
                replies = response.json()
            except (httpx.HTTPError, ValueError) as error:
                problems.append(f"{url}: {type(error).__name__}")
                self._mark_down(url)
                continue
            if isinstance(replies, list) and replies:
                if problems:
                    log.info("rasa.answered_by_next_replica", failed=problems)
                return replies
            problems.append(f"{url}: empty reply")
        log.warning("rasa.unavailable", attempts=problems)
        raise RasaUnavailable("; ".join(problems))

    async def delete_conversation(self, sender_id: str) -> None:
        """Forget a conversation (STOP/SLUTT, quick exit): restart it with no events kept."""
        problems = []
        for url in await self._attempt_order(sender_id):
            try:
                response = await self._client.post(
                    f"{url}/conversations/{sender_id}/tracker/events", json={"event": "restart"}
                )
                response.raise_for_status()
                return
            except httpx.HTTPError as error:
                problems.append(f"{url}: {type(error).__name__}")
                self._mark_down(url)
        raise RasaUnavailable("; ".join(problems))

    async def replica_readiness(self) -> Dict[str, bool]:
        """Each replica: does it answer with a loaded model?"""
        return {url: await self._replica_ready(url) for url in self.replicas}

    async def is_ready(self) -> bool:
        """At least one replica can take turns (with two or more, the others take over)."""
        return any((await self.replica_readiness()).values())

    async def _replica_ready(self, url: str) -> bool:
        try:
            response = await self._client.get(f"{url}/status", timeout=3.0)
            return response.status_code == 200 and bool(response.json().get("model_id"))
        except (httpx.HTTPError, ValueError):
            return False

    def _mark_down(self, url: str) -> None:
        if len(self.replicas) > 1:
            self._down_until[url] = time.monotonic() + DOWN_FOR_S

    async def aclose(self) -> None:
        await self._client.aclose()
