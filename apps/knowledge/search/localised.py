"""The analysis and query layer Elasticsearch 9 and OpenSearch share.

Each engine module (:mod:`.elasticsearch`, :mod:`.opensearch`) combines these mixins
with django-modelsearch's classes for its client; everything that decides what is
indexed and how it is searched lives here, once.

Design: one index per root model, as modelsearch makes it, with a catch-all text
field per language (``_all_text_de``, ``_all_text_da``, ``_all_text_en`` and their
``_boost_<n>`` variants), each mapped to that language's analyzer. When a page is
indexed, its searchable text goes into the fields of its locale's language only, so
German text is analysed as German and never as Danish. Queries search the fields of
every language (each analysed by its own search analyzer), so a German query also
finds a Danish-only solution, and the fields of the visitor's language are boosted.

Why not the alternatives:

- An index per locale: modelsearch ties an index to a model
  (``get_index_for_model``), rebuilds, counts and facets one index per root model,
  and indexes a batch of one model at a time; routing each object to another index
  would mean replacing most of the backend, and every query would need all indexes
  anyway to find pages across languages.
- Sub-fields per language on every field: each text would be analysed by every
  language's analyzer, German stemming applied to Danish text, which is what
  wagtail/wagtail#1177 and django-modelsearch#61 complain about.

modelsearch's own fields (``_all_text``, the per-field columns, ``_edgengrams``) stay
as they are, analysed language-neutrally: named-field searches, autocomplete and
filters keep working unchanged.
"""

from __future__ import annotations

import copy
import functools
import time
from collections.abc import Iterable, Iterator

from django.utils.functional import cached_property
from modelsearch.backends.elasticsearchbase import (
    ElasticsearchAtomicIndexRebuilder,
    ElasticsearchIndexRebuilder,
    Field,
)
from modelsearch.index import RelatedFields, SearchField, get_indexed_models
from modelsearch.utils import deep_update
from wagtail.models import Page

from . import first_versions, pending
from .analysis import (
    AUTOCOMPLETE_SEARCH_ANALYZER,
    ELASTICSEARCH_ANALYZERS,
    LANGUAGES,
    VISITOR_LANGUAGE_BOOST,
    elasticsearch_analysis,
    language_of,
    locale_languages,
    synonym_analysis,
    visitor_language,
)
from .bulk_pipeline import BulkPipeline
from .facets import FACETS, facet_values
from .synonyms import elasticsearch_synonyms, synonym_groups

LANGUAGE_FIELD = "_language"
#: One keyword per page for ``collapse`` and distinct counts: its translation key.
TRANSLATION_KEY_FIELD = "_translation_key"
#: Keyword fields the facet aggregations count (``_facet_field``, ``_facet_tag``...).
FACET_FIELD_PREFIX = "_facet_"
#: How far into the results a search may page (``from`` + ``size``): the engines
#: refuse more than 10,000 by default, the last pages of a search at 10,000
#: solutions. The portal's pages stop here too (``service.MAX_PAGE``).
MAX_RESULT_WINDOW = 120_000


def language_text_field(language: str, boost: float | None = None) -> str:
    """The catch-all field of a language, for content with the given boost."""
    name = f"_all_text_{language}"
    if boost is None:
        return name
    # Same suffix as modelsearch's _all_text_boost_<n> fields.
    return name + "_boost_" + str(float(boost)).replace(".", "_")


def text_boosts(fields: Iterable) -> set[float]:
    """The distinct boosts of the SearchFields in ``fields``, nested ones included."""
    boosts: set[float] = set()
    for field in fields:
        if isinstance(field, RelatedFields):
            boosts |= text_boosts(field.fields)
        elif isinstance(field, SearchField) and field.boost:
            boosts.add(float(field.boost))
    return boosts


def _as_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, (list, tuple)):
        return " ".join(text for text in map(_as_text, value) if text)
    return str(value).strip()


def _nested_documents(value: object) -> list[dict]:
    if isinstance(value, dict):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, dict)]
    return []


@functools.lru_cache(maxsize=1024)
def _column_name(mapping_class: type, model: type, field) -> str:
    """The document column of ``field`` (a ``search_fields`` entry) on ``model``."""
    return super(LocalisedMappingMixin, mapping_class(model)).get_field_column_name(
        field
    )


