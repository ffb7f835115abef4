"""A portal search on the database backends (SQLite FTS5, PostgreSQL full text).

Returns the same :class:`~.facets.Matches` as the engine query, computed in SQL. The
database search backend gives the matching versions as a queryset with their rank
(:mod:`.database_rank`); everything else stays in the database, so no list of ids
travels to Python and back whatever the number of solutions:

- a filter on a single-valued facet is a condition on the match's own row, on a
  many-valued one a semi-join (``pk IN (SELECT ...)``); a snippet facet's slugs
  become translation keys in a subquery;
- facet counts and the total are one statement (:mod:`.database_counts`): the
  matches computed once as a common table expression, one ``GROUP BY`` per facet
  over it under the other facets' filters, counting distinct translation keys;
- the results page takes each solution's best version with ``ROW_NUMBER() OVER
  (PARTITION BY translation_key ...)``, ordered and sliced by the database (on
  SQLite with text, over the match's scores read in one scan,
  :func:`.database_rank.best_versions_sql`);
- the map (``located=True``) takes from the same matches, in one more query, the
  version shown of every solution under every filter that has a place.

A search is five queries: two to find what a visitor may see
(:func:`~apps.knowledge.visibility.visible`), the counts with the total, the page
and the versions shown; six with the map.
"""

from __future__ import annotations

import uuid

from django.db import connection
from django.db.models import (
    F,
    OrderBy,
    Q,
    QuerySet,
)
from django.db.models.expressions import RawSQL, Window
from django.db.models.functions import RowNumber
from wagtail.models import Page

from apps.knowledge.models import SolutionPage
from apps.knowledge.search import database_counts, engine
from apps.knowledge.search.database_rank import (
    RANK,
    best_versions_sql,
    ranked_and_scored,
)
from apps.knowledge.search.facets import FACETS, SNIPPET_FACETS, Matches
from apps.knowledge.visibility import visible


def live_pages() -> QuerySet[Page]:
    """Every page a visitor may see: live, public, not the tree root (nor expired
    or below an unpublished page, :mod:`apps.knowledge.visibility`)."""
    return visible(Page.objects).filter(depth__gt=1)


def run(
    params,
    text: str,
    groups: list[list[str]],
    backend,
    language: str,
    *,
    operator: str = "and",
    per_page: int,
    located: bool = False,
) -> Matches:
    """Search ``text`` (may be empty: browse by facets) under ``params``' filters;
    ``located``: also every result that has a place (:attr:`Matches.located`)."""
    pages = live_pages()
    matched, scores = _matching(pages, params, text, groups, backend, operator)
    filters = {name: _filter_q(name, values) for name, values in params.filters.items()}
    narrowed = matched.filter(*filters.values())
    # A browse matches no text: its matches are cheap to select again per facet.
    facet_counts, total = database_counts.counts(matched, filters, split=not text)
    start = (params.page - 1) * per_page
    best = _BestVersions(narrowed, scores, params.sort, text)
    # Nothing counted, nothing to rank (a search that found nothing is often
    # tried again: with some of its words, or a correction).
    page_rows = best.window(start, per_page) if total else []
    shown = shown_versions(
        page_rows, language, params.filters.get("language"), pages=pages
    )
    places = None
    if located:
        # The matches stay a subquery: no id list goes to Python and back.
        places = (
            located_versions(
                best.ids(),
                best.keys(),
                language,
                params.filters.get("language"),
                pages=pages,
            )
            if total
            else []
        )
    return Matches(
        ids=list(shown.values()),
        total=total,
        facet_counts=facet_counts,
        located=places,
    )


def located_versions(
    best,
    keys,
    language: str,
    languages: tuple[str, ...] | None = None,
    *,
    pages: QuerySet[Page] | None = None,
) -> list[int]:
    """The version shown (as :func:`shown_versions` chooses it) of every solution
    found that has a place: ``best`` are the versions found (ids, or a query of
    them), ``keys`` their translation keys (likewise). One query."""
    chosen = Q(pk__in=best)
    if not languages or language in languages:
        translated = (live_pages() if pages is None else pages).filter(
            locale__language_code=language, translation_key__in=keys
        )
        chosen = Q(pk__in=translated.values("pk")) | (
            chosen & ~Q(translation_key__in=translated.values("translation_key"))
        )
    return list(
        SolutionPage.objects.filter(
            chosen, latitude__isnull=False, longitude__isnull=False
        ).values_list("pk", flat=True)
    )


