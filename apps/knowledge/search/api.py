"""The JSON search API: the portal search's parameters, results and facets.

Documented by the OpenAPI document at ``/api/search/openapi.json``
(:mod:`.openapi`). The language is the ``lang`` parameter (de, da, en).
"""

from __future__ import annotations

from http import HTTPStatus

from django.http import HttpRequest, JsonResponse
from django.utils import translation
from django.utils.translation import gettext
from django.views.decorators.http import require_GET

from apps.knowledge.models.search import QUERY_MAX_LENGTH
from apps.knowledge.public_url import absolute_url
from apps.knowledge.search import service
from apps.knowledge.search.analysis import normalise_language
from apps.knowledge.search.openapi import openapi_document
from apps.knowledge.search.suggest import suggestions

#: Suggestions returned at most.
SUGGESTION_LIMIT = 8


def _language(request: HttpRequest) -> str:
    return normalise_language(request.GET.get("lang"))


@require_GET
def search(request: HttpRequest) -> JsonResponse:
    """Search results with facets, as the portal search page shows them."""
    language = _language(request)
    params = service.SearchParams.from_query_dict(request.GET)
    if params.shortened:
        with translation.override(language):
            message = gettext(
                "The search text is too long: at most %(limit)d characters."
            ) % {"limit": QUERY_MAX_LENGTH}
        return JsonResponse(
            {"message": message},
            status=HTTPStatus.BAD_REQUEST,
            json_dumps_params={"ensure_ascii": False},
        )
    with translation.override(language):
        outcome = service.search(params, language, request=request)
        page = outcome.page
        data = {
            "query": params.q,
            "language": language,
            "corrected_query": outcome.corrected_query or None,
            "matched_some_words": outcome.matched_some_words,
            "engine": outcome.engine_name,
            "sort": params.sort,
            "filters": {name: list(values) for name, values in params.filters.items()},
            "total": outcome.total,
            "page": page.number if page else 1,
            "num_pages": page.paginator.num_pages if page else 0,
            "results": [
                {
                    "title": hit.title,
                    "url": hit.url,
                    "excerpt_html": str(hit.excerpt),
                    "language": hit.language,
                    "in_requested_language": hit.in_visitor_language,
                    "type": hit.kind,
                    "readiness": _readiness(hit.page),
                }
                for hit in outcome.hits
            ],
            "facets": [
                {
                    "name": facet.name,
                    "label": facet.label,
                    "values": [
                        {
                            "value": value.value,
                            "label": value.label,
                            "count": value.count,
                            "selected": value.selected,
                        }
                        for value in facet.values
                    ],
                }
                for facet in outcome.facets
            ],
        }
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


def _readiness(page) -> dict | None:
    """A solution's transfer phase and criteria count (no query: its own fields)."""
    readiness = getattr(page, "readiness", None)
    if readiness is None:
        return None
    return {
        "transfer_phase": readiness.phase or None,
        "transfer_phase_label": readiness.phase_label,
        "criteria_documented": readiness.documented,
        "criteria_total": readiness.total,
    }


@require_GET
def suggest(request: HttpRequest) -> JsonResponse:
    """Titles of live public pages that start like what the visitor typed."""
    language = _language(request)
    query = " ".join(request.GET.get("q", "").split())[:100]
    items = suggestions(query, language, request, limit=SUGGESTION_LIMIT)
    return JsonResponse(
        {"query": query, "language": language, "suggestions": items},
        json_dumps_params={"ensure_ascii": False},
    )


@require_GET
def openapi(request: HttpRequest) -> JsonResponse:
    """The OpenAPI 3 document of this API."""
    return JsonResponse(openapi_document(absolute_url("/")))
