"""The portal search page (``/<lang>/search/``); the JSON API is ``search/api.py``.

Both call :func:`apps.knowledge.search.service.search`. The page's map shows every
result that has a place, not only this page's: the page holds the places of the
results it lists, the map's script fetches every place from ``search/places/json/``
(same parameters) and ``search/places/`` lists them without JavaScript.
"""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from apps.knowledge import content_cache, i18n
from apps.knowledge.choices import Phase
from apps.knowledge.models import FieldOfAction
from apps.knowledge.models.pages import live_solutions
from apps.knowledge.models.search import QUERY_MAX_LENGTH
from apps.knowledge.portal import map as place_maps
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
    outcome = search_service.search(params, language, request=request)
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
        # The map: the places of this page's results (the hits' pages, no
        # query); every other place comes from places_json, the same search's.
        "page_places": [hit.page for hit in outcome.hits],
        **_places_urls(params),
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


def _places_urls(params: SearchParams) -> dict[str, str]:
    """Where the map's script fetches every place, and their plain list."""
    query = urlencode(params.as_pairs(sort=""))
    return {
        "places_source": f"{reverse('search_places_json')}?{query}",
        "places_list": f"{reverse('search_places')}?{query}",
    }


def _every_place(request: HttpRequest):
    """The search's parameters and the map features of every result that has a
    place (the page's search, with ``places=True``), cached like the page."""
    params = replace(SearchParams.from_query_dict(request.GET), page=1)
    language = i18n.active_language()
    content_cache.note(content_cache.SEARCH_TAG)
    outcome = search_service.search(
        params, language, request=request, record=False, places=True
    )
    page_cache.mark_cacheable(request, reads=search_service.QUERY_PARAMETERS)
    return params, place_maps.map_features(outcome.places, language, request)


def places_json(request: HttpRequest) -> HttpResponse:
    """Every place of a search's results, for its map: a GeoJSON FeatureCollection."""
    return place_maps.feature_collection(_every_place(request)[1])


def places(request: HttpRequest) -> HttpResponse:
    """Every place of a search's results as a plain list, for visitors without
    JavaScript (the map's list shows only the results of one page)."""
    params, features = _every_place(request)
    return place_maps.list_page(
        request,
        features,
        title=gettext("Places of the search results"),
        back_url=f"{reverse('search')}?{urlencode(params.as_pairs())}",
        back_label=gettext("Back to the search results"),
    )
