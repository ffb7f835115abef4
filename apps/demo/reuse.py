"""Demo reuse graph (issue 17): Tønder Kommune runs Nordfriesland's dike monitoring
(confirmed across the border), Aabenraa Kommune's proposal that it runs the 24/7
village shop still waits for Schleswig-Flensburg, and the citizen-wind dashboard
builds on Flensburg's neighbourhood energy dashboard."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from apps.knowledge.models import Organisation, Reuse, ReuseChanges

ADOPTIONS = [
    {
        "solution": "nf-deichmonitoring",
        "organisation": "toender-kommune",
        "status": Reuse.Status.CONFIRMED,
        "proposer": "dk-editor",
        "decider": "nordfriesland-moderator",
        "since": date(2025, 4, 1),
        "municipality": "Tønder",
        "coordinates": (Decimal("54.933000"), Decimal("8.866700")),
        "changes": {
            "de": "Sensoren am Tønder-Deich und an der Vidå-Schleuse; Warnungen "
            "gehen an die dänische Beredskab.",
            "da": "Sensorer på Tøndermarskdiget og ved Vidåslusen; advarsler går "
            "til den danske beredskab.",
            "en": "Sensors on the Tønder marsh dike and at the Vidå sluice; alerts "
            "go to the Danish emergency service.",
        },
    },
    {
        "solution": "slfl-dorfladen-24-7",
        "organisation": "aabenraa-kommune",
        "status": Reuse.Status.PROPOSED,
        "proposer": "dk-editor",
        "decider": None,
        "since": date(2026, 2, 1),
        "municipality": "Bolderslev",
        "coordinates": (Decimal("54.978000"), Decimal("9.266000")),
        "changes": {
            "da": "Kasseløsningen er tilpasset MobilePay og danske pantregler.",
        },
    },
]
DERIVATIONS = [
    {
        "solution": "flensburg-quartiersenergie",
        "derived": "nf-buergerwind-dashboard",
        "proposer": "nordfriesland-editor",
        "decider": "flensburg-moderator",
    },
]


def seed_reuse(demo_key) -> int:
    """Create the demo relations that are missing; how many were created.

    ``demo_key(kind, key)`` gives a demo object's translation key.
    """
    users = {user.username: user for user in get_user_model().objects.all()}
    created = 0
    for item in ADOPTIONS:
        organisation = Organisation.objects.get(
            translation_key=demo_key("organisation", item["organisation"]),
            locale__language_code="de",
        )
        solution_key = demo_key("page", f"solution:{item['solution']}")
        if Reuse.objects.filter(
            solution_key=solution_key, organisation=organisation
        ).exists():
            continue
        latitude, longitude = item["coordinates"]
        reuse = Reuse.objects.create(
            kind=Reuse.Kind.ADOPTION,
            solution_key=solution_key,
            organisation=organisation,
            since=item["since"],
            municipality=item["municipality"],
            latitude=latitude,
            longitude=longitude,
            **_decision(item, users),
        )
        for language, text in item["changes"].items():
            ReuseChanges.objects.create(reuse=reuse, language=language, text=text)
        created += 1
    for item in DERIVATIONS:
        solution_key = demo_key("page", f"solution:{item['solution']}")
        derived_key = demo_key("page", f"solution:{item['derived']}")
        if Reuse.objects.filter(
            solution_key=solution_key, derived_key=derived_key
        ).exists():
            continue
        Reuse.objects.create(
            kind=Reuse.Kind.DERIVATION,
            solution_key=solution_key,
            derived_key=derived_key,
            **_decision({**item, "status": Reuse.Status.CONFIRMED}, users),
        )
        created += 1
    return created


def _decision(item: dict, users: dict) -> dict:
    decided = item["status"] != Reuse.Status.PROPOSED
    return {
        "status": item["status"],
        "proposed_by": users.get(item["proposer"]),
        "proposed_side": Reuse.Side.REUSER,
        "decided_by": users.get(item["decider"]) if decided else None,
        "decided_at": timezone.now() if decided else None,
    }
