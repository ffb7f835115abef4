"""Cross-links between solutions and pages that link to a solution."""

from __future__ import annotations

from http import HTTPStatus

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import RequestFactory, TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page, PageViewRestriction, ReferenceIndex
from wagtail.rich_text import RichText
from wagtail.test.utils import WagtailTestUtils
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from apps.knowledge.models import SolutionRelation, ThemePage
from apps.knowledge.models.relations import linked_pages, related_solutions
from tests.knowledge import factories
from tests.knowledge.factories import (
    PortalFactory,
    SolutionPageFactory,
    TranslationFactory,
    relate,
)


def link_in_body(page: Page, target: Page, *, publish: bool = True) -> Page:
    """Put a rich-text link to ``target`` into the body of ``page``."""
    page = page.specific_class.objects.get(pk=page.pk)
    page.body = [
        (
            "paragraph",
            RichText(f'<p>Siehe <a linktype="page" id="{target.pk}">hier</a>.</p>'),
        )
    ]
    revision = page.save_revision()
    if publish:
        revision.publish()
    return page


def link_in_link_list(page: Page, target: Page) -> Page:
    """Put ``target`` into a link list block of ``page`` and publish it."""
    page = page.specific_class.objects.get(pk=page.pk)
    page.body = [
        (
            "link_list",
            {
                "heading": "Mehr",
                "links": [{"title": "Lösung", "page": target, "url": ""}],
            },
        )
    ]
    page.save_revision().publish()
    return page


def fresh(page: Page) -> Page:
    return Page.objects.get(pk=page.pk).specific


