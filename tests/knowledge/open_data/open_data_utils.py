"""A small bilingual knowledge base for the open-data tests: published, draft and
private solutions, organisations on both sides of the border and contacts with
every kind of consent."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from wagtail.models import Page, PageViewRestriction

from apps.knowledge.choices import Country, OrganisationKind, Phase, PublicationConsent
from apps.knowledge.models import (
    Contact,
    FieldOfAction,
    Organisation,
    SolutionContact,
    SolutionFieldOfAction,
    SolutionPage,
    SolutionPartner,
)
from tests.knowledge import factories
from tests.knowledge.utils import Portal, add_solution, build_portal, translate_tree


@dataclass
class OpenDataPortal:
    portal: Portal
    health: FieldOfAction
    flensburg: Organisation
    soenderborg: Organisation
    full: Contact
    name_only: Contact
    anonymous: Contact
    mobility: SolutionPage
    mobility_da: SolutionPage
    care: SolutionPage
    draft: SolutionPage
    private: SolutionPage


def publish(page: SolutionPage) -> SolutionPage:
    page.save_revision().publish()
    return SolutionPage.objects.get(pk=page.pk)


def build_open_data_portal() -> OpenDataPortal:
    """German portal with a Danish translation of the home, directory and one
    solution.

    - "Mobilitätsstationen": pilot, energy, led by Stadt Flensburg with Sønderborg
      Kommune as partner, three contacts (full, name only, no consent); in Danish too.
    - "Pflege digital": idea, health, led by Sønderborg Kommune.
    - a never-published draft and a password-protected solution, both in energy.
    """
    portal = build_portal()
    health = factories.FieldOfActionFactory(name="Gesundheit", slug="health")
    flensburg = factories.OrganisationFactory(
        name="Stadt Flensburg",
        slug="stadt-flensburg",
        kind=OrganisationKind.CITY,
        regional_key="010010000000",
        municipality_key="01001000",
    )
    soenderborg = factories.OrganisationFactory(
        name="Sønderborg Kommune",
        slug="soenderborg-kommune",
        kind=OrganisationKind.DANISH_MUNICIPALITY,
        country=Country.DENMARK,
        danish_municipality_code="540",
    )
    full = factories.ContactFactory(
        name="Hanna Petersen",
        role="Projektleitung Mobilität",
        email="hanna.petersen@example.org",
        phone="+49 461 000 1101",
        organisation=flensburg,
        consent=PublicationConsent.FULL,
    )
    name_only = factories.ContactFactory(
        name="Jens Madsen",
        role="Digitaliseringskonsulent",
        email="jens.madsen@example.dk",
        phone="+45 7412 0000",
        organisation=soenderborg,
        consent=PublicationConsent.NAME,
    )
    anonymous = factories.ContactFactory(
        name="Verena Geheim",
        role="Sachbearbeitung",
        email="verena.geheim@example.org",
        phone="+49 461 999 9999",
        organisation=flensburg,
        consent=PublicationConsent.NONE,
    )

    mobility = add_solution(
        portal,
        title="Mobilitätsstationen",
        slug="mobilitaetsstationen",
        teaser="Lastenräder und Carsharing an zwölf Stationen.",
        phase=Phase.PILOT,
        lead_organisation=flensburg,
        municipality="Flensburg",
        regional_key="010010000000",
        municipality_key="01001000",
        start_date=datetime.date(2023, 4, 1),
        end_date=datetime.date(2026, 12, 31),
    )
    SolutionPartner.objects.create(page=mobility, organisation=soenderborg)
    for contact in (full, name_only, anonymous):
        SolutionContact.objects.create(page=mobility, contact=contact)
    mobility.tags.add("Mobilität")
    mobility = publish(mobility)

    care = factories.SolutionPageFactory(
        parent=portal.area,
        title="Pflege digital",
        slug="pflege-digital",
        phase=Phase.IDEA,
        lead_organisation=soenderborg,
    )
    SolutionFieldOfAction.objects.create(page=care, field_of_action=health)
    care = publish(care)

    draft = add_solution(portal, title="Geheimer Entwurf", slug="entwurf")
    draft.unpublish()
    draft.save_revision()
    private = add_solution(portal, title="Interne Lösung", slug="intern")
    PageViewRestriction.objects.create(
        page=private,
        restriction_type=PageViewRestriction.PASSWORD,
        password="secret",  # noqa: S106
    )

    translate_tree(portal.directory, "da")
    translate_tree(portal.theme, "da")
    mobility_da = translate_tree(mobility, "da")
    mobility_da.title = "Mobilitetsstationer"
    mobility_da.slug = "mobilitetsstationer"
    mobility_da = publish(mobility_da)
    return OpenDataPortal(
        portal=portal,
        health=health,
        flensburg=flensburg,
        soenderborg=soenderborg,
        full=full,
        name_only=name_only,
        anonymous=anonymous,
        mobility=mobility,
        mobility_da=mobility_da,
        care=care,
        draft=SolutionPage.objects.get(pk=draft.pk),
        private=SolutionPage.objects.get(pk=private.pk),
    )


def live_page(page: Page) -> bool:
    return Page.objects.filter(pk=page.pk, live=True).exists()