class LocalisedMappingMixin:
    """modelsearch's mapping plus per-language text fields filled by locale."""

    edgengram_analyzer_config = {
        "analyzer": "edgengram_analyzer",
        "search_analyzer": AUTOCOMPLETE_SEARCH_ANALYZER,
    }

    @cached_property
    def locale_languages(self) -> dict[int, str]:
        # One query per mapping; add_items builds one mapping per batch.
        return locale_languages()

    def get_field_column_name(self, field) -> str:
        # modelsearch works the name out again for each field of each document
        # (about 75 times per solution, a tenth of the indexing time); it depends
        # on the mapping's model and the field only.
        return _column_name(type(self), self.model, field)

    @cached_property
    def locale_codes(self) -> dict[int, str]:
        return dict(self.locale_languages)

    def get_mapping(self):
        mapping = super().get_mapping()
        properties = mapping["properties"]
        properties[LANGUAGE_FIELD] = {"type": "keyword"}
        properties[TRANSLATION_KEY_FIELD] = {"type": "keyword"}
        if issubclass(self.model, Page):
            properties[first_versions.FIELD] = {"type": "boolean"}
        for name in FACETS:
            properties[FACET_FIELD_PREFIX + name] = {"type": "keyword"}
        boosts = sorted(text_boosts(self.model.get_search_fields()))
        for language in LANGUAGES:
            analyzer, search_analyzer = ELASTICSEARCH_ANALYZERS[language]
            field_mapping = {"type": "text", "analyzer": analyzer}
            if search_analyzer != analyzer:
                field_mapping["search_analyzer"] = search_analyzer
            properties[language_text_field(language)] = dict(field_mapping)
            for boost in boosts:
                properties[language_text_field(language, boost)] = dict(field_mapping)
        return mapping

    def searchable_texts(
        self, fields: Iterable, document: dict
    ) -> Iterator[tuple[float, str]]:
        """(boost, text) of every SearchField in ``document``, nested ones included."""
        for field in fields:
            column = self.get_field_column_name(field)
            if isinstance(field, RelatedFields):
                related_model = field.get_field(self.model).related_model
                related_mapping = type(self)(related_model)
                for nested in _nested_documents(document.get(column)):
                    yield from related_mapping.searchable_texts(field.fields, nested)
            elif isinstance(field, SearchField):
                text = _as_text(document.get(column))
                if text:
                    yield float(field.boost or 1), text

    def get_document(self, obj):
        document = super().get_document(obj)
        language = language_of(obj, self.locale_languages)
        document[LANGUAGE_FIELD] = language
        key = getattr(obj, "translation_key", None)
        document[TRANSLATION_KEY_FIELD] = (
            str(key) if key else f"{obj._meta.label_lower}:{obj.pk}"
        )
        if isinstance(obj, Page):
            document[first_versions.FIELD] = first_versions.is_first_version(obj)
        for name, values in facet_values(obj, self.locale_codes).items():
            document[FACET_FIELD_PREFIX + name] = values
        # Read back from the document modelsearch built, so relations are not
        # queried a second time.
        texts = list(self.searchable_texts(self.model.get_search_fields(), document))
        document[language_text_field(language)] = [text for _boost, text in texts]
        for boost in sorted(text_boosts(self.model.get_search_fields())):
            document[language_text_field(language, boost)] = [
                text for text_boost, text in texts if text_boost == boost
            ]
        return document


class LocalisedSearchQueryCompilerMixin:
    """Searches every language's fields, boosting the visitor's language."""

    def _remap_fields(self, fields):
        remapped = super()._remap_fields(fields)
        if fields:
            # Named fields are modelsearch's language-neutral columns.
            return remapped
        boosts: set[float] = set()
        for model in get_indexed_models():
            if issubclass(model, self.queryset.model):
                boosts |= text_boosts(model.get_search_fields())
        visitor = visitor_language()
        for language in LANGUAGES:
            factor = VISITOR_LANGUAGE_BOOST if language == visitor else 1.0
            remapped.append(Field(language_text_field(language), factor))
            remapped.extend(
                Field(language_text_field(language, boost), boost * factor)
                for boost in sorted(boosts)
            )
        return remapped


class LocalisedIndexMixin:
    """An index created with the editors' current synonyms in its search analyzers."""

    def put(self):
        settings = copy.deepcopy(self.backend.settings)
        extra = synonym_analysis(elasticsearch_synonyms(synonym_groups()))
        if extra:
            settings = deep_update(settings, {"settings": {"analysis": extra}})
        self.backend.create_index(self.name, settings)

    def add_items(self, model, items):
        items = list(items)
        # Which pages are their solution's first live version, in one query.
        with first_versions.known(items if issubclass(model, Page) else ()):
            super().add_items(model, items)


class BulkRebuildMixin:
    """A rebuild's bulk requests overlap the building of the next batch
    (:mod:`.bulk_pipeline`), and the engine makes the new documents searchable
    once at the end instead of every second meanwhile (``refresh_interval``)."""

    def start(self):
        index = super().start()
        backend = index.backend
        backend.put_index_settings(index.name, {"index": {"refresh_interval": "-1"}})
        backend.pipelines[index.name] = BulkPipeline()
        return index

    def finish_bulk(self) -> None:
        """Wait for the last bulk request; refresh every second again."""
        backend = self.index.backend
        pipeline = backend.pipelines.pop(self.index.name, None)
        if pipeline is not None:
            pipeline.close()
        # null: the engine's default again.
        backend.put_index_settings(
            self.index.name, {"index": {"refresh_interval": None}}
        )


