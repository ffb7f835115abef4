"""A contact's personal data: export it (GDPR art. 15) and erase it (art. 17).

A contact is one person in several languages (translations share a translation
key), so both act on every language version. Erasing removes the person from every
solution (live pages, drafts and history, and wagtail-localize's copies of the
source), deletes the contact and its translation records, and anonymises the admin
history, so no page breaks and no copy of the name is left behind.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry, Page, ReferenceIndex, Revision
from wagtail_localize.models import (
    String,
    StringSegment,
    TranslatableObject,
    TranslationSource,
)

from apps.knowledge.models import Contact, SolutionContact, SolutionPage
from apps.knowledge.public_url import page_full_url

ERASE_ACTION = "knowledge.contact_erased"
PERSONAL_FIELDS = ("name", "role", "email", "phone", "languages")
# Exporting everything stored about a person is a data-protection task, not an
# editing one: it has its own permission. The codename follows Wagtail's
# ``<action>_<model>`` pattern, so the snippet's permission policy checks it as
# the action "export".
EXPORT_PERMISSION_CODENAME = "export_contact"
EXPORT_PERMISSION = f"knowledge.{EXPORT_PERMISSION_CODENAME}"
EXPORT_PERMISSION_NAME = "Can export a contact's personal data (GDPR art. 15)"


def ensure_export_permission() -> Permission:
    """The export permission; created by migration 0008, again after a flush."""
    permission, _created = Permission.objects.get_or_create(
        content_type=ContentType.objects.get_for_model(Contact),
        codename=EXPORT_PERMISSION_CODENAME,
        defaults={"name": EXPORT_PERMISSION_NAME},
    )
    return permission


def language_versions(contact: Contact) -> list[Contact]:
    """Every language version of the person, the given one first."""
    others = (
        Contact.objects.filter(translation_key=contact.translation_key)
        .exclude(pk=contact.pk)
        .select_related("locale", "organisation")
        .order_by("pk")
    )
    return [contact, *others]


def pages_listing(contacts: list[Contact]) -> list[Page]:
    """Solution pages whose published or draft content lists one of ``contacts``."""
    ids = {contact.pk for contact in contacts}
    page_ids = set(
        SolutionContact.objects.filter(contact_id__in=ids).values_list(
            "page_id", flat=True
        )
    )
    for revision in _solution_revisions():
        if _lists(revision.content, ids):
            page_ids.add(int(revision.object_id))
    return list(
        SolutionPage.objects.filter(pk__in=page_ids)
        .select_related("locale")
        .order_by("pk")
    )


def _solution_revisions():
    page_type = ContentType.objects.get_for_model(SolutionPage)
    return Revision.objects.filter(content_type=page_type).iterator()


def _lists(content: dict, ids: set[int]) -> bool:
    return any(item.get("contact") in ids for item in content.get("contacts", []))


def _without(content: dict, ids: set[int]) -> dict:
    content = dict(content)
    content["contacts"] = [
        item for item in content.get("contacts", []) if item.get("contact") not in ids
    ]
    return content


def export_contact(contact: Contact, request=None) -> dict:
    """Everything stored about the person, and where it is used (GDPR art. 15)."""
    versions = language_versions(contact)
    contact_type = ContentType.objects.get_for_model(Contact)
    history = ModelLogEntry.objects.filter(
        content_type=contact_type,
        object_id__in=[str(version.pk) for version in versions],
    ).order_by("timestamp")
    return {
        "exported_at": timezone.now().isoformat(),
        "translation_key": str(contact.translation_key),
        "language_versions": [
            {
                "id": version.pk,
                "language": version.locale.language_code,
                "name": version.name,
                "role": version.role,
                "organisation": version.organisation.name
                if version.organisation
                else None,
                "email": version.email,
                "phone": version.phone,
                "languages": version.languages,
                "consent": version.consent,
                "consent_label": str(version.get_consent_display()),
                "consent_recorded_at": version.consent_recorded_at,
            }
            for version in versions
        ],
        "used_on": [
            {
                "id": page.pk,
                "title": page.title,
                "language": page.locale.language_code,
                "live": page.live,
                "url": page_full_url(page, request) if page.live else None,
            }
            for page in pages_listing(versions)
        ],
        "history": [
            {"action": entry.action, "timestamp": entry.timestamp} for entry in history
        ],
    }


@dataclass(frozen=True)
class Erasure:
    """What erasing a contact changed, for the confirmation message."""

    contacts: int
    pages: list[Page]


@transaction.atomic
def erase_contact(contact: Contact, user=None) -> Erasure:
    """Remove the person from every page and delete their data (GDPR art. 17)."""
    versions = language_versions(contact)
    ids = {version.pk for version in versions}
    pages = pages_listing(versions)
    personal_values = {
        str(value)
        for version in versions
        for value in (version.name, version.role, version.email, version.phone)
        if value
    }

    # Published pages: the person disappears from the page at once.
    SolutionContact.objects.filter(contact_id__in=ids).delete()
    # Drafts and history: publishing or reverting later must not bring them back.
    for revision in _solution_revisions():
        if _lists(revision.content, ids):
            revision.content = _without(revision.content, ids)
            revision.save(update_fields=["content"])
    # wagtail-localize keeps a copy of each translated page's source content.
    page_type = ContentType.objects.get_for_model(Page)
    sources = TranslationSource.objects.filter(
        object__content_type=page_type,
        object__translation_key__in=[page.translation_key for page in pages],
    )
    for source in sources:
        content = json.loads(source.content_json)
        if _lists(content, ids):
            source.content_json = json.dumps(
                _without(content, ids), cls=DjangoJSONEncoder
            )
            source.save(update_fields=["content_json"])

    contact_type = ContentType.objects.get_for_model(Contact)
    object_ids = [str(pk) for pk in ids]
    # The admin history names the person in its labels.
    ModelLogEntry.objects.filter(
        content_type=contact_type, object_id__in=object_ids
    ).update(label=f"#{contact.pk}", data={})
    ReferenceIndex.objects.filter(
        to_content_type=contact_type, to_object_id__in=object_ids
    ).delete()
    log(contact, ERASE_ACTION, user=user, title=f"#{contact.pk}", data={})

    translation_key = contact.translation_key
    Contact.objects.filter(pk__in=ids).delete()
    # Translation records of the contact (source copy, segments, translations) and
    # the source strings that held its data and are used nowhere else.
    TranslatableObject.objects.filter(
        content_type=contact_type, translation_key=translation_key
    ).delete()
    String.objects.filter(data__in=personal_values).exclude(
        pk__in=StringSegment.objects.values("string_id")
    ).delete()
    return Erasure(contacts=len(ids), pages=pages)
