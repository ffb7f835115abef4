"""The reuse graph as visitors see it: confirmed adoptions and derivations, in the
visitor's language, for the solution page, the organisation page, the API, the map
and the figures.

Only confirmed relations (``Reuse.objects.confirmed()``) between things a visitor
may see count: a visible solution (``apps.knowledge.visibility``) and a live
organisation. Solutions are shown in the asked language where translated, else in
German, else in any language (``localize_keys``); organisations likewise.

Cached pages: the solution page's fragments carry its page tag; the organisation
page notes :func:`organisation_tag` while it lists its adoptions. Saving or
deleting a relation (a proposal confirmed or declined, an admin deleting it)
retires both (``apps.knowledge.portal.reuse_cache``), so a confirmation shows at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import Prefetch
from wagtail.models import Locale

from apps.knowledge import content_cache
from apps.knowledge.models import Organisation, SolutionPage
from apps.knowledge.models.relations import localize_keys
from apps.knowledge.models.reuse import Reuse, ReuseChanges
from apps.knowledge.visibility import visible


@dataclass(frozen=True)
class ShownAdoption:
    """One confirmed adoption as a visitor sees it, in their language."""

    solution: SolutionPage
    organisation: Organisation
    since: date | None
    changes: str
    #: The language ``changes`` is written in ("" if there are none).
    changes_language: str
    municipality: str
    latitude: float | None
    longitude: float | None
    #: The adopter lies in another country than the solution's lead organisation.
    cross_border: bool


def organisation_tag(translation_key) -> str:
    """The tag of an organisation's page in every language."""
    return f"organisation:{translation_key}"


def _locale(language: str | Locale | None) -> Locale:
    if isinstance(language, Locale):
        return language
    return (
        content_cache.locale_for(language or settings.LANGUAGE_CODE)
        or content_cache.default_locale()
    )


def _organisations(keys: Iterable, locale: Locale) -> dict:
    """{translation key: live organisation in ``locale``, else German, else any}."""
    default = content_cache.default_locale()
    best: dict = {}
    for organisation in Organisation.objects.filter(
        translation_key__in=set(keys), live=True
    ).select_related("locale"):
        rank = (
            0
            if organisation.locale_id == locale.pk
            else (1 if organisation.locale_id == default.pk else 2)
        )
        current = best.get(organisation.translation_key)
        if current is None or rank < current[0]:
            best[organisation.translation_key] = (rank, organisation)
    return {key: organisation for key, (_rank, organisation) in best.items()}


def _confirmed_adoptions():
    return (
        Reuse.objects.confirmed()
        .adoptions()
        .select_related("organisation")
        .prefetch_related(Prefetch("changes", ReuseChanges.objects.all()))
    )


def _decimal(value) -> float | None:
    return float(value) if value is not None else None


def _shown(reuses, solutions: dict, locale: Locale) -> list[ShownAdoption]:
    """The adoptions among ``reuses`` whose solution (in ``solutions``, by key) and
    organisation a visitor may see."""
    reuses = list(reuses)
    if not reuses:
        return []
    organisations = _organisations(
        (reuse.organisation.translation_key for reuse in reuses), locale
    )
    lead_countries = dict(
        Organisation.objects.filter(
            pk__in={page.lead_organisation_id for page in solutions.values()}
        ).values_list("pk", "country")
    )
    shown = []
    for reuse in reuses:
        solution = solutions.get(reuse.solution_key)
        organisation = organisations.get(reuse.organisation.translation_key)
        if solution is None or organisation is None:
            continue
        changes, changes_language = reuse.changes_in(locale.language_code)
        lead_country = lead_countries.get(solution.lead_organisation_id)
        shown.append(
            ShownAdoption(
                solution=solution,
                organisation=organisation,
                since=reuse.since,
                changes=changes,
                changes_language=changes_language,
                municipality=reuse.municipality,
                latitude=_decimal(reuse.latitude),
                longitude=_decimal(reuse.longitude),
                cross_border=bool(lead_country)
                and organisation.country != lead_country,
            )
        )
    return shown


