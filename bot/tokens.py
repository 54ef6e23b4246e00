"""API tokens: issue, check and revoke them; `require_role` guards a route with one.

A token reads `<id>.<secret>`. Only a SHA-256 digest of the secret is stored; the id finds the
record and the digests are compared with `hmac.compare_digest`. Failed attempts are counted per
client (a keyed hash of its address, forgotten after the window) in the shared store, so every
gateway worker sees the same count; past the limit a client gets 429 until the window passes.

Roles: `service` tokens are bound to one catalogue service and may change only its status;
`analyst` tokens belong to no service (for read-only figures).
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Callable, Optional

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from knowledge.hours import to_oslo
from knowledge.status_store import StatusStore, TokenRecord

ROLES = ("service", "analyst")
SECRET_BYTES = 32


class TokenError(ValueError):
    """A token cannot be created as asked (unknown role, missing or unknown service)."""


@dataclass(frozen=True)
class IssuedToken:
    record: TokenRecord
    token: str  # shown once, never stored


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def issue(store: StatusStore, role: str, service: Optional[str], now: Optional[datetime] = None) -> IssuedToken:
    """A new random token for `role` (and `service` for role `service`); stores only its digest."""
    if role not in ROLES:
        raise TokenError(f"role must be one of {', '.join(ROLES)}")
    if role == "service" and not service:
        raise TokenError("a service token needs a SERVICE_ID")
    if role != "service" and service:
        raise TokenError(f"a {role} token belongs to no service")
    token_id = "tok_" + secrets.token_hex(6)
    secret = secrets.token_urlsafe(SECRET_BYTES)
    record = TokenRecord(id=token_id, role=role, service=service, digest=digest(secret),
                         created=to_oslo(now).isoformat())
    store.add_token(record)
    return IssuedToken(record, f"{token_id}.{secret}")


def verify(store: StatusStore, token: str) -> Optional[TokenRecord]:
    """The live record for `token`, or None (unknown, wrong secret, revoked, malformed)."""
    token_id, dot, secret = (token or "").strip().partition(".")
    if not dot or not token_id.startswith("tok_") or not secret or len(token) > 200:
        hmac.compare_digest(digest("x"), digest(secret or "y"))  # same work on every path
        return None
    record = store.token(token_id)
    expected = record.digest if record else digest("no such token")
    matches = hmac.compare_digest(expected, digest(secret))
    if not record or not matches or record.revoked:
        return None
    return record


@dataclass
class Guard:
    """Rate limit for failed attempts: at most `max_failures` per `window_s` per client."""

    store: StatusStore
    key: bytes
    max_failures: int = 10
    window_s: float = 900.0

    def client_key(self, address: str) -> str:
        return hmac.new(self.key, address.encode("utf-8"), hashlib.sha256).hexdigest()[:24]

    def check(self, address: str, token: str) -> TokenRecord:
        """The token's record; HTTP 401 when it is bad, 429 after too many bad attempts."""
        client = self.client_key(address)
        if self.store.failures(client, time.time(), self.window_s) >= self.max_failures:
            raise HTTPException(429, "too many failed attempts; try again later",
                                headers={"Retry-After": str(int(self.window_s))})
        record = verify(self.store, token) if token else None
        if record is None:
            self.store.count_failure(client, time.time(), self.window_s)
            raise HTTPException(401, "a valid token is required", headers={"WWW-Authenticate": "Bearer"})
        return record


_bearer = HTTPBearer(auto_error=False, description="A token from `hjelpelos tokens create`")


def require_role(role: str) -> Callable[..., TokenRecord]:
    """A FastAPI dependency: the caller's token record when it has `role`; 401 without a valid
    token, 429 after too many bad attempts, 403 for a valid token of another role."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")

    def dependency(request: Request,
                   credentials: Optional[HTTPAuthorizationCredentials] = Depends(_bearer)) -> TokenRecord:
        guard: Guard = request.app.state.token_guard
        address = request.client.host if request.client else "unknown"
        record = guard.check(address, credentials.credentials if credentials else "")
        if record.role != role:
            raise HTTPException(403, f"this token is not a {role} token")
        return record

    return dependency
