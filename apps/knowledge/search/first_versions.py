"""One countable document per solution: its first live version.

The engines hold one document per language version, so counting solutions under a
facet means counting distinct translation keys (``cardinality``), a counter per
bucket of every facet: at 100,000 solutions most of a browse. Each document also
says whether it is its page's first live version (the live version with the lowest
id, :data:`FIELD`); counting those documents counts each solution once with a
plain ``doc_count``.

That count is exact when the documents a search looks at are all the live
versions of the solutions it counts: a browse without words (a text search
matches the versions whose words match, and keeps ``cardinality``), and when no
solution is visible in one language and hidden in another (an expired version, a
version below an unpublished page or a view restriction, :func:`counts_exactly`).
The flag moves when a version is published, unpublished or deleted: the other
versions are indexed again then (:func:`reindex_other_versions`).
"""

from __future__ import annotations

import contextlib
import contextvars
import logging
from collections.abc import Iterable, Iterator

from django.db.models import Min
from wagtail.models import Page

from apps.knowledge import content_cache
from apps.knowledge.visibility import hidden_live_q, visible

logger = logging.getLogger(__name__)

#: Boolean field of each page's document: the page is the first live version of
#: its translation key.
FIELD = "_first_version"

_known: contextvars.ContextVar[dict[str, int] | None] = contextvars.ContextVar(
    "first_versions_known", default=None
)


def first_live_versions(keys: Iterable) -> dict[str, int]:
    """{translation key: id of its first live version} for ``keys`` (one query)."""
    keys = {str(key) for key in keys if key}
    if not keys:
        return {}
    rows = (
        Page.objects.filter(translation_key__in=keys, live=True)
        # Without the tree order, which would group by path too.
        .order_by()
        .values("translation_key")
        .annotate(first=Min("pk"))
        .values_list("translation_key", "first")
    )
    return {str(key): first for key, first in rows}


@contextlib.contextmanager
def known(pages: Iterable) -> Iterator[None]:
    """Within the block, :func:`is_first_version` answers for ``pages`` (a batch
    being indexed) from one query instead of one per page."""
    batch = first_live_versions(
        getattr(page, "translation_key", None) for page in pages
    )
    token = _known.set(batch)
    try:
        yield
    finally:
        _known.reset(token)


def is_first_version(page: Page) -> bool:
    """Whether ``page`` is the live version with the lowest id of its solution."""
    if not page.live or not page.translation_key:
        return False
    key = str(page.translation_key)
    batch = _known.get()
    if batch is None or key not in batch:
        batch = first_live_versions([key])
    return batch.get(key) == page.pk


def counts_exactly() -> bool:
    """Whether counting first versions counts what a visitor may see: no solution
    has a visible version and a live one that is hidden (expired, below a hidden
    page or a view restriction). Kept until the content changes or a page
    expires."""
    return content_cache.remember_visible("search-first-versions-exact", _no_mixed)


def _no_mixed() -> bool:
    hidden = hidden_live_q()
    if not hidden:
        return True
    return not (
        Page.objects.live()
        .filter(hidden)
        .filter(translation_key__in=visible(Page.objects).values("translation_key"))
        .exists()
    )


def reindex_other_versions(page: Page, backends: Iterable) -> None:
    """Index the other versions of ``page`` again in ``backends``: publishing,
    unpublishing or deleting a version can make another one the first."""
    others = (
        Page.objects.filter(translation_key=page.translation_key)
        .exclude(pk=page.pk)
        .specific()
    )
    for other in others:
        for backend in backends:
            try:
                backend.add(other)
            except backend.unreachable_errors:
                # As modelsearch does for the page itself: publishing must not
                # fail while the engine is away (the backend noted it for replay).
                logger.exception("Could not index %r again", other)
