"""Headers on every public response: a strict CSP, no referrer, no sniffing, nothing cached.

A person may need to hide that they looked for help, so no gateway response stays in the
browser cache (quick exit cannot clear a cache); see docs/widget.md, "Caching".
"""
from __future__ import annotations

from typing import Iterable, List, Tuple

from starlette.datastructures import MutableHeaders
from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

NO_STORE = "no-store"
SOCKETIO_PREFIX = "/socket.io/"


def content_security_policy(allowed_origins: Iterable[str]) -> str:
    """Same-origin files only, no inline script or style; only the host sites may frame a page."""
    ancestors = " ".join(allowed_origins) or "'none'"
    return "; ".join((
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "base-uri 'none'",
        "form-action 'none'",
        f"frame-ancestors {ancestors}",
    ))


def security_headers(allowed_origins: Iterable[str]) -> List[Tuple[str, str]]:
    """The headers every public response carries (replacing any a route set itself)."""
    return [
        ("Content-Security-Policy", content_security_policy(allowed_origins)),
        ("Referrer-Policy", "no-referrer"),
        ("X-Content-Type-Options", "nosniff"),
        ("Cache-Control", NO_STORE),
    ]


class SecurityHeadersMiddleware:
    """Pure ASGI middleware, so it also covers mounted apps (socket.io) and streamed files."""

    def __init__(self, app: ASGIApp, allowed_origins: Iterable[str]) -> None:
        self.app = app
        self.headers = security_headers(list(allowed_origins))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in self.headers:
                    headers[name] = value
                for stale in ("etag", "last-modified", "expires", "pragma"):
                    if stale in headers:
                        del headers[stale]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class CORSExceptSocketIO(CORSMiddleware):
    """CORS for the REST routes; engine.io answers CORS for /socket.io/ itself, from the same
    origin list, and also checks websocket origins. Both at once would send the header twice,
    which browsers refuse."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].startswith(SOCKETIO_PREFIX):
            await self.app(scope, receive, send)
            return
        await super().__call__(scope, receive, send)
