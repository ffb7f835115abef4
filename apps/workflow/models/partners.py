"""Partner accounts and the submissions they make through the portal."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_token() -> str:
    return secrets.token_urlsafe(32)


class Membership(models.TextChoices):
    """Whether a partner account acts for its organisation.

    Choosing an organisation at registration only claims membership; the account
    acts for it once an invitation, the organisation's confirmed members or the
    authority's moderators confirm it (``apps.workflow.partners.membership``).
    """

    PENDING = "pending", _("Waiting for confirmation")
    CONFIRMED = "confirmed", _("Confirmed")
    DECLINED = "declined", _("Declined")


class PartnerProfile(models.Model):
    """A partner account: a portal user who submits solutions for an organisation."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="partner_profile",
    )
    organisation = models.ForeignKey(
        "knowledge.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="partner_profiles",
    )
    language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("E-mails to this partner are written in this language."),
    )
    email_verified_at = models.DateTimeField(
        _("e-mail verified"), null=True, blank=True
    )
    verification_token = models.CharField(
        max_length=64, default=new_token, editable=False
    )
    membership = models.CharField(
        _("membership"),
        max_length=16,
        choices=Membership.choices,
        default=Membership.PENDING,
        db_index=True,
    )
    membership_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("membership decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    membership_decided_at = models.DateTimeField(
        _("membership decided"), null=True, blank=True
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("partner account")
        verbose_name_plural = _("partner accounts")

    def __str__(self) -> str:
        return f"{self.user} ({self.organisation})"

    @property
    def is_verified(self) -> bool:
        return self.email_verified_at is not None

    @property
    def is_confirmed_member(self) -> bool:
        """Whether the organisation (or its authority) confirmed this account."""
        return self.membership == Membership.CONFIRMED

    def mark_verified(self) -> None:
        self.email_verified_at = timezone.now()
        self.save(update_fields=["email_verified_at"])


class PartnerInvitation(models.Model):
    """An invitation from the Digitalagentur to open a partner account."""

    email = models.EmailField(_("e-mail"))
    organisation = models.ForeignKey(
        "knowledge.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    language = models.CharField(
        _("language of the invitation"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    token = models.CharField(max_length=64, default=new_token, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)

    class Meta:
        verbose_name = _("partner invitation")
        verbose_name_plural = _("partner invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.email

    def clean(self) -> None:
        super().clean()
        from django.contrib.auth import get_user_model

        User = get_user_model()
        if self.email and (
            User.objects.filter(email__iexact=self.email).exists()
            or User.objects.filter(username__iexact=self.email).exists()
        ):
            raise ValidationError(
                {"email": _("An account with this e-mail address exists already.")}
            )


class Submission(models.Model):
    """A solution a partner submitted through the portal, with who and when."""

    page = models.OneToOneField(
        "knowledge.SolutionPage",
        verbose_name=_("solution"),
        on_delete=models.CASCADE,
        related_name="submission",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="submissions",
    )
    organisation = models.ForeignKey(
        "knowledge.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="submissions",
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    created_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return str(self.page)
