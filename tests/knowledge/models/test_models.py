"""Rules of the content model: where pages live, what a valid solution is, snippets."""

from __future__ import annotations

from http import HTTPStatus

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.test import TestCase
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale, Page
from wagtail.test.utils import WagtailPageTestCase, WagtailTestUtils
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from apps.knowledge.blocks import LinkBlock
from apps.knowledge.choices import Country, OrganisationKind
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
    SolutionPage,
    SolutionRelation,
    StatisticsPage,
    ThemeIndexPage,
    ThemePage,
)
from tests.factories import UserProfileFactory
from tests.knowledge import factories
from tests.knowledge.factories import (
    PortalFactory,
    SolutionPageFactory,
    TranslationFactory,
)

ALL_PAGE_TYPES = {
    HomePage,
    KnowledgeIndexPage,
    PartnerAreaPage,
    SolutionPage,
    ThemeIndexPage,
    ThemePage,
    ContactDirectoryPage,
    LegalNoticePage,
    PrivacyNoticePage,
    AccessibilityStatementPage,
    StatisticsPage,
}

# Where each page type may live; everything else must be refused.
ALLOWED_PARENTS = {
    HomePage: {Page},
    KnowledgeIndexPage: {HomePage},
    PartnerAreaPage: {KnowledgeIndexPage},
    SolutionPage: {PartnerAreaPage},
    ThemeIndexPage: {HomePage},
    ThemePage: {ThemeIndexPage},
    ContactDirectoryPage: {HomePage},
    LegalNoticePage: {HomePage},
    PrivacyNoticePage: {HomePage},
    AccessibilityStatementPage: {HomePage},
    StatisticsPage: {HomePage},
}


class PageTreeTests(WagtailPageTestCase):
    """Editors can only build the tree the portal expects."""

    def test_each_page_type__declares_its_parents(self):
        for child, parents in ALLOWED_PARENTS.items():
            with self.subTest(child=child.__name__):
                self.assertAllowedParentPageTypes(child, parents)

    def test_each_page_type__declares_its_children(self):
        for parent in [Page, *ALL_PAGE_TYPES]:
            children = {
                child for child, parents in ALLOWED_PARENTS.items() if parent in parents
            }
            with self.subTest(parent=parent.__name__):
                if parent is Page:
                    # The root accepts any page that does not restrict its parent.
                    self.assertCanCreateAt(Page, HomePage)
                else:
                    self.assertAllowedSubpageTypes(parent, children)

    def test_each_page_type__can_only_be_created_at_its_place(self):
        for child, parents in ALLOWED_PARENTS.items():
            for parent in {Page, *ALL_PAGE_TYPES}:
                with self.subTest(child=child.__name__, parent=parent.__name__):
                    if parent in parents:
                        self.assertCanCreateAt(parent, child)
                    else:
                        self.assertCanNotCreateAt(parent, child)

    def test_solution__cannot_be_created_under_the_knowledge_index(self):
        self.assertCanNotCreateAt(KnowledgeIndexPage, SolutionPage)
        self.assertCanNotCreateAt(HomePage, SolutionPage)
        self.assertCanNotCreateAt(SolutionPage, SolutionPage)


