"""Partner accounts: invitation from the admin, self-registration with e-mail
verification, log in and out through the portal."""

from __future__ import annotations

import re
from http import HTTPStatus

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Locale
from wagtail.test.utils.form_data import nested_form_data

from apps.knowledge.roles import DIGITALAGENTUR_GROUP
from apps.workflow.groups import setup_roles
from apps.workflow.models import PartnerInvitation, PartnerProfile
from tests.factories import PASSWORD, UserProfileFactory
from tests.workflow.factories import PartnerProfileFactory
from tests.workflow.partners.submission_form import (
    submission_data,
    submissions_url,
    submit_url,
)

pytestmark = pytest.mark.django_db

STRONG_PASSWORD = "Fjord-Bank-2026!"


def _url(name: str, language: str, *args) -> str:
    with translation.override(language):
        return reverse(f"partner:{name}", args=args)


def _link(message) -> str:
    return re.search(r"http://testserver(/\S+)", message.body).group(1)


def _agency_user():
    setup_roles()
    user = get_user_model().objects.create_user(
        "agency", email="agency@example.org", password=PASSWORD
    )
    user.groups.add(_group(DIGITALAGENTUR_GROUP))
    UserProfileFactory(user=user)
    return user


def _group(name):
    from django.contrib.auth.models import Group

    return Group.objects.get(name=name)


# -- invitations -----------------------------------------------------------------


@pytest.mark.parametrize("language", ["de", "da", "en"])
def test_digitalagentur__invites_a_partner_who_sets_a_password_and_can_submit(
    client, partner_portal, language, django_capture_on_commit_callbacks
):
    agency = _agency_user()
    client.force_login(agency)
    add_url = reverse("wagtailsnippets_workflow_partnerinvitation:add")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            add_url,
            nested_form_data(
                {
                    "email": "Frauke@Dorfverein.example",
                    "organisation": partner_portal.organisation.pk,
                    "language": language,
                }
            ),
        )

    assert response.status_code == HTTPStatus.FOUND
    invitation = PartnerInvitation.objects.get()
    assert invitation.invited_by == agency
    assert [message.to for message in mail.outbox] == [["Frauke@Dorfverein.example"]]
    link = _link(mail.outbox[0])
    assert link == _url("accept_invitation", language, invitation.token)
    with translation.override(language):
        from django.utils.translation import gettext

        assert gettext("Open your partner account here:") in mail.outbox[0].body
    assert " 14 " in mail.outbox[0].body  # days the link is valid

    client.logout()
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
    assert response.url == _url("submit", language)
    profile = PartnerProfile.objects.get(user__email="frauke@dorfverein.example")
    assert profile.organisation == partner_portal.organisation
    assert profile.language == language
    assert profile.is_verified
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    assert client.get(response.url).status_code == HTTPStatus.OK
    # The link works only once.
    client.logout()
    assert client.get(link).status_code == HTTPStatus.NOT_FOUND


def test_invitation_page__lists_invitations_for_the_digitalagentur(
    client, partner_portal
):
    PartnerInvitation.objects.create(
        email="someone@example.org", organisation=partner_portal.organisation
    )
    client.force_login(_agency_user())
    response = client.get(reverse("wagtailsnippets_workflow_partnerinvitation:list"))
    assert response.status_code == HTTPStatus.OK
    assert "someone@example.org" in response.content.decode()


def test_area_editor__cannot_invite_partners(client, partner_portal):
    setup_roles()
    editor = get_user_model().objects.create_user("editor", password=PASSWORD)
    editor.groups.add(_group("Stadt Flensburg – Editors"))
    client.force_login(editor)
    response = client.get(reverse("wagtailsnippets_workflow_partnerinvitation:add"))
    # Wagtail sends users without the permission back to the dashboard.
    assert response.status_code == HTTPStatus.FOUND
    assert response.url == reverse("wagtailadmin_home")


def test_invitation__for_an_existing_account_is_refused_in_the_admin(
    client, partner_portal
):
    client.force_login(_agency_user())
    response = client.post(
        reverse("wagtailsnippets_workflow_partnerinvitation:add"),
        nested_form_data(
            {
                "email": partner_portal.partner.user.email,
                "organisation": partner_portal.organisation.pk,
                "language": "de",
            }
        ),
    )
    assert response.status_code == HTTPStatus.OK
    assert not PartnerInvitation.objects.exists()
    assert mail.outbox == []


def test_expired_invitation__is_not_valid(client, partner_portal):
    invitation = PartnerInvitation.objects.create(
        email="late@example.org", organisation=partner_portal.organisation
    )
    PartnerInvitation.objects.filter(pk=invitation.pk).update(
        created_at=timezone.now() - timezone.timedelta(days=30)
    )
    response = client.get(_url("accept_invitation", "de", invitation.token))
    assert response.status_code == HTTPStatus.NOT_FOUND


def test_invitation_with_mismatched_passwords__keeps_the_name(client, partner_portal):
    invitation = PartnerInvitation.objects.create(
        email="frauke@example.org", organisation=partner_portal.organisation
    )
    response = client.post(
        _url("accept_invitation", "en", invitation.token),
        {
            "first_name": "Frauke",
            "last_name": "Lorenzen",
            "password1": STRONG_PASSWORD,
            "password2": "something-else-2026",
        },
    )
    assert response.status_code == HTTPStatus.BAD_REQUEST
    html = response.content.decode()
    assert 'value="Frauke"' in html
    assert 'id="id_password2_error"' in html
    assert not PartnerProfile.objects.filter(user__email="frauke@example.org").exists()


