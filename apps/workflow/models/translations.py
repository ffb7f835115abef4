"""Sign-off of language versions: who reviewed a translation, when, and of what kind."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page, TaskState


def is_machine_translated(page: Page) -> bool:
    """True if wagtail-localize filled any string of ``page`` by machine translation."""
    from wagtail_localize.models import StringTranslation

    return StringTranslation.objects.filter(
        locale_id=page.locale_id,
        context__object_id=page.translation_key,
        translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE,
    ).exists()


class TranslationSignOff(models.Model):
    """One review of a language version: submitted, and signed off or not (yet)."""

    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="translation_sign_offs",
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

    class Meta:
        verbose_name = _("translation sign-off")
        verbose_name_plural = _("translation sign-offs")
        ordering = ["-submitted_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.page} ({self.page.locale.language_code})"

    @property
    def needs_review(self) -> bool:
        """Machine-translated and not yet signed off by a reviewer."""
        return self.machine_translated and self.signed_off_at is None

    @classmethod
    def open_for(cls, task_state: TaskState) -> TranslationSignOff:
        page = task_state.workflow_state.content_object.specific
        return cls.objects.create(
            page=page,
            revision=task_state.revision,
            task_state=task_state,
            machine_translated=is_machine_translated(page),
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


def translation_status(page: Page) -> TranslationStatus | None:
    """The review status of ``page``'s language version; None in the default language.

    The latest review counts: a version whose newest review is still open reads as
    not yet signed off. A version never submitted for review reports whether
    wagtail-localize machine-translated it. For the portal and the admin alike.
    """
    if page.locale_id == Locale.get_default().pk:
        return None
    sign_off = (
        TranslationSignOff.objects.filter(page=page)
        .select_related("signed_off_by")
        .first()
    )
    if sign_off is None:
        return TranslationStatus(
            machine_translated=is_machine_translated(page),
            signed_off_by=None,
            signed_off_at=None,
        )
    user = sign_off.signed_off_by
    return TranslationStatus(
        machine_translated=sign_off.machine_translated,
        signed_off_by=(user.get_full_name() or user.get_username()) if user else None,
        signed_off_at=sign_off.signed_off_at,
    )
