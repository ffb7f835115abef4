"""The portal's maps: where the solutions of a list, a search or one page are.

:func:`map_features` is the one place that turns pages into what a map shows:
GeoJSON-like features with a title, the address of the page in the visitor's
language, the place's name and a ``kind`` (``solution``; other kinds, such as the
adoption of a solution by another organisation, join the same list and the same
map). The page embeds them with ``json_script`` next to a list of the same places
that works without JavaScript (``knowledge/includes/place_map.html``); Leaflet and
leaflet.markercluster, from npm and served as static files, draw them over the
tiles of ``PORTAL_MAP_TILE_URL`` (``cms/static/js/place-map.js``).

A map of a long list (the search, the knowledge base, a partner area, a theme)
would make the page as large as the list: its page embeds only the places of the
results it shows and the address of the map's data, a GeoJSON FeatureCollection
of every result, which the script fetches; without JavaScript the page links to
every place as a plain list (:data:`PLACES_PER_PAGE` a page). The search answers
both itself (``search/places/json/``, ``search/places/``, same parameters); for a
page with a ``map_solutions(request)`` method :func:`list_places_json` and
:func:`list_places` answer them (``/<lang>/places/<page id>/json/``,
``/<lang>/places/<page id>/``, the page's filters as parameters). Both are cached
like the page (the page cache, with the tags below, so a publish retires them).

Cache (issue 15): a map shows what its list shows, so it is retired with it. A
list of every solution of a language notes ``list:<locale>`` (retired whenever a
solution of that language is published or unpublished), a theme's or partner
area's list its own tags (``list_tags()``: retired by a solution that is or was in
it), the search notes ``search``. The features note their list's tags
(``shown_as``, else ``list:<locale>`` of their pages' languages) instead of one
``page:<key>`` tag per place, so a map of a thousand places does not add a
thousand tags to the page cache's entry; a map of one page (the solution page)
notes that page's own tag only.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from apps.knowledge import content_cache, i18n, reuse_graph
from apps.knowledge.portal import page_cache
from apps.knowledge.visibility import visible

#: How many places a page of the plain list of places shows.
PLACES_PER_PAGE = 100

#: The kinds of thing a map shows, with the name its popup and list give them.
KINDS = {
    "solution": _("Solution"),
    # Issue 17: where another organisation runs the solution too (confirmed).
    "adoption": _("Adopted by another organisation"),
}

#: What a map reads of a page (and Wagtail, to make its address).
FIELDS = (
    "title",
    "url_path",
    "translation_key",
    "locale",
    "municipality",
    "latitude",
    "longitude",
)


def located(pages: QuerySet) -> QuerySet:
    """``pages`` (solutions) that have a place, with only what the map reads: one
    query for all of them."""
    return (
        pages.filter(latitude__isnull=False, longitude__isnull=False)
        .select_related(None)
        .select_related("locale")
        .only(*FIELDS)
    )


def map_features(
    pages: Iterable, language: str, request=None, shown_as: Iterable[str] = ()
) -> list[dict]:
    """The places of ``pages`` as map features, ordered by place and title.

    ``pages`` are the versions to link to (in the visitor's language where one
    exists, as the list beside the map shows them); those without coordinates are
    left out. ``shown_as``: the tags of the narrower list they are from (a
    theme's, a partner area's), noted instead of the lists of their languages.
    Each feature: ``geometry`` (a GeoJSON point, longitude first) and
    ``properties``: ``kind``, ``kind_label``, ``title``, ``url``, ``place`` and the
    ``language`` of the page.
    """
    pages = [page for page in pages if _has_place(page)]
    features = []
    with translation.override(language):
        if len(pages) == 1:
            # One page: its own tag, noted as its address is made.
            features = [_feature(pages[0], request)]
        else:
            with content_cache.not_noting():
                features = [_feature(page, request) for page in pages]
            content_cache.note(
                *(
                    shown_as
                    or {content_cache.list_tag(page.locale_id) for page in pages}
                )
            )
    features += [
        _adoption_feature(adoption)
        for adoption in reuse_graph.adoption_map_features(pages, language)
    ]
    return sorted(
        features,
        key=lambda feature: (
            feature["properties"]["place"].casefold(),
            feature["properties"]["title"].casefold(),
        ),
    )


def _has_place(page) -> bool:
    return (
        getattr(page, "latitude", None) is not None
        and getattr(page, "longitude", None) is not None
    )


def _coordinate(value: Decimal) -> float:
    return round(float(value), 6)


def _feature(page, request) -> dict:
    kind = "solution"
    return {
        "type": "Feature",
        "geometry": {
            "type": "Point",
            "coordinates": [_coordinate(page.longitude), _coordinate(page.latitude)],
        },
        "properties": {
            "kind": kind,
            "kind_label": str(KINDS[kind]),
            "title": page.title,
            "url": page.get_url(request) or "",
            "place": page.municipality or "",
            "language": page.locale.language_code,
        },
    }


def _adoption_feature(adoption: dict) -> dict:
    """A confirmed adoption (``reuse_graph.adoption_map_features``) as a feature:
    the solution's title and address at the adopter's place."""
    return {
        "type": "Feature",
        "geometry": {
            "type": "Point",
            "coordinates": [
                _coordinate(adoption["lon"]),
                _coordinate(adoption["lat"]),
            ],
        },
        "properties": {
            "kind": "adoption",
            "kind_label": str(KINDS["adoption"]),
            "title": adoption["title"],
            "url": adoption["url"],
            "place": adoption["place"],
            "language": adoption["language"],
        },
    }


def feature_collection(features: list[dict]) -> JsonResponse:
    """The map's data as a GeoJSON FeatureCollection (what ``places/json/`` answers
    and the script fetches)."""
    return JsonResponse({"type": "FeatureCollection", "features": features})


def list_page(
    request: HttpRequest,
    features: list[dict],
    *,
    title: str,
    back_url: str,
    back_label: str,
) -> HttpResponse:
    """Every place of a map as a plain list, :data:`PLACES_PER_PAGE` a page, for
    visitors without JavaScript (``places/``); ``back_url``: the list they came from."""
    places = Paginator(features, PLACES_PER_PAGE).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "knowledge/place_list.html",
        {
            "title": title,
            "places": places,
            "back_url": back_url,
            "back_label": back_label,
        },
    )


def _list_owner(request: HttpRequest, page_id: int) -> Page:
    """The live, public page in the visitor's language whose map this is."""
    page = visible(Page.objects.filter(pk=page_id)).specific().first()
    if (
        page is None
        or not hasattr(page, "map_solutions")
        or page.locale.language_code != i18n.active_language()
    ):
        raise Http404
    page_cache.mark_cacheable(
        request, reads=getattr(page, "cache_query_parameters", ())
    )
    content_cache.note(content_cache.page_tag(page))
    return page


