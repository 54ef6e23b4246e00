"""GET /v1/stats: the demand statistics as suppressed aggregates, for analysts with a token.

The same tables as `hjelpelos stats report` (cells under 5 shown as "<5"), never an event.
"""
from __future__ import annotations

from datetime import date, timedelta
from typing import Any, Dict, Optional

from fastapi import APIRouter, Depends, HTTPException, Query

from bot.tokens import TokenRecord, require_role
from stats.events import parse_day
from stats.report import suppressed_aggregates
from stats.store import open_store

router = APIRouter(prefix="/v1", tags=["stats"])
DEFAULT_DAYS = 30


def _day(text: Optional[str], default: date) -> date:
    if not text:
        return default
    try:
        return parse_day(text)
    except ValueError:
        raise HTTPException(422, f"not a date (YYYY-MM-DD): {text!r}") from None


@router.get("/stats")
def stats(
    date_from: Optional[str] = Query(None, alias="from", description="first day, YYYY-MM-DD (default: 30 days ago)"),
    date_to: Optional[str] = Query(None, alias="to", description="last day, YYYY-MM-DD (default: today)"),
    _analyst: TokenRecord = Depends(require_role("analyst")),
) -> Dict[str, Any]:
    """Demand by topic, language, age band and outcome, and by hour of week; small cells suppressed."""
    last = _day(date_to, date.today())
    first = _day(date_from, last - timedelta(days=DEFAULT_DAYS))
    if first > last:
        raise HTTPException(422, "from is after to")
    return suppressed_aggregates(open_store(), first, last)
