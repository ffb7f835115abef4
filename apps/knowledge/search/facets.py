"""The portal search's facets, and what each engine hands back for one search.

Shared by the engine query (:mod:`.engine_query`), the database query
(:mod:`.database_query`) and the service that turns either into a results page
(:mod:`.service`), so both engines count the same values in the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from apps.knowledge.models import FieldOfAction, Organisation, SolutionPage

#: Facet name (the GET parameter) -> (label, ORM path on SolutionPage).
#: Snippet facets are counted by translation key, so a field of action counts once
#: whatever the language of the solution.
FACETS: dict[str, tuple[str, str]] = {
    "field": (
        _("Field of action"),
        "fields_of_action__field_of_action__translation_key",
    ),
    "phase": (_("Phase"), "phase"),
    # The solution's phase in the Smart Cities transfer criteria (how ready it is
    # for another municipality), apps/knowledge/models/readiness.py.
    "transfer": (_("Transfer phase"), "transfer_phase"),
    "organisation": (_("Organisation"), "lead_organisation__translation_key"),
    "country": (_("Country"), "lead_organisation__country"),
    "municipality": (_("Municipality"), "municipality"),
    "tag": (_("Tag"), "tags__slug"),
    "language": (_("Language"), "locale__language_code"),
}
SNIPPET_FACETS = {"field": FieldOfAction, "organisation": Organisation}


@dataclass
class Matches:
    """One page of results and the facet counts, as an engine computed them.

    ``ids`` are the pages to show on the requested results page, one per solution,
    best first; ``total`` counts the solutions (and other pages) under every
    selected filter; ``facet_counts`` maps a facet to {value: solutions}, each facet
    counted under the other facets' filters. Values are translation keys for the
    snippet facets, else the stored value. ``excerpts`` are highlighted fragments
    by page id where the engine made them. ``located``: the page to link to of
    every result (every results page, under every filter) that has a place, for
    the map; None where it was not asked for.
    """

    ids: list[int]
    total: int
    facet_counts: dict[str, dict[str, int]]
    excerpts: dict[int, str] = field(default_factory=dict)
    located: list[int] | None = None


def filter_values(filters: Mapping[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """The selected values as stored: snippet slugs become translation keys.

    One query per selected snippet facet; unknown slugs leave an empty selection,
    which matches nothing (never an invalid key sent to the database).
    """
    stored: dict[str, tuple[str, ...]] = {}
    for name, values in filters.items():
        if name in SNIPPET_FACETS:
            keys = (
                SNIPPET_FACETS[name]
                .objects.filter(slug__in=values)
                .values_list("translation_key", flat=True)
            )
            # No known slug: an empty selection, which matches nothing.
            stored[name] = tuple(sorted({str(key) for key in keys}))
        else:
            stored[name] = tuple(values)
    return stored


def facet_values(obj, locale_codes: dict[int, str]) -> dict[str, list[str]]:
    """The values a solution is counted under, as the search index stores them.

    Read from the page's own relations (modelsearch prefetches the tags; the rest
    are a few small queries per solution when it is indexed). Other page types
    have no facet values.
    """

    if not isinstance(obj, SolutionPage):
        return {}
    organisation = obj.lead_organisation if obj.lead_organisation_id else None
    values = {
        "field": [
            str(link.field_of_action.translation_key)
            # Prefetched by SolutionPage.get_indexed_objects when indexing in bulk.
            for link in obj.fields_of_action.all()
        ],
        "phase": [obj.phase] if obj.phase else [],
        "transfer": [obj.transfer_phase] if obj.transfer_phase else [],
        "organisation": [str(organisation.translation_key)] if organisation else [],
        "country": [organisation.country]
        if organisation and organisation.country
        else [],
        "municipality": [obj.municipality] if obj.municipality else [],
        "tag": [tag.slug for tag in obj.tags.all()],
        "language": [locale_codes.get(obj.locale_id, "")] if obj.locale_id else [],
    }
    return {name: sorted(set(found)) for name, found in values.items()}
