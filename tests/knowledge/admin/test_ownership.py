"""Shared records have owners: an authority's editors change only their own.

Demo try 3: any authority's editor edited and published any organisation or
contact (another authority's contact e-mail replaced by a phishing address, live at
once in portal, API and CSV); the translator renamed the German fields of action
and published them. Each test repeats the try through the admin.
"""

from __future__ import annotations

from http import HTTPStatus

from django.contrib.admin.utils import quote
from django.test import TestCase
from django.urls import reverse
from wagtail.models import Locale

from apps.knowledge.choices import Country, OrganisationKind, Owner, PublicationConsent
from apps.knowledge.models import Contact, Organisation
from apps.knowledge.ownership import assign_owners
from apps.knowledge.roles import AREA_ROLES
from tests.factories import UserFactory
from tests.knowledge import factories
from tests.workflow.admin_actions import client_for
from tests.workflow.factories import AuthoritiesFactory

FLENSBURG, NORDFRIESLAND = AREA_ROLES[0], AREA_ROLES[1]
PHISHING = "it-support@flensburg-login.example"


def snippet_url(obj, view: str) -> str:
    return reverse(obj.snippet_viewset.get_url_name(view), args=[quote(obj.pk)])


def fresh(obj):
    return type(obj).objects.get(pk=obj.pk)


def contact_form(contact: Contact, **changes) -> dict:
    data = {
        "name": contact.name,
        "role": contact.role,
        "organisation": contact.organisation_id or "",
        "email": contact.email,
        "phone": contact.phone,
        "languages": list(contact.languages),
        "consent": contact.consent,
        "consent_recorded_at": "",
        "owner": contact.owner,
    }
    return {**data, **changes}


def organisation_form(organisation: Organisation, **changes) -> dict:
    data = {
        "name": organisation.name,
        "slug": organisation.slug,
        "kind": organisation.kind,
        "country": organisation.country,
        "description": organisation.description,
        "website": organisation.website,
        "owner": organisation.owner,
    }
    return {**data, **changes}


class OwnershipTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.authorities = AuthoritiesFactory()
        cls.flensburg_editor = UserFactory(editor=True, area_role=FLENSBURG)
        cls.nordfriesland_editor = UserFactory(editor=True, area_role=NORDFRIESLAND)
        cls.translator = UserFactory(translator=True)
        cls.agency = UserFactory(digitalagentur=True)
        cls.district = factories.OrganisationFactory(
            name="Kreis Nordfriesland",
            slug="kreis-nordfriesland",
            kind=OrganisationKind.DISTRICT,
            owner=Owner.KREIS_NORDFRIESLAND,
        )
        cls.contact = factories.ContactFactory(
            name="Nele Hansen",
            organisation=cls.district,
            email="nele.hansen@nordfriesland.example",
            owner=Owner.KREIS_NORDFRIESLAND,
        )
        cls.own_contact = factories.ContactFactory(
            name="Jens Petersen",
            email="jens.petersen@flensburg.example",
            owner=Owner.STADT_FLENSBURG,
        )
        for snippet in (cls.district, cls.contact, cls.own_contact):
            snippet.save_revision().publish()
        cls.field = cls.authorities.portal.field
        cls.field.save_revision().publish()

    def assert_refused(self, response) -> None:
        self.assertEqual(response.status_code, HTTPStatus.FOUND)
        self.assertEqual(response.url, reverse("wagtailadmin_home"))

    # Try 3: another authority's records ---------------------------------------

    def test_other_authority_editor__cannot_replace_contact_email(self):
        client = client_for(self.flensburg_editor)

        self.assert_refused(client.get(snippet_url(self.contact, "edit")))
        response = client.post(
            snippet_url(self.contact, "edit"),
            {**contact_form(self.contact, email=PHISHING), "action-publish": "1"},
        )

        self.assert_refused(response)
        contact = fresh(self.contact)
        self.assertEqual(contact.email, "nele.hansen@nordfriesland.example")
        self.assertFalse(contact.has_unpublished_changes)
        api = self.client.get(reverse("knowledge_api:contacts:listing"))
        self.assertNotContains(api, PHISHING, status_code=api.status_code)

    def test_other_authority_editor__cannot_edit_or_unpublish_organisation(self):
        client = client_for(self.flensburg_editor)

        response = client.post(
            snippet_url(self.district, "edit"),
            {
                **organisation_form(self.district, name="Kreis Phishing"),
                "action-publish": "1",
            },
        )
        self.assert_refused(response)
        self.assert_refused(client.post(snippet_url(self.district, "unpublish")))
        self.assert_refused(client.post(snippet_url(self.district, "delete")))

        district = fresh(self.district)
        self.assertEqual(district.name, "Kreis Nordfriesland")
        self.assertTrue(district.live)

    def test_other_authority_editor__listing_offers_no_edit_link(self):
        client = client_for(self.flensburg_editor)

        response = client.get(reverse(Contact.snippet_viewset.get_url_name("list")))

        self.assertEqual(response.status_code, HTTPStatus.OK)
        self.assertContains(response, snippet_url(self.own_contact, "edit"))
        self.assertNotContains(response, snippet_url(self.contact, "edit"))

    def test_owner_editor__change_to_own_contact_waits_for_review(self):
        client = client_for(self.nordfriesland_editor)

        response = client.post(
            snippet_url(self.contact, "edit"),
            {
                **contact_form(self.contact, phone="+49 4841 67-0"),
                "action-publish": "1",
            },
        )

        self.assertEqual(response.status_code, HTTPStatus.FOUND)
        contact = fresh(self.contact)
        self.assertEqual(contact.phone, self.contact.phone)
        self.assertTrue(contact.has_unpublished_changes)
        self.assertEqual(contact.get_latest_revision_as_object().phone, "+49 4841 67-0")

    def test_editor__new_organisation_belongs_to_their_authority(self):
        client = client_for(self.flensburg_editor)
        add = reverse(Organisation.snippet_viewset.get_url_name("add"))

        # The editor may not give the record to another authority ...
        response = client.post(
            add,
            {
                "name": "Aktivregion",
                "slug": "",
                "kind": OrganisationKind.ASSOCIATION,
                "country": Country.GERMANY,
                "description": "",
                "website": "",
                "owner": Owner.KREIS_NORDFRIESLAND,
                "action-submit": "1",
            },
        )
        self.assertEqual(response.status_code, HTTPStatus.OK)
        self.assertFalse(Organisation.objects.filter(name="Aktivregion").exists())
        # ... and without choosing, it is their authority's, submitted for review.
        response = client.post(
            add,
            {
                "name": "Aktivregion",
                "slug": "",
                "kind": OrganisationKind.ASSOCIATION,
                "country": Country.GERMANY,
                "description": "",
                "website": "",
                "action-submit": "1",
            },
        )
        self.assertEqual(response.status_code, HTTPStatus.FOUND)
        created = Organisation.objects.get(name="Aktivregion")
        self.assertEqual(created.owner, Owner.STADT_FLENSBURG)
        self.assertFalse(created.live)
        self.assertTrue(created.workflow_in_progress)

    def test_digitalagentur__edits_every_authority_record(self):
        client = client_for(self.agency)

        response = client.get(snippet_url(self.contact, "edit"))

        self.assertEqual(response.status_code, HTTPStatus.OK)

    # Try 3: the translator and the taxonomy -----------------------------------

    def test_translator__cannot_rename_german_field_of_action(self):
        client = client_for(self.translator)

        self.assert_refused(client.get(snippet_url(self.field, "edit")))
        response = client.post(
            snippet_url(self.field, "edit"),
            {
                "name": "Umbenannt",
                "slug": self.field.slug,
                "description": "",
                "sort_order": 0,
                "pictogram": self.field.pictogram,
                "action-publish": "1",
            },
        )

        self.assert_refused(response)
        self.assertEqual(fresh(self.field).name, "Grüne Energie")
        self.assertFalse(self.translator.has_perm("knowledge.publish_fieldofaction"))
        self.assertFalse(self.translator.has_perm("knowledge.publish_organisation"))

    def test_translator__submits_danish_field_of_action_for_review(self):
        danish = self.field.copy_for_translation(Locale.objects.get(language_code="da"))
        danish.save()
        danish.save_revision().publish()
        client = client_for(self.translator)

        response = client.post(
            snippet_url(danish, "edit"),
            {
                "name": "Grøn energi",
                "slug": self.field.slug,
                "description": "",
                "sort_order": 0,
                "pictogram": self.field.pictogram,
                "action-submit": "1",
            },
        )

        self.assertEqual(response.status_code, HTTPStatus.FOUND)
        danish = fresh(danish)
        self.assertEqual(danish.name, "Grüne Energie")
        self.assertTrue(danish.workflow_in_progress)

    def test_translator__publish_on_danish_field_of_action_does_not_publish(self):
        danish = self.field.copy_for_translation(Locale.objects.get(language_code="da"))
        danish.save()
        danish.save_revision().publish()
        client = client_for(self.translator)

        response = client.post(
            snippet_url(danish, "edit"),
            {
                "name": "Grøn energi",
                "slug": self.field.slug,
                "description": "",
                "sort_order": 0,
                "pictogram": self.field.pictogram,
                "action-publish": "1",
            },
        )

        self.assertEqual(response.status_code, HTTPStatus.FOUND)
        # Without publish permission "Publish" is no action of theirs: a draft.
        danish = fresh(danish)
        self.assertEqual(danish.name, "Grüne Energie")
        self.assertTrue(danish.live)
        self.assertTrue(danish.has_unpublished_changes)
        self.assertEqual(danish.get_latest_revision_as_object().name, "Grøn energi")

    def test_translator__cannot_change_the_term_list(self):
        client = client_for(self.translator)

        self.assert_refused(
            client.get(reverse("wagtailsnippets_knowledge_termgroup:add"))
        )
        self.assert_refused(
            client.get(reverse("wagtailsnippets_knowledge_termgroup:list"))
        )

    def test_area_editor__cannot_change_fields_of_action_or_term_list(self):
        client = client_for(self.flensburg_editor)

        self.assert_refused(client.get(snippet_url(self.field, "edit")))
        self.assert_refused(
            client.get(reverse("wagtailsnippets_knowledge_termgroup:add"))
        )
        response = client_for(self.agency).get(
            reverse("wagtailsnippets_knowledge_termgroup:add")
        )
        self.assertEqual(response.status_code, HTTPStatus.OK)


