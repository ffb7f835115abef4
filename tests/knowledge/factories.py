"""factory_boy factories for the knowledge base."""

from __future__ import annotations

import factory
import wagtail_factories
from factory.django import DjangoModelFactory
from wagtail.models import Locale

from apps.knowledge.choices import Country, OrganisationKind, Phase, PublicationConsent
from apps.knowledge.models import (
    Contact,
    ContactDirectoryPage,
    FieldOfAction,
    HomePage,
    KnowledgeIndexPage,
    Organisation,
    PartnerAreaPage,
    SolutionPage,
    ThemeIndexPage,
    ThemePage,
)


def default_locale() -> Locale:
    return Locale.get_default()


class FieldOfActionFactory(DjangoModelFactory):
    class Meta:
        model = FieldOfAction

    name = factory.Sequence(lambda n: f"Handlungsfeld {n}")
    slug = factory.Sequence(lambda n: f"field-{n}")
    locale = factory.LazyFunction(default_locale)


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = OrganisationKind.CITY
    country = Country.GERMANY
    locale = factory.LazyFunction(default_locale)


class ContactFactory(DjangoModelFactory):
    class Meta:
        model = Contact

    name = factory.Sequence(lambda n: f"Kontakt {n}")
    role = "Projektleitung"
    organisation = factory.SubFactory(OrganisationFactory)
    email = factory.Sequence(lambda n: f"kontakt{n}@example.org")
    languages = factory.LazyFunction(lambda: ["de", "da"])
    consent = PublicationConsent.FULL
    locale = factory.LazyFunction(default_locale)


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "Startseite"


class KnowledgeIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = KnowledgeIndexPage

    title = "Lösungen"
    slug = "loesungen"


class PartnerAreaPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = PartnerAreaPage

    title = factory.Sequence(lambda n: f"Bereich {n}")
    organisation = factory.SubFactory(OrganisationFactory)


class ThemeIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ThemeIndexPage

    title = "Handlungsfelder"
    slug = "handlungsfelder"


class ThemePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ThemePage

    title = factory.Sequence(lambda n: f"Thema {n}")
    field_of_action = factory.SubFactory(FieldOfActionFactory)


class ContactDirectoryPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ContactDirectoryPage

    title = "Kontakte"
    slug = "kontakte"


class SolutionPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = SolutionPage

    title = factory.Sequence(lambda n: f"Lösung {n}")
    teaser = "Eine digitale Lösung für die Grenzregion."
    phase = Phase.PILOT
    lead_organisation = factory.SubFactory(OrganisationFactory)
    municipality = "Flensburg"
