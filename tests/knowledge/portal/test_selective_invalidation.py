"""Publishing a solution retires only the cached pages that show it (issue 15).

Every page that shows the solution (its own page, its translation, the lists of its
language, a solution that relates to it, a page linking to it, the search) shows
the change at once; pages that do not show it are still answered from the cache,
without a database query.
"""

from __future__ import annotations

import json

import pytest
from django.core.cache import cache
from django.urls import reverse

from apps.knowledge import i18n
from apps.knowledge.models import SolutionPage
from apps.knowledge.models.solutions import SolutionFieldOfAction
from apps.knowledge.portal.page_cache import HIT_HEADER
from apps.knowledge.templatetags.portal_tags import portal_navigation
from tests.knowledge import factories
from tests.knowledge.factories import (
    PortalFactory,
    SolutionPageFactory,
    TranslationFactory,
    relate,
)

pytestmark = pytest.mark.django_db

OLD_TITLE = "Energiedaten-Plattform"
NEW_TITLE = "Wärmeatlas Nord"


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PORTAL_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def site():
    """A solution shown in many places, and pages that do not show it."""
    portal = PortalFactory()
    solution = SolutionPageFactory(portal=portal, title=OLD_TITLE, slug="energiedaten")
    solution.save_revision().publish()
    translation = TranslationFactory(page=solution, language_code="da")
    translation.title = "Energidataplatform"
    translation.save_revision().publish()
    related = SolutionPageFactory(
        portal=portal, title="Ladesäulenkarte", slug="ladesaeulen"
    )
    related.save_revision().publish()
    related = relate(related, solution)
    linking = SolutionPageFactory(portal=portal, title="Netzkarte", slug="netzkarte")
    linking.body = json.dumps(
        [
            {
                "type": "paragraph",
                "value": f'<p>Siehe <a linktype="page" id="{solution.pk}">die '
                "Plattform</a>.</p>",
            }
        ]
    )
    linking.save_revision().publish()
    unrelated = SolutionPageFactory(portal=portal, title="Bürgerbus", slug="buergerbus")
    unrelated.save_revision().publish()
    organisation = factories.OrganisationFactory(name="Stadtwerke Flensburg")
    return {
        "portal": portal,
        "solution": solution,
        "translation": translation,
        "related": related,
        "linking": linking,
        "unrelated": unrelated,
        "organisation": organisation,
    }


def warm(client, urls) -> None:
    for url in urls:
        client.get(url)
        assert client.get(url)[HIT_HEADER] == "hit", url


def test_publishing_a_solution__shows_at_once_everywhere_it_is_shown(client, site):
    portal = site["portal"]
    showing_title = {
        "own page": site["solution"].url,
        "home teaser": portal.home.url,
        "knowledge base": portal.knowledge.url,
        "partner area": portal.area.url,
        "theme page": portal.theme.url,
        "related solution": site["related"].url,
        "search": "/de/search/?q=Grenzregion",
    }
    linking = site["linking"].url
    translation = site["translation"].url
    warm(client, [*showing_title.values(), linking, translation])

    page = SolutionPage.objects.get(pk=site["solution"].pk)
    page.title = NEW_TITLE
    page.slug = "waermeatlas"
    page.save_revision().publish()
    page = SolutionPage.objects.get(pk=page.pk)

    for where, url in showing_title.items():
        if where == "own page":
            url = page.url
        response = client.get(url)
        html = response.content.decode()
        assert response[HIT_HEADER] == "miss", where
        assert NEW_TITLE in html, where
        assert OLD_TITLE not in html, where
    # The page linking to it and the Danish version show its new address.
    for url in (linking, translation):
        html = client.get(url).content.decode()
        assert "/de/" in html
        assert page.url in html, url
        assert site["solution"].url not in html, url


def test_publishing_a_solution__pages_that_do_not_show_it_stay_cached(
    client, site, django_assert_num_queries
):
    portal = site["portal"]
    untouched = [site["unrelated"].url, portal.themes.url, portal.directory.url]

    responses = publish_then_fetch(client, site, untouched, django_assert_num_queries)

    assert [response[HIT_HEADER] for response in responses] == ["hit"] * 3


