"""The reuse-readiness profile in the exports: publiccode.yml names the
documentation where the profile gives its address."""

from __future__ import annotations

import yaml
from django.test import TestCase

from apps.knowledge.choices import Licence
from apps.knowledge.models import SolutionPage
from apps.knowledge.open_data.publiccode import validate_publiccode
from tests.knowledge.factories import OpenDataPortalFactory

DOCUMENTATION = "https://docs.example.org/mobilitaetsstationen"


class PubliccodeDocumentationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.data = OpenDataPortalFactory()
        SolutionPage.objects.filter(
            translation_key=cls.data.mobility.translation_key
        ).update(
            licence=Licence.EUPL,
            source_repository="https://git.example.org/mobilitaetsstationen",
            # The standard wants a long description of 150 characters or more.
            adoption_requirements="Eine Kommune braucht Stellflächen an "
            "Knotenpunkten, einen Betreiber für die Fahrzeuge und eine "
            "Buchungsplattform; der Quellcode der App steht unter EUPL.",
        )

    def export(self) -> dict:
        response = self.client.get(
            f"/opendata/solutions/{self.data.mobility.pk}/publiccode.yml"
        )
        return yaml.safe_load(response.content)

    def test_documentation_address__is_the_user_documentation_in_each_language(self):
        SolutionPage.objects.filter(
            translation_key=self.data.mobility.translation_key
        ).update(documentation_url=DOCUMENTATION)

        document = self.export()

        self.assertEqual(validate_publiccode(document), [])
        for language, description in document["description"].items():
            with self.subTest(language=language):
                self.assertEqual(description["documentation"], DOCUMENTATION)

    def test_no_documentation_address__no_key(self):
        document = self.export()

        self.assertEqual(validate_publiccode(document), [])
        for description in document["description"].values():
            self.assertNotIn("documentation", description)
