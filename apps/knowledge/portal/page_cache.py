"""The anonymous page cache: whole rendered portal pages for visitors without a login.

A portal page for an anonymous visitor is the same for every such visitor, so the
rendered response is kept in the default cache (Redis when ``REDIS_URL`` is set,
shared by every server process) for ``PORTAL_CACHE_SECONDS`` and answered from
there without touching the database. What is cached:

- only ``GET`` answers ``200`` of Wagtail pages without view restrictions (never a
  preview) and of views that call :func:`mark_cacheable` (the search, unless it
  found nothing);
- only for requests whose query parameters the page reads (a page's
  ``cache_query_parameters``, the search's ``QUERY_PARAMETERS``): ``/de/?cb=1``,
  ``?cb=2``, ... are rendered but never stored, so junk parameters cannot grow the
  cache. What remains (pages × the parameters they read, searches) is bounded by
  Redis's ``maxmemory`` with ``allkeys-lru`` (docker-compose.yml, README);
- only for requests without a session or messages cookie, so a logged-in editor or
  partner, or a visitor with a pending message, always gets a fresh page;
- never a response that sets a cookie, used a CSRF token (a form) or says
  ``Cache-Control: private/no-store/no-cache``.

Invalidation (issue 15): a page is stored with the tags of what it showed, noted
while it was rendered (:mod:`apps.knowledge.content_cache`): its own page,
``page:<translation key>`` of every page it links to (each address made, in cards,
related solutions, rich text), ``list:<locale>`` if it lists every solution of a
language (home, knowledge base, search), ``list:<locale>:field:<id>``,
``list:<locale>:area:<id>`` or ``list:<locale>:org:<key>`` (and ``lists:<locale>``)
if it lists those of a field of action, partner area or organisation (theme,
partner area and organisation pages, their maps' data), ``search`` for the search.
It is served only while none of them has been retired (checked on a hit by one count
of retirements, not every tag's version: ``content_cache.still_valid_checked``).
Publishing or unpublishing a solution retires only :func:`shown_by` it: its own page
and translations, the pages that link to it or that it links to (Wagtail's reference
index: its related solutions show it back), the lists of every solution of its
language, the narrower lists of its language it is in now and was in before (a list
it left shifts: its later pages never showed it), and the searches. The lists it was
in are recorded per page at each change (:func:`record_lists`); if the record is
lost (evicted), every narrower list of the language is retired. Everything else that
changes what every page shows (another page type: the navigation and lists show
them; moving or deleting a page; a snippet, tag, image, document, site, locale, view
restriction or translation record) retires every page. ``PORTAL_CACHE_SECONDS``
bounds how long a page lives regardless. The same pages, and every list of the
solution's language, are purged from a reverse proxy in front
(:mod:`apps.knowledge.portal.frontend`).

The Content-Security-Policy header is added by django-csp on the way out of every
response, cached or not; the portal uses no nonces (scripts and styles come from
``'self'``), so a cached page needs nothing per request.
"""

from __future__ import annotations

import gzip
import hashlib
import re
import secrets
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.text import compress_string
from django.utils.translation import get_language_from_path
from wagtail import hooks
from wagtail.models import Page
from wagtail.signals import (
    page_published,
    page_unpublished,
    post_page_move,
    published,
    unpublished,
)

from apps.knowledge import cache_snapshot, content_cache
from apps.knowledge.content_cache import next_expiry
from apps.knowledge.portal import frontend

#: Set on the request by a view whose answer may be cached for anonymous visitors.
CACHEABLE_ATTRIBUTE = "portal_page_cacheable"
#: Set with it: the query parameters the answer depends on.
READS_ATTRIBUTE = "portal_page_reads"
HIT_HEADER = "X-Portal-Cache"
#: The cache key of the lists a solution is in (:func:`record_lists`), + its id.
LISTS_PREFIX = "portal-lists:"
#: Models whose saving or deletion changes what portal pages show, besides pages
#: and snippets.
CONTENT_MODELS = {
    "taggit.tag",
    "knowledge.tagtranslation",
    # Terms are saved after their group (a snippet): the synonyms change with them.
    "knowledge.term",
    "wagtailimages.image",
    "wagtaildocs.document",
    "wagtailcore.site",
    "wagtailcore.locale",
    # A page made private must leave the cache at once (tests/test_leaks.py).
    "wagtailcore.pageviewrestriction",
    # wagtail-localize's records of a translation decide the "outdated
    # translation" notice (apps/workflow/moderation/translation_status.py): synced,
    # translated.
    "wagtail_localize.translationsource",
    "wagtail_localize.translation",
    "wagtail_localize.translationlog",
}


