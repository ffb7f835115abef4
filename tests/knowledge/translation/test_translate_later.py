"""A language added after the original changed starts from the current original.

Issue 14 item 11: wagtail-localize extracts the original's text for the first
translation and reused that extract when a translator added another language
later, so the new translation started from the old German text, without a word.
"""

from __future__ import annotations

from http import HTTPStatus

from django.test import TestCase
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale, Page

from apps.knowledge.roles import AREA_ROLES
from apps.workflow.groups import setup_roles
from tests.factories import UserFactory
from tests.knowledge.factories import SolutionPageFactory, TranslationFactory
from tests.workflow.admin_actions import client_for, edit_url
from tests.workflow.factories import AuthoritiesFactory

OLD_TEASER = "Eine Bank, auf der man auf eine Mitfahrgelegenheit wartet."
NEW_TEASER = "Eine Bank mit Anzeige, die Fahrer im Dorf über Wartende informiert."


def _translate(client, page: Page, language: str):
    """The translator's "Translate this page" for one language, as in the admin."""
    locale = Locale.objects.get(language_code=language)
    return client.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
        {"locales": [locale.pk]},
        follow=True,
    )


class TranslateLaterTests(TestCase):
    def test_language_added_later__starts_from_the_current_original_and_says_so(
        self,
    ) -> None:
        authorities = AuthoritiesFactory()
        area = authorities.area(AREA_ROLES[0])
        for language in ("da", "en"):
            TranslationFactory(page=area, language_code=language)
        setup_roles()  # the translators' permissions on the new language trees
        editor = UserFactory(editor=True, area_role=AREA_ROLES[0])
        german = SolutionPageFactory(
            draft=True,
            parent=area,
            author=editor,
            portal=authorities.portal,
            title="Mitfahrbank",
            teaser=OLD_TEASER,
        )
        german.get_latest_revision().publish()
        client = client_for(UserFactory(translator=True))
        assert _translate(client, german, "da").status_code == HTTPStatus.OK

        # The editor changes the German text and it is published.
        german = german.specific_class.objects.get(pk=german.pk)
        german.teaser = NEW_TEASER
        german.save_revision(user=editor).publish()

        response = _translate(client, german, "en")

        assert response.status_code == HTTPStatus.OK
        english = german.get_translation(Locale.objects.get(language_code="en"))
        opened = client.get(edit_url(english))  # wagtail-localize's editor
        assert opened.status_code == HTTPStatus.OK
        editor_html = opened.content.decode()
        # The editor's strings are JSON in an attribute (non-ASCII letters escaped).
        assert "Eine Bank mit Anzeige, die Fahrer im Dorf" in editor_html
        assert "auf eine Mitfahrgelegenheit wartet" not in editor_html
        with translation.override("en"):
            danish = str(Locale.objects.get(language_code="da").get_display_name())
        messages = [str(m) for m in response.context["messages"]]
        assert any(
            "The new translation starts from its current version" in m and danish in m
            for m in messages
        ), messages
