"""factory_boy factories for the knowledge base, with Traits for the states tests
need: ``SolutionPageFactory(portal=portal)`` (published in the portal's partner area
and field of action), ``draft=True`` (never published, a revision by ``author``),
``danish=True`` (written in Danish only); ``PortalFactory()`` builds the portal the
demo content has, ``OpenDataPortalFactory()`` the bilingual one of the open-data
tests, ``TranslationFactory(page=..., language_code=...)`` a published translation.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import factory
import wagtail_factories
from factory.django import DjangoModelFactory
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from apps.knowledge.choices import Country, OrganisationKind, Phase, PublicationConsent
from apps.knowledge.models import (
    AccessibilityStatementPage,
    Contact,
    ContactDirectoryPage,
    FieldOfAction,
    HomePage,
    KnowledgeIndexPage,
    LegalNoticePage,
    Organisation,
    PartnerAreaPage,
    PrivacyNoticePage,
    SolutionContact,
    SolutionFieldOfAction,
    SolutionPage,
    SolutionPartner,
    SolutionRelation,
    StatisticsPage,
    Term,
    TermGroup,
    ThemeIndexPage,
    ThemePage,
)


def default_locale() -> Locale:
    return Locale.get_default()


def locale(language_code: str) -> Locale:
    return Locale.objects.get(language_code=language_code)


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


class LegalNoticePageFactory(wagtail_factories.PageFactory):
    """A published legal notice (Impressum) with what § 5 DDG asks for."""

    class Meta:
        model = LegalNoticePage

    title = "Impressum"
    slug = "impressum"
    provider = "Digitalagentur Smarte Grenzregion\nMusterstraße 1\n24937 Flensburg"
    email = "kontakt@digitalagentur.example"
    responsible_for_content = "Leitung der Redaktion, Musterstraße 1, Flensburg"


class PrivacyNoticePageFactory(wagtail_factories.PageFactory):
    """A published privacy notice with one processing (GDPR art. 13)."""

    class Meta:
        model = PrivacyNoticePage

    title = "Datenschutzerklärung"
    slug = "datenschutz"
    controller = "Digitalagentur Smarte Grenzregion, Flensburg"
    controller_email = "kontakt@digitalagentur.example"
    data_protection_officer = "datenschutz@digitalagentur.example"
    processing = factory.LazyFunction(
        lambda: [
            {
                "type": "processing",
                "value": {
                    "purpose": "Feedback-Formular",
                    "data": "Nachricht, Seite",
                    "legal_basis": "Art. 6 Abs. 1 lit. c DSGVO",
                    "recipients": "Redaktion",
                    "storage_period": "Ein Jahr nach der Antwort",
                },
            }
        ]
    )
    rights = "<ul><li>Auskunft (Art. 15 DSGVO)</li></ul>"
    supervisory_authority = "Unabhängiges Landeszentrum für Datenschutz (ULD), Kiel"
    supervisory_authority_url = "https://www.datenschutzzentrum.de/"


class AccessibilityStatementPageFactory(wagtail_factories.PageFactory):
    """A published accessibility statement with one barrier and the Danish part."""

    class Meta:
        model = AccessibilityStatementPage

    title = "Erklärung zur Barrierefreiheit"
    slug = "barrierefreiheit"
    compliance_status = AccessibilityStatementPage.Status.PARTIAL
    non_accessible_content = factory.LazyFunction(
        lambda: [
            {
                "type": "barrier",
                "value": {
                    "content": "PDF-Dokumente von Partnern",
                    "reason": "Ohne Tags",
                    "alternative": "Auf Anfrage",
                },
            }
        ]
    )
    statement_date = datetime.date(2026, 11, 30)
    contact = "barrierefreiheit@digitalagentur.example"
    enforcement_body = "Schlichtungsstelle bei der Landesbeauftragten, Kiel"
    danish_statement_url = "https://www.was.digst.dk/"
    danish_enforcement_body = "Digitaliseringsstyrelsen"


class StatisticsPageFactory(wagtail_factories.PageFactory):
    """The portfolio in figures; put it under a home page (``parent=``)."""

    class Meta:
        model = StatisticsPage

    title = "In Zahlen"
    slug = "in-zahlen"


class TranslationFactory(factory.Factory):
    """The published ``language_code`` copy of ``page``, translating its
    untranslated ancestors first (an existing translation is returned as it is).

    Uses Wagtail's own ``copy_for_translation``, the call wagtail-localize builds on.
    """

    class Meta:
        model = Page

    page: Any = None
    language_code = "da"

    @classmethod
    def _create(cls, model_class: type, page: Page, language_code: str) -> Page:
        target = locale(language_code)
        existing = page.get_translation_or_none(target)
        if existing:
            return existing
        parent = page.get_parent()
        if parent.depth > 1 and not parent.get_translation_or_none(target):
            cls(page=parent.specific, language_code=language_code)
        translation = page.specific.copy_for_translation(target)
        translation.save_revision().publish()
        return translation.specific


class SolutionPageFactory(wagtail_factories.PageFactory):
    """A published solution; with ``portal`` in the portal's partner area and its
    field of action."""

    class Meta:
        model = SolutionPage

    class Params:
        #: Never published; its latest revision is ``author``'s.
        draft = factory.Trait(live=False, save_draft_revision=True)
        #: Written in Danish only, in the Danish copy of the portal's partner area.
        danish = factory.Trait(
            parent=factory.LazyAttribute(
                lambda o: TranslationFactory(page=o.portal.area, language_code="da")
            ),
            locale=factory.LazyFunction(lambda: locale("da")),
        )

    #: The Portal the solution belongs to (None: ``parent`` says where).
    portal: Any = None
    #: The user whose revision a draft is.
    author: Any = None
    save_draft_revision = False
    parent = factory.LazyAttribute(lambda o: o.portal.area if o.portal else None)
    title = factory.Sequence(lambda n: f"Lösung {n}")
    teaser = "Eine digitale Lösung für die Grenzregion."
    phase = Phase.PILOT
    lead_organisation = factory.SubFactory(OrganisationFactory)
    municipality = "Flensburg"

    @classmethod
    def _create(cls, model_class: type, *args: Any, **kwargs: Any) -> SolutionPage:
        portal = kwargs.pop("portal")
        author = kwargs.pop("author")
        save_draft_revision = kwargs.pop("save_draft_revision")
        page = super()._create(model_class, *args, **kwargs)
        if portal is not None:
            SolutionFieldOfAction.objects.create(
                page=page, field_of_action=portal.field
            )
        if save_draft_revision:
            page.save_revision(user=author)
        return page

    @staticmethod
    def form_data(
        *,
        fields_of_action: Any = (),
        related: Any = (),
        body: Any = (),
        **fields: object,
    ) -> dict:
        """POST data of the admin form of a solution page, as the editor's browser
        sends.

        ``fields_of_action`` and ``related`` are snippets / solutions for the inline
        panels, ``body`` a list of ``(block_type, value)`` pairs; other fields
        override the defaults, e.g. ``latitude="54.78"``.
        """
        data = {
            "title": "Digitale Dorfkiste",
            "slug": "digitale-dorfkiste",
            "teaser": "Ein Abholschrank für Einkäufe im Dorf.",
            "image": "",
            "body": streamfield(list(body)),
            "phase": Phase.PILOT,
            "tags": "",
            "lead_organisation": "",
            "municipality": "",
            "latitude": "",
            "longitude": "",
            "start_date": "",
            "end_date": "",
            "budget": "",
            "currency": "EUR",
            "licence": "",
            "source_repository": "",
            "open_data_url": "",
            "adoption_requirements": "",
            "seo_title": "",
            "search_description": "",
            "comments": inline_formset([]),
            "fields_of_action": inline_formset(
                [{"field_of_action": field.pk} for field in fields_of_action]
            ),
            "partners": inline_formset([]),
            "contacts": inline_formset([]),
            "related_links": inline_formset([{"target": page.pk} for page in related]),
        }
        data.update(fields)
        return nested_form_data(data)


class TermGroupFactory(DjangoModelFactory):
    """A term group with one term per language: ``terms={"de": "ÖPNV"}``."""

    class Meta:
        model = TermGroup
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Begriffe {n}")

    @factory.post_generation
    def terms(
        self, create: bool, extracted: dict[str, str] | None, **kwargs: Any
    ) -> None:
        for language, text in (extracted or {}).items():
            Term.objects.create(group=self, language=language, text=text)


class SnippetTranslationFactory(factory.Factory):
    """The ``language_code`` version of ``snippet``, created with ``fields`` if
    missing (an existing one is returned as it is)."""

    class Meta:
        model = Contact  # any translatable snippet; _create copies ``snippet``

    snippet: Any = None
    language_code = "da"

    @classmethod
    def _create(
        cls, model_class: type, snippet: Any, language_code: str, **fields: object
    ) -> Any:
        target = locale(language_code)
        existing = snippet.get_translation_or_none(target)
        if existing:
            return existing
        translation = snippet.copy_for_translation(target)
        for name, value in fields.items():
            setattr(translation, name, value)
        translation.save()
        return translation


@dataclass
class Portal:
    """The pages of a portal as the demo content has them."""

    home: Page
    knowledge: Page
    area: Page
    themes: Page
    theme: Page
    directory: Page
    field: FieldOfAction


class PortalFactory(factory.Factory):
    """A German home page with every section, set as the default site's root."""

    class Meta:
        model = Portal

    @classmethod
    def _create(cls, model_class: type, **kwargs: Any) -> Portal:
        root = Page.get_first_root_node()
        home = HomePageFactory(parent=root, slug="start")
        site = Site.objects.get(is_default_site=True)
        site.root_page = home
        site.save()
        field = FieldOfActionFactory(name="Grüne Energie", slug="energy")
        knowledge = KnowledgeIndexPageFactory(parent=home)
        area = PartnerAreaPageFactory(parent=knowledge, title="Stadt Flensburg")
        themes = ThemeIndexPageFactory(parent=home)
        theme = ThemePageFactory(
            parent=themes, title="Grüne Energie", field_of_action=field
        )
        directory = ContactDirectoryPageFactory(parent=home)
        return Portal(home, knowledge, area, themes, theme, directory, field)


