"""Background tasks of the search: the synonyms in the engine's analyzers."""

from __future__ import annotations

from django_tasks import task
from modelsearch.index import get_indexed_models
from wagtail.search.backends import get_search_backend

from apps.knowledge.search import engine
from apps.knowledge.search.synonyms import search_analysis_update, synonym_groups


def update_synonyms(backend) -> list[str]:
    """Put the term list into every index's search analyzers; the index names.

    Analyzers can only change on a closed index, so each index is closed for the
    moment of the update and opened again.
    https://www.elastic.co/docs/api/doc/elasticsearch/operation/operation-indices-put-settings
    """
    if not engine.is_elasticsearch(backend):
        return []
    analysis = search_analysis_update(synonym_groups())
    names = sorted({backend.get_index_for_model(m).name for m in get_indexed_models()})
    for name in names:
        if not backend.es.indices.exists(index=name):
            continue
        backend.es.indices.close(index=name)
        try:
            backend.put_index_settings(name, {"analysis": analysis})
        finally:
            backend.es.indices.open(index=name)
    return names


@task()
def update_synonyms_task() -> list[str]:
    """Apply the editors' term list to Elasticsearch after it changed."""
    return update_synonyms(get_search_backend("default"))
