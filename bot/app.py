"""The FastAPI gateway: one router per resource, shared state as dependencies."""
from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager
from typing import AsyncIterator

from fastapi import FastAPI

from bot.channels.socketio import socketio_app
from bot.logging_setup import configure_logging
from bot.rasa_client import RasaClient
from bot import internal, metrics
from bot.routers import chat, health, services, sms, triage, widget
from bot.security import CORSExceptSocketIO, SecurityHeadersMiddleware
from bot.settings import Settings, get_settings
from triage.review import release_guard


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the gateway; tests pass their own settings."""
    settings = settings or get_settings()
    configure_logging("INFO")
    release_guard(settings.require_reviewed)  # no gateway on unreviewed catalogues when asked for

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.rasa = RasaClient(settings.rasa_url)
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
    app.add_middleware(
        CORSExceptSocketIO,
        allow_origins=settings.allowed_origins,
        allow_methods=["GET", "POST"],
        allow_headers=["Content-Type"],
    )
    app.middleware("http")(metrics.record_request)
    app.add_middleware(SecurityHeadersMiddleware, allowed_origins=settings.allowed_origins)
    for module in (health, chat, triage, services, widget, sms):
        app.include_router(module.router)
    app.mount("/socket.io", socketio_app(app))
    return app
