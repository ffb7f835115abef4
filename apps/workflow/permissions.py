"""Who moderates what: the authority behind a page and the reviewers of each task.

The authority of a page is the partner area it lives in (``PartnerAreaPage``, in any
language tree: the area pages of one authority are translations of its German one,
see ``apps.knowledge.roles.area_owners``), or, for a page outside every area, the
area whose responsible organisation leads it. Pages that belong to no authority
(the knowledge base index itself) are reviewed by the Digitalagentur.
"""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db.models import CharField, Q, QuerySet
from django.db.models.functions import Cast
from wagtail.models import Page

from apps.knowledge.choices import Country
from apps.knowledge.models import PartnerAreaPage
from apps.knowledge.ownership import owner_of
from apps.knowledge.roles import (
    AREA_ROLES,
    DANISH_PARTNERS,
    DIGITALAGENTUR_GROUP,
    AreaRole,
    area_owners,
    area_pages,
    area_role,
    translation_reviewers_group_name,
)


def area_role_for_page(page: Page) -> AreaRole | None:
    """The authority whose moderators review ``page``, or None."""

    area = (
        PartnerAreaPage.objects.filter(path__in=_ancestor_paths(page))
        .order_by("-depth")
        .first()
    )
    if area is not None:
        return area_role(area)
    lead = getattr(page, "lead_organisation", None)
    if lead is not None:
        area = PartnerAreaPage.objects.filter(
            organisation__translation_key=lead.translation_key
        ).first()
        if area is not None:
            return area_role(area)
    return None


def area_roles_for_pages(pages: list[Page]) -> dict[int, AreaRole | None]:
    """:func:`area_role_for_page` of each of ``pages`` by its pk, in two queries
    however many pages: the partner areas are few and all read at once."""
    areas = list(
        PartnerAreaPage.objects.values(
            "path", "depth", "translation_key", "organisation__translation_key"
        )
    )
    owners = area_owners()

    def role_of(area: dict) -> AreaRole | None:
        owner = owners.get(area["translation_key"])
        return next((role for role in AREA_ROLES if role.area_slug == owner), None)

    by_lead = {}
    for area in sorted(areas, key=lambda area: area["path"], reverse=True):
        if area["organisation__translation_key"] is not None:
            by_lead[area["organisation__translation_key"]] = area
    roles = {}
    for page in pages:
        paths = set(_ancestor_paths(page))
        inside = [area for area in areas if area["path"] in paths]
        if inside:
            roles[page.pk] = role_of(max(inside, key=lambda area: area["depth"]))
            continue
        lead = getattr(page, "lead_organisation", None)
        area = by_lead.get(lead.translation_key) if lead is not None else None
        roles[page.pk] = role_of(area) if area is not None else None
    return roles


def _ancestor_paths(page: Page) -> list[str]:
    """Materialised paths of ``page`` and all its ancestors (treebeard's steplen)."""
    step = page.steplen
    return [page.path[:end] for end in range(step, len(page.path) + 1, step)]


def authority_moderators(page: Page) -> QuerySet[Group]:
    """The group(s) that may give the authority review of ``page``."""
    role = area_role_for_page(page)
    name = role.moderators if role else DIGITALAGENTUR_GROUP
    return Group.objects.filter(name=name)


def owned_snippet_models() -> list[type]:
    """The shared records that have an owner (``apps.knowledge.ownership``)."""
    # Imported here like in area_role_for_page: this module loads with this app's
    # models.
    from apps.knowledge.models import Contact, Organisation

    return [Organisation, Contact]


def owner_moderators(obj) -> QuerySet[Group]:
    """The groups that approve a change to a shared record: the moderators of the
    authority that owns it and the Digitalagentur."""
    roles = {role.area_slug: role for role in AREA_ROLES}
    role = roles.get(owner_of(obj))
    names = [DIGITALAGENTUR_GROUP, *([role.moderators] if role else [])]
    return Group.objects.filter(name__in=names)


def translation_reviewers(page: Page) -> QuerySet[Group]:
    """The group that reviews ``page`` in its language."""
    return Group.objects.filter(
        name=translation_reviewers_group_name(page.locale.language_code)
    )


def user_in_groups(user, groups: QuerySet[Group]) -> bool:
    if not user.is_authenticated:
        return False
    return groups.filter(pk__in=user.groups.values("pk")).exists()


def is_last_editor(page: Page, user) -> bool:
    """True if ``user`` wrote the latest revision: they may not approve it."""
    revision = page.get_latest_revision()
    return revision is not None and revision.user_id == user.pk


def names_danish_organisation(page: Page) -> bool:
    """True if the latest revision names a Danish lead or partner organisation."""

    revision = page.get_latest_revision_as_object()
    organisations = [getattr(revision, "lead_organisation", None)]
    partners = getattr(revision, "partners", None)
    if partners is not None:
        organisations += [partner.organisation for partner in partners.all()]
    return any(o is not None and o.country == Country.DENMARK for o in organisations)


def page_ids_for_authorities(roles: list[AreaRole], *, others: bool = False):
    """Page ids (as strings, like ``WorkflowState.object_id``) of the given areas.

    With ``others`` the ids of pages outside every authority's area (reviewed by
    the Digitalagentur) are included.
    """

    in_roles = Q(pk__in=[])
    for area in area_pages(role.area_slug for role in roles):
        in_roles |= Q(path__startswith=area.path)
    pages = Page.objects.filter(in_roles)
    if others:
        # Areas without a known authority are reviewed by the Digitalagentur too.
        outside = Q()
        for area in area_pages(role.area_slug for role in AREA_ROLES):
            outside &= ~Q(path__startswith=area.path)
        pages = Page.objects.filter(in_roles | outside)
    return pages.annotate(id_text=Cast("pk", CharField())).values("id_text")


def roles_moderated_by(user) -> list[AreaRole]:
    names = set(user.groups.values_list("name", flat=True))
    return [role for role in AREA_ROLES if role.moderators in names]


__all__ = [
    "DANISH_PARTNERS",
    "area_role_for_page",
    "authority_moderators",
    "is_last_editor",
    "names_danish_organisation",
    "owned_snippet_models",
    "owner_moderators",
    "page_ids_for_authorities",
    "roles_moderated_by",
    "translation_reviewers",
    "user_in_groups",
]
