"""Shared fragments: portal pages fast without the page cache (issue 15).

The body of a solution page, the lists of theme and home pages are rendered once
and kept by the versions of what they show (``{% shared_fragment %}``): a publish
shows at once, a logged-in visitor gets the same kept fragments (and their own
follow button), and each language has its own.
"""

from __future__ import annotations

from http import HTTPStatus

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.knowledge.models import SolutionPage
from tests.knowledge.factories import (
    PortalFactory,
    SolutionPageFactory,
    TranslationFactory,
)

pytestmark = pytest.mark.django_db

OLD_TEASER = "Eine Plattform für Energiedaten der Stadtwerke."
NEW_TEASER = "Ein Wärmeatlas für den ganzen Norden."


@pytest.fixture(autouse=True)
def fragments_only(settings):
    """No page cache: every request renders the page, fragments come from the cache."""
    settings.PORTAL_CACHE_SECONDS = 0
    settings.CONTENT_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def portal():
    return PortalFactory()


@pytest.fixture
def solution(portal):
    page = SolutionPageFactory(
        portal=portal,
        title="Energiedaten-Plattform",
        slug="energiedaten",
        teaser=OLD_TEASER,
    )
    page.save_revision().publish()
    return SolutionPage.objects.get(pk=page.pk)


def publish_teaser(page: SolutionPage, teaser: str) -> None:
    page = SolutionPage.objects.get(pk=page.pk)
    page.teaser = teaser
    page.save_revision().publish()


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    return len(captured)


def test_publish__the_solution_page_shows_the_new_text_at_once(client, solution):
    url = solution.get_url()
    client.get(url)
    assert OLD_TEASER in client.get(url).content.decode()  # from the kept fragment

    publish_teaser(solution, NEW_TEASER)

    content = client.get(url).content.decode()
    assert NEW_TEASER in content
    assert OLD_TEASER not in content


def test_publish__theme_and_home_lists_show_a_new_solution_at_once(
    client, portal, solution
):
    # A draft (made with its organisation and image before the lists are kept):
    # publishing it retires the lists of its language, not everything.
    newcomer = SolutionPageFactory(
        portal=portal, title="Bürgerbus", slug="buergerbus", live=False
    )
    urls = [portal.theme.get_url(), portal.home.get_url()]
    for url in urls:
        client.get(url)
        assert "Bürgerbus" not in client.get(url).content.decode()

    newcomer.save_revision().publish()

    for url in urls:
        assert "Bürgerbus" in client.get(url).content.decode(), url


def test_publish__a_title_change_shows_in_the_lists_at_once(client, portal, solution):
    url = portal.theme.get_url()
    client.get(url)
    solution.title = "Wärmeatlas Nord"
    solution.save_revision().publish()

    content = client.get(url).content.decode()
    assert "Wärmeatlas Nord" in content
    assert "Energiedaten-Plattform" not in content


def test_logged_in_partner__second_request_uses_the_kept_fragments(
    client, solution, django_user_model
):
    partner = django_user_model.objects.create_user("partner", "p@example.org", "pw")
    client.force_login(partner)
    url = solution.get_url()

    first = queries(client, url)
    second = queries(client, url)

    # The page itself, the session and the user; the relations (fields of action,
    # partners, contacts, tags), the parent and the image are in the fragments.
    assert second <= 5
    assert second < first
    content = client.get(url).content.decode()
    assert OLD_TEASER in content
    assert "csrfmiddlewaretoken" in content  # the follow button: outside, per user


def test_fragment_kept_for_a_logged_in_visitor__holds_nothing_of_theirs(
    client, solution, django_user_model
):
    partner = django_user_model.objects.create_user("partner", "p@example.org", "pw")
    client.force_login(partner)
    url = solution.get_url()
    mine = client.get(url).content.decode()
    client.logout()

    anonymous = client.get(url).content.decode()

    assert "csrfmiddlewaretoken" in mine
    assert "csrfmiddlewaretoken" not in anonymous
    assert OLD_TEASER in anonymous


def test_fragments__each_language_has_its_own(client, solution):
    danish = TranslationFactory(page=solution, language_code="da")
    danish.teaser = "En platform til energidata."
    danish.save_revision().publish()
    german_url, danish_url = solution.get_url(), danish.get_url()
    client.get(german_url)
    client.get(danish_url)

    german = client.get(german_url).content.decode()
    danish_page = client.get(danish_url).content.decode()

    assert "Fakten" in german
    assert "Fakta" not in german
    assert "Fakta" in danish_page
    assert "Fakten" not in danish_page
    assert "En platform til energidata." in danish_page
    assert OLD_TEASER not in danish_page


def test_preview__shows_the_unsaved_text_although_the_fragment_is_kept(
    client, solution, admin_user
):
    url = solution.get_url()
    client.get(url)
    client.force_login(admin_user)

    draft = SolutionPage.objects.get(pk=solution.pk)
    draft.teaser = "Nur im Entwurf"
    draft.save_revision()
    preview = client.get(
        f"/admin/pages/{solution.pk}/revisions/{draft.latest_revision_id}/view/"
    )

    assert preview.status_code == HTTPStatus.OK
    assert "Nur im Entwurf" in preview.content.decode()
    assert OLD_TEASER in client.get(url).content.decode()
