"""sitemap.xml: every live, public page in every language, each with ``hreflang``
alternates (``xhtml:link``) to its live translations, plus the organisation pages of
the contact directory.

Builds on Wagtail's sitemap (https://docs.wagtail.org/en/stable/reference/contrib/
sitemaps.html), which knows only the default site's tree; the Danish and English
trees are translations of its root, so they are added here.
"""

from __future__ import annotations

from collections import defaultdict

from django.conf import settings
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from apps.knowledge.models import ContactDirectoryPage, Organisation
from apps.knowledge.public_url import page_full_url
from apps.knowledge.visibility import visible


def _alternates(urls: dict[str, str]) -> list[dict]:
    alternates = [
        {"lang_code": code, "location": urls[code]}
        for code, _name in settings.LANGUAGES
        if code in urls
    ]
    if settings.LANGUAGE_CODE in urls:
        alternates.append(
            {"lang_code": "x-default", "location": urls[settings.LANGUAGE_CODE]}
        )
    return alternates


class PortalSitemap(Sitemap):
    """Pages of every language tree of the request's site."""

    def public_pages(self):
        site = self.get_wagtail_site()
        roots = [site.root_page, *site.root_page.get_translations()]
        pages = Page.objects.none()
        for root in roots:
            pages |= Page.objects.descendant_of(root, inclusive=True)
        return visible(pages)

    def items(self):
        return (
            self.public_pages()
            .select_related("locale")
            .order_by("locale_id", "path")
            .defer_streamfields()
            .specific()
        )

    def _page_urls(self, pages: list[Page]) -> dict[object, dict[str, str]]:
        """Addresses of the live translations of ``pages`` by translation key."""
        keys = {page.translation_key for page in pages}
        urls: dict[object, dict[str, str]] = defaultdict(dict)
        translations = (
            self.public_pages()
            .filter(translation_key__in=keys)
            .select_related("locale")
        )
        for translation in translations:
            url = page_full_url(translation, self.request)
            if url:
                urls[translation.translation_key][translation.locale.language_code] = (
                    url
                )
        return urls

    def _urls(self, page, protocol, domain):
        urls = []
        last_mods = set()
        pages = list(self.paginator.page(page).object_list)
        translations = self._page_urls(pages)
        for item in pages:
            for url_info in item.get_sitemap_urls(self.request):
                url_info["alternates"] = _alternates(translations[item.translation_key])
                urls.append(url_info)
                last_mods.add(url_info.get("lastmod"))
            if isinstance(item, ContactDirectoryPage):
                urls.extend(self._organisation_urls(item, translations))
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls

    def _organisation_urls(self, directory, page_urls) -> list[dict]:
        """The organisation pages of one directory, with their other languages."""
        directory_urls = page_urls[directory.translation_key]
        # Live only: a translation awaiting review has no page of its own yet.
        organisations = Organisation.objects.live().filter(
            locale_id=directory.locale_id
        )
        by_key = defaultdict(dict)
        for translation in (
            Organisation.objects.live()
            .filter(translation_key__in=organisations.values("translation_key"))
            .select_related("locale")
        ):
            by_key[translation.translation_key][translation.locale.language_code] = (
                translation
            )
        entries = []
        for organisation in organisations:
            urls = {
                code: directory_urls[code]
                + directory.reverse_subpage("organisation", kwargs={"slug": o.slug})
                for code, o in by_key[organisation.translation_key].items()
                if code in directory_urls
            }
            own = urls.get(directory.locale.language_code)
            if own:
                entries.append({"location": own, "alternates": _alternates(urls)})
        return entries
