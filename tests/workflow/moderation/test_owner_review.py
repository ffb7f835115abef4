"""Changes to a published German organisation or contact are reviewed like pages.

Demo try 3 (second half): an authority's editor replaced a contact's e-mail with a
phishing address and it was live at once in the portal, the API and the CSV. Now
the editor's change is a draft in the owner review: the published version stays
live until a moderator of the owning authority (or the Digitalagentur) approves;
another authority's moderator and a translation reviewer cannot approve it.
"""

from __future__ import annotations

from http import HTTPStatus

from django.contrib.admin.utils import quote
from django.test import TestCase
from django.urls import reverse
from wagtail.models import Locale

from apps.knowledge.choices import Owner, PublicationConsent
from apps.knowledge.roles import AREA_ROLES
from apps.workflow.models import OwnerReviewTask, TranslationReviewTask
from tests.factories import UserFactory
from tests.knowledge import factories
from tests.knowledge.admin.test_ownership import contact_form
from tests.workflow.admin_actions import client_for
from tests.workflow.factories import AuthoritiesFactory

FLENSBURG, NORDFRIESLAND = AREA_ROLES[0], AREA_ROLES[1]
ADDRESS = "jens.petersen@flensburg.example"
PHISHING = "it-support@flensburg-login.example"


def snippet_url(obj, view: str, *args) -> str:
    return reverse(obj.snippet_viewset.get_url_name(view), args=[quote(obj.pk), *args])


def fresh(obj):
    return type(obj).objects.get(pk=obj.pk)


def act_on_snippet(client, obj, action: str):
    """Approve or request changes from the action's modal, as the admin does."""
    task_state = fresh(obj).current_workflow_task_state
    return client.post(
        snippet_url(obj, "workflow_action", action, task_state.pk),
        {"comment": ""},
        headers={"x-requested-with": "XMLHttpRequest"},
    )


class OwnerReviewTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.authorities = AuthoritiesFactory()
        cls.editor = UserFactory(editor=True, area_role=FLENSBURG)
        cls.moderator = UserFactory(moderator=True, area_role=FLENSBURG)
        cls.other_moderator = UserFactory(moderator=True, area_role=NORDFRIESLAND)
        cls.reviewer = UserFactory(reviewer=True, language="da")
        cls.agency = UserFactory(digitalagentur=True)
        cls.contact = factories.ContactFactory(
            name="Jens Petersen",
            email=ADDRESS,
            consent=PublicationConsent.FULL,
            owner=Owner.STADT_FLENSBURG,
        )
        cls.contact.save_revision().publish()

    def public_addresses(self) -> str:
        api = self.client.get(reverse("knowledge_api:contacts:listing"))
        self.assertEqual(api.status_code, HTTPStatus.OK)
        return api.content.decode()

    def submit_phishing_address(self):
        client = client_for(self.editor)
        response = client.post(
            snippet_url(self.contact, "edit"),
            {**contact_form(self.contact, email=PHISHING), "action-submit": "1"},
        )
        self.assertEqual(response.status_code, HTTPStatus.FOUND)
        contact = fresh(self.contact)
        self.assertTrue(contact.workflow_in_progress)
        self.assertIsInstance(contact.current_workflow_task.specific, OwnerReviewTask)
        return contact

    def test_editor__cannot_publish_change_to_published_contact(self):
        client = client_for(self.editor)

        form = client.get(snippet_url(self.contact, "edit"))
        response = client.post(
            snippet_url(self.contact, "edit"),
            {**contact_form(self.contact, email=PHISHING), "action-publish": "1"},
        )

        self.assertEqual(form.status_code, HTTPStatus.OK)
        self.assertNotContains(form, 'name="action-publish"')
        self.assertContains(form, 'name="action-submit"')
        self.assertEqual(response.status_code, HTTPStatus.FOUND)
        contact = fresh(self.contact)
        self.assertEqual(contact.email, ADDRESS)
        self.assertTrue(contact.live)
        self.assertIn(ADDRESS, self.public_addresses())
        self.assertNotIn(PHISHING, self.public_addresses())

    def test_submitted_change__stays_off_the_portal_until_approved(self):
        self.submit_phishing_address()

        self.assertEqual(fresh(self.contact).email, ADDRESS)
        self.assertIn(ADDRESS, self.public_addresses())
        self.assertNotIn(PHISHING, self.public_addresses())

    def test_other_authority_moderator_and_reviewer__cannot_approve(self):
        self.submit_phishing_address()

        for user in (self.other_moderator, self.reviewer, self.editor):
            with self.subTest(user=user.username):
                act_on_snippet(client_for(user), self.contact, "approve")
                contact = fresh(self.contact)
                self.assertEqual(contact.email, ADDRESS)
                self.assertTrue(contact.workflow_in_progress)

    def test_owner_moderator__approves_and_the_change_goes_live(self):
        self.submit_phishing_address()

        response = act_on_snippet(client_for(self.moderator), self.contact, "approve")

        self.assertEqual(response.status_code, HTTPStatus.OK)
        contact = fresh(self.contact)
        self.assertFalse(contact.workflow_in_progress)
        self.assertEqual(contact.email, PHISHING)
        self.assertIn(PHISHING, self.public_addresses())

    def test_digitalagentur__approves_every_owner_review(self):
        self.submit_phishing_address()

        act_on_snippet(client_for(self.agency), self.contact, "approve")

        self.assertEqual(fresh(self.contact).email, PHISHING)

    def test_owner_moderator__sees_the_review_on_the_dashboard(self):
        self.submit_phishing_address()

        own = client_for(self.moderator).get(reverse("wagtailadmin_home"))
        other = client_for(self.other_moderator).get(reverse("wagtailadmin_home"))

        self.assertContains(own, "Jens Petersen")
        self.assertNotContains(other, "Jens Petersen")

    def test_translation__skips_owner_review(self):
        danish = self.contact.copy_for_translation(
            Locale.objects.get(language_code="da")
        )
        danish.save()
        client = client_for(UserFactory(translator=True))

        response = client.post(
            snippet_url(danish, "edit"),
            {**contact_form(danish, role="Kontaktperson"), "action-submit": "1"},
        )

        self.assertEqual(response.status_code, HTTPStatus.FOUND)
        task = fresh(danish).current_workflow_task.specific
        self.assertIsInstance(task, TranslationReviewTask)
