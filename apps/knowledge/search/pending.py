"""Index changes Elasticsearch missed while unreachable, and their replay.

When Elasticsearch does not answer, publishing still succeeds (modelsearch logs the
error and carries on); the backend notes the object here. :func:`replay` sends the
noted objects once Elasticsearch answers again: run by the ``replay_search_index``
command, or enqueued as :func:`replay_pending_index_updates_task`.
"""

from __future__ import annotations

import logging

from django.contrib.contenttypes.models import ContentType
from django_tasks import task
from modelsearch.backends.base import BaseSearchBackend

from apps.knowledge.models import PendingIndexUpdate
from apps.knowledge.search.engine import forget_reachability

logger = logging.getLogger(__name__)


def remember(obj, action: str) -> None:
    """Note that ``obj`` must be updated in (or deleted from) the index later."""

    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
    PendingIndexUpdate.objects.update_or_create(
        content_type=content_type,
        object_id=str(obj.pk),
        defaults={"action": action},
    )
    logger.warning(
        "Elasticsearch unreachable: %s of %s %s will be replayed.",
        action,
        content_type.model,
        obj.pk,
    )


def replay(backend: BaseSearchBackend) -> tuple[int, int]:
    """Send every pending change to ``backend``; (replayed, still pending)."""

    replayed = 0
    for pending in PendingIndexUpdate.objects.select_related("content_type"):
        model = pending.content_type.model_class()
        if model is None:
            pending.delete()
            continue
        obj = model._default_manager.filter(pk=pending.object_id).first()
        try:
            if obj is None or pending.action == PendingIndexUpdate.Action.DELETE:
                backend.delete(obj or model(pk=pending.object_id))
            else:
                backend.add(obj)
        except (ConnectionError, *unreachable_errors(backend)):
            break
        pending.delete()
        replayed += 1
    forget_reachability()
    return replayed, PendingIndexUpdate.objects.count()


def unreachable_errors(backend: BaseSearchBackend) -> tuple[type[Exception], ...]:
    """The client exceptions of ``backend`` that mean "the engine did not answer"."""
    return tuple(getattr(backend, "unreachable_errors", ()))


@task()
def replay_pending_index_updates_task() -> int:
    """Replay the index changes Elasticsearch missed; returns how many remain."""
    from wagtail.search.backends import get_search_backend

    _replayed, remaining = replay(get_search_backend("default"))
    return remaining
