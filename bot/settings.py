"""Gateway settings: one pydantic settings object, read from HJELPELOS_* environment variables."""
from __future__ import annotations

from functools import lru_cache
from typing import List, Optional

from pydantic import BaseSettings


class Settings(BaseSettings):
    """Everything the gateway needs to know about its surroundings."""

    rasa_url: str = "http://127.0.0.1:5005"
    action_server_url: str = "http://127.0.0.1:5055"
    # Scaling out: every Rasa replica and action server (JSON lists); empty means the one above.
    rasa_replicas: List[str] = []
    action_servers: List[str] = []
    rasa_timeout_s: float = 20.0  # per attempt; a turn is tried on at most two replicas
    # Shared state (SMS deliveries, options, rate limits) and readiness; empty: in this process.
    redis_url: str = ""
    gateway_host: str = "127.0.0.1"
    gateway_port: int = 8000
    # Metrics and API docs: a second listener inside the gateway, on loopback. None: not served.
    internal_host: str = "127.0.0.1"
    internal_port: Optional[int] = None
    # Sites allowed to embed the widget and call the API from a browser.
    allowed_origins: List[str] = ["https://dinutvei.no", "https://www.ung.no", "https://ung.no"]
    max_message_chars: int = 2000
    # Tests only: let `metadata.at` through to the actions, which then use it as the clock.
    test_clock: bool = False
    rate_limit_messages: int = 20  # per conversation ...
    rate_limit_window_s: float = 60.0  # ... within this window
    # Secrets for SMS; the conversation ID of a sender is a keyed hash of the number.
    sms_webhook_secret: str = ""
    sms_hash_key: str = ""
    sms_provider_url: str = ""
    sms_account_sid: str = ""
    sms_auth_token: str = ""
    sms_from_number: str = ""
    # The public URL the SMS provider calls (behind a proxy); its signature covers this URL.
    sms_public_base_url: str = ""
    # A release: refuse to start while a sendable sentence is not `reviewed` (docs/review.md).
    require_reviewed: bool = False
    # Live status store (knowledge.status_store): a SQLite file (default run/status.sqlite3),
    # or Redis when a URL is set. The action server reads the same variables.
    status_db: str = ""
    status_redis_url: str = ""
    # Failed token attempts allowed per client and window before 429; the key hashes addresses.
    token_max_failures: int = 10
    token_failure_window_s: float = 900.0
    token_client_key: str = ""

    @property
    def rasa_urls(self) -> List[str]:
        return self.rasa_replicas or [self.rasa_url]

    @property
    def action_server_urls(self) -> List[str]:
        return self.action_servers or [self.action_server_url]

    class Config:
        env_prefix = "HJELPELOS_"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings (a FastAPI dependency)."""
    return Settings()
