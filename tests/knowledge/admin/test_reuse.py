"""The Digitalagentur corrects a confirmed reuse relation in the admin and gives its
changes in another language; the solution page shows them at once. Nobody adds a
relation there (that would skip the other side's confirmation)."""

from __future__ import annotations

from http import HTTPStatus

from django.core.cache import cache
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import translation
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from apps.knowledge.choices import Country
from apps.knowledge.models import Reuse, ReuseChanges
from apps.knowledge.roles import AREA_ROLES
from tests.factories import UserFactory
from tests.knowledge.factories import (
    OrganisationFactory,
    SolutionPageFactory,
    TranslationFactory,
)
from tests.workflow.factories import AuthoritiesFactory


@override_settings(PORTAL_CACHE_SECONDS=600, CONTENT_CACHE_SECONDS=600)
class ReuseAdminTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        authorities = AuthoritiesFactory()
        cls.solution = SolutionPageFactory(
            portal=authorities.portal, title="Smarte Mülltonnen"
        )
        cls.solution.save_revision().publish()
        cls.danish = TranslationFactory(page=cls.solution, language_code="da")
        cls.reuse = Reuse.objects.create(
            kind=Reuse.Kind.ADOPTION,
            solution_key=cls.solution.translation_key,
            organisation=OrganisationFactory(
                name="Tønder Kommune", country=Country.DENMARK
            ),
            status=Reuse.Status.CONFIRMED,
            proposed_side=Reuse.Side.REUSER,
        )
        ReuseChanges.objects.create(
            reuse=cls.reuse, language="de", text="Sensoren am Deich"
        )
        cls.agency = UserFactory(digitalagentur=True)
        cls.editor = UserFactory(editor=True, area_role=AREA_ROLES[0])

    def setUp(self):
        cache.clear()

    def test_digitalagentur__adds_danish_changes__page_shows_them_at_once(self):
        self.assertIn("Sensoren am Deich", self.client.get(self.danish.url).text)
        self.client.force_login(self.agency)
        url = reverse("reuse:edit", args=[self.reuse.pk])
        self.assertEqual(self.client.get(url).status_code, HTTPStatus.OK)
        existing = self.reuse.changes.get()
        data = nested_form_data(
            {
                "since": "2025-04-01",
                "municipality": "Tønder",
                "latitude": "54.933",
                "longitude": "8.8667",
                "changes": inline_formset(
                    [
                        {"id": existing.pk, "language": "de", "text": existing.text},
                        {"language": "da", "text": "Sensorer på diget"},
                    ],
                    initial=1,
                ),
            }
        )
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, HTTPStatus.FOUND)
        self.client.logout()
        with translation.override("da"):
            html = self.client.get(self.danish.url).text
        self.assertIn("Sensorer på diget", html)
        self.assertIn("Tønder", html)

    def test_nobody_adds_a_relation_here__editors_do_not_edit(self):
        self.client.force_login(self.agency)
        self.assertEqual(
            self.client.get(reverse("reuse:add")).status_code, HTTPStatus.FOUND
        )
        self.client.force_login(self.editor)
        response = self.client.get(reverse("reuse:edit", args=[self.reuse.pk]))
        self.assertEqual(response.status_code, HTTPStatus.FOUND)

    def test_digitalagentur__deletes__gone_from_the_page(self):
        self.assertIn("Tønder Kommune", self.client.get(self.solution.url).text)
        self.client.force_login(self.agency)
        self.client.post(reverse("reuse:delete", args=[self.reuse.pk]))
        self.assertFalse(Reuse.objects.exists())
        self.client.logout()
        self.assertNotIn("Tønder Kommune", self.client.get(self.solution.url).text)
