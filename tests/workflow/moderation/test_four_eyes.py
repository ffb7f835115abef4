"""A moderator edits a page under review (issue 14 item 2).

Autosave stores a revision by the moderator, so under the four-eyes rule they can
no longer decide on it. If the authority has no other moderator, the step passes
to the Digitalagentur, and the editor says so, to both; with a colleague, the
colleague decides and the Digitalagentur does not.
"""

from __future__ import annotations

from http import HTTPStatus

from django.test import TestCase
from django.urls import reverse
from wagtail.models import Page

from apps.knowledge.roles import AREA_ROLES
from tests.factories import UserFactory
from tests.knowledge.factories import SolutionPageFactory
from tests.workflow.admin_actions import (
    act,
    client_for,
    edit_form_data,
    edit_url,
    modal_json,
    submit,
)
from tests.workflow.factories import AuthoritiesFactory

FLENSBURG = AREA_ROLES[0]
TYPO_FIX = "Ein Rufbus für die Dörfer rund um Hürup."


def autosave(client, page: Page, **changes):
    """What the editor's autosave posts after a change (it expects JSON back)."""
    return client.post(
        edit_url(page),
        edit_form_data(page, **changes),
        headers={"accept": "application/json"},
    )


def live(page: Page) -> bool:
    return Page.objects.get(pk=page.pk).live


class FourEyesTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.authorities = AuthoritiesFactory()
        cls.editor = UserFactory(editor=True, area_role=FLENSBURG)
        cls.moderator = UserFactory(moderator=True, area_role=FLENSBURG)
        cls.agency = UserFactory(digitalagentur=True)

    def under_review_then_moderator_fixes_typo(self) -> Page:
        page = SolutionPageFactory(
            draft=True,
            parent=self.authorities.area(FLENSBURG),
            author=self.editor,
            portal=self.authorities.portal,
            title="Rufbus Hürup",
        )
        self.assertEqual(
            submit(client_for(self.editor), page).status_code, HTTPStatus.FOUND
        )
        response = autosave(client_for(self.moderator), page, teaser=TYPO_FIX)
        self.assertEqual(response.status_code, HTTPStatus.OK)
        self.assertTrue(response.json()["success"])
        page = Page.objects.get(pk=page.pk)
        self.assertEqual(page.get_latest_revision().user, self.moderator)
        return page


class OnlyModeratorTests(FourEyesTestCase):
    def test_only_moderator_edits__step_passes_to_digitalagentur_and_screen_says_so(
        self,
    ):
        page = self.under_review_then_moderator_fixes_typo()

        # The moderator's editor: no actions, and why.
        own = client_for(self.moderator).get(edit_url(page))
        self.assertNotContains(own, "workflow-action-name")
        self.assertContains(
            own, "You changed this page during its review, so under the four-eyes"
        )
        self.assertContains(
            own, "No other reviewer of this step is left, so the step has passed to "
        )
        self.assertContains(own, "Digitalagentur")
        # The four-eyes rule holds.
        self.assertEqual(
            act(client_for(self.moderator), page, "approve").status_code,
            HTTPStatus.FORBIDDEN,
        )

        # The Digitalagentur finds it waiting for them, sees why, and decides.
        agency = client_for(self.agency)
        home = agency.get(reverse("wagtailadmin_home"))
        self.assertContains(home, "Awaiting your review")
        self.assertContains(home, "Rufbus Hürup")
        editor = agency.get(edit_url(page))
        self.assertContains(editor, "workflow-action-name")
        self.assertContains(
            editor,
            "This step has passed to Digitalagentur: its only reviewer, "
            "flensburg-moderator, changed the page during the review",
        )
        response = act(agency, page, "approve", comment="Tippfehler geprüft.")

        self.assertEqual(modal_json(response)["step"], "success")
        self.assertTrue(live(page))
        self.assertEqual(Page.objects.get(pk=page.pk).specific.teaser, TYPO_FIX)


class WithColleagueTests(FourEyesTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.colleague = UserFactory(moderator=True, area_role=FLENSBURG, suffix="-2")

    def test_moderator_edits__colleague_decides_not_the_digitalagentur(self):
        page = self.under_review_then_moderator_fixes_typo()

        own = client_for(self.moderator).get(edit_url(page))
        self.assertContains(own, "It is decided by: flensburg-moderator-2.")
        self.assertEqual(
            act(client_for(self.agency), page, "approve").status_code,
            HTTPStatus.FORBIDDEN,
        )

        act(client_for(self.colleague), page, "approve")

        self.assertTrue(live(page))
