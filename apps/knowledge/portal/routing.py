"""Wagtail's page routing, with the address -> page resolution kept until the
content changes.

Wagtail routes ``/de/a/b/c/`` from the site's root page down: a query for the site,
one for the active locale, and two per path segment (the child with that slug, then
its ``.specific``), before the page does anything. Which page an address leads to
changes only when a page is published, unpublished, moved or deleted, and each of
these bumps the portal's content version (:mod:`apps.knowledge.content_cache`).

So the result of Wagtail's own routing is kept per site, language and path: the
page's id, its type and how many path segments lead to it. A request then loads
only that page (with its locale; the loaded page is kept too, by the version of
its tag, so a kept page costs no query) and lets the page's own ``route()`` take
the rest of the path (the live check, a routable page's subpages), so Wagtail's
rules stay in force; the visibility and view-restriction checks run afterwards as
before.
Addresses that lead nowhere are not kept (junk addresses cannot fill the cache).

Wagtail reads the route from ``request._wagtail_route_for_request``
(``Page.route_for_request``) and the site from ``request._wagtail_site``
(``Site.find_for_request``), where it caches them itself.
"""

from __future__ import annotations

import hashlib

from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpRequest
from django.http.request import split_domain_port
from django.utils.translation import get_language
from wagtail.models import Site
from wagtail.url_routing import RouteResult

from apps.knowledge import content_cache


def find_site(request: HttpRequest) -> Site | None:
    """``Site.find_for_request``, kept per host name and port."""
    if not hasattr(request, "_wagtail_site"):
        hostname = split_domain_port(request._get_raw_host())[0]
        port = request.get_port()
        request._wagtail_site = content_cache.remember(
            "site", lambda: Site._find_for_request(request), hostname, port
        )
    return request._wagtail_site


def route(request: HttpRequest, path: str) -> RouteResult | None:
    """What ``Page.route_for_request(request, path)`` returns, in one query."""
    site = find_site(request)
    if site is None:
        return None
    components = [component for component in path.split("/") if component]
    try:
        page_id, content_type_id, steps = content_cache.remember(
            "route",
            lambda: _resolve(request, site, components),
            site.pk,
            get_language(),
            # A digest: a long address would exceed a cache key's length.
            hashlib.sha1(
                "/".join(components).encode(), usedforsecurity=False
            ).hexdigest(),
        )
    except Http404:
        return None
    page = content_cache.remember_tagged(
        "routed-page",
        lambda: _load(content_type_id, page_id),
        page_id,
        # A page due to expire is loaded afresh from then on (its unpublishing
        # retires it as well).
        valid_until=lambda page: page.expire_at if page is not None else None,
    )
    if page is None:
        return None
    try:
        return page.route(request, components[steps:])
    except Http404:
        return None


def _load(content_type_id: int, page_id: int):
    """The routed page with its locale; kept by its tag (a publish, unpublish or
    move of it retires it; a draft changes nothing the page shows)."""
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    page = model.objects.select_related("locale").filter(pk=page_id).first()
    if page is not None:
        content_cache.note(content_cache.page_tag(page))
    return page


def _resolve(request: HttpRequest, site: Site, components: list[str]):
    """Wagtail's routing: (page id, content type id, segments leading to it)."""
    root = site.root_page.localized.specific
    page = root.route(request, components)[0]
    return page.pk, page.content_type_id, page.depth - root.depth


def prepare(request: HttpRequest, path: str) -> None:
    """Route ``path`` for Wagtail's ``serve`` view before it does it itself."""
    if hasattr(request, "_wagtail_route_for_request"):
        return
    request._wagtail_route_for_request = route(request, path)
