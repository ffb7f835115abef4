"""Models of the editorial workflow, one module per concern."""

from apps.workflow.models.feedback import FeedbackReport
from apps.workflow.models.follows import Follow
from apps.workflow.models.notifications import OutboxMessage, ReviewReminder
from apps.workflow.models.partners import (
    Membership,
    PartnerInvitation,
    PartnerProfile,
    Submission,
)
from apps.workflow.models.scheduler import ScheduledJob
from apps.workflow.models.tasks import (
    AuthorityReviewTask,
    CrossBorderReviewTask,
    FeasibilityCheckTask,
    FeasibilityCheckTaskState,
    OwnerReviewTask,
    TranslationReviewTask,
)
from apps.workflow.models.translations import TranslationSignOff, translation_status

__all__ = [
    "FeedbackReport",
    "Follow",
    "OutboxMessage",
    "ReviewReminder",
    "Membership",
    "PartnerInvitation",
    "PartnerProfile",
    "Submission",
    "ScheduledJob",
    "AuthorityReviewTask",
    "CrossBorderReviewTask",
    "FeasibilityCheckTask",
    "FeasibilityCheckTaskState",
    "OwnerReviewTask",
    "TranslationReviewTask",
    "TranslationSignOff",
    "translation_status",
]
