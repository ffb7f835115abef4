"""Portal views that are not pages: the error pages (the search view is in
``apps.knowledge.search.views``)."""

from __future__ import annotations

from http import HTTPStatus

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import requires_csrf_token

from apps.knowledge import i18n


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
        # The footer's feedback link names no page: the address asked for may be
        # that of a page that was hidden, and a 404 must not repeat it.
        "error_page": True,
    }
    return render(request, "404.html", context, status=HTTPStatus.NOT_FOUND)


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    """A friendly 500 page that needs neither the database nor the page tree."""
    return render(request, "500.html", status=HTTPStatus.INTERNAL_SERVER_ERROR)
