"""A portal search on the database backends (SQLite FTS5, PostgreSQL full text).

Returns the same :class:`~.facets.Matches` as the engine query. The text match comes
from the database search backend; filters, facet counts (distinct solutions, each
facet under the other facets' filters) and paging are done with the ORM.
"""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from wagtail.models import Locale, Page

from apps.knowledge.models import SolutionPage
from apps.knowledge.search import engine
from apps.knowledge.search.facets import FACETS, Matches, filter_values
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
) -> Matches:
    """Search ``text`` (may be empty: browse by facets) under ``params``' filters."""
    matched = _matching(params, text, groups, backend, operator)
    stored = filter_values(params.filters)
    solutions = SolutionPage.objects.filter(pk__in=[pk for _key, pk in matched])
    facet_counts = _facet_counts(stored, solutions)
    if stored:
        narrowed = solutions
        for name, values in stored.items():
            narrowed = narrowed.filter(_filter_q(name, values))
        allowed = set(narrowed.values_list("pk", flat=True))
        matched = [(key, pk) for key, pk in matched if pk in allowed]
    if params.sort == "date" and text:
        dates = dict(
            Page.objects.filter(pk__in=[pk for _key, pk in matched]).values_list(
                "pk", "last_published_at"
            )
        )
        # Pages never published through the admin (imports) have no date: last.
        matched.sort(
            key=lambda row: (dates[row[1]] is not None, dates[row[1]]), reverse=True
        )
    ordered: dict[str, int] = {}
    for key, pk in matched:
        ordered.setdefault(key, pk)
    start = (params.page - 1) * per_page
    page_rows = list(ordered.items())[start : start + per_page]
    shown = shown_versions(page_rows, language, stored.get("language"))
    return Matches(
        ids=list(shown.values()), total=len(ordered), facet_counts=facet_counts
    )


def _matching(
    params, text, groups, backend, operator: str = "and"
) -> list[tuple[str, int]]:
    """(translation key, page id) of every matching version, best first."""
    pages = live_pages()
    if params.filters:
        # Facets describe solutions; other pages cannot satisfy them.
        pages = pages.type(SolutionPage)
    if text:
        query = engine.build_query(text, groups, backend, operator)
        rows = backend.search(query, pages.only("pk", "translation_key", "locale_id"))
    else:
        rows = pages.only("pk", "translation_key", "locale_id").order_by(
            "-last_published_at", "pk"
        )
    return [(str(row.translation_key), row.pk) for row in rows]


def shown_versions(
    ordered: list[tuple[str, int]],
    language: str,
    languages: tuple[str, ...] | None = None,
) -> dict[str, int]:
    """For each key, the page shown: the visitor's translation, else the match.

    With a language facet selected, the visitor's translation is shown only if its
    language is one of those selected.
    """
    if not ordered or (languages and language not in languages):
        return dict(ordered)
    locale = Locale.objects.filter(language_code=language).first()
    keys = [key for key, _pk in ordered]
    translated = {}
    if locale:
        translated = {
            str(key): pk
            for key, pk in live_pages()
            .filter(locale=locale, translation_key__in=keys)
            .values_list("translation_key", "pk")
        }
    return {key: translated.get(key, pk) for key, pk in ordered}


def _filter_q(name: str, values: tuple[str, ...]) -> Q:
    return Q(**{f"{FACETS[name][1]}__in": values})


def _facet_counts(stored, solutions) -> dict[str, dict[str, int]]:
    """Solutions per facet value, each facet under the other facets' filters.

    A solution counts once per value, whichever of its language versions matched.
    """
    counts: dict[str, dict[str, int]] = {}
    for name, (_label, path) in FACETS.items():
        narrowed = solutions
        for other, values in stored.items():
            if other != name:
                narrowed = narrowed.filter(_filter_q(other, values))
        rows = (
            narrowed.exclude(**{f"{path}__isnull": True})
            .order_by()
            .values_list(path)
            .annotate(n=Count("translation_key", distinct=True))
            .values_list(path, "n")
        )
        counts[name] = {
            str(value): count for value, count in rows if value not in ("", None)
        }
    return counts
