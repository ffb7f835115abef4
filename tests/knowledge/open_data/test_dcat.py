"""The DCAT-AP.de catalogue: parses with rdflib, uses the DCAT-AP classes and
properties, and every distribution it lists can be downloaded."""

from __future__ import annotations

from http import HTTPStatus
from urllib.parse import urlsplit

from django.test import TestCase, override_settings
from rdflib import Graph, URIRef, namespace

from apps.knowledge.open_data.dcat import DCATDE
from tests.knowledge.factories import OpenDataPortalFactory

CC_BY = URIRef("http://dcat-ap.de/def/licenses/cc-by/4.0")
EU_LANGUAGE = "http://publications.europa.eu/resource/authority/language/"


class CatalogueTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.data = OpenDataPortalFactory()

    def graph(self, extension: str, rdf_format: str, content_type: str) -> Graph:
        response = self.client.get(f"/opendata/catalog.{extension}")
        self.assertEqual(response.status_code, HTTPStatus.OK)
        self.assertTrue(response["Content-Type"].startswith(content_type))
        return Graph().parse(data=response.content, format=rdf_format)

    def test_turtle_rdfxml_and_jsonld__parse_to_the_same_catalogue(self):
        turtle = self.graph("ttl", "turtle", "text/turtle")
        rdfxml = self.graph("rdf", "xml", "application/rdf+xml")
        jsonld = self.graph("jsonld", "json-ld", "application/ld+json")

        self.assertGreater(len(turtle), 50)
        self.assertEqual(len(turtle), len(rdfxml))
        self.assertEqual(len(turtle), len(jsonld))
        for graph in (turtle, rdfxml, jsonld):
            self.assertEqual(
                len(list(graph.subjects(namespace.RDF.type, namespace.DCAT.Catalog))), 1
            )

    def test_catalogue__dcat_ap_classes_and_mandatory_properties(self):
        graph = self.graph("ttl", "turtle", "text/turtle")

        catalogue = graph.value(
            predicate=namespace.RDF.type, object=namespace.DCAT.Catalog
        )
        self.assertIsNotNone(graph.value(catalogue, namespace.DCTERMS.title))
        self.assertIsNotNone(graph.value(catalogue, namespace.DCTERMS.description))
        publisher = graph.value(catalogue, namespace.DCTERMS.publisher)
        self.assertIn((publisher, namespace.RDF.type, namespace.FOAF.Agent), graph)
        self.assertIsNotNone(graph.value(publisher, namespace.FOAF.name))
        self.assertIsNotNone(graph.value(catalogue, namespace.DCAT.service))

        datasets = set(graph.objects(catalogue, namespace.DCAT.dataset))
        languages = {
            str(graph.value(dataset, namespace.DCTERMS.language))
            for dataset in datasets
        }
        self.assertEqual(
            languages, {f"{EU_LANGUAGE}DEU", f"{EU_LANGUAGE}DAN", f"{EU_LANGUAGE}ENG"}
        )
        for dataset in datasets:
            with self.subTest(dataset=dataset):
                self.assertIn(
                    (dataset, namespace.RDF.type, namespace.DCAT.Dataset), graph
                )
                self.assertIsNotNone(graph.value(dataset, namespace.DCTERMS.title))
                self.assertIsNotNone(
                    graph.value(dataset, namespace.DCTERMS.description)
                )
                self.assertEqual(
                    graph.value(dataset, namespace.DCTERMS.publisher), publisher
                )
                self.assertIsNotNone(graph.value(dataset, namespace.DCAT.contactPoint))
                self.assertIsNotNone(graph.value(dataset, namespace.DCAT.theme))
                distributions = set(graph.objects(dataset, namespace.DCAT.distribution))
                # JSON plus one CSV per table.
                self.assertEqual(len(distributions), 5)
                for distribution in distributions:
                    self.assertIn(
                        (distribution, namespace.RDF.type, namespace.DCAT.Distribution),
                        graph,
                    )
                    self.assertEqual(
                        graph.value(distribution, namespace.DCTERMS.license), CC_BY
                    )
                    self.assertIsNotNone(
                        graph.value(distribution, namespace.DCAT.accessURL)
                    )
                    self.assertIsNotNone(
                        graph.value(distribution, namespace.DCTERMS.format)
                    )
                    self.assertIsNotNone(
                        graph.value(distribution, DCATDE.licenseAttributionByText)
                    )

    def test_every_distribution_url__answers_200(self):
        graph = self.graph("jsonld", "json-ld", "application/ld+json")

        urls = {
            str(url)
            for predicate in (
                namespace.DCAT.accessURL,
                namespace.DCAT.downloadURL,
                namespace.DCAT.endpointURL,
            )
            for url in graph.objects(None, predicate)
        }
        self.assertEqual(len([u for u in urls if u.endswith(".csv")]), 12)
        for url in urls:
            with self.subTest(url=url):
                response = self.client.get(urlsplit(url).path)
                self.assertEqual(response.status_code, HTTPStatus.OK)

    def test_dataset__modified_is_the_latest_publication_of_its_language(self):
        graph = self.graph("ttl", "turtle", "text/turtle")

        german = next(
            dataset
            for dataset in graph.subjects(namespace.RDF.type, namespace.DCAT.Dataset)
            if str(graph.value(dataset, namespace.DCTERMS.language)).endswith("DEU")
        )
        modified = graph.value(german, namespace.DCTERMS.modified).toPython()
        self.assertEqual(modified, self.data.care.last_published_at)

    @override_settings(
        OPEN_DATA_CONTRIBUTOR_ID="http://dcat-ap.de/def/contributors/example",
        OPEN_DATA_LICENCE="dl-by-de/2.0",
    )
    def test_contributor_id_and_licence__from_settings(self):
        graph = self.graph("ttl", "turtle", "text/turtle")

        contributors = set(graph.objects(None, DCATDE.contributorID))
        self.assertEqual(
            contributors, {URIRef("http://dcat-ap.de/def/contributors/example")}
        )
        licences = set(graph.objects(None, namespace.DCTERMS.license))
        self.assertEqual(
            licences, {URIRef("http://dcat-ap.de/def/licenses/dl-by-de/2.0")}
        )

    def test_unknown_format__not_found(self):
        response = self.client.get("/opendata/catalog.docx")

        self.assertEqual(response.status_code, HTTPStatus.NOT_FOUND)