class ResettingRebuilder(BulkRebuildMixin, ElasticsearchIndexRebuilder):
    """modelsearch's rebuild in place (``ATOMIC_REBUILD: False``), in bulk."""

    def finish(self):
        self.finish_bulk()
        super().finish()


class AliasSwappingRebuilder(BulkRebuildMixin, ElasticsearchAtomicIndexRebuilder):
    """modelsearch's atomic rebuild, with the alias moved in one request.

    modelsearch adds the alias to the new index, then deletes the old one: for a
    moment the alias names both and every hit comes twice. One ``_aliases``
    request removes and adds atomically.
    https://docs.opensearch.org/latest/api-reference/index-apis/update-alias/

    The old index is deleted a moment after the move: a search that resolved the
    alias just before it still runs on the old index, and would fail if that
    went at once.
    """

    #: Seconds between moving the alias and deleting the old index.
    OLD_INDEX_GRACE_SECONDS = 1.0

    def finish(self):
        self.finish_bulk()
        self.index.refresh()
        if self.alias.is_alias():
            old = [index.name for index in self.alias.aliased_indices()]
            self.alias.backend.swap_alias(self.alias.name, old, self.index.name)
            if any(name != self.index.name for name in old):
                time.sleep(self.OLD_INDEX_GRACE_SECONDS)
            for name in old:
                if name != self.index.name:
                    self.alias.backend.index_class(self.alias.backend, name).delete()
        else:
            # First rebuild: a plain index of that name (or nothing) gives way.
            self.alias.delete()
            self.index.put_alias(self.alias.name)


class LocalisedSearchBackendMixin:
    """German, Danish and English analysis per locale, and no lost index updates.

    A concrete backend names the client's errors that mean "the engine did not
    answer" (:attr:`unreachable_errors`) and how its client creates an index and
    changes index settings; the two clients spell those calls differently.
    """

    atomic_rebuilder_class = AliasSwappingRebuilder
    basic_rebuilder_class = ResettingRebuilder

    #: Client exceptions after which an index update is noted for replay: any
    #: failed request (unreachable, timeout, 429/5xx, a missing or closed index).
    unreachable_errors: tuple[type[Exception], ...] = ()

    def __init__(self, params):
        params = dict(params)
        # The language analyzers join modelsearch's n-gram analyzers; INDEX_SETTINGS
        # from the settings file still override both.
        index_settings = deep_update(
            {
                "settings": {
                    "analysis": elasticsearch_analysis(),
                    "index": {"max_result_window": MAX_RESULT_WINDOW},
                }
            },
            params.pop("INDEX_SETTINGS", {}),
        )
        params["INDEX_SETTINGS"] = index_settings
        super().__init__(params)
        #: Index name: the bulk requests of its rebuild (see BulkRebuildMixin).
        self.pipelines: dict[str, BulkPipeline] = {}

    def create_index(self, name: str, settings: dict) -> None:
        raise NotImplementedError

    def put_index_settings(self, name: str, settings: dict) -> None:
        raise NotImplementedError

    def alias_actions(self, alias: str, old: list[str], new: str) -> list[dict]:
        """Move ``alias`` from the ``old`` indexes to ``new`` in one step."""
        actions = [
            {"remove": {"index": name, "alias": alias}} for name in old if name != new
        ]
        return [*actions, {"add": {"index": new, "alias": alias}}]

    def swap_alias(self, alias: str, old: list[str], new: str) -> None:
        raise NotImplementedError

    def bulk(self, es, actions, **kwargs):
        pipeline = self.pipelines.get(kwargs.get("index"))
        if pipeline is None:
            return super().bulk(es, actions, **kwargs)
        send = super().bulk
        pipeline.send(lambda: send(es, actions, **kwargs))
        return None

    # Publishing must not fail while the engine is down: modelsearch logs the
    # error and carries on (catch_indexing_errors); the object is noted so the
    # index catches up later (see .pending).

    def add(self, obj):
        try:
            super().add(obj)
        except self.unreachable_errors:
            pending.remember(obj, "update")
            raise

    def add_bulk(self, model, obj_list):
        try:
            super().add_bulk(model, obj_list)
        except self.unreachable_errors:
            for obj in obj_list:
                pending.remember(obj, "update")
            raise

    def delete(self, obj):
        try:
            super().delete(obj)
        except self.unreachable_errors:
            pending.remember(obj, "delete")
            raise
