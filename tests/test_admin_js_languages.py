"""The admin's scripts speak Danish to a Danish moderator or translator.

Wagtail's admin and wagtail-localize's translation editor load their messages from
two JavaScript catalogues (``/admin/jsi18n/`` and ``/admin/localize/jsi18n/``).
Django fills every message the Danish catalogue lacks with the ``LANGUAGE_CODE``
(German) text, so the scripts' buttons and labels ("Mehr Aktionen", "Abbrechen",
"Übersetzen") showed in German. ``locale/da/LC_MESSAGES/djangojs.po`` carries the
Danish for every message of both catalogues.
"""

from __future__ import annotations

import json
from http import HTTPStatus
from typing import Any

import pytest
from django.urls import reverse
from django.utils.translation.trans_real import DjangoTranslation
from django.views.i18n import JavaScriptCatalog
from wagtail.users.models import UserProfile

from apps.knowledge.roles import DANISH_PARTNERS
from tests.factories import UserFactory
from tests.workflow.factories import AuthoritiesFactory

# The catalogue view of each package, by URL name.
CATALOGUES = {
    "wagtail.admin": "wagtailadmin_javascript_catalog",
    "wagtail_localize": "wagtail_localize:javascript_catalog",
}
# Messages whose Danish is the German text: the same word, or placeholders only.
SAME_IN_DANISH = {
    "Dashboard",
    "Yes",
    "%(time_zone_option)s: %(localized_time_zone_label)s",
}
CATALOGUE_START = "const newcatalog = "


def shown_catalogue(client, url_name: str) -> dict[str, str | list[str]]:
    """The messages the admin's scripts show, as the catalogue script sets them."""
    response = client.get(reverse(url_name))
    assert response.status_code == HTTPStatus.OK, response.content[:300]
    script = response.content.decode()
    start = script.index(CATALOGUE_START) + len(CATALOGUE_START)
    catalogue, _end = json.JSONDecoder().raw_decode(script, start)
    return catalogue


def danish_entries(package: str) -> set:
    """The keys the package's Danish catalogue holds itself, without the fallback
    to German (the project's ``locale/`` merged in, as the view does)."""
    paths = JavaScriptCatalog().get_paths([package])
    catalogue = DjangoTranslation("da", domain="djangojs", localedirs=paths)._catalog
    return set(catalogue.keys())


@pytest.mark.django_db
class AdminJavaScriptLanguageTests:
    """The Danish partners' moderator and the translator with the admin in Danish."""

    @pytest.fixture(autouse=True)
    def _django_fixtures(self, db: None, client: Any, subtests: Any) -> None:
        self.client = client
        self.subtests = subtests

    @classmethod
    def setUpTestData(cls):
        AuthoritiesFactory()
        cls.users = {
            "dk-moderator": UserFactory(moderator=True, area_role=DANISH_PARTNERS),
            "translator": UserFactory(translator=True),
        }

    def catalogues_for(self, username: str, language: str) -> dict[str, dict]:
        user = self.users[username]
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
        self.client.force_login(user)
        return {
            package: shown_catalogue(self.client, url_name)
            for package, url_name in CATALOGUES.items()
        }

    def test_danish_moderator_and_translator__scripts_show_no_german(self):
        for username in ("dk-moderator", "translator"):
            german = self.catalogues_for(username, "de")
            danish = self.catalogues_for(username, "da")
            for package, german_messages in german.items():
                with self.subtests.test(username=username, package=package):
                    # The German catalogue holds every message of the package.
                    assert len(german_messages) > 40
                    own = danish_entries(package)
                    lacking = sorted(
                        msgid
                        for msgid in german_messages
                        if msgid not in own and (msgid, 0) not in own
                    )
                    assert lacking == [], "no Danish translation"
                    in_german = sorted(
                        msgid
                        for msgid, text in german_messages.items()
                        if danish[package].get(msgid) == text
                        and msgid not in SAME_IN_DANISH
                    )
                    assert in_german == [], "shown in German"

    def test_danish_moderator__more_actions_in_danish(self):
        danish = self.catalogues_for("dk-moderator", "da")
        assert danish["wagtail.admin"]["More actions"] == "Flere handlinger"
        assert danish["wagtail_localize"]["Translate"] == "Oversæt"

    def test_german_translator__keeps_wagtails_german(self):
        german = self.catalogues_for("translator", "de")
        assert german["wagtail.admin"]["More actions"] == "Mehr Aktionen"
        assert german["wagtail_localize"]["Translate"] == "Übersetzen"
