"""modelsearch's SQLite (FTS5) backend, safe for double quotes in what visitors type.

modelsearch wraps every term in double quotes for FTS5's MATCH syntax but leaves the
quotes inside a term as they are, so a search for ``"`` or ``5" Rohr`` ends in
"unterminated string" from SQLite. FTS5 escapes a quote inside a string by doubling
it (https://www.sqlite.org/fts5.html#fts5_strings), which is what these compilers do
before modelsearch builds the query.
"""

from __future__ import annotations

import copy

from modelsearch.backends.database.sqlite.sqlite import (
    SQLiteAutocompleteQueryCompiler,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
)
from modelsearch.query import Phrase, PlainText


def _escaped(query):
    if isinstance(query, PlainText | Phrase) and '"' in query.query_string:
        query = copy.copy(query)
        query.query_string = query.query_string.replace('"', '""')
    return query


class QuoteSafeSearchQueryCompiler(SQLiteSearchQueryCompiler):
    def build_search_query_content(self, query, config=None):
        return super().build_search_query_content(_escaped(query), config=config)


class QuoteSafeAutocompleteQueryCompiler(SQLiteAutocompleteQueryCompiler):
    def build_search_query_content(self, query, config=None):
        return super().build_search_query_content(_escaped(query), config=config)


class QuoteSafeSQLiteSearchBackend(SQLiteSearchBackend):
    """SQLite FTS5 search whose queries may contain double quotes."""

    query_compiler_class = QuoteSafeSearchQueryCompiler
    autocomplete_query_compiler_class = QuoteSafeAutocompleteQueryCompiler
