"""Which search engine answers the portal, and the query it is given.

The engine is the ``default`` entry of ``WAGTAILSEARCH_BACKENDS``. When that is
Elasticsearch or OpenSearch and the engine does not answer, the portal uses the
``database`` entry instead (kept up to date alongside, see the settings) and logs a
warning; the admin shows the same (see :mod:`apps.knowledge.admin.search_views`).
"""

from __future__ import annotations

import logging
import time
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from modelsearch.backends import InvalidSearchBackendError
from modelsearch.backends.base import BaseSearchBackend
from modelsearch.backends.elasticsearchbase import ElasticsearchBaseSearchBackend
from modelsearch.query import Fuzzy, PlainText, SearchQuery
from wagtail.search.backends import get_search_backend

from apps.knowledge.search import synonyms

logger = logging.getLogger(__name__)

#: Backend used when the search engine is unreachable.
FALLBACK_BACKEND = "database"
#: Seconds a reachability check of the search engine is trusted.
PING_TTL = 30.0

_last_ping: dict[str, tuple[float, bool]] = {}


def is_elasticsearch(backend: BaseSearchBackend) -> bool:
    """Whether ``backend`` is a search engine: Elasticsearch or OpenSearch.

    modelsearch builds both on the same base class, and so does this project
    (:mod:`.localised`).
    """
    return isinstance(backend, ElasticsearchBaseSearchBackend)


def backend_name(backend: BaseSearchBackend) -> str:
    """``opensearch``, ``elasticsearch`` or ``database``."""
    if not is_elasticsearch(backend):
        return "database"
    module = type(backend.es).__module__
    return "opensearch" if module.startswith("opensearchpy") else "elasticsearch"


def reachable(backend: BaseSearchBackend) -> bool:
    """Whether the engine answers; remembered for :data:`PING_TTL` seconds."""
    if not is_elasticsearch(backend):
        return True
    key = repr(backend.hosts)
    now = time.monotonic()
    checked = _last_ping.get(key)
    if checked and now - checked[0] < PING_TTL:
        return checked[1]
    try:
        answer = bool(backend.es.ping())
    except Exception:  # noqa: BLE001 - any transport failure means "not reachable"
        answer = False
    _last_ping[key] = (now, answer)
    return answer


def forget_reachability() -> None:
    """Check the engine again at the next search (tests, after an outage)."""
    _last_ping.clear()


#: Cache key of the last engine failure, shown on the admin dashboard.
FAILURE_CACHE_KEY = "kb:search-engine-failure"
#: Seconds the dashboard keeps showing a failure after it happened.
FAILURE_SHOWN_SECONDS = 15 * 60


def fall_back(backend: BaseSearchBackend, error: Exception) -> BaseSearchBackend:
    """The database backend after ``backend`` failed with ``error``; logged.

    Remembered in the cache (shared by every server process with Redis) so the
    admin dashboard warns even when the engine still answers pings, e.g. after a
    missing index or an overloaded cluster.
    """
    logger.warning(
        "The search engine failed (%s: %s); the portal searches the database backend.",
        type(error).__name__,
        str(error)[:300],
    )
    cache.set(
        FAILURE_CACHE_KEY,
        {"at": timezone.now().isoformat(), "error": type(error).__name__},
        FAILURE_SHOWN_SECONDS,
    )
    if isinstance(error, tuple(getattr(backend, "unreachable_errors", ()))):
        status = getattr(error, "status_code", getattr(error, "status", None))
        if not isinstance(status, int):
            # No answer at all: skip the engine until the next reachability check.
            _last_ping[repr(backend.hosts)] = (time.monotonic(), False)
    return database_backend()


def last_failure() -> dict | None:
    """When the engine last failed and with which error, if recently."""
    return cache.get(FAILURE_CACHE_KEY)


def database_backend() -> BaseSearchBackend:
    try:
        return get_search_backend(FALLBACK_BACKEND)
    except InvalidSearchBackendError:
        # Not configured: searches an index that is not kept up to date, which
        # still beats no search at all.
        return get_search_backend("apps.knowledge.search.database")


#: The ``default`` backend by its configuration, made once per process (a few:
#: tests change the configuration).
_made: OrderedDict[str, BaseSearchBackend] = OrderedDict()
MADE_KEPT = 4


def default_backend() -> BaseSearchBackend:
    """The ``default`` backend, made once per process and configuration.

    Making one builds its index settings (the decompounders' word lists) and an
    engine client with a pool of its own: made per search, every search opened a
    new connection to the engine (a TLS handshake with a secured cluster).
    The client is thread-safe and the backend keeps no state of a search.
    """
    config = repr(getattr(settings, "WAGTAILSEARCH_BACKENDS", {}).get("default"))
    backend = _made.get(config)
    if backend is None:
        backend = _made[config] = get_search_backend("default")
        while len(_made) > MADE_KEPT:
            _made.popitem(last=False)
    return backend


def portal_backend() -> tuple[BaseSearchBackend, bool]:
    """The backend for portal searches and whether it is the fallback."""
    backend = default_backend()
    if reachable(backend):
        return backend, False
    logger.warning(
        "The search engine is unreachable; the portal searches the database backend."
    )
    return database_backend(), True


def build_query(
    text: str,
    groups: list[list[str]],
    backend: BaseSearchBackend,
    operator: str = "and",
    *,
    fuzzy: bool = True,
) -> SearchQuery | str:
    """The query for ``text`` in the engine's terms.

    Elasticsearch applies synonyms in its search analyzer and, with ``fuzzy``,
    tolerates typos with ``fuzziness: AUTO`` (an exact term scores above its fuzzy
    neighbours; fuzziness is not applied to terms a synonym rule expanded). The
    database backends get the synonyms expanded into the query; typos are handled
    by the "did you mean" fallback (:mod:`.spelling`). ``operator="or"``: any word
    will do, the fallback when no page has them all.
    """
    if is_elasticsearch(backend):
        if not fuzzy:
            return PlainText(text, operator=operator)
        return Fuzzy(text, operator=operator)
    return synonyms.expanded_query(text, groups, operator)
