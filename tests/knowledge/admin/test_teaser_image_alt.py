"""A teaser image needs its alternative text: the admin refuses to publish without."""

from __future__ import annotations

from http import HTTPStatus

import wagtail_factories
from django.test import TestCase
from django.urls import reverse

from apps.knowledge.models import SolutionPage
from tests.factories import UserFactory
from tests.knowledge.factories import PortalFactory, SolutionPageFactory

MISSING_ALT = {
    "en": "Describe the teaser image for people who cannot see it.",
    "de": "Beschreiben Sie das Teaserbild für Menschen, die es nicht sehen können.",
    "da": "Beskriv teaserbilledet for personer, der ikke kan se det.",
}


class TeaserImageAltTextTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.portal = PortalFactory()
        cls.solution = SolutionPageFactory(portal=cls.portal, slug="dorfkiste")
        cls.solution.save_revision().publish()
        # An image without a description: nothing says what it shows.
        cls.image = wagtail_factories.ImageFactory(title="IMG_2041.jpg", description="")

    def publish(self, language: str, **fields):
        user = UserFactory(is_superuser=True, admin_language=language)
        self.client.force_login(user)
        data = SolutionPageFactory.form_data(
            fields_of_action=[self.portal.field],
            slug="dorfkiste",
            image=self.image.pk,
            **fields,
        )
        data["action-publish"] = "action-publish"
        return self.client.post(
            reverse("wagtailadmin_pages:edit", args=[self.solution.pk]), data
        )

    def test_publish__image_without_alt_text_is_refused_in_the_users_language(self):
        for language, message in MISSING_ALT.items():
            with self.subTest(language=language):
                response = self.publish(language, image_alt="  ")

                self.assertEqual(response.status_code, HTTPStatus.OK)
                self.assertContains(response, message)
                live = SolutionPage.objects.get(pk=self.solution.pk)
                self.assertIsNone(live.image)

    def test_publish__image_with_alt_text_goes_live(self):
        response = self.publish("en", image_alt="A pick-up locker in the village")

        self.assertEqual(response.status_code, HTTPStatus.FOUND)
        live = SolutionPage.objects.get(pk=self.solution.pk)
        self.assertEqual(live.image, self.image)
        self.assertEqual(live.teaser_image_alt, "A pick-up locker in the village")

    def test_publish__image_described_in_the_library_needs_no_second_text(self):
        self.image.description = "Ein Abholschrank am Dorfplatz"
        self.image.save()

        response = self.publish("en", image_alt="")

        self.assertEqual(response.status_code, HTTPStatus.FOUND)
        live = SolutionPage.objects.get(pk=self.solution.pk)
        self.assertEqual(live.teaser_image_alt, "Ein Abholschrank am Dorfplatz")
