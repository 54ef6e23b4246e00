"""The internal port: metrics and the API docs, on loopback only, never on the public port.

It runs inside the gateway process (the metrics live in that process's registry), as a second
small ASGI app on `HJELPELOS_INTERNAL_HOST:HJELPELOS_INTERNAL_PORT` (127.0.0.1 by default).
"""
from __future__ import annotations

import contextlib
import socket
from typing import Iterator, Optional

import structlog
import uvicorn
from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse

from bot import metrics

log = structlog.get_logger("hjelpelos.internal")


def create_internal_app(public: FastAPI) -> FastAPI:
    """/metrics, /openapi.json (the public API's schema) and /docs (Swagger UI, which needs a CDN)."""
    app = FastAPI(title="Hjelpelos internal", docs_url=None, redoc_url=None, openapi_url=None)
    app.include_router(metrics.router)

    @app.get("/openapi.json", include_in_schema=False)
    def public_schema() -> JSONResponse:
        return JSONResponse(public.openapi())

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(openapi_url="/openapi.json", title=f"{public.title} - docs")

    return app


class _QuietServer(uvicorn.Server):
    """A second server in the gateway's event loop: the main one owns the signals."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


def bind(host: str, port: int) -> Optional[socket.socket]:
    """The listening socket, or None when the port is taken (a second gateway worker)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as error:
        sock.close()
        log.warning("internal.port_unavailable", host=host, port=port, error=str(error))
        return None
    sock.set_inheritable(True)
    return sock


def internal_server(public: FastAPI, sock: socket.socket) -> uvicorn.Server:
    """A uvicorn server for the internal app; `await server.serve(sockets=[sock])` runs it."""
    config = uvicorn.Config(create_internal_app(public), lifespan="off", log_level="warning",
                            access_log=False)
    return _QuietServer(config)
