"""Partner accounts: invitations, self-registration and e-mail verification.

Both mails go through the notification outbox (``apps.workflow.notifications``), so
a mail outage neither blocks the invitation or registration nor loses the message.
An invited partner proves their address by following the invitation link, so the
account is verified, and its membership of the organisation confirmed, at once. A
self-registered partner logs in once they have followed the link in the verification
e-mail; their organisation still has to confirm them
(``apps.workflow.partners.membership``).

Registering with an address that has an account answers exactly like a new
registration ("check your mail") and mails the owner instead, so the form tells
nobody which addresses have accounts.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from apps.knowledge.public_url import absolute_url
from apps.workflow.models import (
    Membership,
    OutboxMessage,
    PartnerInvitation,
    PartnerProfile,
)
from apps.workflow.models.partners import new_token
from apps.workflow.notifications.outbox import queue_email, queue_email_to_address

INVITATION_VALID_DAYS = 14


def invitation_valid_days() -> int:
    return getattr(settings, "PARTNER_INVITATION_VALID_DAYS", INVITATION_VALID_DAYS)


def invitation_is_valid(invitation: PartnerInvitation) -> bool:
    days = invitation_valid_days()
    expires = invitation.created_at + datetime.timedelta(days=days)
    return invitation.accepted_at is None and timezone.now() < expires


def send_invitation(invitation: PartnerInvitation) -> OutboxMessage | None:
    """Queue the invitation link in the outbox, in the invitation's language.

    The address has no account yet, so the message goes to the bare address; a
    mail outage leaves it in the outbox for ``retry_outbox``.
    """
    with translation.override(invitation.language):
        path = reverse("partner:accept_invitation", args=[invitation.token])
    return queue_email_to_address(
        invitation.email,
        invitation.language,
        OutboxMessage.Kind.INVITATION,
        {
            "invitation": invitation,
            "url": absolute_url(path),
            "days": invitation_valid_days(),
        },
        dedup_key=f"invitation:{invitation.pk}",
    )


def send_verification(profile: PartnerProfile) -> OutboxMessage | None:
    """Queue the link that confirms a self-registered partner's address, in the
    language they registered in."""
    with translation.override(profile.language):
        path = reverse("partner:verify_email", args=[profile.verification_token])
    return queue_email(
        profile.user,
        OutboxMessage.Kind.VERIFICATION,
        {"profile": profile, "url": absolute_url(path)},
    )


def send_account_exists(user, language: str) -> OutboxMessage | None:
    """Tell the owner of an address that someone registered with it, with the way
    to log in, instead of telling the person at the form."""
    with translation.override(language):
        path = reverse("partner:login")
    return queue_email(
        user, OutboxMessage.Kind.ACCOUNT_EXISTS, {"login_url": absolute_url(path)}
    )


@transaction.atomic
def register(form, language: str) -> PartnerProfile:
    """Create the user and the (unverified) partner profile of a registration."""
    user = form.create_user()
    return PartnerProfile.objects.create(
        user=user,
        organisation=form.cleaned_data["organisation"],
        language=language,
    )


@transaction.atomic
def accept_invitation(invitation: PartnerInvitation, form) -> PartnerProfile:
    """Create the account an invitation offers; the address counts as verified."""
    user = form.create_user()
    profile = PartnerProfile.objects.create(
        user=user,
        organisation=invitation.organisation,
        language=invitation.language,
        email_verified_at=timezone.now(),
        # The Digitalagentur named the organisation when it invited the address.
        membership=Membership.CONFIRMED,
        membership_decided_by=invitation.invited_by,
        membership_decided_at=timezone.now(),
    )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return profile


def verify(token: str) -> PartnerProfile | None:
    """Mark the profile with this token verified; the link works only once."""
    profile = PartnerProfile.objects.filter(
        verification_token=token, email_verified_at__isnull=True
    ).first()
    if profile is None:
        return None
    profile.email_verified_at = timezone.now()
    profile.verification_token = new_token()
    profile.save(update_fields=["email_verified_at", "verification_token"])
    return profile
