"""Two-factor authentication in the Wagtail admin, through its login flow."""

from __future__ import annotations

import re
from http import HTTPStatus

import pytest
from django.contrib.auth import get_user_model
from django.core import mail, signing
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.users.models import UserProfile

from apps.security import two_factor
from tests.knowledge.factories import PortalFactory, SolutionPageFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-admin-password"
VERIFY_URL = "/admin/2fa/verify/"
SETUP_URL = "/admin/2fa/setup/"


def admin_user(username: str = "admin", language: str = "en"):
    """A superuser whose admin speaks ``language`` (the admin follows the profile)."""
    user = get_user_model().objects.create_superuser(
        username, f"{username}@example.org", PASSWORD
    )
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


def with_device(user) -> TOTPDevice:
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    return device


def current_code(device: TOTPDevice) -> str:
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def wrong_code(device: TOTPDevice) -> str:
    return f"{(int(current_code(device)) + 1) % 10**6:06d}"


def log_in(client: Client, user, language: str = "en"):
    return client.post(
        "/admin/login/",
        {"username": user.username, "password": PASSWORD, "next": "/admin/pages/"},
        HTTP_ACCEPT_LANGUAGE=language,
    )


def test_account_with_device__password_alone_does_not_open_the_admin(client):
    user = admin_user()
    with_device(user)

    response = log_in(client, user)
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == "/admin/pages/"

    for url in ["/admin/", "/admin/pages/", "/admin/users/", "/admin/api/main/pages/"]:
        response = client.get(url)
        assert response.status_code == HTTPStatus.FOUND, url
        assert response["Location"].startswith(f"{VERIFY_URL}?next="), url


def test_code_page__asks_for_the_code_and_keeps_the_target(client):
    user = admin_user()
    with_device(user)
    log_in(client, user)

    response = client.get(client.get("/admin/pages/")["Location"])

    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert 'name="otp_token"' in html
    assert 'name="next" value="/admin/pages/"' in html


