"""The feedback form: a report is stored, mailed to the Digitalagentur and
acknowledged in the reporter's language through the outbox; an editor answers it in
the admin; spam and bad input are refused without losing what was typed."""

from __future__ import annotations

import html
from http import HTTPStatus

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from wagtail.test.utils.form_data import nested_form_data

from apps.workflow.groups import setup_roles
from apps.workflow.models import FeedbackReport, OutboxMessage
from tests.factories import PASSWORD, UserFactory
from tests.workflow.factories import FLENSBURG, FeedbackReportFactory

pytestmark = pytest.mark.django_db

AGENCY = "feedback@digitalagentur.example"


@pytest.fixture(autouse=True)
def _agency_address(settings) -> None:
    settings.DIGITALAGENTUR_FEEDBACK_EMAIL = AGENCY


def _in(language: str, msgid: str) -> str:
    with translation.override(language):
        return gettext(msgid)


def _url(language: str) -> str:
    with translation.override(language):
        return reverse("feedback")


def _report(**fields) -> dict:
    return {
        "kind": "barrier",
        "message": "Das Menü lässt sich nicht mit der Tastatur öffnen.",
        "page_url": "/de/loesungen/",
        "name": "Jens Jensen",
        "email": "jens@example.dk",
        "website": "",
        **fields,
    }


def test_feedback__form_prefills_the_page_it_came_from(client, portal):
    response = client.get(_url("de"), {"page": "/de/loesungen/x/"})

    assert response.status_code == HTTPStatus.OK
    assert response.context["form"]["page_url"].value() == "/de/loesungen/x/"
    assert 'value="/de/loesungen/x/"' in response.content.decode()


def test_feedback__form_ignores_a_page_of_another_site(client, portal):
    response = client.get(_url("de"), {"page": "https://evil.example/phish"})

    assert response.context["form"]["page_url"].value() == ""


def test_feedback__is_stored_and_mailed_to_the_agency_and_acknowledged_in_danish(
    client, portal, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("da"), _report())

    assert response.status_code == HTTPStatus.OK
    report = FeedbackReport.objects.get()
    assert report.kind == FeedbackReport.Kind.BARRIER
    assert report.language == "da"
    assert report.page_url == "/de/loesungen/"
    to_agency = OutboxMessage.objects.get(kind=OutboxMessage.Kind.FEEDBACK_RECEIVED)
    assert to_agency.to_email == AGENCY
    assert to_agency.language == "de"
    assert report.message in to_agency.body_text
    assert "http://testserver/de/loesungen/" in to_agency.body_text
    acknowledgement = OutboxMessage.objects.get(
        kind=OutboxMessage.Kind.FEEDBACK_ACKNOWLEDGED
    )
    assert acknowledgement.to_email == "jens@example.dk"
    assert acknowledgement.language == "da"
    assert acknowledgement.subject == _in("da", "We have received your report")
    greeting = _in("da", "Hello %(name)s,") % {"name": "Jens Jensen"}
    assert greeting != _in("en", "Hello %(name)s,") % {"name": "Jens Jensen"}
    assert greeting in acknowledgement.body_text
    # Both were delivered (the outbox's background task ran).
    delivered = {message.to[0]: message for message in mail.outbox}
    assert set(delivered) == {AGENCY, "jens@example.dk"}
    assert delivered["jens@example.dk"].extra_headers["Content-Language"] == "da"


def test_feedback__without_an_address_only_the_agency_is_mailed(
    client, portal, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url("en"), _report(email="", name=""))

    assert FeedbackReport.objects.get().language == "en"
    assert [message.to for message in mail.outbox] == [[AGENCY]]


def test_feedback__honeypot_rejects_the_report(client, portal):
    response = client.post(_url("de"), _report(website="http://spam.example"))

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert not FeedbackReport.objects.exists()
    assert not OutboxMessage.objects.exists()
    assert mail.outbox == []


def test_feedback__error_keeps_what_was_typed_and_speaks_danish(client, portal):
    typed = _report(kind="", email="jens@example", message="Teksten er forkert.")

    response = client.post(_url("da"), typed)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert not FeedbackReport.objects.exists()
    page = html.unescape(response.content.decode())
    assert "Teksten er forkert." in page
    assert 'value="jens@example"' in page
    assert 'value="Jens Jensen"' in page
    assert 'value="/de/loesungen/"' in page
    # The error summary links to each field with an error, in Danish.
    assert 'id="error-summary"' in page
    assert 'href="#id_kind"' in page
    assert 'href="#id_email"' in page
    assert _in("da", "This field is required.") in page
    assert _in("da", "This field is required.") != "This field is required."
    assert 'aria-invalid="true"' in page


def test_feedback__a_page_address_elsewhere_is_refused(client, portal):
    response = client.post(_url("en"), _report(page_url="https://evil.example/x"))

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert 'href="#id_page_url"' in response.content.decode()
    assert not FeedbackReport.objects.exists()


def test_feedback__rate_limit_refuses_more_reports_and_keeps_the_text(
    client, portal, settings
):
    settings.PARTNER_RATE_LIMITS = {"feedback": (2, 3600)}
    for _ in range(2):
        assert client.post(_url("de"), _report()).status_code == HTTPStatus.OK

    response = client.post(_url("de"), _report(message="Noch ein Fehler."))

    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert "Noch ein Fehler." in response.content.decode()
    assert FeedbackReport.objects.count() == 2


def test_feedback__moderator_answers_in_the_admin_in_the_reporters_language(
    client, portal, django_capture_on_commit_callbacks
):
    setup_roles()
    moderator = UserFactory(moderator=True, area_role=FLENSBURG)
    report = FeedbackReportFactory(language="da", email="jens@example.dk")
    client.login(username=moderator.username, password=PASSWORD)
    listing = client.get(reverse("wagtailsnippets_workflow_feedbackreport:list"))
    assert listing.status_code == HTTPStatus.OK
    assert report.message[:40] in html.unescape(listing.content.decode())

    edit_url = reverse("wagtailsnippets_workflow_feedbackreport:edit", args=[report.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            edit_url, nested_form_data({"answer": "Tak, vi har rettet knappen."})
        )

    assert response.status_code == HTTPStatus.FOUND
    report.refresh_from_db()
    assert report.status == FeedbackReport.Status.ANSWERED
    assert report.answered_by == moderator
    answer = OutboxMessage.objects.get(kind=OutboxMessage.Kind.FEEDBACK_ANSWER)
    assert answer.to_email == "jens@example.dk"
    assert answer.language == "da"
    assert answer.subject == _in("da", "Answer to your report")
    assert "Tak, vi har rettet knappen." in answer.body_text
    assert "Tak, vi har rettet knappen." in mail.outbox[-1].body

    # Saving the same answer again sends nothing more.
    client.post(edit_url, nested_form_data({"answer": "Tak, vi har rettet knappen."}))
    assert OutboxMessage.objects.filter(kind="feedback_answer").count() == 1


def test_feedback__editor_without_the_permission_cannot_open_reports(client, portal):
    setup_roles()
    editor = UserFactory(editor=True, area_role=FLENSBURG)
    client.login(username=editor.username, password=PASSWORD)

    response = client.get(reverse("wagtailsnippets_workflow_feedbackreport:list"))

    assert response.status_code in (HTTPStatus.FOUND, HTTPStatus.FORBIDDEN)
