"""PostgreSQL full-text search that analyses each page in its own language.

modelsearch's PostgreSQL backend takes a single ``SEARCH_CONFIG`` for every object
and every query. Here the index entry of an object is built with the text search
configuration of the object's locale (german, danish, english), German and Danish
text also gets its compound parts (see :mod:`.analysis`), and a query is parsed with
every configuration and the results OR-ed, so a German query also finds a
Danish-only page wherever the two share a stem, a name or a term. Results in the
visitor's language rank higher. Text and queries are folded in Python before
PostgreSQL sees them (:func:`.folding.fold`: ø/æ/å, ä/ö/ü/ß), so "Tonder" finds
"Tønder" and "Aabenraa" "Åbenrå"; autocomplete too.

The index table stays modelsearch's ``IndexEntry``: its ``tsvector`` columns hold
lexemes whatever configuration made them, so no schema change is needed.
"""

from __future__ import annotations

import operator
from functools import reduce

from django.contrib.postgres.search import SearchVector
from django.db.models import Case, FloatField, Value, When
from django.db.models.sql.subqueries import InsertQuery
from django.utils.functional import cached_property
from modelsearch.backends.database.postgres.postgres import (
    IndexEntry,
    ObjectIndexer,
    PostgresAutocompleteQueryCompiler,
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from modelsearch.index import SearchField
from modelsearch.query import Phrase, PlainText
from modelsearch.utils import get_content_type_pk

from .analysis import (
    COMPOUND_LANGUAGES,
    FALLBACK_LANGUAGE,
    LANGUAGES,
    POSTGRES_CONFIGS,
    VISITOR_LANGUAGE_BOOST,
    decompound_text,
    language_of,
    locale_languages,
    visitor_language,
)
from .folding import fold, limit_words


def _folded(query):
    """PlainText and Phrase folded (:func:`.folding.fold`), other queries as given."""
    if isinstance(query, PlainText):
        return PlainText(
            fold(limit_words(query.query_string)),
            operator=query.operator,
            boost=query.boost,
        )
    if isinstance(query, Phrase):
        return Phrase(fold(limit_words(query.query_string)))
    return query


class LocalisedObjectIndexer(ObjectIndexer):
    """Builds an object's index entry with the configuration of its language."""

    def __init__(self, obj, backend, language: str) -> None:
        super().__init__(obj, backend)
        self.language = language
        # as_vector() reads self.config; the autocomplete config stays "simple".
        self.config = POSTGRES_CONFIGS[language]

    def as_vector(self, texts, for_autocomplete=False):
        texts = [(fold(text), weight) for text, weight in texts]
        return super().as_vector(texts, for_autocomplete=for_autocomplete)

    @cached_property
    def body(self):
        texts = []
        words = []
        for field in self.search_fields:
            for current_field, weight, value in self.prepare_field(self.obj, field):
                if not isinstance(current_field, SearchField):
                    continue
                words.append(value)
                if current_field.field_name != "title":
                    texts.append((value, weight))
        if self.language in COMPOUND_LANGUAGES:
            # The parts of German and Danish compounds, at the lowest weight, so
            # "Säule" finds "Ladesäule" as Elasticsearch's decompounder does.
            texts.append((decompound_text(" ".join(words), self.language), "D"))
        return self.as_vector(texts)


class LocalisedPostgresIndex(PostgresIndex):
    """modelsearch's PostgreSQL index, building each entry in its object's language."""

    def add_items(self, model, objs):
        # Follows PostgresIndex.add_items (modelsearch 1.3), which builds its
        # ObjectIndexer by name; the only change is the indexer that is used.
        search_fields = model.get_search_fields()
        if not search_fields:
            return
        languages = locale_languages()
        indexers = [
            LocalisedObjectIndexer(obj, self.backend, language_of(obj, languages))
            for obj in objs
        ]
        if not indexers:
            return

        content_type_pk = get_content_type_pk(model)
        compiler = InsertQuery(IndexEntry).get_compiler(
            connection=self.write_connection
        )
        rows = []
        data_params = []
        for indexer in indexers:
            data_params.extend((content_type_pk, indexer.id))
            vectors_sql = []
            for column in ("title", "autocomplete", "body"):
                value = compiler.prepare_value(
                    IndexEntry._meta.get_field(column), getattr(indexer, column)
                )
                sql, params = value.as_sql(compiler, self.write_connection)
                vectors_sql.append(sql)
                data_params.extend(params)
            data_params.extend((indexer.title_text, indexer.body_text))
            rows.append("(%s, %s, {}, {}, {}, 1.0, %s, %s)".format(*vectors_sql))

        table = IndexEntry._meta.db_table
        with self.write_connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} (content_type_id, object_id, title,"  # noqa: S608
                " autocomplete, body, title_norm, title_text, body_text)"
                f" (VALUES {', '.join(rows)})"
                " ON CONFLICT (content_type_id, object_id)"
                " DO UPDATE SET title = EXCLUDED.title, title_norm = 1.0,"
                " autocomplete = EXCLUDED.autocomplete, body = EXCLUDED.body,"
                " title_text = EXCLUDED.title_text, body_text = EXCLUDED.body_text",
                data_params,
            )
        self._refresh_title_norms()


