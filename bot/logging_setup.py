"""Logging for our processes: structured, to stderr, and never at debug level by default.

Rasa's structlog calls log parse results (with the user's text) at debug level and print to
stdout when nobody configures structlog; in a crisis service that is a leak, and on the CLI it
corrupts the JSON output. Our own log events never carry message text or identifiers.
"""
from __future__ import annotations

import logging
import os
import sys

import structlog


def configure_logging(level: str = None) -> None:
    name = (level or os.environ.get("HJELPELOS_LOG_LEVEL") or "WARNING").upper()
    numeric = getattr(logging, name, logging.WARNING)
    logging.basicConfig(level=numeric, stream=sys.stderr, format="%(levelname)s %(name)s %(message)s")
    logging.getLogger().setLevel(numeric)
    structlog.configure(
        processors=[structlog.processors.add_log_level, structlog.processors.TimeStamper(fmt="iso"),
                    structlog.processors.JSONRenderer()],
        wrapper_class=structlog.make_filtering_bound_logger(max(numeric, logging.INFO)),
        logger_factory=structlog.PrintLoggerFactory(sys.stderr),
        cache_logger_on_first_use=False,
    )