class ChooserTests(TestCase):
    """Demo try 12 (part): the admin's choosers offered other authorities' drafts
    and people who refused publication."""

    @classmethod
    def setUpTestData(cls):
        cls.authorities = AuthoritiesFactory()
        cls.flensburg_editor = UserFactory(editor=True, area_role=FLENSBURG)
        cls.nordfriesland_editor = UserFactory(editor=True, area_role=NORDFRIESLAND)
        cls.reviewer = UserFactory(reviewer=True, language="da")
        cls.draft = factories.SolutionPageFactory(
            parent=cls.authorities.area(NORDFRIESLAND),
            title="Geheimer Entwurf Nordfriesland",
            live=False,
        )
        cls.refused = factories.ContactFactory(
            name="Nina Nichtzeigen",
            consent=PublicationConsent.NONE,
            owner=Owner.KREIS_NORDFRIESLAND,
        )

    def test_page_chooser__hides_other_authority_draft_titles(self):
        search = reverse("wagtailadmin_choose_page_search")
        children = reverse(
            "wagtailadmin_choose_page_child",
            args=[self.authorities.area(NORDFRIESLAND).pk],
        )
        for url, params in ((search, {"q": "Geheimer"}), (children, {})):
            with self.subTest(url=url):
                other = client_for(self.flensburg_editor).get(url, params)
                self.assertEqual(other.status_code, HTTPStatus.OK)
                self.assertNotContains(other, "Geheimer Entwurf")
                own = client_for(self.nordfriesland_editor).get(url, params)
                self.assertContains(own, "Geheimer Entwurf")

    def test_page_chooser__shows_published_title_of_others_renamed_live_page(self):
        live = factories.SolutionPageFactory(
            parent=self.authorities.area(NORDFRIESLAND), title="Dorfbus Husum"
        )
        live.title = "Geheimer neuer Name"
        live.save_revision(user=self.nordfriesland_editor)
        search = reverse("wagtailadmin_choose_page_search")
        children = reverse(
            "wagtailadmin_choose_page_child",
            args=[self.authorities.area(NORDFRIESLAND).pk],
        )
        chosen = reverse("wagtailadmin_choose_page_chosen_multiple")
        for user in (self.flensburg_editor, self.reviewer):
            for url, params in (
                (search, {"q": "Dorfbus"}),
                (children, {}),
                (chosen, {"id": live.pk}),
            ):
                with self.subTest(user=user.username, url=url):
                    response = client_for(user).get(url, params)
                    self.assertEqual(response.status_code, HTTPStatus.OK)
                    self.assertContains(response, "Dorfbus Husum")
                    self.assertNotContains(response, "Geheimer neuer Name")
        own = client_for(self.nordfriesland_editor).get(children)
        self.assertContains(own, "Geheimer neuer Name")

    def test_page_chooser__refuses_other_authority_draft_by_its_id(self):
        browse = reverse("wagtailadmin_choose_page_child", args=[self.draft.pk])
        chosen = reverse("wagtailadmin_choose_page_chosen_multiple")

        for user in (self.flensburg_editor, self.reviewer):
            with self.subTest(user=user.username):
                client = client_for(user)
                # The admin's 404 goes through LocaleMiddleware's redirect to the
                # language prefix, which is not found either.
                response = client.get(browse, follow=True)
                self.assertEqual(response.status_code, HTTPStatus.NOT_FOUND)
                self.assertNotContains(
                    response, "Geheimer Entwurf", status_code=HTTPStatus.NOT_FOUND
                )
                self.assertNotContains(
                    client.get(chosen, {"id": self.draft.pk}),
                    "Geheimer Entwurf",
                )
        own = client_for(self.nordfriesland_editor).get(chosen, {"id": self.draft.pk})
        self.assertContains(own, "Geheimer Entwurf")

    def test_contact_chooser__hides_non_consenting_contacts_of_others(self):
        url = reverse("wagtailsnippetchoosers_knowledge_contact:choose")

        other = client_for(self.flensburg_editor).get(url)
        own = client_for(self.nordfriesland_editor).get(url)

        self.assertEqual(other.status_code, HTTPStatus.OK)
        self.assertNotContains(other, "Nina Nichtzeigen")
        self.assertContains(own, "Nina Nichtzeigen")


