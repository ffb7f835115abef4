"""schema.org JSON-LD for solution, organisation and contact-directory pages.

Contacts appear only as far as the person consented: without consent to the name
only as a ``ContactPoint`` with role and organisation, e-mail and phone only with
full consent (the same rule as ``apps.knowledge.open_data.downloads.public_contact``).
https://schema.org/docs/documents.html
"""

from __future__ import annotations

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from apps.knowledge.choices import OrganisationKind
from apps.knowledge.i18n import active_language
from apps.knowledge.models import Contact, Organisation, SolutionPage
from apps.knowledge.models.tags import shown_tags
from apps.knowledge.public_url import absolute_url
from apps.knowledge.templatetags.portal_tags import localize, organisation_url

register = template.Library()

SCHEMA = "https://schema.org"
ORGANISATION_TYPES = {
    OrganisationKind.CITY: "GovernmentOrganization",
    OrganisationKind.DISTRICT: "GovernmentOrganization",
    OrganisationKind.DANISH_MUNICIPALITY: "GovernmentOrganization",
    OrganisationKind.REGION: "GovernmentOrganization",
    OrganisationKind.AGENCY: "GovernmentOrganization",
    OrganisationKind.ASSOCIATION: "NGO",
    OrganisationKind.COMPANY: "Corporation",
    OrganisationKind.RESEARCH: "ResearchOrganization",
}
# Characters that could end the script element or open an HTML comment inside it.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld_script(data: dict) -> SafeString:
    """A ``<script type="application/ld+json">`` element, safe inside HTML."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    return mark_safe(  # noqa: S308 - the JSON is escaped for a script element above
        '<script type="application/ld+json">'
        + text.translate(_SCRIPT_ESCAPES)
        + "</script>"
    )


def _absolute(context, url: str | None) -> str | None:
    return absolute_url(url) if url else None


def organisation_data(context, organisation: Organisation, full: bool = False) -> dict:
    """An organisation as schema.org ``Organization`` (or a more specific type)."""
    organisation = localize(context, organisation)
    if organisation is None:
        # Never published (a draft): nothing about it is public.
        return {"@type": "Organization"}
    data = {
        "@type": ORGANISATION_TYPES.get(organisation.kind, "Organization"),
        "name": organisation.name,
        "address": {
            "@type": "PostalAddress",
            "addressCountry": organisation.country,
        },
    }
    if url := _absolute(context, organisation_url(context, organisation)):
        data["@id"] = url
        data["url"] = url
    if organisation.website:
        data["sameAs"] = organisation.website
    if full:
        if organisation.description:
            data["description"] = organisation.description
        if organisation.logo:
            rendition = organisation.logo.get_rendition("max-400x400")
            data["logo"] = _absolute(context, rendition.url)
    return data


def contact_data(context, contact: Contact, with_organisation: bool = True) -> dict:
    """A contact as far as consented: ``Person`` with a name, else ``ContactPoint``."""
    person = localize(context, contact)
    if person is None:
        # Never published (a draft): nothing about the person is public.
        return {"@type": "ContactPoint"}
    if person.shows_name:
        data = {"@type": "Person", "name": person.name}
        if person.role:
            data["jobTitle"] = person.role
        if person.languages:
            data["knowsLanguage"] = list(person.languages)
        if person.shows_details and person.email:
            data["email"] = person.email
        if person.shows_details and person.phone:
            data["telephone"] = person.phone
        if with_organisation and person.organisation:
            data["worksFor"] = organisation_data(context, person.organisation)
        return data
    data = {"@type": "ContactPoint"}
    if person.role:
        data["contactType"] = person.role
    if person.languages:
        data["availableLanguage"] = list(person.languages)
    if with_organisation and person.organisation:
        data["provider"] = organisation_data(context, person.organisation)
    return data


@register.simple_tag(takes_context=True)
def solution_json_ld(context, page: SolutionPage) -> SafeString:
    """The solution page as a ``CreativeWork`` about a ``Project``."""
    url = _absolute(context, page.get_url(context.get("request")))
    fields = [item.field_of_action for item in page.fields_of_action.all()]
    keywords = [
        field.name
        for field in (localize(context, field) for field in fields)
        if field is not None
    ]
    keywords += [tag.name for tag in shown_tags(page.tags.all(), active_language())]
    lead = page.lead_organisation
    partners = [item.organisation for item in page.partners.all()]
    project = {
        "@type": "Project",
        "name": page.title,
        "description": page.teaser,
    }
    if lead:
        project["parentOrganization"] = organisation_data(context, lead)
    if partners:
        project["member"] = [organisation_data(context, o) for o in partners]
    contacts = [contact_data(context, item.contact) for item in page.contacts.all()]
    if contacts:
        project["contactPoint"] = contacts
    if page.municipality or page.latitude is not None:
        place = {"@type": "Place"}
        if page.municipality:
            place["name"] = page.municipality
        if page.latitude is not None and page.longitude is not None:
            place["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": float(page.latitude),
                "longitude": float(page.longitude),
            }
        project["location"] = place
    if page.start_date:
        project["foundingDate"] = page.start_date.isoformat()
    data = {
        "@context": SCHEMA,
        "@type": "CreativeWork",
        "@id": url,
        "url": url,
        "name": page.title,
        "headline": page.seo_title or page.title,
        "description": page.search_description or page.teaser,
        "inLanguage": page.locale.language_code,
        "keywords": ", ".join(keywords),
        "creativeWorkStatus": str(page.get_phase_display()),
        "about": project,
    }
    if lead:
        data["creator"] = organisation_data(context, lead)
    if partners:
        data["contributor"] = [organisation_data(context, o) for o in partners]
    if page.first_published_at:
        data["datePublished"] = page.first_published_at.isoformat()
    if page.last_published_at:
        data["dateModified"] = page.last_published_at.isoformat()
    if page.licence:
        data["license"] = f"https://spdx.org/licenses/{page.licence}.html"
    if page.source_repository:
        data["isBasedOn"] = page.source_repository
    return json_ld_script(data)


@register.simple_tag(takes_context=True)
def organisation_json_ld(
    context, organisation: Organisation, contacts=()
) -> SafeString:
    """An organisation page as ``Organization`` with its contacts."""
    data = {"@context": SCHEMA, **organisation_data(context, organisation, full=True)}
    request = context.get("request")
    if request is not None:
        data["@id"] = data["url"] = absolute_url(request.path)
    people = [contact_data(context, c, with_organisation=False) for c in contacts]
    persons = [p for p in people if p["@type"] == "Person"]
    points = [p for p in people if p["@type"] == "ContactPoint"]
    if persons:
        data["employee"] = persons
    if points:
        data["contactPoint"] = points
    return json_ld_script(data)


@register.simple_tag(takes_context=True)
def contact_directory_json_ld(
    context, page, organisations=(), contacts=()
) -> SafeString:
    """The contact directory as a ``CollectionPage`` listing organisations and
    contacts."""
    url = _absolute(context, page.get_url(context.get("request")))
    items = [organisation_data(context, o) for o in organisations]
    items += [contact_data(context, c) for c in contacts]
    data = {
        "@context": SCHEMA,
        "@type": "CollectionPage",
        "@id": url,
        "url": url,
        "name": page.title,
        "inLanguage": page.locale.language_code,
        "mainEntity": {
            "@type": "ItemList",
            "numberOfItems": len(items),
            "itemListElement": [
                {"@type": "ListItem", "position": position, "item": item}
                for position, item in enumerate(items, start=1)
            ],
        },
    }
    return json_ld_script(data)


@register.simple_tag(takes_context=True)
def home_json_ld(context, page) -> SafeString:
    """The home page as the ``WebSite`` (with a ``SearchAction`` for the portal's
    search) published by the region's ``Organization``."""
    home = _absolute(context, page.get_url(context.get("request"))) or absolute_url("/")
    organisation_id = absolute_url("/#organization")
    search = absolute_url(reverse("search"))
    data = {
        "@context": SCHEMA,
        "@graph": [
            {
                "@type": "WebSite",
                "@id": f"{home}#website",
                "url": home,
                "name": gettext("Smart border region knowledge base"),
                "inLanguage": page.locale.language_code,
                "publisher": {"@id": organisation_id},
                "potentialAction": {
                    "@type": "SearchAction",
                    "target": {
                        "@type": "EntryPoint",
                        "urlTemplate": f"{search}?q={{search_term_string}}",
                    },
                    "query-input": "required name=search_term_string",
                },
            },
            {
                "@type": "Organization",
                "@id": organisation_id,
                "name": gettext("Smart border region"),
                "url": absolute_url("/"),
            },
        ],
    }
    return json_ld_script(data)


@register.simple_tag(takes_context=True)
def theme_json_ld(context, page, solutions=()) -> SafeString:
    """A theme page as a ``CollectionPage`` whose main entity is the ``ItemList``
    of the solutions it shows (the page of the list shown)."""
    request = context.get("request")
    url = _absolute(context, page.get_url(request))
    start = getattr(solutions, "start_index", lambda: 1)() or 1
    items = [
        {
            "@type": "ListItem",
            "position": position,
            "url": _absolute(context, solution.get_url(request)),
            "name": solution.title,
        }
        for position, solution in enumerate(solutions, start=start)
    ]
    data = {
        "@context": SCHEMA,
        "@type": "CollectionPage",
        "@id": url,
        "url": url,
        "name": page.title,
        "inLanguage": page.locale.language_code,
        "mainEntity": {
            "@type": "ItemList",
            "numberOfItems": getattr(
                getattr(solutions, "paginator", None), "count", len(items)
            ),
            "itemListElement": items,
        },
    }
    if page.intro:
        data["description"] = page.intro
    return json_ld_script(data)
