"""Elasticsearch 9 with the shared per-language analysis (see :mod:`.localised`).

Use as ``{"BACKEND": "apps.knowledge.search.elasticsearch", "URLS": [...]}``; the
settings select it when ``ELASTICSEARCH_URL`` is set.
"""

from __future__ import annotations

from elastic_transport import TransportError
from elasticsearch import ApiError
from modelsearch.backends.elasticsearch9 import (
    Elasticsearch9AutocompleteQueryCompiler,
    Elasticsearch9Index,
    Elasticsearch9Mapping,
    Elasticsearch9SearchBackend,
    Elasticsearch9SearchQueryCompiler,
)

from .localised import (
    LocalisedIndexMixin,
    LocalisedMappingMixin,
    LocalisedSearchBackendMixin,
    LocalisedSearchQueryCompilerMixin,
)


class LocalisedElasticsearchMapping(LocalisedMappingMixin, Elasticsearch9Mapping):
    """Elasticsearch 9 mapping with per-language text fields."""


class LocalisedElasticsearchSearchQueryCompiler(
    LocalisedSearchQueryCompilerMixin, Elasticsearch9SearchQueryCompiler
):
    """Elasticsearch 9 query over every language's fields."""

    mapping_class = LocalisedElasticsearchMapping


class LocalisedElasticsearchAutocompleteQueryCompiler(
    Elasticsearch9AutocompleteQueryCompiler
):
    """modelsearch's autocomplete on edge n-grams, language-neutral."""

    mapping_class = LocalisedElasticsearchMapping


class LocalisedElasticsearchIndex(LocalisedIndexMixin, Elasticsearch9Index):
    """Elasticsearch 9 index created with the current synonyms."""


class LocalisedElasticsearchSearchBackend(
    LocalisedSearchBackendMixin, Elasticsearch9SearchBackend
):
    """Elasticsearch 9 with German, Danish and English analysis per locale."""

    mapping_class = LocalisedElasticsearchMapping
    index_class = LocalisedElasticsearchIndex
    query_compiler_class = LocalisedElasticsearchSearchQueryCompiler
    autocomplete_query_compiler_class = LocalisedElasticsearchAutocompleteQueryCompiler
    unreachable_errors = (TransportError, ApiError)

    def create_index(self, name: str, settings: dict) -> None:
        self.es.indices.create(index=name, **settings)

    def put_index_settings(self, name: str, settings: dict) -> None:
        self.es.indices.put_settings(index=name, settings=settings)

    def swap_alias(self, alias: str, old: list[str], new: str) -> None:
        self.es.indices.update_aliases(actions=self.alias_actions(alias, old, new))


SearchBackend = LocalisedElasticsearchSearchBackend
