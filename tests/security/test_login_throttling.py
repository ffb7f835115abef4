"""Too many failed logins lock that login for a while (django-axes).

The test settings switch django-axes off (most tests log in with client.login(),
which passes no request); these tests switch it on and log in through the forms.
"""

from __future__ import annotations

import datetime
from http import HTTPStatus

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import translation
from django.utils.translation import ngettext

from tests.knowledge.factories import PortalFactory

PASSWORD = "the-right-password"
LIMIT = 3
COOL_OFF_MINUTES = 15

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _axes_on(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = LIMIT
    settings.AXES_COOLOFF_TIME = COOL_OFF_MINUTES / 60


def lockout_message(language: str) -> str:
    with translation.override(language):
        return ngettext(
            "Too many failed login attempts. Please wait %(minutes)d minute and try "
            "again.",
            "Too many failed login attempts. Please wait %(minutes)d minutes and try "
            "again.",
            COOL_OFF_MINUTES,
        ) % {"minutes": COOL_OFF_MINUTES}


def editor():
    return get_user_model().objects.create_user(
        "editor", "editor@example.org", PASSWORD, is_superuser=True
    )


def admin_login(client: Client, password: str, language: str = "de"):
    return client.post(
        "/admin/login/",
        {"username": "editor", "password": password},
        HTTP_ACCEPT_LANGUAGE=language,
    )


def partner_login(client: Client, password: str, language: str):
    return client.post(
        f"/{language}/partner/login/", {"username": "editor", "password": password}
    )


def test_admin_login__below_the_limit_a_wrong_password_is_an_ordinary_error(client):
    editor()

    response = admin_login(client, "wrong")

    assert response.status_code == HTTPStatus.OK
    assert lockout_message("de") not in response.content.decode()


@pytest.mark.parametrize("language", ["de", "da"])
def test_admin_login__locked_after_the_limit_with_a_message_in_the_language(
    client, language
):
    editor()
    for _ in range(LIMIT - 1):
        admin_login(client, "wrong", language)

    response = admin_login(client, "wrong", language)

    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert response["Content-Language"] == language
    html = response.content.decode()
    assert lockout_message(language) in html
    # The login form is shown again, the user name still filled in.
    assert 'name="username"' in html
    assert 'value="editor"' in html


def test_admin_login__locked_login_refuses_even_the_right_password(client):
    editor()
    for _ in range(LIMIT):
        admin_login(client, "wrong")

    response = admin_login(client, PASSWORD)

    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert lockout_message("de") in response.content.decode()
    assert client.get("/admin/pages/").status_code == HTTPStatus.FOUND


def test_admin_login__unlocks_after_the_cool_off(client):
    editor()
    for _ in range(LIMIT):
        admin_login(client, "wrong")
    past = datetime.timedelta(minutes=COOL_OFF_MINUTES + 1)
    for attempt in AccessAttempt.objects.all():
        attempt.attempt_time -= past
        attempt.save()

    response = admin_login(client, PASSWORD)

    assert response.status_code == HTTPStatus.FOUND
    assert client.get("/admin/pages/").status_code == HTTPStatus.OK


def test_admin_login__success_resets_the_count(client):
    editor()
    for _ in range(LIMIT - 1):
        admin_login(client, "wrong")
    admin_login(client, PASSWORD)
    client.post("/admin/logout/")

    for _ in range(LIMIT - 1):
        response = admin_login(client, "wrong")

    assert response.status_code == HTTPStatus.OK


def test_admin_login__another_user_is_not_locked_out(client):
    editor()
    get_user_model().objects.create_user("other", "o@example.org", PASSWORD)
    for _ in range(LIMIT):
        admin_login(client, "wrong")

    response = client.post("/admin/login/", {"username": "other", "password": PASSWORD})

    assert response.status_code == HTTPStatus.FOUND


@pytest.mark.parametrize("language", ["de", "da"])
def test_partner_login__locked_after_the_limit_with_a_message_in_the_language(
    client, language
):
    PortalFactory()
    editor()
    for _ in range(LIMIT - 1):
        partner_login(client, "wrong", language)

    response = partner_login(client, "wrong", language)

    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    html = response.content.decode()
    assert lockout_message(language) in html
    assert 'value="editor"' in html
    assert partner_login(client, PASSWORD, language).status_code == (
        HTTPStatus.TOO_MANY_REQUESTS
    )
