"""Partner uploads in the admin's image and document choosers, replayed as found on
the demo: another authority's editor and a translation reviewer opened the choosers
and were offered a partner's photo and PDF of a draft submission."""

from __future__ import annotations

from http import HTTPStatus

import pytest
from django.core.cache import cache
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from apps.knowledge.roles import AREA_ROLES
from apps.workflow.partners.upload_collections import move_partner_uploads
from tests.factories import UserFactory
from tests.upload_files import pdf_upload, png_upload
from tests.workflow.admin_actions import client_for
from tests.workflow.factories import FLENSBURG, PartnerPortalFactory
from tests.workflow.partners.submission_form import submission_data, submit_url

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
    setup = PartnerPortalFactory()
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
        "another authority's editor": UserFactory(editor=True, area_role=NORDFRIESLAND),
        "another authority's moderator": UserFactory(
            moderator=True, area_role=NORDFRIESLAND
        ),
        "a reviewer without page rights": UserFactory(reviewer=True, language="da"),
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
        "the authority's moderator": UserFactory(moderator=True, area_role=FLENSBURG),
        "the Digitalagentur": UserFactory(digitalagentur=True),
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


# The "chosen" steps: the item by its id, as a modal's script asks for it ---------

CHOSEN = {
    "image": [
        ("wagtailimages_chooser:chosen", True),
        ("wagtailimages_chooser:select_format", True),
        ("wagtailimages_chooser:chosen_multiple", False),
        ("wagtailimages:edit", True),
        ("wagtailimages:url_generator", True),
    ],
    "document": [
        ("wagtaildocs_chooser:chosen", True),
        ("wagtaildocs_chooser:chosen_multiple", False),
        ("wagtaildocs:edit", True),
    ],
}


def _chosen_urls():
    models = {"image": get_image_model(), "document": get_document_model()}
    for kind, views in CHOSEN.items():
        upload = models[kind].objects.get(title=TITLE)
        for url_name, by_path in views:
            if by_path:
                yield reverse(url_name, args=[upload.pk])
            else:
                yield f"{reverse(url_name)}?id={upload.pk}"


def test_chosen_views__do_not_hand_out_partner_uploads_to_others(submitted):
    others = {
        "another authority's editor": UserFactory(editor=True, area_role=NORDFRIESLAND),
        "another authority's moderator": UserFactory(
            moderator=True, area_role=NORDFRIESLAND
        ),
        "a reviewer without page rights": UserFactory(reviewer=True, language="da"),
    }
    handed_out = []
    for who, user in others.items():
        client = client_for(user)
        for url in _chosen_urls():
            response = client.get(url)
            if (
                response.status_code == HTTPStatus.OK
                and TITLE in response.content.decode()
            ):
                handed_out.append((who, url))
            assert response.status_code in {
                HTTPStatus.OK,  # chosen-multiple: an empty choice
                HTTPStatus.FOUND,  # the admin's "no permission" redirect
                HTTPStatus.FORBIDDEN,
                HTTPStatus.NOT_FOUND,
            }, (who, url, response.status_code)
    assert handed_out == []


def test_chosen_views__hand_partner_uploads_to_the_authoritys_moderators(submitted):
    client = client_for(UserFactory(moderator=True, area_role=FLENSBURG))
    models = {"image": get_image_model(), "document": get_document_model()}
    for kind, url_name in (
        ("image", "wagtailimages_chooser:chosen"),
        ("document", "wagtaildocs_chooser:chosen"),
    ):
        upload = models[kind].objects.get(title=TITLE)
        response = client.get(reverse(url_name, args=[upload.pk]))
        assert response.status_code == HTTPStatus.OK
        assert TITLE in response.content.decode()


# Uploads made before the authority collections existed -----------------------------


def _historical_apps():
    """The models as the data migration sees them."""
    executor = MigrationExecutor(connection)
    return executor.loader.project_state(("workflow", "0010_move_partner_uploads")).apps


def test_migration__moves_earlier_partner_uploads_into_the_authoritys_collection(
    submitted,
):
    root = Collection.get_first_root_node()
    parent = root.get_children().get(name="Partner submissions")
    image = get_image_model().objects.get(title=TITLE)
    document = get_document_model().objects.get(title=TITLE)
    # As they were stored before: the photo in the root, the PDF in the parent.
    image.collection = root
    image.save()
    document.collection = parent
    document.save()
    stray = get_document_model().objects.create(
        title="Alter Anhang",
        file=document.file.name,
        uploaded_by_user=submitted.partner.user,
        collection=root,
    )
    others = UserFactory(editor=True, area_role=NORDFRIESLAND)
    assert _offered(others, CHOOSERS["image"])

    moved = move_partner_uploads(_historical_apps())

    assert moved == 3
    image.refresh_from_db()
    document.refresh_from_db()
    stray.refresh_from_db()
    assert image.collection.name == FLENSBURG.name
    assert document.collection.name == FLENSBURG.name
    assert stray.collection == parent
    assert not _offered(others, CHOOSERS["image"])
    assert not _offered(others, CHOOSERS["document"])
    assert _offered(
        UserFactory(moderator=True, area_role=FLENSBURG), CHOOSERS["document"]
    )
    # Run again, nothing moves.
    assert move_partner_uploads(_historical_apps()) == 0
