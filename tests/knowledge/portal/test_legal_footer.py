"""The footer of every portal page links the legal notice, the privacy notice and
the accessibility statement in the visitor's language (another language where no
translation exists) and the feedback form with the page it is on. The footer is a
shared fragment: a new or renamed legal page shows in it at once."""

from __future__ import annotations

import re
from http import HTTPStatus
from urllib.parse import quote

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from apps.knowledge.models import LegalNoticePage
from tests.knowledge.factories import (
    AccessibilityStatementPageFactory,
    LegalNoticePageFactory,
    PrivacyNoticePageFactory,
    SolutionPageFactory,
    TranslationFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def kept_footer(settings):
    """The footer comes from the content cache, as in production."""
    settings.CONTENT_CACHE_SECONDS = 300
    cache.clear()


@pytest.fixture
def legal(portal):
    """The three legal pages in German."""
    return [
        LegalNoticePageFactory(parent=portal.home),
        PrivacyNoticePageFactory(parent=portal.home),
        AccessibilityStatementPageFactory(parent=portal.home),
    ]


def footer(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK, url
    html = response.content.decode()
    return re.search(r'<footer class="site-footer">.*?</footer>', html, re.S).group(0)


def feedback_link(path: str, language: str = "de") -> str:
    with translation.override(language):
        return f'href="{reverse("feedback")}?page={quote(path, safe="/")}"'


def test_footer__on_every_page_type_links_legal_pages_and_feedback(
    client, portal, legal
):
    solution = SolutionPageFactory(portal=portal)
    with translation.override("de"):
        views = [reverse("search"), reverse("open_data"), reverse("feedback")]
    urls = [
        portal.home.url,
        portal.knowledge.url,
        portal.area.url,
        portal.themes.url,
        portal.theme.url,
        portal.directory.url,
        solution.url,
        *(page.url for page in legal),
        *views,
    ]
    for url in urls:
        html = footer(client, url)
        for page in legal:
            assert f'href="{page.url}">{page.title}</a>' in html, url
        assert feedback_link(url) in html, url


def test_footer__links_the_visitors_language_else_another(client, portal, legal):
    notice, privacy, statement = legal
    danish_privacy = TranslationFactory(page=privacy, language_code="da")
    danish_privacy.title = "Privatlivspolitik"
    danish_privacy.save_revision().publish()
    danish_home = TranslationFactory(page=portal.home, language_code="da")

    html = footer(client, danish_home.url)

    assert f'href="{danish_privacy.url}">Privatlivspolitik</a>' in html
    assert privacy.url not in html
    # No Danish legal notice yet: the German one, marked as German.
    assert f'<a href="{notice.url}" lang="de" hreflang="de">{notice.title}</a>' in html
    assert f'href="{statement.url}" lang="de" hreflang="de"' in html
    assert feedback_link(danish_home.url, "da") in html


def test_footer__a_new_legal_page_shows_at_once(client, portal, legal):
    notice, privacy, statement = legal
    statement.delete()
    before = footer(client, portal.home.url)
    assert "Barrierefreiheit" not in before

    new = AccessibilityStatementPageFactory(
        parent=portal.home, slug="barrierefreiheit-neu", live=False
    )
    new.save_revision().publish()

    assert f'href="{new.url}">{new.title}</a>' in footer(client, portal.home.url)


def test_footer__a_renamed_legal_page_shows_at_once_also_from_the_page_cache(
    client, portal, legal, settings
):
    settings.PORTAL_CACHE_SECONDS = 300
    notice = legal[0]
    assert ">Impressum</a>" in footer(client, portal.knowledge.url)
    assert client.get(portal.knowledge.url).headers.get("X-Portal-Cache") == "hit"

    notice = LegalNoticePage.objects.get(pk=notice.pk)
    notice.title = "Anbieterkennzeichnung"
    notice.save_revision().publish()

    html = footer(client, portal.knowledge.url)
    assert ">Anbieterkennzeichnung</a>" in html
    assert ">Impressum</a>" not in html


def test_footer__unpublished_legal_page_is_not_linked(client, portal, legal):
    notice = legal[0]
    notice.unpublish()

    assert notice.url not in footer(client, portal.home.url)


def test_footer__of_a_404_names_no_page_in_the_feedback_link(client, portal, legal):
    response = client.get("/de/gibt-es-nicht/")

    assert response.status_code == HTTPStatus.NOT_FOUND
    html = response.content.decode()
    with translation.override("de"):
        assert f'href="{reverse("feedback")}"' in html
    assert "gibt-es-nicht" not in html
