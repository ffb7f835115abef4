"""The demo content: seed_demo builds a complete, trilingual portal, idempotently."""

from __future__ import annotations

import re
from collections import Counter
from http import HTTPStatus
from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import translation
from taggit.models import Tag
from wagtail.models import Locale, Page, PageLogEntry, Revision, Site

from apps.demo import taxonomy
from apps.demo.images import TEASER_IMAGES
from apps.demo.seed import demo_key
from apps.demo.solutions import SOLUTIONS, TAGS, languages_of
from apps.demo.synthetic import SLUG_PREFIX, plan
from apps.knowledge.choices import Country, OrganisationKind, Phase, TransferPhase
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
    SolutionPageTag,
    SolutionPartner,
    SolutionRelation,
    StatisticsPage,
    TagTranslation,
    ThemeIndexPage,
    ThemePage,
)
from apps.knowledge.models.relations import related_solutions
from apps.knowledge.models.snippets import slug_from_name
from apps.knowledge.portal.figures import portfolio_figures
from tests.demo.reuse_demo import ReuseDemoChecks

LANGUAGES = ("de", "da", "en")
LEGAL_MODELS = (LegalNoticePage, PrivacyNoticePage, AccessibilityStatementPage)


def seed(*args: str, **options) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out, **options)
    return out.getvalue()


def snapshot() -> dict:
    """Everything the seed creates, in a form two runs can be compared by."""
    pages = Page.objects.values_list(
        "translation_key", "locale__language_code", "title", "url_path", "live"
    )
    return {
        "pages": sorted((str(k), lang, t, u, live) for k, lang, t, u, live in pages),
        "snippets": sorted(
            (model.__name__, str(key), lang, str(obj))
            for model in (FieldOfAction, Organisation, Contact)
            for obj in model.objects.select_related("locale")
            for key, lang in [(obj.translation_key, obj.locale.language_code)]
        ),
        "tags": sorted(Tag.objects.values_list("name", flat=True)),
        "tagged": sorted(
            SolutionPageTag.objects.values_list("content_object_id", "tag__name")
        ),
        "tag_translations": sorted(
            TagTranslation.objects.values_list("tag__slug", "language", "name")
        ),
        "relations": sorted(
            SolutionRelation.objects.values_list("page_id", "target_id")
        ),
        "children": {
            model.__name__: model.objects.count()
            for model in (SolutionFieldOfAction, SolutionPartner, SolutionContact)
        },
        "revisions": Revision.objects.count(),
        "sites": list(Site.objects.values_list("hostname", "root_page_id")),
        "users": sorted(get_user_model().objects.values_list("username", flat=True)),
    }


