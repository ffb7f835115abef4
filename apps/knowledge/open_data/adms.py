"""The ADMS-AP 2.0 catalogue of reusable solutions for the Interoperable Europe
portal.

Each solution that states how it can be reused (a licence, and a source code
repository or open data) is one ``adms:Asset``, named by its German page and
titled in every language it is published in. Its distributions are the source
code repository, the publiccode.yml (software only), the open data and the portal
page; each carries the solution's licence (SPDX URIs, an own licence document for
proprietary ones). The contact point is a contact person who consented to the
publication of their details, otherwise the lead organisation with its website.
The spatial coverage is the official keys of the solution's place and of its lead
and partner organisations.
``shapes/adms-ap-2.0.ttl`` states the mandatory and recommended properties; the
test suite validates the export against it.
"""

from __future__ import annotations

from collections import defaultdict

from django.conf import settings
from django.db.models import Prefetch
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from rdflib import RDF, XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF
from wagtail.models import Locale

from apps.knowledge.choices import Licence, OrganisationKind, Phase
from apps.knowledge.models import SolutionContact, SolutionPage
from apps.knowledge.models.regional_keys import political_geocoding_uris
from apps.knowledge.models.snippets import public_version
from apps.knowledge.open_data.dcat import EU, VCARD, eu_language, in_every_language
from apps.knowledge.open_data.licences import open_data_licence
from apps.knowledge.open_data.publiccode import is_software
from apps.knowledge.public_url import absolute_url
from apps.knowledge.visibility import visible

ADMS = Namespace("http://www.w3.org/ns/adms#")
PUBLISHER_TYPE = "http://purl.org/adms/publishertype/"
STATUS = "http://purl.org/adms/status/"
LICENCE_TYPE = "http://purl.org/adms/licencetype/"

PUBLISHER_TYPES = {
    OrganisationKind.CITY: "LocalAuthority",
    OrganisationKind.DISTRICT: "LocalAuthority",
    OrganisationKind.DANISH_MUNICIPALITY: "LocalAuthority",
    OrganisationKind.REGION: "RegionalAuthority",
    OrganisationKind.AGENCY: "RegionalAuthority",
    OrganisationKind.ASSOCIATION: "NonProfitOrganisation",
    OrganisationKind.COMPANY: "Company",
    OrganisationKind.RESEARCH: "Academia-ScientificOrganisation",
}
STATUSES = {
    Phase.IDEA: "UnderDevelopment",
    Phase.CONCEPT: "UnderDevelopment",
    Phase.PROTOTYPE: "UnderDevelopment",
    Phase.PILOT: "UnderDevelopment",
    Phase.OPERATION: "Completed",
    Phase.COMPLETED: "Completed",
}

REPOSITORY_TITLE = _("Source code repository")
PUBLICCODE_TITLE = "publiccode.yml"
OPEN_DATA_TITLE = _("Open data of the solution")
PAGE_TITLE = _("Description in the knowledge base")
PROPRIETARY_TITLE = _("Proprietary licence: ask the lead organisation")
ADMS_TITLE = _("Reusable smart-region solutions of the German-Danish border")
ADMS_DESCRIPTION = _(
    "Solutions of the knowledge base that other public administrations can reuse, "
    "with their licence, source code or open data and a contact."
)


def reusable_solutions():
    """Solutions that state how to reuse them: a licence, and source code or data."""
    return (
        visible(SolutionPage.objects)
        .exclude(licence=Licence.UNKNOWN)
        .exclude(source_repository="", open_data_url="")
        .select_related("lead_organisation", "locale")
        .prefetch_related(
            "tagged_items__tag",
            "fields_of_action__field_of_action",
            "partners__organisation",
            Prefetch(
                "contacts",
                SolutionContact.objects.select_related("contact"),
            ),
        )
        .order_by("path")
    )


