"""Template tags of the public portal: navigation, languages, localised links, money."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django import template
from django.db.models import F, QuerySet
from django.http import QueryDict
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Site

from apps.knowledge import content_cache, i18n, public_url
from apps.knowledge.models import ContactDirectoryPage, ThemePage
from apps.knowledge.models.legal import LEGAL_PAGE_MODELS
from apps.knowledge.models.tags import ShownTag, shown_tags
from apps.knowledge.portal import map as place_maps
from apps.knowledge.portal import page_cache
from apps.knowledge.portal.money import budget as money_budget
from apps.knowledge.portal.money import format_money
from apps.knowledge.rich_text import without_placeholder_links as without_links
from apps.knowledge.visibility import public, visible

register = template.Library()


@dataclass(frozen=True)
class NavItem:
    """A navigation link; ``current`` is the value for ``aria-current``, if any.

    ``page`` marks the link to the page shown, ``true`` the section it belongs to.
    """

    label: str
    url: str
    current: str = ""


def _per_request(context, attribute: str, build, *args):
    """``build(*args)``, once per request (also when the content cache is off)."""
    request = context.get("request")
    value = getattr(request, attribute, None)
    if value is None:
        value = build(*args)
        if request is not None:
            setattr(request, attribute, value)
    return value


def _current(path: str, url: str | None, is_home: bool = False) -> str:
    if not url:
        return ""
    if path == url:
        return "page"
    return "true" if not is_home and path.startswith(url) else ""


def _sections(home, model_names: tuple[str, ...]) -> dict:
    """The first live, public child of ``home`` of each model, in one query."""
    sections: dict = {}
    children = (
        public(home.get_children().live())
        .filter(
            content_type__app_label="knowledge", content_type__model__in=model_names
        )
        .select_related("content_type")
        .order_by("path")
    )
    for child in children:
        sections.setdefault(child.content_type.model, child)
    return sections


def _navigation_links(request, home) -> list[tuple[str, str]]:
    """(label, address) of home and its sections, without the search."""
    links = [(home.title, home.get_url(request))]
    model_names = (
        "knowledgeindexpage",
        "themeindexpage",
        "contactdirectorypage",
        "statisticspage",
    )
    sections = _sections(home, model_names)
    for model_name in model_names:
        section = sections.get(model_name)
        if section is not None:
            links.append((section.title, section.get_url(request)))
    return links


@register.simple_tag(takes_context=True)
def portal_navigation(context) -> list[NavItem]:
    """Home, knowledge base, themes, contacts, figures and search in the active
    language.

    The links are kept until the content changes, per site and language; they
    are the same for every visitor (only live, public sections), and only which
    one is current depends on the request.
    """
    request = context.get("request")
    if request is None:
        return []
    home = i18n.home_for_language(request)
    if home is None:
        return []
    site = Site.find_for_request(request)
    # Kept by the version of the pages it links to (noted as their addresses are
    # made), not retired when a solution is published.
    links = content_cache.remember_tagged(
        "navigation",
        lambda: _navigation_links(request, home),
        site.pk if site else "",
        home.pk,
    )
    path = request.path
    items = [
        NavItem(label, url, _current(path, url, is_home=number == 0))
        for number, (label, url) in enumerate(links)
    ]
    search_url = reverse("search")
    items.append(NavItem(_("Search"), search_url, _current(path, search_url)))
    return items


@register.simple_tag(takes_context=True)
def home_url(context) -> str:
    request = context.get("request")
    home = i18n.home_for_language(request) if request else None
    return home.get_url(request) if home else "/"


@register.simple_tag(takes_context=True)
def language_versions(context) -> list[i18n.LanguageLink]:
    """The portal's languages with the address of this page in each of them.

    A view may pass ``language_urls`` (the error pages do). A page links to its live
    translations; on the organisation route of the contact directory the
    organisation's translations count too. Other views use Django's
    ``translate_url``.
    """
    request = context.get("request")
    urls = context.get("language_urls")
    if urls is None and request is not None:
        page = context.get("page")
        organisation = context.get("organisation")
        if page is not None and organisation is not None:
            urls = i18n.organisation_language_urls(page, organisation)
        elif page is not None:
            urls = i18n.page_language_urls(page, request)
        else:
            urls = i18n.path_language_urls(request)
    return i18n.language_versions(urls or {})


@register.simple_tag
def x_default(versions: list[i18n.LanguageLink]) -> str | None:
    return i18n.x_default_url({v.code: v.url for v in versions if v.url})


@register.filter
def without_placeholder_links(html: str) -> SafeString:
    """Rich text with links to pages visitors cannot see as plain text
    (apps.knowledge.rich_text); ``html`` is Wagtail's rendered rich text."""
    return mark_safe(without_links(html))  # noqa: S308 - rich text, already safe