def timeout() -> int:
    return int(getattr(settings, "PORTAL_CACHE_SECONDS", 0) or 0)


def storing_timeout(request: HttpRequest) -> int:
    seconds = timeout()
    expires_at = min(
        filter(None, [getattr(request, "portal_page_expires_at", None), next_expiry()]),
        default=None,
    )
    if expires_at is not None:
        left = int((expires_at - timezone.now()).total_seconds())
        seconds = max(1, min(seconds, left))
    return seconds


def cache_key(request: HttpRequest) -> str:
    address = f"{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(address.encode()).hexdigest()
    return f"portal-page:{digest}"


def check_key(key: str) -> str:
    """Where the last check of the page under ``key`` is noted (a few bytes, read
    on a hit instead of the page's twenty-odd tag versions)."""
    return key.replace("portal-page:", "portal-page-checked:", 1)


def has_visitor_cookie(request: HttpRequest) -> bool:
    """A session (a logged-in editor or partner) or pending messages."""
    cookies = request.COOKIES
    return (
        settings.SESSION_COOKIE_NAME in cookies
        or getattr(settings, "MESSAGE_COOKIE_NAME", "messages") in cookies
    )


def is_portal_address(request: HttpRequest) -> bool:
    # Portal addresses start with a language (/de/...); the admin, the APIs and the
    # downloads are never cached, so they need no cache lookup either.
    return get_language_from_path(request.path_info) is not None


def may_use_cache(request: HttpRequest) -> bool:
    """Whether this request may be answered from, or stored in, the cache."""
    if request.method not in ("GET", "HEAD") or not timeout():
        return False
    return not has_visitor_cookie(request) and is_portal_address(request)


def may_store(request: HttpRequest, response: HttpResponse) -> bool:
    if not getattr(request, CACHEABLE_ATTRIBUTE, False):
        return False
    if request.method != "GET" or response.status_code != 200:
        return False
    if not set(request.GET) <= getattr(request, READS_ATTRIBUTE, frozenset()):
        return False  # a parameter the page does not read: not worth a cache entry
    if response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False  # the page holds a CSRF token: a form for this visitor only
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    messages = getattr(request, "_messages", None)
    if messages is not None and getattr(messages, "_queued_messages", None):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    return not any(
        word in cache_control for word in ("private", "no-store", "no-cache")
    )


