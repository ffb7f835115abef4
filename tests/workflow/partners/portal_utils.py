"""Helpers for the partner portal tests: a portal in de/da/en with a partner, the
submission form's POST data, and moderation done through the admin with whatever
workflow is assigned."""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from PIL import Image as PILImage
from pypdf import PdfWriter
from wagtail.models import (
    GroupApprovalTask,
    Locale,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowState,
    WorkflowTask,
)

from apps.knowledge.choices import OrganisationKind
from apps.knowledge.models import Contact, FieldOfAction, Organisation, PartnerAreaPage
from apps.knowledge.roles import AREA_ROLES
from apps.workflow.groups import setup_roles
from apps.workflow.models import Membership, PartnerProfile
from tests.knowledge import factories
from tests.knowledge.utils import Portal, add_solution, build_portal, translate_tree

LANGUAGES = ("de", "da", "en")
PASSWORD = "secret-pass-123"
FLENSBURG = AREA_ROLES[0]


@dataclass
class PartnerPortal:
    portal: Portal
    organisation: Organisation
    contact: Contact
    partner: PartnerProfile
    existing: Page


def translate_snippet(snippet, language: str, **fields):
    """The ``language`` version of a snippet, created if missing."""
    locale = Locale.objects.get(language_code=language)
    existing = snippet.get_translation_or_none(locale)
    if existing:
        return existing
    translation_ = snippet.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translation_, name, value)
    translation_.save()
    return translation_


def make_partner(
    organisation: Organisation,
    username: str,
    verified: bool = True,
    confirmed: bool = True,
):
    """A partner account; ``confirmed``: its organisation confirmed the membership."""
    user = get_user_model().objects.create_user(
        username=username,
        email=f"{username}@example.org",
        password=PASSWORD,
        first_name="Petra",
        last_name="Partner",
    )
    return PartnerProfile.objects.create(
        user=user,
        organisation=organisation,
        email_verified_at=timezone.now() if verified else None,
        membership=Membership.CONFIRMED if confirmed else Membership.PENDING,
    )


def build_partner_portal() -> PartnerPortal:
    """A portal in de, da and en whose Flensburg area holds a solution of an
    association, a verified partner of that association and the editorial groups."""
    portal = build_portal()
    portal.area.slug = FLENSBURG.area_slug
    portal.area.save_revision().publish()
    organisation = factories.OrganisationFactory(
        name="Mobil im Dorf e.V.", kind=OrganisationKind.ASSOCIATION
    )
    contact = factories.ContactFactory(name="Hanna Petersen", organisation=organisation)
    existing = add_solution(
        portal,
        title="Mitfahrbank Angeln",
        teaser="Eine Bank, auf der man auf eine Mitfahrgelegenheit wartet.",
        lead_organisation=organisation,
    )
    for language in LANGUAGES[1:]:
        translate_tree(portal.area, language)
        field = translate_snippet(portal.field, language, name=f"Energy {language}")
        local_organisation = translate_snippet(organisation, language)
        translate_snippet(contact, language, organisation=local_organisation)
        assert field.locale.language_code == language
    setup_roles()
    partner = make_partner(organisation, "partner")
    return PartnerPortal(portal, organisation, contact, partner, existing)


def group_approval_workflow(area: Page) -> Workflow:
    """Wagtail's own group approval by the area's moderators, on every language
    version of the area (replaces whatever workflow applied before)."""
    task = GroupApprovalTask.objects.create(name="Review by Stadt Flensburg")
    task.groups.add(Group.objects.get(name=FLENSBURG.moderators))
    workflow = Workflow.objects.create(name="Stadt Flensburg review")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    for page in PartnerAreaPage.objects.filter(translation_key=area.translation_key):
        WorkflowPage.objects.update_or_create(
            page=page, defaults={"workflow": workflow}
        )
    return workflow


def moderators() -> list:
    """One admin user in each editorial group, so every task finds a reviewer."""
    users = []
    for number, group in enumerate(Group.objects.order_by("name")):
        user = get_user_model().objects.create_user(
            username=f"moderator{number}",
            email=f"moderator{number}@example.org",
            password=PASSWORD,
        )
        user.groups.add(group)
        users.append(user)
    return users


def png_bytes(size=(40, 30)) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (0, 90, 140)).save(buffer, format="PNG")
    return buffer.getvalue()


def pdf_bytes() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def png_upload(name: str = "bild.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, png_bytes(), content_type="image/png")


def pdf_upload(name: str = "konzept.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes(), content_type="application/pdf")


def submission_data(setup: PartnerPortal, language: str = "de", **overrides) -> dict:
    """POST data of the portal's submission form, as a partner's browser sends it."""
    locale = Locale.objects.get(language_code=language)
    field = FieldOfAction.objects.get(
        translation_key=setup.portal.field.translation_key, locale=locale
    )
    organisation = Organisation.objects.get(
        translation_key=setup.organisation.translation_key, locale=locale
    )
    contact = Contact.objects.get(
        translation_key=setup.contact.translation_key, locale=locale
    )
    data = {
        "title": f"Dorfladen-Automat {language}",
        "teaser": "Ein Verkaufsautomat mit regionalen Lebensmitteln.",
        "body_text": "Der Automat steht am Dorfplatz.\n\nEr ist rund um die Uhr offen.",
        "field_of_action": field.pk,
        "organisation": organisation.pk,
        "contact": contact.pk,
        "contact_name": "",
        "contact_email": "",
        "image_description": "",
        "image_key": "",
        "document_key": "",
        "licence": "",
        "source_repository": "",
        "open_data_url": "",
        "adoption_requirements": "",
        "website": "",
    }
    data.update(overrides)
    return data


def submit_url(language: str) -> str:
    with translation.override(language):
        return reverse("partner:submit")


def submissions_url(language: str) -> str:
    with translation.override(language):
        return reverse("partner:submissions")


def edit_url(language: str, submission) -> str:
    with translation.override(language):
        return reverse("partner:edit_submission", args=[submission.pk])


def _action_data(form_class, comment: str) -> dict:
    """Fill a workflow action form the way a moderator does: tick every box."""
    data = {}
    if form_class is None:
        return data
    from django import forms

    for name, field in form_class().fields.items():
        if isinstance(field, forms.BooleanField):
            data[name] = "on"
        elif name == "comment":
            data[name] = comment
        else:
            data[name] = "ok"
    return data


def current_task_state(page: Page):
    state = WorkflowState.objects.active().filter(object_id=str(page.pk)).first()
    if state is None or state.status != WorkflowState.STATUS_IN_PROGRESS:
        return None
    return state.current_task_state


def act(client, page: Page, reviewers, action: str, comment: str = ""):
    """One reviewer who may take ``action`` on the current task takes it in the
    admin; returns the task state acted on."""
    page = Page.objects.get(pk=page.pk).specific
    task_state = current_task_state(page)
    assert task_state is not None, "the page is not in moderation"
    task = task_state.task.specific
    reviewer = next(
        user
        for user in reviewers
        if action in [name for name, *_ in task.get_actions(page, user)]
    )
    client.force_login(reviewer)
    response = client.post(
        reverse(
            "wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk]
        ),
        _action_data(task.get_form_for_action(action), comment),
    )
    assert response.status_code == 302, response.content[:500]
    return task_state


def approve_all(client, page: Page, reviewers, comment: str = "") -> list:
    """Approve every remaining task in the admin; returns the task names."""
    names = []
    for _ in range(10):
        if current_task_state(page) is None:
            break
        names.append(act(client, page, reviewers, "approve", comment).task.name)
    return names
