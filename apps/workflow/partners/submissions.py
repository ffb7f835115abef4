"""Partner submissions: a draft solution in the right place, and its moderation.

A submission becomes a draft ``SolutionPage`` under the partner area responsible for
the partner's organisation, in the language tree of the language the partner wrote
in, and enters the workflow assigned to that part of the tree, the way the admin's
"Submit for moderation" does. Resubmitting after a change request resumes that
workflow at the task that asked for the changes (``WorkflowState.resume``).
"""

from __future__ import annotations

import html
import logging
import os
import re
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.db.models import Q
from django.utils.html import escape, strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, TaskState, WorkflowState

from apps.knowledge.choices import PublicationConsent
from apps.knowledge.models import (
    Contact,
    FieldOfAction,
    Organisation,
    PartnerAreaPage,
    SolutionContact,
    SolutionFieldOfAction,
    SolutionPage,
)
from apps.knowledge.models.snippets import slug_from_name
from apps.workflow.models import Membership, PartnerProfile, Submission
from apps.workflow.partners.upload_collections import partner_collection
from apps.workflow.partners.uploads import StashedUpload
from apps.workflow.permissions import area_role_for_page

logger = logging.getLogger(__name__)

# Where submissions go when the organisation has no area of its own: Danish
# organisations to the Danish partners' area, others to the area holding most of
# their solutions, else to the Digitalagentur's area (slugs, the same in every
# language; see apps.knowledge.roles.AREA_ROLES).
DANISH_AREA_SLUG = "daenische-partner"
DEFAULT_AREA_SLUG = "digitalagentur"


class SubmissionStatus(models.TextChoices):
    """Where a partner's submission stands, as the partner sees it in the portal."""

    DRAFT = "draft", _("Draft")
    IN_MODERATION = "in_moderation", _("In moderation")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    PUBLISHED = "published", _("Published")


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


@dataclass
class ModeratorComment:
    task: str
    status: str
    comment: str
    finished_at: object


@dataclass
class SubmissionSummary:
    """One row of "My submissions"."""

    submission: Submission
    page: SolutionPage
    status: SubmissionStatus
    comments: list[ModeratorComment] = field(default_factory=list)

    @property
    def can_edit(self) -> bool:
        return self.status in {
            SubmissionStatus.CHANGES_REQUESTED,
            SubmissionStatus.DRAFT,
        }


class NoAreaError(Exception):
    """No partner area exists in the language the partner writes in."""


# -- placement -------------------------------------------------------------------


def _areas_with_solutions_of(organisation: Organisation) -> Counter:
    """How many solutions the organisation leads or partners in, per area."""
    key = organisation.translation_key
    solutions = SolutionPage.objects.filter(
        Q(lead_organisation__translation_key=key)
        | Q(partners__organisation__translation_key=key)
    ).distinct()
    counts: Counter = Counter()
    for area in PartnerAreaPage.objects.all():
        count = solutions.descendant_of(area).count()
        if count:
            counts[area.translation_key] += count
    return counts


def responsible_area_key(organisation: Organisation):
    """The translation key of the partner area responsible for an organisation."""
    areas = PartnerAreaPage.objects.all()
    own = areas.filter(organisation__translation_key=organisation.translation_key)
    if own.exists():
        return own.first().translation_key
    if organisation.is_danish:
        danish = areas.filter(
            slug=getattr(settings, "PARTNER_DANISH_AREA_SLUG", DANISH_AREA_SLUG)
        ).first()
        if danish:
            return danish.translation_key
    counts = _areas_with_solutions_of(organisation)
    if counts:
        return counts.most_common(1)[0][0]
    default = (
        areas.filter(
            slug=getattr(settings, "PARTNER_DEFAULT_AREA_SLUG", DEFAULT_AREA_SLUG)
        ).first()
        or areas.order_by("path").first()
    )
    return default.translation_key if default else None


def responsible_area(organisation: Organisation, locale: Locale) -> PartnerAreaPage:
    """The partner area in ``locale`` where the organisation's submissions go."""
    key = responsible_area_key(organisation)
    area = PartnerAreaPage.objects.filter(translation_key=key, locale=locale).first()
    if key is None or area is None:
        raise NoAreaError(locale.language_code)
    return area


def in_locale(obj, locale: Locale):
    """The translation of a snippet in ``locale``, or the snippet itself."""
    return obj.get_translation_or_none(locale) or obj


# -- content ---------------------------------------------------------------------


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


def _unique_slug(parent, title: str, exclude_pk: int | None = None) -> str:
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


def _apply(page: SolutionPage, content: SubmissionContent, user, area: Page) -> None:
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