class SolutionAdminValidationTests(WagtailPageTestCase):
    """An editor's mistakes on the solution form are shown; nothing typed is lost."""

    @classmethod
    def setUpTestData(cls):
        cls.portal = PortalFactory()
        cls.other = SolutionPageFactory(portal=cls.portal, title="Mobilitätsstation")

    def setUp(self):
        self.user = self.login()
        UserProfileFactory(user=self.user)
        self.add_url = reverse(
            "wagtailadmin_pages:add",
            args=["knowledge", "solutionpage", self.portal.area.pk],
        )

    def post(self, **fields):
        fields.setdefault("fields_of_action", [self.portal.field])
        data = SolutionPageFactory.form_data(**fields)
        data["action-publish"] = "action-publish"
        return self.client.post(self.add_url, data)

    def assert_refused(self, response, field: str, message: str) -> None:
        self.assertEqual(response.status_code, HTTPStatus.OK)
        form = response.context["form"]
        with translation.override("en"):  # lazy errors, read as the admin showed them
            self.assertIn(message, form.errors.get(field, []))
        self.assertContains(response, message)
        self.assertFalse(
            SolutionPage.objects.filter(slug="digitale-dorfkiste").exists()
        )

    def assert_kept(self, response, **values: str) -> None:
        form = response.context["form"]
        for name, value in values.items():
            self.assertEqual(str(form[name].value()), value)
            self.assertContains(response, f'value="{value}"')

    def test_valid_solution__is_created_and_published(self):
        self.assertCanCreate(
            self.portal.area,
            SolutionPage,
            SolutionPageFactory.form_data(
                fields_of_action=[self.portal.field],
                related=[self.other],
                body=[("paragraph", rich_text("<p>Im Dorf abholen.</p>"))],
                latitude="54.7833",
                longitude="9.4333",
                start_date="2024-01-01",
                end_date="2025-06-30",
                budget="120000.00",
            ),
        )
        page = SolutionPage.objects.get(slug="digitale-dorfkiste")
        self.assertTrue(page.live)
        self.assertEqual(
            [f.field_of_action for f in page.fields_of_action.all()],
            [self.portal.field],
        )
        self.assertEqual([r.target for r in page.related_links.all()], [self.other])
        self.assertIn("Im Dorf abholen.", str(page.body[0].value))

    def test_end_before_start__is_refused_and_dates_are_kept(self):
        response = self.post(start_date="2025-03-01", end_date="2024-12-31")
        self.assert_refused(
            response, "end_date", "The end cannot lie before the start."
        )
        self.assert_kept(
            response,
            title="Digitale Dorfkiste",
            start_date="2025-03-01",
            end_date="2024-12-31",
        )

    def test_latitude_without_longitude__is_refused(self):
        response = self.post(latitude="54.7833")
        self.assert_refused(
            response, "longitude", "Give both latitude and longitude, or neither."
        )
        self.assert_kept(response, latitude="54.7833")

    def test_longitude_without_latitude__is_refused(self):
        response = self.post(longitude="9.4333")
        self.assert_refused(
            response, "latitude", "Give both latitude and longitude, or neither."
        )
        self.assert_kept(response, longitude="9.4333")

    def test_out_of_range_coordinates__are_refused(self):
        response = self.post(latitude="95", longitude="-181")
        self.assert_refused(response, "latitude", "Latitude lies between -90 and 90.")
        self.assert_refused(
            response, "longitude", "Longitude lies between -180 and 180."
        )
        self.assert_kept(response, latitude="95", longitude="-181")

    def test_negative_budget__is_refused(self):
        response = self.post(budget="-5", municipality="Niebüll")
        self.assert_refused(response, "budget", "The budget cannot be negative.")
        self.assert_kept(response, budget="-5", municipality="Niebüll")

    def test_missing_field_of_action__is_refused_and_content_is_kept(self):
        response = self.post(
            fields_of_action=[],
            body=[("paragraph", rich_text("<p>Ein Text, der bleibt.</p>"))],
        )
        self.assertEqual(response.status_code, HTTPStatus.OK)
        formset = response.context["form"].formsets["fields_of_action"]
        self.assertEqual(formset.non_form_errors(), ["Please submit at least 1 form."])
        self.assertContains(response, "Please submit at least 1 form.")
        self.assertContains(response, "Ein Text, der bleibt.")
        self.assertContains(response, "Ein Abholschrank für Einkäufe im Dorf.")
        self.assertFalse(
            SolutionPage.objects.filter(slug="digitale-dorfkiste").exists()
        )

    def test_relation_to_itself__is_refused_on_edit(self):
        edit_url = reverse("wagtailadmin_pages:edit", args=[self.other.pk])
        data = SolutionPageFactory.form_data(
            title=self.other.title,
            slug=self.other.slug,
            fields_of_action=[self.portal.field],
            related=[self.other],
        )
        data["action-publish"] = "action-publish"
        response = self.client.post(edit_url, data)
        self.assertEqual(response.status_code, HTTPStatus.OK)
        forms = response.context["form"].formsets["related_links"].forms
        with translation.override("en"):
            self.assertEqual(
                forms[0].errors["target"], ["A solution cannot be related to itself."]
            )
        self.assertContains(response, "A solution cannot be related to itself.")
        self.assertFalse(SolutionRelation.objects.exists())

    def test_relation_to_own_translation__is_refused_on_edit(self):
        danish = TranslationFactory(page=self.other, language_code="da")
        edit_url = reverse("wagtailadmin_pages:edit", args=[self.other.pk])
        data = SolutionPageFactory.form_data(
            title=self.other.title,
            slug=self.other.slug,
            fields_of_action=[self.portal.field],
            related=[danish],
        )
        response = self.client.post(edit_url, data)
        self.assertEqual(response.status_code, HTTPStatus.OK)
        self.assertContains(response, "A solution cannot be related to itself.")

    def test_same_relation_twice__is_refused(self):
        third = SolutionPageFactory(portal=self.portal, title="Dritte Lösung")
        response = self.post(related=[third, third])
        self.assertEqual(response.status_code, HTTPStatus.OK)
        self.assertContains(response, "This solution is already related to this one.")
        self.assertFalse(
            SolutionPage.objects.filter(slug="digitale-dorfkiste").exists()
        )