def publish_then_fetch(client, site, urls, django_assert_num_queries):
    """Caches ``urls``, publishes the site's solution with a new title and fetches
    them again, which may not run a query."""
    warm(client, urls)
    publish = SolutionPage.objects.get(pk=site["solution"].pk)
    publish.title = NEW_TITLE
    publish.save_revision().publish()
    with django_assert_num_queries(0):
        return [client.get(url) for url in urls]


def test_publishing_a_theme_page__retires_every_page(client, site):
    """Another page type shows in the navigation and lists: everything goes."""
    url = site["unrelated"].url
    warm(client, [url])

    theme = site["portal"].theme.specific
    theme.title = "Erneuerbare Energie"
    theme.save_revision().publish()

    response = client.get(url)
    assert response[HIT_HEADER] == "miss"


def test_relating_a_solution__shows_on_the_other_solution_at_once(client, site):
    """A new relation is shown on both ends: the target learns of it through the
    reference index."""
    url = site["unrelated"].url
    warm(client, [url])

    relate(site["solution"], site["unrelated"])

    html = client.get(url).content.decode()
    assert OLD_TITLE in html


# -- fragments every page repeats --------------------------------------------------


def test_renaming_a_menu_entry__shows_at_once_on_cached_pages(client, site):
    url = site["unrelated"].url
    warm(client, [url])

    knowledge = site["portal"].knowledge.specific
    knowledge.title = "Lösungsarchiv"
    knowledge.save_revision().publish()

    nav = client.get(url).content.decode().split('class="primary-nav"')[1]
    assert "Lösungsarchiv" in nav.split("</nav>")[0]


def test_navigation__kept_while_a_solution_is_published_rebuilt_when_a_section_is(
    site, rf, django_assert_num_queries
):
    """The navigation fragment is kept by the version of the pages it links to."""
    request = rf.get(site["unrelated"].url)
    context = {"request": request}
    portal_navigation(context)  # built and kept
    publish = SolutionPage.objects.get(pk=site["solution"].pk)
    publish.title = NEW_TITLE
    publish.save_revision().publish()

    request = rf.get(site["unrelated"].url)
    request._wagtail_site = site["portal"].home.get_site()
    request._portal_site_homes = i18n.site_homes(request)
    with django_assert_num_queries(0):
        labels = [item.label for item in portal_navigation({"request": request})]
    assert site["portal"].knowledge.title in labels

    knowledge = site["portal"].knowledge.specific
    knowledge.title = "Lösungsarchiv"
    knowledge.save_revision().publish()
    request = rf.get(site["unrelated"].url)
    labels = [item.label for item in portal_navigation({"request": request})]
    assert "Lösungsarchiv" in labels


def test_footer__kept_per_language(client, site):
    client.get(site["unrelated"].url)  # the German footer is kept
    english = client.get("/en/search/").content.decode()
    assert "Open data: downloads, API and feeds" in english


# -- lists of a field of action, a partner area, an organisation -------------------


@pytest.fixture
def other_lists(site):
    """A second field of action with its theme page and a solution, a second
    partner area with a solution, and their addresses (with the maps' data)."""
    portal = site["portal"]
    mobility = factories.FieldOfActionFactory(name="Mobilität", slug="mobility")
    theme = factories.ThemePageFactory(
        parent=portal.themes, title="Mobilität", field_of_action=mobility
    )
    area = factories.PartnerAreaPageFactory(parent=portal.knowledge, title="Amt Nord")
    bus = SolutionPageFactory(parent=area, title="Rufbus Nord", slug="rufbus")
    SolutionFieldOfAction.objects.create(page=bus, field_of_action=mobility)
    bus.save_revision().publish()
    return {
        "field": mobility,
        "theme": theme,
        "area": area,
        "theme_urls": [theme.url, reverse("list_places_json", args=[theme.pk])],
        "area_urls": [area.url, reverse("list_places_json", args=[area.pk])],
        "organisation_url": portal.directory.organisation_url(site["organisation"]),
    }


