"""The portal search: one function behind the search page and the JSON API.

:func:`search` takes the visitor's parameters (all of them GET parameters, so every
result list has a shareable address) and returns hits, facets with counts and
pagination. It works on whichever engine ``WAGTAILSEARCH_BACKENDS`` names, through
Wagtail's search API; facets are counted with the ORM on the matching ids, so they
are the same on every engine.

Cross-language: the query runs over every locale. Hits are grouped by
``translation_key`` (one entry per solution, not per language version) and each is
shown in the visitor's language where a live translation exists, else in the
language it was written in.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page

from apps.knowledge.choices import Country, Phase
from apps.knowledge.models import FieldOfAction, Organisation, SolutionPage
from apps.knowledge.models.search import QUERY_MAX_LENGTH, ZeroResultQuery
from apps.knowledge.search import engine, spelling, synonyms
from apps.knowledge.search.analysis import normalise_language
from apps.knowledge.search.highlight import highlight
from apps.knowledge.visibility import visible

logger = logging.getLogger(__name__)

RESULTS_PER_PAGE = 12
SORTS = ("relevance", "date")

#: Facet name (the GET parameter) -> (label, ORM path on SolutionPage).
#: Snippet facets are counted by translation key, so a field of action counts once
#: whatever the language of the solution.
FACETS: dict[str, tuple[str, str]] = {
    "field": (
        _("Field of action"),
        "fields_of_action__field_of_action__translation_key",
    ),
    "phase": (_("Phase"), "phase"),
    "organisation": (_("Organisation"), "lead_organisation__translation_key"),
    "country": (_("Country"), "lead_organisation__country"),
    "municipality": (_("Municipality"), "municipality"),
    "tag": (_("Tag"), "tags__slug"),
    "language": (_("Language"), "locale__language_code"),
}
SNIPPET_FACETS = {"field": FieldOfAction, "organisation": Organisation}
#: Every GET parameter SearchParams.from_query_dict reads.
QUERY_PARAMETERS = ("q", "sort", "page", *FACETS)


@dataclass(frozen=True)
class SearchParams:
    """What the visitor asked for, read from GET parameters."""

    q: str = ""
    filters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1

    @classmethod
    def from_query_dict(cls, data) -> SearchParams:
        filters = {
            name: tuple(dict.fromkeys(v for v in data.getlist(name) if v.strip()))
            for name in FACETS
        }
        sort = data.get("sort", "relevance")
        try:
            page = max(1, int(data.get("page", 1)))
        except ValueError:
            page = 1
        return cls(
            q=" ".join(data.get("q", "").split())[:QUERY_MAX_LENGTH],
            filters={name: values for name, values in filters.items() if values},
            sort=sort if sort in SORTS else "relevance",
            page=page,
        )

    @property
    def is_empty(self) -> bool:
        return not self.q and not self.filters

    def as_pairs(self, **changes) -> list[tuple[str, str]]:
        """The parameters as (name, value) pairs, with ``changes`` applied."""
        state = {
            "q": self.q,
            **{name: list(values) for name, values in self.filters.items()},
            "sort": self.sort if self.sort != "relevance" else "",
        }
        state.update(changes)
        pairs = []
        for name, value in state.items():
            for item in value if isinstance(value, list) else [value]:
                if item:
                    pairs.append((name, str(item)))
        return pairs

    def toggled(self, facet: str, value: str) -> str:
        """The query string with ``value`` of ``facet`` switched on or off."""
        selected = list(self.filters.get(facet, ()))
        if value in selected:
            selected.remove(value)
        else:
            selected.append(value)
        return "?" + urlencode(self.as_pairs(**{facet: selected}))


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool
    toggle_url: str


@dataclass
class Facet:
    name: str
    label: str
    values: list[FacetValue]


@dataclass
class Hit:
    """One solution or page in the results, in the language it is shown in."""

    page: Page
    title: str
    url: str
    excerpt: str
    language: str
    in_visitor_language: bool
    kind: str


@dataclass
class SearchOutcome:
    params: SearchParams
    language: str
    hits: list[Hit]
    page: PaginatorPage | None
    total: int
    facets: list[Facet]
    corrected_query: str = ""
    matched_some_words: bool = False
    engine_name: str = ""
    used_fallback: bool = False


def search(
    params: SearchParams,
    language: str,
    *,
    request=None,
    record: bool = True,
    backend=None,
) -> SearchOutcome:
    """Run a portal search for a visitor reading ``language``.

    ``backend`` overrides the configured engine (relevance measurements compare
    engines); ``record=False`` keeps the search out of the zero-result log.
    """
    language = normalise_language(language)
    if backend is None:
        backend, used_fallback = engine.portal_backend()
    else:
        used_fallback = False
    outcome = SearchOutcome(
        params=params,
        language=language,
        hits=[],
        page=None,
        total=0,
        facets=[],
        engine_name=engine.backend_name(backend),
        used_fallback=used_fallback,
    )
    if params.is_empty:
        return outcome
    groups = synonyms.synonym_groups() if params.q else []
    ordered = _matching_keys(params, params.q, groups, backend)
    if params.q and not ordered and len(params.q.split()) > 1:
        # No page has every word: rank the pages that have some of them.
        ordered = _matching_keys(params, params.q, groups, backend, operator="or")
        outcome.matched_some_words = bool(ordered)
    if params.q and not ordered:
        correction = spelling.correct(params.q, language)
        if correction:
            outcome.corrected_query = correction
            ordered = _matching_keys(params, correction, groups, backend)
    shown = _shown_versions(ordered, language)
    solutions = SolutionPage.objects.filter(pk__in=shown.values())
    result_ids = _apply_filters(params, solutions, shown)
    outcome.facets = _facets(params, solutions, language)
    if params.sort == "date":
        dates = dict(
            Page.objects.filter(pk__in=result_ids).values_list(
                "pk", "last_published_at"
            )
        )
        # Pages never published through the admin (imports) have no date: last.
        result_ids.sort(key=lambda pk: (dates[pk] is not None, dates[pk]), reverse=True)
    paginator = Paginator(result_ids, RESULTS_PER_PAGE)
    outcome.page = paginator.get_page(params.page)
    outcome.total = paginator.count
    terms = synonyms.all_terms(outcome.corrected_query or params.q, groups)
    outcome.hits = _hits(list(outcome.page.object_list), language, terms, request)
    # Narrowing by facets to nothing is no gap in the content; later pages would
    # count the same search twice.
    gap = params.q and not outcome.total and not params.filters and params.page == 1
    if record and gap:
        ZeroResultQuery.record(params.q, language)
    return outcome


def live_pages() -> QuerySet[Page]:
    """Every page a visitor may see: live, public, not the tree root (nor expired
    or below an unpublished page, :mod:`apps.knowledge.visibility`)."""
    return visible(Page.objects).filter(depth__gt=1)


def _matching_keys(
    params, text, groups, backend, operator: str = "and"
) -> list[tuple[str, int]]:
    """(translation key, page id) of the matches, best first, one per key."""
    pages = live_pages()
    if params.filters:
        # Facets describe solutions; other pages cannot satisfy them.
        pages = pages.type(SolutionPage)
    if text:
        query = engine.build_query(text, groups, backend, operator)
        rows = backend.search(query, pages.only("pk", "translation_key", "locale_id"))
    else:
        rows = pages.only("pk", "translation_key", "locale_id").order_by(
            "-last_published_at"
        )
    seen: dict[str, int] = {}
    for row in rows:
        seen.setdefault(str(row.translation_key), row.pk)
    return list(seen.items())


def _shown_versions(ordered: list[tuple[str, int]], language: str) -> dict[str, int]:
    """For each key, the page shown: the visitor's translation, else the match."""
    if not ordered:
        return {}
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
    path = FACETS[name][1]
    if name in SNIPPET_FACETS:
        model = SNIPPET_FACETS[name]
        values = tuple(
            str(key)
            for key in model.objects.filter(slug__in=values).values_list(
                "translation_key", flat=True
            )
        )
    return Q(**{f"{path}__in": values})


