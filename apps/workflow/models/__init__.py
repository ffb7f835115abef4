"""Models of the editorial workflow, one module per concern."""

from apps.workflow.models.partners import PartnerInvitation, PartnerProfile, Submission

__all__ = ["PartnerInvitation", "PartnerProfile", "Submission"]