@register.simple_tag(takes_context=True)
def absolute_url(context, url: str) -> str:
    """``url`` under the public base URL (apps.knowledge.public_url)."""
    return public_url.absolute_url(url)


@register.simple_tag(takes_context=True)
def theme_page_for(context, field_of_action):
    """The live theme page of a field of action, in the visitor's language if any.

    The theme pages of every field of action are kept until the content
    changes: a solution may list many fields of action.
    """
    themes = _per_request(
        context,
        "_portal_theme_pages",
        content_cache.remember_visible,
        "theme-pages",
        _theme_pages,
    )
    return i18n.best_translation(themes.get(field_of_action.translation_key, []))


def _theme_pages() -> dict:
    """{field of action's translation key: its visible theme pages}."""

    themes: dict = {}
    pages = (
        visible(ThemePage.objects)
        .select_related("locale")
        .annotate(field_key=F("field_of_action__translation_key"))
    )
    for page in pages:
        themes.setdefault(page.field_key, []).append(page)
    return themes


@register.simple_tag(takes_context=True)
def legal_links(context) -> list:
    """The legal notice, privacy notice and accessibility statement for the footer,
    each in the visitor's language, else in the default or any other language.

    The visible legal pages are kept until the content changes; the footer itself
    is a shared fragment, retired when any page other than a solution is
    published, so a new or renamed legal page shows at once.
    """
    groups = _per_request(
        context,
        "_portal_legal_pages",
        content_cache.remember_visible,
        "legal-pages",
        _legal_pages,
    )
    return [i18n.best_translation(pages) for pages in groups]


def _legal_pages() -> list[list]:
    """The visible legal pages, grouped by translation key, in footer order."""
    groups: dict = {}
    for model in LEGAL_PAGE_MODELS:
        for page in visible(model.objects).select_related("locale").order_by("path"):
            groups.setdefault(page.translation_key, []).append(page)
    return list(groups.values())


@register.simple_tag(takes_context=True)
def organisation_url(context, organisation) -> str | None:
    """The organisation's page in the contact directory of its shown language.

    Shows the organisation in the visitor's language where it is translated; its
    page lives in the contact directory of that same language.
    """
    if organisation is None:
        return None
    organisation = localize(context, organisation)
    if organisation is None:
        return None
    # Kept until the content changes: a directory lists many organisations.
    directories = _per_request(
        context,
        "_portal_directories",
        content_cache.remember,
        "contact-directories",
        _directories,
    )
    directory = directories.get(organisation.locale_id)
    return directory.organisation_url(organisation) if directory else None


def _directories() -> dict:
    """{locale id: the first live, public contact directory in that language}."""

    directories: dict = {}
    for directory in public(ContactDirectoryPage.objects.live()).order_by("path"):
        directories.setdefault(directory.locale_id, directory)
    return directories


@register.filter
def money(amount, currency: str = "EUR") -> str:
    """A budget with its currency, e.g. ``250.000 €`` in German, ``€250,000`` in
    English. Whole amounts drop the cents."""
    return format_money(amount, currency)


