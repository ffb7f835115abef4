"""Purging a reverse proxy (Varnish, nginx) in front of the portal on publishing.

Wagtail's frontend cache sends the purge requests
(https://docs.wagtail.org/en/stable/reference/contrib/frontendcache.html); it is
configured from ``FRONTEND_CACHE_URL`` (cms/settings/base.py, off when unset).
:func:`purge_showing` purges the published solution's page and the other pages
that show it, those the page cache retires
(:func:`apps.knowledge.portal.page_cache.shown_by`) and more: its translations, the
pages linking to it or linked from it, the solution lists of its language (home,
knowledge base, every theme and partner area, where the page cache retires only
those it is or was in; the contact directory and the pages of its
organisations), the search of every language, and the maps' data and lists of
places of the lists and the search. A proxy cannot list the query
variants of an address, so a purge of an address means "with any query string"
(docker/varnish/default.vcl), and a purge of ``/`` means everything (sent when
something changes that every page shows).

Purging runs after the transaction commits, so the proxy fetches the new content.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page, ReferenceIndex

from apps.knowledge import public_url


def enabled() -> bool:
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def neighbours(page: Page) -> list[Page]:
    """Pages whose content links to a language version of ``page``, and pages
    ``page`` links to (its related solutions show it back), from Wagtail's
    reference index."""
    page_type = ReferenceIndex._get_base_content_type(Page)
    versions = Page.objects.filter(translation_key=page.translation_key)
    incoming = (
        ReferenceIndex.get_references_to_in_bulk(versions)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
    )
    outgoing = (
        ReferenceIndex.get_references_for_object(page)
        .filter(to_content_type=page_type)
        .values_list("to_object_id", flat=True)
    )
    ids = {int(pk) for pk in [*incoming, *outgoing]} - {page.pk}
    return list(Page.objects.filter(pk__in=ids).only("pk", "translation_key"))


def showing_urls(page: Page) -> set[str]:
    """The public addresses of the pages that show the solution ``page``."""
    # The page types are models of this app, which import the portal modules.
    from apps.knowledge.models import (
        ContactDirectoryPage,
        HomePage,
        KnowledgeIndexPage,
        PartnerAreaPage,
        ThemePage,
    )

    page = page.specific
    keys = {page.translation_key, *(p.translation_key for p in neighbours(page))}
    pages = [*Page.objects.live().filter(translation_key__in=keys).specific()]
    for model in (HomePage, KnowledgeIndexPage, ThemePage, PartnerAreaPage):
        pages += model.objects.live().filter(locale_id=page.locale_id)
    # The page itself also once unpublished (no longer live).
    urls = {public_url.page_full_url(p) for p in [page, *pages]}
    # The data of the lists' maps and their plain lists of places.
    for listing in pages:
        if hasattr(listing, "map_solutions"):
            with translation.override(listing.locale.language_code):
                for name in ("list_places", "list_places_json"):
                    urls.add(public_url.absolute_url(reverse(name, args=[listing.pk])))
    organisations = [
        page.lead_organisation,
        *(partner.organisation for partner in page.partners.all()),
    ]
    for directory in ContactDirectoryPage.objects.live().filter(
        locale_id=page.locale_id
    ):
        urls.add(public_url.page_full_url(directory))
        for organisation in filter(None, organisations):
            localized = organisation.get_translation_or_none(directory.locale)
            if localized is not None:
                urls.add(public_url.absolute_url(directory.organisation_url(localized)))
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            for name in ("search", "search_places", "search_places_json"):
                urls.add(public_url.absolute_url(reverse(name)))
    urls.discard(None)
    return urls


def _purge(find_urls) -> None:
    def send() -> None:
        batch = PurgeBatch()
        batch.add_urls(sorted(find_urls()))
        batch.purge()

    transaction.on_commit(send)


def purge_showing(page: Page) -> None:
    """Purges, once committed, the pages that show ``page`` (everything if it is
    not a solution)."""
    from apps.knowledge.models import SolutionPage  # models import this module

    if not enabled():
        return
    if not isinstance(page.specific_deferred, SolutionPage):
        purge_everything()
        return
    _purge(lambda: showing_urls(page))


def purge_everything() -> None:
    if enabled():
        _purge(lambda: {public_url.absolute_url("/")})
