"""Translating a page never overwrites the reviewed translations of its snippets.

Demo try 4: a translator translated a new solution into Danish, later English, with
wagtail-localize. wagtail-localize translates the page's related snippets too, so
the reviewed Danish and English versions of its lead organisation got the German
name and description and were set to not live, without any workflow. Now an
existing snippet translation is left as it is, and a missing one is created as a
draft that goes to its language's review.
"""

from __future__ import annotations

from http import HTTPStatus

from django.test import TestCase
from django.urls import reverse
from wagtail.models import Locale

from apps.knowledge.choices import Country, OrganisationKind
from apps.knowledge.models import Organisation
from apps.workflow.groups import setup_roles
from apps.workflow.models import TranslationReviewTask
from tests.factories import UserFactory
from tests.knowledge import factories
from tests.knowledge.factories import SolutionPageFactory, TranslationFactory
from tests.workflow.admin_actions import client_for
from tests.workflow.factories import AuthoritiesFactory

GERMAN_NAME = "Stadtwerke Flensburg"
GERMAN_DESCRIPTION = "Strom, Wärme und Wasser für Flensburg."
TRANSLATED = {
    "da": ("Flensborg Forsyning", "El, varme og vand til Flensborg."),
    "en": ("Flensburg Utilities", "Power, heat and water for Flensburg."),
}


def fresh(obj):
    return type(obj).objects.get(pk=obj.pk)


class RelatedSnippetTranslationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.authorities = AuthoritiesFactory()
        cls.portal = cls.authorities.portal
        cls.translator = UserFactory(translator=True)
        cls.locales = {
            code: Locale.objects.get(language_code=code) for code in ("da", "en")
        }
        cls.directories = {
            code: TranslationFactory(page=cls.portal.directory, language_code=code)
            for code in cls.locales
        }
        for code in cls.locales:
            TranslationFactory(page=cls.portal.area, language_code=code)
        # The translators' page permissions on the new language trees.
        setup_roles()
        cls.organisation = factories.OrganisationFactory(
            name=GERMAN_NAME,
            slug="stadtwerke-flensburg",
            description=GERMAN_DESCRIPTION,
            kind=OrganisationKind.COMPANY,
            country=Country.GERMANY,
            live=True,
        )
        cls.reviewed = {}
        for code, (name, description) in TRANSLATED.items():
            # Translated and reviewed in Wagtail's snippet editor, not localize.
            translation = cls.organisation.copy_for_translation(cls.locales[code])
            translation.name = name
            translation.description = description
            translation.live = True
            translation.save()
            cls.reviewed[code] = translation
        cls.solution = SolutionPageFactory(
            portal=cls.portal,
            title="Digitale Dorfkiste",
            lead_organisation=cls.organisation,
        )

    def translate_in_localize(self, code: str):
        """The admin's "Translate" action on the page, then the translation editor."""
        client = client_for(self.translator)
        response = client.post(
            reverse(
                "wagtail_localize:submit_page_translation", args=[self.solution.pk]
            ),
            {"locales": [self.locales[code].pk]},
        )
        self.assertEqual(response.status_code, HTTPStatus.FOUND)
        translated = self.solution.get_translation(self.locales[code])
        editor = client.get(reverse("wagtailadmin_pages:edit", args=[translated.pk]))
        self.assertEqual(editor.status_code, HTTPStatus.OK)
        return translated

    def test_translating_a_page__keeps_reviewed_translations_of_its_organisation(self):
        for code in ("da", "en"):
            self.translate_in_localize(code)

        for code, (name, description) in TRANSLATED.items():
            with self.subTest(language=code):
                organisation = fresh(self.reviewed[code])
                self.assertEqual(organisation.name, name)
                self.assertEqual(organisation.description, description)
                self.assertTrue(organisation.live)
                self.assertFalse(organisation.has_unpublished_changes)
                self.assertFalse(organisation.workflow_in_progress)
        directory = self.client.get(
            self.directories["da"].url, headers={"accept-language": "da"}
        )
        self.assertContains(directory, TRANSLATED["da"][0])
        self.assertNotContains(directory, GERMAN_NAME)
        api = self.client.get(
            reverse("knowledge_api:organisations:listing"), {"locale": "da"}
        )
        self.assertContains(api, TRANSLATED["da"][0])

    def test_translating_a_page__creates_missing_organisation_as_draft_in_review(self):
        Organisation.objects.filter(pk=self.reviewed["da"].pk).delete()

        self.translate_in_localize("da")

        danish = self.organisation.get_translation(self.locales["da"])
        self.assertFalse(danish.live)
        self.assertTrue(danish.workflow_in_progress)
        self.assertIsInstance(
            danish.current_workflow_task.specific, TranslationReviewTask
        )
        # The English version, not part of this translation, is untouched.
        self.assertEqual(fresh(self.reviewed["en"]).name, TRANSLATED["en"][0])
