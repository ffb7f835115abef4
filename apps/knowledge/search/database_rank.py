"""The text match of a database search backend as a queryset with a rank.

modelsearch's database backends build the match in SQL: on PostgreSQL a ``tsvector``
filter with ``ts_rank`` (here with the visitor's language boosted, :mod:`.postgres`),
on SQLite a ``pk IN (SELECT ... MATCH ...)`` with FTS5's ``bm25()``. Taken as a
queryset rather than read into Python, the match can be filtered, counted, grouped and
paged by the database (:mod:`.database_query`).

On SQLite the rank is not read from that queryset to order results: modelsearch
scores each matching page with a subquery that runs the full-text match again,
which is quadratic (6 s for a word in 3,000 of 10,000 solutions). The scores come
instead from one scan of the match, joined to the pages (:func:`best_versions_sql`).
"""

from __future__ import annotations

from django.db import connection
from django.db.models import Case, F, FloatField, QuerySet, Value, When
from modelsearch.backends.base import BaseSearchBackend
from modelsearch.query import SearchQuery

from .analysis import VISITOR_LANGUAGE_BOOST, visitor_language

#: The annotation with each matching row's rank: higher is better.
RANK = "_kb_rank"
_SCORE = "_kb_score"


def _visitor_boost() -> Case:
    """FTS5's bm25() knows no languages: the visitor's language is boosted here as
    the PostgreSQL backend does."""
    return Case(
        When(
            locale__language_code=visitor_language(),
            then=Value(VISITOR_LANGUAGE_BOOST),
        ),
        default=Value(1.0),
        output_field=FloatField(),
    )


def ranked(
    backend: BaseSearchBackend, query: SearchQuery | str, pages: QuerySet
) -> QuerySet:
    """``pages`` that match ``query``, annotated with :data:`RANK`."""
    return ranked_and_scored(backend, query, pages)[0]


def ranked_and_scored(
    backend: BaseSearchBackend, query: SearchQuery | str, pages: QuerySet
) -> tuple[QuerySet, QuerySet | None]:
    """:func:`ranked`, and where the backend scores the match apart (SQLite) its
    ``kb_object``/``kb_score`` rows for :func:`best_versions_sql`, else None."""
    results = backend.search(query, pages).annotate_score(_SCORE)
    queryset = results.get_queryset()
    if not getattr(backend, "lower_score_is_better", False):
        return queryset.annotate(**{RANK: F(_SCORE)}), None
    # FTS5's bm25() is negative, best lowest.
    return (
        queryset.annotate(**{RANK: -F(_SCORE) * _visitor_boost()}),
        scores_apart(results, backend),
    )


def scores_apart(results, backend: BaseSearchBackend) -> QuerySet | None:
    """The ``kb_object``/``kb_score`` rows of search ``results`` where the backend
    scores its match in one scan (SQLite), else None."""
    scores = getattr(results.query_compiler, "scores", None)
    return scores(backend) if scores else None


def best_scored(pages: QuerySet, scores: QuerySet, limit: int) -> list[tuple]:
    """(id, translation key) of the ``limit`` best-scored of ``pages``, in the
    order modelsearch gives a ranked search (best score, then the newest id)."""
    with connection.cursor() as cursor:
        cursor.execute(*best_scored_sql(pages, scores, limit))
        return cursor.fetchall()


def best_scored_sql(pages: QuerySet, scores: QuerySet, limit: int) -> tuple[str, tuple]:
    """The statement of :func:`best_scored`: the scores scanned once, each looked
    up in ``pages`` by primary key."""
    scores_table, joined, params = _scored(
        pages.values(kb_pk=F("pk"), kb_key=F("translation_key")), scores
    )
    sql = (
        f"{scores_table} SELECT kb_rows.kb_pk, kb_rows.kb_key {joined}"
        " ORDER BY kb_scores.kb_score ASC, kb_rows.kb_pk DESC LIMIT %s"
    )
    return sql, (*params, limit)


def _scored(rows: QuerySet, scores: QuerySet) -> tuple[str, str, tuple]:
    """The parts of a statement over ``rows`` (a ``values()`` query with
    ``kb_pk``) and their full-text scores: the ``WITH`` clause that keeps the
    scores as a materialised table (bm25() can be read only where the match is
    scanned), the ``FROM ... JOIN`` in which each score looks its row up by primary
    key (index entries hold object ids as text), and the parameters of both."""
    rows_sql, rows_params = rows.order_by().query.sql_with_params()
    scores_sql, scores_params = scores.query.sql_with_params()
    return (
        f"WITH kb_scores AS MATERIALIZED ({scores_sql})",
        f"FROM ({rows_sql}) kb_rows JOIN kb_scores"
        " ON kb_rows.kb_pk = CAST(kb_scores.kb_object AS INTEGER)",
        (*scores_params, *rows_params),
    )


def best_versions_sql(
    narrowed: QuerySet, scores: QuerySet, *, by_date: bool
) -> tuple[str, tuple]:
    """SQL for (``kb_pk``, ``kb_key``) of each solution's best matching version in
    ``narrowed``, best first, ranked by ``scores`` (:func:`ranked_and_scored`).

    The same order as the ranked queryset's (rank = -score, the visitor's
    language boosted; by date: newest first, then rank, then id), from one
    full-text scan kept as a materialised table (bm25() can be read only where the
    match is scanned) and joined to the versions by id.
    """
    scores_table, joined, params = _scored(
        narrowed.values(
            kb_pk=F("pk"),
            kb_key=F("translation_key"),
            kb_date=F("last_published_at"),
            kb_boost=_visitor_boost(),
        ),
        scores,
    )
    if by_date:
        order = "kb_date DESC NULLS LAST, kb_rank DESC, kb_pk ASC"
    else:
        order = "kb_rank DESC, kb_pk DESC"
    sql = (
        f"{scores_table} SELECT kb_pk, kb_key FROM ("  # noqa: S608
        f" SELECT *, ROW_NUMBER() OVER (PARTITION BY kb_key ORDER BY {order})"
        " AS kb_row FROM ("
        "  SELECT kb_rows.kb_pk, kb_rows.kb_key, kb_rows.kb_date,"
        f"   -kb_scores.kb_score * kb_rows.kb_boost AS kb_rank {joined}"
        " ) kb_scored"
        f") kb_numbered WHERE kb_row = 1 ORDER BY {order}"
    )
    return sql, params