@register.simple_tag
def budget(amount, currency: str = "EUR") -> str:
    """A budget in its currency with the other currency (EUR/DKK) as an estimate.

    ``1.200.000 € (ca. 8.950.000 DKK)``; the abbreviation is hidden from screen
    readers, which read the full word ("ungefähr") instead.
    """
    shown = money_budget(amount, currency)
    if shown is None:
        return ""
    if not shown.estimate:
        return format_html('<span class="budget__amount">{}</span>', shown.amount)
    return format_html(
        '<span class="budget__amount">{}</span> <span class="budget__estimate">'
        '(<abbr title="{}" aria-hidden="true">{}</abbr>'
        '<span class="visually-hidden">{}</span>\u00a0{})</span>',
        shown.amount,
        shown.approx_word,
        shown.approx_abbreviation,
        shown.approx_word,
        shown.estimate,
    )


@register.simple_tag
def tags_in_language(page) -> list[ShownTag]:
    """The page's tags named in the visitor's language (else their own name).

    Two queries whatever the number of tags (none for prefetched tags and
    translations).
    """
    return shown_tags(page.tags.all(), i18n.active_language())


@register.filter
def in_language(obj, code: str) -> bool:
    """Whether ``obj`` (a page or snippet) is in the language ``code``."""
    locale = getattr(obj, "locale", None)
    return locale is not None and locale.language_code == code


@register.filter
def organisation_page_url(directory, organisation) -> str:
    """The address of ``organisation`` inside the contact directory ``directory``."""
    return directory.organisation_url(organisation)


def _active_locale_id(context) -> int | None:
    """The active language's locale id (the locales are kept)."""
    locales = _per_request(context, "_portal_locales", content_cache.locales)
    locale = locales.get(i18n.active_language())
    return locale.pk if locale else None


@register.simple_tag(takes_context=True)
def localize(context, obj):
    """``obj.localized``: the visitor's language version of a snippet or page.

    Same result as Wagtail's ``TranslatableMixin.localized`` (a page only if it is
    live), without a locale query for objects already in the visitor's language.
    A snippet translation awaiting review (not live) gives way to its live German
    version, or to None if there is none.
    """
    if obj is None:
        return obj
    if getattr(obj, "live", True) is False and hasattr(obj, "public_version"):
        obj = obj.public_version()
        if obj is None:
            return None
    if obj.locale_id == _active_locale_id(context):
        return obj
    return obj.localized


@register.simple_tag(takes_context=True)
def lang_attr(context, obj, relative_to=None) -> str:
    """`` lang="da"`` when ``obj`` is in another language than the text around it.

    The text around it is in the visitor's language, or in ``relative_to``'s.
    """
    if obj is None:
        return ""
    around = relative_to.locale_id if relative_to else _active_locale_id(context)
    if obj.locale_id == around:
        return ""
    return format_html(' lang="{}"', obj.locale.language_code)


# --- pagination -------------------------------------------------------------------


#: Page numbers shown either side of the current page, and at each end.
PAGES_AROUND_CURRENT = 2
PAGES_AT_THE_ENDS = 1


@register.simple_tag
def page_numbers(page_obj) -> list[int | None]:
    """The page numbers a pagination links: the first and the last, two either
    side of the current one, None for each gap between them (Django's elided
    range). Every number would be hundreds of links for a search at 10,000
    solutions: long to tab through and to render."""
    return [
        number if isinstance(number, int) else None
        for number in page_obj.paginator.get_elided_page_range(
            page_obj.number,
            on_each_side=PAGES_AROUND_CURRENT,
            on_ends=PAGES_AT_THE_ENDS,
        )
    ]


