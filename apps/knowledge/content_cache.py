"""Small facts every portal request needs, kept until the content changes.

Which pages are hidden or restricted, the term list's synonym groups, the names of
facet values and the locales are read on every search and most pages, and what
every portal page repeats (which page an address leads to, the navigation, the
language versions, the theme pages, related solutions: issue 15) is built from the
same content; all of it changes only when an editor publishes or saves something.
They are kept in the default cache under the portal's content version (kept here),
which every publish, unpublish, move, deletion and snippet, tag, term, image,
document, site, locale, view-restriction or translation-record change bumps
(:func:`retire`, called by :mod:`apps.knowledge.portal.page_cache`); so an entry is
never served after the content it was built from has changed.

Only with a cache every server process shares (Redis, ``REDIS_URL``), or in a
single process (tests): with a per-process cache another worker would not see a
bump. ``CONTENT_CACHE_SECONDS`` turns it on (default: on with Redis, like the page
cache) and bounds how long an entry lives; 0 builds every value afresh.

A value that depends on the time (a page's expiry) is stored with the moment it
stops being true, and rebuilt from then on (:func:`remember` ``valid_until``).

Tags (issue 15): what every page repeats and the whole pages of the page cache are
kept by the version of the content they show rather than by the content version, so
that publishing one solution does not retire them all. While such a value is built,
what it shows is noted as tags (:func:`note`: ``page:<translation key>`` whenever
a page's address is made, ``list:<locale id>`` by the lists of every solution of a
language, ``list:<locale id>:<kind>:<value>`` and ``lists:<locale id>`` by the
lists of a field of action, partner area or organisation
(:func:`narrow_list_tags`), ``search`` by the search); :func:`remember_tagged`
stores the value with the version of each tag and serves it only while none has
changed. :func:`retire` gives the tags it is
handed a new version; the tag :data:`EVERYTHING`, part of every tagged value, is
retired by every change that is not the publishing of a solution.
"""

from __future__ import annotations

import contextlib
import hashlib
import time
from collections.abc import Callable, Hashable, Iterable, Iterator
from contextvars import ContextVar
from datetime import datetime
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache, caches
from django.db import transaction
from django.db.models import Min
from django.utils import timezone
from wagtail.models import Locale, Page

T = TypeVar("T")

_PREFIX = "portal-content"
VERSION_KEY = "portal-page:version"
#: Counts retirements; a tag's version is the count when it was last retired.
SEQUENCE_KEY = "portal-tag:sequence"
#: Counts finished retirements: moved after a retirement's tags have their new
#: versions. A value checked against its tags' versions read in one round trip
#: together with this count is still valid while the count has not moved, so a
#: hit of the page cache reads one count instead of some twenty versions.
SETTLED_KEY = "portal-tag:settled"
_TAG_PREFIX = "portal-tag:"
#: Shown by every tagged value: retired by a change whose reach is not worked out.
EVERYTHING = "everything"
#: The tags noted while the innermost tagged value is built (None: none is built).
_noted: ContextVar[set[str] | None] = ContextVar("portal_noted_tags", default=None)
#: The content version read in this request (0: not yet; None: read each time).
_version_read: ContextVar[int | None] = ContextVar("portal_version", default=None)


def _fresh_start() -> int:
    """The first value of a counter that is missing (never started, or evicted):
    microseconds since the epoch, above every value the lost counter handed out,
    so what was stored under those values is never taken for current."""
    return time.time_ns() // 1000


def _counter(key: str) -> int:
    """The counter at ``key``, started afresh when it is missing."""
    value = cache.get(key)
    if value is None:
        cache.add(key, _fresh_start(), timeout=None)
        value = cache.get(key)
    return value


def _count_up(key: str) -> int:
    """Moves the counter at ``key`` on; one that is missing starts afresh."""
    try:
        return cache.incr(key)
    except ValueError:
        value = _fresh_start()
        cache.set(key, value, timeout=None)
        return value


def current_version() -> int:
    memo = _version_read.get()
    if memo:
        return memo
    version = _counter(VERSION_KEY)
    if memo is not None:
        _version_read.set(version)
    return version


