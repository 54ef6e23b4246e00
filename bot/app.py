"""The FastAPI gateway: one router per resource, shared state as dependencies."""
from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager
from typing import AsyncIterator

from fastapi import FastAPI

from bot.channels.socketio import socketio_app
from bot.logging_setup import configure_logging
from bot.rasa_client import RasaClient
from bot import internal, metrics, shared_state
from bot.routers import chat, health, hsds, services, sms, staff, stats, status, triage, widget
from bot.security import CORSExceptSocketIO, SecurityHeadersMiddleware
from bot.settings import Settings, get_settings
from bot.tokens import Guard
from knowledge import status_store
from triage.review import release_guard

# A fixed fallback key for hashing client addresses in the failed-attempt counter; set
# HJELPELOS_TOKEN_CLIENT_KEY in production so the hashes cannot be recomputed elsewhere.
_FALLBACK_CLIENT_KEY = "hjelpelos-token-attempts"


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the gateway; tests pass their own settings."""
    settings = settings or get_settings()
    configure_logging("INFO")
    release_guard(settings.require_reviewed)  # no gateway on unreviewed catalogues when asked for

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.rasa = RasaClient(settings.rasa_urls, timeout_s=settings.rasa_timeout_s)
        app.state.redis = shared_state.connect(settings.redis_url)
        server = serving = None
        sock = internal.bind(settings.internal_host, settings.internal_port) if settings.internal_port else None
        if sock is not None:
            server = internal.internal_server(app, sock)
            serving = asyncio.create_task(server.serve(sockets=[sock]))
        yield
        if server is not None:
            server.should_exit = True
            await serving
        await app.state.rasa.aclose()
        if app.state.redis is not None:
            await app.state.redis.close()

    # /docs needs inline script and a CDN, which the public CSP forbids: it is on the internal
    # port. /openapi.json stays public: it describes only the public routes, for integrators.
    app = FastAPI(
        title="Hjelpelos gateway",
        version="0.1.0",
        description="Finds the right helpline for people exposed to violence. No advice.",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    # Routing in this process reads the store the status API writes (the actions read it too).
    app.state.status_store = status_store.open_store(settings.status_db or None, settings.status_redis_url or None)
    status_store.configure(app.state.status_store)
    app.state.token_guard = Guard(
        app.state.status_store,
        (settings.token_client_key or settings.sms_hash_key or _FALLBACK_CLIENT_KEY).encode("utf-8"),
        settings.token_max_failures, settings.token_failure_window_s,
    )
    app.add_middleware(
        CORSExceptSocketIO,
        allow_origins=settings.allowed_origins,
        allow_methods=["GET", "POST", "DELETE"],
        allow_headers=["Content-Type", "Authorization"],
    )
    app.middleware("http")(metrics.record_request)
    app.add_middleware(SecurityHeadersMiddleware, allowed_origins=settings.allowed_origins)
    for module in (health, chat, triage, services, status, stats, hsds, staff, widget, sms):
        app.include_router(module.router)
    app.mount("/socket.io", socketio_app(app))
    return app
