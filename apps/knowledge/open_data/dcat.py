"""The DCAT-AP.de 3.0 catalogue of the knowledge base's open data.

One ``dcat:Dataset`` per language (the whole knowledge base in that language) with
one ``dcat:Distribution`` per file: the JSON document and a CSV per table. The API
is described as a ``dcat:DataService``. Vocabularies follow DCAT-AP.de 3.0
(https://www.dcat-ap.de/def/) and the EU authority tables for languages, themes,
file types and frequencies.

GovData's conventions on top of the profile: exactly one ``dcatde:contributorID``
(``settings.OPEN_DATA_CONTRIBUTOR_ID``) and a publisher on every dataset, licences
from the dcat-ap.de licence vocabulary, formats from the EU file-type vocabulary, a
contact point with an e-mail address or a URL, and the temporal and spatial
coverage, the latter as ``dcatde:politicalGeocodingURI`` from the official keys of
the solutions' places and lead organisations (``models.regional_keys``).
``shapes/dcat-ap-de-3.0.ttl`` states the mandatory and recommended properties;
the test suite validates the export against it with pyshacl.
``dcat_dk.py`` builds the DCAT-AP-DK catalogue on this builder.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import Max, Min
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from rdflib import RDF, XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF
from wagtail.models import Locale

from apps.knowledge.models import Organisation, SolutionPage
from apps.knowledge.models.regional_keys import (
    DCATDE_GEOCODING,
    RegionalKeysMixin,
    political_geocoding_uris,
)
from apps.knowledge.open_data.downloads import TABLES
from apps.knowledge.open_data.licences import attribution_text, open_data_licence
from apps.knowledge.public_url import absolute_url

DCATDE = Namespace("http://dcat-ap.de/def/dcatde/")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
EU = "http://publications.europa.eu/resource/authority/"
EU_LANGUAGES = {"de": "DEU", "da": "DAN", "en": "ENG"}
DATA_THEMES = URIRef(f"{EU}data-theme")
# The publisher is a regional authority (ADMS publisher type vocabulary).
PUBLISHER_TYPE = URIRef("http://purl.org/adms/publishertype/RegionalAuthority")
GEOCODING_LEVEL_MUNICIPALITY = URIRef(f"{DCATDE_GEOCODING}Level/municipality")
# Regions and cities; government and public sector.
THEMES = ("REGI", "GOVE")
FORMATS = {
    "csv": ("CSV", "text/csv"),
    "json": ("JSON", "application/json"),
}

CATALOGUE_TITLE = _("Knowledge base of the smart border region")
CATALOGUE_DESCRIPTION = _(
    "Smart-region solutions of the German-Danish border region with their "
    "organisations, contacts and fields of action, as open data."
)
DATASET_DESCRIPTION = _(
    "Every published solution of the knowledge base in one language, with its "
    "organisations, contacts (as far as they consented) and fields of action."
)
TABLE_TITLES = {
    "solutions": _("Solutions"),
    "organisations": _("Organisations"),
    "contacts": _("Contacts"),
    "fields-of-action": _("Fields of action"),
}
TABLE_DESCRIPTION = _("%(table)s of the knowledge base as CSV, one row per record.")
KEYWORDS = (_("smart region"), _("open data"), _("border region"))


def in_every_language(message) -> list[Literal]:
    literals = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            literals.append(Literal(str(message), lang=code))
    return literals


def _language_name(code: str) -> str:
    return dict(settings.LANGUAGES)[code]


class CatalogueBuilder:
    """Builds the catalogue graph; addresses start with the public base URL."""

    # Where the catalogue itself is served (its URI).
    url_name = "open_data_catalogue"

    def __init__(self, request: HttpRequest) -> None:
        self.request = request
        self.graph = Graph()
        self.licence = URIRef(self.licence_uri())
        for prefix, namespace in (
            ("dcat", DCAT),
            ("dct", DCTERMS),
            ("foaf", FOAF),
            ("vcard", VCARD),
            ("dcatde", DCATDE),
        ):
            self.graph.bind(prefix, namespace)

    def licence_uri(self) -> str:
        """The licence in the dcat-ap.de licence vocabulary."""
        return open_data_licence().uri

    def url(self, name: str, **kwargs) -> str:
        return absolute_url(reverse(name, kwargs=kwargs))

    def add_all(self, subject, predicate, objects) -> None:
        for obj in objects:
            self.graph.add((subject, predicate, obj))

    def publisher(self) -> BNode:
        agent = BNode("publisher")
        self.graph.add((agent, RDF.type, FOAF.Agent))
        self.graph.add((agent, FOAF.name, Literal(settings.OPEN_DATA_PUBLISHER_NAME)))
        self.graph.add((agent, DCTERMS.type, PUBLISHER_TYPE))
        if settings.OPEN_DATA_PUBLISHER_URL:
            self.graph.add(
                (agent, FOAF.homepage, URIRef(settings.OPEN_DATA_PUBLISHER_URL))
            )
        return agent

    def contact_point(self) -> BNode:
        point = BNode("contact-point")
        self.graph.add((point, RDF.type, VCARD.Organization))
        self.graph.add((point, VCARD.fn, Literal(settings.OPEN_DATA_PUBLISHER_NAME)))
        self.graph.add(
            (
                point,
                VCARD.hasEmail,
                URIRef(f"mailto:{settings.OPEN_DATA_CONTACT_EMAIL}"),
            )
        )
        if settings.OPEN_DATA_PUBLISHER_URL:
            self.graph.add(
                (point, VCARD.hasURL, URIRef(settings.OPEN_DATA_PUBLISHER_URL))
            )
        return point

    def build(self) -> Graph:
        g = self.graph
        catalogue = URIRef(self.url(self.url_name, extension="ttl"))
        publisher = self.publisher()
        contact_point = self.contact_point()
        g.add((catalogue, RDF.type, DCAT.Catalog))
        self.add_all(catalogue, DCTERMS.title, in_every_language(CATALOGUE_TITLE))
        self.add_all(
            catalogue, DCTERMS.description, in_every_language(CATALOGUE_DESCRIPTION)
        )
        g.add((catalogue, DCTERMS.publisher, publisher))
        g.add((catalogue, DCTERMS.license, self.licence))
        g.add((catalogue, FOAF.homepage, URIRef(absolute_url("/"))))
        g.add((catalogue, DCAT.themeTaxonomy, DATA_THEMES))
        if modified := self._modified():
            g.add((catalogue, DCTERMS.modified, modified))
        if issued := self._issued():
            g.add((catalogue, DCTERMS.issued, issued))
        for place in self.spatial_coverage(None):
            g.add((catalogue, DCTERMS.spatial, self.location(place)))
        service = self.data_service(publisher)
        g.add((catalogue, DCAT.service, service))
        for locale in Locale.objects.filter(
            language_code__in=[code for code, _name in settings.LANGUAGES]
        ).order_by("pk"):
            code = locale.language_code
            g.add(
                (
                    catalogue,
                    DCTERMS.language,
                    URIRef(f"{EU}language/{eu_language(code)}"),
                )
            )
            dataset = self.dataset(locale, publisher, contact_point)
            g.add((catalogue, DCAT.dataset, dataset))
            g.add((service, DCAT.servesDataset, dataset))
        return g

    def data_service(self, publisher) -> URIRef:
        g = self.graph
        endpoint = self.url("knowledge_api:solutions:listing")
        service = URIRef(endpoint)
        g.add((service, RDF.type, DCAT.DataService))
        g.add((service, DCTERMS.title, Literal("Wagtail API v2", lang="en")))
        g.add((service, DCAT.endpointURL, URIRef(endpoint)))
        g.add((service, DCTERMS.publisher, publisher))
        g.add((service, DCTERMS.license, self.licence))
        return service

    def _solutions(self, locale: Locale | None = None):
        solutions = SolutionPage.objects.live().public()
        if locale is not None:
            solutions = solutions.filter(locale=locale)
        return solutions

    def _modified(self, locale: Locale | None = None) -> Literal | None:
        value = self._solutions(locale).aggregate(Max("last_published_at"))[
            "last_published_at__max"
        ]
        return Literal(value.isoformat(), datatype=XSD.dateTime) if value else None

    def _issued(self, locale: Locale | None = None) -> Literal | None:
        value = self._solutions(locale).aggregate(Min("first_published_at"))[
            "first_published_at__min"
        ]
        return Literal(value.isoformat(), datatype=XSD.dateTime) if value else None

    def spatial_coverage(self, locale: Locale | None) -> list[str]:
        """The official-key URIs of the published solutions' places and of their
        lead organisations (German and Danish), in a stable order."""
        fields = RegionalKeysMixin.REGIONAL_KEY_FIELDS
        solutions = self._solutions(locale)
        keyed = [
            *solutions.values_list(*fields),
            *Organisation.objects.live()
            .filter(led_solutions__in=solutions.values("pk"))
            .values_list(*fields),
        ]
        return sorted(
            {uri for keys in keyed for uri in political_geocoding_uris(*keys)}
        )

    def location(self, uri: str) -> URIRef:
        location = URIRef(uri)
        self.graph.add((location, RDF.type, DCTERMS.Location))
        return location

    def temporal_coverage(self, locale: Locale) -> BNode | None:
        """From the earliest start to the latest end of the language's solutions."""
        period = self._solutions(locale).aggregate(
            start=Min("start_date"), end=Max("end_date")
        )
        if not period["start"] and not period["end"]:
            return None
        node = BNode(f"period-{locale.language_code}")
        self.graph.add((node, RDF.type, DCTERMS.PeriodOfTime))
        if period["start"]:
            self.graph.add(
                (node, DCAT.startDate, Literal(period["start"], datatype=XSD.date))
            )
        if period["end"]:
            self.graph.add(
                (node, DCAT.endDate, Literal(period["end"], datatype=XSD.date))
            )
        return node

    def add_spatial(self, dataset: URIRef, locale: Locale) -> None:
        """``dct:spatial`` for every key; DCAT-AP.de's geocoding URIs (German keys)
        also as ``dcatde:politicalGeocodingURI`` with their level."""
        german = False
        for uri in self.spatial_coverage(locale):
            self.graph.add((dataset, DCTERMS.spatial, self.location(uri)))
            if uri.startswith(DCATDE_GEOCODING):
                german = True
                self.graph.add((dataset, DCATDE.politicalGeocodingURI, URIRef(uri)))
        if german:
            self.graph.add(
                (
                    dataset,
                    DCATDE.politicalGeocodingLevelURI,
                    GEOCODING_LEVEL_MUNICIPALITY,
                )
            )

    def add_contributor(self, dataset: URIRef) -> None:
        """GovData's one ``dcatde:contributorID``, once GovData has assigned it."""
        if settings.OPEN_DATA_CONTRIBUTOR_ID:
            self.graph.add(
                (
                    dataset,
                    DCATDE.contributorID,
                    URIRef(settings.OPEN_DATA_CONTRIBUTOR_ID),
                )
            )

    def dataset(self, locale: Locale, publisher, contact_point) -> URIRef:
        g = self.graph
        code = locale.language_code
        dataset = URIRef(self.url("open_data_json", language=code) + "#dataset")
        g.add((dataset, RDF.type, DCAT.Dataset))
        g.add((dataset, DCTERMS.identifier, Literal(f"smart-region-knowledge-{code}")))
        with translation.override(code):
            title = f"{CATALOGUE_TITLE} ({_language_name(code)})"
        g.add((dataset, DCTERMS.title, Literal(title, lang=code)))
        with translation.override(code):
            g.add(
                (
                    dataset,
                    DCTERMS.description,
                    Literal(str(DATASET_DESCRIPTION), lang=code),
                )
            )
            for keyword in KEYWORDS:
                g.add((dataset, DCAT.keyword, Literal(str(keyword), lang=code)))
            landing_page = self.url("open_data")
        g.add((dataset, DCTERMS.language, URIRef(f"{EU}language/{eu_language(code)}")))
        for theme in THEMES:
            g.add((dataset, DCAT.theme, URIRef(f"{EU}data-theme/{theme}")))
        g.add((dataset, DCTERMS.publisher, publisher))
        g.add((dataset, DCAT.contactPoint, contact_point))
        g.add((dataset, DCAT.landingPage, URIRef(landing_page)))
        g.add(
            (
                dataset,
                DCTERMS.accrualPeriodicity,
                URIRef(f"{EU}frequency/UPDATE_CONT"),
            )
        )
        g.add((dataset, DCTERMS.accessRights, URIRef(f"{EU}access-right/PUBLIC")))
        self.add_contributor(dataset)
        if issued := self._issued(locale):
            g.add((dataset, DCTERMS.issued, issued))
        if period := self.temporal_coverage(locale):
            g.add((dataset, DCTERMS.temporal, period))
        self.add_spatial(dataset, locale)
        modified = self._modified(locale)
        if modified:
            g.add((dataset, DCTERMS.modified, modified))
        g.add(
            (
                dataset,
                DCAT.distribution,
                self.distribution(
                    dataset, code, "json", self.url("open_data_json", language=code)
                ),
            )
        )
        for table in TABLES:
            url = self.url("open_data_csv", language=code, table=table)
            g.add(
                (
                    dataset,
                    DCAT.distribution,
                    self.distribution(dataset, code, "csv", url, table, modified),
                )
            )
        return dataset

    def distribution(
        self,
        dataset: URIRef,
        code: str,
        extension: str,
        url: str,
        table: str | None = None,
        modified: Literal | None = None,
    ) -> URIRef:
        g = self.graph
        file_type, media_type = FORMATS[extension]
        distribution = URIRef(url + "#distribution")
        g.add((distribution, RDF.type, DCAT.Distribution))
        with translation.override(code):
            title = str(TABLE_TITLES[table]) if table else str(CATALOGUE_TITLE)
            description = (
                str(TABLE_DESCRIPTION % {"table": title})
                if table
                else str(DATASET_DESCRIPTION)
            )
        g.add(
            (distribution, DCTERMS.title, Literal(f"{title} ({file_type})", lang=code))
        )
        g.add((distribution, DCTERMS.description, Literal(description, lang=code)))
        g.add((distribution, DCAT.accessURL, URIRef(url)))
        g.add((distribution, DCAT.downloadURL, URIRef(url)))
        g.add((distribution, DCTERMS.format, URIRef(f"{EU}file-type/{file_type}")))
        g.add(
            (
                distribution,
                DCAT.mediaType,
                URIRef(f"https://www.iana.org/assignments/media-types/{media_type}"),
            )
        )
        g.add((distribution, DCTERMS.license, self.licence))
        if open_data_licence().requires_attribution:
            self.add_attribution(distribution)
        g.add(
            (
                distribution,
                DCTERMS.language,
                URIRef(f"{EU}language/{eu_language(code)}"),
            )
        )
        if modified is not None:
            g.add((distribution, DCTERMS.modified, modified))
        return distribution

    def add_attribution(self, distribution: URIRef) -> None:
        self.graph.add(
            (distribution, DCATDE.licenseAttributionByText, Literal(attribution_text()))
        )


def eu_language(code: str) -> str:
    return EU_LANGUAGES.get(code, code.upper())


# Serialisations offered at /opendata/catalog.<extension>.
SERIALISATIONS = {
    "ttl": ("turtle", "text/turtle; charset=utf-8"),
    "rdf": ("xml", "application/rdf+xml; charset=utf-8"),
    "jsonld": ("json-ld", "application/ld+json; charset=utf-8"),
}


def catalogue(request: HttpRequest) -> Graph:
    """The catalogue graph for the request's host."""
    return CatalogueBuilder(request).build()