class _BestVersions:
    """Each solution's best matching version, best first, kept in the database.

    A window over the matches (``ROW_NUMBER() OVER (PARTITION BY translation_key
    ...) = 1``), ordered by :func:`_ordering`; on SQLite with text, the statement
    of :func:`.database_rank.best_versions_sql`, which scores the match once.
    """

    def __init__(self, narrowed: QuerySet[Page], scores, sort: str, text: str):
        self.raw = None
        if scores is not None:
            self.raw = best_versions_sql(narrowed, scores, by_date=sort == "date")
            return
        ordering = _ordering(sort, text)
        first = Window(
            RowNumber(), partition_by=[F("translation_key")], order_by=ordering
        )
        self.rows = (
            narrowed.annotate(_first=first)
            .filter(_first=1)
            .order_by(*ordering)
            .values_list("pk", "translation_key")
        )

    def window(self, start: int, size: int) -> list[tuple[str, int]]:
        """(translation key, id) of the versions ``start`` to ``start + size``."""
        if self.raw is None:
            rows = self.rows[start : start + size]
        else:
            sql, sql_params = self.raw
            with connection.cursor() as cursor:
                cursor.execute(f"{sql} LIMIT %s OFFSET %s", (*sql_params, size, start))
                # Raw rows: SQLite's UUIDs are 32 hex digits, not UUIDs.
                rows = [(pk, uuid.UUID(key)) for pk, key in cursor.fetchall()]
        return [(str(key), pk) for pk, key in rows]

    def ids(self):
        """The versions' ids, as a subquery."""
        if self.raw is None:
            return self.rows.values("pk")
        sql, sql_params = self.raw
        return RawSQL(f"SELECT kb_pk FROM ({sql}) kb_best", sql_params)  # noqa: S608, S611

    def keys(self):
        """The versions' translation keys, as a subquery."""
        if self.raw is None:
            return self.rows.values("translation_key")
        sql, sql_params = self.raw
        return RawSQL(f"SELECT kb_key FROM ({sql}) kb_best", sql_params)  # noqa: S608, S611


def _matching(pages, params, text, groups, backend, operator):
    """Every matching version (with ``text``, annotated with its rank) and, where
    the backend scores the match apart, the scores (else None)."""
    if params.filters:
        # Facets describe solutions; other pages cannot satisfy them.
        pages = pages.type(SolutionPage)
    if not text:
        return pages, None
    query = engine.build_query(text, groups, backend, operator)
    return ranked_and_scored(backend, query, pages)


def _ordering(sort: str, text: str) -> list[OrderBy]:
    """Best first; by date, pages never published through the admin (imports) last."""
    by_date = F("last_published_at").desc(nulls_last=True)
    if not text:
        return [by_date, F("pk").asc()]
    if sort == "date":
        return [by_date, F(RANK).desc(), F("pk").asc()]
    return [F(RANK).desc(), F("pk").desc()]


def shown_versions(
    ordered: list[tuple[str, int]],
    language: str,
    languages: tuple[str, ...] | None = None,
    *,
    pages: QuerySet[Page] | None = None,
) -> dict[str, int]:
    """For each key, the page shown: the visitor's translation, else the match.

    With a language facet selected, the visitor's translation is shown only if its
    language is one of those selected. One query (``pages``: the visible pages, if
    already at hand).
    """
    if not ordered or (languages and language not in languages):
        return dict(ordered)
    keys = [key for key, _pk in ordered]
    translated = {
        str(key): pk
        for key, pk in (live_pages() if pages is None else pages)
        .filter(locale__language_code=language, translation_key__in=keys)
        .values_list("translation_key", "pk")
    }
    return {key: translated.get(key, pk) for key, pk in ordered}


def _filter_q(name: str, values: tuple[str, ...]) -> Q:
    """The pages with any of ``values`` of facet ``name``.

    Snippet facets are selected by slug (in any language) and stored by translation
    key; an unknown slug matches nothing. A single-valued facet is read from the
    page's own row (the matches of a filtered search are solutions only,
    :func:`_matching`), a many-valued one is a semi-join on its link table.
    """
    path = FACETS[name][1]
    selected = values
    if name in SNIPPET_FACETS:
        selected = (
            SNIPPET_FACETS[name]
            .objects.filter(slug__in=values)
            .values("translation_key")
        )
    source = database_counts.single_valued(path)
    if source is None:
        solutions = SolutionPage.objects.filter(**{f"{path}__in": selected})
        return Q(pk__in=solutions.values("pk"))
    prefix = "" if source.own_page_field else "solutionpage__"
    return Q(**{f"{prefix}{path}__in": selected})