class SeedDemoTests(ReuseDemoChecks, TestCase):
    """One seeded portal for the whole class; each test runs in a savepoint."""

    @classmethod
    def setUpTestData(cls):
        # --if-empty on an empty database seeds, as `make run` relies on.
        cls.output = seed("--if-empty")
        cls.locales = {
            code: Locale.objects.get(language_code=code) for code in LANGUAGES
        }

    def solutions(self, language: str):
        return SolutionPage.objects.filter(locale=self.locales[language])

    def test_seed_demo__reports_content_and_logins(self):
        self.assertIn("Demo content ready", self.output)
        self.assertIn("admin", self.output)
        self.assertIn("flensburg-editor", self.output)
        self.assertIn("never use in production", self.output)

    def test_seed_demo__theme_pages_say_their_description_once(self):
        for language in LANGUAGES:
            theme = ThemePage.objects.filter(locale=self.locales[language]).first()
            html = self.client.get(theme.url).content.decode()
            # Said once to the reader; the structured data for machines aside.
            shown = re.sub(
                r'<script type="application/ld\+json">.*?</script>',
                "",
                html,
                flags=re.S,
            )
            text = theme.field_of_action.description[:40]
            with self.subTest(language=language):
                self.assertTrue(text)
                self.assertEqual(shown.count(text), 1, theme.url)

    def test_seed_demo__twice_gives_same_content(self):
        before = snapshot()
        output = seed()
        self.assertEqual(snapshot(), before)
        self.assertIn("nothing new", output)

    def test_seed_demo__if_empty_does_nothing_when_content_exists(self):
        before = snapshot()
        with self.assertNumQueries(1):
            output = seed("--if-empty")
        self.assertIn("already present", output)
        self.assertEqual(snapshot(), before)

    def test_seed_demo__site_root_is_german_home(self):
        site = Site.objects.get(is_default_site=True)
        home = site.root_page.specific
        self.assertIsInstance(home, HomePage)
        self.assertEqual(home.locale.language_code, "de")
        self.assertEqual(Site.objects.count(), 1)
        # Wagtail's welcome page is gone; the da/en homes are live siblings.
        roots = Page.objects.filter(depth=2)
        self.assertEqual(roots.count(), 3)
        for page in roots:
            self.assertIsInstance(page.specific, HomePage)
            self.assertTrue(page.live)
            self.assertEqual(page.translation_key, home.translation_key)

    # -- legal pages and plain language (issue 16) --------------------------------

    def test_seed_demo__legal_pages_live_under_each_languages_home(self):
        for model in LEGAL_MODELS:
            pages = model.objects.live()
            with self.subTest(model=model.__name__):
                self.assertEqual(
                    sorted(pages.values_list("locale__language_code", flat=True)),
                    sorted(LANGUAGES),
                )
                self.assertEqual(len({page.translation_key for page in pages}), 1)
                for page in pages:
                    home = HomePage.objects.get(
                        translation_key=demo_key("page", "home"), locale=page.locale
                    )
                    self.assertEqual(page.get_parent().pk, home.pk)

    def test_seed_demo__legal_pages_render_with_demo_data_marked(self):
        expected = {
            "de": (
                "Impressum",
                "Datenschutzerklärung",
                "DEMO-DATEN",
                "Beschwerdestelle",
            ),
            "da": (
                "Kolofon",
                "Privatlivspolitik",
                "DEMODATA",
                "Digitaliseringsstyrelsen",
            ),
            "en": ("Legal notice", "Privacy notice", "DEMO DATA", "conciliation body"),
        }
        for language in LANGUAGES:
            pages = [
                model.objects.get(locale=self.locales[language])
                for model in LEGAL_MODELS
            ]
            html = "".join(self.client.get(page.url).content.decode() for page in pages)
            with self.subTest(language=language):
                self.assertTrue(pages[0].url.startswith(f"/{language}/"))
                for text in expected[language]:
                    self.assertIn(text, html)
                # The privacy notice names the supervisory authority of
                # Schleswig-Holstein; the statement links the Danish service.
                self.assertIn("Unabhängiges Landeszentrum für Datenschutz", html)
                self.assertIn("https://www.was.digst.dk/", html)

    def test_seed_demo__footer_of_a_danish_solution_links_the_danish_legal_pages(self):
        solution = SolutionPage.objects.filter(locale=self.locales["da"]).first()
        html = self.client.get(solution.url).content.decode()
        for model in LEGAL_MODELS:
            page = model.objects.get(locale=self.locales["da"])
            self.assertIn(f'href="{page.url}"', html)

    def test_seed_demo__gives_two_solutions_a_plain_language_summary_in_each_language(
        self,
    ):
        key = demo_key("page", "solution:flensburg-barrierefreie-wege")
        words = {
            "de": "Wege ohne Stufen",
            "da": "veje uden trin",
            "en": "without steps",
        }
        for language in LANGUAGES:
            page = SolutionPage.objects.get(
                translation_key=key, locale=self.locales[language]
            )
            html = self.client.get(page.url).content.decode()
            with self.subTest(language=language):
                self.assertIn('class="plain-language"', html)
                self.assertIn(words[language], html)
        filled = SolutionPage.objects.exclude(plain_language_summary="")
        self.assertEqual(filled.count(), 2 * len(LANGUAGES))

    def test_seed_demo__site_and_addresses_match_make_run(self):
        """On a fresh database the Site record is Wagtail's localhost:80; the seed
        gives it the public base URL, where `make run` serves."""
        Site.objects.filter(is_default_site=True).update(hostname="localhost", port=80)
        with override_settings(PUBLIC_BASE_URL="http://127.0.0.1:8000"):
            seed()
            site = Site.objects.get(is_default_site=True)
            self.assertEqual((site.hostname, site.port), ("127.0.0.1", 8000))
            self.assertEqual(site.root_url, "http://127.0.0.1:8000")
            solution = self.solutions("da").first()
            self.assertEqual(solution.full_url, f"http://127.0.0.1:8000{solution.url}")

    def test_seed_demo__danish_and_english_addresses_use_their_own_words(self):
        """Not /da/loesungen/: the sections and themes have translated slugs."""
        expected = {
            KnowledgeIndexPage: ("loesungen", "loesninger", "solutions"),
            ThemeIndexPage: ("handlungsfelder", "indsatsomraader", "themes"),
            ContactDirectoryPage: ("kontakte", "kontakter", "contacts"),
        }
        for model, slugs in expected.items():
            for language, slug in zip(LANGUAGES, slugs, strict=True):
                with self.subTest(model=model.__name__, language=language):
                    page = model.objects.get(locale=self.locales[language])
                    self.assertEqual(page.slug, slug)
                    response = self.client.get(f"/{language}/{slug}/")
                    self.assertEqual(response.status_code, HTTPStatus.OK)
        for theme in ThemePage.objects.filter(locale=self.locales["da"]):
            source = theme.get_translation(self.locales["de"])
            with self.subTest(theme=theme.title):
                self.assertNotEqual(theme.slug, source.slug)
                self.assertIn(f"/da/indsatsomraader/{theme.slug}/", theme.url)
        mobility = ThemePage.objects.get(
            locale=self.locales["da"], slug="groen-energi-og-forbundet-mobilitet"
        )
        self.assertEqual(self.client.get(mobility.url).status_code, HTTPStatus.OK)

    def test_seed_demo__translated_titles_have_translated_addresses(self):
        """Not /da/loesninger/daenische-partner/: every Danish or English page whose
        title is not the German one has a slug of its own, partner areas and
        solutions included (some German theme slugs are English words already)."""
        german = self.locales["de"]
        checked = Counter()
        pages = Page.objects.filter(depth__gt=1).exclude(locale=german)
        for page in pages.exclude(slug__startswith=SLUG_PREFIX).specific():
            source = page.get_translation_or_none(german)
            if source is None or source.title == page.title:
                continue
            own_words = slug_from_name(page.title, 80)
            with self.subTest(page=page.url_path):
                self.assertTrue(page.slug != source.slug or page.slug == own_words)
            checked[type(page).__name__] += 1
        self.assertGreaterEqual(checked["PartnerAreaPage"], 8)
        self.assertGreaterEqual(checked["SolutionPage"], 20)

    def test_seed_demo__danish_area_and_solution_answer_at_danish_addresses(self):
        def version(key: str, language: str) -> Page:
            return Page.objects.get(
                translation_key=demo_key("page", key), locale=self.locales[language]
            )

        area = version("area:daenische-partner", "da")
        self.assertEqual(area.url, "/da/loesninger/danske-partnere/")
        self.assertEqual(
            version("area:daenische-partner", "en").url,
            "/en/solutions/danish-partners/",
        )
        self.assertEqual(
            version("area:stadt-flensburg", "da").url, "/da/loesninger/flensborg-by/"
        )
        solution = version("solution:flensburg-beteiligungsplattform", "da")
        self.assertTrue(solution.url.startswith("/da/loesninger/flensborg-by/"))
        self.assertNotIn("beteiligungsplattform", solution.url)
        for page in (area, solution):
            with self.subTest(url=page.url):
                response = self.client.get(page.url)
                self.assertEqual(response.status_code, HTTPStatus.OK)
                self.assertContains(response, page.title)
        # The German words are not a Danish address.
        old = self.client.get("/da/loesninger/daenische-partner/")
        self.assertEqual(old.status_code, HTTPStatus.NOT_FOUND)

    def test_seed_demo__structure_exists_in_every_language_with_translated_titles(self):
        expected = {
            HomePage: 1,
            KnowledgeIndexPage: 1,
            ThemeIndexPage: 1,
            ContactDirectoryPage: 1,
            PartnerAreaPage: len(taxonomy.PARTNER_AREAS),
            ThemePage: len(taxonomy.FIELDS_OF_ACTION),
        }
        for model, count in expected.items():
            for language in LANGUAGES:
                pages = model.objects.filter(locale=self.locales[language])
                with self.subTest(model=model.__name__, language=language):
                    self.assertEqual(pages.count(), count)
                    self.assertFalse(pages.not_live().exists())
        titles = {
            page.locale.language_code: page.title
            for page in KnowledgeIndexPage.objects.select_related("locale")
        }
        self.assertEqual(
            titles, {"de": "Lösungen", "da": "Løsninger", "en": "Solutions"}
        )
        # Every language tree hangs below its own home page.
        for area in PartnerAreaPage.objects.all():
            home = area.get_ancestors().type(HomePage).get().specific
            self.assertEqual(home.locale_id, area.locale_id)
        area_titles = set(
            PartnerAreaPage.objects.filter(locale=self.locales["de"]).values_list(
                "title", flat=True
            )
        )
        self.assertEqual(
            area_titles,
            {
                "Stadt Flensburg",
                "Kreis Nordfriesland",
                "Kreis Schleswig-Flensburg",
                "Digitalagentur",
                "Dänische Partner",
            },
        )

    def test_seed_demo__snippets_exist_in_every_language_with_one_translation_key(self):
        for model, minimum in [(FieldOfAction, 7), (Organisation, 17), (Contact, 15)]:
            keys = {
                language: set(
                    model.objects.filter(locale=self.locales[language]).values_list(
                        "translation_key", flat=True
                    )
                )
                for language in LANGUAGES
            }
            with self.subTest(model=model.__name__):
                self.assertGreaterEqual(len(keys["de"]), minimum)
                self.assertEqual(keys["de"], keys["da"])
                self.assertEqual(keys["de"], keys["en"])
        health = {
            field.locale.language_code: field.name
            for field in FieldOfAction.objects.filter(
                translation_key=demo_key("field", "health")
            )
        }
        self.assertEqual(
            health,
            {
                "de": "Gesundheit in allen Lebenslagen",
                "da": "Sundhed i alle livets faser",
                "en": "Health in all stages of life",
            },
        )
        self.assertEqual(FieldOfAction.objects.filter(cross_cutting=True).count(), 12)

    def test_seed_demo__organisations_have_correct_kind_and_country(self):
        german = {
            o.slug: o for o in Organisation.objects.filter(locale__language_code="de")
        }
        self.assertEqual(german["stadt-flensburg"].kind, OrganisationKind.CITY)
        self.assertEqual(german["kreis-nordfriesland"].kind, OrganisationKind.DISTRICT)
        self.assertEqual(german["digitalagentur"].kind, OrganisationKind.AGENCY)
        for slug in [
            "aabenraa-kommune",
            "soenderborg-kommune",
            "toender-kommune",
            "haderslev-kommune",
        ]:
            self.assertEqual(german[slug].kind, OrganisationKind.DANISH_MUNICIPALITY)
            self.assertEqual(german[slug].country, Country.DENMARK)
        self.assertEqual(german["region-syddanmark"].kind, OrganisationKind.REGION)
        self.assertEqual(german["syddansk-universitet"].country, Country.DENMARK)
        self.assertEqual(german["hochschule-flensburg"].kind, OrganisationKind.RESEARCH)
        kinds = {o.kind for o in german.values()}
        self.assertLessEqual(
            {OrganisationKind.ASSOCIATION, OrganisationKind.COMPANY}, kinds
        )

    def test_seed_demo__contacts_are_fictional_and_point_to_their_language(self):
        for contact in Contact.objects.select_related("organisation"):
            self.assertRegex(contact.email, r"@example\.(org|dk)$")
            self.assertTrue(contact.languages)
            self.assertEqual(contact.organisation.locale_id, contact.locale_id)

    def test_seed_demo__every_phase_field_and_area_is_used(self):
        german_and_danish = SolutionPage.objects.filter(
            locale__language_code__in=["de", "da"]
        )
        self.assertEqual(
            set(german_and_danish.values_list("phase", flat=True)), set(Phase.values)
        )
        used_fields = set(
            SolutionFieldOfAction.objects.values_list(
                "field_of_action__translation_key", flat=True
            )
        )
        self.assertEqual(
            used_fields,
            {demo_key("field", item["key"]) for item in taxonomy.FIELDS_OF_ACTION},
        )
        for area in PartnerAreaPage.objects.all():
            with self.subTest(area=area.url_path):
                self.assertTrue(area.get_children().live().exists())

    def test_seed_demo__readiness_profiles_in_every_phase_and_language(self):
        phases = set(SolutionPage.objects.values_list("transfer_phase", flat=True))
        self.assertEqual(phases, {"", *TransferPhase.values})
        platform = SolutionPage.objects.filter(
            translation_key=demo_key("page", "solution:digitalagentur-datenplattform")
        )
        exit_plans = {}
        for page in platform.select_related("locale"):
            with self.subTest(language=page.locale.language_code):
                self.assertEqual(page.transfer_phase, TransferPhase.SCALING)
                self.assertEqual(page.readiness.documented, 9)
                exit_plans[page.locale.language_code] = page.exit_plan
        # The same plan in three languages' own words.
        self.assertEqual(set(exit_plans), set(LANGUAGES))
        self.assertEqual(len(set(exit_plans.values())), 3)
        idea = SolutionPage.objects.get(
            translation_key=demo_key("page", "solution:flensburg-quartiersenergie"),
            locale=self.locales["en"],
        )
        self.assertEqual(idea.transfer_phase, TransferPhase.IDEA)
        self.assertLess(idea.readiness.documented, 9)

    def test_seed_demo__solutions_exist_in_their_languages(self):
        self.assertGreaterEqual(len(SOLUTIONS), 30)
        counts = Counter()
        for solution in SOLUTIONS:
            pages = SolutionPage.objects.filter(
                translation_key=demo_key("page", f"solution:{solution['key']}")
            )
            languages = sorted(pages.values_list("locale__language_code", flat=True))
            self.assertEqual(languages, sorted(languages_of(solution)))
            self.assertFalse(pages.not_live().exists())
            counts[tuple(sorted(languages))] += 1
        self.assertGreaterEqual(counts[("da", "de", "en")], 20)
        self.assertGreaterEqual(counts[("de",)], 1)
        self.assertGreaterEqual(counts[("da",)], 2)

    def test_seed_demo__danish_only_solutions_live_in_the_danish_tree(self):
        keys = [s["key"] for s in SOLUTIONS if languages_of(s) == ["da"]]
        self.assertGreaterEqual(len(keys), 2)
        for key in keys:
            page = SolutionPage.objects.get(
                translation_key=demo_key("page", f"solution:{key}")
            )
            self.assertEqual(page.locale.language_code, "da")
            self.assertTrue(page.url_path.startswith("/start-da/"))
            self.assertEqual(page.lead_organisation.locale_id, page.locale_id)
            self.assertEqual(page.currency, "DKK")

    def test_seed_demo__tags_carry_their_danish_and_english_names(self):
        translations = {
            (slug, language): name
            for slug, language, name in TagTranslation.objects.values_list(
                "tag__slug", "language", "name"
            )
        }

        self.assertEqual(translations[("mobility", "da")], "mobilitet")
        self.assertEqual(translations[("mobility", "en")], "mobility")
        self.assertEqual(translations[("cross-border", "da")], "grænseoverskridende")
        # Where every language uses the German word there is nothing to translate.
        self.assertNotIn(("lorawan", "da"), translations)
        self.assertEqual(
            Tag.objects.filter(slug__in=TAGS).count(),
            len(TAGS),
        )

    def test_seed_demo__solution_has_full_content_in_each_language(self):
        pages = SolutionPage.objects.filter(
            translation_key=demo_key("page", "solution:flensburg-mobilitaetsstationen")
        ).select_related("locale", "lead_organisation")
        titles = set()
        for page in pages:
            language = page.locale.language_code
            with self.subTest(language=language):
                titles.add(page.title)
                blocks = [block.block_type for block in page.body]
                self.assertEqual(
                    blocks,
                    [
                        "paragraph",
                        "heading",
                        "paragraph",
                        "key_figures",
                        "quote",
                        "link_list",
                    ],
                )
                self.assertEqual(page.lead_organisation.locale_id, page.locale_id)
                self.assertEqual(page.budget, 850000)
                self.assertEqual(page.currency, "EUR")
                self.assertIsNotNone(page.latitude)
                self.assertIsNotNone(page.start_date)
                self.assertEqual(page.licence, "EUPL-1.2")
                self.assertTrue(page.source_repository)
                self.assertTrue(page.open_data_url)
                self.assertTrue(page.adoption_requirements)
                # The same tags on every language version, as wagtail-localize
                # copies them; named in German, translated for the portal.
                self.assertEqual(
                    set(page.tags.values_list("slug", "name")),
                    {
                        (key, TAGS[key]["de"])
                        for key in ["mobility", "sharing", "e-mobility"]
                    },
                )
                for field in page.fields_of_action.all():
                    self.assertEqual(field.field_of_action.locale_id, page.locale_id)
                for contact in page.contacts.all():
                    self.assertEqual(contact.contact.locale_id, page.locale_id)
                self.assertEqual(page.partners.count(), 2)
        self.assertEqual(len(titles), 3)
        currencies = set(SolutionPage.objects.values_list("currency", flat=True))
        self.assertEqual(currencies, {"EUR", "DKK"})

    def test_seed_demo__cross_links_exist_in_both_directions(self):
        self.assertGreater(SolutionRelation.objects.count(), 50)
        hub = SolutionPage.objects.get(
            translation_key=demo_key("page", "solution:flensburg-mobilitaetsstationen"),
            locale=self.locales["da"],
        )
        # The Danish version links to Danish versions of its targets.
        for relation in hub.related_links.select_related("target"):
            self.assertEqual(relation.target.locale_id, hub.locale_id)
        related = {page.translation_key for page in related_solutions(hub)}
        self.assertLessEqual(
            {
                demo_key("page", "solution:slfl-mitfahrbank"),
                demo_key("page", "solution:nf-rufbus"),
            },
            related,
        )
        # Incoming: the German-only school-route idea links to the hubs.
        self.assertIn("flensburg-sicherer-schulweg", related_solutions_slugs(hub, "de"))

    def test_seed_demo__solutions_pass_model_and_block_validation(self):
        stream_block = SolutionPage._meta.get_field("body").stream_block
        for page in SolutionPage.objects.all():
            with self.subTest(page=page.url_path):
                page.full_clean()
                stream_block.clean(page.body)

    def test_seed_demo__pages_render_in_every_language(self):
        models = [
            HomePage,
            KnowledgeIndexPage,
            PartnerAreaPage,
            ThemeIndexPage,
            ThemePage,
            ContactDirectoryPage,
            SolutionPage,
        ]
        for model in models:
            for language in LANGUAGES:
                page = model.objects.filter(locale=self.locales[language]).first()
                with self.subTest(model=model.__name__, language=language):
                    response = self.client.get(page.url)
                    self.assertEqual(response.status_code, HTTPStatus.OK)

    def test_seed_demo__admin_edit_view_opens_every_kind_of_page(self):
        self.client.login(username="admin", password="admin")
        for page in Page.objects.filter(
            depth__in=[2, 3, 4, 5], locale=self.locales["da"]
        ):
            with self.subTest(page=page.url_path):
                response = self.client.get(
                    reverse("wagtailadmin_pages:edit", args=[page.pk])
                )
                self.assertEqual(response.status_code, HTTPStatus.OK)

    def test_seed_demo__admin_can_log_in(self):
        self.assertTrue(self.client.login(username="admin", password="admin"))
        response = self.client.get("/admin/")
        self.assertEqual(response.status_code, HTTPStatus.OK)

    def test_seed_demo__keeps_an_existing_admin_password(self):
        admin = get_user_model().objects.get(username="admin")
        admin.set_password("changed-by-the-developer")
        admin.save()
        seed()
        self.assertTrue(
            self.client.login(username="admin", password="changed-by-the-developer")
        )

    def test_seed_demo__page_tree_is_valid(self):
        self.assertEqual(tree_problems(), [])

    def test_seed_demo__statistics_page_in_every_language_counts_its_solutions(self):
        slugs = ("in-zahlen", "i-tal", "in-figures")
        for language, slug in zip(LANGUAGES, slugs, strict=True):
            page = StatisticsPage.objects.live().get(locale=self.locales[language])
            with self.subTest(language=language):
                self.assertEqual(page.url, f"/{language}/{slug}/")
                response = self.client.get(page.url)
                self.assertEqual(response.status_code, HTTPStatus.OK)
                self.assertContains(response, 'role="img"', count=7)
                self.assertContains(response, "<caption>", count=8)
                with translation.override(language):
                    figures = portfolio_figures(self.locales[language])
                counts = {f.key: {r.key: r.value for r in f.rows} for f in figures}
                self.assertEqual(
                    figures[0].total, self.solutions(language).live().count()
                )
                # The demo has both sides of the border and both currencies.
                self.assertGreater(counts["cross-border"]["cross-border"], 0)
                self.assertGreater(counts["countries"]["DK"], 0)
                self.assertGreater(counts["budgets"]["EUR"], 0)
                self.assertGreater(counts["budgets"]["DKK"], 0)

    def test_synthetic__adds_n_pages_and_a_rerun_adds_none(self):
        before = SolutionPage.objects.count()
        output = seed(synthetic=9)
        self.assertIn("9 of 9 added", output)
        self.assertEqual(SolutionPage.objects.count(), before + 9)
        languages = Counter(
            SolutionPage.objects.filter(slug__startswith=SLUG_PREFIX).values_list(
                "locale__language_code", flat=True
            )
        )
        self.assertEqual(languages, {"de": 4, "da": 3, "en": 2})
        # The first group is one solution in three languages.
        group = SolutionPage.objects.filter(slug=f"{SLUG_PREFIX}0")
        self.assertEqual(group.values("translation_key").distinct().count(), 1)
        self.assertEqual(group.count(), 3)

        output = seed(synthetic=9)
        self.assertIn("0 of 9 added", output)
        self.assertEqual(SolutionPage.objects.count(), before + 9)

        seed(synthetic=12)
        self.assertEqual(SolutionPage.objects.count(), before + 12)

    def test_synthetic__page_tree_stays_valid(self):
        seed(synthetic=25)
        self.assertEqual(tree_problems(), [])
        for area in PartnerAreaPage.objects.all():
            self.assertEqual(area.numchild, area.get_children().count())
        synthetic = SolutionPage.objects.filter(slug__startswith=SLUG_PREFIX)
        self.assertEqual(synthetic.count(), 25)
        for page in synthetic.select_related("locale"):
            parent = page.get_parent().specific
            self.assertIsInstance(parent, PartnerAreaPage)
            self.assertEqual(parent.locale_id, page.locale_id)
            self.assertEqual(page.url_path, f"{parent.url_path}{page.slug}/")
            self.assertTrue(page.live)
            self.assertTrue(page.fields_of_action.exists())
            self.assertTrue(page.tags.exists())
            # The page history says it was created, as Page.save writes.
            self.assertTrue(
                PageLogEntry.objects.filter(page=page, action="wagtail.create").exists()
            )
        self.assertEqual(
            set(synthetic.values_list("phase", flat=True)), set(Phase.values)
        )

    def test_synthetic__pages_are_found_by_search(self):
        seed(synthetic=9)
        found = {page.pk for page in SolutionPage.objects.live().search("Synthetische")}
        german = SolutionPage.objects.filter(
            slug__startswith=SLUG_PREFIX, locale=self.locales["de"]
        )
        self.assertEqual(german.count(), 4)
        self.assertLessEqual(set(german.values_list("pk", flat=True)), found)

    def test_synthetic__pages_are_found_by_their_tags(self):
        seed(synthetic=9)
        page = SolutionPage.objects.get(
            slug=f"{SLUG_PREFIX}0", locale=self.locales["de"]
        )
        words = f"{page.title} {page.teaser} {page.municipality}".lower()
        tag = next(tag for tag in page.tags.all() if tag.name.lower() not in words)
        found = SolutionPage.objects.live().filter(locale=self.locales["de"])
        self.assertIn(page, list(found.search(tag.name)))

    def test_synthetic__unindexed_pages_are_found_after_update_index(self):
        seed("--synthetic-unindexed", synthetic=9)
        german = SolutionPage.objects.live().filter(locale=self.locales["de"])
        self.assertEqual(list(german.search("Synthetische")), [])

        call_command("update_index", stdout=StringIO())
        found = german.search("Synthetische")
        self.assertEqual(len(found), 4)

    def test_synthetic__plan_spreads_pages_over_languages(self):
        languages = Counter(language for _, language in plan(900))
        self.assertEqual(languages, {"de": 400, "da": 300, "en": 200})

    def test_seed_demo__fields_of_action_show_their_own_pictograms(self):
        for item in taxonomy.FIELDS_OF_ACTION:
            expected = taxonomy.PICTOGRAMS[item["key"]]
            for field in FieldOfAction.objects.filter(
                translation_key=demo_key("field", item["key"])
            ):
                with self.subTest(field=field.slug, language=field.locale_id):
                    self.assertEqual(field.pictogram, expected)
        self.assertEqual(len(set(taxonomy.PICTOGRAMS.values())), 7)
        theme = ThemePage.objects.filter(locale=self.locales["da"]).first()
        html = self.client.get(theme.url).content.decode()
        self.assertIn(f"pictogram--{theme.field_of_action.pictogram}", html)

    def test_seed_demo__illustrated_solutions_describe_their_image_per_language(self):
        self.assertGreaterEqual(len(TEASER_IMAGES), 5)
        for key, spec in TEASER_IMAGES.items():
            pages = SolutionPage.objects.filter(
                translation_key=demo_key("page", f"solution:{key}")
            ).select_related("image", "locale")
            self.assertEqual(pages.count(), 3, key)
            for page in pages:
                language = page.locale.language_code
                with self.subTest(solution=key, language=language):
                    self.assertIsNotNone(page.image)
                    self.assertEqual(page.image_alt, spec["alt"][language])
                    html = self.client.get(page.url).content.decode()
                    self.assertIn(f'alt="{spec["alt"][language]}"', html)
        alts = [spec["alt"][language] for language in LANGUAGES]
        self.assertEqual(len(set(alts)), 3)


def related_solutions_slugs(page: SolutionPage, language: str) -> set[str]:
    """Slugs of the solutions related to ``page``'s version in ``language``."""
    version = page.get_translation(Locale.objects.get(language_code=language))
    return {p.slug for p in related_solutions(version)}


def tree_problems() -> list:
    """What ``manage.py fixtree`` would complain about, flattened; empty if valid."""
    return [problem for group in Page.find_problems() for problem in group]


class SeedDemoOptionsTests(TestCase):
    def test_seed_demo__refuses_a_negative_synthetic_count(self):
        with self.assertRaisesMessage(CommandError, "--synthetic"):
            seed(synthetic=-1)
        self.assertFalse(SolutionPage.objects.exists())

    def test_seed_demo__asks_for_migrate_when_a_language_is_missing(self):
        Locale.objects.filter(language_code="da").delete()
        with self.assertRaisesMessage(CommandError, "run `manage.py migrate` first"):
            seed()
