"""Translation status of pages and snippets in every language, including drift.

A language version is *outdated* when its source (the original it was translated
from) changed after the translation was last brought up to date. The signals are
wagtail-localize's own records:

- ``TranslationSource.last_updated_at``: when the source content was last extracted
  (on "Translate" and on "Sync translated pages");
- ``TranslationLog``: each time the translated strings were written into the
  language version, with the revision that created;
- the source's ``last_published_at`` (pages) or, for snippets, whether its
  translatable fields still equal the extracted content.

So a wagtail-localize translation is current when the source has not changed since
the last sync, the sync was applied to the language version, and that revision is
live (it passed the translation review). A language version made by hand (no
wagtail-localize translation) is outdated when its source was published after it.

Every status is computed for a whole batch with a fixed number of queries, so the
dashboard and the portal notice share one implementation.
https://wagtail-localize.org/stable/concept/translation-sources/
"""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Max
from django.urls import NoReverseMatch, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from modelcluster.models import get_serializable_data_for_fields
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.models import Locale, Page
from wagtail_localize.fields import get_translatable_fields
from wagtail_localize.models import (
    StringTranslation,
    Translation,
    TranslationLog,
    TranslationSource,
)

from apps.knowledge.models import Contact, FieldOfAction, Organisation
from apps.knowledge.roles import (
    DIGITALAGENTUR_GROUP,
    TRANSLATION_REVIEWER_LANGUAGES,
    TRANSLATORS_GROUP,
    translation_reviewers_group_name,
)
from apps.workflow.models.translations import TranslationSignOff


class LanguageVersionState(models.TextChoices):
    """Where a language version stands; ``ORIGINAL`` is the source itself."""

    ORIGINAL = "original", _("Original")
    MISSING = "missing", _("Missing")
    DRAFT = "draft", _("Not published yet")
    MACHINE = "machine", _("Machine-translated, not reviewed")
    UNREVIEWED = "unreviewed", _("Not reviewed")
    REVIEWED = "reviewed", _("Reviewed")
    OUTDATED = "outdated", _("Outdated")


# Wagtail's publishing bookkeeping, which wagtail-localize copies along but which is
# no change of content (DraftStateMixin, RevisionMixin, LockableMixin).
PUBLISHING_FIELDS = {
    "live",
    "has_unpublished_changes",
    "first_published_at",
    "last_published_at",
    "go_live_at",
    "expire_at",
    "expired",
    "latest_revision",
    "live_revision",
    "locked",
    "locked_at",
    "locked_by",
}

# The statuses a translation (not the original) can have, in the dashboard's order.
TRANSLATION_STATUSES = [
    LanguageVersionState.MISSING,
    LanguageVersionState.DRAFT,
    LanguageVersionState.MACHINE,
    LanguageVersionState.UNREVIEWED,
    LanguageVersionState.REVIEWED,
    LanguageVersionState.OUTDATED,
]


@dataclass
class LanguageVersion:
    """One language of a page or snippet: its status and what an editor can do."""

    locale: Locale
    status: LanguageVersionState
    instance: models.Model | None = None
    edit_url: str = ""
    translate_url: str = ""
    sync_url: str = ""

    @property
    def language_code(self) -> str:
        return self.locale.language_code

    @property
    def is_outdated(self) -> bool:
        return self.status == LanguageVersionState.OUTDATED


@dataclass
class TranslationGroup:
    """A page or snippet in all its languages (one ``translation_key``)."""

    source: models.Model
    kind: str
    versions: dict[str, LanguageVersion] = field(default_factory=dict)

    @property
    def title(self) -> str:
        if isinstance(self.source, Page):
            return self.source.get_admin_display_title()
        return str(self.source)

    @property
    def source_language(self) -> str:
        return self.source.locale.language_code

    def in_language(self, code: str) -> LanguageVersion | None:
        return self.versions.get(code)

    def cells(self, locales: Sequence[Locale]) -> list[LanguageVersion | None]:
        return [self.versions.get(locale.language_code) for locale in locales]