def published(page: SolutionPage) -> SolutionPage:
    """``page`` after a new revision of it is published, fresh from the database."""
    page.save_revision().publish()
    return SolutionPage.objects.get(pk=page.pk)


def relate(source: SolutionPage, *targets: SolutionPage) -> SolutionPage:
    """Set the "Related solutions" of ``source`` and publish, as an editor does."""
    source = SolutionPage.objects.get(pk=source.pk)
    source.related_links = [SolutionRelation(target=target) for target in targets]
    source.save_revision().publish()
    return source


@dataclass
class OpenDataPortal:
    """The knowledge base of the open-data tests (see OpenDataPortalFactory)."""

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


class OpenDataPortalFactory(factory.Factory):
    """German portal with a Danish translation of the home, directory and one
    solution: published, draft and private solutions, organisations on both sides of
    the border and contacts with every kind of consent.

    - "Mobilitätsstationen": pilot, energy, led by Stadt Flensburg with Sønderborg
      Kommune as partner, three contacts (full, name only, no consent); in Danish too.
    - "Pflege digital": idea, health, led by Sønderborg Kommune.
    - a never-published draft and a password-protected solution, both in energy.
    """

    class Meta:
        model = OpenDataPortal

    @classmethod
    def _create(cls, model_class: type, **kwargs: Any) -> OpenDataPortal:
        portal = PortalFactory()
        health = FieldOfActionFactory(name="Gesundheit", slug="health")
        flensburg = OrganisationFactory(
            name="Stadt Flensburg",
            slug="stadt-flensburg",
            kind=OrganisationKind.CITY,
            regional_key="010010000000",
            municipality_key="01001000",
        )
        soenderborg = OrganisationFactory(
            name="Sønderborg Kommune",
            slug="soenderborg-kommune",
            kind=OrganisationKind.DANISH_MUNICIPALITY,
            country=Country.DENMARK,
            danish_municipality_code="540",
        )
        full = ContactFactory(
            name="Hanna Petersen",
            role="Projektleitung Mobilität",
            email="hanna.petersen@example.org",
            phone="+49 461 000 1101",
            organisation=flensburg,
            consent=PublicationConsent.FULL,
        )
        name_only = ContactFactory(
            name="Jens Madsen",
            role="Digitaliseringskonsulent",
            email="jens.madsen@example.dk",
            phone="+45 7412 0000",
            organisation=soenderborg,
            consent=PublicationConsent.NAME,
        )
        anonymous = ContactFactory(
            name="Verena Geheim",
            role="Sachbearbeitung",
            email="verena.geheim@example.org",
            phone="+49 461 999 9999",
            organisation=flensburg,
            consent=PublicationConsent.NONE,
        )

        mobility = SolutionPageFactory(
            portal=portal,
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
        mobility = published(mobility)

        care = SolutionPageFactory(
            parent=portal.area,
            title="Pflege digital",
            slug="pflege-digital",
            phase=Phase.IDEA,
            lead_organisation=soenderborg,
        )
        SolutionFieldOfAction.objects.create(page=care, field_of_action=health)
        care = published(care)

        draft = SolutionPageFactory(
            portal=portal, title="Geheimer Entwurf", slug="entwurf"
        )
        draft.unpublish()
        draft.save_revision()
        private = SolutionPageFactory(
            portal=portal, title="Interne Lösung", slug="intern"
        )
        PageViewRestriction.objects.create(
            page=private,
            restriction_type=PageViewRestriction.PASSWORD,
            password="secret",  # noqa: S106
        )

        TranslationFactory(page=portal.directory, language_code="da")
        TranslationFactory(page=portal.theme, language_code="da")
        mobility_da = TranslationFactory(page=mobility, language_code="da")
        mobility_da.title = "Mobilitetsstationer"
        mobility_da.slug = "mobilitetsstationer"
        mobility_da = published(mobility_da)
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
