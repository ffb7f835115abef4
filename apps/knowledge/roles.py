"""Editorial roles: the one home of the group names and the area slugs.

Each German authority and the Danish partners have an editors' and a moderators'
group for their partner area (``AREA_ROLES``; an area's slug is its ``Owner``
value); the Digitalagentur works on the whole knowledge base and owns the taxonomy;
translators edit every language tree; one reviewer group per language signs off
translations. The ownership policy of this app (``apps.knowledge.ownership``) and
the workflow app (its tasks, dashboard and ``apps.workflow.groups``, which creates
the groups and their permissions) read the names from here.
"""

from __future__ import annotations

from dataclasses import dataclass

from apps.knowledge.choices import Owner

DIGITALAGENTUR_GROUP = "Digitalagentur"
TRANSLATORS_GROUP = "Translators"
# One reviewer group per language other than the default: its members sign off
# translations into that language (apps.workflow's translation review).
TRANSLATION_REVIEWER_LANGUAGES = {"da": "Danish", "en": "English"}


def translation_reviewers_group_name(language_code: str) -> str:
    """Name of the group that reviews translations into ``language_code``."""
    language = TRANSLATION_REVIEWER_LANGUAGES.get(language_code, language_code)
    return f"Translation reviewers – {language}"


@dataclass(frozen=True)
class AreaRole:
    """An authority (or partner group) that edits and moderates its partner area."""

    name: str
    area_slug: Owner
    user_prefix: str

    @property
    def editors(self) -> str:
        return f"{self.name} – Editors"

    @property
    def moderators(self) -> str:
        return f"{self.name} – Moderators"


AREA_ROLES = [
    AreaRole("Stadt Flensburg", Owner.STADT_FLENSBURG, "flensburg"),
    AreaRole("Kreis Nordfriesland", Owner.KREIS_NORDFRIESLAND, "nordfriesland"),
    AreaRole(
        "Kreis Schleswig-Flensburg",
        Owner.KREIS_SCHLESWIG_FLENSBURG,
        "schleswig-flensburg",
    ),
    AreaRole("Danish partners", Owner.DANISH_PARTNERS, "dk"),
]
DANISH_PARTNERS = AREA_ROLES[-1]
DANISH_MODERATORS_GROUP = DANISH_PARTNERS.moderators


def owner_group_names() -> dict[str, Owner]:
    """Each group whose members maintain an owner's records, and that owner."""
    names = {DIGITALAGENTUR_GROUP: Owner.DIGITALAGENTUR}
    for role in AREA_ROLES:
        names[role.editors] = role.area_slug
        names[role.moderators] = role.area_slug
    return names