@register.simple_tag(takes_context=True)
def page_querystring(context, page_obj, number) -> str:
    """The query string of page ``number`` of a paged list: Django's
    ``{% querystring %}`` with the number under the list's own parameter (``page``,
    or another one where a page shows two lists: ``partner_page`` on an
    organisation's page), keeping the other parameters the page reads (filters,
    the other list's page) and dropping any it does not read: a list kept as a
    shared fragment, or a page in the page cache, then links the same for every
    visitor whatever junk parameter the request that rendered it carried."""
    request = context.get("request")
    query = request.GET.copy() if request is not None else QueryDict(mutable=True)
    reads = getattr(request, page_cache.READS_ATTRIBUTE, None)
    if reads is not None:
        for name in set(query) - reads:
            del query[name]
    query[getattr(page_obj, "parameter", "page")] = number
    return f"?{query.urlencode()}"


# --- maps -------------------------------------------------------------------------


@register.inclusion_tag("knowledge/includes/place_map.html", takes_context=True)
def place_map(
    context,
    pages,
    name: str = "places",
    heading: str = "",
    small: bool = False,
    source: str = "",
    list_url: str = "",
    shown_as=(),
) -> dict:
    """A map of ``pages`` (a query of solutions, a list of pages or one page) with
    the same places as a list that works without JavaScript (and stays reachable
    behind a toggle with it): :func:`apps.knowledge.portal.map.map_features`.
    ``small``: one page's place, without the list (the page's facts name it).

    A map of a long list: ``pages`` are only the ones the page shows, ``source``
    the address of every place of the list (a GeoJSON FeatureCollection, which the
    script fetches and draws) and ``list_url`` the plain list of them all;
    ``shown_as``: the tags of the narrower list they are (``list_tags``)."""
    if isinstance(pages, QuerySet):
        pages = place_maps.located(pages)
    elif isinstance(pages, Page):
        pages = [pages]
    features = place_maps.map_features(
        pages, translation.get_language(), context.get("request"), shown_as
    )
    return {
        "features": features,
        "map_id": f"map-{name}",
        "features_id": f"map-{name}-features",
        "config_id": f"map-{name}-config",
        "heading": heading,
        "small": small,
        "source": source,
        "list_url": list_url,
        "map_config": {**place_maps.tile_settings(), "labels": place_maps.labels()},
        "LANGUAGE_CODE": translation.get_language(),
    }


# --- shared fragments (issue 15) ---------------------------------------------------


@register.simple_tag(takes_context=True)
def load_relations(context, page) -> str:
    """Loads a solution's relations in one query each
    (:meth:`~apps.knowledge.models.SolutionPage.prefetch_relations`) where a
    template shows them, except in a preview (it shows the unsaved relations held on
    the page object)."""
    request = context.get("request")
    if not getattr(request, "is_preview", False):
        page.prefetch_relations()
    return ""


class SharedFragmentNode(template.Node):
    """Renders its content once for every visitor and keeps it by the versions of
    what it shows (:func:`apps.knowledge.content_cache.remember_visible_tagged`)."""

    def __init__(self, nodelist, name: str, parts: list, shows: dict):
        self.nodelist = nodelist
        self.name = name
        self.parts = parts
        self.shows = shows

    def render(self, context) -> str:
        request = context.get("request")
        if request is None or getattr(request, "is_preview", False):
            # A preview shows unsaved content: never kept, never served from a copy.
            return self.nodelist.render(context)
        tags = set()
        for kind, expression in self.shows.items():
            value = expression.resolve(context)
            if value is None or value == "":
                continue
            if kind == "page":
                tags.add(content_cache.page_tag(value))
            elif kind == "lists":  # the tags of a narrower list (its page's)
                tags.update(value)
            else:  # "solutions_of": the lists of every solution of a locale (id)
                tags.add(content_cache.list_tag(getattr(value, "pk", value)))
        parts = [part.resolve(context) for part in self.parts]
        html = content_cache.remember_visible_tagged(
            f"fragment:{self.name}",
            lambda: str(self.nodelist.render(context)),
            translation.get_language(),
            *parts,
            tags=tags,
        )
        return mark_safe(html)  # noqa: S308 - rendered by the template engine


