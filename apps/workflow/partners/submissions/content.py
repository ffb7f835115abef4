"""What the partner wrote, as a solution page: text, contact, image and PDF.

The partner's plain text becomes rich-text paragraphs as the page editor saves them;
uploads land in the partner collection of the responsible authority; a contact the
partner names is not published before an editor records their consent. The edit
form reads the newest revision back (``content_from_page``, ``attachments_of``).
"""

from __future__ import annotations

import html
import os
import re
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.utils.html import escape, strip_tags
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page

from apps.knowledge.choices import PublicationConsent
from apps.knowledge.models import (
    Contact,
    FieldOfAction,
    Organisation,
    SolutionContact,
    SolutionFieldOfAction,
    SolutionPage,
)
from apps.knowledge.models.snippets import slug_from_name
from apps.workflow.models import Submission
from apps.workflow.partners.upload_collections import partner_collection
from apps.workflow.partners.uploads import StashedUpload
from apps.workflow.permissions import area_role_for_page


@dataclass
class SubmissionContent:
    """What the partner entered, cleaned by the submission form."""

    title: str
    teaser: str
    body_text: str
    field_of_action: FieldOfAction
    organisation: Organisation
    contact: Contact | None = None
    contact_name: str = ""
    contact_email: str = ""
    image: StashedUpload | None = None
    image_description: str = ""
    document: StashedUpload | None = None
    # The reuse profile the feasibility check asks for (open source, open data).
    licence: str = ""
    source_repository: str = ""
    open_data_url: str = ""
    adoption_requirements: str = ""


@dataclass(frozen=True)
class Attachments:
    """The image and PDF already attached to a submission's newest version."""

    image: object | None = None
    document: object | None = None


def in_locale(obj, locale: Locale):
    """The translation of a snippet in ``locale``, or the snippet itself."""
    return obj.get_translation_or_none(locale) or obj


def text_to_paragraphs(text: str) -> list[dict]:
    """Plain text to rich-text paragraph blocks; blank lines separate paragraphs.

    Each paragraph is stored the way the page editor saves it, so a moderator who
    opens the page and approves it from the editor's action menu posts it back
    unchanged (and does not become the author of a new revision).
    """
    blocks = []
    for paragraph in re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip()):
        if paragraph.strip():
            lines = [escape(line.strip()) for line in paragraph.strip().split("\n")]
            blocks.append(
                {
                    "type": "paragraph",
                    "value": as_saved_by_editor(f"<p>{'<br/>'.join(lines)}</p>"),
                }
            )
    return blocks


def as_saved_by_editor(html: str) -> str:
    """Rich text after a round trip through the body's rich-text editor widget.

    The editor (Draftail by default) renders the stored HTML into its own format and
    converts it back on save, adding block keys and its own escaping; a page built
    in code must hold exactly that, or the edit form reports a change nobody made.
    """
    block = SolutionPage._meta.get_field("body").stream_block.child_blocks["paragraph"]
    widget = block.field.widget
    return widget.value_from_datadict(
        {"rich_text": widget.format_value(html)}, {}, "rich_text"
    )


def paragraphs_to_text(body) -> str:
    """The text of the paragraph blocks of a body, for the portal's edit form."""
    paragraphs = []
    for block in body:
        if block.block_type != "paragraph":
            continue
        source = re.sub(r"<br\s*/?>", "\n", str(block.value.source))
        for part in re.split(r"</p>\s*", source):
            text = html.unescape(strip_tags(part)).strip()
            if text:
                paragraphs.append(text)
    return "\n\n".join(paragraphs)


def _collection(area: Page) -> Collection:
    """The partner collection of the authority whose area holds the submission:
    only its moderators and the Digitalagentur choose from it in the admin."""
    return partner_collection(area_role_for_page(area))


def _save_image(upload: StashedUpload, content: SubmissionContent, user, area: Page):
    image = get_image_model()(
        title=content.title,
        description=content.image_description,
        file=upload.open(),
        uploaded_by_user=user,
        collection=_collection(area),
    )
    image.save()
    return image


