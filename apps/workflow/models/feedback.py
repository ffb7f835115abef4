"""Reports of accessibility barriers and content errors sent with the portal's
feedback form (``apps.workflow.feedback``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class FeedbackReport(models.Model):
    """A visitor's report of a barrier or an error, and the Digitalagentur's answer."""

    class Kind(models.TextChoices):
        BARRIER = "barrier", _("Accessibility barrier")
        CONTENT_ERROR = "content_error", _("Error in the content")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        NEW = "new", _("New")
        ANSWERED = "answered", _("Answered")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    message = models.TextField(_("message"))
    page_url = models.CharField(_("page address"), max_length=500, blank=True)
    name = models.CharField(_("name"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    # The language the form was used in: the acknowledgement and the answer use it.
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=Status.choices,
        default=Status.NEW,
        db_index=True,
    )
    answer = models.TextField(
        _("answer"),
        blank=True,
        help_text=_(
            "Sent by e-mail to the reporter, in the language of the report, when "
            "you save."
        ),
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("received"), auto_now_add=True)

    class Meta:
        verbose_name = _("feedback report")
        verbose_name_plural = _("feedback reports")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.message[:60]}"
