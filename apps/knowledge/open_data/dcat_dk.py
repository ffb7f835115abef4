"""The DCAT-AP-DK 2.0.2 catalogue: the same datasets for the Danish data catalogue.

DCAT-AP-DK (Digitaliseringsstyrelsen) builds on DCAT-AP 2.0 without the German
extension: no ``dcatde:`` terms, licences from the EU licence vocabulary, and the
spatial coverage as the DAGI municipalities (and, for German places, DCAT-AP.de's
geocoding URIs) in ``dct:spatial``. Titles and descriptions come in every portal
language, Danish among them. ``shapes/dcat-ap-dk-2.0.2.ttl`` states the mandatory
and recommended properties; the test suite validates the export against it.
"""

from __future__ import annotations

from django.http import HttpRequest
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS
from wagtail.models import Locale

from apps.knowledge.open_data.dcat import CatalogueBuilder
from apps.knowledge.open_data.licences import open_data_licence


class DanishCatalogueBuilder(CatalogueBuilder):
    """The catalogue in DCAT-AP-DK's terms."""

    url_name = "open_data_catalogue_dk"

    def licence_uri(self) -> str:
        return open_data_licence().eu_uri

    def add_contributor(self, dataset: URIRef) -> None:
        """GovData's contributor ID has no place in the Danish catalogue."""

    def add_attribution(self, distribution: URIRef) -> None:
        """``dcatde:licenseAttributionByText`` is DCAT-AP.de only."""

    def add_spatial(self, dataset: URIRef, locale: Locale) -> None:
        for uri in self.spatial_coverage(locale):
            self.graph.add((dataset, DCTERMS.spatial, self.location(uri)))


def catalogue(request: HttpRequest) -> Graph:
    """The DCAT-AP-DK catalogue graph."""
    return DanishCatalogueBuilder(request).build()
