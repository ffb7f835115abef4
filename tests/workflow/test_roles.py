"""Editorial roles, tested through the admin the way each user works."""

from __future__ import annotations

from http import HTTPStatus
from io import StringIO
from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import (
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
)

from apps.demo.seed import demo_key
from apps.knowledge.models import (
    FieldOfAction,
    KnowledgeIndexPage,
    PartnerAreaPage,
    PrivacyNoticePage,
    SolutionPage,
    ThemePage,
)
from apps.knowledge.roles import AREA_ROLES, DIGITALAGENTUR_GROUP, TRANSLATORS_GROUP
from apps.workflow.groups import EDITOR_PAGE_PERMISSIONS, MODERATOR_PAGE_PERMISSIONS
from tests.factories import UserProfileFactory
from tests.knowledge.factories import (
    PortalFactory,
    SolutionPageFactory,
    TranslationFactory,
)

PASSWORD = "demo"


def solution(key: str, language: str = "de") -> SolutionPage:
    return SolutionPage.objects.get(
        translation_key=demo_key("page", f"solution:{key}"),
        locale=Locale.objects.get(language_code=language),
    )


def edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def page_permissions(group_name: str) -> set[tuple[str, str, str]]:
    return set(
        GroupPagePermission.objects.filter(group__name=group_name).values_list(
            "page__url_path", "page__locale__language_code", "permission__codename"
        )
    )


