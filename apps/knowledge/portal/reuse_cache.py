"""Cached pages that show the reuse graph (issue 17), retired when a relation is
saved or deleted: a confirmation or a decline shows at once.

The solution pages of the relation (every language) and the adopting
organisation's page, the solution lists (every solution's, a theme's, a partner
area's, an organisation's) and searches of every language (the
portfolio figures and the maps count and show reuse), and a reverse proxy's copies.
"""

from __future__ import annotations

from wagtail.models import Locale

from apps.knowledge import content_cache
from apps.knowledge.models import Organisation, SolutionPage
from apps.knowledge.models.reuse import Reuse
from apps.knowledge.portal import frontend
from apps.knowledge.reuse_graph import organisation_tag


def retire_pages_showing(reuse: Reuse) -> None:
    """Retire the cached pages that show ``reuse``: the pages of its solutions (in
    every language) and of its adopting organisation."""
    keys = [key for key in (reuse.solution_key, reuse.derived_key) if key]
    tags = {
        content_cache.page_tag(page)
        for page in SolutionPage.objects.filter(translation_key__in=keys).only(
            "translation_key"
        )
    }
    if reuse.organisation_id is not None:
        key = (
            Organisation.objects.filter(pk=reuse.organisation_id)
            .values_list("translation_key", flat=True)
            .first()
        )
        if key is not None:
            tags.add(organisation_tag(key))
    # The portfolio figures and the maps count and show reuse: they are kept by
    # the solution lists of each language (every solution's and the narrower
    # ones) and the searches (a decision is rare).
    for pk in Locale.objects.values_list("pk", flat=True):
        tags.update((content_cache.list_tag(pk), content_cache.any_list_tag(pk)))
    tags.add(content_cache.SEARCH_TAG)
    content_cache.retire(tags)
    # A reverse proxy's copies are found by address; the organisation pages'
    # addresses are not tracked there, and a decision is a rare event.
    frontend.purge_everything()
