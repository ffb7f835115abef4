"""Editorial groups and their Wagtail permissions, created idempotently.

``setup_roles`` also creates the default workflows and the partner collections.

The group names and area slugs are in ``apps.knowledge.roles``.

Each German authority and the Danish partners get an editors' and a moderators'
group with page permissions on their partner area, in every language tree (the
Danish and English area pages are separate pages, found by their shared slug). The
Digitalagentur group works on the whole knowledge base, the themes and the contact
directory and owns the taxonomy; translators may edit every language tree.

Wagtail's permission model: page permissions are ``GroupPagePermission`` rows that
hold a Django ``Permission`` and apply to a page and its descendants; image and
document permissions are ``GroupCollectionPermission`` rows on a collection.
https://docs.wagtail.org/en/stable/topics/permissions.html
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.apps import apps as global_apps
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
)

from apps.knowledge.admin.gdpr import ensure_export_permission
from apps.knowledge.models.legal import LEGAL_PAGE_MODELS
from apps.knowledge.roles import (
    AREA_ROLES,
    DIGITALAGENTUR_GROUP,
    TRANSLATION_REVIEWER_LANGUAGES,
    TRANSLATORS_GROUP,
    area_pages,
    translation_reviewers_group_name,
)
from apps.workflow.partners.upload_collections import ensure_partner_collections
from apps.workflow.workflows import ensure_default_workflow

EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page"]
# Moderators approve through the moderation workflow (apps.workflow), which publishes
# on the last approval; without ``publish_page`` nobody can bypass the authority,
# feasibility, cross-border and translation reviews by publishing directly.
MODERATOR_PAGE_PERMISSIONS = [
    "add_page",
    "change_page",
    "lock_page",
    "unlock_page",
]
# The themes and the contact directory have no workflow: the Digitalagentur
# publishes them itself.
PUBLISHER_PAGE_PERMISSIONS = [*MODERATOR_PAGE_PERMISSIONS, "publish_page"]

# Every group may enter the admin, maintain contacts and organisations and upload
# and choose images and documents. Which contacts and organisations: those its
# authority owns (``apps.knowledge.ownership``); translators and translation
# reviewers change only the translations.
COMMON_PERMISSIONS = [
    "wagtailadmin.access_admin",
    "knowledge.add_contact",
    "knowledge.change_contact",
    "knowledge.add_organisation",
    "knowledge.change_organisation",
]
# Moderators and the Digitalagentur publish their authority's German snippets
# directly: they are the reviewers of the owner review (apps.workflow.workflows).
# Editors submit their changes to it instead; the published version stays live
# until a reviewer approves. "Publish" on a translation submits it to the
# translation review (apps.workflow.moderation.snippets). Translators never publish.
SNIPPET_PUBLISH_PERMISSIONS = [
    "knowledge.publish_contact",
    "knowledge.publish_organisation",
]
COLLECTION_PERMISSIONS = [
    "wagtailimages.add_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.choose_document",
]
TAXONOMY_PERMISSIONS = [
    "knowledge.add_fieldofaction",
    "knowledge.change_fieldofaction",
    "knowledge.delete_fieldofaction",
    "knowledge.publish_fieldofaction",
    # Tags and their names in each language (apps.knowledge.models.tags).
    "taggit.add_tag",
    "taggit.change_tag",
    "taggit.delete_tag",
    # The term list: synonyms and glossary (apps.knowledge.models.search).
    "knowledge.add_termgroup",
    "knowledge.change_termgroup",
    "knowledge.delete_termgroup",
]
# Exporting everything stored about a person (GDPR art. 15) is the
# Digitalagentur's data-protection task; area editors edit contacts but do not
# export them.
DATA_PROTECTION_PERMISSIONS = ["knowledge.export_contact"]
# The Digitalagentur keeps the reuse graph tidy: corrects a confirmed relation,
# adds its "changes" in other languages, deletes one (apps.knowledge.models.reuse).
# Relations are created only by proposal and confirmation (apps.workflow.
# reuse_proposals), so nobody gets "add".
REUSE_PERMISSIONS = ["knowledge.change_reuse", "knowledge.delete_reuse"]
# The Digitalagentur invites partners (apps.workflow.partners.invitations).
PARTNER_INVITATION_PERMISSIONS = [
    "workflow.add_partnerinvitation",
    "workflow.change_partnerinvitation",
    "workflow.view_partnerinvitation",
]
# Reports from the portal's feedback form: read and answered by the
# Digitalagentur and the authorities' moderators (apps.workflow.feedback).
FEEDBACK_PERMISSIONS = [
    "workflow.view_feedbackreport",
    "workflow.change_feedbackreport",
]
# Translators translate fields of action (their German versions stay the
# Digitalagentur's, see apps.knowledge.ownership) and publish nothing: their
# "Publish" submits the translation for review.
TRANSLATOR_PERMISSIONS = [
    "wagtail_localize.submit_translation",
    "knowledge.add_fieldofaction",
    "knowledge.change_fieldofaction",
    "taggit.change_tag",
]
# Granted by earlier versions of this module; setup_roles takes them back.
TRANSLATOR_REVOKED_PERMISSIONS = [
    *SNIPPET_PUBLISH_PERMISSIONS,
    "knowledge.publish_fieldofaction",
]


@dataclass
class RolesReport:
    groups: list[str] = field(default_factory=list)
    page_permissions_created: int = 0
    missing_pages: list[str] = field(default_factory=list)


def _permission(dotted: str) -> Permission:
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _page_permission(codename: str) -> Permission:
    return Permission.objects.get(
        content_type__app_label="wagtailcore", codename=codename
    )


def _revoke_pages(group: Group, pages, codenames: list[str]) -> None:
    """Remove permissions an earlier version of this module granted."""
    GroupPagePermission.objects.filter(
        group=group,
        page__in=pages,
        permission__content_type__app_label="wagtailcore",
        permission__codename__in=codenames,
    ).delete()


def _grant_pages(group: Group, pages, codenames: list[str], report: RolesReport):
    permissions = [_page_permission(codename) for codename in codenames]
    for page in pages:
        for permission in permissions:
            _, created = GroupPagePermission.objects.get_or_create(
                group=group, page=page, permission=permission
            )
            report.page_permissions_created += created


def _group(
    name: str,
    extra: list[str],
    report: RolesReport,
    common: list[str] | None = None,
) -> Group:
    if common is None:
        common = [*COMMON_PERMISSIONS, *SNIPPET_PUBLISH_PERMISSIONS]
    group, _ = Group.objects.get_or_create(name=name)
    group.permissions.add(*(_permission(p) for p in [*common, *extra]))
    root_collection = Collection.get_first_root_node()
    for dotted in COLLECTION_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root_collection, permission=_permission(dotted)
        )
    report.groups.append(name)
    return group


def _pages_of(model_label: str, report: RolesReport, **filters):
    """Pages of a model in every language tree, e.g. the area in de, da and en."""
    model = global_apps.get_model(model_label)
    pages = list(model.objects.filter(**filters).order_by("path"))
    if not pages:
        description = ", ".join(f"{k}={v}" for k, v in filters.items())
        report.missing_pages.append(f"{model_label} {description}".strip())
    return pages


@transaction.atomic
def setup_roles() -> RolesReport:
    """Create or complete every editorial group; safe to run any number of times."""
    report = RolesReport()
    ensure_export_permission()
    for role in AREA_ROLES:
        pages = list(area_pages([role.area_slug]).order_by("path"))
        if not pages:
            report.missing_pages.append(
                f"knowledge.PartnerAreaPage slug={role.area_slug}"
            )
        editors = _group(role.editors, [], report, common=COMMON_PERMISSIONS)
        # Granted by earlier versions of this module: editors' changes to shared
        # records go to the owner review.
        editors.permissions.remove(
            *(_permission(p) for p in SNIPPET_PUBLISH_PERMISSIONS)
        )
        moderators = _group(role.moderators, FEEDBACK_PERMISSIONS, report)
        _grant_pages(editors, pages, EDITOR_PAGE_PERMISSIONS, report)
        _grant_pages(moderators, pages, MODERATOR_PAGE_PERMISSIONS, report)
        _revoke_pages(moderators, pages, ["publish_page"])

    agency = _group(
        DIGITALAGENTUR_GROUP,
        [
            *TAXONOMY_PERMISSIONS,
            *PARTNER_INVITATION_PERMISSIONS,
            *DATA_PROTECTION_PERMISSIONS,
            *REUSE_PERMISSIONS,
            *FEEDBACK_PERMISSIONS,
        ],
        report,
    )
    knowledge = _pages_of("knowledge.KnowledgeIndexPage", report)
    _grant_pages(agency, knowledge, MODERATOR_PAGE_PERMISSIONS, report)
    _revoke_pages(agency, knowledge, ["publish_page"])
    for model_label in ["knowledge.ThemeIndexPage", "knowledge.ContactDirectoryPage"]:
        _grant_pages(
            agency, _pages_of(model_label, report), PUBLISHER_PAGE_PERMISSIONS, report
        )
    # The legal pages: the Digitalagentur provides the portal and keeps them. A
    # portal without them yet is not reported as missing pages.
    legal_pages = Page.objects.type(*LEGAL_PAGE_MODELS).order_by("path")
    _grant_pages(agency, legal_pages, PUBLISHER_PAGE_PERMISSIONS, report)

    translators = _group(
        TRANSLATORS_GROUP, TRANSLATOR_PERMISSIONS, report, common=COMMON_PERMISSIONS
    )
    translators.permissions.remove(
        *(_permission(p) for p in TRANSLATOR_REVOKED_PERMISSIONS)
    )
    _grant_pages(
        translators,
        _pages_of("knowledge.HomePage", report),
        EDITOR_PAGE_PERMISSIONS,
        report,
    )
    for language_code in TRANSLATION_REVIEWER_LANGUAGES:
        _group(translation_reviewers_group_name(language_code), [], report)

    ensure_default_workflow()
    # Partner uploads' collections and who chooses from them.
    ensure_partner_collections()
    return report


def demo_users() -> list[tuple[str, Group]]:
    """Usernames of the development demo logins and the group each belongs to."""
    users = []
    for role in AREA_ROLES:
        users.append(
            (f"{role.user_prefix}-editor", Group.objects.get(name=role.editors))
        )
        users.append(
            (f"{role.user_prefix}-moderator", Group.objects.get(name=role.moderators))
        )
    users.append(("digitalagentur", Group.objects.get(name=DIGITALAGENTUR_GROUP)))
    users.append(("translator", Group.objects.get(name=TRANSLATORS_GROUP)))
    for language_code in TRANSLATION_REVIEWER_LANGUAGES:
        name = translation_reviewers_group_name(language_code)
        users.append((f"reviewer-{language_code}", Group.objects.get(name=name)))
    return users