def _apply_filters(params, solutions, shown: dict[str, int]) -> list[int]:
    """The ids shown, in match order, narrowed by every selected facet."""
    ordered_ids = list(shown.values())
    if not params.filters:
        return ordered_ids
    narrowed = solutions
    for name, values in params.filters.items():
        narrowed = narrowed.filter(_filter_q(name, values))
    allowed = set(narrowed.values_list("pk", flat=True))
    return [pk for pk in ordered_ids if pk in allowed]


def _facets(params, solutions, language: str) -> list[Facet]:
    """Counts per facet value; each facet counts under the other facets' filters."""
    facets = []
    for name, (label, path) in FACETS.items():
        narrowed = solutions
        for other, values in params.filters.items():
            if other != name:
                narrowed = narrowed.filter(_filter_q(other, values))
        rows = (
            narrowed.exclude(**{f"{path}__isnull": True})
            .order_by()
            .values_list(path)
            .annotate(n=Count("pk", distinct=True))
            .values_list(path, "n")
        )
        counts = {str(value): count for value, count in rows if value not in ("", None)}
        selected = params.filters.get(name, ())
        if name not in SNIPPET_FACETS:
            for value in selected:
                counts.setdefault(value, 0)
        values = _facet_values(name, counts, language)
        # A selected value stays visible (to switch it off) even with no matches.
        for value in selected:
            if value not in {v for v, _label, _count in values}:
                values.append((value, value, 0))
        facets.append(
            Facet(
                name=name,
                label=str(label),
                values=[
                    FacetValue(
                        value=value,
                        label=str(value_label),
                        count=count,
                        selected=value in selected,
                        toggle_url=params.toggled(name, value),
                    )
                    for value, value_label, count in values
                ],
            )
        )
    return facets