def portal_locales() -> list[Locale]:
    """The locales in the order of ``settings.LANGUAGES``."""
    order = {code: index for index, (code, _name) in enumerate(settings.LANGUAGES)}
    return sorted(
        Locale.objects.all(), key=lambda locale: order.get(locale.language_code, 99)
    )


# -- the batch computation ----------------------------------------------------------


def page_groups(pages: Iterable[Page] | None = None) -> list[TranslationGroup]:
    """Every page (or the given ones) with its status in every language."""
    keys = None if pages is None else {page.translation_key for page in pages}
    queryset = Page.objects.filter(depth__gt=1).select_related("locale")
    if keys is not None:
        queryset = queryset.filter(translation_key__in=keys)
    return _groups(list(queryset.order_by("path")), kind=str(_("Page")))


def snippet_groups(
    model: type[models.Model], instances: Iterable | None = None
) -> list[TranslationGroup]:
    """Every snippet of ``model`` (or the given ones) with its status per language."""
    related = ["locale"]
    if any(f.name == "latest_revision" for f in model._meta.get_fields()):
        related.append("latest_revision")  # for _changed_at, without a query each
    queryset = model._default_manager.select_related(*related)
    if instances is not None:
        queryset = queryset.filter(
            translation_key__in={obj.translation_key for obj in instances}
        )
    return _groups(list(queryset), kind=capfirst(model._meta.verbose_name))


def group_of(instance: models.Model) -> TranslationGroup | None:
    """``instance`` in all its languages (a few queries; for the portal)."""
    if isinstance(instance, Page):
        groups = page_groups([instance])
    else:
        groups = snippet_groups(type(instance), [instance])
    return groups[0] if groups else None


def status_of(instance: models.Model) -> LanguageVersion | None:
    """The status of one language version."""
    group = group_of(instance)
    if group is None:
        return None
    return group.versions.get(instance.locale.language_code)


@dataclass
class _Records:
    """What wagtail-localize and the sign-offs know about a batch of objects."""

    sources: dict[uuid.UUID, TranslationSource]
    enabled: set[tuple[int, int]]
    logs: dict[tuple[int, int], tuple[datetime, int | None]]
    machine: set[tuple[uuid.UUID, int]]
    signed_off: dict[tuple[str, int], datetime]


def _groups(instances: list[models.Model], kind: str) -> list[TranslationGroup]:
    if not instances:
        return []
    locales = portal_locales()
    default_locale_id = Locale.get_default().pk
    by_key: dict[uuid.UUID, list[models.Model]] = defaultdict(list)
    for instance in instances:
        by_key[instance.translation_key].append(instance)
    records = _records(instances, list(by_key))
    finder = AdminURLFinder()

    groups = []
    for key, members in by_key.items():
        source = _pick_source(members, records.sources.get(key), default_locale_id)
        group = TranslationGroup(source=source, kind=kind)
        by_locale = {member.locale_id: member for member in members}
        for locale in locales:
            instance = by_locale.get(locale.pk)
            version = LanguageVersion(
                locale=locale, status=LanguageVersionState.MISSING
            )
            version.instance = instance
            if instance is None:
                version.translate_url = _translate_url(source)
            else:
                version.edit_url = finder.get_edit_url(instance) or ""
                version.status = _status(instance, source, records)
                if version.status == LanguageVersionState.OUTDATED:
                    translation_source = records.sources.get(key)
                    if translation_source is not None:
                        version.sync_url = reverse(
                            "wagtail_localize:update_translations",
                            args=[translation_source.pk],
                        )
            group.versions[locale.language_code] = version
        groups.append(group)
    return groups


