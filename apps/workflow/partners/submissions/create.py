"""Making a submission: a draft solution page in the responsible area, in moderation.

The page enters the workflow assigned to its part of the tree, the way the admin's
"Submit for moderation" does. Resubmitting after a change request resumes that
workflow at the task that asked for the changes (``WorkflowState.resume``).
"""

from __future__ import annotations

import logging

from django.db import transaction
from wagtail.models import Locale, WorkflowState

from apps.knowledge.models import SolutionPage
from apps.workflow.models import PartnerProfile, Submission
from apps.workflow.partners.submissions.content import (
    SubmissionContent,
    apply_content,
    unique_slug,
)
from apps.workflow.partners.submissions.routing import responsible_area

logger = logging.getLogger(__name__)


def submit_for_moderation(page: SolutionPage, user) -> WorkflowState | None:
    """Start the workflow of the page's part of the tree, or resume it after changes.

    Mirrors the admin's "Submit for moderation" (wagtail.admin.views.pages.edit).
    """
    state = page.current_workflow_state
    if state and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user)
        return state
    workflow = page.get_workflow()
    if workflow is None:
        logger.warning("No workflow applies to %s; it stays a draft.", page)
        return None
    return workflow.start(page, user)


@transaction.atomic
def create_submission(
    profile: PartnerProfile, content: SubmissionContent, locale: Locale
) -> Submission:
    """Create the draft solution, record the submission and start moderation."""
    user = profile.user
    area = responsible_area(content.organisation, locale)
    page = SolutionPage(
        title=content.title,
        slug=unique_slug(area, content.title),
        teaser=content.teaser,
        locale=area.locale,
        owner=user,
        live=False,
        has_unpublished_changes=True,
    )
    apply_content(page, content, user, area)
    area.add_child(instance=page)
    page.save_revision(user=user, log_action=True)
    submission = Submission.objects.create(
        page=page,
        submitted_by=user,
        organisation=content.organisation,
        language=locale.language_code,
    )
    submit_for_moderation(page, user)
    return submission


@transaction.atomic
def resubmit(submission: Submission, content: SubmissionContent, user) -> None:
    """Save the partner's changes as a new revision and send them back to review."""
    page = submission.page.get_latest_revision_as_object()
    apply_content(page, content, user, submission.page)
    if not page.live:
        # As the admin does: a page that is not live keeps its fields in step with
        # its newest revision.
        page.save()
    page.save_revision(user=user, log_action=True)
    submission.updated_by = user
    submission.save(update_fields=["updated_at", "updated_by"])
    submit_for_moderation(SolutionPage.objects.get(pk=page.pk), user)
