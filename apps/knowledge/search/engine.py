"""Which search engine answers the portal, and the query it is given.

The engine is the ``default`` entry of ``WAGTAILSEARCH_BACKENDS``. When that is
Elasticsearch or OpenSearch and the engine does not answer, the portal uses the
``database`` entry instead (kept up to date alongside, see the settings) and logs a
warning; the admin shows the same (see :mod:`apps.knowledge.wagtail_hooks`).
"""

from __future__ import annotations

import logging
import time

from modelsearch.backends import InvalidSearchBackendError
from modelsearch.backends.base import BaseSearchBackend
from modelsearch.backends.elasticsearchbase import ElasticsearchBaseSearchBackend
from modelsearch.query import Fuzzy, SearchQuery
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


def portal_backend() -> tuple[BaseSearchBackend, bool]:
    """The backend for portal searches and whether it is the fallback."""
    backend = get_search_backend("default")
    if reachable(backend):
        return backend, False
    logger.warning(
        "The search engine is unreachable; the portal searches the database backend."
    )
    try:
        return get_search_backend(FALLBACK_BACKEND), True
    except InvalidSearchBackendError:
        # Not configured: searches an index that is not kept up to date, which
        # still beats no search at all.
        return get_search_backend("apps.knowledge.search.database"), True


def build_query(
    text: str,
    groups: list[list[str]],
    backend: BaseSearchBackend,
    operator: str = "and",
) -> SearchQuery | str:
    """The query for ``text`` in the engine's terms.

    Elasticsearch applies synonyms in its search analyzer and tolerates typos with
    ``fuzziness: AUTO`` (an exact term scores above its fuzzy neighbours; fuzziness
    is not applied to terms a synonym rule expanded). The database
    backends get the synonyms expanded into the query; typos are handled by the
    "did you mean" fallback (:mod:`.spelling`). ``operator="or"``: any word
    will do, the fallback when no page has them all.
    """
    if is_elasticsearch(backend):
        return Fuzzy(text, operator=operator)
    return synonyms.expanded_query(text, groups, operator)
