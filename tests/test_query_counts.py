"""SQL queries per portal page stay the same as related items, tags and contacts grow.

Each page is rendered for an anonymous visitor (the page cache off) once with one of
each related thing and once with 50; the number of queries must not change. A page
that ran one query per related item would take 50 more.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus

import pytest
import wagtail_factories
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag

from apps.knowledge.choices import Country
from apps.knowledge.models import (
    SolutionContact,
    SolutionFieldOfAction,
    SolutionPage,
    SolutionPartner,
    SolutionRelation,
)
from tests.knowledge import factories
from tests.knowledge.factories import Portal, PortalFactory, SolutionPageFactory

pytestmark = pytest.mark.django_db

FEW, MANY = 1, 50


def count_queries(url: str) -> int:
    """Queries of one anonymous GET of ``url``, after a warm-up request.

    The warm-up fills the per-process caches (site root paths, content types,
    locales) that any running server has filled long before.
    """
    client = Client()
    assert client.get(url).status_code == HTTPStatus.OK
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    return len(captured)


def publish(page) -> None:
    page.save_revision().publish()


@dataclass
class Scene:
    """A portal page and a way to give it ``n`` more related things."""

    portal: Portal
    url: Callable[[], str]
    grow: Callable[[int], None]


def _solution_scene(portal: Portal) -> Scene:
    solution = SolutionPageFactory(
        portal=portal, title="Energiedaten-Plattform", slug="energie"
    )
    publish(solution)
    counter = iter(range(10_000))

    def grow(n: int) -> None:
        page = SolutionPage.objects.get(pk=solution.pk)
        for _ in range(n):
            i = next(counter)
            other = SolutionPageFactory(
                portal=portal, title=f"Verwandt {i}", slug=f"verwandt-{i}"
            )
            SolutionRelation.objects.create(page=page, target=other)
            organisation = factories.OrganisationFactory(
                country=Country.DENMARK if i % 2 else Country.GERMANY
            )
            SolutionPartner.objects.create(page=page, organisation=organisation)
            SolutionContact.objects.create(
                page=page, contact=factories.ContactFactory(organisation=organisation)
            )
            SolutionFieldOfAction.objects.create(
                page=page, field_of_action=factories.FieldOfActionFactory()
            )
            page.tags.add(f"Schlagwort {i}")
        publish(page)

    return Scene(portal, solution.get_url, grow)


def _theme_scene(portal: Portal) -> Scene:
    counter = iter(range(10_000))

    def grow(n: int) -> None:
        for _ in range(n):
            i = next(counter)
            solution = SolutionPageFactory(
                portal=portal, title=f"Lösung {i}", slug=f"loesung-{i}"
            )
            solution.tags.add(f"Schlagwort {i}")
            publish(solution)

    return Scene(portal, portal.theme.get_url, grow)


def _home_scene(portal: Portal) -> Scene:
    theme_scene = _theme_scene(portal)
    counter = iter(range(10_000))

    def grow(n: int) -> None:
        theme_scene.grow(n)
        for _ in range(n):
            i = next(counter)
            field = factories.FieldOfActionFactory()
            factories.ThemePageFactory(
                parent=portal.themes,
                title=f"Thema {i}",
                slug=f"thema-{i}",
                field_of_action=field,
            )

    return Scene(portal, portal.home.get_url, grow)


def _organisation_scene(portal: Portal) -> Scene:
    organisation = factories.OrganisationFactory(name="Stadtwerke", slug="stadtwerke")
    counter = iter(range(10_000))

    def grow(n: int) -> None:
        for _ in range(n):
            i = next(counter)
            factories.ContactFactory(organisation=organisation)
            led = SolutionPageFactory(
                portal=portal,
                title=f"Geführt {i}",
                slug=f"gefuehrt-{i}",
                lead_organisation=organisation,
            )
            partnered = SolutionPageFactory(
                portal=portal, title=f"Partner {i}", slug=f"partner-{i}"
            )
            SolutionPartner.objects.create(page=partnered, organisation=organisation)
            publish(led)
            publish(partnered)

    def url() -> str:
        return portal.directory.get_url() + "stadtwerke/"

    return Scene(portal, url, grow)


def _organisation_second_page_scene(portal: Portal) -> Scene:
    """The second page of an organisation's lists (with one solution each, the
    first: a page number past the end shows the last page)."""
    scene = _organisation_scene(portal)
    return Scene(portal, lambda: scene.url() + "?page=2&partner_page=2", scene.grow)


def _directory_scene(portal: Portal) -> Scene:
    def grow(n: int) -> None:
        for _ in range(n):
            factories.ContactFactory()

    return Scene(portal, portal.directory.get_url, grow)


def _search_scene(portal: Portal) -> Scene:
    theme_scene = _theme_scene(portal)

    def url() -> str:
        return f"/de/search/?q=L%C3%B6sung&phase=pilot&field={portal.field.slug}"

    return Scene(portal, url, theme_scene.grow)


def _empty_search_scene(portal: Portal) -> Scene:
    """The search page before a search: fields of action, phases, newest."""
    theme_scene = _theme_scene(portal)
    return Scene(portal, lambda: "/de/search/", theme_scene.grow)


SCENES = {
    "solution page": _solution_scene,
    "field of action (theme page)": _theme_scene,
    "home page": _home_scene,
    "organisation page": _organisation_scene,
    "organisation page, page 2": _organisation_second_page_scene,
    "contact directory": _directory_scene,
    "search with facets": _search_scene,
    "empty search page": _empty_search_scene,
}


@pytest.mark.parametrize("kind", SCENES)
def test_queries_per_page__do_not_grow_with_related_items(kind):
    scene = SCENES[kind](PortalFactory())
    scene.grow(FEW)
    few = count_queries(scene.url())

    scene.grow(MANY - FEW)
    many = count_queries(scene.url())

    if report := os.environ.get("QUERY_COUNTS_REPORT"):  # bench/load.py prints them
        with open(report, "a") as file:
            file.write(json.dumps({"page": kind, FEW: few, MANY: many}) + "\n")
    assert many == few, f"{kind}: {few} queries with {FEW}, {many} with {MANY}"


#: Issue 15's target: SQL queries per portal page rendered without the page cache,
#: with the content cache on (production with Redis; tests); see the README's
#: "Load and speed".
PAGE_QUERY_LIMIT = 15


@pytest.mark.parametrize("kind", [kind for kind in SCENES if "search" not in kind])
def test_portal_page__at_most_fifteen_queries_with_fifty_related_items(kind):
    """Routing, navigation, language versions, home pages, locales, theme pages,
    directories, related solutions and the translation notice are kept until the
    content changes (apps/knowledge/content_cache.py)."""
    scene = SCENES[kind](PortalFactory())
    scene.grow(MANY)

    queries = count_queries(scene.url())

    assert queries <= PAGE_QUERY_LIMIT, f"{kind}: {queries} queries"


def test_tags__the_solution_page_lists_all_fifty():
    portal = PortalFactory()
    scene = _solution_scene(portal)
    scene.grow(MANY)

    html = Client().get(scene.url()).content.decode()

    assert Tag.objects.count() == MANY
    for i in range(MANY):
        assert f"Schlagwort {i}<" in html


#: The search issue's target: SQL queries per search request, whatever the engine.
SEARCH_QUERY_LIMIT = 10


@pytest.mark.parametrize(
    "url",
    [
        "/de/search/?q=L%C3%B6sung&phase=pilot&field={field}",
        "/de/search/?phase=pilot",
        "/de/search/",
        "/da/search/?q=L%C3%B6sung&page=2",
        "/api/search/?q=L%C3%B6sung&lang=de&phase=pilot",
    ],
)
def test_search_request__at_most_ten_queries_with_fifty_solutions(url):
    """Facets, ranking and paging in SQL; labels, synonyms, visibility and locales
    kept until the content changes; the page loads only the hits it shows."""
    scene = _search_scene(PortalFactory())
    scene.grow(MANY)

    queries = count_queries(url.format(field=scene.portal.field.slug))

    assert queries <= SEARCH_QUERY_LIMIT


def test_search_with_a_typo__at_most_ten_queries_with_pictures_and_places():
    """The database search finds nothing for the typo, asks for a correction and
    searches again; the hits have pictures and places for the results' map."""
    portal = PortalFactory()
    for i in range(MANY):
        solution = SolutionPageFactory(
            portal=portal,
            title=f"Telemedizin {i}",
            slug=f"telemedizin-{i}",
            latitude="54.78",
            longitude="9.43",
            image=wagtail_factories.ImageFactory(file__width=640, file__height=360),
            image_alt="Eine Sprechstunde am Bildschirm",
        )
        publish(solution)

    queries = count_queries("/de/search/?q=Telemedizn")

    assert queries <= SEARCH_QUERY_LIMIT