@contextlib.contextmanager
def one_version_read() -> Iterator[None]:
    """Reads the content version once for everything built inside (one request):
    a page asks for it some six times, each a Redis round trip. A retirement
    inside reads it afresh."""
    token = _version_read.set(0)
    try:
        yield
    finally:
        _version_read.reset(token)


def bump_version() -> None:
    """Retire every cached page (in every process sharing the cache)."""
    if _version_read.get() is not None:
        _version_read.set(0)
    _count_up(VERSION_KEY)


def timeout() -> int:
    return int(getattr(settings, "CONTENT_CACHE_SECONDS", 0) or 0)


# --- tags --------------------------------------------------------------------------


def note(*tags: str) -> None:
    """Records that the value being built shows the content named by ``tags``."""
    noted = _noted.get()
    if noted is not None:
        noted.update(tags)


def page_tag(page) -> str:
    """The tag of a page and its translations (they share the translation key)."""
    return f"page:{page.translation_key}"


def list_tag(locale_id: int) -> str:
    """The tag of the lists of every solution of one language (home, knowledge
    base, search, figures)."""
    return f"list:{locale_id}"


def narrow_list_tag(locale_id: int, kind: str, value: object) -> str:
    """The tag of a list of some solutions of one language: ``field`` and the
    field of action's id, ``area`` and the partner area page's id, ``org`` and the
    organisation's translation key."""
    return f"list:{locale_id}:{kind}:{value}"


def narrow_list_tags(locale_id: int, kind: str, value: object) -> tuple[str, str]:
    """What such a list notes: its :func:`narrow_list_tag` and
    :func:`any_list_tag`."""
    return narrow_list_tag(locale_id, kind, value), any_list_tag(locale_id)


def any_list_tag(locale_id: int) -> str:
    """Shown by every narrower list of a language: retired when the lists a
    solution was in are not known."""
    return f"lists:{locale_id}"


SEARCH_TAG = "search"


@contextlib.contextmanager
def noting() -> Iterator[set[str]]:
    """Collects the tags noted inside; they count for an enclosing value too."""
    outer = _noted.get()
    tags: set[str] = set()
    token = _noted.set(tags)
    try:
        yield tags
    finally:
        _noted.reset(token)
        if outer is not None:
            outer.update(tags)


@contextlib.contextmanager
def not_noting() -> Iterator[None]:
    """Notes nothing of what is built inside: for many addresses that a tag already
    noted covers (the map's solutions, covered by their list's tags)."""
    token = _noted.set(None)
    try:
        yield
    finally:
        _noted.reset(token)


def sequence() -> int:
    return _counter(SEQUENCE_KEY)


def _tag_key(tag: str) -> str:
    return _TAG_PREFIX + tag


def retire_now(tags: Iterable[str]) -> None:
    """Gives ``tags`` a new version: values that showed them are not served again."""
    tags = set(tags)
    if not tags:
        return
    number = _count_up(SEQUENCE_KEY)
    cache.set_many({_tag_key(tag): number for tag in tags}, timeout=None)
    # Last: a check that reads this count also reads the versions just written.
    _count_up(SETTLED_KEY)


def retire(tags: Iterable[str] | Callable[[], Iterable[str]]) -> None:
    """:func:`retire_now` now and after the transaction commits, with the content
    version first each time (a value built after the retirement must not come from
    the content cache of before it). ``tags`` may be a function: it is asked again
    after the commit, when what the committed content shows is known."""
    find = tags if callable(tags) else (lambda: tags)

    def both() -> None:
        bump_version()
        retire_now(find())

    both()
    transaction.on_commit(both)


def retire_everything() -> None:
    retire([EVERYTHING])


def tag_versions(tags: Iterable[str], started: int) -> dict[str, int] | None:
    """The version of each tag for a value whose building began at ``started``
    (the :func:`sequence` then); None if one was retired since (not to be kept).

    A tag never retired (or evicted) gets ``started``: a value stored with it stays
    valid until the tag is retired, and is dropped if the tag is lost.
    """
    keys = {_tag_key(tag): tag for tag in tags}
    versions = cache.get_many(list(keys))
    for key in keys.keys() - versions.keys():
        cache.add(key, started, timeout=None)
        versions[key] = cache.get(key)
    if any(version is None or version > started for version in versions.values()):
        return None
    return {keys[key]: version for key, version in versions.items()}


