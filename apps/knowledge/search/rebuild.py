"""Background tasks of the search: the term list in the engine's analyzers.

A changed term list is applied by rebuilding each index behind its alias
(modelsearch's atomic rebuild): a new index is created with the new synonyms,
filled, and the alias moved to it; the old one is deleted only then. Visitors keep
searching the old index meanwhile: no index is ever closed, which Elasticsearch and
OpenSearch would need to change analyzers in place.
"""

from __future__ import annotations

from django_tasks import task
from modelsearch.index import get_indexed_models
from modelsearch.management.commands.rebuild_modelsearch_index import (
    DEFAULT_CHUNK_SIZE,
    group_models_by_index,
)
from wagtail.search.backends import get_search_backend

from apps.knowledge.search import engine


def rebuild_behind_alias(backend, chunk_size: int = DEFAULT_CHUNK_SIZE) -> list[str]:
    """Rebuild every index of ``backend`` into a new one behind its alias.

    Returns the alias names. Indexes that were plain indexes (not yet aliases)
    become aliases at their first rebuild, as with ``update_index``.
    """
    names = []
    for index, models in group_models_by_index(backend, get_indexed_models()).items():
        rebuilder = backend.atomic_rebuilder_class(index)
        new_index = rebuilder.start()
        for model in models:
            new_index.add_model(model)
        for model in models:
            objects = model.get_indexed_objects().order_by("pk")
            for start in range(0, objects.count(), chunk_size):
                new_index.add_items(model, list(objects[start : start + chunk_size]))
        rebuilder.finish()
        names.append(index.name)
    return sorted(names)


def update_synonyms(backend) -> list[str]:
    """Put the term list into the engine: a rebuild behind each alias."""
    if not engine.is_elasticsearch(backend):
        return []
    return rebuild_behind_alias(backend)


@task()
def update_synonyms_task() -> list[str]:
    """Apply the editors' term list to the search engine after it changed."""
    return update_synonyms(get_search_backend("default"))
