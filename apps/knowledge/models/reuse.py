"""The reuse graph: which organisation runs a solution too, which solution builds on
another.

A relation is proposed by one side and confirmed by the other (``apps.workflow``'s
``reuse_proposals``): for an adoption the reused solution's authority and the
adopting organisation, for a derivation the authorities of the two solutions. Only
confirmed relations are public (``Reuse.objects.confirmed()``).

Solutions are named by their ``translation_key``, like the "related solutions"
(``apps.knowledge.models.relations``): a relation holds for every language version,
and a visitor sees the version in their language. What the adopter changed is
written in one language and may be given in others (``ReuseChanges``), like a tag's
name (``TagTranslation``). Saving or deleting either retires the cached pages that
show it (``apps.knowledge.signal_handlers``).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel

from apps.knowledge.models.solutions import SolutionPage


class ReuseQuerySet(models.QuerySet):
    """Reuse relations by status and kind."""

    def confirmed(self) -> ReuseQuerySet:
        """What the public sees: relations both sides agreed to."""
        return self.filter(status=Reuse.Status.CONFIRMED)

    def adoptions(self) -> ReuseQuerySet:
        return self.filter(kind=Reuse.Kind.ADOPTION)

    def derivations(self) -> ReuseQuerySet:
        return self.filter(kind=Reuse.Kind.DERIVATION)


class Reuse(ClusterableModel):
    """A solution adopted by an organisation, or a solution derived from another."""

    class Kind(models.TextChoices):
        ADOPTION = "adoption", _("adopted by")
        DERIVATION = "derivation", _("derived from")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        CONFIRMED = "confirmed", _("Confirmed")
        DECLINED = "declined", _("Declined")

    class Side(models.TextChoices):
        # The reused solution's authority.
        SOLUTION = "solution", _("the reused solution")
        # The adopting organisation, or the authority of the derived solution.
        REUSER = "reuser", _("the organisation or solution reusing it")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    solution_key = models.UUIDField(
        _("reused solution"),
        db_index=True,
        help_text=_("The translation key of the solution that is reused."),
    )
    organisation = models.ForeignKey(
        "knowledge.Organisation",
        verbose_name=_("adopting organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="adoptions",
    )
    derived_key = models.UUIDField(
        _("derived solution"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("The translation key of the solution that builds on it."),
    )
    since = models.DateField(_("since"), null=True, blank=True)
    municipality = models.CharField(
        _("where"),
        max_length=120,
        blank=True,
        help_text=_("The municipality where the adopter runs it."),
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.PROPOSED,
        db_index=True,
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    proposed_side = models.CharField(
        _("proposed by the side of"), max_length=10, choices=Side.choices
    )
    proposed_at = models.DateTimeField(_("proposed"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_comment = models.TextField(_("comment"), blank=True)

    objects = ReuseQuerySet.as_manager()

    # What the Digitalagentur corrects in the admin; who and which solutions are
    # fixed by the proposal and its confirmation.
    panels = [
        FieldPanel("since"),
        FieldPanel("municipality"),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
        InlinePanel("changes", label=_("Changes in each language")),
    ]

    class Meta:
        verbose_name = _("reuse")
        verbose_name_plural = _("reuse")
        ordering = ["-since", "-proposed_at"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(
                        kind="adoption",
                        organisation__isnull=False,
                        derived_key__isnull=True,
                    )
                    | models.Q(
                        kind="derivation",
                        organisation__isnull=True,
                        derived_key__isnull=False,
                    )
                ),
                name="reuse_adoption_names_organisation_derivation_solution",
            )
        ]

    def __str__(self) -> str:
        titles = dict(
            SolutionPage.objects.filter(
                translation_key__in=[self.solution_key, self.derived_key],
                locale__language_code=settings.LANGUAGE_CODE,
            ).values_list("translation_key", "title")
        )
        solution = titles.get(self.solution_key, "?")
        if self.organisation_id:
            return f"{solution} – {self.get_kind_display()} – {self.organisation}"
        derived = titles.get(self.derived_key, "?")
        return f"{derived} – {self.get_kind_display()} – {solution}"

    @property
    def other_side(self) -> str:
        """The side that confirms: not the one that proposed."""
        if self.proposed_side == self.Side.SOLUTION:
            return self.Side.REUSER
        return self.Side.SOLUTION

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.kind == self.Kind.DERIVATION and self.derived_key == self.solution_key:
            errors["derived_key"] = _("A solution cannot build on itself.")
        if self.latitude is not None and not -90 <= self.latitude <= 90:
            errors["latitude"] = _("Latitude lies between -90 and 90.")
        if self.longitude is not None and not -180 <= self.longitude <= 180:
            errors["longitude"] = _("Longitude lies between -180 and 180.")
        if (self.latitude is None) != (self.longitude is None):
            field = "latitude" if self.latitude is None else "longitude"
            errors[field] = _("Give both latitude and longitude, or neither.")
        if errors:
            raise ValidationError(errors)

    def changes_in(self, language: str) -> tuple[str, str]:
        """What the adopter changed, in ``language`` if given in it, else in the
        default language, else in any: (text, its language); ("", "") if none."""
        given = {item.language: item.text for item in self.changes.all() if item.text}
        for code in (language, settings.LANGUAGE_CODE, *sorted(given)):
            if code in given:
                return given[code], code
        return "", ""


class ReuseChanges(models.Model):
    """What an adopter changed in a solution, in one portal language."""

    reuse = ParentalKey(
        Reuse,
        verbose_name=_("reuse"),
        on_delete=models.CASCADE,
        related_name="changes",
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    text = models.TextField(_("changes"))

    panels = [FieldPanel("language"), FieldPanel("text")]

    class Meta:
        verbose_name = _("changes made")
        verbose_name_plural = _("changes made")
        ordering = ["reuse", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["reuse", "language"], name="unique_reuse_changes_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.text[:40]} ({self.language})"
