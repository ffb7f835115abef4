"""factory_boy factories for the editorial workflow, with Traits for states:
``PartnerProfileFactory(verified=True, confirmed=True)`` (a partner who may
submit), and the portals the workflow tests start from: ``AuthoritiesFactory()``
(a partner area per authority and the editorial groups), ``ModeratedPortalFactory()``
(Wagtail's group approval on Flensburg), ``PartnerPortalFactory()`` (de/da/en with a
verified partner); users and their roles are in tests/factories.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import factory
from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from factory.django import DjangoModelFactory
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from apps.knowledge.choices import OrganisationKind
from apps.knowledge.models import Contact, Organisation, PartnerAreaPage
from apps.knowledge.roles import AREA_ROLES, AreaRole
from apps.workflow.groups import setup_roles
from apps.workflow.models import FeedbackReport, Membership, PartnerProfile
from tests.factories import UserFactory
from tests.knowledge.factories import (
    ContactFactory,
    OrganisationFactory,
    PartnerAreaPageFactory,
    Portal,
    PortalFactory,
    SnippetTranslationFactory,
    SolutionPageFactory,
    TranslationFactory,
)

FLENSBURG, NORDFRIESLAND = AREA_ROLES[0], AREA_ROLES[1]
#: The languages of the partner portal, the source language first.
LANGUAGES = ("de", "da", "en")


class PartnerProfileFactory(DjangoModelFactory):
    """A partner account of ``organisation``; ``verified``: its e-mail address is
    confirmed, ``confirmed``: the organisation confirmed the membership."""

    class Meta:
        model = PartnerProfile

    class Params:
        verified = factory.Trait(email_verified_at=factory.LazyFunction(timezone.now))
        confirmed = factory.Trait(membership=Membership.CONFIRMED)
        pending = factory.Trait(membership=Membership.PENDING)

    user = factory.SubFactory(UserFactory, first_name="Petra", last_name="Partner")
    organisation = factory.SubFactory(OrganisationFactory)


@dataclass
class Authorities:
    """A portal with one partner area per authority, keyed by the area slug."""

    portal: Portal
    areas: dict[str, PartnerAreaPage] = field(default_factory=dict)

    def area(self, role: AreaRole) -> PartnerAreaPage:
        return self.areas[role.area_slug]


class AuthoritiesFactory(factory.Factory):
    """The portal with the partner area of every authority, the editorial groups
    (``setup_roles``) and the default workflow assigned."""

    class Meta:
        model = Authorities

    @classmethod
    def _create(cls, model_class: type, **kwargs: Any) -> Authorities:
        portal = PortalFactory()
        authorities = Authorities(portal)
        for role in AREA_ROLES:
            if role.area_slug == portal.area.slug:
                authorities.areas[role.area_slug] = portal.area
                continue
            authorities.areas[role.area_slug] = PartnerAreaPageFactory(
                parent=portal.knowledge, title=role.name, slug=role.area_slug
            )
        setup_roles()
        return authorities


@dataclass
class ModeratedPortal:
    portal: Portal
    other_area: Page
    workflow: Workflow
    task: GroupApprovalTask


class ModeratedPortalFactory(factory.Factory):
    """The test portal with the editorial groups and a group-approval workflow on
    the Flensburg area (Wagtail's built-in task: works before custom tasks exist)."""

    class Meta:
        model = ModeratedPortal

    @classmethod
    def _create(cls, model_class: type, **kwargs: Any) -> ModeratedPortal:
        portal = PortalFactory()
        other_area = PartnerAreaPageFactory(
            parent=portal.knowledge,
            title="Kreis Nordfriesland",
            slug=NORDFRIESLAND.area_slug,
        )
        portal.area.slug = FLENSBURG.area_slug
        portal.area.save()
        setup_roles()
        # Wagtail's built-in task publishes as the approving user, so the moderators
        # need publish permission here (the custom tasks of apps.workflow do not).
        GroupPagePermission.objects.get_or_create(
            group=Group.objects.get(name=FLENSBURG.moderators),
            page=portal.area,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename="publish_page"
            ),
        )
        task = GroupApprovalTask.objects.create(name="Review by Stadt Flensburg")
        task.groups.add(Group.objects.get(name=FLENSBURG.moderators))
        workflow = Workflow.objects.create(name="Stadt Flensburg review")
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        WorkflowPage.objects.update_or_create(
            page=portal.area, defaults={"workflow": workflow}
        )
        for area in (portal.knowledge, other_area):
            WorkflowPage.objects.filter(page=area).delete()
        return ModeratedPortal(portal, other_area, workflow, task)


@dataclass
class PartnerPortal:
    portal: Portal
    organisation: Organisation
    contact: Contact
    partner: PartnerProfile
    existing: Page


class PartnerPortalFactory(factory.Factory):
    """A portal in de, da and en whose Flensburg area holds a solution of an
    association, a verified partner of that association and the editorial groups."""

    class Meta:
        model = PartnerPortal

    @classmethod
    def _create(cls, model_class: type, **kwargs: Any) -> PartnerPortal:
        portal = PortalFactory()
        portal.area.slug = FLENSBURG.area_slug
        portal.area.save_revision().publish()
        organisation = OrganisationFactory(
            name="Mobil im Dorf e.V.", kind=OrganisationKind.ASSOCIATION
        )
        contact = ContactFactory(name="Hanna Petersen", organisation=organisation)
        existing = SolutionPageFactory(
            portal=portal,
            title="Mitfahrbank Angeln",
            teaser="Eine Bank, auf der man auf eine Mitfahrgelegenheit wartet.",
            lead_organisation=organisation,
        )
        for language in LANGUAGES[1:]:
            TranslationFactory(page=portal.area, language_code=language)
            translated_field = SnippetTranslationFactory(
                snippet=portal.field,
                language_code=language,
                name=f"Energy {language}",
            )
            local_organisation = SnippetTranslationFactory(
                snippet=organisation, language_code=language
            )
            SnippetTranslationFactory(
                snippet=contact,
                language_code=language,
                organisation=local_organisation,
            )
            assert translated_field.locale.language_code == language
        setup_roles()
        partner = PartnerProfileFactory(
            organisation=organisation,
            user__username="partner",
            verified=True,
            confirmed=True,
        )
        return PartnerPortal(portal, organisation, contact, partner, existing)


class GroupApprovalWorkflowFactory(factory.Factory):
    """Wagtail's own group approval by Flensburg's moderators, on every language
    version of ``area`` (replaces whatever workflow applied before)."""

    class Meta:
        model = Workflow

    area: Any = None

    @classmethod
    def _create(cls, model_class: type, area: Page) -> Workflow:
        task = GroupApprovalTask.objects.create(name="Review by Stadt Flensburg")
        task.groups.add(Group.objects.get(name=FLENSBURG.moderators))
        workflow = Workflow.objects.create(name="Stadt Flensburg review")
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        for page in PartnerAreaPage.objects.filter(
            translation_key=area.translation_key
        ):
            WorkflowPage.objects.update_or_create(
                page=page, defaults={"workflow": workflow}
            )
        return workflow


class FeedbackReportFactory(DjangoModelFactory):
    """A report sent with the portal's feedback form (in Danish unless told)."""

    class Meta:
        model = FeedbackReport

    kind = FeedbackReport.Kind.BARRIER
    message = "Knappen kan ikke nås med tastaturet."
    page_url = "/da/"
    name = "Jens Jensen"
    email = "jens@example.dk"
    language = "da"