def _records(instances: list[models.Model], keys: list[uuid.UUID]) -> _Records:
    sources: dict[uuid.UUID, TranslationSource] = {}
    for source in TranslationSource.objects.filter(object_id__in=keys).order_by(
        "last_updated_at"
    ):
        # One object may have been translated from two languages; the latest wins.
        sources[source.object_id] = source
    source_ids = [source.pk for source in sources.values()]
    enabled = set(
        Translation.objects.filter(source_id__in=source_ids, enabled=True).values_list(
            "source_id", "target_locale_id"
        )
    )
    logs = {
        (row["source_id"], row["locale_id"]): (row["last"], row["revision"])
        for row in TranslationLog.objects.filter(source_id__in=source_ids)
        .values("source_id", "locale_id")
        .annotate(last=Max("created_at"), revision=Max("revision_id"))
    }
    machine = set(
        StringTranslation.objects.filter(
            context__object_id__in=keys,
            translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE,
        )
        .values_list("context__object_id", "locale_id")
        .distinct()
    )
    return _Records(sources, enabled, logs, machine, _sign_offs(instances))


def _sign_offs(instances: list[models.Model]) -> dict[tuple[str, int], datetime]:
    """The latest review sign-off of each page or snippet, by ``_sign_off_key``."""
    page_ids = [obj.pk for obj in instances if isinstance(obj, Page)]
    signed = TranslationSignOff.objects.filter(signed_off_at__isnull=False)
    found: dict[tuple[str, int], datetime] = {}
    if page_ids:
        rows = (
            signed.filter(page_id__in=page_ids)
            .values("page_id")
            .annotate(last=Max("signed_off_at"))
        )
        found.update({("page", row["page_id"]): row["last"] for row in rows})
    snippets = [obj for obj in instances if not isinstance(obj, Page)]
    field_names = {f.name for f in TranslationSignOff._meta.get_fields()}
    if snippets and {"base_content_type", "object_id"} <= field_names:
        # Snippet reviews are found by content type and id (like WorkflowState).
        model = type(snippets[0])
        label = model._meta.label_lower
        rows = (
            signed.filter(
                base_content_type=ContentType.objects.get_for_model(model),
                object_id__in=[str(obj.pk) for obj in snippets],
            )
            .values("object_id")
            .annotate(last=Max("signed_off_at"))
        )
        found.update({(label, int(row["object_id"])): row["last"] for row in rows})
    return found


def _sign_off_key(instance) -> tuple[str, int]:
    if isinstance(instance, Page):
        return ("page", instance.pk)
    return (instance._meta.label_lower, instance.pk)


def _pick_source(members, translation_source, default_locale_id: int):
    if translation_source is not None:
        for member in members:
            if member.locale_id == translation_source.locale_id:
                return member
    for member in members:
        if member.locale_id == default_locale_id:
            return member
    return min(members, key=lambda member: member.pk)


def _status(instance, source, records: _Records) -> LanguageVersionState:
    if instance.pk == source.pk:
        return LanguageVersionState.ORIGINAL
    if getattr(instance, "alias_of_id", None):
        # An alias shows the source's content: nothing is translated yet.
        return LanguageVersionState.MISSING
    if not getattr(instance, "live", True):
        return LanguageVersionState.DRAFT
    if _is_outdated(instance, source, records):
        return LanguageVersionState.OUTDATED
    signed_off_at = records.signed_off.get(_sign_off_key(instance))
    published_at = getattr(instance, "last_published_at", None)
    if signed_off_at and (published_at is None or signed_off_at >= published_at):
        # Signed off, and nothing was published past the reviewer since.
        return LanguageVersionState.REVIEWED
    if (instance.translation_key, instance.locale_id) in records.machine:
        return LanguageVersionState.MACHINE
    return LanguageVersionState.UNREVIEWED


def _is_outdated(instance, source, records: _Records) -> bool:
    if not getattr(source, "live", True):
        return False
    translation_source = records.sources.get(source.translation_key)
    if (
        translation_source is not None
        and translation_source.locale_id == source.locale_id
        and (translation_source.pk, instance.locale_id) in records.enabled
    ):
        return _localize_translation_outdated(
            instance, source, translation_source, records
        )
    # Translated by hand: outdated if the source was published after it.
    source_at, instance_at = _changed_at(source), _changed_at(instance)
    return bool(source_at and instance_at and source_at > instance_at)


