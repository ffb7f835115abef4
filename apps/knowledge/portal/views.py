"""Portal views that are not pages: search and the error pages."""

from __future__ import annotations

from http import HTTPStatus
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import requires_csrf_token

from apps.knowledge import i18n
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
    outcome = search_service.search(params, i18n.active_language(), request=request)
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
    return render(request, "knowledge/search.html", context)


@requires_csrf_token
def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    """A friendly 404 in the visitor's language.

    When ``/da/<path>`` has no Danish page but the path leads to a page in another
    language, the visitor is sent to the Danish translation if it lives at another
    address, or else told that the page is not available in Danish and given the
    languages in which it is.
    """
    requested = i18n.active_language()
    urls = i18n.find_in_other_languages(request)
    if requested in urls and urls[requested] != request.path:
        return redirect(urls[requested])
    urls.pop(requested, None)
    if urls:
        language_urls = urls
    else:
        language_urls = {
            code: url
            for code, home in i18n.site_homes(request).items()
            if (url := home.get_url(request))
        }
    context = {
        "requested_language": requested,
        "translations": [v for v in i18n.language_versions(urls) if v.url],
        "language_urls": language_urls,
    }
    return render(request, "404.html", context, status=HTTPStatus.NOT_FOUND)


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    """A friendly 500 page that needs neither the database nor the page tree."""
    return render(request, "500.html", status=HTTPStatus.INTERNAL_SERVER_ERROR)
