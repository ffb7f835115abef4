"""Partner uploads in the admin's image and document choosers, replayed as found on
the demo: another authority's editor and a translation reviewer opened the choosers
and were offered a partner's photo and PDF of a draft submission."""

from __future__ import annotations

from http import HTTPStatus

import pytest
from django.core.cache import cache
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from apps.knowledge.roles import AREA_ROLES
from tests.workflow.factories import UserFactory
from tests.workflow.partners.portal_utils import (
    FLENSBURG,
    build_partner_portal,
    pdf_upload,
    png_upload,
    submission_data,
    submit_url,
)
from tests.workflow.utils import (
    client_for,
    digitalagentur,
    editor_of,
    moderator_of,
    reviewer_of,
)

pytestmark = pytest.mark.django_db

TITLE = "Dorfladen-Automat de"
NORDFRIESLAND = AREA_ROLES[1]
CHOOSERS = {
    "image": "wagtailimages_chooser:choose",
    "document": "wagtaildocs_chooser:choose",
}
LISTINGS = {"image": "wagtailimages:index", "document": "wagtaildocs:index"}


@pytest.fixture
def submitted(client, settings, tmp_path):
    """A partner's draft submission with a photo and a PDF, sent through the portal."""
    settings.MEDIA_ROOT = tmp_path
    cache.clear()
    setup = build_partner_portal()
    client.force_login(setup.partner.user)
    response = client.post(
        submit_url("de"),
        {
            **submission_data(setup, "de", image_description="Der Automat"),
            "image": png_upload(),
            "document": pdf_upload(),
        },
    )
    assert response.status_code == HTTPStatus.FOUND
    return setup


def _offered(user, url_name: str) -> bool:
    response = client_for(user).get(reverse(url_name))
    assert response.status_code == HTTPStatus.OK
    return TITLE in response.content.decode()


def test_choosers__do_not_offer_partner_uploads_to_others(submitted):
    others = {
        "another authority's editor": editor_of(NORDFRIESLAND),
        "another authority's moderator": moderator_of(NORDFRIESLAND),
        "a reviewer without page rights": reviewer_of("da"),
    }
    offered = [
        (who, url_name)
        for who, user in others.items()
        for url_name in [*CHOOSERS.values(), *LISTINGS.values()]
        if _offered(user, url_name)
    ]
    assert offered == []


def test_choosers__offer_partner_uploads_to_the_authoritys_moderators(submitted):
    rightful = {
        "the authority's moderator": moderator_of(FLENSBURG),
        "the Digitalagentur": digitalagentur(),
        "a superuser": UserFactory(username="admin", is_superuser=True),
    }
    missing = [
        (who, url_name)
        for who, user in rightful.items()
        for url_name in CHOOSERS.values()
        if not _offered(user, url_name)
    ]
    assert missing == []
    for model in (get_image_model(), get_document_model()):
        upload = model.objects.get(title=TITLE)
        assert upload.collection.name == FLENSBURG.name
        assert upload.collection.get_parent().name == "Partner submissions"
