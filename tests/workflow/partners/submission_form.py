"""The partner portal's submission form: its URLs in each language and the POST
data a partner's browser sends."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from apps.knowledge.models import Contact, FieldOfAction, Organisation
from tests.workflow.factories import PartnerPortal


def submission_data(
    setup: PartnerPortal, language: str = "de", **overrides: object
) -> dict:
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


def edit_submission_url(language: str, submission: Any) -> str:
    with translation.override(language):
        return reverse("partner:edit_submission", args=[submission.pk])