class RelatedSolutionsTests(TestCase):
    """A relation set on one solution shows on both, as far as a visitor may see."""

    @classmethod
    def setUpTestData(cls):
        cls.portal = PortalFactory()
        cls.a = SolutionPageFactory(portal=cls.portal, title="Dorfladen digital")
        cls.b = SolutionPageFactory(portal=cls.portal, title="Mobilitätsstation")
        cls.c = SolutionPageFactory(portal=cls.portal, title="Gemeindeschwester")

    def test_relation__shows_on_both_pages(self):
        relate(self.a, self.b)
        self.assertEqual(fresh(self.a).get_related_solutions(), [self.b])
        self.assertEqual(fresh(self.b).get_related_solutions(), [self.a])
        self.assertEqual(fresh(self.c).get_related_solutions(), [])

    def test_relations__keep_the_editors_order_then_incoming(self):
        relate(self.a, self.c, self.b)
        d = SolutionPageFactory(portal=self.portal, title="Vierte")
        relate(d, self.a)
        self.assertEqual(related_solutions(fresh(self.a)), [self.c, self.b, d])

    def test_context__has_related_solutions(self):
        relate(self.a, self.b)
        request = RequestFactory().get("/")
        context = fresh(self.b).get_context(request)
        self.assertEqual(context["related_solutions"], [self.a])

    def test_portal_page__links_both_ways(self):
        relate(self.a, self.b)
        for page, other in ((self.a, self.b), (self.b, self.a)):
            with self.subTest(page=page.title):
                response = self.client.get(fresh(page).url)
                self.assertEqual(response.status_code, HTTPStatus.OK)
                self.assertEqual(response.context["related_solutions"], [other])
                self.assertContains(response, f'href="{other.url}"')

    def test_translations__are_shown_in_the_visitors_language(self):
        relate(self.a, self.b)
        a_da = TranslationFactory(page=self.a, language_code="da")
        b_da = TranslationFactory(page=self.b, language_code="da")
        self.assertEqual(related_solutions(a_da), [b_da])
        self.assertEqual(related_solutions(b_da), [a_da])
        self.assertEqual(related_solutions(fresh(self.b)), [self.a])

    def test_missing_translation__falls_back_to_another_language(self):
        relate(self.a, self.b)
        a_en = TranslationFactory(page=self.a, language_code="en")
        self.assertEqual(related_solutions(a_en), [self.b])

    def test_solution_only_in_danish__appears_on_the_german_page(self):
        area_da = TranslationFactory(page=self.portal.area, language_code="da")
        danish_only = factories.SolutionPageFactory(parent=area_da, title="Kun dansk")
        self.assertEqual(danish_only.locale.language_code, "da")
        relate(danish_only, self.a)
        self.assertEqual(related_solutions(fresh(self.a)), [danish_only])
        a_en = TranslationFactory(page=self.a, language_code="en")
        self.assertEqual(related_solutions(a_en), [danish_only])

    def test_relation_set_on_the_danish_page__shows_on_the_german_pages(self):
        a_da = TranslationFactory(page=self.a, language_code="da")
        relate(a_da, self.b)
        self.assertEqual(related_solutions(fresh(self.b)), [self.a])
        self.assertEqual(related_solutions(fresh(self.a)), [self.b])

    def test_removed_relation__disappears_before_translations_are_synced(self):
        relate(self.a, self.b)
        TranslationFactory(
            page=self.a, language_code="da"
        )  # the Danish copy holds the relation too
        relate(self.a)  # the editor removes it from the German page
        self.assertEqual(related_solutions(fresh(self.a)), [])
        self.assertEqual(related_solutions(fresh(self.b)), [])

    def test_unpublished_target__never_appears(self):
        relate(self.a, self.b)
        fresh(self.b).unpublish()
        self.assertEqual(related_solutions(fresh(self.a)), [])

    def test_unpublished_source__never_appears_on_the_target(self):
        relate(self.a, self.b)
        fresh(self.a).unpublish()
        self.assertEqual(related_solutions(fresh(self.b)), [])

    def test_unpublished_translation__falls_back_to_the_published_one(self):
        relate(self.a, self.b)
        a_da = TranslationFactory(page=self.a, language_code="da")
        b_da = TranslationFactory(page=self.b, language_code="da")
        fresh(b_da).unpublish()
        self.assertEqual(related_solutions(fresh(a_da)), [self.b])

    def test_private_target__never_appears(self):
        relate(self.a, self.b, self.c)
        PageViewRestriction.objects.create(
            page=self.b,
            restriction_type=PageViewRestriction.PASSWORD,
            password="geheim",
        )
        self.assertEqual(related_solutions(fresh(self.a)), [self.c])

    def test_target_in_a_private_area__never_appears(self):
        private_area = factories.PartnerAreaPageFactory(
            parent=self.portal.knowledge, title="Intern"
        )
        hidden = factories.SolutionPageFactory(parent=private_area, title="Intern")
        PageViewRestriction.objects.create(
            page=private_area, restriction_type=PageViewRestriction.LOGIN
        )
        relate(self.a, hidden, self.b)
        self.assertEqual(related_solutions(fresh(self.a)), [self.b])

    def test_deleted_target__never_appears(self):
        relate(self.a, self.b, self.c)
        fresh(self.b).delete()
        self.assertEqual(related_solutions(fresh(self.a)), [self.c])
        self.assertEqual(SolutionRelation.objects.count(), 1)

    def test_query_count__does_not_grow_with_the_relations(self):
        relate(self.a, self.b)
        page = fresh(self.a)
        with CaptureQueriesContext(connection) as one:
            related_solutions(page)
        others = [SolutionPageFactory(portal=self.portal) for _ in range(6)]
        relate(self.a, *others)
        for other in others[:3]:
            relate(other, self.a)
        page = fresh(self.a)
        with self.assertNumQueries(len(one.captured_queries)):
            self.assertEqual(len(related_solutions(page)), 6)


