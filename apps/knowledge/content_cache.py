"""Small facts every portal request needs, kept until the content changes.

Which pages are hidden or restricted, the term list's synonym groups, the names of
facet values and the locales are read on every search and most pages, but change
only when an editor publishes or saves something. They are kept in the default
cache under the portal's content version (kept here; the page cache,
:mod:`apps.knowledge.portal.page_cache`, keys its pages by it too), which every
publish, unpublish, move, deletion and snippet, tag, term, image, document, site,
locale or view-restriction change bumps (the page cache's signal receivers); so an
entry is never served after the content it was built from has changed.

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
from django.utils import timezone

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
