"""The demo's reuse graph: a Danish municipality runs a German solution (confirmed),
another Danish proposal waits, one solution builds on another.

A mixin of ``tests/demo/test_seed.py``'s ``SeedDemoTests``, so these checks read
the demo that class seeds once instead of seeding it again."""

from __future__ import annotations

from django.utils import translation

from apps.demo.reuse import seed_reuse
from apps.demo.seed import demo_key
from apps.knowledge.models import Organisation, Reuse, SolutionPage
from apps.knowledge.reuse_graph import adoption_map_features, reuse_figures


def solution(key: str, language: str) -> SolutionPage:
    return SolutionPage.objects.get(
        translation_key=demo_key("page", f"solution:{key}"),
        locale__language_code=language,
    )


class ReuseDemoChecks:
    """The demo's reuse graph; mixed into a TestCase that has seeded the demo."""

    def test_demo__toender_runs_the_dike_monitoring__shown_in_every_language(self):
        for language in ("de", "da", "en"):
            page = solution("nf-deichmonitoring", language)
            with self.subTest(language=language), translation.override(language):
                html = self.client.get(page.url).content.decode()
                tonder = Organisation.objects.get(
                    translation_key=demo_key("organisation", "toender-kommune"),
                    locale__language_code=language,
                )
                self.assertIn(tonder.name, html)
                self.assertIn("Vidå", html)
                self.assertIn("badge--cross-border", html)

    def test_demo__pending_proposal_is_not_public(self):
        pending = Reuse.objects.get(status=Reuse.Status.PROPOSED)
        self.assertEqual(pending.organisation.slug, "aabenraa-kommune")
        page = solution("slfl-dorfladen-24-7", "da")
        html = self.client.get(page.url).content.decode()
        self.assertNotIn("MobilePay", html)
        self.assertEqual(adoption_map_features([page], "da"), [])

    def test_demo__figures_and_map(self):
        self.assertEqual(
            reuse_figures("en"),
            {
                "adoptions": 1,
                "cross_border_adoptions": 1,
                "domestic_adoptions": 0,
                "derivations": 1,
            },
        )
        (feature,) = adoption_map_features([solution("nf-deichmonitoring", "da")], "da")
        self.assertEqual(feature["kind"], "adoption")
        self.assertEqual((feature["lat"], feature["lon"]), (54.933, 8.8667))

    def test_demo__derived_solution_names_what_it_builds_on(self):
        page = solution("nf-buergerwind-dashboard", "en")
        base = solution("flensburg-quartiersenergie", "en")
        html = self.client.get(page.url).content.decode()
        self.assertIn(base.title, html)

    def test_demo__seeding_again_adds_no_relation(self):
        self.assertEqual(seed_reuse(demo_key), 0)
        self.assertEqual(Reuse.objects.count(), 3)
