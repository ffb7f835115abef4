"""Official keys on organisations and places: ARS/AGS for German ones, the
kommunekode for Danish ones; checked on save in the admin and by the model."""

from __future__ import annotations

from http import HTTPStatus

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.test import TestCase

from apps.knowledge.choices import Country, OrganisationKind
from tests.knowledge import factories
from tests.knowledge.admin.test_ownership import (
    fresh,
    organisation_form,
    snippet_url,
)
from tests.knowledge.factories import PortalFactory, SolutionPageFactory


class OrganisationKeyTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.flensburg = factories.OrganisationFactory(
            name="Stadt Flensburg",
            slug="stadt-flensburg",
            kind=OrganisationKind.CITY,
            country=Country.GERMANY,
        )
        cls.toender = factories.OrganisationFactory(
            name="Tønder Kommune",
            slug="toender-kommune",
            kind=OrganisationKind.DANISH_MUNICIPALITY,
            country=Country.DENMARK,
        )
        cls.admin = get_user_model().objects.create_superuser(
            "admin", "admin@example.org", "pw"
        )

    def test_german_regional_key__fills_the_municipality_key(self):
        self.flensburg.regional_key = "010010000000"

        self.flensburg.full_clean()

        self.assertEqual(self.flensburg.municipality_key, "01001000")
        self.assertEqual(
            self.flensburg.political_geocoding_uris(),
            [
                "http://dcat-ap.de/def/politicalGeocoding/regionalKey/010010000000",
                "http://dcat-ap.de/def/politicalGeocoding/municipalityKey/01001000",
            ],
        )

    def test_regional_key__wrong_length_or_land_is_refused(self):
        for value in ("01001000", "170010000000", "01001000000a"):
            with self.subTest(value=value):
                self.flensburg.regional_key = value
                with self.assertRaises(ValidationError) as caught:
                    self.flensburg.full_clean()
                self.assertIn("regional_key", caught.exception.message_dict)

    def test_municipality_key__that_contradicts_the_regional_key_is_refused(self):
        self.flensburg.regional_key = "010010000000"
        self.flensburg.municipality_key = "01054056"

        with self.assertRaises(ValidationError) as caught:
            self.flensburg.full_clean()

        self.assertIn("01001000", caught.exception.message_dict["municipality_key"][0])

    def test_danish_code__on_a_danish_municipality_gives_the_dagi_uri(self):
        self.toender.danish_municipality_code = "550"

        self.toender.full_clean()

        self.assertEqual(
            self.toender.political_geocoding_uris(),
            ["https://api.dataforsyningen.dk/kommuner/0550"],
        )

    def test_keys__of_the_other_country_are_refused(self):
        self.toender.regional_key = "010010000000"
        with self.assertRaises(ValidationError) as caught:
            self.toender.full_clean()
        self.assertIn("regional_key", caught.exception.message_dict)

        self.flensburg.danish_municipality_code = "550"
        with self.assertRaises(ValidationError) as caught:
            self.flensburg.full_clean()
        self.assertIn("danish_municipality_code", caught.exception.message_dict)

    def test_danish_code__outside_101_to_860_is_refused(self):
        for value in ("55", "0550", "999", "100"):
            with self.subTest(value=value):
                self.toender.danish_municipality_code = value
                with self.assertRaises(ValidationError):
                    self.toender.full_clean()

    def test_admin__editor_saves_the_keys_of_an_organisation(self):
        self.client.force_login(self.admin)

        response = self.client.post(
            snippet_url(self.flensburg, "edit"),
            organisation_form(self.flensburg, regional_key="010010000000"),
        )

        self.assertEqual(response.status_code, HTTPStatus.FOUND)
        saved = fresh(self.flensburg).latest_revision.as_object()
        self.assertEqual(saved.regional_key, "010010000000")
        self.assertEqual(saved.municipality_key, "01001000")

    def test_admin__a_bad_key_is_shown_on_its_field(self):
        self.client.force_login(self.admin)

        response = self.client.post(
            snippet_url(self.toender, "edit"),
            organisation_form(self.toender, danish_municipality_code="55"),
        )

        self.assertEqual(response.status_code, HTTPStatus.OK)
        self.assertIn(
            "danish_municipality_code", response.context["form"].errors.as_data()
        )


class PlaceKeyTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.portal = PortalFactory()

    def test_solution_place__german_and_danish_keys_together_are_refused(self):
        page = SolutionPageFactory(portal=self.portal, title="Grenzbus")
        page.regional_key = "010010000000"
        page.danish_municipality_code = "580"

        with self.assertRaises(ValidationError) as caught:
            page.full_clean()

        self.assertIn("danish_municipality_code", caught.exception.message_dict)

    def test_solution_place__regional_key_fills_the_municipality_key(self):
        page = SolutionPageFactory(portal=self.portal, title="Rufbus Husum")
        page.regional_key = "010540056056"

        page.full_clean()

        self.assertEqual(page.municipality_key, "01054056")