class SolutionModelTests(TestCase):
    """The same rules hold outside the admin, e.g. for imports."""

    @classmethod
    def setUpTestData(cls):
        cls.portal = PortalFactory()

    def test_full_clean__reports_every_broken_fact(self):
        page = SolutionPageFactory(portal=self.portal)
        page.start_date = page.end_date = None
        page.budget = -1
        page.latitude = 100
        page.longitude = None
        with self.assertRaises(ValidationError) as caught:
            page.full_clean()
        self.assertEqual(
            set(caught.exception.message_dict), {"budget", "latitude", "longitude"}
        )

    def test_relation_clean__refuses_a_link_to_itself(self):
        page = SolutionPageFactory(portal=self.portal)
        relation = SolutionRelation(page=page, target=page)
        with self.assertRaises(ValidationError) as caught:
            relation.clean()
        self.assertIn("target", caught.exception.message_dict)

    def test_country_codes__lists_lead_and_partner_countries(self):
        page = SolutionPageFactory(portal=self.portal)
        danish = factories.OrganisationFactory(country=Country.DENMARK)
        page.partners.create(organisation=danish)
        self.assertEqual(page.country_codes, ["DE", "DK"])


class LinkBlockTests(TestCase):
    """A link goes either to a page or to an external address."""

    @classmethod
    def setUpTestData(cls):
        cls.portal = PortalFactory()

    def clean(self, **value):
        block = LinkBlock()
        return block.clean(block.to_python({"title": "Mehr", **value}))

    def test_page_link__is_valid_and_points_to_the_page(self):
        value = self.clean(page=self.portal.theme.pk)
        self.assertEqual(value.href(), self.portal.theme.url)

    def test_external_link__is_valid(self):
        value = self.clean(url="https://www.flensburg.de/")
        self.assertEqual(value.href(), "https://www.flensburg.de/")

    def test_neither__is_refused(self):
        with self.assertRaises(ValidationError) as caught:
            self.clean(url="")
        self.assertEqual(set(caught.exception.block_errors), {"page", "url"})

    def test_both__is_refused(self):
        with self.assertRaises(ValidationError) as caught:
            self.clean(page=self.portal.theme.pk, url="https://example.org/")
        self.assertEqual(set(caught.exception.block_errors), {"url"})

    def test_unpublished_page__has_no_address(self):
        self.portal.theme.unpublish()
        value = self.clean(page=self.portal.theme.pk)
        self.assertEqual(value.href(), "")


class LinkBlockAdminTests(WagtailTestUtils, TestCase):
    """A broken link in a link list is shown to the editor, not saved."""

    @classmethod
    def setUpTestData(cls):
        cls.portal = PortalFactory()
        cls.user = get_user_model().objects.create_superuser(
            "admin", "admin@example.org", "password"
        )
        UserProfileFactory(user=cls.user)

    def test_link_without_page_or_address__is_refused_and_kept(self):
        self.client.force_login(self.user)
        theme = self.portal.theme
        data = nested_form_data(
            {
                "title": theme.title,
                "slug": theme.slug,
                "field_of_action": self.portal.field.pk,
                "intro": "Eine Einleitung, die bleibt.",
                "body": streamfield(
                    [
                        (
                            "link_list",
                            {
                                "heading": "Weiterlesen",
                                "links": streamfield(
                                    [("item", {"title": "Ohne Ziel", "url": ""})]
                                ),
                            },
                        )
                    ]
                ),
                "seo_title": "",
                "search_description": "",
                "comments": inline_formset([]),
            }
        )
        data["action-publish"] = "action-publish"
        response = self.client.post(
            reverse("wagtailadmin_pages:edit", args=[theme.pk]), data
        )
        self.assertEqual(response.status_code, HTTPStatus.OK)
        error = response.context["form"].errors.as_data()["body"][0]
        link_errors = error.block_errors[0].block_errors["links"].block_errors[0]
        with translation.override("en"):
            self.assertEqual(
                link_errors.block_errors["url"].messages,
                ["Choose a page or enter an external address."],
            )
        self.assertContains(response, "Choose a page or enter an external address.")
        self.assertContains(response, "Eine Einleitung, die bleibt.")
        self.assertContains(response, "Ohne Ziel")
        theme.refresh_from_db()
        self.assertFalse(theme.has_unpublished_changes)