@register.tag
def shared_fragment(parser, token) -> SharedFragmentNode:
    """``{% shared_fragment "name" part ... page=<page> solutions_of=<locale>
    lists=<tags> %}`` ... ``{% endshared_fragment %}``.

    What is inside is the same for every visitor, logged in or not (no CSRF token,
    user name, edit link or per-user button: those stay outside). It is kept per
    language and per value of each ``part`` (a page's id, a page number), and served
    until something it shows is retired: ``page`` (that page and its translations),
    ``solutions_of`` (the lists of every solution of that locale), ``lists`` (the
    tags of a narrower list: a theme's, a partner area's, an organisation's,
    ``list_tags`` in their context), every page whose address it
    shows (noted as it renders) and everything else that changes all pages
    (snippets, tags, images: :data:`~apps.knowledge.content_cache.EVERYTHING`).
    Rendered afresh in a preview.
    """
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"{bits[0]} needs a name")
    name = bits[1].strip("\"'")
    parts, shows = [], {}
    for bit in bits[2:]:
        kind, equals, expression = bit.partition("=")
        if equals:
            if kind not in {"page", "solutions_of", "lists"}:
                raise template.TemplateSyntaxError(f"{bits[0]}: unknown {kind}=")
            shows[kind] = parser.compile_filter(expression)
        else:
            parts.append(parser.compile_filter(bit))
    nodelist = parser.parse(("endshared_fragment",))
    parser.delete_first_token()
    return SharedFragmentNode(nodelist, name, parts, shows)


class PageFragmentNode(template.Node):
    """A part of the page being served that is the same for every visitor of its
    address (the head, the masthead, the navigation), kept like a shared fragment
    by the versions of what it shows (issue 15: fragments every page repeats)."""

    def __init__(self, nodelist, name: str):
        self.nodelist = nodelist
        self.name = name

    def render(self, context) -> str:
        request = context.get("request")
        page = context.get("page")
        parts = _served_page_address(request, page)
        if parts is None:
            return self.nodelist.render(context)
        html = content_cache.remember_visible_tagged(
            f"page-fragment:{self.name}",
            lambda: str(self.nodelist.render(context)),
            translation.get_language(),
            *parts,
            tags={content_cache.page_tag(page)},
        )
        return mark_safe(html)  # noqa: S308 - rendered by the template engine


def _served_page_address(request, page) -> tuple | None:
    """What names the address of the live page Wagtail is serving (host, page,
    path, the query parameters the page reads), or None where the part is not
    kept: a preview, another view's template, a parameter the page does not read
    (junk parameters must not fill the cache)."""
    if request is None or not isinstance(page, Page) or not page.live:
        return None
    if getattr(request, "is_preview", False):
        return None
    route = getattr(request, "_wagtail_route_for_request", None)
    if route is None or getattr(route.page, "pk", None) != page.pk:
        return None
    # The parameters the page (or its route) reads, noted for the page cache.
    reads = getattr(request, "portal_page_reads", None)
    if reads is None or not set(request.GET) <= reads:
        return None
    address = "?".join([request.path, request.GET.urlencode()])
    digest = hashlib.sha1(address.encode(), usedforsecurity=False).hexdigest()
    return request.get_host(), page.pk, digest


@register.tag
def page_fragment(parser, token) -> PageFragmentNode:
    """``{% page_fragment "name" %}`` ... ``{% endpage_fragment %}``: kept per
    language, host, page and address (with the query parameters the page reads),
    served until the page or anything it shows is retired, like
    ``{% shared_fragment %}``; rendered every time for anything but a live page
    Wagtail serves. Nothing per visitor may be inside (user names, CSRF tokens),
    and variables set inside are not set outside (the part may come from the
    cache)."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError(f"{bits[0]} needs a name")
    nodelist = parser.parse(("endpage_fragment",))
    parser.delete_first_token()
    return PageFragmentNode(nodelist, bits[1].strip("\"'"))