class LinkingPagesTests(TestCase):
    """Pages whose content links to a solution are listed on it (reference index)."""

    @classmethod
    def setUpTestData(cls):
        cls.portal = PortalFactory()
        cls.solution = SolutionPageFactory(portal=cls.portal, title="Dorfladen digital")
        cls.other = SolutionPageFactory(portal=cls.portal, title="Mobilitätsstation")

    def context(self, page: Page) -> dict:
        return fresh(page).get_context(RequestFactory().get("/"))

    def test_rich_text_link__is_recorded_in_the_reference_index(self):
        link_in_body(self.portal.theme, self.solution)
        references = ReferenceIndex.get_references_to(self.solution)
        self.assertEqual(
            [(ref.object_id, ref.model_path) for ref in references],
            [(str(self.portal.theme.pk), "body.paragraph")],
        )

    def test_theme_page_linking_in_rich_text__is_listed(self):
        link_in_body(self.portal.theme, self.solution)
        self.assertEqual(
            self.context(self.solution)["linking_pages"], [self.portal.theme]
        )
        self.assertEqual(self.context(self.other)["linking_pages"], [])

    def test_link_list_block__is_listed(self):
        link_in_link_list(self.portal.theme, self.solution)
        self.assertEqual(linked_pages(fresh(self.solution)), [self.portal.theme])

    def test_solution_linking_in_its_body__is_listed(self):
        link_in_body(self.other, self.solution)
        self.assertEqual(self.context(self.solution)["linking_pages"], [self.other])

    def test_related_solution__is_not_repeated_as_linking_page(self):
        relate(self.other, self.solution)
        context = self.context(self.solution)
        self.assertEqual(context["related_solutions"], [self.other])
        self.assertEqual(context["linking_pages"], [])

    def test_draft_link__is_not_listed_until_published(self):
        link_in_body(self.portal.theme, self.solution, publish=False)
        self.assertEqual(linked_pages(fresh(self.solution)), [])
        fresh(self.portal.theme).get_latest_revision().publish()
        self.assertEqual(linked_pages(fresh(self.solution)), [self.portal.theme])

    def test_removed_link__is_no_longer_listed(self):
        theme = link_in_body(self.portal.theme, self.solution)
        theme.body = []
        theme.save_revision().publish()
        self.assertEqual(linked_pages(fresh(self.solution)), [])

    def test_unpublished_linking_page__is_not_listed(self):
        link_in_body(self.portal.theme, self.solution)
        fresh(self.portal.theme).unpublish()
        self.assertEqual(linked_pages(fresh(self.solution)), [])

    def test_private_linking_page__is_not_listed(self):
        link_in_body(self.portal.theme, self.solution)
        PageViewRestriction.objects.create(
            page=self.portal.themes, restriction_type=PageViewRestriction.LOGIN
        )
        self.assertEqual(linked_pages(fresh(self.solution)), [])

    def test_danish_visitor__sees_the_danish_theme_page(self):
        theme = link_in_body(self.portal.theme, self.solution)
        theme_da = TranslationFactory(page=theme, language_code="da")
        solution_da = TranslationFactory(page=self.solution, language_code="da")
        self.assertEqual(linked_pages(solution_da), [theme_da])
        self.assertEqual(linked_pages(fresh(self.solution)), [self.portal.theme])

    def test_link_to_the_danish_version__counts_for_the_german_page(self):
        solution_da = TranslationFactory(page=self.solution, language_code="da")
        link_in_body(self.portal.theme, solution_da)
        self.assertEqual(linked_pages(fresh(self.solution)), [self.portal.theme])

    def test_portal_page__links_to_the_linking_page(self):
        link_in_body(self.portal.theme, self.solution)
        response = self.client.get(fresh(self.solution).url)
        self.assertEqual(response.status_code, HTTPStatus.OK)
        self.assertContains(response, f'href="{self.portal.theme.url}"')


class LinkingPagesThroughTheAdminTests(WagtailTestUtils, TestCase):
    """An editor's link in the admin reaches the reference index and the portal."""

    @classmethod
    def setUpTestData(cls):
        cls.portal = PortalFactory()
        cls.solution = SolutionPageFactory(portal=cls.portal, title="Dorfladen digital")
        cls.user = get_user_model().objects.create_superuser(
            "admin", "admin@example.org", "password"
        )

    def test_editor_links_a_solution_from_the_theme_page(self):
        self.client.force_login(self.user)
        theme = self.portal.theme
        data = nested_form_data(
            {
                "title": theme.title,
                "slug": theme.slug,
                "field_of_action": self.portal.field.pk,
                "intro": "",
                "body": streamfield(
                    [
                        (
                            "paragraph",
                            rich_text(
                                f'<p>Beispiel: <a linktype="page" '
                                f'id="{self.solution.pk}">Dorfladen</a></p>'
                            ),
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
        self.assertEqual(response.status_code, HTTPStatus.FOUND)
        self.assertTrue(
            ReferenceIndex.get_references_to(self.solution)
            .filter(object_id=str(theme.pk))
            .exists()
        )
        with translation.override("de"):
            response = self.client.get(fresh(self.solution).url)
        self.assertEqual(response.context["linking_pages"], [theme])
        self.assertIsInstance(response.context["linking_pages"][0], ThemePage)
        self.assertContains(response, f'href="{theme.url}"')
