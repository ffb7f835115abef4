"""The portal search page (``/<lang>/search/``); the JSON API is ``search/api.py``.

Both call :func:`apps.knowledge.search.service.search`.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from apps.knowledge import content_cache, i18n
from apps.knowledge.choices import Phase
from apps.knowledge.models import FieldOfAction
from apps.knowledge.models.pages import live_solutions
from apps.knowledge.models.search import QUERY_MAX_LENGTH
from apps.knowledge.portal import page_cache
from apps.knowledge.search import service as search_service
from apps.knowledge.search.service import SearchParams


def search(request: HttpRequest) -> HttpResponse:
    """The portal search: full text, facets, sorting; all state in GET parameters.

    Searches every live public page type through the configured search engine
    (:mod:`apps.knowledge.search.service`, shared with the JSON API).
    """
    params = SearchParams.from_query_dict(request.GET)
    language = i18n.active_language()
    # Searches look through every language: retired when any solution changes.
    content_cache.note(content_cache.SEARCH_TAG)
    # With the places of every result for the map, from the same search.
    outcome = search_service.search(params, language, request=request, places=True)
    # Anonymous visitors may get this answer from the page cache, except a search
    # that the service counts for the editors' report of searches without results
    # (text, nothing found, no filter, first page), which must run every time.
    counted = params.q and not outcome.total and not params.filters
    if not (counted and params.page == 1):
        page_cache.mark_cacheable(request, reads=search_service.QUERY_PARAMETERS)
    context = {
        "query": params.q,
        "query_max_length": QUERY_MAX_LENGTH,
        "outcome": outcome,
        "results": outcome.page if not params.is_empty else None,
        "sorts": [
            (value, label, params.sort == value)
            for value, label in (("relevance", _("Relevance")), ("date", _("Date")))
        ],
        "clear_filters_url": "?"
        + urlencode(params.as_pairs(**dict.fromkeys(params.filters, []))),
    }
    if params.is_empty:
        context.update(_browse(language))
    return render(request, "knowledge/search.html", context)


#: How many of the newest solutions the empty search page shows.
NEWEST_ON_EMPTY_SEARCH = 3


def _browse(language: str) -> dict:
    """What the empty search page offers to browse: the fields of action, the
    phases and the newest solutions.

    The lists are callables: the template reads them only when its shared fragment
    ("search-browse") is not kept, so a kept page costs no query.
    """
    locale = content_cache.locale_for(language)
    if locale is None:
        return {}
    return {
        "browse_locale_id": locale.pk,
        "browse_fields": lambda: list(FieldOfAction.objects.public_in(locale)),
        "browse_phases": Phase.choices,
        "browse_newest": lambda: list(live_solutions(locale)[:NEWEST_ON_EMPTY_SEARCH]),
    }
