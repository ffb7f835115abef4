"""Anonymous visitors get portal pages from the cache; a publish shows at once."""

from __future__ import annotations

import gzip
from http import HTTPStatus

import pytest
import redis
from django.core.cache import cache
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import PageViewRestriction

from apps.knowledge.content_cache import VERSION_KEY
from apps.knowledge.models import (
    ContactDirectoryPage,
    Organisation,
    SolutionPage,
    ZeroResultQuery,
)
from apps.knowledge.portal.page_cache import HIT_HEADER
from tests.knowledge import factories
from tests.knowledge.factories import (
    PortalFactory,
    SolutionPageFactory,
    TranslationFactory,
)

pytestmark = pytest.mark.django_db

TITLES = {
    "de": "Energiedaten-Plattform",
    "da": "Energidataplatform",
    "en": "Energy data platform",
}


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PORTAL_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def solution():
    portal = PortalFactory()
    page = SolutionPageFactory(portal=portal, title=TITLES["de"], slug="energiedaten")
    page.save_revision().publish()
    return page


@pytest.fixture
def translated(solution):
    """The solution in de, da and en, each with its own title."""
    pages = {"de": solution}
    for language in ("da", "en"):
        page = TranslationFactory(page=solution, language_code=language)
        page.title = TITLES[language]
        page.save_revision().publish()
        pages[language] = page
    return pages


def publish_title(page: SolutionPage, title: str) -> None:
    page = SolutionPage.objects.get(pk=page.pk)
    page.title = title
    page.save_revision().publish()


def test_anonymous_visitor__second_visit_comes_from_the_cache_without_database(
    client, solution, django_assert_num_queries
):
    url = solution.get_url()
    first = client.get(url)

    with django_assert_num_queries(0):
        second = client.get(url)

    assert first.status_code == second.status_code == HTTPStatus.OK
    assert first[HIT_HEADER] == "miss"
    assert second[HIT_HEADER] == "hit"
    assert second.content == first.content
    assert TITLES["de"] in second.content.decode()
    # Headers added on the way out still come with a cached page.
    assert "Content-Security-Policy" in second
    assert second["Content-Language"] == "de"


