"""The open-data catalogues of the demo content, validated against the project's
SHACL shapes of each profile (pyshacl), recommended properties included."""

from __future__ import annotations

from http import HTTPStatus

import yaml
from django.core.management import call_command
from django.test import TestCase, override_settings
from rdflib import RDF, Graph

from apps.knowledge.models import SolutionPage
from apps.knowledge.open_data.adms import ADMS
from apps.knowledge.open_data.publiccode import is_software, validate_publiccode
from tests.knowledge.open_data.shacl_validation import parse, validation_report


@override_settings(
    OPEN_DATA_CONTRIBUTOR_ID="http://dcat-ap.de/def/contributors/example",
    OPEN_DATA_PUBLISHER_URL="https://digitalagentur.example/",
)
class DemoCatalogueTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("seed_demo", verbosity=0)

    def export(self, path: str) -> Graph:
        response = self.client.get(path)
        self.assertEqual(response.status_code, HTTPStatus.OK)
        return parse(response.content)

    def test_dcat_ap_de__demo_catalogue_conforms(self):
        conforms, report = validation_report(
            self.export("/opendata/catalog.ttl"), "dcat-ap-de-3.0.ttl"
        )

        self.assertTrue(conforms, report)

    def test_dcat_ap_dk__demo_catalogue_conforms(self):
        conforms, report = validation_report(
            self.export("/opendata/catalog-dk.ttl"), "dcat-ap-dk-2.0.2.ttl"
        )

        self.assertTrue(conforms, report)

    def test_adms_ap__demo_catalogue_conforms(self):
        graph = self.export("/opendata/adms.ttl")

        conforms, report = validation_report(graph, "adms-ap-2.0.ttl")

        self.assertTrue(conforms, report)
        self.assertGreater(len(set(graph.subjects(RDF.type, ADMS.Asset))), 10)

    def test_publiccode__every_software_solution_of_the_demo_is_valid(self):
        software = [
            page
            for page in SolutionPage.objects.live().filter(locale__language_code="de")
            if is_software(page)
        ]
        self.assertGreater(len(software), 5)
        for page in software:
            with self.subTest(solution=page.slug):
                response = self.client.get(
                    f"/opendata/solutions/{page.pk}/publiccode.yml"
                )
                self.assertEqual(response.status_code, HTTPStatus.OK)
                document = yaml.safe_load(response.content)
                self.assertEqual(validate_publiccode(document), [])
