"""Models of the editorial workflow, one module per concern."""

from apps.workflow.models.follows import Follow
from apps.workflow.models.notifications import OutboxMessage, ReviewReminder
from apps.workflow.models.partners import PartnerInvitation, PartnerProfile, Submission

__all__ = [
    "Follow",
    "OutboxMessage",
    "ReviewReminder",
    "PartnerInvitation",
    "PartnerProfile",
    "Submission",
]
