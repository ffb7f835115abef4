"""Sign-off of language versions: who reviewed a translation, when, and of what kind."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page, TaskState


def is_machine_translated(obj) -> bool:
    """True if wagtail-localize filled any string of ``obj`` (a page or a snippet)
    by machine translation."""
    from wagtail_localize.models import StringTranslation

    return StringTranslation.objects.filter(
        locale_id=obj.locale_id,
        context__object_id=obj.translation_key,
        translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE,
    ).exists()


def _base_content_type(obj) -> ContentType:
    """The content type that identifies ``obj`` with its id: Page for every page
    type (as Wagtail's ``WorkflowState`` and ``Revision`` do), else its own model."""
    if isinstance(obj, Page):
        return ContentType.objects.get_for_model(Page)
    return ContentType.objects.get_for_model(obj)


class TranslationSignOffQuerySet(models.QuerySet):
    def for_object(self, obj) -> TranslationSignOffQuerySet:
        """The reviews of one language version, a page or a snippet."""
        return self.filter(
            base_content_type=_base_content_type(obj), object_id=str(obj.pk)
        )


class TranslationSignOff(models.Model):
    """One review of a language version (a page or a snippet): submitted, and
    signed off or not (yet)."""

    # Pages keep their foreign key (the report and the portal join through it);
    # snippets are found by content type and id, like Wagtail's WorkflowState.
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="translation_sign_offs",
    )
    content_type = models.ForeignKey(
        ContentType,
        verbose_name=_("content type"),
        null=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    base_content_type = models.ForeignKey(
        ContentType,
        verbose_name=_("base content type"),
        null=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    object_id = models.CharField(_("object id"), max_length=255, blank=True)
    content_object = GenericForeignKey("content_type", "object_id")
    locale = models.ForeignKey(
        "wagtailcore.Locale",
        verbose_name=_("language"),
        null=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("revision"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    task_state = models.OneToOneField(
        "wagtailcore.TaskState",
        verbose_name=_("task state"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="translation_sign_off",
    )
    machine_translated = models.BooleanField(_("machine-translated"), default=False)
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed off by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    signed_off_at = models.DateTimeField(_("signed off"), null=True, blank=True)

    objects = TranslationSignOffQuerySet.as_manager()

    class Meta:
        verbose_name = _("translation sign-off")
        verbose_name_plural = _("translation sign-offs")
        ordering = ["-submitted_at", "-pk"]
        indexes = [models.Index(fields=["base_content_type", "object_id"])]

    def __str__(self) -> str:
        language = self.locale.language_code if self.locale_id else "?"
        return f"{self.reviewed_object} ({language})"

    @property
    def reviewed_object(self):
        """The page or snippet whose language version was reviewed."""
        return self.page if self.page_id else self.content_object

    @property
    def title(self) -> str:
        """The reviewed page's or snippet's title, as the admin shows it."""
        obj = self.reviewed_object
        if obj is None:
            return ""
        if isinstance(obj, Page):
            return obj.get_admin_display_title()
        return str(obj)

    @property
    def language_code(self) -> str:
        return self.locale.language_code if self.locale_id else ""

    @property
    def language_name(self) -> str:
        return self.locale.get_display_name() if self.locale_id else ""

    @property
    def edit_url(self) -> str | None:
        """The admin editor of the reviewed page or snippet."""
        from wagtail.admin.admin_url_finder import AdminURLFinder

        obj = self.reviewed_object
        return AdminURLFinder().get_edit_url(obj) if obj is not None else None

    @property
    def needs_review(self) -> bool:
        """Machine-translated and not yet signed off by a reviewer."""
        return self.machine_translated and self.signed_off_at is None

    @classmethod
    def open_for(cls, task_state: TaskState) -> TranslationSignOff:
        obj = task_state.workflow_state.content_object
        obj = obj.specific if isinstance(obj, Page) else obj
        return cls.objects.create(
            page=obj if isinstance(obj, Page) else None,
            content_type=ContentType.objects.get_for_model(obj),
            base_content_type=_base_content_type(obj),
            object_id=str(obj.pk),
            locale_id=obj.locale_id,
            revision=task_state.revision,
            task_state=task_state,
            machine_translated=is_machine_translated(obj),
        )

    @classmethod
    def sign(cls, task_state: TaskState, user) -> None:
        cls.objects.filter(task_state=task_state).update(
            signed_off_by=user, signed_off_at=timezone.now()
        )


@dataclass(frozen=True)
class TranslationStatus:
    """What a reader of a language version may want to know about its review."""

    machine_translated: bool
    signed_off_by: str | None
    signed_off_at: datetime | None

    @property
    def needs_review(self) -> bool:
        return self.machine_translated and self.signed_off_at is None


def translation_status(obj) -> TranslationStatus | None:
    """The review status of a page's or snippet's language version; None in the
    default language.

    The latest review counts: a version whose newest review is still open reads as
    not yet signed off. A version never submitted for review reports whether
    wagtail-localize machine-translated it. For the portal and the admin alike.
    """
    if obj.pk is None or obj.locale_id == Locale.get_default().pk:
        return None
    sign_offs = (
        TranslationSignOff.objects.filter(page=obj)
        if isinstance(obj, Page)
        else TranslationSignOff.objects.for_object(obj)
    )
    sign_off = sign_offs.select_related("signed_off_by").first()
    if sign_off is None:
        return TranslationStatus(
            machine_translated=is_machine_translated(obj),
            signed_off_by=None,
            signed_off_at=None,
        )
    user = sign_off.signed_off_by
    return TranslationStatus(
        machine_translated=sign_off.machine_translated,
        signed_off_by=(user.get_full_name() or user.get_username()) if user else None,
        signed_off_at=sign_off.signed_off_at,
    )
