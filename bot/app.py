"""The FastAPI gateway: one router per resource, shared state as dependencies."""
from __future__ import annotations

from contextlib import asynccontextmanager
from typing import AsyncIterator

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from bot.logging_setup import configure_logging
from bot.rasa_client import RasaClient
from bot import metrics, shared_state
from bot.routers import chat, health, services, sms, triage, widget
from bot.settings import Settings, get_settings


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the gateway; tests pass their own settings."""
    settings = settings or get_settings()
    configure_logging("INFO")

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.rasa = RasaClient(settings.rasa_urls, timeout_s=settings.rasa_timeout_s)
        app.state.redis = shared_state.connect(settings.redis_url)
        yield
        await app.state.rasa.aclose()
        if app.state.redis is not None:
            await app.state.redis.close()

    app = FastAPI(
        title="Hjelpelos gateway",
        version="0.1.0",
        description="Finds the right helpline for people exposed to violence. No advice.",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.allowed_origins,
        allow_methods=["GET", "POST"],
        allow_headers=["Content-Type"],
    )
    app.middleware("http")(metrics.record_request)
    for module in (health, metrics, chat, triage, services, widget, sms):
        app.include_router(module.router)
    return app
