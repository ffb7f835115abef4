"""modelsearch's SQLite (FTS5) backend with per-language stemming and folding.

FTS5 has no stemmer for German or Danish and does not fold ø or æ, so the embedded
default would be the weakest engine. Here each page's title and body are indexed
as folded Snowball stems of the page's language (:mod:`.folding`), German text with
Danish text with their compound parts (:func:`.analysis.decompound_text`, as on
PostgreSQL), and each
query word is looked up as its stem in every language ("Ladesäulen" finds
"Ladesäule", a German "Sensoren" the Danish "sensorer", "Tonder" "Tønder").
Autocomplete keeps whole words, folded.

The query compilers also make any text safe for FTS5's MATCH syntax: every word is
a quoted string of letters and digits, so ``"``, ``*``, ``AND (``, ``field:x`` or a
backslash are searched as the words they contain, or match nothing.
https://www.sqlite.org/fts5.html#full_text_query_syntax
"""

from __future__ import annotations

from django.db.models import F, QuerySet
from django.utils.functional import cached_property
from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
from modelsearch.backends.database.sqlite.sqlite import (
    IndexEntry,
    ObjectIndexer,
    SQLiteAutocompleteQueryCompiler,
    SQLiteFTSIndexEntry,
    SQLiteIndex,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
)
from modelsearch.index import SearchField
from modelsearch.query import And, MatchAll, Not, Or, Phrase, PlainText
from modelsearch.utils import get_content_type_pk, get_descendants_content_types_pks

from .analysis import (
    COMPOUND_LANGUAGES,
    LANGUAGES,
    decompound_text,
    language_of,
    locale_languages,
)
from .folding import analyse, fold, limit_words, query_stems, words

#: A query string without letters or digits: FTS5 finds no token in it, so it
#: matches nothing (and raises no syntax error).
NOTHING = "-"


class _Analysed(PlainText):
    """A query term already in the index's form: passed to FTS5 as it is."""


def _terms(query):
    """``query`` in the index's form: each word any of its stems."""
    if isinstance(query, _Analysed):
        return query
    if isinstance(query, PlainText):
        slots = []
        for term in limit_words(query.query_string).split():
            stems = query_stems(term)
            if stems:
                slot = [_Analysed(stem) for stem in stems]
                slots.append(slot[0] if len(slot) == 1 else Or(slot))
        if not slots:
            return _Analysed(NOTHING)
        if len(slots) == 1:
            return slots[0]
        return And(slots) if query.operator.lower() == "and" else Or(slots)
    if isinstance(query, Phrase):
        # Every word of the phrase, in one of the languages.
        phrases = []
        for language in LANGUAGES:
            phrase = analyse(query.query_string, language)
            if phrase and phrase not in phrases:
                phrases.append(phrase)
        if not phrases:
            return _Analysed(NOTHING)
        slots = [_Analysed(phrase) for phrase in phrases]
        return slots[0] if len(slots) == 1 else Or(slots)
    return query


class _ScoresOnce:
    """The scores of a match from one scan, for the FTS5 query compilers."""

    def scores(self, backend) -> QuerySet | None:
        """Every matching entry's object id (``kb_object``) and FTS5 score
        (``kb_score``, best lowest), from one scan of the full-text match.

        modelsearch's own score annotation is a subquery per matching object that
        runs the match again (FTS5 counts a term's documents anew for each), which
        is quadratic: seconds for a word in thousands of pages. These are the
        same scores, built as modelsearch's ``search`` builds them, for one join.
        None when the query matches everything or nothing by its shape.
        """
        query = normalize(self.query)
        if isinstance(query, (MatchAll, Not)):
            return None
        config = self.get_config(backend)
        match = MatchExpression(
            self.fields or self.FTS_TABLE_FIELDS,
            self.build_search_query(query, config=config),
        )
        rank = self._build_rank_expression(self.get_search_vectors(), config)
        return (
            SQLiteFTSIndexEntry.objects.filter(match)
            .filter(
                index_entry__content_type__in=get_descendants_content_types_pks(
                    self.queryset.model
                )
            )
            .values(kb_object=F("index_entry__object_id"), kb_score=rank)
        )


