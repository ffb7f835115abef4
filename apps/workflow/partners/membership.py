"""Membership of partner accounts: confirmed by the organisation, never claimed.

Choosing an organisation at registration is a request. Until the request is approved
the account sees nothing of the organisation's submissions or contacts and submits
as an unconfirmed person (moderators see that). A request is approved by

- an invitation from the Digitalagentur (the account is confirmed when it is opened),
- a confirmed member of the same organisation, in the portal ("Membership requests"),
- the moderators of the authority responsible for the organisation, or the
  Digitalagentur, in the admin (Partner accounts > Membership requests),
- the organisation's allow-listed e-mail domains (``Organisation.member_email_domains``,
  kept by the owning authority): an account whose confirmed address is at one of
  them is a member as soon as the address is confirmed (``confirm_by_domain``).

Requests are shown to deciders once the address is confirmed, and each of them is
told through the outbox; the applicant is told the decision the same way.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone, translation

from apps.knowledge.models import Organisation, PartnerAreaPage
from apps.knowledge.roles import DIGITALAGENTUR_GROUP, AreaRole, area_role
from apps.workflow.models import Membership, OutboxMessage, PartnerProfile
from apps.workflow.notifications.outbox import queue_email
from apps.workflow.partners.accounts import absolute_url
from apps.workflow.partners.submissions.routing import responsible_area_key
from apps.workflow.permissions import roles_moderated_by


def confirmed_members(organisation: Organisation) -> QuerySet[PartnerProfile]:
    """Confirmed, verified partner accounts of the organisation (any language)."""
    return PartnerProfile.objects.filter(
        organisation__translation_key=organisation.translation_key,
        membership=Membership.CONFIRMED,
        email_verified_at__isnull=False,
        user__is_active=True,
    )


def pending_requests() -> QuerySet[PartnerProfile]:
    """Requests waiting for a decision, from accounts with a confirmed address."""
    return (
        PartnerProfile.objects.filter(
            membership=Membership.PENDING, email_verified_at__isnull=False
        )
        .select_related("user", "organisation")
        .order_by("created_at", "pk")
    )


def authority_of(organisation: Organisation) -> AreaRole | None:
    """The authority whose moderators decide for the organisation, if any."""
    key = responsible_area_key(organisation)
    area = PartnerAreaPage.objects.filter(translation_key=key).first()
    if area is None:
        return None
    return area_role(area)


def decides_everything(user) -> bool:
    return user.is_superuser or user.groups.filter(name=DIGITALAGENTUR_GROUP).exists()


def can_decide(user, profile: PartnerProfile) -> bool:
    """Whether ``user`` may approve or decline ``profile``'s membership request."""
    if not user.is_authenticated or profile.user_id == user.pk:
        return False
    if decides_everything(user):
        return True
    role = authority_of(profile.organisation)
    if role is not None and role in roles_moderated_by(user):
        return True
    return confirmed_members(profile.organisation).filter(user=user).exists()


def requests_for_member(member: PartnerProfile) -> QuerySet[PartnerProfile]:
    """Pending requests a confirmed member decides: those of their organisation."""
    if not (member.is_confirmed_member and member.is_verified):
        return PartnerProfile.objects.none()
    return pending_requests().filter(
        organisation__translation_key=member.organisation.translation_key
    )


def requests_for_moderator(user) -> list[PartnerProfile]:
    """Pending requests a moderator (or the Digitalagentur) decides in the admin."""
    requests = list(pending_requests())
    if decides_everything(user):
        return requests
    roles = roles_moderated_by(user)
    return [r for r in requests if authority_of(r.organisation) in roles]


def moderators_of(organisation: Organisation) -> list:
    role = authority_of(organisation)
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    group = role.moderators if role else DIGITALAGENTUR_GROUP
    return list(users.filter(groups__name=group).distinct().order_by("pk"))


def notify_request(profile: PartnerProfile) -> list[OutboxMessage]:
    """Tell the organisation's confirmed members and its authority's moderators."""
    deciders = [member.user for member in confirmed_members(profile.organisation)]
    deciders += [u for u in moderators_of(profile.organisation) if u not in deciders]
    messages = []
    for user in deciders:
        if user.pk == profile.user_id:
            continue
        is_partner = hasattr(user, "partner_profile")
        with translation.override(
            user.partner_profile.language if is_partner else None
        ):
            path = (
                reverse("partner:membership_requests")
                if is_partner
                else reverse("workflow_admin:membership_requests")
            )
        message = queue_email(
            user,
            OutboxMessage.Kind.MEMBERSHIP_REQUEST,
            {"applicant": profile, "url": absolute_url(path)},
            dedup_key=f"membership_request:{profile.pk}:{user.pk}",
        )
        if message is not None:
            messages.append(message)
    return messages


def allow_listed_domains(organisation: Organisation) -> set[str]:
    """The member e-mail domains of the organisation's published versions."""
    domains: set[str] = set()
    for version in Organisation.objects.filter(
        translation_key=organisation.translation_key, live=True
    ):
        domains |= version.member_domains()
    return domains


def confirm_by_domain(profile: PartnerProfile) -> bool:
    """Confirm a pending request whose confirmed address is at one of the
    organisation's allow-listed domains; whether it did."""
    if profile.membership != Membership.PENDING or not profile.is_verified:
        return False
    domain = profile.user.email.rpartition("@")[2].lower()
    if not domain or domain not in allow_listed_domains(profile.organisation):
        return False
    now = timezone.now()
    confirmed = PartnerProfile.objects.filter(
        pk=profile.pk, membership=Membership.PENDING
    ).update(membership=Membership.CONFIRMED, membership_decided_at=now)
    if confirmed:
        profile.membership = Membership.CONFIRMED
        profile.membership_decided_at = now
    return bool(confirmed)


@transaction.atomic
def decide(profile_pk: int, user, *, approve: bool) -> PartnerProfile | None:
    """Approve or decline a pending request; None if it is no longer pending (two
    deciders at once: the first decision stands)."""
    profile = (
        PartnerProfile.objects.select_for_update()
        .filter(pk=profile_pk, membership=Membership.PENDING)
        .first()
    )
    if profile is None or not can_decide(user, profile):
        return None
    profile.membership = Membership.CONFIRMED if approve else Membership.DECLINED
    profile.membership_decided_by = user
    profile.membership_decided_at = timezone.now()
    profile.save(
        update_fields=["membership", "membership_decided_by", "membership_decided_at"]
    )
    queue_email(
        profile.user,
        OutboxMessage.Kind.MEMBERSHIP_DECIDED,
        {"profile": profile, "approved": approve},
        dedup_key=f"membership_decided:{profile.pk}:{profile.membership_decided_at}",
    )
    return profile
