"""The editor's way through the admin: create, relate, translate, publish, serve."""

from __future__ import annotations

from http import HTTPStatus
from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import TestCase
from django.urls import reverse
from wagtail.models import GroupPagePermission, Locale, Page
from wagtail.test.utils import WagtailTestUtils
from wagtail.test.utils.form_data import rich_text
from wagtail_localize.models import (
    StringSegment,
    Translation,
    TranslationSource,
)
from wagtail_localize.operations import TranslationCreator

from apps.knowledge.models import (
    Contact,
    FieldOfAction,
    Organisation,
    SolutionContact,
    SolutionPage,
    SolutionPartner,
    SolutionRelation,
)
from tests.factories import UserProfileFactory
from tests.knowledge import factories
from tests.knowledge.factories import (
    PortalFactory,
    SolutionPageFactory,
    TranslationFactory,
)

LANGUAGES = ("de", "da", "en")

DANISH = {
    "title": "Digital landsbykasse",
    "teaser": "Et afhentningsskab til indkøb i landsbyen.",
}
ENGLISH = {
    "title": "Digital village box",
    "teaser": "A pick-up locker for shopping in the village.",
}


def make_editor(*homes: Page):
    """A user in a "Solution editors" group with page permissions below ``homes``.

    The group may also submit pages for translation with wagtail-localize.
    """
    group = Group.objects.create(name="Solution editors")
    group.permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        ),
        Permission.objects.get(
            content_type__app_label="wagtail_localize", codename="submit_translation"
        ),
    )
    for home in homes:
        for codename in ("add_page", "change_page", "publish_page"):
            GroupPagePermission.objects.create(
                group=group,
                page=home,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )
    editor = get_user_model().objects.create_user(
        "redakteurin", "redaktion@example.org", "password"
    )
    editor.groups.add(group)
    UserProfileFactory(user=editor)
    return editor


class EditorFlowTests(WagtailTestUtils, TestCase):
    """The "done when" of the foundation issue, step by step as an editor works."""

    @classmethod
    def setUpTestData(cls):
        cls.portal = PortalFactory()
        cls.other = SolutionPageFactory(
            portal=cls.portal, title="Mobilitätsstation Süderlügum"
        )
        # The portal exists in every language, as the demo content sets it up.
        cls.homes = [cls.portal.home]
        for code in ("da", "en"):
            TranslationFactory(page=cls.other, language_code=code)
            cls.homes.append(
                cls.portal.home.get_translation(Locale.objects.get(language_code=code))
            )
        cls.editor = make_editor(*cls.homes)

    def setUp(self):
        self.client.force_login(self.editor)

    def create_solution(self) -> SolutionPage:
        add_url = reverse(
            "wagtailadmin_pages:add",
            args=["knowledge", "solutionpage", self.portal.area.pk],
        )
        self.assertEqual(self.client.get(add_url).status_code, HTTPStatus.OK)
        data = SolutionPageFactory.form_data(
            fields_of_action=[self.portal.field],
            related=[self.other],
            body=[("paragraph", rich_text("<p>Einkaufen, wenn es passt.</p>"))],
            municipality="Ladelund",
            latitude="54.8420",
            longitude="9.0210",
        )
        data["action-publish"] = "action-publish"
        response = self.client.post(add_url, data)
        self.assertRedirects(
            response, reverse("wagtailadmin_explore", args=[self.portal.area.pk])
        )
        return SolutionPage.objects.get(slug="digitale-dorfkiste")

    def submit_translation(self, page: SolutionPage) -> None:
        submit_url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
        # The "Translate this page" button sits in the header of the edit view.
        edit = self.client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        self.assertContains(edit, submit_url)
        form = self.client.get(submit_url)
        self.assertEqual(form.status_code, HTTPStatus.OK)
        locales = Locale.objects.filter(language_code__in=["da", "en"])
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                submit_url, {"locales": [locale.pk for locale in locales]}
            )
        self.assertEqual(response.status_code, HTTPStatus.FOUND)

    def translate_and_publish(self, page: SolutionPage, code: str, strings: dict):
        """Type translations into the localize editor and press "Publish"."""
        target = page.get_translation(Locale.objects.get(language_code=code))
        edit_url = reverse("wagtailadmin_pages:edit", args=[target.pk])
        editor = self.client.get(edit_url)
        self.assertEqual(editor.status_code, HTTPStatus.OK)
        self.assertContains(editor, "wagtail-localize")  # the translation editor

        translation = Translation.objects.get(
            source=TranslationSource.objects.get_for_instance(page),
            target_locale__language_code=code,
        )
        segments = StringSegment.objects.filter(source=translation.source)
        for path, value in strings.items():
            segment = segments.get(context__path=path)
            response = self.client.put(
                reverse(
                    "wagtail_localize:edit_string_translation",
                    args=[translation.pk, segment.pk],
                ),
                urlencode({"value": value}),
                content_type="application/x-www-form-urlencoded",
            )
            self.assertEqual(response.status_code, HTTPStatus.CREATED)

        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(edit_url, {"action": "publish"})
        self.assertEqual(response.status_code, HTTPStatus.FOUND)
        return SolutionPage.objects.get(pk=target.pk)

    def test_editor_creates_relates_translates_and_publishes_a_solution(self):
        page = self.create_solution()
        self.assertTrue(page.live)
        self.assertEqual([r.target for r in page.related_links.all()], [self.other])

        self.submit_translation(page)
        danish = self.translate_and_publish(page, "da", DANISH)
        english = self.translate_and_publish(page, "en", ENGLISH)

        self.assertEqual(danish.title, DANISH["title"])
        self.assertEqual(english.teaser, ENGLISH["teaser"])
        for translated in (danish, english):
            self.assertTrue(translated.live)
            self.assertFalse(translated.has_unpublished_changes)
            # Inline relations are copied to the translation, not translated.
            self.assertEqual(translated.fields_of_action.count(), 1)
            self.assertEqual(translated.related_links.count(), 1)

        self.client.logout()
        versions = {"de": page, "da": danish, "en": english}
        for code in LANGUAGES:
            with self.subTest(language=code):
                solution = versions[code]
                locale = Locale.objects.get(language_code=code)
                other = self.other.get_translation(locale)
                self.assertTrue(solution.url.startswith(f"/{code}/"))

                response = self.client.get(solution.url)
                self.assertEqual(response.status_code, HTTPStatus.OK)
                self.assertContains(response, solution.title)
                self.assertEqual(response.context["related_solutions"], [other])
                self.assertContains(response, f'href="{other.url}"')

                # The other side shows the link back, in the same language.
                response = self.client.get(other.url)
                self.assertEqual(response.status_code, HTTPStatus.OK)
                self.assertEqual(response.context["related_solutions"], [solution])
                self.assertContains(response, f'href="{solution.url}"')

    def test_editor_without_page_permission__cannot_add_a_solution(self):
        other_area = factories.PartnerAreaPageFactory(
            parent=Page.get_first_root_node(), title="Fremd"
        )
        add_url = reverse(
            "wagtailadmin_pages:add",
            args=["knowledge", "solutionpage", other_area.pk],
        )
        response = self.client.get(add_url)
        self.assertNotEqual(response.status_code, HTTPStatus.OK)


