"""Language helpers for the portal: language versions of a page, fallbacks, routing.

The German home page is the root of the default site; the Danish and English homes
are its translations, and Wagtail routes ``/da/...`` through
``site.root_page.localized``. These helpers answer the questions the templates and
error views ask: in which languages does this page exist, where is the Danish
version of that theme, and does an address that is missing in Danish exist in
another language?
https://docs.wagtail.org/en/stable/advanced_topics/i18n.html
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.http import Http404, HttpRequest
from django.urls import translate_url
from django.utils.text import capfirst
from django.utils.translation import get_language, get_language_info
from wagtail.models import Page, Site

from apps.knowledge import content_cache
from apps.knowledge.models import ContactDirectoryPage, Organisation
from apps.knowledge.visibility import visible


@dataclass(frozen=True)
class LanguageLink:
    """The current page in one language, for the language switcher and hreflang:
    the code, the language's own name and the address (None where missing)."""

    code: str
    name: str
    url: str | None
    is_current: bool


def language_codes() -> list[str]:
    """The portal's languages in the order of ``settings.LANGUAGES``."""
    return [code for code, _name in settings.LANGUAGES]


def default_language() -> str:
    return settings.LANGUAGE_CODE


def active_language() -> str:
    """The active language, reduced to one of the portal's languages."""
    code = (get_language() or default_language()).split("-")[0]
    return code if code in language_codes() else default_language()


def native_name(code: str) -> str:
    """The name of a language in that language, e.g. ``Dansk`` for ``da``."""
    return capfirst(get_language_info(code)["name_local"])


def language_versions(urls: dict[str, str], current: str | None = None) -> list:
    """Every portal language with its address in ``urls`` (None where missing)."""
    current = current or active_language()
    return [
        LanguageLink(
            code=code,
            name=native_name(code),
            url=urls.get(code),
            is_current=code == current,
        )
        for code in language_codes()
    ]


def x_default_url(urls: dict[str, str]) -> str | None:
    """The address for ``hreflang="x-default"``: the default language, else any."""
    if default_language() in urls:
        return urls[default_language()]
    return next((urls[code] for code in language_codes() if code in urls), None)


def live_translations(page: Page) -> dict[str, Page]:
    """Live, public language versions of ``page`` (itself included) by language."""
    pages = (
        visible(Page.objects)
        .filter(translation_key=page.translation_key)
        .select_related("locale")
    )
    return {p.locale.language_code: p for p in pages}


def page_language_urls(page: Page, request: HttpRequest | None = None) -> dict:
    """Addresses of the live language versions of ``page``, kept until the
    content changes (the language switcher of every page asks)."""

    def build() -> dict[str, str]:
        urls = {}
        for code, translation in live_translations(page).items():
            url = translation.get_url(request)
            if url:
                urls[code] = url
        return urls

    # An address is relative on the request's own site, absolute on another.
    site = Site.find_for_request(request)
    # Kept by the version of the page (its translations share the tag).
    return content_cache.remember_visible_tagged(
        "language-urls",
        build,
        page.translation_key,
        site.pk if site else "",
        tags=[content_cache.page_tag(page)],
    )


def organisation_language_urls(directory, organisation) -> dict[str, str]:
    """Addresses of an organisation's page in every language of the directory.

    An organisation page exists in a language when both the contact directory and
    the organisation (a snippet) are translated into it.
    """
    return content_cache.remember_visible(
        "organisation-language-urls",
        lambda: _organisation_language_urls(directory, organisation),
        directory.translation_key,
        organisation.translation_key,
    )


def _organisation_language_urls(directory, organisation) -> dict[str, str]:
    organisations = {
        o.locale.language_code: o
        for o in organisation.get_translations(inclusive=True)
        .filter(live=True)
        .select_related("locale")
    }
    return {
        code: translation.specific.organisation_url(organisations[code])
        for code, translation in live_translations(directory).items()
        if code in organisations
    }


def path_language_urls(request: HttpRequest) -> dict[str, str]:
    """Addresses of a non-page view (e.g. search) in every language."""
    path = request.get_full_path()
    return {code: translate_url(path, code) for code in language_codes()}


def best_translation(candidates: Iterable, code: str | None = None):
    """From language versions of one object, the one in ``code`` (active language).

    Falls back to the default language and then to any language, the same order
    ``apps.knowledge.models.relations.localize_keys`` uses for related solutions.
    """
    code = code or active_language()
    ranked = sorted(
        candidates,
        key=lambda obj: (
            0
            if obj.locale.language_code == code
            else 1
            if obj.locale.language_code == default_language()
            else 2
        ),
    )
    return ranked[0] if ranked else None


def site_homes(request: HttpRequest) -> dict[str, Page]:
    """The live home page (specific) of the request's site in every language.

    Kept until the content changes: the navigation, the header and the error
    pages all need it.
    """
    homes = getattr(request, "_portal_site_homes", None)
    if homes is None:
        site = Site.find_for_request(request)
        homes = (
            content_cache.remember_visible_tagged(
                "site-homes",
                lambda: {
                    code: home.specific
                    for code, home in live_translations(site.root_page).items()
                },
                site.pk,
            )
            if site
            else {}
        )
        request._portal_site_homes = homes
    return homes


def home_for_language(request: HttpRequest, code: str | None = None) -> Page | None:
    """The home page in ``code`` (active language), else the site's root page."""
    homes = site_homes(request)
    code = code or active_language()
    if code in homes:
        return homes[code].specific
    site = Site.find_for_request(request)
    return site.root_page.specific if site else None


def strip_language_prefix(path: str) -> tuple[str | None, list[str]]:
    """Split ``/da/a/b/`` into ``("da", ["a", "b"])``; no prefix gives ``None``."""
    components = [component for component in path.split("/") if component]
    if components and components[0] in language_codes():
        return components[0], components[1:]
    return None, components


def find_in_other_languages(request: HttpRequest) -> dict[str, str]:
    """Language versions of an address that has no page in its own language.

    Routes the path of ``/da/<path>`` through the home page of every other language.
    Where that finds a page, returns the addresses of its live language versions by
    language; a Danish version may exist at another address, because a translation
    can have other slugs. The organisation route of the contact directory counts
    when the organisation exists in that language; other subpage routes do not.
    """
    language, components = strip_language_prefix(request.path_info)
    if language is None:
        # No language prefix: LocaleMiddleware redirects to the visitor's language.
        return {}
    for code, home in site_homes(request).items():
        if code == language:
            continue
        try:
            page, args, kwargs = home.specific.route(request, components)
        except Http404:
            continue
        if urls := _route_language_urls(request, page.specific, args, kwargs):
            return urls
    return {}


def _route_language_urls(request, page: Page, args, kwargs) -> dict[str, str]:
    if args:
        # RoutablePageMixin.route() returns (view, view_args, view_kwargs) as args.
        _view, args, kwargs = args
    if not args and not kwargs:
        return page_language_urls(page, request)
    if isinstance(page, ContactDirectoryPage) and "slug" in kwargs:
        organisation = Organisation.objects.filter(
            locale_id=page.locale_id, slug=kwargs["slug"], live=True
        ).first()
        if organisation is not None:
            return organisation_language_urls(page, organisation)
    return {}
