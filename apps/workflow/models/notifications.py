"""The e-mail outbox: every notification is stored here before it is sent."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class OutboxMessage(models.Model):
    """An e-mail to one person, kept until it has been delivered (or given up on)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed, will be retried")

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted for review")
        APPROVED = "approved", _("Approved")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        REJECTED = "rejected", _("Rejected")
        FOLLOW_NEW = "follow_new", _("New solution in a followed field")
        FOLLOW_UPDATED = "follow_updated", _("Followed solution updated")
        REVIEW_REMINDER = "review_reminder", _("Review date reminder")
        INVITATION = "invitation", _("Partner invitation")
        VERIFICATION = "verification", _("E-mail address confirmation")
        ACCOUNT_EXISTS = "account_exists", _("Registration with a known address")
        MEMBERSHIP_REQUEST = "membership_request", _("Membership request")
        MEMBERSHIP_DECIDED = "membership_decided", _("Membership decision")
        REUSE_PROPOSED = "reuse_proposed", _("Reuse proposal")
        REUSE_DECIDED = "reuse_decided", _("Reuse decision")
        FEEDBACK_RECEIVED = "feedback_received", _("Feedback report for the agency")
        FEEDBACK_ACKNOWLEDGED = "feedback_acknowledged", _("Feedback acknowledgement")
        FEEDBACK_ANSWER = "feedback_answer", _("Answer to a feedback report")

    # Empty for a mail to an address without an account yet (an invitation).
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    to_email = models.EmailField(_("e-mail address"))
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    subject = models.CharField(_("subject"), max_length=255)
    body_text = models.TextField(_("text"))
    body_html = models.TextField(_("HTML"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=Status.choices,
        default=Status.PENDING,
        db_index=True,
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    # Keeps a signal that fires twice (or a rerun command) from mailing twice.
    dedup_key = models.CharField(max_length=200, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["dedup_key"],
                condition=~Q(dedup_key=""),
                name="unique_outbox_dedup_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.subject} → {self.to_email} ({self.status})"


class ReviewReminder(models.Model):
    """Record that a solution's owner was reminded of one review date."""

    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("solution"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    review_date = models.DateField(_("review date"))
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    message = models.ForeignKey(
        OutboxMessage,
        verbose_name=_("e-mail"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("reminded"), auto_now_add=True)

    class Meta:
        verbose_name = _("review reminder")
        verbose_name_plural = _("review reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "review_date"], name="one_reminder_per_review_date"
            )
        ]

    def __str__(self) -> str:
        return f"{self.page} ({self.review_date})"