class AssignOwnersTests(TestCase):
    """The data migration's rule, also used for the demo content."""

    def test_assign_owners__from_area_solutions_and_country(self):
        authorities = AuthoritiesFactory()
        area = authorities.area(NORDFRIESLAND)
        responsible = factories.OrganisationFactory(name="Kreis Nordfriesland")
        area.organisation = responsible
        area.save()
        leader = factories.OrganisationFactory(name="Bürgerenergie")
        factories.SolutionPageFactory(parent=area, lead_organisation=leader)
        danish = factories.OrganisationFactory(
            name="Tønder Kommune", country=Country.DENMARK
        )
        other = factories.OrganisationFactory(name="Landesamt")
        contact = factories.ContactFactory(organisation=leader)
        alone = factories.ContactFactory(organisation=None)

        assign_owners()

        self.assertEqual(fresh(responsible).owner, Owner.KREIS_NORDFRIESLAND)
        self.assertEqual(fresh(leader).owner, Owner.KREIS_NORDFRIESLAND)
        self.assertEqual(fresh(danish).owner, Owner.DANISH_PARTNERS)
        self.assertEqual(fresh(other).owner, Owner.DIGITALAGENTUR)
        self.assertEqual(fresh(contact).owner, Owner.KREIS_NORDFRIESLAND)
        self.assertEqual(fresh(alone).owner, Owner.DIGITALAGENTUR)
