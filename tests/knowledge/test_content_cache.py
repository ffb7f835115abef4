"""Portal pages rendered without the page cache keep what every page repeats.

Routing, the navigation, the language switcher, related solutions and the
"outdated translation" notice are kept in the content cache
(apps/knowledge/content_cache.py, on in the tests) under the portal's content
version. A publish or unpublish shows at once on every page that shows it, and a
kept fragment never shows an anonymous visitor something restricted.
"""

from __future__ import annotations

import warnings
from datetime import timedelta
from http import HTTPStatus

import pytest
from django.core.cache import cache
from django.core.cache.backends.base import CacheKeyWarning
from django.db.models.sql.compiler import SQLCompiler
from django.test import Client
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from apps.knowledge import content_cache
from apps.knowledge.models import SolutionPage, SolutionRelation
from tests.knowledge.factories import (
    SolutionPageFactory,
    TranslationFactory,
)

pytestmark = pytest.mark.django_db

TITLE = "Energiedaten-Plattform"


@pytest.fixture
def solution(portal) -> SolutionPage:
    page = SolutionPageFactory(portal=portal, title=TITLE, slug="energie")
    page.save_revision().publish()
    return page


def html_of(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK, url
    return response.content.decode()


def republish(page: Page, **fields) -> Page:
    page = Page.objects.get(pk=page.pk).specific
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


def test_navigation__shows_a_section_renamed_and_published_at_once(client, portal):
    assert portal.themes.title in html_of(client, portal.home.get_url())

    republish(portal.themes, title="Handlungsfelder der Region")

    for url in (portal.home.get_url(), portal.directory.get_url()):
        assert "Handlungsfelder der Region" in html_of(client, url)


def test_navigation__drops_an_unpublished_section_at_once(client, portal):
    directory_url = portal.directory.get_url()
    assert f'href="{directory_url}"' in html_of(client, portal.home.get_url())

    Page.objects.get(pk=portal.directory.pk).unpublish()

    assert f'href="{directory_url}"' not in html_of(client, portal.home.get_url())
    assert client.get(directory_url).status_code == HTTPStatus.NOT_FOUND


def test_navigation__drops_a_section_made_private_for_every_visitor(
    client, portal, admin_user
):
    directory_url = portal.directory.get_url()
    assert f'href="{directory_url}"' in html_of(client, portal.home.get_url())

    PageViewRestriction.objects.create(
        page=portal.directory, restriction_type=PageViewRestriction.LOGIN
    )

    assert f'href="{directory_url}"' not in html_of(client, portal.home.get_url())
    response = client.get(directory_url)
    assert response.status_code == HTTPStatus.FOUND
    assert "login" in response["Location"]


def test_language_switcher__links_a_translation_once_published_until_unpublished(
    client, solution
):
    url = solution.get_url()
    html_of(client, url)

    danish = TranslationFactory(page=solution, language_code="da")
    danish_url = danish.get_url()

    assert f'href="{danish_url}"' in html_of(client, url)

    Page.objects.get(pk=danish.pk).unpublish()

    assert f'href="{danish_url}"' not in html_of(client, url)


def test_related_solutions__drop_an_unpublished_solution_at_once(
    client, portal, solution
):
    other = SolutionPageFactory(portal=portal, title="Wärmeatlas", slug="waerme")
    other.save_revision().publish()
    SolutionRelation.objects.create(
        page=SolutionPage.objects.get(pk=solution.pk), target=other
    )
    republish(solution)
    assert "Wärmeatlas" in html_of(client, solution.get_url())

    Page.objects.get(pk=other.pk).unpublish()

    assert "Wärmeatlas" not in html_of(client, solution.get_url())


def test_related_solution__leaves_the_kept_list_when_it_expires(
    client, portal, solution, monkeypatch
):
    """Nothing is saved when a page expires: kept values built from visible pages
    are rebuilt from the moment the next one expires (no waiting: the clock is
    moved on)."""
    now = timezone.now()
    other = SolutionPageFactory(portal=portal, title="Wärmeatlas", slug="waerme")
    other.expire_at = now + timedelta(hours=1)
    other.save_revision().publish()
    SolutionRelation.objects.create(
        page=SolutionPage.objects.get(pk=solution.pk), target=other
    )
    republish(solution)
    assert "Wärmeatlas" in html_of(client, solution.get_url())

    monkeypatch.setattr(timezone, "now", lambda: now + timedelta(hours=2))

    assert "Wärmeatlas" not in html_of(client, solution.get_url())
    assert client.get(other.get_url()).status_code == HTTPStatus.NOT_FOUND


def test_address__follows_a_published_slug_change_at_once(client, solution):
    old_url = solution.get_url()
    html_of(client, old_url)

    republish(solution, slug="energiedaten")
    new_url = Page.objects.get(pk=solution.pk).get_url()

    assert new_url != old_url
    assert client.get(old_url).status_code == HTTPStatus.NOT_FOUND
    assert TITLE in html_of(client, new_url)


def test_page_restricted_after_a_visit__asks_anonymous_visitors_to_log_in(
    client, solution
):
    url = solution.get_url()
    html_of(client, url)

    PageViewRestriction.objects.create(
        page=solution, restriction_type=PageViewRestriction.LOGIN
    )
    response = client.get(url)

    assert response.status_code == HTTPStatus.FOUND
    assert "login" in response["Location"]
    assert TITLE not in response.content.decode()


def test_public_page__is_served_without_building_a_restriction_query(
    client, solution, monkeypatch
):
    html_of(client, solution.get_url())  # the restricted paths kept
    compiled = []
    as_sql = SQLCompiler.as_sql

    def noting(self, *args, **kwargs):
        compiled.append(self.query.model)
        return as_sql(self, *args, **kwargs)

    monkeypatch.setattr(SQLCompiler, "as_sql", noting)
    page = SolutionPage.objects.get(pk=solution.pk)
    compiled.clear()

    restrictions = page.get_view_restrictions()

    assert list(restrictions) == []
    assert not restrictions.exists()
    # Wagtail iterates the restrictions of every page it serves.
    assert PageViewRestriction not in compiled


def test_restricted_area_seen_by_an_editor_first__still_asks_visitors_to_log_in(
    client, portal, solution, admin_user
):
    PageViewRestriction.objects.create(
        page=portal.area, restriction_type=PageViewRestriction.LOGIN
    )
    url = solution.get_url()
    client.force_login(admin_user)
    assert TITLE in html_of(client, url)

    anonymous = Client()
    response = anonymous.get(url)

    assert response.status_code == HTTPStatus.FOUND
    assert TITLE not in response.content.decode()


def test_outdated_notice__appears_on_the_translation_once_the_original_is_published(
    client, solution
):
    danish = TranslationFactory(page=solution, language_code="da")
    assert "data-outdated-translation" not in html_of(client, danish.get_url())

    republish(solution, title="Energiedaten-Plattform 2.0")

    assert "data-outdated-translation" in html_of(client, danish.get_url())


@pytest.fixture
def build(settings):
    """A value to keep in the content cache (on, emptied): how often it was built."""
    settings.CONTENT_CACHE_SECONDS = 300
    cache.clear()
    built = []

    def count() -> int:
        built.append(1)
        return len(built)

    yield count
    cache.clear()


def test_version_read_once_per_request__a_retirement_inside_is_still_seen(build):
    """The content version is read once per request (issue 15); a change made in
    the same request (an editor publishing) must not leave a value built before it."""
    with content_cache.one_version_read():
        assert content_cache.remember("counted", build) == 1
        assert content_cache.remember("counted", build) == 1  # kept
        content_cache.retire_everything()
        assert content_cache.remember("counted", build) == 2  # rebuilt


def test_counters_evicted__a_retirement_still_retires_and_values_are_kept_again(
    build,
):
    """Redis may evict the counters (content version, retirement sequence, settled
    count) under memory pressure; they start afresh, above every value handed out."""
    assert content_cache.remember_tagged("counted", build, tags={"solution"}) == 1
    cache.delete_many(
        [
            content_cache.VERSION_KEY,
            content_cache.SEQUENCE_KEY,
            content_cache.SETTLED_KEY,
        ]
    )
    content_cache.retire_now(["solution"])
    assert content_cache.remember_tagged("counted", build, tags={"solution"}) == 2
    assert content_cache.remember_tagged("counted", build, tags={"solution"}) == 2
    content_cache.bump_version()
    content_cache.retire_now(["solution"])
    assert content_cache.remember_tagged("counted", build, tags={"solution"}) == 3


@pytest.mark.parametrize("number", ["\x0e", "9" * 5000, "2 3", "²"])
def test_partner_area_with_a_junk_page_number__is_kept_under_a_valid_key(
    client, portal, solution, number
):
    with warnings.catch_warnings():
        # Django warns of keys memcached would refuse (control characters,
        # over 250 characters): a visitor's ?page= was written into the key.
        warnings.simplefilter("error", CacheKeyWarning)
        first = client.get(portal.area.url, {"page": number})
        again = client.get(portal.area.url, {"page": number})

    assert first.status_code == again.status_code == HTTPStatus.OK
    assert TITLE in again.content.decode()
