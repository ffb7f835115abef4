"""publiccode.yml 0.4 of software solutions: exported, checked against the
standard's required keys, and imported as a solution draft (never published)."""

from __future__ import annotations

import tempfile
from http import HTTPStatus
from io import StringIO
from pathlib import Path

import yaml
from django.core.management import CommandError, call_command
from django.test import TestCase
from django.utils import translation
from wagtail.models import PageViewRestriction

from apps.knowledge.choices import Licence, Phase
from apps.knowledge.models import SolutionPage
from apps.knowledge.open_data.publiccode import validate_publiccode
from tests.knowledge.factories import OpenDataPortalFactory

REPOSITORY = "https://git.example.org/flensburg/mobilitaetsstationen"
ADOPTION = (
    "Eine Kommune braucht Stellflächen an Knotenpunkten, einen Betreiber für die "
    "Fahrzeuge und eine Buchungsplattform; der Quellcode der App steht unter EUPL."
)


def import_publiccode(text: str, *args: str) -> str:
    out = StringIO()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "publiccode.yml"
        path.write_text(text, encoding="utf-8")
        call_command("import_publiccode", str(path), *args, stdout=out)
    return out.getvalue()


class PubliccodeTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.data = OpenDataPortalFactory()
        SolutionPage.objects.filter(
            translation_key=cls.data.mobility.translation_key
        ).update(
            licence=Licence.EUPL,
            source_repository=REPOSITORY,
            adoption_requirements=ADOPTION,
        )

    def export(self, page: SolutionPage):
        return self.client.get(f"/opendata/solutions/{page.pk}/publiccode.yml")

    def test_software_solution__valid_publiccode_in_its_languages(self):
        response = self.export(self.data.mobility)

        self.assertEqual(response.status_code, HTTPStatus.OK)
        self.assertTrue(response["Content-Type"].startswith("application/yaml"))
        document = yaml.safe_load(response.content)
        self.assertEqual(validate_publiccode(document), [])
        self.assertEqual(document["publiccodeYmlVersion"], "0.4")
        self.assertEqual(document["url"], REPOSITORY)
        self.assertEqual(document["developmentStatus"], "beta")
        self.assertEqual(document["legal"]["license"], "EUPL-1.2")
        self.assertEqual(document["legal"]["mainCopyrightOwner"], "Stadt Flensburg")
        self.assertEqual(set(document["description"]), {"de", "da"})
        self.assertEqual(document["localisation"]["availableLanguages"], ["de", "da"])

    def test_restricted_translation__not_described(self):
        PageViewRestriction.objects.create(
            page=self.data.mobility_da,
            restriction_type=PageViewRestriction.PASSWORD,
            password="secret",  # noqa: S106
        )

        document = yaml.safe_load(self.export(self.data.mobility).content)

        self.assertEqual(set(document["description"]), {"de"})
        self.assertNotIn("Mobilitetsstationer", str(document))

    def test_maintenance_contacts__only_as_far_as_each_person_consented(self):
        document = yaml.safe_load(self.export(self.data.mobility).content)

        contacts = {c["name"]: c for c in document["maintenance"]["contacts"]}
        self.assertEqual(set(contacts), {"Hanna Petersen", "Jens Madsen"})
        self.assertEqual(
            contacts["Hanna Petersen"]["email"], "hanna.petersen@example.org"
        )
        self.assertNotIn("email", contacts["Jens Madsen"])

    def test_solution_without_repository_or_not_public__not_found(self):
        for page in (self.data.care, self.data.draft, self.data.private):
            with self.subTest(page=page.title):
                self.assertEqual(self.export(page).status_code, HTTPStatus.NOT_FOUND)

    def test_validation__names_each_missing_required_key(self):
        document = yaml.safe_load(self.export(self.data.mobility).content)
        del document["legal"]
        del document["description"]["de"]["features"]
        document["developmentStatus"] = "finished"

        with translation.override("en"):
            errors = validate_publiccode(document)

        self.assertIn("legal is required.", errors)
        self.assertIn("description.de.features is required.", errors)
        self.assertTrue(any("developmentStatus finished" in e for e in errors))

    def test_import__round_trip_creates_an_unpublished_draft(self):
        exported = self.export(self.data.mobility).content.decode()
        live_before = SolutionPage.objects.live().count()

        output = import_publiccode(exported, "--parent", str(self.data.portal.area.pk))

        draft = SolutionPage.objects.exclude(
            translation_key=self.data.mobility.translation_key
        ).get(title="Mobilitätsstationen")
        self.assertIn("draft", output)
        self.assertFalse(draft.live)
        self.assertIsNone(draft.first_published_at)
        self.assertEqual(SolutionPage.objects.live().count(), live_before)
        self.assertEqual(draft.get_parent().pk, self.data.portal.area.pk)
        self.assertEqual(draft.teaser, self.data.mobility.teaser)
        self.assertEqual(draft.source_repository, REPOSITORY)
        self.assertEqual(draft.licence, Licence.EUPL)
        self.assertEqual(draft.phase, Phase.PILOT)
        self.assertEqual(draft.lead_organisation, self.data.flensburg)
        self.assertEqual(
            [item.field_of_action for item in draft.fields_of_action.all()],
            [self.data.portal.field],
        )
        self.assertIn(ADOPTION, " ".join(b.value.source for b in draft.body))
        self.assertIsNotNone(draft.latest_revision)
        # Its own export, once published, says the same.
        draft.save_revision().publish()
        again = yaml.safe_load(self.export(draft).content)
        original = yaml.safe_load(exported)
        for key in ("name", "url", "developmentStatus", "legal"):
            self.assertEqual(again[key], original[key])

    def test_import__invalid_file_creates_nothing(self):
        pages_before = SolutionPage.objects.count()

        with translation.override("en"), self.assertRaises(CommandError) as caught:
            import_publiccode("publiccodeYmlVersion: '0.4'\nname: Halb\n")

        self.assertIn("url is required.", str(caught.exception))
        self.assertEqual(SolutionPage.objects.count(), pages_before)
