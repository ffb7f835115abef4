"""The submission form: placement, similar solutions, errors, uploads and spam."""

from __future__ import annotations

import re
from http import HTTPStatus

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import translation
from wagtail.models import Locale

from apps.knowledge.choices import Country, OrganisationKind
from apps.knowledge.models import Contact, PartnerAreaPage, SolutionPage
from apps.security.images import NOT_READABLE, too_many_pixels
from apps.workflow.models import Submission
from apps.workflow.partners.spam import HoneypotMixin
from apps.workflow.partners.submissions.routing import responsible_area
from apps.workflow.partners.uploads import CHOOSE_AGAIN
from tests.knowledge import factories
from tests.upload_files import (
    huge_png,
    is_upright_red_above_blue,
    metadata_left,
    pdf_upload,
    phone_photo_jpeg,
    png_bytes,
    png_upload,
)
from tests.workflow.factories import PartnerProfileFactory
from tests.workflow.partners.submission_form import submission_data, submit_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner_client(client, partner_portal):
    client.force_login(partner_portal.partner.user)
    return client


def _html(response) -> str:
    return response.content.decode()


def _error_text(language: str, message) -> str:
    with translation.override(language):
        return str(message)


# -- placement -------------------------------------------------------------------


def test_organisation_with_own_area__submits_into_it(partner_portal):
    area = partner_portal.portal.area.specific
    locale = Locale.objects.get(language_code="da")
    assert responsible_area(area.organisation, locale).translation_key == (
        area.translation_key
    )
    assert responsible_area(area.organisation, locale).locale == locale


def test_danish_organisation__submits_into_the_danish_partners_area(partner_portal):
    danish_area = factories.PartnerAreaPageFactory(
        parent=partner_portal.portal.knowledge,
        title="Dänische Partner",
        slug="daenische-partner",
        organisation=None,
    )
    village = factories.OrganisationFactory(
        name="Landsbyforum", kind=OrganisationKind.ASSOCIATION, country=Country.DENMARK
    )
    assert responsible_area(village, Locale.get_default()).pk == danish_area.pk


def test_association__submits_into_the_area_of_its_existing_solutions(partner_portal):
    assert responsible_area(partner_portal.organisation, Locale.get_default()).pk == (
        partner_portal.portal.area.pk
    )


def test_organisation_without_any_area__submits_into_the_digitalagentur_area(
    partner_portal,
):
    agency_area = factories.PartnerAreaPageFactory(
        parent=partner_portal.portal.knowledge,
        title="Digitalagentur",
        slug="digitalagentur",
    )
    newcomer = factories.OrganisationFactory(
        name="FördeData GmbH", kind=OrganisationKind.COMPANY
    )
    assert responsible_area(newcomer, Locale.get_default()).pk == agency_area.pk


# -- the form --------------------------------------------------------------------


@pytest.mark.parametrize("language", ["de", "da", "en"])
def test_submission_form__is_in_the_portal_language_with_its_fields_of_action(
    partner_client, partner_portal, language
):
    response = partner_client.get(submit_url(language))
    assert response.status_code == HTTPStatus.OK
    html = _html(response)
    assert f'<html lang="{language}">' in html
    expected = "Grüne Energie" if language == "de" else f"Energy {language}"
    assert f">{expected}</option>" in html
    assert 'enctype="multipart/form-data"' in html
    for name in ["title", "teaser", "body_text", "field_of_action", "contact"]:
        assert f'<label for="id_{name}">' in html


@pytest.mark.parametrize(
    ("language", "pdf_help"),
    [
        ("de", "Eine PDF-Datei, höchstens 10,0\xa0MB."),
        ("da", "En PDF-fil på højst 10,0\xa0MB."),
        ("en", "A PDF file, at most 10.0\xa0MB."),
    ],
)
def test_submission_form__upload_limits_in_the_portal_language(
    partner_client, partner_portal, language, pdf_help
):
    # The size comes from filesizeformat, which keeps number and unit together.
    response = partner_client.get(submit_url(language))

    assert pdf_help in _html(response)


