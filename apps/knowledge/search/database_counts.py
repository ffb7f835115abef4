"""Facet counts of a portal search on the database backends, in one SQL statement.

The matches are a common table expression, computed once: each match's id and
translation key, whether it is a solution, the raw columns the single-valued facets
are read from (a solution's own column, or the id a foreign key holds) and one
boolean per selected filter. The expression stays narrow on purpose: a
browse at 10,000 solutions materialises every visible solution, and text columns
or joins to the organisation and locale tables for each of them cost more than
all the counting after it. Each facet is then a ``GROUP BY`` over the matches its
other facets' filters let through, joined to its related table (organisation,
locale) or link table (fields of action, tags) only there; the total is a count of
the matches every filter lets through. All of it is one ``UNION ALL`` query,
counting distinct translation keys, so a solution counts once per value whichever
of its language versions matched.

Django has no common table expressions, so the statement is put together from the
querysets' own SQL and parameters; every name in it comes from the models and
:data:`~.facets.FACETS`, never from the visitor.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from functools import cache

from django.db import connection
from django.db.models import BooleanField, ExpressionWrapper, F, Model, Q, TextField
from django.db.models.functions import Cast
from wagtail.models import Page

from apps.knowledge.models import SolutionPage
from apps.knowledge.search.facets import FACETS, SNIPPET_FACETS

#: The common table expression that holds the matches.
MATCHED = "kb_matched"

#: Its column with the solution's id (NULL for other pages).
SOLUTION = "kb_solution"

#: The row of the statement that holds the total, not a facet.
TOTAL = "_total"


@dataclass(frozen=True)
class SingleValued:
    """Where a facet with at most one value per solution is read from.

    ``column``: the matches' column (a solution's own field, or a foreign key's id);
    ``expression``: that column as seen from Page; ``related``: the model the foreign
    key points to and its field with the value, or None for an own field;
    ``own_page_field``: the column is Page's, so other pages have a value too.
    """

    column: str
    expression: F
    related: tuple[type[Model], str] | None
    own_page_field: bool


@cache
def single_valued(path: str) -> SingleValued | None:
    """How facet ``path`` (an ORM path on SolutionPage) is read, or None if a
    solution may have several values (a link table's rows). Kept: the models
    do not change while the process runs, and every search asks."""
    steps = path.split("__")
    field = SolutionPage._meta.get_field(steps[0])
    if field.one_to_many or field.many_to_many:
        return None
    own_page_field = field.model is Page
    if len(steps) == 1:
        name, related = field.attname, None
    elif len(steps) == 2 and field.many_to_one:
        name, related = field.attname, (field.related_model, steps[1])
    else:
        raise ValueError(f"facet path {path!r} is deeper than one foreign key")
    return SingleValued(
        column=f"kb_col_{name}",
        expression=F(name) if own_page_field else F(f"solutionpage__{name}"),
        related=related,
        own_page_field=own_page_field,
    )


def link_pairs(path: str) -> tuple[str, tuple]:
    """SQL for the (``kb_page``, ``kb_value``) rows of a many-valued facet, read
    from its link table alone (every page's rows; the matches narrow them)."""
    steps = path.split("__")
    field = SolutionPage._meta.get_field(steps[0])
    if field.one_to_many:
        link, page = field.related_model, field.field.attname
        value = "__".join(steps[1:])
    elif field.many_to_many:
        link = field.remote_field.through
        page = next(
            fk.attname
            for fk in link._meta.fields
            if fk.many_to_one and issubclass(SolutionPage, fk.related_model)
        )
        target = next(
            fk.name
            for fk in link._meta.fields
            if fk.many_to_one and fk.related_model is field.related_model
        )
        value = "__".join([target, *steps[1:]])
    else:
        raise ValueError(f"facet path {path!r} is single-valued")
    return (
        link.objects.order_by()
        .values(kb_page=F(page), kb_value=Cast(value, TextField()))
        .query.sql_with_params()
    )


def _flag(name: str) -> str:
    """The matches' column that says whether facet ``name``'s filter holds."""
    if name not in FACETS:
        raise ValueError(f"unknown facet {name!r}")
    return f"kb_in_{name}"


def _where(conditions: list[str]) -> str:
    return f" WHERE {' AND '.join(conditions)}" if conditions else ""


def _facet_part(
    name: str, path: str, relation: str, flags: list[str]
) -> tuple[str, tuple]:
    """Facet ``name``'s ``GROUP BY`` over the matches in ``relation`` whose
    ``flags`` hold: (SQL, parameters)."""
    quote = connection.ops.quote_name
    source = single_valued(path)
    key = f"{relation}.translation_key"
    if source is None:
        pairs_sql, pairs_params = link_pairs(path)
        return (
            f"SELECT %s, kb_pairs.kb_value, COUNT(DISTINCT {key})"  # noqa: S608
            f" FROM ({pairs_sql}) kb_pairs JOIN {relation}"
            f" ON {relation}.id = kb_pairs.kb_page{_where(flags)}"
            " GROUP BY kb_pairs.kb_value",
            (name, *pairs_params),
        )
    if source.own_page_field:
        # Other pages have a value of Page's own fields too; facets describe
        # solutions only.
        flags = [f"{relation}.{SOLUTION} IS NOT NULL", *flags]
    if source.related is None:
        value = f"{relation}.{source.column}"
        joined = ""
    else:
        model, field_name = source.related
        table = quote(model._meta.db_table)
        value = f"{table}.{quote(model._meta.get_field(field_name).column)}"
        joined = (
            f" JOIN {table} ON {table}.{quote(model._meta.pk.column)}"
            f" = {relation}.{source.column}"
        )
    return (
        f"SELECT %s, CAST({value} AS TEXT), COUNT(DISTINCT {key})"  # noqa: S608
        f" FROM {relation}{joined}{_where(flags)} GROUP BY {value}",
        (name,),
    )


def _columns() -> dict:
    """The matches' columns (as ``values()`` arguments): id, translation key,
    whether a solution, and where each single-valued facet is read from."""
    columns = {
        "kb_id": F("pk"),
        "kb_key": F("translation_key"),
        SOLUTION: F("solutionpage__page_ptr_id"),
    }
    for _label, path in FACETS.values():
        source = single_valued(path)
        if source is not None:
            columns[source.column] = source.expression
    return columns


def counts(
    matched, filters: dict[str, Q], *, split: bool = False
) -> tuple[dict[str, dict[str, int]], int]:
    """Solutions per facet value, each facet under the other facets' filters, and
    the total under every filter (solutions and other pages once each).

    ``matched``: the matching pages (a queryset of Page, possibly ranked);
    ``filters``: facet name -> the condition its selected values set on a page.

    Two shapes of the same counts. By default the matches are computed once with
    a boolean per filter, and every facet reads them: a text match runs once.
    ``split``: the matches are cheap to compute again (a browse, no text), so each
    selected facet counts its own query of the matches under the other filters,
    and the rest read the matches under every filter. A browse by one facet then
    reads every solution only for that facet's counts, and the database narrows
    everything else by the facet's index instead of carrying every solution
    through every count.
    """
    columns = _columns()
    names = ["id", "translation_key", *list(columns)[2:]]
    relations: list[tuple[str, object]] = []
    if split:
        relations.append((MATCHED, matched.filter(*filters.values())))
        relations += [
            (
                f"{MATCHED}_{name}",
                matched.filter(*(q for other, q in filters.items() if other != name)),
            )
            for name in filters
        ]
    else:
        flags = {
            _flag(name): ExpressionWrapper(q, output_field=BooleanField())
            for name, q in filters.items()
        }
        names += list(flags)
        relations.append((MATCHED, matched.annotate(**flags)))
        columns.update({flag: F(flag) for flag in flags})
    common: list[str] = []
    common_params: list = []
    for relation, queryset in relations:
        rows_sql, rows_params = (
            queryset.order_by().values(**columns).query.sql_with_params()
        )
        common.append(f"{relation} ({', '.join(names)}) AS ({rows_sql})")
        common_params += rows_params

    parts = []
    for name, (_label, path) in FACETS.items():
        if split:
            relation = f"{MATCHED}_{name}" if name in filters else MATCHED
            flags_held = []
        else:
            relation = MATCHED
            flags_held = [_flag(other) for other in filters if other != name]
        parts.append(_facet_part(name, path, relation, flags_held))
    every = [] if split else [_flag(name) for name in filters]
    parts.append(
        (
            f"SELECT %s, %s, COUNT(DISTINCT translation_key) FROM {MATCHED}"  # noqa: S608
            + _where(every),
            (TOTAL, ""),
        )
    )
    # Unparenthesised: SQLite takes no parentheses around a compound's parts, and
    # no part is ordered or sliced.
    union_sql = " UNION ALL ".join(sql for sql, _params in parts)
    union_params = [param for _sql, params in parts for param in params]
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH {', '.join(common)} {union_sql}",  # noqa: S608
            (*common_params, *union_params),
        )
        rows = cursor.fetchall()
    facet_counts: dict[str, dict[str, int]] = {name: {} for name in FACETS}
    total = 0
    for name, value, count in rows:
        if name == TOTAL:
            total = count
            continue
        if value in ("", None):
            # Solutions without a value.
            continue
        if name in SNIPPET_FACETS:
            # SQLite keeps UUIDs as 32 hex digits, PostgreSQL's text has dashes.
            value = str(uuid.UUID(value))
        facet_counts[name][value] = count
    return facet_counts, total