def test_cached_page__goes_compressed_to_a_browser_that_accepts_gzip(client, solution):
    url = solution.get_url()
    browser = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}
    first = client.get(url, **browser)

    second = client.get(url, **browser)

    assert second[HIT_HEADER] == "hit"
    assert second["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in second["Vary"]
    assert int(second["Content-Length"]) == len(second.content) < len(first.content)
    assert gzip.decompress(second.content) == first.content


def test_cached_page__goes_as_rendered_to_a_client_without_gzip(client, solution):
    url = solution.get_url()
    first = client.get(url)

    second = client.get(url, HTTP_ACCEPT_ENCODING="identity")

    assert second[HIT_HEADER] == "hit"
    assert not second.has_header("Content-Encoding")
    assert "Accept-Encoding" in second["Vary"]
    assert second.content == first.content
    assert int(second["Content-Length"]) == len(first.content)


def test_logged_in_editor__never_gets_the_cached_copy(client, solution, admin_user):
    url = solution.get_url()
    anonymous = client.get(url).content.decode()  # cached for anonymous visitors

    client.force_login(admin_user)
    response = client.get(url)

    assert response.status_code == HTTPStatus.OK
    assert HIT_HEADER not in response
    # Rendered for the editor: their own links, not the anonymous visitor's.
    with translation.override("de"):
        assert gettext("Partner login") in anonymous
        assert gettext("Log out") in response.content.decode()
        assert gettext("Partner login") not in response.content.decode()


def test_page_rendered_for_a_logged_in_editor__is_not_served_to_anonymous_visitors(
    client, solution, admin_user
):
    url = solution.get_url()
    client.force_login(admin_user)
    client.get(url)
    client.logout()
    client.cookies.clear()

    response = client.get(url)

    assert response[HIT_HEADER] == "miss"


def test_publishing_a_change__shows_the_new_title_at_once_in_every_language(
    client, translated
):
    for page in translated.values():
        assert client.get(page.get_url())[HIT_HEADER] == "miss"
        assert client.get(page.get_url())[HIT_HEADER] == "hit"

    new_titles = {"de": "Energieatlas", "da": "Energiatlas", "en": "Energy atlas"}
    for language, page in translated.items():
        publish_title(page, new_titles[language])

    for language, page in translated.items():
        html = client.get(page.get_url()).content.decode()
        assert new_titles[language] in html
        assert TITLES[language] not in html


def test_editing_an_organisation__shows_its_new_name_on_cached_pages(client, solution):
    url = solution.get_url()
    client.get(url)
    organisation = Organisation.objects.get(pk=solution.lead_organisation_id)
    organisation.name = "Stadtwerke Nord"
    organisation.save()

    response = client.get(url)

    assert response[HIT_HEADER] == "miss"
    assert "Stadtwerke Nord" in response.content.decode()


def test_unpublishing__answers_not_found_at_once(client, solution):
    url = solution.get_url()
    assert client.get(url).status_code == HTTPStatus.OK

    SolutionPage.objects.get(pk=solution.pk).unpublish()

    assert client.get(url).status_code == HTTPStatus.NOT_FOUND


def test_deleting_a_page__answers_not_found_at_once(client, solution):
    url = solution.get_url()
    assert client.get(url).status_code == HTTPStatus.OK

    SolutionPage.objects.get(pk=solution.pk).delete()

    assert client.get(url).status_code == HTTPStatus.NOT_FOUND


def test_saved_draft__is_never_served_to_anonymous_visitors(client, solution):
    url = solution.get_url()
    client.get(url)
    page = SolutionPage.objects.get(pk=solution.pk)
    page.title = "Entwurf, noch nicht freigegeben"
    page.save_revision()

    cached = client.get(url).content.decode()
    cache.clear()
    fresh = client.get(url).content.decode()

    for html in (cached, fresh):
        assert TITLES["de"] in html
        assert "Entwurf, noch nicht freigegeben" not in html


def test_password_protected_page__is_never_cached(client, solution):
    PageViewRestriction.objects.create(
        page=solution,
        restriction_type=PageViewRestriction.PASSWORD,
        password="geheim",  # noqa: S106
    )
    url = solution.get_url()

    client.get(url)
    response = client.get(url)

    assert HIT_HEADER not in response
    assert TITLES["de"] not in response.content.decode()


def test_search_with_results__is_cached_and_follows_a_publish(client, solution):
    url = "/de/search/?q=Energiedaten&phase=pilot"
    assert TITLES["de"] in client.get(url).content.decode()
    assert client.get(url)[HIT_HEADER] == "hit"

    publish_title(solution, "Energiedaten-Atlas")

    response = client.get(url)
    assert response[HIT_HEADER] == "miss"
    assert "Energiedaten-Atlas" in response.content.decode()


def test_search_that_finds_nothing__is_counted_each_time_not_cached(client, solution):
    url = "/de/search/?q=Zeppelinhafen"

    first = client.get(url)
    second = client.get(url)

    assert HIT_HEADER not in first
    assert HIT_HEADER not in second
    assert ZeroResultQuery.objects.get(query="zeppelinhafen").count == 2


def test_cache_switched_off__every_visit_renders_afresh(client, solution, settings):
    settings.PORTAL_CACHE_SECONDS = 0
    url = solution.get_url()
    client.get(url)

    response = client.get(url)

    assert response.status_code == HTTPStatus.OK
    assert HIT_HEADER not in response


def test_saving_a_contact__retires_the_cached_pages(client, solution):
    url = solution.get_url()
    client.get(url)

    factories.ContactFactory(name="Neue Kontaktperson")

    assert client.get(url)[HIT_HEADER] == "miss"


# -- bounded: junk query parameters never fill the cache -------------------------------

#: A Redis database of its own (9-12 are the tests'), emptied before and after.
REDIS_URL = "redis://127.0.0.1:6379/9"


@pytest.fixture
def redis_cache(settings):
    server = redis.Redis.from_url(REDIS_URL)
    try:
        server.ping()
    except redis.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    server.flushdb()
    settings.CACHES = {
        "default": {
            "BACKEND": "apps.knowledge.cache_snapshot.SnapshotRedisCache",
            "LOCATION": REDIS_URL,
        }
    }
    yield server
    server.flushdb()


def stored_pages(server: redis.Redis) -> int:
    keys = server.keys("*portal-page:*")
    return len([key for key in keys if not key.decode().endswith(VERSION_KEY)])


def test_home_page_with_50_junk_parameters__leaves_at_most_one_cache_entry(
    client, solution, redis_cache
):
    home = solution.get_site().root_page.url

    responses = [client.get(f"{home}?cb={number}") for number in range(50)]

    assert {response.status_code for response in responses} == {HTTPStatus.OK}
    assert stored_pages(redis_cache) <= 1
    client.get(home)
    assert client.get(home)[HIT_HEADER] == "hit"
    assert stored_pages(redis_cache) == 1


def test_search_with_a_junk_parameter__is_answered_but_not_stored(
    client, solution, redis_cache
):
    for number in range(10):
        response = client.get(f"/de/search/?q=Energiedaten&cb={number}")
        assert TITLES["de"] in response.content.decode()

    assert stored_pages(redis_cache) == 0


def test_searches_for_different_words__are_still_cached_each(
    client, solution, redis_cache
):
    urls = ["/de/search/?q=Energiedaten", "/de/search/?q=Plattform&page=1"]
    for url in urls:
        client.get(url)

    assert [client.get(url)[HIT_HEADER] for url in urls] == ["hit", "hit"]
    assert stored_pages(redis_cache) == 2


def test_knowledge_index_filtered_by_phase__is_still_cached(client, solution):
    knowledge_index = solution.get_parent().get_parent()  # above the partner area
    url = f"{knowledge_index.url}?phase=pilot&page=1"
    client.get(url)

    assert client.get(url)[HIT_HEADER] == "hit"


def test_cached_page__carries_the_headers_of_the_rendered_one(client, solution):
    """A hit is answered before the session, locale and clickjacking middleware
    (issue 15): what they added to the page is stored with it."""
    url = solution.get_url()
    first = client.get(url)
    second = client.get(url)

    assert second[HIT_HEADER] == "hit"
    for header in (
        "Content-Language",
        "X-Frame-Options",
        "Content-Security-Policy",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Content-Type",
    ):
        assert second[header] == first[header], header
    assert not second.cookies


def organisation_url(solution) -> str:
    directory = ContactDirectoryPage.objects.live().get(locale=solution.locale)
    return directory.organisation_url(solution.lead_organisation)


def test_organisation_pages_of_solutions__are_each_cached(client, solution):
    url = organisation_url(solution)
    urls = [url, f"{url}?page=2", f"{url}?page=1&partner_page=2"]
    for address in urls:
        assert client.get(address)[HIT_HEADER] == "miss"

    assert [client.get(address)[HIT_HEADER] for address in urls] == ["hit"] * 3


def test_organisation_page__with_a_parameter_it_does_not_read__is_not_stored(
    client, solution
):
    # The directory's own filter is no parameter of an organisation's page.
    url = f"{organisation_url(solution)}?country=DK"
    client.get(url)

    response = client.get(url)

    assert response.status_code == HTTPStatus.OK
    assert HIT_HEADER not in response
