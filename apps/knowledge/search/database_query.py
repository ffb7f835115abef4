"""A portal search on the database backends (SQLite FTS5, PostgreSQL full text).

Returns the same :class:`~.facets.Matches` as the engine query, computed in SQL. The
database search backend gives the matching versions as a queryset with their rank
(:mod:`.database_rank`); everything else stays in the database, so no list of ids
travels to Python and back whatever the number of solutions:

- filters are semi-joins (``pk IN (SELECT ...)``); a snippet facet's slugs become
  translation keys in a subquery;
- the matches are computed once, as a common table expression with each match's
  translation key, its single-valued facets and whether each filter holds;
- facet counts are one ``GROUP BY`` per facet over that expression, each under the
  other facets' filters, counting distinct translation keys, sent with the total
  (distinct translation keys under every filter) as one ``UNION ALL`` query;
- the results page takes each solution's best version with ``ROW_NUMBER() OVER
  (PARTITION BY translation_key ...)``, ordered and sliced by the database;
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
    BooleanField,
    ExpressionWrapper,
    F,
    OrderBy,
    Q,
    QuerySet,
    TextField,
)
from django.db.models.expressions import Window
from django.db.models.functions import Cast, RowNumber
from wagtail.models import Page

from apps.knowledge.models import SolutionPage
from apps.knowledge.search import engine
from apps.knowledge.search.database_rank import RANK, ranked
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
    matched = _matching(pages, params, text, groups, backend, operator)
    filters = {name: _filter_q(name, values) for name, values in params.filters.items()}
    narrowed = matched.filter(*filters.values())
    facet_counts, total = _counts(matched, filters)
    start = (params.page - 1) * per_page
    rows = _best_versions(narrowed, _ordering(params.sort, text))
    # Nothing counted, nothing to rank (a search that found nothing is often
    # tried again: with some of its words, or a correction).
    page_rows = (
        [(str(key), pk) for pk, key in rows[start : start + per_page]] if total else []
    )
    shown = shown_versions(
        page_rows, language, params.filters.get("language"), pages=pages
    )
    places = None
    if located:
        # The matches stay a subquery: no id list goes to Python and back.
        places = (
            located_versions(
                rows.values("pk"),
                rows.values("translation_key"),
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


def _best_versions(narrowed: QuerySet[Page], ordering: list[OrderBy]) -> QuerySet:
    """(pk, translation key) of each solution's first version under ``ordering``,
    in that order: ``ROW_NUMBER() OVER (PARTITION BY translation_key ...) = 1``."""
    first = Window(RowNumber(), partition_by=[F("translation_key")], order_by=ordering)
    return (
        narrowed.annotate(_first=first)
        .filter(_first=1)
        .order_by(*ordering)
        .values_list("pk", "translation_key")
    )


def _matching(pages, params, text, groups, backend, operator) -> QuerySet[Page]:
    """Every matching version; with ``text``, annotated with its rank."""
    if params.filters:
        # Facets describe solutions; other pages cannot satisfy them.
        pages = pages.type(SolutionPage)
    if not text:
        return pages
    query = engine.build_query(text, groups, backend, operator)
    return ranked(backend, query, pages)


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
    """The solutions with any of ``values``, as a subquery.

    Snippet facets are selected by slug (in any language) and stored by translation
    key; an unknown slug matches nothing.
    """
    path = FACETS[name][1]
    if name in SNIPPET_FACETS:
        keys = (
            SNIPPET_FACETS[name]
            .objects.filter(slug__in=values)
            .values("translation_key")
        )
        lookup = {f"{path}__in": keys}
    else:
        lookup = {f"{path}__in": values}
    return Q(pk__in=SolutionPage.objects.filter(**lookup).values("pk"))


#: The row of :func:`_counts` that holds the total, not a facet.
_TOTAL = "_total"


#: The common table expression that holds the matches: id, translation key, the
#: value of each single-valued facet and whether each selected filter holds.
_MATCHED = "kb_matched"


def _flag(name: str) -> str:
    """The column of :data:`_MATCHED` that says whether facet ``name``'s filter
    holds (a name of :data:`~.facets.FACETS`, never the visitor's text)."""
    if name not in FACETS:
        raise ValueError(f"unknown facet {name!r}")
    return f"kb_in_{name}"


def _value(name: str) -> str:
    """The column of :data:`_MATCHED` with single-valued facet ``name``'s value."""
    if name not in FACETS:
        raise ValueError(f"unknown facet {name!r}")
    return f"kb_value_{name}"


def _where(names) -> str:
    """`` WHERE`` the filters of facets ``names`` hold in :data:`_MATCHED`, or ""."""
    flags = " AND ".join(_flag(name) for name in names)
    return f" WHERE {flags}" if flags else ""


def _single_valued(path: str) -> bool:
    """Whether a solution has at most one value at ORM ``path`` (no to-many step)."""
    model = SolutionPage
    for step in path.split("__")[:-1]:
        field = model._meta.get_field(step)
        if field.one_to_many or field.many_to_many:
            return False
        model = field.related_model
    return True


def _from_page(path: str) -> str:
    """``path`` (on SolutionPage) as seen from Page, through the solution's own
    table even for Page's fields: other pages have no value (NULL)."""
    return f"{SolutionPage._meta.model_name}__{path}"


#: Facets with one value per solution are counted from :data:`_MATCHED` alone; the
#: others (fields of action, tags) join their link tables to it.
SINGLE_VALUED = [
    name for name, (_label, path) in FACETS.items() if _single_valued(path)
]


def _counts(
    matched: QuerySet[Page], filters: dict[str, Q]
) -> tuple[dict[str, dict[str, int]], int]:
    """Solutions per facet value, each facet under the other facets' filters, and
    the total under every filter.

    A solution counts once per value, whichever of its language versions matched;
    the total counts solutions and other pages once each. One query: the matches
    are a common table expression, computed once (the text match, a GIN index scan
    on PostgreSQL, the joins to single-valued facets, and each filter as a hashed
    subquery), holding each match's id, translation key, single-valued facet values
    and one boolean per selected filter. Each facet is a ``GROUP BY`` over the
    matches whose other filters hold (joined to the link table of a many-valued
    facet), the total a count of those whose every filter holds, all joined with
    ``UNION ALL``. Django has no CTEs, so that statement is put together from the
    querysets' own SQL and parameters.
    """
    values = {
        _value(name): Cast(_from_page(FACETS[name][1]), TextField())
        for name in SINGLE_VALUED
    }
    flags = {
        _flag(name): ExpressionWrapper(q, output_field=BooleanField())
        for name, q in filters.items()
    }
    rows_sql, rows_params = (
        matched.order_by()
        .values(kb_id=F("pk"), kb_key=F("translation_key"), **values, **flags)
        .query.sql_with_params()
    )
    columns = ", ".join(["id", "translation_key", *values, *flags])

    parts: list[tuple[str, tuple]] = []
    for name, (_label, path) in FACETS.items():
        where = _where(other for other in filters if other != name)
        if name in SINGLE_VALUED:
            column = _value(name)
            parts.append(
                (
                    f"SELECT %s, {column}, COUNT(DISTINCT translation_key)"  # noqa: S608
                    f" FROM {_MATCHED}{where} GROUP BY {column}",
                    (name,),
                )
            )
            continue
        # The (solution, value) pairs of the link table, joined to the matches.
        pairs_sql, pairs_params = (
            SolutionPage.objects.order_by()
            .values(kb_page=F("pk"), kb_value=Cast(path, TextField()))
            .query.sql_with_params()
        )
        pairs = f"({pairs_sql}) kb_pairs JOIN {_MATCHED} ON id = kb_pairs.kb_page"
        counted = "SELECT %s, kb_pairs.kb_value, COUNT(DISTINCT translation_key)"
        parts.append(
            (
                f"{counted} FROM {pairs}{where} GROUP BY kb_pairs.kb_value",  # noqa: S608
                (name, *pairs_params),
            )
        )
    parts.append(
        (
            f"SELECT %s, %s, COUNT(DISTINCT translation_key) FROM {_MATCHED}"  # noqa: S608
            + _where(filters),
            (_TOTAL, ""),
        )
    )
    # Unparenthesised: SQLite takes no parentheses around a compound's parts, and
    # no part is ordered or sliced.
    union_sql = " UNION ALL ".join(sql for sql, _params in parts)
    union_params = [param for _sql, params in parts for param in params]
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH {_MATCHED} ({columns}) AS ({rows_sql}) {union_sql}",  # noqa: S608
            (*rows_params, *union_params),
        )
        rows = cursor.fetchall()
    counts: dict[str, dict[str, int]] = {name: {} for name in FACETS}
    total = 0
    for name, value, count in rows:
        if name == _TOTAL:
            total = count
            continue
        if value in ("", None):
            # Other pages, and solutions without a value.
            continue
        if name in SNIPPET_FACETS:
            # SQLite keeps UUIDs as 32 hex digits, PostgreSQL's text has dashes.
            value = str(uuid.UUID(value))
        counts[name][value] = count
    return counts, total
