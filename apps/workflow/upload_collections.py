"""Where partner uploads are kept, and who in the admin may choose them.

A partner's image and document go to the "Partner submissions" collection, into the
child collection of the authority whose area holds the submission (uploads for areas
without an authority stay in "Partner submissions" itself). Every editorial group may
choose images and documents from the root collection (``apps.knowledge.roles``), and
Wagtail hands a collection permission down to every child collection, so the
choosers would offer every partner's upload to every editor and reviewer. Wagtail has
no negative permission; instead the partner collections carry their own
``GroupCollectionPermission`` rows (the authority's moderators on its child, the
Digitalagentur on "Partner submissions"), and the choosers' queryset hooks keep
only the partner collections a user's groups were granted themselves. Superusers
see everything. https://docs.wagtail.org/en/stable/topics/permissions.html
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_noop
from wagtail.models import Collection, GroupCollectionPermission

from apps.knowledge.roles import AREA_ROLES, DIGITALAGENTUR_GROUP, AreaRole

# Stored in English, shown translated (apps.workflow.display_names); the child
# collections are named after the area roles (apps.knowledge.roles.AREA_ROLES).
COLLECTION_NAME = gettext_noop("Partner submissions")
CHOOSE_PERMISSIONS = {
    "image": ("wagtailimages", "choose_image"),
    "document": ("wagtaildocs", "choose_document"),
}


def _grant(group_name: str, collection: Collection) -> None:
    group = Group.objects.filter(name=group_name).first()
    if group is None:
        return
    for app_label, codename in CHOOSE_PERMISSIONS.values():
        permission = Permission.objects.get(
            content_type__app_label=app_label, codename=codename
        )
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=permission
        )


def partner_collection(role: AreaRole | None = None) -> Collection:
    """The collection for uploads to ``role``'s area ("Partner submissions" itself
    for an area without an authority), created with its permissions if missing."""
    root = Collection.get_first_root_node()
    parent = root.get_children().filter(name=COLLECTION_NAME).first()
    if parent is None:
        parent = root.add_child(name=COLLECTION_NAME)
    _grant(DIGITALAGENTUR_GROUP, parent)
    if role is None:
        return parent
    child = parent.get_children().filter(name=role.name).first()
    if child is None:
        child = parent.add_child(name=role.name)
    _grant(role.moderators, child)
    return child


def ensure_partner_collections() -> None:
    """Create every authority's partner collection and its permissions."""
    for role in AREA_ROLES:
        partner_collection(role)


def only_permitted_partner_uploads(queryset: QuerySet, user, kind: str) -> QuerySet:
    """``queryset`` of images or documents (``kind``) without the partner uploads
    that no group of ``user`` was granted on their partner collection."""
    if user.is_superuser:
        return queryset
    parent = (
        Collection.get_first_root_node()
        .get_children()
        .filter(name=COLLECTION_NAME)
        .first()
    )
    if parent is None:
        return queryset
    app_label, codename = CHOOSE_PERMISSIONS[kind]
    granted = GroupCollectionPermission.objects.filter(
        group__in=user.groups.all(),
        collection__path__startswith=parent.path,
        permission__content_type__app_label=app_label,
        permission__codename=codename,
    ).values_list("collection__path", flat=True)
    allowed = Q(pk__in=[])
    for path in granted:
        allowed |= Q(collection__path__startswith=path)
    partner = Q(collection__path__startswith=parent.path)
    return queryset.exclude(partner & ~allowed)
