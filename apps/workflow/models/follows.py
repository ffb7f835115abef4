"""Follows: a user wants to hear about a field of action or a solution."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Follow(models.Model):
    """A user follows a field of action (new solutions) or a solution (updates).

    Matching goes by ``translation_key``, so following one language version covers
    the solution or field in every language.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="follows",
    )
    field_of_action = models.ForeignKey(
        "knowledge.FieldOfAction",
        verbose_name=_("field of action"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    solution = models.ForeignKey(
        "knowledge.SolutionPage",
        verbose_name=_("solution"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    created_at = models.DateTimeField(_("following since"), auto_now_add=True)

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(field_of_action__isnull=False, solution__isnull=True)
                    | Q(field_of_action__isnull=True, solution__isnull=False)
                ),
                name="follow_exactly_one_target",
            ),
            models.UniqueConstraint(
                fields=["user", "field_of_action"], name="unique_follow_field"
            ),
            models.UniqueConstraint(
                fields=["user", "solution"], name="unique_follow_solution"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.field_of_action or self.solution}"

    @property
    def target(self):
        return self.field_of_action or self.solution
