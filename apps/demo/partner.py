"""The demo partner login for development (seeded by ``manage.py seed_demo``)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils import timezone

from apps.workflow.models import Membership, PartnerProfile

DEMO_PARTNER = "partner"
DEMO_ORGANISATION_KEY = "mobil-im-dorf"  # Mobil im Dorf e.V., an association


def ensure_demo_partner(seeder, password: str) -> None:
    """A verified partner of the association "Mobil im Dorf e.V." (partner/demo).

    ``seeder`` is the ``DemoSeeder`` of apps.demo.seed; the login is listed with
    the other demo logins, with their ``password``.
    """
    organisation = seeder.organisation(DEMO_ORGANISATION_KEY, "de")
    user, created = get_user_model().objects.get_or_create(
        username=DEMO_PARTNER,
        defaults={
            "email": "partner@mobil-im-dorf.example.org",
            "first_name": "Petra",
            "last_name": "Partner",
        },
    )
    if created:
        user.set_password(password)
        user.save()
        seeder.result.created["users"] += 1
    PartnerProfile.objects.get_or_create(
        user=user,
        # Set up by the Digitalagentur, like an invitation: a confirmed member.
        defaults={
            "organisation": organisation,
            "email_verified_at": timezone.now(),
            "membership": Membership.CONFIRMED,
        },
    )
    note = f"partner of {organisation.name}" + ("" if created else ", existed before")
    seeder.result.users.append((DEMO_PARTNER, password, note))
