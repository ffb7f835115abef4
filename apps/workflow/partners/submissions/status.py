"""Where a partner's submissions stand: "My submissions" and the moderators' comments.

A partner sees their own submissions and, once the organisation confirmed them,
those of its confirmed members; the status reads the page's workflow state.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.models import TaskState, WorkflowState

from apps.knowledge.models import SolutionPage
from apps.workflow.models import Membership, PartnerProfile, Submission


class SubmissionStatus(models.TextChoices):
    """Where a partner's submission stands, as the partner sees it in the portal."""

    DRAFT = "draft", _("Draft")
    IN_MODERATION = "in_moderation", _("In moderation")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    PUBLISHED = "published", _("Published")


@dataclass
class ModeratorComment:
    task: str
    status: str
    comment: str
    finished_at: object


@dataclass
class SubmissionSummary:
    """One row of "My submissions"."""

    submission: Submission
    page: SolutionPage
    status: SubmissionStatus
    comments: list[ModeratorComment] = field(default_factory=list)

    @property
    def can_edit(self) -> bool:
        return self.status in {
            SubmissionStatus.CHANGES_REQUESTED,
            SubmissionStatus.DRAFT,
        }


def status_of(page: SolutionPage) -> SubmissionStatus:
    state = page.current_workflow_state
    if state and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        return SubmissionStatus.CHANGES_REQUESTED
    if state and state.status == WorkflowState.STATUS_IN_PROGRESS:
        return SubmissionStatus.IN_MODERATION
    if page.live:
        return SubmissionStatus.PUBLISHED
    return SubmissionStatus.DRAFT


def _decision_label(state: TaskState) -> str:
    """A moderator's decision as the partner should read it.

    Wagtail calls a change request "rejected" (in Danish "Afvist"), but the
    partner is asked to change the submission and send it again, not turned down.
    """
    if state.status == TaskState.STATUS_REJECTED:
        return str(SubmissionStatus.CHANGES_REQUESTED.label)
    return state.get_status_display()


def moderator_comments(page: SolutionPage) -> list[ModeratorComment]:
    """Comments moderators gave with their decisions, oldest first."""
    states = (
        TaskState.objects.filter(
            workflow_state__in=WorkflowState.objects.for_instance(page)
        )
        .exclude(comment="")
        .select_related("task")
        .order_by("finished_at", "pk")
    )
    return [
        ModeratorComment(
            task=state.task.name,
            status=_decision_label(state),
            comment=state.comment,
            finished_at=state.finished_at,
        )
        for state in states
    ]


def organisation_submissions(profile: PartnerProfile):
    """Submissions the partner sees and may edit, in whatever language: their own,
    and, once the organisation confirmed them, those its confirmed members made.

    Naming an organisation at registration shows nothing of it; a submission of an
    unconfirmed account is not the organisation's either.
    """
    shown = Q(submitted_by=profile.user)
    if profile.is_confirmed_member:
        shown |= Q(
            organisation__translation_key=profile.organisation.translation_key,
            submitted_by__partner_profile__membership=Membership.CONFIRMED,
        )
    return Submission.objects.filter(shown).select_related(
        "page", "submitted_by", "updated_by", "organisation"
    )


def is_unconfirmed(submission: Submission) -> bool:
    """Whether the partner who submitted has not been confirmed by the organisation
    (shown to moderators)."""
    user = submission.submitted_by
    profile = getattr(user, "partner_profile", None) if user else None
    return profile is None or not profile.is_confirmed_member


def summaries(profile: PartnerProfile) -> list[SubmissionSummary]:
    rows = []
    for submission in organisation_submissions(profile):
        page = submission.page.specific
        rows.append(
            SubmissionSummary(
                submission=submission,
                page=page,
                status=status_of(page),
                comments=moderator_comments(page),
            )
        )
    return rows
