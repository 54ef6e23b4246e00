"""/v1/hsds: the helpline catalogue as an Open Referral HSDS 3.0 directory (docs/interfaces.md)."""
from __future__ import annotations

from typing import Any, Dict, Optional

from fastapi import APIRouter, HTTPException, Query

import knowledge
from knowledge.hsds import hsds_service, page
from knowledge.hsds_languages import hsds_id
from knowledge.status_store import live_statuses
from triage import messages

router = APIRouter(prefix="/v1/hsds", tags=["hsds"])
LANGS = ("nb", "nn", "en", "se")


def _moment(at: Optional[str]):
    try:
        return knowledge.to_oslo(at)
    except ValueError:
        raise HTTPException(422, f"at: not an ISO 8601 time: {at!r}") from None


def _lang(lang: str) -> str:
    if lang not in LANGS:
        raise HTTPException(422, f"lang must be one of {', '.join(LANGS)}")
    return lang


@router.get("/services", summary="HSDS services, paginated (service_list.json items)")
def list_hsds_services(page_number: int = Query(1, alias="page", ge=1), per_page: int = Query(50, ge=1, le=200),
                       lang: str = Query("nb", description="Language of names and alerts: nb, nn, en or se"),
                       at: Optional[str] = Query(None, description="ISO time for `alert` and `status`; default now"),
                       ) -> Dict[str, Any]:
    """Every service in catalogue order, as HSDS's `Page` with `contents`."""
    moment, lang = _moment(at), _lang(lang)
    catalogue, statuses = knowledge.load_catalogue(), live_statuses()
    items = [hsds_service(catalogue, s, moment, statuses, messages.text, lang, nested=False)
             for s in catalogue.services.values()]
    return page(items, page_number, per_page)


@router.get("/services/{service_id}", summary="One HSDS service, fully nested (service.json)")
def get_hsds_service(service_id: str, lang: str = Query("nb"), at: Optional[str] = Query(None)) -> Dict[str, Any]:
    """By catalogue id (`alarmtelefonen`) or HSDS id (a UUID from the list)."""
    moment, lang = _moment(at), _lang(lang)
    catalogue = knowledge.load_catalogue()
    service = catalogue.services.get(service_id) or next(
        (s for s in catalogue.services.values() if hsds_id(s.id) == service_id), None)
    if service is None:
        raise HTTPException(404, f"no service {service_id!r}")
    return hsds_service(catalogue, service, moment, live_statuses(), messages.text, lang)
