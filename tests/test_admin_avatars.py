"""The admin asks no third party for avatars: no hashed e-mail address goes to
gravatar.com, and no broken image appears on an intranet without internet."""

from __future__ import annotations

from http import HTTPStatus

from django.contrib.auth import get_user_model
from django.test import TestCase
from django.urls import reverse


class AdminAvatarTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = get_user_model().objects.create_superuser(
            "editor", "editor@flensburg.example", "pw"
        )

    def test_dashboard__no_gravatar_url(self):
        self.client.force_login(self.editor)

        response = self.client.get(reverse("wagtailadmin_home"))

        self.assertEqual(response.status_code, HTTPStatus.OK)
        self.assertNotIn("gravatar.com", response.content.decode())

    def test_account_page__no_gravatar_url(self):
        self.client.force_login(self.editor)

        response = self.client.get(reverse("wagtailadmin_account"))

        self.assertEqual(response.status_code, HTTPStatus.OK)
        self.assertNotIn("gravatar.com", response.content.decode())
