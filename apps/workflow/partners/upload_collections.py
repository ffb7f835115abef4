"""Where partner uploads are kept, and who in the admin may choose them.

A partner's image and document go to the "Partner submissions" collection, into the
child collection of the authority whose area holds the submission (uploads for areas
without an authority stay in "Partner submissions" itself). Every editorial group may
choose images and documents from the root collection (``apps.knowledge.roles``), and
Wagtail hands a collection permission down to every child collection, so the
choosers would offer every partner's upload to every editor and reviewer. Wagtail has
no negative permission; instead the partner collections carry their own
``GroupCollectionPermission`` rows (the authority's moderators on its child, the
Digitalagentur on "Partner submissions"), and the image and document permission
policy (``PartnerUploadPermissionPolicy``, asked by every chooser, listing and
"chosen" view) keeps only the partner collections a user's groups were granted
themselves. Superusers see everything. https://docs.wagtail.org/en/stable/topics/permissions.html
"""

from __future__ import annotations

import json

from django.apps import apps as global_apps
from django.contrib.auth.models import Group, Permission
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_noop
from wagtail import documents, images
from wagtail.models import Collection, GroupCollectionPermission
from wagtail.permission_policies.collections import (
    CollectionOwnershipPermissionPolicy,
)
from wagtail.permissions import register_permission_policy

from apps.knowledge.roles import (
    AREA_ROLES,
    DIGITALAGENTUR_GROUP,
    AreaRole,
    area_owners,
)

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


def _partner_root() -> Collection | None:
    return (
        Collection.get_first_root_node()
        .get_children()
        .filter(name=COLLECTION_NAME)
        .first()
    )


def _granted_paths(user, kind: str, parent: Collection) -> list[str]:
    """Paths of the partner collections a group of ``user`` was granted itself."""
    app_label, codename = CHOOSE_PERMISSIONS[kind]
    return list(
        GroupCollectionPermission.objects.filter(
            group__in=user.groups.all(),
            collection__path__startswith=parent.path,
            permission__content_type__app_label=app_label,
            permission__codename=codename,
        ).values_list("collection__path", flat=True)
    )


def only_permitted_partner_uploads(queryset: QuerySet, user, kind: str) -> QuerySet:
    """``queryset`` of images or documents (``kind``) without the partner uploads
    that no group of ``user`` was granted on their partner collection."""
    if user.is_superuser:
        return queryset
    parent = _partner_root()
    if parent is None:
        return queryset
    allowed = Q(pk__in=[])
    for path in _granted_paths(user, kind, parent):
        allowed |= Q(collection__path__startswith=path)
    partner = Q(collection__path__startswith=parent.path)
    return queryset.exclude(partner & ~allowed)


def may_see_partner_upload(user, instance, kind: str) -> bool:
    """Whether ``user`` may see this image or document: anything outside the
    partner collections, and partner uploads of a collection granted to them."""
    if user.is_superuser:
        return True
    parent = _partner_root()
    path = instance.collection.path
    if parent is None or not path.startswith(parent.path):
        return True
    return any(path.startswith(p) for p in _granted_paths(user, kind, parent))


class PartnerUploadPermissionPolicy(CollectionOwnershipPermissionPolicy):
    """Wagtail's image or document permission policy, with partner uploads only
    for the groups granted on their partner collection.

    Every admin view that lists or hands out an image or document asks this policy
    (Wagtail 7+ looks it up in ``policy_registry``): the choosers, their "chosen"
    and "select format" steps, the listings and the edit views. So another
    authority's editor or a reviewer gets neither the item nor its title by
    typing its id into ``/admin/images/chooser/<id>/`` or
    ``/admin/documents/chooser/<id>/``.
    """

    def __init__(self, kind: str, base: CollectionOwnershipPermissionPolicy):
        super().__init__(
            base.model,
            auth_model=base._auth_model_or_name,
            owner_field_name=base.owner_field_name,
        )
        self.kind = kind

    def _own(self, user, instance) -> bool:
        return getattr(instance, f"{self.owner_field_name}_id", None) == user.pk

    def user_has_permission_for_instance(self, user, action, instance) -> bool:
        return super().user_has_permission_for_instance(user, action, instance) and (
            self._own(user, instance)
            or may_see_partner_upload(user, instance, self.kind)
        )

    def user_has_any_permission_for_instance(self, user, actions, instance) -> bool:
        return super().user_has_any_permission_for_instance(
            user, actions, instance
        ) and (
            self._own(user, instance)
            or may_see_partner_upload(user, instance, self.kind)
        )

    def instances_user_has_any_permission_for(self, user, actions) -> QuerySet:
        instances = super().instances_user_has_any_permission_for(user, actions)
        if not user.is_authenticated:
            return instances
        return only_permitted_partner_uploads(
            instances, user, self.kind
        ) | instances.filter(**{self.owner_field_name: user})


