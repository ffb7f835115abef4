"""A request's reads of the shared cache, fetched in one round trip (issue 15).

A portal page reads some twenty small values from Redis while it is built (the
content version, where its address leads, the navigation, the language versions,
the shared fragments and the versions of the tags each of them shows), and a page
of the page cache reads the page and then the versions of its tags. Each read is a
round trip, and under load the round trips, not the work, set the pace.

The keys a page reads are nearly the same from one request for its address to the
next: the first request notes them, and every later one fetches them all at once
(one ``MGET``) before the page is answered or built. The values are kept for that
request only, and only as read: a write, an ``add``, an ``incr`` or a ``delete``
of a key drops its copy, so the next read goes to Redis again (a retirement in the
request, a fragment stored and read back). What was fetched is the state of the
cache at the start of the request, which is what each value would have been
checked against anyway: a tag retired while the page is built makes the page's
stored versions differ from the current ones, so it is not served afterwards
(:mod:`apps.knowledge.content_cache`).

Which keys an address read is kept per process (a bounded LRU, nothing shared):
it is only a hint; a key it misses is read as before, a key no longer read is
fetched in vain once and forgotten.
"""

from __future__ import annotations

import contextlib
import threading
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from contextvars import ContextVar

from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache

#: A key read in this request that the cache did not hold.
_ABSENT = object()
#: The values of this request's snapshot by (key, version) (None: none is taken).
_values: ContextVar[dict | None] = ContextVar("cache_snapshot_values", default=None)
#: The (key, version) pairs read in this request, in order.
_read: ContextVar[dict | None] = ContextVar("cache_snapshot_read", default=None)

#: Addresses whose keys are remembered, per process; keys per address.
MAX_ADDRESSES = 20_000
MAX_KEYS = 200


class _Learned:
    """The keys each address read last time, least recently used dropped first."""

    def __init__(self, size: int):
        self.size = size
        self._keys: OrderedDict[str, tuple[tuple, ...]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, address: str) -> tuple[tuple, ...]:
        with self._lock:
            keys = self._keys.get(address, ())
            if keys:
                self._keys.move_to_end(address)
            return keys

    def put(self, address: str, keys: Iterable[tuple]) -> None:
        with self._lock:
            self._keys[address] = tuple(keys)[:MAX_KEYS]
            self._keys.move_to_end(address)
            while len(self._keys) > self.size:
                self._keys.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._keys.clear()


learned = _Learned(MAX_ADDRESSES)


class SnapshotMixin:
    """Serves reads from the request's snapshot where it has the key.

    Every write goes to the cache and drops the key's copy. Keys are kept with the
    version they were read with (Wagtail reads its site root paths with one).
    """

    def _note(self, entries: Iterable[tuple]) -> None:
        read = _read.get()
        if read is not None:
            for entry in entries:
                read.setdefault(entry, None)

    def _fetch(self, entries: list[tuple]) -> dict[tuple, object]:
        """The cached values of ``(key, version)`` pairs that are there."""
        by_version: dict = {}
        for key, version in entries:
            by_version.setdefault(version, []).append(key)
        found = {}
        for version, keys in by_version.items():
            values = super().get_many(keys, version)
            found.update({(key, version): value for key, value in values.items()})
        return found

    def get(self, key, default=None, version=None):
        values = _values.get()
        if values is None:
            return super().get(key, default, version)
        entry = (key, version)
        self._note([entry])
        if entry in values:
            value = values[entry]
        else:
            value = values[entry] = super().get(key, _ABSENT, version)
        return default if value is _ABSENT else value

    def get_many(self, keys, version=None):
        values = _values.get()
        if values is None:
            return super().get_many(keys, version)
        entries = [(key, version) for key in keys]
        self._note(entries)
        self._read_into(values, [entry for entry in entries if entry not in values])
        return {
            key: values[(key, version)]
            for key, version in entries
            if values[(key, version)] is not _ABSENT
        }

    def get_many_now(self, keys, version=None):
        """``get_many`` from the cache itself: neither served from nor noted in
        the snapshot (a check that must see the values as they are now)."""
        return super().get_many(keys, version)

    def _read_into(self, values: dict, entries: list[tuple]) -> None:
        if entries:
            found = self._fetch(entries)
            for entry in entries:
                values[entry] = found.get(entry, _ABSENT)

    def prefetch(self, entries: Iterable[tuple]) -> None:
        """Reads ``(key, version)`` pairs into the snapshot at once."""
        values = _values.get()
        if values is not None:
            self._read_into(values, [entry for entry in entries if entry not in values])

    def _drop(self, keys: Iterable[str], version) -> None:
        values = _values.get()
        if values is not None:
            for key in keys:
                values.pop((key, version), None)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._drop([key], version)
        return super().set(key, value, timeout, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._drop([key], version)
        return super().add(key, value, timeout, version)

    def incr(self, key, delta=1, version=None):
        self._drop([key], version)
        return super().incr(key, delta, version)

    def decr(self, key, delta=1, version=None):
        self._drop([key], version)
        return super().decr(key, delta, version)

    def delete(self, key, version=None):
        self._drop([key], version)
        return super().delete(key, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        self._drop(data, version)
        return super().set_many(data, timeout, version)

    def delete_many(self, keys, version=None):
        keys = list(keys)
        self._drop(keys, version)
        return super().delete_many(keys, version)

    def clear(self):
        values = _values.get()
        if values is not None:
            values.clear()
        learned.clear()
        return super().clear()


class SnapshotRedisCache(SnapshotMixin, RedisCache):
    """Django's Redis cache with the request snapshot (production): every key of
    a snapshot, whatever its version, in one ``MGET``."""

    def validate_key(self, key):
        """Nothing to check: Redis takes any key. (Django's checks warn of keys
        memcached would refuse, at a loop over every character of every key.)"""

    def _fetch(self, entries: list[tuple]) -> dict[tuple, object]:
        made = {
            self.make_and_validate_key(key, version): (key, version)
            for key, version in entries
        }
        found = self._cache.get_many(list(made))
        return {made[key]: value for key, value in found.items()}


class SnapshotLocMemCache(SnapshotMixin, LocMemCache):
    """Django's per-process cache with the request snapshot (development, tests)."""


@contextlib.contextmanager
def snapshot(address: str) -> Iterator[None]:
    """Fetches the keys ``address`` read last time in one round trip, serves this
    request's reads from them, and notes what it reads for the next time."""
    cache = caches["default"]
    if not isinstance(cache, SnapshotMixin) or _values.get() is not None:
        yield
        return
    values_token = _values.set({})
    read: dict[tuple, None] = {}
    read_token = _read.set(read)
    try:
        cache.prefetch(learned.get(address))
        yield
    finally:
        _values.reset(values_token)
        _read.reset(read_token)
        if read:
            learned.put(address, read)
