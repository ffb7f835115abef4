"""The portal search: one function behind the search page and the JSON API.

:func:`search` takes the visitor's parameters (all of them GET parameters, so every
result list has a shareable address) and returns hits, facets with counts and
pagination. The engine does the work: on Elasticsearch and OpenSearch one request
(:mod:`.engine_query`: matches, facet counts as aggregations, one hit per solution,
paging, highlights), on the database backends SQL (:mod:`.database_query`). Both
return a :class:`Matches`; everything after that (labels, links, excerpts) is shared,
so the same content gives the same facets on every engine.

Cross-language: the query runs over every locale. Hits are grouped by
``translation_key`` (one entry per solution, not per language version) and each is
shown in the visitor's language where a live translation exists, else in the
language it was written in.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from wagtail.models import Page

from apps.knowledge import content_cache
from apps.knowledge.choices import Country, Phase, TransferPhase
from apps.knowledge.i18n import language_codes, native_name
from apps.knowledge.models import SolutionPage
from apps.knowledge.models.search import QUERY_MAX_LENGTH, ZeroResultQuery
from apps.knowledge.models.tags import translated_names
from apps.knowledge.portal import map as place_maps
from apps.knowledge.search import (
    database_query,
    engine,
    engine_query,
    spelling,
    synonyms,
)
from apps.knowledge.search.analysis import normalise_language
from apps.knowledge.search.database_query import live_pages
from apps.knowledge.search.facets import FACETS, SNIPPET_FACETS, Matches
from apps.knowledge.search.highlight import highlight
from apps.knowledge.search.localised import MAX_RESULT_WINDOW

logger = logging.getLogger(__name__)

RESULTS_PER_PAGE = 12
#: The last page a search may ask for; a later one shows the last page of its
#: results, as any page past them does. Keeps the offset within the engines'
#: result window and the databases' integers.
MAX_PAGE = MAX_RESULT_WINDOW // RESULTS_PER_PAGE
SORTS = ("relevance", "date")

__all__ = [
    "FACETS",
    "RESULTS_PER_PAGE",
    "SORTS",
    "SearchParams",
    "live_pages",
    "search",
]

#: C0 and C1 control characters, DEL: replaced by spaces in a query.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f]")

#: Every GET parameter SearchParams.from_query_dict reads.
QUERY_PARAMETERS = ("q", "sort", "page", *FACETS)


@dataclass(frozen=True)
class SearchParams:
    """What the visitor asked for, read from GET parameters."""

    q: str = ""
    filters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    #: The query was longer than QUERY_MAX_LENGTH and was cut (the page says so).
    shortened: bool = False

    @classmethod
    def from_query_dict(cls, data) -> SearchParams:
        filters = {
            name: tuple(dict.fromkeys(v for v in data.getlist(name) if v.strip()))
            for name in FACETS
        }
        sort = data.get("sort", "relevance")
        try:
            page = min(max(1, int(data.get("page", 1))), MAX_PAGE)
        except ValueError:
            page = 1
        # Control characters are no words (and break spreadsheets later).
        text = " ".join(CONTROL_CHARACTERS.sub(" ", data.get("q", "")).split())
        return cls(
            q=text[:QUERY_MAX_LENGTH].strip(),
            shortened=len(text) > QUERY_MAX_LENGTH,
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
    #: Every result (not only this page's) that has a place, as the visitor's
    #: version where one exists, for the map; only when the search asked for it.
    places: list = field(default_factory=list)


def search(
    params: SearchParams,
    language: str,
    *,
    request=None,
    record: bool = True,
    backend=None,
    places: bool = False,
) -> SearchOutcome:
    """Run a portal search for a visitor reading ``language``.

    ``backend`` overrides the configured engine (relevance measurements compare
    engines); ``record=False`` keeps the search out of the zero-result log;
    ``places``: also the places of every result for the map
    (:attr:`SearchOutcome.places`), found by the same engine request or query.
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
    found, backend = _run(
        params, params.q, groups, backend, language, outcome, located=places
    )
    if params.q and not found.total and len(params.q.split()) > 1:
        # No page has every word: rank the pages that have some of them.
        found, backend = _run(
            params,
            params.q,
            groups,
            backend,
            language,
            outcome,
            operator="or",
            located=places,
        )
        outcome.matched_some_words = bool(found.total)
    if params.q and not found.total:
        correction = spelling.correct(params.q, language)
        if correction:
            outcome.corrected_query = correction
            found, backend = _run(
                params, correction, groups, backend, language, outcome, located=places
            )
    outcome.facets = _facets(params, found.facet_counts, language)
    paginator = Paginator(_ResultIds(found, params.page), RESULTS_PER_PAGE)
    outcome.page = paginator.get_page(params.page)
    if outcome.page.number != params.page and found.total:
        # Past the last page: show the last one, as Django's paginator does.
        last = replace(params, page=outcome.page.number)
        found, backend = _run(
            last,
            outcome.corrected_query or params.q,
            groups,
            backend,
            language,
            outcome,
            operator="or" if outcome.matched_some_words else "and",
            located=places,
        )
        outcome.page = Paginator(
            _ResultIds(found, last.page), RESULTS_PER_PAGE
        ).get_page(last.page)
    outcome.total = found.total
    if found.located:
        outcome.places = list(
            place_maps.located(SolutionPage.objects.filter(pk__in=found.located))
        )
    terms = synonyms.all_terms(outcome.corrected_query or params.q, groups)
    outcome.hits = _hits(
        list(outcome.page.object_list), language, terms, request, found.excerpts
    )
    # Narrowing by facets to nothing is no gap in the content; later pages would
    # count the same search twice.
    gap = params.q and not outcome.total and not params.filters and params.page == 1
    if record and gap:
        ZeroResultQuery.record(params.q, language)
    return outcome


