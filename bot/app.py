"""The FastAPI gateway: one router per resource, shared state as dependencies."""
from __future__ import annotations

from contextlib import asynccontextmanager
from typing import AsyncIterator

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from bot.logging_setup import configure_logging
from bot.rasa_client import RasaClient
from bot import metrics
from bot.routers import chat, health, hsds, services, sms, staff, status, triage, widget
from bot.settings import Settings, get_settings
from bot.tokens import Guard
from knowledge import status_store

# A fixed fallback key for hashing client addresses in the failed-attempt counter; set
# HJELPELOS_TOKEN_CLIENT_KEY in production so the hashes cannot be recomputed elsewhere.
_FALLBACK_CLIENT_KEY = "hjelpelos-token-attempts"


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the gateway; tests pass their own settings."""
    settings = settings or get_settings()
    configure_logging("INFO")

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.rasa = RasaClient(settings.rasa_url)
        yield
        await app.state.rasa.aclose()

    app = FastAPI(
        title="Hjelpelos gateway",
        version="0.1.0",
        description="Finds the right helpline for people exposed to violence. No advice.",
        lifespan=lifespan,
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
        CORSMiddleware,
        allow_origins=settings.allowed_origins,
        allow_methods=["GET", "POST", "DELETE"],
        allow_headers=["Content-Type", "Authorization"],
    )
    app.middleware("http")(metrics.record_request)
    for module in (health, metrics, chat, triage, services, status, hsds, staff, widget, sms):
        app.include_router(module.router)
    return app
