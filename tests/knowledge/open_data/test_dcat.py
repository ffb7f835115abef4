"""The DCAT-AP.de catalogue: parses with rdflib, uses the DCAT-AP classes and
properties, and every distribution it lists can be downloaded."""

from __future__ import annotations

from http import HTTPStatus
from urllib.parse import urlsplit

from django.test import TestCase, override_settings
from rdflib import Graph, URIRef, namespace

from apps.knowledge.open_data.dcat import DCATDE, VCARD
from tests.knowledge.factories import OpenDataPortalFactory, TranslationFactory
from tests.knowledge.open_data.shacl_validation import parse, validation_report

CC_BY = URIRef("http://dcat-ap.de/def/licenses/cc-by/4.0")
EU_LANGUAGE = "http://publications.europa.eu/resource/authority/language/"
DCAT_AP_DE = "dcat-ap-de-3.0.ttl"
DCAT_AP_DK = "dcat-ap-dk-2.0.2.ttl"


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


CONTRIBUTOR = "http://dcat-ap.de/def/contributors/example"
GEOCODING = "http://dcat-ap.de/def/politicalGeocoding/"


@override_settings(OPEN_DATA_CONTRIBUTOR_ID=CONTRIBUTOR)
class DcatApDeShapeTests(TestCase):
    """The catalogue against the project's DCAT-AP.de 3.0 shapes (pyshacl)."""

    @classmethod
    def setUpTestData(cls):
        cls.data = OpenDataPortalFactory()
        # Every language's dataset has a solution, so each can have its temporal
        # and spatial coverage (an empty dataset lacks recommended properties).
        TranslationFactory(page=cls.data.mobility, language_code="en")

    def catalogue(self) -> Graph:
        response = self.client.get("/opendata/catalog.ttl")
        self.assertEqual(response.status_code, HTTPStatus.OK)
        return parse(response.content)

    def german_dataset(self, graph: Graph) -> URIRef:
        return next(
            dataset
            for dataset in graph.subjects(namespace.RDF.type, namespace.DCAT.Dataset)
            if str(graph.value(dataset, namespace.DCTERMS.language)).endswith("DEU")
        )

    def test_catalogue__conforms_with_mandatory_and_recommended_properties(self):
        conforms, report = validation_report(self.catalogue(), DCAT_AP_DE)

        self.assertTrue(conforms, report)

    def test_dataset__spatial_and_temporal_coverage_from_the_places(self):
        graph = self.catalogue()
        dataset = self.german_dataset(graph)

        self.assertEqual(
            {str(uri) for uri in graph.objects(dataset, DCATDE.politicalGeocodingURI)},
            {
                f"{GEOCODING}regionalKey/010010000000",
                f"{GEOCODING}municipalityKey/01001000",
            },
        )
        # Sønderborg, lead of "Pflege digital", as its DAGI municipality.
        self.assertIn(
            URIRef("https://api.dataforsyningen.dk/kommuner/0540"),
            set(graph.objects(dataset, namespace.DCTERMS.spatial)),
        )
        period = graph.value(dataset, namespace.DCTERMS.temporal)
        self.assertEqual(
            str(graph.value(period, namespace.DCAT.startDate)), "2023-04-01"
        )
        self.assertEqual(str(graph.value(period, namespace.DCAT.endDate)), "2026-12-31")

    def test_dataset_without_publisher__is_a_violation(self):
        graph = self.catalogue()
        graph.remove((self.german_dataset(graph), namespace.DCTERMS.publisher, None))

        conforms, report = validation_report(graph, DCAT_AP_DE)

        self.assertFalse(conforms)
        self.assertIn("exactly one publisher", report)

    @override_settings(OPEN_DATA_CONTRIBUTOR_ID="")
    def test_catalogue_without_contributor_id__is_a_violation(self):
        conforms, report = validation_report(self.catalogue(), DCAT_AP_DE)

        self.assertFalse(conforms)
        self.assertIn("contributorID", report)

    def test_licence_outside_the_dcat_ap_de_vocabulary__is_a_violation(self):
        graph = self.catalogue()
        distribution = next(
            graph.subjects(namespace.RDF.type, namespace.DCAT.Distribution)
        )
        graph.set(
            (
                distribution,
                namespace.DCTERMS.license,
                URIRef("https://creativecommons.org/licenses/by/4.0/"),
            )
        )

        conforms, report = validation_report(graph, DCAT_AP_DE)

        self.assertFalse(conforms)
        self.assertIn("licence vocabulary", report)

    def test_contact_point_without_email_or_url__is_a_violation(self):
        graph = self.catalogue()
        point = graph.value(self.german_dataset(graph), namespace.DCAT.contactPoint)
        graph.remove((point, VCARD.hasEmail, None))

        conforms, report = validation_report(graph, DCAT_AP_DE)

        self.assertFalse(conforms)
        self.assertIn("e-mail address or a URL", report)


@override_settings(OPEN_DATA_CONTRIBUTOR_ID=CONTRIBUTOR)
class DcatApDkTests(TestCase):
    """The DCAT-AP-DK catalogue against the project's DCAT-AP-DK 2.0.2 shapes."""

    @classmethod
    def setUpTestData(cls):
        cls.data = OpenDataPortalFactory()
        TranslationFactory(page=cls.data.mobility, language_code="en")

    def catalogue(self) -> Graph:
        response = self.client.get("/opendata/catalog-dk.ttl")
        self.assertEqual(response.status_code, HTTPStatus.OK)
        return parse(response.content)

    def test_catalogue__conforms_with_mandatory_and_recommended_properties(self):
        conforms, report = validation_report(self.catalogue(), DCAT_AP_DK)

        self.assertTrue(conforms, report)

    def test_catalogue__eu_licences_dagi_places_and_no_german_extension(self):
        graph = self.catalogue()

        self.assertEqual(
            set(graph.objects(None, namespace.DCTERMS.license)),
            {
                URIRef(
                    "http://publications.europa.eu/resource/authority/licence/CC_BY_4_0"
                )
            },
        )
        self.assertIn(
            URIRef("https://api.dataforsyningen.dk/kommuner/0540"),
            set(graph.objects(None, namespace.DCTERMS.spatial)),
        )
        self.assertFalse(
            [triple for triple in graph if str(triple[1]).startswith(str(DCATDE))]
        )

    def test_rdfxml_and_jsonld__same_catalogue_as_turtle(self):
        for extension, rdf_format in (("rdf", "xml"), ("jsonld", "json-ld")):
            with self.subTest(extension=extension):
                response = self.client.get(f"/opendata/catalog-dk.{extension}")
                graph = parse(response.content, rdf_format)
                self.assertEqual(len(graph), len(self.catalogue()))

    def test_dataset_without_title__is_a_violation(self):
        graph = self.catalogue()
        dataset = next(graph.subjects(namespace.RDF.type, namespace.DCAT.Dataset))
        graph.remove((dataset, namespace.DCTERMS.title, None))

        conforms, report = validation_report(graph, DCAT_AP_DK)

        self.assertFalse(conforms)
        self.assertIn("dct:title", report)

    def test_german_licence_uri__is_not_accepted_in_the_danish_catalogue(self):
        graph = self.catalogue()
        distribution = next(
            graph.subjects(namespace.RDF.type, namespace.DCAT.Distribution)
        )
        graph.set((distribution, namespace.DCTERMS.license, CC_BY))

        conforms, report = validation_report(graph, DCAT_AP_DK)

        self.assertFalse(conforms)
        self.assertIn("EU licence vocabulary", report)
