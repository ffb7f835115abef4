"""The admin asks no third party for avatars: no hashed e-mail address goes to
gravatar.com, and no broken image appears on an intranet without internet."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse


@pytest.mark.django_db
class AdminAvatarTests:
    @pytest.fixture(autouse=True)
    def _django_fixtures(self, db: None, client: Any) -> None:
        self.client = client

    @classmethod
    def setUpTestData(cls):
        cls.editor = get_user_model().objects.create_superuser(
            "editor", "editor@flensburg.example", "pw"
        )

    def test_dashboard__no_gravatar_url(self):
        self.client.force_login(self.editor)

        response = self.client.get(reverse("wagtailadmin_home"))

        assert response.status_code == HTTPStatus.OK
        assert "gravatar.com" not in response.content.decode()

    def test_account_page__no_gravatar_url(self):
        self.client.force_login(self.editor)

        response = self.client.get(reverse("wagtailadmin_account"))

        assert response.status_code == HTTPStatus.OK
        assert "gravatar.com" not in response.content.decode()
