"""publiccode.yml (standard 0.4) for solutions that are software, both ways.

A solution is software when it names a source code repository and an open
licence (an SPDX identifier). ``publiccode_document`` describes it in every
language it is published in; ``validate_publiccode`` checks a document against
the standard's required keys and value lists (no validator of the standard exists
for Python, so the project keeps this one, written from the 0.4 schema);
``solution_draft`` turns a document into a new solution page that is saved as a
draft, never published (``manage.py import_publiccode``).
https://yml.publiccode.tools/schema.core.html
"""

from __future__ import annotations

import html
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page
from wagtail.rich_text import RichText

from apps.knowledge.choices import Licence, Phase
from apps.knowledge.models import (
    FieldOfAction,
    Organisation,
    PartnerAreaPage,
    SolutionFieldOfAction,
    SolutionPage,
)
from apps.knowledge.models.snippets import public_version, slug_from_name
from apps.knowledge.visibility import visible

PUBLICCODE_VERSION = "0.4"
# How far along the solution is, in the standard's words, and back.
DEVELOPMENT_STATUS = {
    Phase.IDEA: "concept",
    Phase.CONCEPT: "concept",
    Phase.PROTOTYPE: "development",
    Phase.PILOT: "beta",
    Phase.OPERATION: "stable",
    Phase.COMPLETED: "obsolete",
}
PHASE_OF_STATUS = {
    "concept": Phase.CONCEPT,
    "development": Phase.PROTOTYPE,
    "beta": Phase.PILOT,
    "stable": Phase.OPERATION,
    "obsolete": Phase.COMPLETED,
}
SOFTWARE_TYPES = {
    "standalone/mobile",
    "standalone/iot",
    "standalone/desktop",
    "standalone/web",
    "standalone/backend",
    "standalone/other",
    "addon",
    "library",
    "configurationFiles",
}
MAINTENANCE_TYPES = {"internal", "contract", "community", "none"}
# The standard's limits on the description texts.
SHORT_DESCRIPTION_MAX = 150
LONG_DESCRIPTION_MIN = 150
LONG_DESCRIPTION_MAX = 10000
OPEN_LICENCES = {choice.value for choice in Licence} - {
    Licence.PROPRIETARY,
    Licence.UNKNOWN,
}


def is_software(page: SolutionPage) -> bool:
    """Software with a publiccode.yml: a repository and an open licence."""
    return bool(page.source_repository) and page.licence in OPEN_LICENCES


def _plain_body(page: SolutionPage) -> list[str]:
    """The text paragraphs of the body, without markup."""
    return [
        html.unescape(strip_tags(block.value.source)).strip()
        for block in page.body
        if block.block_type == "paragraph"
    ]