def test_wrong_code__is_refused_with_a_message(client):
    user = admin_user()
    device = with_device(user)
    log_in(client, user)

    response = client.post(
        VERIFY_URL,
        {"otp_token": wrong_code(device), "next": "/admin/pages/"},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "This code is not valid. Please enter the current code." in (
        response.content.decode()
    )
    assert client.get("/admin/pages/")["Location"].startswith(VERIFY_URL)


def test_wrong_code__message_in_the_users_language(client):
    user = admin_user(language="da")
    device = with_device(user)
    log_in(client, user, language="da")

    response = client.post(
        VERIFY_URL, {"otp_token": wrong_code(device)}, HTTP_ACCEPT_LANGUAGE="da"
    )

    assert response["Content-Language"] == "da"
    with translation.override("da"):
        expected = gettext("This code is not valid. Please enter the current code.")
    assert expected in response.content.decode()


def test_right_code__opens_the_admin_at_the_page_asked_for(client):
    user = admin_user()
    device = with_device(user)
    log_in(client, user)

    response = client.post(
        VERIFY_URL, {"otp_token": current_code(device), "next": "/admin/pages/"}
    )

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == HTTPStatus.OK
    assert client.get("/admin/").status_code == HTTPStatus.OK


def test_right_code_with_spaces__is_accepted(client):
    user = admin_user()
    device = with_device(user)
    log_in(client, user)
    code = current_code(device)

    client.post(VERIFY_URL, {"otp_token": f"{code[:3]} {code[3:]}"})

    assert client.get("/admin/").status_code == HTTPStatus.OK


def test_next_to_another_site__is_not_followed(client):
    user = admin_user()
    device = with_device(user)
    log_in(client, user)

    response = client.post(
        VERIFY_URL,
        {"otp_token": current_code(device), "next": "https://evil.example/"},
    )

    assert response["Location"] == "/admin/"


def test_right_code_after_a_wrong_one__waits_for_the_throttle(client, settings):
    """django-otp refuses every code for a moment after a wrong one."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 60  # a minute: longer than this test
    user = admin_user()
    device = with_device(user)
    log_in(client, user)
    client.post(VERIFY_URL, {"otp_token": wrong_code(device)})

    response = client.post(VERIFY_URL, {"otp_token": current_code(device)})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert re.search(r"Too many wrong codes. Please wait \d\d seconds", response.text)
    assert client.get("/admin/").status_code == HTTPStatus.FOUND


def test_code__cannot_be_used_twice(client):
    user = admin_user()
    device = with_device(user)
    code = current_code(device)
    log_in(client, user)
    client.post(VERIFY_URL, {"otp_token": code})

    other = Client()
    log_in(other, user)
    response = other.post(VERIFY_URL, {"otp_token": code})

    assert response.status_code == HTTPStatus.BAD_REQUEST


def test_recovery_code__admits_once(client):
    user = admin_user()
    with_device(user)
    code, *_ = two_factor.new_recovery_codes(user)
    log_in(client, user)

    response = client.post(VERIFY_URL, {"otp_token": code}, follow=True)

    assert response.status_code == HTTPStatus.OK
    assert "You used a recovery code; 9 are left." in response.content.decode()
    assert not StaticToken.objects.filter(token=code).exists()
    other = Client()
    log_in(other, user)
    refused = other.post(VERIFY_URL, {"otp_token": code})
    assert refused.status_code == HTTPStatus.BAD_REQUEST


def test_account_without_device__works_when_2fa_is_optional(client):
    user = admin_user()

    log_in(client, user)

    assert client.get("/admin/pages/").status_code == HTTPStatus.OK


def test_required__account_without_device_must_set_it_up_first(client, settings):
    settings.ADMIN_2FA_REQUIRED = True
    user = admin_user()
    log_in(client, user)

    response = client.get("/admin/pages/")
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(f"{SETUP_URL}?next=")

    page = client.get(SETUP_URL, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == HTTPStatus.OK
    html = page.content.decode()
    assert "<svg" in html
    assert "must use two-factor authentication" in html
    secret = re.search(r"data-two-factor-secret>([A-Z2-7]+)<", html).group(1)
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert secret == two_factor.secret(device)


def set_up_by_mail(client: Client, device: TOTPDevice):
    """Password and code on the setup page, then the link from the mail."""
    mail.outbox.clear()
    sent = client.post(
        SETUP_URL, {"password": PASSWORD, "otp_token": current_code(device)}
    )
    assert sent.status_code == HTTPStatus.OK
    assert not TOTPDevice.objects.filter(pk=device.pk, confirmed=True).exists()
    (message,) = mail.outbox
    assert message.to == [device.user.email]
    link = re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)
    return client.get(link)


def test_setup__wrong_code_is_refused_and_nothing_is_switched_on(client, settings):
    settings.ADMIN_2FA_REQUIRED = True
    user = admin_user()
    log_in(client, user)
    client.get(SETUP_URL)
    device = TOTPDevice.objects.get(user=user)

    response = client.post(
        SETUP_URL,
        {"password": PASSWORD, "otp_token": wrong_code(device)},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "This code is not valid." in response.content.decode()
    assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    assert client.get("/admin/pages/")["Location"].startswith(SETUP_URL)


def test_setup__password_code_and_mailed_link_switch_it_on(client, settings):
    settings.ADMIN_2FA_REQUIRED = True
    user = admin_user()
    log_in(client, user)
    client.get(SETUP_URL)
    device = TOTPDevice.objects.get(user=user)

    response = set_up_by_mail(client, device)

    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    codes = StaticToken.objects.filter(device__user=user)
    assert codes.count() == two_factor.RECOVERY_CODE_COUNT
    for token in codes:
        assert f"<code>{token.token}</code>" in html
    assert client.get("/admin/pages/").status_code == HTTPStatus.OK
    # The next login asks for the code.
    other = Client()
    log_in(other, user)
    assert other.get("/admin/pages/")["Location"].startswith(VERIFY_URL)


def test_setup_again__replaces_the_old_authenticator(client):
    user = admin_user()
    old = with_device(user)
    log_in(client, user)
    client.post(VERIFY_URL, {"otp_token": current_code(old)})
    client.get(SETUP_URL)
    new = TOTPDevice.objects.get(user=user, confirmed=False)

    response = set_up_by_mail(client, new)

    assert response.status_code == HTTPStatus.OK
    assert list(TOTPDevice.objects.filter(user=user)) == [new]


def test_account_menu__links_to_the_setup_page(client):
    user = admin_user()
    log_in(client, user)

    response = client.get("/admin/account/")

    assert SETUP_URL in response.content.decode()


def test_portal__is_not_held_up_by_the_code_page(client):
    """A signed-in editor who has not entered the code still sees the portal."""

    PortalFactory()
    user = admin_user()
    with_device(user)
    log_in(client, user)

    assert client.get("/de/").status_code == HTTPStatus.OK


# -- found on the demo: the password alone ----------------------------------------


def test_required__password_alone_cannot_enrol_an_authenticator(client, settings):
    """Someone with only the password of an account without an authenticator
    scans the QR code and enters the code: nothing is switched on; the owner gets
    the link."""
    settings.ADMIN_2FA_REQUIRED = True
    user = admin_user()
    log_in(client, user)
    html = client.get(SETUP_URL).content.decode()
    secret = re.search(r"data-two-factor-secret>([A-Z2-7]+)<", html).group(1)
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert secret == two_factor.secret(device)

    without_password = client.post(SETUP_URL, {"otp_token": current_code(device)})
    assert without_password.status_code == HTTPStatus.BAD_REQUEST
    wrong_password = client.post(
        SETUP_URL, {"password": "guessed", "otp_token": current_code(device)}
    )
    assert wrong_password.status_code == HTTPStatus.BAD_REQUEST
    assert "This password is not correct." in wrong_password.content.decode()
    with_password = client.post(
        SETUP_URL, {"password": PASSWORD, "otp_token": current_code(device)}
    )

    assert with_password.status_code == HTTPStatus.OK
    assert not two_factor.is_enrolled(user)
    assert client.get("/admin/pages/")["Location"].startswith(SETUP_URL)
    assert [message.to for message in mail.outbox] == [[user.email]]


def test_setup_link__works_only_for_its_own_account(client):
    owner = admin_user("owner")
    device = two_factor.pending_device(owner)
    token = signing.dumps(
        {"device": device.pk, "user": owner.pk}, salt=two_factor.SETUP_LINK_SALT
    )
    other = admin_user("other")
    log_in(client, other)

    response = client.get(f"{SETUP_URL}confirm/{token}/")

    assert response.status_code == HTTPStatus.FOUND
    assert not two_factor.is_enrolled(owner)
    assert not two_factor.is_enrolled(other)


@pytest.fixture
def draft_document():
    """A PDF that only an unpublished solution uses."""
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    document = Document.objects.create(
        title="Entwurf", file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="entwurf.pdf")
    )
    solution = SolutionPageFactory(
        portal=PortalFactory(),
        title="Noch geheim",
        body=[("document", {"document": document, "title": "Entwurf"})],
    )
    solution.unpublish()
    return document


def test_draft_document__not_served_after_the_password_of_an_account_without_device(
    client, settings, draft_document
):
    settings.ADMIN_2FA_REQUIRED = True
    user = admin_user()
    log_in(client, user)

    assert client.get(draft_document.url).status_code == HTTPStatus.NOT_FOUND


def test_draft_document__not_served_before_the_code(client, draft_document):
    user = admin_user()
    device = with_device(user)
    log_in(client, user)

    assert client.get(draft_document.url).status_code == HTTPStatus.NOT_FOUND
    client.post(VERIFY_URL, {"otp_token": current_code(device)})
    assert client.get(draft_document.url).status_code == HTTPStatus.OK


def test_draft_document__served_after_the_password_when_2fa_is_optional(
    client, draft_document
):
    log_in(client, admin_user())

    assert client.get(draft_document.url).status_code == HTTPStatus.OK


def test_setup__mail_server_down__says_so_and_switches_nothing_on(client, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = 9  # discard: nothing listens
    user = admin_user()
    log_in(client, user)
    client.get(SETUP_URL)
    device = TOTPDevice.objects.get(user=user)

    response = client.post(
        SETUP_URL, {"password": PASSWORD, "otp_token": current_code(device)}
    )

    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert "could not be sent" in response.content.decode()
    assert not two_factor.is_enrolled(user)
