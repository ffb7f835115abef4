"""The portal's URLs plus a minimal Django view: the ceiling of the load benchmark.

The view answers a fixed short text through the same middleware and server as the
portal pages, so its requests per second are the most a portal page could reach.
"""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from cms.urls import handler404, handler500
from cms.urls import urlpatterns as portal_urlpatterns

__all__ = ["handler404", "handler500", "urlpatterns"]


def ceiling(request: HttpRequest) -> HttpResponse:
    """ "ok"; with ``?bytes=N`` an answer of N bytes instead (a reference for large
    pages: what the transport of such an answer costs)."""
    size = min(int(request.GET.get("bytes", "0") or 0), 1_000_000)
    if size:
        return HttpResponse(b"x" * size, content_type="text/html")
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/ceiling/", ceiling), *portal_urlpatterns]