def adoptions_of(page: SolutionPage) -> list[ShownAdoption]:
    """Who adopted ``page`` (any language version), in ``page``'s language."""
    content_cache.note(content_cache.page_tag(page))
    reuses = _confirmed_adoptions().filter(solution_key=page.translation_key)
    return _shown(reuses, {page.translation_key: page}, page.locale)


def adoptions_by(organisation: Organisation, language=None) -> list[ShownAdoption]:
    """The visible solutions ``organisation`` (any language version) adopted, in
    ``language`` (default: the organisation's)."""
    content_cache.note(organisation_tag(organisation.translation_key))
    locale = _locale(language) if language else organisation.locale
    reuses = list(
        _confirmed_adoptions().filter(
            organisation__translation_key=organisation.translation_key
        )
    )
    solutions = localize_keys(
        SolutionPage, [reuse.solution_key for reuse in reuses], locale
    )
    return _shown(reuses, {page.translation_key: page for page in solutions}, locale)


def derived_from(page: SolutionPage) -> list[SolutionPage]:
    """The visible solutions ``page`` builds on, in its language."""
    keys = (
        Reuse.objects.confirmed()
        .derivations()
        .filter(derived_key=page.translation_key)
        .values_list("solution_key", flat=True)
    )
    return localize_keys(SolutionPage, keys, page.locale)


def built_on_by(page: SolutionPage) -> list[SolutionPage]:
    """The visible solutions that build on ``page``, in its language."""
    keys = (
        Reuse.objects.confirmed()
        .derivations()
        .filter(solution_key=page.translation_key)
        .values_list("derived_key", flat=True)
    )
    return localize_keys(SolutionPage, keys, page.locale)


# -- the map and the figures ---------------------------------------------------------


def adoption_map_features(solution_pages: Iterable, language: str) -> list[dict]:
    """Map points of the confirmed adoptions of ``solution_pages`` that give a
    place: the solution's title and address (in ``language``) at the adopter's
    coordinates. Keys: title, url, place, lat, lon, language (the page's), kind
    ("adoption")."""
    pages = {page.translation_key: page for page in solution_pages}
    if not pages:
        return []
    # Most maps show no adoption: one query to know, before any other.
    reuses = list(
        _confirmed_adoptions()
        .filter(
            solution_key__in=list(pages),
            latitude__isnull=False,
            longitude__isnull=False,
        )
        .order_by("pk")
    )
    if not reuses:
        return []
    locale = _locale(language)
    solutions = {
        page.translation_key: page
        for page in localize_keys(SolutionPage, list(pages), locale)
    }
    features = []
    for adoption in _shown(reuses, solutions, locale):
        place = adoption.organisation.name
        if adoption.municipality and adoption.municipality not in place:
            place = f"{place}, {adoption.municipality}"
        features.append(
            {
                "title": adoption.solution.title,
                "url": adoption.solution.url,
                "place": place,
                "lat": adoption.latitude,
                "lon": adoption.longitude,
                "language": adoption.solution.locale.language_code,
                "kind": "adoption",
            }
        )
    return features


def reuse_figures(locale=None) -> dict:
    """Counts of confirmed reuse between visible solutions and live organisations:
    ``adoptions`` in total, of which ``cross_border_adoptions`` (the adopter's
    country differs from that of the solution's lead organisation) and
    ``domestic_adoptions``, and ``derivations``.

    A relation holds for every language version, so the counts are the same in
    every language; ``locale`` (a Locale or language code) decides which version's
    lead organisation is read where they differ.
    """
    locale = _locale(locale)
    pages = localize_keys(
        SolutionPage,
        visible(SolutionPage.objects).values_list("translation_key", flat=True),
        locale,
    )
    solutions = {page.translation_key: page for page in pages}
    adoptions = _shown(
        _confirmed_adoptions().filter(solution_key__in=list(solutions)),
        solutions,
        locale,
    )
    cross_border = sum(1 for adoption in adoptions if adoption.cross_border)
    derivations = (
        Reuse.objects.confirmed()
        .derivations()
        .filter(solution_key__in=list(solutions), derived_key__in=list(solutions))
        .count()
    )
    return {
        "adoptions": len(adoptions),
        "cross_border_adoptions": cross_border,
        "domestic_adoptions": len(adoptions) - cross_border,
        "derivations": derivations,
    }
