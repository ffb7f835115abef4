"""Partner account mails (invitation, address confirmation) go through the outbox:
a mail outage neither blocks inviting or registering nor loses the message, and
``retry_outbox`` delivers it afterwards in the partner's language."""

from __future__ import annotations

import re
from http import HTTPStatus

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Locale
from wagtail.test.utils.form_data import nested_form_data

from apps.knowledge.roles import DIGITALAGENTUR_GROUP
from apps.workflow.groups import setup_roles
from apps.workflow.models import OutboxMessage, PartnerInvitation, PartnerProfile
from tests.factories import PASSWORD, UserProfileFactory
from tests.fault_services import closed_local_port
from tests.workflow.partners.submission_form import submit_url

pytestmark = pytest.mark.django_db

LANGUAGES = ["de", "da", "en"]
STRONG_PASSWORD = "Fjord-Bank-2026!"


@pytest.fixture
def mail_outage(settings):
    """The SMTP server refuses connections; ``end()`` brings mail back."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = closed_local_port()
    settings.EMAIL_TIMEOUT = 5

    class Outage:
        @staticmethod
        def end() -> None:
            settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    return Outage


def _retry_outbox() -> None:
    call_command("retry_outbox", stdout=open("/dev/null", "w"))  # noqa: SIM115


def _link(message) -> str:
    return re.search(r"http://testserver(/\S+)", message.body).group(1)


def _in(language: str, msgid: str) -> str:
    with translation.override(language):
        return gettext(msgid)


def _url(name: str, language: str) -> str:
    with translation.override(language):
        return reverse(f"partner:{name}")


def _registration(partner_portal, language: str, **overrides) -> dict:
    """The registration form as a partner fills it in, in ``language``."""
    organisation = partner_portal.organisation.get_translation(
        Locale.objects.get(language_code=language)
    )
    return {
        "first_name": "Jens",
        "last_name": "Jensen",
        "email": "jens@landsby.example",
        "organisation": organisation.pk,
        "password1": STRONG_PASSWORD,
        "password2": STRONG_PASSWORD,
        "website": "",
        **overrides,
    }


def _agency_user():
    from django.contrib.auth.models import Group

    setup_roles()
    user = get_user_model().objects.create_user(
        "agency", email="agency@example.org", password=PASSWORD
    )
    user.groups.add(Group.objects.get(name=DIGITALAGENTUR_GROUP))
    UserProfileFactory(user=user)
    return user


@pytest.mark.parametrize("language", LANGUAGES)
def test_invitation_during_mail_outage__is_saved_and_sent_by_retry_outbox(
    client, partner_portal, mail_outage, language, django_capture_on_commit_callbacks
):
    client.force_login(_agency_user())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtailsnippets_workflow_partnerinvitation:add"),
            nested_form_data(
                {
                    "email": "frauke@dorfverein.example",
                    "organisation": partner_portal.organisation.pk,
                    "language": language,
                }
            ),
        )

    assert response.status_code == HTTPStatus.FOUND
    invitation = PartnerInvitation.objects.get()
    [waiting] = OutboxMessage.objects.all()
    assert waiting.kind == OutboxMessage.Kind.INVITATION
    assert waiting.recipient is None  # nobody has an account for it yet
    assert waiting.to_email == "frauke@dorfverein.example"
    assert waiting.language == language
    assert waiting.status == OutboxMessage.Status.FAILED
    assert mail.outbox == []

    mail_outage.end()
    _retry_outbox()
    _retry_outbox()  # a second run does not send it again

    [delivered] = mail.outbox
    assert delivered.to == ["frauke@dorfverein.example"]
    assert delivered.extra_headers["Content-Language"] == language
    assert delivered.subject == _in(
        language, "Invitation to the knowledge base of the smart border region"
    )
    assert _in(language, "Open your partner account here:") in delivered.body
    assert f'<html lang="{language}">' in delivered.alternatives[0].content
    waiting.refresh_from_db()
    assert waiting.status == OutboxMessage.Status.SENT

    # The link in the late mail still opens the account, in the chosen language.
    client.logout()
    link = _link(delivered)
    response = client.get(link)
    assert response.status_code == HTTPStatus.OK
    assert f'<html lang="{language}">' in response.content.decode()
    response = client.post(
        link,
        {
            "first_name": "Frauke",
            "last_name": "Lorenzen",
            "password1": STRONG_PASSWORD,
            "password2": STRONG_PASSWORD,
        },
    )
    assert response.status_code == HTTPStatus.FOUND
    profile = PartnerProfile.objects.get(user__email="frauke@dorfverein.example")
    assert profile.language == language
    assert profile.is_verified
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None


def _invite(client, partner_portal, email: str):
    return client.post(
        reverse("wagtailsnippets_workflow_partnerinvitation:add"),
        nested_form_data(
            {
                "email": email,
                "organisation": partner_portal.organisation.pk,
                "language": "da",
            }
        ),
        follow=True,
    )


# Committed transactions, as in production: the outbox hands the mail to the task
# while the request is still running, so the agency learns how it went.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_invitation__tells_the_agency_whether_the_mail_went_out(
    client, partner_portal, mail_outage
):
    client.force_login(_agency_user())

    response = _invite(client, partner_portal, "frauke@dorfverein.example")

    html = response.content.decode()
    assert "Invitation to frauke@dorfverein.example saved." in html
    assert "will be sent as soon as the mail server can be reached" in html
    assert PartnerInvitation.objects.filter(email="frauke@dorfverein.example")
    assert mail.outbox == []

    mail_outage.end()
    response = _invite(client, partner_portal, "jens@landsby.example")

    assert "Invitation sent to jens@landsby.example." in response.content.decode()
    [delivered] = mail.outbox
    assert delivered.to == ["jens@landsby.example"]
    assert OutboxMessage.objects.filter(status=OutboxMessage.Status.FAILED).count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_registration__tells_the_partner_whether_the_link_went_out(
    client, partner_portal, mail_outage
):
    response = client.post(_url("register", "en"), _registration(partner_portal, "en"))

    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert "Our mail server cannot be reached at the moment" in html
    assert "We have sent a link" not in html
    assert PartnerProfile.objects.filter(user__email="jens@landsby.example").exists()

    mail_outage.end()
    client.logout()
    response = client.post(
        _url("register", "en"),
        _registration(partner_portal, "en", email="kim@by.example"),
    )

    assert "We have sent a link to kim@by.example." in response.content.decode()
    assert [m.to for m in mail.outbox] == [["kim@by.example"]]


@pytest.mark.parametrize("language", LANGUAGES)
def test_registration_during_mail_outage__succeeds_and_link_arrives_after_retry(
    client, partner_portal, mail_outage, language, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _url("register", language), _registration(partner_portal, language)
        )

    # The partner has an account and can log in, but is not yet verified.
    assert response.status_code == HTTPStatus.OK
    profile = PartnerProfile.objects.get(user__email="jens@landsby.example")
    assert not profile.is_verified
    client.force_login(profile.user)
    assert client.get(submit_url(language)).status_code == HTTPStatus.FORBIDDEN
    [waiting] = OutboxMessage.objects.all()
    assert waiting.kind == OutboxMessage.Kind.VERIFICATION
    assert waiting.recipient == profile.user
    assert waiting.language == language
    assert waiting.status == OutboxMessage.Status.FAILED
    assert mail.outbox == []

    mail_outage.end()
    _retry_outbox()

    [delivered] = mail.outbox
    assert delivered.to == ["jens@landsby.example"]
    assert delivered.extra_headers["Content-Language"] == language
    assert delivered.subject == _in(language, "Confirm your e-mail address")
    with translation.override(language):
        greeting = gettext("Hello %(name)s,") % {"name": "Jens Jensen"}
    assert delivered.body.startswith(greeting)
    link = _link(delivered)
    assert link.startswith(f"/{language}/")
    assert client.get(link).status_code == HTTPStatus.OK
    profile.refresh_from_db()
    assert profile.is_verified
    assert client.get(submit_url(language)).status_code == HTTPStatus.OK
