"""The text match of a database search backend as a queryset with a rank.

modelsearch's database backends build the match in SQL: on PostgreSQL a ``tsvector``
filter with ``ts_rank`` (here with the visitor's language boosted, :mod:`.postgres`),
on SQLite a ``pk IN (SELECT ... MATCH ...)`` with FTS5's ``bm25()``. Taken as a
queryset rather than read into Python, the match can be filtered, counted, grouped and
paged by the database (:mod:`.database_query`).
"""

from __future__ import annotations

from django.db.models import Case, F, FloatField, QuerySet, Value, When
from modelsearch.backends.base import BaseSearchBackend
from modelsearch.query import SearchQuery

from .analysis import VISITOR_LANGUAGE_BOOST, visitor_language

#: The annotation with each matching row's rank: higher is better.
RANK = "_kb_rank"
_SCORE = "_kb_score"


def ranked(
    backend: BaseSearchBackend, query: SearchQuery | str, pages: QuerySet
) -> QuerySet:
    """``pages`` that match ``query``, annotated with :data:`RANK`."""
    results = backend.search(query, pages).annotate_score(_SCORE)
    queryset = results.get_queryset()
    if not getattr(backend, "lower_score_is_better", False):
        return queryset.annotate(**{RANK: F(_SCORE)})
    # FTS5's bm25() is negative, best lowest, and knows no languages: the
    # visitor's language is boosted here as the PostgreSQL backend does.
    boost = Case(
        When(
            locale__language_code=visitor_language(),
            then=Value(VISITOR_LANGUAGE_BOOST),
        ),
        default=Value(1.0),
        output_field=FloatField(),
    )
    return queryset.annotate(**{RANK: -F(_SCORE) * boost})