# -- self-registration -----------------------------------------------------------


def _organisation_in(partner_portal, language: str):
    locale = Locale.objects.get(language_code=language)
    return partner_portal.organisation.get_translation(locale)


def _registration(partner_portal, language: str, **overrides) -> dict:
    """The registration form's data; organisations are listed in the language."""
    data = {
        "first_name": "Jens",
        "last_name": "Jensen",
        "email": "jens@landsby.example",
        "organisation": _organisation_in(partner_portal, language).pk,
        "password1": STRONG_PASSWORD,
        "password2": STRONG_PASSWORD,
        "website": "",
    }
    data.update(overrides)
    return data


def test_registration__needs_the_email_link_before_submitting(
    client, partner_portal, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _url("register", "da"), _registration(partner_portal, "da")
        )

    assert response.status_code == HTTPStatus.OK
    profile = PartnerProfile.objects.get(user__email="jens@landsby.example")
    assert not profile.is_verified
    assert profile.language == "da"
    assert profile.organisation == _organisation_in(partner_portal, "da")
    # Not logged in by the form (a known address gets the same answer); after
    # logging in, not allowed to submit yet.
    assert "_auth_user_id" not in client.session
    assert client.login(username="jens@landsby.example", password=STRONG_PASSWORD)
    assert client.get(submit_url("da")).status_code == HTTPStatus.FORBIDDEN
    response = client.post(submit_url("da"), submission_data(partner_portal, "da"))
    assert response.status_code == HTTPStatus.FORBIDDEN

    [message] = mail.outbox
    assert message.to == ["jens@landsby.example"]
    link = _link(message)
    assert link.startswith("/da/partner/verify/")
    response = client.get(link)
    assert response.status_code == HTTPStatus.OK
    profile.refresh_from_db()
    assert profile.is_verified
    assert client.get(submit_url("da")).status_code == HTTPStatus.OK
    # Used once; a second click says the link is no longer valid.
    assert client.get(link).status_code == HTTPStatus.NOT_FOUND


def test_registration__with_a_weak_password_keeps_the_input(client, partner_portal):
    response = client.post(
        _url("register", "en"),
        _registration(
            partner_portal,
            "en",
            email=partner_portal.partner.user.email,
            password1="123",
            password2="123",
        ),
    )
    assert response.status_code == HTTPStatus.BAD_REQUEST
    html = response.content.decode()
    # A known address is no error: it must not be told apart from a new one.
    assert 'id="id_email_error"' not in html
    assert 'id="id_password2_error"' in html
    assert 'value="Jens"' in html
    assert f'value="{partner_portal.partner.user.email}"' in html
    organisation = _organisation_in(partner_portal, "en")
    assert f'<option value="{organisation.pk}" selected>' in html
    assert PartnerProfile.objects.count() == 1


def test_registration__with_a_filled_honeypot_creates_nothing(client, partner_portal):
    response = client.post(
        _url("register", "de"),
        _registration(partner_portal, "de", website="http://spam.example"),
    )
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert not get_user_model().objects.filter(email="jens@landsby.example").exists()
    assert mail.outbox == []


def test_registration__is_rate_limited_per_ip_address(client, partner_portal, settings):
    settings.PARTNER_RATE_LIMITS = {"registration": (1, 3600)}
    client.post(_url("register", "de"), _registration(partner_portal, "de"))
    client.logout()
    response = client.post(
        _url("register", "de"),
        _registration(partner_portal, "de", email="zweiter@example.org"),
    )
    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert not get_user_model().objects.filter(email="zweiter@example.org").exists()


def test_unverified_partner__can_ask_for_a_new_link(
    client, partner_portal, django_capture_on_commit_callbacks
):
    unverified = PartnerProfileFactory(
        organisation=partner_portal.organisation, user__username="neu", confirmed=True
    )
    client.force_login(unverified.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("resend_verification", "en"))
    assert response.status_code == HTTPStatus.FOUND
    [message] = mail.outbox
    assert unverified.verification_token in message.body


# -- log in and out --------------------------------------------------------------


@pytest.mark.parametrize("language", ["de", "da", "en"])
def test_partner__logs_in_and_out_through_the_portal(client, partner_portal, language):
    response = client.get(_url("login", language))
    assert response.status_code == HTTPStatus.OK
    assert f'<html lang="{language}">' in response.content.decode()

    response = client.post(
        _url("login", language),
        {"username": partner_portal.partner.user.username, "password": PASSWORD},
    )
    assert response.status_code == HTTPStatus.FOUND
    assert response.url == submissions_url(language)
    html = client.get(response.url).content.decode()
    assert _url("logout", language) in html  # the header offers to log out

    response = client.post(_url("logout", language))
    assert response.status_code == HTTPStatus.FOUND
    assert response.url == f"/{language}/"
    assert client.get(submissions_url(language)).status_code == HTTPStatus.FOUND


def test_wrong_password__shows_the_error_and_keeps_the_user_name(
    client, partner_portal
):
    response = client.post(
        _url("login", "de"),
        {"username": partner_portal.partner.user.username, "password": "falsch"},
    )
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert f'value="{partner_portal.partner.user.username}"' in html


def test_header__offers_login_and_submission_to_visitors(client, partner_portal):
    html = client.get("/en/").content.decode()
    assert _url("login", "en") in html
    assert submit_url("en") in html
