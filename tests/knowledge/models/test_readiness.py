"""The reuse-readiness profile: its indicator, the admin form and its translation."""

from __future__ import annotations

from http import HTTPStatus

from django.test import TestCase
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale
from wagtail.test.utils import WagtailTestUtils
from wagtail_localize.models import StringSegment, Translation, TranslationSource
from wagtail_localize.operations import TranslationCreator

from apps.knowledge.choices import Licence, TransferPhase
from apps.knowledge.models import SolutionPage
from tests.knowledge.factories import PortalFactory, SolutionPageFactory

#: Every criterion documented, each by one field.
FULL_PROFILE = {
    "transfer_phase": TransferPhase.SCALING,
    "documentation": "Handbuch im Repository, Betriebshandbuch als PDF.",
    "licence": Licence.EUPL,
    "source_repository": "https://git.example.org/loesung",
    "operating_model": "Die Stadt betreibt, die Digitalagentur berät.",
    "running_costs": "12.000 EUR im Jahr, nach Einwohnern geteilt.",
    "data_interfaces": "OGC SensorThings API",
    "adoption_requirements": "Ein LoRaWAN-Netz.",
    "impact_evidence": "Evaluation 2025: 30 % weniger Fahrten.",
    "exit_plan": "Export aller Daten als CSV; Kündigung zum Jahresende.",
}


class ReadinessIndicatorTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.portal = PortalFactory()

    def test_empty_profile__not_assessed_and_nothing_documented(self):
        page = SolutionPageFactory(portal=self.portal)

        readiness = page.readiness

        self.assertEqual(readiness.phase, "")
        self.assertEqual((readiness.documented, readiness.total), (0, 9))
        with translation.override("en"):
            self.assertEqual(readiness.phase_label, "Not assessed")

    def test_full_profile__nine_of_nine_in_the_scaling_phase(self):
        page = SolutionPageFactory(portal=self.portal, **FULL_PROFILE)

        readiness = page.readiness

        self.assertEqual((readiness.documented, readiness.total), (9, 9))
        self.assertEqual(readiness.phase, "scaling")
        self.assertEqual(
            [current for _value, _label, current in readiness.phases],
            [False, False, False, True],
        )
        with translation.override("en"):
            self.assertEqual(readiness.phase_label, "Scaling")

    def test_partial_profile__counts_each_criterion_once(self):
        page = SolutionPageFactory(
            portal=self.portal,
            transfer_phase=TransferPhase.MVP,
            # Documentation by its address alone, interfaces by the open data offer.
            documentation_url="https://docs.example.org/",
            open_data_url="https://opendata.example.org/datensatz",
            # A proprietary licence is a documented licence.
            licence=Licence.PROPRIETARY,
            source_repository="https://git.example.org/loesung",
            operating_model="Betrieb durch den Kreis.",
            running_costs="   ",
            adoption_requirements="Ein Server.",
        )

        readiness = page.readiness

        documented = {c.key for c in readiness.criteria if c.documented}
        self.assertEqual(
            documented,
            {
                "documentation",
                "data_interfaces",
                "licence",
                "source_code",
                "operating_model",
                "adoption_requirements",
            },
        )
        self.assertEqual((readiness.documented, readiness.missing), (6, 3))
        self.assertEqual(
            [current for _value, _label, current in readiness.phases],
            [False, False, True, False],
        )

    def test_undecided_licence__is_missing(self):
        page = SolutionPageFactory(portal=self.portal, licence=Licence.UNKNOWN)

        licence = next(c for c in page.readiness.criteria if c.key == "licence")

        self.assertFalse(licence.documented)


class ReadinessAdminTests(WagtailTestUtils, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.portal = PortalFactory()
        cls.page = SolutionPageFactory(portal=cls.portal, slug="digitale-dorfkiste")

    def setUp(self):
        self.login()

    def test_editor__fills_the_profile_in_the_facts_tab(self):
        edit_url = reverse("wagtailadmin_pages:edit", args=[self.page.pk])
        form = self.client.get(edit_url)
        self.assertContains(form, 'name="transfer_phase"')
        self.assertContains(form, 'name="exit_plan"')

        data = SolutionPageFactory.form_data(
            fields_of_action=[self.portal.field],
            transfer_phase="proof_of_concept",
            documentation_url="https://docs.example.org/dorfkiste",
            operating_model="Der Verein betreibt die Kiste.",
            running_costs="800 EUR im Jahr.",
            data_interfaces="REST-API, https://api.example.org/",
            impact_evidence="120 Abholungen im Monat.",
            exit_plan="Die Kiste wird abgebaut, die Daten gelöscht.",
        )
        data["action-publish"] = "action-publish"
        response = self.client.post(edit_url, data)

        self.assertEqual(response.status_code, HTTPStatus.FOUND)
        page = SolutionPage.objects.get(pk=self.page.pk)
        self.assertEqual(page.transfer_phase, TransferPhase.PROOF_OF_CONCEPT)
        self.assertEqual(page.readiness.documented, 6)

    def test_editor__unknown_phase_is_refused(self):
        edit_url = reverse("wagtailadmin_pages:edit", args=[self.page.pk])
        data = SolutionPageFactory.form_data(
            fields_of_action=[self.portal.field], transfer_phase="finished"
        )
        data["action-publish"] = "action-publish"

        response = self.client.post(edit_url, data)

        self.assertEqual(response.status_code, HTTPStatus.OK)
        self.assertEqual(SolutionPage.objects.get(pk=self.page.pk).transfer_phase, "")


class ReadinessTranslationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.danish = Locale.objects.get(language_code="da")
        cls.page = SolutionPageFactory(portal=PortalFactory(), **FULL_PROFILE)

    def test_texts_are_translated__the_phase_follows_the_source(self):
        creator = TranslationCreator(user=None, target_locales=[self.danish])
        with self.captureOnCommitCallbacks(execute=True):
            creator.create_translations(self.page)
        source = TranslationSource.objects.get_for_instance(self.page)
        paths = set(
            StringSegment.objects.filter(source=source).values_list(
                "context__path", flat=True
            )
        )
        # Each text is a string for the translator; the phase is not.
        for name in (
            "documentation",
            "operating_model",
            "running_costs",
            "data_interfaces",
            "impact_evidence",
            "exit_plan",
        ):
            self.assertIn(name, paths)
        self.assertNotIn("transfer_phase", paths)

        page = SolutionPage.objects.get(pk=self.page.pk)
        page.transfer_phase = TransferPhase.MVP
        page.save_revision().publish()
        source.update_from_db()
        target = Translation.objects.get(source=source, target_locale=self.danish)
        with self.captureOnCommitCallbacks(execute=True):
            target.save_target()

        translated = SolutionPage.objects.get(pk=page.get_translation(self.danish).pk)
        self.assertEqual(translated.transfer_phase, TransferPhase.MVP)
