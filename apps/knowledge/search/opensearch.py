"""OpenSearch with the shared per-language analysis (see :mod:`.localised`).

Use as ``{"BACKEND": "apps.knowledge.search.opensearch", "URLS": [...]}``; the
settings select it when ``OPENSEARCH_URL`` is set. Built on modelsearch's
``opensearch3`` backend and the official ``opensearch-py`` client; OpenSearch 2.x
nodes answer the same requests.
"""

from __future__ import annotations

from modelsearch.backends.opensearch3 import (
    OpenSearch3AutocompleteQueryCompiler,
    OpenSearch3Index,
    OpenSearch3Mapping,
    OpenSearch3SearchBackend,
    OpenSearch3SearchQueryCompiler,
)
from opensearchpy import OpenSearchException

from .localised import (
    LocalisedIndexMixin,
    LocalisedMappingMixin,
    LocalisedSearchBackendMixin,
    LocalisedSearchQueryCompilerMixin,
)


class LocalisedOpenSearchMapping(LocalisedMappingMixin, OpenSearch3Mapping):
    """OpenSearch mapping with per-language text fields."""


class LocalisedOpenSearchSearchQueryCompiler(
    LocalisedSearchQueryCompilerMixin, OpenSearch3SearchQueryCompiler
):
    """OpenSearch query over every language's fields."""

    mapping_class = LocalisedOpenSearchMapping


class LocalisedOpenSearchAutocompleteQueryCompiler(
    OpenSearch3AutocompleteQueryCompiler
):
    """modelsearch's autocomplete on edge n-grams, language-neutral."""

    mapping_class = LocalisedOpenSearchMapping


class LocalisedOpenSearchIndex(LocalisedIndexMixin, OpenSearch3Index):
    """OpenSearch index created with the current synonyms."""


class LocalisedOpenSearchSearchBackend(
    LocalisedSearchBackendMixin, OpenSearch3SearchBackend
):
    """OpenSearch with German, Danish and English analysis per locale."""

    mapping_class = LocalisedOpenSearchMapping
    index_class = LocalisedOpenSearchIndex
    query_compiler_class = LocalisedOpenSearchSearchQueryCompiler
    autocomplete_query_compiler_class = LocalisedOpenSearchAutocompleteQueryCompiler
    # The base of every opensearch-py error: connections, timeouts, 4xx, 5xx.
    unreachable_errors = (OpenSearchException,)

    def create_index(self, name: str, settings: dict) -> None:
        self.es.indices.create(index=name, body=settings)

    def put_index_settings(self, name: str, settings: dict) -> None:
        self.es.indices.put_settings(index=name, body=settings)

    def swap_alias(self, alias: str, old: list[str], new: str) -> None:
        self.es.indices.update_aliases(
            body={"actions": self.alias_actions(alias, old, new)}
        )


SearchBackend = LocalisedOpenSearchSearchBackend
