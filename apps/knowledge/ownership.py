"""Who may change a shared record: its owner's editors, the Digitalagentur, translators.

Organisations and contacts appear in every authority's solutions, the portal, the
API and the CSV export, so a change is live everywhere at once. Each belongs to an
authority or the Digitalagentur (``owner``, one of ``Owner``); Wagtail's model
permissions say *what* a group may do with such records, this policy says *which*:

- the editors and moderators of an authority change, publish and delete the
  records their authority owns;
- the Digitalagentur maintains every record and alone the German fields of action
  (the taxonomy);
- translators change the translations (any language but German) and translation
  reviewers those of their language, never the German versions; nobody in these
  groups publishes (``apps.knowledge.roles``), their "Publish" goes to review.

Wagtail asks the policy for the listing's links and the edit, delete, publish,
lock and unlock views (``apps.knowledge.admin.viewsets.OwnedSnippetViewSet`` adds
the check where Wagtail's views ask only for the model permission).
https://docs.wagtail.org/en/stable/extending/custom_permissions.html
"""

from __future__ import annotations

from django.apps import apps as global_apps
from django.db.models import Q, QuerySet
from wagtail.models import Locale
from wagtail.permission_policies import ModelPermissionPolicy

from apps.knowledge.choices import Country, Owner, PublicationConsent
from apps.knowledge.roles import (
    TRANSLATION_REVIEWER_LANGUAGES,
    TRANSLATORS_GROUP,
    area_owners,
    owner_group_names,
    translation_reviewers_group_name,
)

# Actions on one record that depend on who owns it.
INSTANCE_ACTIONS = frozenset({"change", "delete", "publish", "lock", "unlock"})
# What translators and translation reviewers may do with a translation.
TRANSLATION_ACTIONS = frozenset({"change", "lock", "unlock"})


def _group_names(user) -> frozenset[str]:
    # Asked for every row of a listing: once per request (the user object).
    if not hasattr(user, "_knowledge_group_names"):
        user._knowledge_group_names = frozenset(
            user.groups.values_list("name", flat=True)
        )
    return user._knowledge_group_names


def user_owners(user) -> set[Owner]:
    """The owners whose records ``user`` maintains (through their groups)."""
    if not user.is_authenticated:
        return set()
    groups = owner_group_names()
    return {groups[name] for name in _group_names(user) if name in groups}


def translated_languages(user) -> set[str] | None:
    """Languages whose translations ``user`` may change; None for all but German."""
    names = _group_names(user) if user.is_authenticated else frozenset()
    if TRANSLATORS_GROUP in names:
        return None
    return {
        code
        for code in TRANSLATION_REVIEWER_LANGUAGES
        if translation_reviewers_group_name(code) in names
    }


def owner_of(instance) -> Owner:
    """The owner of a record; records without an owner (the taxonomy) are the
    Digitalagentur's."""
    return getattr(instance, "owner", None) or Owner.DIGITALAGENTUR


def may_maintain(user, instance, action: str) -> bool:
    """Whether ``user`` may do ``action`` with this particular record."""
    if user.is_superuser or action not in INSTANCE_ACTIONS:
        return True
    owners = user_owners(user)
    if Owner.DIGITALAGENTUR in owners or owner_of(instance) in owners:
        return True
    if action not in TRANSLATION_ACTIONS:
        return False
    if instance.locale_id == Locale.get_default().pk:
        return False
    languages = translated_languages(user)
    return languages is None or instance.locale.language_code in languages


def maintained_by(user, model) -> Q:
    """The records of ``model`` that ``user`` may change, as a filter."""
    owners = user_owners(user)
    if user.is_superuser or Owner.DIGITALAGENTUR in owners:
        return Q()
    allowed = Q(pk__in=[])
    if owners and hasattr(model, "owner"):
        allowed |= Q(owner__in=owners)
    languages = translated_languages(user)
    if languages is None:
        allowed |= ~Q(locale_id=Locale.get_default().pk)
    elif languages:
        allowed |= Q(locale__language_code__in=languages) & ~Q(
            locale_id=Locale.get_default().pk
        )
    return allowed


class OwnedSnippetPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, narrowed to the records the user's authority owns."""

    def user_has_permission_for_instance(self, user, action, instance) -> bool:
        return self.user_has_permission(user, action) and may_maintain(
            user, instance, action
        )

    def instances_user_has_any_permission_for(self, user, actions) -> QuerySet:
        instances = super().instances_user_has_any_permission_for(user, actions)
        if not set(actions) <= INSTANCE_ACTIONS:
            return instances
        return instances.filter(maintained_by(user, self.model))


# -- assigning owners to existing records ---------------------------------------------


def assign_owners(apps=global_apps, translation_keys=None) -> int:
    """Give organisations and contacts the owner their use suggests; a count.

    An organisation belongs to the authority whose partner area it is responsible
    for, else to the area where it leads a solution, else (Danish) to the Danish
    partners, else to the Digitalagentur. A contact belongs to its organisation's
    owner, else to the Digitalagentur. All language versions of a record share its
    owner. Runs in the data migration (historical models) and for the demo content;
    ``translation_keys`` limits it to those records.
    """
    Organisation = apps.get_model("knowledge", "Organisation")
    Contact = apps.get_model("knowledge", "Contact")
    PartnerAreaPage = apps.get_model("knowledge", "PartnerAreaPage")
    SolutionPage = apps.get_model("knowledge", "SolutionPage")

    area_owner = area_owners(apps)
    areas = [
        (area.path, area_owner[area.translation_key], area.organisation_id)
        for area in PartnerAreaPage.objects.order_by("path")
        if area.translation_key in area_owner
    ]
    key_of = dict(Organisation.objects.values_list("pk", "translation_key"))
    owners: dict = {}
    for _path, slug, organisation_id in areas:
        if organisation_id in key_of:
            owners.setdefault(key_of[organisation_id], slug)
    led = SolutionPage.objects.filter(lead_organisation__isnull=False).order_by("path")
    for path, organisation_id in led.values_list("path", "lead_organisation_id"):
        for area_path, slug, _organisation in areas:
            if path.startswith(area_path):
                owners.setdefault(key_of[organisation_id], slug)
                break
    organisations = Organisation.objects.all()
    contacts = Contact.objects.all()
    if translation_keys is not None:
        organisations = organisations.filter(translation_key__in=translation_keys)
        contacts = contacts.filter(translation_key__in=translation_keys)
    changed = 0
    for organisation in organisations:
        owner = owners.get(organisation.translation_key)
        if owner is None:
            danish = organisation.country == Country.DENMARK
            owner = Owner.DANISH_PARTNERS if danish else Owner.DIGITALAGENTUR
            owners[organisation.translation_key] = owner
        if organisation.owner != owner:
            organisation.owner = owner
            organisation.save(update_fields=["owner"])
            changed += 1
    for contact in contacts:
        key = key_of.get(contact.organisation_id)
        owner = owners.get(key)
        if owner is None and key is not None:
            owner = (
                Organisation.objects.filter(translation_key=key)
                .values_list("owner", flat=True)
                .first()
            )
        owner = owner or Owner.DIGITALAGENTUR
        if contact.owner != owner:
            contact.owner = owner
            contact.save(update_fields=["owner"])
            changed += 1
    return changed


# -- what the admin's choosers offer ------------------------------------------------


def sees_everything(user) -> bool:
    """Superusers and the Digitalagentur (who check every submission) choose from
    everything; everyone else from what is public or theirs."""
    return user.is_superuser or Owner.DIGITALAGENTUR in user_owners(user)


def chooser_pages(pages: QuerySet, user) -> QuerySet:
    """Live pages and the drafts ``user`` may edit: no other authority's draft
    titles (``construct_page_chooser_queryset``)."""
    if sees_everything(user):
        return pages
    # Imported here: wagtail.permissions needs the page models, and this module is
    # imported while this app's models load (through apps.knowledge.forms).
    from wagtail.permissions import page_permission_policy

    editable = page_permission_policy.instances_user_has_permission_for(user, "change")
    return pages.filter(Q(live=True) | Q(pk__in=editable.values("pk")))


def chooser_contacts(contacts: QuerySet, user) -> QuerySet:
    """Contacts who agreed to publication, and those ``user`` maintains."""
    if sees_everything(user):
        return contacts
    return contacts.filter(
        ~Q(consent=PublicationConsent.NONE) | maintained_by(user, contacts.model)
    )
