"""Open-data views: bulk downloads, the DCAT-AP.de catalogue, the portal page that
lists them, and robots.txt."""

from __future__ import annotations

import json
from collections.abc import Callable

import yaml
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from rdflib import Graph
from wagtail.models import Locale

from apps.knowledge.models import FieldOfAction, SolutionPage
from apps.knowledge.open_data import adms, dcat, dcat_dk, publiccode
from apps.knowledge.open_data.downloads import TABLES, Exporter
from apps.knowledge.open_data.licences import open_data_licence
from apps.knowledge.public_url import absolute_url
from apps.knowledge.visibility import visible

# The catalogues on the open-data page: profile, what it is for, URL name.
CATALOGUES = (
    (
        "DCAT-AP.de 3.0",
        _("The datasets for GovData and other German open-data portals."),
        "open_data_catalogue",
    ),
    (
        "DCAT-AP-DK 2.0.2",
        _("The datasets for the Danish data catalogue."),
        "open_data_catalogue_dk",
    ),
    (
        "ADMS-AP 2.0",
        _(
            "The reusable solutions, with their licence, source code or open data "
            "and a contact, for the Interoperable Europe portal."
        ),
        "open_data_adms",
    ),
)


def _locale(language: str) -> Locale:
    if language not in dict(settings.LANGUAGES):
        raise Http404("Unknown language")
    locale = Locale.objects.filter(language_code=language).first()
    if locale is None:
        raise Http404("Unknown language")
    return locale


def _with_licence(
    response: HttpResponse, request: HttpRequest, language: str | None, filename: str
) -> HttpResponse:
    """The licence and the catalogue as ``Link`` headers (RFC 8288), so a harvester
    that only sees the file still learns its terms."""
    licence = open_data_licence()
    catalogue = absolute_url(
        reverse("open_data_catalogue", kwargs={"extension": "ttl"})
    )
    response["Link"] = (
        f'<{licence.url}>; rel="license", <{licence.uri}>; rel="license", '
        f'<{catalogue}>; rel="describedby"; type="text/turtle"'
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    if language:
        response["Content-Language"] = language
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def download_csv(request: HttpRequest, language: str, table: str) -> HttpResponse:
    """One table of the knowledge base in one language as CSV.

    UTF-8 with a byte order mark, so that Excel opens umlauts and ``ø`` correctly;
    the csv module reads it with ``encoding="utf-8-sig"``.
    """
    if table not in TABLES:
        raise Http404("Unknown table")
    exporter = Exporter(_locale(language), request)
    body = exporter.csv(TABLES[table]).encode("utf-8-sig")
    response = HttpResponse(
        body, content_type="text/csv; charset=utf-8; header=present"
    )
    return _with_licence(
        response, request, language, f"smart-region-{table}-{language}.csv"
    )


@require_GET
def download_json(request: HttpRequest, language: str) -> HttpResponse:
    """The whole knowledge base in one language as one JSON document."""
    exporter = Exporter(_locale(language), request)
    body = json.dumps(
        exporter.document(), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2
    )
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    return _with_licence(
        response, request, language, f"smart-region-knowledge-base-{language}.json"
    )


def _rdf_response(
    build: Callable[[], Graph], extension: str, licence_uri: str
) -> HttpResponse:
    """The graph ``build`` makes, in the serialisation of ``extension`` (an unknown
    one is a 404 before anything is built)."""
    if extension not in dcat.SERIALISATIONS:
        raise Http404("Unknown format")
    rdf_format, content_type = dcat.SERIALISATIONS[extension]
    response = HttpResponse(
        build().serialize(format=rdf_format), content_type=content_type
    )
    response["Access-Control-Allow-Origin"] = "*"
    response["Link"] = f'<{licence_uri}>; rel="license"'
    return response


@require_GET
def catalogue(request: HttpRequest, extension: str) -> HttpResponse:
    """The DCAT-AP.de catalogue as Turtle, RDF/XML or JSON-LD."""
    return _rdf_response(
        lambda: dcat.catalogue(request), extension, open_data_licence().uri
    )


@require_GET
def catalogue_dk(request: HttpRequest, extension: str) -> HttpResponse:
    """The DCAT-AP-DK catalogue as Turtle, RDF/XML or JSON-LD."""
    return _rdf_response(
        lambda: dcat_dk.catalogue(request), extension, open_data_licence().eu_uri
    )


@require_GET
def adms_catalogue(request: HttpRequest, extension: str) -> HttpResponse:
    """The ADMS-AP catalogue of reusable solutions as Turtle, RDF/XML or JSON-LD."""
    return _rdf_response(
        lambda: adms.catalogue(request), extension, open_data_licence().eu_uri
    )


@require_GET
def publiccode_yml(request: HttpRequest, pk: int) -> HttpResponse:
    """The publiccode.yml of a published solution that is software."""
    page = visible(SolutionPage.objects).filter(pk=pk).first()
    if page is None or not publiccode.is_software(page):
        raise Http404("No software solution")
    body = yaml.safe_dump(
        publiccode.publiccode_document(page, request),
        allow_unicode=True,
        sort_keys=False,
    )
    response = HttpResponse(body, content_type="application/yaml; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="publiccode.yml"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


def open_data_page(request: HttpRequest) -> HttpResponse:
    """The portal page listing the downloads, the catalogue, the API and the feeds."""
    languages = [
        (code, name)
        for code, name in settings.LANGUAGES
        if Locale.objects.filter(language_code=code).exists()
    ]
    downloads = [
        {
            "code": code,
            "name": name,
            "json": reverse("open_data_json", kwargs={"language": code}),
            "tables": [
                (
                    dcat.TABLE_TITLES[table],
                    reverse("open_data_csv", kwargs={"language": code, "table": table}),
                )
                for table in TABLES
            ],
        }
        for code, name in languages
    ]
    catalogues = [
        (
            profile,
            description,
            [
                (label, reverse(url_name, kwargs={"extension": extension}))
                for extension, label in (
                    ("ttl", "Turtle"),
                    ("rdf", "RDF/XML"),
                    ("jsonld", "JSON-LD"),
                )
            ],
        )
        for profile, description, url_name in CATALOGUES
    ]
    # Only published fields of action, like the feeds they link to; a translation
    # awaiting review shows its published German version.
    fields = FieldOfAction.objects.public_in(Locale.get_active()) or (
        FieldOfAction.objects.public_in(Locale.get_default())
    )
    api = [
        reverse(f"knowledge_api:{name}:listing")
        for name in ("solutions", "organisations", "contacts", "fields-of-action")
    ]
    return render(
        request,
        "knowledge/open_data.html",
        {
            "downloads": downloads,
            "catalogues": catalogues,
            "api_endpoints": api,
            "licence": open_data_licence(),
            "fields": fields,
        },
    )


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    """robots.txt: everything but the admin may be crawled; where the sitemap is."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Allow: /",
        "",
        f"Sitemap: {absolute_url(reverse('sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