def _list_features(request: HttpRequest, page: Page) -> list[dict]:
    list_tags = page.list_tags() if hasattr(page, "list_tags") else ()
    return map_features(
        located(page.map_solutions(request)),
        page.locale.language_code,
        request,
        list_tags,
    )


def list_places_json(request: HttpRequest, page_id: int) -> HttpResponse:
    """Every place of a page's list under its filters: the map's data."""
    page = _list_owner(request, page_id)
    return feature_collection(_list_features(request, page))


def list_places(request: HttpRequest, page_id: int) -> HttpResponse:
    """Every place of a page's list under its filters, as a plain list."""
    page = _list_owner(request, page_id)
    filters = request.GET.copy()
    filters.pop("page", None)
    query = filters.urlencode()
    return list_page(
        request,
        _list_features(request, page),
        title=gettext("Places of “%(list)s”") % {"list": page.title},
        back_url=f"{page.get_url(request)}{'?' + query if query else ''}",
        back_label=gettext("Back to “%(list)s”") % {"list": page.title},
    )


def tile_settings() -> dict[str, str]:
    """The tile server and its attribution (``PORTAL_MAP_TILE_URL``,
    ``PORTAL_MAP_ATTRIBUTION``)."""
    return {
        "tile_url": settings.PORTAL_MAP_TILE_URL,
        "attribution": settings.PORTAL_MAP_ATTRIBUTION,
    }


def labels() -> dict[str, str]:
    """What the map's script says, in the active language. ``%(count)s`` is
    filled in by the script; ``one``/``other``: German, Danish and English have
    these two plural forms."""

    def forms(singular: str, plural: str) -> dict[str, str]:
        return {
            "one": ngettext(singular, plural, 1),
            "other": ngettext(singular, plural, 2),
        }

    return {
        "map": gettext("Map"),
        "loading": gettext("Loading the places for the map …"),
        "failed": gettext(
            "The map could not be loaded. The list of the places still works."
        ),
        "zoom_in": gettext("Zoom in"),
        "zoom_out": gettext("Zoom out"),
        "shown": forms(
            "%(count)s solution shown on the map",
            "%(count)s solutions shown on the map",
        ),
        "cluster": forms(
            "%(count)s solution in this area, press Enter to zoom in",
            "%(count)s solutions in this area, press Enter to zoom in",
        ),
    }
