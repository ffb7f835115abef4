"""Searching the snippet listings in the admin (organisations, contacts, fields)."""

from __future__ import annotations

from http import HTTPStatus

from django.contrib.auth import get_user_model
from django.test import TestCase
from wagtail.users.models import UserProfile

from tests.factories import UserProfileFactory
from tests.knowledge import factories


class SnippetListingSearchTests(TestCase):
    def test_snippet_listing_search__finds_by_name_on_every_database(self):
        user = get_user_model().objects.create_superuser("chief", "c@example.org", "pw")
        UserProfileFactory(user=user)
        self.client.force_login(user)
        for model, factory, wanted, other in [
            (
                "organisation",
                factories.OrganisationFactory,
                "Stadtwerke Husum",
                "Aabenraa",
            ),
            ("contact", factories.ContactFactory, "Jens Hansen", "Maria Petersen"),
            ("fieldofaction", factories.FieldOfActionFactory, "Gesundheit", "Energie"),
        ]:
            with self.subTest(model=model):
                factory(name=wanted)
                factory(name=other)

                listing = self.client.get(
                    f"/admin/snippets/knowledge/{model}/", {"q": wanted[:6]}
                )

                self.assertEqual(listing.status_code, HTTPStatus.OK)
                html = listing.content.decode()
                self.assertIn(wanted, html)
                self.assertNotIn(other, html)


class SnippetChooserTests(TestCase):
    def test_snippet_chooser__heading_in_the_editors_language(self):
        user = get_user_model().objects.create_superuser("chief", "c@example.org", "pw")
        self.client.force_login(user)
        profile = UserProfile.get_for_user(user)
        for model in ["organisation", "fieldofaction", "contact"]:
            for language, heading in [
                ("en", "Choose"),
                ("da", "Vælg"),
                ("de", "Auswählen"),
            ]:
                with self.subTest(model=model, language=language):
                    profile.preferred_language = language
                    profile.save()

                    chooser = self.client.get(
                        f"/admin/snippets/choose/knowledge/{model}/"
                    ).json()["html"]

                    title = chooser[chooser.index("<h1") : chooser.index("</h1>")]
                    self.assertIn(f"{heading} <span", " ".join(title.split()))