class LocalisedPostgresSearchQueryCompiler(PostgresSearchQueryCompiler):
    """Parses the query with every language's configuration and OR-s the results."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Taken when .search() is called, as the Elasticsearch backend does, not
        # when the lazy results are evaluated.
        self.visitor_language = visitor_language()

    def query_configs(self) -> list[str]:
        return [POSTGRES_CONFIGS[language] for language in LANGUAGES]

    @staticmethod
    def for_language(query, language: str):
        """The query folded as the index holds the text (the same in every
        language, :mod:`.folding`)."""
        return _folded(query)

    def build_tsquery_content(self, query, config=None, invert=False):
        if isinstance(query, (PlainText, Phrase)):
            tsqueries = [
                super(LocalisedPostgresSearchQueryCompiler, self).build_tsquery_content(
                    self.for_language(query, language),
                    config=POSTGRES_CONFIGS[language],
                    invert=invert,
                )
                for language in LANGUAGES
            ]
            tsqueries = [tsquery for tsquery in tsqueries if tsquery is not None]
            if not tsqueries:
                return None
            # NOT (a OR b) is (NOT a) AND (NOT b): an inverted term must be absent
            # in every language.
            return reduce(operator.and_ if invert else operator.or_, tsqueries)
        return super().build_tsquery_content(query, config=config, invert=invert)

    def get_fields_vectors(self, search_query):
        # Searching named fields builds vectors on the fly, where the row's language
        # is unknown: analyse the field in every language.
        return [
            (
                reduce(
                    operator.add,
                    [
                        SearchVector(field_lookup, config=language_config)
                        for language_config in self.query_configs()
                    ],
                ),
                search_field.boost,
            )
            for field_lookup, search_field in self.search_fields.items()
        ]

    def _build_rank_expression(self, vectors, config):
        rank = super()._build_rank_expression(vectors, config)
        model = self.queryset.model
        if not any(field.name == "locale" for field in model._meta.get_fields()):
            return rank
        return rank * Case(
            When(
                locale__language_code=self.visitor_language,
                then=Value(VISITOR_LANGUAGE_BOOST),
            ),
            default=Value(1.0),
            output_field=FloatField(),
        )


class FoldingAutocompleteQueryCompiler(PostgresAutocompleteQueryCompiler):
    """Autocomplete on folded words, as they are indexed: "Tønd" finds "Tønder"."""

    def build_tsquery_content(self, query, config=None, invert=False):
        return super().build_tsquery_content(
            _folded(query), config=config, invert=invert
        )


class LocalisedPostgresSearchBackend(PostgresSearchBackend):
    """PostgreSQL search with german, danish and english analysis per locale."""

    query_compiler_class = LocalisedPostgresSearchQueryCompiler
    autocomplete_query_compiler_class = FoldingAutocompleteQueryCompiler
    index_class = LocalisedPostgresIndex

    def __init__(self, params):
        super().__init__(params)
        # Used for queries on models without a locale and as modelsearch's default.
        self.config = params.get("SEARCH_CONFIG") or POSTGRES_CONFIGS[FALLBACK_LANGUAGE]


SearchBackend = LocalisedPostgresSearchBackend
