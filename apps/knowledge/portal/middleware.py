"""Middleware for the public portal."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import get_language_from_path
from wagtail.views import serve as wagtail_serve

from apps.knowledge import content_cache
from apps.knowledge.portal import routing
from apps.knowledge.portal.views import page_not_found


class PortalNotFoundMiddleware:
    """Shows the portal's own 404 page also while DEBUG is on.

    With DEBUG, Django answers a 404 with its technical page, so someone trying the
    portal with ``make run`` would never see the language fallback ("this page is
    not available in Danish, here it is in German"). Only portal addresses (with a
    language prefix) are affected; the admin keeps Django's behaviour.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(
        self, request: HttpRequest, exception: Exception
    ) -> HttpResponse | None:
        if not (settings.DEBUG and isinstance(exception, Http404)):
            return None
        if get_language_from_path(request.path_info) is None:
            return None
        return page_not_found(request, exception)


class PortalRoutingMiddleware:
    """Routes portal pages from the kept address -> page resolution
    (:mod:`apps.knowledge.portal.routing`) and finds the site without a query.

    ``process_view`` runs after Django resolved the URL, so only requests for
    Wagtail's ``serve`` view are routed; other portal views (the search) get the
    kept site only.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        if content_cache.timeout() <= 0:
            return None  # nothing kept: Wagtail routes as usual
        if get_language_from_path(request.path_info) is None:
            return None
        routing.find_site(request)
        if view_func is wagtail_serve:
            path = view_args[0] if view_args else view_kwargs.get("path", "")
            routing.prepare(request, path)
        return None