def test_new_submission__is_a_draft_with_the_partner_content_and_a_new_contact(
    partner_client, partner_portal
):
    data = submission_data(
        partner_portal,
        "de",
        contact="",
        contact_name="Jens Jensen",
        contact_email="jens@example.org",
    )
    response = partner_client.post(submit_url("de"), data)

    assert response.status_code == HTTPStatus.FOUND
    page = SolutionPage.objects.get(title="Dorfladen-Automat de")
    assert not page.live
    assert page.owner == partner_portal.partner.user
    assert page.lead_organisation == partner_portal.organisation
    assert [row.field_of_action for row in page.fields_of_action.all()] == [
        partner_portal.portal.field
    ]
    contact = page.contacts.get().contact
    assert (contact.name, contact.email) == ("Jens Jensen", "jens@example.org")
    # Nobody agreed to publish the new person's details yet.
    assert not contact.shows_name
    submission = Submission.objects.get(page=page)
    assert submission.submitted_by == partner_portal.partner.user
    assert submission.language == "de"


def test_partner__cannot_submit_for_another_organisation(
    partner_client, partner_portal
):
    other = partner_portal.portal.area.specific.organisation
    response = partner_client.post(
        submit_url("de"), submission_data(partner_portal, "de", organisation=other.pk)
    )
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert not Submission.objects.exists()
    assert 'id="id_organisation_error"' in _html(response)


def test_invalid_submission__shows_errors_linked_from_a_summary_and_keeps_the_input(
    partner_client, partner_portal
):
    data = submission_data(
        partner_portal,
        "en",
        title="",
        contact="",
        contact_name="Jens Jensen",
        contact_email="not-an-address",
    )
    response = partner_client.post(submit_url("en"), data)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    html = _html(response)
    summary = re.search(r'<div class="error-summary".*?</div>', html, re.S).group(0)
    assert 'href="#id_title"' in summary
    assert 'href="#id_contact_email"' in summary
    assert 'aria-invalid="true"' in re.search(r'<input[^>]*id="id_title"', html).group(
        0
    )
    title_input = re.search(r'<input[^>]*name="title"[^>]*>', html).group(0)
    assert 'aria-describedby="id_title_error"' in title_input
    assert 'id="id_title_error"' in html
    # Everything typed is still there.
    assert "Ein Verkaufsautomat mit regionalen Lebensmitteln." in html
    assert "Der Automat steht am Dorfplatz." in html
    assert 'value="Jens Jensen"' in html
    assert 'value="not-an-address"' in html
    with translation.override("en"):
        from django.core.validators import EmailValidator

        assert str(EmailValidator.message) in html
    assert not Submission.objects.exists()


def test_invalid_submission__in_danish_gets_danish_errors(
    partner_client, partner_portal
):
    response = partner_client.post(
        submit_url("da"), submission_data(partner_portal, "da", title="")
    )
    from django import forms

    with translation.override("da"):
        required = str(forms.Field.default_error_messages["required"])
    assert required in _html(response)
    assert '<html lang="da">' in _html(response)


# -- similar solutions -----------------------------------------------------------


def test_similar_solution__is_shown_before_submitting_and_submit_anyway_submits(
    partner_client, partner_portal
):
    data = submission_data(partner_portal, "de", title="Mitfahrbank für Angeln")

    response = partner_client.post(submit_url("de"), data)

    assert response.status_code == HTTPStatus.OK
    html = _html(response)
    assert partner_portal.existing.url in html
    assert "Mitfahrbank Angeln" in html
    assert 'name="confirm"' in html
    assert 'value="Mitfahrbank für Angeln"' in html
    assert not Submission.objects.exists()

    response = partner_client.post(submit_url("de"), {**data, "confirm": "1"})
    assert response.status_code == HTTPStatus.FOUND
    assert Submission.objects.filter(page__title="Mitfahrbank für Angeln").exists()


def test_similar_solution__is_found_across_languages(partner_client, partner_portal):
    response = partner_client.post(
        submit_url("en"),
        submission_data(partner_portal, "en", title="Mitfahrbank in town"),
    )
    assert "Mitfahrbank Angeln" in _html(response)
    assert not Submission.objects.exists()


# -- uploads ---------------------------------------------------------------------


def test_image_and_pdf__are_attached_to_the_draft(partner_client, partner_portal):
    data = submission_data(
        partner_portal, "de", image_description="Der Automat am Dorfplatz"
    )
    response = partner_client.post(
        submit_url("de"), {**data, "image": png_upload(), "document": pdf_upload()}
    )
    assert response.status_code == HTTPStatus.FOUND
    page = SolutionPage.objects.get(title="Dorfladen-Automat de")
    assert page.image.description == "Der Automat am Dorfplatz"
    documents = [
        block.value["document"] for block in page.body if block.block_type == "document"
    ]
    assert documents[0].file.name.endswith(".pdf")