def register_upload_policies() -> None:
    """Put ``PartnerUploadPermissionPolicy`` in place of Wagtail's for images and
    documents. Registered for the exact class, which wins over the policy
    wagtail.images and wagtail.documents register when their apps are ready
    (after this app's)."""
    for kind, package, model in (
        ("image", images, images.get_image_model()),
        ("document", documents, documents.get_document_model()),
    ):
        register_permission_policy(
            model,
            PartnerUploadPermissionPolicy(kind, package.get_permission_policy()),
            exact_class=True,
        )


# -- uploads made before the authority collections existed ---------------------------


def _document_ids(stream) -> set[int]:
    """Ids of the document blocks in a body (a StreamValue, or its JSON)."""
    raw = getattr(stream, "raw_data", stream)
    if isinstance(raw, str):
        raw = json.loads(raw or "[]")
    return {
        block["value"]["document"]
        for block in raw or []
        if block.get("type") == "document" and isinstance(block.get("value"), dict)
    }


def move_partner_uploads(apps=global_apps) -> int:
    """Move partner uploads still in the root or in "Partner submissions" itself
    (made before each authority had its child collection) into the collection the
    rule above gives them today; a count of moved uploads.

    An upload belongs to the area of the submission that uses it (the solution's
    image, a document block in its body or its latest draft); an upload of a partner
    account that no submission uses any more goes to "Partner submissions", which
    only the Digitalagentur chooses from. Runs in a data migration (historical
    models for the records; the collections through Wagtail's tree, which a
    historical model cannot extend).
    """
    Image = apps.get_model("wagtailimages", "Image")
    Document = apps.get_model("wagtaildocs", "Document")
    PartnerProfile = apps.get_model("workflow", "PartnerProfile")
    Submission = apps.get_model("workflow", "Submission")
    PartnerAreaPage = apps.get_model("knowledge", "PartnerAreaPage")
    Revision = apps.get_model("wagtailcore", "Revision")

    partners = PartnerProfile.objects.values("user_id")
    root = Collection.get_first_root_node()
    if root is None:
        return 0
    parent = root.get_children().filter(name=COLLECTION_NAME).first()
    unsorted = [root.pk] + ([parent.pk] if parent else [])
    images = Image.objects.filter(
        collection_id__in=unsorted, uploaded_by_user_id__in=partners
    )
    documents = Document.objects.filter(
        collection_id__in=unsorted, uploaded_by_user_id__in=partners
    )
    if not images.exists() and not documents.exists():
        return 0

    roles = {role.area_slug: role for role in AREA_ROLES}
    owners = area_owners(apps)
    areas = sorted(
        PartnerAreaPage.objects.values_list("path", "translation_key"),
        key=lambda area: -len(area[0]),
    )

    def role_of(path: str) -> AreaRole | None:
        for area_path, key in areas:
            if path.startswith(area_path):
                return roles.get(owners.get(key))
        return None

    image_roles: dict[int, AreaRole | None] = {}
    document_roles: dict[int, AreaRole | None] = {}
    for submission in Submission.objects.select_related("page"):
        page = submission.page
        role = role_of(page.path)
        if page.image_id:
            image_roles.setdefault(page.image_id, role)
        used = _document_ids(page.body)
        latest = Revision.objects.filter(pk=page.latest_revision_id).first()
        if latest is not None:
            if latest.content.get("image"):
                image_roles.setdefault(latest.content["image"], role)
            used |= _document_ids(latest.content.get("body"))
        for document_id in used:
            document_roles.setdefault(document_id, role)

    moved = 0
    for uploads, uses in ((images, image_roles), (documents, document_roles)):
        for upload in uploads:
            collection = partner_collection(uses.get(upload.pk))
            if upload.collection_id != collection.pk:
                upload.collection_id = collection.pk
                upload.save(update_fields=["collection"])
                moved += 1
    return moved