def _short(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= SHORT_DESCRIPTION_MAX:
        return text
    return text[: SHORT_DESCRIPTION_MAX - 1].rsplit(" ", 1)[0] + "…"


def _description(page: SolutionPage) -> dict[str, Any]:
    parts = [page.teaser, *_plain_body(page)]
    if page.adoption_requirements:
        parts.append(page.adoption_requirements)
    fields = (
        public_version(item.field_of_action) for item in page.fields_of_action.all()
    )
    features = [field.name for field in fields if field is not None]
    features += [item.tag.name for item in page.tagged_items.all()]
    description: dict[str, Any] = {
        "shortDescription": _short(page.teaser),
        "longDescription": "\n\n".join(part for part in parts if part)[
            :LONG_DESCRIPTION_MAX
        ],
        "features": features or [_short(page.teaser)],
    }
    if page.documentation_url:
        # The reuse-readiness profile's documentation address is the standard's
        # user documentation (apps/knowledge/models/readiness.py).
        description["documentation"] = page.documentation_url
    return description


def publiccode_document(page: SolutionPage, request=None) -> dict[str, Any]:
    """The publiccode.yml of a software solution, in all its live languages."""
    versions = [
        version.specific
        for version in visible(page.get_translations(inclusive=True))
        .select_related("locale")
        .order_by("locale_id")
    ]
    lead = public_version(page.lead_organisation)
    contacts = [
        item.contact
        for item in page.contacts.select_related("contact")
        if item.contact.live and item.contact.shows_name
    ]
    maintenance_contacts = [
        {
            "name": contact.name,
            **(
                {"email": contact.email}
                if contact.shows_details and contact.email
                else {}
            ),
            **(
                {"phone": contact.phone}
                if contact.shows_details and contact.phone
                else {}
            ),
            **({"affiliation": lead.name} if lead else {}),
        }
        for contact in contacts
    ] or [{"name": lead.name if lead else settings.OPEN_DATA_PUBLISHER_NAME}]
    document: dict[str, Any] = {
        "publiccodeYmlVersion": PUBLICCODE_VERSION,
        "name": page.title,
        "url": page.source_repository,
        "landingURL": page.get_full_url(request),
        "platforms": ["web"],
        "developmentStatus": DEVELOPMENT_STATUS[page.phase],
        "softwareType": "standalone/web",
        "description": {
            version.locale.language_code: _description(version) for version in versions
        },
        "legal": {"license": page.licence},
        "maintenance": {"type": "internal", "contacts": maintenance_contacts},
        "localisation": {
            "localisationReady": len(versions) > 1,
            "availableLanguages": [v.locale.language_code for v in versions],
        },
    }
    if lead is not None:
        document["legal"]["mainCopyrightOwner"] = lead.name
        document["legal"]["repoOwner"] = lead.name
    return document


def validate_publiccode(document: Any) -> list[str]:
    """What keeps ``document`` from being a valid publiccode.yml 0.4: the
    required keys, their types, value lists and lengths. Empty if valid."""
    if not isinstance(document, dict):
        return [_("A publiccode.yml is a mapping of keys.")]
    errors = []

    def need(container: dict, key: str, kind: type, where: str = "") -> Any:
        value = container.get(key) if isinstance(container, dict) else None
        if value is None or value == "" or value == [] or value == {}:
            errors.append(_("%(key)s is required.") % {"key": where + key})
            return None
        if not isinstance(value, kind):
            errors.append(_("%(key)s has the wrong type.") % {"key": where + key})
            return None
        return value

    version = need(document, "publiccodeYmlVersion", str)
    if version and not version.startswith("0."):
        errors.append(
            _("publiccodeYmlVersion %(version)s is not a 0.x version.")
            % {"version": version}
        )
    need(document, "name", str)
    url = need(document, "url", str)
    if url and not url.startswith(("https://", "http://", "git://", "ssh://")):
        errors.append(_("url is not the address of a repository."))
    need(document, "platforms", list)
    status = need(document, "developmentStatus", str)
    if status and status not in PHASE_OF_STATUS:
        errors.append(
            _("developmentStatus %(value)s is not one of the standard's.")
            % {"value": status}
        )
    software_type = need(document, "softwareType", str)
    if software_type and software_type not in SOFTWARE_TYPES:
        errors.append(
            _("softwareType %(value)s is not one of the standard's.")
            % {"value": software_type}
        )
    descriptions = need(document, "description", dict) or {}
    for language, description in descriptions.items():
        where = f"description.{language}."
        short = need(description, "shortDescription", str, where)
        if short and len(short) > SHORT_DESCRIPTION_MAX:
            errors.append(
                _("%(key)s is longer than %(limit)s characters.")
                % {"key": where + "shortDescription", "limit": SHORT_DESCRIPTION_MAX}
            )
        long = need(description, "longDescription", str, where)
        if long and not LONG_DESCRIPTION_MIN <= len(long) <= LONG_DESCRIPTION_MAX:
            errors.append(
                _("%(key)s has %(count)s characters; it needs %(min)s to %(max)s.")
                % {
                    "key": where + "longDescription",
                    "count": len(long),
                    "min": LONG_DESCRIPTION_MIN,
                    "max": LONG_DESCRIPTION_MAX,
                }
            )
        need(description, "features", list, where)
    legal = need(document, "legal", dict) or {}
    need(legal, "license", str, "legal.")
    maintenance = need(document, "maintenance", dict) or {}
    kind = need(maintenance, "type", str, "maintenance.")
    if kind and kind not in MAINTENANCE_TYPES:
        errors.append(
            _("maintenance.type %(value)s is not one of the standard's.")
            % {"value": kind}
        )
    if kind in {"internal", "contract", "community"}:
        contacts = need(maintenance, "contacts", list, "maintenance.") or []
        for index, contact in enumerate(contacts):
            need(contact, "name", str, f"maintenance.contacts[{index}].")
    localisation = need(document, "localisation", dict) or {}
    if "localisationReady" not in localisation or not isinstance(
        localisation["localisationReady"], bool
    ):
        errors.append(
            _("%(key)s is required.") % {"key": "localisation.localisationReady"}
        )
    need(localisation, "availableLanguages", list, "localisation.")
    return errors


def solution_draft(document: dict[str, Any], parent: Page) -> SolutionPage:
    """A new solution under ``parent`` from a publiccode.yml, saved as a draft
    for an editor to complete and submit; never published here."""
    errors = validate_publiccode(document)
    if errors:
        raise ValidationError(errors)
    locale = parent.locale
    descriptions = document["description"]
    language = (
        locale.language_code
        if locale.language_code in descriptions
        else next(iter(descriptions))
    )
    description = descriptions[language]
    licence = document["legal"]["license"]
    owner_name = document["legal"].get("mainCopyrightOwner", "")
    lead = (
        Organisation.objects.filter(locale=locale, name=owner_name).first()
        if owner_name
        else None
    )
    paragraphs = [
        part.strip()
        for part in description["longDescription"].split("\n\n")
        if part.strip()
    ]
    page = SolutionPage(
        title=document["name"],
        slug=_free_slug(parent, slug_from_name(document["name"], 200)),
        teaser=description["shortDescription"],
        body=[
            ("paragraph", RichText(f"<p>{html.escape(paragraph)}</p>"))
            for paragraph in paragraphs
        ],
        phase=PHASE_OF_STATUS[document["developmentStatus"]],
        source_repository=document["url"],
        licence=licence if licence in OPEN_LICENCES else Licence.UNKNOWN,
        lead_organisation=lead,
        live=False,
        locale=locale,
    )
    parent.add_child(instance=page)
    # Fields of action named like one of the language's (the features list).
    for name in description.get("features", []):
        field = FieldOfAction.objects.filter(locale=locale, name=name).first()
        if field is not None:
            SolutionFieldOfAction.objects.create(page=page, field_of_action=field)
    page.save_revision()
    return page


def _free_slug(parent: Page, slug: str) -> str:
    taken = set(parent.get_children().values_list("slug", flat=True))
    candidate, number = slug, 2
    while candidate in taken:
        candidate = f"{slug}-{number}"
        number += 1
    return candidate


def default_partner_area() -> Page | None:
    """The first partner area of the default language, where imports land if the
    command names none."""
    return (
        PartnerAreaPage.objects.filter(locale=Locale.get_default())
        .order_by("path")
        .first()
    )