def _facet_values(
    name: str, counts: dict[str, int], language: str
) -> list[tuple[str, str, int]]:
    """(GET value, label in the visitor's language, count), most frequent first."""
    from apps.knowledge.i18n import language_codes, native_name

    if name in SNIPPET_FACETS:
        model = SNIPPET_FACETS[name]
        labels: dict[str, tuple[str, str]] = {}
        # Live names only: a translation awaiting review is labelled in German.
        rows = model.objects.filter(
            translation_key__in=counts.keys(), live=True
        ).values_list("translation_key", "slug", "name", "locale__language_code")
        for key, slug, label, code in rows:
            if str(key) not in labels or code == language:
                labels[str(key)] = (slug, label)
        values = [
            (*labels[key], count) for key, count in counts.items() if key in labels
        ]
    elif name == "phase":
        values = [(v, Phase(v).label, c) for v, c in counts.items() if v in Phase]
    elif name == "country":
        values = [(v, Country(v).label, c) for v, c in counts.items() if v in Country]
    elif name == "language":
        # A selected value from the address may be any text, not a language.
        known = language_codes()
        values = [(v, native_name(v), c) for v, c in counts.items() if v in known]
    elif name == "tag":
        values = _tag_facet_values(counts, language)
    else:
        values = [(v, v, c) for v, c in counts.items()]
    return sorted(values, key=lambda item: (-item[2], str(item[1]).casefold()))


def _tag_facet_values(
    counts: dict[str, int], language: str
) -> list[tuple[str, str, int]]:
    """Tags by their canonical slug, named in the visitor's language; two queries."""
    from taggit.models import Tag

    from apps.knowledge.models.tags import translated_names

    tags = {
        slug: (pk, name)
        for slug, pk, name in Tag.objects.filter(slug__in=counts.keys()).values_list(
            "slug", "pk", "name"
        )
    }
    names = translated_names((pk for pk, _name in tags.values()), language)
    return [
        (slug, names.get(tags[slug][0], tags[slug][1]), count)
        for slug, count in counts.items()
        if slug in tags
    ]


def _hits(ids: list[int], language: str, terms: list[str], request) -> list[Hit]:
    pages = {page.pk: page for page in Page.objects.filter(pk__in=ids).specific()}
    codes = dict(Locale.objects.values_list("pk", "language_code"))
    hits = []
    for pk in ids:
        page = pages[pk]
        code = normalise_language(codes.get(page.locale_id))
        text = (
            getattr(page, "teaser", "")
            or page.search_description
            or _strip(getattr(page, "intro", ""))
        )
        hits.append(
            Hit(
                page=page,
                title=page.title,
                url=page.get_url(request) or "",
                excerpt=highlight(text, terms),
                language=code,
                in_visitor_language=code == language,
                kind=str(page.get_verbose_name()),
            )
        )
    return hits


def _strip(html: str) -> str:
    from django.utils.html import strip_tags

    return " ".join(strip_tags(html or "").split())[:400]
