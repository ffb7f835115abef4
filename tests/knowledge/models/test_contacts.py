"""A contact's details appear in the portal only as far as the person consented."""

from __future__ import annotations

from http import HTTPStatus

from django.test import TestCase

from apps.knowledge.choices import PublicationConsent
from apps.knowledge.models import Contact, SolutionContact
from tests.knowledge import factories
from tests.knowledge.factories import PortalFactory, SolutionPageFactory


class ContactConsentTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.portal = PortalFactory()

    def solution_with_contact(self, consent: str):
        contact = factories.ContactFactory(
            name="Hanna Petersen",
            email="hanna.petersen@example.org",
            phone="+49 461 000 1101",
            role="Projektleitung Mobilität",
            consent=consent,
        )
        solution = SolutionPageFactory(portal=self.portal)
        SolutionContact.objects.create(page=solution, contact=contact)
        solution.save_revision().publish()
        return solution

    def test_solution_page__shows_contact_only_as_far_as_consented(self):
        for consent, name_shown, details_shown in [
            (PublicationConsent.NONE, False, False),
            (PublicationConsent.NAME, True, False),
            (PublicationConsent.FULL, True, True),
        ]:
            with self.subTest(consent=consent):
                solution = self.solution_with_contact(consent)

                response = self.client.get(solution.url)

                html = response.content.decode()
                self.assertEqual(response.status_code, HTTPStatus.OK)
                self.assertIn("Projektleitung Mobilität", html)
                self.assertIs("Hanna Petersen" in html, name_shown)
                self.assertIs("hanna.petersen@example.org" in html, details_shown)
                self.assertIs("+49 461 000 1101" in html, details_shown)

    def test_new_contact__shows_nothing_personal_until_consent_is_recorded(self):
        contact = Contact(name="Hanna Petersen", email="hanna.petersen@example.org")

        self.assertEqual(contact.consent, PublicationConsent.NONE)
        self.assertFalse(contact.shows_name)
        self.assertFalse(contact.shows_details)
