"""Editorial roles: the one home of the group names and the area slugs.

Each German authority and the Danish partners have an editors' and a moderators'
group for their partner area (``AREA_ROLES``; the German version's slug is its
``Owner`` value, and its Danish and English translations, with addresses in their
own words, are found by its ``translation_key``: ``area_owners``); the
Digitalagentur works on the whole knowledge base and owns the taxonomy; translators
edit every language tree; one reviewer group per language signs off
translations. The ownership policy of this app (``apps.knowledge.ownership``) and
the workflow app (its tasks, dashboard and ``apps.workflow.groups``, which creates
the groups and their permissions) read the names from here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from uuid import UUID

from django.apps import apps as global_apps
from django.conf import settings
from django.db.models import QuerySet
from wagtail.coreutils import get_supported_content_language_variant

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
    # The slug of the area's German version (see ``area_owners``).
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


def area_owners(apps=global_apps) -> dict[UUID, Owner]:
    """The authority of each partner area, by the area's ``translation_key``.

    The area's version in the default language (German, the language the areas are
    created and translated from) names its authority by its slug, one of ``Owner``.
    The Danish and English versions are translations of it with addresses in their
    own words (``/da/loesninger/danske-partnere/``): they share its
    ``translation_key``, so a translator who changes a translation's slug changes
    nobody's rights. Every question "whose area is this?" goes through here; the
    data migration passes its historical ``apps``.
    """
    PartnerAreaPage = apps.get_model("knowledge", "PartnerAreaPage")
    source = PartnerAreaPage.objects.filter(
        locale__language_code=get_supported_content_language_variant(
            settings.LANGUAGE_CODE
        ),
        slug__in=Owner.values,
    )
    return {
        key: Owner(slug) for key, slug in source.values_list("translation_key", "slug")
    }


def area_pages(owners: Iterable[str], apps=global_apps) -> QuerySet:
    """The partner areas of ``owners`` in every language tree."""
    wanted = set(owners)
    keys = [key for key, owner in area_owners(apps).items() if owner in wanted]
    PartnerAreaPage = apps.get_model("knowledge", "PartnerAreaPage")
    return PartnerAreaPage.objects.filter(translation_key__in=keys)


def area_role(area) -> AreaRole | None:
    """The authority that edits and moderates ``area`` (a partner area in any
    language), or None."""
    owner = area_owners().get(area.translation_key)
    return next((role for role in AREA_ROLES if role.area_slug == owner), None)


def owner_group_names() -> dict[str, Owner]:
    """Each group whose members maintain an owner's records, and that owner."""
    names = {DIGITALAGENTUR_GROUP: Owner.DIGITALAGENTUR}
    for role in AREA_ROLES:
        names[role.editors] = role.area_slug
        names[role.moderators] = role.area_slug
    return names