def move_to(page, field, how: str) -> None:
    """Give ``page`` ``field`` as its only field of action: ``published`` as an
    editor does, or ``saved in code`` (an import changes the row and saves the
    live page)."""
    page = SolutionPage.objects.get(pk=page.pk)
    if how == "published":
        page.fields_of_action = [SolutionFieldOfAction(field_of_action=field)]
        page.save_revision().publish()
    else:
        SolutionFieldOfAction.objects.filter(page=page).update(field_of_action=field)
        page.save()


def test_publishing_a_solution__lists_it_is_not_in_stay_cached(
    client, site, other_lists, django_assert_num_queries
):
    """The theme page of another field of action, another partner area and the page
    of an organisation that has no part in it (with their maps' data) are still
    answered from the cache, without a query."""
    untouched = [
        *other_lists["theme_urls"],
        *other_lists["area_urls"],
        other_lists["organisation_url"],
    ]

    responses = publish_then_fetch(client, site, untouched, django_assert_num_queries)

    assert [response[HIT_HEADER] for response in responses] == ["hit"] * 5


def test_publishing_a_solution__its_organisations_page_shows_it_at_once(client, site):
    solution = site["solution"]
    url = site["portal"].directory.organisation_url(solution.lead_organisation)
    warm(client, [url])

    publish = SolutionPage.objects.get(pk=solution.pk)
    publish.title = NEW_TITLE
    publish.save_revision().publish()

    html = client.get(url).content.decode()
    assert NEW_TITLE in html
    assert OLD_TITLE not in html


@pytest.mark.parametrize("how", ["published", "saved in code"])
@pytest.mark.parametrize("record", ["kept", "lost"])
def test_changing_a_solutions_field__moves_it_between_theme_pages_at_once(
    client, site, other_lists, record, how
):
    """It shows on the new field's theme page and leaves the old one's at once,
    including the old list's second page, which never showed it but shifts. Also
    when the record of the lists it was in is lost (evicted): every list of its
    language goes then."""
    portal = site["portal"]
    # 14 solutions in the energy field: the theme page lists 12 a page.
    for number in range(10):
        SolutionPageFactory(
            portal=portal, title=f"Solarpark {number}"
        ).save_revision().publish()
    if record == "lost":
        cache.clear()  # as Redis evicting under memory pressure
    energy, mobility = portal.theme.url, other_lists["theme"].url
    second_page = f"{energy}?page=2"
    warm(client, [energy, second_page, mobility])
    # Newest first: the second page shows the two oldest.
    assert "Ladesäulenkarte" in client.get(second_page).content.decode()

    move_to(site["unrelated"], other_lists["field"], how)

    assert "Bürgerbus" in client.get(mobility).content.decode()
    assert "Bürgerbus" not in client.get(energy).content.decode()
    html = client.get(second_page).content.decode()
    assert "Ladesäulenkarte" not in html
    assert OLD_TITLE in html


def test_unpublishing_a_solution__leaves_its_lists_at_once(client, site, other_lists):
    solution = site["solution"]
    portal = site["portal"]
    lists = [
        portal.theme.url,
        portal.area.url,
        portal.knowledge.url,
        portal.home.url,
        portal.directory.organisation_url(solution.lead_organisation),
    ]
    warm(client, lists)

    SolutionPage.objects.get(pk=solution.pk).unpublish()

    for url in lists:
        assert OLD_TITLE not in client.get(url).content.decode(), url


@pytest.mark.parametrize("record", ["kept", "lost"])
def test_changing_a_solutions_lead__moves_it_between_organisation_pages_at_once(
    client, site, record
):
    """The organisation that no longer leads it stops listing it at once, also
    when the record of the lists it was in is lost (evicted)."""
    solution = site["solution"]
    directory = site["portal"].directory
    before = directory.organisation_url(solution.lead_organisation)
    after = directory.organisation_url(site["organisation"])
    if record == "lost":
        cache.clear()  # as Redis evicting under memory pressure
    warm(client, [before, after])

    page = SolutionPage.objects.get(pk=solution.pk)
    page.lead_organisation = site["organisation"]
    page.save_revision().publish()

    assert OLD_TITLE not in client.get(before).content.decode()
    assert OLD_TITLE in client.get(after).content.decode()