class StemmingSearchQueryCompiler(_ScoresOnce, SQLiteSearchQueryCompiler):
    def build_search_query_content(self, query, config=None):
        query = _terms(query)
        if isinstance(query, _Analysed):
            # Words of letters and digits (or NOTHING): no quote to escape.
            query = PlainText(query.query_string)
        return super().build_search_query_content(query, config=config)


class FoldingAutocompleteQueryCompiler(_ScoresOnce, SQLiteAutocompleteQueryCompiler):
    def build_search_query_content(self, query, config=None):
        if isinstance(query, PlainText):
            query = PlainText(
                " ".join(words(limit_words(query.query_string))) or NOTHING,
                operator=query.operator,
            )
        elif isinstance(query, Phrase):
            query = PlainText(" ".join(words(query.query_string)) or NOTHING)
        return super().build_search_query_content(query, config=config)


class StemmingObjectIndexer(ObjectIndexer):
    """An object's title and body as folded stems of its language."""

    def __init__(self, obj, backend, language: str) -> None:
        super().__init__(obj, backend)
        self.language = language

    def _texts(self, title: bool) -> list[str]:
        return [
            value
            for field in self.search_fields
            for current_field, value in self.prepare_field(self.obj, field)
            if isinstance(current_field, SearchField)
            and (current_field.field_name == "title") == title
        ]

    @cached_property
    def title(self):
        return analyse(" ".join(self._texts(title=True)), self.language)

    @cached_property
    def body(self):
        body = " ".join(self._texts(title=False))
        if self.language in COMPOUND_LANGUAGES:
            # The parts of German and Danish compounds, so "Säule" finds
            # "Ladesäule" and "måler" "vandstandsmålere".
            everything = " ".join([*self._texts(title=True), body])
            body = f"{body} {decompound_text(everything, self.language)}"
        return analyse(body, self.language)

    @cached_property
    def autocomplete(self):
        return fold(super().autocomplete)


class StemmingSQLiteIndex(SQLiteIndex):
    def add_items(self, model, objs):
        # Follows SQLiteIndex.add_items (modelsearch 1.3), which builds its
        # ObjectIndexer by name; the only change is the indexer that is used.
        if not model.get_search_fields():
            return
        languages = locale_languages()
        indexers = [
            StemmingObjectIndexer(obj, self.backend, language_of(obj, languages))
            for obj in objs
        ]
        if not indexers:
            return
        content_type_pk = get_content_type_pk(model)
        data = {
            indexer.id: (indexer.title, indexer.autocomplete, indexer.body)
            for indexer in indexers
        }
        entries = self.entries.filter(content_type_id=content_type_pk)
        indexed = set(
            entries.filter(object_id__in=data).values_list("object_id", flat=True)
        )
        for object_id in indexed:
            title, autocomplete, body = data[object_id]
            entries.filter(object_id=object_id).update(
                title=title, autocomplete=autocomplete, body=body
            )
        self.entries.bulk_create(
            IndexEntry(
                content_type_id=content_type_pk,
                object_id=object_id,
                title=title,
                autocomplete=autocomplete,
                body=body,
            )
            for object_id, (title, autocomplete, body) in data.items()
            if object_id not in indexed
        )
        self._refresh_title_norms()


class StemmingSQLiteSearchBackend(SQLiteSearchBackend):
    """SQLite FTS5 search with German, Danish and English stemming and folding."""

    query_compiler_class = StemmingSearchQueryCompiler
    autocomplete_query_compiler_class = FoldingAutocompleteQueryCompiler
    index_class = StemmingSQLiteIndex
    #: FTS5's bm25() scores the best match lowest (:mod:`.database_rank`).
    lower_score_is_better = True


SearchBackend = StemmingSQLiteSearchBackend