@pytest.mark.parametrize(
    "name, content, field",
    [
        ("bild.png", b"<html><script>alert(1)</script></html>", "image"),
        (
            "bild.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "image",
        ),
        ("bild.png", b"GIF89a" + png_bytes()[6:], "image"),
        ("konzept.pdf", b"<html><body>kein PDF</body></html>", "document"),
        ("konzept.pdf", b"%PDF-1.7\nnothing else", "document"),
        ("konzept.html", b"%PDF-1.7\n", "document"),
    ],
)
def test_bad_upload__is_refused_and_asked_for_again(
    partner_client, partner_portal, name, content, field
):
    data = submission_data(partner_portal, "de", image_description="Ein Bild")
    upload = SimpleUploadedFile(name, content)

    response = partner_client.post(submit_url("de"), {**data, field: upload})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    html = _html(response)
    assert f'id="id_{field}_error"' in html
    assert _error_text("de", CHOOSE_AGAIN) in html
    assert 'value="Dorfladen-Automat de"' in html
    assert not Submission.objects.exists()


def test_phone_photo__is_published_upright_without_gps_author_or_camera(
    partner_client, partner_portal
):
    data = submission_data(partner_portal, "de", image_description="Der Automat")
    photo = SimpleUploadedFile("automat.jpg", phone_photo_jpeg(), "image/jpeg")

    response = partner_client.post(submit_url("de"), {**data, "image": photo})

    assert response.status_code == HTTPStatus.FOUND
    image = SolutionPage.objects.get(title="Dorfladen-Automat de").image
    with image.open_file() as f:
        stored = f.read()
    assert metadata_left(stored) == []
    assert is_upright_red_above_blue(stored)
    with image.get_rendition("fill-30x30").file.open("rb") as f:
        assert metadata_left(f.read()) == []


def test_phone_photo_kept_for_a_second_round__is_stored_without_metadata(
    partner_client, partner_portal
):
    data = submission_data(partner_portal, "de", title="", image_description="Automat")
    photo = SimpleUploadedFile("automat.jpg", phone_photo_jpeg(), "image/jpeg")
    response = partner_client.post(submit_url("de"), {**data, "image": photo})
    key = re.search(r'name="image_key" value="([^"]+)"', _html(response)).group(1)

    partner_client.post(
        submit_url("de"),
        {**data, "title": "Dorfladen-Automat de", "image_key": key},
    )

    image = SolutionPage.objects.get(title="Dorfladen-Automat de").image
    with image.open_file() as f:
        assert metadata_left(f.read()) == []


@pytest.mark.parametrize("language", ["de", "da"])
def test_image_with_121_megapixels__is_refused_in_the_partners_language(
    partner_client, partner_portal, language
):
    data = submission_data(partner_portal, language, image_description="Ein Bild")
    bomb = SimpleUploadedFile("bild.png", huge_png(), "image/png")

    response = partner_client.post(submit_url(language), {**data, "image": bomb})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    with translation.override(language):
        message = too_many_pixels(11000, 11000, 121_000_000, 25_000_000).messages[0]
        assert response.context["form"].errors["image"] == [message, str(CHOOSE_AGAIN)]
    assert not Submission.objects.exists()


@pytest.mark.parametrize("language", ["de", "da"])
def test_gif_header_with_junk__is_refused_with_a_message_not_a_server_error(
    partner_client, partner_portal, language
):
    data = submission_data(partner_portal, language, image_description="Ein Bild")
    junk = SimpleUploadedFile("bild.gif", b"GIF89a" + b"junk" * 64, "image/gif")

    response = partner_client.post(submit_url(language), {**data, "image": junk})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    with translation.override(language):
        expected = [str(NOT_READABLE), str(CHOOSE_AGAIN)]
        assert response.context["form"].errors["image"] == expected
    assert not Submission.objects.exists()


@override_settings(PARTNER_DOCUMENT_MAX_SIZE=100)
def test_too_big_document__is_refused(partner_client, partner_portal):
    response = partner_client.post(
        submit_url("de"),
        {**submission_data(partner_portal, "de"), "document": pdf_upload()},
    )
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert 'id="id_document_error"' in _html(response)


def test_good_upload__is_kept_when_other_fields_have_errors(
    partner_client, partner_portal
):
    data = submission_data(partner_portal, "de", title="", image_description="Automat")
    response = partner_client.post(
        submit_url("de"), {**data, "image": png_upload("automat.png")}
    )
    assert response.status_code == HTTPStatus.BAD_REQUEST
    html = _html(response)
    assert "automat.png" in html
    key = re.search(r'name="image_key" value="([^"]+)"', html).group(1)

    # The browser cannot resend the file; the kept one is used.
    response = partner_client.post(
        submit_url("de"),
        {**data, "title": "Dorfladen-Automat de", "image_key": key},
    )
    assert response.status_code == HTTPStatus.FOUND
    page = SolutionPage.objects.get(title="Dorfladen-Automat de")
    assert page.image is not None
    assert page.image.file.name.endswith(".png")


