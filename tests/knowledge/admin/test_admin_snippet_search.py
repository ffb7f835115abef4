"""Searching the snippet listings in the admin (organisations, contacts, fields)."""

from __future__ import annotations

from http import HTTPStatus

import pytest
from django.contrib.auth import get_user_model
from wagtail.users.models import UserProfile

from tests.factories import UserProfileFactory
from tests.knowledge import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_superuser("chief", "c@example.org", "pw")
    UserProfileFactory(user=user)
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("model", "factory", "wanted", "other"),
    [
        ("organisation", factories.OrganisationFactory, "Stadtwerke Husum", "Aabenraa"),
        ("contact", factories.ContactFactory, "Jens Hansen", "Maria Petersen"),
        ("fieldofaction", factories.FieldOfActionFactory, "Gesundheit", "Energie"),
    ],
)
def test_snippet_listing_search__finds_by_name_on_every_database(
    editor, model, factory, wanted, other
):
    factory(name=wanted)
    factory(name=other)

    listing = editor.get(f"/admin/snippets/knowledge/{model}/", {"q": wanted[:6]})

    assert listing.status_code == HTTPStatus.OK
    html = listing.content.decode()
    assert wanted in html
    assert other not in html


@pytest.mark.parametrize(
    ("language", "heading"), [("en", "Choose"), ("da", "Vælg"), ("de", "Auswählen")]
)
@pytest.mark.parametrize("model", ["organisation", "fieldofaction", "contact"])
def test_snippet_chooser__heading_in_the_editors_language(
    client, model, language, heading
):
    user = get_user_model().objects.create_superuser("chief", "c@example.org", "pw")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)

    chooser = client.get(f"/admin/snippets/choose/knowledge/{model}/").json()["html"]

    title = chooser[chooser.index("<h1") : chooser.index("</h1>")]
    assert f"{heading} <span" in " ".join(title.split())
