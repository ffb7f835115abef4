"""The ADMS-AP catalogue: each reusable solution as an adms:Asset with its
distributions, licence and contact, validated against the project's shapes."""

from __future__ import annotations

from http import HTTPStatus

from django.test import TestCase
from rdflib import Graph, URIRef, namespace

from apps.knowledge.choices import Licence
from apps.knowledge.models import Organisation, SolutionPage
from apps.knowledge.open_data.adms import ADMS
from apps.knowledge.open_data.dcat import VCARD
from tests.knowledge.factories import OpenDataPortalFactory
from tests.knowledge.open_data.shacl_validation import parse, validation_report

ADMS_AP = "adms-ap-2.0.ttl"
REPOSITORY = "https://git.example.org/flensburg/mobilitaetsstationen"


class AdmsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.data = OpenDataPortalFactory()
        # The live rows are what the export reads; both languages of the solution.
        SolutionPage.objects.filter(
            translation_key=cls.data.mobility.translation_key
        ).update(licence=Licence.EUPL, source_repository=REPOSITORY)
        # Sønderborg's solution: proprietary, with open data, no consenting contact.
        SolutionPage.objects.filter(pk=cls.data.care.pk).update(
            licence=Licence.PROPRIETARY,
            open_data_url="https://data.example.dk/pleje",
        )
        Organisation.objects.filter(pk=cls.data.soenderborg.pk).update(
            website="https://sonderborg.example.dk/"
        )
        # Decided licence but nothing to reuse: not an asset.
        SolutionPage.objects.filter(pk=cls.data.draft.pk).update(licence=Licence.MIT)

    def catalogue(self) -> Graph:
        response = self.client.get("/opendata/adms.ttl")
        self.assertEqual(response.status_code, HTTPStatus.OK)
        return parse(response.content)

    def asset_of(self, graph: Graph, page: SolutionPage) -> URIRef:
        return next(
            asset
            for asset in graph.subjects(namespace.RDF.type, ADMS.Asset)
            if str(graph.value(asset, namespace.DCTERMS.identifier))
            == str(page.translation_key)
        )

    def test_catalogue__conforms_with_mandatory_and_recommended_properties(self):
        conforms, report = validation_report(self.catalogue(), ADMS_AP)

        self.assertTrue(conforms, report)

    def test_reusable_solutions__one_asset_each_in_all_its_languages(self):
        graph = self.catalogue()

        assets = set(graph.subjects(namespace.RDF.type, ADMS.Asset))
        self.assertEqual(len(assets), 2)
        mobility = self.asset_of(graph, self.data.mobility)
        self.assertEqual(
            {
                (str(title), title.language)
                for title in graph.objects(mobility, namespace.DCTERMS.title)
            },
            {("Mobilitätsstationen", "de"), ("Mobilitetsstationer", "da")},
        )

    def test_asset__repository_distribution_with_spdx_licence(self):
        graph = self.catalogue()
        mobility = self.asset_of(graph, self.data.mobility)

        distributions = set(graph.objects(mobility, namespace.DCAT.distribution))
        urls = {str(graph.value(d, namespace.DCAT.accessURL)) for d in distributions}
        self.assertIn(REPOSITORY, urls)
        self.assertIn(
            f"http://testserver/opendata/solutions/{self.data.mobility.pk}/publiccode.yml",
            urls,
        )
        self.assertEqual(
            {graph.value(d, namespace.DCTERMS.license) for d in distributions},
            {URIRef("http://spdx.org/licenses/EUPL-1.2")},
        )

    def test_contact__only_a_person_who_consented_to_their_details(self):
        graph = self.catalogue()
        mobility = self.asset_of(graph, self.data.mobility)
        care = self.asset_of(graph, self.data.care)

        point = graph.value(mobility, namespace.DCAT.contactPoint)
        self.assertEqual(
            str(graph.value(point, VCARD.hasEmail)), "mailto:hanna.petersen@example.org"
        )
        self.assertNotIn("verena.geheim", graph.serialize(format="turtle"))
        # No person: the lead organisation and its website.
        point = graph.value(care, namespace.DCAT.contactPoint)
        self.assertEqual(str(graph.value(point, VCARD.fn)), "Sønderborg Kommune")
        self.assertEqual(
            str(graph.value(point, VCARD.hasURL)), "https://sonderborg.example.dk/"
        )

    def test_distribution_without_licence__is_a_violation(self):
        graph = self.catalogue()
        distribution = next(graph.subjects(namespace.RDF.type, ADMS.AssetDistribution))
        graph.remove((distribution, namespace.DCTERMS.license, None))

        conforms, report = validation_report(graph, ADMS_AP)

        self.assertFalse(conforms)
        self.assertIn("has its licence", report)

    def test_asset_without_contact_point__is_a_violation(self):
        graph = self.catalogue()
        asset = self.asset_of(graph, self.data.mobility)
        graph.remove((asset, namespace.DCAT.contactPoint, None))

        conforms, report = validation_report(graph, ADMS_AP)

        self.assertFalse(conforms)
        self.assertIn("contact point", report)