def still_valid(versions: dict[str, int]) -> bool:
    """Whether no tag of a stored value was retired since it was stored."""
    keys = {_tag_key(tag): version for tag, version in versions.items()}
    current = cache.get_many(list(keys))
    return all(current.get(key) == version for key, version in keys.items())


def still_valid_checked(
    versions: dict[str, int], check_key: str, token: str, seconds: int
) -> bool:
    """:func:`still_valid`, mostly without reading the versions.

    ``check_key`` keeps ``(settled count, token)`` from the last check of the
    value ``token`` names that found it valid; while no retirement has settled
    since, it still is. Otherwise the versions and the count are read in one
    round trip (the count then cannot be newer than a retirement the versions
    miss: a retirement moves it last) and a valid value is noted as checked, for
    ``seconds``.
    """
    marks = cache.get_many([check_key, SETTLED_KEY])
    settled = marks.get(SETTLED_KEY)
    if settled is not None and marks.get(check_key) == (settled, token):
        return True
    keys = {_tag_key(tag): version for tag, version in versions.items()}
    current = _read_now([SETTLED_KEY, *keys])
    if any(current.get(key) != version for key, version in keys.items()):
        return False
    if current.get(SETTLED_KEY) is not None:
        cache.set(check_key, (current[SETTLED_KEY], token), seconds)
    else:
        # No count yet (or evicted): start one. The next check reads it together
        # with the versions and notes.
        _counter(SETTLED_KEY)
    return True


def _read_now(keys: list[str]) -> dict:
    """The keys as they are now, in one round trip, past the request's snapshot
    (:mod:`apps.knowledge.cache_snapshot`), whose values may be older."""
    read = getattr(caches["default"], "get_many_now", None)
    return read(keys) if read is not None else cache.get_many(keys)


def remember_tagged(
    name: str,
    build: Callable[[], T],
    *parts: Hashable,
    tags: Iterable[str] = (),
    valid_until: Callable[[T], datetime | None] | None = None,
) -> T:
    """:func:`remember` for a value kept by the versions of the content it shows.

    ``tags`` and every tag noted while ``build()`` runs are stored with it; it is
    served while none of them (nor :data:`EVERYTHING`) has been retired, and its
    tags count for the value around it (the page it is part of). ``valid_until``
    as for :func:`remember`.
    """
    seconds = timeout()
    tags = {EVERYTHING, *tags}
    note(*tags)
    if seconds <= 0:
        return build()
    key = ":".join([_PREFIX, "tagged", name, *map(_key_part, parts)])
    entry = cache.get(key)
    if entry is not None:
        value, versions, until = entry
        if (until is None or timezone.now() < until) and still_valid(versions):
            note(*versions)
            return value
    started = sequence()
    with noting() as noted:
        value = build()
    versions = tag_versions(tags | noted, started)
    if versions is not None:
        until = valid_until(value) if valid_until else None
        cache.set(key, (value, versions, until), seconds)
    return value


#: Longest part of a key kept as it is; a longer one is kept as its digest.
KEY_PART_LENGTH = 80


def _key_part(part: object) -> str:
    """A part of a key as written, or its digest if it is long or holds anything
    but visible ASCII characters (a visitor's ``?page=`` value is a part: 10,000
    characters, spaces or control characters make no key memcached would take)."""
    text = str(part)
    if len(text) <= KEY_PART_LENGTH and all(" " < char <= "~" for char in text):
        return text
    return "sha256-" + hashlib.sha256(text.encode()).hexdigest()


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
    key = ":".join([_PREFIX, str(current_version()), name, *map(_key_part, parts)])
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


def remember_visible_tagged(
    name: str, build: Callable[[], T], *parts: Hashable, tags: Iterable[str] = ()
) -> T:
    """:func:`remember_tagged` for a value built from the visible pages."""
    return remember_tagged(
        name, build, *parts, tags=tags, valid_until=lambda _value: next_expiry()
    )


def next_expiry():
    """When the next live page expires: lists and searches that show it must not
    be kept longer, as nothing is saved when the time comes."""
    return Page.objects.filter(live=True, expire_at__gt=timezone.now()).aggregate(
        Min("expire_at")
    )["expire_at__min"]