class SnippetAdminTests(WagtailTestUtils, TestCase):
    """Organisations and contacts are kept through the snippet admin."""

    @classmethod
    def setUpTestData(cls):
        cls.user = get_user_model().objects.create_superuser(
            "admin", "admin@example.org", "password"
        )
        UserProfileFactory(user=cls.user)
        cls.flensburg = factories.OrganisationFactory(
            name="Stadt Flensburg", kind=OrganisationKind.CITY, country=Country.GERMANY
        )
        cls.aabenraa = factories.OrganisationFactory(
            name="Aabenraa Kommune",
            kind=OrganisationKind.DANISH_MUNICIPALITY,
            country=Country.DENMARK,
        )

    def setUp(self):
        self.client.force_login(self.user)

    def test_organisation__is_created_through_the_snippet_admin(self):
        response = self.client.post(
            reverse("wagtailsnippets_knowledge_organisation:add") + "?locale=de",
            {
                "name": "Sønderborg Kommune",
                "slug": "",
                "kind": OrganisationKind.DANISH_MUNICIPALITY,
                "country": Country.DENMARK,
                "description": "",
                "website": "https://sonderborgkommune.dk/",
                "logo": "",
            },
        )
        self.assertEqual(response.status_code, HTTPStatus.FOUND)
        organisation = Organisation.objects.get(name="Sønderborg Kommune")
        self.assertEqual(organisation.slug, "soenderborg-kommune")
        self.assertEqual(organisation.locale, Locale.get_default())
        self.assertTrue(organisation.is_danish)

    def test_organisation__duplicate_slug_is_refused_with_the_input_kept(self):
        response = self.client.post(
            reverse("wagtailsnippets_knowledge_organisation:add") + "?locale=de",
            {
                "name": "Stadt Flensburg",
                "slug": "",
                "kind": OrganisationKind.CITY,
                "country": Country.GERMANY,
                "website": "https://example.org/",
            },
        )
        self.assertEqual(response.status_code, HTTPStatus.OK)
        self.assertContains(
            response, "Another organisation in this language already has this slug."
        )
        self.assertContains(response, 'value="https://example.org/"')
        self.assertEqual(Organisation.objects.filter(name="Stadt Flensburg").count(), 1)

    def test_contact__is_created_with_languages_ticked(self):
        add_url = reverse("wagtailsnippets_knowledge_contact:add") + "?locale=de"
        form = self.client.get(add_url)
        for code in ("de", "da", "en", "frr", "nds"):
            self.assertContains(
                form, f'type="checkbox" name="languages" value="{code}"'
            )
        response = self.client.post(
            add_url,
            {
                "name": "Mette Jensen",
                "role": "Projektleiterin",
                "organisation": self.aabenraa.pk,
                "email": "mette@example.dk",
                "phone": "+45 1234",
                "languages": ["en", "da", "de"],
                "consent": "name",
            },
        )
        self.assertEqual(response.status_code, HTTPStatus.FOUND)
        contact = Contact.objects.get(name="Mette Jensen")
        self.assertEqual(contact.consent, "name")
        # Stored in the order of the choices, whatever order the boxes came in.
        self.assertEqual(contact.languages, ["de", "da", "en"])
        with translation.override("en"):
            labels = contact.get_language_labels()
        self.assertEqual(labels, ["German", "Danish", "English"])

        edit = self.client.get(
            reverse("wagtailsnippets_knowledge_contact:edit", args=[contact.pk])
        )
        self.assertContains(edit, 'value="da"')
        self.assertEqual(edit.context["form"]["languages"].value(), ["de", "da", "en"])

    def test_contact__unknown_language_is_refused_and_input_kept(self):
        response = self.client.post(
            reverse("wagtailsnippets_knowledge_contact:add") + "?locale=de",
            {"name": "Jens Hansen", "languages": ["de", "xx"]},
        )
        self.assertEqual(response.status_code, HTTPStatus.OK)
        self.assertIn("languages", response.context["form"].errors)
        self.assertContains(response, 'value="Jens Hansen"')
        self.assertFalse(Contact.objects.filter(name="Jens Hansen").exists())

    def test_contact__unticking_every_language_stores_an_empty_list(self):
        contact = factories.ContactFactory(languages=["de"])
        response = self.client.post(
            reverse("wagtailsnippets_knowledge_contact:edit", args=[contact.pk]),
            {
                "name": contact.name,
                "role": "",
                "organisation": "",
                "owner": contact.owner,
                "email": "",
                "consent": "none",
                # Contacts have drafts: "Publish" stores the change in the contact.
                "action-publish": "action-publish",
            },
        )
        self.assertEqual(response.status_code, HTTPStatus.FOUND)
        contact.refresh_from_db()
        self.assertEqual(contact.languages, [])

    def test_contact_model__refuses_a_language_that_is_not_a_list(self):
        contact = factories.ContactFactory.build(
            languages="de", organisation=self.flensburg
        )
        with self.assertRaises(ValidationError):
            contact.full_clean()

    def test_organisation_listing__filters_by_country_and_kind(self):
        list_url = reverse("wagtailsnippets_knowledge_organisation:list")
        response = self.client.get(list_url, {"country": Country.DENMARK})
        self.assertEqual(response.status_code, HTTPStatus.OK)
        self.assertContains(response, "Aabenraa Kommune")
        self.assertNotContains(response, "Stadt Flensburg")

        response = self.client.get(list_url, {"kind": OrganisationKind.CITY})
        self.assertContains(response, "Stadt Flensburg")
        self.assertNotContains(response, "Aabenraa Kommune")

    def test_contact_listing__filters_by_organisation(self):
        factories.ContactFactory(name="Mette Jensen", organisation=self.aabenraa)
        factories.ContactFactory(name="Lars Petersen", organisation=self.flensburg)
        response = self.client.get(
            reverse("wagtailsnippets_knowledge_contact:list"),
            {"organisation": self.aabenraa.pk},
        )
        self.assertEqual(response.status_code, HTTPStatus.OK)
        self.assertContains(response, "Mette Jensen")
        self.assertNotContains(response, "Lars Petersen")

    def test_field_of_action_listing__filters_cross_cutting(self):
        factories.FieldOfActionFactory(name="Open Data", cross_cutting=True)
        factories.FieldOfActionFactory(name="Gesundheit", cross_cutting=False)
        response = self.client.get(
            reverse("wagtailsnippets_knowledge_fieldofaction:list"),
            {"cross_cutting": "true"},
        )
        self.assertContains(response, "Open Data")
        self.assertNotContains(response, "Gesundheit")

    def test_organisation_listing__filters_by_language(self):
        danish = Locale.objects.get(language_code="da")
        self.flensburg.copy_for_translation(danish).save()
        factories.OrganisationFactory(name="Kun på dansk", locale=danish)
        response = self.client.get(
            reverse("wagtailsnippets_knowledge_organisation:list"), {"locale": "da"}
        )
        self.assertContains(response, "Kun på dansk")
        self.assertNotContains(response, "Aabenraa Kommune")

    def test_field_of_action_in_use__cannot_be_deleted(self):
        portal = PortalFactory()
        SolutionPageFactory(portal=portal)
        delete_url = reverse(
            "wagtailsnippets_knowledge_fieldofaction:delete", args=[portal.field.pk]
        )
        self.assertTrue(self.client.get(delete_url).context["is_protected"])
        self.client.post(delete_url)  # refused: the admin redirects with a message
        self.assertTrue(FieldOfAction.objects.filter(pk=portal.field.pk).exists())

    def test_unused_field_of_action__can_be_deleted(self):
        field = factories.FieldOfActionFactory(name="Unbenutzt")
        response = self.client.post(
            reverse("wagtailsnippets_knowledge_fieldofaction:delete", args=[field.pk])
        )
        self.assertEqual(response.status_code, HTTPStatus.FOUND)
        self.assertFalse(FieldOfAction.objects.filter(pk=field.pk).exists())

    def test_snippets__are_translatable(self):
        for model in (Organisation, Contact, FieldOfAction):
            with self.subTest(model=model.__name__):
                self.assertIn("locale", [f.name for f in model._meta.get_fields()])