# -- workflow --------------------------------------------------------------------


def submit_for_moderation(page: SolutionPage, user) -> WorkflowState | None:
    """Start the workflow of the page's part of the tree, or resume it after changes.

    Mirrors the admin's "Submit for moderation" (wagtail.admin.views.pages.edit).
    """
    state = page.current_workflow_state
    if state and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user)
        return state
    workflow = page.get_workflow()
    if workflow is None:
        logger.warning("No workflow applies to %s; it stays a draft.", page)
        return None
    return workflow.start(page, user)


@transaction.atomic
def create_submission(
    profile: PartnerProfile, content: SubmissionContent, locale: Locale
) -> Submission:
    """Create the draft solution, record the submission and start moderation."""
    user = profile.user
    area = responsible_area(content.organisation, locale)
    page = SolutionPage(
        title=content.title,
        slug=_unique_slug(area, content.title),
        teaser=content.teaser,
        locale=area.locale,
        owner=user,
        live=False,
        has_unpublished_changes=True,
    )
    _apply(page, content, user, area)
    area.add_child(instance=page)
    page.save_revision(user=user, log_action=True)
    submission = Submission.objects.create(
        page=page,
        submitted_by=user,
        organisation=content.organisation,
        language=locale.language_code,
    )
    submit_for_moderation(page, user)
    return submission


@transaction.atomic
def resubmit(submission: Submission, content: SubmissionContent, user) -> None:
    """Save the partner's changes as a new revision and send them back to review."""
    page = submission.page.get_latest_revision_as_object()
    _apply(page, content, user, submission.page)
    if not page.live:
        # As the admin does: a page that is not live keeps its fields in step with
        # its newest revision.
        page.save()
    page.save_revision(user=user, log_action=True)
    submission.updated_by = user
    submission.save(update_fields=["updated_at", "updated_by"])
    submit_for_moderation(SolutionPage.objects.get(pk=page.pk), user)


# -- status ----------------------------------------------------------------------


def status_of(page: SolutionPage) -> SubmissionStatus:
    state = page.current_workflow_state
    if state and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        return SubmissionStatus.CHANGES_REQUESTED
    if state and state.status == WorkflowState.STATUS_IN_PROGRESS:
        return SubmissionStatus.IN_MODERATION
    if page.live:
        return SubmissionStatus.PUBLISHED
    return SubmissionStatus.DRAFT


def _decision_label(state: TaskState) -> str:
    """A moderator's decision as the partner should read it.

    Wagtail calls a change request "rejected" (in Danish "Afvist"), but the
    partner is asked to change the submission and send it again, not turned down.
    """
    if state.status == TaskState.STATUS_REJECTED:
        return str(SubmissionStatus.CHANGES_REQUESTED.label)
    return state.get_status_display()


def moderator_comments(page: SolutionPage) -> list[ModeratorComment]:
    """Comments moderators gave with their decisions, oldest first."""
    states = (
        TaskState.objects.filter(
            workflow_state__in=WorkflowState.objects.for_instance(page)
        )
        .exclude(comment="")
        .select_related("task")
        .order_by("finished_at", "pk")
    )
    return [
        ModeratorComment(
            task=state.task.name,
            status=_decision_label(state),
            comment=state.comment,
            finished_at=state.finished_at,
        )
        for state in states
    ]


def organisation_submissions(profile: PartnerProfile):
    """Submissions the partner sees and may edit, in whatever language: their own,
    and, once the organisation confirmed them, those its confirmed members made.

    Naming an organisation at registration shows nothing of it; a submission of an
    unconfirmed account is not the organisation's either.
    """
    shown = Q(submitted_by=profile.user)
    if profile.is_confirmed_member:
        shown |= Q(
            organisation__translation_key=profile.organisation.translation_key,
            submitted_by__partner_profile__membership=Membership.CONFIRMED,
        )
    return Submission.objects.filter(shown).select_related(
        "page", "submitted_by", "updated_by", "organisation"
    )


def is_unconfirmed(submission: Submission) -> bool:
    """Whether the partner who submitted has not been confirmed by the organisation
    (shown to moderators)."""
    user = submission.submitted_by
    profile = getattr(user, "partner_profile", None) if user else None
    return profile is None or not profile.is_confirmed_member


def summaries(profile: PartnerProfile) -> list[SubmissionSummary]:
    rows = []
    for submission in organisation_submissions(profile):
        page = submission.page.specific
        rows.append(
            SubmissionSummary(
                submission=submission,
                page=page,
                status=status_of(page),
                comments=moderator_comments(page),
            )
        )
    return rows


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
