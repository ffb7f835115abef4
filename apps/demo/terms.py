"""The demo term list: a few German-Danish-English synonym groups."""

from __future__ import annotations

from django.db import transaction

from apps.knowledge.models import Term, TermGroup

#: name -> terms as (language, text); the first German term names the group.
DEMO_TERM_GROUPS: dict[str, list[tuple[str, str]]] = {
    "public transport": [
        ("de", "ÖPNV"),
        ("de", "Nahverkehr"),
        ("da", "kollektiv trafik"),
        ("en", "public transport"),
    ],
    "charging point": [
        ("de", "Ladesäule"),
        ("de", "Ladestation"),
        ("da", "ladestander"),
        ("en", "charging point"),
    ],
    "district heating": [
        ("de", "Fernwärme"),
        ("da", "fjernvarme"),
        ("en", "district heating"),
    ],
    "telemedicine": [
        ("de", "Telemedizin"),
        ("da", "telemedicin"),
        ("en", "telemedicine"),
    ],
    "on-demand bus": [
        ("de", "Rufbus"),
        ("de", "Bürgerbus"),
        ("da", "flextur"),
        ("en", "on-demand bus"),
    ],
    "open data": [
        ("de", "offene Daten"),
        ("da", "åbne data"),
        ("en", "open data"),
    ],
}


@transaction.atomic
def seed_term_groups() -> int:
    """Create the demo groups that do not exist yet; returns how many were added."""
    added = 0
    for name, terms in DEMO_TERM_GROUPS.items():
        group, created = TermGroup.objects.get_or_create(name=name)
        if not created:
            continue
        added += 1
        Term.objects.bulk_create(
            Term(group=group, language=language, text=text, sort_order=position)
            for position, (language, text) in enumerate(terms)
        )
    return added