def test_image_without_description__is_refused(partner_client, partner_portal):
    response = partner_client.post(
        submit_url("de"),
        {**submission_data(partner_portal, "de"), "image": png_upload()},
    )
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert 'id="id_image_description_error"' in _html(response)


# -- spam ------------------------------------------------------------------------


def test_filled_honeypot__is_refused_without_saying_why(partner_client, partner_portal):
    response = partner_client.post(
        submit_url("de"),
        submission_data(partner_portal, "de", website="http://spam.example"),
    )
    assert response.status_code == HTTPStatus.BAD_REQUEST
    summary = re.search(r'<div class="error-summary".*?</div>', _html(response), re.S)
    assert _error_text("de", HoneypotMixin.honeypot_message) in summary.group(0)
    assert "href=" not in summary.group(0)  # no field named
    assert not Submission.objects.exists()


@override_settings(PARTNER_RATE_LIMITS={"submission": (2, 3600)})
def test_rate_limit__stops_the_third_submission_within_the_hour(
    partner_client, partner_portal
):
    for number in range(2):
        response = partner_client.post(
            submit_url("de"),
            submission_data(partner_portal, "de", title=f"Dorfkiste {number}"),
        )
        assert response.status_code == HTTPStatus.FOUND

    response = partner_client.post(
        submit_url("de"), submission_data(partner_portal, "de", title="Dorfkiste 3")
    )

    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert 'value="Dorfkiste 3"' in _html(response)
    assert Submission.objects.count() == 2


@override_settings(PARTNER_RATE_LIMITS={"submission": (1, 3600)})
def test_rate_limit__counts_per_ip_address_across_accounts(client, partner_portal):
    client.force_login(partner_portal.partner.user)
    assert (
        client.post(submit_url("de"), submission_data(partner_portal, "de")).status_code
        == HTTPStatus.FOUND
    )
    colleague = PartnerProfileFactory(
        organisation=partner_portal.organisation,
        user__username="colleague",
        verified=True,
        confirmed=True,
    )
    client.force_login(colleague.user)
    response = client.post(
        submit_url("de"),
        submission_data(partner_portal, "de", title="Noch eine Dorfkiste"),
    )
    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS


# -- who may submit --------------------------------------------------------------


def test_anonymous_visitor__is_sent_to_the_partner_login(client, partner_portal):
    response = client.get(submit_url("da"))
    assert response.status_code == HTTPStatus.FOUND
    assert response.url.startswith("/da/partner/login/?next=/da/partner/submit/")


def test_unverified_partner__cannot_submit_until_the_address_is_confirmed(
    client, partner_portal
):
    unverified = PartnerProfileFactory(
        organisation=partner_portal.organisation, user__username="neu", confirmed=True
    )
    client.force_login(unverified.user)
    assert client.get(submit_url("de")).status_code == HTTPStatus.FORBIDDEN
    response = client.post(submit_url("de"), submission_data(partner_portal, "de"))
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert not Submission.objects.exists()


def test_editor_without_partner_account__is_told_to_use_the_admin(
    client, partner_portal
):
    from django.contrib.auth import get_user_model

    editor = get_user_model().objects.create_user("editor", password="x")
    client.force_login(editor)
    assert client.get(submit_url("de")).status_code == HTTPStatus.FORBIDDEN


def test_language_without_area__gives_a_clear_error(partner_client, partner_portal):
    PartnerAreaPage.objects.filter(locale__language_code="en").delete()
    response = partner_client.post(
        submit_url("en"), submission_data(partner_portal, "en")
    )
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert not Submission.objects.exists()
    assert "Submissions in this language are not possible yet." in _html(response)


def test_same_new_contact_twice__is_one_contact(partner_client, partner_portal):
    person = {"contact": "", "contact_name": "Jens", "contact_email": "j@example.org"}
    for title in ("Dorfkiste Nord", "Dorfkiste Süd"):
        response = partner_client.post(
            submit_url("de"),
            submission_data(partner_portal, "de", title=title, **person),
        )
        assert response.status_code == HTTPStatus.FOUND
    pages = SolutionPage.objects.filter(title__startswith="Dorfkiste")
    assert {page.contacts.get().contact_id for page in pages} == {
        Contact.objects.get(email="j@example.org").pk
    }
