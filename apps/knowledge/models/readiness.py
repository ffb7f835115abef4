"""The reuse-readiness profile of a solution, and the indicator computed from it.

The profile follows the transfer criteria of the federal programme "Smart Cities
made in Germany": a phase (idea, proof of concept, minimum viable product, scaling)
and nine criteria another municipality looks at before it takes a solution over.
Six of them are fields of :class:`ReadinessMixin`; licence, source code and what an
adopter needs were already part of the solution's reuse profile
(:class:`~apps.knowledge.models.solutions.SolutionPage`) and count as they are.

The indicator reads the page's own fields only: showing it on a card or a search
hit costs no query.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from apps.knowledge.choices import TransferPhase

#: Criterion key -> (label, the fields any of which documents it), in the order the
#: portal lists them.
CRITERIA: dict[str, tuple[Promise, tuple[str, ...]]] = {
    "documentation": (_("Documentation"), ("documentation_url", "documentation")),
    "licence": (_("Licence"), ("licence",)),
    "source_code": (_("Source code"), ("source_repository",)),
    "operating_model": (
        _("Operating model and responsibility"),
        ("operating_model",),
    ),
    "running_costs": (
        _("Running costs and how they are shared"),
        ("running_costs",),
    ),
    # An open data offer is a data interface too.
    "data_interfaces": (_("Data interfaces"), ("data_interfaces", "open_data_url")),
    "adoption_requirements": (
        _("What an adopter needs"),
        ("adoption_requirements",),
    ),
    "impact_evidence": (_("Evidence of impact"), ("impact_evidence",)),
    "exit_plan": (_("Exit plan"), ("exit_plan",)),
}


@dataclass(frozen=True)
class Criterion:
    """One transfer criterion and whether the solution documents it."""

    key: str
    label: str
    documented: bool


@dataclass(frozen=True)
class Readiness:
    """How ready a solution is for reuse: its transfer phase and its criteria."""

    #: A :class:`~apps.knowledge.choices.TransferPhase` value, "" if not assessed.
    phase: str
    criteria: tuple[Criterion, ...]

    @property
    def documented(self) -> int:
        return sum(criterion.documented for criterion in self.criteria)

    @property
    def total(self) -> int:
        return len(self.criteria)

    @property
    def missing(self) -> int:
        return self.total - self.documented

    @property
    def phase_label(self) -> str:
        if self.phase in TransferPhase.values:
            return str(TransferPhase(self.phase).label)
        return str(_("Not assessed"))

    @property
    def phases(self) -> list[tuple[str, str, bool]]:
        """(value, label, current) of every phase, in order, for a step list."""
        return [
            (value, str(label), value == self.phase)
            for value, label in TransferPhase.choices
        ]


def _filled(value: object) -> bool:
    return bool(str(value).strip()) if value is not None else False


class ReadinessMixin(models.Model):
    """The transfer-readiness fields of a solution (the phase and six criteria)."""

    transfer_phase = models.CharField(
        _("transfer phase"),
        max_length=20,
        # The blank choice has a name: editors see "Not assessed", not dashes.
        choices=[("", _("Not assessed")), *TransferPhase.choices],
        blank=True,
        help_text=_(
            "How far the solution is ready for another municipality to take over, "
            "in the phases of the Smart Cities transfer criteria."
        ),
    )
    documentation_url = models.URLField(_("documentation (address)"), blank=True)
    documentation = models.TextField(
        _("documentation"),
        blank=True,
        help_text=_("Where the documentation is and what it covers."),
    )
    operating_model = models.TextField(
        _("operating model and responsibility"),
        blank=True,
        help_text=_("Who runs the solution, who is responsible for what."),
    )
    running_costs = models.TextField(
        _("running costs and how they are shared"), blank=True
    )
    data_interfaces = models.TextField(
        _("data interfaces"),
        blank=True,
        help_text=_("Interfaces and standards, with addresses where there are some."),
    )
    impact_evidence = models.TextField(_("evidence of impact"), blank=True)
    exit_plan = models.TextField(
        _("exit plan"),
        blank=True,
        help_text=_("How a municipality can stop using it and keep its data."),
    )

    #: Only the phase is the same in every language; the texts are translated.
    READINESS_SYNCHRONISED_FIELDS = ("transfer_phase",)

    class Meta:
        abstract = True

    @classmethod
    def readiness_panel(cls, *panels) -> MultiFieldPanel:
        """The admin panel of the profile, with the reuse fields ``panels`` that the
        page defines itself (licence, source code, ...)."""
        return MultiFieldPanel(
            [
                FieldPanel("transfer_phase"),
                *panels,
                FieldPanel("documentation_url"),
                FieldPanel("documentation"),
                FieldPanel("operating_model"),
                FieldPanel("running_costs"),
                FieldPanel("data_interfaces"),
                FieldPanel("impact_evidence"),
                FieldPanel("exit_plan"),
            ],
            heading=_("Reuse profile"),
        )

    @property
    def readiness(self) -> Readiness:
        """The transfer phase and which of the nine criteria are documented."""
        return Readiness(
            phase=self.transfer_phase or "",
            criteria=tuple(
                Criterion(
                    key=key,
                    label=str(label),
                    documented=any(_filled(getattr(self, name, "")) for name in fields),
                )
                for key, (label, fields) in CRITERIA.items()
            ),
        )