class _ResultIds:
    """The result list as Django's paginator sees it: its length is the total, and
    only the requested page's ids are known (the engine sent only those)."""

    def __init__(self, found: Matches, page: int) -> None:
        self.found = found
        self.offset = (page - 1) * RESULTS_PER_PAGE

    def __len__(self) -> int:
        return self.found.total

    def __getitem__(self, index: slice) -> list[int]:
        start = (index.start or 0) - self.offset
        stop = (index.stop or self.found.total) - self.offset
        return self.found.ids[max(start, 0) : max(stop, 0)]


def _run(
    params, text, groups, backend, language, outcome, operator="and", located=False
):
    """Matches from the engine, or from the database index if the engine fails.

    Any engine error (unreachable, a missing or closed index, 429/5xx, a timeout,
    a query the engine refuses) falls back to the database search, is logged and
    shown to the admins (:mod:`.engine`).
    """
    options = {
        "operator": operator,
        "per_page": RESULTS_PER_PAGE,
        "located": located,
    }
    if engine.is_elasticsearch(backend):
        try:
            found = engine_query.run(params, text, groups, backend, language, **options)
            return found, backend
        except engine_query.ENGINE_ERRORS as error:
            backend = engine.fall_back(backend, error)
            outcome.engine_name = engine.backend_name(backend)
            outcome.used_fallback = True
    found = database_query.run(params, text, groups, backend, language, **options)
    return found, backend


def _facets(params, facet_counts, language: str) -> list[Facet]:
    """The facets with labels in the visitor's language and toggle links."""
    facets = []
    for name, (label, _path) in FACETS.items():
        counts = dict(facet_counts.get(name, {}))
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

    if name in SNIPPET_FACETS or name == "tag":
        labels = _cached_labels(name, counts.keys(), language)
        values = [
            (*labels[key], count) for key, count in counts.items() if key in labels
        ]
    elif name == "phase":
        values = [(v, Phase(v).label, c) for v, c in counts.items() if v in Phase]
    elif name == "transfer":
        values = [
            (v, TransferPhase(v).label, c)
            for v, c in counts.items()
            if v in TransferPhase
        ]
    elif name == "country":
        values = [(v, Country(v).label, c) for v, c in counts.items() if v in Country]
    elif name == "language":
        # A selected value from the address may be any text, not a language.
        known = language_codes()
        values = [(v, native_name(v), c) for v, c in counts.items() if v in known]
    else:
        values = [(v, v, c) for v, c in counts.items()]
    return sorted(values, key=lambda item: (-item[2], str(item[1]).casefold()))


def _cached_labels(name: str, keys, language: str) -> dict[str, tuple[str, str]]:
    """{facet key: (GET value, label)} of snippet and tag facets, kept until the
    content changes: the same result list asks for the same labels."""
    keys = sorted(keys)
    if not keys:
        return {}
    digest = hashlib.sha1("\x1f".join(keys).encode(), usedforsecurity=False)
    # Names of snippets and tags: retired with everything when one is saved.
    return content_cache.remember_tagged(
        "facet-labels",
        lambda: _query_labels(name, keys, language),
        name,
        language,
        digest.hexdigest(),
    )


def _query_labels(name: str, keys: list[str], language: str):
    if name == "tag":
        tags = _tag_facet_values(dict.fromkeys(keys, 0), language)
        return {slug: (slug, label) for slug, label, _count in tags}
    labels: dict[str, tuple[str, str]] = {}
    # Live names only: a translation awaiting review is labelled in German.
    rows = (
        SNIPPET_FACETS[name]
        .objects.filter(translation_key__in=keys, live=True)
        .values_list("translation_key", "slug", "name", "locale__language_code")
    )
    for key, slug, label, code in rows:
        if str(key) not in labels or code == language:
            labels[str(key)] = (slug, label)
    return labels


def _tag_facet_values(
    counts: dict[str, int], language: str
) -> list[tuple[str, str, int]]:
    """Tags by their canonical slug, named in the visitor's language; two queries."""
    from taggit.models import Tag

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


def _hits(
    ids: list[int], language: str, terms: list[str], request, excerpts: dict[int, str]
) -> list[Hit]:
    pages = {page.pk: page for page in Page.objects.filter(pk__in=ids).specific()}
    # The teaser images the results show, with their renditions: two queries for
    # the page, none when no hit has an image.
    illustrated = [page for page in pages.values() if getattr(page, "image_id", None)]
    prefetch_related_objects(illustrated, "image__renditions")
    locales = {locale.pk: locale for locale in content_cache.locales().values()}
    hits = []
    for pk in ids:
        page = pages[pk]
        locale = locales.get(page.locale_id)
        if locale is not None:
            # The kept locale: the results' map and labels read it without a query.
            page.locale = locale
        code = normalise_language(locale.language_code if locale else None)
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
                excerpt=excerpts.get(pk) or highlight(text, terms),
                language=code,
                in_visitor_language=code == language,
                kind=str(page.get_verbose_name()),
            )
        )
    return hits


def _strip(html: str) -> str:
    from django.utils.html import strip_tags

    return " ".join(strip_tags(html or "").split())[:400]