@pytest.mark.django_db
class RolesTests:
    """The demo portal with its groups and demo logins, seeded once."""

    @pytest.fixture(autouse=True)
    def _django_fixtures(self, db: None, client: Any, subtests: Any) -> None:
        self.client = client
        self.subtests = subtests

    @classmethod
    def setUpTestData(cls):
        call_command("seed_demo", stdout=StringIO())
        cls.flensburg_de = solution("flensburg-mobilitaetsstationen", "de")
        cls.flensburg_da = solution("flensburg-mobilitaetsstationen", "da")
        cls.nordfriesland_de = solution("nf-rufbus", "de")
        cls.nordfriesland_da = solution("nf-rufbus", "da")

    def login(self, username: str) -> None:
        assert self.client.login(username=username, password=PASSWORD)

    def form_data(self, page: SolutionPage, title: str, action: str) -> dict:
        """The edit form as the browser sends it, with a new title and ``action``."""
        return {
            **SolutionPageFactory.form_data(
                title=title,
                slug=page.slug,
                teaser=page.teaser,
                phase=page.phase,
                fields_of_action=[
                    f.field_of_action for f in page.fields_of_action.all()
                ],
            ),
            action: "1",
        }

    # -- the groups and their permissions -------------------------------------------

    def test_setup_roles__twice_gives_same_groups_and_permissions(self):
        def state():
            return (
                sorted(Group.objects.values_list("name", flat=True)),
                sorted(
                    GroupPagePermission.objects.values_list(
                        "group__name", "page_id", "permission__codename"
                    )
                ),
                sorted(
                    GroupCollectionPermission.objects.values_list(
                        "group__name", "collection_id", "permission__codename"
                    )
                ),
                sorted(
                    Group.permissions.through.objects.values_list(
                        "group_id", "permission_id"
                    )
                ),
            )

        before = state()
        out = StringIO()
        call_command("setup_roles", stdout=out)
        assert state() == before
        assert "0 page permissions added" in out.getvalue()

    def test_setup_roles__area_groups_get_their_area_in_every_language(self):
        for role in AREA_ROLES:
            areas = PartnerAreaPage.objects.filter(
                translation_key=demo_key("page", f"area:{role.area_slug}")
            )
            assert set(areas.values_list("locale__language_code", flat=True)) == {
                "de",
                "da",
                "en",
            }
            expected_editors = {
                (area.url_path, area.locale.language_code, codename)
                for area in areas
                for codename in EDITOR_PAGE_PERMISSIONS
            }
            expected_moderators = {
                (area.url_path, area.locale.language_code, codename)
                for area in areas
                for codename in MODERATOR_PAGE_PERMISSIONS
            }
            with self.subtests.test(role=role.name):
                assert page_permissions(role.editors) == expected_editors
                assert page_permissions(role.moderators) == expected_moderators

    def test_setup_roles__digitalagentur_covers_knowledge_base_themes_directory(self):
        pages = {path for path, _, _ in page_permissions(DIGITALAGENTUR_GROUP)}
        assert pages == {
            f"/{home}/{section}/"
            for home, sections in [
                (
                    "start",
                    ("loesungen", "handlungsfelder", "kontakte")
                    + ("impressum", "datenschutz", "barrierefreiheit"),
                ),
                (
                    "start-da",
                    ("loesninger", "indsatsomraader", "kontakter")
                    + ("kolofon", "privatlivspolitik", "tilgaengelighed"),
                ),
                (
                    "start-en",
                    ("solutions", "themes", "contacts")
                    + ("legal-notice", "privacy", "accessibility"),
                ),
            ]
            for section in sections
        }
        group = Group.objects.get(name=DIGITALAGENTUR_GROUP)
        codenames = set(group.permissions.values_list("codename", flat=True))
        assert {
            "add_fieldofaction",
            "change_fieldofaction",
            "delete_fieldofaction",
        } <= codenames

    def test_setup_roles__every_group_gets_admin_snippets_and_collections(self):
        names = [DIGITALAGENTUR_GROUP, TRANSLATORS_GROUP]
        names += [
            name for role in AREA_ROLES for name in (role.editors, role.moderators)
        ]
        assert Group.objects.filter(name__in=names).count() == 10
        for group in Group.objects.filter(name__in=names):
            codenames = set(group.permissions.values_list("codename", flat=True))
            collection_codenames = set(
                group.collection_permissions.values_list(
                    "permission__codename", flat=True
                )
            )
            with self.subtests.test(group=group.name):
                assert {
                    "access_admin",
                    "add_contact",
                    "change_contact",
                    "add_organisation",
                    "change_organisation",
                } <= codenames
                assert collection_codenames == {
                    "add_image",
                    "choose_image",
                    "add_document",
                    "choose_document",
                }

    # -- editors ----------------------------------------------------------------------

    def test_editor__can_edit_own_area_in_german_and_danish(self):
        self.login("flensburg-editor")
        for page in (self.flensburg_de, self.flensburg_da):
            with self.subtests.test(language=page.locale.language_code):
                response = self.client.get(edit_url(page))
                assert response.status_code == HTTPStatus.OK

    def test_editor__cannot_edit_other_authority(self):
        self.login("flensburg-editor")
        for page in (self.nordfriesland_de, self.nordfriesland_da):
            with self.subtests.test(language=page.locale.language_code):
                response = self.client.get(edit_url(page))
                assert response.status_code in (HTTPStatus.FOUND, HTTPStatus.FORBIDDEN)
                if response.status_code == HTTPStatus.FOUND:
                    assert response.url != edit_url(page)

    def test_editor__can_add_a_solution_in_own_area_only(self):
        self.login("flensburg-editor")
        own = self.flensburg_de.get_parent()
        other = self.nordfriesland_de.get_parent()
        add = "wagtailadmin_pages:add"
        response = self.client.get(
            reverse(add, args=["knowledge", "solutionpage", own.pk])
        )
        assert response.status_code == HTTPStatus.OK
        response = self.client.get(
            reverse(add, args=["knowledge", "solutionpage", other.pk])
        )
        assert response.status_code in (HTTPStatus.FOUND, HTTPStatus.FORBIDDEN)

    def test_editor__saves_a_draft_but_cannot_publish(self):
        user = self.login_as_english("flensburg-editor")
        page = self.flensburg_de
        response = self.client.post(
            edit_url(page),
            self.form_data(page, "Entwurf der Redaktion", "action-publish"),
        )
        assert response.status_code in (HTTPStatus.FOUND, HTTPStatus.OK)
        page.refresh_from_db()
        assert page.title == "Mobilitätsstationen in Flensburger Quartieren"
        assert page.has_unpublished_changes
        assert page.get_latest_revision().user == user
        assert page.get_latest_revision_as_object().title == "Entwurf der Redaktion"
        assert not page.permissions_for_user(user).can_publish()

    # -- moderators -------------------------------------------------------------------

    def test_moderator__cannot_bypass_moderation_in_own_area(self):
        # Publishing goes through the moderation workflow (apps.workflow), which
        # publishes on the last approval: "Publish" only saves a draft here.
        user = self.login_as_english("flensburg-moderator")
        for page in (self.flensburg_de, self.flensburg_da):
            title = f"Freigegeben ({page.locale.language_code})"
            with self.subtests.test(language=page.locale.language_code):
                self.client.post(
                    edit_url(page), self.form_data(page, title, "action-publish")
                )
                page.refresh_from_db()
                assert page.title != title
                assert page.has_unpublished_changes
                assert not page.permissions_for_user(user).can_publish()

    def test_moderator__cannot_publish_other_authority(self):
        user = self.login_as_english("flensburg-moderator")
        page = self.nordfriesland_de
        response = self.client.post(
            edit_url(page), self.form_data(page, "Übernommen", "action-publish")
        )
        assert response.status_code in (HTTPStatus.FOUND, HTTPStatus.FORBIDDEN)
        page.refresh_from_db()
        assert page.title != "Übernommen"
        assert not page.has_unpublished_changes
        assert not page.permissions_for_user(user).can_publish()

    def test_danish_moderator__edits_danish_only_solution(self):
        self.login_as_english("dk-moderator")
        page = solution("dk-natlig-tilsyn-aabenraa", "da")
        response = self.client.post(
            edit_url(page), self.form_data(page, "Natligt tilsyn 2.0", "action-submit")
        )
        assert response.status_code == HTTPStatus.FOUND
        page.refresh_from_db()
        assert page.get_latest_revision_as_object().title == "Natligt tilsyn 2.0"
        assert page.workflow_in_progress

    # -- Digitalagentur and translators -----------------------------------------------

    def test_digitalagentur__edits_every_area_theme_and_field_of_action(self):
        self.login("digitalagentur")
        theme_da = ThemePage.objects.filter(locale__language_code="da").first()
        index_en = KnowledgeIndexPage.objects.get(locale__language_code="en")
        for page in (self.nordfriesland_da, self.flensburg_de, theme_da, index_en):
            with self.subtests.test(page=page.url_path):
                assert self.client.get(edit_url(page)).status_code == HTTPStatus.OK
        field = FieldOfAction.objects.filter(locale__language_code="de").first()
        response = self.client.get(
            reverse("wagtailsnippets_knowledge_fieldofaction:edit", args=[field.pk])
        )
        assert response.status_code == HTTPStatus.OK

    def test_digitalagentur__edits_the_legal_pages_area_editors_do_not(self):
        privacy_da = PrivacyNoticePage.objects.get(locale__language_code="da")
        self.login("digitalagentur")
        assert self.client.get(edit_url(privacy_da)).status_code == HTTPStatus.OK
        self.client.logout()
        self.login("flensburg-editor")
        assert self.client.get(edit_url(privacy_da)).status_code != HTTPStatus.OK

    def test_area_editor__cannot_change_fields_of_action(self):
        self.login("flensburg-editor")
        field = FieldOfAction.objects.filter(locale__language_code="de").first()
        response = self.client.get(
            reverse("wagtailsnippets_knowledge_fieldofaction:edit", args=[field.pk])
        )
        assert response.status_code in (HTTPStatus.FOUND, HTTPStatus.FORBIDDEN)

    def test_translator__edits_pages_in_every_language_but_cannot_publish(self):
        user = self.login_as_english("translator")
        for page in (self.nordfriesland_da, self.flensburg_de):
            with self.subtests.test(page=page.url_path):
                assert self.client.get(edit_url(page)).status_code == HTTPStatus.OK
                assert not page.permissions_for_user(user).can_publish()
        assert user.has_perm("wagtail_localize.submit_translation")
        assert Group.objects.filter(name=TRANSLATORS_GROUP).exists()

    def login_as_english(self, username: str):
        from django.contrib.auth import get_user_model

        user = get_user_model().objects.get(username=username)
        UserProfileFactory(user=user)
        self.login(username)
        return user


@pytest.mark.django_db
class SetupRolesWithoutDemoTests:
    """setup_roles on a site without the demo: groups first, pages when they exist."""

    @pytest.fixture(autouse=True)
    def _django_fixtures(self, db: None) -> None:
        """The database for the test (pytest-django)."""

    def test_setup_roles__without_pages_creates_groups_and_warns(self):
        out = StringIO()
        call_command("setup_roles", stdout=out)
        for role in AREA_ROLES:
            assert Group.objects.filter(name=role.editors).exists()
            assert Group.objects.filter(name=role.moderators).exists()
        assert "No page found for knowledge.PartnerAreaPage" in out.getvalue()
        assert not GroupPagePermission.objects.filter(
            group__name=DIGITALAGENTUR_GROUP
        ).exists()

    def test_setup_roles__grants_areas_created_later_in_every_language(self):
        call_command("setup_roles", stdout=StringIO())
        area = PortalFactory().area
        assert area.slug == "stadt-flensburg"
        danish_area = TranslationFactory(page=area, language_code="da")
        call_command("setup_roles", stdout=StringIO())
        editors = AREA_ROLES[0].editors
        assert {path for path, _, _ in page_permissions(editors)} == {
            area.url_path,
            danish_area.url_path,
        }