def _describe_image(image, description: str, user):
    """The attached image with a new description, as a copy of it.

    The description is the image's alt text wherever the image is shown. The image
    record is shared with the live page, so changing it in place would change the
    published alt text before the moderators approved anything; the new revision
    gets a copy of the same (already checked) file with the new description, and
    the live page keeps the old one until the revision is published.
    """
    if (image.description or "") == description:
        return image
    with image.open_file() as source:
        data = source.read()
    copy = get_image_model()(
        title=image.title,
        description=description,
        file=ContentFile(data, name=os.path.basename(image.file.name)),
        uploaded_by_user=user,
        collection=image.collection,
        focal_point_x=image.focal_point_x,
        focal_point_y=image.focal_point_y,
        focal_point_width=image.focal_point_width,
        focal_point_height=image.focal_point_height,
    )
    copy.save()
    return copy


def _save_document(upload: StashedUpload, content: SubmissionContent, user, area: Page):
    document = get_document_model()(
        title=content.title,
        file=upload.open(),
        uploaded_by_user=user,
        collection=_collection(area),
    )
    document.save()
    return document


def _contact(content: SubmissionContent, locale: Locale) -> Contact:
    if content.contact is not None:
        return in_locale(content.contact, locale)
    organisation = in_locale(content.organisation, locale)
    # The same person entered again (e.g. when answering a change request).
    existing = Contact.objects.filter(
        locale=locale,
        organisation=organisation,
        name=content.contact_name,
        email__iexact=content.contact_email,
    ).first()
    if existing:
        return existing
    # A person named in the portal has not agreed to publication yet: the portal
    # shows only role and organisation until an editor records their consent.
    contact = Contact(
        name=content.contact_name,
        email=content.contact_email,
        organisation=organisation,
        consent=PublicationConsent.NONE,
        locale=locale,
    )
    contact.save()
    return contact


def unique_slug(parent, title: str, exclude_pk: int | None = None) -> str:
    """A slug from the title that no other child of ``parent`` has."""
    base = slug_from_name(title, 240) or "solution"
    siblings = parent.get_children()
    if exclude_pk:
        siblings = siblings.exclude(pk=exclude_pk)
    taken = set(siblings.values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug = f"{base}-{number}"
        number += 1
    return slug


def apply_content(
    page: SolutionPage, content: SubmissionContent, user, area: Page
) -> None:
    """Write the partner's content into a (draft) solution page in ``area``."""
    locale = page.locale
    page.title = content.title
    page.teaser = content.teaser
    # Blocks an editor added (headings, figures...) stay after the partner's text.
    kept = [
        dict(block)
        for block in page.body.raw_data
        if block["type"] != "paragraph"
        and not (content.document and block["type"] == "document")
    ]
    new = text_to_paragraphs(content.body_text)
    if content.document:
        document = _save_document(content.document, content, user, area)
        new.append(
            {"type": "document", "value": {"document": document.pk, "title": ""}}
        )
    page.body = new + kept
    page.lead_organisation = in_locale(content.organisation, locale)
    page.fields_of_action = [
        SolutionFieldOfAction(
            field_of_action=in_locale(content.field_of_action, locale)
        )
    ]
    page.contacts = [SolutionContact(contact=_contact(content, locale))]
    page.licence = content.licence
    page.source_repository = content.source_repository
    page.open_data_url = content.open_data_url
    page.adoption_requirements = content.adoption_requirements
    if content.image:
        page.image = _save_image(content.image, content, user, area)
    elif page.image is not None and content.image_description:
        page.image = _describe_image(page.image, content.image_description, user)


def content_from_page(submission: Submission) -> dict:
    """Initial values of the portal's edit form, from the newest revision."""
    page = submission.page.get_latest_revision_as_object()
    field_row = page.fields_of_action.first()
    contact_row = page.contacts.first()
    return {
        "title": page.title,
        "teaser": page.teaser,
        "body_text": paragraphs_to_text(page.body),
        "field_of_action": field_row.field_of_action_id if field_row else None,
        "organisation": submission.organisation_id,
        "contact": contact_row.contact_id if contact_row else None,
        "image_description": page.image.description if page.image else "",
        "licence": page.licence,
        "source_repository": page.source_repository,
        "open_data_url": page.open_data_url,
        "adoption_requirements": page.adoption_requirements,
    }


def attachments_of(submission: Submission) -> Attachments:
    """The image and PDF of the submission's newest version, for its edit form."""
    page = submission.page.get_latest_revision_as_object()
    document = next(
        (
            block.value.get("document")
            for block in page.body
            if block.block_type == "document"
        ),
        None,
    )
    return Attachments(image=page.image, document=document)