def _localize_translation_outdated(instance, source, translation_source, records):
    synced_at = translation_source.last_updated_at
    if _source_changed_since_sync(source, translation_source):
        return True
    log = records.logs.get((translation_source.pk, instance.locale_id))
    if log is None or log[0] < synced_at:
        # Synced, but the new strings were not written into this version yet.
        return True
    revision_id = log[1]
    live_revision_id = getattr(instance, "live_revision_id", None)
    # The updated revision has not gone live yet (it is in review).
    return bool(revision_id and live_revision_id and live_revision_id < revision_id)


def _source_changed_since_sync(source, translation_source) -> bool:
    if isinstance(source, Page):
        published_at = source.last_published_at
        return bool(published_at and published_at > translation_source.last_updated_at)
    # Snippets: compare the translatable fields with what was extracted, so that
    # saving without a change does not make every translation outdated.
    stored = json.loads(translation_source.content_json)
    current = json.loads(
        json.dumps(get_serializable_data_for_fields(source), cls=DjangoJSONEncoder)
    )
    names = [
        field.field_name
        for field in get_translatable_fields(type(source))
        if field.field_name not in PUBLISHING_FIELDS
    ]
    return any(
        current.get(name) != stored.get(name) for name in names if name in current
    )


def _changed_at(instance) -> datetime | None:
    published_at = getattr(instance, "last_published_at", None)
    if published_at:
        return published_at
    revision = getattr(instance, "latest_revision", None)
    return revision.created_at if revision is not None else None


def _translate_url(source) -> str:
    """wagtail-localize's "Translate" view of the source."""
    try:
        if isinstance(source, Page):
            return reverse("wagtail_localize:submit_page_translation", args=[source.pk])
        meta = source._meta
        return reverse(
            "wagtail_localize:submit_snippet_translation",
            args=[meta.app_label, meta.model_name, source.pk],
        )
    except NoReverseMatch:
        return ""


# -- the dashboard ------------------------------------------------------------------


def can_view_dashboard(user) -> bool:
    """Editors, moderators, translators, reviewers, the Digitalagentur and admins."""

    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    names = {
        DIGITALAGENTUR_GROUP,
        TRANSLATORS_GROUP,
        *(translation_reviewers_group_name(c) for c in TRANSLATION_REVIEWER_LANGUAGES),
    }
    return user.groups.filter(
        models.Q(name__in=names)
        | models.Q(name__endswith=" – Editors")
        | models.Q(name__endswith=" – Moderators")
    ).exists()


def translatable_snippet_models() -> list[type[models.Model]]:
    return [FieldOfAction, Organisation, Contact]


def all_groups(kind: str = "") -> list[TranslationGroup]:
    """Pages and/or snippets (``kind`` "pages", "snippets" or both)."""
    groups = []
    if kind in ("", "pages"):
        groups += page_groups()
    if kind in ("", "snippets"):
        for model in translatable_snippet_models():
            groups += snippet_groups(model)
    return groups


def count_by_status(
    groups: Iterable[TranslationGroup], locales: Sequence[Locale]
) -> dict[str, dict[str, int]]:
    """How many translations per language have each status (originals left out)."""
    counts = {
        locale.language_code: dict.fromkeys(TRANSLATION_STATUSES, 0)
        for locale in locales
    }
    for group in groups:
        for code, version in group.versions.items():
            if version.status != LanguageVersionState.ORIGINAL and code in counts:
                counts[code][version.status] += 1
    return counts


def filter_groups(
    groups: Iterable[TranslationGroup], language: str = "", status: str = ""
) -> list[TranslationGroup]:
    """Groups whose version in ``language`` (any language if empty) has ``status``."""
    if not status:
        return list(groups)
    selected = []
    for group in groups:
        versions = (
            [group.versions.get(language)] if language else group.versions.values()
        )
        if any(v is not None and v.status == status for v in versions):
            selected.append(group)
    return selected