class AdmsCatalogueBuilder:
    """Builds the ADMS-AP graph: one asset per solution (all its languages)."""

    def __init__(self, request: HttpRequest) -> None:
        self.request = request
        self.graph = Graph()
        for prefix, namespace in (
            ("adms", ADMS),
            ("dcat", DCAT),
            ("dct", DCTERMS),
            ("foaf", FOAF),
            ("vcard", VCARD),
        ):
            self.graph.bind(prefix, namespace)

    def build(self) -> Graph:
        g = self.graph
        catalogue = URIRef(
            absolute_url(reverse("open_data_adms", kwargs={"extension": "ttl"}))
        )
        g.add((catalogue, RDF.type, DCAT.Catalog))
        for literal in in_every_language(ADMS_TITLE):
            g.add((catalogue, DCTERMS.title, literal))
        for literal in in_every_language(ADMS_DESCRIPTION):
            g.add((catalogue, DCTERMS.description, literal))
        g.add((catalogue, DCTERMS.publisher, self.portal_publisher()))
        g.add((catalogue, FOAF.homepage, URIRef(absolute_url("/"))))
        g.add((catalogue, DCTERMS.license, URIRef(open_data_licence().eu_uri)))
        default = Locale.get_default()
        by_key: dict = defaultdict(list)
        for page in reusable_solutions():
            by_key[page.translation_key].append(page)
        for pages in by_key.values():
            pages.sort(key=lambda page: page.locale_id != default.pk)
            g.add((catalogue, DCAT.dataset, self.asset(pages)))
        return g

    def portal_publisher(self) -> BNode:
        agent = BNode("portal-publisher")
        self.graph.add((agent, RDF.type, FOAF.Agent))
        self.graph.add((agent, FOAF.name, Literal(settings.OPEN_DATA_PUBLISHER_NAME)))
        self.graph.add(
            (agent, DCTERMS.type, URIRef(f"{PUBLISHER_TYPE}RegionalAuthority"))
        )
        return agent

    def asset(self, pages: list[SolutionPage]) -> URIRef:
        """The asset named by its first page (German where it exists)."""
        g = self.graph
        page = pages[0]
        page_url = page.get_full_url(self.request)
        asset = URIRef(f"{page_url}#asset")
        g.add((asset, RDF.type, ADMS.Asset))
        g.add((asset, DCTERMS.identifier, Literal(str(page.translation_key))))
        for version in pages:
            code = version.locale.language_code
            g.add((asset, DCTERMS.title, Literal(version.title, lang=code)))
            g.add((asset, DCTERMS.description, Literal(version.teaser, lang=code)))
            g.add(
                (asset, DCTERMS.language, URIRef(f"{EU}language/{eu_language(code)}"))
            )
            g.add((asset, DCAT.landingPage, URIRef(version.get_full_url(self.request))))
            # Its fields of action and tags.
            fields = (
                public_version(item.field_of_action)
                for item in version.fields_of_action.all()
            )
            for name in [
                *(field.name for field in fields if field is not None),
                *(item.tag.name for item in version.tagged_items.all()),
            ]:
                g.add((asset, DCAT.keyword, Literal(name, lang=code)))
        g.add((asset, DCTERMS.publisher, self.publisher(page)))
        g.add((asset, DCAT.contactPoint, self.contact_point(page, page_url)))
        g.add((asset, ADMS.status, URIRef(STATUS + STATUSES[page.phase])))
        if page.first_published_at:
            g.add((asset, DCTERMS.issued, _datetime(page.first_published_at)))
        if page.last_published_at:
            g.add((asset, DCTERMS.modified, _datetime(page.last_published_at)))
        # The place and the territories of the organisations behind it.
        organisations = [
            public_version(page.lead_organisation),
            *(public_version(item.organisation) for item in page.partners.all()),
        ]
        keys = [page.regional_keys()] + [
            organisation.regional_keys()
            for organisation in organisations
            if organisation is not None
        ]
        for uri in sorted(
            {uri for key in keys for uri in political_geocoding_uris(*key)}
        ):
            g.add((URIRef(uri), RDF.type, DCTERMS.Location))
            g.add((asset, DCTERMS.spatial, URIRef(uri)))
        licence = self.licence(page, page_url)
        publiccode_url = (
            absolute_url(reverse("open_data_publiccode", kwargs={"pk": page.pk}))
            if is_software(page)
            else ""
        )
        for kind, url, title, file_type in (
            ("repository", page.source_repository, REPOSITORY_TITLE, None),
            ("publiccode", publiccode_url, PUBLICCODE_TITLE, "YAML"),
            ("open-data", page.open_data_url, OPEN_DATA_TITLE, None),
            ("page", page_url, PAGE_TITLE, "HTML"),
        ):
            if url:
                g.add(
                    (
                        asset,
                        DCAT.distribution,
                        self.distribution(
                            asset, kind, url, title, file_type, licence, page
                        ),
                    )
                )
        return asset

    def publisher(self, page: SolutionPage):
        lead = public_version(page.lead_organisation)
        if lead is None:
            return self.portal_publisher()
        agent = BNode(f"organisation-{lead.pk}")
        self.graph.add((agent, RDF.type, FOAF.Agent))
        self.graph.add((agent, FOAF.name, Literal(lead.name)))
        self.graph.add(
            (agent, DCTERMS.type, URIRef(PUBLISHER_TYPE + PUBLISHER_TYPES[lead.kind]))
        )
        if lead.website:
            self.graph.add((agent, FOAF.homepage, URIRef(lead.website)))
        return agent

    def contact_point(self, page: SolutionPage, page_url: str) -> BNode:
        """A person who agreed to show their details, else the lead organisation
        (its website, else the solution's page)."""
        g = self.graph
        point = BNode(f"contact-{page.pk}")
        person = next(
            (
                item.contact
                for item in page.contacts.all()
                if item.contact.live
                and item.contact.shows_details
                and item.contact.email
            ),
            None,
        )
        if person is not None:
            g.add((point, RDF.type, VCARD.Individual))
            g.add((point, VCARD.fn, Literal(person.name)))
            g.add((point, VCARD.hasEmail, URIRef(f"mailto:{person.email}")))
            return point
        lead = public_version(page.lead_organisation)
        g.add((point, RDF.type, VCARD.Organization))
        g.add(
            (
                point,
                VCARD.fn,
                Literal(lead.name if lead else settings.OPEN_DATA_PUBLISHER_NAME),
            )
        )
        g.add(
            (
                point,
                VCARD.hasURL,
                URIRef(lead.website if lead and lead.website else page_url),
            )
        )
        return point

    def licence(self, page: SolutionPage, page_url: str) -> URIRef:
        """The SPDX licence, or a licence document of the solution if proprietary."""
        g = self.graph
        if page.licence == Licence.PROPRIETARY:
            licence = URIRef(f"{page_url}#licence")
            g.add((licence, DCTERMS.type, URIRef(f"{LICENCE_TYPE}Proprietary")))
            for literal in in_every_language(PROPRIETARY_TITLE):
                g.add((licence, DCTERMS.title, literal))
        else:
            licence = URIRef(f"http://spdx.org/licenses/{page.licence}")
            g.add((licence, DCTERMS.title, Literal(page.get_licence_display())))
        g.add((licence, RDF.type, DCTERMS.LicenseDocument))
        return licence

    def distribution(
        self,
        asset: URIRef,
        kind: str,
        url: str,
        title,
        file_type: str | None,
        licence: URIRef,
        page: SolutionPage,
    ) -> URIRef:
        g = self.graph
        distribution = URIRef(f"{asset}-{kind}")
        g.add((distribution, RDF.type, ADMS.AssetDistribution))
        g.add((distribution, DCAT.accessURL, URIRef(url)))
        g.add((distribution, DCTERMS.license, licence))
        code = page.locale.language_code
        with translation.override(code):
            g.add((distribution, DCTERMS.title, Literal(str(title), lang=code)))
        if file_type:
            g.add((distribution, DCTERMS.format, URIRef(f"{EU}file-type/{file_type}")))
        g.add((distribution, ADMS.status, URIRef(STATUS + STATUSES[page.phase])))
        return distribution


def _datetime(value) -> Literal:
    return Literal(value.isoformat(), datatype=XSD.dateTime)


def catalogue(request: HttpRequest) -> Graph:
    """The ADMS-AP graph of the reusable solutions."""
    return AdmsCatalogueBuilder(request).build()
