"""Portal views that are not pages: search and the error pages."""

from __future__ import annotations

from http import HTTPStatus

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import requires_csrf_token
from wagtail.models import Locale, Page

from apps.knowledge import i18n
from apps.knowledge.models.pages import paginate


def search(request: HttpRequest) -> HttpResponse:
    """Search every published page of the portal in the visitor's language.

    Searches all page types through Wagtail's search backend rather than a fixed
    list of models; the search issue adds facets and snippets.
    """
    query = request.GET.get("q", "").strip()
    results = None
    if query:
        pages = (
            Page.objects.live()
            .public()
            .filter(locale=Locale.get_active(), depth__gt=1)
            .specific()
        )
        results = paginate(request, pages.search(query))
    return render(
        request, "knowledge/search.html", {"query": query, "results": results}
    )


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