class AnonymousPageCacheMiddleware:
    """Answers anonymous portal requests from the cache and stores cacheable pages.

    Sits right after WhiteNoise, before the session, locale, CSRF, authentication
    and messages middleware (issue 15: a hit runs none of them); the outer
    middleware (security headers, CSP) still processes every cached answer, and the
    headers the inner middleware add (Content-Language, X-Frame-Options) are stored
    with the page. What the inner middleware decide is still seen before storing: a
    session or messages cookie they set, a CSRF token, a modified session.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in ("GET", "HEAD") or not is_portal_address(request):
            with content_cache.one_version_read():
                return self._answer(request)
        # What this address read from the cache last time, in one round trip: the
        # stored page and its tags' versions on a hit, the routing, fragments and
        # tags otherwise (apps/knowledge/cache_snapshot.py).
        anonymous = not has_visitor_cookie(request)
        address = f"{anonymous:d}{request.get_host()}{request.get_full_path()}"
        with cache_snapshot.snapshot(address), content_cache.one_version_read():
            return self._answer(request)

    def _answer(self, request: HttpRequest) -> HttpResponse:
        if not may_use_cache(request):
            return self.get_response(request)
        key = cache_key(request)
        stored = cache.get(key)
        if stored is not None and len(stored) == 5:
            body, compressed, headers, versions, token = stored
            if content_cache.still_valid_checked(
                versions, check_key(key), token, timeout()
            ):
                return answer_from_cache(request, body, compressed, headers)
        started = content_cache.sequence()
        with content_cache.noting() as shown:
            response = self.get_response(request)
        if may_store(request, response):
            # None: something it shows was retired while it was rendered.
            versions = content_cache.tag_versions(
                shown | {content_cache.EVERYTHING}, started
            )
            if versions is not None:
                headers = {
                    name: value
                    for name, value in response.items()
                    if name.lower() not in {"set-cookie", "vary", "content-length"}
                }
                body, compressed = _stored_body(response.content)
                # The token tells this copy's checks from an earlier copy's.
                cache.set(
                    key,
                    (body, compressed, headers, versions, secrets.token_hex(8)),
                    storing_timeout(request),
                )
            response[HIT_HEADER] = "miss"
        return response


#: Browsers ask for compressed answers; bots and scripts may not.
_ACCEPTS_GZIP = re.compile(r"\bgzip\b")


def _stored_body(content: bytes) -> tuple[bytes, bool]:
    """The page as kept: compressed once (gzip), when that makes it smaller, so a
    hit moves a sixth of the bytes to a browser and costs no compression."""
    compressed = compress_string(content)
    if len(compressed) < len(content):
        return compressed, True
    return content, False


def answer_from_cache(
    request: HttpRequest, body: bytes, compressed: bool, headers: dict
) -> HttpResponse:
    """A kept page: compressed for a client that accepts gzip, else as rendered."""
    accepts = bool(_ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))
    if compressed and not accepts:
        body = gzip.decompress(body)
    response = HttpResponse(body, headers=headers)
    if compressed and accepts:
        response["Content-Encoding"] = "gzip"
    response["Content-Length"] = str(len(body))
    patch_vary_headers(response, ("Accept-Encoding",))
    response[HIT_HEADER] = "hit"
    return response


def mark_cacheable(
    request: HttpRequest, cacheable: bool = True, reads: Iterable[str] = ()
) -> None:
    """Tells the middleware that this answer is the same for every anonymous visitor.

    ``reads``: the query parameters the answer depends on; a request with any other
    parameter is answered but not stored.
    """
    setattr(request, CACHEABLE_ATTRIBUTE, cacheable)
    setattr(request, READS_ATTRIBUTE, frozenset(reads))


def query_parameters_read(page: Page, request: HttpRequest) -> Iterable[str]:
    """The query parameters the answer of ``page`` reads: its
    ``cache_query_parameters``, or for a route of a routable page (an organisation
    of the contact directory) what its ``route_query_parameters`` give that route."""
    match = getattr(request, "routable_resolver_match", None)
    routes = getattr(page, "route_query_parameters", {})
    if match is not None and match.url_name in routes:
        return routes[match.url_name]
    return getattr(page, "cache_query_parameters", ())


@hooks.register("before_serve_page")
def mark_page_cacheable(page: Page, request: HttpRequest, args, kwargs) -> None:
    """Live pages may be cached, never a preview.

    A page with view restrictions never reaches the cache: Wagtail answers an
    anonymous visitor with a redirect to the login or a password form (which holds a
    CSRF token), and only a visitor with a session, never answered from the cache,
    gets past it.
    """
    mark_cacheable(
        request,
        page.live and not getattr(request, "is_preview", False),
        reads=query_parameters_read(page, request),
    )
    # A page due to expire leaves the cache by then.
    request.portal_page_expires_at = page.expire_at
    content_cache.note(content_cache.page_tag(page))


# --- invalidation ------------------------------------------------------------------


def shown_by(page: Page, before: Iterable[str] = ()) -> set[str]:
    """The tags of the cached pages that show ``page``: for a solution, its own
    page and translations, the pages linking to it or linked from it (the reference
    index; related solutions show each other), the lists of every solution of its
    language, the lists of a field of action, partner area or organisation it is
    in (:func:`lists_of`) or was in (``before``: :func:`lists_before`) and the
    searches. Any other page: every page (the navigation shows the sections, lists
    show theme pages, a home page is every page's way back)."""
    from apps.knowledge.models import SolutionPage  # models import this module

    page = page.specific_deferred
    if not isinstance(page, SolutionPage):
        return {content_cache.EVERYTHING}
    return {
        *(content_cache.page_tag(other) for other in frontend.neighbours(page)),
        content_cache.page_tag(page),
        content_cache.list_tag(page.locale_id),
        *lists_of(page),
        *before,
        content_cache.SEARCH_TAG,
    }


def lists_of(page: Page) -> set[str]:
    """The tags of the narrower lists of its language that the solution ``page``
    is in by its content (live or not): the theme pages of its fields of action
    (every version of the field: a theme page may point to another language's),
    its partner area (its parent) and the pages of its lead and partner
    organisations, as the lists choose (``apps/knowledge/models/pages.py``)."""
    from apps.knowledge.models import FieldOfAction, Organisation
    from apps.knowledge.models.solutions import SolutionFieldOfAction, SolutionPartner

    fields = FieldOfAction.objects.filter(
        translation_key__in=SolutionFieldOfAction.objects.filter(
            page_id=page.pk
        ).values("field_of_action__translation_key")
    ).values_list("pk", flat=True)
    partners = SolutionPartner.objects.filter(page_id=page.pk)
    organisations = Organisation.objects.filter(
        Q(pk=page.lead_organisation_id) | Q(pk__in=partners.values("organisation"))
    ).values_list("translation_key", flat=True)
    parent = Page.objects.filter(path=page.path[: -page.steplen]).values_list(
        "pk", flat=True
    )
    tags = set()
    for kind, values in (("field", fields), ("area", parent), ("org", organisations)):
        for value in values:
            tags.add(content_cache.narrow_list_tag(page.locale_id, kind, value))
    return tags


def _lists_key(page: Page) -> str:
    return f"{LISTS_PREFIX}{page.pk}"


def lists_before(page: Page, created: bool = False) -> set[str]:
    """The tags of the narrower lists the solution ``page`` was in before this
    change (a field of action it left: the list's later pages shift), as
    :func:`record_lists` kept them; none for a new page; every list of its
    language if the record is lost (evicted)."""
    if created:
        return set()
    recorded = cache.get(_lists_key(page))
    if recorded is None:
        return {content_cache.any_list_tag(page.locale_id)}
    return set(recorded)


def record_lists(page: Page, before: Iterable[str]) -> None:
    """Keeps the lists the solution ``page`` is in for its next change: now those
    it is in or was in (right even if the transaction is rolled back), after the
    commit those it is in."""

    def keep(tags: Iterable[str]) -> None:
        cache.set(_lists_key(page), sorted(tags), timeout=None)

    def keep_after_commit() -> None:
        keep(lists_of(page))

    keep(lists_of(page) | set(before))
    transaction.on_commit(keep_after_commit)


def _retire_shown_by(page: Page, created: bool = False) -> None:
    """Retires :func:`shown_by` ``page`` now and after the commit."""
    from apps.knowledge.models import SolutionPage  # models import this module

    page = page.specific_deferred
    if not isinstance(page, SolutionPage):
        content_cache.retire([content_cache.EVERYTHING])
        return
    before = lists_before(page, created)
    record_lists(page, before)
    content_cache.retire(lambda: shown_by(page, before))


def _record_new_draft(page: Page) -> None:
    from apps.knowledge.models import SolutionPage  # models import this module

    if isinstance(page, SolutionPage):
        cache.set(_lists_key(page), [], timeout=None)


def _retire_pages_showing(page: Page) -> None:
    _retire_shown_by(page)
    frontend.purge_showing(page)


def _page_changed(sender, instance=None, **kwargs) -> None:
    _retire_pages_showing(instance)


def _object_changed(sender, instance=None, **kwargs) -> None:
    # Wagtail sends this for pages too, with page_published or page_unpublished.
    if not isinstance(instance, Page):  # a snippet published or unpublished
        _everything_changed()


def _everything_changed() -> None:
    content_cache.retire_everything()
    frontend.purge_everything()


def _page_moved(sender, **kwargs) -> None:
    # The addresses of the page and all below it change.
    _everything_changed()


def _model_changed(sender, instance=None, **kwargs) -> None:
    if kwargs.get("raw"):
        return
    from wagtail.snippets.models import get_snippet_models

    if (
        isinstance(instance, Page)
        or sender._meta.label_lower in CONTENT_MODELS
        or sender in get_snippet_models()
    ):
        _everything_changed()


def _model_saved(sender, instance=None, **kwargs) -> None:
    if isinstance(instance, Page):
        # Publishing sends page_published. Saving a draft (Wagtail saves only a few
        # fields then) changes nothing a visitor sees; a full save of a live page
        # in code may, like a publish (which makes one too).
        if kwargs.get("update_fields") is not None:
            return
        if instance.live:
            _retire_shown_by(instance, created=kwargs.get("created", False))
        elif kwargs.get("created"):
            # A new draft is in no list: its first publish retires only the
            # lists it joins.
            _record_new_draft(instance)
        return
    _model_changed(sender, instance=instance, **kwargs)


page_published.connect(_page_changed, dispatch_uid="portal_page_cache_published")
page_unpublished.connect(_page_changed, dispatch_uid="portal_page_cache_unpublished")
published.connect(_object_changed, dispatch_uid="portal_page_cache_object_published")
unpublished.connect(
    _object_changed, dispatch_uid="portal_page_cache_object_unpublished"
)
post_page_move.connect(_page_moved, dispatch_uid="portal_page_cache_move")
post_delete.connect(_model_changed, dispatch_uid="portal_page_cache_delete")
post_save.connect(_model_saved, dispatch_uid="portal_page_cache_save")