class TranslateSolutionWithSnippetsTests(TestCase):
    """wagtail-localize copes with the solution's snippets and inline relations."""

    @classmethod
    def setUpTestData(cls):
        cls.portal = PortalFactory()
        cls.danish = Locale.objects.get(language_code="da")
        TranslationFactory(page=cls.portal.area, language_code="da")
        cls.lead = factories.OrganisationFactory(name="Amt Südtondern")
        cls.partner = factories.OrganisationFactory(name="Tønder Kommune")
        cls.contact = factories.ContactFactory(
            name="Mette Jensen", organisation=cls.partner
        )
        cls.other = SolutionPageFactory(portal=cls.portal, title="Mobilitätsstation")
        cls.page = SolutionPageFactory(
            portal=cls.portal, title="Dorfladen", lead_organisation=cls.lead
        )
        page = SolutionPage.objects.get(pk=cls.page.pk)
        page.partners = [SolutionPartner(organisation=cls.partner)]
        page.contacts = [SolutionContact(contact=cls.contact)]
        page.related_links = [SolutionRelation(target=cls.other)]
        page.save_revision().publish()
        cls.page = page

    def test_translation_creator__translates_page_and_lead_organisation(self):
        creator = TranslationCreator(user=None, target_locales=[self.danish])
        with self.captureOnCommitCallbacks(execute=True):
            creator.create_translations(self.page)

        translated = self.page.get_translation(self.danish)
        # A new translation is a draft until its language's reviewer approves it.
        self.assertFalse(translated.live)
        # The lead organisation (a translatable foreign key) gets a Danish copy.
        danish_lead = self.lead.get_translation(self.danish)
        self.assertEqual(translated.lead_organisation, danish_lead)
        self.assertEqual(danish_lead.slug, self.lead.slug)
        # Inline relations are synchronised: copied, pointing at the same snippets.
        self.assertEqual(
            [p.organisation for p in translated.partners.all()], [self.partner]
        )
        self.assertEqual([c.contact for c in translated.contacts.all()], [self.contact])
        self.assertEqual(
            [f.field_of_action for f in translated.fields_of_action.all()],
            [self.portal.field],
        )
        self.assertEqual(
            [r.target for r in translated.related_links.all()], [self.other]
        )

    def test_translation_creator__updates_after_a_change_of_the_source(self):
        creator = TranslationCreator(user=None, target_locales=[self.danish])
        with self.captureOnCommitCallbacks(execute=True):
            creator.create_translations(self.page)
        page = SolutionPage.objects.get(pk=self.page.pk)
        page.related_links = []
        page.budget = 5000
        page.save_revision().publish()

        source = TranslationSource.objects.get_for_instance(page)
        source.update_from_db()
        translation = Translation.objects.get(source=source, target_locale=self.danish)
        with self.captureOnCommitCallbacks(execute=True):
            translation.save_target()

        translated = SolutionPage.objects.get(pk=page.get_translation(self.danish).pk)
        self.assertEqual(translated.budget, 5000)
        self.assertEqual(translated.related_links.count(), 0)

    def test_snippets__translate_with_their_related_organisation(self):
        for snippet in (self.contact, self.portal.field):
            with self.subTest(snippet=type(snippet).__name__):
                creator = TranslationCreator(user=None, target_locales=[self.danish])
                creator.create_translations(snippet)
                translated = snippet.get_translation(self.danish)
                self.assertEqual(translated.translation_key, snippet.translation_key)

        contact = Contact.objects.get(locale=self.danish)
        self.assertEqual(contact.languages, self.contact.languages)
        self.assertEqual(
            contact.organisation, self.partner.get_translation(self.danish)
        )
        field = FieldOfAction.objects.get(locale=self.danish)
        self.assertEqual(field.slug, self.portal.field.slug)
        self.assertEqual(
            Organisation.objects.filter(locale=self.danish).get().name,
            self.partner.name,
        )
