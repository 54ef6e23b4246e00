"""Prometheus metrics with no personal data: route templates, status codes and urgency levels only.

No label ever holds a path with parameters, a message, a sender or a number.
"""
from __future__ import annotations

import time
from typing import Awaitable, Callable

from fastapi import APIRouter, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest

REGISTRY = CollectorRegistry()
REQUESTS = Counter("hjelpelos_http_requests_total", "HTTP requests by route template and status",
                   ["route", "status"], registry=REGISTRY)
LATENCY = Histogram("hjelpelos_http_request_seconds", "HTTP request duration by route template",
                    ["route"], registry=REGISTRY)
URGENCY = Counter("hjelpelos_triage_urgency_total", "One-shot triage results by urgency",
                  ["urgency"], registry=REGISTRY)

# Demand events that could not be counted (store down, queue full); the reply went out anyway.
STATS_FAILURES = Counter("hjelpelos_stats_failures_total",
                         "Demand events not recorded, by reason; replies are never held back for them",
                         ["reason"], registry=REGISTRY)

router = APIRouter(tags=["health"])


@router.get("/metrics", include_in_schema=False)
def metrics() -> Response:
    return Response(generate_latest(REGISTRY), media_type=CONTENT_TYPE_LATEST)


async def record_request(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    """Middleware: count and time each request under its route template, never its real path."""
    started = time.perf_counter()
    response = await call_next(request)
    route = request.scope.get("route")
    template = getattr(route, "path", "unmatched")
    REQUESTS.labels(template, str(response.status_code)).inc()
    LATENCY.labels(template).observe(time.perf_counter() - started)
    return response
