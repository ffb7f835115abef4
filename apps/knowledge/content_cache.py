"""Small facts every portal request needs, kept until the content changes.

Which pages are hidden or restricted, the term list's synonym groups, the names of
facet values and the locales are read on every search and most pages, and what
every portal page repeats (which page an address leads to, the navigation, the
language versions, the theme pages, related solutions: issue 15) is built from the
same content; all of it changes only when an editor publishes or saves something.
They are kept in the default cache under the portal's content version (kept here;
:mod:`apps.knowledge.portal.page_cache` keys its pages by it too), which every
publish, unpublish, move, deletion and snippet, tag, term, image, document, site,
locale, view-restriction or translation-record change bumps; so an entry is never
served after the content it was built from has changed.

Only with a cache every server process shares (Redis, ``REDIS_URL``), or in a
single process (tests): with a per-process cache another worker would not see a
bump. ``CONTENT_CACHE_SECONDS`` turns it on (default: on with Redis, like the page
cache) and bounds how long an entry lives; 0 builds every value afresh.

A value that depends on the time (a page's expiry) is stored with the moment it
stops being true, and rebuilt from then on (:func:`remember` ``valid_until``).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable
from datetime import datetime
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Min
from django.utils import timezone
from wagtail.models import Locale, Page

T = TypeVar("T")

_PREFIX = "portal-content"
VERSION_KEY = "portal-page:version"


def current_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        # A fresh start value, so entries of a lost counter are never reused.
        cache.add(VERSION_KEY, time.time_ns() // 1000, timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def bump_version() -> None:
    """Retire every cached page (in every process sharing the cache)."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # no counter yet (or evicted): start a new one
        cache.set(VERSION_KEY, time.time_ns() // 1000, timeout=None)


def invalidate() -> None:
    """Bump now and again after the transaction commits.

    Now: this process never serves the old page again. After the commit: a request
    that rendered the old data between the two bumps is not kept either.
    """
    bump_version()
    transaction.on_commit(bump_version)


def timeout() -> int:
    return int(getattr(settings, "CONTENT_CACHE_SECONDS", 0) or 0)


def remember(
    name: str,
    build: Callable[[], T],
    *parts: Hashable,
    valid_until: Callable[[T], datetime | None] | None = None,
) -> T:
    """The value ``build()`` returns, from the cache while the content is unchanged.

    ``parts`` name the variant (a language, a site). ``valid_until(value)`` says
    when a value built now stops being true even though nothing is saved (the
    next expiry of a page); the entry is rebuilt from then on.
    """
    seconds = timeout()
    if seconds <= 0:
        return build()
    key = ":".join([_PREFIX, str(current_version()), name, *map(str, parts)])
    entry = cache.get(key)
    if entry is not None:
        value, until = entry
        if until is None or timezone.now() < until:
            return value
    value = build()
    until = valid_until(value) if valid_until else None
    cache.set(key, (value, until), seconds)
    return value


def locales() -> dict[str, Locale]:
    """The locales by language code (``Locale.get_for_language`` costs a query
    each time it is asked)."""
    return remember(
        "locales", lambda: {loc.language_code: loc for loc in Locale.objects.all()}
    )


def locale_for(code: str) -> Locale | None:
    """The locale of ``code``, else None."""
    return locales().get(code)


def default_locale() -> Locale:
    """``Locale.get_default()``, kept."""
    return locale_for(settings.LANGUAGE_CODE) or Locale.get_default()


def remember_visible(name: str, build: Callable[[], T], *parts: Hashable) -> T:
    """:func:`remember` for a value built from the visible pages
    (:func:`apps.knowledge.visibility.visible`): rebuilt once the next live page
    expires, as nothing is saved when that happens."""
    return remember(name, build, *parts, valid_until=lambda _value: next_expiry())


def next_expiry():
    """When the next live page expires: lists and searches that show it must not
    be kept longer, as nothing is saved when the time comes."""
    return Page.objects.filter(live=True, expire_at__gt=timezone.now()).aggregate(
        Min("expire_at")
    )["expire_at__min"]
