"""Security headers a browser sees on the portal and the admin."""

from __future__ import annotations

from http import HTTPStatus

import pytest

from tests.knowledge.factories import PortalFactory

pytestmark = pytest.mark.django_db


def csp_directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def test_portal_page__sends_a_strict_content_security_policy(client):
    PortalFactory()

    response = client.get("/de/")

    assert response.status_code == HTTPStatus.OK
    csp = csp_directives(response)
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]


def test_portal_page__sends_nosniff_referrer_policy_and_frame_options(client):
    PortalFactory()

    response = client.get("/de/")

    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "SAMEORIGIN"


def test_admin__keeps_wagtails_own_policy_so_the_editor_and_preview_work(client):
    response = client.get("/admin/login/")

    assert response.status_code == HTTPStatus.OK
    assert "Content-Security-Policy" not in response
    assert response["X-Frame-Options"] == "SAMEORIGIN"


def test_https_request__gets_strict_transport_security(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    PortalFactory()

    response = client.get("/de/", secure=True)

    assert response["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains"
    )
