"""A published partner solution whose review date alone changes needs no review.

Issue 14 item 8: an editor who only moved the review date of a solution a partner
had submitted sent it through the feasibility check, the authority review and the
cross-border review again. The review date is not shown to visitors; every other
change still goes through the workflow.
"""

from __future__ import annotations

import datetime
from http import HTTPStatus

import pytest
from wagtail.models import Page, TaskState, WorkflowState

from apps.knowledge.models import SolutionPage
from apps.knowledge.roles import AREA_ROLES
from apps.workflow.models import Submission
from tests.factories import UserFactory
from tests.knowledge.factories import SolutionPageFactory
from tests.workflow.admin_actions import client_for, current_task_state, edit_url
from tests.workflow.factories import AuthoritiesFactory, PartnerProfileFactory
from tests.workflow.moderation.test_approve_in_editor import unchanged_editor_form

pytestmark = pytest.mark.django_db

FLENSBURG = AREA_ROLES[0]


@pytest.fixture
def published_submission():
    """A solution a partner submitted through the portal, published since."""
    authorities = AuthoritiesFactory()
    area = authorities.area(FLENSBURG)
    partner = PartnerProfileFactory(
        organisation=area.specific.organisation,
        user__username="partner",
        verified=True,
        confirmed=True,
    )
    page = SolutionPageFactory(
        draft=True,
        parent=area,
        author=partner.user,
        portal=authorities.portal,
        title="Dorfladen-Automat",
        review_date=datetime.date(2026, 1, 31),
    )
    Submission.objects.create(
        page=page,
        submitted_by=partner.user,
        organisation=partner.organisation,
        language="de",
    )
    page.get_latest_revision().publish()
    return SolutionPage.objects.get(pk=page.pk)


def _submit_from_editor(client, page: Page, **changes):
    data = unchanged_editor_form(client, page)
    data.update(changes)
    data["action-submit"] = "1"
    return client.post(edit_url(page), data)


def test_review_date_only__is_published_without_any_approval(published_submission):
    page = published_submission
    editor = UserFactory(editor=True, area_role=FLENSBURG)
    client = client_for(editor)

    response = _submit_from_editor(client, page, review_date="2027-03-31")

    assert response.status_code == HTTPStatus.FOUND
    page = SolutionPage.objects.get(pk=page.pk)
    assert page.review_date == datetime.date(2027, 3, 31)
    assert not page.has_unpublished_changes
    assert page.live_revision.user == editor
    assert not WorkflowState.objects.filter(
        object_id=str(page.pk), status=WorkflowState.STATUS_IN_PROGRESS
    ).exists()
    assert not TaskState.objects.filter(status=TaskState.STATUS_IN_PROGRESS).exists()


def test_review_date_and_teaser__still_go_through_the_review(published_submission):
    page = published_submission
    client = client_for(UserFactory(editor=True, area_role=FLENSBURG))

    response = _submit_from_editor(
        client, page, review_date="2027-03-31", teaser="Jetzt mit Kühlfach."
    )

    assert response.status_code == HTTPStatus.FOUND
    page = SolutionPage.objects.get(pk=page.pk)
    assert page.live_revision.as_object().review_date == datetime.date(2026, 1, 31)
    assert page.has_unpublished_changes
    state = current_task_state(page)
    assert state is not None and state.status == TaskState.STATUS_IN_PROGRESS
    assert state.task.name == "Feasibility check (Digitalagentur)"
